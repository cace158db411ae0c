/** The retention periods are enforced on schedule, whether or not anyone posts anything. */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRepositories } from '../../src/db/repositories.ts';
import { queryRows } from '../../src/db/store.ts';
import { createAuthService } from '../../src/services/auth-service.ts';
import { createFeedbackService } from '../../src/services/feedback-service.ts';
import { createRetentionService } from '../../src/services/retention-service.ts';
import { createTestStore, type TestStore } from '../helpers/store.ts';

let store: TestStore;
let clock = Date.UTC(2026, 11, 1, 8);
beforeAll(async () => {
  store = await createTestStore();
});
afterAll(async () => {
  await store?.destroy();
});

describe('retention', () => {
  it('clears old reply addresses, deletes old messages, ended sessions and stale counters', async () => {
    await queryRows(
      store.db,
      sql`insert into feedback (lang, message, reply_to, created_at) values
        ('fi', 'very old', 'a@b.fi', now() - interval '800 days'),
        ('fi', 'old', 'c@d.fi', now() - interval '400 days'),
        ('fi', 'new', 'e@f.fi', now() - interval '10 days')`,
    );
    const repos = createRepositories(store.db);
    const auth = createAuthService({ store, repos, now: () => clock });
    await auth.addUser({
      email: 'p@example.org',
      displayName: 'P',
      roles: ['planner'],
      password: 'long enough secret',
    });
    const session = await auth.login('p@example.org', 'long enough secret', '198.51.100.1');
    expect(session.ok).toBe(true);
    await auth.login('p@example.org', 'a wrong password', '198.51.100.2');
    clock += 2 * 86_400_000;
    const retention = createRetentionService({
      store,
      auth,
      feedback: createFeedbackService({ store, retentionDays: 730 }),
      now: () => clock,
    });
    const report = await retention.runOnce();
    expect(report).toMatchObject({ replyAddresses: 1, messages: 1, sessions: 1 });
    expect(report.counters).toBeGreaterThanOrEqual(1);
    const rows = await repos.feedback.list();
    expect(rows.map((r) => [r.message, r.replyTo])).toEqual([
      ['new', 'e@f.fi'],
      ['old', null],
    ]);
    const [left] = await queryRows<{ n: number }>(store.db, sql`select count(*)::int as n from sessions`);
    expect(left?.n).toBe(0);
    const [counters] = await queryRows<{ n: number }>(
      store.db,
      sql`select count(*)::int as n from login_throttle`,
    );
    expect(counters?.n).toBe(0);
    // Run again: nothing left to do.
    expect(await retention.runOnce()).toEqual({
      replyAddresses: 0,
      messages: 0,
      sessions: 0,
      counters: 0,
      outboxMessages: 0,
    });
  });
});
