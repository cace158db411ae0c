/**
 * The independent validator: re-checks every hard rule of docs/planning-model.md on any plan,
 * from the instance alone. It shares no code with the solvers on purpose (not the candidate
 * generator, the conflict test or the staffing formula), so a bug there cannot hide itself.
 */
import type { PlanningInstance } from './instance.ts';
import { dayNumber, toMinutes, weekdayOf } from './validate-calendar.ts';
import { rhythmViolations, seriesPinViolations } from './validate-series.ts';

export interface PlanVisit {
  readonly id?: string;
  readonly venueId: string;
  readonly date: string;
  readonly start: string;
  readonly end: string;
  readonly advisorIds: readonly string[];
}

export type Rule =
  | 'venue'
  | 'horizon'
  | 'working-day'
  | 'holiday'
  | 'venue-hours'
  | 'advisor'
  | 'staffing'
  | 'absence'
  | 'availability'
  | 'advisor-district'
  | 'overlap'
  | 'travel'
  | 'visits-per-day'
  | 'weekly-minutes'
  | 'pin'
  | 'fairness'
  | 'duplicate'
  | 'series'
  | 'one-off'
  | 'venue-week-minutes'
  | 'district-share'
  | 'near-fixed-point'
  | 'series-pin';

export interface Violation {
  readonly rule: Rule;
  /** Index of the visit in the plan, when the violation is about one. */
  readonly visit: number | null;
  readonly message: string;
}

export function validatePlan(x: PlanningInstance, visits: readonly PlanVisit[]): Violation[] {
  const ctx = validationContext(x);
  const perAdvisor = new Map<string, AdvisorVisit[]>();
  const out = visitViolations(ctx, visits, perAdvisor);
  out.push(...advisorScheduleViolations(ctx, perAdvisor));
  out.push(...pinViolations(x, visits));
  out.push(...fairnessViolations(ctx, visits));
  out.push(...rhythmViolations(x, visits, ctx.weekIndex));
  out.push(...seriesPinViolations(x, visits, ctx.requiredStaff));
  return out;
}

/** What the checks share: the instance, its indexes and calendar, the staffing rule. */
interface ValidationContext {
  readonly x: PlanningInstance;
  readonly venueIndex: ReadonlyMap<string, number>;
  readonly advisorIndex: ReadonlyMap<string, number>;
  readonly closed: ReadonlySet<string>;
  readonly fromDay: number;
  readonly firstWeekday: number;
  /** Index of a date's week in the horizon (weeks start on Monday; 0 = the week of `from`). */
  readonly weekIndex: (date: string) => number;
  /** Advisors a visit at the venue and times needs. */
  readonly requiredStaff: (venue: number, start: number, end: number) => number;
}

/** One visit of one advisor, for the checks over the advisor's schedule. */
interface AdvisorVisit {
  readonly visit: number;
  readonly venue: number;
  readonly date: string;
  readonly start: number;
  readonly end: number;
}

function validationContext(x: PlanningInstance): ValidationContext {
  const fromDay = dayNumber(x.from);
  const firstWeekday = weekdayOf(x.from);
  return {
    x,
    venueIndex: new Map(x.venues.map((v, i) => [v.id, i])),
    advisorIndex: new Map(x.advisors.map((a, i) => [a.id, i])),
    closed: new Set(x.closedDates),
    fromDay,
    firstWeekday,
    weekIndex: (date) => Math.floor((dayNumber(date) - fromDay + firstWeekday - 1) / 7),
    requiredStaff: (venue, start, end) => requiredStaff(x, venue, start, end),
  };
}

const label = (v: PlanVisit) => `${v.venueId} ${v.date} ${v.start}–${v.end}`;

/**
 * Staffing need, recomputed here: expected contacts learned from the log for the venue's
 * exact times when the instance has them, else from the weighted need in reach.
 */
function requiredStaff(x: PlanningInstance, venue: number, start: number, end: number): number {
  const p = x.params;
  let expected: number | undefined;
  for (const l of x.venues[venue]?.learnedContacts ?? []) {
    if (toMinutes(l.start) === start && toMinutes(l.end) === end) {
      expected = l.contactsPerVisit;
      break;
    }
  }
  if (expected === undefined) {
    const reachWeight = new Map<string, number>();
    for (const r of x.venues[venue]?.reach ?? []) {
      for (const g of r.groups) {
        const w = (x.areas[r.area]?.need[g] ?? 0) * (x.groups[g]?.weight ?? 0);
        if (w > 0) reachWeight.set(`${r.area}:${g}`, w);
      }
    }
    let weight = 0;
    for (const w of reachWeight.values()) weight += w;
    expected = (p.contactsPerThousand * weight) / 1000;
  }
  const perAdvisor = p.contactsPerAdvisorHour * ((end - start) / 60);
  const n = perAdvisor > 0 ? Math.ceil(expected / perAdvisor - 1e-9) : 1;
  return Math.min(p.maxAdvisorsPerVisit, Math.max(1, n));
}

