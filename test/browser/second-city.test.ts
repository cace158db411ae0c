/// <reference lib="dom" />
/**
 * A second city from data alone: the synthetic town in data/esimerkkila, imported through its
 * profile like any city, with a published schedule. Its public pages, its schedule, a plan's page
 * and the access comparison work in Chromium on a phone in Finnish and Swedish with no axe-core
 * violations, speak of the town by its own names, and show nothing of the Espoo demo.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/app.ts';
import { createRepositories } from '../../src/db/repositories.ts';
import { createAccessService } from '../../src/services/access-service.ts';
import { createAuthService } from '../../src/services/auth-service.ts';
import { cityFileReader, loadCityProfile } from '../../src/services/city/city-folders.ts';
import { createImportService } from '../../src/services/import-service.ts';
import { createPlanningService } from '../../src/services/planning/planning-service.ts';
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
import { espooWords, TUESDAY_2026_12_01 } from '../helpers/espoo.ts';
import { createTestStore, type TestStore } from '../helpers/store.ts';

const CITY = 'esimerkkila';
let store: TestStore;
let browser: Browser;
let server: Awaited<ReturnType<typeof serveForBrowser>> | undefined;
let base: string;
let planId: string;
let venueWithVisits: string;

beforeAll(async () => {
  store = await createTestStore();
  const imported = await createImportService(store).importCity(cityFileReader(CITY), `data/${CITY}`);
  expect(imported.ok, JSON.stringify(imported)).toBe(true);
  const repos = createRepositories(store.db);
  const planning = createPlanningService({
    store,
    repos,
    access: createAccessService({ repos, now: () => TUESDAY_2026_12_01 }),
  });
  await planning.enqueue(
    {
      kind: 'plan',
      from: '2026-11-30',
      weeks: 3,
      solver: 'heuristic',
      timeLimitSeconds: 0.5,
      whatIfSeconds: 0,
    },
    null,
  );
  const done = await planning.runNextJob();
  expect(done?.status, done?.error ?? '').toBe('succeeded');
  planId = done?.planId ?? '';
  await planning.publish(planId);
  const visits = await repos.plans.listScheduled('2026-12-01', '2026-12-20');
  venueWithVisits = visits[0]?.venueId ?? '';
  expect(venueWithVisits).not.toBe('');
  await createAuthService({ store, repos, now: () => TUESDAY_2026_12_01 }).addUser({
    ...TEST_PLANNER,
    roles: ['planner'],
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

const PUBLIC = () => [
  '/',
  '/near?q=77730',
  '/near?q=Peltola',
  '/near?q=Kuuskylä',
  '/schedule?week=2026-W49',
  `/places/${venueWithVisits}`,
  '/places/SP_KESKUSTA',
  '/services',
  '/print/districts/keskusta',
  '/accessibility',
];
const STAFF = () => [
  `/planner/plans/${planId}`,
  '/planner?base=current&alt=one-point&mode=pt-slow',
  '/planner/network',
];
const inLanguage = (lang: string, path: string) =>
  lang === 'fi' ? path : `/${lang}${path === '/' ? '' : path}`;

/** What the page says, its title included. */
const textOf = (page: Page) => page.evaluate(() => `${document.title}\n${document.body.textContent}`);

/** Waits for the maps and charts a staff page draws with its script. */
async function drawn(page: Page, path: string): Promise<void> {
  if (path.startsWith('/planner?'))
    await page.waitForSelector('#cdf-chart svg', { timeout: BROWSER_WAIT_MS });
  if (path.startsWith('/planner/network'))
    await page.waitForFunction(
      () => document.querySelectorAll('#network-map path.leaflet-interactive').length > 0,
      null,
      { timeout: BROWSER_WAIT_MS },
    );
}

