/** Front page: "find help near you", and the fixed service points in service today with their hours. */
import type { Lang } from '../../core/i18n.ts';
import type { Site } from '../../core/model/site.ts';
import type { DayHours } from '../../core/time/opening-hours.ts';
import { Layout, localePath, useCity } from '../layout.tsx';
import { formatDate, t } from '../messages.ts';
import { hoursText, placeHref, SearchForm, siteAddress } from './public-parts.tsx';

export interface FrontPageProps {
  readonly lang: Lang;
  readonly today: string;
  readonly points: readonly { site: Site; hours: DayHours | null }[];
  readonly demo: boolean;
}

export function FrontPage({ lang, today, points, demo }: FrontPageProps) {
  return (
    <Layout
      lang={lang}
      title={t(lang, 'findHelpTitle')}
      path="/"
      current="find"
      scripts={['/assets/locate.js']}
    >
      <h1>{t(lang, 'findHelpTitle')}</h1>
      <p>{t(lang, 'findHelpIntro')}</p>
      <SearchForm lang={lang} />
      <p>
        <a href={localePath(lang, '/schedule')}>{t(lang, 'navSchedule')}</a>
      </p>
      <h2>{t(lang, 'servicePointsToday')}</h2>
      <p>{t(lang, 'todayIs', { date: formatDate(lang, today) })}</p>
      {points.length === 0 ? (
        <p>{t(lang, 'noServicePoints')}</p>
      ) : (
        <ul class="site-list">
          {points.map(({ site, hours }) => {
            const closing = site.validity.find((v) => v.to !== null && v.to >= today)?.to;
            return (
              <li>
                <h3 lang={lang}>
                  <a href={placeHref(lang, site)}>{site.name[lang]}</a>
                </h3>
                <p>
                  <span class="muted">{t(lang, 'address')}: </span>
                  {site.address.street ? siteAddress(site, lang) : t(lang, 'addressUnknown')}
                </p>
                <p class={hours?.open ? 'hours-open' : undefined}>{hoursText(lang, hours)}</p>
                {closing ? <p>{t(lang, 'openUntil', { date: formatDate(lang, closing, false) })}</p> : null}
              </li>
            );
          })}
        </ul>
      )}
      <section aria-labelledby="api-heading">
        <h2 id="api-heading">{t(lang, 'forDevelopers')}</h2>
        <ul>
          <li>
            <a href="/api/v1/sites?role=fixed-point">{t(lang, 'apiSites')}</a>
          </li>
          <li>
            <a href="/api/openapi.json">{t(lang, 'apiDocument')}</a>
          </li>
        </ul>
      </section>
      {useCity()?.synthetic ? (
        <p class="notice">{t(lang, 'syntheticNotice')}</p>
      ) : demo ? (
        <p class="notice">{t(lang, 'demoNotice')}</p>
      ) : null}
    </Layout>
  );
}
