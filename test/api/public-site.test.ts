/**
 * The residents' site in-process: find help near a postal code or district, the schedule with
 * its filters and cancelled visits, place pages, topics, timetables, the accessibility
 * statement and feedback, calendar feeds (parsed with ical.js), the sitemap, and the headers
 * every public response carries.
 */

import { sql } from 'drizzle-orm';
import ICAL from 'ical.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/app.ts';
import type { StoredVisit } from '../../src/db/repositories/plan-repository.ts';
import { createRepositories } from '../../src/db/repositories.ts';
import { queryRows } from '../../src/db/store.ts';
import { createAuthService } from '../../src/services/auth-service.ts';
import { createFeedbackService } from '../../src/services/feedback-service.ts';
import { createImportService } from '../../src/services/import-service.ts';
import { readEspoo, TUESDAY_2026_12_01 } from '../helpers/espoo.ts';
import { publishEspooSchedule } from '../helpers/schedule.ts';
import { createTestStore, type TestStore } from '../helpers/store.ts';

let store: TestStore;
let published: StoredVisit[];
let cancelled: StoredVisit;
let app: ReturnType<typeof createApp>;

beforeAll(async () => {
  store = await createTestStore();
  expect((await createImportService(store).importEspoo(readEspoo)).ok).toBe(true);
  ({ published, cancelled } = await publishEspooSchedule(store));
  app = createApp({ store, now: () => TUESDAY_2026_12_01 });
});
afterAll(async () => {
  await store?.destroy();
});

const get = async (path: string, headers: Record<string, string> = {}) => {
  const res = await app.request(path, { headers: { accept: 'text/html', ...headers } });
  return { res, body: await res.text() };
};

const PAGE_TYPES = [
  '/',
  '/near?q=02320',
  '/schedule',
  '/places/LIB_SELLO',
  '/places/SP_MATINKYLA',
  '/services',
  '/print/districts/suur-espoonlahti',
  '/print/places/LIB_SELLO',
  '/accessibility',
  '/feedback',
];
const localised = (path: string) => [
  path,
  `/sv${path === '/' ? '' : path}`,
  `/en${path === '/' ? '' : path}`,
];

describe('every public page type', () => {
  it.each(PAGE_TYPES.flatMap(localised))('%s: language, alternates, headers, size', async (path) => {
    const { res, body } = await get(path);
    expect(res.status).toBe(200);
    const lang = path.startsWith('/sv') ? 'sv' : path.startsWith('/en') ? 'en' : 'fi';
    expect(body).toContain(`<html lang="${lang}">`);
    for (const l of ['fi', 'sv', 'en']) expect(body).toContain(`hreflang="${l}"`);
    // Security headers on every page; public pages allow no inline script or style.
    const csp = res.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("style-src 'self'");
    expect(csp).not.toContain('unsafe-inline');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('x-frame-options')).toBe('SAMEORIGIN');
    expect(res.headers.get('referrer-policy')).toBe('strict-origin-when-cross-origin');
    // No client framework: at most the search form's location button, or the schedule's map.
    const scripts = [...body.matchAll(/<script[^>]*src="([^"]+)"/g)].map((m) => m[1]);
    expect(scripts.every((s) => s === '/assets/locate.js' || s === '/assets/client/public-map.js')).toBe(
      true,
    );
    expect(body).not.toMatch(/<script(?![^>]*src=)/);
    // HTML + CSS under 100 KB.
    const css = await (await app.request('/assets/site.css')).text();
    expect(new TextEncoder().encode(body + css).length).toBeLessThan(100_000);
  });

  it('serves the schedule’s map data: districts and the week’s places with links', async () => {
    const res = await app.request('/map/schedule.geojson?week=2026-W50&district=suur-espoonlahti');
    expect(res.status).toBe(200);
    const data = (await res.json()) as {
      features: { properties: { kind: string; visits?: number; paths?: Record<string, string> } }[];
    };
    const kinds = data.features.map((f) => f.properties.kind);
    expect(kinds.filter((k) => k === 'district').length).toBeGreaterThanOrEqual(7);
    const venues = data.features.filter((f) => f.properties.kind === 'venue');
    expect(venues.length).toBeGreaterThan(0);
    const week = published.filter((v) => v.date >= '2026-12-07' && v.date <= '2026-12-13');
    const inDistrict = venues.reduce((n, f) => n + (f.properties.visits ?? 0), 0);
    expect(inDistrict).toBeLessThan(week.length);
    expect(venues[0]?.properties.paths?.sv).toMatch(/^\/sv\/places\//);
  });

  it('serves the near page’s map data, and 404 for a place it cannot find', async () => {
    const res = await app.request('/map/near.geojson?q=02320&slow=1');
    expect(res.status).toBe(200);
    const data = (await res.json()) as { features: { properties: { kind: string; minutes?: number } }[] };
    const kinds = data.features.map((f) => f.properties.kind);
    expect(kinds.filter((k) => k === 'origin')).toHaveLength(1);
    expect(kinds).toContain('venue');
    expect(kinds.filter((k) => k === 'point').length).toBe(4);
    expect((await app.request('/map/near.geojson?q=99999')).status).toBe(404);
  });

  it('sends caching headers and answers a revalidation with 304', async () => {
    const first = await get('/en/schedule');
    expect(first.res.headers.get('cache-control')).toBe('public, max-age=60');
    const etag = first.res.headers.get('etag');
    expect(etag).toBeTruthy();
    const again = await app.request('/en/schedule', { headers: { 'if-none-match': etag ?? '' } });
    expect(again.status).toBe(304);
  });
});

