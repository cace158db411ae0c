/**
 * Travel-time matrices from CSV, in two layouts:
 *
 * - neuvo's own: `origin_id,destination_id,<mode>…` where mode columns are any of walk,
 *   walk-slow, pt, pt-slow, car; origins are area ids, destinations site ids; an empty cell
 *   or -1 means unreachable.
 * - the Helsinki Region Travel Time Matrix (250 m YKR grid cells, `from_id;to_id;…`), 2018
 *   columns (walk_t, pt_m_t, car_m_t, …) or 2023 columns (walk_avg, walk_slo, pt_m_avg,
 *   pt_m_slo, car_m, …), -1 for unreachable. Cells are matched to areas and sites through a
 *   grid file (GeoJSON of the cells with a YKR_ID or id property); each area takes the cell
 *   of its representative point, each site the cell it stands in.
 */

import type { Place } from '../../core/access/engine.ts';
import { isTravelMode, TRAVEL_MODES, type TravelMode } from '../../core/access/modes.ts';
import { fromEtrsTm35Fin, geometryContains, haversineMeters, type LatLon } from '../../core/geo/geo.ts';
import type { TravelTimeRow } from '../../db/repositories/access-repository.ts';
import { type ImportIssue, IssueList } from './issues.ts';
import { parseCsv, parseJson, type SourceFile } from './text.ts';

export type TtmPeriod = 'rush' | 'midday' | 'night';

export interface ParsedMatrix {
  readonly source: 'neuvo' | 'ttm2018' | 'ttm2023';
  readonly modes: TravelMode[];
  readonly rows: TravelTimeRow[];
}

type Result = { ok: true; matrix: ParsedMatrix } | { ok: false; issues: ImportIssue[] };

function minutesValue(raw: string): number | null | undefined {
  const v = raw.trim();
  if (v === '' || v === '-1') return null;
  if (!/^\d+(\.\d+)?$/.test(v)) return undefined;
  return Number(v);
}

/** neuvo's own layout. Unknown origin or destination ids are errors naming line and column. */
export function parseNeuvoMatrix(
  file: SourceFile,
  areaIds: ReadonlySet<string>,
  siteIds: ReadonlySet<string>,
): Result {
  const issues = new IssueList(file.name);
  const table = parseCsv(file, issues, ['origin_id', 'destination_id']);
  if (!table) return { ok: false, issues: issues.issues };
  const modes = table.header.filter(isTravelMode);
  const others = table.header.filter((h) => h !== 'origin_id' && h !== 'destination_id' && !isTravelMode(h));
  if (modes.length === 0)
    issues.add({ line: 1, message: `no mode column; expected one or more of ${TRAVEL_MODES.join(', ')}` });
  for (const o of others)
    issues.add({
      line: 1,
      column: o,
      message: `unknown column "${o}"; expected origin_id, destination_id and modes ${TRAVEL_MODES.join(', ')}`,
    });
  if (!issues.ok) return { ok: false, issues: issues.issues };
  const rows: TravelTimeRow[] = [];
  const seen = new Map<string, number>();
  for (const row of table.rows) {
    if (issues.issues.length > 200) break;
    const origin = row.get('origin_id') ?? '';
    const destination = row.get('destination_id') ?? '';
    let ok = true;
    if (!areaIds.has(origin)) {
      issues.add({
        line: row.line,
        column: 'origin_id',
        message: `unknown area "${origin}"; origins are area ids`,
      });
      ok = false;
    }
    if (!siteIds.has(destination)) {
      issues.add({
        line: row.line,
        column: 'destination_id',
        message: `unknown site "${destination}"; destinations are site ids`,
      });
      ok = false;
    }
    const key = `${origin}\u0000${destination}`;
    const previous = seen.get(key);
    if (previous !== undefined) {
      issues.add({
        line: row.line,
        column: 'origin_id',
        message: `the pair ${origin} → ${destination} is already on line ${previous}`,
      });
      ok = false;
    }
    seen.set(key, row.line);
    for (const mode of modes) {
      const value = minutesValue(row.get(mode) ?? '');
      if (value === undefined) {
        issues.add({
          line: row.line,
          column: mode,
          message: `expected minutes ≥ 0, or empty or -1 for unreachable, got "${row.get(mode)}"`,
        });
        ok = false;
      } else if (ok) rows.push({ mode, originId: origin, destinationId: destination, minutes: value });
    }
  }
  return issues.ok
    ? { ok: true, matrix: { source: 'neuvo', modes, rows } }
    : { ok: false, issues: issues.issues };
}