/**
 * The rules about each visit on its own (in plan order): its venue, day and hours, no other
 * visit at the venue then, its staffing and advisors. Collects each advisor's visits.
 */
function visitViolations(
  ctx: ValidationContext,
  visits: readonly PlanVisit[],
  perAdvisor: Map<string, AdvisorVisit[]>,
): Violation[] {
  const out: Violation[] = [];
  const seen = new Map<string, number[]>();
  for (const [i, v] of visits.entries()) {
    const venue = ctx.venueIndex.get(v.venueId);
    const start = toMinutes(v.start);
    const end = toMinutes(v.end);
    if (venue === undefined) {
      out.push({ rule: 'venue', visit: i, message: `visit ${i + 1}: unknown venue "${v.venueId}"` });
      continue;
    }
    out.push(...whenViolations(ctx, v, i, venue, start, end));
    const slotKey = `${v.venueId}|${v.date}`;
    for (const j of seen.get(slotKey) ?? []) {
      const o = visits[j] as PlanVisit;
      if (toMinutes(o.start) < end && start < toMinutes(o.end))
        out.push({
          rule: 'duplicate',
          visit: i,
          message: `${label(v)}: overlaps visit ${j + 1} at the same venue`,
        });
    }
    (seen.get(slotKey) ?? seen.set(slotKey, []).get(slotKey))?.push(i);
    out.push(...staffViolations(ctx, v, i, venue, start, end, perAdvisor));
  }
  return out;
}

/** A visit's times and date: inside the horizon, on a working day, in the venue's hours. */
function whenViolations(
  ctx: ValidationContext,
  v: PlanVisit,
  i: number,
  venue: number,
  start: number,
  end: number,
): Violation[] {
  const { x } = ctx;
  const out: Violation[] = [];
  if (!(start < end))
    out.push({ rule: 'venue-hours', visit: i, message: `${label(v)}: the visit must end after it starts` });
  if (v.date < x.from || v.date > x.to)
    out.push({ rule: 'horizon', visit: i, message: `${label(v)}: outside the horizon ${x.from}–${x.to}` });
  if (weekdayOf(v.date) > 5)
    out.push({ rule: 'working-day', visit: i, message: `${label(v)}: not a working day` });
  if (ctx.closed.has(v.date))
    out.push({ rule: 'holiday', visit: i, message: `${label(v)}: a public holiday or closure day` });
  const hours = x.venues[venue]?.hours[v.date] ?? [];
  if (!hours.some(([s, e]) => toMinutes(s) <= start && end <= toMinutes(e)))
    out.push({
      rule: 'venue-hours',
      visit: i,
      message: `${label(v)}: the venue is ${hours.length === 0 ? 'closed that day' : `open only ${hours.map(([s, e]) => `${s}–${e}`).join(', ')}`}`,
    });
  return out;
}

/**
 * A visit's advisors: listed once, as many as it needs (a pinned visit keeps its own), known,
 * present, working then and in their districts. Adds the visit to each advisor's schedule.
 */
