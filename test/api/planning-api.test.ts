/**
 * The planning API: planner role only, same-site writes, jobs with progress, plans, publish;
 * problems for bad input. Rhythm rules in a plan request (product ← city ← request), series
 * pins and their way into the planning instance, and the planner's pages for both.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/app.ts';
import { createRepositories, inTransaction } from '../../src/db/repositories.ts';
import { createAccessService } from '../../src/services/access-service.ts';
import { createAuthService } from '../../src/services/auth-service.ts';
import { createImportService } from '../../src/services/import-service.ts';
import { buildPlanningData, buildPlanningInstance } from '../../src/services/planning/planning-data.ts';
import { PLANNING_RULES_SETTING, productDefaultRules } from '../../src/services/planning/planning-rules.ts';
import { createPlanningService } from '../../src/services/planning/planning-service.ts';
import { readEspoo, TUESDAY_2026_12_01 } from '../helpers/espoo.ts';
import { createTestStore, type TestStore } from '../helpers/store.ts';

let store: TestStore;
let app: ReturnType<typeof createApp>;
let planner: string;
let viewer: string;

beforeAll(async () => {
  store = await createTestStore();
  expect((await createImportService(store).importCity(readEspoo)).ok).toBe(true);
  const auth = createAuthService({
    store,
    repos: createRepositories(store.db),
    now: () => TUESDAY_2026_12_01,
  });
  for (const [email, roles] of [
    ['p@example.org', ['planner']],
    ['a@example.org', ['advisor']],
  ] as const)
    await auth.addUser({ email, displayName: email, roles: [...roles], password: 'correct horse battery' });
  const login = async (email: string) => {
    const r = await auth.login(email, 'correct horse battery');
    if (!r.ok) throw new Error('login failed');
    return `neuvo_session=${r.token}`;
  };
  planner = await login('p@example.org');
  viewer = await login('a@example.org');
  app = createApp({ store, now: () => TUESDAY_2026_12_01 });
});
afterAll(async () => {
  await store?.destroy();
});

const repos = () => createRepositories(store.db);
const access = () => createAccessService({ repos: repos(), now: () => TUESDAY_2026_12_01 });
/** The server's job loop is not running here: run the oldest queued job now. */
const runQueued = () => createPlanningService({ store, repos: repos(), access: access() }).runNextJob();

/** A form post from the planner's own pages (same origin), as a browser sends it. */
const postForm = (path: string, fields: readonly [string, string][], cookie = planner) =>
  app.request(`http://localhost${path}`, {
    method: 'POST',
    headers: {
      cookie,
      origin: 'http://localhost',
      accept: 'text/html',
      'content-type': 'application/x-www-form-urlencoded',
    },
    body: new URLSearchParams([...fields]).toString(),
  });

const call = (path: string, init: RequestInit & { cookie?: string } = {}) =>
  app.request(`http://localhost${path}`, {
    ...init,
    headers: {
      ...(init.cookie ? { cookie: init.cookie } : {}),
      ...(init.body ? { 'content-type': 'application/json' } : {}),
      ...((init.headers as Record<string, string>) ?? {}),
    },
  });

