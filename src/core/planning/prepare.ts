/**
 * What the solvers share, derived from a planning instance by `prepare`: the candidate visits
 * (see `candidates.ts`), the weekly and fortnightly patterns they form, the value of reaching
 * each (area, group) pair, the fairness targets, each advisor's weekly minutes, each district's
 * share of the need, the series allowed per venue, and the rules that cannot be met.
 */
import type { IsoDate } from '../time/civil-time.ts';
import {
  blockCandidates,
  type Horizon,
  horizonOf,
  requireSeries,
  staffingOf,
  withPins,
} from './candidates.ts';
import { isAbsentOn, type PlanningInstance, seriesKey } from './instance.ts';

export interface Candidate {
  readonly index: number;
  readonly venue: number;
  readonly date: IsoDate;
  /** Index of the date in the horizon, and of its ISO week (0 = the week of `from`). */
  readonly day: number;
  readonly week: number;
  readonly weekday: number;
  /** Block index, or −1 for a pinned visit at its own times. */
  readonly block: number;
  readonly start: number;
  readonly end: number;
  /** Advisors the visit needs. */
  readonly staff: number;
  readonly expectedContacts: number;
  /** Where `expectedContacts` comes from: the need in reach, or the venue's learned contacts. */
  readonly expectedFrom: ExpectedFrom;
  /** Advisors who could staff it (available, not absent, in their districts). */
  readonly eligible: readonly number[];
  /** Index into `pins`, or −1. */
  readonly pin: number;
  /** Index into `seriesPins` when a pinned series asks for this visit, or −1. */
  readonly series: number;
}

export type ExpectedFrom = 'need' | 'logs';

/** A weekly or fortnightly rhythm: one venue, weekday and block. */
export interface Pattern {
  readonly venue: number;
  readonly weekday: number;
  readonly block: number;
  readonly every: 1 | 2;
  readonly phase: number;
  readonly candidates: readonly number[];
}

export interface Prepared {
  readonly x: PlanningInstance;
  readonly dates: readonly IsoDate[];
  readonly weeks: number;
  readonly candidates: readonly Candidate[];
  readonly patterns: readonly Pattern[];
  /** Patterns each candidate belongs to. */
  readonly patternsOf: readonly (readonly number[])[];
  /** Weighted need of (area, group) key k = area × G + group. */
  readonly keyWeight: Float64Array;
  /** Keys each venue reaches. */
  readonly venueKeys: readonly Int32Array[];
  /** Language of each key's group ('' = none). */
  readonly keyLanguage: readonly string[];
  /** Per venue, the weighted need it reaches in each language. */
  readonly venueLanguages: readonly ReadonlyMap<string, number>[];
  /** Rules that cannot be met, found while preparing (pins that break a rule, districts with no venue). */
  readonly problems: readonly PlanningProblem[];
  /** Per district and week, how many visits the rule asks for after capping at what exists. */
  readonly fairnessTarget: readonly (readonly number[])[];
  readonly districtIndex: ReadonlyMap<string, number>;
  readonly venueDistrict: Int32Array;
  /** Minutes each advisor may spend on visits in each week. */
  readonly weeklyCap: readonly Float64Array[];
  /** Each district's share of the weighted need (sums to 1 when there is need). */
  readonly districtShare: Float64Array;
  /**
   * Series allowed per venue (0 = no limit): `maxSeriesPerVenue`, or more where published or
   * pinned series the plan must keep are more.
   */
  readonly seriesLimit: Int32Array;
}

export interface PlanningProblem {
  readonly rule: 'pin' | 'series-pin' | 'fairness' | 'advisors' | 'venues';
  readonly message: string;
  /** True when the plan cannot be made at all (a broken pin); false when the rule is relaxed and reported. */
  readonly fatal: boolean;
}

