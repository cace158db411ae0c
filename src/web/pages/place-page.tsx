/**
 * A venue or a fixed point: address, how to get there, accessibility, hours with exceptions, and
 * visits: first as series in words (when, how often, who is there when), then day by day.
 */
import type { Lang } from '../../core/i18n.ts';
import type { Area } from '../../core/model/area.ts';
import type { Site } from '../../core/model/site.ts';
import type { TransitStation } from '../../core/model/transit-station.ts';
import type { DayHours } from '../../core/time/opening-hours.ts';
import { PUBLIC_HORIZON_DAYS, type PublicVisit } from '../../services/public-service.ts';
import { Layout, localePath, useCity } from '../layout.tsx';
import { formatDate, t } from '../messages.ts';
import { hoursText, siteAddress, VisitItem } from './public-parts.tsx';
import { SeriesSummary, seriesOf } from './series-parts.tsx';

export interface PlacePageProps {
  readonly lang: Lang;
  readonly site: Site;
  readonly district: Area | null;
  readonly hours: readonly DayHours[];
  readonly visits: readonly PublicVisit[];
  readonly nearestStations: readonly { station: TransitStation; walkMinutes: number }[];
}

/** The city's journey-planner link to a place: `{name}`, `{lat}` and `{lon}` filled in, encoded. */
export function journeyLink(template: string, name: string, at: { lat: number; lon: number }): string {
  return template
    .replaceAll('{name}', encodeURIComponent(name))
    .replaceAll('{lat}', encodeURIComponent(String(at.lat)))
    .replaceAll('{lon}', encodeURIComponent(String(at.lon)));
}

export function PlacePage({ lang, site, district, hours, visits, nearestStations }: PlacePageProps) {
  const path = `/places/${encodeURIComponent(site.id)}`;
  const address = siteAddress(site, lang);
  const planner = useCity()?.journeyPlanner ?? null;
  const journey = planner ? journeyLink(planner.url, site.name[lang], site.location) : null;
  return (
    <Layout lang={lang} title={site.name[lang]} path={path}>
      <h1>{site.name[lang]}</h1>
      <p class="muted">
        {t(lang, site.role === 'fixed-point' ? 'placeKind_service_point' : 'placeKind_venue')}
        {district ? ` · ${t(lang, 'visitDistrict', { district: district.name[lang] })}` : ''}
      </p>
      <p>
        <span class="muted">{t(lang, 'address')}: </span>
        {address || t(lang, 'addressUnknown')}
      </p>
      <section aria-labelledby="visits-heading">
        <h2 id="visits-heading">{t(lang, 'upcomingVisits')}</h2>
        {visits.length === 0 ? (
          <p>{t(lang, 'noUpcomingVisits', { weeks: String(PUBLIC_HORIZON_DAYS / 7) })}</p>
        ) : (
          <>
            <h3>{t(lang, 'seriesHeading')}</h3>
            {seriesOf(visits).map((series) => (
              <SeriesSummary lang={lang} series={series} />
            ))}
            <h3>{t(lang, 'visitsByDateHeading')}</h3>
            <ul class="visit-list">
              {visits.map((v) => (
                <VisitItem lang={lang} item={v} showPlace={false} />
              ))}
            </ul>
          </>
        )}
        <ul>
          <li>
            <a href={localePath(lang, `/calendar/places/${encodeURIComponent(site.id)}.ics`)}>
              {t(lang, 'feedPlace', { place: site.name[lang] })}
            </a>
          </li>
          {visits.length > 0 ? (
            <li>
              <a href={localePath(lang, `/print/places/${encodeURIComponent(site.id)}`)}>
                {t(lang, 'printTimetable')}
              </a>
            </li>
          ) : null}
        </ul>
      </section>
      <section aria-labelledby="hours-heading">
        <h2 id="hours-heading">{t(lang, 'openingHours')}</h2>
        <div class="table-wrap">
          <table class="hours-table">
            <tbody>
              {hours.map((h) => (
                <tr>
                  <th scope="row">{formatDate(lang, h.date)}</th>
                  <td>
                    {hoursText(lang, h, false)}
                    {h.open && h.specialDay ? ` (${h.specialDay.name[lang]})` : ''}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
      {nearestStations.length > 0 || journey ? (
        <section aria-labelledby="route-heading">
          <h2 id="route-heading">{t(lang, 'howToGetThere')}</h2>
          {nearestStations.length > 0 ? (
            <ul>
              {nearestStations.map(({ station, walkMinutes }) => (
                <li>
                  {t(lang, 'nearestStation', {
                    station: station.name[lang === 'sv' ? 'sv' : 'fi'],
                    minutes: String(walkMinutes),
                  })}
                </li>
              ))}
            </ul>
          ) : null}
          {planner && journey ? (
            <p>
              <a href={journey} rel="external noopener">
                {planner.link[lang]}
              </a>
            </p>
          ) : null}
        </section>
      ) : null}
      <section aria-labelledby="access-heading">
        <h2 id="access-heading">{t(lang, 'accessibilityInfo')}</h2>
        <p>{site.accessibility?.[lang] ?? t(lang, 'accessibilityUnknown')}</p>
      </section>
    </Layout>
  );
}

export function PlaceNotFoundPage({ lang, path }: { lang: Lang; path: string }) {
  return (
    <Layout lang={lang} title={t(lang, 'placeNotFoundTitle')} path={path}>
      <h1>{t(lang, 'placeNotFoundTitle')}</h1>
      <p>{t(lang, 'placeNotFoundText')}</p>
      <p>
        <a href={localePath(lang, '/schedule')}>{t(lang, 'navSchedule')}</a>
      </p>
    </Layout>
  );
}
