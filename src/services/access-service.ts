/**
 * Accessibility use cases: which engine answers a mode, travel-time matrices for the
 * loaded areas and sites, and scenario comparison per target group.
 *
 * Engine choice per mode: the newest stored matrix that has the mode (imported, or computed
 * from GTFS), else the approximate model when the city has configured one (the demo),
 * flagged approximate in every result.
 */
import {
  type ApproximateModel,
  createApproximateEngine,
  type ModelStation,
} from '../core/access/approximate-model.ts';
import {
  type AreaUnit,
  compareScenarios,
  type NamedArea,
  reportGroups,
  type ScenarioComparison,
  type ScenarioSide,
} from '../core/access/comparison.ts';
import type { Place, TravelTimeEngine, TravelTimeMatrix } from '../core/access/engine.ts';
import { geometricMatrix } from '../core/access/geometric.ts';
import { createMatrixEngine } from '../core/access/matrix-engine.ts';
import { DEFAULT_WALKING, TRAVEL_MODES, type TravelMode } from '../core/access/modes.ts';
import type { ScenarioId } from '../core/ids.ts';
import { type Area, countsOfPopulation } from '../core/model/area.ts';
import type { DemandBasisInfo } from '../core/model/demand-point.ts';
import { openSitesOn, type Scenario } from '../core/model/scenario.ts';
import { type Site, scheduleOf } from '../core/model/site.ts';
import { addDays, elapsedMinutes, type IsoDate, isoDateAt, startOfIsoWeek } from '../core/time/civil-time.ts';
import type { HolidayCalendar } from '../core/time/holidays.ts';
import { hoursOn, isInService } from '../core/time/opening-hours.ts';
import type { ReadRepositories } from '../db/repositories.ts';
import { loadHolidayCalendar } from './catalog-service.ts';
import { InvalidInputError } from './errors.ts';
import { APPROXIMATE_MODEL_SETTING } from './import/espoo-demo.ts';
import { transitModelFileSchema } from './import/json-formats.ts';

export interface AccessDeps {
  readonly repos: ReadRepositories;
  readonly now: () => number;
}

export interface EngineInfo {
  readonly engine: TravelTimeEngine;
  /** Human-readable origin of the figures, for notes on pages and exports. */
  readonly description: string;
}

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

/** The two things every access figure rests on, named beside it on pages and in exports. */
export interface FiguresBasis {
  readonly engine: string;
  readonly demand: DemandBasisInfo;
}

/** Origins for travel times: the demand units (points or area centroids), with their places. */
export interface DemandSet {
  readonly units: AreaUnit[];
  readonly places: Place[];
  readonly info: DemandBasisInfo;
}

/** The finest non-district kind of area present: the demand units. */
export function demandAreasOf(areas: readonly Area[]): Area[] {
  const counts = new Map<string, number>();
  for (const a of areas) if (a.kind !== 'district') counts.set(a.kind, (counts.get(a.kind) ?? 0) + 1);
  const kind = [...counts.entries()].sort((a, b) => b[1] - a[1])[0]?.[0];
  return areas.filter((a) => a.kind === kind);
}

export function placeOfArea(a: Area, byId: ReadonlyMap<string, Area>): Place {
  const parent = a.parentId ? byId.get(a.parentId) : undefined;
  return { id: a.id, location: a.centroid, districtId: parent?.kind === 'district' ? parent.id : null };
}

export function placeOfSite(s: Site): Place {
  return { id: s.id, location: s.location, districtId: s.districtId };
}

const AREA_CENTROIDS = (n: number): DemandBasisInfo => ({
  basis: 'area-centroids',
  points: n,
  description: 'one point per area (its representative point)',
  source: '',
});

/** One unit per area at its representative point. */
export function areaCentroidSet(demand: readonly Area[], byId: ReadonlyMap<string, Area>): DemandSet {
  return {
    units: demand.map((a) => ({ id: a.id, areaId: a.id, counts: countsOfPopulation(a.population) })),
    places: demand.map((a) => placeOfArea(a, byId)),
    info: AREA_CENTROIDS(demand.length),
  };
}

/**
 * The loaded demand points inside the demand areas (area centroids when none are loaded).
 */
