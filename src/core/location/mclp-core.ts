/**
 * The core of a maximal covering search: a mixed-integer program over only the sites that a
 * better solution may still open.
 *
 * The fixings of a Lagrangian bound (mclp-lagrangian.ts, `mclpFixings`) close every site whose opening
 * would pull the bound below the best coverage known: no better solution opens it. Fixings
 * from the subgradient's bound and from the restricted dual's (mclp-dual.ts) together leave
 * a few hundred sites or fewer on the SJC instances at S = 400, out of 400–800. Over those
 * sites, and the best set's own (so that the best is a feasible start), the MCLP program is
 * small: a MILP solver with the best as its start either finds a better solution or proves
 * there is none, usually at its root node, where the LP bound alone stays 0.01–0.1 % above
 * the optimum. Its bound holds for the whole problem: every solution better than the best
 * lies in the core.
 */
import type { Coverage } from './coverage.ts';
import { type LocationInstance, SITE_STATUS, withStatus } from './instance.ts';
import { type LagrangianBound, mclpFixings } from './mclp-lagrangian.ts';
import { type LocationMilp, mclpMilpOver } from './milp.ts';

export interface MclpCore {
  /** The program, with the best set as its start; `openSitesOf` (milp.ts) reads a solution. */
  readonly program: LocationMilp;
  /** Free sites left in the core. */
  readonly freeSites: number;
}

/**
 * The core program for the best set `best` (covering `covered`) over the sites `x` allows,
 * after the fixings of every bound in `bounds`; null when it is larger than `limits` allow.
 */
export function mclpCore(
  x: LocationInstance,
  c: Coverage,
  p: number,
  best: { readonly open: readonly number[]; readonly covered: number },
  bounds: readonly LagrangianBound[],
  limits: { readonly maxFreeSites: number; readonly maxNonzeros: number },
): MclpCore | null {
  const status = Uint8Array.from(x.status);
  for (const b of bounds) for (const j of mclpFixings(x, b, best.covered)) status[j] = SITE_STATUS.forbidden;
  // The best's own sites stay, so that it starts the solver (its bound then prunes at once).
  for (const j of best.open) if (x.status[j] !== SITE_STATUS.forbidden) status[j] = x.status[j] as number;
  let freeSites = 0;
  let nonzeros = 0;
  for (let j = 0; j < c.m; j++) {
    if (status[j] !== SITE_STATUS.free) continue;
    freeSites++;
    nonzeros += (c.siteStart[j + 1] as number) - (c.siteStart[j] as number) + 1;
  }
  if (freeSites > limits.maxFreeSites || nonzeros > limits.maxNonzeros) return null;
  return { program: mclpMilpOver(withStatus(x, status), c, p, best.open), freeSites };
}
