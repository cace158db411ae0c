/**
 * Opens the database: an embedded PGlite (default, persisted in a directory) or a
 * PostgreSQL server when a `postgres://` URL is given. Both are driven through the same
 * Drizzle schema and the same SQL migrations, so the rest of neuvo cannot tell them apart.
 */
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import { type SQL, sql } from 'drizzle-orm';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import pg from 'pg';
import { lockDataDir } from './data-dir-lock.ts';
import * as advisors from './schema/advisors.ts';
import * as bookings from './schema/bookings.ts';
import * as contacts from './schema/contacts.ts';
import * as feedback from './schema/feedback.ts';
import * as network from './schema/network.ts';
import * as outbox from './schema/outbox.ts';
import * as partnerRequests from './schema/partner-requests.ts';
import * as planning from './schema/planning.ts';
import * as settings from './schema/settings.ts';
import * as staff from './schema/staff.ts';
import * as travel from './schema/travel.ts';

/** Every table (schema/, one file per concept), as Drizzle wants the schema: one object. */
const schema = {
  ...network,
  ...advisors,
  ...planning,
  ...contacts,
  ...bookings,
  ...outbox,
  ...partnerRequests,
  ...travel,
  ...settings,
  ...staff,
  ...feedback,
};
export type Schema = typeof schema;
/** A database or a transaction: repositories accept either. */
export type Db = PgDatabase<PgQueryResultHKT, Schema>;

export type StoreKind = 'pglite' | 'postgres';