describe('find help near you', () => {
  it('answers 02320 with the next visits nearby and the service points by travel time', async () => {
    const { body } = await get('/en/near?q=02320');
    expect(body).toContain('<h1>Help near 02320 Espoonlahti</h1>');
    const minutes = [...body.matchAll(/about (\d+) min by public transport/g)].map((m) => Number(m[1]));
    expect(minutes.length).toBeGreaterThan(4);
    // Service points come in order of travel time.
    const pointsSection = body.slice(body.indexOf('id="points-heading"'));
    const pointMinutes = [...pointsSection.matchAll(/about (\d+) min/g)].map((m) => Number(m[1]));
    expect(pointMinutes).toEqual([...pointMinutes].sort((a, b) => a - b));
    // Every listed visit is a published one from now on, with an "add to calendar" link.
    const visitIds = [...body.matchAll(/\/en\/calendar\/visits\/([0-9a-f-]{36})\.ics/g)].map((m) => m[1]);
    expect(visitIds.length).toBeGreaterThan(0);
    const byId = new Map<string, StoredVisit>(published.map((v) => [v.id, v]));
    for (const id of visitIds) expect(byId.get(id ?? '')?.date ?? '').toMatch(/^2026-12/);
  });

  it('finds a district by name in any language, and counts slow walking when asked', async () => {
    const fast = await get('/sv/near?q=Stor-Esboviken');
    expect(fast.res.status).toBe(200);
    expect(fast.body).toContain('<h1>Hjälp nära: Stor-Esboviken</h1>');
    const slow = await get('/en/near?q=suur-espoonlahti&slow=1');
    expect(slow.body).toContain('walking slowly');
    expect(slow.body).toMatch(/name="slow" value="1" checked/);
  });

  it('uses the browser’s position when it is in the city', async () => {
    const area = await createRepositories(store.db).areas.get('02320' as never);
    const { lat, lon } = area?.centroid ?? { lat: 0, lon: 0 };
    const { body } = await get(`/en/near?lat=${lat}&lon=${lon}`);
    expect(body).toContain('<h1>Help near 02320 Espoonlahti</h1>');
  });

  it.each([
    ['/near?q=99999', 'Emme löytäneet: 99999', 'href="/near?q=02970"'],
    ['/en/near?q=Tampere', 'We could not find: Tampere', 'href="/en/near?q=Suur-Espoonlahti"'],
    ['/sv/near?lat=61.5&lon=23.8', 'Vi hittade inte', 'name="q"'],
  ])('answers an unknown place (%s) with a helpful page, not an error', async (path, title, hint) => {
    const { res, body } = await get(path);
    expect(res.status).toBe(200);
    expect(body).toContain(title);
    expect(body).toContain(hint);
  });

  it('escapes what was typed and goes back to the form when nothing was', async () => {
    const { body } = await get(`/en/near?q=${encodeURIComponent('<script>alert(1)</script>')}`);
    expect(body).not.toContain('<script>alert');
    expect(body).toContain('&lt;script&gt;');
    const empty = await app.request('/en/near?q=');
    expect(empty.status).toBe(302);
    expect(empty.headers.get('location')).toBe('/en');
  });
});

