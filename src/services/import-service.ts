/**
 * Imports: parse and check everything first (no database writes), report every problem at
 * once, and only then write all of it in one transaction. A failed or interrupted import
 * leaves the previous data exactly as it was; a repeated import updates rows by id.
 */

import { basename } from 'node:path';
import type { TravelTimeMatrix } from '../core/access/engine.ts';
import type { DemandBasisInfo, DemandPoint } from '../core/model/demand-point.ts';
import type { TravelTimeRow } from '../db/repositories/access-repository.ts';
import type { Repositories } from '../db/repositories.ts';
import { createRepositories, inTransaction } from '../db/repositories.ts';
import type { Store } from '../db/store.ts';
import { demandAreasOf, placeOfArea, placeOfSite } from './access-service.ts';
import { checkAdvisorReferences, parseAdvisorsCsv } from './import/advisor-import.ts';
import { checkAreaReferences, parseAreasCsv, parseAreasGeoJson } from './import/area-import.ts';
import {
  assignArea,
  BASIS_OF_LAYOUT,
  LAYOUT_NAMES,
  parseDemandCsv,
  parseDemandGeoJson,
} from './import/demand-import.ts';
import { buildEspooDataset, type Dataset, type ReadFile } from './import/espoo-demo.ts';
import { type ImportIssue, IssueList } from './import/issues.ts';
import type { Crs } from './import/location.ts';
import { parseGrid, parseNeuvoMatrix, parseTtmMatrix, type TtmPeriod } from './import/matrix-import.ts';
import { databaseError, locateRefusals, type RowBatch, type RowOrigin } from './import/refusals.ts';
import { parseSitesCsv, parseSitesGeoJson, resolveSites } from './import/site-import.ts';
import type { SourceFile } from './import/text.ts';

export type ImportCounts = Partial<Record<keyof Dataset | 'travelTimes', number>>;
export type ImportOutcome = { ok: true; counts: ImportCounts } | { ok: false; issues: ImportIssue[] };

export type FileFormat = 'csv' | 'geojson';

export function formatOf(fileName: string): FileFormat | undefined {
  const lower = fileName.toLowerCase();
  if (lower.endsWith('.csv')) return 'csv';
  if (lower.endsWith('.geojson') || lower.endsWith('.json')) return 'geojson';
  return undefined;
}

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

