/**
 * Maximal covering location (Church & ReVelle 1974): open p sites to cover as much demand
 * weight as possible within a radius.
 *
 * Heuristic: sites dominated by another site's coverage are set aside first (column
 * reduction); then lazy greedy (coverage is submodular, so stale marginal gains are upper
 * bounds) and best-improvement swaps priced with the same gain / loss / extra decomposition as
 * the p-median fast interchange (kept up to date by the tabu search's incremental updates);
 * then tabu search (mclp-tabu.ts) from the best solution, from perturbations of it and from
 * starts drawn by Lagrangian site values, until the search has gone as long without a
 * significant improvement (by more than the relative gap allowed) as it took to find the best
 * that made one, or fresh starts keep leading back to the best coverage; last, pair moves (a
 * swap, then a descent) around the best solution (mclp-local-search.ts).
 *
 * Bound: Lagrangian relaxation with multipliers on "z_i ≤ number of open sites covering i"
 * (mclp-lagrangian.ts). Reduced costs of σ fix sites that cannot be in a better solution. The
 * subgradient steps run first (150) and then in slices between stretches of the search,
 * sharing the work evenly, so that a bound that closes the gap stops the search early.
 * Whenever the fixings leave few enough sites, every set of them is searched
 * (mclp-enumerate.ts, branches cut by the same bound): that finds a better solution or proves
 * the best optimal. The solvers passed in add certificates (mclp-certificates.ts).
 *
 * This file runs those phases in turn over one state (mclp-search-state.ts).
 */

import { seededRandom } from '../random.ts';
import { type Coverage, coverageWithin, dominatedSites, withoutSites } from './coverage.ts';
import { type LocationInstance, SITE_STATUS, withStatus } from './instance.ts';
import { coreAgain, dualAgain } from './mclp-certificates.ts';
import { combinations, enumerateMclp } from './mclp-enumerate.ts';
import { type MclpBound, mclpFixings, mclpLagrangian } from './mclp-lagrangian.ts';
import {
  coveredTotal,
  greedyMclp,
  maskOf,
  pairSwapMclp,
  perturb,
  sampleSites,
  swapMclp,
} from './mclp-local-search.ts';
import {
  bound,
  budget,
  close,
  createProgress,
  dualValue,
  type MclpHeuristicOptions,
  type MclpSearch,
  reachableWeight,
  recordImprovement,
  type SearchProgress,
  stop,
  target,
} from './mclp-search-state.ts';
import { type SiteNeighbours, siteNeighbours, tabuMclp } from './mclp-tabu.ts';
import { type LocationResult, provenOptimal, relativeGap } from './solution.ts';

/** Tabu iterations between two slices of subgradient steps, and the steps in a slice. */
const CHECKPOINT_EVERY = 100;
const LAGRANGIAN_SLICE = 25;

/**
 * Single swaps tried as the first of a pair around the best solution once the search ends
 * (over the benchmark with seeds 1–3, every pair that improved started from one of the 12
 * best-priced swaps; 50 cost 2.5 times as much for nothing more).
 */
const PAIR_STARTS = 20;

/**
 * The relative gap at which the MCLP heuristic stops: HiGHS's default MIP gap (1e-4), so that
 * it stops where HiGHS alone would. The answer then says "not proven optimal" with its gap.
 */
export const MCLP_RELATIVE_GAP = 1e-4;

/** When the fixings leave few sites, all sets of them are searched if there are at most this many. */
const MAX_ENUMERATED = 1e12;

export function solveMclpHeuristic(
  original: LocationInstance,
  p: number,
  radius: number,
  options: MclpHeuristicOptions,
): { result: LocationResult; lagrangian: MclpBound } {
  const started = options.clock();
  const { x, c, dominated } = withoutDominated(original, radius);
  const s = startSearch(x, c, p, options, started);
  // The Lagrangian heuristic may have improved the best: its restricted dual may prove it.
  dualAgain(s, Number.POSITIVE_INFINITY);
  narrowPool(s);
  searchFromRestarts(s);
  tryPairMoves(s);
  // The subgradient steps still left, for a tighter bound.
  moreBound(s, s.totalIterations);
  return { lagrangian: s.lagrangian, result: mclpResult(s, dominated, radius) };
}

/** Dominated sites are set aside (closed here, only ever used to make up p at the end). */
function withoutDominated(
  original: LocationInstance,
  radius: number,
): { x: LocationInstance; c: Coverage; dominated: Uint8Array } {
  const all = coverageWithin(original, radius);
  const dominated = dominatedSites(original, all);
  const x = withStatus(
    original,
    Array.from(original.status, (s, j) => (dominated[j] ? SITE_STATUS.forbidden : s)),
  );
  return { x, c: withoutSites(all, dominated), dominated };
}

