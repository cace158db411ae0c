/**
 * Output that stays inert whatever the input: absolute URLs from the configured origin and never
 * the Host header (even through the page cache), iCalendar text escaped, reply addresses that
 * cannot grow into a mail with other recipients, and bad addresses answered 400 or 404, not 500.
 */
import { sql } from 'drizzle-orm';
import ICAL from 'ical.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/app.ts';
import { createRepositories } from '../../src/db/repositories.ts';
import { queryRows } from '../../src/db/store.ts';
import { createAuthService } from '../../src/services/auth-service.ts';
import { createImportService } from '../../src/services/import-service.ts';
import { readEspoo, TUESDAY_2026_12_01 } from '../helpers/espoo.ts';
import { publishEspooSchedule } from '../helpers/schedule.ts';
import { createTestStore, type TestStore } from '../helpers/store.ts';

let store: TestStore;
let app: ReturnType<typeof createApp>;
beforeAll(async () => {
  store = await createTestStore();
  expect((await createImportService(store).importCity(readEspoo)).ok).toBe(true);
  await publishEspooSchedule(store);
  app = createApp({
    store,
    now: () => TUESDAY_2026_12_01,
    publicUrl: 'https://palvelut.example.fi',
    pageCacheSeconds: 60,
    trustedProxies: 1,
  });
});
afterAll(async () => {
  await store?.destroy();
});

describe('absolute URLs', () => {
  it('come from the configured origin, whatever Host a request names, also for the next visitor', async () => {
    for (const path of ['/sitemap.xml', '/robots.txt', '/calendar/all.ics', '/sv/calendar/all.ics']) {
      const poisoned = await app.request(`http://evil.example${path}`, { headers: { host: 'evil.example' } });
      expect(poisoned.status, path).toBe(200);
      expect(await poisoned.text(), path).not.toContain('evil.example');
      const next = await (await app.request(`http://localhost${path}`)).text();
      expect(next, path).not.toContain('evil.example');
      expect(next, path).toContain('https://palvelut.example.fi/');
    }
  });
});

describe('calendar text', () => {
  it('escapes a name with line breaks and control characters: no property or event can be injected', async () => {
    await queryRows(
      store.db,
      sql`update areas set name_en = ${'Evil\r\nBEGIN:VEVENT\r\nSUMMARY:injected\r\nEND:VEVENT\u0001, X'} where id = 'suur-espoonlahti'`,
    );
    const res = await app.request('/en/calendar/districts/suur-espoonlahti.ics');
    expect(res.status).toBe(200);
    const text = await res.text();
    expect(text).not.toContain('\u0001');
    expect(text).not.toMatch(/^SUMMARY:injected/m);
    const calendar = new ICAL.Component(ICAL.parse(text));
    // ical.js leaves an unknown property's value escaped: the name is one value holding "\n".
    const calname = String(calendar.getFirstPropertyValue('x-wr-calname'));
    expect(calname).toContain('Evil\\nBEGIN:VEVENT\\nSUMMARY:injected\\nEND:VEVENT');
    expect(calendar.getAllProperties().filter((p) => p.name === 'summary')).toHaveLength(0);
    for (const event of calendar.getAllSubcomponents('vevent'))
      expect(String(event.getFirstPropertyValue('summary'))).not.toBe('injected');
  });
});

describe('reply addresses', () => {
  const post = (replyTo: string, message = 'Kiitos') =>
    app.request('/feedback', {
      method: 'POST',
      headers: {
        accept: 'text/html',
        'content-type': 'application/x-www-form-urlencoded',
        'x-forwarded-for': '198.51.100.30',
      },
      body: new URLSearchParams({ message, page: '', replyTo }).toString(),
    });

  it('are plain addresses: one with a query, extra recipients or a line break is refused with the field named', async () => {
    for (const bad of [
      'a@b.fi?bcc=x@evil.example',
      'a@b.fi?bcc=x%40evil.example',
      'a@b.fi,c@d.fi',
      'a@b.fi\r\nBcc: x@evil.example',
      'a@b.fi#x',
    ]) {
      const res = await post(bad);
      expect(res.status, bad).toBe(400);
      expect(await res.text(), bad).toMatch(/Sähköpostiosoite ei näytä oikealta|ohjausmerkkejä/);
    }
    expect((await post('Matti.Meikäläinen@esimerkki.fi')).status).toBe(303);
  });

  it('refuses a NUL in any field with the field named, not a 500', async () => {
    const res = await post('', 'Hei\u0000maailma');
    expect(res.status).toBe(400);
    expect(await res.text()).toContain('Tekstissä on ohjausmerkkejä');
  });

  it('are shown to administrators only, and as a link only when plain', async () => {
    await queryRows(
      store.db,
      sql`insert into feedback (lang, message, reply_to) values ('fi', 'vanha osoite', 'a@b.fi?bcc=x%40evil.example')`,
    );
    const auth = createAuthService({
      store,
      repos: createRepositories(store.db),
      now: () => TUESDAY_2026_12_01,
    });
    for (const [email, roles] of [
      ['planner@example.org', ['planner']],
      ['admin@example.org', ['admin']],
    ] as const)
      await auth.addUser({ email, displayName: email, roles: [...roles], password: 'long enough password' });
    const view = async (email: string) => {
      const login = await auth.login(email, 'long enough password', '198.51.100.31');
      if (!login.ok) throw new Error('login failed');
      return (
        await app.request('/en/planner/feedback', { headers: { cookie: `neuvo_session=${login.token}` } })
      ).text();
    };
    const planner = await view('planner@example.org');
    expect(planner).toContain('vanha osoite');
    expect(planner).not.toContain('Matti.Meikäläinen@esimerkki.fi');
    expect(planner).toContain('shown to administrators');
    const admin = await view('admin@example.org');
    expect(admin).toContain('href="mailto:Matti.Meikäläinen@esimerkki.fi"');
    expect(admin).not.toContain('href="mailto:a@b.fi?bcc');
  });
});

describe('bad addresses', () => {
  it('answer 400 or 404 pages, never 500', async () => {
    for (const [path, status] of [
      ['/places/%00', 400],
      ['/near?q=%00', 400],
      ['/places/%E0%A4%A', 400],
      ['/calendar/places/%25zz.ics', 404],
      ['/sv/calendar/visits/%25.ics', 404],
    ] as const) {
      const res = await app.request(path, { headers: { accept: 'text/html' } });
      expect(res.status, path).toBe(status);
      expect(res.headers.get('content-type'), path).toContain('text/html');
    }
  });
});
