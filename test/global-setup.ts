/**
 * Runs once before the test files: on PGlite, one empty initialised cluster is dumped to a
 * file that every test database starts from (initdb takes about 4 s per database; loading the
 * dump about 1 s). Every test database still runs all migrations itself.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Path of the dumped empty PGlite cluster, or '' on a PostgreSQL server. */
    pgliteTemplate: string;
  }
}

let dir: string | undefined;

export async function setup(project: TestProject): Promise<void> {
  if (process.env.DATABASE_URL?.trim()) {
    project.provide('pgliteTemplate', '');
    return;
  }
  dir = await mkdtemp(join(tmpdir(), 'neuvo-template-'));
  const pglite = new PGlite();
  await pglite.waitReady;
  const dump = await pglite.dumpDataDir('none');
  await pglite.close();
  const file = join(dir, 'empty-cluster.tar');
  await writeFile(file, new Uint8Array(await dump.arrayBuffer()));
  project.provide('pgliteTemplate', file);
}

export async function teardown(): Promise<void> {
  if (dir) await rm(dir, { recursive: true, force: true });
}
