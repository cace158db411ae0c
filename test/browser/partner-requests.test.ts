/// <reference lib="dom" />
/**
 * Partner requests in Chromium on a 360 px wide phone with JavaScript disabled: the form is
 * filled and sent in Finnish, Swedish and English (once with a mistake, shown next to its
 * field), the status page opens by its private link, and axe-core finds no violations on any
 * step; touch targets are at least 48 px and nothing is wider than the screen. The planner's
 * inbox and a request's page pass axe too.
 */
import type { Browser, Page, Route } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/app.ts';
import { asAdvisorId, asSiteId } from '../../src/core/ids.ts';
import type { Site } from '../../src/core/model/site.ts';
import { createRepositories, inTransaction } from '../../src/db/repositories.ts';
import { createAuthService } from '../../src/services/auth-service.ts';
import { MESSAGES } from '../../src/web/messages.ts';
import { advisor, district, postalArea, site } from '../fixtures.ts';
import {
  axeViolations,
  launchChromium,
  logInAsPlanner,
  newContextAt,
  serveForBrowser,
  TEST_PLANNER,
} from '../helpers/browser.ts';
import { TUESDAY_2026_12_01 } from '../helpers/espoo.ts';
import { createTestStore, type TestStore } from '../helpers/store.ts';

let store: TestStore;
let browser: Browser;
let server: Awaited<ReturnType<typeof serveForBrowser>> | undefined;
let base: string;

const venue = (id: string, name: string): Site => ({
  ...site,
  id: asSiteId(id),
  role: 'venue',
  kind: 'senior-centre',
  name: { fi: `${name} palvelutalo`, sv: `${name} servicehus`, en: `${name} senior centre` },
  validity: [{ from: '2022-01-01', to: null }],
  exceptions: [],
});

beforeAll(async () => {
  store = await createTestStore();
  await inTransaction(store, async (tx) => {
    await tx.areas.upsert([district, postalArea]);
    await tx.sites.upsert([venue('SC_A', 'Kivenlahti'), venue('SC_B', 'Tapiola')]);
    await tx.advisors.upsert([
      { ...advisor, id: asAdvisorId('A1'), languages: ['fi', 'sv', 'ar'], homeSiteId: null, absences: [] },
    ]);
  });
  await createAuthService({
    store,
    repos: createRepositories(store.db),
    now: () => TUESDAY_2026_12_01,
  }).addUser({ ...TEST_PLANNER, roles: ['planner'] });
  server = await serveForBrowser(createApp({ store, now: () => TUESDAY_2026_12_01, logError: () => {} }));
  base = server.base;
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
  await store?.destroy();
});

const PHONE = { viewport: { width: 360, height: 740 }, hasTouch: true, isMobile: true } as const;

/**
 * No axe-core violations on the page as the browser shows it. axe-core needs scripts (it waits
 * on timers), so the page's HTML is served again, at its own address, to a phone-sized page
 * with scripts on.
 */
