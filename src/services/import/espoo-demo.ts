/**
 * Builds the Espoo demo dataset from data/espoo: the public-source files as compiled
 * (districts.csv, the Paavo and district GeoJSON, service_points.csv, venues.csv) plus the
 * illustrative files in data/espoo/demo (hours, advisors, topics, scenarios, closure days).
 * See data/espoo/README.md and data/espoo/demo/README.md for what is sourced and what is not.
 */
import { type AreaGeometry, isInFinland } from '../../core/geo/geo.ts';
import { asAreaId, asSiteId } from '../../core/ids.ts';
import type { Advisor } from '../../core/model/advisor.ts';
import { type Area, checkPopulation } from '../../core/model/area.ts';
import { CITY_CONTACT_SETTING } from '../../core/model/city-contact.ts';
import { REFERRAL_TARGETS_SETTING } from '../../core/model/contact.ts';
import type { DemandPoint } from '../../core/model/demand-point.ts';
import type { Scenario } from '../../core/model/scenario.ts';
import type { Site, SiteKind } from '../../core/model/site.ts';
import type { Topic } from '../../core/model/topic.ts';
import type { TransitStation } from '../../core/model/transit-station.ts';
import type { ClosureRule } from '../../core/time/holidays.ts';
import { parseCompactExceptions, parseCompactHours } from '../../core/time/opening-hours.ts';
import { DEMAND_BASIS_SETTING } from '../../db/repositories/demand-repository.ts';
import { PLANNING_RULES_SETTING } from '../planning/planning-rules.ts';
import { checkAdvisorReferences, parseAdvisorsCsv } from './advisor-import.ts';
import type { Located } from './area-import.ts';
import { readCityContact } from './contact-file.ts';
import { modelEspooDemand, readDemandModel } from './demand-model-file.ts';
import { csvSource, FieldReader, jsonSource } from './fields.ts';
import { type ImportIssue, IssueList } from './issues.ts';
import { readClosureRules, readScenarios, readTopics, readTransitModel } from './json-formats.ts';
import { readPlanningRules } from './planning-rules-file.ts';
import { readReferralTargets } from './referral-targets-file.ts';
import { parseSitesCsv, resolveSites, type SiteDraft } from './site-import.ts';
import { parseCsv, parseJson, type SourceFile } from './text.ts';

export interface Dataset {
  readonly areas: Area[];
  readonly stations: TransitStation[];
  /** Settings by key, e.g. the approximate access model. */
  readonly settings: { key: string; value: unknown }[];
  readonly sites: Site[];
  readonly advisors: Advisor[];
  readonly topics: Topic[];
  readonly scenarios: Scenario[];
  readonly closureRules: ClosureRule[];
  /** Modelled demand points (what they rest on is a setting, `DEMAND_BASIS_SETTING`). */
  readonly demandPoints: DemandPoint[];
}

/** The sum of the children's figures, or null when any child has no figure. */
function sumOrNull(values: readonly (number | null)[]): number | null {
  return values.every((v): v is number => v !== null) ? values.reduce((s, v) => s + v, 0) : null;
}

export type ReadFile = (relativePath: string) => Promise<Uint8Array>;

export const ESPOO_FILES = {
  districts: 'districts.csv',
  postalAreas: 'espoo_postal_areas_paavo2019.geojson',
  districtShapes: 'espoo_suuralueet.geojson',
  servicePoints: 'service_points.csv',
  venues: 'venues.csv',
  siteDetails: 'demo/site_details.csv',
  extraSites: 'demo/extra_sites.csv',
  advisors: 'demo/advisors.csv',
  topics: 'demo/topics.json',
  scenarios: 'demo/scenarios.json',
  closureRules: 'demo/closure_rules.json',
  demandModel: 'demo/demand_model.json',
  stations: 'stations.csv',
  transitModel: 'demo/transit_model.json',
  contact: 'demo/contact.json',
  planningRules: 'demo/planning_rules.json',
  referralTargets: 'demo/referral_targets.json',
} as const;

/** Where the approximate public-transport model's parameters are kept. */
export const APPROXIMATE_MODEL_SETTING = 'access.approximate-model';

/** `Suur-Leppävaara` → `suur-leppavaara`: readable ids for URLs and the CLI. */
export function districtSlug(nameFi: string): string {
  return nameFi
    .toLowerCase()
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}

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

