/**
 * Areas from a city's own files: CSV (one row per area, a point) or GeoJSON (one feature
 * per area, with its polygon). Formats: docs/import-formats.md.
 */
import {
  type AreaGeometry,
  fromEtrsTm35Fin,
  geometryCentroid,
  isInFinland,
  type LatLon,
  mapGeometry,
  positionsOf,
} from '../../core/geo/geo.ts';
import { asAreaId, ID_PATTERN } from '../../core/ids.ts';
import { AREA_KINDS, type Area, checkPopulation } from '../../core/model/area.ts';
import { csvSource, FieldReader, jsonSource } from './fields.ts';
import type { ImportIssue, IssueList } from './issues.ts';
import { type Crs, explainLocation, readLocation } from './location.ts';
import { parseCsv, parseJson, type SourceFile } from './text.ts';

export interface Located<T> {
  readonly value: T;
  readonly where: Omit<ImportIssue, 'file' | 'message' | 'column' | 'path'> & { pathPrefix?: string };
}

const ID_HINT = 'an id of letters, digits, "_", "-" or "." (at most 64 characters)';
const GROUP_PREFIX = 'group:';

function readArea(r: FieldReader, geometry: AreaGeometry | null, point: LatLon | null, keys: string[]) {
  const id = r.text('id', { required: true, pattern: ID_PATTERN, patternHint: ID_HINT });
  const kind = r.oneOf('kind', AREA_KINDS, { required: true });
  const fi = r.text('name_fi', { required: true, maxLength: 200 });
  const sv = r.text('name_sv', { maxLength: 200 }) ?? fi;
  const en = r.text('name_en', { maxLength: 200 }) ?? fi;
  const parentId = r.text('parent_id', { pattern: ID_PATTERN, patternHint: ID_HINT }) ?? null;
  const explicit = readLocation(r, { required: geometry === null && point === null });
  const total = r.int('population_total', { required: true, min: 0 });
  const age65to74 = r.int('population_65_74', { min: 0 }) ?? 0;
  const age75plus = r.int('population_75_plus', { min: 0 }) ?? 0;
  // An absent language figure is "no data" for the area, never 0.
  const foreignLanguage = r.int('population_foreign_language', { min: 0 }) ?? null;
  const swedishSpeaking = r.int('population_swedish_speaking', { min: 0 }) ?? null;
  const dataYear = r.int('data_year', { required: true, min: 1900, max: 2100 });
  const src = r.text('source', { required: true, maxLength: 2000 });
  const extraGroups: Record<string, number> = {};
  for (const key of keys.filter((k) => k.startsWith(GROUP_PREFIX))) {
    const name = key.slice(GROUP_PREFIX.length);
    if (!/^[a-zA-Z][a-zA-Z0-9-]{0,39}$/.test(name)) {
      r.fail(key, 'a group column is named "group:<key>" where key is letters, digits and "-"');
      continue;
    }
    const v = r.int(key, { min: 0 });
    if (v !== undefined) extraGroups[name] = v;
  }
  const centroid = explicit ?? point ?? (geometry ? geometryCentroid(geometry) : null);
  if (!id || !kind || !fi || total === undefined || dataYear === undefined || !src || !centroid)
    return undefined;
  const population = { total, age65to74, age75plus, foreignLanguage, swedishSpeaking, extraGroups };
  const problems = checkPopulation(population);
  if (problems.length > 0) {
    for (const p of problems) r.fail('population_total', p);
    return undefined;
  }
  const area: Area = {
    id: asAreaId(id),
    kind,
    name: { fi, sv: sv ?? fi, en: en ?? fi },
    parentId: parentId === null ? null : asAreaId(parentId),
    centroid,
    geometry,
    population,
    dataYear,
    source: src,
    estimatedFields: (r.text('estimated_fields') ?? '')
      .split(/[;|]/)
      .map((s) => s.trim())
      .filter(Boolean),
    notes: r.text('notes', { maxLength: 4000 }) ?? '',
  };
  return area;
}

export function parseAreasCsv(file: SourceFile, issues: IssueList): Located<Area>[] {
  const table = parseCsv(file, issues, ['id', 'kind', 'name_fi', 'population_total', 'data_year', 'source']);
  if (!table) return [];
  const out: Located<Area>[] = [];
  for (const row of table.rows) {
    const area = readArea(new FieldReader(csvSource(row), issues), null, null, [...table.header]);
    if (area) out.push({ value: area, where: { line: row.line } });
  }
  return out;
}

/** Detects the CRS of a GeoJSON file from its legacy `crs` member, or uses the caller's. */
export function geoJsonCrs(doc: Record<string, unknown>, requested: Crs | undefined): Crs {
  const name = (doc.crs as { properties?: { name?: unknown } } | undefined)?.properties?.name;
  if (typeof name === 'string' && /3067/.test(name)) return 'EPSG:3067';
  return requested ?? 'EPSG:4326';
}

