/**
 * The administration pages in Chromium: adding an account works without JavaScript (the
 * password shown once, errors next to their fields), and axe-core finds no violations on the
 * staff accounts, an account, the audit log, the login page with the provider's button and a
 * refused provider sign-in, in every language.
 */
/// <reference lib="dom" />
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/app.ts';
import { asAdvisorId } from '../../src/core/ids.ts';
import { createRepositories, inTransaction } from '../../src/db/repositories.ts';
import { createAuditService } from '../../src/services/audit-service.ts';
import { oidcSettingsFromEnv } from '../../src/services/auth/oidc-settings.ts';
import { createAuthService } from '../../src/services/auth-service.ts';
import { loadCityProfile } from '../../src/services/city/city-folders.ts';
import { CITY_SETTING } from '../../src/services/city/city-profile.ts';
import { axeViolations, launchChromium, newContextAt, serveForBrowser } from '../helpers/browser.ts';
import { TUESDAY_2026_12_01 } from '../helpers/espoo.ts';
import { createTestStore, type TestStore } from '../helpers/store.ts';

let store: TestStore;
let browser: Browser;
let server: Awaited<ReturnType<typeof serveForBrowser>> | undefined;
let base: string;
let adminId: string;
const ADMIN = { email: 'admin@example.org', displayName: 'Ada Admin', password: 'correct horse battery' };

beforeAll(async () => {
  const espooProfile = await loadCityProfile('espoo');
  store = await createTestStore();
  const repos = createRepositories(store.db);
  const now = () => TUESDAY_2026_12_01;
  await inTransaction(store, (tx) =>
    tx.advisors.upsert(
      ['Aino', 'Mikael'].map((name) => ({
        id: asAdvisorId(`ADV_${name.toUpperCase()}`),
        displayName: name,
        languages: ['fi'],
        skills: ['general'],
        contractedMinutesPerWeek: 2250,
        maxVisitsPerDay: 2,
        homeSiteId: null,
        availability: [],
        absences: [],
        active: true,
        illustrative: true,
      })),
    ),
  );
  // The database holds Espoo's profile (as an import of the demo writes it): the form's address
  // example is in the city's domain.
  await inTransaction(store, (tx) => tx.access.setSetting(CITY_SETTING, espooProfile));
  adminId = (await createAuthService({ store, repos, now }).addUser({ ...ADMIN, roles: ['admin'] })).id;
  const audit = createAuditService({ store, repos, now });
  for (const action of ['plan-job.create', 'plan.publish', 'series-pin.create'])
    await audit.record({
      actor: { userId: adminId, email: ADMIN.email },
      action,
      targetType: 'plan',
      targetId: '7d3c0b8e-0000-4000-8000-000000000001',
      details: { kind: 'plan', from: '2026-12-07' },
    });
  // A provider is configured (never reached here): the login page shows its button.
  const oidc = oidcSettingsFromEnv({
    NEUVO_OIDC_ISSUER: 'http://127.0.0.1:9',
    NEUVO_OIDC_ALLOW_HTTP: '1',
    NEUVO_OIDC_CLIENT_ID: 'neuvo',
    NEUVO_OIDC_CLIENT_SECRET: 'a client secret of some length',
    NEUVO_OIDC_NAME: 'Espoo AD',
    NEUVO_OIDC_ROLES: 'admin=g-admins',
  });
  server = await serveForBrowser(createApp({ store, now, oidc, logError: () => {} }));
  base = server.base;
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
  await store?.destroy();
});

/** Opens `path`; the page sends us to the login form, which brings us back signed in. */
async function signIn(page: Page, path: string) {
  await page.goto(`${base}${path}`);
  await page.getByLabel('E-mail').fill(ADMIN.email);
  await page.getByLabel('Password').fill(ADMIN.password);
  await page.getByRole('button', { name: 'Log in', exact: true }).click();
  await page.waitForURL(`${base}${path}`);
}

describe('administration pages in Chromium', () => {
  it('add an account without JavaScript: the password once, errors next to their fields', async () => {
    const context = await newContextAt(browser, TUESDAY_2026_12_01, { javaScriptEnabled: false });
    const page = await context.newPage();
    await signIn(page, '/en/admin/staff');
    await expect(page.locator('h1').textContent()).resolves.toBe('Staff accounts');
    await page.locator('#add-email').fill('mikael@example.org');
    await page.locator('#add-displayName').fill('Mikael M');
    await page.getByRole('checkbox', { name: 'advisor' }).check();
    await page.locator('#add-advisorId').selectOption('ADV_MIKAEL');
    await page.getByRole('button', { name: 'Add the account' }).click();
    await expect(page.getByRole('status').first().textContent()).resolves.toContain(
      'The account mikael@example.org was added.',
    );
    expect(await page.locator('code.secret').textContent()).toHaveLength(20);
    // Two fields wrong at once (an address the browser lets through): both said, next to each.
    await page.locator('#add-email').fill('keijo@localhost');
    await page.locator('#add-displayName').fill('Keijo');
    await page.getByRole('button', { name: 'Add the account' }).click();
    await expect(page.locator('#add-email-error').textContent()).resolves.toBe(
      'Give an e-mail address, for example first.last@espoo.fi.',
    );
    await expect(page.locator('#add-roles-error').textContent()).resolves.toBe('Choose at least one role.');
    await expect(page.locator('#add-email').getAttribute('aria-invalid')).resolves.toBe('true');
    await expect(page.locator('#add-displayName').inputValue()).resolves.toBe('Keijo');
    // An address that has an account.
    await page.locator('#add-email').fill('mikael@example.org');
    await page.getByRole('checkbox', { name: 'planner' }).check();
    await page.getByRole('button', { name: 'Add the account' }).click();
    await expect(page.locator('#add-email-error').textContent()).resolves.toBe(
      'There is an account with this e-mail address already.',
    );
    await context.close();
  });

  it('have no axe-core violations, in every language', async () => {
    const context = await newContextAt(browser, TUESDAY_2026_12_01, { bypassCSP: true });
    const page = await context.newPage();
    for (const path of ['/login?next=%2Fadmin%2Fstaff', '/sv/login', '/login/oidc/callback']) {
      await page.goto(`${base}${path}`);
      expect(await axeViolations(page), path).toEqual([]);
    }
    await signIn(page, '/en/admin/staff');
    for (const path of [
      '/en/admin/staff',
      '/admin/staff',
      '/sv/admin/staff',
      `/admin/staff/${adminId}`,
      `/sv/admin/staff/${adminId}?done=saved`,
      '/admin/audit',
      '/sv/admin/audit?action=plan.publish',
      '/en/admin/audit?from=2026-12-01&to=2026-12-01',
      '/en/admin/audit?from=1.12.2026',
    ]) {
      await page.goto(`${base}${path}`);
      expect(await axeViolations(page), path).toEqual([]);
    }
    // A form sent back with errors, and the refusal of one's own deactivation.
    await page.goto(`${base}/admin/staff`);
    await page.locator('#add-email').fill('not-an-address@');
    await page.locator('#add-email').evaluate((e) => e.removeAttribute('type'));
    await page.getByRole('button', { name: 'Lisää tunnus' }).click();
    await page.locator('#add-email-error').waitFor();
    expect(await axeViolations(page), 'add form with errors').toEqual([]);
    await page.goto(`${base}/sv/admin/staff/${adminId}`);
    await page.getByRole('button', { name: 'Inaktivera kontot' }).click();
    await page.getByRole('alert').waitFor();
    expect(await axeViolations(page), 'own deactivation refused').toEqual([]);
    await context.close();
  });
});