export function prepare(x: PlanningInstance): Prepared {
  const horizon = horizonOf(x);
  const { dates, weeks } = horizon;
  const need = needByKey(x);
  const districtIndex = new Map(x.districts.map((d, i) => [d.id, i]));
  const venueDistrict = Int32Array.from(x.venues, (v) => districtIndex.get(v.district) ?? -1);
  const problems: PlanningProblem[] = [];
  const staffing = staffingOf(x, need.reachedWeight);
  const candidates = withPins(x, horizon, staffing, blockCandidates(x, horizon, staffing), problems);
  requireSeries(x, horizon, staffing, candidates, problems);
  const { patterns, patternsOf } = findPatterns(candidates, weeks);
  const fairnessTarget = fairnessTargets(x, candidates, weeks, problems);
  if (x.advisors.length === 0)
    problems.push({ rule: 'advisors', message: 'there are no advisors to plan for', fatal: true });
  else if (candidates.length === 0)
    problems.push({
      rule: 'venues',
      message: 'no venue is open in any time block on a working day when an advisor is available',
      fatal: true,
    });
  return {
    x,
    dates,
    weeks,
    districtShare: districtShares(x, need.keyWeight, districtIndex),
    seriesLimit: seriesLimits(x, candidates),
    candidates,
    patterns,
    patternsOf,
    keyWeight: need.keyWeight,
    venueKeys: need.venueKeys,
    keyLanguage: need.keyLanguage,
    venueLanguages: need.venueLanguages,
    problems,
    fairnessTarget,
    districtIndex,
    venueDistrict,
    weeklyCap: weeklyCaps(x, horizon),
  };
}

/**
 * The weighted need of each (area, group) key and its language, the keys each venue reaches
 * (with weight), per venue the need it reaches in each language and in all.
 */
function needByKey(x: PlanningInstance): {
  keyWeight: Float64Array;
  keyLanguage: string[];
  venueKeys: Int32Array[];
  venueLanguages: Map<string, number>[];
  reachedWeight: number[];
} {
  const G = x.groups.length;
  const keyWeight = new Float64Array(x.areas.length * G);
  const keyLanguage: string[] = [];
  for (const [a, area] of x.areas.entries()) {
    for (let g = 0; g < G; g++) {
      keyWeight[a * G + g] = (area.need[g] ?? 0) * (x.groups[g]?.weight ?? 0);
      keyLanguage[a * G + g] = x.groups[g]?.language ?? '';
    }
  }
  const venueKeys = x.venues.map((v) => {
    const keys: number[] = [];
    for (const r of v.reach)
      for (const g of r.groups) if ((keyWeight[r.area * G + g] ?? 0) > 0) keys.push(r.area * G + g);
    return Int32Array.from(new Set(keys)).sort();
  });
  const venueLanguages = venueKeys.map((keys) => {
    const m = new Map<string, number>();
    for (const k of keys) {
      const l = keyLanguage[k] ?? '';
      if (l) m.set(l, (m.get(l) ?? 0) + (keyWeight[k] ?? 0));
    }
    return m;
  });
  const reachedWeight = venueKeys.map((keys) => keys.reduce((s, k) => s + (keyWeight[k] ?? 0), 0));
  return { keyWeight, keyLanguage, venueKeys, venueLanguages, reachedWeight };
}

/**
 * Patterns: the same venue, weekday and block every week or every other week, with at least
 * two dates (one when the horizon is a single week); and the patterns of each candidate.
 */
