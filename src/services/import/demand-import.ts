/**
 * `neuvo import demand`: residents as weighted points or grid cells (docs/import-formats.md,
 * "Demand points"). Layouts, recognised from the header or properties:
 *
 * - Statistics Finland 1 km population grid: `grd_id` (e.g. `1kmN6674E0383`) and/or
 *   `xkoord`,`ykoord` (lower-left corner, EPSG:3067), `vaesto` residents, `ika_65_` aged 65+;
 *   -1 marks a figure Statistics Finland withholds (no data for that cell);
 * - YKR 250 m grid: `YKR_ID` (or `ykr_id`), `x`,`y` (cell centre, EPSG:3067) and a population
 *   column (`population`, `vaesto` or `asukkaita`);
 * - plain points: `id,lat,lon,population` (WGS84) or `id,x,y,population` (EPSG:3067);
 * - GeoJSON: Point or Polygon features (a cell's centre is its ring's mean) with the same
 *   properties; the CRS from the legacy `crs` member or `--crs`.
 *
 * Group columns: `age65plus`, `age65to74`, `age75plus`, `foreignLanguage`, `swedishSpeaking`
 * (or their `population_…` area-file names) and any other numeric column as a city group.
 */
import { type AreaGeometry, fromEtrsTm35Fin, geometryContains, type LatLon } from '../../core/geo/geo.ts';
import type { DemandBasis } from '../../core/model/demand-point.ts';
import type { Located } from './area-import.ts';
import { geoJsonCrs } from './area-import.ts';
import { csvSource, FieldReader, type FieldSource, jsonSource } from './fields.ts';
import type { IssueList } from './issues.ts';
import { type Crs, explainLocation } from './location.ts';
import { parseCsv, parseJson, type SourceFile } from './text.ts';

export type DemandLayout = 'statfin-1km' | 'ykr-250m' | 'points';

export interface DemandRow {
  readonly id: string;
  readonly location: LatLon;
  /** Cell size in metres for grid layouts (its corners help place a coastal cell). */
  readonly cellMeters: number | null;
  readonly counts: Record<string, number>;
}

export const LAYOUT_NAMES: Record<DemandLayout, string> = {
  'statfin-1km': 'Statistics Finland 1 km population grid',
  'ykr-250m': 'YKR 250 m grid',
  points: 'weighted points',
};

export const BASIS_OF_LAYOUT: Record<DemandLayout, DemandBasis> = {
  'statfin-1km': 'grid',
  'ykr-250m': 'grid',
  points: 'points',
};

const GROUP_ALIASES: Record<string, string> = {
  age65plus: 'age65plus',
  population_65_plus: 'age65plus',
  ika_65_: 'age65plus',
  age65to74: 'age65to74',
  population_65_74: 'age65to74',
  age75plus: 'age75plus',
  population_75_plus: 'age75plus',
  foreignlanguage: 'foreignLanguage',
  population_foreign_language: 'foreignLanguage',
  swedishspeaking: 'swedishSpeaking',
  population_swedish_speaking: 'swedishSpeaking',
};
/** Columns that are neither a location, an id, the population nor a group. */
const NOT_GROUPS = new Set([
  'id',
  'lat',
  'lon',
  'x',
  'y',
  'grd_id',
  'xkoord',
  'ykoord',
  'ykr_id',
  'id_nro',
  'kunta',
  'vaesto',
  'asukkaita',
  'population',
  'population_total',
  'miehet',
  'naiset',
  'ika_0_14',
  'ika_15_64',
  'name',
  'nimi',
  'source',
]);
const POPULATION_COLUMNS = ['population', 'population_total', 'vaesto', 'asukkaita'];

export function layoutOf(columns: readonly string[]): DemandLayout {
  const lower = new Set(columns.map((c) => c.toLowerCase()));
  if (lower.has('grd_id') || (lower.has('xkoord') && lower.has('ykoord'))) return 'statfin-1km';
  if (lower.has('ykr_id')) return 'ykr-250m';
  return 'points';
}

/** Metres in EPSG:3067 that are plainly degrees, or the reverse: say so. */
function checkMetres(x: number, y: number): string | undefined {
  if (Math.abs(x) <= 180 && Math.abs(y) <= 90)
    return `x ${x}, y ${y} look like degrees (WGS84); this layout expects ETRS-TM35FIN metres (EPSG:3067)`;
  const p = fromEtrsTm35Fin({ x, y });
  if (explainLocation(p))
    return `x ${x}, y ${y} (EPSG:3067) is outside Finland; expected easting 50 000–760 000 m and northing 6 600 000–7 800 000 m`;
  return undefined;
}

/** `1kmN6674E0383` → lower-left corner (383 000, 6 674 000) and size 1000 m. */
function parseGrdId(id: string): { x: number; y: number; size: number } | undefined {
  const m = /^(\d+)(km|m)N(\d+)E(\d+)$/i.exec(id.trim());
  if (!m) return undefined;
  const unit = m[2]?.toLowerCase() === 'km' ? 1000 : 1;
  const size = Number(m[1]) * unit;
  return { x: Number(m[4]) * unit, y: Number(m[3]) * unit, size };
}

