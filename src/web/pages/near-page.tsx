/** "Help near 02320": the next mobile visits within reach and the service points by travel time. */
import type { Lang } from '../../core/i18n.ts';
import type { Area } from '../../core/model/area.ts';
import { type NearAnswer, PUBLIC_HORIZON_DAYS } from '../../services/public-service.ts';
import { Layout, localePath } from '../layout.tsx';
import { t } from '../messages.ts';
import { hoursText, placeHref, SearchForm, siteAddress, travelText, VisitItem } from './public-parts.tsx';

const weeks = String(PUBLIC_HORIZON_DAYS / 7);

function placeLabel(lang: Lang, answer: NearAnswer): string {
  const { place } = answer;
  if (place.kind === 'district' && place.district) return place.district.name[lang];
  return `${place.origin.id} ${place.origin.name[lang]}`;
}

export function NearPage({
  lang,
  answer,
  q,
  map,
}: {
  lang: Lang;
  answer: NearAnswer;
  q: string;
  /** The map's data and tiles (drawn only where JavaScript runs). */
  map?: { readonly src: string; readonly tiles: string | null; readonly attribution: string };
}) {
  const slow = answer.mode === 'pt-slow';
  const label = placeLabel(lang, answer);
  return (
    <Layout
      lang={lang}
      title={t(lang, 'nearTitle', { place: label })}
      path={`/near?q=${encodeURIComponent(q)}${slow ? '&slow=1' : ''}`}
      current="find"
      styles={map ? ['/assets/client/client.css'] : []}
      scripts={map ? ['/assets/client/public-map.js'] : []}
    >
      <h1>{t(lang, 'nearTitle', { place: label })}</h1>
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
          : t(lang, answer.from === 'area-points' ? 'travelFromArea' : 'travelFromAreaCentre', {
              area: `${answer.place.origin.id} ${answer.place.origin.name[lang]}`,
            })}
        {answer.modelledDemand ? ` ${t(lang, 'travelFromAreaModelled')}` : ''}
      </p>
      {answer.approximate ? <p class="notice">{t(lang, 'approximateNote')}</p> : null}
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
  slow,
}: {
  lang: Lang;
  query: string;
  suggestions: readonly Area[];
  slow: boolean;
}) {
  return (
    <Layout lang={lang} title={t(lang, 'unknownPlaceTitle', { query })} path="/near" current="find">
      <h1>{t(lang, 'unknownPlaceTitle', { query })}</h1>
      <p>{t(lang, 'unknownPlaceText')}</p>
      {suggestions.length > 0 ? (
        <>
          <h2>{t(lang, 'didYouMean')}</h2>
          <ul>
            {suggestions.map((a) => {
              const value = a.kind === 'postal-code' ? a.id : a.name[lang];
              return (
                <li>
                  <a href={localePath(lang, `/near?q=${encodeURIComponent(value)}${slow ? '&slow=1' : ''}`)}>
                    {a.kind === 'postal-code' ? `${a.id} ${a.name[lang]}` : a.name[lang]}
                  </a>
                </li>
              );
            })}
          </ul>
        </>
      ) : null}
      <h2>{t(lang, 'searchAgain')}</h2>
      <SearchForm lang={lang} q={query} slow={slow} />
    </Layout>
  );
}
