/**
 * The public booking pages over HTTP, in-process: the form (times, topic, language, needs,
 * optional name and contact), every refusal as the form again with the problem next to its
 * field and what was typed kept, the honeypot, the same-origin check, the rate limit in the
 * page's language, and the booker's own page by the private link: change, cancel, delete and
 * the calendar file.
 */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/app.ts';
import { queryRows } from '../../src/db/store.ts';
import { RATE_RULES } from '../../src/services/rate-limit.ts';
import { BOOKING_NOW, publishVisits, seedBookingWorld } from '../helpers/booking.ts';
import { createTestStore, type TestStore } from '../helpers/store.ts';

let store: TestStore;
let app: ReturnType<typeof createApp>;
/** A five-hour visit with two advisors tomorrow, a two-hour one with one, today's, past, cancelled. */
const visit = { open: '', small: '', today: '', past: '', cancelled: '', later: '' };

beforeAll(async () => {
  store = await createTestStore();
  await seedBookingWorld(store);
  const ids = await publishVisits(store, [
    { date: '2026-12-02', start: '10:00', end: '15:00' },
    { date: '2026-12-03', start: '13:00', end: '15:00', advisorIds: ['A1'] },
    { date: '2026-12-01', start: '08:00', end: '12:00' },
    { date: '2026-11-30', start: '13:00', end: '15:00' },
    { date: '2026-12-04', start: '13:00', end: '15:00', status: 'cancelled' },
    { date: '2026-12-09', start: '13:00', end: '15:00', advisorIds: ['A2'] },
  ]);
  for (const [i, key] of (['open', 'small', 'today', 'past', 'cancelled', 'later'] as const).entries())
    visit[key] = ids[i] as string;
  app = createApp({ store, now: () => BOOKING_NOW, trustedProxies: 1 });
});
afterAll(async () => {
  await store?.destroy();
});

let client = 0;
const nextAddress = () => `10.1.${client >> 8}.${client++ & 255}`;

const get = async (path: string, via = app) => {
  const res = await via.request(`http://localhost${path}`, { headers: { accept: 'text/html' } });
  return { res, html: await res.text() };
};

type Fields = Record<string, string | readonly string[]>;
const post = async (
  path: string,
  fields: Fields,
  options: { origin?: string; address?: string; via?: ReturnType<typeof createApp> } = {},
) => {
  const body = new URLSearchParams();
  for (const [name, value] of Object.entries(fields))
    for (const v of typeof value === 'string' ? [value] : value) body.append(name, v);
  const res = await (options.via ?? app).request(`http://localhost${path}`, {
    method: 'POST',
    headers: {
      accept: 'text/html',
      'content-type': 'application/x-www-form-urlencoded',
      origin: options.origin ?? 'http://localhost',
      'x-forwarded-for': options.address ?? nextAddress(),
    },
    body,
  });
  return { res, html: await res.text() };
};

const GOOD: Fields = {
  start: '11:00',
  topicId: 'kela',
  language: 'fi',
  needs: ['interpreter'],
  firstName: 'Maija',
  contact: 'maija@example.org',
  website: '',
};

const bookingCount = async () =>
  (await queryRows<{ n: number }>(store.db, sql`select count(*)::int as n from bookings`))[0]?.n ?? 0;

/** The field's error paragraph and the control pointing at it. */
const expectFieldError = (html: string, id: string, text: string) => {
  expect(html).toContain(`<p class="field-error" id="${id}-error">${text}</p>`);
  expect(html).toMatch(new RegExp(`id="${id}"[^>]*aria-invalid="true"[^>]*aria-describedby="${id}-error`));
  // The summary at the top links to the field.
  expect(html).toContain(`<a href="#${id}">${text}</a>`);
};