const TTM_COLUMNS: Record<'ttm2018' | 'ttm2023', (p: TtmPeriod) => Partial<Record<TravelMode, string>>> = {
  ttm2018: (p) => ({
    walk: 'walk_t',
    pt: p === 'rush' ? 'pt_r_t' : 'pt_m_t',
    car: p === 'rush' ? 'car_r_t' : 'car_m_t',
  }),
  ttm2023: (p) => {
    const k = p[0];
    return {
      walk: 'walk_avg',
      'walk-slow': 'walk_slo',
      pt: `pt_${k}_avg`,
      'pt-slow': `pt_${k}_slo`,
      car: `car_${k}`,
    };
  },
};

export interface GridCell {
  readonly id: string;
  readonly polygon: import('../../core/geo/geo.ts').AreaGeometry | null;
  readonly centre: LatLon;
}

/** Reads the YKR grid (GeoJSON cells with `YKR_ID` or `id`; EPSG:3067 or WGS84 as declared). */
export function parseGrid(
  file: SourceFile,
): { ok: true; cells: GridCell[] } | { ok: false; issues: ImportIssue[] } {
  const issues = new IssueList(file.name);
  const doc = parseJson(file, issues) as
    | { features?: unknown[]; crs?: { properties?: { name?: string } } }
    | undefined;
  if (!doc) return { ok: false, issues: issues.issues };
  const metric = /3067/.test(doc.crs?.properties?.name ?? '');
  const toWgs = (p: readonly number[]): [number, number] => {
    if (!metric) return [p[0] ?? 0, p[1] ?? 0];
    const q = fromEtrsTm35Fin({ x: p[0] ?? 0, y: p[1] ?? 0 });
    return [q.lon, q.lat];
  };
  const cells: GridCell[] = [];
  for (const [i, f] of (doc.features ?? []).entries()) {
    const props = (f as { properties?: Record<string, unknown> }).properties ?? {};
    const id = props.YKR_ID ?? props.ykr_id ?? props.id;
    const g = (f as { geometry?: { type?: string; coordinates?: unknown } }).geometry;
    if (id === undefined || id === null) {
      issues.add({
        feature: i,
        path: `features[${i}].properties`,
        message: 'expected a YKR_ID or id property',
      });
      continue;
    }
    if (g?.type === 'Point' && Array.isArray(g.coordinates)) {
      const [lon, lat] = toWgs(g.coordinates as number[]);
      cells.push({ id: String(id), polygon: null, centre: { lat, lon } });
    } else if (g?.type === 'Polygon' && Array.isArray(g.coordinates)) {
      const rings = (g.coordinates as number[][][]).map((ring) => ring.map(toWgs));
      const outer = rings[0] ?? [];
      const centre = outer.reduce(
        (s, p) => ({ lat: s.lat + p[1] / outer.length, lon: s.lon + p[0] / outer.length }),
        { lat: 0, lon: 0 },
      );
      cells.push({ id: String(id), polygon: { type: 'Polygon', coordinates: rings }, centre });
    } else
      issues.add({
        feature: i,
        path: `features[${i}].geometry`,
        message: 'expected a Polygon or Point geometry',
      });
  }
  if (cells.length === 0 && issues.ok) issues.add({ path: 'features', message: 'expected grid cells' });
  return issues.ok ? { ok: true, cells } : { ok: false, issues: issues.issues };
}

/** The cell a point lies in (polygons), or the nearest cell centre within 200 m (points). */
export function cellOf(cells: readonly GridCell[], p: LatLon): string | undefined {
  let best: { id: string; d: number } | undefined;
  for (const c of cells) {
    if (c.polygon) {
      if (geometryContains(c.polygon, p)) return c.id;
      continue;
    }
    const d = haversineMeters(c.centre, p);
    if (d <= 200 && (!best || d < best.d)) best = { id: c.id, d };
  }
  return best?.id;
}

