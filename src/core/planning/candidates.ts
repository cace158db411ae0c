/**
 * The candidate visits of a plan: every venue × working day × time block inside the venue's
 * hours that enough advisors could staff, the published visits (pins), which never move, and
 * the visits pinned series ask for. Each carries its staffing need (from the venue's learned
 * contacts for its exact times, else from the need in reach) and the advisors who could staff it.
 */
import { datesBetween, type IsoDate, isoWeekday, startOfIsoWeek } from '../time/civil-time.ts';
import {
  isAbsentOn,
  isAvailable,
  minutesOf,
  type PlanningInstance,
  type PlanningSeriesPin,
  type PlanningVenue,
  weekOf,
} from './instance.ts';
import type { Candidate, ExpectedFrom, PlanningProblem } from './prepare.ts';

/** The horizon's dates with their weeks and weekdays, and the closed ones. */
export interface Horizon {
  readonly dates: readonly IsoDate[];
  readonly closed: ReadonlySet<IsoDate>;
  /** Weeks the horizon touches (ISO weeks, Monday to Sunday). */
  readonly weeks: number;
  /** Index of a date's week (0 = the week of `from`). */
  readonly weekOf: (date: IsoDate) => number;
  /** ISO weekday of a date (1 = Monday). */
  readonly weekdayOf: (date: IsoDate) => number;
}

export function horizonOf(x: PlanningInstance): Horizon {
  const dates = datesBetween(x.from, x.to);
  const firstOffset = dates.length === 0 ? 0 : isoWeekday(x.from) - 1;
  const weekdayOf = new Map(dates.map((d, i) => [d, ((firstOffset + i) % 7) + 1]));
  const weekIndex = new Map(dates.map((d, i) => [d, Math.floor((firstOffset + i) / 7)]));
  const weekOfDate = (date: IsoDate) => weekIndex.get(date) ?? weekOf(x.from, date);
  const weekdayOfDate = (date: IsoDate) => weekdayOf.get(date) ?? isoWeekday(date);
  return {
    dates,
    closed: new Set(x.closedDates),
    weeks: dates.length === 0 ? 0 : weekOfDate(x.to) + 1,
    weekOf: weekOfDate,
    weekdayOf: weekdayOfDate,
  };
}

/** A visit's expected contacts, where they come from, and the advisors it needs. */
interface StaffNeed {
  readonly expected: number;
  readonly staff: number;
  readonly from: ExpectedFrom;
}

/** Who staffs a visit at a venue and times: how many advisors it needs, and who could come. */
export interface Staffing {
  readonly needOf: (venue: number, start: number, end: number) => StaffNeed;
  /** Advisors available then, not absent, working in the venue's district. */
  readonly eligibleFor: (
    venue: number,
    date: IsoDate,
    weekday: number,
    start: number,
    end: number,
  ) => number[];
}

/** Staffing from the venues' learned contacts, else from the weighted need each venue reaches. */
export function staffingOf(x: PlanningInstance, reachedWeight: readonly number[]): Staffing {
  const p = x.params;
  // Contacts learned from the log for a venue's exact time block win over the need-based estimate.
  const learned = x.venues.map((v) => {
    const m = new Map<string, number>();
    for (const l of v.learnedContacts ?? []) {
      const k = `${minutesOf(l.start)}|${minutesOf(l.end)}`;
      if (!m.has(k)) m.set(k, l.contactsPerVisit);
    }
    return m;
  });
  const needOf = (venue: number, start: number, end: number): StaffNeed => {
    const fromLogs = learned[venue]?.get(`${start}|${end}`);
    const expected = fromLogs ?? (p.contactsPerThousand * (reachedWeight[venue] ?? 0)) / 1000;
    const capacity = p.contactsPerAdvisorHour * ((end - start) / 60);
    const staff = Math.min(
      p.maxAdvisorsPerVisit,
      Math.max(1, Math.ceil(expected / Math.max(1e-9, capacity) - 1e-9)),
    );
    return { expected, staff, from: fromLogs === undefined ? 'need' : 'logs' };
  };
  const eligibleFor = (venue: number, date: IsoDate, weekday: number, start: number, end: number) => {
    const out: number[] = [];
    const district = x.venues[venue]?.district ?? '';
    for (const [i, a] of x.advisors.entries()) {
      if (a.districts.length > 0 && !a.districts.includes(district)) continue;
      if (isAbsentOn(a, date) || !isAvailable(a, weekday, start, end)) continue;
      out.push(i);
    }
    return out;
  };
  return { needOf, eligibleFor };
}