describe('the booking form', () => {
  it.each([
    ['', 'Varaa aika: Kirjasto', ['10.00–10.30', ' · 2 vapaata'], 'Vahvista varaus', '30 päivän'],
    ['/sv', 'Boka en tid: Biblioteket', ['10.00–10.30', ' · 2 lediga'], 'Bekräfta bokningen', '30 dagar'],
    ['/en', 'Book a time: The library', ['10:00–10:30', ' · 2 free'], 'Confirm booking', '30 days'],
  ])(
    '%s shows the visit, its times, topic, language, needs and the optional fields',
    async (prefix, h1, slot, button, days) => {
      const { res, html } = await get(`${prefix}/visits/${visit.open}/book?start=12:00`);
      expect(res.status).toBe(200);
      expect(res.headers.get('cache-control')).toBe('no-store');
      expect(html).toContain(`<h1>${h1}</h1>`);
      expect(html).toContain('Kirjastokatu 2, 02970');
      expect(html).toContain(
        `<span class="slot-time">${slot[0]}</span><span class="slot-state">${slot[1]}</span>`,
      );
      // Half the visit's half hours are bookable (every other kept for walk-ins).
      expect([...html.matchAll(/name="start" value="(\d\d:\d\d)"/g)].map((m) => m[1])).toEqual([
        '10:00',
        '11:00',
        '12:00',
        '13:00',
        '14:00',
      ]);
      expect(html).toMatch(/value="12:00" checked=""/);
      expect(html).toContain('<option value="kela">');
      expect(html).toMatch(/<option value="" selected="">/);
      expect(html).toContain('name="needs" value="interpreter"');
      expect(html).toContain('name="needs" value="accessibility"');
      expect(html).toContain('name="firstName"');
      expect(html).toContain('name="contact"');
      expect(html).toContain(days);
      expect(html).toContain('name="website"');
      expect(html).toContain(`<button type="submit">${button}</button>`);
    },
  );

  it('offers the visit’s advisors’ languages first, the service’s others after them', async () => {
    const { html } = await get(`/en/visits/${visit.small}/book`);
    const options = [...html.matchAll(/<optgroup label="([^"]+)">|<option value="([a-z]{2})"/g)].map(
      (m) => m[1] ?? m[2],
    );
    expect(options).toEqual(['Advisors at this visit speak', 'fi', 'sv', 'Other languages', 'ar', 'en']);
    expect(html).toContain('<option value="en" selected="">English</option>');
  });

  it('leaves out the times that have started today', async () => {
    const { html } = await get(`/visits/${visit.today}/book`);
    expect([...html.matchAll(/name="start" value="(\d\d:\d\d)"/g)].map((m) => m[1])).toEqual([
      '10:00',
      '11:00',
    ]);
  });

  it('links "Book a time" from the visits ahead on the place and schedule pages, not from the others', async () => {
    const { html: place } = await get('/places/V1');
    expect(place).toContain(`href="/visits/${visit.open}/book"`);
    expect(place).toContain(`href="/visits/${visit.today}/book"`);
    expect(place).not.toContain(`href="/visits/${visit.cancelled}/book"`);
    const { html: week } = await get('/sv/schedule?week=2026-W49');
    expect(week).toContain(`href="/sv/visits/${visit.open}/book"`);
    expect(week).toContain('aria-label="Boka en tid: ');
    expect(week).not.toContain(`/visits/${visit.past}/book`);
    expect(week).not.toContain(`/visits/${visit.cancelled}/book`);
  });

  it('says so when a visit takes no bookings: unknown, cancelled, over', async () => {
    expect((await get('/visits/00000000-0000-4000-8000-000000000000/book')).res.status).toBe(404);
    expect((await get('/en/visits/not-a-visit/book')).html).toContain('Visit not found');
    const cancelled = await get(`/sv/visits/${visit.cancelled}/book`);
    expect(cancelled.res.status).toBe(409);
    expect(cancelled.html).toContain('Besöket är inställt');
    const past = await post(`/visits/${visit.past}/book`, { ...GOOD, start: '13:00' });
    expect(past.res.status).toBe(409);
    expect(past.html).toContain('Käynti on jo päättynyt');
    expect(past.html).toContain('href="/schedule"');
  });
});

