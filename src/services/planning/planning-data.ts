/**
 * A planning instance from the loaded data: need per area and target group with the planner's
 * weights, residual after the fixed points a scenario keeps open (by each group's travel mode
 * and threshold), venues with their hours on every date of the horizon and the areas they
 * reach, advisors with availability and absences, public holidays and closure days,
 * travel times between venues for the advisors (public transport), and the contacts per visit
 * learned from the contact log where there are enough logged visits.
 */

import type { TravelMode } from '../../core/access/modes.ts';
import type { ScenarioId } from '../../core/ids.ts';
import { type Area, groupCount } from '../../core/model/area.ts';
import { openSitesOn } from '../../core/model/scenario.ts';
import { type Site, scheduleOf } from '../../core/model/site.ts';
import {
  DEFAULT_PARAMS,
  type LearnedContacts,
  minutesOf,
  type PlanningInstance,
  type PlanningParams,
  type PlanningRequest,
  type PlanningSeriesPin,
} from '../../core/planning/instance.ts';
import { addDays, datesBetween, type IsoDate, isoWeekday } from '../../core/time/civil-time.ts';
import { createHolidayCalendar, type HolidayCalendar } from '../../core/time/holidays.ts';
import { hoursOn, isInService } from '../../core/time/opening-hours.ts';
import type { ReadRepositories } from '../../db/repositories.ts';
import { type AccessService, demandAreasOf, placeOfSite } from '../access-service.ts';
import { InvalidInputError } from '../errors.ts';
import { DEFAULT_BLOCKS, DEFAULT_GROUPS, loadPlanningDefaults } from './planning-defaults.ts';

export interface GroupSetting {
  readonly id: string;
  readonly weight: number;
  /** How this group travels, and how far is "within reach". */
  readonly mode: TravelMode;
  readonly thresholdMinutes: number;
  readonly language: string | null;
}

/**
 * Expected contacts are learned from the contact log over this many weeks before the horizon
 * (docs/planning-model.md, "Staffing and capacity").
 */
export const LEARNED_CONTACTS_WEEKS = 26;
/**
 * Delivered visits at a venue and time that make "enough data": with fewer, the visit's
 * expected contacts stay the estimate from the need in reach.
 */
export const MIN_LEARNED_VISITS = 6;

export interface PlanningDataRequest {
  /** First day (a Monday is usual) and number of weeks. */
  readonly from: IsoDate;
  readonly weeks: number;
  /** The fixed points open come from this scenario; default: the one valid on `from`, else the first. */
  readonly scenarioId?: string;
  readonly groups?: readonly GroupSetting[];
  readonly blocks?: readonly { id: string; start: string; end: string }[];
  readonly minVisitsPerDistrict?: number;
  readonly params?: Partial<PlanningParams>;
  /** Share of a group's residents still counted where a fixed point is within reach (0 = none). */
  readonly servedShare?: number;
  readonly pins?: PlanningInstance['pins'];
  /**
   * No mobile visit at a venue within this many minutes' walk of an open fixed point
   * (default 10; 0 = no such rule), except at the venues listed in `allowNearFixedPoint`.
   */
  readonly minWalkFromFixedPoint?: number;
  readonly allowNearFixedPoint?: readonly string[];
  /** Keep the series the planner pinned (default true; a repair leaves them out). */
  readonly withSeriesPins?: boolean;
}

/** A series pin the instance leaves out, and why. */
export interface SeriesPinLeftOut {
  readonly id: string;
  readonly venueId: string;
  readonly reason: 'venue-not-in-service';
}

/** A partner request the instance leaves out, and why. */
export interface PartnerRequestLeftOut {
  readonly referenceCode: string;
  readonly venueId: string | null;
  /** The planned venue is no venue in service in the horizon. */
  readonly reason: 'venue-not-plannable';
}

/** The accepted partner requests in the horizon: those the instance has (by reference code) and those left out. */
export interface PartnerRequestsUsed {
  readonly included: readonly string[];
  readonly leftOut: readonly PartnerRequestLeftOut[];
}

export interface PlanningData {
  readonly instance: PlanningInstance;
  /** Series pins left out of the instance (their venue is not in service in the horizon). */
  readonly seriesPinsLeftOut: readonly SeriesPinLeftOut[];
  /** Accepted partner requests overlapping the horizon, as soft rules of the instance. */
  readonly partnerRequests: PartnerRequestsUsed;
  /** What building the instance had to say, for the plan's notes. */
  readonly notes: readonly string[];
}

export async function buildPlanningInstance(
  deps: { repos: ReadRepositories; access: AccessService },
  r: PlanningDataRequest,
): Promise<PlanningInstance> {
  return (await buildPlanningData(deps, r)).instance;
}