function venueOpen(v: PlanningVenue, date: IsoDate, start: number, end: number): boolean {
  return (v.hours[date] ?? []).some(([s, e]) => minutesOf(s) <= start && end <= minutesOf(e));
}

/**
 * The visits in time blocks: each working day of the horizon (only the repair's dates, in a
 * repair), venue not beside a fixed point, block inside the venue's hours, with enough
 * eligible advisors. Also their index by venue, date and times, for the pins to find them.
 */
export function blockCandidates(
  x: PlanningInstance,
  horizon: Horizon,
  staffing: Staffing,
): { candidates: Candidate[]; byTime: Map<string, number> } {
  const candidates: Candidate[] = [];
  const byTime = new Map<string, number>();
  const onlyDates = x.newVisitDates ? new Set(x.newVisitDates) : null;
  for (const [d, date] of horizon.dates.entries()) {
    const weekday = horizon.weekdayOf(date);
    if (weekday > 5 || horizon.closed.has(date) || (onlyDates && !onlyDates.has(date))) continue;
    const week = horizon.weekOf(date);
    for (const [v, venue] of x.venues.entries()) {
      if (venue.nearFixedPoint) continue;
      for (const [b, block] of x.blocks.entries()) {
        const start = minutesOf(block.start);
        const end = minutesOf(block.end);
        if (!venueOpen(venue, date, start, end)) continue;
        const { expected, staff, from } = staffing.needOf(v, start, end);
        const eligible = staffing.eligibleFor(v, date, weekday, start, end);
        if (eligible.length < staff) continue;
        byTime.set(`${v}|${date}|${start}|${end}`, candidates.length);
        candidates.push({
          index: candidates.length,
          venue: v,
          date,
          day: d,
          week,
          weekday,
          block: b,
          start,
          end,
          staff,
          expectedContacts: expected,
          expectedFrom: from,
          eligible,
          pin: -1,
          series: -1,
        });
      }
    }
  }
  return { candidates, byTime };
}

/**
 * Pins: published visits never move. A pin takes the place of the block candidate at its
 * times (keeping its block) or is added with its own times; one that breaks a rule is a fatal
 * problem. Returns the candidates with the pins.
 */
export function withPins(
  x: PlanningInstance,
  horizon: Horizon,
  staffing: Staffing,
  blocks: { readonly candidates: readonly Candidate[]; readonly byTime: ReadonlyMap<string, number> },
  problems: PlanningProblem[],
): Candidate[] {
  const pinned: Candidate[] = [...blocks.candidates];
  for (const [k, pin] of x.pins.entries()) {
    const venue = x.venues[pin.venue];
    const start = minutesOf(pin.start);
    const end = minutesOf(pin.end);
    const label = `pinned visit ${pin.visitId ?? `#${k + 1}`} (${venue?.id ?? '?'} ${pin.date} ${pin.start}–${pin.end})`;
    const broken: string[] = [];
    if (!venue) broken.push('its venue is unknown');
    if (pin.date < x.from || pin.date > x.to) broken.push('it is outside the horizon');
    if (isoWeekday(pin.date) > 5) broken.push('it falls on a weekend');
    if (horizon.closed.has(pin.date)) broken.push('it falls on a public holiday or closure day');
    if (venue && !venueOpen(venue, pin.date, start, end)) broken.push('the venue is not open then');
    if (pin.advisors.length === 0) broken.push('it has no advisor');
    for (const ai of pin.advisors) {
      const a = x.advisors[ai];
      if (!a) broken.push('an advisor is unknown');
      else if (isAbsentOn(a, pin.date)) broken.push(`advisor ${a.id} is absent`);
      else if (!isAvailable(a, isoWeekday(pin.date), start, end))
        broken.push(`advisor ${a.id} is not available then`);
    }
    if (broken.length > 0) {
      problems.push({ rule: 'pin', message: `${label} cannot stay: ${broken.join('; ')}`, fatal: true });
      continue;
    }
    const key = `${pin.venue}|${pin.date}|${start}|${end}`;
    const existing = blocks.byTime.get(key);
    const need = staffing.needOf(pin.venue, start, end);
    const base = {
      venue: pin.venue,
      date: pin.date,
      day: horizon.dates.indexOf(pin.date),
      week: horizon.weekOf(pin.date),
      weekday: horizon.weekdayOf(pin.date),
      start,
      end,
      staff: pin.advisors.length,
      expectedContacts: need.expected,
      expectedFrom: need.from,
      eligible: [...pin.advisors],
      pin: k,
      series: -1,
    };
    if (existing !== undefined && (pinned[existing]?.pin ?? -1) === -1) {
      pinned[existing] = { ...base, index: existing, block: pinned[existing]?.block ?? -1 };
    } else {
      pinned.push({ ...base, index: pinned.length, block: -1 });
    }
  }
  return pinned;
}

