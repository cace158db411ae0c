/// <reference lib="dom" />
/**
 * Booking a time in Chromium on a phone-sized screen with JavaScript disabled, in Finnish,
 * Swedish and English: from a visit's "Book a time" link, a time, topic, language, need, name
 * and e-mail (first mistyped: the form comes back with the problem next to the field), the
 * confirmation, its calendar file, and cancelling by the private link. axe-core scans every
 * page on the way. One browser, one server, the small booking fixture.
 */
import { readFile } from 'node:fs/promises';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/app.ts';
import { BOOKING_NOW, publishVisits, seedBookingWorld } from '../helpers/booking.ts';
import { axeViolations, launchChromium, newContextAt, serveForBrowser } from '../helpers/browser.ts';
import { createTestStore, type TestStore } from '../helpers/store.ts';

let store: TestStore;
let browser: Browser;
let server: Awaited<ReturnType<typeof serveForBrowser>> | undefined;

beforeAll(async () => {
  store = await createTestStore();
  await seedBookingWorld(store);
  await publishVisits(store, [{ date: '2026-12-02', start: '10:00', end: '15:00' }]);
  server = await serveForBrowser(createApp({ store, now: () => BOOKING_NOW }));
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
  await store?.destroy();
});

/** Each language's words on the way, and the time it books (a different one each). */
const JOURNEYS = [
  {
    prefix: '',
    book: /^Varaa aika: /,
    slot: /^10\.00–10\.30/,
    start: '100000',
    topic: 'Mihin asiaan tarvitset apua?',
    language: 'Millä kielellä haluat asioida?',
    need: 'Tulkki',
    name: /^Etunimi/,
    contact: /^Puhelinnumero tai sähköposti/,
    confirm: 'Vahvista varaus',
    emailError: 'Sähköpostiosoite ei ole oikeanlainen. Kirjoita se muodossa nimi@esimerkki.fi.',
    confirmed: 'Varauksesi on vahvistettu',
    calendar: 'Lisää kalenteriin (.ics)',
    cancel: 'Peru varaus',
    cancelled: 'Varaus on peruttu',
  },
  {
    prefix: '/sv',
    book: /^Boka en tid: /,
    slot: /^11\.00–11\.30/,
    start: '110000',
    topic: 'Vad behöver du hjälp med?',
    language: 'På vilket språk vill du bli betjänad?',
    need: 'Tolk',
    name: /^Förnamn/,
    contact: /^Telefonnummer eller e-post/,
    confirm: 'Bekräfta bokningen',
    emailError: 'E-postadressen är inte giltig. Skriv den i formen namn@exempel.fi.',
    confirmed: 'Din bokning är bekräftad',
    calendar: 'Lägg till i kalendern (.ics)',
    cancel: 'Avboka',
    cancelled: 'Bokningen är avbokad',
  },
  {
    prefix: '/en',
    book: /^Book a time: /,
    slot: /^12:00–12:30/,
    start: '120000',
    topic: 'What do you need help with?',
    language: 'Which language would you like to be served in?',
    need: 'An interpreter',
    name: /^First name/,
    contact: /^Phone number or e-mail/,
    confirm: 'Confirm booking',
    emailError: 'The e-mail address is not valid. Write it as name@example.com.',
    confirmed: 'Your booking is confirmed',
    calendar: 'Add to calendar (.ics)',
    cancel: 'Cancel booking',
    cancelled: 'The booking is cancelled',
  },
] as const;

describe('booking a time in Chromium without JavaScript', () => {
  it('books, gets the confirmation and the calendar file, and cancels, in fi, sv and en; axe finds nothing', async () => {
    const viewport = { width: 360, height: 740 };
    const context = await newContextAt(browser, BOOKING_NOW, {
      javaScriptEnabled: false,
      acceptDownloads: true,
      viewport,
    });
    const page = await context.newPage();
    // axe-core needs script (its timers do not run where script is off): each step's page, as
    // the browser without JavaScript got it, is scanned again in a second page at the same
    // address (bypassCSP only lets the test inject axe-core).
    const axeContext = await newContextAt(browser, BOOKING_NOW, { bypassCSP: true, viewport });
    const scanned = await axeContext.newPage();
    const base = server?.base ?? '';
    const violations: Record<string, unknown> = {};
    const scan = async (step: string) => {
      const url = page.url();
      const body = await page.content();
      await scanned.route(
        (u) => u.href === url,
        (route) => route.fulfill({ contentType: 'text/html; charset=utf-8', body }),
        { times: 1 },
      );
      await scanned.goto(url);
      const found = await axeViolations(scanned);
      if (found.length > 0) violations[step] = found;
      // Nothing is wider than the phone's screen.
      const overflow = await scanned.evaluate(
        () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
      );
      if (overflow > 0) violations[`${step}: overflow`] = overflow;
    };
    for (const j of JOURNEYS) {
      const step = (name: string) => `${j.prefix || '/fi'} ${name}`;
      await page.goto(`${base}${j.prefix}/places/V1`);
      await page.getByRole('link', { name: j.book }).click();
      expect(new URL(page.url()).pathname).toMatch(/\/visits\/[0-9a-f-]{36}\/book$/);
      await scan(step('form'));

      await page.getByRole('radio', { name: j.slot }).check();
      await page.getByLabel(j.topic).selectOption('kela');
      await page.getByLabel(j.language).selectOption('ar');
      await page.getByLabel(j.need).check();
      await page.getByLabel(j.name).fill('Maija');
      await page.getByLabel(j.contact).fill('maija@');
      await page.getByRole('button', { name: j.confirm }).click();
      // The form again: the problem next to the field, what was typed kept.
      const contact = page.getByLabel(j.contact);
      await expect(contact.getAttribute('aria-invalid')).resolves.toBe('true');
      await expect(page.locator('#book-contact-error').textContent()).resolves.toBe(j.emailError);
      await expect(page.getByLabel(j.name).inputValue()).resolves.toBe('Maija');
      await expect(page.getByRole('radio', { name: j.slot }).isChecked()).resolves.toBe(true);
      await expect(page.getByLabel(j.need).isChecked()).resolves.toBe(true);
      await scan(step('form with a problem'));

      await contact.fill('maija@example.org');
      await page.getByRole('button', { name: j.confirm }).click();
      await expect(page.locator('h1').textContent()).resolves.toBe(j.confirmed);
      expect(new URL(page.url()).pathname).toMatch(/\/bookings\/[A-Za-z0-9_-]{43}$/);
      await expect(page.locator('.reference-code').textContent()).resolves.toMatch(
        /^B-[2-9A-Z]{4}-[2-9A-Z]{4}$/,
      );
      await scan(step('confirmation'));

      const download = page.waitForEvent('download');
      await page.getByRole('link', { name: j.calendar }).click();
      const ics = await readFile((await (await download).path()) as string, 'utf8');
      expect(ics).toMatch(/^BEGIN:VCALENDAR/);
      expect(ics.match(/BEGIN:VEVENT/g)).toHaveLength(1);
      expect(ics).toContain(`DTSTART;TZID=Europe/Helsinki:20261202T${j.start}`);

      await page.getByRole('button', { name: j.cancel }).click();
      await expect(page.locator('h1').textContent()).resolves.toBe(j.cancelled);
      await scan(step('cancelled'));
    }
    expect(violations).toEqual({});
    await axeContext.close();
    await context.close();
  });
});
