/**
 * How an import writes what it has checked: every kind of row in the order references need
 * (sites refer to areas, advisors and scenarios to sites), all in one transaction. A refusal by
 * the database (a rule the checks did not foresee) rolls everything back and names the rows it
 * refuses, found by trying them one at a time (`refusals.ts`).
 */
import type { Repositories } from '../../db/repositories.ts';
import { inTransaction } from '../../db/repositories.ts';
import type { Store } from '../../db/store.ts';
import type { Dataset } from './city-dataset.ts';
import type { ImportIssue } from './issues.ts';
import { databaseError, locateRefusals, type RowBatch, type RowOrigin } from './refusals.ts';

export type ImportCounts = Partial<Record<keyof Dataset | 'travelTimes', number>>;
export type ImportOutcome = { ok: true; counts: ImportCounts } | { ok: false; issues: ImportIssue[] };

/** How each kind of row is written, in the order references need. */
const WRITE_STEPS: { [K in keyof Dataset]: (tx: Repositories, rows: Dataset[K]) => Promise<void> } = {
  areas: (tx, rows) => tx.areas.upsert(rows),
  demandPoints: (tx, rows) => tx.demand.replacePoints(rows),
  stations: (tx, rows) => tx.access.upsertStations(rows),
  settings: async (tx, rows) => {
    for (const r of rows) await tx.access.setSetting(r.key, r.value);
  },
  sites: (tx, rows) => tx.sites.upsert(rows),
  advisors: (tx, rows) => tx.advisors.upsert(rows),
  topics: (tx, rows) => tx.topics.upsert(rows),
  scenarios: (tx, rows) => tx.scenarios.upsert(rows),
  closureRules: (tx, rows) => tx.closureRules.upsert(rows),
};

/** Where a file's column and the database's differ (docs/import-formats.md). */
const FILE_COLUMNS: Partial<Record<keyof Dataset, Record<string, string>>> = {
  areas: { population: 'population_total', centroid_lat: 'lat', centroid_lon: 'lon' },
};

const rowName = (row: unknown) => {
  const r = row as { id?: unknown; key?: unknown };
  return String(r.id ?? r.key ?? '?');
};

/** The writers of one store: `write` for any work, `writeDataset` for rows of a dataset. */
export function createDatasetWriter(store: Store) {
  async function write(
    file: string,
    work: (tx: Repositories) => Promise<ImportCounts>,
    batches: readonly RowBatch<unknown>[] = [],
  ): Promise<ImportOutcome> {
    try {
      return { ok: true, counts: await inTransaction(store, work) };
    } catch (e) {
      // Every rule is checked before writing; a refusal here is a rule we did not foresee.
      // The transaction has rolled back; find the rows the database refuses and name them.
      const located = batches.length > 0 ? await locateRefusals(store, file, batches).catch(() => []) : [];
      if (located.length > 0) return { ok: false, issues: located };
      const err = databaseError(e);
      return {
        ok: false,
        issues: [{ file, message: `the database refused the data, nothing was imported: ${err.message}` }],
      };
    }
  }

  async function writeDataset(
    d: Partial<Dataset>,
    file: string,
    origins: Partial<Record<keyof Dataset, readonly RowOrigin[]>> = {},
  ): Promise<ImportOutcome> {
    // Order matters: sites refer to areas, advisors and scenarios to sites.
    const batches: (RowBatch<unknown> & { key: keyof Dataset })[] = [];
    for (const key of Object.keys(WRITE_STEPS) as (keyof Dataset)[]) {
      const rows = d[key];
      if (!rows) continue;
      batches.push({
        key,
        rows,
        origins: origins[key],
        write: WRITE_STEPS[key] as RowBatch<unknown>['write'],
        name: (row) => `${key} "${rowName(row)}"`,
        fileColumns: FILE_COLUMNS[key],
      });
    }
    return write(
      file,
      async (tx) => {
        const counts: ImportCounts = {};
        for (const b of batches) {
          await b.write(tx, b.rows);
          counts[b.key] = b.rows.length;
        }
        return counts;
      },
      batches,
    );
  }

  return { write, writeDataset };
}
