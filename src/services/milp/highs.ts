/**
 * The exact solver's engine: HiGHS compiled to WebAssembly, in worker threads (one solve at a
 * time each; idle ones are reused).
 * A model larger than the limits below is refused before it is sent (the WebAssembly heap
 * stops at 2 GB); a worker that dies or overruns its time is reported, never thrown past.
 * Small programs that a heuristic solves as it goes (the MCLP certificate and core) use one
 * HiGHS loaded in this thread instead ({@link loadInProcessSolvers}).
 */
import { Worker } from 'node:worker_threads';
import highsModule from 'highs';
import type { LpSolve, MilpAnswer, MilpSolve, MilpSpec } from '../../core/milp.ts';
import { highsModelData } from './highs-model.mjs';

// Measured: a 160 000-column p-median used 1 GB of WebAssembly memory and 360 000 columns hit
// the 2 GB ceiling, so stay well below.
export const MILP_LIMITS = { columns: 200_000, nonzeros: 1_500_000 } as const;

export type MilpOutcome =
  | {
      readonly ok: true;
      /** HiGHS model status: 7 optimal, 8 infeasible, 13 time limit, … */
      readonly status: number;
      readonly optimal: boolean;
      readonly objective: number | null;
      readonly bound: number | null;
      readonly colValue: Float64Array | null;
      readonly seconds: number;
      readonly nodes: number;
    }
  | { readonly ok: false; readonly reason: 'too-large' | 'crashed' | 'timeout'; readonly message: string };

export function tooLarge(
  spec: { numCols: number; starts: Int32Array } | { columns: number; nonzeros: number },
): string | null {
  const columns = 'columns' in spec ? spec.columns : spec.numCols;
  const nonzeros = 'nonzeros' in spec ? spec.nonzeros : (spec.starts[spec.numCols] ?? 0);
  if (columns > MILP_LIMITS.columns || nonzeros > MILP_LIMITS.nonzeros) {
    return `the model has ${columns.toLocaleString('en')} columns and ${nonzeros.toLocaleString('en')} nonzeros; the exact solver takes at most ${MILP_LIMITS.columns.toLocaleString('en')} and ${MILP_LIMITS.nonzeros.toLocaleString('en')} (its WebAssembly memory stops at 2 GB)`;
  }
  return null;
}

/**
 * Workers with HiGHS loaded, waiting for the next solve. Starting a worker and loading the
 * WebAssembly module costs about 200 ms, far more than most solves; a worker is kept after a
 * solve of a model up to {@link REUSE_LIMIT} (its memory stays small) and ended after
 * {@link IDLE_MS} without work. Idle workers never keep the process alive.
 */
const idle: Worker[] = [];
const IDLE_KEPT = 2;
const IDLE_MS = 30_000;
const REUSE_LIMIT = { columns: 20_000, nonzeros: 200_000 } as const;
const idleTimers = new WeakMap<Worker, NodeJS.Timeout>();

function takeWorker(): Worker {
  const worker = idle.pop();
  if (worker) {
    clearTimeout(idleTimers.get(worker));
    worker.ref();
    return worker;
  }
  const fresh = new Worker(new URL('./highs-worker.mjs', import.meta.url));
  // An idle worker that fails leaves the pool quietly (a solve in progress hears it itself).
  fresh.on('error', () => {});
  fresh.on('exit', () => {
    const at = idle.indexOf(fresh);
    if (at >= 0) idle.splice(at, 1);
  });
  return fresh;
}

function returnWorker(worker: Worker): void {
  if (idle.length >= IDLE_KEPT) {
    void worker.terminate();
    return;
  }
  worker.unref();
  const timer = setTimeout(() => {
    const at = idle.indexOf(worker);
    if (at >= 0) idle.splice(at, 1);
    void worker.terminate();
  }, IDLE_MS);
  timer.unref();
  idleTimers.set(worker, timer);
  idle.push(worker);
}

interface WorkerAnswer {
  status: number;
  objective: number;
  bound?: number;
  colValue: Float64Array | null;
  seconds: number;
  nodes: number;
  failed?: string;
}

