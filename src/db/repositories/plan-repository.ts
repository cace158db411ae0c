/**
 * Plan versions, their visits and the planning jobs. A draft plan holds its new visits
 * (status `planned`) and, in `changes`, what publishing it does to the public schedule.
 */
import { and, asc, desc, eq, inArray, lt, sql } from 'drizzle-orm';
import { asAdvisorId, asPlanId, asSiteId, asVisitId } from '../../core/ids.ts';
import type { CancelReason, Visit, VisitStatus } from '../../core/model/visit.ts';
import type { PlanChanges } from '../../core/planning/plan-diff.ts';
import type { IsoDate, WallTime } from '../../core/time/civil-time.ts';
import { planChangesSchema, readJsonColumn, toJsonColumn } from '../json-columns.ts';
import { planJobs, plans, visitAdvisors, visits } from '../schema/planning.ts';
import type { Db } from '../store.ts';
import { chunk, localizedOrNull, toWallTime } from './rows.ts';

export type PlanJobStatus = 'queued' | 'running' | 'succeeded' | 'failed' | 'cancelled';

/** A planning job as services and pages see it (times in epoch ms). */
export interface PlanJob {
  readonly id: string;
  readonly kind: 'plan' | 'repair';
  readonly status: PlanJobStatus;
  readonly request: unknown;
  readonly progress: unknown;
  readonly planId: string | null;
  readonly error: string | null;
  readonly attempts: number;
  readonly cancelRequested: boolean;
  readonly createdBy: string | null;
  readonly createdAtMs: number;
  readonly startedAtMs: number | null;
  readonly finishedAtMs: number | null;
  readonly heartbeatAtMs: number | null;
}

/** A plan version as services and pages see it (times in epoch ms). */
export interface PlanVersion {
  readonly id: string;
  readonly kind: 'plan' | 'repair';
  readonly status: 'draft' | 'published' | 'superseded';
  readonly horizonFrom: IsoDate;
  readonly horizonTo: IsoDate;
  readonly solver: string | null;
  readonly objective: number | null;
  readonly bound: number | null;
  readonly gap: number | null;
  readonly optimal: boolean | null;
  readonly seconds: number | null;
  readonly scenarioId: string | null;
  readonly summary: unknown;
  /** What publishing the plan does to the public schedule; null when the plan was stored without. */
  readonly changes: PlanChanges | null;
  readonly createdBy: string | null;
  readonly createdAtMs: number;
  readonly publishedAtMs: number | null;
}

export interface NewPlanVisit {
  readonly venueId: string;
  readonly date: IsoDate;
  readonly start: WallTime;
  readonly end: WallTime;
  readonly advisorIds: readonly string[];
  readonly explanation: unknown;
}

export interface StoredVisit extends Visit {
  readonly explanation: unknown;
}

const ms = (d: Date | null) => (d ? d.getTime() : null);

function jobOf(r: typeof planJobs.$inferSelect): PlanJob {
  return {
    id: r.id,
    kind: r.kind as PlanJob['kind'],
    status: r.status as PlanJobStatus,
    request: r.request,
    progress: r.progress,
    planId: r.planId,
    error: r.error,
    attempts: r.attempts,
    cancelRequested: r.cancelRequested,
    createdBy: r.createdBy,
    createdAtMs: r.createdAt.getTime(),
    startedAtMs: ms(r.startedAt),
    finishedAtMs: ms(r.finishedAt),
    heartbeatAtMs: ms(r.heartbeatAt),
  };
}

function planOf(r: typeof plans.$inferSelect): PlanVersion {
  return {
    id: r.id,
    kind: r.kind as PlanVersion['kind'],
    status: r.status as PlanVersion['status'],
    horizonFrom: r.horizonFrom,
    horizonTo: r.horizonTo,
    solver: r.solver,
    objective: r.objective,
    bound: r.bound,
    gap: r.gap,
    optimal: r.optimal,
    seconds: r.seconds,
    scenarioId: r.scenarioId,
    summary: r.summary,
    changes: r.changes === null ? null : readJsonColumn('plans.changes', planChangesSchema, r.changes),
    createdBy: r.createdBy,
    createdAtMs: r.createdAt.getTime(),
    publishedAtMs: ms(r.publishedAt),
  };
}

