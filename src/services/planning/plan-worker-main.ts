/** The worker side of `runPlanInWorker`: solve, explain, try the what-ifs, post the result. */
import { parentPort, workerData } from 'node:worker_threads';
import { explainPlan } from '../../core/planning/explain.ts';
import { whatIfs } from '../../core/planning/what-if.ts';
import { seededRandom } from '../../core/random.ts';
import { InvalidInputError } from '../errors.ts';
import type { PlanWorkerInput, PlanWorkerMessage } from './plan-runner.ts';
import { planVisits, solvePlan } from './planner.ts';

const input = workerData as PlanWorkerInput;
const post = (m: PlanWorkerMessage) => parentPort?.postMessage(m);

try {
  let last = 0;
  const r = await solvePlan(input.instance, {
    solver: input.solver,
    timeLimitSeconds: input.timeLimitSeconds,
    ...(input.seed !== undefined ? { seed: input.seed } : {}),
    onProgress: (p) => {
      const now = performance.now();
      if (p.phase !== 'done' && now - last < 250) return;
      last = now;
      post({ type: 'progress', progress: p });
    },
  });
  const P = r.prepared;
  const visits = planVisits(P, r.visits);
  const explanation = explainPlan(P, r.visits);
  post({
    type: 'progress',
    progress: { elapsedSeconds: r.seconds, incumbent: r.objective, bound: r.bound, phase: 'what-if' },
  });
  const variants =
    input.whatIfSeconds > 0
      ? whatIfs(P, r.visits, {
          clock: () => performance.now(),
          secondsEach: input.whatIfSeconds,
          random: seededRandom((input.seed ?? 1) + 1),
        })
      : [];
  post({
    type: 'result',
    result: {
      objective: r.objective,
      bound: r.bound,
      gap: r.gap,
      optimal: r.optimal,
      seconds: r.seconds,
      solver: r.solver,
      visits: visits.map((v, i) => {
        const c = P.candidates[r.visits[i]?.candidate ?? -1];
        const pin = c && c.pin >= 0 ? input.instance.pins[c.pin] : undefined;
        return { ...v, pinnedVisitId: pin?.visitId ?? null, explanation: explanation.visits[i] ?? null };
      }),
      breakdown: r.breakdown,
      problems: r.problems,
      notes: r.notes,
      perDistrictWeek: explanation.perDistrictWeek,
      advisorMinutes: explanation.advisorMinutes,
      whatIfs: variants,
    },
  });
} catch (e) {
  post({
    type: 'error',
    message: e instanceof Error ? e.message : String(e),
    invalid: e instanceof InvalidInputError,
  });
}
