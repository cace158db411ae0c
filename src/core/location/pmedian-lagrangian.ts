/**
 * Lagrangian lower bound for the p-median problem (Cornuéjols, Fisher & Nemhauser 1977;
 * Beasley 1985, "A note on solving large p-median problems"): relax "every demand is
 * assigned once" with multipliers λ. For fixed λ the problem separates: site j is worth
 * ρ_j = Σ_i w_i min(0, c_ij − λ_i), the p best sites are opened, and
 * L(λ) = Σ_i w_i λ_i + Σ_{open} ρ_j ≤ optimum for every λ. Subgradient optimisation with
 * Polyak steps raises L; the relaxed solutions seed the primal heuristic.
 *
 * The same ρ give reduced-cost tests: a site whose forced opening (or closing) lifts the
 * bound above the best known cost can be fixed closed (open) without losing any better
 * solution.
 */
import { type LocationInstance, SITE_STATUS } from './instance.ts';

export interface PMedianBound {
  readonly bound: number;
  readonly lambda: Float64Array;
  /** Site values at the best multipliers. */
  readonly rho: Float64Array;
  /** Sites opened by the relaxation at the best multipliers. */
  readonly relaxedOpen: number[];
  readonly iterations: number;
}

function selectOpen(x: LocationInstance, rho: Float64Array, p: number): number[] {
  const m = x.siteIds.length;
  const fixed: number[] = [];
  const free: number[] = [];
  for (let j = 0; j < m; j++) {
    if (x.status[j] === SITE_STATUS.fixed) fixed.push(j);
    else if (x.status[j] !== SITE_STATUS.forbidden) free.push(j);
  }
  free.sort((a, b) => (rho[a] ?? 0) - (rho[b] ?? 0) || a - b);
  return [...fixed, ...free.slice(0, Math.max(0, p - fixed.length))];
}

export function pMedianLagrangian(
  x: LocationInstance,
  p: number,
  options: {
    /** Best known cost (for Polyak steps and early stop). */
    upperBound: () => number;
    /** Called with the relaxation's open sites now and then, to try them as solutions. */
    onCandidate?: (open: number[]) => void;
    maxIterations?: number;
    shouldStop?: () => boolean;
    initialLambda?: Float64Array;
    /** Non-improving iterations before the step factor halves. */
    patience?: number;
  },
): PMedianBound {
  const n = x.demandIds.length;
  const m = x.siteIds.length;
  const lambda = options.initialLambda ? Float64Array.from(options.initialLambda) : new Float64Array(n);
  if (!options.initialLambda) {
    // Start at each demand's second-cheapest cost: every site that is cheaper looks attractive.
    for (let i = 0; i < n; i++) {
      const a = x.rowStart[i] ?? 0;
      const b = x.rowStart[i + 1] ?? 0;
      lambda[i] = b - a > 1 ? (x.cost[a + 1] ?? 0) : (x.cost[a] ?? 0);
    }
  }
  const rho = new Float64Array(m);
  const g = new Float64Array(n);
  const isOpen = new Uint8Array(m);
  let best = Number.NEGATIVE_INFINITY;
  let bestLambda = Float64Array.from(lambda);
  let bestRho = new Float64Array(m);
  let bestOpen: number[] = [];
  let theta = 2;
  let sinceImprovement = 0;
  const maxIterations = options.maxIterations ?? 6000;
  let it = 0;
  for (; it < maxIterations; it++) {
    if (options.shouldStop?.()) break;
    rho.fill(0);
    let base = 0;
    for (let i = 0; i < n; i++) {
      const w = x.weights[i] ?? 0;
      const l = lambda[i] ?? 0;
      base += w * l;
      const end = x.rowStart[i + 1] ?? 0;
      for (let k = x.rowStart[i] ?? 0; k < end; k++) {
        const c = x.cost[k] ?? 0;
        if (c >= l) break;
        const s = x.site[k] ?? 0;
        rho[s] = (rho[s] ?? 0) + w * (c - l);
      }
    }
    const open = selectOpen(x, rho, p);
    let value = base;
    isOpen.fill(0);
    for (const j of open) {
      value += rho[j] ?? 0;
      isOpen[j] = 1;
    }
    if (!Number.isFinite(best) || value > best + 1e-12 * Math.abs(best)) {
      best = value;
      bestLambda = Float64Array.from(lambda);
      bestRho = Float64Array.from(rho);
      bestOpen = open;
      sinceImprovement = 0;
    } else if (++sinceImprovement >= (options.patience ?? 50)) {
      theta /= 2;
      sinceImprovement = 0;
    }
    if (it % 10 === 0) options.onCandidate?.(open);
    const ub = options.upperBound();
    const tol = x.integral ? 1 - 1e-6 : 1e-9 * Math.max(1, Math.abs(ub));
    if (ub - best < tol || theta < 1e-5) break;
    // Subgradient of L at λ: w_i (1 − number of open sites cheaper than λ_i).
    let norm = 0;
    for (let i = 0; i < n; i++) {
      const w = x.weights[i] ?? 0;
      const l = lambda[i] ?? 0;
      let assigned = 0;
      const end = x.rowStart[i + 1] ?? 0;
      for (let k = x.rowStart[i] ?? 0; k < end; k++) {
        if ((x.cost[k] ?? 0) >= l) break;
        if (isOpen[x.site[k] ?? 0]) assigned++;
      }
      const gi = w * (1 - assigned);
      g[i] = gi;
      norm += gi * gi;
    }
    if (norm === 0) {
      // λ is optimal for the dual: the relaxed solution is feasible and priced exactly.
      break;
    }
    const step = (theta * Math.max(ub - value, 1e-9 * Math.max(1, Math.abs(ub)))) / norm;
    for (let i = 0; i < n; i++) lambda[i] = (lambda[i] ?? 0) + step * (g[i] ?? 0);
  }
  return { bound: best, lambda: bestLambda, rho: bestRho, relaxedOpen: bestOpen, iterations: it };
}

/**
 * Sites that can be fixed given the bound's multipliers and the best known cost: forcing a
 * closed site open (or an open one closed) raises the Lagrangian bound by a reduced cost;
 * when that reaches the best known cost no better solution has it that way.
 */
export function pMedianFixings(
  x: LocationInstance,
  b: PMedianBound,
  upperBound: number,
): { forbid: number[]; fix: number[] } {
  const open = new Set(b.relaxedOpen);
  const free = b.relaxedOpen.filter((j) => x.status[j] !== SITE_STATUS.fixed);
  const closedFree: number[] = [];
  for (let j = 0; j < x.siteIds.length; j++) {
    if (!open.has(j) && x.status[j] === SITE_STATUS.free) closedFree.push(j);
  }
  const worstOpen = free.reduce((w, j) => Math.max(w, b.rho[j] ?? 0), Number.NEGATIVE_INFINITY);
  const bestClosed = closedFree.reduce((w, j) => Math.min(w, b.rho[j] ?? 0), Number.POSITIVE_INFINITY);
  // A better solution costs at most upperBound − 1 with whole-number data.
  const target = x.integral ? upperBound - 1 + 1e-6 : upperBound - 1e-9 * Math.max(1, Math.abs(upperBound));
  const forbid: number[] = [];
  const fix: number[] = [];
  if (Number.isFinite(worstOpen)) {
    for (const j of closedFree) if (b.bound + ((b.rho[j] ?? 0) - worstOpen) > target) forbid.push(j);
  }
  if (Number.isFinite(bestClosed)) {
    for (const j of free) if (b.bound + (bestClosed - (b.rho[j] ?? 0)) > target) fix.push(j);
  }
  return { forbid, fix };
}