function staffViolations(
  ctx: ValidationContext,
  v: PlanVisit,
  i: number,
  venue: number,
  start: number,
  end: number,
  perAdvisor: Map<string, AdvisorVisit[]>,
): Violation[] {
  const { x } = ctx;
  const p = x.params;
  const out: Violation[] = [];
  const ids = new Set(v.advisorIds);
  if (ids.size !== v.advisorIds.length)
    out.push({ rule: 'advisor', visit: i, message: `${label(v)}: an advisor is listed twice` });
  const need = ctx.requiredStaff(venue, start, end);
  const pinned = x.pins.some(
    (pin) =>
      x.venues[pin.venue]?.id === v.venueId &&
      pin.date === v.date &&
      pin.start === v.start &&
      pin.end === v.end,
  );
  if (!pinned && (ids.size < need || ids.size > p.maxAdvisorsPerVisit))
    out.push({
      rule: 'staffing',
      visit: i,
      message: `${label(v)}: needs ${need} advisor${need === 1 ? '' : 's'} (at most ${p.maxAdvisorsPerVisit}), has ${ids.size}`,
    });
  for (const id of ids) {
    const a = ctx.advisorIndex.get(id);
    const advisor = a === undefined ? undefined : x.advisors[a];
    if (!advisor) {
      out.push({ rule: 'advisor', visit: i, message: `${label(v)}: unknown advisor "${id}"` });
      continue;
    }
    if (advisor.absences.some((r) => r.from <= v.date && v.date <= r.to))
      out.push({ rule: 'absence', visit: i, message: `${label(v)}: ${id} is absent` });
    const wd = weekdayOf(v.date);
    if (
      !advisor.availability.some(
        (w) => w.weekday === wd && toMinutes(w.start) <= start && end <= toMinutes(w.end),
      )
    )
      out.push({ rule: 'availability', visit: i, message: `${label(v)}: ${id} does not work then` });
    if (
      !pinned &&
      advisor.districts.length > 0 &&
      !advisor.districts.includes(x.venues[venue]?.district ?? '')
    )
      out.push({ rule: 'advisor-district', visit: i, message: `${label(v)}: outside ${id}'s districts` });
    (perAdvisor.get(id) ?? perAdvisor.set(id, []).get(id))?.push({
      visit: i,
      venue,
      date: v.date,
      start,
      end,
    });
  }
  return out;
}

/** Per advisor: overlaps and travel, visits a day, minutes a week. */
function advisorScheduleViolations(
  ctx: ValidationContext,
  perAdvisor: ReadonlyMap<string, AdvisorVisit[]>,
): Violation[] {
  const { x } = ctx;
  const out: Violation[] = [];
  for (const [id, list] of perAdvisor) {
    const advisor = x.advisors[ctx.advisorIndex.get(id) ?? -1];
    if (!advisor) continue;
    list.sort((a, b) => (a.date === b.date ? a.start - b.start : a.date < b.date ? -1 : 1));
    const perDay = new Map<string, number>();
    const perWeek = new Map<number, number>();
    for (const [k, cur] of list.entries()) {
      perDay.set(cur.date, (perDay.get(cur.date) ?? 0) + 1);
      const w = ctx.weekIndex(cur.date);
      perWeek.set(w, (perWeek.get(w) ?? 0) + (cur.end - cur.start));
      out.push(...sameDayViolations(x, id, list, k));
    }
    for (const [date, count] of perDay)
      if (count > advisor.maxVisitsPerDay)
        out.push({
          rule: 'visits-per-day',
          visit: null,
          message: `${id} has ${count} visits on ${date}, at most ${advisor.maxVisitsPerDay}`,
        });
    for (const [w, minutes] of perWeek) {
      const cap = weeklyCap(ctx, advisor, w);
      if (minutes > cap + 1e-6)
        out.push({
          rule: 'weekly-minutes',
          visit: null,
          message: `${id} has ${minutes} min of visits in week ${w + 1}, at most ${Math.floor(cap)}`,
        });
    }
  }
  return out;
}

/**
 * The k-th visit of an advisor's sorted schedule against the later ones that day: none at the
 * same time, and time enough to travel to the next one.
 */
function sameDayViolations(
  x: PlanningInstance,
  id: string,
  list: readonly AdvisorVisit[],
  k: number,
): Violation[] {
  const out: Violation[] = [];
  const cur = list[k] as AdvisorVisit;
  const n = x.venues.length;
  for (let j = k + 1; j < list.length; j++) {
    const next = list[j];
    if (!next || next.date !== cur.date) break;
    if (next.start < cur.end) {
      out.push({
        rule: 'overlap',
        visit: next.visit,
        message: `${id} has visits ${cur.visit + 1} and ${next.visit + 1} at the same time`,
      });
      continue;
    }
    if (j !== k + 1) continue;
    const travel = cur.venue === next.venue ? 0 : (x.travel[cur.venue * n + next.venue] ?? Number.NaN);
    const buffer = cur.venue === next.venue ? 0 : x.params.bufferMinutes;
    if (Number.isNaN(travel) || next.start - cur.end < travel + buffer)
      out.push({
        rule: 'travel',
        visit: next.visit,
        message: `${id} cannot get from visit ${cur.visit + 1} to visit ${next.visit + 1}: ${
          Number.isNaN(travel)
            ? 'no connection'
            : `${travel} min travel + ${buffer} min buffer > ${next.start - cur.end} min between`
        }`,
      });
  }
  return out;
}

