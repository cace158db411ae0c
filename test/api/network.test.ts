/**
 * "Which points should we keep" through the API, on the Espoo demo: answers checked against
 * every choice enumerated through the same API (must-keep = the choice), the explanation
 * against the answer, and every bad parameter against a problem response.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Problem } from '../../src/api/schemas.ts';
import { createApp } from '../../src/app.ts';
import { isInService } from '../../src/core/time/opening-hours.ts';
import { createRepositories } from '../../src/db/repositories.ts';
import { createAuthService } from '../../src/services/auth-service.ts';
import { createImportService } from '../../src/services/import-service.ts';
import { readEspoo, TUESDAY_2026_12_01 } from '../helpers/espoo.ts';
import { createTestStore, type TestStore } from '../helpers/store.ts';

let store: TestStore;
let app: ReturnType<typeof createApp>;
let cookie = '';

beforeAll(async () => {
  store = await createTestStore();
  expect((await createImportService(store).importCity(readEspoo)).ok).toBe(true);
  // This file checks answers, not limits (test/api/limits.test.ts does): no rate rules.
  app = createApp({ store, now: () => TUESDAY_2026_12_01, rateRules: [] });
  const auth = createAuthService({
    store,
    repos: createRepositories(store.db),
    now: () => TUESDAY_2026_12_01,
  });
  await auth.addUser({
    email: 'planner@example.org',
    displayName: 'Planner',
    roles: ['planner'],
    password: 'correct horse battery',
  });
  const login = await auth.login('planner@example.org', 'correct horse battery', '198.51.100.1');
  if (!login.ok) throw new Error('login failed');
  cookie = `neuvo_session=${login.token}`;
});
afterAll(async () => {
  await store?.destroy();
});

const BASE = '/api/v1/network/optimize?scenario=2021-six-points';
const get = async (query: string) => {
  const res = await app.request(`${BASE}&${query}`, { headers: { accept: 'application/json', cookie } });
  return { res, body: (await res.json()) as any };
};

const SIX = [
  'SP_ESPOONKESKUS',
  'SP_ESPOONLAHTI',
  'SP_KALAJARVI',
  'SP_LEPPAVAARA',
  'SP_MATINKYLA',
  'SP_TAPIOLA',
];
const triples = (): string[][] => {
  const out: string[][] = [];
  for (let a = 0; a < 6; a++)
    for (let b = a + 1; b < 6; b++)
      for (let c = b + 1; c < 6; c++) out.push([SIX[a], SIX[b], SIX[c]] as string[]);
  return out;
};

describe('network optimisation API', () => {
  it('keeps the best 3 of 6 by weighted travel time, proven, and no triple does better', async () => {
    const weights = 'weights=all:1,age75plus:3';
    const { res, body } = await get(`k=3&${weights}`);
    expect(res.status).toBe(200);
    expect(body.chosen.map((c: any) => c.siteId).sort()).toEqual(
      expect.arrayContaining([expect.stringMatching(/^SP_/)]),
    );
    expect(body.optimal).toBe(true);
    expect(body.gap).toBe(0);
    expect(body.bound).toBeCloseTo(body.objective, 6);
    const objectives = [];
    for (const triple of triples()) {
      const forced = await get(`k=3&${weights}&keep=${triple.join(',')}`);
      expect(forced.res.status).toBe(200);
      expect(forced.body.chosen.map((c: any) => c.siteId).sort()).toEqual(triple);
      objectives.push({ triple, objective: forced.body.objective as number });
    }
    objectives.sort((a, b) => a.objective - b.objective);
    expect(body.objective).toBeCloseTo(objectives[0]?.objective ?? Number.NaN, 3);
    expect(body.chosen.map((c: any) => c.siteId).sort()).toEqual(objectives[0]?.triple);
    // Alternatives are real triples with their true objective, listed best first.
    for (const alt of body.alternatives) {
      const same = objectives.find((o) => o.triple.join() === [...alt.siteIds].sort().join());
      expect(same?.objective).toBeCloseTo(alt.objective, 3);
      expect(alt.worseBy).toBeGreaterThanOrEqual(0);
    }
    // The loss of closing one more is the objective of the remaining two minus this one.
    for (const c of body.chosen) {
      const rest = body.chosen.map((o: any) => o.siteId).filter((id: string) => id !== c.siteId);
      const two = await get(`k=2&${weights}&keep=${rest.join(',')}`);
      expect(c.lossIfClosed).toBeCloseTo(two.body.objective - body.objective, 1);
    }
  });

  it('explains who each kept point serves; the areas add up to the population', async () => {
    const { body } = await get('k=2&mode=pt');
    const areaPopulation = body.areas.reduce((s: number, a: any) => s + a.population, 0);
    const served = body.chosen.reduce((s: number, c: any) => s + c.served.all, 0);
    expect(served).toBe(areaPopulation);
    for (const a of body.areas) expect(body.chosen.map((c: any) => c.siteId)).toContain(a.siteId);
    // p-median objective with weight 1 = Σ residents × minutes to the nearest kept point.
    const recomputed = body.areas.reduce((s: number, a: any) => s + a.population * a.minutes, 0);
    expect(Math.abs(recomputed - body.objective) / body.objective).toBeLessThan(0.002);
  });

  it('solves maximal covering and set covering, honouring must-keep and closed points', async () => {
    const mclp = await get('model=mclp&k=2&radius=25&mode=pt&closed=SP_TAPIOLA&keep=SP_KALAJARVI');
    expect(mclp.res.status).toBe(200);
    const ids = mclp.body.chosen.map((c: any) => c.siteId);
    expect(ids).toContain('SP_KALAJARVI');
    expect(ids).not.toContain('SP_TAPIOLA');
    expect(mclp.body.bound).toBeGreaterThanOrEqual(mclp.body.objective);
    // The objective is the residents within the radius, point by point; per area they add up.
    const covered = mclp.body.areas.reduce((s: number, a: any) => s + a.covered, 0);
    expect(Math.abs(covered - mclp.body.objective)).toBeLessThan(mclp.body.areas.length);
    expect(mclp.body.basis.demand.basis).toBe('modelled');
    const lscp = await get('model=lscp&radius=60&mode=car');
    expect(lscp.res.status).toBe(200);
    expect(lscp.body.optimal).toBe(true);
    expect(lscp.body.chosen).toHaveLength(lscp.body.objective);
    for (const a of lscp.body.areas) expect(a.covered).toBe(a.population);
  });

  it('serves GeoJSON: areas with minutes and the candidate points', async () => {
    const res = await app.request(`${BASE}&k=3&format=geojson`, { headers: { cookie } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('application/geo+json');
    const geo: any = await res.json();
    expect(geo.type).toBe('FeatureCollection');
    const points = geo.features.filter((f: any) => f.geometry?.type === 'Point');
    expect(points).toHaveLength(6);
    expect(points.filter((f: any) => f.properties.chosen)).toHaveLength(3);
    const areas = geo.features.filter((f: any) => f.geometry?.type?.includes('Polygon'));
    expect(areas.length).toBeGreaterThanOrEqual(46);
  });

  it('keeps the best 3 of all premises, Kalajärvi among them, with a proven bound', async () => {
    const sites = await createRepositories(store.db).sites.list();
    const check = async (query: string, sense: 'max' | 'min') => {
      const { res, body } = await get(`${query}&k=3&candidates=all-sites&keep=SP_KALAJARVI`);
      expect(res.status).toBe(200);
      expect(body.query.candidates).toBe('all-sites');
      expect(body.query.candidateIds).toBeNull();
      const inService = sites.filter((s) => isInService(s.validity, body.query.date));
      expect(body.candidateCount).toBe(inService.length);
      // The demo's premises: more than the six points, fewer than all (two open in 2022).
      expect(body.candidateCount).toBeGreaterThan(SIX.length);
      expect(body.candidateCount).toBeLessThan(sites.length);
      const ids = body.chosen.map((c: any) => c.siteId);
      expect(ids).toHaveLength(3);
      expect(ids).toContain('SP_KALAJARVI');
      // Each chosen or closed site says what it is, as the sites table does.
      for (const c of [...body.chosen, ...body.closures]) {
        const site = sites.find((s) => s.id === c.siteId);
        expect(site, c.siteId).toBeDefined();
        expect([c.role, c.kind]).toEqual([site?.role, site?.kind]);
        expect(inService.map((s) => s.id)).toContain(c.siteId);
      }
      expect(body.chosen.length + body.closures.length).toBe(body.candidateCount);
      if (sense === 'max') expect(body.bound).toBeGreaterThanOrEqual(body.objective - 1e-6);
      else expect(body.bound).toBeLessThanOrEqual(body.objective + 1e-6);
      expect(body.gap).toBeGreaterThanOrEqual(0);
      if (body.optimal) expect(body.gap).toBe(0);
      // More candidates can only help: never worse than the scenario's own points.
      const own = await get(`${query}&k=3&keep=SP_KALAJARVI`);
      expect(own.body.query.candidates).toBe('scenario');
      expect(own.body.candidateCount).toBe(SIX.length);
      if (body.optimal && own.body.optimal) {
        if (sense === 'max') expect(body.objective).toBeGreaterThanOrEqual(own.body.objective - 1e-6);
        else expect(body.objective).toBeLessThanOrEqual(own.body.objective + 1e-6);
      }
      return body;
    };
    const mclp = await check('model=mclp&radius=20&mode=walk-slow', 'max');
    const median = await check('model=p-median&mode=pt-slow', 'min');
    // Venues are real candidates: among the two answers, at least one premises is chosen.
    expect([...mclp.chosen, ...median.chosen].some((c: any) => c.role === 'venue')).toBe(true);
    // The map gets a point for every chosen site, venues included.
    const res = await app.request(
      `${BASE}&model=mclp&radius=20&mode=walk-slow&k=3&candidates=all-sites&keep=SP_KALAJARVI&format=geojson`,
      { headers: { cookie } },
    );
    const geo: any = await res.json();
    const chosen = geo.features.filter((f: any) => f.properties.kind === 'site' && f.properties.chosen);
    expect(chosen).toHaveLength(3);
    for (const f of chosen) expect(f.geometry?.type).toBe('Point');
  });

  it('takes an explicit candidate list and keeps `all` as the fixed-point set', async () => {
    const list = ['SP_KALAJARVI', 'LIB_SELLO', 'LIB_ENTRESSE', 'MALL_ISOOMENA'];
    const { res, body } = await get(`k=2&candidateIds=${list.join(',')}&keep=SP_KALAJARVI`);
    expect(res.status).toBe(200);
    expect(body.query.candidates).toBe('all-sites');
    expect(body.query.candidateIds).toEqual(expect.arrayContaining(list));
    expect(body.candidateCount).toBe(list.length);
    for (const c of [...body.chosen, ...body.closures]) expect(list).toContain(c.siteId);
    expect(body.chosen.map((c: any) => c.siteId)).toContain('SP_KALAJARVI');
    const all = await get('k=2&all=true');
    expect(all.body.query.candidates).toBe('fixed-points');
    for (const c of all.body.chosen) expect(c.role).toBe('fixed-point');
  });

  it.each([
    ['k=3&candidates=everything', 'candidates'],
    ['k=3&candidateIds=SP_NOPE', 'candidateIds'],
    ['k=3&candidateIds=LIB_SELLO,bad id', 'candidateIds'],
    // Lippulaiva opened on 31.3.2022, after the scenario's date.
    ['k=1&candidateIds=LIB_LIPPULAIVA', 'candidateIds'],
    ['k=1&candidates=scenario&candidateIds=LIB_SELLO', 'candidateIds'],
    ['k=3&keep=LIB_SELLO', 'keep'],
    ['k=3&candidates=fixed-points&closed=LIB_SELLO', 'closed'],
  ])('%s is a 400 naming %s', async (query, parameter) => {
    const res = await app.request(`${BASE}&${query}`, { headers: { cookie } });
    expect(res.status).toBe(400);
    const problem = Problem.parse(await res.json());
    expect(problem.errors?.map((e) => e.name)).toContain(parameter);
    if (query.includes('SP_NOPE')) expect(JSON.stringify(problem)).toContain('SP_NOPE');
  });

  it.each([
    ['scenario=nope&k=3', 'scenario', true],
    ['k=', 'k', false],
    ['model=mclp&k=3', 'radius', false],
    ['k=9', 'k', false],
    ['k=3&weights=foo:1', 'weights', false],
    ['k=3&weights=all', 'weights', false],
    ['k=3&keep=SP_NOPE', 'keep', false],
    ['k=2&keep=SP_TAPIOLA,SP_LEPPAVAARA,SP_ESPOONLAHTI', 'k', false],
    ['k=3&keep=SP_TAPIOLA&closed=SP_TAPIOLA', 'closed', false],
    ['k=5&closed=SP_TAPIOLA,SP_LEPPAVAARA', 'k', false],
    ['model=lscp&radius=5', 'radius', false],
    ['k=3&mode=rocket', 'mode', false],
    ['k=3&bogus=1', 'bogus', false],
  ])('%s is a 400 naming %s', async (query, parameter, replaceScenario) => {
    const path = replaceScenario ? `/api/v1/network/optimize?${query}` : `${BASE}&${query}`;
    const res = await app.request(path, { headers: { cookie } });
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    const problem = Problem.parse(await res.json());
    expect(problem.errors?.map((e) => e.name)).toContain(parameter);
    expect(JSON.stringify(problem)).not.toMatch(/at .*\.ts:\d+/);
  });
});
