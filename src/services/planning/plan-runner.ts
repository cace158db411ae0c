/**
 * Runs the planner in a worker thread: progress comes back as messages, a cancel terminates
 * the thread, and a crash is reported as a failure, never thrown past the caller.
 */
import { Worker } from 'node:worker_threads';
import type { Breakdown } from '../../core/planning/evaluate.ts';
import type { PlanExplanation, VisitExplanation } from '../../core/planning/explain.ts';
import type { PlanningInstance } from '../../core/planning/instance.ts';
import type { PlanningProblem } from '../../core/planning/prepare.ts';
import type { PlanVisit } from '../../core/planning/validate.ts';
import type { WhatIf } from '../../core/planning/what-if.ts';
import type { PlanProgress, PlanSolver } from './planner.ts';

export interface PlanWorkerInput {
  readonly instance: PlanningInstance;
  readonly solver: PlanSolver;
  readonly timeLimitSeconds: number;
  readonly seed?: number;
  /** Seconds for each what-if re-plan (0: none). */
  readonly whatIfSeconds: number;
}

export interface SolvedVisit extends PlanVisit {
  /** The published visit this one keeps, when it was pinned. */
  readonly pinnedVisitId: string | null;
  readonly explanation: VisitExplanation | null;
}

export interface SolvedPlan {
  readonly objective: number;
  readonly bound: number;
  readonly gap: number;
  readonly optimal: boolean;
  readonly seconds: number;
  readonly solver: string;
  readonly visits: readonly SolvedVisit[];
  readonly breakdown: Breakdown;
  readonly problems: readonly PlanningProblem[];
  readonly notes: readonly string[];
  readonly perDistrictWeek: PlanExplanation['perDistrictWeek'];
  readonly advisorMinutes: PlanExplanation['advisorMinutes'];
  readonly whatIfs: readonly WhatIf[];
}

export type PlanWorkerMessage =
  | { readonly type: 'progress'; readonly progress: PlanProgress }
  | { readonly type: 'result'; readonly result: SolvedPlan }
  | { readonly type: 'error'; readonly message: string; readonly invalid: boolean };

export type PlanOutcome =
  | { readonly ok: true; readonly plan: SolvedPlan }
  | { readonly ok: false; readonly reason: 'invalid' | 'crashed' | 'cancelled'; readonly message: string };

export interface RunningPlan {
  readonly outcome: Promise<PlanOutcome>;
  cancel(): void;
}

export function runPlanInWorker(input: PlanWorkerInput, onProgress?: (p: PlanProgress) => void): RunningPlan {
  const worker = new Worker(new URL('./plan-worker.mjs', import.meta.url), { workerData: input });
  let settle: (o: PlanOutcome) => void = () => {};
  let settled = false;
  const outcome = new Promise<PlanOutcome>((resolve) => {
    settle = (o) => {
      if (settled) return;
      settled = true;
      void worker.terminate();
      resolve(o);
    };
  });
  worker.on('message', (m: PlanWorkerMessage) => {
    if (m.type === 'progress') onProgress?.(m.progress);
    else if (m.type === 'result') settle({ ok: true, plan: m.result });
    else settle({ ok: false, reason: m.invalid ? 'invalid' : 'crashed', message: m.message });
  });
  worker.once('error', (e) =>
    settle({ ok: false, reason: 'crashed', message: `the planner stopped: ${e.message}` }),
  );
  worker.once('exit', (code) =>
    settle({ ok: false, reason: 'crashed', message: `the planner's worker exited (code ${code})` }),
  );
  return {
    outcome,
    cancel: () => settle({ ok: false, reason: 'cancelled', message: 'cancelled' }),
  };
}
