/**
 * The planners' reports in Chromium: the dashboard on a phone in Finnish and Swedish (no
 * sideways scrolling, the phone-sized charts shown, axe-core clean), and the printable report
 * on A4 paper: in print media the navigation and forms are gone, every chart is the wide one, a
 * screenshot of each chart has the chart drawn in it (lines, axes and colours, checked pixel by
 * pixel), and the page prints to a PDF of several pages.
 */
/// <reference lib="dom" />
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/app.ts';
import { createRepositories } from '../../src/db/repositories.ts';
import { createAuthService } from '../../src/services/auth-service.ts';
import { BOOKING_NOW } from '../helpers/booking.ts';
import {
  axeViolations,
  launchChromium,
  logInAsPlanner,
  newContextAt,
  pageErrors,
  serveForBrowser,
  TEST_PLANNER,
} from '../helpers/browser.ts';
import { REPORT_FROM, REPORT_TO, seedReportWorld } from '../helpers/report-history.ts';
import { createTestStore, type TestStore } from '../helpers/store.ts';

let store: TestStore;
let browser: Browser;
let server: Awaited<ReturnType<typeof serveForBrowser>> | undefined;
let base: string;
const query = `from=${REPORT_FROM}&to=${REPORT_TO}`;

beforeAll(async () => {
  store = await createTestStore();
  await seedReportWorld(store);
  await createAuthService({ store, repos: createRepositories(store.db), now: () => BOOKING_NOW }).addUser({
    ...TEST_PLANNER,
    roles: ['planner'],
  });
  server = await serveForBrowser(createApp({ store, now: () => BOOKING_NOW }));
  base = server.base;
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
  await store?.destroy();
});

/**
 * In a PNG: the share of pixels that are not (nearly) white, how many colours they have, and the
 * share of saturated pixels (the data's colours, not the grey of axes and text).
 */
async function inkOf(page: Page, png: Buffer): Promise<{ ink: number; colours: number; hue: number }> {
  return page.evaluate(async (b64) => {
    // Decoded here, not fetched: the page's Content-Security-Policy allows no data: fetch.
    const bytes = Uint8Array.from(atob(b64), (ch) => ch.charCodeAt(0));
    const blob = new Blob([bytes], { type: 'image/png' });
    const bitmap = await createImageBitmap(blob);
    const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
    const g = canvas.getContext('2d');
    if (!g) throw new Error('no 2d context');
    g.drawImage(bitmap, 0, 0);
    const { data } = g.getImageData(0, 0, bitmap.width, bitmap.height);
    let ink = 0;
    let hue = 0;
    const colours = new Set<number>();
    for (let i = 0; i < data.length; i += 4) {
      const [r = 255, gr = 255, b = 255] = [data[i], data[i + 1], data[i + 2]];
      if (r > 245 && gr > 245 && b > 245) continue;
      ink++;
      // Saturated pixels: the marks' colours, not the grey of axes and text.
      if (Math.max(r, gr, b) - Math.min(r, gr, b) > 60) hue++;
      // Colours in coarse steps, so anti-aliasing does not count as colour.
      colours.add(((r >> 5) << 6) | ((gr >> 5) << 3) | (b >> 5));
    }
    const area = bitmap.width * bitmap.height;
    return { ink: ink / area, colours: colours.size, hue: hue / area };
  }, png.toString('base64'));
}

describe('the reports in Chromium', () => {
  for (const [lang, prefix, heading] of [
    ['fi', '', 'Kontaktit viikoittain asiointikanavan mukaan'],
    ['sv', '/sv', 'Kontakter per vecka enligt kanal'],
  ] as const) {
    it(`fit a phone in ${lang}, with phone-sized charts, and pass axe`, async () => {
      const context = await newContextAt(browser, BOOKING_NOW, { viewport: { width: 360, height: 800 } });
      const page = await context.newPage();
      const errors = pageErrors(page);
      await logInAsPlanner(page, `${base}${prefix}/planner/reports?${query}`);
      await page.waitForURL(/planner\/reports/);
      await expect.poll(() => page.getByRole('heading', { name: heading }).count()).toBe(1);
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
      const charts = await page.evaluate(() =>
        [...document.querySelectorAll('.report-figure')].map((f) => ({
          narrow: f.classList.contains('chart-narrow'),
          shown: getComputedStyle(f).display !== 'none',
          width: f.querySelector('svg.report-chart')?.getBoundingClientRect().width ?? 0,
          label: f.querySelector('svg.report-chart')?.getAttribute('aria-label') ?? '',
        })),
      );
      expect(charts.length).toBeGreaterThanOrEqual(12);
      for (const c of charts) {
        expect(c.shown).toBe(c.narrow);
        if (c.shown) expect(c.width).toBeLessThanOrEqual(340);
        expect(c.label.length).toBeGreaterThan(20);
      }
      // The figures' tables open under their charts.
      await page
        .getByText(lang === 'fi' ? 'Luvut taulukkona' : 'Siffrorna som tabell')
        .first()
        .click();
      await expect.poll(() => page.locator('details[open] table').count()).toBe(1);
      expect(await axeViolations(page)).toEqual([]);
      expect(errors).toEqual([]);
      await context.close();
    });
  }

  it('prints on A4: no navigation or forms, wide charts drawn in the screenshot, a PDF', async () => {
    const context = await newContextAt(browser, BOOKING_NOW, { viewport: { width: 794, height: 1123 } });
    const page = await context.newPage();
    await logInAsPlanner(page, `${base}/en/planner/reports/print?${query}`);
    await page.waitForURL(/reports\/print/);
    await page.emulateMedia({ media: 'print' });
    await expect.poll(() => page.getByRole('heading', { name: 'Customer service report' }).count()).toBe(1);
    const layout = await page.evaluate(() => ({
      header: getComputedStyle(document.querySelector('.site-header') as Element).display,
      forms: document.querySelectorAll('main form').length,
      narrowShown: [...document.querySelectorAll('.chart-narrow')].filter(
        (e) => getComputedStyle(e).display !== 'none',
      ).length,
      wide: document.querySelectorAll('.chart-wide svg').length,
      tablesOpen:
        document.querySelectorAll('details').length === 0 && document.querySelectorAll('table').length > 5,
    }));
    expect(layout).toMatchObject({ header: 'none', forms: 0, narrowShown: 0, tablesOpen: true });
    expect(layout.wide).toBeGreaterThanOrEqual(6);
    const charts = page.locator('.chart-wide svg.report-chart');
    for (const i of [0, 1]) {
      const shot = await charts.nth(i).screenshot();
      const { ink, colours, hue } = await inkOf(page, shot);
      // Lines, dots, grid and axis text: some ink, in several colours; not a blank box.
      expect(ink, `chart ${i}`).toBeGreaterThan(0.01);
      expect(ink, `chart ${i}`).toBeLessThan(0.6);
      expect(colours, `chart ${i}`).toBeGreaterThanOrEqual(3);
      // The data drawn in colour (lines and dots of the channels).
      expect(hue, `chart ${i}`).toBeGreaterThan(0.002);
    }
    const pdf = await page.pdf({ format: 'A4' });
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect((pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) ?? []).length).toBeGreaterThanOrEqual(2);
    await context.close();
  });
});
