/**
 * A certificate for a maximal covering solution: the LP dual restricted by complementary
 * slackness with that solution, small enough to solve exactly with an LP solver.
 *
 * The Lagrangian bound L(μ) = Σ_i max(0, w_i − μ_i) + (σ of the must-keep sites) + the
 * p − |must-keep| largest σ_j of the free sites, σ_j = Σ_{i covered by j} μ_i, holds for
 * every μ ≥ 0 (mclp.ts), and its least value is the LP bound. When a set S is optimal for
 * the LP relaxation, some optimal μ meets complementary slackness with S: μ_i = w_i for a
 * demand S leaves uncovered, μ_i = 0 for one S covers twice or more, and only the demands
 * a single free site of S covers keep a free μ_i ∈ [0, w_i]. With t the p-th largest σ, the
 * best such μ solves
 *
 *   min Σ_{i unique} (w_i − μ_i) + (p − |must-keep|) t + Σ_{free j} u_j + constant
 *   s.t. u_j + t − Σ_{unique i covered by j} μ_i ≥ (weight j covers that S leaves uncovered)
 *        0 ≤ μ_i ≤ w_i, u_j ≥ 0, t free,
 *
 * a program with one row per free site and one column per uniquely covered demand (the full
 * LP has a row per demand and a column per site and demand). Its value equals the coverage
 * of S exactly when S is LP-optimal: on the dense SJC instances at S = 800 that proves the
 * optimum in one solve, where subgradient steps leave a gap of 0.1–0.3 %. When S is not
 * LP-optimal its value is only some bound at least the LP's (often still far below the
 * subgradient's). Either way the bound used is L(μ) recomputed from the multipliers, so no
 * solver tolerance can make it invalid.
 */
import type { MilpSpec } from '../milp.ts';
import type { Coverage } from './coverage.ts';
import { type LocationInstance, SITE_STATUS } from './instance.ts';

export interface RestrictedDual {
  readonly spec: MilpSpec;
  /** The demand of each μ column (columns 0 … demands.length − 1). */
  readonly demands: Int32Array;
  /** Nonzeros of the program, to weigh it before solving. */
  readonly nonzeros: number;
}

/**
 * The restricted dual of `open` (a feasible set: every must-keep site, p sites in all) over
 * the sites `x` allows, or null when it has more than `maxNonzeros` nonzeros.
 */
