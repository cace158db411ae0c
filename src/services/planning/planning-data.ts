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
import { scheduleOf } from '../../core/model/site.ts';
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
import { createHolidayCalendar } from '../../core/time/holidays.ts';
import { hoursOn, isInService } from '../../core/time/opening-hours.ts';
import type { ReadRepositories } from '../../db/repositories.ts';
import { type AccessService, demandAreasOf, placeOfSite } from '../access-service.ts';
import { InvalidInputError } from '../errors.ts';

export interface GroupSetting {
  readonly id: string;
  readonly weight: number;
  /** How this group travels, and how far is "within reach". */
  readonly mode: TravelMode;
  readonly thresholdMinutes: number;
  readonly language: string | null;
}

/**
 * Default target groups (illustrative; planners set their own): people aged 75+ count most
 * and travel slowly; foreign-language speakers and the unemployed need digital support; the
 * Swedish-speaking minority is served in Swedish. `all` is off so nobody is counted twice.
 */
export const DEFAULT_GROUPS: readonly GroupSetting[] = [
  { id: 'age75plus', weight: 3, mode: 'pt-slow', thresholdMinutes: 20, language: null },
  { id: 'age65to74', weight: 1, mode: 'pt-slow', thresholdMinutes: 25, language: null },
  { id: 'foreignLanguage', weight: 2, mode: 'pt', thresholdMinutes: 25, language: null },
  { id: 'unemployed', weight: 1, mode: 'pt', thresholdMinutes: 25, language: null },
  { id: 'swedishSpeaking', weight: 0.5, mode: 'pt', thresholdMinutes: 25, language: 'sv' },
];

export const DEFAULT_BLOCKS = [
  { id: 'morning', start: '09:30', end: '12:00' },
  { id: 'afternoon', start: '13:00', end: '15:00' },
] as const;

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

/** The planning instance, with what was left out of it and why. */
export async function buildPlanningData(
  deps: { repos: ReadRepositories; access: AccessService },
  r: PlanningDataRequest,
): Promise<PlanningData> {
  const { repos, access } = deps;
  if (!Number.isInteger(r.weeks) || r.weeks < 1 || r.weeks > 26)
    throw new InvalidInputError(`expected 1 to 26 weeks, got ${r.weeks}`, 'weeks');
  const to = addDays(r.from, r.weeks * 7 - 1);
  const dates = datesBetween(r.from, to);
  const groups = r.groups ?? DEFAULT_GROUPS;
  const made = createHolidayCalendar(await repos.closureRules.list());
  if (!made.ok) throw new Error(`stored closure rules are invalid: ${made.error}`);
  const calendar = made.value;
  const closedDates = dates.filter((d) => isoWeekday(d) <= 5 && calendar.isClosed(d));

  const allAreas = await repos.areas.list({ withGeometry: false });
  const byId = new Map(allAreas.map((a) => [a.id as string, a]));
  const demand = demandAreasOf(allAreas);
  const districts = allAreas.filter((a) => a.kind === 'district');
  const districtOf = (a: Area) => (a.parentId as string | null) ?? 'none';

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

  // Residual need, per demand point (grid cell, modelled point, or the area's centroid when
  // nothing finer is loaded) and summed per area: a group's residents at a point count unless
  // an open fixed point is within the group's threshold by its mode (then only `servedShare`).
  // A venue reaches an area for a group when it is within the threshold of the points where
  // most of the area's residents of that group live.
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

  const venueDistrict = (s: (typeof venues)[number]) =>
    (s.districtId as string | null) ?? (s.areaId ? districtOf(byId.get(s.areaId) as Area) : 'none');
  // Venues a short walk from an open fixed point get no new mobile visits (the planner may allow one).
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

  // Advisors travel between venues by public transport.
  const { engine: ptEngine } = await access.engineFor('pt', r.from);
  const venuePlaces = venues.map(placeOfSite);
  const between = await ptEngine.travelTimes(venuePlaces, venuePlaces, 'pt');
  const travel = Float64Array.from(between.minutes);
  for (let v = 0; v < venues.length; v++) travel[v * venues.length + v] = 0;

  const advisors = (await repos.advisors.list()).filter((a) => a.active);
  const districtIds = districts.map((d) => d.id as string);

  // Series the planner pinned, from their first date on; a pin whose venue is not in service in
  // the horizon is left out and reported, a pin that starts after the horizon has no date in it.
  const seriesPins: PlanningSeriesPin[] = [];
  const seriesPinsLeftOut: SeriesPinLeftOut[] = [];
  const notes: string[] = [];
  if (r.withSeriesPins ?? true) {
    const venueIndex = new Map(venues.map((s, v) => [s.id as string, v]));
    for (const p of await repos.seriesPins.list()) {
      if (p.since > to) continue;
      const venue = venueIndex.get(p.venueId);
      if (venue === undefined) {
        seriesPinsLeftOut.push({ id: p.id, venueId: p.venueId, reason: 'venue-not-in-service' });
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
  }

  // Accepted partner requests whose weeks overlap the horizon, as soft rules: a visit at the
  // planned venue in the request's weeks, on one of its weekdays and in its block, worth
  // `requestValue` × its priority. A request whose venue is not plannable here is left out.
  const blocks = (r.blocks ?? DEFAULT_BLOCKS).map((b) => ({ ...b }));
  const requests: PlanningRequest[] = [];
  const requestsLeftOut: PartnerRequestLeftOut[] = [];
  {
    const venueIndex = new Map(venues.map((s, v) => [s.id as string, v]));
    for (const p of await repos.partnerRequests.listAcceptedOverlapping(r.from, to)) {
      const venue = p.plannedVenueId === null ? undefined : venueIndex.get(p.plannedVenueId);
      if (venue === undefined) {
        requestsLeftOut.push({
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
  }

  const learned = await learnedContacts(repos, r.from, blocks);

  const instance: PlanningInstance = {
    name: `${dates[0]} + ${r.weeks} weeks`,
    from: r.from,
    to,
    closedDates,
    groups: groups.map((g) => ({ id: g.id, weight: g.weight, language: g.language })),
    areas: demand.map((a, i) => ({ id: a.id, district: districtOf(a), need: need[i] ?? [] })),
    // A district whose every venue is a short walk from its open fixed point is served there.
    districts: districtIds.map((id) => {
      const own = venues.filter((s) => venueDistrict(s) === id);
      const servedByPoint = own.length > 0 && own.every((s) => nearFixed.has(s.id));
      return { id, minVisitsPerWeek: servedByPoint ? 0 : (r.minVisitsPerDistrict ?? 1) };
    }),
    venues: venues.map((s, v) => {
      const hours: Record<string, [string, string][]> = {};
      for (const d of dates) {
        const day = hoursOn(scheduleOf(s), d, calendar);
        if (day.open && day.intervals.length > 0) hours[d] = day.intervals.map((i) => [i.start, i.end]);
      }
      return {
        id: s.id,
        district: venueDistrict(s),
        hours,
        reach: [...(reach[v] ?? new Map()).entries()].map(([area, gs]) => ({ area, groups: gs })),
        nearFixedPoint: nearFixed.get(s.id) ?? null,
        ...(learned.has(s.id) ? { learnedContacts: learned.get(s.id) } : {}),
      };
    }),
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
    requests,
    ...(seriesPins.length > 0 ? { seriesPins } : {}),
    params: { ...defaultProductParams(), ...(r.params ?? {}) },
  };
  return {
    instance,
    seriesPinsLeftOut,
    partnerRequests: { included: requests.map((q) => q.id), leftOut: requestsLeftOut },
    notes,
  };
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
