/**
 * The visit-planning model as a MILP for HiGHS (docs/planning-model.md, "Exact model").
 *
 * Columns: u_c (visit c happens), x_ca (advisor a staffs it), y_wki (k-th visit reaching key
 * k in week w, diminishing value), L_cl (language l matched at c), z_P (pattern P kept whole;
 * only patterns that are minimal for some visit), r_c (c is regular; only for visits with
 * several minimal patterns), s_dw (visits district d misses in week w), q_r (request r met),
 * e_sa (advisor a staffs some visit of series s) and m_s (series s is held), for continuity.
 *
 * `planningMilp` adds them family by family, in a fixed order (the solver sees the same model
 * for the same instance), then a start vector for a given plan.
 */
import { MilpBuilder, type MilpSpec } from '../milp.ts';
import {
  languageWeight,
  type PlannedVisit,
  regularVisits,
  repeatValue,
  requestMatches,
  seriesStaff,
} from './evaluate.ts';
import { conflicts, seriesKey } from './instance.ts';
import type { Candidate, Prepared } from './prepare.ts';

export interface PlanningMilp extends MilpSpec {
  /** Column of u_c per candidate. */
  readonly visitColumn: Int32Array;
  /** Per candidate, [advisor, column] of x_ca. */
  readonly staffColumns: readonly (readonly (readonly [number, number])[])[];
}

/** What the builders of the model share: the problem, the builder and the visits' columns. */
interface ModelContext {
  readonly P: Prepared;
  readonly b: MilpBuilder;
  readonly visitColumn: Int32Array;
  readonly staffColumns: readonly (readonly (readonly [number, number])[])[];
  /**
   * The rhythm rules apply. A repair fills the gaps of a published schedule on a few dates:
   * the rhythm rules are for new plans (one-offs and new series are what a repair is for).
   */
  readonly rhythm: boolean;
}

/** The columns of the soft terms, for the start vector. */
interface TermColumns {
  readonly coverage: Coverage;
  readonly langCols: readonly { c: number; language: string; col: number }[];
  readonly regularity: Regularity;
  readonly slackCols: readonly { d: number; w: number; col: number }[];
  readonly shareCols: readonly { d: number; w: number; col: number }[];
  readonly continuity: Continuity;
  readonly requestCols: readonly number[];
}

interface Coverage {
  /** Candidates reaching each (week, key), key = week × keys + key. */
  readonly reaching: ReadonlyMap<number, number[]>;
  /** The y columns of each (week, key), first visit first. */
  readonly yCols: ReadonlyMap<number, number[]>;
}

interface Regularity {
  /** Column of z_P per pattern, −1 where the pattern is minimal for no visit. */
  readonly patternCols: readonly number[];
  /** Column of r_c per candidate, −1 where it has none. */
  readonly regularCols: Int32Array;
  readonly minimalPatterns: readonly (readonly number[])[];
}

interface Continuity {
  readonly continuityCols: readonly { series: string; advisor: number; col: number }[];
  readonly heldCols: readonly { series: string; col: number }[];
}

/** A pinned series' visits happen (their advisors are the model's choice), like pinned visits. */
const isRequired = (c: Candidate) => c.pin >= 0 || c.series >= 0;

export function planningMilp(P: Prepared, start?: readonly PlannedVisit[]): PlanningMilp {
  const b = new MilpBuilder();
  const { visitColumn, staffColumns } = addVisits(P, b);
  const m: ModelContext = { P, b, visitColumn, staffColumns, rhythm: !P.x.newVisitDates };
  const coverage = addCoverage(m);
  const langCols = addLanguageBonus(m);
  const regularity = addRegularity(m);
  const slackCols = addFairness(m);
  addNoOneOffs(m, regularity);
  addSeriesPerVenue(m);
  addVenueMinutes(m);
  const shareCols = addDistrictShares(m);
  const continuity = addContinuity(m);
  const requestCols = addRequests(m);
  addOneVisitPerVenue(m);
  addAdvisorLimits(m);
  const terms = { coverage, langCols, regularity, slackCols, shareCols, continuity, requestCols };
  const startVector = start ? planStart(m, terms, start) : undefined;
  return { ...b.build('max', 0, startVector), visitColumn, staffColumns };
}