/**
 * The greedy solution after a descent, then the first subgradient steps, whose relaxed
 * solutions are repaired by local search (the Lagrangian heuristic): the state the search
 * starts from.
 */
function startSearch(
  x: LocationInstance,
  c: Coverage,
  p: number,
  options: MclpHeuristicOptions,
  started: number,
): MclpSearch {
  const deadline = started + options.timeLimitSeconds * 1000;
  const stopNow = () => options.clock() > deadline;
  // Neighbour lists pay when they are short next to the p × sites a full pricing costs
  // (two passes over the sites come on top); built when the first tabu run needs them.
  let allowedSites = 0;
  for (let j = 0; j < c.m; j++) if (x.status[j] !== SITE_STATUS.forbidden) allowedSites++;
  let neighbours: SiteNeighbours | null | undefined;
  const neighboursNow = () => {
    if (neighbours === undefined)
      neighbours = siteNeighbours(x, c, {
        maxAverage: Math.min(allowedSites / 3, allowedSites * (1 - 2 / Math.max(1, p))),
      });
    return neighbours;
  };
  const random = seededRandom(options.seed ?? 1);
  const descend = (pool: LocationInstance, from: readonly number[]) =>
    swapMclp(pool, c, from, { shouldStop: stopNow, random, neighbours: neighboursNow() });
  const first = descend(x, greedyMclp(x, c, p));
  const reachable = reachableWeight(x, c);
  const progress = createProgress(first, Math.max(0, options.relativeGap ?? MCLP_RELATIVE_GAP));
  const tried = new Set<string>();
  const lrUntil = options.clock() + (deadline - options.clock()) * 0.55;
  const onCandidate = lagrangianCandidates(progress, tried, (open) => descend(x, open));
  const totalIterations = options.lagrangianIterations ?? 400;
  const lagrangian = mclpLagrangian(x, c, p, {
    lowerBound: () => progress.best.covered,
    // Covering all the demand any allowed site reaches needs no further proof.
    shouldStop: () => options.clock() > lrUntil || progress.best.covered >= reachable,
    // A first bound and the Lagrangian heuristic's solutions; the rest of the subgradient
    // steps come after the search, from where these stopped.
    maxIterations: Math.min(150, totalIterations),
    onCandidate,
  });
  // Rough costs, in list entries touched, of a subgradient step (every coverage list) and of
  // a tabu iteration (pricing p × sites, then a swap's demands and their lists).
  const entries = c.siteOf.length;
  return {
    x,
    c,
    p,
    options,
    started,
    deadline,
    reachable,
    random,
    neighbours: neighboursNow,
    descend,
    onCandidate,
    progress,
    // Each tabu run ends after `runStale` iterations without a better solution of its own; the
    // search as a whole once it has gone as many iterations without a significant improvement
    // (by more than the relative gap allowed) as it took to find the best that made one, and at
    // least `minStale` (more for larger p: more sites to move) unless `CONFIRMATIONS` fresh runs
    // have each come back to the best coverage, or within the relative gap allowed of it, since
    // it was last improved: then starts spread by the Lagrangian values keep leading back to it. (Measured: confirmations stop the dense
    // SJC instances at S = 800 two to five times sooner. Counting only significant improvements
    // cut the iterations of the 309 benchmark instances by 5–22 % for seeds 1–3, and 78 % on B700
    // with p = 50 for seed 1, whose last 0.008 % came at iteration 102,378 and doubled its
    // search; all stay within 0.1 % of the optimum.)
    runStale: 1000,
    minStale: Math.max(1000, Math.min(24_000, 1000 * p)),
    boundStepCost: entries + c.n + c.m,
    tabuStepCost: p * allowedSites + (entries / Math.max(1, allowedSites)) * (entries / Math.max(1, c.n)),
    totalIterations,
    boundSteps: 0,
    lagrangian,
    proven: false,
    pool: x,
    lastTry: { left: Number.POSITIVE_INFINITY, best: Number.NEGATIVE_INFINITY },
    // In list entries: a few hundred passes over the coverage lists, so that on small
    // instances a try costs as little as the rest of the search.
    enumerationBudget: Math.min(30_000_000, Math.max(1_000_000, 400 * c.siteOf.length)),
    dual: { bound: null, ms: 0, solves: 0, forCovered: Number.NEGATIVE_INFINITY, done: false },
    core: {
      bound: Number.POSITIVE_INFINITY,
      ms: 0,
      solves: 0,
      forCovered: Number.NEGATIVE_INFINITY,
      done: false,
    },
  };
}

