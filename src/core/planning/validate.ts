/**
 * The independent validator: re-checks every hard rule of docs/planning-model.md on any plan,
 * from the instance alone. It shares no code with the solvers on purpose (not the candidate
 * generator, the conflict test or the staffing formula), so a bug there cannot hide itself.
 */
import type { PlanningInstance } from './instance.ts';

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

const toMinutes = (t: string): number => {
  const m = /^(\d{2}):(\d{2})$/.exec(t);
  return m ? Number(m[1]) * 60 + Number(m[2]) : Number.NaN;
};

/** ISO weekday (1 = Monday) of an ISO date, by the civil calendar (UTC arithmetic, no zone). */
const weekdayOf = (date: string): number => {
  const d = new Date(`${date}T00:00:00Z`).getUTCDay();
  return d === 0 ? 7 : d;
};
const dayNumber = (date: string): number => Math.round(Date.parse(`${date}T00:00:00Z`) / 86_400_000);

export function validatePlan(x: PlanningInstance, visits: readonly PlanVisit[]): Violation[] {
  const out: Violation[] = [];
  const venueIndex = new Map(x.venues.map((v, i) => [v.id, i]));
  const advisorIndex = new Map(x.advisors.map((a, i) => [a.id, i]));
  const closed = new Set(x.closedDates);
  const p = x.params;
  const fromDay = dayNumber(x.from);
  const firstWeekday = weekdayOf(x.from);
  const weekIndex = (date: string) => Math.floor((dayNumber(date) - fromDay + firstWeekday - 1) / 7);
  const label = (v: PlanVisit) => `${v.venueId} ${v.date} ${v.start}–${v.end}`;

  // Staffing need, recomputed here: expected contacts learned from the log for the venue's
  // exact times when the instance has them, else from the weighted need in reach.
  const requiredStaff = (venue: number, start: number, end: number): number => {
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
  };

  const perAdvisor = new Map<
    string,
    { visit: number; venue: number; date: string; start: number; end: number }[]
  >();
  const seen = new Map<string, number[]>();
  for (const [i, v] of visits.entries()) {
    const venue = venueIndex.get(v.venueId);
    const start = toMinutes(v.start);
    const end = toMinutes(v.end);
    if (venue === undefined) {
      out.push({ rule: 'venue', visit: i, message: `visit ${i + 1}: unknown venue "${v.venueId}"` });
      continue;
    }
    if (!(start < end))
      out.push({ rule: 'venue-hours', visit: i, message: `${label(v)}: the visit must end after it starts` });
    if (v.date < x.from || v.date > x.to)
      out.push({ rule: 'horizon', visit: i, message: `${label(v)}: outside the horizon ${x.from}–${x.to}` });
    if (weekdayOf(v.date) > 5)
      out.push({ rule: 'working-day', visit: i, message: `${label(v)}: not a working day` });
    if (closed.has(v.date))
      out.push({ rule: 'holiday', visit: i, message: `${label(v)}: a public holiday or closure day` });
    const hours = x.venues[venue]?.hours[v.date] ?? [];
    if (!hours.some(([s, e]) => toMinutes(s) <= start && end <= toMinutes(e)))
      out.push({
        rule: 'venue-hours',
        visit: i,
        message: `${label(v)}: the venue is ${hours.length === 0 ? 'closed that day' : `open only ${hours.map(([s, e]) => `${s}–${e}`).join(', ')}`}`,
      });
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

    const ids = new Set(v.advisorIds);
    if (ids.size !== v.advisorIds.length)
      out.push({ rule: 'advisor', visit: i, message: `${label(v)}: an advisor is listed twice` });
    const need = requiredStaff(venue, start, end);
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
      const a = advisorIndex.get(id);
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
  }

  // Per advisor: overlaps and travel, visits a day, minutes a week.
  const n = x.venues.length;
  for (const [id, list] of perAdvisor) {
    const advisor = x.advisors[advisorIndex.get(id) ?? -1];
    if (!advisor) continue;
    list.sort((a, b) => (a.date === b.date ? a.start - b.start : a.date < b.date ? -1 : 1));
    const perDay = new Map<string, number>();
    const perWeek = new Map<number, number>();
    for (const [k, cur] of list.entries()) {
      perDay.set(cur.date, (perDay.get(cur.date) ?? 0) + 1);
      const w = weekIndex(cur.date);
      perWeek.set(w, (perWeek.get(w) ?? 0) + (cur.end - cur.start));
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
        const buffer = cur.venue === next.venue ? 0 : p.bufferMinutes;
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
    }
    for (const [date, count] of perDay)
      if (count > advisor.maxVisitsPerDay)
        out.push({
          rule: 'visits-per-day',
          visit: null,
          message: `${id} has ${count} visits on ${date}, at most ${advisor.maxVisitsPerDay}`,
        });
    for (const [w, minutes] of perWeek) {
      let days = 0;
      for (let d = 0; d < 7; d++) {
        const date = new Date((fromDay - (firstWeekday - 1) + w * 7 + d) * 86_400_000)
          .toISOString()
          .slice(0, 10);
        if (date < x.from || date > x.to || weekdayOf(date) > 5 || closed.has(date)) continue;
        if (advisor.absences.some((r) => r.from <= date && date <= r.to)) continue;
        days++;
      }
      const cap = (p.visitShare * advisor.minutesPerWeek * days) / 5;
      if (minutes > cap + 1e-6)
        out.push({
          rule: 'weekly-minutes',
          visit: null,
          message: `${id} has ${minutes} min of visits in week ${w + 1}, at most ${Math.floor(cap)}`,
        });
    }
  }

  // Pins: every pinned visit is in the plan, unchanged, with its advisors.
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

  // Fairness: each district's weekly minimum, unless no visit there was possible that week.
  // In a repair (new visits only on some dates) the pins take the advisors' time, so whether a
  // visit was possible depends on capacity this check does not model: the shortfall is shown
  // in the plan's visits per district and week instead.
  const weeks = x.newVisitDates ? 0 : weekIndex(x.to) + 1;
  for (const d of x.districts) {
    for (let w = 0; w < weeks; w++) {
      const have = visits.filter(
        (v) => weekIndex(v.date) === w && x.venues[venueIndex.get(v.venueId) ?? -1]?.district === d.id,
      ).length;
      if (have >= d.minVisitsPerWeek) continue;
      const possible = possibleVisits(x, d.id, w, weekIndex, requiredStaff);
      if (possible > have)
        out.push({
          rule: 'fairness',
          visit: null,
          message: `district ${d.id} has ${have} visit${have === 1 ? '' : 's'} in week ${w + 1}; the rule asks ${d.minVisitsPerWeek} and ${possible} ${possible === 1 ? 'was' : 'were'} possible`,
        });
    }
  }
  out.push(...rhythmViolations(x, visits, weekIndex));
  out.push(...seriesPinViolations(x, visits, requiredStaff));
  return out;
}

