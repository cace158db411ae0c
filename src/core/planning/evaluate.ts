/**
 * The objective of a plan, term by term (docs/planning-model.md):
 *
 *   coverage  Σ_weeks Σ_(area, group) W · (1 + ρ + … + ρ^(min(n, K) − 1)), n = visits reaching it that week
 *   language  β · Σ_visits Σ_languages [an advisor of the visit speaks it] · W reached in that language
 *   rhythm    − oneOffCost · visits that belong to no weekly or fortnightly pattern kept whole
 *   fairness  − fairnessPenalty · visits missing below each district's weekly minimum
 *   requests  requestValue · Σ priority of the partner requests met
 *   continuity − continuityCost · Σ_series (advisors staffing the series − the fewest its visits need)
 */
import { requestAllowsDate, seriesKey } from './instance.ts';
import type { Candidate, Prepared } from './prepare.ts';

export interface PlannedVisit {
  readonly candidate: number;
  readonly advisors: readonly number[];
}

export interface Breakdown {
  readonly coverage: number;
  readonly language: number;
  readonly rhythm: number;
  readonly fairness: number;
  readonly requests: number;
  readonly continuity: number;
  readonly total: number;
}

/** Value of the n-th visit reaching the same key in a week, n = 1, 2, … (0 beyond K). */
export function repeatValue(P: Prepared, n: number): number {
  return n >= 1 && n <= P.x.params.maxRepeats ? P.x.params.repeatFactor ** (n - 1) : 0;
}

/** Weighted need a visit reaches in a language, for the language bonus. */
export function languageWeight(P: Prepared, c: Candidate, language: string): number {
  return P.venueLanguages[c.venue]?.get(language) ?? 0;
}

/** Languages an advisor of the visit brings that the groups it reaches speak. */
export function matchedLanguages(P: Prepared, c: Candidate, advisors: readonly number[]): string[] {
  const here = P.venueLanguages[c.venue];
  if (!here || here.size === 0) return [];
  const out = new Set<string>();
  for (const a of advisors) for (const l of P.x.advisors[a]?.languages ?? []) if (here.has(l)) out.add(l);
  return [...out].sort();
}

export function requestMatches(P: Prepared, requestIndex: number, c: Candidate): boolean {
  const r = P.x.requests[requestIndex];
  if (!r) return false;
  return (
    c.venue === r.venue &&
    requestAllowsDate(r, c.date, c.weekday) &&
    (r.block === null || c.block === r.block)
  );
}

/** Visits that are part of a pattern all of whose dates are in the plan. */
export function regularVisits(P: Prepared, chosen: ReadonlySet<number>): Set<number> {
  const regular = new Set<number>();
  for (const pat of P.patterns) {
    if (pat.candidates.every((i) => chosen.has(i))) for (const i of pat.candidates) regular.add(i);
  }
  return regular;
}

const staffCache = new WeakMap<Prepared, Map<string, number>>();

/** Per series (venue, weekday, time), the fewest advisors any of its candidate visits needs. */
export function seriesStaff(P: Prepared): ReadonlyMap<string, number> {
  let m = staffCache.get(P);
  if (!m) {
    m = new Map();
    for (const c of P.candidates) {
      const key = seriesKey(c.venue, c.weekday, c.start, c.end);
      m.set(key, Math.min(m.get(key) ?? Number.POSITIVE_INFINITY, c.staff));
    }
    staffCache.set(P, m);
  }
  return m;
}

/** Advisors beyond the fewest needed, summed over the plan's series (the continuity term's count). */
export function extraSeriesAdvisors(P: Prepared, visits: readonly PlannedVisit[]): number {
  const advisors = new Map<string, Set<number>>();
  for (const v of visits) {
    const c = P.candidates[v.candidate];
    if (!c) continue;
    const key = seriesKey(c.venue, c.weekday, c.start, c.end);
    const set = advisors.get(key) ?? advisors.set(key, new Set()).get(key);
    for (const a of v.advisors) set?.add(a);
  }
  const staff = seriesStaff(P);
  let extra = 0;
  for (const [key, set] of advisors) extra += set.size - (staff.get(key) ?? set.size);
  return extra;
}

export function evaluate(P: Prepared, visits: readonly PlannedVisit[]): Breakdown {
  const params = P.x.params;
  const count = new Map<number, number>();
  let coverage = 0;
  let language = 0;
  const chosen = new Set<number>();
  for (const v of visits) {
    const c = P.candidates[v.candidate];
    if (!c) continue;
    chosen.add(v.candidate);
    for (const k of P.venueKeys[c.venue] ?? []) {
      const key = c.week * P.keyWeight.length + k;
      const n = (count.get(key) ?? 0) + 1;
      count.set(key, n);
      coverage += (P.keyWeight[k] ?? 0) * repeatValue(P, n);
    }
    for (const l of matchedLanguages(P, c, v.advisors))
      language += params.languageBonus * languageWeight(P, c, l);
  }
  const regular = regularVisits(P, chosen);
  const rhythm = -params.oneOffCost * [...chosen].filter((i) => !regular.has(i)).length;
  let fairness = 0;
  for (const [d, targets] of P.fairnessTarget.entries()) {
    for (const [w, target] of targets.entries()) {
      const have = [...chosen].filter((i) => {
        const c = P.candidates[i];
        return c && c.week === w && P.venueDistrict[c.venue] === d;
      }).length;
      fairness -= params.fairnessPenalty * Math.max(0, target - have);
    }
  }
  let requests = 0;
  for (const [r, req] of P.x.requests.entries()) {
    if ([...chosen].some((i) => requestMatches(P, r, P.candidates[i] as Candidate)))
      requests += params.requestValue * req.priority;
  }
  const extra = params.continuityCost > 0 ? extraSeriesAdvisors(P, visits) : 0;
  const continuity = extra > 0 ? -params.continuityCost * extra : 0;
  return {
    coverage,
    language,
    rhythm,
    fairness,
    requests,
    continuity,
    total: coverage + language + rhythm + fairness + requests + continuity,
  };
}
