/**
 * A published schedule on the Espoo demo for page and feed tests: a heuristic plan of three
 * weeks from Monday 30 November 2026, published, then one venue closed on the first day after
 * 1 December with a visit,
 * so the public schedule holds a cancelled visit with its reason.
 */
import { expect } from 'vitest';
import type { StoredVisit } from '../../src/db/repositories/plan-repository.ts';
import { createRepositories } from '../../src/db/repositories.ts';
import { createAccessService } from '../../src/services/access-service.ts';
import { createPlanningService } from '../../src/services/planning/planning-service.ts';
import { TUESDAY_2026_12_01 } from './espoo.ts';
import type { TestStore } from './store.ts';

export const SCHEDULE_FROM = '2026-11-30';

export async function publishEspooSchedule(
  store: TestStore,
  weeks = 3,
): Promise<{ published: StoredVisit[]; cancelled: StoredVisit }> {
  const repos = createRepositories(store.db);
  const service = createPlanningService({
    store,
    repos,
    access: createAccessService({ repos, now: () => TUESDAY_2026_12_01 }),
  });
  const run = async (request: unknown) => {
    await service.enqueue(request, null);
    const done = await service.runNextJob();
    expect(done?.status, done?.error ?? '').toBe('succeeded');
    await service.publish(done?.planId ?? '');
  };
  await run({
    kind: 'plan',
    from: SCHEDULE_FROM,
    weeks,
    solver: 'heuristic',
    // The construction (always finished) makes the plan valid; the pages need no better one.
    timeLimitSeconds: 0.5,
    whatIfSeconds: 0,
  });
  // The first visit after "today" (Tuesday 1 December): its venue closes that day.
  const first = await repos.plans.listScheduled('2026-12-02', '2026-12-06');
  const target = first[0];
  if (!target) throw new Error('the demo plan has no visit from 2 to 6 December 2026');
  await run({
    kind: 'repair',
    event: { type: 'venue-closed', venueId: target.venueId, date: target.date },
    timeLimitSeconds: 1,
  });
  const all = await repos.plans.listScheduled('2026-11-30', '2026-12-31', ['published', 'cancelled']);
  const cancelled = all.find((v) => v.id === target.id);
  expect(cancelled?.status).toBe('cancelled');
  return { published: all.filter((v) => v.status === 'published'), cancelled: cancelled as StoredVisit };
}