type DataDeps = { repos: ReadRepositories; access: AccessService };

/** The planning instance, with what was left out of it and why. */
export async function buildPlanningData(deps: DataDeps, r: PlanningDataRequest): Promise<PlanningData> {
  const { repos, access } = deps;
  const horizon = await loadHorizon(repos, r);
  const { to, dates } = horizon;
  // The request's, else the city's (its profile), else the product's.
  const defaults = r.groups && r.blocks ? null : await loadPlanningDefaults(repos);
  const groups = r.groups ?? defaults?.targetGroups ?? DEFAULT_GROUPS;
  const places = await loadPlaces(repos, r, dates);
  const { venues } = places;
  const { need, reach } = await residualNeedAndReach(access, r, groups, places);
  const nearFixed = await venuesNearFixedPoints(access, r, places);
  const travel = await travelBetweenVenues(access, r.from, venues);
  const advisors = (await repos.advisors.list()).filter((a) => a.active);
  const pinned = (r.withSeriesPins ?? true) ? await seriesPinsFor(repos, r, to, venues) : NO_SERIES_PINS;
  const blocks = (r.blocks ?? defaults?.timeBlocks ?? DEFAULT_BLOCKS).map((b) => ({ ...b }));
  const partner = await partnerRequestsFor(repos, { r, to, venues, blocks, nearFixed });
  const learned = await learnedContacts(repos, r.from, blocks);

  const districtOfVenue = (s: Site) =>
    (s.districtId as string | null) ?? (s.areaId ? districtOf(places.byId.get(s.areaId) as Area) : 'none');
  const instance: PlanningInstance = {
    name: `${dates[0]} + ${r.weeks} weeks`,
    from: r.from,
    to,
    closedDates: horizon.closedDates,
    groups: groups.map((g) => ({ id: g.id, weight: g.weight, language: g.language })),
    areas: places.demand.map((a, i) => ({ id: a.id, district: districtOf(a), need: need[i] ?? [] })),
    // A district whose every venue is a short walk from its open fixed point is served there.
    districts: places.districts.map((d) => {
      const id = d.id as string;
      const own = venues.filter((s) => districtOfVenue(s) === id);
      const servedByPoint = own.length > 0 && own.every((s) => nearFixed.has(s.id));
      return { id, minVisitsPerWeek: servedByPoint ? 0 : (r.minVisitsPerDistrict ?? 1) };
    }),
    venues: venues.map((s, v) => ({
      id: s.id,
      district: districtOfVenue(s),
      hours: hoursOnDates(s, dates, horizon.calendar),
      reach: [...(reach[v] ?? new Map()).entries()].map(([area, gs]) => ({ area, groups: gs })),
      nearFixedPoint: nearFixed.get(s.id) ?? null,
      ...(learned.has(s.id) ? { learnedContacts: learned.get(s.id) } : {}),
    })),
    blocks,
    advisors: advisors.map((a) => ({
      id: a.id,
      languages: [...a.languages],
      minutesPerWeek: a.contractedMinutesPerWeek,
      maxVisitsPerDay: a.maxVisitsPerDay,
      availability: a.availability.map((w) => ({ weekday: w.weekday, start: w.start, end: w.end })),
      absences: a.absences.map((x) => ({ from: x.from, to: x.to })),
      districts: [],
    })),
    travel,
    pins: r.pins ?? [],
    requests: partner.requests,
    ...(pinned.seriesPins.length > 0 ? { seriesPins: pinned.seriesPins } : {}),
    params: { ...defaultProductParams(), ...(r.params ?? {}) },
  };
  return {
    instance,
    seriesPinsLeftOut: pinned.leftOut,
    partnerRequests: { included: partner.requests.map((q) => q.id), leftOut: partner.leftOut },
    notes: [...pinned.notes, ...partner.notes],
  };
}

const districtOf = (a: Area) => (a.parentId as string | null) ?? 'none';

/** The horizon's dates, the holiday calendar, and the working days it closes. */
async function loadHorizon(repos: ReadRepositories, r: PlanningDataRequest) {
  if (!Number.isInteger(r.weeks) || r.weeks < 1 || r.weeks > 26)
    throw new InvalidInputError(`expected 1 to 26 weeks, got ${r.weeks}`, 'weeks');
  const to = addDays(r.from, r.weeks * 7 - 1);
  const dates = datesBetween(r.from, to);
  const made = createHolidayCalendar(await repos.closureRules.list());
  if (!made.ok) throw new Error(`stored closure rules are invalid: ${made.error}`);
  const calendar = made.value;
  const closedDates = dates.filter((d) => isoWeekday(d) <= 5 && calendar.isClosed(d));
  return { to, dates, calendar, closedDates };
}