/** The relaxation's sites, repaired by local search: the Lagrangian heuristic (30 sets at most). */
function lagrangianCandidates(
  progress: SearchProgress,
  tried: Set<string>,
  descend: (open: readonly number[]) => { open: number[]; covered: number },
): (open: number[]) => void {
  return (open) => {
    const key = open.join(',');
    if (tried.has(key) || tried.size >= 30) return;
    tried.add(key);
    const found = descend(open);
    if (found.covered > progress.best.covered) {
      progress.best = found;
      recordImprovement(progress, progress.tabuIterations);
    }
  };
}

/**
 * Narrows the pool by the bound's fixings. A better solution opens only sites left allowed:
 * when they are few, searching every set of them finds it or proves the best optimal.
 */
function narrowPool(s: MclpSearch): void {
  const { x, c, p } = s;
  const pr = s.progress;
  const status = Uint8Array.from(s.pool.status);
  for (const j of mclpFixings(s.pool, s.lagrangian, pr.best.covered)) status[j] = SITE_STATUS.forbidden;
  const left: number[] = [];
  let freeLeft = 0;
  let fixedLeft = 0;
  for (let j = 0; j < status.length; j++) {
    if (status[j] === SITE_STATUS.forbidden) continue;
    left.push(j);
    if (status[j] === SITE_STATUS.fixed) fixedLeft++;
    else freeLeft++;
  }
  // Worth a try when the pool is new: smaller than at the last try, or the best has risen.
  const k = Math.min(freeLeft, p - fixedLeft);
  if (
    !s.proven &&
    pr.best.covered < target(s) &&
    combinations(freeLeft, k) <= MAX_ENUMERATED &&
    (freeLeft < 0.9 * s.lastTry.left || pr.best.covered > s.lastTry.best)
  ) {
    const found = enumerateMclp(x, c, left, p, pr.best.covered, {
      lagrangian: s.lagrangian,
      budget: s.enumerationBudget,
    });
    if (found.better) pr.best = found.better;
    if (found.complete) s.proven = true;
    s.lastTry = { left: freeLeft, best: pr.best.covered };
  }
  s.pool = withStatus(x, status);
}

/** Up to `steps` more subgradient steps, from where the last stopped, while any are left. */
function moreBound(s: MclpSearch, steps = LAGRANGIAN_SLICE): void {
  const pr = s.progress;
  if (s.proven || s.lagrangian.iterations >= s.totalIterations || pr.best.covered >= target(s) || stop(s))
    return;
  const before = s.lagrangian.iterations;
  // Over the pool: a better solution opens only pool sites, so the bound of the restricted
  // problem holds for it (and the best known bounds the rest); its steps skip the others.
  s.lagrangian = mclpLagrangian(s.pool, s.c, s.p, {
    lowerBound: () => pr.best.covered,
    shouldStop: () => s.options.clock() > s.deadline || pr.best.covered >= s.reachable,
    maxIterations: Math.min(steps, s.totalIterations - s.lagrangian.iterations),
    onCandidate: s.onCandidate,
    resume: s.lagrangian,
  });
  s.boundSteps += s.lagrangian.iterations - before;
  narrowPool(s);
}

/**
 * One tabu run from `from` over the pool. A run from a fresh start (`confirming`) ends as soon
 * as it reaches the best coverage.
 */
function tabuRun(s: MclpSearch, from: readonly number[], confirming: boolean) {
  const { x, c } = s;
  const pr = s.progress;
  pr.runs++;
  const found = tabuMclp(s.pool, c, from, {
    maxStale: s.runStale,
    maxIterations: Math.max(1, budget(s)),
    tenureIn: Math.min(60, Math.max(5, Math.round(0.1 * c.m))),
    tenureOut: 0,
    random: s.random,
    shouldStop: () => stop(s),
    target: confirming ? Math.min(target(s), pr.best.covered) : target(s),
    neighbours: s.neighbours(),
    // Every so often, the better solution found so far is recorded and the bound tightened
    // by some more subgradient steps: either may prove the best optimal before the run ends.
    checkpoint: {
      every: CHECKPOINT_EVERY,
      reached: (found, at, done) => {
        if (found.covered > pr.best.covered) {
          const covered = coveredTotal(x, c, maskOf(c.m, found.open));
          if (covered > pr.best.covered) {
            pr.best = { open: found.open, covered };
            recordImprovement(pr, pr.tabuIterations + at);
          }
        }
        coreAgain(s, pr.tabuIterations + done);
        dualAgain(s, pr.tabuIterations + done);
        // Work is shared evenly between the search and the bound's remaining steps.
        if ((pr.tabuIterations + done) * s.tabuStepCost >= s.boundSteps * s.boundStepCost) moreBound(s);
        return pr.best.covered >= target(s);
      },
    },
  });
  const foundAt = pr.tabuIterations + found.bestAt;
  pr.tabuIterations += found.iterations;
  if (found.covered > pr.best.covered) {
    pr.best = { open: found.open, covered: found.covered };
    recordImprovement(pr, foundAt);
  }
  return found;
}

