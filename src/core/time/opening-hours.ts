/**
 * Opening hours of a place: validity periods (when the place exists at all), weekly
 * hours (optionally seasonal), and dated exceptions; combined with the holiday calendar
 * into the hours of one date.
 *
 * Precedence on a date, most specific first:
 *   1. outside every validity period → closed;
 *   2. a dated exception → its hours (or closed);
 *   3. a public holiday or city closure day → closed, unless the place opens on holidays;
 *   4. the weekly rules valid on that date. Seasonal rules (with a validity range) replace
 *      the open-ended ones for the whole week they cover: "summer hours" are a week of
 *      their own, not a patch on top of the normal week.
 */
import type { LocalizedText } from '../i18n.ts';
import { err, ok, type Result } from '../result.ts';
import {
  type IsoDate,
  type IsoWeekday,
  isoWeekday,
  minutesToWallTime,
  parseIsoDate,
  parseWallTime,
  type WallTime,
} from './civil-time.ts';
import type { HolidayCalendar, SpecialDay } from './holidays.ts';

export interface TimeInterval {
  readonly start: WallTime;
  readonly end: WallTime;
}

export interface WeeklyHoursRule {
  readonly weekday: IsoWeekday;
  readonly opens: WallTime;
  readonly closes: WallTime;
  /** First date the rule applies (null: open-ended). */
  readonly validFrom: IsoDate | null;
  /** Last date the rule applies, inclusive (null: open-ended). */
  readonly validTo: IsoDate | null;
}

export interface HoursException {
  readonly date: IsoDate;
  /** Empty means closed all day. */
  readonly intervals: readonly TimeInterval[];
  readonly note: LocalizedText | null;
}

/** A period in which a place is in service; both ends inclusive, null is open-ended. */
export interface ValidityPeriod {
  readonly from: IsoDate | null;
  readonly to: IsoDate | null;
}

export interface OpeningSchedule {
  readonly validity: readonly ValidityPeriod[];
  readonly weekly: readonly WeeklyHoursRule[];
  readonly exceptions: readonly HoursException[];
  readonly openOnPublicHolidays: boolean;
}

export type DayHoursReason = 'regular' | 'exception' | 'holiday' | 'outside-validity' | 'no-hours';

export interface DayHours {
  readonly date: IsoDate;
  readonly open: boolean;
  readonly intervals: readonly TimeInterval[];
  readonly reason: DayHoursReason;
  readonly specialDay: SpecialDay | null;
  readonly note: LocalizedText | null;
}

export function isWithinPeriod(date: IsoDate, period: ValidityPeriod): boolean {
  // ISO dates compare correctly as strings.
  return (period.from === null || date >= period.from) && (period.to === null || date <= period.to);
}

/** A place with no validity periods is in service on every date. */
export function isInService(validity: readonly ValidityPeriod[], date: IsoDate): boolean {
  return validity.length === 0 || validity.some((p) => isWithinPeriod(date, p));
}

export function hoursOn(schedule: OpeningSchedule, date: IsoDate, calendar: HolidayCalendar): DayHours {
  const specialDay = calendar.specialDay(date) ?? null;
  const closed = (reason: DayHoursReason, note: LocalizedText | null = null): DayHours => ({
    date,
    open: false,
    intervals: [],
    reason,
    specialDay,
    note,
  });

  if (!isInService(schedule.validity, date)) return closed('outside-validity');

  const exception = schedule.exceptions.find((e) => e.date === date);
  if (exception) {
    const intervals = sortIntervals(exception.intervals);
    return {
      date,
      open: intervals.length > 0,
      intervals,
      reason: 'exception',
      specialDay,
      note: exception.note,
    };
  }

  if (specialDay?.closed && !schedule.openOnPublicHolidays) return closed('holiday');

  const weekday = isoWeekday(date);
  const applicable = schedule.weekly.filter((r) =>
    isWithinPeriod(date, { from: r.validFrom, to: r.validTo }),
  );
  const seasonal = applicable.filter((r) => r.validFrom !== null || r.validTo !== null);
  const rules = (seasonal.length > 0 ? seasonal : applicable).filter((r) => r.weekday === weekday);
  if (rules.length === 0) return closed('no-hours');
  const intervals = sortIntervals(rules.map((r) => ({ start: r.opens, end: r.closes })));
  return { date, open: true, intervals, reason: 'regular', specialDay, note: null };
}

