import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildOpenApiDocument } from '../../src/api/http.ts';
import { Area, DayHours, Problem, SiteWithHours, Topic } from '../../src/api/schemas.ts';
import { createApp } from '../../src/app.ts';
import { createImportService } from '../../src/services/import-service.ts';
import { readEspoo, TUESDAY_2026_12_01 } from '../helpers/espoo.ts';
import { createPgliteStore, createTestStore, type TestStore } from '../helpers/store.ts';

let store: TestStore;
let app: ReturnType<typeof createApp>;

beforeAll(async () => {
  store = await createTestStore();
  expect((await createImportService(store).importCity(readEspoo)).ok).toBe(true);
  app = createApp({ store, now: () => TUESDAY_2026_12_01 });
});
afterAll(async () => {
  await store?.destroy();
});

const get = async (path: string, accept = 'application/json') => {
  const res = await app.request(path, { headers: { accept } });
  const type = res.headers.get('content-type') ?? '';
  const body: any = type.includes('json') ? await res.json() : await res.text();
  return { res, type, body };
};

async function expectProblem(path: string, status: number, parameter?: string) {
  const { res, type, body } = await get(path);
  expect(res.status).toBe(status);
  expect(type).toContain('application/problem+json');
  const problem = Problem.parse(body);
  expect(problem.status).toBe(status);
  expect(JSON.stringify(body)).not.toMatch(/at .*\.ts:\d+/); // no stack traces
  if (parameter) expect(problem.errors?.map((e) => e.name)).toContain(parameter);
  return problem;
}

