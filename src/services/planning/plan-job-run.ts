/**
 * One claimed planning job from start to end: its instance, the solve in a worker thread with
 * progress and a heartbeat written as it goes (the answer says whether a cancel was asked), the
 * independent validator's check, and the plan with its changes and the job's end written in one
 * transaction, so a plan is all there or not at all.
 */
import type { PlanningInstance } from '../../core/planning/instance.ts';
import { validatePlan } from '../../core/planning/validate.ts';
import type { PlanJob } from '../../db/repositories/plan-repository.ts';
import { inTransaction, type ReadRepositories, type Repositories } from '../../db/repositories.ts';
import type { Store } from '../../db/store.ts';
import type { AccessService } from '../access-service.ts';
import { changesAgainstSchedule } from './plan-changes.ts';
import { instanceForJob, type JobInstance } from './plan-job-instance.ts';
import type { PlanSummary } from './plan-read-model.ts';
import { type PlanJobRequest, parsePlanJobRequest } from './plan-request.ts';
import { type PlanOutcome, runPlanInWorker, type SolvedPlan } from './plan-runner.ts';
import { type PlanProgress, relGap } from './planner.ts';

export interface JobProgress extends PlanProgress {
  readonly gap: number | null;
}

export interface JobRunDeps {
  readonly store: Store;
  readonly repos: ReadRepositories;
  readonly access: AccessService;
}

export interface JobRunOptions {
  readonly onProgress?: (p: JobProgress) => void;
}

const gapOf = (incumbent: number | null, bound: number | null) =>
  incumbent === null || bound === null ? null : relGap(incumbent, bound);

/** Runs a claimed job to its end (succeeded, failed or cancelled) and answers the job as stored then. */
export async function runClaimedJob(
  deps: JobRunDeps,
  job: PlanJob,
  options: JobRunOptions = {},
): Promise<PlanJob> {
  const { store, repos } = deps;
  const jobAsStored = async () => (await repos.plans.getJob(job.id)) as PlanJob;
  let req: PlanJobRequest;
  let built: JobInstance;
  try {
    req = parsePlanJobRequest(job.request);
    built = await instanceForJob(deps, req);
  } catch (e) {
    const error = e instanceof Error ? e.message : String(e);
    await inTransaction(store, (tx) => tx.plans.setJobFinished(job.id, { status: 'failed', error }));
    return jobAsStored();
  }

  const { outcome, progress } = await solveWithHeartbeat(store, job.id, req, built.instance, options);
  if (!outcome.ok) {
    const status = outcome.reason === 'cancelled' ? 'cancelled' : 'failed';
    await inTransaction(store, (tx) =>
      tx.plans.setJobFinished(job.id, { status, error: outcome.message, progress }),
    );
    return jobAsStored();
  }
  const solved = outcome.plan;
  // Every plan is re-checked by the independent validator before it is written.
  const violations = validatePlan(built.instance, solved.visits);
  if (violations.length > 0) {
    const error = `the plan breaks ${violations.length} rule(s), e.g. ${violations[0]?.rule}: ${violations[0]?.message}; this is a bug, please report it`;
    await inTransaction(store, (tx) =>
      tx.plans.setJobFinished(job.id, { status: 'failed', error, progress }),
    );
    return jobAsStored();
  }
  await inTransaction(store, (tx) => writePlan(tx, job, req, built, solved));
  return jobAsStored();
}

/**
 * Solves in a worker thread. Progress and heartbeat are written at most once a second (and at
 * least every two seconds); when the answer says a cancel was asked, the worker is stopped.
 */
async function solveWithHeartbeat(
  store: Store,
  jobId: string,
  req: PlanJobRequest,
  instance: PlanningInstance,
  options: JobRunOptions,
): Promise<{ outcome: PlanOutcome; progress: JobProgress }> {
  let latest: JobProgress = {
    elapsedSeconds: 0,
    incumbent: null,
    bound: null,
    phase: 'starting',
    gap: null,
  };
  let written = 0;
  let cancelled = false;
  const running = runPlanInWorker(
    {
      instance,
      solver: req.solver,
      timeLimitSeconds: req.timeLimitSeconds,
      whatIfSeconds: req.kind === 'plan' ? req.whatIfSeconds : 0,
    },
    (p) => {
      latest = { ...p, gap: gapOf(p.incumbent, p.bound) };
      options.onProgress?.(latest);
      if (performance.now() - written > 1000) void beat();
    },
  );
  let beating = false;
  const beat = async () => {
    if (beating) return;
    beating = true;
    written = performance.now();
    try {
      const { cancelRequested } = await inTransaction(store, (tx) => tx.plans.setJobProgress(jobId, latest));
      if (cancelRequested && !cancelled) {
        cancelled = true;
        running.cancel();
      }
    } finally {
      beating = false;
    }
  };
  const heart = setInterval(() => void beat(), 2000);
  let outcome: PlanOutcome;
  try {
    outcome = await running.outcome;
  } finally {
    clearInterval(heart);
  }
  return { outcome, progress: latest };
}

/** The plan, its new visits, its changes against the schedule as it is now, and the job's success. */
async function writePlan(
  tx: Repositories,
  job: PlanJob,
  req: PlanJobRequest,
  built: JobInstance,
  solved: SolvedPlan,
): Promise<void> {
  const x = built.instance;
  // Compare with the schedule as it is now, inside the transaction that writes the plan.
  const published = await tx.plans.listScheduled(x.from, x.to);
  const { changes, added } = changesAgainstSchedule(req, solved, published, built.reason);
  const summary: PlanSummary = {
    request: req,
    rules: built.rules,
    seriesPins: {
      kept: (x.seriesPins ?? []).map((p) => p.id),
      leftOut: built.seriesPinsLeftOut,
    },
    partnerRequests: built.partnerRequests,
    breakdown: solved.breakdown,
    notes: [...built.notes, ...solved.notes],
    problems: solved.problems,
    perDistrictWeek: solved.perDistrictWeek,
    advisorMinutes: solved.advisorMinutes,
    whatIfs: solved.whatIfs,
    visits: solved.visits.length,
  };
  const planId = await tx.plans.insertPlan(
    {
      kind: req.kind,
      horizonFrom: x.from,
      horizonTo: x.to,
      solver: solved.solver,
      objective: solved.objective,
      bound: solved.bound,
      gap: solved.gap,
      optimal: solved.optimal,
      seconds: solved.seconds,
      scenarioId: built.scenarioId,
      summary,
      changes,
      createdBy: job.createdBy,
    },
    added.map((v) => ({
      venueId: v.venueId,
      date: v.date,
      start: v.start,
      end: v.end,
      advisorIds: v.advisorIds,
      explanation: v.explanation,
    })),
  );
  await tx.plans.setJobFinished(job.id, {
    status: 'succeeded',
    planId,
    progress: {
      elapsedSeconds: solved.seconds,
      incumbent: solved.objective,
      bound: solved.bound,
      phase: 'done',
      gap: solved.gap,
    },
  });
}