/** Per candidate u_c and its x_ca, with the staffing row Σ_a x_ca = staff · u_c. */
function addVisits(
  P: Prepared,
  b: MilpBuilder,
): { visitColumn: Int32Array; staffColumns: [number, number][][] } {
  const params = P.x.params;
  const C = P.candidates;
  const visitColumn = new Int32Array(C.length);
  const staffColumns: [number, number][][] = [];
  for (const c of C) {
    // One-off cost on every visit; a regular one earns it back through r_c.
    visitColumn[c.index] = b.addCol(-params.oneOffCost, isRequired(c) ? 1 : 0, 1, true);
    const cols: [number, number][] = [];
    for (const a of c.eligible) cols.push([a, b.addCol(0, c.pin >= 0 ? 1 : 0, 1, true)]);
    staffColumns.push(cols);
    // Staffing: Σ_a x_ca = staff · u_c.
    const row = b.addRow(0, 0);
    for (const [, col] of cols) b.set(row, col, 1);
    b.set(row, visitColumn[c.index] ?? 0, -c.staff);
  }
  return { visitColumn, staffColumns };
}

/** Coverage with diminishing returns per week and key. */
function addCoverage({ P, b, visitColumn }: ModelContext): Coverage {
  const K = P.x.params.maxRepeats;
  const reaching = new Map<number, number[]>();
  const nKeys = P.keyWeight.length;
  for (const c of P.candidates) {
    for (const k of P.venueKeys[c.venue] ?? []) {
      const key = c.week * nKeys + k;
      const list = reaching.get(key) ?? [];
      list.push(c.index);
      reaching.set(key, list);
    }
  }
  const yCols = new Map<number, number[]>();
  for (const [key, list] of reaching) {
    const k = key % nKeys;
    const row = b.addRow(Number.NEGATIVE_INFINITY, 0);
    const cols: number[] = [];
    for (let i = 1; i <= Math.min(K, list.length); i++) {
      const col = b.addCol((P.keyWeight[k] ?? 0) * repeatValue(P, i), 0, 1, false);
      b.set(row, col, 1);
      cols.push(col);
    }
    yCols.set(key, cols);
    for (const c of list) b.set(row, visitColumn[c] ?? 0, -1);
  }
  return { reaching, yCols };
}

/** Language bonus: L_cl ≤ Σ x_ca over advisors speaking l. */
function addLanguageBonus({ P, b, visitColumn, staffColumns }: ModelContext): TermColumns['langCols'] {
  const x = P.x;
  const langCols: { c: number; language: string; col: number }[] = [];
  for (const c of P.candidates) {
    const languages = new Set<string>();
    for (const k of P.venueKeys[c.venue] ?? []) if (P.keyLanguage[k]) languages.add(P.keyLanguage[k] ?? '');
    for (const l of languages) {
      const speakers = (staffColumns[c.index] ?? []).filter(([a]) => x.advisors[a]?.languages.includes(l));
      const weight = x.params.languageBonus * languageWeight(P, c, l);
      if (speakers.length === 0 || weight <= 0) continue;
      const col = b.addCol(weight, 0, 1, false);
      const row = b.addRow(Number.NEGATIVE_INFINITY, 0);
      b.set(row, col, 1);
      for (const [, xc] of speakers) b.set(row, xc, -1);
      if (c.staff > 1) {
        // With two advisors, the row above allows L_cl up to 2·u_c in the LP; L_cl ≤ u_c is
        // valid (L_cl ≤ 1 and no bonus without the visit) and tightens the relaxation.
        const tight = b.addRow(Number.NEGATIVE_INFINITY, 0);
        b.set(tight, col, 1);
        b.set(tight, visitColumn[c.index] ?? 0, -1);
      }
      langCols.push({ c: c.index, language: l, col });
    }
  }
  return langCols;
}

