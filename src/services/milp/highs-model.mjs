// A MilpSpec (src/core/milp.ts) as HiGHS model data, shared by the worker thread
// (highs-worker.mjs) and the in-process LP solver (highs.ts): infinite bounds become HiGHS's
// infinity; with `relaxed`, integrality is dropped (the LP relaxation).
export function highsModelData(highs, spec, relaxed = false) {
  const bound = (v) => (Number.isFinite(v) ? v : v > 0 ? highs.infinity : -highs.infinity);
  return {
    numCols: spec.numCols,
    numRows: spec.numRows,
    sense:
      spec.sense === 'max'
        ? highs.constants.objectiveSense.maximize
        : highs.constants.objectiveSense.minimize,
    offset: spec.offset,
    colCost: spec.colCost,
    colLower: spec.colLower.map(bound),
    colUpper: spec.colUpper.map(bound),
    rowLower: spec.rowLower.map(bound),
    rowUpper: spec.rowUpper.map(bound),
    matrix: {
      format: 'csc',
      numRows: spec.numRows,
      numCols: spec.numCols,
      starts: spec.starts,
      indices: spec.indices,
      values: spec.values,
    },
    ...(relaxed ? {} : { integrality: spec.integrality }),
  };
}
