/**
 * Where the MCLP heuristic (mclp.ts) stands: the best solution and when it last improved, the
 * bounds found so far (Lagrangian, restricted dual, core program, enumeration), and the rules
 * that read them: the coverage that ends the search and how many tabu iterations are left.
 * Its phases (mclp.ts, mclp-certificates.ts) share this one state.
 */
import type { LpSolve, MilpSolve } from '../milp.ts';
import type { Coverage } from './coverage.ts';
import { type LocationInstance, SITE_STATUS } from './instance.ts';
import type { LagrangianBound, MclpBound } from './mclp-lagrangian.ts';
import type { SiteNeighbours } from './mclp-tabu.ts';
import type { SolveOptions } from './solution.ts';

export interface MclpHeuristicOptions extends SolveOptions {
  lagrangianIterations?: number;
  /**
   * Stop once the best is proven within this relative gap of the bound, (bound − best) /
   * best; default `MCLP_RELATIVE_GAP` (mclp.ts).
   */
  relativeGap?: number;
  /** An exact LP solver, for the restricted dual (mclp-dual.ts): a certificate of the best. */
  solveLp?: LpSolve;
  /** A MILP solver for small programs, for the core (mclp-core.ts): a better set, or a proof. */
  solveMilp?: MilpSolve;
}

/**
 * Fresh tabu runs (from Lagrangian-drawn starts) that reach the best coverage again before
 * the search may stop short of its minimum length.
 */
const CONFIRMATIONS = 3;

/** The best solution so far, and the search's count of tabu iterations around it. */
export interface SearchProgress {
  best: { open: number[]; covered: number };
  /** The relative gap at which the search may stop. */
  readonly gapAllowed: number;
  runs: number;
  tabuIterations: number;
  /** Tabu iterations done when the best solution last improved. */
  improvedAt: number;
  /**
   * The same for the last improvement by more than the relative gap allowed, counted from
   * the coverage at the one before (so that small steps that add up count too), and that
   * coverage.
   */
  significantAt: number;
  significantCovered: number;
  /** Fresh runs that came back to the best coverage (within the gap allowed) since it last improved. */
  confirmations: number;
}

export function createProgress(
  best: { open: number[]; covered: number },
  gapAllowed: number,
): SearchProgress {
  return {
    best,
    gapAllowed,
    runs: 0,
    tabuIterations: 0,
    improvedAt: 0,
    significantAt: 0,
    significantCovered: best.covered,
    confirmations: 0,
  };
}

/** Records that the best improved at tabu iteration `at`. */
export function recordImprovement(pr: SearchProgress, at: number): void {
  pr.improvedAt = at;
  if (pr.best.covered - pr.significantCovered > pr.gapAllowed * pr.significantCovered) {
    pr.significantAt = at;
    pr.significantCovered = pr.best.covered;
  }
}

/** The restricted dual's certificates (mclp-certificates.ts). */
export interface DualState {
  bound: LagrangianBound | null;
  ms: number;
  solves: number;
  /** The best coverage when the restricted dual was last solved. */
  forCovered: number;
  /** Set once a solve no longer lowers the bound: it is then most likely the LP bound itself. */
  done: boolean;
}

/** The core programs' solves (mclp-certificates.ts). */
export interface CoreState {
  bound: number;
  ms: number;
  solves: number;
  /** The best coverage when a core was last made. */
  forCovered: number;
  done: boolean;
}

