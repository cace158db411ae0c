/**
 * Imports: parse and check everything first (no database writes), report every problem at
 * once, and only then write all of it in one transaction. A failed or interrupted import
 * leaves the previous data exactly as it was; a repeated import updates rows by id.
 */
import type { Repositories } from '../db/repositories.ts';
import { createRepositories, inTransaction } from '../db/repositories.ts';
import type { Store } from '../db/store.ts';
import { checkAdvisorReferences, parseAdvisorsCsv } from './import/advisor-import.ts';
import { checkAreaReferences, parseAreasCsv, parseAreasGeoJson } from './import/area-import.ts';
import { buildEspooDataset, type Dataset, type ReadFile } from './import/espoo-demo.ts';
import { type ImportIssue, IssueList } from './import/issues.ts';
import type { Crs } from './import/location.ts';
import { parseSitesCsv, parseSitesGeoJson, resolveSites } from './import/site-import.ts';
import type { SourceFile } from './import/text.ts';

export type ImportCounts = Partial<Record<keyof Dataset, number>>;
export type ImportOutcome = { ok: true; counts: ImportCounts } | { ok: false; issues: ImportIssue[] };

export type FileFormat = 'csv' | 'geojson';

export function formatOf(fileName: string): FileFormat | undefined {
  const lower = fileName.toLowerCase();
  if (lower.endsWith('.csv')) return 'csv';
  if (lower.endsWith('.geojson') || lower.endsWith('.json')) return 'geojson';
  return undefined;
}

export function createImportService(store: Store) {
  const repos = createRepositories(store.db);

  async function write(
    file: string,
    work: (tx: Repositories) => Promise<ImportCounts>,
  ): Promise<ImportOutcome> {
    try {
      return { ok: true, counts: await inTransaction(store, work) };
    } catch (e) {
      // Every rule is checked before writing; a refusal here is a rule we did not foresee.
      // The transaction has rolled back, so report it like any other problem with the file.
      const detail = (e as { detail?: string; cause?: { message?: string; detail?: string } })?.cause ?? e;
      const message = (detail as { message?: string })?.message ?? String(e);
      return {
        ok: false,
        issues: [{ file, message: `the database refused the data, nothing was imported: ${message}` }],
      };
    }
  }

  async function writeDataset(d: Partial<Dataset>, file: string): Promise<ImportOutcome> {
    return write(file, async (tx) => {
      // Order matters: sites refer to areas, advisors and scenarios to sites.
      const steps: { [K in keyof Dataset]: (rows: Dataset[K]) => Promise<void> } = {
        areas: (rows) => tx.areas.upsert(rows),
        sites: (rows) => tx.sites.upsert(rows),
        advisors: (rows) => tx.advisors.upsert(rows),
        topics: (rows) => tx.topics.upsert(rows),
        scenarios: (rows) => tx.scenarios.upsert(rows),
        closureRules: (rows) => tx.closureRules.upsert(rows),
      };
      const counts: ImportCounts = {};
      for (const key of Object.keys(steps) as (keyof Dataset)[]) {
        const rows = d[key];
        if (!rows) continue;
        await (steps[key] as (r: typeof rows) => Promise<void>)(rows);
        counts[key] = rows.length;
      }
      return counts;
    });
  }

  return {
    /** Loads the Espoo demo (data/espoo) through `readFile`. */
    async importEspoo(readFile: ReadFile): Promise<ImportOutcome> {
      const built = await buildEspooDataset(readFile);
      if (!built.ok) return built;
      return writeDataset(built.dataset, 'data/espoo');
    },

    async importAreas(file: SourceFile, options: { crs?: Crs } = {}): Promise<ImportOutcome> {
      const issues = new IssueList(file.name);
      const format = formatOf(file.name);
      if (!format)
        return { ok: false, issues: [{ file: file.name, message: 'expected a .csv or .geojson file' }] };
      const located =
        format === 'csv' ? parseAreasCsv(file, issues) : parseAreasGeoJson(file, issues, options.crs);
      const parents = located.flatMap((l) => (l.value.parentId ? [l.value.parentId] : []));
      checkAreaReferences(located, await repos.areas.existingIds(parents), issues);
      if (!issues.ok) return { ok: false, issues: issues.issues };
      return writeDataset({ areas: located.map((l) => l.value) }, file.name);
    },

    async importSites(file: SourceFile): Promise<ImportOutcome> {
      const issues = new IssueList(file.name);
      const format = formatOf(file.name);
      if (!format)
        return { ok: false, issues: [{ file: file.name, message: 'expected a .csv or .geojson file' }] };
      const drafts = format === 'csv' ? parseSitesCsv(file, issues) : parseSitesGeoJson(file, issues);
      const sites = resolveSites(drafts, await repos.areas.list(), issues);
      if (!issues.ok) return { ok: false, issues: issues.issues };
      return writeDataset({ sites }, file.name);
    },

    async importAdvisors(file: SourceFile): Promise<ImportOutcome> {
      const issues = new IssueList(file.name);
      if (formatOf(file.name) !== 'csv')
        return {
          ok: false,
          issues: [{ file: file.name, message: 'advisors are imported from a .csv file' }],
        };
      const located = parseAdvisorsCsv(file, issues);
      const homes = located.flatMap((l) => (l.value.homeSiteId ? [l.value.homeSiteId] : []));
      checkAdvisorReferences(located, await repos.sites.existingIds(homes), issues);
      if (!issues.ok) return { ok: false, issues: issues.issues };
      return writeDataset({ advisors: located.map((l) => l.value) }, file.name);
    },

    /** True once any area exists: `neuvo start` imports the demo only into an empty database. */
    async hasData(): Promise<boolean> {
      return (await repos.areas.count()) > 0;
    },
  };
}

export type ImportService = ReturnType<typeof createImportService>;
