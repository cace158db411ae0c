/**
 * The advisors' contact log over HTTP: POST /api/v1/contacts is idempotent by clientId (a replay
 * answers 200 with the first entry, two at once make one row), bad input is a 400 naming each
 * JSON path, GET lists the caller's own entries only, 401 without a session and 403 for a
 * planner; the form's undo works for a minute by the app's clock and is refused after.
 */
import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createApp } from '../../src/app.ts';
import { queryRows } from '../../src/db/store.ts';
import { createImportService } from '../../src/services/import-service.ts';
import { type AdvisorWeekVisits, seedAdvisorWeek, sessionCookie } from '../helpers/advisor.ts';
import { readEspoo, TUESDAY_2026_12_01 } from '../helpers/espoo.ts';
import { createTestStore, type TestStore } from '../helpers/store.ts';

let store: TestStore;
let visits: AdvisorWeekVisits;
let clock = TUESDAY_2026_12_01;
let app: ReturnType<typeof createApp>;
const cookies: Record<'aino' | 'mikael' | 'planner' | 'admin', string> = {
  aino: '',
  mikael: '',
  planner: '',
  admin: '',
};

beforeAll(async () => {
  store = await createTestStore();
  expect((await createImportService(store).importCity(readEspoo)).ok).toBe(true);
  visits = await seedAdvisorWeek(store);
  for (const who of Object.keys(cookies) as (keyof typeof cookies)[])
    cookies[who] = await sessionCookie(store, who);
  app = createApp({ store, now: () => clock });
});
afterAll(async () => {
  await store?.destroy();
});
beforeEach(() => {
  clock = TUESDAY_2026_12_01;
});

const ORIGIN = 'http://localhost';

/** A contact as the app sends it: a walk-in at this morning's visit, solved. */
const contact = (overrides: Record<string, unknown> = {}) => ({
  clientId: randomUUID(),
  loggedAt: new Date(TUESDAY_2026_12_01 - 60_000).toISOString(),
  channel: 'walk-in',
  visitId: visits.todayMorning,
  topicIds: ['kela'],
  language: 'fi',
  ageBand: '75-plus',
  groups: [],
  outcome: 'solved',
  ...overrides,
});

