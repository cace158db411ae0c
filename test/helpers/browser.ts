/// <reference lib="dom" />
/**
 * Browser tests use Debian's Chromium (apt-get install -y chromium), driven by
 * playwright-core; nothing is downloaded. CHROMIUM_PATH overrides the location.
 */
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import {
  type Browser,
  type BrowserContext,
  type BrowserContextOptions,
  chromium,
  type Page,
} from 'playwright-core';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(
      `Chromium not found at ${CHROMIUM_PATH}. Install Debian's package (apt-get install -y chromium) or set CHROMIUM_PATH.`,
    );
  }
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/**
 * How long a browser test waits for something to appear (a map drawn, a job done). Only a
 * hang should reach it: it is generous so that a busy machine cannot fail a test.
 */
export const BROWSER_WAIT_MS = 90_000;

/**
 * A browser context whose clock starts at the app's clock (`nowMs`, the same instant the test
 * gives `createApp`) and flows from there, so page scripts see the same day as the server,
 * whatever the real date. Cookies carry relative lifetimes (Max-Age), so they do not depend on
 * either clock.
 */
export async function newContextAt(
  browser: Browser,
  nowMs: number,
  options: BrowserContextOptions = {},
): Promise<BrowserContext> {
  const context = await browser.newContext(options);
  context.setDefaultTimeout(BROWSER_WAIT_MS);
  context.setDefaultNavigationTimeout(BROWSER_WAIT_MS);
  await context.clock.install({ time: nowMs });
  return context;
}

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[] }[];
}

/** Runs axe-core with the WCAG 2.1 A and AA rules and returns the violations. */
export async function axeViolations(page: Page): Promise<AxeViolation[]> {
  await page.evaluate(axeSource);
  return page.evaluate(async () => {
    const axe = (globalThis as any).axe;
    const result = await axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
    });
    return result.violations.map((v: AxeViolation) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.map((n) => ({ target: n.target })),
    }));
  });
}

/** The app on a free local port, for the browser; `close` stops the server. */
export async function serveForBrowser(app: {
  fetch: (req: Request) => Response | Promise<Response>;
}): Promise<{ base: string; close(): Promise<void> }> {
  const { serve } = await import('@hono/node-server');
  const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' });
  await new Promise<void>((resolve) => server.once('listening', () => resolve()));
  const address = server.address() as import('node:net').AddressInfo;
  return {
    base: `http://127.0.0.1:${address.port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** The planner account the staff-page tests log in with. */
export const TEST_PLANNER = {
  email: 'planner@example.org',
  displayName: 'Pia Planner',
  password: 'correct horse battery',
} as const;

/** Opens `url`; not logged in, the page sends us to the login form, which brings us back. */
export async function logInAsPlanner(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await page.getByLabel(/E-mail|Sähköposti|E-post/).fill(TEST_PLANNER.email);
  await page.getByLabel(/Password|Salasana|Lösenord/).fill(TEST_PLANNER.password);
  await page.getByRole('button', { name: /Log in|Kirjaudu|Logga in/ }).click();
}

/** Script errors and console errors (CSP violations among them) a page reports, as they come. */
export function pageErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  return errors;
}