/**
 * Rhythm: a visit is regular when some pattern holding it is kept whole (z_P ≤ u_c for c in
 * P). A pattern that strictly contains another pattern holding the same visit (every week ⊃
 * every other week) is whole only if that one is, so only each visit's minimal patterns
 * count. A visit with one minimal pattern P earns back its one-off cost through z_P (P's
 * cost is the one-off cost times the number of such visits); one with several gets
 * r_c ≤ Σ z_P and r_c ≤ u_c. Same optimum as r_c ≤ Σ_{P ∋ c} z_P, a much tighter LP.
 */
function addRegularity({ P, b, visitColumn, rhythm }: ModelContext): Regularity {
  const params = P.x.params;
  const C = P.candidates;
  const patternCols: number[] = P.patterns.map(() => -1);
  const regularCols = new Int32Array(C.length).fill(-1);
  const minimalPatterns: (readonly number[])[] = C.map(() => []);
  if (!(params.oneOffCost > 0 || (!params.allowOneOffs && rhythm)))
    return { patternCols, regularCols, minimalPatterns };
  const members = P.patterns.map((pat) => new Set(pat.candidates));
  const within = (inner: number, outer: number) => {
    const a = members[inner];
    const o = members[outer];
    return !!a && !!o && a.size < o.size && [...a].every((i) => o.has(i));
  };
  const bonus = new Float64Array(P.patterns.length);
  const used = new Uint8Array(P.patterns.length);
  for (const c of C) {
    const pats = P.patternsOf[c.index] ?? [];
    const minimal = pats.filter((q) => !pats.some((o) => o !== q && within(o, q)));
    minimalPatterns[c.index] = minimal;
    for (const q of minimal) used[q] = 1;
    const only = minimal.length === 1 ? (minimal[0] ?? -1) : -1;
    if (only >= 0) bonus[only] = (bonus[only] ?? 0) + params.oneOffCost;
  }
  for (const [q, pat] of P.patterns.entries()) {
    if (!used[q]) continue;
    const col = b.addCol(bonus[q] ?? 0, 0, 1, true);
    patternCols[q] = col;
    for (const c of pat.candidates) {
      const row = b.addRow(Number.NEGATIVE_INFINITY, 0);
      b.set(row, col, 1);
      b.set(row, visitColumn[c] ?? 0, -1);
    }
  }
  for (const c of C) {
    const minimal = minimalPatterns[c.index] ?? [];
    if (minimal.length < 2 || params.oneOffCost <= 0) continue;
    const col = b.addCol(params.oneOffCost, 0, 1, false);
    regularCols[c.index] = col;
    const row = b.addRow(Number.NEGATIVE_INFINITY, 0);
    b.set(row, col, 1);
    for (const q of minimal) b.set(row, patternCols[q] ?? 0, -1);
    const visit = b.addRow(Number.NEGATIVE_INFINITY, 0);
    b.set(visit, col, 1);
    b.set(visit, visitColumn[c.index] ?? 0, -1);
  }
  return { patternCols, regularCols, minimalPatterns };
}

/** Fairness: Σ u_c over the district's visits in the week + slack ≥ target. */
function addFairness({ P, b, visitColumn }: ModelContext): TermColumns['slackCols'] {
  const slackCols: { d: number; w: number; col: number }[] = [];
  for (const [d, targets] of P.fairnessTarget.entries()) {
    for (const [w, target] of targets.entries()) {
      if (target <= 0) continue;
      const col = b.addCol(-P.x.params.fairnessPenalty, 0, target, false);
      const row = b.addRow(target, Number.POSITIVE_INFINITY);
      b.set(row, col, 1);
      for (const c of P.candidates)
        if (c.week === w && P.venueDistrict[c.venue] === d) b.set(row, visitColumn[c.index] ?? 0, 1);
      slackCols.push({ d, w, col });
    }
  }
  return slackCols;
}