function sortIntervals(intervals: readonly TimeInterval[]): TimeInterval[] {
  return [...intervals].sort((a, b) => a.start.localeCompare(b.start));
}

/** Total wall-clock minutes of a day's intervals. */
export function openMinutes(day: DayHours): number {
  let total = 0;
  for (const i of day.intervals) {
    const s = parseWallTime(i.start);
    const e = parseWallTime(i.end);
    if (s.ok && e.ok) total += e.value - s.value;
  }
  return total;
}

/** Whether [start, end) lies inside one of the day's open intervals. */
export function coversInterval(day: DayHours, start: WallTime, end: WallTime): boolean {
  return day.intervals.some((i) => i.start <= start && end <= i.end);
}

// ---------------------------------------------------------------------------------------
// Compact weekly hours: a documented subset of OpenStreetMap's opening_hours syntax.
//   "Mo-Fr 09:00-16:00; Sa 10:00-14:00"   "Mo,We 10:00-12:00,13:00-15:00"   "Su off"
// Days: Mo Tu We Th Fr Sa Su, single, ranges (Mo-Fr) and lists (Mo,We). A later rule for
// the same day replaces an earlier one, as in OSM.
// ---------------------------------------------------------------------------------------

const DAY_CODES = ['Mo', 'Tu', 'We', 'Th', 'Fr', 'Sa', 'Su'] as const;

export interface CompactHoursRule {
  readonly weekday: IsoWeekday;
  readonly opens: WallTime;
  readonly closes: WallTime;
}

export function parseCompactHours(text: string): Result<CompactHoursRule[]> {
  const byDay = new Map<IsoWeekday, CompactHoursRule[]>();
  const trimmed = text.trim();
  if (trimmed === '') return ok([]);
  for (const [index, part] of trimmed.split(';').entries()) {
    const rule = part.trim();
    if (rule === '') continue;
    const where = `rule ${index + 1} ("${rule}")`;
    const m = /^([A-Za-z,-]+)\s+(.+)$/.exec(rule);
    if (!m?.[1] || !m[2]) return err(`${where}: expected days then times, e.g. "Mo-Fr 09:00-16:00"`);
    const days = parseDays(m[1]);
    if (!days.ok) return err(`${where}: ${days.error}`);
    const timesText = m[2].trim();
    const rules: CompactHoursRule[] = [];
    if (timesText !== 'off' && timesText !== 'closed') {
      const intervals: [WallTime, WallTime][] = [];
      for (const span of timesText.split(',')) {
        const t = /^(\d{2}:\d{2})-(\d{2}:\d{2})$/.exec(span.trim());
        if (!t?.[1] || !t[2]) return err(`${where}: expected times as HH:MM-HH:MM, got "${span.trim()}"`);
        const s = parseWallTime(t[1]);
        const e = parseWallTime(t[2]);
        if (!s.ok) return err(`${where}: ${s.error}`);
        if (!e.ok) return err(`${where}: ${e.error}`);
        if (e.value <= s.value)
          return err(`${where}: closing time ${t[2]} must be after opening time ${t[1]}`);
        intervals.push([minutesToWallTime(s.value), minutesToWallTime(e.value)]);
      }
      intervals.sort((a, b) => a[0].localeCompare(b[0]));
      for (let i = 1; i < intervals.length; i++) {
        const prev = intervals[i - 1];
        const cur = intervals[i];
        if (prev && cur && cur[0] < prev[1])
          return err(`${where}: intervals ${prev.join('-')} and ${cur.join('-')} overlap`);
      }
      for (const weekday of days.value) {
        for (const [opens, closes] of intervals) rules.push({ weekday, opens, closes });
      }
    }
    for (const weekday of days.value) {
      byDay.set(
        weekday,
        rules.filter((r) => r.weekday === weekday),
      );
    }
  }
  return ok([...byDay.entries()].sort(([a], [b]) => a - b).flatMap(([, rules]) => rules));
}

