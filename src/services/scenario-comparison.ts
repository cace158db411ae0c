/**
 * Scenario comparison per target group: which points each scenario has open on its date (and in
 * service then), their weekly open hours plus the published mobile visits that week, the travel
 * times from the demand units to them, and the warnings a planner must see beside the figures
 * (a scenario with no point open, a point no area reaches).
 */
import {
  compareScenarios,
  type NamedArea,
  reportGroups,
  type ScenarioComparison,
  type ScenarioSide,
} from '../core/access/comparison.ts';
import type { TravelTimeMatrix } from '../core/access/engine.ts';
import type { TravelMode } from '../core/access/modes.ts';
import type { ScenarioId } from '../core/ids.ts';
import { type Area, countsOfPopulation } from '../core/model/area.ts';
import { openSitesOn, type Scenario } from '../core/model/scenario.ts';
import { type Site, scheduleOf } from '../core/model/site.ts';
import { addDays, elapsedMinutes, type IsoDate, isoDateAt, startOfIsoWeek } from '../core/time/civil-time.ts';
import type { HolidayCalendar } from '../core/time/holidays.ts';
import { hoursOn, isInService } from '../core/time/opening-hours.ts';
import type { ReadRepositories } from '../db/repositories.ts';
import type { EngineInfo } from './access-engines.ts';
import { loadHolidayCalendar } from './catalog-service.ts';
import { type DemandSet, type FiguresBasis, loadNetwork, placeOfSite } from './demand-origins.ts';
import { InvalidInputError } from './errors.ts';

export interface ScenarioSummary {
  readonly scenario: Scenario;
  readonly date: IsoDate;
  readonly openSiteIds: string[];
}

export type ComparisonResult = ScenarioComparison & {
  readonly warnings: readonly string[];
  /** What the figures rest on: the engine and the demand basis. */
  readonly basis: FiguresBasis;
};

/** Weekly open hours per open point in the week of `date`, plus published mobile visits that week. */
async function weeklyHours(
  repos: ReadRepositories,
  sites: readonly Site[],
  openIds: ReadonlySet<string>,
  date: IsoDate,
  cal: HolidayCalendar,
) {
  const monday = startOfIsoWeek(date);
  const days = Array.from({ length: 7 }, (_, i) => addDays(monday, i));
  const hours = new Map<string, number>();
  for (const site of sites) {
    if (!openIds.has(site.id)) continue;
    let minutes = 0;
    for (const d of days) {
      const h = hoursOn(scheduleOf(site), d, cal);
      for (const i of h.intervals) minutes += elapsedMinutes(d, i.start, i.end);
    }
    hours.set(site.id, minutes / 60);
  }
  for (const v of await repos.visits.list({
    from: monday,
    to: days[6] ?? monday,
    statuses: ['published'],
  })) {
    hours.set(v.venueId, (hours.get(v.venueId) ?? 0) + elapsedMinutes(v.date, v.start, v.end) / 60);
  }
  return hours;
}

function openOn(scenario: Scenario, sites: readonly Site[], date: IsoDate): string[] {
  const byId = new Map(sites.map((s) => [s.id as string, s]));
  return openSitesOn(scenario, date).filter((id) => {
    const site = byId.get(id);
    return site !== undefined && isInService(site.validity, date);
  });
}

export function createScenarioComparison(deps: {
  readonly repos: ReadRepositories;
  readonly now: () => number;
  readonly engineFor: (mode: TravelMode, date: IsoDate) => Promise<EngineInfo>;
  /** The demand units the mode's engine answers for. */
  readonly demandFor: (
    mode: TravelMode,
    demand: readonly Area[],
    byId: ReadonlyMap<string, Area>,
  ) => Promise<DemandSet>;
}) {
  const { repos, now, engineFor, demandFor } = deps;
  return {
    async listScenarios(): Promise<ScenarioSummary[]> {
      const sites = await repos.sites.list({ role: 'fixed-point' });
      const today = isoDateAt(now());
      return (await repos.scenarios.list()).map((scenario) => {
        const date = scenario.referenceDate ?? today;
        return { scenario, date, openSiteIds: openOn(scenario, sites, date) };
      });
    },

    async compare(
      baseId: string,
      altId: string,
      mode: TravelMode,
      options: { baseDate?: IsoDate; altDate?: IsoDate; serviceHoursThresholdMinutes?: number } = {},
    ): Promise<ComparisonResult> {
      const known = async () => (await repos.scenarios.list()).map((s) => s.id).join(', ');
      const base = await repos.scenarios.get(baseId as ScenarioId);
      if (!base)
        throw new InvalidInputError(`unknown scenario "${baseId}"; expected one of ${await known()}`, 'base');
      const alt = await repos.scenarios.get(altId as ScenarioId);
      if (!alt)
        throw new InvalidInputError(`unknown scenario "${altId}"; expected one of ${await known()}`, 'alt');
      const today = isoDateAt(now());
      const baseDate = options.baseDate ?? base.referenceDate ?? today;
      const altDate = options.altDate ?? alt.referenceDate ?? today;
      const { byId, demand, sites } = await loadNetwork(repos);
      const cal = await loadHolidayCalendar(repos);
      const warnings: string[] = [];
      const set = await demandFor(mode, demand, byId);
      const side = async (
        s: Scenario,
        date: IsoDate,
      ): Promise<{ side: ScenarioSide; matrix: TravelTimeMatrix }> => {
        const openSiteIds = openOn(s, sites, date);
        if (openSiteIds.length === 0) warnings.push(`scenario "${s.id}" has no point open on ${date}`);
        const hoursBySite = await weeklyHours(repos, sites, new Set(openSiteIds), date, cal);
        const visited = [...hoursBySite.keys()].filter((id) => !openSiteIds.includes(id));
        const destinations = sites.filter((x) => openSiteIds.includes(x.id) || visited.includes(x.id));
        const { engine } = await engineFor(mode, date);
        const matrix = await engine.travelTimes(set.places, destinations.map(placeOfSite), mode);
        const missing = matrix.destinationIds.filter((_, j) =>
          matrix.originIds.every((__, i) =>
            Number.isNaN(matrix.minutes[i * matrix.destinationIds.length + j] ?? Number.NaN),
          ),
        );
        if (missing.length > 0) warnings.push(`no area reaches ${missing.join(', ')} by ${mode} on ${date}`);
        return { side: { id: s.id, name: s.name, date, openSiteIds, hoursBySite }, matrix };
      };
      const b = await side(base, baseDate);
      const a = await side(alt, altDate);
      const named: NamedArea[] = demand.map((x) => ({
        id: x.id,
        name: x.name,
        counts: countsOfPopulation(x.population),
      }));
      const { description } = await engineFor(mode, baseDate);
      return {
        ...compareScenarios({
          areas: named,
          units: set.units,
          baseMatrix: b.matrix,
          altMatrix: a.matrix,
          base: b.side,
          alt: a.side,
          groups: reportGroups(set.units),
          ...(options.serviceHoursThresholdMinutes
            ? { serviceHoursThresholdMinutes: options.serviceHoursThresholdMinutes }
            : {}),
        }),
        warnings,
        basis: { engine: description, demand: set.info },
      };
    },
  };
}
