/**
 * A city dataset's places: the fixed service points (`files.servicePoints`) and venues
 * (`files.venues`) as compiled from public sources, each completed by its row in
 * `files.siteDetails` (street address, hours, desks: what the sources lack), and the extra sites
 * (`files.extraSites`, the import format of `neuvo import sites`). Formats: docs/city-profile.md.
 */
import { isInFinland } from '../../core/geo/geo.ts';
import { asSiteId } from '../../core/ids.ts';
import type { Area } from '../../core/model/area.ts';
import type { Site, SiteKind } from '../../core/model/site.ts';
import { parseCompactExceptions, parseCompactHours } from '../../core/time/opening-hours.ts';
import type { Located } from './area-import.ts';
import type { DatasetFiles } from './city-areas.ts';
import { csvSource, FieldReader } from './fields.ts';
import type { IssueList } from './issues.ts';
import { parseSitesCsv, resolveSites, type SiteDraft } from './site-import.ts';
import { type CsvRow, parseCsv, type SourceFile } from './text.ts';

const VENUE_KINDS: Record<string, SiteKind> = {
  library: 'library',
  shopping_centre: 'mall',
  service_centre: 'multi-service-centre',
  health_station: 'health-station',
  senior_centre: 'senior-centre',
};

/** "~50-150 m" → 150, "±800 m" → 800, "exact building" → 25. */
export function accuracyMeters(text: string): number | null {
  if (/exact/i.test(text)) return 25;
  const numbers = [...text.matchAll(/\d+/g)].map((m) => Number(m[0]));
  return numbers.length ? Math.max(...numbers) : null;
}

type Row = Pick<CsvRow, 'line' | 'get'>;

interface SourcedSites {
  readonly ctx: DatasetFiles;
  readonly details: ReadonlyMap<string, Row>;
  readonly detailsIssues: IssueList;
  readonly drafts: Located<SiteDraft>[];
}