/** An advisor's minutes for visits in week w: a share of the contract, by the working days present. */
function weeklyCap(ctx: ValidationContext, advisor: PlanningInstance['advisors'][number], w: number): number {
  const { x } = ctx;
  let days = 0;
  for (let d = 0; d < 7; d++) {
    const date = new Date((ctx.fromDay - (ctx.firstWeekday - 1) + w * 7 + d) * 86_400_000)
      .toISOString()
      .slice(0, 10);
    if (date < x.from || date > x.to || weekdayOf(date) > 5 || ctx.closed.has(date)) continue;
    if (advisor.absences.some((r) => r.from <= date && date <= r.to)) continue;
    days++;
  }
  return (x.params.visitShare * advisor.minutesPerWeek * days) / 5;
}

/** Pins: every pinned visit is in the plan, unchanged, with its advisors. */
function pinViolations(x: PlanningInstance, visits: readonly PlanVisit[]): Violation[] {
  const out: Violation[] = [];
  for (const pin of x.pins) {
    const venueId = x.venues[pin.venue]?.id;
    const match = visits.find(
      (v) => v.venueId === venueId && v.date === pin.date && v.start === pin.start && v.end === pin.end,
    );
    const want = pin.advisors.map((a) => x.advisors[a]?.id ?? '?').sort();
    if (!match || [...match.advisorIds].sort().join() !== want.join())
      out.push({
        rule: 'pin',
        visit: null,
        message: `pinned visit ${venueId} ${pin.date} ${pin.start}–${pin.end} with ${want.join(', ')} is ${match ? 'changed' : 'missing'}`,
      });
  }
  return out;
}

/**
 * Fairness: each district's weekly minimum, unless no visit there was possible that week.
 * In a repair (new visits only on some dates) the pins take the advisors' time, so whether a
 * visit was possible depends on capacity this check does not model: the shortfall is shown
 * in the plan's visits per district and week instead.
 */
function fairnessViolations(ctx: ValidationContext, visits: readonly PlanVisit[]): Violation[] {
  const { x, weekIndex } = ctx;
  const out: Violation[] = [];
  const weeks = x.newVisitDates ? 0 : weekIndex(x.to) + 1;
  for (const d of x.districts) {
    for (let w = 0; w < weeks; w++) {
      const have = visits.filter(
        (v) => weekIndex(v.date) === w && x.venues[ctx.venueIndex.get(v.venueId) ?? -1]?.district === d.id,
      ).length;
      if (have >= d.minVisitsPerWeek) continue;
      const possible = possibleVisits(x, d.id, w, weekIndex, ctx.requiredStaff);
      if (possible > have)
        out.push({
          rule: 'fairness',
          visit: null,
          message: `district ${d.id} has ${have} visit${have === 1 ? '' : 's'} in week ${w + 1}; the rule asks ${d.minVisitsPerWeek} and ${possible} ${possible === 1 ? 'was' : 'were'} possible`,
        });
    }
  }
  return out;
}

/** How many visits a district could have in a week: venue open in a block, advisors available. */
function possibleVisits(
  x: PlanningInstance,
  district: string,
  week: number,
  weekIndex: (date: string) => number,
  requiredStaff: (venue: number, start: number, end: number) => number,
): number {
  let count = 0;
  const closed = new Set(x.closedDates);
  // A repair allows new visits only on its dates; elsewhere only the pins were possible.
  const allowed = x.newVisitDates ? new Set(x.newVisitDates) : null;
  for (const [vi, venue] of x.venues.entries()) {
    if (venue.district !== district || venue.nearFixedPoint) continue;
    for (const [date, hours] of Object.entries(venue.hours)) {
      if (date < x.from || date > x.to || weekIndex(date) !== week || weekdayOf(date) > 5 || closed.has(date))
        continue;
      if (allowed && !allowed.has(date)) continue;
      for (const block of x.blocks) {
        const s = toMinutes(block.start);
        const e = toMinutes(block.end);
        if (!hours.some(([hs, he]) => toMinutes(hs) <= s && e <= toMinutes(he))) continue;
        const wd = weekdayOf(date);
        const staff = x.advisors.filter(
          (a) =>
            (a.districts.length === 0 || a.districts.includes(district)) &&
            !a.absences.some((r) => r.from <= date && date <= r.to) &&
            a.availability.some((w) => w.weekday === wd && toMinutes(w.start) <= s && e <= toMinutes(w.end)),
        ).length;
        if (staff >= requiredStaff(vi, s, e)) count++;
      }
    }
  }
  return count;
}
