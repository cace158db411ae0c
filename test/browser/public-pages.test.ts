/// <reference lib="dom" />
/**
 * The public pages in a real browser: no axe-core violations (WCAG 2.1 AA rules), usable by
 * keyboard with a visible focus, reflow at 320 px, and complete without JavaScript.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/app.ts';
import { createImportService } from '../../src/services/import-service.ts';
import { axeViolations, launchChromium, serveForBrowser } from '../helpers/browser.ts';
import { readEspoo, TUESDAY_2026_12_01 } from '../helpers/espoo.ts';
import { createTestStore, type TestStore } from '../helpers/store.ts';

let store: TestStore;
let browser: Browser;
let server: Awaited<ReturnType<typeof serveForBrowser>> | undefined;
let base: string;

beforeAll(async () => {
  store = await createTestStore();
  expect((await createImportService(store).importEspoo(readEspoo)).ok).toBe(true);
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

const PAGES = ['/', '/sv', '/en', '/en/no-such-page'];

describe('public pages in Chromium', () => {
  it.each(PAGES)('%s has no axe-core violations', async (path) => {
    // bypassCSP only lets the test inject axe-core; the pages themselves send no script.
    const context = await browser.newContext({ bypassCSP: true });
    const page = await context.newPage();
    await page.goto(`${base}${path}`);
    expect(await axeViolations(page)).toEqual([]);
    await context.close();
  });

  it.each(PAGES.slice(0, 3))('%s reflows at 320 px without horizontal scrolling', async (path) => {
    const context = await browser.newContext({ viewport: { width: 320, height: 640 } });
    const page = await context.newPage();
    await page.goto(`${base}${path}`);
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    );
    expect(overflow).toBeLessThanOrEqual(0);
    await context.close();
  });

  it('is usable by keyboard: the skip link comes first, is visible on focus, and moves to the content', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`${base}/en`);
    await page.keyboard.press('Tab');
    const focused = await page.evaluate(() => {
      const el = document.activeElement as HTMLElement;
      const box = el.getBoundingClientRect();
      const style = getComputedStyle(el);
      return { text: el.textContent, top: box.top, outline: style.outlineStyle, shadow: style.boxShadow };
    });
    expect(focused.text).toBe('Skip to content');
    expect(focused.top).toBeGreaterThanOrEqual(0);
    expect(focused.outline).not.toBe('none');
    await page.keyboard.press('Enter');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('main');
    // From the top, every link is reachable with Tab, each with a visible focus style.
    await page.goto(`${base}/en`);
    const links = await page.locator('a[href]').count();
    const seen: string[] = [];
    for (let i = 0; i < links; i++) {
      await page.keyboard.press('Tab');
      const info = await page.evaluate(() => {
        const el = document.activeElement as HTMLElement;
        return { href: el.getAttribute('href'), outline: getComputedStyle(el).outlineStyle };
      });
      expect(info.outline).not.toBe('none');
      if (info.href) seen.push(info.href);
    }
    expect(seen).toContain('/sv');
    expect(seen).toContain('/api/openapi.json');
    await context.close();
  });

  it('finds violations when there are some (the scan is not a no-op)', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.setContent('<html><body><img src="x.png"><a href="/"></a></body></html>');
    const ids = (await axeViolations(page)).map((v) => v.id);
    expect(ids).toEqual(expect.arrayContaining(['image-alt', 'link-name', 'html-has-lang']));
    await context.close();
  });

  it('works with JavaScript disabled', async () => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(`${base}/sv`);
    await expect(page.locator('h1').textContent()).resolves.toBe('Servicepunkter');
    expect(await page.locator('.site-list > li').count()).toBe(4);
    await page.getByRole('link', { name: 'In English' }).click();
    await expect(page.locator('html').getAttribute('lang')).resolves.toBe('en');
    await context.close();
  });
});
