/**
 * Planning jobs, plan versions, publication and repair on the Espoo demo: a job runs to a
 * draft plan that passes the validator; publishing makes it the public schedule; an absence
 * is repaired with minimal change (the rest kept, affected visits re-staffed or cancelled with
 * a reason, never deleted); a job can be cancelled; a job interrupted by a restart is queued
 * again once, then failed; bad requests and a pin that breaks a rule give clear errors.
 */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { validatePlan } from '../../src/core/planning/validate.ts';
import { createRepositories, inTransaction } from '../../src/db/repositories.ts';
import { queryRows } from '../../src/db/store.ts';
import { createAccessService } from '../../src/services/access-service.ts';
import { ConflictError, InvalidInputError } from '../../src/services/errors.ts';
import { createImportService } from '../../src/services/import-service.ts';
import { buildPlanningInstance } from '../../src/services/planning/planning-data.ts';
import { createPlanningService, type PlanningService } from '../../src/services/planning/planning-service.ts';
import { readEspoo, TUESDAY_2026_12_01 } from '../helpers/espoo.ts';
import { createTestStore, type TestStore } from '../helpers/store.ts';

describe('planning jobs, publication and repair (Espoo demo)', () => {
  let store: TestStore;
  let service: PlanningService;
  const deps = () => {
    const repos = createRepositories(store.db);
    return { store, repos, access: createAccessService({ repos, now: () => TUESDAY_2026_12_01 }) };
  };
  /**
   * Checks the published schedule against every hard rule. After a repair, the series a
   * cancellation left with one date and the re-staffed visits are what a repair is for: the
   * rhythm rules are for new plans (docs/planning-model.md), every other rule still holds.
   */
  const validateSchedule = async (from: string, weeks: number, options: { afterRepair?: boolean } = {}) => {
    const built = await buildPlanningInstance(deps(), { from, weeks });
    const x = options.afterRepair
      ? {
          ...built,
          params: { ...built.params, allowOneOffs: true, maxSeriesPerVenue: 0, maxDistrictShareFactor: 0 },
        }
      : built;
    const published = await createRepositories(store.db).plans.listScheduled(x.from, x.to);
    return {
      count: published.length,
      violations: validatePlan(
        x,
        published.map((v) => ({
          venueId: v.venueId,
          date: v.date,
          start: v.start,
          end: v.end,
          advisorIds: [...v.advisorIds],
        })),
      ),
    };
  };

  beforeAll(async () => {
    store = await createTestStore();
    expect((await createImportService(store).importCity(readEspoo)).ok).toBe(true);
    service = createPlanningService(deps());
  });
  afterAll(async () => {
    await store?.destroy();
  });

  it('runs a plan job to a valid draft, publishes it, and refuses to publish it twice', async () => {
    const job = await service.enqueue(
      {
        kind: 'plan',
        from: '2026-12-07',
        weeks: 2,
        solver: 'heuristic',
        timeLimitSeconds: 2,
        whatIfSeconds: 0.3,
      },
      'planner',
    );
    expect(job.status).toBe('queued');
    const seen: number[] = [];
    const done = await service.runNextJob({ onProgress: (p) => seen.push(p.elapsedSeconds) });
    expect(done?.id).toBe(job.id);
    expect(done?.status).toBe('succeeded');
    expect(seen.length).toBeGreaterThan(0);
    const detail = await service.getPlan(done?.planId ?? '');
    expect(detail.plan.status).toBe('draft');
    expect(detail.plan.gap).not.toBeNull();
    expect(detail.plan.bound ?? 0).toBeGreaterThanOrEqual(detail.plan.objective ?? 0);
    expect(detail.visits.length).toBeGreaterThan(10);
    expect(detail.visits.every((v) => v.change === 'added' && v.status === 'planned')).toBe(true);
    expect(detail.summary?.whatIfs.map((w) => w.kind)).toContain('advisor-added');
    const added = detail.summary?.whatIfs.find((w) => w.kind === 'advisor-added');
    expect(added?.change ?? -1).toBeGreaterThanOrEqual(0);
    // Each visit says whom it reaches; one chosen only for a district's weekly visit reaches
    // no residual need, and then what it is worth is the fairness rule.
    const explanations = detail.visits.map(
      (v) => v.explanation as { reached: unknown[]; valueIfDropped: number },
    );
    expect(explanations.filter((e) => e.reached.length > 0).length).toBeGreaterThan(detail.visits.length / 2);
    expect(explanations.every((e) => e.reached.length > 0 || e.valueIfDropped > 0)).toBe(true);
    // Nothing public until published.
    expect((await validateSchedule('2026-12-07', 2)).count).toBe(0);

    await service.publish(detail.plan.id);
    const after = await validateSchedule('2026-12-07', 2);
    expect(after.count).toBe(detail.visits.length);
    expect(after.violations).toEqual([]);
    await expect(service.publish(detail.plan.id)).rejects.toBeInstanceOf(ConflictError);
  });

  it('repairs an absence with minimal change: the rest kept, the affected visits re-staffed or cancelled with a reason', async () => {
    const repos = createRepositories(store.db);
    const before = await repos.plans.listScheduled('2026-12-07', '2026-12-20');
    const target = before.find((v) => v.date === '2026-12-09') ?? before[0];
    expect(target).toBeDefined();
    const advisorId = target?.advisorIds[0] as string;
    const date = target?.date as string;
    const affected = before.filter((v) => v.date === date && v.advisorIds.includes(advisorId as never));

    const job = await service.enqueue(
      { kind: 'repair', event: { type: 'absence', advisorId, from: date, to: date }, timeLimitSeconds: 3 },
      'planner',
    );
    const done = await service.runNextJob();
    expect(done?.status, done?.error ?? '').toBe('succeeded');
    expect(done?.id).toBe(job.id);
    const detail = await service.getPlan(done?.planId ?? '');
    expect(detail.plan.kind).toBe('repair');
    const { changes } = detail;
    // Every affected visit is either re-staffed (same place and time) or cancelled; nothing else changes.
    const touched = [
      ...changes.restaffed.map((r) => r.visitId),
      ...changes.cancelled.map((c) => c.visitId),
    ].sort();
    expect(touched).toEqual(affected.map((v) => v.id).sort());
    expect(changes.cancelled.every((c) => c.reason === 'advisor-absent')).toBe(true);
    for (const r of changes.restaffed) expect(r.advisorIds).not.toContain(advisorId);
    const kept = new Set(changes.kept);
    expect(
      before
        .filter((v) => v.date <= '2026-12-13' && !kept.has(v.id))
        .map((v) => v.id)
        .sort(),
    ).toEqual(touched);
    // New visits only on the day of the absence.
    expect(detail.visits.filter((v) => v.change === 'added').every((v) => v.date === date)).toBe(true);

    await service.publish(detail.plan.id);
    const schedule = await validateSchedule('2026-12-07', 2, { afterRepair: true });
    expect(schedule.violations).toEqual([]);
    // Every visit not touched is still published, with the same advisors and the same id.
    const now = new Map((await repos.plans.listScheduled('2026-12-07', '2026-12-20')).map((v) => [v.id, v]));
    for (const v of before.filter((b) => !touched.includes(b.id)))
      expect(now.get(v.id)?.advisorIds).toEqual(v.advisorIds);
    for (const r of changes.restaffed) expect(now.get(r.visitId as never)?.advisorIds).toEqual(r.advisorIds);
    const cancelled = await repos.plans.listScheduled('2026-12-07', '2026-12-20', ['cancelled']);
    expect(cancelled.map((v) => v.id).sort()).toEqual(changes.cancelled.map((c) => c.visitId).sort());
    for (const v of cancelled) {
      expect(v.cancelReason).toBe('advisor-absent');
      expect(v.cancelNote?.sv).toBeTruthy();
    }
  });

  it('refuses a pin that breaks a rule with the visit and the reason', async () => {
    const repos = createRepositories(store.db);
    const [visit] = await repos.plans.listScheduled('2026-12-14', '2026-12-18');
    expect(visit).toBeDefined();
    const advisorId = visit?.advisorIds[0] as string;
    // An absence recorded behind the planner's back: the published visit can no longer stay.
    await inTransaction(store, (tx) =>
      tx.advisors.insertAbsence(advisorId, visit?.date ?? '', visit?.date ?? '', 'sick'),
    );
    await service.enqueue(
      { kind: 'plan', from: '2026-12-14', weeks: 1, solver: 'heuristic', timeLimitSeconds: 1 },
      null,
    );
    const done = await service.runNextJob();
    expect(done?.status).toBe('failed');
    expect(done?.error).toContain(visit?.id);
    expect(done?.error).toContain(`advisor ${advisorId} is absent`);
    expect(done?.planId).toBeNull();
  });

  it('cancels a running job without writing a plan', async () => {
    const plansBefore = (await service.listPlans(100)).length;
    const job = await service.enqueue(
      { kind: 'plan', from: '2027-01-04', weeks: 4, solver: 'heuristic', timeLimitSeconds: 120 },
      null,
    );
    const running = service.runNextJob();
    for (let i = 0; i < 200 && (await service.getJob(job.id)).status !== 'running'; i++)
      await new Promise((r) => setTimeout(r, 50));
    await service.cancelJob(job.id);
    const done = await running;
    expect(done?.status).toBe('cancelled');
    expect((await service.listPlans(100)).length).toBe(plansBefore);
  });

  it('queues a job interrupted by a restart again once, then marks it failed', async () => {
    const job = await service.enqueue({ kind: 'plan', from: '2027-02-01', weeks: 1 }, null);
    const quick = createPlanningService({ ...deps(), staleSeconds: 1, maxAttempts: 2 });
    const interrupt = async () => {
      const claimed = await inTransaction(store, (tx) => tx.plans.setJobClaimed());
      expect(claimed?.id).toBe(job.id);
      await queryRows(
        store.db,
        sql`update plan_jobs set heartbeat_at = now() - interval '1 hour' where id = ${job.id}`,
      );
      return quick.recoverStale();
    };
    expect((await interrupt()).requeued).toEqual([job.id]);
    expect((await service.getJob(job.id)).status).toBe('queued');
    expect((await interrupt()).failed).toEqual([job.id]);
    const failed = await service.getJob(job.id);
    expect(failed.status).toBe('failed');
    expect(failed.error).toMatch(/interrupted 2 times/);
  });

  it('rejects bad requests with the field and what was expected', async () => {
    await expect(service.enqueue({ kind: 'plan', from: '2026-12-07', weeks: 0 }, null)).rejects.toThrow(
      /weeks/,
    );
    await expect(service.enqueue({ kind: 'plan', from: '7.12.2026', weeks: 1 }, null)).rejects.toThrow(
      /from: expected a date/,
    );
    await expect(
      service.enqueue(
        {
          kind: 'repair',
          event: { type: 'absence', advisorId: 'NOBODY', from: '2026-12-07', to: '2026-12-07' },
        },
        null,
      ),
    ).rejects.toThrow(/no advisor "NOBODY"/);
    await expect(service.enqueue({ kind: 'nonsense' }, null)).rejects.toBeInstanceOf(InvalidInputError);
  });
});