/** The dates a pinned series asks for in the horizon: its weekday, from `since`, every week or every other. */
export function seriesPinDates(
  pin: PlanningSeriesPin,
  dates: readonly IsoDate[],
  weekdayOf: (d: IsoDate) => number,
): IsoDate[] {
  // Weeks counted Monday to Monday from the week of `since`.
  const sinceMonday = startOfIsoWeek(pin.since);
  return dates.filter((d) => {
    if (d < pin.since || weekdayOf(d) !== pin.weekday) return false;
    const weeks = (datesBetween(sinceMonday, startOfIsoWeek(d)).length - 1) / 7;
    return weeks % pin.every === 0;
  });
}

/**
 * Marks the visits pinned series ask for (`series` on the candidate; one is added where the
 * series' times are no time block). A date that is closed, or where the venue is closed, is
 * skipped like a holiday; a date no advisor could staff is reported, and the series goes on.
 */
export function requireSeries(
  x: PlanningInstance,
  h: Horizon,
  staffing: Staffing,
  candidates: Candidate[],
  problems: PlanningProblem[],
): void {
  const dates = h.dates;
  const onlyDates = x.newVisitDates ? new Set(x.newVisitDates) : null;
  for (const [k, pin] of (x.seriesPins ?? []).entries()) {
    const venue = x.venues[pin.venue];
    const start = minutesOf(pin.start);
    const end = minutesOf(pin.end);
    const label = `pinned series ${pin.id} (${venue?.id ?? '?'}, weekday ${pin.weekday} ${pin.start}–${pin.end})`;
    if (!venue || !(end > start)) {
      problems.push({
        rule: 'series-pin',
        message: `${label} cannot be kept: unknown venue or times`,
        fatal: true,
      });
      continue;
    }
    for (const date of seriesPinDates(pin, dates, h.weekdayOf)) {
      if (h.weekdayOf(date) > 5 || h.closed.has(date) || !venueOpen(venue, date, start, end)) continue;
      const same = candidates.find(
        (c) => c.venue === pin.venue && c.date === date && c.start === start && c.end === end,
      );
      if (same) {
        if (same.pin < 0 && same.series < 0) candidates[same.index] = { ...same, series: k };
        continue;
      }
      // A repair changes only its own dates; a pinned series' visit elsewhere is a published one.
      if (onlyDates && !onlyDates.has(date)) continue;
      const { expected, staff, from } = staffing.needOf(pin.venue, start, end);
      const eligible = staffing.eligibleFor(pin.venue, date, h.weekdayOf(date), start, end);
      if (eligible.length < staff) {
        problems.push({
          rule: 'series-pin',
          message: `${label} cannot be held on ${date}: ${eligible.length} of the ${staff} advisors it needs are available`,
          fatal: false,
        });
        continue;
      }
      const block = x.blocks.findIndex((b) => minutesOf(b.start) === start && minutesOf(b.end) === end);
      candidates.push({
        index: candidates.length,
        venue: pin.venue,
        date,
        day: dates.indexOf(date),
        week: h.weekOf(date),
        weekday: h.weekdayOf(date),
        block,
        start,
        end,
        staff,
        expectedContacts: expected,
        expectedFrom: from,
        eligible,
        pin: -1,
        series: k,
      });
    }
  }
}
