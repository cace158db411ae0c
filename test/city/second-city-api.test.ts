/**
 * The API on the second city (the synthetic Esimerkkilä): its reference data, the access
 * comparison of its two scenarios and the answer to "which point to keep" are its own, proven
 * where they claim to be, and no answer names anything of the Espoo demo.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/app.ts';
import { createRepositories } from '../../src/db/repositories.ts';
import { createAuthService } from '../../src/services/auth-service.ts';
import { cityFileReader } from '../../src/services/city/city-folders.ts';
import { createImportService } from '../../src/services/import-service.ts';
import { espooWords, TUESDAY_2026_12_01 } from '../helpers/espoo.ts';
import { createTestStore, type TestStore } from '../helpers/store.ts';

let store: TestStore;
let app: ReturnType<typeof createApp>;
let cookie: string;

beforeAll(async () => {
  store = await createTestStore();
  const imported = await createImportService(store).importCity(cityFileReader('esimerkkila'));
  expect(imported.ok).toBe(true);
  const auth = createAuthService({
    store,
    repos: createRepositories(store.db),
    now: () => TUESDAY_2026_12_01,
  });
  await auth.addUser({
    email: 'p@example.org',
    displayName: 'P',
    roles: ['planner'],
    password: 'correct horse battery',
  });
  const login = await auth.login('p@example.org', 'correct horse battery');
  if (!login.ok) throw new Error('login failed');
  cookie = `neuvo_session=${login.token}`;
  app = createApp({ store, now: () => TUESDAY_2026_12_01 });
});
afterAll(async () => {
  await store?.destroy();
});

const espoo = espooWords().pattern;
/** GET as the planner; the body must name nothing of Espoo. */
async function get(path: string) {
  const res = await app.request(path, { headers: { cookie, accept: 'application/json' } });
  const text = await res.text();
  expect(espoo.exec(text)?.[0], path).toBeUndefined();
  return { status: res.status, body: JSON.parse(text) };
}

describe('the API on the synthetic town', () => {
  it("serves the town's own districts, places, topics and scenarios", async () => {
    const areas = await get('/api/v1/areas');
    expect(areas.status).toBe(200);
    const districts = areas.body.items.filter((a: { kind: string }) => a.kind === 'district');
    expect(districts.map((d: { name: { fi: string } }) => d.name.fi).sort()).toEqual([
      'Keskusta',
      'Mäkikylä',
      'Niittylä',
      'Pohjoisranta',
    ]);
    const sites = await get('/api/v1/sites');
    expect(sites.body.items).toHaveLength(8);
    expect(new Set(sites.body.items.map((s: { address: { city: string } }) => s.address.city))).toEqual(
      new Set(['Esimerkkilä']),
    );
    expect(
      (await get('/api/v1/topics')).body.items.map((t: { requiredSkill: string }) => t.requiredSkill),
    ).toContain('transport');
    expect((await get('/api/v1/scenarios')).body.items.map((s: { id: string }) => s.id).sort()).toEqual([
      'current',
      'one-point',
    ]);
  });

  it('compares its two networks: closing a point leaves nobody better off', async () => {
    const { status, body } = await get('/api/v1/scenarios/compare?base=current&alt=one-point&mode=pt-slow');
    expect(status).toBe(200);
    expect(body.areas).toHaveLength(8);
    for (const a of body.areas) expect(a.deltaMinutes ?? 0).toBeGreaterThanOrEqual(0);
    // The Mäkikylä postal areas lose the most: their point is the one that closes.
    const worst = [...body.areas].sort(
      (x: { deltaMinutes: number }, y: { deltaMinutes: number }) => y.deltaMinutes - x.deltaMinutes,
    )[0];
    expect(['77750', '77760']).toContain(worst.areaId);
    const all = body.groups.find((g: { group: string }) => g.group === 'all');
    expect(all.alt.meanMinutes).toBeGreaterThan(all.base.meanMinutes);
  });

  it('keeps the better of its two points, proven, and the other is worse', async () => {
    const one = await get('/api/v1/network/optimize?scenario=current&k=1');
    expect(one.status).toBe(200);
    expect(one.body.optimal).toBe(true);
    const [kept] = one.body.chosen.map((c: { siteId: string }) => c.siteId);
    const other = kept === 'SP_KESKUSTA' ? 'SP_MAKIKYLA' : 'SP_KESKUSTA';
    const forced = await get(`/api/v1/network/optimize?scenario=current&k=1&keep=${other}`);
    expect(forced.body.objective).toBeGreaterThanOrEqual(one.body.objective);
  });
});