/**
 * Rhythm rules, hard (docs/planning-model.md, "Rhythm"). No one-offs: a visit happens only
 * inside a kept pattern (u_c ≤ Σ_{minimal P ∋ c} z_P), unless it is pinned or meets a partner
 * request.
 */
function addNoOneOffs({ P, b, visitColumn, rhythm }: ModelContext, regularity: Regularity): void {
  const x = P.x;
  if (x.params.allowOneOffs || !rhythm) return;
  for (const c of P.candidates) {
    if (isRequired(c) || x.requests.some((_, r) => requestMatches(P, r, c))) continue;
    const row = b.addRow(Number.NEGATIVE_INFINITY, 0);
    b.set(row, visitColumn[c.index] ?? 0, 1);
    for (const q of regularity.minimalPatterns[c.index] ?? []) b.set(row, regularity.patternCols[q] ?? 0, -1);
  }
}

/** The candidates of each series (venue, weekday and time), in candidate order. */
function bySeries(P: Prepared): Map<string, Candidate[]> {
  const out = new Map<string, Candidate[]>();
  for (const c of P.candidates) {
    const key = seriesKey(c.venue, c.weekday, c.start, c.end);
    (out.get(key) ?? out.set(key, []).get(key))?.push(c);
  }
  return out;
}

/** At most N series (weekday and time) per venue: u_c ≤ t_s, Σ_s t_s ≤ N. */
function addSeriesPerVenue({ P, b, visitColumn, rhythm }: ModelContext): void {
  const params = P.x.params;
  if (!(params.maxSeriesPerVenue > 0 && rhythm)) return;
  const venueSeries = new Map<number, number[]>();
  for (const list of bySeries(P).values()) {
    const venue = list[0]?.venue ?? 0;
    const t = b.addCol(0, list.some(isRequired) ? 1 : 0, 1, true);
    (venueSeries.get(venue) ?? venueSeries.set(venue, []).get(venue))?.push(t);
    for (const c of list) {
      const row = b.addRow(Number.NEGATIVE_INFINITY, 0);
      b.set(row, visitColumn[c.index] ?? 0, 1);
      b.set(row, t, -1);
    }
  }
  for (const [venue, cols] of venueSeries) {
    const limit = P.seriesLimit[venue] ?? params.maxSeriesPerVenue;
    if (cols.length <= limit) continue;
    const row = b.addRow(Number.NEGATIVE_INFINITY, limit);
    for (const t of cols) b.set(row, t, 1);
  }
}

/** Minutes of visits per venue and week. */
function addVenueMinutes({ P, b, visitColumn }: ModelContext): void {
  const limit = P.x.params.maxVenueMinutesPerWeek;
  if (!(limit > 0)) return;
  const byVenueWeek = new Map<string, Candidate[]>();
  for (const c of P.candidates) {
    const key = `${c.venue}|${c.week}`;
    (byVenueWeek.get(key) ?? byVenueWeek.set(key, []).get(key))?.push(c);
  }
  for (const list of byVenueWeek.values()) {
    if (list.reduce((sum, c) => sum + (c.end - c.start), 0) <= limit) continue;
    const row = b.addRow(Number.NEGATIVE_INFINITY, limit);
    for (const c of list) b.set(row, visitColumn[c.index] ?? 0, c.end - c.start);
  }
}

/**
 * A district's share of the week's visits: at most f · share_d of them, or its weekly minimum
 * m if that is more: Σ_{c ∈ d,w} u_c ≤ max(m, f · share_d · Σ_{c ∈ w} u_c). With m > 0 a binary
 * b_dw picks the branch: Σ_d u − f·share·Σ_w u − m·b ≤ 0 and Σ_d u + (n − m)·b ≤ n (n: the
 * district's candidates that week), so b = 1 allows m visits and b = 0 the share.
 */