/**
 * Tabu runs from the best solution, then from perturbations of it and from starts drawn in
 * proportion to the Lagrangian site values, among the sites the bound does not rule out,
 * until the bound is reached, time is up or the search has gone as long without a better
 * solution as it took to find the best one (and at least `minStale` iterations, unless
 * confirmed).
 */
function searchFromRestarts(s: MclpSearch): void {
  const pr = s.progress;
  let from: readonly number[] = pr.best.open;
  let fresh = false;
  while (!stop(s) && pr.best.covered < target(s) && budget(s) > 0) {
    const before = pr.best.covered;
    const reached = tabuRun(s, from, fresh);
    coreAgain(s, pr.tabuIterations);
    dualAgain(s, pr.tabuIterations);
    if (pr.best.covered > before) {
      narrowPool(s);
      pr.confirmations = 0;
    } else if (fresh && reached.covered * (1 + pr.gapAllowed) >= before) pr.confirmations++;
    // After a run that found nothing better, the best solution's surroundings have been
    // searched: restart mostly (four times in five) from fresh starts rather than from
    // perturbations of it. (Measured: this keeps the hard SJC instances at S = 400 within
    // 0.1 % for every seed tried, where even shares left one 0.13 % short for some seeds.)
    const freshShare = pr.best.covered > before ? 0.5 : 0.8;
    fresh = s.random() < freshShare;
    from = fresh
      ? s.descend(s.pool, sampleSites(s.pool, s.p, s.lagrangian.sigma, s.random)).open
      : s.descend(s.pool, perturb(s.pool, pr.best.open, s.lagrangian.sigma, s.random)).open;
  }
}

/**
 * Pair moves around the best solution, while they find a better one (on the benchmark they
 * improve 2–3 of the 309 instances, by 0.002–0.04 %; not tried once the bound proves the
 * best within twice the gap allowed).
 */
function tryPairMoves(s: MclpSearch): void {
  const pr = s.progress;
  const stopNow = () => stop(s);
  for (let round = 0; round < 10 && !stop(s) && pr.best.covered < target(s) && !close(s); round++) {
    const paired = pairSwapMclp(s.x, s.c, pr.best.open, PAIR_STARTS, stopNow);
    if (paired.covered <= pr.best.covered) break;
    pr.best = paired;
  }
}

/** The answer: the best set (made up to p with dominated sites), its bound, gap and notes. */
function mclpResult(s: MclpSearch, dominated: Uint8Array, radius: number): LocationResult {
  const { x, p, options, lagrangian, dual, core } = s;
  const pr = s.progress;
  const best = pr.best;
  const b = Math.max(bound(s), best.covered);
  const optimal = provenOptimal(best.covered, b, false, x.integralWeights);
  const open = [...best.open];
  for (let j = 0; j < x.siteIds.length && open.length < p; j++)
    if (dominated[j] && !open.includes(j)) open.push(j);
  open.sort((u, v) => u - v);
  return {
    model: 'mclp',
    p,
    radius,
    open,
    objective: best.covered,
    bound: b,
    gap: optimal ? 0 : relativeGap(best.covered, b),
    optimal,
    boundSource: s.proven
      ? 'enumeration'
      : core.bound <= Math.min(lagrangian.bound, dualValue(s))
        ? 'milp'
        : dualValue(s) < lagrangian.bound
          ? 'lp'
          : 'lagrangian',
    solver: 'heuristic',
    seconds: (options.clock() - s.started) / 1000,
    notes: [
      `${lagrangian.iterations} subgradient iterations`,
      ...(dual.solves ? [`${dual.solves} restricted duals solved (LP), ${Math.round(dual.ms)} ms`] : []),
      ...(core.solves ? [`${core.solves} core programs solved (MILP), ${Math.round(core.ms)} ms`] : []),
      `${pr.runs} tabu-search runs, ${pr.tabuIterations} iterations`,
      `${dominated.reduce((t, d) => t + d, 0)} dominated sites set aside`,
      ...(!optimal && best.covered >= target(s)
        ? [`stopped within the relative gap allowed (${pr.gapAllowed}) of the bound`]
        : []),
    ],
  };
}