function parseDays(text: string): Result<IsoWeekday[]> {
  const out = new Set<IsoWeekday>();
  for (const item of text.split(',')) {
    const range = item.split('-');
    const codes = range.map((c) => DAY_CODES.indexOf(c as (typeof DAY_CODES)[number]));
    if (range.length > 2 || codes.some((c) => c < 0)) {
      return err(
        `unknown day "${item}"; expected Mo, Tu, We, Th, Fr, Sa, Su, a range (Mo-Fr) or a list (Mo,We)`,
      );
    }
    const from = codes[0] ?? 0;
    const to = codes[codes.length - 1] ?? from;
    if (to < from) return err(`day range "${item}" runs backwards`);
    for (let d = from; d <= to; d++) out.add((d + 1) as IsoWeekday);
  }
  return ok([...out].sort((a, b) => a - b));
}

/** The inverse of parseCompactHours, grouping consecutive days with equal hours. */
export function formatCompactHours(rules: readonly CompactHoursRule[]): string {
  const perDay = new Map<IsoWeekday, string>();
  for (const r of [...rules].sort((a, b) => a.weekday - b.weekday || a.opens.localeCompare(b.opens))) {
    const span = `${r.opens}-${r.closes}`;
    const prev = perDay.get(r.weekday);
    perDay.set(r.weekday, prev ? `${prev},${span}` : span);
  }
  const parts: string[] = [];
  let d = 1;
  while (d <= 7) {
    const hours = perDay.get(d as IsoWeekday);
    if (!hours) {
      d++;
      continue;
    }
    let end = d;
    while (end < 7 && perDay.get((end + 1) as IsoWeekday) === hours) end++;
    const from = DAY_CODES[d - 1];
    const to = DAY_CODES[end - 1];
    parts.push(`${end === d ? from : `${from}-${to}`} ${hours}`);
    d = end + 1;
  }
  return parts.join('; ');
}

/**
 * Dated exceptions in compact form: `2026-12-23 10:00-14:00; 2026-12-30 off`.
 * Notes are not part of the compact form (they come with the app's exception editor).
 */
export function parseCompactExceptions(text: string): Result<HoursException[]> {
  const out: HoursException[] = [];
  const seen = new Set<string>();
  for (const [index, part] of text.split(';').entries()) {
    const item = part.trim();
    if (item === '') continue;
    const where = `exception ${index + 1} ("${item}")`;
    const m = /^(\d{4}-\d{2}-\d{2})\s+(.+)$/.exec(item);
    if (!m?.[1] || !m[2]) return err(`${where}: expected "YYYY-MM-DD off" or "YYYY-MM-DD HH:MM-HH:MM"`);
    const date = parseIsoDate(m[1]);
    if (!date.ok) return err(`${where}: ${date.error}`);
    if (seen.has(m[1])) return err(`${where}: date ${m[1]} is listed twice`);
    seen.add(m[1]);
    if (m[2].trim() === 'off' || m[2].trim() === 'closed') {
      out.push({ date: m[1], intervals: [], note: null });
      continue;
    }
    // Reuse the weekly parser's time handling by pretending the date is a Monday rule.
    const parsed = parseCompactHours(`Mo ${m[2].trim()}`);
    if (!parsed.ok) return err(`${where}: ${parsed.error.replace(/^rule 1 \("[^"]*"\): /, '')}`);
    out.push({
      date: m[1],
      intervals: parsed.value.map((r) => ({ start: r.opens, end: r.closes })),
      note: null,
    });
  }
  return ok(out);
}
