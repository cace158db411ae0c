// Runs one HiGHS (WebAssembly) solve in a worker thread, so that a crash or the 2 GB
// WebAssembly memory ceiling ends this worker, never the server. Input: a MilpSpec
// (src/core/milp.ts) and options; output: status, objective, bound, column values.
import { parentPort, workerData } from 'node:worker_threads';
import loadHighs from 'highs';

const { spec, timeLimitSeconds, relativeGap } = workerData;
const highs = await loadHighs();
const model = highs.createModel({
  numCols: spec.numCols,
  numRows: spec.numRows,
  sense:
    spec.sense === 'max' ? highs.constants.objectiveSense.maximize : highs.constants.objectiveSense.minimize,
  offset: spec.offset,
  colCost: spec.colCost,
  colLower: spec.colLower,
  colUpper: spec.colUpper,
  rowLower: spec.rowLower.map((v) => (v === Number.NEGATIVE_INFINITY ? -highs.infinity : v)),
  rowUpper: spec.rowUpper.map((v) => (v === Number.POSITIVE_INFINITY ? highs.infinity : v)),
  matrix: {
    format: 'csc',
    numRows: spec.numRows,
    numCols: spec.numCols,
    starts: spec.starts,
    indices: spec.indices,
    values: spec.values,
  },
  integrality: spec.integrality,
});
try {
  model.options.set({ output_flag: false, time_limit: timeLimitSeconds, mip_rel_gap: relativeGap });
  if (spec.start) model.setSolution({ colValue: spec.start });
  const started = performance.now();
  model.run();
  const status = model.getModelStatus();
  let objective = Number.NaN;
  let colValue = null;
  try {
    objective = model.getObjectiveValue();
    colValue = model.getSolution().colValue;
  } catch {
    // No primal solution (infeasible, or stopped before finding one).
  }
  const info = (name) => {
    try {
      return model.info.get(name);
    } catch {
      return undefined;
    }
  };
  parentPort.postMessage({
    status,
    objective,
    bound: info('mip_dual_bound'),
    colValue,
    seconds: (performance.now() - started) / 1000,
    nodes: Number(info('mip_node_count') ?? 0),
  });
} finally {
  model.dispose();
}
