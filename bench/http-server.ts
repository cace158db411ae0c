/**
 * A server process for `npm run bench -- http`: either the neuvo app on a PostgreSQL database
 * (NEUVO_BENCH_DATABASE_URL), its clock fixed to NEUVO_BENCH_NOW and its page cache set to
 * NEUVO_BENCH_PAGE_CACHE_SECONDS, or (NEUVO_BENCH_BARE=1) a
 * bare Hono handler, the baseline. Prints "listening <port>" when ready.
 */
import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import { createApp } from '../src/app.ts';
import { openStore } from '../src/db/store.ts';

const bare = process.env.NEUVO_BENCH_BARE === '1';
let fetchHandler: (req: Request) => Response | Promise<Response>;
if (bare) {
  const app = new Hono();
  app.get('/', (c) => c.html('<!doctype html><html lang="en"><title>Hello</title><p>Hello</p></html>'));
  fetchHandler = app.fetch;
} else {
  const store = await openStore({ kind: 'postgres', url: process.env.NEUVO_BENCH_DATABASE_URL ?? '' });
  const now = Number(process.env.NEUVO_BENCH_NOW);
  const pageCacheSeconds = Number(process.env.NEUVO_BENCH_PAGE_CACHE_SECONDS ?? 0);
  fetchHandler = createApp({ store, now: () => now, pageCacheSeconds }).fetch;
}
const server = serve({ fetch: fetchHandler, port: 0, hostname: '127.0.0.1' });
server.once('listening', () => {
  const address = server.address();
  process.stdout.write(`listening ${typeof address === 'object' && address ? address.port : 0}\n`);
});
