/**
 * Mixed-integer programs as plain sparse arrays (CSC), the form the exact solver (HiGHS)
 * takes, and a builder that adds rows and columns by index. Shared by the location models
 * and the visit planner.
 */

export interface MilpSpec {
  readonly sense: 'min' | 'max';
  readonly numCols: number;
  readonly numRows: number;
  readonly offset: number;
  readonly colCost: Float64Array;
  readonly colLower: Float64Array;
  readonly colUpper: Float64Array;
  readonly rowLower: Float64Array;
  readonly rowUpper: Float64Array;
  /** CSC: column k has entries starts[k] … starts[k+1]-1 of indices (rows) and values. */
  readonly starts: Int32Array;
  readonly indices: Int32Array;
  readonly values: Float64Array;
  /** 1 for integer columns. */
  readonly integrality: Int32Array;
  /** A feasible start (all columns), when one was given. */
  readonly start?: Float64Array;
}

/**
 * Solves a linear program (integrality ignored) within a time limit: the optimal column
 * values, or null (not solved to optimality, for whatever reason).
 */
export type LpSolve = (spec: MilpSpec, timeLimitSeconds: number) => Float64Array | null;

/** A small mixed-integer program solved inside a heuristic: the best solution found and a bound. */
export interface MilpAnswer {
  /** Solved to within the relative gap asked for (false: stopped at the time limit). */
  readonly solved: boolean;
  /** The best solution found (all columns), if any. */
  readonly colValue: Float64Array | null;
  /** A bound on the optimum in the program's sense (≥ it when maximising), its objective included. */
  readonly bound: number;
}

/** Solves a small mixed-integer program from `spec.start` (if given); null when the solver failed. */
export type MilpSolve = (
  spec: MilpSpec,
  options: { readonly timeLimitSeconds: number; readonly relativeGap: number },
) => MilpAnswer | null;

export class MilpBuilder {
  cols: { cost: number; lower: number; upper: number; integer: boolean; rows: number[]; vals: number[] }[] =
    [];
  rowLower: number[] = [];
  rowUpper: number[] = [];
  addRow(lower: number, upper: number): number {
    this.rowLower.push(lower);
    this.rowUpper.push(upper);
    return this.rowLower.length - 1;
  }
  addCol(cost: number, lower: number, upper: number, integer: boolean): number {
    this.cols.push({ cost, lower, upper, integer, rows: [], vals: [] });
    return this.cols.length - 1;
  }
  set(row: number, col: number, value: number) {
    const c = this.cols[col];
    if (!c) return;
    c.rows.push(row);
    c.vals.push(value);
  }
  build(sense: 'min' | 'max', offset: number, start?: Float64Array): MilpSpec {
    const nnz = this.cols.reduce((s, c) => s + c.rows.length, 0);
    const starts = new Int32Array(this.cols.length + 1);
    const indices = new Int32Array(nnz);
    const values = new Float64Array(nnz);
    let at = 0;
    for (const [k, c] of this.cols.entries()) {
      starts[k] = at;
      const order = c.rows.map((_, q) => q).sort((a, b) => (c.rows[a] ?? 0) - (c.rows[b] ?? 0));
      for (const q of order) {
        indices[at] = c.rows[q] ?? 0;
        values[at] = c.vals[q] ?? 0;
        at++;
      }
    }
    starts[this.cols.length] = at;
    return {
      sense,
      numCols: this.cols.length,
      numRows: this.rowLower.length,
      offset,
      colCost: Float64Array.from(this.cols.map((c) => c.cost)),
      colLower: Float64Array.from(this.cols.map((c) => c.lower)),
      colUpper: Float64Array.from(this.cols.map((c) => c.upper)),
      rowLower: Float64Array.from(this.rowLower),
      rowUpper: Float64Array.from(this.rowUpper),
      starts,
      indices,
      values,
      integrality: Int32Array.from(this.cols.map((c) => (c.integer ? 1 : 0))),
      ...(start ? { start } : {}),
    };
  }
}
