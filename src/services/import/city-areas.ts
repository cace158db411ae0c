/**
 * A city dataset's areas: its districts (`files.districts` with their shapes in
 * `files.districtShapes`) and postal-code areas (`files.postalAreas`, the Statistics Finland Paavo
 * layout), each postal area inside one district; a district's population is the sum of its postal
 * areas'. Formats: docs/city-profile.md.
 */
import { type AreaGeometry, isInFinland } from '../../core/geo/geo.ts';
import { asAreaId } from '../../core/ids.ts';
import { type Area, checkPopulation } from '../../core/model/area.ts';
import type { CityProfile } from '../city/city-profile.ts';
import { csvSource, FieldReader, jsonSource } from './fields.ts';
import type { IssueList } from './issues.ts';
import { parseCsv, parseJson, type SourceFile } from './text.ts';

/** `Etelä-Mäkelä` → `etela-makela`: readable ids for URLs and the CLI. */
export function districtSlug(nameFi: string): string {
  return nameFi
    .toLowerCase()
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}

/** The sum of the children's figures, or null when any child has no figure. */
function sumOrNull(values: readonly (number | null)[]): number | null {
  return values.every((v): v is number => v !== null) ? values.reduce((s, v) => s + v, 0) : null;
}

/** Reads a file of the city's folder, named as the issues name it. */
export interface DatasetFiles {
  readonly profile: CityProfile;
  /** `data/<city>`: how the files and notes name the folder. */
  readonly folder: string;
  load(path: string): Promise<SourceFile>;
  issuesFor(file: SourceFile): IssueList;
}

interface DistrictDraft {
  readonly area: Omit<Area, 'population'>;
  readonly nameFi: string;
  readonly popOfficial: number | undefined;
  /** `31.12.2016`, from the row's `pop_official_date` (ISO). */
  readonly popOfficialDate: string;
}

async function readDistricts(ctx: DatasetFiles): Promise<DistrictDraft[]> {
  const { profile } = ctx;
  const districtsFile = await ctx.load(profile.files.districts);
  const districtIssues = ctx.issuesFor(districtsFile);
  const table = parseCsv(districtsFile, districtIssues, [
    'level',
    'code',
    'name_fi',
    'name_sv',
    'lat',
    'lon',
    'pop_official',
  ]);
  const shapesFile = await ctx.load(profile.files.districtShapes);
  const shapesIssues = ctx.issuesFor(shapesFile);
  const shapes = parseJson(shapesFile, shapesIssues) as {
    features?: { properties?: Record<string, unknown>; geometry?: AreaGeometry }[];
  };
  const codeProperty = profile.sources.districtShapeCode;
  const shapeByCode = new Map<string, AreaGeometry>();
  for (const f of shapes?.features ?? []) {
    const code = f.properties?.[codeProperty];
    if (typeof code === 'string' && f.geometry) shapeByCode.set(code, f.geometry);
  }
  const drafts: DistrictDraft[] = [];
  for (const row of table?.rows ?? []) {
    if (row.get('level') !== 'suuralue' || !row.get('code')) continue;
    const r = new FieldReader(csvSource(row), districtIssues);
    const nameFi = r.text('name_fi', { required: true }) ?? '';
    const nameSv = r.text('name_sv', { required: true }) ?? nameFi;
    const lat = r.number('lat', { required: true }) ?? Number.NaN;
    const lon = r.number('lon', { required: true }) ?? Number.NaN;
    const code = row.get('code') ?? '';
    const geometry = shapeByCode.get(code) ?? null;
    if (!geometry)
      r.fail('code', `no district polygon with ${codeProperty} "${code}" in ${profile.files.districtShapes}`);
    drafts.push({
      nameFi,
      popOfficial: r.int('pop_official', { min: 0 }),
      popOfficialDate: (r.date('pop_official_date') ?? '').split('-').reverse().join('.'),
      area: {
        id: asAreaId(districtSlug(nameFi)),
        kind: 'district',
        // Place names are not translated into English on the city's English pages.
        name: { fi: nameFi, sv: nameSv, en: nameFi },
        parentId: null,
        centroid: { lat, lon },
        geometry,
        dataYear: profile.sources.dataYear,
        source: profile.sources.districts,
        estimatedFields: [],
        notes: '',
      },
    });
  }
  return drafts;
}

