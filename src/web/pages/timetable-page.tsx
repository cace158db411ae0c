/**
 * A printable timetable (A4, large type) of a district or a place, for noticeboards and
 * fridges. Visits are grouped by place and into series by weekday and hours, each told in
 * words ("Tuesdays at 9:30–12:00, every week (not 22 Dec)") with its dates, and with the
 * languages and topics of each date: those offered every time once, the rest with their dates.
 */
import type { Lang } from '../../core/i18n.ts';
import type { IsoDate } from '../../core/time/civil-time.ts';
import type { PublicVisit } from '../../services/public-service.ts';
import { Layout } from '../layout.tsx';
import { formatDate, t } from '../messages.ts';
import { siteAddress } from './public-parts.tsx';
import { SeriesSummary, seriesOf } from './series-parts.tsx';

export function TimetablePage({
  lang,
  name,
  path,
  from,
  to,
  visits,
}: {
  lang: Lang;
  name: string;
  path: string;
  from: IsoDate;
  to: IsoDate;
  visits: readonly PublicVisit[];
}) {
  const places = new Map<string, PublicVisit[]>();
  for (const v of visits) places.set(v.venue.id, [...(places.get(v.venue.id) ?? []), v]);
  const collator = new Intl.Collator(lang);
  const ordered = [...places.values()].sort((a, b) =>
    collator.compare(a[0]?.venue.name[lang] ?? '', b[0]?.venue.name[lang] ?? ''),
  );
  return (
    <Layout lang={lang} title={t(lang, 'timetableTitle', { name })} path={path} printable>
      <div class="timetable">
        <h1>{t(lang, 'timetableTitle', { name })}</h1>
        <p>
          {t(lang, 'timetablePeriod', {
            from: formatDate(lang, from, false),
            to: formatDate(lang, to, false),
          })}
        </p>
        <p class="hint no-print">{t(lang, 'printHint')}</p>
        {ordered.length === 0 ? <p>{t(lang, 'timetableNoVisits')}</p> : null}
        {ordered.map((list) => {
          const venue = list[0]?.venue;
          if (!venue) return null;
          return (
            <section aria-labelledby={`tt-${venue.id}`}>
              <h2 id={`tt-${venue.id}`}>{venue.name[lang]}</h2>
              {siteAddress(venue, lang) ? <p>{siteAddress(venue, lang)}</p> : null}
              {seriesOf(list).map((series) => (
                <SeriesSummary lang={lang} series={series} />
              ))}
            </section>
          );
        })}
      </div>
    </Layout>
  );
}