describe('bad input: the form again, the problem next to the field, what was typed kept', () => {
  it.each([
    ['an unknown topic', { topicId: 'nope' }, 'book-topic', 'Valitse asia listalta.'],
    ['an unknown language', { language: 'xx' }, 'book-language', 'Valitse kieli listalta.'],
    [
      'a malformed phone number',
      { contact: '040 12' },
      'book-contact',
      'Puhelinnumerossa pitää olla 7–15 numeroa, esimerkiksi 040 123 4567.',
    ],
    [
      'a malformed e-mail address',
      { contact: 'maija@' },
      'book-contact',
      'Sähköpostiosoite ei ole oikeanlainen. Kirjoita se muodossa nimi@esimerkki.fi.',
    ],
    [
      'an oversized first name',
      { firstName: 'M'.repeat(61) },
      'book-firstName',
      'Teksti on liian pitkä: enintään 60 merkkiä.',
    ],
    [
      'an oversized contact',
      { contact: `${'m'.repeat(250)}@example.org` },
      'book-contact',
      'Teksti on liian pitkä: enintään 254 merkkiä.',
    ],
  ])('%s', async (_, bad, id, text) => {
    const before = await bookingCount();
    const { res, html } = await post(`/visits/${visit.open}/book`, { ...GOOD, ...bad });
    expect(res.status).toBe(400);
    expectFieldError(html, id, text);
    expect(html).toContain('<title>Tarkista nämä kohdat: Varaa aika: Kirjasto');
    // What was typed is kept.
    const kept: Fields = { ...GOOD, ...bad };
    expect(html).toMatch(/value="11:00" checked=""/);
    expect(html).toContain('value="interpreter" checked=""');
    expect(html).toContain(`name="firstName" value="${kept.firstName}"`);
    expect(html).toContain(`name="contact" value="${kept.contact}"`);
    expect(await bookingCount()).toBe(before);
  });

  it('a time that is not one of the visit’s, and no time at all', async () => {
    const odd = await post(`/visits/${visit.open}/book`, { ...GOOD, start: '10:30' });
    expect(odd.res.status).toBe(400);
    expect(odd.html).toContain('<p class="field-error" id="book-slots-error">Tätä aikaa ei voi varata.');
    expect(odd.html).toContain('aria-describedby="book-slots-error"');
    const none = await post(`/en/visits/${visit.open}/book`, { ...GOOD, start: '' });
    expect(none.html).toContain('<a href="#slot-1000">Choose a time.</a>');
  });

  it('a full time: 409, the form again with the time shown full', async () => {
    const first = await post(`/visits/${visit.small}/book`, { ...GOOD, start: '13:00', language: 'sv' });
    expect(first.res.status).toBe(303);
    const second = await post(`/visits/${visit.small}/book`, { ...GOOD, start: '13:00' });
    expect(second.res.status).toBe(409);
    expect(second.html).toContain(
      '<p class="field-error" id="book-slots-error">Valitsemasi aika ehdittiin juuri varata. Valitse toinen aika.</p>',
    );
    expect(second.html).toMatch(/id="slot-1300" name="start" value="13:00" disabled=""/);
    expect(second.html).toContain('13.00–13.30</span><span class="slot-state"> · täynnä');
    expect(second.html).toContain('value="Maija"');
  });

  it('a time that has started: 409', async () => {
    const { res, html } = await post(`/visits/${visit.today}/book`, { ...GOOD, start: '08:00' });
    expect(res.status).toBe(409);
    expect(html).toContain('Valitsemasi aika on jo alkanut.');
  });
});