function readRow(
  r: FieldReader,
  columns: readonly string[],
  layout: DemandLayout,
  crs: Crs,
  fallbackId: string,
  geometryPoint: { x: number; y: number } | null,
): DemandRow | undefined {
  const col = (name: string) => columns.find((c) => c.toLowerCase() === name);
  let id: string | undefined;
  let location: LatLon | undefined;
  let cellMeters: number | null = null;
  if (layout === 'statfin-1km') {
    const grd = col('grd_id');
    const xk = col('xkoord');
    const yk = col('ykoord');
    id = grd ? r.text(grd) : undefined;
    let corner: { x: number; y: number } | undefined;
    cellMeters = 1000;
    if (xk && yk && r.has(xk)) {
      const x = r.number(xk, { required: true });
      const y = r.number(yk, { required: true });
      if (x === undefined || y === undefined) return undefined;
      corner = { x, y };
    } else if (grd && id) {
      const parsed = parseGrdId(id);
      if (!parsed) return r.fail(grd, `expected a grid cell id such as 1kmN6674E0383, got "${id}"`);
      corner = parsed;
      cellMeters = parsed.size;
    } else if (geometryPoint) corner = { x: geometryPoint.x - 500, y: geometryPoint.y - 500 };
    if (!corner) return r.fail(xk ?? grd ?? 'xkoord', 'a cell needs xkoord and ykoord or a grd_id');
    const problem = checkMetres(corner.x, corner.y);
    if (problem) return r.fail(xk ?? grd ?? 'xkoord', problem);
    id ??= `1kmN${Math.round(corner.y / 1000)}E${String(Math.round(corner.x / 1000)).padStart(4, '0')}`;
    location = fromEtrsTm35Fin({ x: corner.x + cellMeters / 2, y: corner.y + cellMeters / 2 });
  } else {
    const idCol = col('ykr_id') ?? col('id');
    id = idCol ? r.text(idCol, { required: true }) : fallbackId;
    if (idCol && id === undefined) return undefined;
    if (layout === 'ykr-250m') cellMeters = 250;
    const hasDegrees = col('lat') && col('lon');
    if (hasDegrees) {
      const lat = r.number(col('lat') ?? 'lat', { required: true });
      const lon = r.number(col('lon') ?? 'lon', { required: true });
      if (lat === undefined || lon === undefined) return undefined;
      const problem = explainLocation({ lat, lon });
      if (problem) return r.fail(col('lat') ?? 'lat', problem);
      location = { lat, lon };
    } else if (col('x') && col('y')) {
      const x = r.number(col('x') ?? 'x', { required: true });
      const y = r.number(col('y') ?? 'y', { required: true });
      if (x === undefined || y === undefined) return undefined;
      const problem = checkMetres(x, y);
      if (problem) return r.fail(col('x') ?? 'x', problem);
      location = fromEtrsTm35Fin({ x, y });
    } else if (geometryPoint) {
      location =
        crs === 'EPSG:3067' ? fromEtrsTm35Fin(geometryPoint) : { lat: geometryPoint.y, lon: geometryPoint.x };
    } else return r.fail('lat', 'a location is required: lat and lon (WGS84) or x and y (EPSG:3067)');
  }
  const popCol = POPULATION_COLUMNS.map(col).find((c) => c !== undefined);
  if (!popCol)
    return r.fail('population', `a population column is required: one of ${POPULATION_COLUMNS.join(', ')}`);
  const all = r.number(popCol, { required: true, min: 0 });
  const counts: Record<string, number> = {};
  if (all !== undefined) counts.all = all;
  for (const c of columns) {
    const key = c.toLowerCase();
    if (NOT_GROUPS.has(key) || c === popCol) continue;
    if (layout === 'statfin-1km' && key !== 'ika_65_') continue;
    if (!r.has(c)) continue;
    const group = GROUP_ALIASES[key] ?? c;
    // Statistics Finland withholds the breakdowns of small cells as -1: no data there.
    if (layout === 'statfin-1km' && Number(r.number(c)) === -1) continue;
    const v = r.number(c, { min: 0 });
    if (v === undefined) continue;
    if (all !== undefined && v > all)
      r.fail(c, `${v} residents in the group is more than the ${all} residents of the ${popCol} column`);
    else counts[group] = v;
  }
  if (!id || !location || all === undefined) return undefined;
  return { id, location, cellMeters, counts };
}