/** Helsinki Region Travel Time Matrix files, matched to areas and sites through the grid. */
export function parseTtmMatrix(
  files: readonly SourceFile[],
  cells: readonly GridCell[],
  areas: readonly Place[],
  sites: readonly Place[],
  period: TtmPeriod,
): Result {
  const issues = new IssueList(files.map((f) => f.name).join(', '));
  const areaCell = new Map<string, string>();
  const siteCell = new Map<string, string>();
  for (const a of areas) {
    const c = cellOf(cells, a.location);
    if (c) areaCell.set(a.id, c);
    else
      issues.add({
        message: `area "${a.id}" lies outside the grid; its representative point is not in any cell`,
      });
  }
  for (const s of sites) {
    const c = cellOf(cells, s.location);
    if (c) siteCell.set(s.id, c);
    else issues.add({ message: `site "${s.id}" lies outside the grid` });
  }
  if (!issues.ok) return { ok: false, issues: issues.issues };
  const neededFrom = new Set(areaCell.values());
  const neededTo = new Set(siteCell.values());
  const times = new Map<string, Map<TravelMode, number | null>>();
  let layout: 'ttm2018' | 'ttm2023' | undefined;
  let modes: TravelMode[] = [];
  for (const file of files) {
    const list = new IssueList(file.name);
    const table = parseCsv(file, list, ['from_id', 'to_id']);
    if (!table) {
      issues.issues.push(...list.issues);
      continue;
    }
    const fileLayout = table.header.includes('walk_avg')
      ? 'ttm2023'
      : table.header.includes('walk_t')
        ? 'ttm2018'
        : undefined;
    if (!fileLayout) {
      list.add({
        line: 1,
        message: 'not a Travel Time Matrix file: expected walk_t (2018) or walk_avg (2023) columns',
      });
      issues.issues.push(...list.issues);
      continue;
    }
    if (layout && layout !== fileLayout) {
      list.add({ line: 1, message: `mixes ${fileLayout} with ${layout} files` });
      issues.issues.push(...list.issues);
      continue;
    }
    layout = fileLayout;
    const columns = TTM_COLUMNS[fileLayout](period);
    modes = (Object.keys(columns) as TravelMode[]).filter((m) => table.header.includes(columns[m] ?? ''));
    for (const row of table.rows) {
      const from = row.get('from_id') ?? '';
      const to = row.get('to_id') ?? '';
      if (!neededFrom.has(from) || !neededTo.has(to)) continue;
      const entry = new Map<TravelMode, number | null>();
      for (const m of modes) {
        const raw = row.get(columns[m] ?? '') ?? '';
        const v = minutesValue(raw);
        if (v === undefined)
          list.add({ line: row.line, column: columns[m], message: `expected minutes or -1, got "${raw}"` });
        else entry.set(m, v);
      }
      times.set(`${from}\u0000${to}`, entry);
    }
    issues.issues.push(...list.issues);
  }
  if (!issues.ok) return { ok: false, issues: issues.issues.slice(0, 200) };
  if (!layout) return { ok: false, issues: [{ file: issues.file, message: 'no matrix file given' }] };
  const rows: TravelTimeRow[] = [];
  let missing = 0;
  for (const [areaId, from] of areaCell) {
    for (const [siteId, to] of siteCell) {
      const entry = times.get(`${from}\u0000${to}`);
      if (!entry) {
        missing++;
        continue;
      }
      for (const m of modes)
        rows.push({ mode: m, originId: areaId, destinationId: siteId, minutes: entry.get(m) ?? null });
    }
  }
  if (missing > 0) {
    return {
      ok: false,
      issues: [
        {
          file: issues.file,
          message: `${missing} area–site pairs have no row in the files given; include the matrix file of every destination cell (${[...neededTo].sort().join(', ')})`,
        },
      ],
    };
  }
  return { ok: true, matrix: { source: layout, modes, rows } };
}
