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

/**
 * The must-keep sites, then the p − |must-keep| free sites of least ρ in order of ρ (ties by
 * index): one pass keeping the best k in a sorted buffer, as p is small next to the sites.
 */
function selectOpen(x: LocationInstance, rho: Float64Array, p: number): number[] {
  const m = x.siteIds.length;
  const fixed: number[] = [];
  for (let j = 0; j < m; j++) if (x.status[j] === SITE_STATUS.fixed) fixed.push(j);
  const k = Math.max(0, p - fixed.length);
  const chosen: number[] = [];
  if (k === 0) return fixed;
  for (let j = 0; j < m; j++) {
    if (x.status[j] !== SITE_STATUS.free) continue;
    const r = rho[j] as number;
    // j comes after every chosen site of the same ρ (indices rise), so ties stay by index.
    if (chosen.length === k && r >= (rho[chosen[k - 1] as number] as number)) continue;
    let at = chosen.length;
    while (at > 0 && (rho[chosen[at - 1] as number] as number) > r) at--;
    chosen.splice(at, 0, j);
    if (chosen.length > k) chosen.pop();
  }
  return [...fixed, ...chosen];
}

/** Each site's demands and costs (the rows' transpose), built once per cost array. */
interface Columns {
  readonly start: Int32Array;
  readonly demand: Int32Array;
  readonly cost: Float64Array;
}
const columnsOf = new WeakMap<Float64Array, Columns>();

function columns(x: LocationInstance): Columns {
  const known = columnsOf.get(x.cost);
  if (known) return known;
  const n = x.demandIds.length;
  const m = x.siteIds.length;
  const start = new Int32Array(m + 1);
  for (let k = 0; k < x.site.length; k++)
    start[(x.site[k] as number) + 1] = (start[(x.site[k] as number) + 1] as number) + 1;
  for (let j = 0; j < m; j++) start[j + 1] = (start[j + 1] as number) + (start[j] as number);
  const at = start.slice(0, m);
  const demand = new Int32Array(x.site.length);
  const cost = new Float64Array(x.site.length);
  for (let i = 0; i < n; i++) {
    for (let k = x.rowStart[i] as number; k < (x.rowStart[i + 1] as number); k++) {
      const j = x.site[k] as number;
      const q = at[j] as number;
      at[j] = q + 1;
      demand[q] = i;
      cost[q] = x.cost[k] as number;
    }
  }
  const made = { start, demand, cost };
  columnsOf.set(x.cost, made);
  return made;
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
  const assigned = new Int32Array(n);
  const cols = columns(x);
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
    for (const j of open) value += rho[j] ?? 0;
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
    // Subgradient of L at λ: w_i (1 − number of open sites cheaper than λ_i), counted down
    // the p open sites' columns (p × n), not along every demand's row.
    assigned.fill(0);
    for (const j of open) {
      for (let q = cols.start[j] as number; q < (cols.start[j + 1] as number); q++) {
        const i = cols.demand[q] as number;
        if ((cols.cost[q] as number) < (lambda[i] as number)) assigned[i] = (assigned[i] as number) + 1;
      }
    }
    let norm = 0;
    for (let i = 0; i < n; i++) {
      const gi = (x.weights[i] as number) * (1 - (assigned[i] as number));
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
