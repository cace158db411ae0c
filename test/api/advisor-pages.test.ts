/**
 * The advisors' app's pages without a browser: the day view lists the signed-in advisor's
 * visits of this week (today's first, with venue details, languages and topics, and the place
 * for bookings), check-in and check-out store the app's clock once, the contact form works as a
 * plain form post (a double submit is one entry), and the static files the offline app needs.
 */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createApp } from '../../src/app.ts';
import { queryRows } from '../../src/db/store.ts';
import { createImportService } from '../../src/services/import-service.ts';
import {
  ADVISOR_ACCOUNTS,
  ADVISOR_PASSWORD,
  type AdvisorWeekVisits,
  seedAdvisorWeek,
  sessionCookie,
} from '../helpers/advisor.ts';
import { readEspoo, TUESDAY_2026_12_01 } from '../helpers/espoo.ts';
import { createTestStore, type TestStore } from '../helpers/store.ts';

let store: TestStore;
let visits: AdvisorWeekVisits;
let clock = TUESDAY_2026_12_01;
let app: ReturnType<typeof createApp>;
let aino: string;
let mikael: string;
let unlinked: string;
let planner: string;

beforeAll(async () => {
  store = await createTestStore();
  expect((await createImportService(store).importCity(readEspoo)).ok).toBe(true);
  visits = await seedAdvisorWeek(store);
  [aino, mikael, unlinked, planner] = await Promise.all([
    sessionCookie(store, 'aino'),
    sessionCookie(store, 'mikael'),
    sessionCookie(store, 'unlinked'),
    sessionCookie(store, 'planner'),
  ]);
  app = createApp({ store, now: () => clock });
});
afterAll(async () => {
  await store?.destroy();
});
beforeEach(() => {
  clock = TUESDAY_2026_12_01;
});

const ORIGIN = 'http://localhost';
const get = async (path: string, cookie = aino) => {
  const res = await app.request(`${ORIGIN}${path}`, { headers: { cookie, accept: 'text/html' } });
  return { res, html: await res.text() };
};
const postForm = (path: string, fields: [string, string][], cookie = aino) =>
  app.request(`${ORIGIN}${path}`, {
    method: 'POST',
    headers: {
      cookie,
      origin: ORIGIN,
      accept: 'text/html',
      'content-type': 'application/x-www-form-urlencoded',
    },
    body: new URLSearchParams(fields).toString(),
  });

