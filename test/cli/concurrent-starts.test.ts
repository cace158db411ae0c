/**
 * Three `neuvo start` at once on a fresh database: on PostgreSQL one loads the demo and publishes
 * its schedule while the others wait and then serve; on the embedded PGlite one serves and the
 * others say who holds the directory. Either way: one published plan, one demo planner.
 */
import { count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { plans } from '../../src/db/schema/planning.ts';
import { staffUsers } from '../../src/db/schema/staff.ts';
import { openStore, storeConfigFromEnv } from '../../src/db/store.ts';
import { type ServerProcess, startServerProcess } from '../helpers/server-process.ts';
import { createTestDatabaseEnv } from '../helpers/store.ts';

let database: Awaited<ReturnType<typeof createTestDatabaseEnv>>;
const servers: ServerProcess[] = [];
beforeAll(async () => {
  database = await createTestDatabaseEnv({ emptyDirectory: true });
});
afterAll(async () => {
  for (const s of servers) await s.stop();
  await database?.cleanup();
});

describe('simultaneous first starts', () => {
  it('load the demo once: one published plan, no crash', async () => {
    const starts = await Promise.allSettled(
      [0, 1, 2].map(() => startServerProcess({ ...database.env, NEUVO_DEMO_HISTORY: '1' })),
    );
    for (const s of starts) if (s.status === 'fulfilled') servers.push(s.value);
    const refused = starts.flatMap((s) => (s.status === 'rejected' ? [String(s.reason)] : []));
    if (database.dataDir) {
      expect(servers).toHaveLength(1);
      expect(refused).toHaveLength(2);
      for (const r of refused) expect(r).toContain('holds the embedded database');
    } else {
      expect(refused).toEqual([]);
      expect(servers).toHaveLength(3);
    }
    for (const s of servers) {
      expect((await fetch(`${s.url}/health`)).status).toBe(200);
      expect(await (await fetch(`${s.url}/en/schedule`)).text()).toContain('Add to calendar');
    }
    const loaded = servers.filter((s) => s.stderr().includes('loading the Espoo demo'));
    expect(loaded).toHaveLength(1);
    for (const s of servers.splice(0)) expect(await s.stop()).toBe(0);
    const store = await openStore(storeConfigFromEnv(database.env));
    try {
      const [published] = await store.db
        .select({ n: count() })
        .from(plans)
        .where(eq(plans.status, 'published'));
      expect(published?.n).toBe(1);
      // One demo account per role (planner, advisor, admin), made once.
      const [staff] = await store.db.select({ n: count() }).from(staffUsers);
      expect(staff?.n).toBe(3);
      // The synthetic contact history, generated once under the same lock.
      const [history] = await store.db
        .select({ n: count() })
        .from(plans)
        .where(eq(plans.createdBy, 'synthetic-history'));
      expect(history?.n).toBe(1);
    } finally {
      await store.close();
    }
  });
});