/** Areas where need is counted, districts, the venues in service, and the fixed points the scenario keeps open. */
interface Places {
  readonly byId: ReadonlyMap<string, Area>;
  readonly demand: readonly Area[];
  readonly districts: readonly Area[];
  readonly venues: readonly Site[];
  readonly fixed: readonly Site[];
}

async function loadPlaces(
  repos: ReadRepositories,
  r: PlanningDataRequest,
  dates: readonly IsoDate[],
): Promise<Places> {
  const allAreas = await repos.areas.list({ withGeometry: false });
  const byId = new Map(allAreas.map((a) => [a.id as string, a]));
  const demand = demandAreasOf(allAreas);
  const districts = allAreas.filter((a) => a.kind === 'district');

  const sites = await repos.sites.list({});
  const venues = sites.filter((s) => s.role === 'venue' && dates.some((d) => isInService(s.validity, d)));
  if (venues.length === 0) throw new InvalidInputError('no venue is in service in the horizon', 'from');
  const scenarios = await repos.scenarios.list();
  const scenario =
    (r.scenarioId ? scenarios.find((s) => s.id === (r.scenarioId as ScenarioId)) : undefined) ??
    (r.scenarioId ? undefined : scenarios[0]);
  if (r.scenarioId && !scenario)
    throw new InvalidInputError(
      `unknown scenario "${r.scenarioId}"; expected one of ${scenarios.map((s) => s.id).join(', ')}`,
      'scenario',
    );
  const openFixed = new Set(scenario ? openSitesOn(scenario, r.from) : []);
  const fixed = sites.filter((s) => s.role === 'fixed-point' && (scenario ? openFixed.has(s.id) : true));
  return { byId, demand, districts, venues, fixed };
}

/**
 * Residual need, per demand point (grid cell, modelled point, or the area's centroid when
 * nothing finer is loaded) and summed per area: a group's residents at a point count unless
 * an open fixed point is within the group's threshold by its mode (then only `servedShare`).
 * A venue reaches an area for a group when it is within the threshold of the points where
 * most of the area's residents of that group live.
 */
async function residualNeedAndReach(
  access: AccessService,
  r: PlanningDataRequest,
  groups: readonly GroupSetting[],
  { demand, venues, fixed }: Places,
): Promise<{ need: number[][]; reach: Map<number, number[]>[] }> {
  const servedShare = r.servedShare ?? 0;
  const rowOf = new Map(demand.map((a, i) => [a.id as string, i]));
  const need = demand.map(() => groups.map(() => 0));
  const reach = venues.map(() => new Map<number, number[]>());
  const modes = [...new Set(groups.map((g) => g.mode))];
  for (const mode of modes) {
    const { engine } = await access.engineFor(mode, r.from);
    const set = await access.demandOrigins(mode);
    const units = set.units;
    const toFixed = fixed.length ? await engine.travelTimes(set.places, fixed.map(placeOfSite), mode) : null;
    const toVenues = await engine.travelTimes(set.places, venues.map(placeOfSite), mode);
    for (const [g, group] of groups.entries()) {
      if (group.mode !== mode) continue;
      const groupTotal = new Float64Array(demand.length);
      const reached = venues.map(() => new Float64Array(demand.length));
      for (const [u, unit] of units.entries()) {
        const a = rowOf.get(unit.areaId);
        if (a === undefined) continue;
        let nearestFixed = Number.POSITIVE_INFINITY;
        for (let j = 0; j < fixed.length; j++) {
          const v = toFixed?.minutes[u * fixed.length + j] ?? Number.NaN;
          if (!Number.isNaN(v)) nearestFixed = Math.min(nearestFixed, v);
        }
        const residents = groupCount(unit.counts, group.id) ?? 0;
        const row = need[a];
        if (row)
          row[g] =
            (row[g] ?? 0) + (nearestFixed <= group.thresholdMinutes ? residents * servedShare : residents);
        groupTotal[a] = (groupTotal[a] ?? 0) + residents;
        for (let v = 0; v < venues.length; v++) {
          const t = toVenues.minutes[u * venues.length + v] ?? Number.NaN;
          const counted = reached[v];
          if (counted && !Number.isNaN(t) && t <= group.thresholdMinutes)
            counted[a] = (counted[a] ?? 0) + residents;
        }
      }
      for (let v = 0; v < venues.length; v++) {
        for (let a = 0; a < demand.length; a++) {
          const total = groupTotal[a] ?? 0;
          if (total > 0 && (reached[v]?.[a] ?? 0) * 2 >= total) {
            const list = reach[v]?.get(a) ?? [];
            list.push(g);
            reach[v]?.set(a, list);
          }
        }
      }
    }
  }
  // Modelled points carry fractions of residents: keep the sums free of float noise.
  for (const row of need)
    for (let g = 0; g < row.length; g++) row[g] = Math.round((row[g] ?? 0) * 1000) / 1000;
  return { need, reach };
}