describe('schedule', () => {
  it('lists the week by day, with the cancelled visit kept as cancelled with its reason', async () => {
    const { body } = await get('/en/schedule?week=2026-W49');
    expect(body).toContain('Week 49: 30 Nov 2026–6 Dec 2026');
    const week = published.filter((v) => v.date >= '2026-11-30' && v.date <= '2026-12-06');
    expect(body.match(/class="visit-when"/g)?.length).toBe(week.length + 1);
    expect(body).toContain('class="cancelled"');
    expect(body).toContain(`Cancelled: ${cancelled.cancelNote?.en}`);
    expect(body).toContain('href="/en/schedule?week=2026-W50"');
  });

  it('filters by district, language and topic', async () => {
    const all = await get('/en/schedule?week=2026-W50');
    const district = await get('/en/schedule?week=2026-W50&district=suur-espoonlahti');
    const count = (s: string) => s.match(/class="visit-when"/g)?.length ?? 0;
    expect(count(district.body)).toBeGreaterThan(0);
    expect(count(district.body)).toBeLessThan(count(all.body));
    expect(district.body).toContain('/en/calendar/districts/suur-espoonlahti.ics');
    expect(district.body).toContain('/en/print/districts/suur-espoonlahti');
    const swedish = await get('/en/schedule?week=2026-W50&language=sv');
    expect(count(swedish.body)).toBeLessThan(count(all.body));
    expect(
      [...swedish.body.matchAll(/Advisors speak: ([^<]+)</g)].every((m) => m[1]?.includes('Swedish')),
    ).toBe(true);
    const topic = await get('/en/schedule?week=2026-W50&topic=device-help');
    expect(count(topic.body)).toBeGreaterThan(0);
  });

  it('ignores an unknown filter or week and says so', async () => {
    const { res, body } = await get('/sv/schedule?district=atlantis&week=2026-W99');
    expect(res.status).toBe(200);
    expect(body).toContain('Valet ”atlantis” kändes inte igen');
    expect(body).toContain('Valet ”2026-W99” kändes inte igen');
    expect(body).toContain('Vecka 49');
  });
});

describe('places, topics, timetables, statement', () => {
  it('shows a place’s visits, hours with holidays, how to get there and accessibility', async () => {
    const { body } = await get('/places/SP_MATINKYLA');
    expect(body).toMatch(/Suljettu: [Ii]tsenäisyyspäivä/);
    expect(body).toContain('https://reittiopas.hsl.fi/reitti/-/');
    expect(body).toContain('Esteettömyys');
    const venue = published[0] as StoredVisit;
    const place = await get(`/en/places/${venue.venueId}`);
    expect(place.body).toContain('Mobile service visits here');
    expect(place.body).toContain(`/en/calendar/places/${venue.venueId}.ics`);
  });

  it('names a bilingual town in Swedish on Swedish pages', async () => {
    expect((await get('/sv/places/SP_MATINKYLA')).body).toContain('Piispansilta 11, 02230 Esbo');
    expect((await get('/places/SP_MATINKYLA')).body).toContain('Piispansilta 11, 02230 Espoo');
  });

  it('answers an unknown place with a 404 page in the right language', async () => {
    const { res, body } = await get('/sv/places/NOWHERE');
    expect(res.status).toBe(404);
    expect(body).toContain('Platsen hittades inte');
  });

  it('tells what can be done where, with links to the online services', async () => {
    const { body } = await get('/en/services');
    expect(body).toContain('At a mobile service visit');
    expect(body).toMatch(/<a href="https:\/\/[^"]+" rel="external noopener">Go to the online service/);
  });

  it('prints a district’s timetable by regular weekday and time', async () => {
    const { body } = await get('/print/districts/suur-espoonlahti');
    expect(body).toContain('class="printable"');
    expect(body).toMatch(
      /(maanantaisin|tiistaisin|keskiviikkoisin|torstaisin|perjantaisin) klo \d+\.\d\d–\d+\.\d\d/,
    );
    expect(body).toMatch(/Päivät: \d+\.12\./);
    const unknown = await get('/en/print/districts/nowhere');
    expect(unknown.res.status).toBe(404);
  });

  it('has an accessibility statement with a feedback channel and the supervisory authority', async () => {
    const { body } = await get('/en/accessibility');
    expect(body).toContain('306/2019');
    expect(body).toContain('href="/en/feedback?page=accessibility"');
    expect(body).toContain('Traficom');
  });
});