export function parseAreasGeoJson(file: SourceFile, issues: IssueList, requestedCrs?: Crs): Located<Area>[] {
  const doc = parseJson(file, issues);
  if (doc === undefined) return [];
  if (typeof doc !== 'object' || doc === null || (doc as { type?: unknown }).type !== 'FeatureCollection') {
    issues.add({ path: 'type', message: 'expected a GeoJSON FeatureCollection' });
    return [];
  }
  const features = (doc as { features?: unknown }).features;
  if (!Array.isArray(features) || features.length === 0) {
    issues.add({ path: 'features', message: 'expected a non-empty array of features' });
    return [];
  }
  const crs = geoJsonCrs(doc as Record<string, unknown>, requestedCrs);
  const out: Located<Area>[] = [];
  for (const [i, feature] of features.entries()) {
    const base = `features[${i}]`;
    const props = (feature as { properties?: unknown })?.properties;
    if (typeof props !== 'object' || props === null) {
      issues.add({ feature: i, path: `${base}.properties`, message: 'expected an object of properties' });
      continue;
    }
    const geometry = readGeometry(
      (feature as { geometry?: unknown }).geometry,
      `${base}.geometry`,
      i,
      crs,
      issues,
    );
    if (geometry === undefined) continue;
    const source = jsonSource(props as Record<string, unknown>, `${base}.properties`, i);
    const area = readArea(
      new FieldReader(source, issues),
      geometry.polygon,
      geometry.point,
      Object.keys(props),
    );
    if (area) out.push({ value: area, where: { feature: i, pathPrefix: base } });
  }
  return out;
}

function readGeometry(
  g: unknown,
  path: string,
  feature: number,
  crs: Crs,
  issues: IssueList,
): { polygon: AreaGeometry | null; point: LatLon | null } | undefined {
  if (g === null || g === undefined) return { polygon: null, point: null };
  const type = (g as { type?: unknown }).type;
  const coordinates = (g as { coordinates?: unknown }).coordinates;
  const toWgs = (p: readonly number[]): [number, number] => {
    if (crs === 'EPSG:3067') {
      const q = fromEtrsTm35Fin({ x: p[0] ?? Number.NaN, y: p[1] ?? Number.NaN });
      return [q.lon, q.lat];
    }
    return [p[0] ?? Number.NaN, p[1] ?? Number.NaN];
  };
  const fail = (message: string) => {
    issues.add({ feature, path, message });
    return undefined;
  };
  if (type === 'Point') {
    if (!isPosition(coordinates)) return fail('expected Point coordinates [x, y]');
    const [lon, lat] = toWgs(coordinates);
    const problem = explainLocation({ lat, lon });
    return problem ? fail(problem) : { polygon: null, point: { lat, lon } };
  }
  if (type !== 'Polygon' && type !== 'MultiPolygon')
    return fail(`expected a Polygon, MultiPolygon or Point geometry, got ${JSON.stringify(type)}`);
  const valid =
    type === 'Polygon'
      ? Array.isArray(coordinates) && coordinates.every(isRing)
      : Array.isArray(coordinates) && coordinates.every((poly) => Array.isArray(poly) && poly.every(isRing));
  if (!valid) return fail(`malformed ${type} coordinates; each ring needs at least 4 [x, y] positions`);
  const polygon = mapGeometry({ type, coordinates } as AreaGeometry, (p) => toWgs(p as number[]));
  for (const p of positionsOf(polygon)) {
    const lat = p[1] ?? Number.NaN;
    const lon = p[0] ?? Number.NaN;
    if (!isInFinland({ lat, lon })) {
      return fail(
        `${explainLocation({ lat, lon }) ?? 'outside Finland'}${crs === 'EPSG:4326' ? ' (if the file is in EPSG:3067, add a "crs" member or pass --crs EPSG:3067)' : ''}`,
      );
    }
  }
  return { polygon, point: null };
}

function isPosition(p: unknown): p is number[] {
  return Array.isArray(p) && p.length >= 2 && p.every((x) => typeof x === 'number' && Number.isFinite(x));
}

function isRing(r: unknown): boolean {
  return Array.isArray(r) && r.length >= 4 && r.every(isPosition);
}

/**
 * Cross-record checks: duplicate ids in the file, parents that exist neither in the file
 * nor in the database, and parent cycles.
 */
export function checkAreaReferences(
  located: readonly Located<Area>[],
  /** The areas already imported: id → parent id. */
  existing: ReadonlyMap<string, string | null>,
  issues: IssueList,
): void {
  const atField = (l: Located<Area>, column: string) =>
    l.where.pathPrefix !== undefined
      ? { feature: l.where.feature, path: `${l.where.pathPrefix}.properties.${column}`, column }
      : { line: l.where.line, column };
  const first = new Map<string, Located<Area>>();
  for (const l of located) {
    const prev = first.get(l.value.id);
    if (prev) {
      const prevWhere =
        prev.where.line !== undefined ? `line ${prev.where.line}` : `feature ${prev.where.feature}`;
      issues.add({
        ...atField(l, 'id'),
        message: `duplicate id "${l.value.id}" (first used at ${prevWhere})`,
      });
    } else first.set(l.value.id, l);
  }
  for (const l of located) {
    const parent = l.value.parentId;
    if (parent !== null && !first.has(parent) && !existing.has(parent)) {
      issues.add({
        ...atField(l, 'parent_id'),
        message: `unknown district or parent area "${parent}"; it is neither in this file nor already imported`,
      });
    }
    if (parent === l.value.id)
      issues.add({ ...atField(l, 'parent_id'), message: 'an area cannot be its own parent' });
  }
  // Parents as they would be after the import: the file's over those already imported.
  const parentOf = new Map(existing);
  for (const [id, l] of first) parentOf.set(id, l.value.parentId);
  const reported = new Set<string>();
  for (const [id, l] of first) {
    const chain = [id];
    for (let at = parentOf.get(id) ?? null; at !== null; at = parentOf.get(at) ?? null) {
      if (at === id) {
        if (chain.length > 1 && !chain.some((c) => reported.has(c))) {
          for (const c of chain) reported.add(c);
          issues.add({
            ...atField(l, 'parent_id'),
            message: `parent areas form a cycle: ${[...chain, id].join(' → ')}; an area cannot be inside itself`,
          });
        }
        break;
      }
      if (chain.includes(at) || chain.length > parentOf.size) break;
      chain.push(at);
    }
  }
}
