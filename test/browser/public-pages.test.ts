/// <reference lib="dom" />
/**
 * The public pages in a real browser: every page type in fi, sv and en has no axe-core
 * violations (WCAG 2.1 AA rules), is usable by keyboard with a visible focus, and reflows at
 * 320 px; the journey "find help near 02320 and add the visit to my calendar" passes with
 * JavaScript disabled; the location button works where JavaScript runs.
 */
import { readFile } from 'node:fs/promises';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/app.ts';
import { addDays, isoWeekOf, startOfIsoWeek } from '../../src/core/time/civil-time.ts';
import { createRepositories } from '../../src/db/repositories.ts';
import { createImportService } from '../../src/services/import-service.ts';
import {
  axeViolations,
  BROWSER_WAIT_MS,
  launchChromium,
  newContextAt,
  pageErrors,
  serveForBrowser,
} from '../helpers/browser.ts';
import { readEspoo, TUESDAY_2026_12_01 } from '../helpers/espoo.ts';
import { publishEspooSchedule } from '../helpers/schedule.ts';
import { createTestStore, type TestStore } from '../helpers/store.ts';

let store: TestStore;
let browser: Browser;
let server: Awaited<ReturnType<typeof serveForBrowser>> | undefined;
let base: string;
let venueWithVisits: string;
let lastPublished: string;

beforeAll(async () => {
  store = await createTestStore();
  expect((await createImportService(store).importCity(readEspoo)).ok).toBe(true);
  const { published } = await publishEspooSchedule(store);
  venueWithVisits = published[0]?.venueId ?? '';
  lastPublished =
    published
      .map((v) => v.date)
      .sort()
      .at(-1) ?? '';
  const app = createApp({ store, now: () => TUESDAY_2026_12_01 });
  server = await serveForBrowser(app);
  base = server.base;
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
  await store?.destroy();
});

/** One of each page type (and the error states residents can reach), without language prefix. */
const PAGE_TYPES = () => [
  '/',
  '/near?q=02320',
  '/near?q=99999',
  '/schedule?week=2026-W49',
  `/places/${venueWithVisits}`,
  '/places/SP_MATINKYLA',
  '/services',
  '/print/districts/suur-espoonlahti',
  `/print/places/${venueWithVisits}`,
  '/accessibility',
  '/feedback',
  '/no-such-page',
];
const inLanguage = (lang: string, path: string) =>
  lang === 'fi' ? path : `/${lang}${path === '/' ? '' : path}`;
const ALL = () => ['fi', 'sv', 'en'].flatMap((lang) => PAGE_TYPES().map((p) => inLanguage(lang, p)));