describe('bots and other sites', () => {
  it('a filled honeypot looks booked and stores nothing', async () => {
    const before = await bookingCount();
    const { res } = await post(`/sv/visits/${visit.open}/book`, { ...GOOD, website: 'https://spam.example' });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/sv/bookings/received');
    expect(await bookingCount()).toBe(before);
    const thanks = await get('/sv/bookings/received');
    expect(thanks.res.status).toBe(200);
    expect(thanks.html).toContain('<h1>Tack</h1>');
  });

  it('a post from another site is refused with 403 in the page’s language, nothing stored', async () => {
    const before = await bookingCount();
    const { res, html } = await post(`/sv/visits/${visit.open}/book`, GOOD, {
      origin: 'https://evil.example',
    });
    expect(res.status).toBe(403);
    expect(html).toContain('Formuläret kunde inte skickas');
    expect(await bookingCount()).toBe(before);
  });

  it('over the rate limit: 429, the form again with the wait in Swedish, what was typed kept', async () => {
    const limited = createApp({
      store,
      now: () => BOOKING_NOW,
      trustedProxies: 1,
      rateRules: RATE_RULES.map((r) => (r.name === 'booking' ? { ...r, limit: 1 } : r)),
    });
    const address = '10.9.9.9';
    const first = await post(
      `/sv/visits/${visit.open}/book`,
      { ...GOOD, start: '14:00' },
      { address, via: limited },
    );
    expect(first.res.status).toBe(303);
    const before = await bookingCount();
    const { res, html } = await post(`/sv/visits/${visit.open}/book`, GOOD, { address, via: limited });
    expect(res.status).toBe(429);
    expect(res.headers.get('retry-after')).toMatch(/^\d+$/);
    expect(html).toContain('Det har gjorts för många bokningar från den här adressen på kort tid.');
    expect(html).toContain('value="Maija"');
    expect(await bookingCount()).toBe(before);
    // The booker's own page answers in its language too.
    const token = first.res.headers.get('location')?.split('/').at(-1) ?? '';
    const cancel = await post(`/sv/bookings/${token}/cancel`, {}, { address, via: limited });
    expect(cancel.res.status).toBe(429);
    expect(cancel.html).toContain('för många ändringar');
  });
});

