/** The public page cache: reuse within its time, validators, compression, and what it leaves alone. */
import { gunzipSync } from 'node:zlib';
import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { pageCache } from '../../src/web/page-cache.ts';

function appWith(ttlSeconds: number) {
  let clock = 1_000_000;
  let renders = 0;
  const app = new Hono();
  app.use('*', pageCache({ ttlSeconds, skip: (p) => p.startsWith('/form'), clock: () => clock }));
  app.get('/page', (c) => {
    renders++;
    return c.html(`<!doctype html><p>render ${renders}</p>${'x'.repeat(3000)}`);
  });
  app.get('/form', (c) => {
    renders++;
    return c.html('<form></form>');
  });
  app.get('/missing', (c) => c.html('<p>no</p>', 404));
  return {
    app,
    renders: () => renders,
    advance: (ms: number) => {
      clock += ms;
    },
  };
}

describe('page cache', () => {
  it('renders a page once per cache time, then again', async () => {
    const t = appWith(5);
    const a = await (await t.app.request('/page')).text();
    const b = await (await t.app.request('/page')).text();
    expect(a).toBe(b);
    expect(t.renders()).toBe(1);
    t.advance(5001);
    expect(await (await t.app.request('/page')).text()).toContain('render 2');
    // Another query string is another page.
    await t.app.request('/page?x=1');
    expect(t.renders()).toBe(3);
  });

  it('tags every response and answers a matching revalidation with 304', async () => {
    for (const ttl of [0, 5]) {
      const t = appWith(ttl);
      const first = await t.app.request('/page');
      const etag = first.headers.get('etag');
      expect(etag).toMatch(/^"[\w-]+"$/);
      const again = await t.app.request('/page', { headers: { 'if-none-match': `W/${etag}` } });
      expect(again.status).toBe(ttl === 0 ? 200 : 304);
      if (ttl === 0) expect(again.headers.get('etag')).not.toBe(etag); // re-rendered: new content
    }
  });

  it('sends the stored gzip copy to clients that accept it', async () => {
    const t = appWith(5);
    await t.app.request('/page');
    const res = await t.app.request('/page', { headers: { 'accept-encoding': 'gzip, deflate, br' } });
    expect(res.headers.get('content-encoding')).toBe('gzip');
    expect(res.headers.get('vary')).toContain('accept-encoding');
    const text = gunzipSync(Buffer.from(await res.arrayBuffer())).toString('utf8');
    expect(text).toContain('render 1');
  });

  it('leaves skipped paths, errors and other methods alone', async () => {
    const t = appWith(5);
    await t.app.request('/form');
    await t.app.request('/form');
    expect(t.renders()).toBe(2);
    expect((await t.app.request('/form')).headers.get('etag')).toBeNull();
    const missing = await t.app.request('/missing');
    expect(missing.status).toBe(404);
    expect(missing.headers.get('etag')).toBeNull();
  });
});

describe('page cache under concurrent requests', () => {
  it('renders an expired page once while the others get the previous copy', async () => {
    let clock = 0;
    let renders = 0;
    let release = () => {};
    const app = new Hono();
    app.use('*', pageCache({ ttlSeconds: 5, skip: () => false, clock: () => clock }));
    app.get('/slow', async (c) => {
      renders++;
      const n = renders;
      if (n > 1) await new Promise<void>((r) => (release = r));
      return c.html(`<p>render ${n}</p>`);
    });
    await app.request('/slow');
    clock += 6000;
    const refreshing = app.request('/slow');
    await new Promise((r) => setTimeout(r, 10));
    // While the refresh renders, other requests get the expired copy at once.
    const others = await Promise.all([app.request('/slow'), app.request('/slow')]);
    for (const o of others) expect(await o.text()).toBe('<p>render 1</p>');
    release();
    expect(await (await refreshing).text()).toBe('<p>render 2</p>');
    expect(await (await app.request('/slow')).text()).toBe('<p>render 2</p>');
    expect(renders).toBe(2);
  });
});
