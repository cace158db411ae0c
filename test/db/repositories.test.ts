import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRepositories, inTransaction } from '../../src/db/repositories.ts';
import { advisor, district, postalArea, scenario, site, topic } from '../fixtures.ts';
import { createTestStore, snapshotDatabase, type TestStore } from '../helpers/store.ts';

let store: TestStore;
beforeAll(async () => {
  store = await createTestStore();
});
afterAll(async () => {
  await store?.destroy();
});

describe(`repositories (${process.env.DATABASE_URL ? 'PostgreSQL server' : 'PGlite'})`, () => {
  it('migrations are recorded and idempotent', async () => {
    const again = await store.migrate();
    expect(again.applied).toBe(0);
    expect(again.total).toBeGreaterThan(0);
  });

  it('round-trips every aggregate unchanged', async () => {
    await inTransaction(store, async (tx) => {
      // A child before its parent in one batch: the repository orders them.
      await tx.areas.upsert([postalArea, district]);
      await tx.sites.upsert([site]);
      await tx.advisors.upsert([advisor]);
      await tx.topics.upsert([topic]);
      await tx.scenarios.upsert([scenario]);
      await tx.closureRules.upsert([
        { rule: '12-24', name: { fi: 'Jouluaatto', sv: 'Julafton', en: 'Christmas Eve' } },
      ]);
    });
    const repos = createRepositories(store.db);
    expect(await repos.areas.list({ withGeometry: true })).toEqual([postalArea, district]);
    expect(await repos.sites.list()).toEqual([site]);
    expect(await repos.advisors.list()).toEqual([advisor]);
    expect(await repos.topics.list()).toEqual([topic]);
    expect(await repos.scenarios.list()).toEqual([scenario]);
    expect(await repos.closureRules.list()).toHaveLength(1);
  });

  it('updates by id on a second upsert instead of duplicating', async () => {
    const repos = createRepositories(store.db);
    const renamed = {
      ...site,
      name: { ...site.name, en: 'Renamed' },
      weeklyHours: site.weeklyHours.slice(0, 1),
    };
    await inTransaction(store, (tx) => tx.sites.upsert([renamed]));
    await inTransaction(store, (tx) => tx.sites.upsert([renamed]));
    const sites = await repos.sites.list();
    expect(sites).toEqual([renamed]);
  });

  it('filters', async () => {
    const repos = createRepositories(store.db);
    expect((await repos.areas.list({ kind: 'district' })).map((a) => a.id)).toEqual(['north']);
    expect((await repos.areas.list({ parentId: district.id })).map((a) => a.id)).toEqual(['02970']);
    expect(await repos.sites.list({ role: 'venue' })).toEqual([]);
    expect((await repos.sites.list({ districtId: district.id })).map((s) => s.id)).toEqual(['P1']);
  });

  it('rolls a failed transaction back completely', async () => {
    const before = await snapshotDatabase(store);
    await expect(
      inTransaction(store, async (tx) => {
        await tx.topics.upsert([{ ...topic, id: 'new-topic' as typeof topic.id }]);
        await tx.areas.upsert([{ ...district, id: 'south' as typeof district.id }]);
        throw new Error('crash in the middle of a write');
      }),
    ).rejects.toThrow('crash in the middle');
    expect(await snapshotDatabase(store)).toEqual(before);
  });

  it('refuses rows that break the schema rules', async () => {
    const before = await snapshotDatabase(store);
    await expect(
      inTransaction(store, (tx) =>
        tx.areas.upsert([
          { ...district, id: 'bad' as typeof district.id, population: { ...district.population, total: 10 } },
        ]),
      ),
    ).rejects.toThrow();
    expect(await snapshotDatabase(store)).toEqual(before);
  });
});