export async function loadDemandSet(
  repos: ReadRepositories,
  demand: readonly Area[],
  byId: ReadonlyMap<string, Area>,
): Promise<DemandSet> {
  const wanted = new Set<string>(demand.map((a) => a.id));
  const points = (await repos.demand.list()).filter((p) => wanted.has(p.areaId));
  const info = await repos.demand.basis();
  if (points.length === 0 || !info) return areaCentroidSet(demand, byId);
  const districtOf = (areaId: string) => {
    const parent = byId.get(areaId)?.parentId;
    return parent && byId.get(parent)?.kind === 'district' ? parent : null;
  };
  return {
    units: points.map((p) => ({ id: p.id, areaId: p.areaId, counts: p.counts })),
    places: points.map((p) => ({ id: p.id, location: p.location, districtId: districtOf(p.areaId) })),
    info: { ...info, points: points.length },
  };
}

export function createAccessService({ repos, now }: AccessDeps) {
  const calendar = () => loadHolidayCalendar(repos);

  async function approximateModel(): Promise<ApproximateModel | undefined> {
    const raw = await repos.access.getSetting(APPROXIMATE_MODEL_SETTING);
    if (raw === undefined) return undefined;
    const parsed = transitModelFileSchema.safeParse(raw);
    if (!parsed.success) throw new Error(`stored approximate model is invalid: ${parsed.error.message}`);
    const stations = new Map<string, ModelStation>(
      (await repos.access.listStations()).map((s) => [
        s.id,
        { id: s.id, location: s.location, opened: s.opened },
      ]),
    );
    return {
      lines: parsed.data.lines.map((l) => ({
        id: l.id,
        speedKmh: l.speedKmh,
        headwayMinutes: l.headwayMinutes,
        stations: l.stations.flatMap((id) => {
          const s = stations.get(id);
          return s ? [s] : [];
        }),
      })),
      bus: parsed.data.bus,
    };
  }

  async function engineFor(mode: TravelMode, date: IsoDate): Promise<EngineInfo> {
    const stored = (await repos.access.listMatrices()).find((m) => m.modes.includes(mode));
    if (stored) {
      return {
        engine: createMatrixEngine({
          id: stored.id,
          modes: stored.modes,
          approximate: stored.approximate,
          load: (m, originIds) => repos.access.loadTravelTimes(stored.id, m, originIds),
        }),
        description: `stored matrix "${stored.id}" (${stored.source})${stored.description ? `: ${stored.description}` : ''}`,
      };
    }
    const model = await approximateModel();
    if (model) {
      return {
        engine: createApproximateEngine(model, { date }),
        description:
          'approximate model: walking, rail and metro stations, modelled buses per district (data/espoo/demo/transit_model.json)',
      };
    }
    if (mode === 'walk' || mode === 'walk-slow' || mode === 'car') {
      return {
        engine: {
          name: 'geometric',
          approximate: true,
          modes: ['walk', 'walk-slow', 'car'],
          async travelTimes(o, d, m) {
            return geometricMatrix(
              o,
              d,
              m as 'walk' | 'walk-slow' | 'car',
              DEFAULT_WALKING,
              180,
              'geometric',
            );
          },
        },
        description: 'straight-line distance with a detour factor',
      };
    }
    throw new InvalidInputError(
      `no public-transport data for mode ${mode}: import a travel-time matrix (neuvo import matrix) or an approximate model`,
      'mode',
    );
  }

  async function loadNetwork() {
    const areas = await repos.areas.list({ withGeometry: false });
    const byId = new Map(areas.map((a) => [a.id as string, a]));
    const demand = demandAreasOf(areas);
    const sites = await repos.sites.list();
    return { areas, byId, demand, sites };
  }

  /**
   * The origins an engine can answer: the demand points, or the area centroids when the
   * engine is a stored matrix computed per area (it knows no point).
   */
  async function demandFor(
    mode: TravelMode,
    demand: readonly Area[],
    byId: ReadonlyMap<string, Area>,
  ): Promise<DemandSet> {
    const set = await loadDemandSet(repos, demand, byId);
    const stored = (await repos.access.listMatrices()).find((m) => m.modes.includes(mode));
    const first = set.units[0];
    if (!stored || !first || set.info.basis === 'area-centroids') return set;
    const knowsPoints = (await repos.access.loadTravelTimes(stored.id, mode, [first.id])).length > 0;
    if (knowsPoints) return set;
    const perArea = areaCentroidSet(demand, byId);
    return {
      ...perArea,
      info: {
        ...perArea.info,
        description: `${perArea.info.description}: the stored matrix "${stored.id}" has times per area, not per demand point`,
      },
    };
  }

  /** Weekly open hours per open point in the week of `date`, plus published mobile visits that week. */
  async function weeklyHours(
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

  return {
    today: (): IsoDate => isoDateAt(now()),

    engineFor,

    async listScenarios(): Promise<ScenarioSummary[]> {
      const sites = await repos.sites.list({ role: 'fixed-point' });
      const today = isoDateAt(now());
      return (await repos.scenarios.list()).map((scenario) => {
        const date = scenario.referenceDate ?? today;
        return { scenario, date, openSiteIds: openOn(scenario, sites, date) };
      });
    },

    /** The demand units travel times start from, for the mode's engine. */
    async demandOrigins(mode: TravelMode, options: { forNewMatrix?: boolean } = {}): Promise<DemandSet> {
      const { byId, demand } = await loadNetwork();
      // A matrix about to be computed answers for the points, whatever is stored now.
      return options.forNewMatrix ? loadDemandSet(repos, demand, byId) : demandFor(mode, demand, byId);
    },

    /**
     * Travel times from the demand areas to every site (or the given ones): per area, the
     * population-weighted mean over the area's demand points.
     */
    async matrix(
      mode: TravelMode,
      date: IsoDate,
      siteIds?: readonly string[],
    ): Promise<{ matrix: TravelTimeMatrix; description: string; demand: DemandBasisInfo }> {
      const { byId, demand, sites } = await loadNetwork();
      const destinations = siteIds ? sites.filter((s) => siteIds.includes(s.id)) : sites;
      const { engine, description } = await engineFor(mode, date);
      const set = await demandFor(mode, demand, byId);
      const perUnit = await engine.travelTimes(set.places, destinations.map(placeOfSite), mode);
      return { matrix: aggregateToAreas(perUnit, set.units, demand), description, demand: set.info };
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
      const { byId, demand, sites } = await loadNetwork();
      const cal = await calendar();
      const warnings: string[] = [];
      const set = await demandFor(mode, demand, byId);
      const side = async (
        s: Scenario,
        date: IsoDate,
      ): Promise<{ side: ScenarioSide; matrix: TravelTimeMatrix }> => {
        const openSiteIds = openOn(s, sites, date);
        if (openSiteIds.length === 0) warnings.push(`scenario "${s.id}" has no point open on ${date}`);
        const hoursBySite = await weeklyHours(sites, new Set(openSiteIds), date, cal);
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

    /** Area geometries for map exports. */
    async areaGeometries(ids: readonly string[]) {
      const all = await repos.areas.list({ withGeometry: true });
      const wanted = new Set(ids);
      return all.filter((a) => wanted.has(a.id));
    },

    modes: TRAVEL_MODES,
  };
}

export type AccessService = ReturnType<typeof createAccessService>;

/**
 * Per-unit travel times aggregated to areas: for each area and destination, the
 * population-weighted mean over the area's units that reach it (NaN when none does).
 */
export function aggregateToAreas(
  perUnit: TravelTimeMatrix,
  units: readonly AreaUnit[],
  areas: readonly Area[],
): TravelTimeMatrix {
  const cols = perUnit.destinationIds.length;
  const rowOf = new Map(areas.map((a, i) => [a.id as string, i]));
  const sum = new Float64Array(areas.length * cols);
  const weight = new Float64Array(areas.length * cols);
  for (const [u, unit] of units.entries()) {
    const i = rowOf.get(unit.areaId);
    if (i === undefined) continue;
    const w = Math.max(unit.counts.all ?? 0, 1e-9);
    for (let j = 0; j < cols; j++) {
      const v = perUnit.minutes[u * cols + j] ?? Number.NaN;
      if (Number.isNaN(v)) continue;
      sum[i * cols + j] = (sum[i * cols + j] ?? 0) + w * v;
      weight[i * cols + j] = (weight[i * cols + j] ?? 0) + w;
    }
  }
  const minutes = new Float64Array(areas.length * cols);
  for (let k = 0; k < minutes.length; k++) {
    const w = weight[k] ?? 0;
    minutes[k] = w > 0 ? (sum[k] ?? 0) / w : Number.NaN;
  }
  return { ...perUnit, originIds: areas.map((a) => a.id), minutes };
}
