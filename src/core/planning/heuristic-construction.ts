/**
 * The greedy steps of the planning heuristic, which build the first plan and refill it after
 * each ruin: the moves (patterns and single visits), fairness first, then the best value per
 * visit, then visits one advisor short made possible by handing another visit to a colleague.
 */
import { requestMatches } from './evaluate.ts';
import type { HeuristicState, Move } from './heuristic-state.ts';
import type { Candidate, Prepared } from './prepare.ts';

/** Change in the rhythm term from adding `added` to the chosen set (chosen already includes them). */
function rhythmDelta(P: Prepared, chosen: ReadonlyMap<number, unknown>, added: readonly number[]): number {
  const gamma = P.x.params.oneOffCost;
  if (gamma === 0 || added.length === 0) return 0;
  const addedSet = new Set(added);
  const affected = new Set<number>();
  for (const i of added) for (const q of P.patternsOf[i] ?? []) affected.add(q);
  const members = new Set<number>(added);
  for (const q of affected)
    for (const i of P.patterns[q]?.candidates ?? []) if (chosen.has(i)) members.add(i);
  let delta = 0;
  for (const i of members) {
    const regular = (has: (j: number) => boolean) =>
      (P.patternsOf[i] ?? []).some((q) => (P.patterns[q]?.candidates ?? []).every(has));
    const after = regular((j) => chosen.has(j));
    if (addedSet.has(i)) delta += after ? 0 : -gamma;
    else {
      const before = regular((j) => chosen.has(j) && !addedSet.has(j));
      if (after && !before) delta += gamma;
    }
  }
  return delta;
}

/**
 * The moves: each pattern whole, and each visit that is not pinned on its own where one-offs
 * are allowed (or it meets a partner request).
 */
export function movesOf(P: Prepared): Move[] {
  const make = (candidates: readonly number[]): Move => {
    let weeks = 0;
    for (const i of candidates) weeks |= 2 ** Math.min(30, P.candidates[i]?.week ?? 0);
    const first = P.candidates[candidates[0] ?? 0];
    return { candidates, district: first ? (P.venueDistrict[first.venue] ?? -1) : -1, weeks };
  };
  const moves: Move[] = P.patterns.map((p) => make(p.candidates));
  // A repair fills the gaps of a published schedule on a few dates: one-offs are its work.
  const oneOffs = P.x.params.allowOneOffs || !!P.x.newVisitDates;
  for (const c of P.candidates)
    if (c.pin < 0 && (oneOffs || P.x.requests.some((_, r) => requestMatches(P, r, c))))
      moves.push(make([c.index]));
  return moves;
}

/**
 * Fairness first: while some district is below its weekly minimum in some week, apply the
 * move that fills the most of those (district, week) gaps, the most valuable among equals. A
 * weekly series that covers all four weeks beats a series that misses one, so a small district
 * is not left with a gap its share of the visits can no longer fill.
 */
export function fillFairness(
  P: Prepared,
  s: HeuristicState,
  moves: readonly Move[],
  stop: () => boolean,
): void {
  const W = P.weeks;
  const gapIn = (d: number, w: number) => (s.districtWeek[d * W + w] ?? 0) < (P.fairnessTarget[d]?.[w] ?? 0);
  const tried = new Set<Move>();
  while (!stop()) {
    let best: { m: Move; fills: number; gain: number } | null = null;
    for (const m of moves) {
      if (tried.has(m)) continue;
      const weeksFilled = new Set<string>();
      for (const i of m.candidates) {
        const c = P.candidates[i] as Candidate;
        const d = P.venueDistrict[c.venue] ?? -1;
        if (d >= 0 && !s.chosen.has(i) && gapIn(d, c.week)) weeksFilled.add(`${d}|${c.week}`);
      }
      if (weeksFilled.size === 0 || (best && weeksFilled.size < best.fills)) continue;
      const trial = s.apply(m);
      if (!trial) {
        tried.add(m);
        continue;
      }
      const gain = trial.gain + rhythmDelta(P, s.chosen, trial.added);
      s.undo(trial.added);
      if (!best || weeksFilled.size > best.fills || gain > best.gain)
        best = { m, fills: weeksFilled.size, gain };
    }
    if (!best) return;
    tried.add(best.m);
    s.apply(best.m);
  }
}

