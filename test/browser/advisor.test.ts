/**
 * The advisors' app in Chromium on a phone-sized screen (360 × 740, touch): sign in, log a
 * contact in at most four taps, go offline, log another (it waits in the outbox: "1 waiting to
 * sync"), log five there, open the app again offline (the service worker serves it), come back
 * online and see them sent, exactly one row each; the same sync replayed three times adds none.
 * axe-core finds nothing on the day view (with a booking) and the contact form in Finnish,
 * Swedish and English; the day view fits the phone, and marking a booking offline says it needs
 * a connection.
 */
/// <reference lib="dom" />
import { sql } from 'drizzle-orm';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/app.ts';
import { createRepositories } from '../../src/db/repositories.ts';
import { queryRows } from '../../src/db/store.ts';
import { createBookingService } from '../../src/services/booking/booking-service.ts';
import { createImportService } from '../../src/services/import-service.ts';
import {
  ADVISOR_ACCOUNTS,
  ADVISOR_PASSWORD,
  type AdvisorWeekVisits,
  seedAdvisorWeek,
} from '../helpers/advisor.ts';
import {
  axeViolations,
  launchChromium,
  newContextAt,
  pageErrors,
  serveForBrowser,
} from '../helpers/browser.ts';
import { readEspoo, TUESDAY_2026_12_01 } from '../helpers/espoo.ts';
import { createTestStore, type TestStore } from '../helpers/store.ts';

let store: TestStore;
let browser: Browser;
let server: Awaited<ReturnType<typeof serveForBrowser>> | undefined;
let base: string;
let visits: AdvisorWeekVisits;
const served: string[] = [];

beforeAll(async () => {
  store = await createTestStore();
  expect((await createImportService(store).importCity(readEspoo)).ok).toBe(true);
  visits = await seedAdvisorWeek(store);
  // One booking on this afternoon's visit, so the day view's bookings table has a row to check.
  const booked = await createBookingService({
    store,
    repos: createRepositories(store.db),
    now: () => TUESDAY_2026_12_01,
    known: async () => ({ languages: ['fi', 'ar'], topicIds: ['kela'] }),
    links: { manageUrl: (lang, token) => `${lang}/${token}` },
  }).book(visits.todayAfternoon, {
    start: '13:00',
    language: 'ar',
    topicId: 'kela',
    needs: ['interpreter'],
    firstName: 'Maija',
    lang: 'fi',
  });
  expect(booked.ok).toBe(true);
  const app = createApp({ store, now: () => TUESDAY_2026_12_01 });
  // Which paths reach the server: none while the browser is offline.
  server = await serveForBrowser({
    fetch: (req: Request) => {
      served.push(new URL(req.url).pathname);
      return app.fetch(req);
    },
  });
  base = server.base;
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
  await store?.destroy();
});

const PHONE = { viewport: { width: 360, height: 740 }, hasTouch: true, isMobile: true } as const;

/** Opens `path`; not signed in, the login form brings us back to it. */
async function signIn(page: Page, path: string, account: keyof typeof ADVISOR_ACCOUNTS = 'aino') {
  await page.goto(`${base}${path}`);
  await page.getByLabel(/E-mail|Sähköposti|E-post/).fill(ADVISOR_ACCOUNTS[account].email);
  await page.getByLabel(/Password|Salasana|Lösenord/).fill(ADVISOR_PASSWORD);
  await page.getByRole('button', { name: /Log in|Kirjaudu|Logga in/ }).click();
  await page.waitForURL(`${base}${path}`);
}

const contactRows = async () =>
  (
    await queryRows<{ client_id: string }>(
      store.db,
      sql`select client_id::text from contacts where advisor_id = 'ADV_AINO' order by recorded_at, client_id`,
    )
  ).map((r) => r.client_id);

