/**
 * A recurring visit in residents' words: "tiistaisin klo 9.30–12.00, joka viikko (ei 22.12.)",
 * its dates, and who is there when: the languages and topics offered every time, and those
 * offered on some dates only, named with exactly those dates.
 */
import type { Lang } from '../../core/i18n.ts';
import type { Topic } from '../../core/model/topic.ts';
import { type ByDate, groupSeries, statementsOf, type VisitSeries } from '../../core/model/visit-series.ts';
import type { IsoDate, IsoWeekday } from '../../core/time/civil-time.ts';
import type { PublicVisit } from '../../services/public-service.ts';
import { formatDate, formatTime, type MessageKey, t } from '../messages.ts';
import { topicNames, visitLanguages } from './public-parts.tsx';

export type PublicSeries = VisitSeries<PublicVisit>;

/** Visits grouped by place, weekday and hours (see core/model/visit-series.ts). */
export function seriesOf(visits: readonly PublicVisit[]): PublicSeries[] {
  return groupSeries(visits, ({ visit, venue, languages, topicIds }) => ({
    venueId: venue.id,
    date: visit.date,
    start: visit.start,
    end: visit.end,
    cancelled: visit.status === 'cancelled',
    languages,
    topicIds,
  }));
}

/** A date without the year: "8.12." in Finnish and Swedish, "8 Dec" in English. */
export const shortDate = (lang: Lang, d: IsoDate) =>
  lang === 'en'
    ? formatDate(lang, d, false).replace(/ \d{4}$/, '')
    : `${Number(d.slice(8))}.${Number(d.slice(5, 7))}.`;

const isIsoWeekday = (n: number): n is IsoWeekday => Number.isInteger(n) && n >= 1 && n <= 7;

/** "tiistaisin": the weekday a series recurs on (a number that is no weekday shows as itself). */
export const weekdaysText = (lang: Lang, weekday: number): string =>
  isIsoWeekday(weekday) ? t(lang, `weekdays_${weekday}`) : String(weekday);

const listFormats = new Map<string, Intl.ListFormat>();
const LIST_LOCALES: Readonly<Record<Lang, string>> = { fi: 'fi-FI', sv: 'sv-FI', en: 'en-GB' };

/** "8.12. ja 15.12." (or "8.12. tai 15.12."), in the page's language. */
export function dateList(lang: Lang, dates: readonly IsoDate[], type: 'conjunction' | 'disjunction'): string {
  const key = `${lang}:${type}`;
  let format = listFormats.get(key);
  if (!format) {
    format = new Intl.ListFormat(LIST_LOCALES[lang], { type });
    listFormats.set(key, format);
  }
  return format.format(dates.map((d) => shortDate(lang, d)));
}

/** The lines of one series, in reading order, each a sentence on its own. */
export interface SeriesText {
  /** "tiistaisin klo 9.30–12.00, joka viikko (ei 22.12.)". */
  readonly when: string;
  readonly dates: string | null;
  readonly cancelled: string | null;
  readonly languages: readonly string[];
  readonly topics: readonly string[];
}

interface VaryingKeys {
  readonly all: MessageKey;
  readonly everyTime: MessageKey;
  readonly alsoOnly: MessageKey;
  readonly only: MessageKey;
  readonly alsoExcept: MessageKey;
  readonly except: MessageKey;
  readonly param: string;
}

const LANGUAGE_KEYS: VaryingKeys = {
  all: 'advisorsSpeak',
  everyTime: 'advisorsSpeakEveryTime',
  alsoOnly: 'advisorsAlsoSpeakOnly',
  only: 'advisorsSpeakOnly',
  alsoExcept: 'advisorsAlsoSpeakExcept',
  except: 'advisorsSpeakExcept',
  param: 'languages',
};
const TOPIC_KEYS: VaryingKeys = {
  all: 'helpTopics',
  everyTime: 'helpTopicsEveryTime',
  alsoOnly: 'helpTopicsAlsoOnly',
  only: 'helpTopicsOnly',
  alsoExcept: 'helpTopicsAlsoExcept',
  except: 'helpTopicsExcept',
  param: 'topics',
};

/**
 * One line when every date offers the same; else a line for what every date offers and one for
 * each set of items offered on some dates ("Vain 22.12. neuvojat puhuvat myös: arabia"), named
 * by the dates it is offered on or by those it is not, whichever is shorter.
 */
function varyingLines(
  lang: Lang,
  by: ByDate,
  heldDates: readonly IsoDate[],
  keys: VaryingKeys,
  names: (items: readonly string[]) => string,
): string[] {
  const statements = statementsOf(by, heldDates);
  const every = statements.some((s) => s.on === 'every');
  return statements.map((s) => {
    if (s.on === 'every')
      return t(lang, statements.length === 1 ? keys.all : keys.everyTime, { [keys.param]: names(s.items) });
    const key = s.on === 'only' ? (every ? keys.alsoOnly : keys.only) : every ? keys.alsoExcept : keys.except;
    return t(lang, key, { dates: dateList(lang, s.dates, 'conjunction'), [keys.param]: names(s.items) });
  });
}

export function seriesText(lang: Lang, series: PublicSeries): SeriesText {
  const time = t(lang, 'timeRange', {
    start: formatTime(lang, series.start),
    end: formatTime(lang, series.end),
  });
  const single = series.rhythm === 'once' ? (series.dates[0] ?? series.cancelled[0]) : undefined;
  let when: string;
  if (single !== undefined) when = t(lang, 'seriesOnce', { date: formatDate(lang, single), time });
  else {
    const words = t(
      lang,
      series.rhythm === 'weekly'
        ? 'rhythmWeekly'
        : series.rhythm === 'fortnightly'
          ? 'rhythmFortnightly'
          : 'rhythmIrregular',
    );
    const rhythm =
      series.skipped.length > 0
        ? t(lang, 'rhythmSkips', { rhythm: words, dates: dateList(lang, series.skipped, 'disjunction') })
        : words;
    when = t(lang, 'seriesLine', {
      weekdays: weekdaysText(lang, series.weekday),
      time,
      rhythm,
    });
  }
  const topicsById = new Map<string, Topic>(series.visits.flatMap((v) => v.topics).map((x) => [x.id, x]));
  return {
    when,
    dates:
      series.dates.length > 0 && single === undefined
        ? t(lang, 'datesLabel', { dates: series.dates.map((d) => shortDate(lang, d)).join(', ') })
        : null,
    cancelled:
      series.cancelled.length > 0
        ? t(lang, 'cancelledDates', { dates: series.cancelled.map((d) => shortDate(lang, d)).join(', ') })
        : null,
    languages: varyingLines(lang, series.languages, series.dates, LANGUAGE_KEYS, (codes) =>
      visitLanguages(lang, codes),
    ),
    topics: varyingLines(lang, series.topics, series.dates, TOPIC_KEYS, (ids) =>
      topicNames(
        lang,
        ids.flatMap((id) => topicsById.get(id) ?? []),
      ),
    ),
  };
}

/** A series as a group of short paragraphs (the timetable's large type, a place's page). */
export function SeriesSummary({ lang, series }: { lang: Lang; series: PublicSeries }) {
  const text = seriesText(lang, series);
  return (
    <div class="series">
      <p class="line">{text.when}</p>
      {text.dates ? <p>{text.dates}</p> : null}
      {text.cancelled ? <p class="cancel-note">{text.cancelled}</p> : null}
      {text.languages.map((line) => (
        <p>{line}</p>
      ))}
      {text.topics.map((line) => (
        <p>{line}</p>
      ))}
    </div>
  );
}
