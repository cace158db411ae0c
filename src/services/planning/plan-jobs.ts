/**
 * The planning job queue in the database. A job is queued (a repair records its event first),
 * any neuvo process claims it (FOR UPDATE SKIP LOCKED) and runs it; a job whose process stopped
 * (no heartbeat) is queued again once, then marked failed. `startPlanWorker` is the loop every
 * server process runs over the queue.
 */
import { isUuid } from '../../core/ids.ts';
import type { PlanJob } from '../../db/repositories/plan-repository.ts';
import { inTransaction, type ReadRepositories } from '../../db/repositories.ts';
import type { Store } from '../../db/store.ts';
import type { AccessService } from '../access-service.ts';
import { writeAudit } from '../audit-service.ts';
import { InvalidInputError, NotFoundError } from '../errors.ts';
import { CANCEL_NOTES } from './plan-changes.ts';
import { type JobRunOptions, runClaimedJob } from './plan-job-run.ts';
import { type ActorArg, auditActor, type PlanJobRequest, parsePlanJobRequest } from './plan-request.ts';
import { unknownVenues } from './planning-rules.ts';

export interface PlanJobsDeps {
  readonly store: Store;
  readonly repos: ReadRepositories;
  readonly access: AccessService;
  /** How long a running job may go without a heartbeat before it counts as interrupted. */
  readonly staleSeconds: number;
  readonly maxAttempts: number;
  /** Clock of the audit log's entries (epoch ms). */
  readonly now: () => number;
}

export function createPlanJobs(deps: PlanJobsDeps) {
  const { store, repos, now } = deps;

  return {
    /** Queues a job. A repair first records its event (the absence, the closed day) with it. */
    async enqueue(raw: unknown, createdBy: string | null, actor?: ActorArg): Promise<PlanJob> {
      const req = parsePlanJobRequest(raw);
      await refuseUnknownReferences(repos, req);
      return inTransaction(store, async (tx) => {
        if (req.kind === 'repair') {
          const e = req.event;
          if (e.type === 'absence') await tx.advisors.insertAbsence(e.advisorId, e.from, e.to, e.absenceKind);
          else await tx.sites.replaceDayClosed(e.venueId, e.date, CANCEL_NOTES['venue-closed']);
        }
        const job = await tx.plans.insertJob({ kind: req.kind, request: req, createdBy });
        await writeAudit(tx, now(), {
          actor: auditActor(actor),
          action: 'plan-job.create',
          targetType: 'plan-job',
          targetId: job.id,
          details: { kind: req.kind, ...(req.kind === 'repair' ? { event: req.event.type } : {}) },
        });
        return job;
      });
    },

    async getJob(jobId: string): Promise<PlanJob> {
      const job = isUuid(jobId) ? await repos.plans.getJob(jobId) : null;
      if (!job) throw new NotFoundError(`no planning job "${jobId}"`, 'id');
      return job;
    },
    listJobs: (limit?: number) => repos.plans.listJobs(limit),

    async cancelJob(jobId: string, actor?: ActorArg): Promise<PlanJob> {
      const job = isUuid(jobId)
        ? await inTransaction(store, async (tx) => {
            const cancelled = await tx.plans.setJobCancelRequested(jobId);
            if (cancelled)
              await writeAudit(tx, now(), {
                actor: auditActor(actor),
                action: 'plan-job.cancel',
                targetType: 'plan-job',
                targetId: jobId,
                details: { status: cancelled.status },
              });
            return cancelled;
          })
        : null;
      if (!job) throw new NotFoundError(`no planning job "${jobId}"`, 'id');
      return job;
    },

    /** Jobs of processes that stopped: queued again once, then failed. */
    recoverStale: () =>
      inTransaction(store, (tx) => tx.plans.setStaleJobsRecovered(deps.staleSeconds, deps.maxAttempts)),

    /** Claims the oldest queued job and runs it to its end; null when none is queued. */
    async runNextJob(options: JobRunOptions = {}): Promise<PlanJob | null> {
      const job = await inTransaction(store, (tx) => tx.plans.setJobClaimed());
      return job ? runClaimedJob(deps, job, options) : null;
    },

    /** Runs this queued job here and now (the CLI); null if another process has it. */
    async runJobNow(jobId: string, options: JobRunOptions = {}): Promise<PlanJob | null> {
      const job = await inTransaction(store, (tx) => tx.plans.setJobClaimed(jobId));
      return job ? runClaimedJob(deps, job, options) : null;
    },
  };
}

/** A repair's advisor or venue, and a plan's venues allowed near a fixed point, must exist. */
async function refuseUnknownReferences(repos: ReadRepositories, req: PlanJobRequest): Promise<void> {
  if (req.kind === 'repair') {
    const e = req.event;
    if (e.type === 'absence') {
      if (e.to < e.from)
        throw new InvalidInputError('event.to: expected a date on or after event.from', 'event.to');
      const advisor = (await repos.advisors.list()).find((a) => a.id === e.advisorId);
      if (!advisor) throw new NotFoundError(`no advisor "${e.advisorId}"`, 'event.advisorId');
    } else {
      const site = (await repos.sites.list({})).find((s) => s.id === e.venueId);
      if (!site) throw new NotFoundError(`no venue "${e.venueId}"`, 'event.venueId');
    }
  } else if (req.rules?.allowNearFixedPoint?.length) {
    const venues = new Set<string>((await repos.sites.list({ role: 'venue' })).map((s) => s.id));
    const [unknown] = unknownVenues(req.rules, venues, 'rules.');
    if (unknown) throw new InvalidInputError(`${unknown.path}: no venue "${unknown.id}"`, unknown.path);
  }
}

/** What the worker loop needs of the service. */
export interface PlanJobQueue {
  recoverStale(): Promise<{ readonly requeued: readonly unknown[]; readonly failed: readonly unknown[] }>;
  runNextJob(): Promise<PlanJob | null>;
}

/**
 * The job loop every server process runs: recover interrupted jobs, then claim and run queued
 * ones one at a time. Several processes can run it against one database.
 */
export function startPlanWorker(
  service: PlanJobQueue,
  options: { pollMs?: number; log?: (message: string) => void } = {},
): { stop(): Promise<void> } {
  let busy: Promise<unknown> | null = null;
  let stopped = false;
  let lastRecovery = Number.NEGATIVE_INFINITY;
  const tick = () => {
    if (busy || stopped) return;
    busy = (async () => {
      try {
        if (performance.now() - lastRecovery > 30_000) {
          lastRecovery = performance.now();
          const r = await service.recoverStale();
          if (r.requeued.length + r.failed.length > 0)
            options.log?.(
              `planning jobs interrupted: ${r.requeued.length} queued again, ${r.failed.length} failed\n`,
            );
        }
        while (!stopped && (await service.runNextJob())) {
          // run queued jobs back to back
        }
      } catch (e) {
        options.log?.(`planning worker: ${e instanceof Error ? e.message : String(e)}\n`);
      } finally {
        busy = null;
      }
    })();
  };
  const timer = setInterval(tick, options.pollMs ?? 1000);
  tick();
  return {
    async stop() {
      stopped = true;
      clearInterval(timer);
      await busy;
    },
  };
}
