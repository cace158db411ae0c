/** Front page: the fixed service points in service today, with today's hours. */
import type { Lang } from '../../core/i18n.ts';
import type { Site } from '../../core/model/site.ts';
import type { DayHours } from '../../core/time/opening-hours.ts';
import { Layout } from '../layout.tsx';
import { formatDate, formatTime, t } from '../messages.ts';

export interface FrontPageProps {
  readonly lang: Lang;
  readonly today: string;
  readonly points: readonly { site: Site; hours: DayHours | null }[];
  readonly demo: boolean;
}

function hoursText(lang: Lang, hours: DayHours | null): string {
  if (!hours?.open) {
    const reason = hours?.specialDay?.name[lang] ?? hours?.note?.[lang];
    return reason ? t(lang, 'closedTodayBecause', { reason }) : t(lang, 'closedToday');
  }
  const spans = hours.intervals.map((i) =>
    t(lang, 'timeRange', { start: formatTime(lang, i.start), end: formatTime(lang, i.end) }),
  );
  return t(lang, 'openToday', { hours: spans.join(', ') });
}

export function FrontPage({ lang, today, points, demo }: FrontPageProps) {
  return (
    <Layout lang={lang} title={t(lang, 'frontTitle')} path="/">
      <h1>{t(lang, 'frontTitle')}</h1>
      <p>{t(lang, 'frontIntro')}</p>
      <p>{t(lang, 'todayIs', { date: formatDate(lang, today) })}</p>
      {points.length === 0 ? (
        <p>{t(lang, 'noServicePoints')}</p>
      ) : (
        <ul class="site-list">
          {points.map(({ site, hours }) => {
            const closing = site.validity.find((v) => v.to !== null && v.to >= today)?.to;
            const street = [
              site.address.street,
              [site.address.postalCode, site.address.city].filter(Boolean).join(' '),
            ]
              .filter(Boolean)
              .join(', ');
            return (
              <li>
                <h2 lang={lang}>{site.name[lang]}</h2>
                <p>
                  <span class="muted">{t(lang, 'address')}: </span>
                  {site.address.street ? street : t(lang, 'addressUnknown')}
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
      {demo ? <p class="notice">{t(lang, 'demoNotice')}</p> : null}
    </Layout>
  );
}
