/**
 * What one client may send: a body limit on every route (an oversized upload is refused at once,
 * without reading it), per-client rate limits on public writes and expensive reads, and the
 * optimiser API for planners only.
 */
import { request as httpRequest } from 'node:http';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BODY_LIMIT_KB, createApp } from '../../src/app.ts';
import { queryRows } from '../../src/db/store.ts';
import { RATE_RULES } from '../../src/services/rate-limit.ts';
import { serveForBrowser } from '../helpers/browser.ts';
import { TUESDAY_2026_12_01 } from '../helpers/espoo.ts';
import { createTestStore, type TestStore } from '../helpers/store.ts';

let store: TestStore;
let app: ReturnType<typeof createApp>;
beforeAll(async () => {
  store = await createTestStore();
  app = createApp({ store, now: () => TUESDAY_2026_12_01, trustedProxies: 1 });
});
afterAll(async () => {
  await store?.destroy();
});

const feedback = (client: string, message: string, accept = 'text/html') =>
  app.request('/feedback', {
    method: 'POST',
    headers: { 'x-forwarded-for': client, accept, 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ message, page: '', replyTo: '' }).toString(),
  });

/**
 * Starts a 200 MB upload to `path` on a real server and resolves with the answer's status and
 * how much had been sent when it came (the upload goes on in 64 KB chunks until then).
 */
function bigUpload(base: string, path: string): Promise<{ status: number; sentBytes: number; body: string }> {
  const total = 200 * 1024 * 1024;
  return new Promise((resolve, reject) => {
    let sent = 0;
    let answered = false;
    const req = httpRequest(`${base}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'content-length': String(total) },
    });
    req.on('response', (res) => {
      answered = true;
      const sentBytes = sent;
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (d: string) => {
        body += d;
      });
      res.on('end', () => {
        req.destroy();
        resolve({ status: res.statusCode ?? 0, sentBytes, body });
      });
    });
    req.on('error', (e) => {
      if (!answered) reject(e);
    });
    const chunk = Buffer.alloc(64 * 1024, 'a');
    const pump = () => {
      while (!answered && sent < total) {
        sent += chunk.length;
        if (!req.write(chunk)) {
          req.once('drain', pump);
          return;
        }
      }
    };
    pump();
  });
}

describe('body limit', () => {
  it('refuses a 200 MB post with 413 before reading it, and the server’s memory stays flat', async () => {
    const server = await serveForBrowser(app);
    try {
      const before = process.memoryUsage().rss;
      const r = await bigUpload(server.base, '/feedback');
      expect(r.status).toBe(413);
      expect(r.sentBytes).toBeLessThan(20 * 1024 * 1024);
      expect(process.memoryUsage().rss - before).toBeLessThan(100 * 1024 * 1024);
      expect(JSON.parse(r.body).detail).toBe(
        `Lähetetyt tiedot ovat yli ${BODY_LIMIT_KB} kt. Lyhennä tekstiä ja lähetä uudelleen.`,
      );
    } finally {
      await server.close();
    }
  });

  it('answers a browser in its language with a page, and an API client with a problem', async () => {
    const body = `message=${'x'.repeat(BODY_LIMIT_KB * 1024 + 1)}`;
    const page = await app.request('/sv/feedback', {
      method: 'POST',
      headers: { accept: 'text/html', 'content-type': 'application/x-www-form-urlencoded' },
      body,
    });
    expect(page.status).toBe(413);
    expect(await page.text()).toContain('Försändelsen är för stor');
    const api = await app.request('/api/v1/plan-jobs', {
      method: 'POST',
      body: `{"x":"${'y'.repeat(70_000)}"}`,
    });
    expect(api.status).toBe(413);
    expect(api.headers.get('content-type')).toContain('application/problem+json');
  });
});

describe('rate limits', () => {
  it('gives a client posting feedback non-stop 429s after the limit, while another client’s posts go through', async () => {
    const rule = RATE_RULES.find((r) => r.name === 'feedback');
    if (!rule) throw new Error('no feedback rule');
    const answers = [];
    for (let i = 0; i < 100; i++) answers.push(await feedback('203.0.113.9', `flood ${i}`));
    const statuses = answers.map((r) => r.status);
    expect(statuses.filter((s) => s === 303)).toHaveLength(rule.limit);
    expect(statuses.slice(rule.limit).every((s) => s === 429)).toBe(true);
    const refused = answers[rule.limit];
    expect(Number(refused?.headers.get('retry-after'))).toBeGreaterThan(0);
    // Nothing of a refused post is stored, and the form comes back with the resident's text in it.
    const page = (await refused?.text()) ?? '';
    expect(page).toContain('Tekstisi on tallessa alla');
    expect(page).toMatch(/<textarea[^>]*>flood 10<\/textarea>/);
    expect(page).toContain('10 minuutin kuluttua');
    expect((await feedback('198.51.100.20', 'a real message')).status).toBe(303);
    const [stored] = await queryRows<{ n: number }>(store.db, sql`select count(*)::int as n from feedback`);
    expect(stored?.n).toBe(rule.limit + 1);
    // Another server process on the same database counts in the same window.
    const other = createApp({ store, now: () => TUESDAY_2026_12_01, trustedProxies: 1 });
    const again = await other.request('/feedback', {
      method: 'POST',
      headers: { 'x-forwarded-for': '203.0.113.9', 'content-type': 'application/x-www-form-urlencoded' },
      body: 'message=still+flooding',
    });
    expect(again.status).toBe(429);
    expect(again.headers.get('content-type')).toContain('application/problem+json');
    expect((await again.json()).detail).toMatch(/Yritä uudelleen (\d+ minuutin|\d+ sekunnin) kuluttua/);
  });

  it('limits the expensive reads per client too', async () => {
    const rule = RATE_RULES.find((r) => r.name === 'near');
    if (!rule) throw new Error('no near rule');
    let last = 0;
    for (let i = 0; i <= rule.limit; i++) {
      last = (
        await app.request('/map/near.geojson?q=02320', { headers: { 'x-forwarded-for': '203.0.113.10' } })
      ).status;
    }
    expect(last).toBe(429);
    const other = await app.request('/map/near.geojson?q=02320', {
      headers: { 'x-forwarded-for': '198.51.100.21' },
    });
    expect(other.status).not.toBe(429);
  });
});

describe('the optimiser API', () => {
  it('is for planners only', async () => {
    const res = await app.request('/api/v1/network/optimize?model=p-median&k=3&solver=exact');
    expect(res.status).toBe(401);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
  });
});