/** Venues a short walk from an open fixed point get no new mobile visits (the planner may allow one): venue → that point. */
async function venuesNearFixedPoints(
  access: AccessService,
  r: PlanningDataRequest,
  { venues, fixed }: Places,
): Promise<Map<string, string>> {
  const nearFixed = new Map<string, string>();
  const walkLimit = r.minWalkFromFixedPoint ?? 10;
  if (walkLimit > 0 && fixed.length > 0) {
    const { engine: walk } = await access.engineFor('walk', r.from);
    const m = await walk.travelTimes(venues.map(placeOfSite), fixed.map(placeOfSite), 'walk');
    for (const [v, venue] of venues.entries()) {
      if (r.allowNearFixedPoint?.includes(venue.id)) continue;
      for (const [j, point] of fixed.entries()) {
        const t = m.minutes[v * fixed.length + j] ?? Number.NaN;
        if (!Number.isNaN(t) && t <= walkLimit) {
          nearFixed.set(venue.id, point.id);
          break;
        }
      }
    }
  }
  return nearFixed;
}

/** Advisors travel between venues by public transport: minutes, row-major by venue index. */
async function travelBetweenVenues(
  access: AccessService,
  from: IsoDate,
  venues: readonly Site[],
): Promise<Float64Array> {
  const { engine: ptEngine } = await access.engineFor('pt', from);
  const venuePlaces = venues.map(placeOfSite);
  const between = await ptEngine.travelTimes(venuePlaces, venuePlaces, 'pt');
  const travel = Float64Array.from(between.minutes);
  for (let v = 0; v < venues.length; v++) travel[v * venues.length + v] = 0;
  return travel;
}

/** A venue's opening intervals on each date of the horizon it is open. */
function hoursOnDates(
  s: Site,
  dates: readonly IsoDate[],
  calendar: HolidayCalendar,
): Record<string, [string, string][]> {
  const hours: Record<string, [string, string][]> = {};
  for (const d of dates) {
    const day = hoursOn(scheduleOf(s), d, calendar);
    if (day.open && day.intervals.length > 0) hours[d] = day.intervals.map((i) => [i.start, i.end]);
  }
  return hours;
}

interface SeriesPinsUsed {
  readonly seriesPins: readonly PlanningSeriesPin[];
  readonly leftOut: readonly SeriesPinLeftOut[];
  readonly notes: readonly string[];
}

const NO_SERIES_PINS: SeriesPinsUsed = { seriesPins: [], leftOut: [], notes: [] };

/**
 * Series the planner pinned, from their first date on; a pin whose venue is not in service in
 * the horizon is left out and reported, a pin that starts after the horizon has no date in it.
 */
async function seriesPinsFor(
  repos: ReadRepositories,
  r: PlanningDataRequest,
  to: IsoDate,
  venues: readonly Site[],
): Promise<SeriesPinsUsed> {
  const seriesPins: PlanningSeriesPin[] = [];
  const leftOut: SeriesPinLeftOut[] = [];
  const notes: string[] = [];
  const venueIndex = new Map(venues.map((s, v) => [s.id as string, v]));
  for (const p of await repos.seriesPins.list()) {
    if (p.since > to) continue;
    const venue = venueIndex.get(p.venueId);
    if (venue === undefined) {
      leftOut.push({ id: p.id, venueId: p.venueId, reason: 'venue-not-in-service' });
      notes.push(
        `series pin ${p.id} (${p.venueId}, weekday ${p.weekday} ${p.start}–${p.end}) left out: the venue is not in service from ${r.from} to ${to}`,
      );
      continue;
    }
    seriesPins.push({
      id: p.id,
      venue,
      weekday: p.weekday,
      start: p.start,
      end: p.end,
      every: p.every,
      since: p.since,
    });
  }
  return { seriesPins, leftOut, notes };
}

/**
 * Accepted partner requests whose weeks overlap the horizon, as soft rules: a visit at the
 * planned venue in the request's weeks, on one of its weekdays and in its block, worth
 * `requestValue` × its priority. A request whose venue is not plannable here is left out.
 */