/** The MCLP heuristic's state once the first subgradient steps have given a bound. */
export interface MclpSearch {
  /** The instance with dominated sites set aside, and its coverage. */
  readonly x: LocationInstance;
  readonly c: Coverage;
  readonly p: number;
  readonly options: MclpHeuristicOptions;
  readonly started: number;
  readonly deadline: number;
  /** Weight of the demand any allowed site covers: no solution covers more. */
  readonly reachable: number;
  readonly random: () => number;
  /** Neighbour lists for the tabu runs (built on first use). */
  readonly neighbours: () => SiteNeighbours | null;
  /** A swap descent from `from` over the sites `pool` allows. */
  readonly descend: (pool: LocationInstance, from: readonly number[]) => { open: number[]; covered: number };
  /** The Lagrangian heuristic: a relaxation's sites, repaired by local search. */
  readonly onCandidate: (open: number[]) => void;
  readonly progress: SearchProgress;
  /**
   * Each tabu run ends after `runStale` iterations without a better solution of its own; the
   * search as a whole after at least `minStale` without a significant one (see {@link budget}).
   */
  readonly runStale: number;
  readonly minStale: number;
  /** Rough costs, in list entries touched, of a subgradient step and of a tabu iteration. */
  readonly boundStepCost: number;
  readonly tabuStepCost: number;
  /** Subgradient steps in all, and those taken since the search began. */
  readonly totalIterations: number;
  boundSteps: number;
  lagrangian: MclpBound;
  /** Set when the bound's fixings leave no better solution possible. */
  proven: boolean;
  /** The sites a better solution may still open: fixings only ever narrow it (the best only rises). */
  pool: LocationInstance;
  /** The enumeration's last try: the free sites it had and the best coverage then. */
  lastTry: { left: number; best: number };
  /** In list entries, for one try of the enumeration. */
  readonly enumerationBudget: number;
  readonly dual: DualState;
  readonly core: CoreState;
}

export const stop = (s: MclpSearch): boolean => s.options.clock() > s.deadline;

export const dualValue = (s: MclpSearch): number => s.dual.bound?.bound ?? Number.POSITIVE_INFINITY;

/** The best bound: the least of every bound found, rounded down for whole weights. */
export function bound(s: MclpSearch): number {
  if (s.proven) return s.progress.best.covered;
  const b = Math.min(s.reachable, s.lagrangian.bound, dualValue(s), s.core.bound);
  return s.x.integralWeights ? Math.floor(b + 1e-6) : b;
}

/**
 * The coverage that ends the search: within the relative gap of the bound (HiGHS's default
 * MIP gap unless told otherwise; 0 asks for a proof), rounded up for whole weights.
 */
export function target(s: MclpSearch): number {
  const b = bound(s);
  const within = b / (1 + s.progress.gapAllowed);
  return s.x.integralWeights ? Math.ceil(within - 1e-9) : Math.min(within, b * (1 - 1e-12));
}

/** Whether the bound proves the best within twice the relative gap allowed. */
export function close(s: MclpSearch): boolean {
  return bound(s) - s.progress.best.covered <= 2 * s.progress.gapAllowed * s.progress.best.covered;
}

/**
 * Tabu iterations left before the search has gone long enough without a better solution.
 * Once the bound proves the best within twice the relative gap allowed, so that at most
 * one more significant improvement is possible, half of `minStale` is enough (on the SJC
 * instances at S = 400 whose LP bound ends 0.01–0.02 % above the optimum, this halves the
 * search; what it can miss is proven to be under 2 × the gap allowed).
 */
export function budget(s: MclpSearch): number {
  const pr = s.progress;
  const least = pr.confirmations >= CONFIRMATIONS ? 0 : close(s) ? s.minStale / 2 : s.minStale;
  return Math.max(least, pr.significantAt) - (pr.tabuIterations - pr.significantAt);
}

/** Weight of the demand that at least one non-forbidden site covers: no solution covers more. */
export function reachableWeight(x: LocationInstance, c: Coverage): number {
  let t = 0;
  for (let i = 0; i < c.n; i++) {
    for (let k = c.demandStart[i] ?? 0; k < (c.demandStart[i + 1] ?? 0); k++) {
      if (x.status[c.siteOf[k] ?? 0] !== SITE_STATUS.forbidden) {
        t += x.weights[i] ?? 0;
        break;
      }
    }
  }
  return t;
}
