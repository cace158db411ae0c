/**
 * The planner's visit plans in Chromium with JavaScript off: start a plan from the form, follow
 * the job, read the plan (figures, calendar, visits with explanations, what-ifs, series by
 * venue, visits per district and week), pin a series and publish it; then repair an absence
 * and see the diff; axe-core finds nothing on any of the pages (the rhythm rules' form, a
 * pinned series) in
 * fi, sv and en; the list page reflows at 320 px.
 */
/// <reference lib="dom" />
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/app.ts';
import { createRepositories } from '../../src/db/repositories.ts';
import { createAccessService } from '../../src/services/access-service.ts';
import { createAuthService } from '../../src/services/auth-service.ts';
import { createImportService } from '../../src/services/import-service.ts';
import { createPlanningService, type PlanningService } from '../../src/services/planning/planning-service.ts';
import {
  axeViolations,
  BROWSER_WAIT_MS,
  launchChromium,
  logInAsPlanner,
  newContextAt,
  serveForBrowser,
  TEST_PLANNER,
} from '../helpers/browser.ts';
import { readEspoo, TUESDAY_2026_12_01 } from '../helpers/espoo.ts';
import { createTestStore, type TestStore } from '../helpers/store.ts';

let store: TestStore;
let browser: Browser;
let server: Awaited<ReturnType<typeof serveForBrowser>> | undefined;
let base: string;
let planning: PlanningService;

beforeAll(async () => {
  store = await createTestStore();
  expect((await createImportService(store).importCity(readEspoo)).ok).toBe(true);
  const repos = createRepositories(store.db);
  await createAuthService({ store, repos, now: () => TUESDAY_2026_12_01 }).addUser({
    ...TEST_PLANNER,
    roles: ['planner'],
  });
  planning = createPlanningService({
    store,
    repos,
    access: createAccessService({ repos, now: () => TUESDAY_2026_12_01 }),
  });
  server = await serveForBrowser(createApp({ store, now: () => TUESDAY_2026_12_01 }));
  base = server.base;
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
  await store?.destroy();
});

const logIn = (page: Page, path: string) => logInAsPlanner(page, `${base}${path}`);

/** Waits for the self-refreshing job status to say the job is done (the page refreshes every 2 s). */
const untilDone = (page: Page) =>
  page.getByRole('status').filter({ hasText: 'Done' }).waitFor({ timeout: BROWSER_WAIT_MS });

