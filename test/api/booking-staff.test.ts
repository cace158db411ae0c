/**
 * The staff side of bookings over HTTP, on the small booking world: the advisor's day view lists
 * each visit's bookings; an advisor staffed on the visit (or an admin) marks them attended or
 * no-show by a plain form post, anyone else is refused; the planner's page shows the week's
 * counts and fill rates (checked against figures worked out by hand), and each venue's booking
 * rule is set (checked field by field, what was typed kept) and reset, changing the slots.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/app.ts';
import { createRepositories } from '../../src/db/repositories.ts';
import { createAuthService } from '../../src/services/auth-service.ts';
import { createBookingService } from '../../src/services/booking/booking-service.ts';
import { BOOKING_NOW, publishVisits, seedBookingWorld } from '../helpers/booking.ts';
import { createTestStore, type TestStore } from '../helpers/store.ts';

const ORIGIN = 'http://localhost';
const PASSWORD = 'correct horse battery';
const ACCOUNTS = {
  aino: { email: 'aino@example.org', displayName: 'Aino', roles: ['advisor'], advisorId: 'A1' },
  bashir: { email: 'bashir@example.org', displayName: 'Bashir', roles: ['advisor'], advisorId: 'A2' },
  planner: { email: 'pia@example.org', displayName: 'Pia', roles: ['planner'], advisorId: null },
  admin: { email: 'root@example.org', displayName: 'Admin', roles: ['admin'], advisorId: null },
} as const;

let store: TestStore;
let app: ReturnType<typeof createApp>;
const cookie: Record<keyof typeof ACCOUNTS, string> = { aino: '', bashir: '', planner: '', admin: '' };
/** Today 13–15 with Aino alone; Thursday 10–15 with both; next week's. */
const visit = { today: '', thursday: '', nextWeek: '' };
/** Today's two bookings (Maija's with a topic and an interpreter), Thursday's three (one cancelled). */
const booking = { maija: '', plain: '', thursdayCancelled: '' };

const service = () =>
  createBookingService({
    store,
    repos: createRepositories(store.db),
    now: () => BOOKING_NOW,
    known: async () => ({ languages: ['fi', 'sv', 'en', 'ar'], topicIds: ['kela'] }),
    links: { manageUrl: (lang, token) => `https://example.org/${lang}/bookings/${token}` },
  });

beforeAll(async () => {
  store = await createTestStore();
  await seedBookingWorld(store);
  [visit.today, visit.thursday, visit.nextWeek] = (await publishVisits(store, [
    { date: '2026-12-01', start: '13:00', end: '15:00', advisorIds: ['A1'] },
    { date: '2026-12-03', start: '10:00', end: '15:00' },
    { date: '2026-12-08', start: '13:00', end: '15:00' },
  ])) as [string, string, string];
  const s = service();
  const book = async (visitId: string, input: Parameters<typeof s.book>[1]) => {
    const r = await s.book(visitId, input);
    if (!r.ok) throw new Error(JSON.stringify(r.problems));
    return r;
  };
  booking.maija = (
    await book(visit.today, {
      start: '13:00',
      language: 'ar',
      topicId: 'kela',
      needs: ['interpreter'],
      firstName: 'Maija',
      lang: 'fi',
    })
  ).booking.id;
  booking.plain = (await book(visit.today, { start: '14:00', language: 'fi', lang: 'fi' })).booking.id;
  await book(visit.thursday, { start: '10:00', language: 'fi', lang: 'fi' });
  await book(visit.thursday, { start: '10:00', language: 'sv', lang: 'sv' });
  const gone = await book(visit.thursday, { start: '11:00', language: 'en', lang: 'en' });
  booking.thursdayCancelled = gone.booking.id;
  expect(await s.cancel(gone.token)).toBe('cancelled');

  const auth = createAuthService({ store, repos: createRepositories(store.db), now: () => BOOKING_NOW });
  for (const [key, account] of Object.entries(ACCOUNTS) as [
    keyof typeof ACCOUNTS,
    (typeof ACCOUNTS)[keyof typeof ACCOUNTS],
  ][]) {
    await auth.addUser({ ...account, roles: [...account.roles], password: PASSWORD });
    const r = await auth.login(account.email, PASSWORD);
    if (!r.ok) throw new Error(`could not sign in as ${key}`);
    cookie[key] = `neuvo_session=${r.token}`;
  }
  app = createApp({ store, now: () => BOOKING_NOW });
});
afterAll(async () => {
  await store?.destroy();
});

const get = async (path: string, who: keyof typeof ACCOUNTS) => {
  const res = await app.request(`${ORIGIN}${path}`, {
    headers: { cookie: cookie[who], accept: 'text/html' },
  });
  return { res, html: await res.text() };
};
const post = (path: string, fields: [string, string][], who: keyof typeof ACCOUNTS, origin = ORIGIN) =>
  app.request(`${ORIGIN}${path}`, {
    method: 'POST',
    headers: {
      cookie: cookie[who],
      origin,
      accept: 'text/html',
      'content-type': 'application/x-www-form-urlencoded',
    },
    body: new URLSearchParams(fields).toString(),
  });