export function createImportService(store: Store) {
  const repos = createRepositories(store.db);

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
      const existing = new Map(
        (await repos.areas.list()).map((a) => [a.id as string, a.parentId as string | null]),
      );
      checkAreaReferences(located, existing, issues);
      if (!issues.ok) return { ok: false, issues: issues.issues };
      return writeDataset({ areas: located.map((l) => l.value) }, file.name, {
        areas: located.map((l) => l.where),
      });
    },

    /**
     * Demand points or grid cells (replacing the loaded ones, e.g. the demo's modelled
     * points), each assigned to the demand area that holds it.
     */
    async importDemand(file: SourceFile, options: { crs?: Crs } = {}): Promise<ImportOutcome> {
      const issues = new IssueList(file.name);
      const format = formatOf(file.name);
      if (!format)
        return { ok: false, issues: [{ file: file.name, message: 'expected a .csv or .geojson file' }] };
      const parsed =
        format === 'csv'
          ? parseDemandCsv(file, issues, options.crs ?? 'EPSG:4326')
          : parseDemandGeoJson(file, issues, options.crs);
      if (!parsed) return { ok: false, issues: issues.issues };
      if (parsed.rows.length === 0 && issues.ok)
        issues.add({ message: 'no rows: expected at least one point or grid cell' });
      const areas = demandAreasOf(await repos.areas.list({ withGeometry: true }));
      const placed = areas.filter((a) => a.geometry !== null);
      if (placed.length === 0)
        issues.add({
          message:
            'the loaded areas have no polygons to place the points in: import areas with polygons first',
        });
      const seen = new Map<string, string>();
      const points: DemandPoint[] = [];
      for (const { value: row, where } of parsed.rows) {
        const at = where.line !== undefined ? `line ${where.line}` : `feature ${where.feature}`;
        const first = seen.get(row.id);
        if (first) {
          issues.add({ ...where, message: `duplicate id "${row.id}" (first on ${first})` });
          continue;
        }
        seen.set(row.id, at);
        if (placed.length === 0) continue;
        const areaId = assignArea(row, placed);
        if (!areaId) {
          issues.add({
            ...where,
            message: `${row.id} at (${row.location.lat.toFixed(5)}, ${row.location.lon.toFixed(5)}) lies outside every area of the city (${placed.length} ${placed[0]?.kind ?? ''} areas); remove the row or import areas that cover it`,
          });
          continue;
        }
        points.push({
          id: row.id,
          areaId,
          location: row.location,
          counts: row.counts,
          basis: BASIS_OF_LAYOUT[parsed.layout],
        });
      }
      if (!issues.ok) return { ok: false, issues: issues.issues };
      const residents = points.reduce((sum, p) => sum + (p.counts.all ?? 0), 0);
      const info: DemandBasisInfo = {
        basis: BASIS_OF_LAYOUT[parsed.layout],
        points: points.length,
        description: `${LAYOUT_NAMES[parsed.layout]} (${basename(file.name)}: ${points.length} ${parsed.layout === 'points' ? 'points' : 'cells'}, ${Math.round(residents)} residents)`,
        source: basename(file.name),
      };
      return write(file.name, async (tx) => {
        await tx.demand.replacePoints(points);
        await tx.demand.setBasis(info);
        return { demandPoints: points.length };
      });
    },

    async importSites(file: SourceFile): Promise<ImportOutcome> {
      const issues = new IssueList(file.name);
      const format = formatOf(file.name);
      if (!format)
        return { ok: false, issues: [{ file: file.name, message: 'expected a .csv or .geojson file' }] };
      const drafts = format === 'csv' ? parseSitesCsv(file, issues) : parseSitesGeoJson(file, issues);
      const sites = resolveSites(drafts, await repos.areas.list(), issues);
      if (!issues.ok) return { ok: false, issues: issues.issues };
      // Without issues every draft became one site, in order.
      return writeDataset({ sites }, file.name, { sites: drafts.map((l) => l.where) });
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
      return writeDataset({ advisors: located.map((l) => l.value) }, file.name, {
        advisors: located.map((l) => l.where),
      });
    },

    /**
     * A travel-time matrix: neuvo's CSV layout, or Helsinki Region Travel Time Matrix files
     * with the grid that maps their cells to areas and sites. Replaces a matrix of the same id.
     */
    async importMatrix(
      files: readonly SourceFile[],
      options: { id?: string; grid?: SourceFile; period?: TtmPeriod; description?: string } = {},
    ): Promise<ImportOutcome> {
      const first = files[0];
      if (!first) return { ok: false, issues: [{ file: '(none)', message: 'no matrix file given' }] };
      const id = options.id ?? 'imported';
      const head = new TextDecoder().decode(first.bytes.slice(0, 4096));
      const isTtm = /(^|[;,])from_id([;,]|$)/m.test(head.split(/\r?\n/)[0] ?? '');
      const areas = await repos.areas.list({ withGeometry: false });
      const sites = await repos.sites.list();
      let parsed: ReturnType<typeof parseNeuvoMatrix>;
      if (isTtm) {
        if (!options.grid) {
          return {
            ok: false,
            issues: [
              {
                file: first.name,
                message: 'a Travel Time Matrix file needs the grid that places its cells: pass --grid',
              },
            ],
          };
        }
        const grid = parseGrid(options.grid);
        if (!grid.ok) return grid;
        const byId = new Map(areas.map((a) => [a.id as string, a]));
        const demand = areas.filter((a) => a.kind !== 'district');
        parsed = parseTtmMatrix(
          files,
          grid.cells,
          demand.map((a) => placeOfArea(a, byId)),
          sites.map(placeOfSite),
          options.period ?? 'midday',
        );
      } else {
        if (files.length > 1)
          return {
            ok: false,
            issues: [{ file: files[1]?.name ?? '', message: 'neuvo matrices come in one file' }],
          };
        parsed = parseNeuvoMatrix(first, new Set(areas.map((a) => a.id)), new Set(sites.map((s) => s.id)));
      }
      if (!parsed.ok) return parsed;
      const { matrix } = parsed;
      return write(first.name, async (tx) => {
        await tx.access.replaceMatrix(
          {
            id,
            description: options.description ?? files.map((f) => f.name).join(', '),
            source: matrix.source,
            approximate: false,
            modes: matrix.modes,
          },
          matrix.rows,
        );
        return { travelTimes: matrix.rows.length };
      });
    },

    /** Stores a computed matrix (e.g. from GTFS) under an id, replacing one with the same id. */
    async storeMatrix(
      id: string,
      source: string,
      matrices: readonly TravelTimeMatrix[],
    ): Promise<ImportOutcome> {
      const rows: TravelTimeRow[] = [];
      for (const m of matrices) {
        for (const [i, o] of m.originIds.entries()) {
          for (const [j, d] of m.destinationIds.entries()) {
            const v = m.minutes[i * m.destinationIds.length + j] ?? Number.NaN;
            rows.push({ mode: m.mode, originId: o, destinationId: d, minutes: Number.isNaN(v) ? null : v });
          }
        }
      }
      return write(source, async (tx) => {
        await tx.access.replaceMatrix(
          {
            id,
            description: source,
            source,
            approximate: matrices.some((m) => m.approximate),
            modes: matrices.map((m) => m.mode),
          },
          rows,
        );
        return { travelTimes: rows.length };
      });
    },

    /** True once any area exists: `neuvo start` imports the demo only into an empty database. */
    async hasData(): Promise<boolean> {
      return (await repos.areas.count()) > 0;
    },
  };
}

export type ImportService = ReturnType<typeof createImportService>;