function addDistrictShares({ P, b, visitColumn, rhythm }: ModelContext): TermColumns['shareCols'] {
  const params = P.x.params;
  const shareCols: { d: number; w: number; col: number }[] = [];
  if (!(params.maxDistrictShareFactor > 0 && rhythm)) return shareCols;
  for (let w = 0; w < P.weeks; w++) {
    const inWeek = P.candidates.filter((c) => c.week === w);
    for (let d = 0; d < P.x.districts.length; d++) {
      const cap = params.maxDistrictShareFactor * (P.districtShare[d] ?? 0);
      if (cap >= 1) continue;
      const m = P.fairnessTarget[d]?.[w] ?? 0;
      const n = inWeek.filter((c) => P.venueDistrict[c.venue] === d).length;
      if (n <= m) continue;
      const row = b.addRow(Number.NEGATIVE_INFINITY, 0);
      for (const c of inWeek)
        b.set(row, visitColumn[c.index] ?? 0, (P.venueDistrict[c.venue] === d ? 1 : 0) - cap);
      if (m <= 0) continue;
      const pick = b.addCol(0, 0, 1, true);
      shareCols.push({ d, w, col: pick });
      b.set(row, pick, -m);
      const minimum = b.addRow(Number.NEGATIVE_INFINITY, n);
      b.set(minimum, pick, n - m);
      for (const c of inWeek)
        if (P.venueDistrict[c.venue] === d) b.set(minimum, visitColumn[c.index] ?? 0, 1);
    }
  }
  return shareCols;
}

/**
 * Continuity (soft): e_sa ≥ x_ca for every visit c of series s, at cost γ each; m_s ≤ 1 and
 * σ_s · m_s ≤ Σ_a e_sa earn back γ · σ_s for a series held (σ_s: the fewest advisors its
 * visits need). In a plan the term is −γ · (advisors of s − σ_s), as `evaluate` counts it;
 * it is ≤ 0 at every LP point, so the relaxation's bound stays a bound without it.
 */
function addContinuity({ P, b, staffColumns }: ModelContext): Continuity {
  const continuityCols: { series: string; advisor: number; col: number }[] = [];
  const heldCols: { series: string; col: number }[] = [];
  const gamma = P.x.params.continuityCost;
  if (!(gamma > 0)) return { continuityCols, heldCols };
  const staff = seriesStaff(P);
  for (const [key, list] of bySeries(P)) {
    const sigma = staff.get(key) ?? 1;
    const held = b.addCol(gamma * sigma, 0, 1, false);
    heldCols.push({ series: key, col: held });
    const cover = b.addRow(Number.NEGATIVE_INFINITY, 0);
    b.set(cover, held, sigma);
    const eOf = new Map<number, number>();
    for (const c of list) {
      for (const [a, xc] of staffColumns[c.index] ?? []) {
        let e = eOf.get(a);
        if (e === undefined) {
          e = b.addCol(-gamma, 0, 1, false);
          eOf.set(a, e);
          b.set(cover, e, -1);
          continuityCols.push({ series: key, advisor: a, col: e });
        }
        const row = b.addRow(Number.NEGATIVE_INFINITY, 0);
        b.set(row, xc, 1);
        b.set(row, e, -1);
      }
    }
  }
  return { continuityCols, heldCols };
}

/** Partner requests: q_r ≤ Σ u_c over matching visits. */
function addRequests({ P, b, visitColumn }: ModelContext): number[] {
  const requestCols: number[] = [];
  for (const [r, req] of P.x.requests.entries()) {
    const col = b.addCol(P.x.params.requestValue * req.priority, 0, 1, false);
    requestCols.push(col);
    const row = b.addRow(Number.NEGATIVE_INFINITY, 0);
    b.set(row, col, 1);
    for (const c of P.candidates) if (requestMatches(P, r, c)) b.set(row, visitColumn[c.index] ?? 0, -1);
  }
  return requestCols;
}

