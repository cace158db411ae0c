/**
 * The p-median heuristic solver: greedy + swap search, then Lagrangian subgradient
 * optimisation whose relaxed solutions seed further swap searches. The answer carries the
 * Lagrangian lower bound; with whole-number data a bound within 1 proves optimality.
 */

import { seededRandom } from '../random.ts';
import { pMedianCost } from './evaluate.ts';
import { type LocationInstance, SITE_STATUS, withStatus } from './instance.ts';
import { pMedianBranchAndBound } from './pmedian-branch.ts';
import { greedyPMedian, swapPMedian } from './pmedian-heuristic.ts';
import { type PMedianBound, pMedianFixings, pMedianLagrangian } from './pmedian-lagrangian.ts';
import { type LocationResult, provenOptimal, relativeGap, type SolveOptions } from './solution.ts';

export interface PMedianRun {
  readonly result: LocationResult;
  readonly lagrangian: PMedianBound;
}

export function solvePMedianHeuristic(
  x: LocationInstance,
  p: number,
  options: SolveOptions & {
    /** Continue with Lagrangian branch and bound until proven optimal or out of time (an exact method). */
    branchAndBound?: boolean;
  },
): PMedianRun {
  const started = options.clock();
  const deadline = started + options.timeLimitSeconds * 1000;
  const stop = () => options.clock() > deadline;
  let best = swapPMedian(x, greedyPMedian(x, p), stop);
  const tried = new Set<string>([best.open.join(',')]);
  const lagrangian = pMedianLagrangian(x, p, {
    upperBound: () => best.cost,
    shouldStop: stop,
    onCandidate: (open) => {
      const key = [...open].sort((a, b) => a - b).join(',');
      if (tried.has(key) || tried.size > 200) return;
      tried.add(key);
      const cost = pMedianCost(x, open);
      // Only promising relaxed solutions are worth a local search.
      if (cost > best.cost * 1.05) return;
      const improved = swapPMedian(x, open, stop);
      if (improved.cost < best.cost) best = improved;
    },
  });
  // Start the local search once more from the relaxation's best solution.
  const fromRelaxation = swapPMedian(x, lagrangian.relaxedOpen, stop);
  if (fromRelaxation.cost < best.cost) best = fromRelaxation;
  let rawBound = lagrangian.bound;
  let nodes = 0;
  let restarts = 0;
  const proven = () =>
    provenOptimal(best.cost, x.integral ? Math.ceil(rawBound - 1e-6) : rawBound, true, x.integral);
  if (!proven() && !stop()) {
    // Iterated local search over the sites that can still be in a better solution (the
    // others are ruled out by their Lagrangian reduced costs): perturb the best solution by
    // a few random swaps, search again, keep improvements.
    const random = seededRandom(options.seed ?? 1);
    const restrict = () => {
      const fix = pMedianFixings(x, lagrangian, best.cost);
      const status = Uint8Array.from(x.status);
      for (const j of fix.forbid) status[j] = SITE_STATUS.forbidden;
      return withStatus(x, status);
    };
    let pool = restrict();
    const searchUntil = options.clock() + (deadline - options.clock()) * 0.3;
    const searchStop = () => options.clock() > searchUntil;
    let stale = 0;
    while (!searchStop() && !proven() && stale < 100) {
      restarts++;
      stale++;
      const candidates: number[] = [];
      for (let j = 0; j < pool.siteIds.length; j++)
        if (pool.status[j] === SITE_STATUS.free && !best.open.includes(j)) candidates.push(j);
      const removable = best.open.filter((j) => pool.status[j] !== SITE_STATUS.fixed);
      if (candidates.length === 0 || removable.length === 0) break;
      const open = [...best.open];
      const k = 1 + Math.floor(random() * Math.min(3, removable.length));
      for (let s = 0; s < k; s++) {
        const out = removable[Math.floor(random() * removable.length)] ?? 0;
        const into = candidates[Math.floor(random() * candidates.length)] ?? 0;
        const at = open.indexOf(out);
        if (at >= 0 && !open.includes(into)) open[at] = into;
      }
      const found = swapPMedian(pool, open, searchStop);
      if (found.cost < best.cost) {
        best = found;
        pool = restrict();
        stale = 0;
      }
    }
  }
  if (options.branchAndBound && !proven() && !stop()) {
    const bb = pMedianBranchAndBound(
      x,
      p,
      { open: best.open, cost: best.cost, root: lagrangian },
      { shouldStop: stop },
    );
    nodes = bb.nodes;
    if (bb.cost < best.cost) best = { open: bb.open, cost: bb.cost, swaps: 0 };
    rawBound = Math.max(rawBound, bb.bound);
  }
  const bound = x.integral ? Math.ceil(rawBound - 1e-6) : rawBound;
  const optimal = provenOptimal(best.cost, bound, true, x.integral);
  return {
    lagrangian,
    result: {
      model: 'p-median',
      p,
      radius: null,
      open: best.open,
      objective: best.cost,
      bound: Math.min(bound, best.cost),
      gap: optimal ? 0 : relativeGap(best.cost, bound),
      optimal,
      boundSource: 'lagrangian',
      solver: nodes > 0 ? 'lagrangian branch and bound' : 'heuristic',
      seconds: (options.clock() - started) / 1000,
      notes: [
        `${lagrangian.iterations} subgradient iterations at the root`,
        ...(restarts > 0 ? [`${restarts} local-search restarts`] : []),
        ...(nodes > 0 ? [`${nodes} branch-and-bound nodes`] : []),
      ],
    },
  };
}