export function solveMilp(
  spec: MilpSpec,
  options: { timeLimitSeconds: number; relativeGap?: number },
): Promise<MilpOutcome> {
  const refusal = tooLarge(spec);
  if (refusal) return Promise.resolve({ ok: false, reason: 'too-large', message: refusal });
  const nonzeros = spec.starts[spec.numCols] ?? 0;
  const reusable = spec.numCols <= REUSE_LIMIT.columns && nonzeros <= REUSE_LIMIT.nonzeros;
  return new Promise((resolve) => {
    const worker = takeWorker();
    let settled = false;
    const finish = (outcome: MilpOutcome, keep: boolean) => {
      if (settled) return;
      settled = true;
      clearTimeout(guard);
      worker.off('message', onMessage);
      worker.off('error', onError);
      worker.off('exit', onExit);
      if (keep) returnWorker(worker);
      else void worker.terminate();
      resolve(outcome);
    };
    // HiGHS honours its time limit; this guard only catches a solver that does not return.
    const guard = setTimeout(
      () =>
        finish(
          {
            ok: false,
            reason: 'timeout',
            message: `HiGHS did not return within ${options.timeLimitSeconds + 30} s`,
          },
          false,
        ),
      (options.timeLimitSeconds + 30) * 1000,
    );
    const onMessage = (m: WorkerAnswer) => {
      if (m.failed !== undefined) {
        finish({ ok: false, reason: 'crashed', message: `HiGHS stopped: ${m.failed}` }, false);
        return;
      }
      finish(
        {
          ok: true,
          status: m.status,
          optimal: m.status === 7,
          objective: Number.isFinite(m.objective) && m.colValue ? m.objective : null,
          bound: m.bound !== undefined && Number.isFinite(m.bound) ? m.bound : null,
          colValue: m.colValue,
          seconds: m.seconds,
          nodes: m.nodes,
        },
        reusable,
      );
    };
    const onError = (e: Error) =>
      finish({ ok: false, reason: 'crashed', message: `HiGHS stopped: ${e.message}` }, false);
    const onExit = (code: number) =>
      finish({ ok: false, reason: 'crashed', message: `the solver worker exited (code ${code})` }, false);
    worker.on('message', onMessage);
    worker.once('error', onError);
    worker.once('exit', onExit);
    worker.postMessage({
      spec,
      timeLimitSeconds: Math.max(0.1, options.timeLimitSeconds),
      relativeGap: options.relativeGap ?? 1e-9,
    });
  });
}

/** HiGHS loaded into this thread: a linear and a mixed-integer solve, both synchronous. */
export interface InProcessSolvers {
  readonly solveLp: LpSolve;
  readonly solveMilp: MilpSolve;
}

/**
 * HiGHS loaded into this thread, for the small programs a heuristic solves as it goes (the
 * MCLP restricted dual and core: at most a few hundred thousand nonzeros, a few MB of
 * WebAssembly memory, each under a time limit). Loaded once per process; null when it cannot
 * be loaded (the heuristic then goes on without it). Large models still go to
 * {@link solveMilp}'s worker.
 */
let inProcess: Promise<InProcessSolvers | null> | undefined;
export function loadInProcessSolvers(): Promise<InProcessSolvers | null> {
  if (inProcess) return inProcess;
  // The package's types describe its CommonJS build (a namespace whose `default` is the
  // loader); Node loads its ES module, whose default export is the loader itself.
  type Loader = typeof import('highs').default;
  const module = highsModule as unknown as Loader | { default: Loader };
  const loadHighs = typeof module === 'function' ? module : module.default;
  inProcess = loadHighs()
    .then((highs) => {
      type Model = ReturnType<typeof highs.createModel>;
      // A fault inside the WebAssembly module may leave it unusable: the next caller loads a
      // fresh one.
      const guarded =
        <T>(run: (model: Model) => T) =>
        (spec: MilpSpec, relaxed: boolean): T | null => {
          try {
            const model = highs.createModel(highsModelData(highs, spec, relaxed));
            try {
              return run(model);
            } finally {
              model.dispose();
            }
          } catch {
            inProcess = undefined;
            return null;
          }
        };
      const solveLp: LpSolve = (spec, timeLimitSeconds) =>
        guarded((model) => {
          // Measured on the MCLP restricted duals: dual simplex without presolve is the
          // fastest (presolve costs more than it saves on these small programs).
          model.options.set({ output_flag: false, presolve: 'off', time_limit: timeLimitSeconds });
          model.run();
          return model.getModelStatus() === 7 ? Float64Array.from(model.getSolution().colValue) : null;
        })(spec, true);
      const solveMilp: MilpSolve = (spec, options) =>
        guarded((model): MilpAnswer | null => {
          model.options.set({
            output_flag: false,
            time_limit: options.timeLimitSeconds,
            mip_rel_gap: options.relativeGap,
          });
          if (spec.start) model.setSolution({ colValue: spec.start });
          model.run();
          const status = model.getModelStatus();
          if (status !== 7 && status !== 13) return null;
          let colValue: Float64Array | null = null;
          try {
            colValue = Float64Array.from(model.getSolution().colValue);
          } catch {
            // No solution found before the time limit.
          }
          const bound = Number(model.info.get('mip_dual_bound'));
          return Number.isFinite(bound) ? { solved: status === 7, colValue, bound } : null;
        })(spec, false);
      return { solveLp, solveMilp };
    })
    .catch(() => null);
  return inProcess;
}
