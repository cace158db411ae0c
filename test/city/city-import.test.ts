/**
 * A city's import goes by its profile: the synthetic town loads from its folder alone, the
 * profile's skills bound what advisors and topics may name, and a database that holds one city
 * refuses another's dataset without changing anything.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asSiteId } from '../../src/core/ids.ts';
import { createRepositories } from '../../src/db/repositories.ts';
import { cityFileReader, loadCityProfile } from '../../src/services/city/city-folders.ts';
import { CITY_SETTING, storedProfile } from '../../src/services/city/city-profile.ts';
import { contactGroups } from '../../src/services/contact-groups.ts';
import { createImportService } from '../../src/services/import-service.ts';
import { loadPlanningDefaults } from '../../src/services/planning/planning-defaults.ts';
import { readEspoo } from '../helpers/espoo.ts';
import { createTestStore, snapshotDatabase, type TestStore } from '../helpers/store.ts';

const readTown = cityFileReader('esimerkkila');
let store: TestStore;

beforeAll(async () => {
  store = await createTestStore();
});
afterAll(async () => {
  await store?.destroy();
});

describe('a city import', () => {
  it('loads the synthetic town from its folder and keeps its profile', async () => {
    const outcome = await createImportService(store).importCity(readTown, 'data/esimerkkila');
    expect(outcome).toEqual({
      ok: true,
      counts: {
        areas: 12,
        demandPoints: expect.any(Number),
        stations: 3,
        settings: 6,
        sites: 8,
        advisors: 3,
        topics: 5,
        scenarios: 2,
        closureRules: 1,
      },
    });
    const repos = createRepositories(store.db);
    const profile = await loadCityProfile('esimerkkila');
    expect(storedProfile(await repos.access.getSetting(CITY_SETTING))).toEqual(profile);
    // The town's address is its own, and the planner starts from its blocks and groups.
    const keskusta = await repos.sites.get(asSiteId('SP_KESKUSTA'));
    expect(keskusta?.address).toEqual({ street: 'Torikatu 1', postalCode: '77730', city: 'Esimerkkilä' });
    const defaults = await loadPlanningDefaults(repos);
    expect(defaults.timeBlocks).toEqual(profile.timeBlocks);
    expect(defaults.targetGroups.map((g) => [g.id, g.weight])).toEqual(
      profile.targetGroups.map((g) => [g.id, g.weight]),
    );
    // An advisor's contact may carry the town's groups, not the product's.
    expect(await contactGroups(repos)).toEqual(['age75plus', 'age65to74', 'unemployed']);
  });

  it('refuses another city into a database that holds one, and changes nothing', async () => {
    const before = await snapshotDatabase(store);
    const outcome = await createImportService(store).importCity(readEspoo, 'data/espoo');
    expect(outcome.ok).toBe(false);
    if (!outcome.ok)
      expect(outcome.issues).toEqual([
        expect.objectContaining({
          file: 'data/espoo/city.json',
          path: 'id',
          message: expect.stringContaining('this database holds the city "esimerkkila"'),
        }),
      ]);
    expect(await snapshotDatabase(store)).toEqual(before);
  });

  it("bounds advisors and topics by the profile's skills, naming each file and place", async () => {
    const profile = await loadCityProfile('esimerkkila');
    const withoutTransport = { ...profile, skills: profile.skills.filter((s) => s !== 'transport') };
    const read = (path: string) =>
      path === 'city.json'
        ? Promise.resolve(new TextEncoder().encode(JSON.stringify(withoutTransport)))
        : readTown(path);
    const fresh = await createTestStore();
    try {
      const outcome = await createImportService(fresh).importCity(read, 'data/esimerkkila');
      expect(outcome.ok).toBe(false);
      if (!outcome.ok) {
        const where = outcome.issues.map((i) => `${i.file} ${i.line ?? i.path}`);
        expect(where).toEqual(
          expect.arrayContaining([
            'data/esimerkkila/demo/advisors.csv 3',
            'data/esimerkkila/demo/topics.json topics[3].requiredSkill',
          ]),
        );
      }
      expect(await createRepositories(fresh.db).areas.count()).toBe(0);
    } finally {
      await fresh.destroy();
    }
  });
});