/** One visit at a time per venue: at each start time, the visits that cover it are a clique. */
function addOneVisitPerVenue({ P, b, visitColumn }: ModelContext): void {
  const byVenueDay = new Map<string, Candidate[]>();
  for (const c of P.candidates) {
    const key = `${c.venue}|${c.day}`;
    (byVenueDay.get(key) ?? byVenueDay.set(key, []).get(key))?.push(c);
  }
  for (const list of byVenueDay.values()) {
    if (list.length < 2) continue;
    const cliques = new Set<string>();
    for (const t of new Set(list.map((c) => c.start))) {
      const members = list.filter((c) => c.start <= t && t < c.end).map((c) => c.index);
      const key = members.join(',');
      if (members.length < 2 || cliques.has(key)) continue;
      cliques.add(key);
      const row = b.addRow(Number.NEGATIVE_INFINITY, 1);
      for (const c of members) b.set(row, visitColumn[c] ?? 0, 1);
    }
  }
}

/** A candidate and the column of one advisor staffing it. */
type Staffing = [Candidate, number];

/** Per advisor: visits a day, no conflicts on a day, minutes a week. */
function addAdvisorLimits(m: ModelContext): void {
  const { P, b, staffColumns } = m;
  const byAdvisorDay = new Map<string, Staffing[]>();
  const byAdvisorWeek = new Map<string, Staffing[]>();
  for (const c of P.candidates) {
    for (const [a, col] of staffColumns[c.index] ?? []) {
      const dayKey = `${a}|${c.day}`;
      const wk = `${a}|${c.week}`;
      (byAdvisorDay.get(dayKey) ?? byAdvisorDay.set(dayKey, []).get(dayKey))?.push([c, col]);
      (byAdvisorWeek.get(wk) ?? byAdvisorWeek.set(wk, []).get(wk))?.push([c, col]);
    }
  }
  for (const [key, list] of byAdvisorDay) {
    const a = Number(key.split('|')[0]);
    const advisor = P.x.advisors[a];
    if (!advisor) continue;
    if (list.length > advisor.maxVisitsPerDay) {
      const row = b.addRow(Number.NEGATIVE_INFINITY, advisor.maxVisitsPerDay);
      for (const [, col] of list) b.set(row, col, 1);
    }
    addDayConflicts(m, list);
  }
  for (const [key, list] of byAdvisorWeek) {
    const [a, w] = key.split('|').map(Number) as [number, number];
    const cap = P.weeklyCap[a]?.[w] ?? 0;
    const total = list.reduce((s, [c]) => s + (c.end - c.start), 0);
    if (total <= cap) continue;
    const row = b.addRow(Number.NEGATIVE_INFINITY, cap);
    for (const [c, col] of list) b.set(row, col, c.end - c.start);
  }
}

/**
 * An advisor's day: candidates with the same times are a slot, each slot a clique; two
 * overlapping slots are one clique; otherwise each visit with the visits of a later slot it
 * conflicts with (no time to travel between).
 */
function addDayConflicts({ P, b }: ModelContext, list: readonly Staffing[]): void {
  const slots = new Map<string, Staffing[]>();
  for (const item of list) {
    const k = `${item[0].start}|${item[0].end}`;
    (slots.get(k) ?? slots.set(k, []).get(k))?.push(item);
  }
  const ordered = [...slots.values()].sort((s, t) => (s[0]?.[0].start ?? 0) - (t[0]?.[0].start ?? 0));
  for (const slot of ordered) {
    if (slot.length < 2) continue;
    const row = b.addRow(Number.NEGATIVE_INFINITY, 1);
    for (const [, col] of slot) b.set(row, col, 1);
  }
  for (let s1 = 0; s1 < ordered.length; s1++) {
    for (let s2 = s1 + 1; s2 < ordered.length; s2++) {
      const first = ordered[s1] ?? [];
      const second = ordered[s2] ?? [];
      const f0 = first[0]?.[0];
      const s0 = second[0]?.[0];
      if (!f0 || !s0) continue;
      if (s0.start < f0.end && f0.start < s0.end) {
        // Overlapping slots: all of both are one clique.
        const row = b.addRow(Number.NEGATIVE_INFINITY, 1);
        for (const [, col] of [...first, ...second]) b.set(row, col, 1);
        continue;
      }
      for (const [c1, col1] of first) {
        const clash = second.filter(([c2]) => conflicts(P.x, c1, c2));
        if (clash.length === 0) continue;
        const row = b.addRow(Number.NEGATIVE_INFINITY, 1);
        b.set(row, col1, 1);
        for (const [, col2] of clash) b.set(row, col2, 1);
      }
    }
  }
}

