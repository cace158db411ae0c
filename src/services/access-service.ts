/**
 * Accessibility use cases: which engine answers a mode (`access-engines.ts`), where travel
 * times start (`demand-origins.ts`), travel-time matrices for the loaded areas and sites, and
 * scenario comparison per target group (`scenario-comparison.ts`).
 *
 * Engine choice per mode: the newest stored matrix that has the mode (imported, or computed
 * from GTFS), else the approximate model when the city has configured one (the demo),
 * flagged approximate in every result.
 */
import type { TravelTimeMatrix } from '../core/access/engine.ts';
import { TRAVEL_MODES, type TravelMode } from '../core/access/modes.ts';
import type { DemandBasisInfo } from '../core/model/demand-point.ts';
import { type IsoDate, isoDateAt } from '../core/time/civil-time.ts';
import type { ReadRepositories } from '../db/repositories.ts';
import { engineFor as chooseEngine } from './access-engines.ts';
import {
  aggregateToAreas,
  type DemandSet,
  demandFor,
  loadDemandSet,
  loadNetwork,
  placeOfSite,
} from './demand-origins.ts';
import { createScenarioComparison } from './scenario-comparison.ts';

// The names other services, the pages and the command line read from here, where they have
// always been imported from.
export { demandAreasOf, type FiguresBasis, placeOfArea, placeOfSite } from './demand-origins.ts';

export interface AccessDeps {
  readonly repos: ReadRepositories;
  readonly now: () => number;
}

export function createAccessService({ repos, now }: AccessDeps) {
  const engineFor = (mode: TravelMode, date: IsoDate) => chooseEngine(repos, mode, date);
  const comparison = createScenarioComparison({
    repos,
    now,
    engineFor,
    demandFor: (mode, demand, byId) => demandFor(repos, mode, demand, byId),
  });

  return {
    today: (): IsoDate => isoDateAt(now()),

    engineFor,

    listScenarios: comparison.listScenarios,

    /** The demand units travel times start from, for the mode's engine. */
    async demandOrigins(mode: TravelMode, options: { forNewMatrix?: boolean } = {}): Promise<DemandSet> {
      const { byId, demand } = await loadNetwork(repos);
      // A matrix about to be computed answers for the points, whatever is stored now.
      return options.forNewMatrix ? loadDemandSet(repos, demand, byId) : demandFor(repos, mode, demand, byId);
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
      const { byId, demand, sites } = await loadNetwork(repos);
      const destinations = siteIds ? sites.filter((s) => siteIds.includes(s.id)) : sites;
      const { engine, description } = await engineFor(mode, date);
      const set = await demandFor(repos, mode, demand, byId);
      const perUnit = await engine.travelTimes(set.places, destinations.map(placeOfSite), mode);
      return { matrix: aggregateToAreas(perUnit, set.units, demand), description, demand: set.info };
    },

    compare: comparison.compare,

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
