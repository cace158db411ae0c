/**
 * Imports: parse and check everything first (no database writes), report every problem at
 * once, and only then write all of it in one transaction. A failed or interrupted import
 * leaves the previous data exactly as it was; a repeated import updates rows by id.
 */

import { basename } from 'node:path';
import type { DemandBasisInfo, DemandPoint } from '../core/model/demand-point.ts';
import { createRepositories } from '../db/repositories.ts';
import type { Store } from '../db/store.ts';
import { demandAreasOf } from './access-service.ts';
import { CITY_SETTING, readCityProfile, storedCityId, storedCitySkills } from './city/city-profile.ts';
import { checkAdvisorReferences, parseAdvisorsCsv } from './import/advisor-import.ts';
import { checkAreaReferences, parseAreasCsv, parseAreasGeoJson } from './import/area-import.ts';
import { buildCityDataset, type ReadFile } from './import/city-dataset.ts';
import type { ImportOutcome } from './import/dataset-writer.ts';
import { createDatasetWriter } from './import/dataset-writer.ts';
import {
  assignArea,
  BASIS_OF_LAYOUT,
  LAYOUT_NAMES,
  parseDemandCsv,
  parseDemandGeoJson,
} from './import/demand-import.ts';
import { IssueList } from './import/issues.ts';
import type { Crs } from './import/location.ts';
import { createMatrixImports } from './import/matrix-imports.ts';
import { parseSitesCsv, parseSitesGeoJson, resolveSites } from './import/site-import.ts';
import type { SourceFile } from './import/text.ts';

export type { ImportCounts, ImportOutcome } from './import/dataset-writer.ts';

export type FileFormat = 'csv' | 'geojson';

export function formatOf(fileName: string): FileFormat | undefined {
  const lower = fileName.toLowerCase();
  if (lower.endsWith('.csv')) return 'csv';
  if (lower.endsWith('.geojson') || lower.endsWith('.json')) return 'geojson';
  return undefined;
}

export function createImportService(store: Store) {
  const repos = createRepositories(store.db);

  const { write, writeDataset } = createDatasetWriter(store);

  return {
    /**
     * Loads a city's dataset: its profile (`city.json`) and the files it lists, read through
     * `readFile` relative to the city's folder. A database holds one city: a profile whose id
     * differs from the city already loaded is refused.
     */
    async importCity(readFile: ReadFile, folder = 'the city folder'): Promise<ImportOutcome> {
      const read = await readCityProfile(readFile, folder);
      if (!read.ok) return read;
      const { profile } = read;
      const held = storedCityId(await repos.access.getSetting(CITY_SETTING));
      if (held && held !== profile.id)
        return {
          ok: false,
          issues: [
            {
              file: `data/${profile.id}/city.json`,
              path: 'id',
              message: `this database holds the city "${held}"; one database holds one city (use another database or data directory for "${profile.id}")`,
            },
          ],
        };
      const built = await buildCityDataset(profile, readFile);
      if (!built.ok) return built;
      return writeDataset(built.dataset, `data/${profile.id}`);
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
      const skills = storedCitySkills(await repos.access.getSetting(CITY_SETTING));
      const located = parseAdvisorsCsv(file, issues, skills);
      const homes = located.flatMap((l) => (l.value.homeSiteId ? [l.value.homeSiteId] : []));
      checkAdvisorReferences(located, await repos.sites.existingIds(homes), issues);
      if (!issues.ok) return { ok: false, issues: issues.issues };
      return writeDataset({ advisors: located.map((l) => l.value) }, file.name, {
        advisors: located.map((l) => l.where),
      });
    },

    ...createMatrixImports(repos, write),

    /** True once any area exists: `neuvo start` imports the demo only into an empty database. */
    async hasData(): Promise<boolean> {
      return (await repos.areas.count()) > 0;
    },
  };
}

export type ImportService = ReturnType<typeof createImportService>;