describe('the advisors’ app on a phone', () => {
  it('logs a contact in three taps and a confirm, and five offline that are sent once when the connection is back', async () => {
    const context = await newContextAt(browser, TUESDAY_2026_12_01, PHONE);
    const page = await context.newPage();
    const errors = pageErrors(page);
    await signIn(page, '/en/advisor/contacts/new');
    // The service worker takes the page under its wing (it claims the pages of its scope).
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null);

    // Every choice and button is a touch target of at least 48 px.
    const heights = await page
      .locator('#contact-form .choice, #contact-form button')
      .evaluateAll((els) => els.map((e) => e.getBoundingClientRect().height));
    expect(Math.min(...heights)).toBeGreaterThanOrEqual(48);
    // Nothing is wider than the phone.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);

    let taps = 0;
    const tap = async (target: Locator) => {
      taps++;
      await target.tap();
    };
    // A typical contact: a topic, an age group, Save (walk-in, solved, Finnish and the visit
    // going on are chosen already).
    await tap(page.getByText('Kela services', { exact: true }));
    await tap(page.getByText('Aged 75 or over', { exact: true }));
    await tap(page.getByRole('button', { name: 'Save' }));
    await expect(
      page.locator('#adv-status').getByText('Saved.', { exact: true }).waitFor(),
    ).resolves.toBeUndefined();
    expect(taps).toBeLessThanOrEqual(4);
    const [first] = await contactRows();
    expect(first).toBeDefined();
    const [stored] = await queryRows<{
      topic_ids: string[];
      age_band: string;
      visit_id: string;
      channel: string;
    }>(
      store.db,
      sql`select topic_ids, age_band, visit_id::text, channel from contacts where client_id = ${first}::uuid`,
    );
    expect(stored).toEqual({
      topic_ids: ['kela'],
      age_band: '75-plus',
      visit_id: visits.todayMorning,
      channel: 'walk-in',
    });
    await expect(page.locator('#adv-sync-count').textContent()).resolves.toBe('Nothing is waiting to sync.');
    // The form is ready for the next one.
    expect(await page.locator('input[name="topic"]:checked').count()).toBe(0);

    // No connection: the next five contacts wait on the device.
    await context.setOffline(true);
    for (let i = 1; i <= 5; i++) {
      await tap(page.getByText('General advice', { exact: true }));
      await tap(page.getByText('Under 30', { exact: true }));
      await tap(page.getByRole('button', { name: 'Save' }));
      await page
        .locator('#adv-status')
        .getByText('Saved on this device. It will be sent when the connection is back.')
        .waitFor();
      await page
        .locator('#adv-sync-count')
        .getByText(i === 1 ? '1 waiting to sync' : `${i} waiting to sync`)
        .waitFor();
    }
    await expect(page.locator('#adv-sync-list').textContent()).resolves.toContain('General advice, Under 30');
    expect(await contactRows()).toEqual([first]);
    /** The outbox's entries as stored (what a sync sends). */
    const outbox = () =>
      page.evaluate(
        () =>
          new Promise<Record<string, unknown>[]>((resolve, reject) => {
            const open = indexedDB.open('neuvo-advisor');
            open.onsuccess = () => {
              const all = open.result.transaction('outbox').objectStore('outbox').getAll();
              all.onsuccess = () => resolve(all.result as Record<string, unknown>[]);
              all.onerror = () => reject(all.error);
            };
            open.onerror = () => reject(open.error);
          }),
      );
    const queued = await outbox();
    const waiting = queued.map((e) => String(e.clientId));
    expect(waiting).toHaveLength(5);

    // Still offline, the app opens from the service worker's copy and still shows what waits.
    served.length = 0;
    const day = await page.goto(`${base}/en/advisor/`);
    expect(day?.fromServiceWorker()).toBe(true);
    await page.getByRole('heading', { name: 'My week' }).waitFor();
    await page.locator('#adv-sync-count').getByText('5 waiting to sync').waitFor();
    await page.goto(`${base}/en/advisor/contacts/new`);
    await page.getByRole('heading', { name: 'Log a contact' }).waitFor();
    expect(served).toEqual([]);

    // Back online: the outbox is sent, once.
    await context.setOffline(false);
    await page.locator('#adv-sync-count').getByText('Nothing is waiting to sync.').waitFor();
    await expect(page.locator('#adv-sync-last').textContent()).resolves.toMatch(/^Last synced: \d/);
    const after = await contactRows();
    expect(after).toHaveLength(6);
    for (const id of waiting) expect(after.filter((x) => x === id)).toHaveLength(1);
    // The same sync replayed three times (the answers lost on the way): still five rows.
    for (let round = 0; round < 3; round++) {
      await page.evaluate(
        (entries) =>
          new Promise<void>((resolve, reject) => {
            const open = indexedDB.open('neuvo-advisor');
            open.onsuccess = () => {
              const tx = open.result.transaction('outbox', 'readwrite');
              for (const e of entries) tx.objectStore('outbox').put(e);
              tx.oncomplete = () => resolve();
              tx.onerror = () => reject(tx.error);
            };
            open.onerror = () => reject(open.error);
          }),
        queued,
      );
      await page.getByRole('button', { name: 'Sync now' }).tap();
      await expect.poll(outbox, { timeout: 15_000 }).toEqual([]);
    }
    expect(await contactRows()).toEqual(after);
    // Sent again (another tab, an answer lost on the way): the first entry, no second row.
    const replay = await page.request.post(`${base}/api/v1/contacts`, {
      data: {
        clientId: waiting[0],
        loggedAt: new Date(TUESDAY_2026_12_01).toISOString(),
        channel: 'walk-in',
        topicIds: ['general-advice'],
        language: 'fi',
        ageBand: 'under-30',
        groups: [],
        outcome: 'solved',
      },
    });
    expect(replay.status()).toBe(200);
    expect(await contactRows()).toEqual(after);

    // Script errors or refusals by the Content-Security-Policy would show here (a request that
    // failed while offline is expected).
    expect(
      errors.filter((e) => !/ERR_INTERNET_DISCONNECTED|Failed to fetch|Failed to load resource/.test(e)),
    ).toEqual([]);
    await context.close();
  });

  it('has no axe-core violations on the day view and the contact form, in Finnish, Swedish and English', async () => {
    // One sign-in for the four pages (the session is the site's, whatever the language).
    const context = await newContextAt(browser, TUESDAY_2026_12_01, { ...PHONE, bypassCSP: true });
    const page = await context.newPage();
    await signIn(page, '/advisor');
    for (const path of [
      '/advisor',
      '/advisor/contacts/new',
      '/sv/advisor',
      '/sv/advisor/contacts/new',
      '/en/advisor',
      '/en/advisor/contacts/new',
    ]) {
      await page.goto(`${base}${path}`);
      await page.locator('html.js').waitFor();
      expect({ path, violations: await axeViolations(page) }).toEqual({ path, violations: [] });
    }
    // The day view with its bookings fits the phone (the table scrolls inside its region), and
    // marking a booking offline says that it needs a connection instead of failing to load.
    await page.goto(`${base}/advisor`);
    await page.locator('html.js').waitFor();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    await context.setOffline(true);
    await page
      .getByRole('button', { name: /^Saapui/ })
      .first()
      .click();
    await expect(
      page
        .getByRole('alert')
        .getByText('Saapumisen merkitseminen vaatii verkkoyhteyden.', { exact: false })
        .waitFor(),
    ).resolves.toBeUndefined();
    await context.setOffline(false);
    await context.close();
  });

  it('has no axe-core violations on the planner’s bookings page, also with a rule form’s errors', async () => {
    const context = await newContextAt(browser, TUESDAY_2026_12_01, { bypassCSP: true });
    const page = await context.newPage();
    await signIn(page, '/planner/bookings', 'planner');
    await expect(page.locator('main table').first().waitFor()).resolves.toBeUndefined();
    expect(await axeViolations(page), '/planner/bookings').toEqual([]);
    // A rule the form refuses: the errors beside the fields, what was typed kept.
    const form = page.locator('form.fill-rule-form').first();
    await form.getByLabel(/Ajan pituus/).fill('5');
    await form.getByRole('button', { name: 'Tallenna sääntö' }).click();
    await expect(
      page.getByText('Kirjoita kokonaisluku väliltä 10–120.').first().waitFor(),
    ).resolves.toBeUndefined();
    expect(await axeViolations(page), '/planner/bookings/rules (refused)').toEqual([]);
    await context.close();
  });
});