let axePage: Page | undefined;
async function expectNoViolations(page: Page, step: string) {
  const html = await page.content();
  const url = page.url();
  axePage ??= await (
    await newContextAt(browser, TUESDAY_2026_12_01, { ...PHONE, bypassCSP: true })
  ).newPage();
  const checked = axePage;
  const serve = (route: Route) =>
    route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: html });
  await checked.route(url, serve);
  await checked.goto(url);
  await checked.unroute(url, serve);
  const violations = await axeViolations(checked);
  expect(
    violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`),
    step,
  ).toEqual([]);
}

/** No horizontal scrolling, and every control of the form a touch target of 48 px or more. */
async function expectPhoneFriendly(page: Page, step: string) {
  expect(await page.evaluate(() => document.documentElement.scrollWidth), step).toBeLessThanOrEqual(360);
  const heights = await page
    .locator(
      '.partner-form input[type="text"]:not(#pr-website), .partner-form input[type="date"], .partner-form select, .partner-form .check, .partner-form button',
    )
    .evaluateAll((els) => els.map((e) => e.getBoundingClientRect().height));
  expect(Math.min(...heights), step).toBeGreaterThanOrEqual(48);
}

describe('partner requests in Chromium, without JavaScript, on a phone', () => {
  it('sends the form and opens the status page in fi, sv and en with no axe violations', async () => {
    for (const lang of ['fi', 'sv', 'en'] as const) {
      const m = MESSAGES[lang];
      const prefix = lang === 'fi' ? '' : `/${lang}`;
      const context = await newContextAt(browser, TUESDAY_2026_12_01, {
        ...PHONE,
        javaScriptEnabled: false,
      });
      const page = await context.newPage();
      await page.goto(`${base}${prefix}/partners`);
      await expect(page.locator('h1').textContent()).resolves.toBe(m.partnerFormTitle);
      await expectNoViolations(page, `${lang} form`);
      await expectPhoneFriendly(page, `${lang} form`);

      await page.getByLabel(m.partnerOrganisation).fill('Kivenlahden eläkeläiset ry');
      await page.getByLabel(m.partnerContactName).fill('Maija Meikäläinen');
      // A contact that is neither an e-mail address nor a phone number, the first time.
      await page.getByLabel(m.partnerContact).fill(lang === 'fi' ? 'soita minulle' : '+358 40 123 4567');
      await page.getByLabel(m.partnerVenue).selectOption('SC_A');
      await page.getByLabel(m.partnerWeeksFrom).fill('2027-01-11');
      await page.getByLabel(m.partnerWeeksTo).fill('2027-02-26');
      await page.getByLabel(m.partnerWeekday2).check();
      await page.getByLabel(m.partnerWeekday4).check();
      await page.getByLabel(m.partnerBlock).selectOption('morning');
      await page.getByLabel(`${m.partnerAudience} (${m.partnerOptional})`, { exact: true }).fill('Jäsenet');
      await page.getByLabel(m.partnerAudienceSize).fill('30');
      await page.locator('#pr-language-ar').check();
      await page.getByLabel(m.partnerMessage).fill('Kahvia on tarjolla.');
      await page.getByRole('button', { name: m.partnerSend }).click();

      if (lang === 'fi') {
        // The mistake is named next to its field and in the summary; what was typed is kept.
        await expect(page.locator('#pr-contact-error').textContent()).resolves.toBe(
          m.partnerErrContactInvalid,
        );
        await expect(page.locator('#pr-contact').getAttribute('aria-invalid')).resolves.toBe('true');
        await expect(page.getByLabel(m.partnerOrganisation).inputValue()).resolves.toBe(
          'Kivenlahden eläkeläiset ry',
        );
        await expect(page.getByLabel(m.partnerWeekday4).isChecked()).resolves.toBe(true);
        await expectNoViolations(page, 'fi form with an error');
        await expectPhoneFriendly(page, 'fi form with an error');
        await page.getByLabel(m.partnerContact).fill('maija@example.org');
        await page.getByRole('button', { name: m.partnerSend }).click();
      }

      // The status page, by the private link.
      await page.waitForURL(new RegExp(`${prefix}/partners/requests/[A-Za-z0-9_-]{43}$`));
      const title = (await page.locator('h1').textContent()) ?? '';
      expect(title).toMatch(/P-[2-9A-HJKMNP-Z]{6}$/);
      await expect(page.getByText(m.partnerStatusNew, { exact: true }).count()).resolves.toBe(1);
      await expect(page.getByText(m.partnerPrivateLink, { exact: false }).count()).resolves.toBe(1);
      await expect(page.locator('main').textContent()).resolves.toContain(
        lang === 'sv'
          ? 'Kivenlahti servicehus'
          : lang === 'en'
            ? 'Kivenlahti senior centre'
            : 'Kivenlahti palvelutalo',
      );
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
      await expectNoViolations(page, `${lang} status page`);
      await context.close();
    }
  });

  it('the planner’s inbox and a request’s page have no axe violations', async () => {
    const context = await newContextAt(browser, TUESDAY_2026_12_01, { javaScriptEnabled: false });
    const page = await context.newPage();
    await logInAsPlanner(page, `${base}/en/planner/requests`);
    await page.waitForURL(`${base}/en/planner/requests`);
    await expect(page.locator('h1').textContent()).resolves.toBe(MESSAGES.en.partnerInboxTitle);
    await expectNoViolations(page, 'inbox');
    await page.getByRole('link', { name: 'Kivenlahden eläkeläiset ry' }).first().click();
    await page.getByRole('button', { name: MESSAGES.en.partnerDeclineButton }).click();
    // A reason is required: the browser's own check stops the empty form without a script.
    await page.getByLabel(MESSAGES.en.partnerAskQuestion).fill('How many will come?');
    await page.getByRole('button', { name: MESSAGES.en.partnerAskButton }).click();
    await expect(page.getByRole('status').first().textContent()).resolves.toBe(MESSAGES.en.partnerDoneAsk);
    await expectNoViolations(page, 'request page');
    await context.close();
  });
});
