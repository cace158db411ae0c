import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REFERRAL_TARGETS_SETTING } from '../../src/core/model/contact.ts';
import { createRepositories } from '../../src/db/repositories.ts';
import { districtSlug } from '../../src/services/import/city-areas.ts';
import { createImportService } from '../../src/services/import-service.ts';
import { PLANNING_RULES_SETTING } from '../../src/services/planning/planning-rules.ts';
import { readEspoo } from '../helpers/espoo.ts';
import { createTestStore, snapshotDatabase, type TestStore } from '../helpers/store.ts';

let store: TestStore;
beforeAll(async () => {
  store = await createTestStore();
});
afterAll(async () => {
  await store?.destroy();
});

describe('the Espoo demo', () => {
  it('loads 7 districts, 46 postal areas, the 2021 service points, venues, advisors, topics and both scenarios', async () => {
    const outcome = await createImportService(store).importCity(readEspoo);
    expect(outcome).toEqual({
      ok: true,
      counts: {
        areas: 53,
        demandPoints: expect.any(Number),
        stations: 20,
        // The access model, the demand basis, the city's contact, its planning rules, the
        // names of its referral targets and what the database keeps of the city's profile.
        settings: 6,
        sites: 45,
        advisors: 8,
        topics: 9,
        scenarios: 2,
        closureRules: 2,
      },
    });
    const repos = createRepositories(store.db);
    const districts = await repos.areas.list({ kind: 'district' });
    expect(districts.map((d) => d.id).sort()).toEqual([
      'pohjois-espoo',
      'suur-espoonlahti',
      'suur-kauklahti',
      'suur-leppavaara',
      'suur-matinkyla',
      'suur-tapiola',
      'vanha-espoo',
    ]);
    const postal = await repos.areas.list({ kind: 'postal-code' });
    expect(postal).toHaveLength(46);
    // District totals are the sums of their postal areas (Paavo 31.12.2017).
    for (const d of districts) {
      const children = postal.filter((p) => p.parentId === d.id);
      expect(children.length).toBeGreaterThan(0);
      expect(d.population.total).toBe(children.reduce((s, p) => s + p.population.total, 0));
    }
    expect(postal.reduce((s, p) => s + p.population.total, 0)).toBe(273_035);
  });

  it('puts every service point in the district the source names', async () => {
    const repos = createRepositories(store.db);
    const rows = parse(await readEspoo('service_points.csv'), { columns: true }) as Record<string, string>[];
    for (const row of rows.filter((r) => r.point_id !== 'SP_MOBILE')) {
      const site = await repos.sites.get(row.point_id as never);
      expect(site?.districtId, row.point_id).toBe(districtSlug(row.suuralue ?? ''));
    }
  });

  it('encodes the decision of 20.12.2021 with its closing dates', async () => {
    const { openSitesOn } = await import('../../src/core/model/scenario.ts');
    const repos = createRepositories(store.db);
    const decision = (await repos.scenarios.list()).find((s) => s.id === 'decision-2021-12-20');
    expect(decision).toBeDefined();
    if (!decision) return;
    expect(openSitesOn(decision, '2022-01-10')).toHaveLength(6);
    expect(openSitesOn(decision, '2022-04-01')).not.toContain('SP_ESPOONLAHTI');
    expect(openSitesOn(decision, '2022-07-01').sort()).toEqual([
      'SP_ESPOONKESKUS_SMALL',
      'SP_KALAJARVI',
      'SP_LEPPAVAARA',
      'SP_MATINKYLA',
      'SP_TAPIOLA',
    ]);
    expect(openSitesOn(decision, '2022-10-01').sort()).toEqual([
      'SP_ESPOONKESKUS_SMALL',
      'SP_KALAJARVI',
      'SP_LEPPAVAARA',
      'SP_MATINKYLA',
    ]);
  });

  it('has the advisors’ language mix and marks made-up data as illustrative', async () => {
    const repos = createRepositories(store.db);
    const advisors = await repos.advisors.list();
    const languages = new Set(advisors.flatMap((a) => a.languages));
    for (const l of ['fi', 'sv', 'en', 'ar', 'so', 'ru', 'et']) expect(languages).toContain(l);
    expect(advisors.every((a) => a.illustrative)).toBe(true);
    expect((await repos.topics.list()).every((t) => t.illustrative)).toBe(true);
    const sites = await repos.sites.list();
    expect(sites.every((s) => s.illustrative || s.source.includes('ILLUSTRATIVE'))).toBe(true);
  });

  it('is idempotent: a second import updates and never duplicates', async () => {
    const again = await createImportService(store).importCity(readEspoo);
    expect(again.ok).toBe(true);
    const repos = createRepositories(store.db);
    expect(await repos.areas.count()).toBe(53);
    expect(await repos.sites.count()).toBe(45);
    expect(await repos.advisors.count()).toBe(8);
    expect((await repos.scenarios.list()).map((s) => s.sites.length)).toEqual([6, 7]);
  });

  it('stores the city’s names of the referral targets (OmaEspoo), and refuses an unknown code', async () => {
    const repos = createRepositories(store.db);
    expect(await repos.access.getSetting(REFERRAL_TARGETS_SETTING)).toMatchObject({
      'city-eservice': { fi: 'OmaEspoo', sv: 'OmaEspoo', en: 'OmaEspoo' },
      kela: { fi: 'Kela', sv: 'FPA' },
    });
    const before = await snapshotDatabase(store);
    const file = JSON.parse((await readEspoo('demo/referral_targets.json')).toString()) as {
      targets: Record<string, unknown>;
    };
    const bad = JSON.stringify({
      ...file,
      targets: { ...file.targets, ministry: { fi: 'a', sv: 'b', en: 'c' } },
    });
    const outcome = await createImportService(store).importCity((path) =>
      path === 'demo/referral_targets.json'
        ? Promise.resolve(new TextEncoder().encode(bad))
        : readEspoo(path),
    );
    expect(outcome.ok ? [] : outcome.issues.map((i) => `${i.file} ${i.path}: ${i.message}`)).toEqual([
      'data/espoo/demo/referral_targets.json targets: unknown referral code "ministry"; expected kela, city-service, city-eservice, other',
    ]);
    expect(await snapshotDatabase(store)).toEqual(before);
  });

  it('stores the city’s default planning rules, and refuses a bad rules file naming the file and JSON path', async () => {
    const repos = createRepositories(store.db);
    const file = JSON.parse((await readEspoo('demo/planning_rules.json')).toString()) as Record<
      string,
      unknown
    >;
    const { note: _note, source: _source, ...rules } = file;
    expect(await repos.access.getSetting(PLANNING_RULES_SETTING)).toEqual(rules);
    const before = await snapshotDatabase(store);
    const bad = JSON.stringify({ ...file, maxSeriesPerVenue: 3, allowNearFixedPoint: ['NO_SUCH_VENUE'] });
    const outcome = await createImportService(store).importCity((path) =>
      path === 'demo/planning_rules.json' ? Promise.resolve(new TextEncoder().encode(bad)) : readEspoo(path),
    );
    expect(outcome.ok).toBe(false);
    const issues = outcome.ok ? [] : outcome.issues;
    expect(issues.map((i) => `${i.file} ${i.path}`).sort()).toEqual([
      'data/espoo/demo/planning_rules.json maxSeriesPerVenue',
    ]);
    expect(await snapshotDatabase(store)).toEqual(before);
    const unknownVenue = JSON.stringify({ ...file, allowNearFixedPoint: ['LIB_SELLO', 'NO_SUCH_VENUE'] });
    const second = await createImportService(store).importCity((path) =>
      path === 'demo/planning_rules.json'
        ? Promise.resolve(new TextEncoder().encode(unknownVenue))
        : readEspoo(path),
    );
    expect(second.ok ? [] : second.issues.map((i) => `${i.file} ${i.path}: ${i.message}`)).toEqual([
      'data/espoo/demo/planning_rules.json allowNearFixedPoint[1]: unknown venue "NO_SUCH_VENUE"',
    ]);
    expect(await snapshotDatabase(store)).toEqual(before);
  });
});