/** The dates a pinned series asks for: its weekday from `since`, every week or every other. */
function pinnedSeriesDates(
  x: PlanningInstance,
  pin: NonNullable<PlanningInstance['seriesPins']>[number],
): string[] {
  const out: string[] = [];
  for (let day = dayNumber(x.from); day <= dayNumber(x.to); day++) {
    const date = new Date(day * 86_400_000).toISOString().slice(0, 10);
    if (date < pin.since || weekdayOf(date) !== pin.weekday) continue;
    // Weeks counted Monday to Monday from the week of `since`.
    const sinceMonday = dayNumber(pin.since) - weekdayOf(pin.since) + 1;
    const weeks = (day - weekdayOf(date) + 1 - sinceMonday) / 7;
    if (weeks % pin.every === 0) out.push(date);
  }
  return out;
}

/**
 * Pinned series: each of their dates that is a working day, not closed, with the venue open and
 * enough advisors available (and, in a repair, one of its dates) has the visit.
 */
function seriesPinViolations(
  x: PlanningInstance,
  visits: readonly PlanVisit[],
  requiredStaff: (venue: number, start: number, end: number) => number,
): Violation[] {
  const out: Violation[] = [];
  const closed = new Set(x.closedDates);
  const allowed = x.newVisitDates ? new Set(x.newVisitDates) : null;
  for (const pin of x.seriesPins ?? []) {
    const venue = x.venues[pin.venue];
    if (!venue) continue;
    const s = toMinutes(pin.start);
    const e = toMinutes(pin.end);
    for (const date of pinnedSeriesDates(x, pin)) {
      if (weekdayOf(date) > 5 || closed.has(date) || (allowed && !allowed.has(date))) continue;
      if (!(venue.hours[date] ?? []).some(([hs, he]) => toMinutes(hs) <= s && e <= toMinutes(he))) continue;
      const wd = weekdayOf(date);
      const available = x.advisors.filter(
        (a) =>
          (a.districts.length === 0 || a.districts.includes(venue.district)) &&
          !a.absences.some((r) => r.from <= date && date <= r.to) &&
          a.availability.some((w) => w.weekday === wd && toMinutes(w.start) <= s && e <= toMinutes(w.end)),
      ).length;
      if (available < requiredStaff(pin.venue, s, e)) continue;
      if (
        !visits.some(
          (v) => v.venueId === venue.id && v.date === date && v.start === pin.start && v.end === pin.end,
        )
      )
        out.push({
          rule: 'series-pin',
          visit: null,
          message: `pinned series ${pin.id}: ${venue.id} ${date} ${pin.start}–${pin.end} is missing`,
        });
    }
  }
  return out;
}