export async function buildEspooDataset(
  readFile: ReadFile,
): Promise<{ ok: true; dataset: Dataset } | { ok: false; issues: ImportIssue[] }> {
  const load = async (path: string): Promise<SourceFile> => ({
    name: `data/espoo/${path}`,
    bytes: await readFile(path),
  });
  const lists: IssueList[] = [];
  const issuesFor = (file: SourceFile) => {
    const l = new IssueList(file.name);
    lists.push(l);
    return l;
  };

  // --- districts (major districts, "suuralueet") -----------------------------------------
  const districtsFile = await load(ESPOO_FILES.districts);
  const districtIssues = issuesFor(districtsFile);
  const table = parseCsv(districtsFile, districtIssues, [
    'level',
    'code',
    'name_fi',
    'name_sv',
    'lat',
    'lon',
    'pop_official',
  ]);
  const shapesFile = await load(ESPOO_FILES.districtShapes);
  const shapesIssues = issuesFor(shapesFile);
  const shapes = parseJson(shapesFile, shapesIssues) as {
    features?: { properties?: Record<string, unknown>; geometry?: AreaGeometry }[];
  };
  const shapeByCode = new Map<string, AreaGeometry>();
  for (const f of shapes?.features ?? []) {
    const code = f.properties?.kokotun;
    if (typeof code === 'string' && f.geometry) shapeByCode.set(code, f.geometry);
  }
  const districtDrafts: {
    area: Omit<Area, 'population'>;
    nameFi: string;
    popOfficial: number | undefined;
    line: number;
  }[] = [];
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
      r.fail('code', `no district polygon with kokotun "${code}" in ${ESPOO_FILES.districtShapes}`);
    districtDrafts.push({
      nameFi,
      popOfficial: r.int('pop_official', { min: 0 }),
      line: row.line,
      area: {
        id: asAreaId(districtSlug(nameFi)),
        kind: 'district',
        // Place names are not translated into English on the city's English pages.
        name: { fi: nameFi, sv: nameSv, en: nameFi },
        parentId: null,
        centroid: { lat, lon },
        geometry,
        dataYear: 2017,
        source:
          'HRI district boundaries (2011, CC BY 4.0); population = sum of the Paavo 2019 postal areas assigned to the district (31.12.2017, CC BY 4.0, Statistics Finland)',
        estimatedFields: [],
        notes: '',
      },
    });
  }
  const districtIdByName = new Map(districtDrafts.map((d) => [d.nameFi, d.area.id]));

  // --- postal-code areas (Paavo) --------------------------------------------------------------
  const postalFile = await load(ESPOO_FILES.postalAreas);
  const postalIssues = issuesFor(postalFile);
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
    // (02290, a hospital area with 6 residents): count them as 0 and mark them estimated.
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
      // No per-area language figures were found (data/espoo/README.md): "no data", not an estimate.
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
      dataYear: 2017,
      source:
        'Statistics Finland Paavo 2019 edition (population and age 31.12.2017, unemployed 31.12.2016), CC BY 4.0; no language figures per area',
      estimatedFields,
      notes: suppressed
        ? 'Statistics Finland does not publish age or activity figures for this area (too few residents).'
        : '',
    });
  }

  const districts: Area[] = districtDrafts.map((d) => {
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
          ? `Official population 31.12.2016: ${d.popOfficial}. Postal areas do not follow district borders exactly (see data/espoo/README.md).`
          : '',
    };
  });
  const areas = [...districts, ...postalAreas];

  // --- sites ---------------------------------------------------------------------------------
  const detailsFile = await load(ESPOO_FILES.siteDetails);
  const detailsIssues = issuesFor(detailsFile);
  const details = new Map<string, { line: number; get(c: string): string | undefined }>();
  for (const row of parseCsv(detailsFile, detailsIssues, ['id', 'street_address', 'hours'])?.rows ?? []) {
    details.set(row.get('id') ?? '', row);
  }
  const drafts: Located<SiteDraft>[] = [];
  const addSourced = (
    file: SourceFile,
    rows: readonly { line: number; get(c: string): string | undefined }[],
    idColumn: string,
  ) => {
    const issues = issuesFor(file);
    for (const row of rows) {
      const id = row.get(idColumn) ?? '';
      if (id === 'SP_MOBILE') continue; // the mobile service is planned visits, not a place
      const r = new FieldReader(csvSource(row), issues);
      const lat = r.number('lat', { required: true });
      const lon = r.number('lon', { required: true });
      if (lat !== undefined && lon !== undefined && !isInFinland({ lat, lon }))
        r.fail('lat', `(${lat}, ${lon}) is outside Finland`);
      const detail = details.get(id);
      if (!detail) {
        issues.add({
          line: row.line,
          column: idColumn,
          message: `no row for "${id}" in ${ESPOO_FILES.siteDetails}`,
        });
        continue;
      }
      const d = new FieldReader(csvSource(detail), detailsIssues);
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
      if (!nameSv) r.fail('name_sv', `no Swedish name here or in ${ESPOO_FILES.siteDetails}`);
      if (!nameEn) r.fail('name_en', `no English name here or in ${ESPOO_FILES.siteDetails}`);
      const isPoint = idColumn === 'point_id';
      const kind: SiteKind | undefined = isPoint ? 'service-point' : VENUE_KINDS[row.get('type') ?? ''];
      if (!kind) r.fail('type', `expected one of ${Object.keys(VENUE_KINDS).join(', ')}`);
      if (lat === undefined || lon === undefined || !hours.ok || !exceptions.ok || capacity === undefined)
        continue;
      if (!nameFi || !nameSv || !nameEn || !kind) continue;
      // The compiled `address` column describes the premises; the public street address (and,
      // where given, the postal code) comes from site_details.csv, empty where none is known.
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
      const note = (label: string, text: string | undefined) =>
        text?.trim() ? `${label}: ${text.trim()}` : '';
      const validitySource = detail.get('validity_source');
      drafts.push({
        value: {
          site: {
            id: asSiteId(id),
            role: isPoint ? 'fixed-point' : 'venue',
            kind,
            name: { fi: nameFi, sv: nameSv, en: nameEn },
            address: { street, postalCode, city: 'Espoo' },
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
              `coordinates: ${row.get('coord_method') ?? 'see data/espoo'}`,
              validitySource ? `dates: ${validitySource}` : '',
              note(`name (${ESPOO_FILES.siteDetails})`, detail.get('name_note')),
              note(`street address (${ESPOO_FILES.siteDetails})`, detail.get('address_note')),
              note(ESPOO_FILES.siteDetails, detail.get('note')),
            ]
              .filter(Boolean)
              .join(' | '),
            illustrative,
          },
          areaId: null,
          districtId: null,
        },
        where: { line: row.line },
      });
    }
  };
  const pointsFile = await load(ESPOO_FILES.servicePoints);
  addSourced(pointsFile, parseCsv(pointsFile, issuesFor(pointsFile), ['point_id'])?.rows ?? [], 'point_id');
  const venuesFile = await load(ESPOO_FILES.venues);
  addSourced(
    venuesFile,
    parseCsv(venuesFile, issuesFor(venuesFile), ['venue_id', 'type'])?.rows ?? [],
    'venue_id',
  );
  const extraFile = await load(ESPOO_FILES.extraSites);
  const extraIssues = issuesFor(extraFile);
  drafts.push(...parseSitesCsv(extraFile, extraIssues));
  const sites = resolveSites(drafts, areas, extraIssues);
  const siteIds = new Set<string>(sites.map((s) => s.id));

  // --- advisors, topics, scenarios, closure days ---------------------------------------------
  const advisorsFile = await load(ESPOO_FILES.advisors);
  const advisorIssues = issuesFor(advisorsFile);
  const advisorRows = parseAdvisorsCsv(advisorsFile, advisorIssues);
  checkAdvisorReferences(advisorRows, siteIds, advisorIssues);

  const topicsFile = await load(ESPOO_FILES.topics);
  const topicIssues = issuesFor(topicsFile);
  const topics = readTopics(parseJson(topicsFile, topicIssues), topicIssues, true);

  const scenariosFile = await load(ESPOO_FILES.scenarios);
  const scenarioIssues = issuesFor(scenariosFile);
  const scenarios = readScenarios(parseJson(scenariosFile, scenarioIssues), scenarioIssues, siteIds);

  const closureFile = await load(ESPOO_FILES.closureRules);
  const closureIssues = issuesFor(closureFile);
  const closureRules = readClosureRules(parseJson(closureFile, closureIssues), closureIssues);

  // --- stations and the approximate public-transport model -------------------------------
  const stationsFile = await load(ESPOO_FILES.stations);
  const stationIssues = issuesFor(stationsFile);
  const stations: TransitStation[] = [];
  for (const row of parseCsv(stationsFile, stationIssues, [
    'station_id',
    'name_fi',
    'name_sv',
    'mode',
    'lat',
    'lon',
  ])?.rows ?? []) {
    const r = new FieldReader(csvSource(row), stationIssues);
    const id = r.text('station_id', { required: true });
    const nameFi = r.text('name_fi', { required: true });
    const nameSv = r.text('name_sv') ?? nameFi;
    const modeText = r.text('mode', { required: true }) ?? '';
    const mode = modeText.startsWith('metro') ? 'metro' : modeText.startsWith('rail') ? 'rail' : undefined;
    if (modeText && !mode) r.fail('mode', `expected "metro" or "rail …", got "${modeText}"`);
    const opened = r.date('opened') ?? null;
    const lat = r.number('lat', { required: true });
    const lon = r.number('lon', { required: true });
    if (lat !== undefined && lon !== undefined && !isInFinland({ lat, lon }))
      r.fail('lat', `(${lat}, ${lon}) is outside Finland`);
    if (!id || !nameFi || !nameSv || !mode || lat === undefined || lon === undefined) continue;
    stations.push({
      id,
      name: { fi: nameFi, sv: nameSv },
      mode,
      opened,
      location: { lat, lon },
      source: [row.get('source') ?? '', `coordinates: ${row.get('coord_method') ?? ''}`]
        .filter(Boolean)
        .join(' | '),
    });
  }
  const modelFile = await load(ESPOO_FILES.transitModel);
  const modelIssues = issuesFor(modelFile);
  const transitModel = readTransitModel(
    parseJson(modelFile, modelIssues),
    modelIssues,
    new Set(stations.map((s) => s.id)),
    new Set(districts.map((d) => d.id as string)),
  );

  // --- modelled demand points ------------------------------------------------------------------
  const demandFile = await load(ESPOO_FILES.demandModel);
  const demandIssues = issuesFor(demandFile);
  const demandModel = readDemandModel(parseJson(demandFile, demandIssues), demandIssues);
  const demand = demandModel
    ? modelEspooDemand(postalAreas, sites, stations, demandModel, ESPOO_FILES.demandModel)
    : undefined;

  // --- the city's customer-service contact, for the public pages' footer ---------------------
  const contactFile = await load(ESPOO_FILES.contact);
  const contactIssues = issuesFor(contactFile);
  const contact = readCityContact(parseJson(contactFile, contactIssues), contactIssues);

  // --- the city's default rhythm rules for the visit planner --------------------------------
  const rulesFile = await load(ESPOO_FILES.planningRules);
  const rulesIssues = issuesFor(rulesFile);
  const planningRules = readPlanningRules(
    parseJson(rulesFile, rulesIssues),
    rulesIssues,
    new Set(sites.filter((x) => x.role === 'venue').map((x) => x.id as string)),
  );

  // --- the city's names of the places the advisors refer residents to ------------------------
  const referralFile = await load(ESPOO_FILES.referralTargets);
  const referralIssues = issuesFor(referralFile);
  const referralTargets = readReferralTargets(parseJson(referralFile, referralIssues), referralIssues);

  const issues = lists.flatMap((l) => l.issues);
  if (issues.length > 0 || !demand) return { ok: false, issues };
  return {
    ok: true,
    dataset: {
      areas,
      stations,
      settings: [
        ...(transitModel ? [{ key: APPROXIMATE_MODEL_SETTING, value: transitModel }] : []),
        { key: DEMAND_BASIS_SETTING, value: demand.info },
        ...(contact ? [{ key: CITY_CONTACT_SETTING, value: contact }] : []),
        ...(planningRules ? [{ key: PLANNING_RULES_SETTING, value: planningRules }] : []),
        ...(referralTargets ? [{ key: REFERRAL_TARGETS_SETTING, value: referralTargets }] : []),
      ],
      sites,
      advisors: advisorRows.map((l) => l.value),
      topics,
      scenarios,
      closureRules,
      demandPoints: demand.points,
    },
  };
}
