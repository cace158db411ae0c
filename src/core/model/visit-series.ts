/**
 * Visits of one place that recur (same weekday and hours) told the way residents read a
 * timetable: "Tuesdays 9.30–12.00, every week (not 22.12.)", with what is there every time
 * (the advisors' languages, the topics they help with) and what only on some dates. A language
 * is only ever tied to a date whose own advisors speak it. Pure: dates are ISO strings.
 */
import { addDays, type IsoDate, type IsoWeekday, isoWeekday, type WallTime } from '../time/civil-time.ts';

/** What grouping needs of a visit. */
export interface SeriesVisit {
  readonly venueId: string;
  readonly date: IsoDate;
  readonly start: WallTime;
  readonly end: WallTime;
  readonly cancelled: boolean;
  /** Languages the visit's own advisors speak. */
  readonly languages: readonly string[];
  /** Topics the visit's own advisors help with. */
  readonly topicIds: readonly string[];
}

/**
 * `once`: a single date; `weekly` and `fortnightly`: every week or every other week from the
 * first date to the last, but the skipped dates; `irregular`: no rhythm a resident could learn.
 */
export type Rhythm = 'once' | 'weekly' | 'fortnightly' | 'irregular';

/** Items (language codes or topic ids) offered on some of the dates: exactly these dates. */
export interface OnSomeDates {
  readonly dates: readonly IsoDate[];
  readonly items: readonly string[];
}

/** Items offered on every held date, and the rest with the dates each is offered on. */
export interface ByDate {
  readonly everyTime: readonly string[];
  /** Items with the same dates together, in order of their first date. */
  readonly someDates: readonly OnSomeDates[];
}

export interface VisitSeries<V> {
  readonly venueId: string;
  readonly weekday: IsoWeekday;
  readonly start: WallTime;
  readonly end: WallTime;
  /** Every visit of the series (held and cancelled), by date. */
  readonly visits: readonly V[];
  /** Dates with a visit that is held, ascending. */
  readonly dates: readonly IsoDate[];
  /** Dates whose visit is cancelled (and no other visit of the series is held that day). */
  readonly cancelled: readonly IsoDate[];
  readonly rhythm: Rhythm;
  /** Dates on the rhythm between the first and the last date without any visit (holidays, closures). */
  readonly skipped: readonly IsoDate[];
  readonly languages: ByDate;
  readonly topics: ByDate;
}

/** The languages a visit's staff speak: each once, sorted. */
export function staffLanguages(staff: readonly { readonly languages: readonly string[] }[]): string[] {
  return [...new Set(staff.flatMap((a) => a.languages))].sort();
}

const DAY_MS = 24 * 60 * 60 * 1000;
const epochDay = (d: IsoDate) =>
  Date.UTC(Number(d.slice(0, 4)), Number(d.slice(5, 7)) - 1, Number(d.slice(8, 10))) / DAY_MS;

/**
 * The rhythm of a set of dates on one weekday and the dates it skips. Weekly when two dates are
 * a week apart, fortnightly when every gap is a whole number of fortnights; either only while
 * at most a third of the dates on that rhythm are skipped, else irregular.
 */
export function rhythmOf(dates: readonly IsoDate[]): { rhythm: Rhythm; skipped: IsoDate[] } {
  const sorted = [...new Set(dates)].sort();
  const first = sorted[0];
  const last = sorted.at(-1);
  if (first === undefined || last === undefined || sorted.length === 1)
    return { rhythm: 'once', skipped: [] };
  const gaps = sorted.slice(1).map((d, i) => epochDay(d) - epochDay(sorted[i] as IsoDate));
  const step = Math.min(...gaps) === 7 ? 7 : gaps.every((g) => g % 14 === 0) ? 14 : null;
  if (step === null || gaps.some((g) => g % step !== 0)) return { rhythm: 'irregular', skipped: [] };
  const present = new Set(sorted);
  const grid: IsoDate[] = [];
  for (let d = first; d <= last; d = addDays(d, step)) grid.push(d);
  const skipped = grid.filter((d) => !present.has(d));
  if (skipped.length * 3 > grid.length) return { rhythm: 'irregular', skipped: [] };
  return { rhythm: step === 7 ? 'weekly' : 'fortnightly', skipped };
}