/** Greedy fill: repeatedly apply the move with the best gain per visit while it gains. */
export function fill(
  P: Prepared,
  s: HeuristicState,
  moves: readonly Move[],
  allowed: (m: Move) => boolean,
  stop: () => boolean,
): void {
  // Lazy evaluation: stale scores are optimistic in the common case; re-score the top.
  const score = (m: Move): number => {
    const trial = s.apply(m);
    if (!trial) return Number.NEGATIVE_INFINITY;
    const gain = trial.gain + rhythmDelta(P, s.chosen, trial.added);
    s.undo(trial.added);
    return trial.added.length === 0 ? Number.NEGATIVE_INFINITY : gain / trial.added.length;
  };
  const queue = moves.filter(allowed).map((m) => ({ m, score: Number.POSITIVE_INFINITY }));
  for (const q of queue) q.score = score(q.m);
  queue.sort((a, b) => b.score - a.score);
  while (queue.length > 0 && !stop()) {
    const top = queue[0];
    if (!top || top.score <= 1e-9) break;
    const fresh = score(top.m);
    const next = queue[1]?.score ?? Number.NEGATIVE_INFINITY;
    if (fresh + 1e-9 < next) {
      top.score = fresh;
      // Re-insert in order (the queue is sorted by score, descending).
      queue.shift();
      let lo = 0;
      let hi = queue.length;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if ((queue[mid]?.score ?? 0) > fresh) lo = mid + 1;
        else hi = mid;
      }
      queue.splice(lo, 0, top);
      continue;
    }
    queue.shift();
    if (fresh <= 1e-9) continue;
    s.apply(top.m);
  }
}

/**
 * Visits one advisor short: for a candidate not in the plan that has one free eligible advisor
 * fewer than it needs, free a busy one (b) by handing one of b's visits of that week to another
 * advisor, then add the candidate with the advisors `pickAdvisors` chooses. A change is kept
 * only if it raises the objective (all terms, rhythm included). Candidates by stand-alone value,
 * best first; `allowed` restricts them (the ruined districts and weeks). Returns the gain.
 */
export function insertWithRestaff(
  P: Prepared,
  s: HeuristicState,
  weekDays: ReadonlyMap<number, readonly number[]>,
  allowed: (c: Candidate) => boolean,
  stop: () => boolean,
): number {
  if (stop() || !(P.x.params.allowOneOffs || P.x.newVisitDates)) return 0;
  let total = 0;
  const value = (c: Candidate, advisors: readonly number[]) =>
    s.coverageGain(c) + s.languageGain(c, advisors) + s.fairnessGain(c) + s.requestGain(c);
  const order = P.candidates
    .filter((c) => c.pin < 0 && !s.chosen.has(c.index) && allowed(c))
    .map((c) => ({ c, value: value(c, c.eligible) }))
    .filter((e) => e.value > 1e-9)
    .sort((p, q) => q.value - p.value);
  for (const { c } of order) {
    if (stop()) break;
    if (s.chosen.has(c.index) || s.venueBusy(c) || s.ruleBlocked(c) || value(c, c.eligible) <= 1e-9) continue;
    const free = c.eligible.filter((a) => s.canStaff(c, a));
    if (free.length !== c.staff - 1) continue;
    let done = false;
    for (const b of c.eligible) {
      if (done) break;
      if (free.includes(b)) continue;
      const busy: number[] = [];
      for (const d of weekDays.get(c.week) ?? []) busy.push(...(s.advisorDay.get(s.dayKey(b, d)) ?? []));
      for (const i of busy) {
        const other = P.candidates[i] as Candidate;
        const old = s.chosen.get(i);
        if (done || other.pin >= 0 || !old) continue;
        const k = old.indexOf(b);
        if (k < 0) continue;
        const oldLanguage = s.languageGain(other, old);
        const oldContinuity = s.continuityValue;
        s.remove(other);
        for (const b2 of other.eligible) {
          if (old.includes(b2) || !s.canStaff(other, b2)) continue;
          const next = old.map((a, q) => (q === k ? b2 : a));
          s.add(other, next);
          const picked = s.canStaff(c, b) ? s.pickAdvisors(c) : null;
          if (picked) {
            const gain = value(c, picked) + s.languageGain(other, next) - oldLanguage;
            s.add(c, picked);
            const delta = gain + rhythmDelta(P, s.chosen, [c.index]) + (s.continuityValue - oldContinuity);
            if (delta > 1e-9) {
              total += delta;
              done = true;
              break;
            }
            s.remove(c);
          }
          s.remove(other);
        }
        if (!done) s.add(other, [...old]);
      }
    }
  }
  return total;
}
