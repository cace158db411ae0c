/**
 * The aggregate relaxation of the visit-planning model: a smaller MILP whose LP optimum bounds
 * every plan, for instances too large for the full model (docs/planning-model.md, "aggregate
 * relaxation"). Its value is the bound a plan's gap is measured against.
 */
import { MilpBuilder, type MilpSpec } from '../milp.ts';
import { repeatValue, requestMatches } from './evaluate.ts';
import type { Candidate, Prepared } from './prepare.ts';

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
