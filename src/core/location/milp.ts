/**
 * Mixed-integer programs for the exact solver (HiGHS), as plain sparse arrays (CSC).
 * Sites with status fixed or forbidden become bounds; demands that can only be served by
 * fixed sites, or by nothing, drop out. The column of each site is recorded so a solution
 * maps back to open sites.
 */
import { MilpBuilder as Builder, type MilpSpec } from '../milp.ts';
import { type Coverage, coverageWithin } from './coverage.ts';
import { type LocationInstance, SITE_STATUS } from './instance.ts';

/** A location MILP: the program, and the column of each site (−1: forbidden) to read the answer. */
export interface LocationMilp extends MilpSpec {
  readonly siteColumn: Int32Array;
}

function siteColumns(x: LocationInstance, b: Builder, cost: (j: number) => number): Int32Array {
  const col = new Int32Array(x.siteIds.length).fill(-1);
  for (let j = 0; j < x.siteIds.length; j++) {
    const s = x.status[j];
    if (s === SITE_STATUS.forbidden) continue;
    col[j] = b.addCol(cost(j), s === SITE_STATUS.fixed ? 1 : 0, 1, true);
  }
  return col;
}

/** Estimated nonzeros of the p-median model, to refuse a model before building it. */
export function pMedianSize(x: LocationInstance): { columns: number; nonzeros: number } {
  let pairs = 0;
  for (let i = 0; i < x.demandIds.length; i++) {
    for (let k = x.rowStart[i] ?? 0; k < (x.rowStart[i + 1] ?? 0); k++) {
      const s = x.status[x.site[k] ?? 0];
      if (s !== SITE_STATUS.forbidden) pairs++;
      if (s === SITE_STATUS.fixed) break;
    }
  }
  return { columns: pairs + x.siteIds.length, nonzeros: 3 * pairs + x.siteIds.length };
}

/**
 * p-median: min Σ w_i c_ij x_ij, Σ_j x_ij = 1, x_ij ≤ y_j, Σ y_j = p. A demand's pairs stop
 * at its cheapest fixed site (nothing beyond it is ever better).
 */
export function pMedianMilp(x: LocationInstance, p: number, startOpen?: readonly number[]): LocationMilp {
  const b = new Builder();
  const col = siteColumns(x, b, () => 0);
  const card = b.addRow(p, p);
  for (let j = 0; j < col.length; j++) if ((col[j] ?? -1) >= 0) b.set(card, col[j] ?? 0, 1);
  const assignments: { i: number; j: number; col: number }[] = [];
  for (let i = 0; i < x.demandIds.length; i++) {
    const w = x.weights[i] ?? 0;
    const row = b.addRow(1, 1);
    for (let k = x.rowStart[i] ?? 0; k < (x.rowStart[i + 1] ?? 0); k++) {
      const j = x.site[k] ?? 0;
      if ((col[j] ?? -1) < 0) continue;
      const xc = b.addCol(w * (x.cost[k] ?? 0), 0, 1, false);
      b.set(row, xc, 1);
      assignments.push({ i, j, col: xc });
      if (x.status[j] === SITE_STATUS.fixed) break;
      const link = b.addRow(Number.NEGATIVE_INFINITY, 0);
      b.set(link, xc, 1);
      b.set(link, col[j] ?? 0, -1);
    }
  }
  let start: Float64Array | undefined;
  if (startOpen) {
    start = new Float64Array(b.cols.length);
    const isOpen = new Set(startOpen);
    for (const j of startOpen) if ((col[j] ?? -1) >= 0) start[col[j] ?? 0] = 1;
    const done = new Set<number>();
    // Rows are in cost order, so the first open site of each demand is its assignment.
    for (const a of assignments) {
      if (done.has(a.i) || !isOpen.has(a.j)) continue;
      start[a.col] = 1;
      done.add(a.i);
    }
  }
  return { ...b.build('min', 0, start), siteColumn: col };
}