describe('visit plans in Chromium, without JavaScript', () => {
  it('makes, reads and publishes a plan, then repairs an absence', async () => {
    const context = await newContextAt(browser, TUESDAY_2026_12_01, { javaScriptEnabled: false });
    const page = await context.newPage();
    await logIn(page, '/en/planner/plans');
    await expect(page.locator('h1').textContent()).resolves.toBe(
      'Visit plans of the mobile advisory service',
    );
    // The form defaults to the Monday after "today" (Tuesday 1 December 2026).
    await expect(page.getByLabel('From').first().inputValue()).resolves.toBe('2026-12-07');
    await page.getByLabel('Weeks').fill('1');
    await page.getByLabel('Method').selectOption('heuristic');
    await page.getByLabel('Time limit (s)').fill('2');
    await page.getByRole('button', { name: 'Make a plan' }).click();
    await expect(page.getByRole('status').textContent()).resolves.toContain('Queued');
    expect(await page.locator('meta[http-equiv="refresh"]').count()).toBe(1);

    // The server's job loop is not running in this test: run the job here.
    const job = await planning.runNextJob();
    expect(job?.status).toBe('succeeded');
    // The page refreshes itself while the job runs; the next refresh shows it done. (A reload
    // here could collide with that refresh and be aborted.)
    await untilDone(page);
    await page.getByRole('link', { name: 'Show the plan' }).click();
    await expect(page.locator('h1').textContent()).resolves.toMatch(/^Visit plan /);
    await expect(page.locator('body').textContent()).resolves.toMatch(/at most [\d.,]+ % from the best/);
    const rows = await page.locator('#visits-heading + .table-wrap tbody tr').count();
    expect(rows).toBeGreaterThan(5);
    expect(await page.locator('#calendar-heading + .table-wrap tbody tr').count()).toBe(1);
    expect(await page.locator('#whatif-heading + .table-wrap tbody tr').count()).toBeGreaterThan(0);
    // The plan's series by venue, and its visits per district (the 7 major districts) and week.
    expect(await page.locator('#series-table tbody tr').count()).toBeGreaterThan(3);
    expect(await page.locator('#district-week-table tbody tr').count()).toBe(7);
    // Pin the first series (a form, no script needed): the page shows it pinned, with "Unpin".
    await page.getByRole('button', { name: 'Pin this series' }).first().click();
    await expect(page.locator('#series-table .pinned').first().textContent()).resolves.toMatch(/^Pinned: /);
    expect(await page.getByRole('button', { name: 'Unpin' }).count()).toBe(1);
    await page.getByRole('button', { name: 'Publish the plan' }).click();
    await expect(page.locator('body').textContent()).resolves.toContain('Status: Published');

    // An advisor of the first visit is away that day: repair.
    const detail = await planning.getPlan(job?.planId ?? '');
    const first = detail.visits[0];
    await page.goto(`${base}/en/planner/plans`);
    const absence = page.getByRole('form', { name: 'Repair the absence' });
    await absence.getByLabel('Advisor away').selectOption(first?.advisorIds[0] ?? '');
    await absence.getByLabel('First day').fill(first?.date ?? '');
    await absence.getByLabel('Last day').fill(first?.date ?? '');
    await absence.getByRole('button', { name: 'Repair the absence' }).click();
    const repair = await planning.runNextJob();
    expect(repair?.status, repair?.error ?? '').toBe('succeeded');
    await untilDone(page);
    await page.getByRole('link', { name: 'Show the plan' }).click();
    const text = (await page.locator('body').textContent()) ?? '';
    expect(text).toMatch(/\d+ new, \d+ with other advisors, \d+ cancelled, \d+ unchanged/);
    expect(text).toContain('Status: Draft (Repair)');
    await context.close();
  });

  it('refuses a bad form with the reason on the page', async () => {
    const context = await newContextAt(browser, TUESDAY_2026_12_01, { javaScriptEnabled: false });
    const page = await context.newPage();
    await logIn(page, '/en/planner/plans');
    await page.getByLabel('Weeks').fill('40');
    await page.evaluate(() => undefined).catch(() => undefined);
    const res = await page.request.post(`${base}/en/planner/plans`, {
      form: { from: '2026-12-07', weeks: '40', solver: 'auto', timeLimit: '5' },
    });
    expect(res.status()).toBe(400);
    expect(await res.text()).toContain('weeks');
    await context.close();
  });

  it.each(['/planner/plans', '/sv/planner/plans', '/en/planner/plans'])(
    '%s has no axe-core violations',
    async (path) => {
      const context = await newContextAt(browser, TUESDAY_2026_12_01, { bypassCSP: true });
      const page = await context.newPage();
      await logIn(page, path);
      expect(await axeViolations(page)).toEqual([]);
      const [plan] = await planning.listPlans(1);
      await page.goto(`${base}${path}/${plan?.id}`);
      // The map of visits and reached areas, drawn by the page's script.
      await page.waitForFunction(
        () => document.querySelectorAll('#plan-map path.leaflet-interactive').length >= 40,
        null,
        { timeout: BROWSER_WAIT_MS },
      );
      expect(await axeViolations(page)).toEqual([]);
      const [job] = await planning.listJobs(1);
      await page.goto(`${base}${path}/jobs/${job?.id}`);
      expect(await axeViolations(page)).toEqual([]);
      // The residents' feedback page (no feedback in this database).
      await page.goto(`${base}${path.replace('/plans', '/feedback')}`);
      expect(await page.locator('h1').count()).toBe(1);
      expect(await axeViolations(page)).toEqual([]);
      await context.close();
    },
  );

  it('reflows at 320 px', async () => {
    const context = await newContextAt(browser, TUESDAY_2026_12_01, {
      viewport: { width: 320, height: 640 },
    });
    const page = await context.newPage();
    await logIn(page, '/en/planner/plans');
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    const wide = await page.evaluate(() =>
      [...document.querySelectorAll('body *')]
        .filter((e) => e.getBoundingClientRect().right > 321 && !e.parentElement?.closest('.table-wrap'))
        .map((e) => `${e.tagName}.${e.className}#${e.id} ${Math.round(e.getBoundingClientRect().width)}`)
        .slice(0, 8),
    );
    expect(wide).toEqual([]);
    expect(width).toBeLessThanOrEqual(320);
    await context.close();
  });
});