function findPatterns(
  candidates: readonly Candidate[],
  weeks: number,
): { patterns: Pattern[]; patternsOf: number[][] } {
  const patterns: Pattern[] = [];
  const byKey = new Map<string, number[]>();
  for (const c of candidates) {
    if (c.block < 0) continue;
    const key = `${c.venue}|${c.weekday}|${c.block}`;
    const list = byKey.get(key) ?? [];
    list.push(c.index);
    byKey.set(key, list);
  }
  const minDates = weeks <= 1 ? 1 : 2;
  for (const list of byKey.values()) {
    const first = candidates[list[0] ?? 0] as Candidate;
    const variants: { every: 1 | 2; phase: number }[] = [{ every: 1, phase: 0 }];
    if (weeks >= 3) variants.push({ every: 2, phase: 0 }, { every: 2, phase: 1 });
    for (const { every, phase } of variants) {
      const members = list.filter((i) => ((candidates[i]?.week ?? 0) - phase) % every === 0);
      if (members.length >= minDates)
        patterns.push({
          venue: first.venue,
          weekday: first.weekday,
          block: first.block,
          every,
          phase,
          candidates: members,
        });
    }
  }
  const patternsOf: number[][] = candidates.map(() => []);
  for (const [q, pat] of patterns.entries()) for (const i of pat.candidates) patternsOf[i]?.push(q);
  return { patterns, patternsOf };
}

/** Fairness: at least K visits a week per district, capped at what can exist, reported. */
function fairnessTargets(
  x: PlanningInstance,
  candidates: readonly Candidate[],
  weeks: number,
  problems: PlanningProblem[],
): number[][] {
  return x.districts.map((d) => {
    const target: number[] = [];
    for (let w = 0; w < weeks; w++) {
      const available = candidates.filter((c) => c.week === w && x.venues[c.venue]?.district === d.id).length;
      const want = d.minVisitsPerWeek;
      if (available < want) {
        problems.push({
          rule: 'fairness',
          message: `district ${d.id} cannot get ${want} visit${want === 1 ? '' : 's'} in week ${w + 1}: ${
            available === 0
              ? 'no venue there is open on a working day with an available advisor'
              : `only ${available} possible visit${available === 1 ? '' : 's'} exist`
          }`,
          fatal: false,
        });
      }
      target.push(Math.min(want, available));
    }
    return target;
  });
}

/** Weekly cap: a share of contracted minutes, in proportion to the working days present. */
function weeklyCaps(x: PlanningInstance, horizon: Horizon): Float64Array[] {
  const { dates, weeks, closed } = horizon;
  return x.advisors.map((a) => {
    const cap = new Float64Array(weeks);
    for (let w = 0; w < weeks; w++) {
      const days = dates.filter(
        (date) =>
          horizon.weekOf(date) === w &&
          horizon.weekdayOf(date) <= 5 &&
          !closed.has(date) &&
          !isAbsentOn(a, date),
      ).length;
      cap[w] = (x.params.visitShare * a.minutesPerWeek * days) / 5;
    }
    return cap;
  });
}

/** Each district's share of the weighted need (all zero when there is no need). */
function districtShares(
  x: PlanningInstance,
  keyWeight: Float64Array,
  districtIndex: ReadonlyMap<string, number>,
): Float64Array {
  const G = x.groups.length;
  const districtShare = new Float64Array(x.districts.length);
  let needTotal = 0;
  for (const [a, area] of x.areas.entries()) {
    const d = districtIndex.get(area.district);
    let w = 0;
    for (let g = 0; g < G; g++) w += keyWeight[a * G + g] ?? 0;
    needTotal += w;
    if (d !== undefined) districtShare[d] = (districtShare[d] ?? 0) + w;
  }
  if (needTotal > 0)
    for (let d = 0; d < districtShare.length; d++) districtShare[d] = (districtShare[d] ?? 0) / needTotal;
  return districtShare;
}

/** Series allowed per venue: the rule's limit, or the series of pins and pinned series if more. */
function seriesLimits(x: PlanningInstance, candidates: readonly Candidate[]): Int32Array {
  const kept = x.venues.map(() => new Set<string>());
  for (const c of candidates)
    if (c.pin >= 0 || c.series >= 0) kept[c.venue]?.add(seriesKey(c.venue, c.weekday, c.start, c.end));
  return Int32Array.from(x.venues, (_, v) =>
    x.params.maxSeriesPerVenue > 0 ? Math.max(x.params.maxSeriesPerVenue, kept[v]?.size ?? 0) : 0,
  );
}
