/**
 * Where travel times start: the demand units (the loaded demand points inside the demand areas,
 * else one point per area at its representative point), the places they stand for, and what
 * the figures rest on; per-unit times aggregated back to areas.
 */
import type { AreaUnit } from '../core/access/comparison.ts';
import type { Place, TravelTimeMatrix } from '../core/access/engine.ts';
import type { TravelMode } from '../core/access/modes.ts';
import { type Area, countsOfPopulation } from '../core/model/area.ts';
import type { DemandBasisInfo } from '../core/model/demand-point.ts';
import type { Site } from '../core/model/site.ts';
import type { ReadRepositories } from '../db/repositories.ts';

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

/** The areas by id, the demand areas among them, and every site. */
export async function loadNetwork(repos: ReadRepositories) {
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
export async function demandFor(
  repos: ReadRepositories,
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