/** Items offered every time and those offered on some dates only, from the items of each date. */
export function byDate(perDate: ReadonlyMap<IsoDate, readonly string[]>): ByDate {
  const dates = [...perDate.keys()].sort();
  // Items in the order they first appear, date by date.
  const order: string[] = [];
  const datesOf = new Map<string, IsoDate[]>();
  for (const date of dates) {
    for (const item of new Set(perDate.get(date))) {
      let list = datesOf.get(item);
      if (!list) {
        list = [];
        datesOf.set(item, list);
        order.push(item);
      }
      list.push(date);
    }
  }
  const everyTime = order.filter((item) => datesOf.get(item)?.length === dates.length);
  const groups = new Map<string, { dates: IsoDate[]; items: string[] }>();
  for (const item of order) {
    const on = datesOf.get(item) ?? [];
    if (on.length === dates.length) continue;
    const key = on.join(' ');
    const group = groups.get(key) ?? { dates: on, items: [] };
    group.items.push(item);
    groups.set(key, group);
  }
  const someDates = [...groups.values()].sort((a, b) => {
    for (let i = 0; i < Math.min(a.dates.length, b.dates.length); i++) {
      const c = (a.dates[i] as IsoDate).localeCompare(b.dates[i] as IsoDate);
      if (c !== 0) return c;
    }
    return a.dates.length - b.dates.length;
  });
  return { everyTime, someDates };
}

/**
 * A `ByDate` as residents read it: what every date offers, then each set of items with the
 * dates it is offered on, or, when that is the shorter list, with the dates it is not.
 */
export type Statement =
  | { readonly on: 'every'; readonly items: readonly string[] }
  | { readonly on: 'only' | 'except'; readonly dates: readonly IsoDate[]; readonly items: readonly string[] };

export function statementsOf(by: ByDate, heldDates: readonly IsoDate[]): Statement[] {
  return [
    ...(by.everyTime.length > 0 ? [{ on: 'every' as const, items: by.everyTime }] : []),
    ...by.someDates.map((g): Statement => {
      const missing = heldDates.filter((d) => !g.dates.includes(d));
      return missing.length < g.dates.length
        ? { on: 'except', dates: missing, items: g.items }
        : { on: 'only', dates: g.dates, items: g.items };
    }),
  ];
}

/** What statements say is offered on a date: nothing on a date that is not held. */
export function offeredOn(
  statements: readonly Statement[],
  heldDates: readonly IsoDate[],
  date: IsoDate,
): string[] {
  if (!heldDates.includes(date)) return [];
  return statements.flatMap((s) =>
    s.on === 'every' || (s.on === 'only') === s.dates.includes(date) ? s.items : [],
  );
}

/** The languages a series says its advisors speak on a date. */
export const languagesOn = <V>(series: VisitSeries<V>, date: IsoDate) =>
  offeredOn(statementsOf(series.languages, series.dates), series.dates, date);

/** The topics a series says its advisors help with on a date. */
export const topicsOn = <V>(series: VisitSeries<V>, date: IsoDate) =>
  offeredOn(statementsOf(series.topics, series.dates), series.dates, date);

/**
 * Visits grouped by place, weekday and hours, each group with its rhythm, skipped and cancelled
 * dates, and its languages and topics by date. Groups come by weekday, then time, then place.
 */
export function groupSeries<V>(visits: readonly V[], view: (v: V) => SeriesVisit): VisitSeries<V>[] {
  const groups = new Map<string, { key: SeriesVisit; weekday: IsoWeekday; members: [V, SeriesVisit][] }>();
  for (const v of visits) {
    const s = view(v);
    const weekday = isoWeekday(s.date);
    const key = JSON.stringify([s.venueId, weekday, s.start, s.end]);
    const group = groups.get(key) ?? { key: s, weekday, members: [] };
    group.members.push([v, s]);
    groups.set(key, group);
  }
  return [...groups.values()]
    .map(({ key, weekday, members }) => {
      members.sort((a, b) => a[1].date.localeCompare(b[1].date));
      const held = members.filter(([, s]) => !s.cancelled);
      const dates = [...new Set(held.map(([, s]) => s.date))];
      const cancelled = [
        ...new Set(members.filter(([, s]) => s.cancelled && !dates.includes(s.date)).map(([, s]) => s.date)),
      ];
      const union = (pick: (s: SeriesVisit) => readonly string[]) => {
        const perDate = new Map<IsoDate, string[]>();
        for (const [, s] of held) perDate.set(s.date, [...(perDate.get(s.date) ?? []), ...pick(s)]);
        return perDate;
      };
      return {
        venueId: key.venueId,
        weekday,
        start: key.start,
        end: key.end,
        visits: members.map(([v]) => v),
        dates,
        cancelled,
        // A cancelled date still belongs to the rhythm: it is not a skipped one.
        ...rhythmOf([...dates, ...cancelled]),
        languages: byDate(union((s) => s.languages)),
        topics: byDate(union((s) => s.topicIds)),
      };
    })
    .sort(
      (a, b) =>
        a.weekday - b.weekday ||
        a.start.localeCompare(b.start) ||
        a.end.localeCompare(b.end) ||
        a.venueId.localeCompare(b.venueId),
    );
}