/**
 * The rhythm rules (docs/planning-model.md, "Rhythm"): series per venue, no one-off visits,
 * minutes per venue and week, each district within its share of the week's visits.
 */
function rhythmViolations(
  x: PlanningInstance,
  visits: readonly PlanVisit[],
  weekIndex: (date: string) => number,
): Violation[] {
  const out: Violation[] = [];
  const p = x.params;
  const venueIndex = new Map(x.venues.map((v, i) => [v.id, i]));
  // Published visits and the visits of pinned series are the planner's own choice.
  const isPinned = (v: PlanVisit) =>
    x.pins.some(
      (pin) =>
        x.venues[pin.venue]?.id === v.venueId &&
        pin.date === v.date &&
        pin.start === v.start &&
        pin.end === v.end,
    ) || inPinnedSeries(v);
  const inPinnedSeries = (v: PlanVisit) =>
    (x.seriesPins ?? []).some(
      (pin) =>
        x.venues[pin.venue]?.id === v.venueId &&
        pin.start === v.start &&
        pin.end === v.end &&
        pinnedSeriesDates(x, pin).includes(v.date),
    );
  const meetsRequest = (v: PlanVisit) =>
    x.requests.some((r) => {
      if (x.venues[r.venue]?.id !== v.venueId) return false;
      if (r.date !== null && r.date !== v.date) return false;
      if ((r.from !== undefined && v.date < r.from) || (r.to !== undefined && v.date > r.to)) return false;
      if (r.weekday !== null && r.weekday !== weekdayOf(v.date)) return false;
      if (r.weekdays?.length && !r.weekdays.includes(weekdayOf(v.date))) return false;
      const block = r.block === null ? null : x.blocks[r.block];
      return !block || (block.start === v.start && block.end === v.end);
    });
  // No new visit beside an open fixed point (the pins were published before the rule).
  for (const [i, v] of visits.entries()) {
    const near = x.venues[venueIndex.get(v.venueId) ?? -1]?.nearFixedPoint;
    if (near && !isPinned(v))
      out.push({
        rule: 'near-fixed-point',
        visit: i,
        message: `${v.venueId} ${v.date} ${v.start}–${v.end}: the venue is a short walk from the open fixed point ${near}`,
      });
  }
  // Series: the same venue, weekday and time.
  const series = new Map<string, number[]>();
  for (const [i, v] of visits.entries()) {
    const key = `${v.venueId}|${weekdayOf(v.date)}|${v.start}|${v.end}`;
    (series.get(key) ?? series.set(key, []).get(key))?.push(i);
  }
  const weeks = weekIndex(x.to) + 1;
  // A repair fills the gaps of a published schedule on a few dates: the series, one-off and
  // share rules are for new plans (minutes per venue and week still hold).
  const repair = !!x.newVisitDates;
  if (p.maxSeriesPerVenue > 0 && !repair) {
    const perVenue = new Map<string, string[]>();
    for (const key of series.keys()) {
      const venue = key.split('|')[0] ?? '';
      (perVenue.get(venue) ?? perVenue.set(venue, []).get(venue))?.push(key);
    }
    // Series the plan must keep (published or pinned) may exceed the limit; nothing beyond them.
    const kept = new Map<string, Set<string>>();
    for (const v of visits) {
      if (!isPinned(v)) continue;
      const key = `${v.venueId}|${weekdayOf(v.date)}|${v.start}|${v.end}`;
      (kept.get(v.venueId) ?? kept.set(v.venueId, new Set()).get(v.venueId))?.add(key);
    }
    for (const [venue, keys] of perVenue) {
      const limit = Math.max(p.maxSeriesPerVenue, kept.get(venue)?.size ?? 0);
      if (keys.length > limit)
        out.push({
          rule: 'series',
          visit: null,
          message: `${venue} has ${keys.length} series (weekday and time), at most ${limit}: ${keys
            .map((k) => k.split('|').slice(1).join(' '))
            .join('; ')}`,
        });
    }
  }
  if (!p.allowOneOffs && !repair) {
    const least = weeks <= 1 ? 1 : 2;
    for (const [key, members] of series) {
      if (members.length >= least) continue;
      for (const i of members) {
        const v = visits[i] as PlanVisit;
        if (isPinned(v) || meetsRequest(v)) continue;
        out.push({
          rule: 'one-off',
          visit: i,
          message: `${v.venueId} ${v.date} ${v.start}–${v.end}: a one-off visit; every visit belongs to a weekly or fortnightly series (${key.split('|').slice(1).join(' ')} has ${members.length})`,
        });
      }
    }
  }
  if (p.maxVenueMinutesPerWeek > 0) {
    const minutes = new Map<string, number>();
    for (const v of visits) {
      const key = `${v.venueId}|${weekIndex(v.date)}`;
      minutes.set(key, (minutes.get(key) ?? 0) + toMinutes(v.end) - toMinutes(v.start));
    }
    for (const [key, m] of minutes)
      if (m > p.maxVenueMinutesPerWeek)
        out.push({
          rule: 'venue-week-minutes',
          visit: null,
          message: `${key.split('|')[0]} has ${m} min of visits in week ${Number(key.split('|')[1]) + 1}, at most ${p.maxVenueMinutesPerWeek}`,
        });
  }
  if (p.maxDistrictShareFactor > 0 && !repair) {
    // Each district's share of the weighted need, recomputed from the areas.
    const need = new Map<string, number>();
    let total = 0;
    for (const a of x.areas) {
      let w = 0;
      for (const [g, n] of a.need.entries()) w += n * (x.groups[g]?.weight ?? 0);
      need.set(a.district, (need.get(a.district) ?? 0) + w);
      total += w;
    }
    for (let w = 0; w < weeks; w++) {
      const inWeek = visits.filter((v) => weekIndex(v.date) === w);
      for (const d of x.districts) {
        const share = total > 0 ? (need.get(d.id) ?? 0) / total : 0;
        const have = inWeek.filter(
          (v) => x.venues[venueIndex.get(v.venueId) ?? -1]?.district === d.id,
        ).length;
        const cap = Math.max(d.minVisitsPerWeek, p.maxDistrictShareFactor * share * inWeek.length);
        if (have > cap + 1e-9)
          out.push({
            rule: 'district-share',
            visit: null,
            message: `district ${d.id} has ${have} of ${inWeek.length} visits in week ${w + 1}; at most ${p.maxDistrictShareFactor} × its share of the need (${(share * 100).toFixed(1)} %) or its weekly minimum ${d.minVisitsPerWeek}, so ${Math.floor(cap + 1e-9)}`,
          });
      }
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
