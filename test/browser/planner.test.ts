/**
 * The planner's scenario comparison in a real browser: login, the tables, the map of the
 * change and the distribution chart drawn by the page's script, and an accessibility scan.
 */
/// <reference lib="dom" />
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/app.ts';
import { isInService } from '../../src/core/time/opening-hours.ts';
import { createRepositories } from '../../src/db/repositories.ts';
import { createAuthService } from '../../src/services/auth-service.ts';
import { createImportService } from '../../src/services/import-service.ts';
import {
  axeViolations,
  BROWSER_WAIT_MS,
  launchChromium,
  logInAsPlanner,
  newContextAt,
  pageErrors,
  serveForBrowser,
  TEST_PLANNER,
} from '../helpers/browser.ts';
import { readEspoo, TUESDAY_2026_12_01 } from '../helpers/espoo.ts';
import { createTestStore, type TestStore } from '../helpers/store.ts';

let store: TestStore;
let browser: Browser;
let server: Awaited<ReturnType<typeof serveForBrowser>> | undefined;
let base: string;

beforeAll(async () => {
  store = await createTestStore();
  expect((await createImportService(store).importCity(readEspoo)).ok).toBe(true);
  await createAuthService({
    store,
    repos: createRepositories(store.db),
    now: () => TUESDAY_2026_12_01,
  }).addUser({
    ...TEST_PLANNER,
    roles: ['planner'],
  });
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

const logIn = (page: Page, path: string) => logInAsPlanner(page, `${base}${path}`);

describe('planner page in Chromium', () => {
  it('shows the comparison with a map of the change and the distribution chart', async () => {
    const context = await newContextAt(browser, TUESDAY_2026_12_01, { bypassCSP: false });
    const page = await context.newPage();
    const errors = pageErrors(page);
    await logIn(page, '/en/planner?base=2021-six-points&alt=decision-2021-12-20&mode=pt-slow');
    await expect(page.locator('h1').textContent()).resolves.toBe('Network scenarios');
    expect(await page.locator('text=Logged in: Pia Planner').count()).toBe(1);
    // The group table: all groups, the area table with Espoonlahti first.
    expect(await page.locator('#groups-heading + .table-wrap tbody tr').count()).toBe(6);
    await expect(
      page.locator('#areas-heading + .table-wrap tbody tr').first().textContent(),
    ).resolves.toContain('Espoonlahti');
    // The map: one polygon per postal area, drawn by Leaflet.
    await page.waitForFunction(
      () => document.querySelectorAll('#change-map path.leaflet-interactive').length >= 46,
      null,
      { timeout: BROWSER_WAIT_MS },
    );
    expect(await page.locator('#change-map .map-legend').count()).toBe(1);
    // The chart: an SVG with two step lines (baseline and alternative).
    await page.waitForSelector('#cdf-chart svg', { timeout: BROWSER_WAIT_MS });
    expect(await page.locator('#cdf-chart svg path').count()).toBeGreaterThanOrEqual(2);
    await page.selectOption('#chart-group', 'age75plus');
    await page.waitForFunction(() =>
      (document.querySelector('#cdf-chart svg')?.getAttribute('aria-label') ?? '').includes('75'),
    );
    expect(errors).toEqual([]);
    await context.close();
  });

  it('answers "which points to keep" with the proof, the explanation and a map', async () => {
    const context = await newContextAt(browser, TUESDAY_2026_12_01, { bypassCSP: false });
    const page = await context.newPage();
    const errors = pageErrors(page);
    await logIn(page, '/en/planner/network');
    await expect(page.locator('h1').textContent()).resolves.toBe('Which points to keep');
    // Weight people aged 75+ three times, keep Kalajärvi, close Tapiola, and solve.
    await page.getByLabel('Aged 75+').fill('2');
    const kalajarvi = page.getByRole('group', { name: 'Kalajärvi Service Point' });
    await kalajarvi.getByLabel('Keep').check();
    await page.getByRole('group', { name: 'Tapiola Service Point' }).getByLabel('Close').check();
    await page.getByRole('button', { name: 'Calculate' }).click();
    await page.waitForSelector('#answer-heading');
    expect(await page.locator('#answer-heading ~ p').allTextContents()).toContainEqual(
      expect.stringContaining('proven best'),
    );
    const kept = await page.locator('#chosen-heading + .table-wrap tbody th').allTextContents();
    expect(kept).toHaveLength(3);
    expect(kept).toContain('Kalajärvi Service Point');
    const closed = await page.locator('#closed-heading + .table-wrap tbody th').allTextContents();
    expect(closed).toContain('Tapiola Service Point');
    expect(page.url()).toContain('w_age75plus=2');
    // 46 postal areas and 6 points, drawn by Leaflet, with the legend.
    await page.waitForFunction(
      () => document.querySelectorAll('#network-map path.leaflet-interactive').length >= 52,
      null,
      { timeout: BROWSER_WAIT_MS },
    );
    expect(await page.locator('#network-map .map-legend').count()).toBe(1);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('keeps the best 3 of all premises, Kalajärvi among them', async () => {
    const context = await newContextAt(browser, TUESDAY_2026_12_01, { bypassCSP: false });
    const page = await context.newPage();
    const errors = pageErrors(page);
    await logIn(page, '/en/planner/network');
    await page.getByLabel('Goal').selectOption('mclp');
    await page.getByLabel('Travel-time threshold (min)').fill('20');
    await page.getByLabel('Travel mode').selectOption('walk-slow');
    await page.getByRole('group', { name: 'Candidates' }).getByLabel('All premises').check();
    // Kalajärvi is in today's list, so its rule carries over to the set of all premises.
    await page.getByRole('group', { name: 'Kalajärvi Service Point' }).getByLabel('Keep').check();
    await page.getByRole('button', { name: 'Calculate' }).click();
    await page.waitForSelector('#answer-heading');
    expect(page.url()).toContain('candidates=all-sites');
    expect(page.url()).toContain('rule_SP_KALAJARVI=keep');
    const date = '2021-12-01';
    const inService = (await createRepositories(store.db).sites.list()).filter((s) =>
      isInService(s.validity, date),
    );
    await expect(page.locator('#candidates-used').textContent()).resolves.toBe(
      `Chosen from ${inService.length} candidates: All premises: also libraries, shopping centres, health stations and service centres.`,
    );
    expect(await page.locator('#answer-heading ~ p').allTextContents()).toContainEqual(
      expect.stringMatching(/Bound [\d,.]+: (proven best|at most [\d.]+ % from the best)/),
    );
    const rows = page.locator('#chosen-heading + .table-wrap tbody tr');
    expect(await rows.count()).toBe(3);
    expect(await rows.locator('th').allTextContents()).toContain('Kalajärvi Service Point');
    for (const role of await rows.locator('td:nth-of-type(1)').allTextContents())
      expect(['service point', 'venue']).toContain(role);
    // The rules now list every premises, folded away, with Kalajärvi still kept.
    const rules = page.locator('#site-rules');
    await expect(rules.locator('summary').textContent()).resolves.toBe(
      `${inService.length} sites: 1 kept, 0 closed`,
    );
    await rules.locator('summary').click();
    await expect(
      rules.getByRole('group', { name: 'Sello Library (venue)' }).getByLabel('Free').isChecked(),
    ).resolves.toBe(true);
    await expect(
      rules.getByRole('group', { name: 'Kalajärvi Service Point' }).getByLabel('Keep').isChecked(),
    ).resolves.toBe(true);
    // The map draws the chosen venues too: the areas and one marker per candidate.
    await page.waitForFunction(
      (n) => document.querySelectorAll('#network-map path.leaflet-interactive').length >= 46 + n,
      inService.length,
      { timeout: BROWSER_WAIT_MS },
    );
    expect(errors).toEqual([]);
    await context.close();
  });

  it('says in Finnish what is wrong with an impossible request, without script', async () => {
    const context = await newContextAt(browser, TUESDAY_2026_12_01, { javaScriptEnabled: false });
    const page = await context.newPage();
    await logIn(
      page,
      '/planner/network?k=2&rule_SP_TAPIOLA=keep&rule_SP_LEPPAVAARA=keep&rule_SP_ESPOONLAHTI=keep',
    );
    const alert = page.getByRole('alert');
    await expect(alert.textContent()).resolves.toContain('pidettäviksi on merkitty 3 pistettä');
    await context.close();
  });

  // One signed-in browser for all the scans: the pages differ, the sign-in does not.
  it('has no axe-core violations on the network and planner pages, in every language', async () => {
    const context = await newContextAt(browser, TUESDAY_2026_12_01, { bypassCSP: true });
    const page = await context.newPage();
    await logIn(page, '/planner/network');
    for (const path of [
      '/planner/network',
      '/sv/planner/network',
      '/en/planner/network?model=mclp&radius=20',
      '/sv/planner/network?candidates=all-sites&rule_SP_KALAJARVI=keep',
    ]) {
      await page.goto(`${base}${path}`);
      await page.waitForFunction(
        () => document.querySelectorAll('#network-map path.leaflet-interactive').length > 0,
        null,
        { timeout: BROWSER_WAIT_MS },
      );
      expect(await axeViolations(page), path).toEqual([]);
    }
    for (const path of ['/planner', '/sv/planner', '/en/planner']) {
      await page.goto(`${base}${path}`);
      await page.waitForSelector('#cdf-chart svg', { timeout: BROWSER_WAIT_MS });
      await page.waitForFunction(
        () => document.querySelectorAll('#change-map path.leaflet-interactive').length > 0,
      );
      expect(await axeViolations(page), path).toEqual([]);
    }
    await context.close();
  });

  it('has no axe-core violations on the sign-in page, in every language', async () => {
    const context = await newContextAt(browser, TUESDAY_2026_12_01, { bypassCSP: true });
    const page = await context.newPage();
    for (const path of ['/login', '/sv/login', '/en/login']) {
      await page.goto(`${base}${path}`);
      expect(await axeViolations(page), path).toEqual([]);
    }
    await context.close();
  });

  it('refuses the page to anyone not logged in, and a wrong password', async () => {
    const res = await fetch(`${base}/planner`, { redirect: 'manual' });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/login?next=%2Fplanner');
    const bad = await fetch(`${base}/login`, {
      method: 'POST',
      body: new URLSearchParams({ email: TEST_PLANNER.email, password: 'wrong password!' }),
      redirect: 'manual',
    });
    expect(bad.status).toBe(400);
    expect(await bad.text()).toContain('Kirjautuminen ei onnistunut. Tarkista sähköposti ja salasana.');
    const crossSite = await fetch(`${base}/login`, {
      method: 'POST',
      headers: { origin: 'https://evil.example' },
      body: new URLSearchParams({ email: TEST_PLANNER.email, password: TEST_PLANNER.password }),
      redirect: 'manual',
    });
    expect(crossSite.status).toBe(403);
  });
});