/** The planning jobs: queued, claimed by one process, beating while it runs, ended once. */
function createPlanJobRepository(db: Db) {
  return {
    async insertJob(job: { kind: 'plan' | 'repair'; request: unknown; createdBy: string | null }) {
      const [row] = await db
        .insert(planJobs)
        .values({ ...job, request: toJsonColumn('plan_jobs.request', job.request) })
        .returning();
      if (!row) throw new Error('inserting a planning job returned no row');
      return jobOf(row);
    },
    async getJob(id: string): Promise<PlanJob | null> {
      const [row] = await db.select().from(planJobs).where(eq(planJobs.id, id));
      return row ? jobOf(row) : null;
    },
    async listJobs(limit = 20): Promise<PlanJob[]> {
      const rows = await db.select().from(planJobs).orderBy(desc(planJobs.createdAt)).limit(limit);
      return rows.map(jobOf);
    },
    /** Claims the oldest queued job (or this one) for this process; other processes skip it. */
    async setJobClaimed(jobId?: string): Promise<PlanJob | null> {
      const pick = jobId
        ? sql`(select id from plan_jobs where status = 'queued' and id = ${jobId} for update skip locked)`
        : sql`(select id from plan_jobs where status = 'queued' order by created_at limit 1 for update skip locked)`;
      const [row] = await db
        .update(planJobs)
        .set({
          status: 'running',
          attempts: sql`${planJobs.attempts} + 1`,
          startedAt: sql`now()`,
          heartbeatAt: sql`now()`,
        })
        .where(eq(planJobs.id, pick))
        .returning();
      return row ? jobOf(row) : null;
    },
    /** Progress and heartbeat of a running job; returns whether a cancel was asked for. */
    async setJobProgress(id: string, progress: unknown): Promise<{ cancelRequested: boolean }> {
      const [row] = await db
        .update(planJobs)
        .set({ progress: toJsonColumn('plan_jobs.progress', progress), heartbeatAt: sql`now()` })
        .where(and(eq(planJobs.id, id), eq(planJobs.status, 'running')))
        .returning({ cancelRequested: planJobs.cancelRequested });
      return { cancelRequested: row?.cancelRequested ?? true };
    },
    async setJobFinished(
      id: string,
      end: {
        status: 'succeeded' | 'failed' | 'cancelled';
        planId?: string;
        error?: string;
        progress?: unknown;
      },
    ) {
      await db
        .update(planJobs)
        .set({
          status: end.status,
          planId: end.planId ?? null,
          error: end.error ?? null,
          finishedAt: sql`now()`,
          ...(end.progress !== undefined
            ? { progress: toJsonColumn('plan_jobs.progress', end.progress) }
            : {}),
        })
        .where(eq(planJobs.id, id));
    },
    /** A queued job is cancelled at once; a running one is asked to stop. */
    async setJobCancelRequested(id: string): Promise<PlanJob | null> {
      await db
        .update(planJobs)
        .set({ status: 'cancelled', finishedAt: sql`now()`, cancelRequested: true })
        .where(and(eq(planJobs.id, id), eq(planJobs.status, 'queued')));
      await db
        .update(planJobs)
        .set({ cancelRequested: true })
        .where(and(eq(planJobs.id, id), eq(planJobs.status, 'running')));
      const [row] = await db.select().from(planJobs).where(eq(planJobs.id, id));
      return row ? jobOf(row) : null;
    },
    /**
     * Running jobs whose process stopped beating (a restart, a crash): queued again while they
     * have attempts left, else failed. Their plan was never written, so nothing is half-done.
     */
    async setStaleJobsRecovered(staleSeconds: number, maxAttempts: number) {
      const cutoff = sql`now() - make_interval(secs => ${staleSeconds})`;
      const requeued = await db
        .update(planJobs)
        .set({ status: 'queued', progress: null, heartbeatAt: null })
        .where(
          and(
            eq(planJobs.status, 'running'),
            lt(planJobs.heartbeatAt, cutoff),
            lt(planJobs.attempts, maxAttempts),
          ),
        )
        .returning({ id: planJobs.id });
      const failed = await db
        .update(planJobs)
        .set({
          status: 'failed',
          finishedAt: sql`now()`,
          error: `interrupted ${maxAttempts} times (the process running it stopped); not resumed again`,
        })
        .where(and(eq(planJobs.status, 'running'), lt(planJobs.heartbeatAt, cutoff)))
        .returning({ id: planJobs.id });
      return { requeued: requeued.map((r) => r.id), failed: failed.map((r) => r.id) };
    },
  };
}

