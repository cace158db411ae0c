/**
 * Sites (fixed service points and venues) from CSV or GeoJSON points.
 * Format: docs/import-formats.md.
 */
import { geometryContains, type LatLon } from '../../core/geo/geo.ts';
import { type AreaId, asAreaId, asSiteId, ID_PATTERN } from '../../core/ids.ts';
import type { Area } from '../../core/model/area.ts';
import { SITE_KINDS, SITE_ROLES, type Site } from '../../core/model/site.ts';
import { parseCompactExceptions, parseCompactHours } from '../../core/time/opening-hours.ts';
import type { Located } from './area-import.ts';
import { csvSource, FieldReader, jsonSource } from './fields.ts';
import type { IssueList } from './issues.ts';
import { explainLocation, readLocation } from './location.ts';
import { parseCsv, parseJson, type SourceFile } from './text.ts';

const ID_HINT = 'an id of letters, digits, "_", "-" or "." (at most 64 characters)';

/** A site as read from a file, before its area and district are resolved against the database. */
export interface SiteDraft {
  readonly site: Omit<Site, 'areaId' | 'districtId'>;
  readonly areaId: string | null;
  readonly districtId: string | null;
}

function readSite(r: FieldReader, point: LatLon | null): SiteDraft | undefined {
  const id = r.text('id', { required: true, pattern: ID_PATTERN, patternHint: ID_HINT });
  const role = r.oneOf('role', SITE_ROLES, { required: true });
  const kind = r.oneOf('kind', SITE_KINDS, { required: true });
  const fi = r.text('name_fi', { required: true, maxLength: 200 });
  const sv = r.text('name_sv', { required: true, maxLength: 200 });
  const en = r.text('name_en', { required: true, maxLength: 200 });
  const street = r.text('street_address', { maxLength: 300 }) ?? '';
  const postalCode =
    r.text('postal_code', { pattern: /^\d{5}$/, patternHint: 'a five-digit postal code' }) ?? '';
  const city = r.text('city', { maxLength: 100 }) ?? '';
  const location = point ?? readLocation(r, { required: true });
  const accuracy = r.int('location_accuracy_m', { min: 0, max: 100_000 }) ?? null;
  const areaId = r.text('area_id', { pattern: ID_PATTERN, patternHint: ID_HINT }) ?? null;
  const districtId = r.text('district_id', { pattern: ID_PATTERN, patternHint: ID_HINT }) ?? null;
  const partner = r.text('partner_organisation', { maxLength: 300 }) ?? null;
  const accessibility = ['accessibility_fi', 'accessibility_sv', 'accessibility_en'].map(
    (c) => r.text(c, { maxLength: 4000 }) ?? null,
  );
  const given = accessibility.filter((a) => a !== null).length;
  if (given > 0 && given < 3) {
    r.fail('accessibility_fi', 'accessibility notes must be given in all of fi, sv and en, or in none');
  }
  const capacity = r.int('capacity_desks', { min: 0, max: 1000 }) ?? 1;
  const openOnPublicHolidays = r.bool('open_on_public_holidays', false);
  const validFrom = r.date('valid_from') ?? null;
  const validTo = r.date('valid_to') ?? null;
  if (validFrom && validTo && validFrom > validTo)
    r.fail('valid_to', `valid_to ${validTo} is before valid_from ${validFrom}`);
  const hoursText = r.text('hours', { maxLength: 1000 }) ?? '';
  const hours = parseCompactHours(hoursText);
  if (!hours.ok) r.fail('hours', `${hours.error}; expected e.g. "Mo-Fr 09:00-16:00; Sa 10:00-14:00"`);
  const exceptions = parseCompactExceptions(r.text('exceptions', { maxLength: 4000 }) ?? '');
  if (!exceptions.ok) r.fail('exceptions', exceptions.error);
  const source = r.text('source', { maxLength: 2000 }) ?? '';
  const illustrative = r.bool('illustrative', false);
  if (!id || !role || !kind || !fi || !sv || !en || !location || !hours.ok || !exceptions.ok)
    return undefined;
  if (given > 0 && given < 3) return undefined;
  if (validFrom && validTo && validFrom > validTo) return undefined;
  const [aFi, aSv, aEn] = accessibility;
  return {
    site: {
      id: asSiteId(id),
      role,
      kind,
      name: { fi, sv, en },
      address: { street, postalCode, city },
      location,
      locationAccuracyMeters: accuracy,
      partnerOrganisation: partner,
      accessibility: aFi && aSv && aEn ? { fi: aFi, sv: aSv, en: aEn } : null,
      capacityDesks: capacity,
      validity: validFrom || validTo ? [{ from: validFrom, to: validTo }] : [],
      weeklyHours: hours.value.map((h) => ({ ...h, validFrom: null, validTo: null })),
      exceptions: exceptions.value,
      openOnPublicHolidays,
      source,
      illustrative,
    },
    areaId,
    districtId,
  };
}

