/**
 * Demand below the postal-code area: the demo's modelled points, what they change for the
 * Kalajärvi case, and a population grid that replaces them.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_WALKING, walkMinutesForMeters } from '../../src/core/access/modes.ts';
import { haversineMeters, toEtrsTm35Fin } from '../../src/core/geo/geo.ts';
import { createRepositories } from '../../src/db/repositories.ts';
import { createAccessService } from '../../src/services/access-service.ts';
import { createImportService } from '../../src/services/import-service.ts';
import { createNetworkService } from '../../src/services/network-service.ts';
import { readEspoo, TUESDAY_2026_12_01 } from '../helpers/espoo.ts';
import { createTestStore, snapshotDatabase, type TestStore } from '../helpers/store.ts';

let store: TestStore;
const repos = () => createRepositories(store.db);
const access = () => createAccessService({ repos: repos(), now: () => TUESDAY_2026_12_01 });

beforeAll(async () => {
  store = await createTestStore();
  expect((await createImportService(store).importCity(readEspoo)).ok).toBe(true);
});
afterAll(async () => {
  await store?.destroy();
});

describe('modelled demand points (the demo)', () => {
  it('spread every postal area’s residents over points inside it, adding up to the area', async () => {
    const points = await repos().demand.list();
    const areas = (await repos().areas.list({ kind: 'postal-code' })) ?? [];
    expect(points.length).toBeGreaterThan(areas.length * 3);
    for (const a of areas) {
      const mine = points.filter((p) => p.areaId === a.id);
      expect(mine.length, a.id).toBeGreaterThan(0);
      const sum = mine.reduce((s, p) => s + (p.counts.all ?? 0), 0);
      expect(sum, a.id).toBeCloseTo(a.population.total, 6);
      // No language figures per area in the demo: the points carry none either.
      for (const p of mine) expect(p.counts.foreignLanguage).toBeUndefined();
    }
    expect((await repos().demand.basis())?.basis).toBe('modelled');
  });

  it('let a resident of Kalajärvi’s centre walk to the Kalajärvi point, not ride 37 minutes', async () => {
    const points = (await repos().demand.list()).filter((p) => p.areaId === '02970');
    const site = (await repos().sites.list()).find((s) => s.id === 'SP_KALAJARVI');
    expect(site).toBeDefined();
    if (!site) return;
    const centre = points.reduce((best, p) =>
      haversineMeters(p.location, site.location) < haversineMeters(best.location, site.location) ? p : best,
    );
    const meters = haversineMeters(centre.location, site.location);
    expect(meters).toBeLessThan(500);
    const { engine } = await access().engineFor('pt', '2026-12-01');
    const m = await engine.travelTimes(
      [{ id: centre.id, location: centre.location, districtId: 'pohjois-espoo' }],
      [{ id: site.id, location: site.location, districtId: site.districtId }],
      'pt',
    );
    const minutes = m.minutes[0] ?? Number.NaN;
    expect(minutes).toBeLessThanOrEqual(walkMinutesForMeters(meters, DEFAULT_WALKING, false) + 0.5);
    expect(minutes).toBeLessThan(10);
    // The centre point holds a large share of the area: the area's typical resident is near too.
    const share = (centre.counts.all ?? 0) / points.reduce((s, p) => s + (p.counts.all ?? 0), 0);
    expect(share).toBeGreaterThan(0.2);
  });

  it('make the maximal covering run (20 min, slow walking, Kalajärvi kept) credit Kalajärvi with its own residents', async () => {
    const network = createNetworkService({ repos: repos(), access: access() });
    const answer = await network.optimize({
      scenarioId: 'decision-2021-12-20',
      model: 'mclp',
      mode: 'walk-slow',
      k: 3,
      radiusMinutes: 20,
      mustKeep: ['SP_KALAJARVI'],
    });
    const kalajarvi = answer.chosen.find((c) => c.siteId === 'SP_KALAJARVI');
    expect(kalajarvi).toBeDefined();
    expect(kalajarvi?.served.all ?? 0).toBeGreaterThan(1000);
    expect(kalajarvi?.areaIds).toContain('02970');
    expect(answer.basis.demand.basis).toBe('modelled');
    expect(answer.objective).toBeLessThanOrEqual(answer.bound + 1e-6);
  });
});

/** A Statistics Finland 1 km grid row: the cell holding `p`, with its lower-left corner. */
function cellAt(p: { lat: number; lon: number }) {
  const { x, y } = toEtrsTm35Fin(p);
  const cx = Math.floor(x / 1000) * 1000;
  const cy = Math.floor(y / 1000) * 1000;
  return { cx, cy, id: `1kmN${cy / 1000}E${String(cx / 1000).padStart(4, '0')}` };
}
const csv = (lines: string[]) => ({
  name: 'vaki2021_1km.csv',
  bytes: new TextEncoder().encode(`${lines.join('\n')}\n`),
});
const HEADER = 'grd_id,xkoord,ykoord,kunta,vaesto,miehet,naiset,ika_0_14,ika_15_64,ika_65_';

