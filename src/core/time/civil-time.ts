/**
 * Civil (wall-clock) dates and times in the city's time zone.
 *
 * The model stores dates as ISO strings (`2026-03-29`) and times of day as `HH:MM`
 * wall-clock strings, exactly what a resident reads on a timetable. Anything that needs
 * real elapsed time or an instant goes through Temporal with the zone, so that a visit
 * across a daylight-saving change has its true length.
 */
import { Temporal } from 'temporal-polyfill';
import { err, ok, type Result } from '../result.ts';

export const HELSINKI = 'Europe/Helsinki';

/** `YYYY-MM-DD`, a calendar date with no zone. */
export type IsoDate = string;
/** `HH:MM` wall-clock time of day, 00:00–24:00 (24:00 only as an end time). */
export type WallTime = string;

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const WALL_TIME = /^([01]\d|2[0-4]):([0-5]\d)$/;

export function parseIsoDate(value: string): Result<Temporal.PlainDate> {
  if (!ISO_DATE.test(value)) return err(`expected a date as YYYY-MM-DD, got "${value}"`);
  try {
    return ok(Temporal.PlainDate.from(value, { overflow: 'reject' }));
  } catch {
    return err(`"${value}" is not a valid calendar date`);
  }
}

export function isIsoDate(value: string): boolean {
  return parseIsoDate(value).ok;
}

/** Minutes since midnight of a `HH:MM` string, or an error. `24:00` is 1440. */
export function parseWallTime(value: string): Result<number> {
  const m = WALL_TIME.exec(value);
  if (!m) return err(`expected a time as HH:MM (00:00–24:00), got "${value}"`);
  const minutes = Number(m[1]) * 60 + Number(m[2]);
  if (minutes > 24 * 60) return err(`expected a time as HH:MM (00:00–24:00), got "${value}"`);
  return ok(minutes);
}

export function isWallTime(value: string): boolean {
  return parseWallTime(value).ok;
}

export function minutesToWallTime(minutes: number): WallTime {
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  return `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`;
}

/** ISO weekday: Monday = 1 … Sunday = 7. */
export type IsoWeekday = 1 | 2 | 3 | 4 | 5 | 6 | 7;

export function isoWeekday(date: IsoDate): IsoWeekday {
  return Temporal.PlainDate.from(date).dayOfWeek as IsoWeekday;
}

export function addDays(date: IsoDate, days: number): IsoDate {
  return Temporal.PlainDate.from(date).add({ days }).toString();
}

export function compareDates(a: IsoDate, b: IsoDate): number {
  return Temporal.PlainDate.compare(Temporal.PlainDate.from(a), Temporal.PlainDate.from(b));
}

/** Every date from `from` to `to`, both included. */
export function datesBetween(from: IsoDate, to: IsoDate): IsoDate[] {
  const out: IsoDate[] = [];
  let d = Temporal.PlainDate.from(from);
  const end = Temporal.PlainDate.from(to);
  while (Temporal.PlainDate.compare(d, end) <= 0) {
    out.push(d.toString());
    d = d.add({ days: 1 });
  }
  return out;
}

/**
 * The instant (epoch milliseconds) of a wall-clock time on a date in a zone.
 * A time that does not exist (skipped by the spring change) resolves forward and a
 * repeated one (autumn) to the earlier instant, as RFC 5545 and Temporal's
 * `compatible` disambiguation do.
 */
export function wallClockToEpochMs(date: IsoDate, time: WallTime, timeZone = HELSINKI): number {
  const minutes = parseWallTime(time);
  if (!minutes.ok) throw new RangeError(minutes.error);
  // 24:00 is the start of the next day; adding wall-clock minutes to the day's start
  // would be wrong on DST days, so build the wall time and let the zone resolve it.
  const plain = Temporal.PlainDate.from(date)
    .toPlainDateTime({ hour: 0, minute: 0 })
    .add({ minutes: minutes.value });
  const zoned = plain.toZonedDateTime(timeZone, { disambiguation: 'compatible' });
  return zoned.epochMilliseconds;
}

/**
 * The instant when `time` (default 16:00) begins on the day before `date`, wall clock in the zone:
 * when a reminder of something on `date` is due ("the day before at 16:00 Helsinki time"). Across a
 * daylight-saving change it is still 16:00 by the clock, not 24 hours of real time before.
 */
export function dayBeforeAt(date: IsoDate, time: WallTime = '16:00', timeZone = HELSINKI): number {
  return wallClockToEpochMs(addDays(date, -1), time, timeZone);
}

/** Real elapsed minutes between two wall-clock times on one date (end after start). */
export function elapsedMinutes(date: IsoDate, start: WallTime, end: WallTime, timeZone = HELSINKI): number {
  return (wallClockToEpochMs(date, end, timeZone) - wallClockToEpochMs(date, start, timeZone)) / 60_000;
}

/** The calendar date in a zone of an instant (for "today", given the clock's reading). */
export function isoDateAt(epochMs: number, timeZone = HELSINKI): IsoDate {
  return Temporal.Instant.fromEpochMilliseconds(epochMs)
    .toZonedDateTimeISO(timeZone)
    .toPlainDate()
    .toString();
}

/** The wall-clock time in a zone of an instant. */
export function wallTimeAt(epochMs: number, timeZone = HELSINKI): WallTime {
  const z = Temporal.Instant.fromEpochMilliseconds(epochMs).toZonedDateTimeISO(timeZone);
  return minutesToWallTime(z.hour * 60 + z.minute);
}

/** The Monday of the ISO week containing `date`. */
export function startOfIsoWeek(date: IsoDate): IsoDate {
  const d = Temporal.PlainDate.from(date);
  return d.subtract({ days: d.dayOfWeek - 1 }).toString();
}

/** The ISO week a date belongs to, as `2026-W50` (the week-numbering year may differ from the date's). */
export function isoWeekOf(date: IsoDate): string {
  const d = Temporal.PlainDate.from(date);
  return `${d.yearOfWeek}-W${String(d.weekOfYear).padStart(2, '0')}`;
}

/** The Monday of an ISO week written `2026-W50`; null when malformed or the year has no such week. */
export function mondayOfIsoWeek(week: string): IsoDate | null {
  const m = /^(\d{4})-W(\d{2})$/.exec(week);
  if (!m) return null;
  // 4 January is always in week 1.
  const monday = addDays(startOfIsoWeek(`${m[1]}-01-04`), (Number(m[2]) - 1) * 7);
  return isoWeekOf(monday) === week ? monday : null;
}