/** One compiled row with its details row, as a site draft (undefined, with issues, when bad). */
function sourcedSite(
  into: SourcedSites,
  row: Row,
  idColumn: 'point_id' | 'venue_id',
  issues: IssueList,
): Located<SiteDraft> | undefined {
  const detailsName = into.ctx.profile.files.siteDetails;
  const id = row.get(idColumn) ?? '';
  const r = new FieldReader(csvSource(row), issues);
  const lat = r.number('lat', { required: true });
  const lon = r.number('lon', { required: true });
  if (lat !== undefined && lon !== undefined && !isInFinland({ lat, lon }))
    r.fail('lat', `(${lat}, ${lon}) is outside Finland`);
  const detail = into.details.get(id);
  if (!detail) {
    issues.add({ line: row.line, column: idColumn, message: `no row for "${id}" in ${detailsName}` });
    return undefined;
  }
  const d = new FieldReader(csvSource(detail), into.detailsIssues);
  const hours = parseCompactHours(detail.get('hours') ?? '');
  if (!hours.ok) d.fail('hours', hours.error);
  const exceptions = parseCompactExceptions(detail.get('exceptions') ?? '');
  if (!exceptions.ok) d.fail('exceptions', exceptions.error);
  const capacity = d.int('capacity_desks', { required: true, min: 0 });
  const validFrom = d.date('valid_from') ?? null;
  const validTo = d.date('valid_to') ?? null;
  const nameSv = d.text('name_sv') ?? r.text('name_sv');
  const nameEn = d.text('name_en') ?? r.text('name_en');
  const nameFi = r.text('name_fi', { required: true });
  if (!nameSv) r.fail('name_sv', `no Swedish name here or in ${detailsName}`);
  if (!nameEn) r.fail('name_en', `no English name here or in ${detailsName}`);
  const isPoint = idColumn === 'point_id';
  const kind: SiteKind | undefined = isPoint ? 'service-point' : VENUE_KINDS[row.get('type') ?? ''];
  if (!kind) r.fail('type', `expected one of ${Object.keys(VENUE_KINDS).join(', ')}`);
  if (lat === undefined || lon === undefined || !hours.ok || !exceptions.ok || capacity === undefined)
    return undefined;
  if (!nameFi || !nameSv || !nameEn || !kind) return undefined;
  // The compiled `address` column describes the premises; the public street address (and,
  // where given, the postal code) comes from the details file, empty where none is known.
  // Names and addresses are display strings: how a value was found is in the note columns,
  // which go into the site's source.
  const street = detail.get('street_address') ?? '';
  const postalCode =
    d.text('postal_code', { pattern: /^\d{5}$/, patternHint: 'a five-digit postal code' }) ??
    row.get('postal_code') ??
    /\b(\d{5})\b/.exec(row.get('address') ?? '')?.[1] ??
    '';
  if (!d.has('illustrative'))
    d.fail('illustrative', 'is required: true when the hours or desks are made up, false when sourced');
  const illustrative = d.bool('illustrative', true);
  const note = (label: string, text: string | undefined) => (text?.trim() ? `${label}: ${text.trim()}` : '');
  const validitySource = detail.get('validity_source');
  const site: SiteDraft['site'] = {
    id: asSiteId(id),
    role: isPoint ? 'fixed-point' : 'venue',
    kind,
    name: { fi: nameFi, sv: nameSv, en: nameEn },
    address: { street, postalCode, city: into.ctx.profile.name.fi },
    location: { lat, lon },
    locationAccuracyMeters: accuracyMeters(row.get('coord_accuracy') ?? ''),
    partnerOrganisation: null,
    accessibility: null,
    capacityDesks: capacity,
    validity: validFrom || validTo ? [{ from: validFrom, to: validTo }] : [],
    weeklyHours: hours.value.map((h) => ({ ...h, validFrom: null, validTo: null })),
    exceptions: exceptions.value,
    openOnPublicHolidays: d.bool('open_on_public_holidays', false),
    source: [
      row.get('source') ?? '',
      note('name', row.get('name_note')),
      note('address', row.get('address_note')),
      `coordinates: ${row.get('coord_method') ?? `see ${into.ctx.folder}`}`,
      validitySource ? `dates: ${validitySource}` : '',
      note(`name (${detailsName})`, detail.get('name_note')),
      note(`street address (${detailsName})`, detail.get('address_note')),
      note(detailsName, detail.get('note')),
    ]
      .filter(Boolean)
      .join(' | '),
    illustrative,
  };
  return { value: { site, areaId: null, districtId: null }, where: { line: row.line } };
}

/** The city's sites, each placed in its area and district. */
export async function readCitySites(ctx: DatasetFiles, areas: readonly Area[]): Promise<Site[]> {
  const { files } = ctx.profile;
  const detailsFile = await ctx.load(files.siteDetails);
  const detailsIssues = ctx.issuesFor(detailsFile);
  const details = new Map<string, Row>();
  for (const row of parseCsv(detailsFile, detailsIssues, ['id', 'street_address', 'hours'])?.rows ?? [])
    details.set(row.get('id') ?? '', row);
  const into: SourcedSites = { ctx, details, detailsIssues, drafts: [] };
  const addSourced = (file: SourceFile, columns: string[], idColumn: 'point_id' | 'venue_id') => {
    const issues = ctx.issuesFor(file);
    for (const row of parseCsv(file, issues, columns)?.rows ?? []) {
      // The mobile service itself (no coordinates, "mobile" as its coordinate method) is
      // planned visits, not a place.
      if (!row.get('lat') && !row.get('lon') && /mobile/i.test(row.get('coord_method') ?? '')) continue;
      const draft = sourcedSite(into, row, idColumn, issues);
      if (draft) into.drafts.push(draft);
    }
  };
  addSourced(await ctx.load(files.servicePoints), ['point_id'], 'point_id');
  addSourced(await ctx.load(files.venues), ['venue_id', 'type'], 'venue_id');
  // Where the sites are placed in areas: the extra sites' file, else the venues'.
  const extraFile = files.extraSites ? await ctx.load(files.extraSites) : null;
  const placing = ctx.issuesFor(
    extraFile ?? { name: `${ctx.folder}/${files.venues}`, bytes: new Uint8Array() },
  );
  if (extraFile) into.drafts.push(...parseSitesCsv(extraFile, placing));
  return resolveSites(into.drafts, areas, placing);
}