describe('a second city (the synthetic Esimerkkilä) in Chromium', () => {
  it('serves public pages, schedule, plan and access comparison on a phone in fi and sv: axe-clean, no sideways scrolling, nothing of Espoo', async () => {
    const espoo = espooWords().pattern;
    const context = await newContextAt(browser, TUESDAY_2026_12_01, {
      bypassCSP: true,
      viewport: { width: 360, height: 740 },
    });
    const page = await context.newPage();
    const errors = pageErrors(page);
    await logInAsPlanner(page, `${base}/planner/plans`);
    const found: Record<string, unknown> = {};
    for (const lang of ['fi', 'sv']) {
      for (const path of [...PUBLIC(), ...STAFF()].map((p) => inLanguage(lang, p))) {
        const response = await page.goto(`${base}${path}`);
        if (response?.status() !== 200) found[`${path} status`] = response?.status();
        await drawn(page, path.replace(/^\/sv/, ''));
        const violations = await axeViolations(page);
        if (violations.length > 0) found[`${path} axe`] = violations;
        const overflow = await page.evaluate(
          () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
        );
        if (overflow > 0) found[`${path} overflow`] = overflow;
        const espooName = espoo.exec(await textOf(page));
        if (espooName) found[`${path} names`] = espooName[0];
        const html = await page.content();
        for (const leak of ['espoo.fi', '816 21', 'reittiopas'])
          if (html.includes(leak)) found[`${path} html`] = leak;
      }
    }
    expect(found).toEqual({});
    expect(errors).toEqual([]);
    await context.close();
  });

  it('speaks of the town by its own names, from its profile', async () => {
    const profile = await loadCityProfile(CITY);
    const context = await newContextAt(browser, TUESDAY_2026_12_01, {
      viewport: { width: 360, height: 740 },
    });
    const page = await context.newPage();
    for (const lang of ['fi', 'sv'] as const) {
      await page.goto(`${base}${inLanguage(lang, '/')}`);
      expect(await page.title()).toContain(profile.serviceName[lang]);
      await expect(page.locator('.brand').textContent()).resolves.toBe(profile.serviceName[lang]);
      expect(await textOf(page)).toContain(profile.searchExamples[lang]);
      // A made-up town says so, instead of the demo's "from public sources".
      expect(await textOf(page)).toContain(lang === 'fi' ? 'Keksitty kaupunki' : 'En påhittad stad');
      expect(await textOf(page)).not.toMatch(/julkisista lähteistä|offentliga källor/);
      // The footer: the town's customer service.
      await expect(page.locator('.site-contact').textContent()).resolves.toContain(
        lang === 'fi' ? 'Esimerkkilän asiakaspalvelu' : 'Exempelby kundtjänst',
      );
      // A place's address names the town in the page's language.
      await page.goto(`${base}${inLanguage(lang, '/places/SP_KESKUSTA')}`);
      expect(await textOf(page)).toContain(`77730 ${profile.name[lang]}`);
      // The town has no journey planner: no link to one.
      expect(await page.locator('a[href^="https://"]').count()).toBe(0);
      // Nothing found: the sentence names the town's area.
      await page.goto(`${base}${inLanguage(lang, '/near?q=Kuuskylä')}`);
      expect(await textOf(page)).toContain(profile.servedArea[lang]);
    }
    // The calendar feed carries the town's name for the service.
    const feed = await (await fetch(`${base}/sv/calendar/all.ics`)).text();
    expect(feed).toContain(`X-WR-CALNAME:${profile.mobileServiceName.sv}`);
    await context.close();
  });

  it("shows the plan of the town's four districts and its two scenarios' comparison", async () => {
    const context = await newContextAt(browser, TUESDAY_2026_12_01, {
      viewport: { width: 360, height: 740 },
    });
    const page = await context.newPage();
    await logInAsPlanner(page, `${base}/en/planner/plans/${planId}`);
    expect(await page.locator('#district-week-table tbody tr').count()).toBe(4);
    expect(await page.locator('#series-table tbody tr').count()).toBeGreaterThan(0);
    await page.goto(`${base}/en/planner?base=current&alt=one-point&mode=pt-slow`);
    await expect(page.locator('h1').textContent()).resolves.toBe('Network scenarios');
    // Eight postal areas, each a row of the area table.
    expect(await page.locator('#areas-heading + .table-wrap tbody tr').count()).toBe(8);
    await context.close();
  });
});
