/** The Espoo case end to end: the 2021 network against the decision of 20.12.2021. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRepositories } from '../../src/db/repositories.ts';
import { plans, visits } from '../../src/db/schema/planning.ts';
import { createAccessService } from '../../src/services/access-service.ts';
import { createImportService } from '../../src/services/import-service.ts';
import { readEspoo, TUESDAY_2026_12_01 } from '../helpers/espoo.ts';
import { createTestStore, snapshotDatabase, type TestStore } from '../helpers/store.ts';

let store: TestStore;
const service = () =>
  createAccessService({ repos: createRepositories(store.db), now: () => TUESDAY_2026_12_01 });

beforeAll(async () => {
  store = await createTestStore();
  expect((await createImportService(store).importCity(readEspoo)).ok).toBe(true);
});
afterAll(async () => {
  await store?.destroy();
});

describe('Espoo: six points (2021) against the decision of 20.12.2021', () => {
  it('lists both scenarios with the points open on their reference dates', async () => {
    const list = await service().listScenarios();
    expect(list.map((s) => [s.scenario.id, s.date, s.openSiteIds.length])).toEqual([
      ['2021-six-points', '2021-12-01', 6],
      ['decision-2021-12-20', '2022-10-03', 4],
    ]);
  });

  it.each(['pt', 'pt-slow', 'walk', 'walk-slow', 'car'] as const)(
    'gives every group longer or equal travel times by %s',
    async (mode) => {
      const c = await service().compare('2021-six-points', 'decision-2021-12-20', mode);
      expect(c.engine).toEqual({ name: 'approximate', approximate: true });
      // The demo has no language figures per area: those groups are "no data", never numbers.
      expect(c.groups.map((g) => g.group)).toEqual(['all', 'age65plus', 'age75plus', 'unemployed']);
      expect(c.groupsWithoutData).toEqual(['foreignLanguage', 'swedishSpeaking']);
      expect(c.basis.demand.basis).toBe('modelled');
      expect(c.basis.engine).toMatch(/approximate model/);
      for (const g of c.groups) {
        expect(g.alt.meanMinutes ?? 0).toBeGreaterThanOrEqual(g.base.meanMinutes ?? 0);
        expect(g.alt.shareWithin['30']).toBeLessThanOrEqual(g.base.shareWithin['30']);
        expect(g.base.population).toBe(g.alt.population);
      }
      // Modelled points carry fractions of each area's residents; they add up to the areas.
      expect(c.groups[0]?.base.population).toBeCloseTo(273_035, 3);
      // Points are only closed (a small one opens where a big one closed): no area gains much.
      for (const a of c.areas)
        if (a.deltaMinutes !== null) expect(a.deltaMinutes).toBeGreaterThanOrEqual(-15);
    },
  );

  it('names Espoonlahti as the area that loses most, and Kalajärvi, whose point stays, loses nothing', async () => {
    const c = await service().compare('2021-six-points', 'decision-2021-12-20', 'pt-slow');
    expect(c.areas[0]?.areaId).toBe('02320');
    expect(c.areas[0]?.lossPersonMinutes).toBeGreaterThan(0);
    const kalajarvi = c.areas.find((a) => a.areaId === '02970');
    expect(kalajarvi?.deltaMinutes).toBe(0);
    // Sorted by person-minutes lost.
    const losses = c.areas.map((a) => a.lossPersonMinutes ?? 0);
    expect(losses).toEqual([...losses].sort((x, y) => y - x));
    // The CDF rises to the share reachable within 90 minutes.
    const all = c.cdf.groups[0];
    expect(all?.base.at(-1)).toBeCloseTo(1, 2);
    expect(all?.base.every((v, i, arr) => i === 0 || v >= (arr[i - 1] ?? 0))).toBe(true);
  });

  it('counts fewer hours of service within reach after the closures', async () => {
    const c = await service().compare('2021-six-points', 'decision-2021-12-20', 'pt');
    for (const g of c.groups) expect(g.serviceHours.alt ?? 0).toBeLessThan(g.serviceHours.base ?? 0);
  });

  it('adds the hours of a published mobile visit in the scenario’s week', async () => {
    const before = await service().compare('2021-six-points', 'decision-2021-12-20', 'pt');
    const [plan] = await store.db
      .insert(plans)
      .values({ horizonFrom: '2022-10-03', horizonTo: '2022-10-09', status: 'published' })
      .returning();
    await store.db.insert(visits).values({
      planId: plan?.id ?? '',
      venueId: 'LIB_LIPPULAIVA',
      date: '2022-10-04',
      start: '10:00',
      end: '13:00',
      status: 'published',
    });
    const after = await service().compare('2021-six-points', 'decision-2021-12-20', 'pt');
    const espoonlahti = (x: typeof before) => x.groups.find((g) => g.group === 'all')?.serviceHours.alt ?? 0;
    expect(espoonlahti(after)).toBeGreaterThan(espoonlahti(before));
    // The base week (2021) has no visit: unchanged.
    expect(after.groups[0]?.serviceHours.base).toBe(before.groups[0]?.serviceHours.base);
    await store.db.delete(plans);
  });

  it('refuses unknown scenarios, naming the parameter', async () => {
    await expect(service().compare('nope', 'decision-2021-12-20', 'pt')).rejects.toMatchObject({
      target: 'base',
    });
  });
});

describe('imported matrices take over from the approximate model', () => {
  it('uses a neuvo-layout matrix for its modes, and refuses a bad one without changing anything', async () => {
    const imports = createImportService(store);
    const { matrix } = await service().matrix('pt', '2022-10-03');
    const lines = ['origin_id,destination_id,pt'];
    for (const [i, o] of matrix.originIds.entries()) {
      for (const [j, d] of matrix.destinationIds.entries()) {
        const v = matrix.minutes[i * matrix.destinationIds.length + j] ?? Number.NaN;
        lines.push(`${o},${d},${Number.isNaN(v) ? '' : (v + 1).toFixed(1)}`);
      }
    }
    const before = await snapshotDatabase(store);
    const bad = await imports.importMatrix([
      {
        name: 'bad.csv',
        bytes: new TextEncoder().encode(
          'origin_id,destination_id,pt,boat\n02100,SP_TAPIOLA,x,1\n99999,NOPE,1,1\n',
        ),
      },
    ]);
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.issues[0]).toMatchObject({ file: 'bad.csv', line: 1, column: 'boat' });
    const bad2 = await imports.importMatrix([
      {
        name: 'bad.csv',
        bytes: new TextEncoder().encode(
          'origin_id,destination_id,pt\n02100,SP_TAPIOLA,x\n99999,NOPE,1\n02100,SP_TAPIOLA,3\n',
        ),
      },
    ]);
    expect(bad2.ok).toBe(false);
    if (!bad2.ok) {
      expect(bad2.issues).toEqual([
        {
          file: 'bad.csv',
          line: 2,
          column: 'pt',
          message: 'expected minutes ≥ 0, or empty or -1 for unreachable, got "x"',
        },
        {
          file: 'bad.csv',
          line: 3,
          column: 'origin_id',
          message: 'unknown area "99999"; origins are area ids',
        },
        {
          file: 'bad.csv',
          line: 3,
          column: 'destination_id',
          message: 'unknown site "NOPE"; destinations are site ids',
        },
        {
          file: 'bad.csv',
          line: 4,
          column: 'origin_id',
          message: 'the pair 02100 → SP_TAPIOLA is already on line 2',
        },
      ]);
    }
    expect(await snapshotDatabase(store)).toEqual(before);

    const ok = await imports.importMatrix(
      [{ name: 'pt.csv', bytes: new TextEncoder().encode(`${lines.join('\n')}\n`) }],
      { id: 'test-pt' },
    );
    expect(ok).toEqual({
      ok: true,
      counts: { travelTimes: matrix.originIds.length * matrix.destinationIds.length },
    });
    const c = await service().compare('2021-six-points', 'decision-2021-12-20', 'pt');
    expect(c.engine).toEqual({ name: 'matrix:test-pt', approximate: false });
    const approx = await service().compare('2021-six-points', 'decision-2021-12-20', 'walk');
    expect(approx.engine.name).toBe('approximate');
  });
});
