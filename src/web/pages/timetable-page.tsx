/**
 * A printable timetable (A4, large type) of a district or a place, for noticeboards and
 * fridges. Visits are grouped by place and by their regular pattern ("Tuesdays at 10–13")
 * with the dates listed, so a resident can learn the rhythm.
 */
import type { Lang } from '../../core/i18n.ts';
import { type IsoDate, isoWeekday } from '../../core/time/civil-time.ts';
import type { PublicVisit } from '../../services/public-service.ts';
import { Layout } from '../layout.tsx';
import { formatDate, formatTime, type MessageKey, t } from '../messages.ts';
import { siteAddress, visitLanguages } from './public-parts.tsx';

interface Pattern {
  readonly weekday: number;
  readonly start: string;
  readonly end: string;
  readonly dates: IsoDate[];
  readonly cancelled: IsoDate[];
  readonly languages: Set<string>;
}

/** Visits of one place grouped by weekday and time, in time order. */
export function patternsOf(visits: readonly PublicVisit[]): Pattern[] {
  const byKey = new Map<string, Pattern>();
  for (const { visit, languages } of visits) {
    const weekday = isoWeekday(visit.date);
    const key = `${weekday} ${visit.start} ${visit.end}`;
    let p = byKey.get(key);
    if (!p) {
      p = { weekday, start: visit.start, end: visit.end, dates: [], cancelled: [], languages: new Set() };
      byKey.set(key, p);
    }
    (visit.status === 'cancelled' ? p.cancelled : p.dates).push(visit.date);
    if (visit.status !== 'cancelled') for (const l of languages) p.languages.add(l);
  }
  return [...byKey.values()].sort((a, b) => a.weekday - b.weekday || a.start.localeCompare(b.start));
}

const shortDate = (lang: Lang, d: IsoDate) =>
  lang === 'en'
    ? formatDate(lang, d, false).replace(/ \d{4}$/, '')
    : `${Number(d.slice(8))}.${Number(d.slice(5, 7))}.`;

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
              {patternsOf(list).map((p) => (
                <>
                  <p class="line">
                    {t(lang, 'timetableLine', {
                      weekdays: t(lang, `weekdays_${p.weekday}` as MessageKey),
                      time: t(lang, 'timeRange', {
                        start: formatTime(lang, p.start),
                        end: formatTime(lang, p.end),
                      }),
                    })}
                  </p>
                  {p.dates.length > 0 ? (
                    <p>
                      {t(lang, 'datesLabel', { dates: p.dates.map((d) => shortDate(lang, d)).join(', ') })}
                    </p>
                  ) : null}
                  {p.cancelled.length > 0 ? (
                    <p class="cancel-note">
                      {t(lang, 'cancelledDates', {
                        dates: p.cancelled.map((d) => shortDate(lang, d)).join(', '),
                      })}
                    </p>
                  ) : null}
                  {p.languages.size > 0 ? (
                    <p>
                      {t(lang, 'advisorsSpeak', { languages: visitLanguages(lang, [...p.languages].sort()) })}
                    </p>
                  ) : null}
                </>
              ))}
            </section>
          );
        })}
      </div>
    </Layout>
  );
}
