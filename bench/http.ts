/**
 * HTTP benchmark of the public pages against PostgreSQL: the schedule page and the front page
 * of the Espoo demo with a published four-week plan, side by side with a bare Hono handler on
 * the same machine. Each server runs in its own process; autocannon drives it from this one.
 * Two measurements per target: the most requests per second 10 connections get, and the
 * latency at a fixed offered rate of 1,000 requests per second. The app is measured as
 * `neuvo start` runs it (page cache 5 s) and with the cache off (every request rendered from
 * PostgreSQL). Requests ask for gzip, as browsers do.
 * Needs a PostgreSQL server: DATABASE_URL, or postgres://postgres@127.0.0.1:5432/postgres.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import pg from 'pg';
import { createRepositories } from '../src/db/repositories.ts';
import { openStore } from '../src/db/store.ts';
import { createAccessService } from '../src/services/access-service.ts';
import { createImportService } from '../src/services/import-service.ts';
import { createPlanningService } from '../src/services/planning/planning-service.ts';

const ESPOO = fileURLToPath(new URL('../data/espoo/', import.meta.url));
const NOW = Date.UTC(2026, 11, 1, 8, 0, 0); // Tuesday 1 December 2026, 10:00 in Helsinki
const SECONDS = Number(process.env.NEUVO_BENCH_SECONDS ?? 10);

async function prepareDatabase(serverUrl: string): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `neuvo_bench_${randomUUID().replace(/-/g, '').slice(0, 12)}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const store = await openStore({ kind: 'postgres', url: url.toString() });
  try {
    await store.migrate();
    const imported = await createImportService(store).importCity((p) => readFile(`${ESPOO}${p}`));
    if (!imported.ok) throw new Error('the Espoo demo did not import');
    const repos = createRepositories(store.db);
    const planning = createPlanningService({
      store,
      repos,
      access: createAccessService({ repos, now: () => NOW }),
    });
    await planning.enqueue(
      {
        kind: 'plan',
        from: '2026-11-30',
        weeks: 4,
        solver: 'heuristic',
        timeLimitSeconds: 5,
        whatIfSeconds: 0,
      },
      null,
    );
    const job = await planning.runNextJob();
    if (job?.status !== 'succeeded' || !job.planId) throw new Error(`planning failed: ${job?.error}`);
    await planning.publish(job.planId);
  } finally {
    await store.close();
  }
  return {
    url: url.toString(),
    async drop() {
      const c = new pg.Client({ connectionString: serverUrl });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
    },
  };
}

async function startServer(env: Record<string, string>): Promise<{ port: number; child: ChildProcess }> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', fileURLToPath(new URL('./http-server.ts', import.meta.url))],
    {
      env: { ...process.env, ...env, NODE_ENV: 'production' },
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  const port = await new Promise<number>((resolve, reject) => {
    let out = '';
    child.stdout?.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /listening (\d+)/.exec(out);
      if (m) resolve(Number(m[1]));
    });
    child.once('exit', (code) => reject(new Error(`server exited with ${code}`)));
  });
  return { port, child };
}

interface Figures {
  readonly requestsPerSecond: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly errors: number;
  readonly non2xx: number;
  readonly bytesPerResponse: number;
}

async function measure(
  url: string,
  options: { connections: number; overallRate?: number },
): Promise<Figures> {
  const result = await autocannon({
    url,
    connections: options.connections,
    duration: SECONDS,
    ...(options.overallRate ? { overallRate: options.overallRate } : {}),
    headers: { accept: 'text/html', 'accept-encoding': 'gzip, deflate, br' },
  });
  return {
    requestsPerSecond: Math.round(result.requests.average),
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    errors: result.errors + result.timeouts,
    non2xx: result.non2xx,
    bytesPerResponse: Math.round(result.throughput.total / Math.max(1, result.requests.total)),
  };
}

export async function benchHttp(): Promise<unknown> {
  const serverUrl = process.env.DATABASE_URL?.trim() || 'postgres://postgres@127.0.0.1:5432/postgres';
  process.stderr.write('preparing a PostgreSQL database with the Espoo demo and a published plan…\n');
  const db = await prepareDatabase(serverUrl);
  const servers: ChildProcess[] = [];
  try {
    const app = await startServer({
      NEUVO_BENCH_DATABASE_URL: db.url,
      NEUVO_BENCH_NOW: String(NOW),
      NEUVO_BENCH_PAGE_CACHE_SECONDS: '5',
    });
    servers.push(app.child);
    const uncached = await startServer({
      NEUVO_BENCH_DATABASE_URL: db.url,
      NEUVO_BENCH_NOW: String(NOW),
      NEUVO_BENCH_PAGE_CACHE_SECONDS: '0',
    });
    servers.push(uncached.child);
    const bare = await startServer({ NEUVO_BENCH_BARE: '1' });
    servers.push(bare.child);
    const targets = {
      schedule: `http://127.0.0.1:${app.port}/en/schedule`,
      front: `http://127.0.0.1:${app.port}/en`,
      scheduleUncached: `http://127.0.0.1:${uncached.port}/en/schedule`,
      frontUncached: `http://127.0.0.1:${uncached.port}/en`,
      bareHono: `http://127.0.0.1:${bare.port}/`,
    };
    const figures: Record<string, { max: Figures; at1000: Figures }> = {};
    for (const [name, url] of Object.entries(targets)) {
      await measure(url, { connections: 4 }); // warm-up
      const max = await measure(url, { connections: 10 });
      const at1000 = await measure(url, { connections: 10, overallRate: 1000 });
      figures[name] = { max, at1000 };
      process.stderr.write(
        `${name.padEnd(16)} max ${String(max.requestsPerSecond).padStart(6)} req/s (p99 ${max.p99Ms} ms) · at 1,000 req/s offered: ${at1000.requestsPerSecond} req/s, p50 ${at1000.p50Ms} ms, p99 ${at1000.p99Ms} ms · ${max.bytesPerResponse} B/response · errors ${max.errors + at1000.errors}, non-2xx ${max.non2xx + at1000.non2xx}\n`,
      );
    }
    const bareRate = figures.bareHono?.max.requestsPerSecond ?? 1;
    const summary = Object.fromEntries(
      ['schedule', 'front', 'scheduleUncached', 'frontUncached'].map((name) => [
        name,
        {
          shareOfBareHono: Math.round(((figures[name]?.max.requestsPerSecond ?? 0) / bareRate) * 1000) / 10,
        },
      ]),
    );
    process.stderr.write(
      `share of the bare Hono rate: ${Object.entries(summary)
        .map(([k, v]) => `${k} ${v.shareOfBareHono} %`)
        .join(', ')}\n`,
    );
    return { seconds: SECONDS, database: 'postgresql', targets: figures, summary };
  } finally {
    for (const s of servers) s.kill();
    await db.drop();
  }
}
