/**
 * "Help near 02320" (or near a place, or a position): the next mobile visits within reach and the
 * service points by travel time; a place asked for by name has its own visits first.
 */
import type { Lang } from '../../core/i18n.ts';
import type { Area } from '../../core/model/area.ts';
import { type NearAnswer, PUBLIC_HORIZON_DAYS } from '../../services/public-service.ts';
import { Layout, localePath, useCity } from '../layout.tsx';
import { t } from '../messages.ts';
import { hoursText, placeHref, SearchForm, siteAddress, travelText, VisitItem } from './public-parts.tsx';

const weeks = String(PUBLIC_HORIZON_DAYS / 7);

function placeLabel(lang: Lang, answer: NearAnswer): string {
  const { place } = answer;
  if (place.kind === 'district' && place.district) return place.district.name[lang];
  const site = place.sites[0];
  if (place.kind === 'site' && site) return place.street ?? site.name[lang];
  if (place.outside) return t(lang, 'yourLocation');
  return `${place.origin.id} ${place.origin.name[lang]}`;
}

export function NearPage({
  lang,
  answer,
  q,
  path,
  map,
}: {
  lang: Lang;
  answer: NearAnswer;
  q: string;
  /** The page's path for the language switch, when not the search for `q`. */
  path?: string | undefined;
  /** The map's data and tiles (drawn only where JavaScript runs). */
  map?: { readonly src: string; readonly tiles: string | null; readonly attribution: string };
}) {
  const slow = answer.mode === 'pt-slow';
  const city = useCity();
  const label = placeLabel(lang, answer);
  const { place } = answer;
  const site = place.kind === 'site' ? place.sites[0] : undefined;
  return (
    <Layout
      lang={lang}
      title={t(lang, 'nearTitle', { place: label })}
      path={path ?? `/near?q=${encodeURIComponent(q)}${slow ? '&slow=1' : ''}`}
      current="find"
      styles={map ? ['/assets/client/client.css'] : []}
      scripts={map ? ['/assets/client/public-map.js'] : []}
    >
      <h1>{t(lang, 'nearTitle', { place: label })}</h1>
      {place.outside ? <p class="notice">{t(lang, 'outsideCity')}</p> : null}
      {site ? (
        <p>
          <a href={placeHref(lang, site)}>{site.name[lang]}</a>
          {siteAddress(site, lang) ? `, ${siteAddress(site, lang)}` : null}
        </p>
      ) : null}
      {place.alternatives.length > 0 ? (
        <section aria-labelledby="alternatives-heading">
          <h2 id="alternatives-heading">{t(lang, 'didYouMean')}</h2>
          <ul>
            {place.alternatives.map((s) => (
              <li>
                <a href={placeHref(lang, s)}>{s.name[lang]}</a>
                {siteAddress(s, lang) ? `, ${siteAddress(s, lang)}` : null}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      <section aria-labelledby="visits-heading">
        <h2 id="visits-heading">{t(lang, 'nextVisitsTitle')}</h2>
        {answer.visits.length === 0 ? (
          <p>{t(lang, 'noVisitsNear', { weeks })}</p>
        ) : (
          <ul class="visit-list">
            {answer.visits.map((v) => (
              <VisitItem lang={lang} item={v} travel={travelText(lang, v.minutes, slow)} />
            ))}
          </ul>
        )}
        <p>
          <a
            href={localePath(
              lang,
              `/schedule${answer.place.district ? `?district=${encodeURIComponent(answer.place.district.id)}` : ''}`,
            )}
          >
            {t(lang, 'navSchedule')}
            {answer.place.district ? `: ${answer.place.district.name[lang]}` : ''}
          </a>
        </p>
      </section>
      <section aria-labelledby="points-heading">
        <h2 id="points-heading">{t(lang, 'nearestPointsTitle')}</h2>
        <ul class="site-list">
          {answer.points.map(({ site, hours, minutes }) => (
            <li>
              <h3>
                <a href={placeHref(lang, site)}>{site.name[lang]}</a>
              </h3>
              <p>{travelText(lang, minutes, slow)}</p>
              {siteAddress(site, lang) ? <p>{siteAddress(site, lang)}</p> : null}
              <p class={hours.open ? 'hours-open' : undefined}>{hoursText(lang, hours)}</p>
            </li>
          ))}
        </ul>
      </section>
      <p>
        {answer.from === 'location'
          ? t(lang, 'travelFromLocation')
          : answer.from === 'site'
            ? t(lang, 'travelFromSite', { place: site?.name[lang] ?? label })
            : t(lang, answer.from === 'area-points' ? 'travelFromArea' : 'travelFromAreaCentre', {
                area: `${answer.place.origin.id} ${answer.place.origin.name[lang]}`,
              })}
        {answer.modelledDemand ? ` ${t(lang, 'travelFromAreaModelled')}` : ''}
      </p>
      {answer.approximate ? (
        <p class="notice">
          {[t(lang, 'approximateNote'), city?.journeyPlanner?.check[lang]].filter(Boolean).join(' ')}
        </p>
      ) : null}
      {map ? (
        <section
          id="near-map"
          class="map js-only"
          aria-label={t(lang, 'nearMapLabel')}
          data-geojson={map.src}
          data-tiles={map.tiles ?? ''}
          data-attribution={map.attribution}
          data-labels={JSON.stringify({
            visits: t(lang, 'mapVisitsListed'),
            place: t(lang, 'mapPlaceLegend'),
            point: t(lang, 'mapPointLegend'),
            origin: t(lang, 'mapOriginLegend'),
            minutes: t(lang, 'minutesShort'),
          })}
        />
      ) : null}
      <h2>{t(lang, 'searchAgain')}</h2>
      <SearchForm lang={lang} q={q} slow={slow} />
    </Layout>
  );
}

export function UnknownPlacePage({
  lang,
  query,
  suggestions,
  districts,
  slow,
}: {
  lang: Lang;
  query: string;
  suggestions: readonly Area[];
  /** The districts to choose from ("choose a district below"). */
  districts: readonly Area[];
  slow: boolean;
}) {
  const near = (value: string) =>
    localePath(lang, `/near?q=${encodeURIComponent(value)}${slow ? '&slow=1' : ''}`);
  const collator = new Intl.Collator(lang);
  return (
    <Layout lang={lang} title={t(lang, 'unknownPlaceTitle', { query })} path="/near" current="find">
      <h1>{t(lang, 'unknownPlaceTitle', { query })}</h1>
      <p>{[t(lang, 'unknownPlaceText'), useCity()?.servedArea[lang]].filter(Boolean).join(' ')}</p>
      {suggestions.length > 0 ? (
        <>
          <h2>{t(lang, 'didYouMean')}</h2>
          <ul>
            {suggestions.map((a) => {
              const value = a.kind === 'postal-code' ? a.id : a.name[lang];
              return (
                <li>
                  <a href={near(value)}>
                    {a.kind === 'postal-code' ? `${a.id} ${a.name[lang]}` : a.name[lang]}
                  </a>
                </li>
              );
            })}
          </ul>
        </>
      ) : null}
      {districts.length > 0 ? (
        <section aria-labelledby="districts-heading">
          <h2 id="districts-heading">{t(lang, 'chooseDistrict')}</h2>
          <ul>
            {[...districts]
              .sort((a, b) => collator.compare(a.name[lang], b.name[lang]))
              .map((d) => (
                <li>
                  <a href={near(d.name[lang])}>{d.name[lang]}</a>
                </li>
              ))}
          </ul>
        </section>
      ) : null}
      <h2>{t(lang, 'searchAgain')}</h2>
      <SearchForm lang={lang} q={query} slow={slow} />
    </Layout>
  );
}
