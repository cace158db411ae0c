/** What every location solver returns, whatever the model and the method. */
import type { LocationModel } from './instance.ts';

export type BoundSource = 'lagrangian' | 'lp' | 'milp' | 'enumeration';

export interface LocationResult {
  readonly model: LocationModel;
  readonly p: number | null;
  readonly radius: number | null;
  /** Open site indices, ascending. */
  readonly open: readonly number[];
  readonly objective: number;
  /** A proven bound: ≤ the optimum when minimising, ≥ it when maximising. */
  readonly bound: number;
  /** |objective − bound| / |objective| (0 when proven optimal). */
  readonly gap: number;
  readonly optimal: boolean;
  readonly boundSource: BoundSource;
  readonly solver: string;
  readonly seconds: number;
  readonly notes: readonly string[];
}

export interface SolveOptions {
  /** Milliseconds since some origin; the only clock a solver reads. */
  readonly clock: () => number;
  /** Stop improving after this many seconds (a bound is still returned). */
  readonly timeLimitSeconds: number;
  /** Seed of the searches that perturb solutions (same seed, same answer). */
  readonly seed?: number;
}

export function relativeGap(objective: number, bound: number): number {
  if (objective === bound) return 0;
  const scale = Math.max(Math.abs(objective), 1e-9);
  return Math.abs(objective - bound) / scale;
}

/**
 * Whether `objective` is proven optimal given `bound`. With whole-number data the optimum is a
 * whole number, so a bound within 1 of the objective (rounded the right way) proves it.
 */
export function provenOptimal(
  objective: number,
  bound: number,
  minimise: boolean,
  integral: boolean,
): boolean {
  const tol = 1e-9 * Math.max(1, Math.abs(objective));
  if (minimise) return integral ? Math.ceil(bound - tol) >= objective - tol : bound >= objective - tol;
  return integral ? Math.floor(bound + tol) <= objective + tol : bound <= objective + tol;
}