describe('importing a population grid', () => {
  it('refuses wrong coordinates, cells outside the city and negative counts, naming each, and changes nothing', async () => {
    const before = await snapshotDatabase(store);
    const kala = cellAt({ lat: 60.3, lon: 24.717 });
    const helsinki = cellAt({ lat: 60.1699, lon: 24.9384 });
    const outcome = await createImportService(store).importDemand(
      csv([
        HEADER,
        `${kala.id},${kala.cx},${kala.cy},049,1200,600,600,200,800,200`,
        `x,24.7,60.2,049,100,50,50,10,80,10`,
        `${helsinki.id},${helsinki.cx},${helsinki.cy},091,5000,2500,2500,500,4000,500`,
        `${kala.id}x,${kala.cx + 1000},${kala.cy},049,-5,0,0,0,0,0`,
        `${kala.id}y,${kala.cx - 1000},${kala.cy},049,40,20,20,-1,-1,-3`,
      ]),
    );
    expect(outcome.ok).toBe(false);
    if (outcome.ok) return;
    const byLine = new Map(outcome.issues.map((i) => [i.line, i]));
    expect(byLine.get(3)).toMatchObject({
      column: 'xkoord',
      message: expect.stringMatching(/look like degrees/),
    });
    expect(byLine.get(4)?.message).toMatch(/lies outside every area of the city/);
    expect(byLine.get(5)).toMatchObject({ column: 'vaesto', message: expect.stringMatching(/≥ 0, got -5/) });
    expect(byLine.get(6)).toMatchObject({ column: 'ika_65_', message: expect.stringMatching(/≥ 0, got -3/) });
    expect(byLine.has(2)).toBe(false);
    expect(await snapshotDatabase(store)).toEqual(before);
  });

  it('replaces the modelled points, and the figures follow the grid', async () => {
    const sites = await repos().sites.list();
    const at = (id: string) => sites.find((s) => s.id === id)?.location ?? { lat: 0, lon: 0 };
    const kala = cellAt(at('SP_KALAJARVI'));
    const tapiola = cellAt(at('SP_TAPIOLA'));
    const lahti = cellAt(at('SP_ESPOONLAHTI'));
    const before = await access().compare('2021-six-points', 'decision-2021-12-20', 'pt');
    const outcome = await createImportService(store).importDemand(
      csv([
        HEADER,
        `${kala.id},${kala.cx},${kala.cy},049,1200,600,600,200,800,200`,
        `${tapiola.id},${tapiola.cx},${tapiola.cy},049,3000,1500,1500,400,2000,600`,
        // A small cell: Statistics Finland withholds its breakdowns (-1): no 65+ figure there.
        `${lahti.id},${lahti.cx},${lahti.cy},049,8,-1,-1,-1,-1,-1`,
      ]),
    );
    expect(outcome).toEqual({ ok: true, counts: { demandPoints: 3 } });
    const points = await repos().demand.list();
    expect(points.map((p) => p.basis)).toEqual(['grid', 'grid', 'grid']);
    expect(points.find((p) => p.id === kala.id)?.areaId).toBe('02970');
    expect((await repos().demand.basis())?.description).toMatch(/Statistics Finland 1 km/);

    const after = await access().compare('2021-six-points', 'decision-2021-12-20', 'pt');
    expect(after.basis.demand.basis).toBe('grid');
    const all = after.groups.find((g) => g.group === 'all');
    expect(all?.base.population).toBe(4208);
    const old = after.groups.find((g) => g.group === 'age65plus');
    expect(old?.base.population).toBe(800);
    expect(old?.base.dataShare).toBeCloseTo(4200 / 4208, 4);
    expect(all?.base.meanMinutes).not.toBe(before.groups[0]?.base.meanMinutes);
    // Espoonlahti's cell loses its point in the decision; Kalajärvi's keeps its own.
    expect(after.areas.find((a) => a.areaId === '02970')?.deltaMinutes).toBe(0);
  });
});
