/**
 * A fresh, migrated database for one test file: an in-memory PGlite by default, or — when
 * DATABASE_URL is set, as in CI — a new database on that PostgreSQL server, dropped again
 * when the file is done. Every test file gets its own, so files can run in parallel. Both start
 * from a template the global setup migrated (test/global-setup.ts).
 */
import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import { inject } from 'vitest';
import { openStore, queryRows, type Store } from '../../src/db/store.ts';

type PgliteTemplate = 'pgliteTemplate' | 'pgliteMigratedTemplate';
const templates = new Map<PgliteTemplate, Promise<Blob | undefined>>();
/** A cluster the global setup dumped (test/global-setup.ts), read once per test file. */
function pgliteTemplate(which: PgliteTemplate): Promise<Blob | undefined> {
  let template = templates.get(which);
  if (!template) {
    template = (async () => {
      const path = inject(which);
      return path ? new Blob([await readFile(path)]) : undefined;
    })();
    templates.set(which, template);
  }
  return template;
}

async function openTestPglite(dataDir: string | null, which: PgliteTemplate): Promise<Store> {
  const from = await pgliteTemplate(which);
  return openStore({ kind: 'pglite', dataDir, ...(from ? { template: from } : {}) });
}

/**
 * An in-memory PGlite with every migration applied, whatever DATABASE_URL says: for a test of
 * what the app does when the embedded database is gone (it closes it).
 */
export async function createPgliteStore(): Promise<Store> {
  const store = await openTestPglite(null, 'pgliteMigratedTemplate');
  await store.migrate();
  return store;
}

export interface TestStore extends Store {
  /** The PostgreSQL database's URL (null on PGlite), for tests that connect another way. */
  readonly url: string | null;
  /** Drops the per-file database (PostgreSQL) after closing. */
  destroy(): Promise<void>;
}

export async function createTestStore(): Promise<TestStore> {
  const url = process.env.DATABASE_URL?.trim();
  if (!url) {
    const store = await createPgliteStore();
    return { ...store, url: null, destroy: () => store.close() };
  }
  const database = await createFreshDatabase(url, inject('postgresTemplate'));
  const store = await openStore({ kind: 'postgres', url: database.url, maxConnections: 4 });
  // Nothing left to apply on the migrated template; still checked, as every server start does.
  await store.migrate();
  return {
    ...store,
    url: database.url,
    async destroy() {
      await store.close();
      await database.drop();
    },
  };
}

const TABLES = [
  'areas',
  'demand_points',
  'settings',
  'transit_stations',
  'travel_time_matrices',
  'travel_times',
  'sites',
  'site_validity',
  'site_weekly_hours',
  'site_hours_exceptions',
  'closure_rules',
  'advisors',
  'advisor_availability',
  'advisor_absences',
  'topics',
  'scenarios',
  'scenario_sites',
  'plans',
  'series_pins',
  'visits',
  'visit_advisors',
  'contacts',
  'bookings',
];

/**
 * A fingerprint of every row of every table, to prove that a failed write changed nothing.
 * `updated_at` is included on purpose: even a no-op update would show.
 */
export async function snapshotDatabase(store: Store): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const table of TABLES) {
    const [row] = await queryRows<{ n: number; digest: string | null }>(
      store.db,
      sql.raw(
        `select count(*)::int as n, md5(string_agg(t::text, '|' order by t::text)) as digest from "${table}" t`,
      ),
    );
    out[table] = `${row?.n}:${row?.digest ?? ''}`;
  }
  return out;
}

/**
 * Environment for code that opens its own store from the environment (the CLI): a PGlite
 * directory under the OS temp dir, or a fresh database on the PostgreSQL server. The PGlite
 * directory holds an initialised, empty cluster unless `emptyDirectory` asks for nothing at all
 * (as on a fresh machine, where the first start runs initdb).
 */
export async function createTestDatabaseEnv(
  options: { emptyDirectory?: boolean } = {},
): Promise<{ env: NodeJS.ProcessEnv; dataDir: string | null; cleanup(): Promise<void> }> {
  const url = process.env.DATABASE_URL?.trim();
  if (!url) {
    const { mkdtemp, rm } = await import('node:fs/promises');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const dir = await mkdtemp(join(tmpdir(), 'neuvo-test-'));
    // Empty: not even the folder that holds the data directory exists, as `.neuvo` on a fresh clone.
    const dataDir = options.emptyDirectory ? join(dir, '.neuvo', 'data') : join(dir, 'data');
    // An initialised, empty cluster, as initdb leaves it; the command under test migrates it.
    if (!options.emptyDirectory) await (await openTestPglite(dataDir, 'pgliteTemplate')).close();
    return {
      env: { NEUVO_DATA_DIR: dataDir },
      dataDir,
      cleanup: () => rm(dir, { recursive: true, force: true }),
    };
  }
  const database = await createFreshDatabase(url);
  return { env: { DATABASE_URL: database.url }, dataDir: null, cleanup: () => database.drop() };
}

/**
 * Creates a database on the server of `serverUrl`, empty or a copy of `template`; `drop` removes
 * it again.
 */
async function createFreshDatabase(
  serverUrl: string,
  template = '',
): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `neuvo_t_${randomUUID().replaceAll('-', '').slice(0, 16)}`;
  const admin = async (statement: string) => {
    const client = new pg.Client({ connectionString: serverUrl });
    await client.connect();
    try {
      await client.query(statement);
    } finally {
      await client.end();
    }
  };
  await admin(`create database ${name}${template ? ` template ${template}` : ''}`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return { url: url.toString(), drop: () => admin(`drop database if exists ${name} with (force)`) };
}