export function parseDemandCsv(
  file: SourceFile,
  issues: IssueList,
  crs: Crs,
): { layout: DemandLayout; rows: Located<DemandRow>[] } | undefined {
  const table = parseCsv(file, issues, []);
  if (!table) return undefined;
  const layout = layoutOf(table.header);
  const rows: Located<DemandRow>[] = [];
  for (const row of table.rows) {
    const r = new FieldReader(csvSource(row), issues);
    const parsed = readRow(r, table.header, layout, crs, `line-${row.line}`, null);
    if (parsed) rows.push({ value: parsed, where: { line: row.line } });
  }
  return { layout, rows };
}

export function parseDemandGeoJson(
  file: SourceFile,
  issues: IssueList,
  requested?: Crs,
): { layout: DemandLayout; rows: Located<DemandRow>[] } | undefined {
  const doc = parseJson(file, issues) as Record<string, unknown> | undefined;
  if (doc === undefined) return undefined;
  if (typeof doc !== 'object' || doc === null || doc.type !== 'FeatureCollection') {
    issues.add({ path: 'type', message: 'expected a GeoJSON FeatureCollection' });
    return undefined;
  }
  const features = doc.features;
  if (!Array.isArray(features) || features.length === 0) {
    issues.add({ path: 'features', message: 'expected a non-empty array of features' });
    return undefined;
  }
  const crs = geoJsonCrs(doc, requested);
  const firstProps = (features[0] as { properties?: Record<string, unknown> })?.properties ?? {};
  const layout = layoutOf(Object.keys(firstProps));
  const rows: Located<DemandRow>[] = [];
  for (const [i, f] of features.entries()) {
    const base = `features[${i}]`;
    const props = (f as { properties?: unknown })?.properties;
    if (typeof props !== 'object' || props === null) {
      issues.add({ feature: i, path: `${base}.properties`, message: 'expected an object of properties' });
      continue;
    }
    const geometry = (f as { geometry?: { type?: unknown; coordinates?: unknown } }).geometry;
    const point = centreOf(geometry);
    if (geometry && point === undefined) {
      issues.add({
        feature: i,
        path: `${base}.geometry`,
        message: 'expected a Point or Polygon geometry with [x, y] positions',
      });
      continue;
    }
    const withId = { ...(props as Record<string, unknown>) };
    const fid = (f as { id?: unknown }).id;
    if (withId.id === undefined && (typeof fid === 'string' || typeof fid === 'number')) withId.id = fid;
    const source: FieldSource = jsonSource(withId, `${base}.properties`, i);
    const r = new FieldReader(source, issues);
    const parsed = readRow(r, Object.keys(withId), layout, crs, `feature-${i}`, point ?? null);
    if (parsed) rows.push({ value: parsed, where: { feature: i, pathPrefix: base } });
  }
  return { layout, rows };
}

/** A Point's position, or the mean of a Polygon's outer ring (a grid cell's centre). */
function centreOf(
  g: { type?: unknown; coordinates?: unknown } | undefined,
): { x: number; y: number } | undefined {
  if (!g) return undefined;
  const num = (p: unknown): p is [number, number] =>
    Array.isArray(p) && p.length >= 2 && p.every((v) => typeof v === 'number' && Number.isFinite(v));
  if (g.type === 'Point' && num(g.coordinates)) return { x: g.coordinates[0], y: g.coordinates[1] };
  const ring =
    g.type === 'Polygon' && Array.isArray(g.coordinates)
      ? g.coordinates[0]
      : g.type === 'MultiPolygon' && Array.isArray(g.coordinates) && Array.isArray(g.coordinates[0])
        ? g.coordinates[0][0]
        : undefined;
  if (!Array.isArray(ring) || ring.length < 4 || !ring.every(num)) return undefined;
  const open = ring.slice(0, -1) as [number, number][];
  return {
    x: open.reduce((s, p) => s + p[0], 0) / open.length,
    y: open.reduce((s, p) => s + p[1], 0) / open.length,
  };
}

/**
 * The demand area of a point: the one whose polygon holds it; for a grid cell whose centre
 * falls in the sea or just past the border, the area holding most of its corners and edge
 * midpoints. Undefined: outside the city.
 */
export function assignArea(
  row: DemandRow,
  areas: readonly { id: string; geometry: AreaGeometry | null }[],
): string | undefined {
  const holding = (p: LatLon) => areas.find((a) => a.geometry && geometryContains(a.geometry, p))?.id;
  const direct = holding(row.location);
  if (direct || row.cellMeters === null) return direct;
  const dLat = row.cellMeters / 2 / 111_195;
  const dLon = dLat / Math.cos((row.location.lat * Math.PI) / 180);
  const votes = new Map<string, number>();
  for (const a of [-1, 0, 1])
    for (const b of [-1, 0, 1]) {
      if (a === 0 && b === 0) continue;
      const id = holding({ lat: row.location.lat + a * dLat, lon: row.location.lon + b * dLon });
      if (id) votes.set(id, (votes.get(id) ?? 0) + 1);
    }
  return [...votes].sort((x, y) => y[1] - x[1] || x[0].localeCompare(y[0]))[0]?.[0];
}