describe('feedback', () => {
  const post = (path: string, form: Record<string, string>, origin = 'http://localhost') =>
    app.request(path, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin },
      body: new URLSearchParams(form).toString(),
    });

  it('saves feedback and says thank you', async () => {
    const res = await post('/en/feedback', {
      message: 'The map is great',
      page: '/en/schedule',
      replyTo: '',
    });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/en/feedback?sent=1');
    const saved = await createRepositories(store.db).feedback.list();
    expect(saved.map((f) => f.message)).toContain('The map is great');
    const thanks = await get('/en/feedback?sent=1');
    expect(thanks.body).toContain('Thank you for your feedback');
  });

  it('refuses an empty message or a bad address with the form and the errors, keeping what was typed', async () => {
    const res = await post('/sv/feedback', { message: '  ', page: '', replyTo: 'not-an-address' });
    expect(res.status).toBe(400);
    const body = await res.text();
    expect(body).toContain('Skriv din respons innan du skickar.');
    expect(body).toContain('E-postadressen ser inte rätt ut.');
    expect(body).toContain('value="not-an-address"');
    expect(body).toContain('aria-invalid="true"');
  });

  it('refuses a post from another site', async () => {
    const res = await post('/feedback', { message: 'x', page: '', replyTo: '' }, 'https://evil.example');
    expect(res.status).toBe(403);
  });

  it('shows staff the feedback, to planners only', async () => {
    const auth = createAuthService({
      store,
      repos: createRepositories(store.db),
      now: () => TUESDAY_2026_12_01,
    });
    await auth.addUser({
      email: 'pia@example.org',
      displayName: 'Pia',
      roles: ['planner'],
      password: 'correct horse battery',
    });
    const login = await auth.login('pia@example.org', 'correct horse battery');
    if (!login.ok) throw new Error('login failed');
    const anonymous = await app.request('/en/planner/feedback', { headers: { accept: 'text/html' } });
    expect(anonymous.status).toBe(303);
    expect(anonymous.headers.get('location')).toContain('/en/login');
    const res = await app.request('/en/planner/feedback', {
      headers: { accept: 'text/html', cookie: `neuvo_session=${login.token}` },
    });
    expect(res.status).toBe(200);
    const body = await res.text();
    expect(body).toContain('Residents’ feedback');
    expect(body).toContain('The map is great');
    expect(res.headers.get('cache-control')).toContain('no-store');
  });

  it('gives the session cookie a lifetime the browser counts on its own clock, not a date from the server’s', async () => {
    await createAuthService({
      store,
      repos: createRepositories(store.db),
      now: () => TUESDAY_2026_12_01,
    }).addUser({
      email: 'cookie@example.org',
      displayName: 'Cookie',
      roles: ['planner'],
      password: 'correct horse battery',
    });
    const res = await app.request('/en/login', {
      method: 'POST',
      body: new URLSearchParams({
        email: 'cookie@example.org',
        password: 'correct horse battery',
        next: '/en/planner',
      }),
    });
    expect(res.status).toBe(303);
    const cookie = res.headers.get('set-cookie') ?? '';
    expect(cookie).toContain('Max-Age=28800');
    expect(cookie).not.toMatch(/expires=/i);
    expect(cookie).toMatch(/HttpOnly/i);
  });

  it('clears reply addresses after the retention period, by the retention job', async () => {
    await queryRows(
      store.db,
      sql`insert into feedback (lang, message, reply_to, created_at) values ('fi', 'vanha', 'a@b.fi', now() - interval '400 days')`,
    );
    expect((await post('/feedback', { message: 'uusi', page: '', replyTo: 'c@d.fi' })).status).toBe(303);
    expect(await createFeedbackService({ store }).enforceRetention()).toEqual({
      replyAddresses: 1,
      messages: 0,
    });
    const rows = await createRepositories(store.db).feedback.list();
    expect(rows.find((r) => r.message === 'vanha')?.replyTo).toBeNull();
    expect(rows.find((r) => r.message === 'uusi')?.replyTo).toBe('c@d.fi');
  });
});