/** Plan versions: written with their new visits in one go, read, published or superseded. */
function createPlanVersionRepository(db: Db) {
  return {
    async insertPlan(
      plan: Omit<PlanVersion, 'id' | 'status' | 'createdAtMs' | 'publishedAtMs'>,
      newVisits: readonly NewPlanVisit[],
    ): Promise<string> {
      const [row] = await db
        .insert(plans)
        .values({
          kind: plan.kind,
          horizonFrom: plan.horizonFrom,
          horizonTo: plan.horizonTo,
          solver: plan.solver,
          objective: plan.objective,
          bound: plan.bound,
          gap: plan.gap,
          optimal: plan.optimal,
          seconds: plan.seconds,
          scenarioId: plan.scenarioId,
          summary: toJsonColumn('plans.summary', plan.summary),
          changes:
            plan.changes === null ? null : toJsonColumn('plans.changes', plan.changes, planChangesSchema),
          createdBy: plan.createdBy,
        })
        .returning({ id: plans.id });
      const planId = (row as { id: string }).id;
      if (newVisits.length === 0) return planId;
      const ids: string[] = [];
      for (const part of chunk(newVisits, 7)) {
        const made = await db
          .insert(visits)
          .values(
            part.map((v) => ({
              planId,
              venueId: v.venueId,
              date: v.date,
              start: v.start,
              end: v.end,
              status: 'planned',
              explanation: toJsonColumn('visits.explanation', v.explanation),
            })),
          )
          .returning({ id: visits.id });
        ids.push(...made.map((m) => m.id));
      }
      const staff = newVisits.flatMap((v, i) =>
        v.advisorIds.map((a) => ({ visitId: ids[i] as string, advisorId: a })),
      );
      for (const part of chunk(staff, 2)) await db.insert(visitAdvisors).values(part);
      return planId;
    },
    async getPlan(id: string): Promise<PlanVersion | null> {
      const [row] = await db.select().from(plans).where(eq(plans.id, id));
      return row ? planOf(row) : null;
    },
    async listPlans(limit = 20): Promise<PlanVersion[]> {
      const rows = await db.select().from(plans).orderBy(desc(plans.createdAt)).limit(limit);
      return rows.map(planOf);
    },
    /** Locks the plan row for publishing (other publishers wait). */
    async getPlanForUpdate(id: string): Promise<PlanVersion | null> {
      const [row] = await db.select().from(plans).where(eq(plans.id, id)).for('update');
      return row ? planOf(row) : null;
    },
    async setPlanPublished(id: string) {
      await db.update(plans).set({ status: 'published', publishedAt: sql`now()` }).where(eq(plans.id, id));
    },
    async setPlanStatus(id: string, status: PlanVersion['status']) {
      await db.update(plans).set({ status }).where(eq(plans.id, id));
    },
  };
}