describe('booked: the private link', () => {
  it('books, shows the booking, gives the calendar file, changes, cancels and deletes by the link', async () => {
    const booked = await post(`/en/visits/${visit.open}/book`, {
      ...GOOD,
      needs: ['interpreter', 'accessibility'],
    });
    expect(booked.res.status).toBe(303);
    const location = booked.res.headers.get('location') ?? '';
    expect(location).toMatch(/^\/en\/bookings\/[A-Za-z0-9_-]{43}$/);
    const token = location.split('/').at(-1) as string;

    const page = await get(location);
    expect(page.res.status).toBe(200);
    expect(page.res.headers.get('cache-control')).toBe('no-store');
    expect(page.res.headers.get('referrer-policy')).toBe('same-origin');
    expect(page.res.headers.get('x-robots-tag')).toBe('noindex');
    expect(page.html).toContain('<meta name="robots" content="noindex"/>');
    expect(page.html).toContain('<h1>Your booking is confirmed</h1>');
    const code = /<strong class="reference-code">(B-[2-9A-Z]{4}-[2-9A-Z]{4})<\/strong>/.exec(page.html)?.[1];
    expect(code).toBeDefined();
    for (const text of [
      'The library',
      'Kirjastokatu 2, 02970 Espoo',
      'Wed, 2 Dec 2026',
      '11:00–11:30',
      'Kela',
      'Finnish',
      'An interpreter; Accessibility help',
      'Maija',
      'maija@example.org',
    ])
      expect(page.html).toContain(text);
    expect(page.html).toContain(`href="/en/bookings/${token}/booking.ics"`);

    const ics = await app.request(`http://localhost/en/bookings/${token}/booking.ics`);
    expect(ics.status).toBe(200);
    expect(ics.headers.get('content-type')).toContain('text/calendar');
    expect(ics.headers.get('content-disposition')).toBe('attachment; filename="booking-2026-12-02.ics"');
    const cal = await ics.text();
    expect(cal).toMatch(/^BEGIN:VCALENDAR/);
    expect(cal.match(/BEGIN:VEVENT/g)).toHaveLength(1);
    expect(cal).toContain('DTSTART;TZID=Europe/Helsinki:20261202T110000');
    expect(cal).toContain('DTEND;TZID=Europe/Helsinki:20261202T113000');
    expect(cal).toContain('SUMMARY:Advice appointment: The library');
    expect(cal).toContain('LOCATION:The library\\, Kirjastokatu 2\\, 02970 Espoo');
    expect(cal).toContain(`Booking code ${code}`);
    expect(cal).not.toContain(token);
    const uid = /^UID:(.*)$/m.exec(cal)?.[1];
    expect(uid).toMatch(/^booking-[0-9a-f-]{36}@neuvo\r?$/);

    // Change the time by the link.
    const changed = await post(`/en/bookings/${token}/change`, { start: '12:00' });
    expect(changed.res.status).toBe(303);
    expect(changed.res.headers.get('location')).toBe(`/en/bookings/${token}?changed=1`);
    const after = await get(`/en/bookings/${token}?changed=1`);
    expect(after.html).toContain('The time has been changed.');
    expect(after.html).toContain('12:00–12:30');
    expect(
      (await (await app.request(`http://localhost/bookings/${token}/booking.ics`)).text()).match(
        /^UID:.*$/m,
      )?.[0],
    ).toBe(`UID:${uid}`);
    // A full time: 409, said next to the times.
    await post(`/visits/${visit.open}/book`, { ...GOOD, start: '13:00' });
    await post(`/visits/${visit.open}/book`, { ...GOOD, start: '13:00' });
    const full = await post(`/en/bookings/${token}/change`, { start: '13:00' });
    expect(full.res.status).toBe(409);
    expect(full.html).toContain(
      '<p class="field-error" id="change-slots-error">Someone has just booked the time',
    );
    // Another site cannot change it.
    expect(
      (await post(`/en/bookings/${token}/change`, { start: '14:00' }, { origin: 'https://evil.example' })).res
        .status,
    ).toBe(403);

    // Cancel by the link: the page again, saying so.
    const cancelled = await post(`/en/bookings/${token}/cancel`, {});
    expect(cancelled.res.status).toBe(303);
    expect(cancelled.res.headers.get('location')).toBe(`/en/bookings/${token}`);
    const gone = await get(`/en/bookings/${token}`);
    expect(gone.html).toContain('<h1>The booking is cancelled</h1>');
    expect(gone.html).toContain('The booking is cancelled and the time is free for others.');
    expect(gone.html).not.toContain('/cancel"');
    expect(await (await app.request(`http://localhost/en/bookings/${token}/booking.ics`)).text()).toContain(
      'STATUS:CANCELLED',
    );
    expect((await post(`/en/bookings/${token}/cancel`, {})).res.status).toBe(303);

    // Delete my details: the link stops working.
    const deleted = await post(`/en/bookings/${token}/delete`, {});
    expect(deleted.res.status).toBe(303);
    expect(deleted.res.headers.get('location')).toBe('/en/bookings/deleted');
    expect((await get('/en/bookings/deleted')).html).toContain('Your details are deleted');
    const unknown = await get(`/en/bookings/${token}`);
    expect(unknown.res.status).toBe(404);
    expect(unknown.html).toContain('Booking not found');
    expect((await app.request(`http://localhost/bookings/${token}/booking.ics`)).status).toBe(404);
    expect((await post(`/en/bookings/${token}/delete`, {})).res.status).toBe(404);
  });

  it('answers an unknown link with 404 in the page’s language', async () => {
    const { res, html } = await get(`/sv/bookings/${'x'.repeat(43)}`);
    expect(res.status).toBe(404);
    expect(html).toContain('Bokningen hittades inte');
    expect((await get('/bookings/short')).res.status).toBe(404);
  });

  it('a booking of a cancelled visit shows the visit’s cancellation note', async () => {
    const booked = await post(`/sv/visits/${visit.later}/book`, { ...GOOD, start: '13:00', language: 'en' });
    const location = booked.res.headers.get('location') ?? '';
    await store.db.execute(
      sql`update visits set status = 'cancelled', cancel_reason = 'advisor-absent', cancel_note_fi = 'Neuvoja on sairaana', cancel_note_sv = 'Rådgivaren är sjuk', cancel_note_en = 'The advisor is ill' where id = ${visit.later}`,
    );
    await store.db.execute(
      sql`update bookings set status = 'cancelled', cancelled_by = 'visit' where visit_id = ${visit.later}`,
    );
    const { html } = await get(location);
    expect(html).toContain('<h1>Bokningen är avbokad</h1>');
    expect(html).toContain('Rådgivningsbesöket är inställt, så även din bokning är avbokad.');
    expect(html).toContain('Inställt: Rådgivaren är sjuk');
  });
});