/** The text of a page without its tags, with single spaces. */
const text = (html: string) =>
  html
    .replace(/<[^>]+>/g, ' ')
    .replace(/&#39;|&apos;/g, "'")
    .replace(/\s+/g, ' ');

/** A timestamp as the driver returns it (a Date, or text on PGlite) in epoch ms. */
const ms = (value: Date | string | null | undefined) => (value ? new Date(value).getTime() : null);

const attendance = async (visitId: string, advisorId = 'ADV_AINO') =>
  (
    await queryRows<{ checked_in_at: Date | string | null; checked_out_at: Date | string | null }>(
      store.db,
      sql`select checked_in_at, checked_out_at from visit_advisors where visit_id = ${visitId}::uuid and advisor_id = ${advisorId}`,
    )
  )[0];

describe('the day view', () => {
  it('lists my visits of this week, today’s first with the venue’s details', async () => {
    const { res, html } = await get('/en/advisor');
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('private, no-store');
    const page = text(html);
    expect(page).toContain('Week 49: Mon, 30 Nov 2026–Sun, 6 Dec 2026');
    const visitsText = page.slice(page.indexOf('Today, Tue, 1 Dec 2026'));
    const order = [
      'Sello Library',
      'Entresse Library',
      // Then the rest of the week by date: Monday, Thursday, Friday (cancelled).
      'Mon, 30 Nov 2026',
      'Thu, 3 Dec 2026',
      'Fri, 4 Dec 2026',
    ].map((s) => visitsText.indexOf(s));
    expect(order.every((i) => i >= 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    // Today's visit: address, today's hours, its advisors' languages and topics as residents see them.
    expect(page).toContain('Address: Leppävaarankatu 9, 02600 Espoo');
    expect(page).toMatch(/Open today \d/);
    expect(page).toContain('Advisors speak: English, Finnish');
    expect(page).toMatch(/Help on offer: [^.]*Kela services/);
    // Not mine, or not this week.
    expect(html).not.toContain(visits.mikaels);
    expect(html).not.toContain(visits.nextMonday);
    // The cancelled visit says so and offers nothing to do.
    expect(page).toContain('Cancelled: The library is closed');
    expect(html).not.toContain(`/en/advisor/contacts/new?visit=${visits.fridayCancelled}`);
    // Check-in only on today's visits; a contact can be logged at each one.
    expect(html).toContain(`action="/en/advisor/visits/${visits.todayMorning}/check-in"`);
    expect(html).not.toContain(`/visits/${visits.thursday}/check-in`);
    expect(html).toContain(`href="/en/advisor/contacts/new?visit=${visits.thursday}"`);
    // Each visit's bookings: an honest empty state (this week has none).
    expect(html.match(/No bookings for this visit\./g)).toHaveLength(5);
    // The installable app: its manifest and script.
    expect(html).toContain('<link rel="manifest" href="/assets/advisor/manifest.en.webmanifest"/>');
  });

  it('is the same page at /advisor/ (the offline app’s scope), in Finnish and Swedish', async () => {
    const fi = await get('/advisor/');
    expect(fi.res.status).toBe(200);
    expect(text(fi.html)).toContain('Oma viikkoni');
    expect(text(fi.html)).toContain('Varaukset');
    const sv = await get('/sv/advisor');
    expect(text(sv.html)).toContain('Min vecka');
    expect(text(sv.html)).toContain('Besöket har inga bokningar.');
  });

  it('is where an advisor lands after signing in without a page to return to', async () => {
    const res = await app.request(`${ORIGIN}/en/login`, {
      method: 'POST',
      headers: { origin: ORIGIN, accept: 'text/html', 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        email: ADVISOR_ACCOUNTS.aino.email,
        password: ADVISOR_PASSWORD,
        next: '/en/planner',
      }).toString(),
    });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/en/advisor/');
  });

  it('tells an account that works as no advisor why it sees no visits', async () => {
    const { res, html } = await get('/en/advisor', unlinked);
    expect(res.status).toBe(200);
    expect(text(html)).toContain('Your account is not linked to an advisor, so your visits cannot be shown.');
  });

  it('sends a visitor to sign in, and refuses a planner', async () => {
    const anonymous = await app.request(`${ORIGIN}/en/advisor`, { headers: { accept: 'text/html' } });
    expect(anonymous.status).toBe(303);
    expect(anonymous.headers.get('location')).toBe('/en/login?next=%2Fen%2Fadvisor');
    expect((await get('/en/advisor', planner)).res.status).toBe(403);
  });

  it('stores check-in and check-out times once, and shows them', async () => {
    const id = visits.todayMorning;
    clock = Date.parse('2026-12-01T09:32:00+02:00');
    const checkIn = await postForm(`/en/advisor/visits/${id}/check-in`, []);
    expect(checkIn.status).toBe(303);
    expect(checkIn.headers.get('location')).toBe(`/en/advisor/#v-${id}`);
    // A second check-in (a double tap, another device) keeps the first time.
    clock += 60_000;
    expect((await postForm(`/en/advisor/visits/${id}/check-in`, [])).status).toBe(303);
    expect(ms((await attendance(id))?.checked_in_at)).toBe(Date.parse('2026-12-01T09:32:00+02:00'));
    expect((await attendance(id))?.checked_out_at).toBeNull();
    // The audit log tells of the check-in once.
    const audited = await queryRows<{ action: string; actor_email: string }>(
      store.db,
      sql`select action, actor_email from audit_log where target_type = 'visit' and target_id = ${id}`,
    );
    expect(audited).toEqual([{ action: 'visit.check-in', actor_email: 'aino@example.org' }]);
    let page = text((await get('/en/advisor')).html);
    expect(page).toContain('Checked in at 9:32.');
    expect(page).toContain('Check out');

    clock = Date.parse('2026-12-01T10:45:00+02:00');
    expect((await postForm(`/en/advisor/visits/${id}/check-out`, [])).status).toBe(303);
    clock += 60_000;
    expect((await postForm(`/en/advisor/visits/${id}/check-out`, [])).status).toBe(303);
    expect(ms((await attendance(id))?.checked_out_at)).toBe(Date.parse('2026-12-01T10:45:00+02:00'));
    page = text((await get('/en/advisor')).html);
    expect(page).toContain('Checked out at 10:45.');
    // The other advisor of the afternoon's visit keeps their own (empty) times.
    expect(await attendance(visits.todayAfternoon, 'ADV_MIKAEL')).toEqual({
      checked_in_at: null,
      checked_out_at: null,
    });
  });

  it('refuses check-in on another day’s, another advisor’s or a cancelled visit, and check-out first', async () => {
    const thursday = await postForm(`/en/advisor/visits/${visits.thursday}/check-in`, []);
    expect(thursday.status).toBe(409);
    expect(text(await thursday.text())).toContain(
      'Check-in and check-out are possible only on the day of the visit.',
    );
    const notMine = await postForm(`/en/advisor/visits/${visits.mikaels}/check-in`, []);
    expect(notMine.status).toBe(404);
    expect(text(await notMine.text())).toContain('That visit is not one of your visits.');
    expect((await postForm(`/en/advisor/visits/${visits.fridayCancelled}/check-in`, [])).status).toBe(409);
    const early = await postForm(`/en/advisor/visits/${visits.todayAfternoon}/check-out`, [], mikael);
    expect(early.status).toBe(409);
    expect(text(await early.text())).toContain('Check in first.');
    expect(await attendance(visits.thursday)).toEqual({ checked_in_at: null, checked_out_at: null });
    const crossSite = await app.request(`${ORIGIN}/en/advisor/visits/${visits.todayAfternoon}/check-in`, {
      method: 'POST',
      headers: { cookie: aino, origin: 'https://evil.example', accept: 'text/html' },
    });
    expect(crossSite.status).toBe(403);
  });
});

describe('the contact form without JavaScript', () => {
  const clientIdOf = (html: string) => /name="clientId" value="([0-9a-f-]{36})"/.exec(html)?.[1] ?? '';
  const rows = async (clientId: string) =>
    (
      await queryRows<{ n: number }>(
        store.db,
        sql`select count(*)::int as n from contacts where client_id = ${clientId}::uuid`,
      )
    )[0]?.n;

  it('preselects walk-in, solved, Finnish and the visit going on, and has every choice', async () => {
    const { res, html } = await get('/en/advisor/contacts/new');
    expect(res.status).toBe(200);
    const checked = [...html.matchAll(/<input type="radio" name="(\w+)" value="([^"]*)" checked=""/g)].map(
      (m) => `${m[1]}=${m[2]}`,
    );
    expect(checked.sort()).toEqual(
      [
        'channel=walk-in',
        'duration=',
        'language=fi',
        'outcome=solved',
        `visit=${visits.todayMorning}`,
      ].sort(),
    );
    const page = text(html);
    for (const label of [
      'Kela',
      'Under 30',
      'Aged 75 or over',
      'Referred: Kela',
      'Referred: OmaEspoo',
      'Referred: Another City of Espoo service',
      'Needs follow-up',
      'Walk-in',
      'Booked time',
      'Under 10 minutes',
      'Over 40 minutes',
      'Foreign-language speakers',
      'Not at a visit',
    ])
      expect(page).toContain(label);
    // The age band tells the age groups: the form does not ask them again.
    expect(page).not.toContain('Aged 75+');
    // Today's visits are offered; another day's only when the day view links to it.
    expect(html).toContain(`value="${visits.todayAfternoon}"`);
    expect(html).not.toContain(`value="${visits.thursday}"`);
    const linked = await get(`/en/advisor/contacts/new?visit=${visits.thursday}`);
    expect(linked.html).toContain(`name="visit" value="${visits.thursday}" checked=""`);
    expect(clientIdOf(html)).not.toBe(clientIdOf(linked.html));
  });

  it('stores a post once however often it is sent, then offers Undo', async () => {
    const form = await get('/en/advisor/contacts/new');
    const clientId = clientIdOf(form.html);
    const fields: [string, string][] = [
      ['clientId', clientId],
      ['topic', 'kela'],
      ['topic', 'omaespoo'],
      ['ageBand', '65-74'],
      ['language', 'sv'],
      ['group', 'swedishSpeaking'],
      ['duration', '30'],
      ['outcome', 'referred:city-eservice'],
      ['channel', 'walk-in'],
      ['visit', visits.todayMorning],
    ];
    const first = await postForm('/en/advisor/contacts/new', fields);
    expect(first.status).toBe(303);
    expect(first.headers.get('location')).toBe(
      `/en/advisor/contacts/new?saved=${clientId}&visit=${visits.todayMorning}`,
    );
    const twice = await postForm('/en/advisor/contacts/new', fields);
    expect(twice.status).toBe(303);
    expect(await rows(clientId)).toBe(1);
    const [row] = await queryRows<Record<string, unknown>>(
      store.db,
      sql`select topic_ids, age_band, language, groups, duration_minutes, outcome, referred_to, site_id from contacts where client_id = ${clientId}::uuid`,
    );
    expect(row).toEqual({
      topic_ids: ['kela', 'omaespoo'],
      age_band: '65-74',
      language: 'sv',
      groups: ['swedishSpeaking'],
      duration_minutes: 30,
      outcome: 'referred',
      referred_to: 'city-eservice',
      site_id: 'LIB_SELLO',
    });
    const [when] = await queryRows<{ at: Date | string }>(
      store.db,
      sql`select logged_at as at from contacts where client_id = ${clientId}::uuid`,
    );
    expect(ms(when?.at)).toBe(TUESDAY_2026_12_01);
    const saved = await get(first.headers.get('location') ?? '');
    expect(text(saved.html)).toContain('Saved. Undo You can undo for a minute.');
    expect(saved.html).toContain(`name="clientId" value="${clientId}"`);
    // A minute later the page still says saved, without Undo.
    clock += 61_000;
    const later = text((await get(first.headers.get('location') ?? '')).html);
    expect(later).toContain('Saved.');
    expect(later).not.toContain('You can undo for a minute.');
  });

  it('keeps the choices and says what is missing', async () => {
    const form = await get('/en/advisor/contacts/new');
    const res = await postForm('/en/advisor/contacts/new', [
      ['clientId', clientIdOf(form.html)],
      ['language', 'fi'],
      ['outcome', 'follow-up'],
      ['channel', 'booked'],
      ['visit', ''],
    ]);
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(text(html)).toContain('The entry was not saved. Correct the marked choices.');
    expect(text(html)).toContain('Choose at least one topic.');
    expect(text(html)).toContain('Choose an age group.');
    expect(html).toContain('name="outcome" value="follow-up" checked=""');
    expect(html).toContain('name="channel" value="booked" checked=""');
    expect(html).toContain('name="visit" value="" checked=""');
    expect(await rows(clientIdOf(form.html))).toBe(0);
  });

  it('undoes from the saved page, in Finnish', async () => {
    const form = await get('/advisor/contacts/new');
    const clientId = clientIdOf(form.html);
    await postForm('/advisor/contacts/new', [
      ['clientId', clientId],
      ['topic', 'printing'],
      ['ageBand', 'unknown'],
      ['language', 'fi'],
      ['outcome', 'solved'],
      ['channel', 'walk-in'],
      ['visit', ''],
    ]);
    const res = await postForm('/advisor/contacts/undo', [
      ['clientId', clientId],
      ['visit', ''],
    ]);
    expect(res.status).toBe(303);
    expect(text((await get(res.headers.get('location') ?? '')).html)).toContain('Kirjaus peruttiin.');
    expect(await rows(clientId)).toBe(0);
  });
});

describe('the offline app’s files', () => {
  it('serves a manifest per language, icons and the stylesheet', async () => {
    const manifest = await app.request('/assets/advisor/manifest.sv.webmanifest');
    expect(manifest.headers.get('content-type')).toContain('application/manifest+json');
    expect(await manifest.json()).toMatchObject({
      name: 'Rådgivarens app',
      start_url: '/sv/advisor/',
      scope: '/sv/advisor/',
      display: 'standalone',
      icons: expect.arrayContaining([expect.objectContaining({ sizes: '512x512', type: 'image/png' })]),
    });
    const png = await app.request('/assets/advisor/icon-192.png');
    expect(png.headers.get('content-type')).toBe('image/png');
    expect([...new Uint8Array(await png.arrayBuffer()).slice(1, 4)]).toEqual([0x50, 0x4e, 0x47]);
    expect((await app.request('/assets/advisor/icon.svg')).headers.get('content-type')).toBe('image/svg+xml');
    expect(await (await app.request('/assets/advisor/advisor.css')).text()).toContain('min-height: 48px');
    expect((await app.request('/assets/advisor/nothing.js')).status).toBe(404);
  });

  it('serves the service worker with its version, allowed to control the app’s pages', async () => {
    const res = await app.request('/assets/advisor/sw.js');
    expect(res.status).toBe(200);
    expect(res.headers.get('service-worker-allowed')).toBe('/');
    expect(res.headers.get('cache-control')).toBe('no-cache');
    expect(await res.text()).toMatch(/^self\.NEUVO_VERSION = "[\w-]{16}";\n/);
  });
});
