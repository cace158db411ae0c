/**
 * When the database fails: /health says "degraded" at once, pages answer a 503 page and the API
 * a 503 problem, and the same process serves again once the database is back. On PostgreSQL the
 * database hangs (a proxy stops passing bytes); on the embedded PGlite, which lives in the
 * process, it is closed. And an error's log line holds no form content.
 */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/app.ts';
import { openStore, queryRows, type Store } from '../../src/db/store.ts';
import { createImportService } from '../../src/services/import-service.ts';
import { readEspoo, TUESDAY_2026_12_01 } from '../helpers/espoo.ts';
import { type FreezableProxy, startFreezableProxy } from '../helpers/freezable-proxy.ts';
import { createPgliteStore, createTestStore, type TestStore } from '../helpers/store.ts';

let store: TestStore;
beforeAll(async () => {
  store = await createTestStore();
  expect((await createImportService(store).importCity(readEspoo)).ok).toBe(true);
});
afterAll(async () => {
  await store?.destroy();
});

const html = { accept: 'text/html' };

async function expectOutage(app: ReturnType<typeof createApp>): Promise<void> {
  const health = await app.request('/health');
  expect(health.status).toBe(503);
  expect(await health.json()).toMatchObject({ status: 'degraded', databaseReachable: false });
  const page = await app.request('/sv/places/SP_MATINKYLA', { headers: html });
  expect(page.status).toBe(503);
  expect(page.headers.get('content-type')).toContain('text/html');
  expect(await page.text()).toContain('Tjänsten är inte tillgänglig just nu');
  const api = await app.request('/api/v1/topics');
  expect(api.status).toBe(503);
  expect(api.headers.get('content-type')).toContain('application/problem+json');
}

describe('a database that fails', () => {
  it('is reported as degraded, answered with 503s, and (on a server) recovered from without a restart', async () => {
    const logged: unknown[] = [];
    if (store.url) {
      // PostgreSQL that hangs: no answer at all until the proxy thaws. Every answer below came
      // while it hung, so none of them waited for the database.
      const proxy: FreezableProxy = await startFreezableProxy(store.url);
      const proxied: Store = await openStore({ kind: 'postgres', url: proxy.url, queryTimeoutMs: 1500 });
      try {
        const app = createApp({
          store: proxied,
          now: () => TUESDAY_2026_12_01,
          logError: (e) => logged.push(e),
        });
        expect((await app.request('/health')).status).toBe(200);
        expect((await app.request('/sv/places/SP_MATINKYLA', { headers: html })).status).toBe(200);
        proxy.freeze();
        await expectOutage(app);
        proxy.thaw();
        let status = 0;
        for (let attempt = 0; attempt < 60 && status !== 200; attempt++) {
          status = (await app.request('/health')).status;
          if (status !== 200) await new Promise((resolve) => setTimeout(resolve, 500));
        }
        expect(status).toBe(200);
        expect((await app.request('/sv/places/SP_MATINKYLA', { headers: html })).status).toBe(200);
        expect((await app.request('/api/v1/topics')).status).toBe(200);
      } finally {
        await proxied.close();
        await proxy.close();
      }
    } else {
      const closed = await createPgliteStore();
      await closed.close();
      await expectOutage(
        createApp({ store: closed, now: () => TUESDAY_2026_12_01, logError: (e) => logged.push(e) }),
      );
    }
    // Logged once (not per request), as one line without the data.
    expect(logged).toHaveLength(1);
    expect(typeof logged[0]).toBe('string');
  });

  it('logs an unexpected database refusal without the form’s content', async () => {
    const logged: unknown[] = [];
    const app = createApp({ store, now: () => TUESDAY_2026_12_01, logError: (e) => logged.push(e) });
    await queryRows(store.db, sql`alter table feedback add constraint refuse_all check (false) not valid`);
    try {
      const res = await app.request('/en/feedback', {
        method: 'POST',
        headers: { accept: 'text/html', 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({
          message: 'My secret health matter',
          page: '',
          replyTo: 'me@example.fi',
        }).toString(),
      });
      expect(res.status).toBe(500);
    } finally {
      await queryRows(store.db, sql`alter table feedback drop constraint refuse_all`);
    }
    expect(logged).toHaveLength(1);
    const line = String(logged[0]);
    expect(line).toContain('23514');
    expect(line).not.toContain('secret');
    expect(line).not.toContain('me@example.fi');
  });
});