/** MCLP: max Σ w_i z_i, z_i ≤ Σ_{j covers i} y_j, Σ y_j = p (demands only fixed sites cover are a constant). */
export function mclpMilp(
  x: LocationInstance,
  p: number,
  radius: number,
  startOpen?: readonly number[],
): LocationMilp {
  return mclpMilpOver(x, coverageWithin(x, radius), p, startOpen);
}

/** The MCLP program over coverage lists already built (and perhaps thinned: coverage.ts). */
export function mclpMilpOver(
  x: LocationInstance,
  c: Coverage,
  p: number,
  startOpen?: readonly number[],
): LocationMilp {
  const b = new Builder();
  const col = siteColumns(x, b, () => 0);
  const card = b.addRow(p, p);
  for (let j = 0; j < col.length; j++) if ((col[j] ?? -1) >= 0) b.set(card, col[j] ?? 0, 1);
  let offset = 0;
  const zCol = new Int32Array(c.n).fill(-1);
  for (let i = 0; i < c.n; i++) {
    const w = x.weights[i] ?? 0;
    if (w === 0) continue;
    let fixedCover = false;
    const free: number[] = [];
    for (let k = c.demandStart[i] ?? 0; k < (c.demandStart[i + 1] ?? 0); k++) {
      const j = c.siteOf[k] ?? 0;
      if (x.status[j] === SITE_STATUS.fixed) fixedCover = true;
      else if (x.status[j] === SITE_STATUS.free) free.push(j);
    }
    if (fixedCover) {
      offset += w;
      continue;
    }
    if (free.length === 0) continue;
    const row = b.addRow(Number.NEGATIVE_INFINITY, 0);
    const z = b.addCol(w, 0, 1, false);
    zCol[i] = z;
    b.set(row, z, 1);
    for (const j of free) b.set(row, col[j] ?? 0, -1);
  }
  let start: Float64Array | undefined;
  if (startOpen) {
    start = new Float64Array(b.cols.length);
    const isOpen = new Uint8Array(x.siteIds.length);
    for (const j of startOpen) {
      isOpen[j] = 1;
      if ((col[j] ?? -1) >= 0) start[col[j] ?? 0] = 1;
    }
    for (let i = 0; i < c.n; i++) {
      if ((zCol[i] ?? -1) < 0) continue;
      for (let k = c.demandStart[i] ?? 0; k < (c.demandStart[i + 1] ?? 0); k++) {
        if (isOpen[c.siteOf[k] ?? 0]) {
          start[zCol[i] ?? 0] = 1;
          break;
        }
      }
    }
  }
  return { ...b.build('max', offset, start), siteColumn: col };
}

/** LSCP: min Σ y_j, Σ_{j covers i} y_j ≥ 1 for every demand with weight > 0. */
export function lscpMilp(x: LocationInstance, radius: number, startOpen?: readonly number[]): LocationMilp {
  const c = coverageWithin(x, radius);
  const b = new Builder();
  const col = siteColumns(x, b, () => 1);
  for (let i = 0; i < c.n; i++) {
    if ((x.weights[i] ?? 0) <= 0) continue;
    const row = b.addRow(1, Number.POSITIVE_INFINITY);
    for (let k = c.demandStart[i] ?? 0; k < (c.demandStart[i + 1] ?? 0); k++) {
      const j = c.siteOf[k] ?? 0;
      if ((col[j] ?? -1) >= 0) b.set(row, col[j] ?? 0, 1);
    }
  }
  let start: Float64Array | undefined;
  if (startOpen) {
    start = new Float64Array(b.cols.length);
    for (const j of startOpen) if ((col[j] ?? -1) >= 0) start[col[j] ?? 0] = 1;
  }
  return { ...b.build('min', 0, start), siteColumn: col };
}

/** The open sites of a solution vector. */
export function openSitesOf(spec: LocationMilp, colValue: ArrayLike<number>): number[] {
  const open: number[] = [];
  for (let j = 0; j < spec.siteColumn.length; j++) {
    const k = spec.siteColumn[j] ?? -1;
    if (k >= 0 && (colValue[k] ?? 0) > 0.5) open.push(j);
  }
  return open;
}
