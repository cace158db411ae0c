/**
 * kill -9 of the server while it writes (residents' feedback, a plan job, a publication):
 * it starts again, and every write it acknowledged is there, whole. On the embedded PGlite and
 * on a PostgreSQL server alike.
 */
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRepositories } from '../../src/db/repositories.ts';
import { feedback } from '../../src/db/schema/feedback.ts';
import { planJobs, plans, visits } from '../../src/db/schema/planning.ts';
import { openStore, storeConfigFromEnv } from '../../src/db/store.ts';
import { createAccessService } from '../../src/services/access-service.ts';
import { createPlanningService } from '../../src/services/planning/planning-service.ts';
import { runNeuvo } from '../helpers/cli.ts';
import { TUESDAY_2026_12_01 } from '../helpers/espoo.ts';
import { type ServerProcess, startServerProcess } from '../helpers/server-process.ts';
import { createTestDatabaseEnv } from '../helpers/store.ts';

let database: Awaited<ReturnType<typeof createTestDatabaseEnv>>;
let server: ServerProcess | undefined;
beforeAll(async () => {
  database = await createTestDatabaseEnv();
});
afterAll(async () => {
  await server?.stop();
  await database?.cleanup();
});

const PASSWORD = 'a long enough password';

async function logIn(base: string): Promise<string> {
  const res = await fetch(`${base}/en/login`, {
    method: 'POST',
    body: new URLSearchParams({ email: 'planner@example.org', password: PASSWORD, next: '/en/planner' }),
    redirect: 'manual',
  });
  expect(res.status).toBe(303);
  return res.headers.get('set-cookie')?.split(';')[0] ?? '';
}

async function startJob(base: string, cookie: string, timeLimitSeconds: number): Promise<string> {
  const res = await fetch(`${base}/api/v1/plan-jobs`, {
    method: 'POST',
    headers: { cookie, 'content-type': 'application/json' },
    body: JSON.stringify({
      kind: 'plan',
      from: '2026-12-07',
      weeks: 4,
      solver: 'heuristic',
      timeLimitSeconds,
      whatIfSeconds: 0,
    }),
  });
  expect(res.status).toBe(202);
  return ((await res.json()) as { id: string }).id;
}

/** Polls the job until `done` holds (the server's worker takes queued jobs within a second). */
async function waitForJob(
  base: string,
  cookie: string,
  id: string,
  done: (status: string) => boolean,
): Promise<{ status: string; planId: string | null }> {
  for (;;) {
    const job = (await (await fetch(`${base}/api/v1/plan-jobs/${id}`, { headers: { cookie } })).json()) as {
      status: string;
      planId: string | null;
    };
    if (done(job.status)) return job;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Posts feedback until stopped; the messages the server answered 303 (saved) to. */
function postFeedback(base: string, tag: string): { stop(): Promise<string[]>; acknowledged: string[] } {
  const acknowledged: string[] = [];
  let stopped = false;
  const loop = async (lane: number) => {
    for (let i = 0; !stopped; i++) {
      const message = `${tag} ${lane}-${i}`;
      try {
        const res = await fetch(`${base}/en/feedback`, {
          method: 'POST',
          // Many residents behind the trusted proxy, each under the feedback rate limit.
          headers: { 'x-forwarded-for': `10.${lane}.${Math.floor(i / 250)}.${i % 250}` },
          body: new URLSearchParams({ message, page: '', replyTo: '' }),
          redirect: 'manual',
        });
        if (res.status === 303) acknowledged.push(message);
      } catch {
        return; // the server is gone
      }
    }
  };
  const lanes = [0, 1, 2, 3].map(loop);
  return {
    acknowledged,
    async stop() {
      stopped = true;
      await Promise.all(lanes);
      return acknowledged;
    },
  };
}

describe('kill -9 while the server writes', () => {
  it('starts again with every acknowledged write, whole', async () => {
    const env = { ...database.env, NEUVO_TRUST_PROXY: '1' };
    expect((await runNeuvo(env, 'import', 'espoo')).exitCode).toBe(0);
    expect(
      (
        await runNeuvo(
          { ...env, NEUVO_PASSWORD: PASSWORD },
          ...['user', 'add', '--email', 'planner@example.org', '--role', 'planner'],
        )
      ).exitCode,
    ).toBe(0);

    // 1. A plan job killed while it runs.
    server = await startServerProcess(env);
    let cookie = await logIn(server.url);
    const interrupted = await startJob(server.url, cookie, 8);
    await waitForJob(server.url, cookie, interrupted, (s) => s === 'running');
    const flood1 = postFeedback(server.url, 'first');
    while (flood1.acknowledged.length < 20) await new Promise((resolve) => setTimeout(resolve, 20));
    await server.kill();
    const acknowledged = await flood1.stop();

    // 2. Started again: a plan made, then killed while it is being published and feedback is saved.
    server = await startServerProcess(env);
    cookie = await logIn(server.url);
    const job = await waitForJob(server.url, cookie, await startJob(server.url, cookie, 2), (s) =>
      ['succeeded', 'failed'].includes(s),
    );
    expect(job.status).toBe('succeeded');
    const planId = job.planId as string;
    const flood2 = postFeedback(server.url, 'second');
    while (flood2.acknowledged.length < 20) await new Promise((resolve) => setTimeout(resolve, 20));
    let published = false;
    const publishing = fetch(`${server.url}/api/v1/plans/${planId}/publish`, {
      method: 'POST',
      headers: { cookie },
    }).then(
      (res) => {
        published = res.status === 200;
      },
      () => {},
    );
    await new Promise((resolve) => setTimeout(resolve, 30));
    await server.kill();
    await publishing;
    acknowledged.push(...(await flood2.stop()));

    // 3. It starts again and serves; then everything is checked in the database itself.
    server = await startServerProcess(env);
    expect((await fetch(`${server.url}/health`)).status).toBe(200);
    expect(await server.stop()).toBe(0);
    server = undefined;
    const store = await openStore(storeConfigFromEnv(env));
    try {
      const saved = new Set((await store.db.select({ m: feedback.message }).from(feedback)).map((r) => r.m));
      expect(acknowledged.filter((m) => !saved.has(m))).toEqual([]);
      expect(acknowledged.length).toBeGreaterThanOrEqual(40);
      // The publication is all or nothing, and there if it was acknowledged.
      const [plan] = await store.db.select().from(plans).where(eq(plans.id, planId));
      const ofPlan = await store.db.select().from(visits).where(eq(visits.planId, planId));
      const live = await store.db
        .select()
        .from(visits)
        .where(and(eq(visits.planId, planId), eq(visits.status, 'published')));
      if (published) expect(plan?.status).toBe('published');
      expect(live.length).toBe(plan?.status === 'published' ? ofPlan.length : 0);
      // The interrupted job is found and queued again: here at once; a server does it once its
      // heartbeat is a minute old (and may have done so already on a slow machine).
      const repos = createRepositories(store.db);
      await createPlanningService({
        store,
        repos,
        access: createAccessService({ repos, now: () => TUESDAY_2026_12_01 }),
        staleSeconds: 0,
      }).recoverStale();
      const [job] = await store.db.select().from(planJobs).where(eq(planJobs.id, interrupted));
      expect(job?.status).toMatch(/^(queued|succeeded)$/);
    } finally {
      await store.close();
    }
  });
});