export interface Store {
  readonly db: Db;
  readonly kind: StoreKind;
  /** Where the data lives, for logs: a directory, `memory`, or the URL without password. */
  readonly location: string;
  /** Applies pending migrations in order; returns how many were applied now. */
  migrate(): Promise<{ applied: number; total: number }>;
  /**
   * A server tells other processes where it answers: on an embedded database directory, a
   * command started while the server runs is refused with this (see data-dir-lock.ts).
   */
  announceServer(url: string): void;
  /**
   * Runs `work` while holding a lock that every process on this database shares (a PostgreSQL
   * advisory lock; on PGlite, which one process holds, nothing is needed): one at a time.
   */
  exclusively<T>(lockKey: number, work: () => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

export type StoreConfig =
  | {
      readonly kind: 'pglite';
      readonly dataDir: string | null;
      /**
       * A dump of an initialised PGlite (`dumpDataDir`) to start a new database from, instead of
       * running initdb (which takes seconds); ignored when `dataDir` already holds a database. The tests
       * start every database from one dump of an empty cluster.
       */
      readonly template?: Blob;
    }
  | {
      readonly kind: 'postgres';
      readonly url: string;
      readonly maxConnections?: number;
      /**
       * A query that gets no answer in this time fails (the server's `statement_timeout` and the
       * client's own read timeout, for a server that hangs); default 10 s. 0: none (imports).
       */
      readonly queryTimeoutMs?: number;
    };

/** How long to wait for a connection to a PostgreSQL server (or a free one in the pool). */
export const CONNECT_TIMEOUT_MS = 3000;
export const DEFAULT_QUERY_TIMEOUT_MS = 10_000;

export const MIGRATIONS_DIR = fileURLToPath(new URL('./migrations', import.meta.url));
const MIGRATIONS = {
  migrationsFolder: MIGRATIONS_DIR,
  migrationsSchema: 'drizzle',
  migrationsTable: '__drizzle_migrations',
};
// Any constant works; it only has to be the same for every neuvo process on one database.
const MIGRATION_LOCK_KEY = 7_261_884_301;

/** Reads DATABASE_URL and NEUVO_DATA_DIR the way every neuvo entry point does. */
export function storeConfigFromEnv(
  env: NodeJS.ProcessEnv,
  options: { queryTimeoutMs?: number } = {},
): StoreConfig {
  const url = env.DATABASE_URL?.trim();
  if (url) {
    if (!/^postgres(ql)?:\/\//.test(url)) {
      throw new Error(`DATABASE_URL must start with postgres:// or postgresql://, got "${redactUrl(url)}"`);
    }
    return {
      kind: 'postgres',
      url,
      ...(options.queryTimeoutMs !== undefined ? { queryTimeoutMs: options.queryTimeoutMs } : {}),
    };
  }
  return { kind: 'pglite', dataDir: env.NEUVO_DATA_DIR?.trim() || '.neuvo/data' };
}

export function redactUrl(url: string): string {
  return url.replace(/\/\/([^:/@]+):[^@]*@/, '//$1:***@');
}

export async function openStore(config: StoreConfig): Promise<Store> {
  if (config.kind === 'pglite') return openPglite(config.dataDir, config.template);
  return openPostgres(
    config.url,
    config.maxConnections ?? 10,
    config.queryTimeoutMs ?? DEFAULT_QUERY_TIMEOUT_MS,
  );
}

/** Rows of a raw `db.execute` result; both drivers return `{ rows }`. */
export async function queryRows<T>(db: Db, query: SQL): Promise<T[]> {
  const result = (await db.execute(query)) as unknown as { rows: T[] };
  return result.rows;
}

async function countApplied(db: Db): Promise<number> {
  const [exists] = await queryRows<{ present: boolean }>(
    db,
    sql`select to_regclass('drizzle.__drizzle_migrations') is not null as present`,
  );
  if (!exists?.present) return 0;
  const [row] = await queryRows<{ n: number }>(
    db,
    sql`select count(*)::int as n from drizzle.__drizzle_migrations`,
  );
  return row?.n ?? 0;
}

async function openPglite(dataDir: string | null, template: Blob | undefined): Promise<Store> {
  // A directory is one process's: the lock refuses a second before it can touch the files.
  const lock = dataDir ? lockDataDir(dataDir) : null;
  let client: PGlite;
  try {
    if (dataDir) mkdirSync(dataDir, { recursive: true });
    const fresh = template && (!dataDir || !existsSync(join(dataDir, 'PG_VERSION')));
    const options = fresh ? { loadDataDir: template } : {};
    client = dataDir ? new PGlite(dataDir, options) : new PGlite(options);
    await client.waitReady;
  } catch (e) {
    lock?.release();
    throw e;
  }
  const db = drizzlePglite({ client, schema });
  return {
    db: db as unknown as Db,
    kind: 'pglite',
    location: dataDir ?? 'memory',
    async migrate() {
      const before = await countApplied(db as unknown as Db);
      // PGlite is a single connection inside this process; nothing else can migrate it concurrently.
      await migratePglite(db, MIGRATIONS);
      const total = await countApplied(db as unknown as Db);
      return { applied: total - before, total };
    },
    announceServer(url) {
      lock?.announceServer(url);
    },
    exclusively: (_key, work) => work(),
    async close() {
      try {
        await client.close();
      } finally {
        lock?.release();
      }
    },
  };
}

/** Takes a session advisory lock, waiting as long as another process holds it (no timeouts). */
async function waitForLock(client: pg.PoolClient, key: number): Promise<void> {
  await client.query('set statement_timeout = 0');
  try {
    await client.query({
      text: 'select pg_advisory_lock($1)',
      values: [key],
      query_timeout: 3_600_000,
    } as never);
  } finally {
    await client.query('reset statement_timeout');
  }
}

async function openPostgres(url: string, maxConnections: number, queryTimeoutMs: number): Promise<Store> {
  const pool = new pg.Pool({
    connectionString: url,
    max: maxConnections,
    connectionTimeoutMillis: CONNECT_TIMEOUT_MS,
    keepAlive: true,
    ...(queryTimeoutMs > 0
      ? { statement_timeout: queryTimeoutMs, query_timeout: queryTimeoutMs + 1000 }
      : {}),
  });
  // A dropped idle connection must not crash the process; the next query reconnects.
  pool.on('error', () => {});
  const db = drizzlePg({ client: pool, schema });
  return {
    db: db as unknown as Db,
    kind: 'postgres',
    location: redactUrl(url),
    async migrate() {
      // Several API instances may start at once: a session advisory lock makes one of them
      // migrate while the others wait, then find nothing left to do.
      const client = await pool.connect();
      try {
        await waitForLock(client, MIGRATION_LOCK_KEY);
        try {
          const locked = drizzlePg({ client, schema });
          const before = await countApplied(locked as unknown as Db);
          await migratePg(locked, MIGRATIONS);
          const total = await countApplied(locked as unknown as Db);
          return { applied: total - before, total };
        } finally {
          await client.query('select pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]);
        }
      } finally {
        client.release();
      }
    },
    announceServer() {
      // A server database: every process may use it at once.
    },
    async exclusively(lockKey, work) {
      const client = await pool.connect();
      try {
        await waitForLock(client, lockKey);
        try {
          return await work();
        } finally {
          await client.query('select pg_advisory_unlock($1)', [lockKey]);
        }
      } finally {
        client.release();
      }
    },
    async close() {
      await pool.end();
    },
  };
}

/**
 * Whether `error` says the database cannot be reached or did not answer in time (as opposed to
 * a query it refused): the server answers 503 and recovers by itself once the database is back.
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  for (let e: unknown = error, depth = 0; e && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    const { code, message } = e as { code?: unknown; message?: unknown };
    if (typeof code === 'string' && (/^(08|57P0|53)/.test(code) || code === '57014')) return true;
    if (
      typeof code === 'string' &&
      /^(ECONNREFUSED|ECONNRESET|ETIMEDOUT|EPIPE|ENOTFOUND|EHOSTUNREACH)$/.test(code)
    )
      return true;
    if (
      typeof message === 'string' &&
      /timeout exceeded when trying to connect|Query read timeout|Connection terminated|PGlite is closed|Client has encountered a connection error/i.test(
        message,
      )
    )
      return true;
  }
  return false;
}