/** The text of some HTML without its tags, with single spaces. */
const text = (html: string) =>
  html
    .replace(/<[^>]+>/g, ' ')
    .replace(/&nbsp;|\u00a0/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
/** The bookings (one list item each) as text. */
const rows = (html: string) =>
  [...html.matchAll(/<li id="b-[^"]*"[^>]*>([\s\S]*?)<\/li>/g)].map((m) => text(m[1] ?? ''));
/** Rows of the tables as text. */
const tableRows = (html: string) =>
  [...html.matchAll(/<tr[^>]*>([\s\S]*?)<\/tr>/g)].map((m) => text(m[1] ?? ''));
const statusOf = async (id: string) => (await createRepositories(store.db).bookings.byId(id))?.status;

describe('the advisor’s day view', () => {
  it('lists each visit’s bookings by time, with the mark buttons', async () => {
    const { res, html } = await get('/advisor/', 'aino');
    expect(res.status).toBe(200);
    const today = rows(html).filter((r) => r.startsWith('13.00–13.30') || r.startsWith('14.00–14.30'));
    expect(today).toHaveLength(2);
    expect(today[0]).toMatch(
      /^13\.00–13\.30 Varaustunnus B-\w{4}-\w{4} Etunimi Maija Aihe Kela Kieli arabia Tarpeet Tulkki Tila Varattu Saapui .* Ei saapunut/,
    );
    expect(today[1]).toMatch(
      /^14\.00–14\.30 Varaustunnus B-\w{4}-\w{4} Etunimi — Aihe Muu asia Kieli suomi Tarpeet Ei tarpeita Tila Varattu/,
    );
    expect(html).toContain(`action="/advisor/bookings/${booking.maija}/mark"`);
    // The cancelled booking on Thursday is listed, without buttons.
    expect(rows(html).some((r) => /^11\.00–11\.30 .* Tila Peruttu$/.test(r))).toBe(true);
    expect(html).not.toContain(`/advisor/bookings/${booking.thursdayCancelled}/mark`);
  });

  it('lets the advisor on the visit mark attended and no-show, and correct a mark', async () => {
    const res = await post(`/advisor/bookings/${booking.maija}/mark`, [['status', 'attended']], 'aino');
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe(`/advisor/?marked=${booking.maija}#b-${booking.maija}`);
    expect(await statusOf(booking.maija)).toBe('attended');
    const after = await get(res.headers.get('location') ?? '', 'aino');
    expect(text(after.html)).toMatch(/Varaus B-\w{4}-\w{4}: Saapui\./);

    expect(
      (await post(`/en/advisor/bookings/${booking.plain}/mark`, [['status', 'attended']], 'aino')).status,
    ).toBe(303);
    expect(
      (await post(`/advisor/bookings/${booking.plain}/mark`, [['status', 'no-show']], 'aino')).status,
    ).toBe(303);
    expect(await statusOf(booking.plain)).toBe('no-show');
    const audit = await createRepositories(store.db).audit.search(
      { action: 'booking.mark' },
      { offset: 0, limit: 10 },
    );
    expect(audit.items.map((a) => [a.targetId, a.details?.status])).toContainEqual([
      booking.plain,
      'no-show',
    ]);
  });

  it('refuses anyone not on the visit, a post from another site, a bad status and a cancelled booking', async () => {
    expect(
      (await post(`/advisor/bookings/${booking.maija}/mark`, [['status', 'no-show']], 'bashir')).status,
    ).toBe(403);
    expect(
      (
        await post(
          `/advisor/bookings/${booking.maija}/mark`,
          [['status', 'no-show']],
          'aino',
          'https://evil.example',
        )
      ).status,
    ).toBe(403);
    expect(
      (await post(`/advisor/bookings/${booking.maija}/mark`, [['status', 'no-show']], 'planner')).status,
    ).toBe(403);
    expect(await statusOf(booking.maija)).toBe('attended');
    const bad = await post(`/advisor/bookings/${booking.maija}/mark`, [['status', 'cancelled']], 'aino');
    expect(bad.status).toBe(400);
    expect(text(await bad.text())).toContain('Valitse Saapui tai Ei saapunut.');
    const gone = await post(
      `/advisor/bookings/${booking.thursdayCancelled}/mark`,
      [['status', 'attended']],
      'bashir',
    );
    expect(gone.status).toBe(404);
    expect(text(await gone.text())).toContain('Varausta ei löytynyt, tai se on peruttu.');
    // An admin may correct any mark.
    expect(
      (await post(`/advisor/bookings/${booking.maija}/mark`, [['status', 'attended']], 'admin')).status,
    ).toBe(303);
  });
});

describe('the planner’s bookings page', () => {
  it('shows this week’s counts and fill rates per visit, per venue and for the week', async () => {
    const { res, html } = await get('/planner/bookings', 'planner');
    expect(res.status).toBe(200);
    expect(text(html)).toContain('Viikko 49: 30.11.2026–6.12.2026');
    const all = tableRows(html);
    // Today: 2 bookable half hours × 1 advisor; 1 attended, 1 no-show → 2/2.
    expect(all).toContain('ti 1.12.2026 13.00–15.00 Aino 2 0 1 1 0 100 %');
    // Thursday: 5 bookable half hours of 10 × 2 advisors; 2 booked, 1 cancelled → 2/10.
    expect(all).toContain('to 3.12.2026 10.00–15.00 Aino, Bashir 10 2 0 0 1 20 %');
    // The venue and the week: 4 standing bookings of 12 seats.
    expect(all).toContain('Yhteensä 12 2 1 1 1 33 %');
    expect(all).toContain('Kirjasto 12 2 1 1 1 33 %');
    expect(all).toContain('Koko viikko 12 2 1 1 1 33 %');
    expect(html).not.toContain('8.12.2026');
    // Another week, and one that is not a week.
    const next = await get('/en/planner/bookings?week=2026-W50', 'planner');
    expect(tableRows(next.html)).toContain('Tue, 8 Dec 2026 13:00–15:00 Aino, Bashir 4 0 0 0 0 0 %');
    const bad = await get('/planner/bookings?week=2026-53', 'planner');
    expect(bad.res.status).toBe(400);
    expect(text(bad.html)).toContain('Viikko ei kelpaa. Kirjoita se muodossa 2026-W49.');
    expect(bad.html).toContain('value="2026-53"');
    expect((await get('/planner/bookings', 'aino')).res.status).toBe(403);
  });

  it('sets a venue’s rule, checked field by field, and resets it; the slots follow', async () => {
    const slots = async () => {
      const r = await service().slots(visit.nextWeek);
      return r.ok ? r.items.map((s) => `${s.start}–${s.end}`) : r.refusal;
    };
    expect(await slots()).toEqual(['13:00–13:30', '14:00–14:30']);

    const bad = await post(
      '/planner/bookings/rules',
      [
        ['venueId', 'V1'],
        ['week', '2026-W50'],
        ['slotMinutes', '5'],
        ['walkInPercent', 'half'],
        ['action', 'save'],
      ],
      'planner',
    );
    expect(bad.status).toBe(400);
    const page = await bad.text();
    expect(text(page)).toContain('Sääntöä ei tallennettu. Korjaa merkityt kentät.');
    expect(page).toMatch(
      /<p class="field-error" id="rule-V1-slotMinutes-error">Kirjoita kokonaisluku väliltä 10–120\.<\/p>/,
    );
    expect(page).toMatch(/id="rule-V1-walkInPercent"[^>]*value="half"[^>]*aria-invalid="true"/);
    expect(page).toMatch(/id="rule-V1-slotMinutes"[^>]*value="5"/);
    expect(await slots()).toEqual(['13:00–13:30', '14:00–14:30']);

    const ok = await post(
      '/planner/bookings/rules',
      [
        ['venueId', 'V1'],
        ['week', '2026-W50'],
        ['slotMinutes', '60'],
        ['walkInPercent', '0'],
        ['action', 'save'],
      ],
      'planner',
    );
    expect(ok.status).toBe(303);
    expect(ok.headers.get('location')).toBe('/planner/bookings?week=2026-W50&saved=V1#rule-V1');
    expect(await slots()).toEqual(['13:00–14:00', '14:00–15:00']);
    const shown = await get(ok.headers.get('location') ?? '', 'planner');
    expect(text(shown.html)).toContain('Paikan Kirjasto sääntö tallennettiin.');
    expect(text(shown.html)).toContain('Oma sääntö: 60 min, 0 % ilman ajanvarausta');
    // Next week's visit now has 2 hour-long times × 2 advisors.
    expect(tableRows(shown.html)).toContain('ti 8.12.2026 13.00–15.00 Aino, Bashir 4 0 0 0 0 0 %');

    const reset = await post(
      '/planner/bookings/rules',
      [
        ['venueId', 'V1'],
        ['action', 'reset'],
      ],
      'planner',
    );
    expect(reset.status).toBe(303);
    expect(await slots()).toEqual(['13:00–13:30', '14:00–14:30']);
    const audit = await createRepositories(store.db).audit.search(
      { action: 'booking.rule' },
      { offset: 0, limit: 10 },
    );
    // The clock stands still in tests: the two entries share their time.
    expect(audit.items.map((a) => JSON.stringify(a.details)).sort()).toEqual([
      '{"reset":true}',
      '{"slotMinutes":60,"walkInPercent":0}',
    ]);

    expect(
      (
        await post(
          '/planner/bookings/rules',
          [
            ['venueId', 'NOPE'],
            ['action', 'reset'],
          ],
          'planner',
        )
      ).status,
    ).toBe(404);
    expect(
      (
        await post(
          '/planner/bookings/rules',
          [
            ['venueId', 'V1'],
            ['action', 'reset'],
          ],
          'planner',
          'https://evil.example',
        )
      ).status,
    ).toBe(403);
  });
});