describe('calendar feeds', () => {
  const parse = (text: string) => new ICAL.Component(ICAL.parse(text));

  it('lists every visit with a stable UID, Helsinki times with VTIMEZONE, and the cancelled one as cancelled', async () => {
    const res = await app.request('/en/calendar/all.ics');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/calendar');
    const text = await res.text();
    const cal = parse(text);
    const tz = cal.getFirstSubcomponent('vtimezone');
    expect(tz?.getFirstPropertyValue('tzid')).toBe('Europe/Helsinki');
    const events = cal.getAllSubcomponents('vevent').map((e) => new ICAL.Event(e));
    // From a week back to the horizon: every published visit of the plan and the cancelled one.
    const expected = [...published.filter((v) => v.date >= '2026-11-24'), cancelled];
    expect(events.map((e) => e.uid).sort()).toEqual(expected.map((v) => `${v.id}@neuvo`).sort());
    const byUid = new Map(events.map((e) => [e.uid, e]));
    const sample = published[0] as StoredVisit;
    const event = byUid.get(`${sample.id}@neuvo`);
    expect(event?.startDate.toString()).toBe(`${sample.date}T${sample.start}:00`);
    expect(event?.startDate.zone?.tzid).toBe('Europe/Helsinki');
    // 1 December 2026 is winter time (UTC+2).
    expect(event?.startDate.toJSDate().toISOString()).toBe(
      new Date(`${sample.date}T${sample.start}:00+02:00`).toISOString(),
    );
    const gone = byUid.get(`${cancelled.id}@neuvo`);
    expect(gone?.component.getFirstPropertyValue('status')).toBe('CANCELLED');
    expect(gone?.summary).toMatch(/^CANCELLED/);
    expect(text).toMatch(/^DTSTAMP:\d{8}T\d{6}Z\r?$/m);
    // The same UIDs on the next fetch.
    const again = parse(await (await app.request('/en/calendar/all.ics')).text());
    expect(
      again
        .getAllSubcomponents('vevent')
        .map((e) => new ICAL.Event(e).uid)
        .sort(),
    ).toEqual(events.map((e) => e.uid).sort());
  });

  it('has a feed per district, per place and per visit, in the page’s language', async () => {
    const district = parse(await (await app.request('/sv/calendar/districts/suur-espoonlahti.ics')).text());
    const places = new Set(
      district.getAllSubcomponents('vevent').map((e) => new ICAL.Event(e).location.split(',')[0]),
    );
    expect(places.size).toBeGreaterThan(0);
    expect(district.getFirstPropertyValue('x-wr-calname')).toContain('Stor-Esboviken');
    const venue = (published[0] as StoredVisit).venueId;
    const place = parse(await (await app.request(`/calendar/places/${venue}.ics`)).text());
    const placeEvents = place.getAllSubcomponents('vevent');
    expect(placeEvents.length).toBe(
      [...published, cancelled].filter((v) => v.venueId === venue && v.date >= '2026-11-24').length,
    );
    const one = await app.request(`/calendar/visits/${(published[0] as StoredVisit).id}.ics`);
    expect(one.headers.get('content-disposition')).toContain('attachment');
    const single = parse(await one.text()).getAllSubcomponents('vevent');
    expect(single).toHaveLength(1);
    expect(new ICAL.Event(single[0]).summary).toMatch(/^Liikkuva palvelu: /);
    expect((await app.request('/calendar/visits/not-a-visit.ics')).status).toBe(404);
    expect((await app.request('/calendar/districts/atlantis.ics')).status).toBe(404);
  });
});

describe('sitemap', () => {
  it('lists every public page in every language, and every listed page answers 200', async () => {
    const res = await app.request('http://localhost/sitemap.xml');
    expect(res.headers.get('content-type')).toContain('application/xml');
    const xml = await res.text();
    const locs = [...xml.matchAll(/<loc>([^<]+)<\/loc>/g)].map((m) => new URL(m[1] ?? '').pathname);
    for (const path of PAGE_TYPES.filter((p) => !p.includes('?')).flatMap(localised))
      expect(locs, path).toContain(path);
    // Every venue with visits has its page; each page lists its alternates.
    for (const venue of new Set(published.map((v) => v.venueId)))
      expect(locs).toContain(`/sv/places/${venue}`);
    expect(xml).toContain('hreflang="sv"');
    for (const path of locs) expect((await app.request(path)).status, path).toBe(200);
  });
});
