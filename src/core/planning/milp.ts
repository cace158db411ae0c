/**
 * The visit-planning model as a MILP for HiGHS (docs/planning-model.md, "Exact model").
 *
 * Columns: u_c (visit c happens), x_ca (advisor a staffs it), y_wki (k-th visit reaching key
 * k in week w, diminishing value), L_cl (language l matched at c), z_P (pattern P kept whole;
 * only patterns that are minimal for some visit), r_c (c is regular; only for visits with
 * several minimal patterns), s_dw (visits district d misses in week w), q_r (request r met),
 * e_sa (advisor a staffs some visit of series s) and m_s (series s is held), for continuity.
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
import { type Candidate, conflicts, type Prepared, seriesKey } from './instance.ts';

export interface PlanningMilp extends MilpSpec {
  /** Column of u_c per candidate. */
  readonly visitColumn: Int32Array;
  /** Per candidate, [advisor, column] of x_ca. */
  readonly staffColumns: readonly (readonly (readonly [number, number])[])[];
}

export function planningMilp(P: Prepared, start?: readonly PlannedVisit[]): PlanningMilp {
  const x = P.x;
  const params = x.params;
  const b = new MilpBuilder();
  const C = P.candidates;
  const K = params.maxRepeats;
  const fixedOn = (c: Candidate) => c.pin >= 0;
  // A pinned series' visits happen (their advisors are the model's choice).
  const required = (c: Candidate) => c.pin >= 0 || c.series >= 0;

  const visitColumn = new Int32Array(C.length);
  const staffColumns: [number, number][][] = [];
  for (const c of C) {
    // One-off cost on every visit; a regular one earns it back through r_c.
    visitColumn[c.index] = b.addCol(-params.oneOffCost, required(c) ? 1 : 0, 1, true);
    const cols: [number, number][] = [];
    for (const a of c.eligible) cols.push([a, b.addCol(0, fixedOn(c) ? 1 : 0, 1, true)]);
    staffColumns.push(cols);
    // Staffing: Σ_a x_ca = staff · u_c.
    const row = b.addRow(0, 0);
    for (const [, col] of cols) b.set(row, col, 1);
    b.set(row, visitColumn[c.index] ?? 0, -c.staff);
  }

  // Coverage with diminishing returns per week and key.
  const reaching = new Map<number, number[]>();
  const nKeys = P.keyWeight.length;
  for (const c of C) {
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

  // Language bonus: L_cl ≤ Σ x_ca over advisors speaking l.
  const langCols: { c: number; language: string; col: number }[] = [];
  for (const c of C) {
    const languages = new Set<string>();
    for (const k of P.venueKeys[c.venue] ?? []) if (P.keyLanguage[k]) languages.add(P.keyLanguage[k] ?? '');
    for (const l of languages) {
      const speakers = (staffColumns[c.index] ?? []).filter(([a]) => x.advisors[a]?.languages.includes(l));
      const weight = params.languageBonus * languageWeight(P, c, l);
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

  // Rhythm: a visit is regular when some pattern holding it is kept whole (z_P ≤ u_c for c in
  // P). A pattern that strictly contains another pattern holding the same visit (every week ⊃
  // every other week) is whole only if that one is, so only each visit's minimal patterns
  // count. A visit with one minimal pattern P earns back its one-off cost through z_P (P's
  // cost is the one-off cost times the number of such visits); one with several gets
  // r_c ≤ Σ z_P and r_c ≤ u_c. Same optimum as r_c ≤ Σ_{P ∋ c} z_P, a much tighter LP.
  const patternCols: number[] = P.patterns.map(() => -1);
  const regularCols = new Int32Array(C.length).fill(-1);
  const minimalPatterns: (readonly number[])[] = C.map(() => []);
  // A repair fills the gaps of a published schedule on a few dates: the rhythm rules are for
  // new plans (one-offs and new series are what a repair is for).
  const rhythm = !x.newVisitDates;
  if (params.oneOffCost > 0 || (!params.allowOneOffs && rhythm)) {
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
  }

  // Fairness: Σ u_c over the district's visits in the week + slack ≥ target.
  const slackCols: { d: number; w: number; col: number }[] = [];
  for (const [d, targets] of P.fairnessTarget.entries()) {
    for (const [w, target] of targets.entries()) {
      if (target <= 0) continue;
      const col = b.addCol(-params.fairnessPenalty, 0, target, false);
      const row = b.addRow(target, Number.POSITIVE_INFINITY);
      b.set(row, col, 1);
      for (const c of C)
        if (c.week === w && P.venueDistrict[c.venue] === d) b.set(row, visitColumn[c.index] ?? 0, 1);
      slackCols.push({ d, w, col });
    }
  }

  // Rhythm rules, hard (docs/planning-model.md, "Rhythm").
  // No one-offs: a visit happens only inside a kept pattern (u_c ≤ Σ_{minimal P ∋ c} z_P),
  // unless it is pinned or meets a partner request.
  if (!params.allowOneOffs && rhythm) {
    for (const c of C) {
      if (required(c) || x.requests.some((_, r) => requestMatches(P, r, c))) continue;
      const row = b.addRow(Number.NEGATIVE_INFINITY, 0);
      b.set(row, visitColumn[c.index] ?? 0, 1);
      for (const q of minimalPatterns[c.index] ?? []) b.set(row, patternCols[q] ?? 0, -1);
    }
  }
  // At most N series (weekday and time) per venue: u_c ≤ t_s, Σ_s t_s ≤ N.
  if (params.maxSeriesPerVenue > 0 && rhythm) {
    const bySeries = new Map<string, Candidate[]>();
    for (const c of C) {
      const key = seriesKey(c.venue, c.weekday, c.start, c.end);
      (bySeries.get(key) ?? bySeries.set(key, []).get(key))?.push(c);
    }
    const venueSeries = new Map<number, number[]>();
    for (const list of bySeries.values()) {
      const venue = list[0]?.venue ?? 0;
      const t = b.addCol(0, list.some(required) ? 1 : 0, 1, true);
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
  // Minutes of visits per venue and week.
  if (params.maxVenueMinutesPerWeek > 0) {
    const byVenueWeek = new Map<string, Candidate[]>();
    for (const c of C) {
      const key = `${c.venue}|${c.week}`;
      (byVenueWeek.get(key) ?? byVenueWeek.set(key, []).get(key))?.push(c);
    }
    for (const list of byVenueWeek.values()) {
      if (list.reduce((sum, c) => sum + (c.end - c.start), 0) <= params.maxVenueMinutesPerWeek) continue;
      const row = b.addRow(Number.NEGATIVE_INFINITY, params.maxVenueMinutesPerWeek);
      for (const c of list) b.set(row, visitColumn[c.index] ?? 0, c.end - c.start);
    }
  }
  // A district's share of the week's visits: at most f · share_d of them, or its weekly minimum
  // m if that is more: Σ_{c ∈ d,w} u_c ≤ max(m, f · share_d · Σ_{c ∈ w} u_c). With m > 0 a binary
  // b_dw picks the branch: Σ_d u − f·share·Σ_w u − m·b ≤ 0 and Σ_d u + (n − m)·b ≤ n (n: the
  // district's candidates that week), so b = 1 allows m visits and b = 0 the share.
  const shareCols: { d: number; w: number; col: number }[] = [];
  if (params.maxDistrictShareFactor > 0 && rhythm) {
    for (let w = 0; w < P.weeks; w++) {
      const inWeek = C.filter((c) => c.week === w);
      for (let d = 0; d < x.districts.length; d++) {
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
  }

  // Continuity (soft): e_sa ≥ x_ca for every visit c of series s, at cost γ each; m_s ≤ 1 and
  // σ_s · m_s ≤ Σ_a e_sa earn back γ · σ_s for a series held (σ_s: the fewest advisors its
  // visits need). In a plan the term is −γ · (advisors of s − σ_s), as `evaluate` counts it;
  // it is ≤ 0 at every LP point, so the relaxation's bound stays a bound without it.
  const continuityCols: { series: string; advisor: number; col: number }[] = [];
  const heldCols: { series: string; col: number }[] = [];
  if (params.continuityCost > 0) {
    const gamma = params.continuityCost;
    const staff = seriesStaff(P);
    const bySeries = new Map<string, Candidate[]>();
    for (const c of C) {
      const key = seriesKey(c.venue, c.weekday, c.start, c.end);
      (bySeries.get(key) ?? bySeries.set(key, []).get(key))?.push(c);
    }
    for (const [key, list] of bySeries) {
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
  }

  // Partner requests: q_r ≤ Σ u_c over matching visits.
  const requestCols: number[] = [];
  for (const [r, req] of x.requests.entries()) {
    const col = b.addCol(params.requestValue * req.priority, 0, 1, false);
    requestCols.push(col);
    const row = b.addRow(Number.NEGATIVE_INFINITY, 0);
    b.set(row, col, 1);
    for (const c of C) if (requestMatches(P, r, c)) b.set(row, visitColumn[c.index] ?? 0, -1);
  }

  // One visit at a time per venue: at each start time, the visits that cover it are a clique.
  const byVenueDay = new Map<string, Candidate[]>();
  for (const c of C) {
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

  // Per advisor: visits a day, no conflicts on a day, minutes a week.
  const byAdvisorDay = new Map<string, [Candidate, number][]>();
  const byAdvisorWeek = new Map<string, [Candidate, number][]>();
  for (const c of C) {
    for (const [a, col] of staffColumns[c.index] ?? []) {
      const dayKey = `${a}|${c.day}`;
      const wk = `${a}|${c.week}`;
      (byAdvisorDay.get(dayKey) ?? byAdvisorDay.set(dayKey, []).get(dayKey))?.push([c, col]);
      (byAdvisorWeek.get(wk) ?? byAdvisorWeek.set(wk, []).get(wk))?.push([c, col]);
    }
  }
  for (const [key, list] of byAdvisorDay) {
    const a = Number(key.split('|')[0]);
    const advisor = x.advisors[a];
    if (!advisor) continue;
    if (list.length > advisor.maxVisitsPerDay) {
      const row = b.addRow(Number.NEGATIVE_INFINITY, advisor.maxVisitsPerDay);
      for (const [, col] of list) b.set(row, col, 1);
    }
    // Slots: candidates with the same times; each slot is a clique.
    const slots = new Map<string, [Candidate, number][]>();
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
          const clash = second.filter(([c2]) => conflicts(x, c1, c2));
          if (clash.length === 0) continue;
          const row = b.addRow(Number.NEGATIVE_INFINITY, 1);
          b.set(row, col1, 1);
          for (const [, col2] of clash) b.set(row, col2, 1);
        }
      }
    }
  }
  for (const [key, list] of byAdvisorWeek) {
    const [a, w] = key.split('|').map(Number) as [number, number];
    const cap = P.weeklyCap[a]?.[w] ?? 0;
    const total = list.reduce((s, [c]) => s + (c.end - c.start), 0);
    if (total <= cap) continue;
    const row = b.addRow(Number.NEGATIVE_INFINITY, cap);
    for (const [c, col] of list) b.set(row, col, c.end - c.start);
  }

  let startVector: Float64Array | undefined;
  if (start) {
    startVector = new Float64Array(b.cols.length);
    const chosen = new Set(start.map((v) => v.candidate));
    for (const v of start) {
      startVector[visitColumn[v.candidate] ?? 0] = 1;
      for (const [a, col] of staffColumns[v.candidate] ?? [])
        if (v.advisors.includes(a)) startVector[col] = 1;
    }
    for (const [key, cols] of yCols) {
      const n = (reaching.get(key) ?? []).filter((c) => chosen.has(c)).length;
      for (const [i, col] of cols.entries()) startVector[col] = i < n ? 1 : 0;
    }
    for (const { c, language, col } of langCols) {
      const v = start.find((s) => s.candidate === c);
      startVector[col] = v?.advisors.some((a) => x.advisors[a]?.languages.includes(language)) ? 1 : 0;
    }
    if (params.oneOffCost > 0) {
      const regular = regularVisits(P, chosen);
      for (const [q, pat] of P.patterns.entries())
        if ((patternCols[q] ?? -1) >= 0)
          startVector[patternCols[q] ?? 0] = pat.candidates.every((c) => chosen.has(c)) ? 1 : 0;
      for (const c of C)
        if ((regularCols[c.index] ?? -1) >= 0)
          startVector[regularCols[c.index] ?? 0] = regular.has(c.index) ? 1 : 0;
    }
    for (const { d, w, col } of slackCols) {
      const have = [...chosen].filter((i) => {
        const c = C[i];
        return c && c.week === w && P.venueDistrict[c.venue] === d;
      }).length;
      startVector[col] = Math.max(0, (P.fairnessTarget[d]?.[w] ?? 0) - have);
    }
    for (const [r, col] of requestCols.entries())
      startVector[col] = [...chosen].some((i) => requestMatches(P, r, C[i] as Candidate)) ? 1 : 0;
    const staffed = new Set<string>();
    for (const v of start) {
      const c = C[v.candidate] as Candidate;
      const key = seriesKey(c.venue, c.weekday, c.start, c.end);
      staffed.add(key);
      for (const a of v.advisors) staffed.add(`${key}#${a}`);
    }
    for (const { series, advisor, col } of continuityCols)
      startVector[col] = staffed.has(`${series}#${advisor}`) ? 1 : 0;
    for (const { series, col } of heldCols) startVector[col] = staffed.has(series) ? 1 : 0;
    for (const { d, w, col } of shareCols) {
      const have = start.filter((v) => {
        const c = C[v.candidate] as Candidate;
        return c.week === w && P.venueDistrict[c.venue] === d;
      }).length;
      startVector[col] = have <= (P.fairnessTarget[d]?.[w] ?? 0) ? 1 : 0;
    }
  }
  return { ...b.build('max', 0, startVector), visitColumn, staffColumns };
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

/**
 * A smaller relaxation for plans too large for the full model: visits without advisors, whose
 * staffing is bounded in aggregate (each advisor's time slots shared among districts as flows
 * that also carry the advisor's daily visits and weekly minutes), one visit at a time per
 * venue, coverage and requests as in the full model, a language bonus only where the flows
 * bring a speaker of the language, rhythm and fairness dropped (both terms are ≤ 0). Its LP
 * optimum is a valid upper bound on every plan (docs/planning-model.md, "aggregate relaxation").
 */
export function aggregateRelaxation(P: Prepared, integerVisits = false): MilpSpec {
  const x = P.x;
  const params = x.params;
  const b = new MilpBuilder();
  const C = P.candidates;
  const u = C.map((c) => b.addCol(0, c.pin >= 0 ? 1 : 0, 1, integerVisits));
  const nKeys = P.keyWeight.length;
  const reaching = new Map<number, number[]>();
  // Language bonus per visit and language: L_cl ≤ u_c where some eligible advisor speaks l;
  // the slot rows below also ask for a speaker of l among the advisors the flows bring.
  const languageCols: (readonly [string, number])[][] = C.map(() => []);
  for (const c of C) {
    for (const k of P.venueKeys[c.venue] ?? []) {
      const key = c.week * nKeys + k;
      (reaching.get(key) ?? reaching.set(key, []).get(key))?.push(c.index);
    }
    const spoken = new Set(c.eligible.flatMap((a) => x.advisors[a]?.languages ?? []));
    for (const [l, w] of P.venueLanguages[c.venue] ?? []) {
      const bonus = params.languageBonus * w;
      if (!spoken.has(l) || bonus <= 0) continue;
      const col = b.addCol(bonus, 0, 1, false);
      const row = b.addRow(Number.NEGATIVE_INFINITY, 0);
      b.set(row, col, 1);
      b.set(row, u[c.index] ?? 0, -1);
      languageCols[c.index]?.push([l, col]);
    }
  }
  for (const [key, list] of reaching) {
    const k = key % nKeys;
    const row = b.addRow(Number.NEGATIVE_INFINITY, 0);
    for (let i = 1; i <= Math.min(params.maxRepeats, list.length); i++)
      b.set(row, b.addCol((P.keyWeight[k] ?? 0) * repeatValue(P, i), 0, 1, false), 1);
    for (const c of list) b.set(row, u[c] ?? 0, -1);
  }
  for (const [r, req] of x.requests.entries()) {
    const row = b.addRow(Number.NEGATIVE_INFINITY, 0);
    b.set(row, b.addCol(params.requestValue * req.priority, 0, 1, false), 1);
    for (const c of C) if (requestMatches(P, r, c)) b.set(row, u[c.index] ?? 0, -1);
  }
  // One visit at a time per venue.
  const byVenueDay = new Map<string, Candidate[]>();
  for (const c of C) {
    const key = `${c.venue}|${c.day}`;
    (byVenueDay.get(key) ?? byVenueDay.set(key, []).get(key))?.push(c);
  }
  for (const list of byVenueDay.values()) {
    if (list.length < 2) continue;
    for (const t of new Set(list.map((c) => c.start))) {
      const members = list.filter((c) => c.start <= t && t < c.end);
      if (members.length < 2) continue;
      const row = b.addRow(Number.NEGATIVE_INFINITY, 1);
      for (const c of members) b.set(row, u[c.index] ?? 0, 1);
    }
  }
  // Advisors' time as flows: h_adts ∈ [0, 1], advisor a at a visit of district d on day t in
  // time slot s (the same start and end). In a plan it is 0 or 1 and an advisor is in one
  // slot once, so per advisor: Σ_d h_adts ≤ 1 per slot, Σ_(d,s) h_adts ≤ visits a day per day,
  // Σ minutes_s · h_adts ≤ the weekly cap per week. A district's visits in a slot need the
  // advisors the flows bring (Σ_c σ_c u_c ≤ Σ_a h_adts), and its visits with the bonus of
  // language l need as many speakers of l (Σ_c L_cl ≤ Σ_(a speaks l) h_adts: each such visit
  // has its own speaker, no advisor being at two visits of one slot). Any plan's staffing gives
  // such flows, so the bound stays valid.
  const slots = new Map<string, Candidate[]>();
  for (const c of C) {
    const key = `${P.venueDistrict[c.venue]}|${c.day}|${c.start}|${c.end}`;
    (slots.get(key) ?? slots.set(key, []).get(key))?.push(c);
  }
  const pools = new Map<string, number>();
  const pool = (key: string, cap: number) => {
    let row = pools.get(key);
    if (row === undefined) {
      row = b.addRow(Number.NEGATIVE_INFINITY, cap);
      pools.set(key, row);
    }
    return row;
  };
  for (const list of slots.values()) {
    const first = list[0] as Candidate;
    const minutes = first.end - first.start;
    const staffing = b.addRow(Number.NEGATIVE_INFINITY, 0);
    const speakers = new Map<string, number>();
    for (const c of list) {
      b.set(staffing, u[c.index] ?? 0, c.staff);
      for (const [l, col] of languageCols[c.index] ?? []) {
        let row = speakers.get(l);
        if (row === undefined) {
          row = b.addRow(Number.NEGATIVE_INFINITY, 0);
          speakers.set(l, row);
        }
        b.set(row, col, 1);
      }
    }
    for (const a of new Set(list.flatMap((c) => c.eligible))) {
      const cap = P.weeklyCap[a]?.[first.week] ?? 0;
      const perDay = x.advisors[a]?.maxVisitsPerDay ?? 0;
      if (cap < minutes || perDay <= 0) continue;
      const h = b.addCol(0, 0, 1, false);
      b.set(staffing, h, -1);
      b.set(pool(`${a}|${first.day}|${first.start}|${first.end}`, 1), h, 1);
      b.set(pool(`${a}|${first.day}`, perDay), h, 1);
      b.set(pool(`${a}|w${first.week}`, cap), h, minutes);
      for (const [l, row] of speakers) if (x.advisors[a]?.languages.includes(l)) b.set(row, h, -1);
    }
  }
  return b.build('max', 0);
}