/** The visits of plans, with their advisors: read, published, cancelled, re-staffed. */
function createPlanVisitRepository(db: Db) {
  async function withAdvisors(rows: (typeof visits.$inferSelect)[]): Promise<StoredVisit[]> {
    if (rows.length === 0) return [];
    const staff: (typeof visitAdvisors.$inferSelect)[] = [];
    for (const part of chunk(rows, 1))
      staff.push(
        ...(await db
          .select()
          .from(visitAdvisors)
          .where(
            inArray(
              visitAdvisors.visitId,
              part.map((r) => r.id),
            ),
          )),
      );
    const byVisit = new Map<string, string[]>();
    for (const s of staff) byVisit.set(s.visitId, [...(byVisit.get(s.visitId) ?? []), s.advisorId]);
    return rows.map((r) => ({
      id: asVisitId(r.id),
      planId: asPlanId(r.planId),
      venueId: asSiteId(r.venueId),
      date: r.date,
      start: toWallTime(r.start),
      end: toWallTime(r.end),
      advisorIds: (byVisit.get(r.id) ?? []).sort().map(asAdvisorId),
      status: r.status as VisitStatus,
      cancelReason: r.cancelReason as CancelReason | null,
      cancelNote: localizedOrNull(r.cancelNoteFi, r.cancelNoteSv, r.cancelNoteEn),
      explanation: r.explanation,
    }));
  }

  return {
    /** The plan's own visits (not the ones it keeps from earlier plans). */
    async listVisitsOfPlan(planId: string): Promise<StoredVisit[]> {
      const rows = await db
        .select()
        .from(visits)
        .where(eq(visits.planId, planId))
        .orderBy(asc(visits.date), asc(visits.start), asc(visits.venueId));
      return withAdvisors(rows);
    },
    async listVisitsById(ids: readonly string[]): Promise<StoredVisit[]> {
      if (ids.length === 0) return [];
      const rows: (typeof visits.$inferSelect)[] = [];
      for (const part of chunk(ids, 1))
        rows.push(...(await db.select().from(visits).where(inArray(visits.id, part))));
      rows.sort((a, b) => a.date.localeCompare(b.date) || a.start.localeCompare(b.start));
      return withAdvisors(rows);
    },
    /** Published (and optionally cancelled) visits dated in [from, to]. */
    async listScheduled(from: IsoDate, to: IsoDate, statuses: readonly VisitStatus[] = ['published']) {
      const rows = await db
        .select()
        .from(visits)
        .where(and(sql`${visits.date} between ${from} and ${to}`, inArray(visits.status, [...statuses])))
        .orderBy(asc(visits.date), asc(visits.start), asc(visits.venueId));
      return withAdvisors(rows);
    },
    async setVisitsPublished(planId: string) {
      await db
        .update(visits)
        .set({ status: 'published', updatedAt: sql`now()` })
        .where(and(eq(visits.planId, planId), eq(visits.status, 'planned')));
    },
    async setVisitCancelled(
      id: string,
      reason: CancelReason,
      note: { fi: string; sv: string; en: string },
    ): Promise<boolean> {
      const done = await db
        .update(visits)
        .set({
          status: 'cancelled',
          cancelReason: reason,
          cancelNoteFi: note.fi,
          cancelNoteSv: note.sv,
          cancelNoteEn: note.en,
          updatedAt: sql`now()`,
        })
        .where(and(eq(visits.id, id), eq(visits.status, 'published')))
        .returning({ id: visits.id });
      return done.length === 1;
    },
    async replaceVisitAdvisors(visitId: string, advisorIds: readonly string[]) {
      await db.delete(visitAdvisors).where(eq(visitAdvisors.visitId, visitId));
      if (advisorIds.length > 0)
        await db.insert(visitAdvisors).values(advisorIds.map((advisorId) => ({ visitId, advisorId })));
      await db.update(visits).set({ updatedAt: sql`now()` }).where(eq(visits.id, visitId));
    },
  };
}

/** Plan versions, their visits and the planning jobs, as one repository. */
export function createPlanRepository(db: Db) {
  return {
    ...createPlanJobRepository(db),
    ...createPlanVersionRepository(db),
    ...createPlanVisitRepository(db),
  };
}
