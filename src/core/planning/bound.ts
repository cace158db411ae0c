/**
 * A valid upper bound on the planning objective that needs no solver, for instances too large
 * for the LP: every term but coverage, language and requests is ≤ 0; a visit adds at most its
 * stand-alone value (first-time coverage of everything it reaches plus every language bonus
 * it could earn); a week holds at most as many visits as the advisors can staff; and no key
 * is worth more than its weight times (1 + ρ + … + ρ^(K−1)).
 */
import type { Prepared } from './prepare.ts';

export function capacityBound(P: Prepared): number {
  const x = P.x;
  const params = x.params;
  const perKeyMax = Array.from({ length: params.maxRepeats }, (_, i) => params.repeatFactor ** i).reduce(
    (s, v) => s + v,
    0,
  );
  let total = 0;
  for (let w = 0; w < P.weeks; w++) {
    const inWeek = P.candidates.filter((c) => c.week === w);
    if (inWeek.length === 0) continue;
    // Stand-alone value of each candidate.
    const values = inWeek.map((c) => {
      let v = 0;
      const byLanguage = new Map<string, number>();
      for (const k of P.venueKeys[c.venue] ?? []) {
        v += P.keyWeight[k] ?? 0;
        const l = P.keyLanguage[k] ?? '';
        if (l) byLanguage.set(l, (byLanguage.get(l) ?? 0) + (P.keyWeight[k] ?? 0));
      }
      const spoken = new Set(c.eligible.flatMap((a) => x.advisors[a]?.languages ?? []));
      for (const [l, wgt] of byLanguage) if (spoken.has(l)) v += params.languageBonus * wgt;
      return v;
    });
    values.sort((a, b) => b - a);
    // Visits the advisors can staff this week: per advisor, by visits a day and minutes.
    const minMinutes = Math.min(...inWeek.map((c) => c.end - c.start));
    const minStaff = Math.max(1, Math.min(...inWeek.map((c) => c.staff)));
    let seats = 0;
    for (const [a, advisor] of x.advisors.entries()) {
      const days = new Set(inWeek.filter((c) => c.eligible.includes(a)).map((c) => c.day)).size;
      const byMinutes = Math.floor(((P.weeklyCap[a]?.[w] ?? 0) + 1e-9) / Math.max(1, minMinutes));
      seats += Math.min(days * advisor.maxVisitsPerDay, byMinutes);
    }
    const maxVisits = Math.min(inWeek.length, Math.floor(seats / minStaff));
    const byCapacity = values.slice(0, maxVisits).reduce((s, v) => s + v, 0);
    // By saturation: every reachable key at its full weekly value, plus every language bonus.
    const reachable = new Set<number>();
    for (const c of inWeek) for (const k of P.venueKeys[c.venue] ?? []) reachable.add(k);
    let bySaturation = 0;
    for (const k of reachable) bySaturation += (P.keyWeight[k] ?? 0) * perKeyMax;
    const languageMax = inWeek.reduce((s, c) => {
      let v = 0;
      const spoken = new Set(c.eligible.flatMap((a) => x.advisors[a]?.languages ?? []));
      for (const k of P.venueKeys[c.venue] ?? [])
        if (P.keyLanguage[k] && spoken.has(P.keyLanguage[k] ?? ''))
          v += params.languageBonus * (P.keyWeight[k] ?? 0);
      return s + v;
    }, 0);
    total += Math.min(byCapacity, bySaturation + languageMax);
  }
  const requests = x.requests.reduce((s, r) => s + params.requestValue * r.priority, 0);
  return total + requests;
}