describe('planning API', () => {
  it('needs a planner login, and refuses cross-site writes', async () => {
    expect((await call('/api/v1/plans')).status).toBe(401);
    expect((await call('/api/v1/plans', { cookie: viewer })).status).toBe(403);
    const cross = await call('/api/v1/plan-jobs', {
      method: 'POST',
      cookie: planner,
      headers: { origin: 'https://evil.example' },
      body: JSON.stringify({ kind: 'plan', from: '2026-12-07', weeks: 1 }),
    });
    expect(cross.status).toBe(403);
    expect(cross.headers.get('content-type')).toContain('application/problem+json');
  });

  it('queues a job, reports progress and the plan, and publishes it', async () => {
    const created = await call('/api/v1/plan-jobs', {
      method: 'POST',
      cookie: planner,
      body: JSON.stringify({
        kind: 'plan',
        from: '2026-12-07',
        weeks: 1,
        solver: 'heuristic',
        timeLimitSeconds: 1,
        whatIfSeconds: 0,
      }),
    });
    expect(created.status).toBe(202);
    const job = (await created.json()) as { id: string; status: string };
    expect(job.status).toBe('queued');
    expect(created.headers.get('location')).toBe(`/api/v1/plan-jobs/${job.id}`);
    await runQueued();
    const done = (await (await call(`/api/v1/plan-jobs/${job.id}`, { cookie: planner })).json()) as {
      status: string;
      planId: string;
      progress: { phase: string; gap: number };
    };
    expect(done.status).toBe('succeeded');
    expect(done.progress.phase).toBe('done');
    const events = await (await call(`/api/v1/plan-jobs/${job.id}/events`, { cookie: planner })).text();
    expect(events).toContain('event: succeeded');
    const plan = (await (await call(`/api/v1/plans/${done.planId}`, { cookie: planner })).json()) as {
      plan: { status: string; bound: number; objective: number };
      visits: unknown[];
      summary: { rules: unknown };
    };
    expect(plan.plan.status).toBe('draft');
    // No rules in the request: the city's defaults (the demo's are the product defaults).
    expect(plan.summary.rules).toEqual(productDefaultRules());
    expect(plan.plan.bound).toBeGreaterThanOrEqual(plan.plan.objective);
    expect(plan.visits.length).toBeGreaterThan(0);
    const published = await call(`/api/v1/plans/${done.planId}/publish`, { method: 'POST', cookie: planner });
    expect(published.status).toBe(200);
    const again = await call(`/api/v1/plans/${done.planId}/publish`, { method: 'POST', cookie: planner });
    expect(again.status).toBe(409);
    // The audit log names who queued the job and who published the plan (once), at the app's clock.
    const logged = async (action: string) =>
      (await repos().audit.search({ action }, { offset: 0, limit: 10 })).items.filter(
        (e) => e.targetId === (action === 'plan.publish' ? done.planId : job.id),
      );
    expect(await logged('plan-job.create')).toMatchObject([
      { actorEmail: 'p@example.org', targetType: 'plan-job', details: { kind: 'plan' } },
    ]);
    expect(await logged('plan.publish')).toMatchObject([
      { actorEmail: 'p@example.org', targetType: 'plan', atMs: TUESDAY_2026_12_01 },
    ]);
  });

  it('answers bad input with a problem naming the field', async () => {
    const bad = await call('/api/v1/plan-jobs', {
      method: 'POST',
      cookie: planner,
      body: JSON.stringify({ kind: 'plan', from: '2026-12-07', weeks: 99 }),
    });
    expect(bad.status).toBe(400);
    const body = (await bad.json()) as { detail: string };
    expect(body.detail).toContain('weeks');
    expect((await call('/api/v1/plans/not-a-uuid', { cookie: planner })).status).toBe(400);
    expect(
      (await call('/api/v1/plans/00000000-0000-4000-8000-000000000000', { cookie: planner })).status,
    ).toBe(404);
    const noAdvisor = await call('/api/v1/plan-jobs', {
      method: 'POST',
      cookie: planner,
      body: JSON.stringify({
        kind: 'repair',
        event: { type: 'absence', advisorId: 'NOBODY', from: '2026-12-07', to: '2026-12-07' },
      }),
    });
    expect(noAdvisor.status).toBe(404);
  });
});

const planJob = (body: Record<string, unknown>) =>
  call('/api/v1/plan-jobs', {
    method: 'POST',
    cookie: planner,
    body: JSON.stringify({ kind: 'plan', from: '2026-12-07', weeks: 1, ...body }),
  });

