// HiGHS (WebAssembly) in a worker thread, so that a crash or the 2 GB WebAssembly memory
// ceiling ends this worker, never the server. HiGHS is loaded once; the worker then answers
// one solve per message, in order, until it is terminated (highs.ts keeps a few idle ones for
// reuse). Message in: a MilpSpec (src/core/milp.ts) and options; out: status, objective,
// bound, column values, or `failed` when the module faulted (the worker is then discarded).
import { parentPort } from 'node:worker_threads';
import loadHighs from 'highs';
import { highsModelData } from './highs-model.mjs';

const highs = await loadHighs();

function solve({ spec, timeLimitSeconds, relativeGap }) {
  const model = highs.createModel(highsModelData(highs, spec));
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
    return {
      status,
      objective,
      bound: info('mip_dual_bound'),
      colValue,
      seconds: (performance.now() - started) / 1000,
      nodes: Number(info('mip_node_count') ?? 0),
    };
  } finally {
    model.dispose();
  }
}

parentPort.on('message', (request) => {
  let answer;
  try {
    answer = solve(request);
  } catch (e) {
    answer = { failed: e instanceof Error ? e.message : String(e) };
  }
  parentPort.postMessage(answer);
});