describe('health and OpenAPI', () => {
  it('reports health with the database kind', async () => {
    const { res, body } = await get('/health');
    expect(res.status).toBe(200);
    expect(body).toEqual({ status: 'ok', database: store.kind, databaseReachable: true });
  });

  it('serves the OpenAPI document, identical to the checked-in docs/openapi.json', async () => {
    const { body } = await get('/api/openapi.json');
    const checkedIn = JSON.parse(await readFile(new URL('../../docs/openapi.json', import.meta.url), 'utf8'));
    // If this fails, run `npm run openapi` and review the diff like code.
    expect(body).toEqual(checkedIn);
    expect(buildOpenApiDocument(app)).toEqual(checkedIn);
    expect(Object.keys(checkedIn.paths)).toEqual(
      expect.arrayContaining([
        '/api/v1/areas',
        '/api/v1/sites',
        '/api/v1/sites/{id}/hours',
        '/api/v1/advisors',
        '/api/v1/topics',
      ]),
    );
  });

  it('sends security headers', async () => {
    const { res } = await get('/health');
    expect(res.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
  });
});

describe('areas', () => {
  it('lists areas without geometry unless asked', async () => {
    const { res, body } = await get('/api/v1/areas');
    expect(res.status).toBe(200);
    expect(body.items).toHaveLength(53);
    for (const item of body.items) expect(Area.parse(item).geometry).toBeNull();
    const withGeometry = await get('/api/v1/areas?kind=district&geometry=true');
    expect(withGeometry.body.items).toHaveLength(7);
    expect(withGeometry.body.items[0].geometry.type).toMatch(/Polygon/);
  });

  it('filters by parent district', async () => {
    const { body } = await get('/api/v1/areas?parent=suur-tapiola');
    expect(body.items.map((a: { id: string }) => a.id)).toContain('02100');
    expect(body.items).toHaveLength(10);
  });

  it('returns one area with its population groups', async () => {
    const { body } = await get('/api/v1/areas/02100');
    expect(body.population).toMatchObject({ total: 5025, age75plus: 682, age65to74: 1346 - 682 });
    // No language figures per area in the demo: "no data" (null), never an estimate.
    expect(body.population).toMatchObject({ foreignLanguage: null, swedishSpeaking: null });
    expect(body.estimatedFields).not.toContain('population_swedish_speaking');
  });

  it('answers bad parameters with 400 naming the parameter', async () => {
    await expectProblem('/api/v1/areas?kind=county', 400, 'kind');
    await expectProblem('/api/v1/areas?parent=atlantis', 400, 'parent');
    const unknown = await expectProblem('/api/v1/areas?knid=district', 400, 'knid');
    expect(unknown.detail).toContain('unknown parameter');
    await expectProblem('/api/v1/areas/bad%20id', 400, 'id');
    await expectProblem('/api/v1/areas/nowhere', 404);
  });
});

describe('sites', () => {
  it('lists the fixed points in service on a date, with that day’s hours', async () => {
    const { body } = await get('/api/v1/sites?role=fixed-point&date=2026-12-01');
    const items = body.items.map((s: unknown) => SiteWithHours.parse(s));
    expect(items.map((s: { id: string }) => s.id).sort()).toEqual([
      'SP_ESPOONKESKUS_SMALL',
      'SP_KALAJARVI',
      'SP_LEPPAVAARA',
      'SP_MATINKYLA',
    ]);
    const matinkyla = items.find((s: { id: string }) => s.id === 'SP_MATINKYLA');
    expect(matinkyla?.hoursOnDate).toMatchObject({
      open: true,
      intervals: [{ start: '09:00', end: '18:00' }],
    });
    const in2021 = await get('/api/v1/sites?role=fixed-point&date=2021-12-01');
    expect(in2021.body.items).toHaveLength(6);
  });

  it('filters venues by district and kind', async () => {
    const { body } = await get('/api/v1/sites?role=venue&kind=library&district=suur-espoonlahti');
    expect(body.items.map((s: { id: string }) => s.id).sort()).toEqual([
      'LIB_KIVENLAHTI',
      'LIB_LIPPULAIVA',
      'LIB_NOYKKIO',
      'LIB_SAUNALAHTI',
      'LIB_SOUKKA',
    ]);
  });

  it('gives hours per date with holidays, city closure days and exceptions applied', async () => {
    const { body } = await get('/api/v1/sites/LIB_ENTRESSE/hours?from=2026-12-21&to=2026-12-27');
    const days = body.items.map((d: unknown) => DayHours.parse(d));
    expect(
      days.map((d: { date: string; open: boolean; reason: string }) => [d.date, d.open, d.reason]),
    ).toEqual([
      ['2026-12-21', true, 'regular'],
      ['2026-12-22', true, 'regular'],
      ['2026-12-23', true, 'exception'],
      ['2026-12-24', false, 'holiday'],
      ['2026-12-25', false, 'holiday'],
      ['2026-12-26', false, 'holiday'],
      ['2026-12-27', false, 'no-hours'],
    ]);
    expect(days[3]?.specialDay?.name.sv).toBe('Julafton');
  });

  it('answers bad parameters with 400 naming the parameter', async () => {
    await expectProblem('/api/v1/sites?date=2026-13-01', 400, 'date');
    await expectProblem('/api/v1/sites?role=kiosk', 400, 'role');
    const district = await expectProblem('/api/v1/sites?district=atlantis', 400, 'district');
    expect(district.detail).toContain('unknown district "atlantis"');
    await expectProblem('/api/v1/sites/SP_MATINKYLA/hours?from=2026-12-10&to=2026-12-01', 400, 'to');
    await expectProblem('/api/v1/sites/SP_MATINKYLA/hours?from=2026-01-01&to=2027-06-01', 400, 'to');
    await expectProblem('/api/v1/sites/SP_MATINKYLA/hours?from=2026-01-01', 400, 'to');
    await expectProblem('/api/v1/sites/NOPE', 404);
  });
});

describe('advisors, topics, calendar', () => {
  it('shows advisors’ public fields only', async () => {
    const { body } = await get('/api/v1/advisors');
    expect(body.items).toHaveLength(8);
    expect(Object.keys(body.items[0]).sort()).toEqual([
      'displayName',
      'homeSiteId',
      'id',
      'languages',
      'skills',
    ]);
  });

  it('lists topics in all three languages', async () => {
    const { body } = await get('/api/v1/topics');
    const topics = body.items.map((t: unknown) => Topic.parse(t));
    expect(topics).toHaveLength(9);
    for (const t of topics)
      for (const l of ['fi', 'sv', 'en'] as const) expect(t.name[l].length).toBeGreaterThan(0);
  });

  it('lists the special days of a year', async () => {
    const { body } = await get('/api/v1/calendar/special-days?year=2026');
    expect(body.items).toContainEqual(
      expect.objectContaining({ date: '2026-12-24', kind: 'city-closure', closed: true }),
    );
    await expectProblem('/api/v1/calendar/special-days?year=20x6', 400, 'year');
  });
});

describe('scenarios', () => {
  it('lists the scenarios with the points open on their dates', async () => {
    const { body } = await get('/api/v1/scenarios');
    expect(body.items.map((s: { id: string; date: string }) => [s.id, s.date])).toEqual([
      ['2021-six-points', '2021-12-01'],
      ['decision-2021-12-20', '2022-10-03'],
    ]);
  });

  it('compares two scenarios per group, as JSON, CSV and GeoJSON', async () => {
    const { res, body } = await get(
      '/api/v1/scenarios/compare?base=2021-six-points&alt=decision-2021-12-20&mode=pt-slow',
    );
    expect(res.status).toBe(200);
    expect(body).toMatchObject({
      base: '2021-six-points',
      alt: 'decision-2021-12-20',
      mode: 'pt-slow',
      engine: { approximate: true },
    });
    expect(Object.keys(body.groups[0].base).sort()).toEqual(
      [
        'dataShare',
        'meanMinutes',
        'medianMinutes',
        'p90Minutes',
        'population',
        'shareWithin',
        'unreachableShare',
      ].sort(),
    );
    // What the figures rest on, and the groups the data has no figures for.
    expect(body.basis.demand.basis).toBe('modelled');
    expect(body.basis.engine).toMatch(/approximate model/);
    expect(body.groupsWithoutData).toEqual(['foreignLanguage', 'swedishSpeaking']);
    expect(body.groups.map((g: { group: string }) => g.group)).not.toContain('foreignLanguage');
    expect(body.areas[0]).toMatchObject({ areaId: '02320', name: 'Espoonlahti' });
    const csv = await app.request(
      '/api/v1/scenarios/compare?base=2021-six-points&alt=decision-2021-12-20&format=csv',
    );
    expect(csv.headers.get('content-type')).toContain('text/csv');
    const lines = (await csv.text()).trim().split('\n');
    expect(lines[0]).toBe(
      'area_id,name,population,population_75_plus,2021-six-points_minutes,decision-2021-12-20_minutes,delta_minutes,loss_person_minutes,loses_access,engine,demand_basis',
    );
    expect(lines[1]).toMatch(/,"modelled: modelled points: /);
    expect(lines).toHaveLength(47);
    const groups = await (
      await app.request(
        '/api/v1/scenarios/compare?base=2021-six-points&alt=decision-2021-12-20&format=groups-csv',
      )
    ).text();
    expect(groups.split('\n')[1]).toMatch(/^all,2021-six-points,273035,/);
    // A group without data: empty figures, data_share 0 — never the numbers of "all".
    expect(groups).toMatch(/\nforeignLanguage,2021-six-points,,,,,,,,,,0,/);
    const geo = await app.request(
      '/api/v1/scenarios/compare?base=2021-six-points&alt=decision-2021-12-20&format=geojson',
    );
    expect(geo.headers.get('content-type')).toContain('application/geo+json');
    const fc = await geo.json();
    expect(fc.features).toHaveLength(46);
    expect(fc.features[0].geometry.type).toMatch(/Polygon/);
    expect(fc.properties.demandBasis.basis).toBe('modelled');
    expect(fc.properties.groupsWithoutData).toEqual(['foreignLanguage', 'swedishSpeaking']);
  });

  it('answers bad parameters with 400 naming them', async () => {
    await expectProblem('/api/v1/scenarios/compare?base=nope&alt=decision-2021-12-20', 400, 'base');
    await expectProblem(
      '/api/v1/scenarios/compare?base=2021-six-points&alt=decision-2021-12-20&mode=bike',
      400,
      'mode',
    );
    await expectProblem('/api/v1/scenarios/compare?alt=decision-2021-12-20', 400, 'base');
    await expectProblem(
      '/api/v1/scenarios/compare?base=2021-six-points&alt=decision-2021-12-20&format=xml',
      400,
      'format',
    );
  });
});

describe('errors', () => {
  it('answers unknown routes with a 404 problem', async () => {
    await expectProblem('/api/v1/nothing-here', 404);
    const res = await app.request('/api/v1/areas', { method: 'DELETE' });
    expect(res.status).toBe(404);
  });

  it('answers 503 without internals when the database is gone, and logs it once', async () => {
    const broken = await createPgliteStore();
    await broken.close();
    const logged: unknown[] = [];
    const brokenApp = createApp({ store: broken, logError: (e) => logged.push(e) });
    const res = await brokenApp.request('/api/v1/topics');
    expect(res.status).toBe(503);
    const body: unknown = await res.json();
    expect(body).toEqual({
      type: 'about:blank',
      title: 'Service unavailable',
      status: 503,
      detail: 'The information cannot be fetched right now. Nothing is lost. Try again in a moment.',
    });
    expect((await brokenApp.request('/api/v1/areas')).status).toBe(503);
    expect(logged).toHaveLength(1);
    const health = await brokenApp.request('/health');
    expect(health.status).toBe(503);
  });
});