describe('rhythm rules in a plan request', () => {
  it('refuses a rule out of its range or an unknown venue with a problem naming the rule', async () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ maxSeriesPerVenue: 3 }, 'rules.maxSeriesPerVenue'],
      [{ maxSeriesPerVenue: 0 }, 'rules.maxSeriesPerVenue'],
      [{ maxVenueMinutesPerWeek: 2401 }, 'rules.maxVenueMinutesPerWeek'],
      [{ maxDistrictShareFactor: 0.5 }, 'rules.maxDistrictShareFactor'],
      [{ minVisitsPerDistrict: 1.5 }, 'rules.minVisitsPerDistrict'],
      [{ minWalkFromFixedPoint: -1 }, 'rules.minWalkFromFixedPoint'],
      [{ continuityCost: 10_001 }, 'rules.continuityCost'],
      [{ allowOneOffs: 'yes' }, 'rules.allowOneOffs'],
      [{ allowNearFixedPoint: ['LIB_SELLO', 'NO_SUCH_VENUE'] }, 'rules.allowNearFixedPoint[1]'],
      [{ allowNearFixedPoint: ['SP_TAPIOLA'] }, 'rules.allowNearFixedPoint[0]'],
      [{ maxSeriesPerVenue: 1, bogus: 1 }, 'bogus'],
    ];
    const before = (await repos().plans.listJobs(100)).length;
    for (const [rules, name] of cases) {
      const res = await planJob({ rules });
      expect(res.status, JSON.stringify(rules)).toBe(400);
      const body = (await res.json()) as { detail: string; errors?: { name: string }[] };
      expect(body.errors?.map((e) => e.name) ?? [], JSON.stringify(rules)).toContain(name);
      expect(body.detail).toContain(name);
    }
    expect((await repos().plans.listJobs(100)).length).toBe(before);
  });

  it('records the effective rules in the plan: product defaults, then the city’s, then the request’s', async () => {
    const cityRules = {
      maxVenueMinutesPerWeek: 270,
      minWalkFromFixedPoint: 12,
      allowNearFixedPoint: ['LIB_SELLO'],
    };
    const original = await repos().access.getSetting(PLANNING_RULES_SETTING);
    await inTransaction(store, (tx) => tx.access.setSetting(PLANNING_RULES_SETTING, cityRules));
    try {
      const created = await planJob({
        solver: 'heuristic',
        timeLimitSeconds: 1,
        whatIfSeconds: 0,
        keepPublished: false,
        rules: { maxVenueMinutesPerWeek: 240, continuityCost: 0 },
      });
      expect(created.status).toBe(202);
      const job = await runQueued();
      expect(job?.status, job?.error ?? '').toBe('succeeded');
      const plan = (await (await call(`/api/v1/plans/${job?.planId}`, { cookie: planner })).json()) as {
        summary: { rules: unknown; request: { rules: unknown } };
      };
      expect(plan.summary.request.rules).toEqual({ maxVenueMinutesPerWeek: 240, continuityCost: 0 });
      expect(plan.summary.rules).toEqual({
        ...productDefaultRules(),
        minWalkFromFixedPoint: 12,
        allowNearFixedPoint: ['LIB_SELLO'],
        // The request's own win over the city's.
        maxVenueMinutesPerWeek: 240,
        continuityCost: 0,
      });
    } finally {
      await inTransaction(store, (tx) => tx.access.setSetting(PLANNING_RULES_SETTING, original));
    }
  });
});

interface PinJson {
  id: string;
  venueId: string;
  weekday: number;
  start: string;
  end: string;
  every: number;
  since: string;
  createdAt: string;
}

const pinBody = (over: Record<string, unknown> = {}) =>
  JSON.stringify({
    venueId: 'LIB_SELLO',
    weekday: 2,
    start: '09:30',
    end: '12:00',
    every: 1,
    since: '2026-12-08',
    ...over,
  });