export function mclpRestrictedDual(
  x: LocationInstance,
  c: Coverage,
  p: number,
  open: readonly number[],
  maxNonzeros = Number.POSITIVE_INFINITY,
): RestrictedDual | null {
  const w = x.weights;
  // Per demand: how many open sites cover it, and which (when one does).
  const count = new Int32Array(c.n);
  const coveredBy = new Int32Array(c.n).fill(-1);
  for (const j of open)
    for (let k = c.siteStart[j] as number; k < (c.siteStart[j + 1] as number); k++) {
      const i = c.demandOf[k] as number;
      count[i] = (count[i] as number) + 1;
      coveredBy[i] = j;
    }
  // μ columns: demands covered once, by a free site (one a must-keep site alone covers
  // gains nothing from μ > 0: its σ counts in full and only raises other sites').
  const column = new Int32Array(c.n).fill(-1);
  const demands: number[] = [];
  let constant = 0;
  for (let i = 0; i < c.n; i++) {
    const wi = w[i] as number;
    if (count[i] === 0 || wi <= 0) continue;
    if (count[i] === 1 && x.status[coveredBy[i] as number] === SITE_STATUS.free) {
      column[i] = demands.length;
      demands.push(i);
    } else constant += wi;
  }
  const free: number[] = [];
  let nonzeros = 0;
  for (let j = 0; j < c.m; j++) {
    if (x.status[j] !== SITE_STATUS.free) continue;
    free.push(j);
    nonzeros += 2;
    for (let k = c.siteStart[j] as number; k < (c.siteStart[j + 1] as number); k++)
      if ((column[c.demandOf[k] as number] as number) >= 0) nonzeros++;
    if (nonzeros > maxNonzeros) return null;
  }
  let fixed = 0;
  for (let j = 0; j < c.m; j++) if (x.status[j] === SITE_STATUS.fixed) fixed++;
  // Rows: one per free site. Columns: μ of each uniquely covered demand, t, then u_j per row.
  const rows = free.length;
  const rowOf = new Int32Array(c.m).fill(-1);
  for (let r = 0; r < rows; r++) rowOf[free[r] as number] = r;
  const cols = demands.length + 1 + rows;
  const colCost = new Float64Array(cols);
  const colLower = new Float64Array(cols);
  const colUpper = new Float64Array(cols);
  const starts = new Int32Array(cols + 1);
  const indices = new Int32Array(nonzeros);
  const values = new Float64Array(nonzeros);
  let at = 0;
  for (let q = 0; q < demands.length; q++) {
    const i = demands[q] as number;
    colCost[q] = -1;
    colUpper[q] = w[i] as number;
    constant += w[i] as number;
    starts[q] = at;
    for (let k = c.demandStart[i] as number; k < (c.demandStart[i + 1] as number); k++) {
      const r = rowOf[c.siteOf[k] as number] as number;
      if (r < 0) continue;
      indices[at] = r;
      values[at++] = -1;
    }
    indices.subarray(starts[q], at).sort();
  }
  const t = demands.length;
  colCost[t] = p - fixed;
  colLower[t] = Number.NEGATIVE_INFINITY;
  colUpper[t] = Number.POSITIVE_INFINITY;
  starts[t] = at;
  for (let r = 0; r < rows; r++) {
    indices[at] = r;
    values[at++] = 1;
  }
  for (let r = 0; r < rows; r++) {
    colCost[t + 1 + r] = 1;
    colUpper[t + 1 + r] = Number.POSITIVE_INFINITY;
    starts[t + 1 + r] = at;
    indices[at] = r;
    values[at++] = 1;
  }
  starts[cols] = at;
  // Row r: u_j + t − Σ μ ≥ the weight j covers that `open` leaves uncovered.
  const rowLower = new Float64Array(rows);
  for (let r = 0; r < rows; r++) {
    const j = free[r] as number;
    let uncovered = 0;
    for (let k = c.siteStart[j] as number; k < (c.siteStart[j + 1] as number); k++) {
      const i = c.demandOf[k] as number;
      if (count[i] === 0) uncovered += w[i] as number;
    }
    rowLower[r] = uncovered;
  }
  const spec: MilpSpec = {
    sense: 'min',
    numCols: cols,
    numRows: rows,
    offset: constant,
    colCost,
    colLower,
    colUpper,
    rowLower,
    rowUpper: new Float64Array(rows).fill(Number.POSITIVE_INFINITY),
    starts,
    indices,
    values,
    integrality: new Int32Array(cols),
  };
  return { spec, demands: Int32Array.from(demands), nonzeros: at };
}

/**
 * The multipliers of a solved restricted dual: its μ (clipped to [0, w_i]) on the uniquely
 * covered demands, w_i on the demands `open` leaves uncovered, 0 elsewhere.
 */
export function restrictedDualMultipliers(
  x: LocationInstance,
  c: Coverage,
  open: readonly number[],
  dual: RestrictedDual,
  values: Float64Array,
): Float64Array {
  const w = x.weights;
  const mu = new Float64Array(c.n);
  const covered = new Uint8Array(c.n);
  for (const j of open)
    for (let k = c.siteStart[j] as number; k < (c.siteStart[j + 1] as number); k++)
      covered[c.demandOf[k] as number] = 1;
  for (let i = 0; i < c.n; i++) if (!covered[i]) mu[i] = Math.max(0, w[i] as number);
  for (let q = 0; q < dual.demands.length; q++) {
    const i = dual.demands[q] as number;
    mu[i] = Math.min(w[i] as number, Math.max(0, (values[q] as number) || 0));
  }
  return mu;
}