export function parseSitesCsv(file: SourceFile, issues: IssueList): Located<SiteDraft>[] {
  const table = parseCsv(file, issues, ['id', 'role', 'kind', 'name_fi', 'name_sv', 'name_en']);
  if (!table) return [];
  const out: Located<SiteDraft>[] = [];
  for (const row of table.rows) {
    const draft = readSite(new FieldReader(csvSource(row), issues), null);
    if (draft) out.push({ value: draft, where: { line: row.line } });
  }
  return out;
}

export function parseSitesGeoJson(file: SourceFile, issues: IssueList): Located<SiteDraft>[] {
  const doc = parseJson(file, issues);
  if (doc === undefined) return [];
  const features = (doc as { features?: unknown })?.features;
  if (
    (doc as { type?: unknown })?.type !== 'FeatureCollection' ||
    !Array.isArray(features) ||
    features.length === 0
  ) {
    issues.add({
      path: 'features',
      message: 'expected a GeoJSON FeatureCollection with at least one Point feature',
    });
    return [];
  }
  const out: Located<SiteDraft>[] = [];
  for (const [i, feature] of features.entries()) {
    const base = `features[${i}]`;
    const props = (feature as { properties?: unknown })?.properties;
    const geometry = (feature as { geometry?: { type?: unknown; coordinates?: unknown } })?.geometry;
    if (typeof props !== 'object' || props === null) {
      issues.add({ feature: i, path: `${base}.properties`, message: 'expected an object of properties' });
      continue;
    }
    const c = geometry?.coordinates;
    if (
      geometry?.type !== 'Point' ||
      !Array.isArray(c) ||
      typeof c[0] !== 'number' ||
      typeof c[1] !== 'number'
    ) {
      issues.add({
        feature: i,
        path: `${base}.geometry`,
        message: 'expected a Point geometry with [lon, lat] coordinates',
      });
      continue;
    }
    const point = { lat: c[1], lon: c[0] };
    const problem = explainLocation(point);
    if (problem) {
      issues.add({ feature: i, path: `${base}.geometry.coordinates`, message: problem });
      continue;
    }
    const draft = readSite(
      new FieldReader(jsonSource(props as Record<string, unknown>, `${base}.properties`, i), issues),
      point,
    );
    if (draft) out.push({ value: draft, where: { feature: i, pathPrefix: base } });
  }
  return out;
}

/**
 * Resolves each site's postal-code area and major district: given ids must exist (a
 * district must be of kind `district`); missing ones are found by point-in-polygon.
 */
export function resolveSites(
  drafts: readonly Located<SiteDraft>[],
  areas: readonly Area[],
  issues: IssueList,
): Site[] {
  const byId = new Map(areas.map((a) => [a.id as string, a]));
  const polygons = areas.filter((a) => a.geometry !== null && a.kind !== 'district');
  const districts = areas.filter((a) => a.geometry !== null && a.kind === 'district');
  const seen = new Map<string, Located<SiteDraft>>();
  const out: Site[] = [];
  for (const l of drafts) {
    const at = (column: string) =>
      l.where.pathPrefix !== undefined
        ? { feature: l.where.feature, path: `${l.where.pathPrefix}.properties.${column}`, column }
        : { line: l.where.line, column };
    const { site, areaId, districtId } = l.value;
    const prev = seen.get(site.id);
    if (prev) {
      const prevWhere =
        prev.where.line !== undefined ? `line ${prev.where.line}` : `feature ${prev.where.feature}`;
      issues.add({ ...at('id'), message: `duplicate id "${site.id}" (first used at ${prevWhere})` });
      continue;
    }
    seen.set(site.id, l);
    let area: Area | undefined;
    if (areaId !== null) {
      area = byId.get(areaId);
      if (!area) {
        issues.add({ ...at('area_id'), message: `unknown area "${areaId}"; import areas first` });
        continue;
      }
    } else {
      area = polygons.find((a) => a.geometry && geometryContains(a.geometry, site.location));
    }
    let district: Area | undefined;
    if (districtId !== null) {
      district = byId.get(districtId);
      if (district?.kind !== 'district') {
        const known = areas.filter((a) => a.kind === 'district').map((a) => a.id);
        issues.add({
          ...at('district_id'),
          message: `unknown district "${districtId}"; expected one of ${known.length ? known.join(', ') : '(no districts imported yet)'}`,
        });
        continue;
      }
    } else {
      const parent = area?.parentId ? byId.get(area.parentId) : undefined;
      district =
        parent?.kind === 'district'
          ? parent
          : districts.find((d) => d.geometry && geometryContains(d.geometry, site.location));
    }
    out.push({
      ...site,
      areaId: area ? asAreaId(area.id) : null,
      districtId: district ? (district.id as AreaId) : null,
    });
  }
  return out;
}