const post = (body: unknown, cookie = cookies.aino, origin = ORIGIN) =>
  app.request(`${ORIGIN}/api/v1/contacts`, {
    method: 'POST',
    headers: { cookie, origin, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });

const list = (from: string, to: string, cookie = cookies.aino) =>
  app.request(`${ORIGIN}/api/v1/contacts?from=${from}&to=${to}`, { headers: { cookie } });

const rows = async (clientId: string) =>
  (
    await queryRows<{ n: number }>(
      store.db,
      sql`select count(*)::int as n from contacts where client_id = ${clientId}::uuid`,
    )
  )[0]?.n;

describe('POST /api/v1/contacts', () => {
  it('stores an entry (201) and answers a replay with the first entry (200), one row', async () => {
    const body = contact({ durationMinutes: 15, groups: ['foreignLanguage'] });
    const first = await post(body);
    expect(first.status).toBe(201);
    const entry = await first.json();
    expect(entry).toMatchObject({
      clientId: body.clientId,
      channel: 'walk-in',
      visitId: visits.todayMorning,
      // The visit's venue, from the visit.
      siteId: 'LIB_SELLO',
      advisorId: 'ADV_AINO',
      topicIds: ['kela'],
      language: 'fi',
      ageBand: '75-plus',
      groups: ['foreignLanguage'],
      durationMinutes: 15,
      outcome: 'solved',
      referredTo: null,
      loggedAt: body.loggedAt,
      recordedAt: new Date(TUESDAY_2026_12_01).toISOString(),
    });
    // Sent again, even with other values (a device that changed its mind): the first entry.
    clock += 5_000;
    const again = await post({ ...body, ageBand: 'under-30' });
    expect(again.status).toBe(200);
    expect(await again.json()).toEqual(entry);
    expect(await rows(body.clientId)).toBe(1);
    // Who logged it is in the audit log, once; the entry's codes are not.
    const audited = await queryRows<{ action: string; details: unknown }>(
      store.db,
      sql`select action, details from audit_log where target_type = 'contact' and target_id = ${entry.id}`,
    );
    expect(audited).toEqual([
      { action: 'contact.create', details: { clientId: body.clientId, visitId: visits.todayMorning } },
    ]);
  });

  it('makes one row of two posts of one clientId at once', async () => {
    const body = contact();
    const answers = await Promise.all([post(body), post(body), post(body)]);
    expect(answers.map((r) => r.status).sort()).toEqual([200, 200, 201]);
    const ids = new Set(await Promise.all(answers.map(async (r) => (await r.json()).id)));
    expect(ids.size).toBe(1);
    expect(await rows(body.clientId)).toBe(1);
  });

  it('takes a referral with its target, and an admin’s entry', async () => {
    const referred = await post(contact({ outcome: 'referred', referredTo: 'city-eservice', visitId: null }));
    expect(referred.status).toBe(201);
    expect(await referred.json()).toMatchObject({
      outcome: 'referred',
      referredTo: 'city-eservice',
      siteId: null,
    });
    const admin = await post(contact({ visitId: undefined }), cookies.admin);
    expect(admin.status).toBe(201);
    expect((await admin.json()).advisorId).toBeNull();
  });

  it.each([
    ['an unknown topic', { topicIds: ['kela', 'astrology'] }, 'topicIds[1]', /unknown topic "astrology"/],
    ['no topic', { topicIds: [] }, 'topicIds', /at least one topic/],
    ['a bad language code', { language: 'xx' }, 'language', /ISO 639-1/],
    ['a three-letter language code', { language: 'fin' }, 'language', /ISO 639-1/],
    [
      'a referral without its target',
      { outcome: 'referred' },
      'referredTo',
      /when the outcome is "referred"/,
    ],
    ['a target without a referral', { referredTo: 'kela' }, 'referredTo', /only with "referred"/],
    ['an unknown referral target', { outcome: 'referred', referredTo: 'ministry' }, 'referredTo', /kela/],
    [
      'a time in the future beyond the skew',
      { loggedAt: new Date(TUESDAY_2026_12_01 + 10 * 60_000).toISOString() },
      'loggedAt',
      /no later than 2026-12-01T08:05:00.000Z/,
    ],
    ['a time without a zone', { loggedAt: '2026-12-01T10:00:00' }, 'loggedAt', /with a zone/],
    ['a month-old time', { loggedAt: '2026-10-01T10:00:00+03:00' }, 'loggedAt', /last 31 days/],
    ['another advisor’s visit', { visitId: null }, 'visitId', /your own visits/],
    ['a visit at another venue than siteId', { siteId: 'LIB_OMENA' }, 'siteId', /visit's venue "LIB_SELLO"/],
    ['an unknown group', { groups: ['aliens'] }, 'groups[0]', /unknown group "aliens"/],
    ['an unknown age band', { ageBand: '100-plus' }, 'ageBand', /75-plus/],
    ['a duration out of range', { durationMinutes: 601 }, 'durationMinutes', /0 to 600/],
    ['a clientId that is no UUID', { clientId: 'abc' }, 'clientId', /UUID/],
    ['a field the log does not have', { name: 'Matti' }, 'name', /unknown/],
  ])('refuses %s with a 400 naming %s', async (_what, change, path, message) => {
    const body = contact(change);
    if (_what === 'another advisor’s visit') body.visitId = visits.mikaels;
    const res = await post(body);
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    const problem = await res.json();
    const error = problem.errors.find((e: { name: string }) => e.name === path);
    expect(error, JSON.stringify(problem)).toBeDefined();
    expect(error.in).toBe('body');
    expect(error.message).toMatch(message);
    expect(problem.detail).toContain(path);
    if (path !== 'clientId') expect(await rows(String(body.clientId))).toBe(0);
  });

  it('takes a time a little ahead of the server’s clock (a device’s clock drifts)', async () => {
    const res = await post(contact({ loggedAt: new Date(TUESDAY_2026_12_01 + 2 * 60_000).toISOString() }));
    expect(res.status).toBe(201);
  });

  it('refuses another account’s clientId with 409, without showing its entry', async () => {
    const body = contact();
    expect((await post(body)).status).toBe(201);
    const res = await post({ ...body, visitId: visits.mikaels }, cookies.mikael);
    expect(res.status).toBe(409);
    expect(JSON.stringify(await res.json())).not.toContain(visits.todayMorning);
  });

  it('answers 401 without a session, 403 for a planner and 403 for a post from another site', async () => {
    const anonymous = await app.request(`${ORIGIN}/api/v1/contacts`, {
      method: 'POST',
      headers: { origin: ORIGIN, 'content-type': 'application/json' },
      body: JSON.stringify(contact()),
    });
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers.get('content-type')).toContain('application/problem+json');
    expect((await app.request(`${ORIGIN}/api/v1/contacts?from=2026-12-01&to=2026-12-01`)).status).toBe(401);
    expect((await post(contact(), cookies.planner)).status).toBe(403);
    expect((await list('2026-12-01', '2026-12-01', cookies.planner)).status).toBe(403);
    expect((await post(contact(), cookies.aino, 'https://evil.example')).status).toBe(403);
  });
});

describe('GET /api/v1/contacts', () => {
  it('lists the caller’s own entries only, by the dates they were logged (Helsinki)', async () => {
    const mine = [
      contact({ loggedAt: '2026-11-30T23:30:00+02:00', visitId: visits.monday }),
      contact({ loggedAt: '2026-12-01T00:10:00+02:00' }),
    ];
    for (const body of mine) expect((await post(body)).status).toBe(201);
    const theirs = contact({ visitId: visits.todayAfternoon, loggedAt: '2026-12-01T00:20:00+02:00' });
    expect((await post(theirs, cookies.mikael)).status).toBe(201);

    const res = await list('2026-12-01', '2026-12-01');
    expect(res.status).toBe(200);
    const entries: { clientId: string; advisorId: string }[] = await res.json();
    expect(entries.map((e) => e.clientId)).toContain(mine[1]?.clientId);
    expect(entries.map((e) => e.clientId)).not.toContain(mine[0]?.clientId);
    expect(entries.map((e) => e.clientId)).not.toContain(theirs.clientId);
    expect(entries.every((e) => e.advisorId === 'ADV_AINO')).toBe(true);
    const monday: { clientId: string }[] = await (await list('2026-11-30', '2026-11-30')).json();
    expect(monday.map((e) => e.clientId)).toEqual([mine[0]?.clientId]);
    const mikael: { clientId: string }[] = await (
      await list('2026-12-01', '2026-12-01', cookies.mikael)
    ).json();
    expect(mikael.map((e) => e.clientId)).toEqual([theirs.clientId]);
  });

  it('names a bad date range', async () => {
    const res = await list('2026-12-05', '2026-12-01');
    expect(res.status).toBe(400);
    expect((await res.json()).errors[0]).toMatchObject({ in: 'query', name: 'to' });
    expect((await list('2026-13-01', '2026-12-01')).status).toBe(400);
  });
});

describe('undo within a minute (the form’s Undo)', () => {
  const undo = (clientId: string, cookie = cookies.aino) =>
    app.request(`${ORIGIN}/en/advisor/contacts/undo`, {
      method: 'POST',
      headers: {
        cookie,
        origin: ORIGIN,
        'content-type': 'application/x-www-form-urlencoded',
        accept: 'text/html',
      },
      body: new URLSearchParams({ clientId, visit: visits.todayMorning }).toString(),
    });

  it('deletes the entry 59 seconds after it was stored', async () => {
    const body = contact();
    expect((await post(body)).status).toBe(201);
    clock += 59_000;
    const res = await undo(body.clientId);
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe(
      `/en/advisor/contacts/new?undone=1&visit=${visits.todayMorning}`,
    );
    expect(await rows(body.clientId)).toBe(0);
  });

  it('refuses after the minute, clearly, and keeps the entry', async () => {
    const body = contact();
    expect((await post(body)).status).toBe(201);
    clock += 61_000;
    const res = await undo(body.clientId);
    expect(res.status).toBe(409);
    expect(await res.text()).toContain(
      'The entry can no longer be undone: undo works only for a minute after saving.',
    );
    expect(await rows(body.clientId)).toBe(1);
  });

  it('does not undo another account’s entry', async () => {
    const body = contact();
    expect((await post(body)).status).toBe(201);
    const res = await undo(body.clientId, cookies.mikael);
    expect(res.status).toBe(404);
    expect(await res.text()).toContain('There is no entry to undo.');
    expect(await rows(body.clientId)).toBe(1);
  });
});
