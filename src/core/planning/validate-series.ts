/**
 * The plan validator's rules about series (docs/planning-model.md, "Rhythm"): the rhythm rules
 * (series per venue, no one-offs, minutes per venue and week, district shares) and the visits
 * pinned series ask for. Like the rest of the validator, it reads the instance alone.
 */
import type { PlanningInstance } from './instance.ts';
import type { PlanVisit, Violation } from './validate.ts';
import { dayNumber, toMinutes, weekdayOf } from './validate-calendar.ts';

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
export function seriesPinViolations(
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
 * The rhythm rules (docs/planning-model.md, "Rhythm"): no new visit beside an open fixed point,
 * series per venue, no one-off visits, minutes per venue and week, each district within its
 * share of the week's visits. A repair fills the gaps of a published schedule on a few dates:
 * the series, one-off and share rules are for new plans (minutes per venue and week still hold).
 */
export function rhythmViolations(
  x: PlanningInstance,
  visits: readonly PlanVisit[],
  weekIndex: (date: string) => number,
): Violation[] {
  const p = x.params;
  const series = seriesOf(visits);
  const weeks = weekIndex(x.to) + 1;
  const repair = !!x.newVisitDates;
  const out = nearFixedPointViolations(x, visits);
  if (p.maxSeriesPerVenue > 0 && !repair) out.push(...seriesPerVenueViolations(x, visits, series));
  if (!p.allowOneOffs && !repair) out.push(...oneOffViolations(x, visits, series, weeks));
  if (p.maxVenueMinutesPerWeek > 0) out.push(...venueMinutesViolations(x, visits, weekIndex));
  if (p.maxDistrictShareFactor > 0 && !repair)
    out.push(...districtShareViolations(x, visits, weekIndex, weeks));
  return out;
}

/** Published visits and the visits of pinned series are the planner's own choice. */
function isPinned(x: PlanningInstance, v: PlanVisit): boolean {
  return (
    x.pins.some(
      (pin) =>
        x.venues[pin.venue]?.id === v.venueId &&
        pin.date === v.date &&
        pin.start === v.start &&
        pin.end === v.end,
    ) ||
    (x.seriesPins ?? []).some(
      (pin) =>
        x.venues[pin.venue]?.id === v.venueId &&
        pin.start === v.start &&
        pin.end === v.end &&
        pinnedSeriesDates(x, pin).includes(v.date),
    )
  );
}

/** Does the visit meet a partner request (its venue, dates, weekdays and block)? */
function meetsRequest(x: PlanningInstance, v: PlanVisit): boolean {
  return x.requests.some((r) => {
    if (x.venues[r.venue]?.id !== v.venueId) return false;
    if (r.date !== null && r.date !== v.date) return false;
    if ((r.from !== undefined && v.date < r.from) || (r.to !== undefined && v.date > r.to)) return false;
    if (r.weekday !== null && r.weekday !== weekdayOf(v.date)) return false;
    if (r.weekdays?.length && !r.weekdays.includes(weekdayOf(v.date))) return false;
    const block = r.block === null ? null : x.blocks[r.block];
    return !block || (block.start === v.start && block.end === v.end);
  });
}

/** The plan's series: the same venue, weekday and time, with the indexes of their visits. */
function seriesOf(visits: readonly PlanVisit[]): Map<string, number[]> {
  const series = new Map<string, number[]>();
  for (const [i, v] of visits.entries()) {
    const key = `${v.venueId}|${weekdayOf(v.date)}|${v.start}|${v.end}`;
    (series.get(key) ?? series.set(key, []).get(key))?.push(i);
  }
  return series;
}

/** No new visit beside an open fixed point (the pins were published before the rule). */
function nearFixedPointViolations(x: PlanningInstance, visits: readonly PlanVisit[]): Violation[] {
  const out: Violation[] = [];
  const venueIndex = new Map(x.venues.map((v, i) => [v.id, i]));
  for (const [i, v] of visits.entries()) {
    const near = x.venues[venueIndex.get(v.venueId) ?? -1]?.nearFixedPoint;
    if (near && !isPinned(x, v))
      out.push({
        rule: 'near-fixed-point',
        visit: i,
        message: `${v.venueId} ${v.date} ${v.start}–${v.end}: the venue is a short walk from the open fixed point ${near}`,
      });
  }
  return out;
}

/** At most N series per venue, or the series the plan must keep if more. */
function seriesPerVenueViolations(
  x: PlanningInstance,
  visits: readonly PlanVisit[],
  series: ReadonlyMap<string, number[]>,
): Violation[] {
  const out: Violation[] = [];
  const p = x.params;
  const perVenue = new Map<string, string[]>();
  for (const key of series.keys()) {
    const venue = key.split('|')[0] ?? '';
    (perVenue.get(venue) ?? perVenue.set(venue, []).get(venue))?.push(key);
  }
  // Series the plan must keep (published or pinned) may exceed the limit; nothing beyond them.
  const kept = new Map<string, Set<string>>();
  for (const v of visits) {
    if (!isPinned(x, v)) continue;
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
  return out;
}

/** Every visit in a series of two visits or more (one in a single week), unless pinned or requested. */
function oneOffViolations(
  x: PlanningInstance,
  visits: readonly PlanVisit[],
  series: ReadonlyMap<string, number[]>,
  weeks: number,
): Violation[] {
  const out: Violation[] = [];
  const least = weeks <= 1 ? 1 : 2;
  for (const [key, members] of series) {
    if (members.length >= least) continue;
    for (const i of members) {
      const v = visits[i] as PlanVisit;
      if (isPinned(x, v) || meetsRequest(x, v)) continue;
      out.push({
        rule: 'one-off',
        visit: i,
        message: `${v.venueId} ${v.date} ${v.start}–${v.end}: a one-off visit; every visit belongs to a weekly or fortnightly series (${key.split('|').slice(1).join(' ')} has ${members.length})`,
      });
    }
  }
  return out;
}

/** Minutes of visits per venue and week. */
function venueMinutesViolations(
  x: PlanningInstance,
  visits: readonly PlanVisit[],
  weekIndex: (date: string) => number,
): Violation[] {
  const out: Violation[] = [];
  const p = x.params;
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
  return out;
}

/** Each district's visits in a week: at most f times its share of the need, or its weekly minimum. */
function districtShareViolations(
  x: PlanningInstance,
  visits: readonly PlanVisit[],
  weekIndex: (date: string) => number,
  weeks: number,
): Violation[] {
  const out: Violation[] = [];
  const p = x.params;
  const venueIndex = new Map(x.venues.map((v, i) => [v.id, i]));
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
      const have = inWeek.filter((v) => x.venues[venueIndex.get(v.venueId) ?? -1]?.district === d.id).length;
      const cap = Math.max(d.minVisitsPerWeek, p.maxDistrictShareFactor * share * inWeek.length);
      if (have > cap + 1e-9)
        out.push({
          rule: 'district-share',
          visit: null,
          message: `district ${d.id} has ${have} of ${inWeek.length} visits in week ${w + 1}; at most ${p.maxDistrictShareFactor} × its share of the need (${(share * 100).toFixed(1)} %) or its weekly minimum ${d.minVisitsPerWeek}, so ${Math.floor(cap + 1e-9)}`,
        });
    }
  }
  return out;
}
