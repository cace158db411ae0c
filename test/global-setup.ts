/**
 * Runs once before the test files. Every test database starts from a template made here:
 *
 * - On PGlite, two dumps of an initialised cluster: one empty, as initdb leaves it (for the
 *   commands under test that migrate a database themselves), and one with every migration
 *   applied (for `createTestStore`). initdb takes about 4 s per database and the migrations
 *   about half a second; loading a dump about 1 s. The dumps are kept between runs in
 *   node_modules/.cache, under a key of everything they are made of (the migration files, the
 *   code that applies them, the PGlite and Drizzle versions), so a changed migration makes new
 *   ones.
 * - On a PostgreSQL server (DATABASE_URL), a template database migrated here, which
 *   `createTestStore` copies (`create database … template`); dropped again after the run.
 *
 * The migrations still run from nothing in every run: the commands' tests start on the empty
 * cluster or an empty database (test/cli/), and a first start on an empty directory migrates it.
 */
import { createHash, randomUUID } from 'node:crypto';
import { mkdir, mkdtemp, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync, gzipSync } from 'node:zlib';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { MIGRATIONS_DIR, openStore } from '../src/db/store.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Path of the dumped empty PGlite cluster. */
    pgliteTemplate: string;
    /** Path of the dumped PGlite cluster with every migration applied. */
    pgliteMigratedTemplate: string;
    /** On a PostgreSQL server: the migrated template database's name; '' on PGlite. */
    postgresTemplate: string;
  }
}

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const CACHE_DIR = join(ROOT, 'node_modules', '.cache', 'neuvo-test-db');
/** Cached keys kept besides the current one (other branches, other migrations). */
const CACHE_KEPT = 4;

let dir: string | undefined;
let dropTemplate: (() => Promise<void>) | undefined;

async function filesUnder(path: string): Promise<string[]> {
  const entries = await readdir(path, { withFileTypes: true });
  const nested = await Promise.all(
    entries.map((e) => (e.isDirectory() ? filesUnder(join(path, e.name)) : [join(path, e.name)])),
  );
  return nested.flat().sort();
}

/** A key of everything the dumps are made of. */
async function templateKey(): Promise<string> {
  const hash = createHash('sha256');
  const inputs = [
    ...(await filesUnder(MIGRATIONS_DIR)),
    join(ROOT, 'src', 'db', 'store.ts'),
    join(ROOT, 'node_modules', '@electric-sql', 'pglite', 'package.json'),
    join(ROOT, 'node_modules', 'drizzle-orm', 'package.json'),
  ];
  for (const file of inputs) {
    hash.update(relative(ROOT, file));
    hash.update('\0');
    hash.update(await readFile(file));
    hash.update('\0');
  }
  return hash.digest('hex').slice(0, 24);
}

/** The two dumps (empty, migrated), from the cache or made now and cached. */
async function pgliteDumps(): Promise<{ empty: Uint8Array; migrated: Uint8Array }> {
  const key = await templateKey();
  const files = {
    empty: join(CACHE_DIR, `${key}-empty.tar.gz`),
    migrated: join(CACHE_DIR, `${key}-migrated.tar.gz`),
  };
  try {
    return {
      empty: gunzipSync(await readFile(files.empty)),
      migrated: gunzipSync(await readFile(files.migrated)),
    };
  } catch {
    // Not cached yet (or unreadable): made below.
  }
  const pglite = new PGlite();
  await pglite.waitReady;
  const emptyDump = await pglite.dumpDataDir('none');
  await pglite.close();
  const store = await openStore({ kind: 'pglite', dataDir: null, template: emptyDump });
  let migratedDump: Blob;
  try {
    const { applied, total } = await store.migrate();
    if (applied !== total || total === 0) throw new Error(`applied ${applied} of ${total} migrations`);
    migratedDump = await (store.db as unknown as { $client: PGlite }).$client.dumpDataDir('none');
  } finally {
    await store.close();
  }
  const dumps = {
    empty: new Uint8Array(await emptyDump.arrayBuffer()),
    migrated: new Uint8Array(await migratedDump.arrayBuffer()),
  };
  await mkdir(CACHE_DIR, { recursive: true });
  for (const which of ['empty', 'migrated'] as const) {
    // Written whole, then renamed: a suite started beside this one never reads half a file.
    const partial = `${files[which]}.${process.pid}.${randomUUID()}.partial`;
    await writeFile(partial, gzipSync(dumps[which], { level: 1 }));
    await rename(partial, files[which]);
  }
  await pruneCache(key);
  return dumps;
}

/**
 * Keeps the current key and the few most recently made others; never one a suite beside this
 * one may be writing (a file of it changed within the hour).
 */
async function pruneCache(current: string): Promise<void> {
  const names = await readdir(CACHE_DIR);
  const made = new Map<string, number>();
  for (const name of names) {
    const key = name.split('-')[0] ?? '';
    if (!key || key === current) continue;
    const at = await stat(join(CACHE_DIR, name)).then(
      (s) => s.mtimeMs,
      () => 0,
    );
    made.set(key, Math.max(made.get(key) ?? 0, at));
  }
  const old = [...made].sort((a, b) => b[1] - a[1]).slice(CACHE_KEPT);
  for (const [key, at] of old) {
    if (Date.now() - at < 3_600_000) continue;
    for (const name of names)
      if (name.startsWith(`${key}-`)) await rm(join(CACHE_DIR, name), { force: true });
  }
}

async function onServer(serverUrl: string, statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}

/** A migrated template database on the server of `serverUrl`. */
async function postgresTemplate(serverUrl: string): Promise<string> {
  const name = `neuvo_tpl_${randomUUID().replaceAll('-', '').slice(0, 16)}`;
  await onServer(serverUrl, `create database ${name}`);
  dropTemplate = () => onServer(serverUrl, `drop database if exists ${name} with (force)`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  try {
    const store = await openStore({ kind: 'postgres', url: url.toString(), maxConnections: 1 });
    try {
      const { applied, total } = await store.migrate();
      if (applied !== total || total === 0) throw new Error(`applied ${applied} of ${total} migrations`);
    } finally {
      // No connection may stay open: a database is copied only while nobody uses it.
      await store.close();
    }
  } catch (e) {
    await dropTemplate();
    dropTemplate = undefined;
    throw e;
  }
  return name;
}

export async function setup(project: TestProject): Promise<void> {
  const dumps = await pgliteDumps();
  dir = await mkdtemp(join(tmpdir(), 'neuvo-template-'));
  const emptyFile = join(dir, 'empty-cluster.tar');
  const migratedFile = join(dir, 'migrated-cluster.tar');
  await writeFile(emptyFile, dumps.empty);
  await writeFile(migratedFile, dumps.migrated);
  project.provide('pgliteTemplate', emptyFile);
  project.provide('pgliteMigratedTemplate', migratedFile);
  const url = process.env.DATABASE_URL?.trim();
  project.provide('postgresTemplate', url ? await postgresTemplate(url) : '');
}

export async function teardown(): Promise<void> {
  await dropTemplate?.();
  if (dir) await rm(dir, { recursive: true, force: true });
}