/** The start vector of a plan: its visits and advisors, and every term's columns at their values. */
function planStart(
  { P, b, visitColumn, staffColumns }: ModelContext,
  terms: TermColumns,
  start: readonly PlannedVisit[],
): Float64Array {
  const x = P.x;
  const C = P.candidates;
  const startVector = new Float64Array(b.cols.length);
  const chosen = new Set(start.map((v) => v.candidate));
  for (const v of start) {
    startVector[visitColumn[v.candidate] ?? 0] = 1;
    for (const [a, col] of staffColumns[v.candidate] ?? []) if (v.advisors.includes(a)) startVector[col] = 1;
  }
  for (const [key, cols] of terms.coverage.yCols) {
    const n = (terms.coverage.reaching.get(key) ?? []).filter((c) => chosen.has(c)).length;
    for (const [i, col] of cols.entries()) startVector[col] = i < n ? 1 : 0;
  }
  for (const { c, language, col } of terms.langCols) {
    const v = start.find((s) => s.candidate === c);
    startVector[col] = v?.advisors.some((a) => x.advisors[a]?.languages.includes(language)) ? 1 : 0;
  }
  if (x.params.oneOffCost > 0) {
    const { patternCols, regularCols } = terms.regularity;
    const regular = regularVisits(P, chosen);
    for (const [q, pat] of P.patterns.entries())
      if ((patternCols[q] ?? -1) >= 0)
        startVector[patternCols[q] ?? 0] = pat.candidates.every((c) => chosen.has(c)) ? 1 : 0;
    for (const c of C)
      if ((regularCols[c.index] ?? -1) >= 0)
        startVector[regularCols[c.index] ?? 0] = regular.has(c.index) ? 1 : 0;
  }
  for (const { d, w, col } of terms.slackCols) {
    const have = [...chosen].filter((i) => {
      const c = C[i];
      return c && c.week === w && P.venueDistrict[c.venue] === d;
    }).length;
    startVector[col] = Math.max(0, (P.fairnessTarget[d]?.[w] ?? 0) - have);
  }
  for (const [r, col] of terms.requestCols.entries())
    startVector[col] = [...chosen].some((i) => requestMatches(P, r, C[i] as Candidate)) ? 1 : 0;
  const staffed = new Set<string>();
  for (const v of start) {
    const c = C[v.candidate] as Candidate;
    const key = seriesKey(c.venue, c.weekday, c.start, c.end);
    staffed.add(key);
    for (const a of v.advisors) staffed.add(`${key}#${a}`);
  }
  for (const { series, advisor, col } of terms.continuity.continuityCols)
    startVector[col] = staffed.has(`${series}#${advisor}`) ? 1 : 0;
  for (const { series, col } of terms.continuity.heldCols) startVector[col] = staffed.has(series) ? 1 : 0;
  for (const { d, w, col } of terms.shareCols) {
    const have = start.filter((v) => {
      const c = C[v.candidate] as Candidate;
      return c.week === w && P.venueDistrict[c.venue] === d;
    }).length;
    startVector[col] = have <= (P.fairnessTarget[d]?.[w] ?? 0) ? 1 : 0;
  }
  return startVector;
}

/** The visits of a MILP solution. */
export function visitsOf(m: PlanningMilp, colValue: ArrayLike<number>): PlannedVisit[] {
  const out: PlannedVisit[] = [];
  for (let c = 0; c < m.visitColumn.length; c++) {
    if ((colValue[m.visitColumn[c] ?? 0] ?? 0) < 0.5) continue;
    out.push({
      candidate: c,
      advisors: (m.staffColumns[c] ?? []).filter(([, col]) => (colValue[col] ?? 0) > 0.5).map(([a]) => a),
    });
  }
  return out;
}