describe('public pages in Chromium', () => {
  it('has no axe-core violations on any page type in any language', async () => {
    // bypassCSP only lets the test inject axe-core.
    const context = await newContextAt(browser, TUESDAY_2026_12_01, { bypassCSP: true });
    const page = await context.newPage();
    const found: Record<string, unknown> = {};
    for (const path of ALL()) {
      await page.goto(`${base}${path}`);
      const violations = await axeViolations(page);
      if (violations.length > 0) found[path] = violations;
    }
    expect(found).toEqual({});
    await context.close();
  });

  it('reflows every page type at 320 px without horizontal scrolling', async () => {
    const context = await newContextAt(browser, TUESDAY_2026_12_01, {
      viewport: { width: 320, height: 640 },
    });
    const page = await context.newPage();
    const overflowing: Record<string, number> = {};
    for (const path of ALL()) {
      await page.goto(`${base}${path}`);
      const overflow = await page.evaluate(
        () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
      );
      if (overflow > 0) overflowing[path] = overflow;
    }
    expect(overflowing).toEqual({});
    await context.close();
  });

  it('is usable by keyboard: the skip link first, then every control in order, each with a visible focus', async () => {
    const context = await newContextAt(browser, TUESDAY_2026_12_01);
    const page = await context.newPage();
    await page.goto(`${base}/en`);
    await page.keyboard.press('Tab');
    const skip = await page.evaluate(() => {
      const el = document.activeElement as HTMLElement;
      return { text: el.textContent, top: el.getBoundingClientRect().top };
    });
    expect(skip.text).toBe('Skip to content');
    expect(skip.top).toBeGreaterThanOrEqual(0);
    await page.keyboard.press('Enter');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('main');

    for (const path of PAGE_TYPES().map((p) => inLanguage('en', p))) {
      await page.goto(`${base}${path}`);
      const controls = await page
        .locator('a[href], button, input:not([type="hidden"]), select, textarea')
        .count();
      const unfocused: string[] = [];
      let reached = 0;
      for (let i = 0; i < controls; i++) {
        await page.keyboard.press('Tab');
        const info = await page.evaluate(() => {
          const el = document.activeElement as HTMLElement;
          const style = getComputedStyle(el);
          return {
            tag: el.tagName,
            what: el.getAttribute('href') ?? el.getAttribute('name') ?? el.textContent,
            visible: style.outlineStyle !== 'none' || style.boxShadow !== 'none',
          };
        });
        if (info.tag === 'BODY') break;
        reached++;
        if (!info.visible) unfocused.push(`${info.tag} ${info.what}`);
      }
      expect(unfocused, path).toEqual([]);
      expect(reached, path).toBe(controls);
    }
    await context.close();
  });

  it('finds violations when there are some (the scan is not a no-op)', async () => {
    const context = await newContextAt(browser, TUESDAY_2026_12_01);
    const page = await context.newPage();
    await page.setContent('<html><body><img src="x.png"><a href="/"></a></body></html>');
    const ids = (await axeViolations(page)).map((v) => v.id);
    expect(ids).toEqual(expect.arrayContaining(['image-alt', 'link-name', 'html-has-lang']));
    await context.close();
  });

  it('finds help near 02320 and adds the visit to the calendar with JavaScript disabled', async () => {
    const context = await newContextAt(browser, TUESDAY_2026_12_01, {
      javaScriptEnabled: false,
      acceptDownloads: true,
    });
    const page = await context.newPage();
    await page.goto(`${base}/en`);
    await expect(page.locator('h1').textContent()).resolves.toBe('Find help near you');
    await page.getByLabel('Postal code, district or place').fill('02320');
    await page.getByRole('button', { name: 'Search' }).click();
    await expect(page.locator('h1').textContent()).resolves.toBe('Help near 02320 Espoonlahti');
    const first = page.locator('#visits-heading + .visit-list > li').first();
    const when = await first.locator('.visit-when').textContent();
    const place = await first.locator('a').first().textContent();
    const download = page.waitForEvent('download');
    await first.getByRole('link', { name: /^Add to calendar/ }).click();
    const file = await (await download).path();
    const ics = await readFile(file, 'utf8');
    expect(ics).toContain('BEGIN:VEVENT');
    expect(ics).toContain('BEGIN:VTIMEZONE');
    expect(ics).toContain(`SUMMARY:Mobile service: ${place}`);
    // The event's start is the time the page showed (e.g. "Tue, 1 Dec 2026 13:00–15:00").
    const start = /(\d{1,2}):(\d{2})–/.exec(when ?? '');
    expect(start).not.toBeNull();
    expect(ics).toMatch(
      new RegExp(`DTSTART;TZID=Europe/Helsinki:\\d{8}T${start?.[1]?.padStart(2, '0')}${start?.[2]}00`),
    );
    // The language switch keeps the page and the query.
    await page.goto(`${base}/en/near?q=02320`);
    await page.getByRole('link', { name: 'På svenska' }).click();
    expect(new URL(page.url()).pathname + new URL(page.url()).search).toBe('/sv/near?q=02320');
    await expect(page.locator('html').getAttribute('lang')).resolves.toBe('sv');
    await context.close();
  });

  it('finds a place by its Swedish name and says a week after the plan is not published, without JavaScript', async () => {
    const context = await newContextAt(browser, TUESDAY_2026_12_01, { javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(`${base}/sv`);
    await page.getByLabel('Postnummer, område eller plats').fill('Stensvik');
    await page.getByRole('button', { name: 'Sök', exact: true }).click();
    await expect(page.locator('h1').textContent()).resolves.toMatch(/^Hjälp nära: Stensviks /);
    const found = page.url();
    // Kivenlahti's (Stensvik's) own visits come first.
    const first = page.locator('#visits-heading + .visit-list > li').first();
    await expect(first.locator('a').first().getAttribute('href')).resolves.toMatch(
      /^\/sv\/places\/(LIB|HS)_KIVENLAHTI$/,
    );
    // Week by week to the first one after the published schedule.
    await page.goto(`${base}/sv/schedule`);
    let text = '';
    for (let i = 0; i < 10 && !/har inte publicerats/.test(text); i++) {
      await page.getByRole('link', { name: 'Nästa vecka' }).click();
      text = (await page.locator('main').textContent()) ?? '';
    }
    expect(text).toMatch(/Schemat för vecka \d+ har inte publicerats ännu\./);
    expect(new URL(page.url()).searchParams.get('week')).toBe(
      isoWeekOf(addDays(startOfIsoWeek(lastPublished), 7)),
    );
    const notPublished = page.url();
    await page.getByRole('link', { name: /^Senast publicerade vecka/ }).click();
    await expect(page.locator('.visit-list').count()).resolves.toBeGreaterThan(0);
    // A printed timetable keeps the customer service's contact, without the footer's links.
    await page.goto(`${base}/sv/print/places/${venueWithVisits}`);
    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('.site-contact').isVisible()).toBe(true);
    expect(await page.locator('.site-footer ul').isVisible()).toBe(false);
    await context.close();
    // The same pages under axe-core (which needs script; bypassCSP lets the test inject it).
    const axeContext = await newContextAt(browser, TUESDAY_2026_12_01, { bypassCSP: true });
    const scanned = await axeContext.newPage();
    const violations: Record<string, unknown> = {};
    for (const url of [found, notPublished]) {
      await scanned.goto(url);
      const list = await axeViolations(scanned);
      if (list.length > 0) violations[url] = list;
    }
    expect(violations).toEqual({});
    await axeContext.close();
  });

  it('uses the browser’s location where JavaScript runs', async () => {
    const area = await createRepositories(store.db).areas.get('02320' as never);
    const context = await newContextAt(browser, TUESDAY_2026_12_01, {
      geolocation: { latitude: area?.centroid.lat ?? 0, longitude: area?.centroid.lon ?? 0 },
      permissions: ['geolocation'],
    });
    const page = await context.newPage();
    const errors = pageErrors(page);
    await page.goto(`${base}/en`);
    await page.getByRole('button', { name: 'Use my location' }).click();
    await page.waitForURL(/\/en\/near\?lat=/);
    await expect(page.locator('h1').textContent()).resolves.toBe('Help near 02320 Espoonlahti');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('draws the schedule’s map where JavaScript runs, within the public Content-Security-Policy', async () => {
    const context = await newContextAt(browser, TUESDAY_2026_12_01);
    const page = await context.newPage();
    const errors = pageErrors(page);
    await page.goto(`${base}/sv/schedule?week=2026-W50`);
    // Districts as polygons and the week's places as circles, drawn by Leaflet without tiles.
    await page.waitForFunction(
      () => document.querySelectorAll('#schedule-map path.leaflet-interactive').length >= 10,
      null,
      { timeout: BROWSER_WAIT_MS },
    );
    expect(await page.locator('#schedule-map .map-legend').count()).toBe(1);
    expect(errors).toEqual([]);
    // A place (drawn after the districts) opens its page in the page's language.
    await page.locator('#schedule-map path.leaflet-interactive').last().click();
    await page.waitForURL(/\/sv\/places\//);
    const axeContext = await newContextAt(browser, TUESDAY_2026_12_01, { bypassCSP: true });
    const scanned = await axeContext.newPage();
    await scanned.goto(`${base}/sv/schedule?week=2026-W50`);
    await scanned.waitForSelector('#schedule-map path.leaflet-interactive', { timeout: BROWSER_WAIT_MS });
    expect(await axeViolations(scanned)).toEqual([]);
    await axeContext.close();
    await context.close();
  });

  it('draws the near page’s map: the area, the places of the listed visits and the service points', async () => {
    const context = await newContextAt(browser, TUESDAY_2026_12_01);
    const page = await context.newPage();
    const errors = pageErrors(page);
    await page.goto(`${base}/en/near?q=02320`);
    const listed = await page.locator('#points-heading + .site-list > li').count();
    // The area's polygon, one circle per place with listed visits, one per service point.
    await page.waitForFunction(
      (n) => document.querySelectorAll('#near-map path.leaflet-interactive').length >= n + 2,
      listed,
      { timeout: BROWSER_WAIT_MS },
    );
    expect(await page.locator('#near-map .map-legend').count()).toBe(1);
    expect(errors).toEqual([]);
    await context.close();
    const axeContext = await newContextAt(browser, TUESDAY_2026_12_01, { bypassCSP: true });
    const scanned = await axeContext.newPage();
    await scanned.goto(`${base}/near?q=02320`);
    await scanned.waitForSelector('#near-map path.leaflet-interactive', { timeout: BROWSER_WAIT_MS });
    expect(await axeViolations(scanned)).toEqual([]);
    await axeContext.close();
  });

  it('prints each series once with the languages of its dates, without JavaScript (fi, sv, en)', async () => {
    const context = await newContextAt(browser, TUESDAY_2026_12_01, { javaScriptEnabled: false });
    const page = await context.newPage();
    for (const [prefix, speak] of [
      ['', /^(Neuvojat puhuvat|Vain .+ neuvojat puhuvat|Joka kerta paitsi .+ neuvojat puhuvat)/],
      ['/sv', /^(Rådgivarna talar|Endast .+ talar rådgivarna|Varje gång utom .+ talar rådgivarna)/],
      ['/en', /^(Advisors speak|Only on .+, advisors|Every time except .+, advisors)/],
    ] as const) {
      await page.goto(`${base}${prefix}/print/districts/suur-espoonlahti`);
      const places = await page
        .locator('main section')
        .evaluateAll((sections) =>
          sections.map((section) =>
            [...section.querySelectorAll('.series')].map((series) =>
              [...series.querySelectorAll('p')].map((p) => (p.textContent ?? '').trim()),
            ),
          ),
        );
      const series = places.flat();
      expect(series.length, prefix).toBeGreaterThan(0);
      for (const place of places) {
        // One series (weekday and time) is printed once per place.
        const whens = place.map((lines) => lines[0]);
        expect(new Set(whens).size, whens.join(' | ')).toBe(whens.length);
      }
      // Every series says which languages its advisors speak, on which dates.
      for (const lines of series)
        expect(
          lines.some((l) => speak.test(l)),
          lines.join(' | '),
        ).toBe(true);
    }
    await context.close();
  });

  it('prints a timetable without the site’s navigation', async () => {
    const context = await newContextAt(browser, TUESDAY_2026_12_01);
    const page = await context.newPage();
    await page.goto(`${base}/print/districts/suur-espoonlahti`);
    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('.site-header').isVisible()).toBe(false);
    expect(await page.locator('h1').isVisible()).toBe(true);
    await context.close();
  });
});