async function readPostalAreas(
  ctx: DatasetFiles,
  districtIdByName: ReadonlyMap<string, Area['id']>,
): Promise<Area[]> {
  const { profile } = ctx;
  const postalFile = await ctx.load(profile.files.postalAreas);
  const postalIssues = ctx.issuesFor(postalFile);
  const postal = parseJson(postalFile, postalIssues) as { features?: unknown[] } | undefined;
  const postalAreas: Area[] = [];
  for (const [i, feature] of (postal?.features ?? []).entries()) {
    const f = feature as { properties?: Record<string, unknown>; geometry?: AreaGeometry };
    const base = `features[${i}].properties`;
    const r = new FieldReader(jsonSource(f.properties ?? {}, base, i), postalIssues);
    const code = r.text('postal_code', {
      required: true,
      pattern: /^\d{5}$/,
      patternHint: 'a five-digit postal code',
    });
    const nameFi = r.text('name_fi', { required: true });
    const nameSv = r.text('name_sv', { required: true });
    const district = r.text('suuralue', { required: true });
    const total = r.int('pop_2017', { required: true, min: 0 });
    // Statistics Finland leaves out the breakdowns of areas with very few residents
    // (a hospital area with 6 residents): count them as 0 and mark them estimated.
    const suppressed = total !== undefined && total < 30;
    const estimatedFields: string[] = [];
    const group = (name: string, field: string) => {
      if (suppressed && !r.has(name)) {
        estimatedFields.push(field);
        return 0;
      }
      return r.int(name, { required: true, min: 0 });
    };
    const age65plus = group('age65plus_2017', 'population_65_74');
    const age75plus = group('age75plus_2017', 'population_75_plus');
    const unemployed = group('unemployed_2016', 'group:unemployed');
    const lat = r.number('rep_lat', { required: true });
    const lon = r.number('rep_lon', { required: true });
    const parentId = district ? districtIdByName.get(district) : undefined;
    if (district && !parentId)
      r.fail(
        'suuralue',
        `unknown district "${district}"; expected one of ${[...districtIdByName.keys()].join(', ')}`,
      );
    if (lat !== undefined && lon !== undefined && !isInFinland({ lat, lon }))
      r.fail('rep_lat', `(${lat}, ${lon}) is outside Finland`);
    if (
      !code ||
      !nameFi ||
      !nameSv ||
      !parentId ||
      total === undefined ||
      age65plus === undefined ||
      age75plus === undefined
    )
      continue;
    if (unemployed === undefined || lat === undefined || lon === undefined) continue;
    const population = {
      total,
      age65to74: age65plus - age75plus,
      age75plus,
      // The Paavo layout has no language figures per area: "no data", not an estimate.
      foreignLanguage: null,
      swedishSpeaking: null,
      extraGroups: { unemployed },
    };
    for (const problem of checkPopulation(population)) r.fail('pop_2017', problem);
    postalAreas.push({
      id: asAreaId(code),
      kind: 'postal-code',
      name: { fi: nameFi, sv: nameSv, en: nameFi },
      parentId,
      centroid: { lat, lon },
      geometry: f.geometry ?? null,
      population,
      dataYear: profile.sources.dataYear,
      source: profile.sources.postalAreas,
      estimatedFields,
      notes: suppressed
        ? 'Statistics Finland does not publish age or activity figures for this area (too few residents).'
        : '',
    });
  }
  return postalAreas;
}

/** Districts with their population summed from their postal areas, then the postal areas. */
export async function readCityAreas(ctx: DatasetFiles): Promise<{ districts: Area[]; postalAreas: Area[] }> {
  const drafts = await readDistricts(ctx);
  const postalAreas = await readPostalAreas(ctx, new Map(drafts.map((d) => [d.nameFi, d.area.id])));
  const districts: Area[] = drafts.map((d) => {
    const children = postalAreas.filter((p) => p.parentId === d.area.id);
    const sum = (f: (a: Area) => number) => children.reduce((s, a) => s + f(a), 0);
    return {
      ...d.area,
      population: {
        total: sum((a) => a.population.total),
        age65to74: sum((a) => a.population.age65to74),
        age75plus: sum((a) => a.population.age75plus),
        foreignLanguage: sumOrNull(children.map((a) => a.population.foreignLanguage)),
        swedishSpeaking: sumOrNull(children.map((a) => a.population.swedishSpeaking)),
        extraGroups: { unemployed: sum((a) => a.population.extraGroups.unemployed ?? 0) },
      },
      notes:
        d.popOfficial !== undefined
          ? `Official population${d.popOfficialDate ? ` ${d.popOfficialDate}` : ''}: ${d.popOfficial}. Postal areas do not follow district borders exactly (see ${ctx.folder}/README.md).`
          : '',
    };
  });
  return { districts, postalAreas };
}