describe('series pins', () => {
  it('need a planner, and refuse cross-site writes', async () => {
    expect((await call('/api/v1/series-pins')).status).toBe(401);
    expect((await call('/api/v1/series-pins', { cookie: viewer })).status).toBe(403);
    const post = (cookie: string | undefined, headers: Record<string, string> = {}) =>
      call('/api/v1/series-pins', {
        method: 'POST',
        body: pinBody(),
        headers,
        ...(cookie ? { cookie } : {}),
      });
    expect((await post(undefined)).status).toBe(401);
    expect((await post(viewer)).status).toBe(403);
    const cross = await post(planner, { origin: 'https://evil.example' });
    expect(cross.status).toBe(403);
    expect(cross.headers.get('content-type')).toContain('application/problem+json');
    const del = await call('/api/v1/series-pins/00000000-0000-4000-8000-000000000000', { method: 'DELETE' });
    expect(del.status).toBe(401);
    expect((await call('/api/v1/series-pins', { cookie: planner })).status).toBe(200);
  });

  it('pins a series, lists it, refuses it twice and bad input, and unpins it', async () => {
    const created = await call('/api/v1/series-pins', { method: 'POST', cookie: planner, body: pinBody() });
    expect(created.status).toBe(201);
    const pin = (await created.json()) as PinJson;
    expect(pin).toMatchObject({
      venueId: 'LIB_SELLO',
      weekday: 2,
      start: '09:30',
      end: '12:00',
      every: 1,
      since: '2026-12-08',
    });
    expect(created.headers.get('location')).toBe(`/api/v1/series-pins/${pin.id}`);
    const list = (await (await call('/api/v1/series-pins', { cookie: planner })).json()) as PinJson[];
    expect(list.map((p) => p.id)).toContain(pin.id);

    // The same series (venue, weekday, time) again, even fortnightly from another date: 409.
    const twice = await call('/api/v1/series-pins', {
      method: 'POST',
      cookie: planner,
      body: pinBody({ every: 2, since: '2026-12-15' }),
    });
    expect(twice.status).toBe(409);
    expect(twice.headers.get('content-type')).toContain('application/problem+json');

    const bad: [Record<string, unknown>, string][] = [
      [{ venueId: 'NO_SUCH_VENUE' }, 'venueId'],
      [{ venueId: 'SP_TAPIOLA' }, 'venueId'],
      [{ start: '12:00', end: '09:30' }, 'end'],
      [{ start: '9.30' }, 'start'],
      [{ end: '25:00' }, 'end'],
      [{ weekday: 6, since: '2026-12-12' }, 'weekday'],
      [{ every: 3 }, 'every'],
      [{ since: '2026-12-09' }, 'since'],
      [{ since: '8.12.2026' }, 'since'],
      [{ color: 'red' }, 'color'],
    ];
    for (const [over, name] of bad) {
      const res = await call('/api/v1/series-pins', { method: 'POST', cookie: planner, body: pinBody(over) });
      expect(res.status, JSON.stringify(over)).toBe(400);
      const body = (await res.json()) as { errors?: { name: string }[] };
      expect(body.errors?.map((e) => e.name) ?? [], JSON.stringify(over)).toContain(name);
    }

    const del = await call(`/api/v1/series-pins/${pin.id}`, { method: 'DELETE', cookie: planner });
    expect(del.status).toBe(204);
    expect(await del.text()).toBe('');
    expect((await call(`/api/v1/series-pins/${pin.id}`, { method: 'DELETE', cookie: planner })).status).toBe(
      404,
    );
    expect((await call('/api/v1/series-pins/not-a-uuid', { method: 'DELETE', cookie: planner })).status).toBe(
      400,
    );
    const after = (await (await call('/api/v1/series-pins', { cookie: planner })).json()) as PinJson[];
    expect(after.map((p) => p.id)).not.toContain(pin.id);
    // Pinned and unpinned once each in the audit log (the refused attempts are not there).
    for (const action of ['series-pin.create', 'series-pin.delete']) {
      const entries = (await repos().audit.search({ action }, { offset: 0, limit: 50 })).items;
      expect(entries.filter((e) => e.targetId === pin.id).map((e) => e.actorEmail)).toEqual([
        'p@example.org',
      ]);
    }
  });

  it('reach the planning instance by venue index; a pin whose venue is not in service is left out and said', async () => {
    // Lippulaiva's library opened on 31 March 2022.
    const created = await call('/api/v1/series-pins', {
      method: 'POST',
      cookie: planner,
      body: pinBody({
        venueId: 'LIB_LIPPULAIVA',
        weekday: 3,
        start: '13:00',
        end: '15:00',
        every: 2,
        since: '2022-01-05',
      }),
    });
    expect(created.status).toBe(201);
    const pin = (await created.json()) as PinJson;
    try {
      const x = await buildPlanningInstance(
        { repos: repos(), access: access() },
        { from: '2026-12-07', weeks: 1 },
      );
      const kept = x.seriesPins?.find((p) => p.id === pin.id);
      expect(kept).toEqual({
        id: pin.id,
        venue: expect.any(Number),
        weekday: 3,
        start: '13:00',
        end: '15:00',
        every: 2,
        since: '2022-01-05',
      });
      expect(x.venues[kept?.venue ?? -1]?.id).toBe('LIB_LIPPULAIVA');

      const before = await buildPlanningData(
        { repos: repos(), access: access() },
        { from: '2022-01-03', weeks: 1 },
      );
      expect(before.instance.seriesPins?.some((p) => p.id === pin.id) ?? false).toBe(false);
      expect(before.seriesPinsLeftOut).toEqual([
        { id: pin.id, venueId: 'LIB_LIPPULAIVA', reason: 'venue-not-in-service' },
      ]);
      expect(before.notes.join('\n')).toContain(`series pin ${pin.id}`);
    } finally {
      await call(`/api/v1/series-pins/${pin.id}`, { method: 'DELETE', cookie: planner });
    }
  });
});