async function partnerRequestsFor(
  repos: ReadRepositories,
  horizon: {
    readonly r: PlanningDataRequest;
    readonly to: IsoDate;
    readonly venues: readonly Site[];
    readonly blocks: readonly { readonly id: string }[];
    readonly nearFixed: ReadonlyMap<string, string>;
  },
): Promise<{ requests: PlanningRequest[]; leftOut: PartnerRequestLeftOut[]; notes: string[] }> {
  const { r, to, venues, blocks, nearFixed } = horizon;
  const requests: PlanningRequest[] = [];
  const leftOut: PartnerRequestLeftOut[] = [];
  const notes: string[] = [];
  const venueIndex = new Map(venues.map((s, v) => [s.id as string, v]));
  for (const p of await repos.partnerRequests.listAcceptedOverlapping(r.from, to)) {
    const venue = p.plannedVenueId === null ? undefined : venueIndex.get(p.plannedVenueId);
    if (venue === undefined) {
      leftOut.push({
        referenceCode: p.referenceCode,
        venueId: p.plannedVenueId,
        reason: 'venue-not-plannable',
      });
      notes.push(
        `partner request ${p.referenceCode} (${p.plannedVenueId ?? 'no venue'}) left out: the venue is not a venue in service from ${r.from} to ${to}`,
      );
      continue;
    }
    const block = p.blockId === null ? -1 : blocks.findIndex((b) => b.id === p.blockId);
    if (p.blockId !== null && block < 0)
      notes.push(
        `partner request ${p.referenceCode}: the time block "${p.blockId}" is not one of this plan's; any block meets it`,
      );
    const near = nearFixed.get(p.plannedVenueId as string);
    if (near)
      notes.push(
        `partner request ${p.referenceCode}: ${p.plannedVenueId} is a short walk from the open fixed point ${near}, so no new visit goes there unless the plan's rules allow it`,
      );
    requests.push({
      id: p.referenceCode,
      venue,
      date: null,
      weekday: null,
      block: block >= 0 ? block : null,
      priority: p.priority ?? 1,
      ...(p.weeksFrom !== null && p.weeksFrom > r.from ? { from: p.weeksFrom } : {}),
      ...(p.weeksTo !== null && p.weeksTo < to ? { to: p.weeksTo } : {}),
      ...(p.weekdays.length > 0 ? { weekdays: [...p.weekdays] } : {}),
    });
  }
  return { requests, leftOut, notes };
}

/**
 * Per venue, the mean contacts per delivered visit in each of the plan's time blocks over the
 * `LEARNED_CONTACTS_WEEKS` before `from`, for the blocks with at least `MIN_LEARNED_VISITS`
 * delivered visits at exactly those times.
 */
async function learnedContacts(
  repos: ReadRepositories,
  from: IsoDate,
  blocks: readonly { readonly start: string; readonly end: string }[],
): Promise<Map<string, LearnedContacts[]>> {
  const out = new Map<string, LearnedContacts[]>();
  const rows = await repos.contacts.contactsPerVisit(
    addDays(from, -7 * LEARNED_CONTACTS_WEEKS),
    addDays(from, -1),
  );
  for (const row of rows) {
    if (row.visits < MIN_LEARNED_VISITS) continue;
    // The block's own spelling of its times, so the planner's exact match holds.
    const block = blocks.find(
      (b) => minutesOf(b.start) === minutesOf(row.start) && minutesOf(b.end) === minutesOf(row.end),
    );
    if (!block) continue;
    const list = out.get(row.venueId) ?? [];
    list.push({
      start: block.start,
      end: block.end,
      contactsPerVisit: row.contacts / row.visits,
      visits: row.visits,
    });
    out.set(row.venueId, list);
  }
  return out;
}

/**
 * Product defaults (illustrative, documented in docs/planning-model.md): a one-off visit costs
 * 100 weighted residents, a district without its weekly visit 100,000 (in effect a hard rule),
 * a partner request of priority 1 is worth 200; the rhythm rules are on.
 */
export function defaultProductParams(): PlanningParams {
  return {
    ...DEFAULT_PARAMS,
    oneOffCost: 100,
    fairnessPenalty: 100_000,
    requestValue: 200,
    // A schedule residents can learn: one weekday and time per venue, weekly or every other
    // week, no one-off visits, at most 5 hours a week at one venue, and no district more than
    // twice its share of the need.
    maxSeriesPerVenue: 1,
    allowOneOffs: false,
    maxVenueMinutesPerWeek: 300,
    maxDistrictShareFactor: 2,
    // The same advisors at a series where availability allows: each advisor beyond its staff
    // costs about a twentieth of a typical visit's value.
    continuityCost: 50,
  };
}
