/** The planning API: planner role only, same-site writes, jobs with progress, plans, publish; problems for bad input. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/app.ts';
import { createRepositories } from '../../src/db/repositories.ts';
import { createAccessService } from '../../src/services/access-service.ts';
import { createAuthService } from '../../src/services/auth-service.ts';
import { createImportService } from '../../src/services/import-service.ts';
import { createPlanningService } from '../../src/services/planning/planning-service.ts';
import { readEspoo, TUESDAY_2026_12_01 } from '../helpers/espoo.ts';
import { createTestStore, type TestStore } from '../helpers/store.ts';

let store: TestStore;
let app: ReturnType<typeof createApp>;
let planner: string;
let viewer: string;

beforeAll(async () => {
  store = await createTestStore();
  expect((await createImportService(store).importEspoo(readEspoo)).ok).toBe(true);
  const auth = createAuthService({
    store,
    repos: createRepositories(store.db),
    now: () => TUESDAY_2026_12_01,
  });
  for (const [email, roles] of [
    ['p@example.org', ['planner']],
    ['a@example.org', ['advisor']],
  ] as const)
    await auth.addUser({ email, displayName: email, roles: [...roles], password: 'correct horse battery' });
  const login = async (email: string) => {
    const r = await auth.login(email, 'correct horse battery');
    if (!r.ok) throw new Error('login failed');
    return `neuvo_session=${r.token}`;
  };
  planner = await login('p@example.org');
  viewer = await login('a@example.org');
  app = createApp({ store, now: () => TUESDAY_2026_12_01 });
});
afterAll(async () => {
  await store?.destroy();
});

const call = (path: string, init: RequestInit & { cookie?: string } = {}) =>
  app.request(`http://localhost${path}`, {
    ...init,
    headers: {
      ...(init.cookie ? { cookie: init.cookie } : {}),
      ...(init.body ? { 'content-type': 'application/json' } : {}),
      ...((init.headers as Record<string, string>) ?? {}),
    },
  });

describe('planning API', () => {
  it('needs a planner login, and refuses cross-site writes', async () => {
    expect((await call('/api/v1/plans')).status).toBe(401);
    expect((await call('/api/v1/plans', { cookie: viewer })).status).toBe(403);
    const cross = await call('/api/v1/plan-jobs', {
      method: 'POST',
      cookie: planner,
      headers: { origin: 'https://evil.example' },
      body: JSON.stringify({ kind: 'plan', from: '2026-12-07', weeks: 1 }),
    });
    expect(cross.status).toBe(403);
    expect(cross.headers.get('content-type')).toContain('application/problem+json');
  });

  it('queues a job, reports progress and the plan, and publishes it', async () => {
    const created = await call('/api/v1/plan-jobs', {
      method: 'POST',
      cookie: planner,
      body: JSON.stringify({
        kind: 'plan',
        from: '2026-12-07',
        weeks: 1,
        solver: 'heuristic',
        timeLimitSeconds: 1,
        whatIfSeconds: 0,
      }),
    });
    expect(created.status).toBe(202);
    const job = (await created.json()) as { id: string; status: string };
    expect(job.status).toBe('queued');
    expect(created.headers.get('location')).toBe(`/api/v1/plan-jobs/${job.id}`);
    const repos = createRepositories(store.db);
    await createPlanningService({
      store,
      repos,
      access: createAccessService({ repos, now: () => TUESDAY_2026_12_01 }),
    }).runNextJob();
    const done = (await (await call(`/api/v1/plan-jobs/${job.id}`, { cookie: planner })).json()) as {
      status: string;
      planId: string;
      progress: { phase: string; gap: number };
    };
    expect(done.status).toBe('succeeded');
    expect(done.progress.phase).toBe('done');
    const events = await (await call(`/api/v1/plan-jobs/${job.id}/events`, { cookie: planner })).text();
    expect(events).toContain('event: succeeded');
    const plan = (await (await call(`/api/v1/plans/${done.planId}`, { cookie: planner })).json()) as {
      plan: { status: string; bound: number; objective: number };
      visits: unknown[];
    };
    expect(plan.plan.status).toBe('draft');
    expect(plan.plan.bound).toBeGreaterThanOrEqual(plan.plan.objective);
    expect(plan.visits.length).toBeGreaterThan(0);
    const published = await call(`/api/v1/plans/${done.planId}/publish`, { method: 'POST', cookie: planner });
    expect(published.status).toBe(200);
    const again = await call(`/api/v1/plans/${done.planId}/publish`, { method: 'POST', cookie: planner });
    expect(again.status).toBe(409);
  });

  it('answers bad input with a problem naming the field', async () => {
    const bad = await call('/api/v1/plan-jobs', {
      method: 'POST',
      cookie: planner,
      body: JSON.stringify({ kind: 'plan', from: '2026-12-07', weeks: 99 }),
    });
    expect(bad.status).toBe(400);
    const body = (await bad.json()) as { detail: string };
    expect(body.detail).toContain('weeks');
    expect((await call('/api/v1/plans/not-a-uuid', { cookie: planner })).status).toBe(400);
    expect(
      (await call('/api/v1/plans/00000000-0000-4000-8000-000000000000', { cookie: planner })).status,
    ).toBe(404);
    const noAdvisor = await call('/api/v1/plan-jobs', {
      method: 'POST',
      cookie: planner,
      body: JSON.stringify({
        kind: 'repair',
        event: { type: 'absence', advisorId: 'NOBODY', from: '2026-12-07', to: '2026-12-07' },
      }),
    });
    expect(noAdvisor.status).toBe(404);
  });
});