describe('the planner’s pages', () => {
  /** The new-plan form as the page sends it, with the city's defaults, and one field changed. */
  const planForm = (changes: Record<string, string>): [string, string][] => {
    const fields: Record<string, string> = {
      from: '2026-12-07',
      weeks: '1',
      solver: 'heuristic',
      timeLimit: '1',
      keepPublished: '1',
      rules: '1',
      maxSeriesPerVenue: '1',
      maxVenueMinutesPerWeek: '300',
      maxDistrictShareFactor: '2',
      minVisitsPerDistrict: '1',
      minWalkFromFixedPoint: '10',
      continuityCost: '50',
      ...changes,
    };
    return Object.entries(fields);
  };

  it('prefill the new-plan form with the city’s defaults', async () => {
    const page = await (await call('/en/planner/plans', { cookie: planner })).text();
    expect(page).toContain('<legend>Rhythm rules</legend>');
    expect(page).toMatch(/id="rule-maxVenueMinutesPerWeek"[^>]*value="300"/);
    expect(page).toContain('city default: 300');
    expect(page).toMatch(/id="rule-continuityCost"[^>]*value="50"/);
  });

  it('keep an invalid value as typed and say what is wrong next to it, in Finnish and Swedish', async () => {
    const jobs = (await repos().plans.listJobs(100)).length;
    const fi = await postForm('/planner/plans', planForm({ maxVenueMinutesPerWeek: '5000', weeks: '3' }));
    expect(fi.status).toBe(400);
    const fiPage = await fi.text();
    expect(fiPage).toMatch(/id="rule-maxVenueMinutesPerWeek"[^>]*value="5000"[^>]*aria-invalid="true"/);
    expect(fiPage).toMatch(
      /id="rule-maxVenueMinutesPerWeek-error">Anna kokonaisluku väliltä 0–2400\.<\/p>\s*<input id="rule-maxVenueMinutesPerWeek"/,
    );
    expect(fiPage).toContain('Suunnitelmaa ei aloitettu. Korjaa merkityt kentät.');
    // What else was typed is kept too.
    expect(fiPage).toMatch(/name="weeks"[^>]*value="3"/);

    const sv = await postForm('/sv/planner/plans', planForm({ maxDistrictShareFactor: '0,5' }));
    expect(sv.status).toBe(400);
    const svPage = await sv.text();
    expect(svPage).toMatch(/id="rule-maxDistrictShareFactor"[^>]*value="0,5"[^>]*aria-invalid="true"/);
    expect(svPage).toContain('Ange 0 (ingen gräns) eller ett tal mellan 1 och 10.');
    // Nothing was queued.
    expect((await repos().plans.listJobs(100)).length).toBe(jobs);
  });

  it('put the form’s rules into the job', async () => {
    const res = await postForm(
      '/en/planner/plans',
      planForm({ maxSeriesPerVenue: '2', maxDistrictShareFactor: '1,5', allowOneOffs: '1' }).concat([
        ['allowNearFixedPoint', 'LIB_SELLO'],
        ['allowNearFixedPoint', 'LIB_TAPIOLA'],
      ]),
    );
    expect(res.status).toBe(303);
    const [job] = await repos().plans.listJobs(1);
    expect((job?.request as { rules?: unknown } | undefined)?.rules).toEqual({
      maxSeriesPerVenue: 2,
      allowOneOffs: true,
      maxVenueMinutesPerWeek: 300,
      maxDistrictShareFactor: 1.5,
      minVisitsPerDistrict: 1,
      minWalkFromFixedPoint: 10,
      allowNearFixedPoint: ['LIB_SELLO', 'LIB_TAPIOLA'],
      continuityCost: 50,
    });
    await call(`/api/v1/plan-jobs/${job?.id}/cancel`, { method: 'POST', cookie: planner });
  });

  it('show a plan’s series by venue with a pin button, and its visits per district and week', async () => {
    const [plan] = (await repos().plans.listPlans(10)).filter((p) => p.kind === 'plan');
    const path = `/en/planner/plans/${plan?.id}`;
    const page = await (await call(path, { cookie: planner })).text();
    const series = page.slice(
      page.indexOf('<table id="series-table">'),
      page.indexOf('</table>', page.indexOf('id="series-table"')),
    );
    expect(series).toContain('<caption class="visually-hidden">Series per venue</caption>');
    expect(series).toContain('<th scope="col">Weekday</th>');
    const rows = series.split('<tr>').slice(2);
    expect(rows.length).toBeGreaterThan(3);
    expect(rows[0]).toMatch(
      /<th scope="row">[^<]+<\/th><td>(Mondays|Tuesdays|Wednesdays|Thursdays|Fridays)<\/td>/,
    );
    expect(series).toContain('Pin this series');
    const district = page.slice(page.indexOf('<table id="district-week-table">'));
    expect(district).toContain('<th scope="col" class="num">Minimum a week</th>');
    expect(district).toContain('Week 1, 7 Dec');
    expect(district).toMatch(/<th scope="row">Suur-Leppävaara<\/th><td class="num">1<\/td>/);

    // Pin the first series from the page: it shows as pinned, with an unpin button.
    const form = /<form method="post" action="([^"]+\/pins)" class="inline-action">([\s\S]*?)<\/form>/.exec(
      series,
    );
    const hidden = [...(form?.[2] ?? '').matchAll(/name="(\w+)" value="([^"]*)"/g)].map(
      (m) => [m[1], m[2]] as [string, string],
    );
    expect(hidden.map(([k]) => k)).toEqual(['venueId', 'weekday', 'start', 'end', 'every', 'since']);
    const pinned = await postForm(form?.[1] ?? '', hidden);
    expect(pinned.status).toBe(303);
    const pins = await repos().seriesPins.list();
    expect(pins).toHaveLength(1);
    const again = await (await call(path, { cookie: planner })).text();
    expect(again).toContain('Pinned: ');
    expect(again).toContain(`/pins/${pins[0]?.id}/delete`);
    // Twice: the page says so.
    const twice = await postForm(form?.[1] ?? '', hidden);
    expect(twice.status).toBe(409);
    expect(await twice.text()).toContain('The series is pinned already.');
    expect((await postForm(`${path}/pins/${pins[0]?.id}/delete`, [])).status).toBe(303);
    expect(await repos().seriesPins.list()).toEqual([]);
  });
});
