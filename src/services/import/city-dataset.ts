/**
 * Builds a city's dataset from its folder (`data/<city>`) as its profile lists the files: the
 * areas (src/services/import/city-areas.ts), the places (city-sites.ts), then advisors, topics,
 * network scenarios, closure days, stations and the approximate transport model, the modelled
 * demand points, and the settings the city's pages and planner read (customer-service contact,
 * rhythm rules, referral names, and what the database keeps of the profile: `CITY_SETTING`). Every problem in
 * every file is collected before it gives up. Formats: docs/city-profile.md; what each city's
 * files rest on: the README in its folder.
 */
import { isInFinland } from '../../core/geo/geo.ts';
import type { Advisor } from '../../core/model/advisor.ts';
import type { Area } from '../../core/model/area.ts';
import { CITY_CONTACT_SETTING } from '../../core/model/city-contact.ts';
import { REFERRAL_TARGETS_SETTING } from '../../core/model/contact.ts';
import type { DemandPoint } from '../../core/model/demand-point.ts';
import type { Scenario } from '../../core/model/scenario.ts';
import type { Site } from '../../core/model/site.ts';
import type { Topic } from '../../core/model/topic.ts';
import type { TransitStation } from '../../core/model/transit-station.ts';
import type { ClosureRule } from '../../core/time/holidays.ts';
import { DEMAND_BASIS_SETTING } from '../../db/repositories/demand-repository.ts';
import { CITY_SETTING, type CityProfile } from '../city/city-profile.ts';
import { PLANNING_RULES_SETTING } from '../planning/planning-rules.ts';
import { checkAdvisorReferences, parseAdvisorsCsv } from './advisor-import.ts';
import { type DatasetFiles, readCityAreas } from './city-areas.ts';
import { readCitySites } from './city-sites.ts';
import { readCityContact } from './contact-file.ts';
import { modelDemand, readDemandModel } from './demand-model-file.ts';
import { csvSource, FieldReader } from './fields.ts';
import { type ImportIssue, IssueList } from './issues.ts';
import {
  APPROXIMATE_MODEL_SETTING,
  readClosureRules,
  readScenarios,
  readTopics,
  readTransitModel,
} from './json-formats.ts';
import { readPlanningRules } from './planning-rules-file.ts';
import { readReferralTargets } from './referral-targets-file.ts';
import { parseCsv, parseJson } from './text.ts';

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

export type ReadFile = (relativePath: string) => Promise<Uint8Array>;

/** Stations of the approximate transport model (rail and metro; buses are modelled per district). */
async function readStations(ctx: DatasetFiles): Promise<TransitStation[]> {
  const stationsFile = await ctx.load(ctx.profile.files.stations);
  const stationIssues = ctx.issuesFor(stationsFile);
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
  return stations;
}

/** A JSON file of the folder, parsed, with the issue list its reader reports to. */
async function jsonFile(ctx: DatasetFiles, path: string): Promise<{ value: unknown; issues: IssueList }> {
  const file = await ctx.load(path);
  const issues = ctx.issuesFor(file);
  return { value: parseJson(file, issues), issues };
}

/** Topics, each needing a skill the city's profile lists. */
async function readCityTopics(ctx: DatasetFiles): Promise<Topic[]> {
  const { value, issues } = await jsonFile(ctx, ctx.profile.files.topics);
  const topics = readTopics(value, issues, true);
  for (const [i, t] of topics.entries())
    if (t.requiredSkill && !ctx.profile.skills.includes(t.requiredSkill))
      issues.add({
        path: `topics[${i}].requiredSkill`,
        message: `"${t.requiredSkill}" is not a skill of the city profile; expected one of ${ctx.profile.skills.join(', ')}`,
      });
  return topics;
}

/** The settings files: contact, rhythm rules, referral names; undefined where a file is bad. */
async function readSettingFiles(ctx: DatasetFiles, sites: readonly Site[]) {
  const { files } = ctx.profile;
  const contact = await jsonFile(ctx, files.contact);
  const rules = await jsonFile(ctx, files.planningRules);
  const referral = await jsonFile(ctx, files.referralTargets);
  return {
    contact: readCityContact(contact.value, contact.issues),
    planningRules: readPlanningRules(
      rules.value,
      rules.issues,
      new Set(sites.filter((x) => x.role === 'venue').map((x) => x.id as string)),
    ),
    referralTargets: readReferralTargets(referral.value, referral.issues),
  };
}

export async function buildCityDataset(
  profile: CityProfile,
  readFile: ReadFile,
): Promise<{ ok: true; dataset: Dataset } | { ok: false; issues: ImportIssue[] }> {
  const lists: IssueList[] = [];
  const ctx: DatasetFiles = {
    profile,
    folder: `data/${profile.id}`,
    load: async (path) => ({ name: `data/${profile.id}/${path}`, bytes: await readFile(path) }),
    issuesFor(file) {
      const l = new IssueList(file.name);
      lists.push(l);
      return l;
    },
  };
  const { files } = profile;
  const { districts, postalAreas } = await readCityAreas(ctx);
  const areas = [...districts, ...postalAreas];
  const sites = await readCitySites(ctx, areas);
  const siteIds = new Set<string>(sites.map((s) => s.id));

  const advisorsFile = await ctx.load(files.advisors);
  const advisorIssues = ctx.issuesFor(advisorsFile);
  const advisorRows = parseAdvisorsCsv(advisorsFile, advisorIssues, profile.skills);
  checkAdvisorReferences(advisorRows, siteIds, advisorIssues);
  const topics = await readCityTopics(ctx);
  const scenarios = await jsonFile(ctx, files.scenarios);
  const closures = await jsonFile(ctx, files.closureRules);

  const stations = await readStations(ctx);
  const model = await jsonFile(ctx, files.transitModel);
  const transitModel = readTransitModel(
    model.value,
    model.issues,
    new Set(stations.map((s) => s.id)),
    new Set(districts.map((d) => d.id as string)),
  );
  const demandFile = await jsonFile(ctx, files.demandModel);
  const demandModel = readDemandModel(demandFile.value, demandFile.issues);
  const demand = demandModel
    ? modelDemand(postalAreas, sites, stations, demandModel, `${ctx.folder}/${files.demandModel}`)
    : undefined;
  const { contact, planningRules, referralTargets } = await readSettingFiles(ctx, sites);
  const dataset = {
    areas,
    stations,
    settings: [
      { key: CITY_SETTING, value: profile },
      ...(transitModel ? [{ key: APPROXIMATE_MODEL_SETTING, value: transitModel }] : []),
      ...(demand ? [{ key: DEMAND_BASIS_SETTING, value: demand.info }] : []),
      ...(contact ? [{ key: CITY_CONTACT_SETTING, value: contact }] : []),
      ...(planningRules ? [{ key: PLANNING_RULES_SETTING, value: planningRules }] : []),
      ...(referralTargets ? [{ key: REFERRAL_TARGETS_SETTING, value: referralTargets }] : []),
    ],
    sites,
    advisors: advisorRows.map((l) => l.value),
    topics,
    scenarios: readScenarios(scenarios.value, scenarios.issues, siteIds),
    closureRules: readClosureRules(closures.value, closures.issues),
    demandPoints: demand?.points ?? [],
  };
  const issues = lists.flatMap((l) => l.issues);
  if (issues.length > 0 || !demand) return { ok: false, issues };
  return { ok: true, dataset };
}
