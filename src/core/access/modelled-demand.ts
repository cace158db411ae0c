/**
 * Modelled demand points for a city that has population figures per area only (the demo):
 * each area's residents are spread over points inside its polygon by a documented,
 * reproducible rule (docs/access.md, "Demand points"):
 *
 * 1. lattice points: the centres of the cells of a square grid aligned to ETRS-TM35FIN
 *    (the layout of the national population grids) that fall inside the polygon;
 * 2. place points: the residential places the data knows inside the polygon (stations,
 *    libraries, health stations, centres), merged when closer than `mergeMeters`;
 * 3. `placeShare` of the area's residents is split evenly over the place points, the rest
 *    evenly over the lattice points (all to one kind when the other is absent; an area with
 *    neither keeps one point at its representative point).
 *
 * Every group count is spread by the same fractions, so a group without data stays absent.
 */
import {
  type AreaGeometry,
  fromEtrsTm35Fin,
  geometryContains,
  haversineMeters,
  type LatLon,
  positionsOf,
  toEtrsTm35Fin,
} from '../geo/geo.ts';
import type { GroupCounts } from '../model/area.ts';
import type { DemandPoint } from '../model/demand-point.ts';

export interface DemandModelParameters {
  /** Lattice spacing in metres (1000 matches the Statistics Finland 1 km grid). */
  readonly cellMeters: number;
  /** Share of each area's residents placed at its known places, 0–1. */
  readonly placeShare: number;
  /** Places closer than this are one place. */
  readonly mergeMeters: number;
}

export interface ModelArea {
  readonly id: string;
  readonly geometry: AreaGeometry | null;
  readonly centroid: LatLon;
  readonly counts: GroupCounts;
}

export interface ModelPlace {
  readonly id: string;
  readonly location: LatLon;
}

function scaled(counts: GroupCounts, fraction: number): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [k, v] of Object.entries(counts)) out[k] = v * fraction;
  return out;
}

/** Centres of the lattice cells inside the polygon, in a stable order (south to north, west to east). */
export function latticePoints(
  geometry: AreaGeometry,
  cellMeters: number,
): { key: string; location: LatLon }[] {
  let minX = Number.POSITIVE_INFINITY;
  let minY = Number.POSITIVE_INFINITY;
  let maxX = Number.NEGATIVE_INFINITY;
  let maxY = Number.NEGATIVE_INFINITY;
  for (const p of positionsOf(geometry)) {
    const { x, y } = toEtrsTm35Fin({ lon: p[0] ?? Number.NaN, lat: p[1] ?? Number.NaN });
    minX = Math.min(minX, x);
    minY = Math.min(minY, y);
    maxX = Math.max(maxX, x);
    maxY = Math.max(maxY, y);
  }
  const out: { key: string; location: LatLon }[] = [];
  if (!Number.isFinite(minX) || !Number.isFinite(maxY)) return out;
  for (let gy = Math.floor(minY / cellMeters); gy * cellMeters <= maxY; gy++) {
    for (let gx = Math.floor(minX / cellMeters); gx * cellMeters <= maxX; gx++) {
      const location = fromEtrsTm35Fin({ x: (gx + 0.5) * cellMeters, y: (gy + 0.5) * cellMeters });
      if (geometryContains(geometry, location))
        out.push({ key: `${gy * cellMeters}-${gx * cellMeters}`, location });
    }
  }
  return out;
}

/** The places inside the polygon, merging those within `mergeMeters` of an earlier one (by id order). */
export function placesInside(
  geometry: AreaGeometry,
  places: readonly ModelPlace[],
  mergeMeters: number,
): ModelPlace[] {
  const kept: ModelPlace[] = [];
  for (const p of [...places].sort((a, b) => a.id.localeCompare(b.id))) {
    if (!geometryContains(geometry, p.location)) continue;
    if (kept.some((k) => haversineMeters(k.location, p.location) < mergeMeters)) continue;
    kept.push(p);
  }
  return kept;
}

export function modelDemandPoints(
  areas: readonly ModelArea[],
  places: readonly ModelPlace[],
  params: DemandModelParameters,
): DemandPoint[] {
  const out: DemandPoint[] = [];
  for (const area of areas) {
    const cells = area.geometry ? latticePoints(area.geometry, params.cellMeters) : [];
    const inside = area.geometry ? placesInside(area.geometry, places, params.mergeMeters) : [];
    if (cells.length === 0 && inside.length === 0) {
      out.push({
        id: `${area.id}/centre`,
        areaId: area.id,
        location: area.centroid,
        counts: { ...area.counts },
        basis: 'modelled',
      });
      continue;
    }
    const toPlaces = cells.length === 0 ? 1 : inside.length === 0 ? 0 : params.placeShare;
    for (const p of inside)
      out.push({
        id: `${area.id}/place-${p.id}`,
        areaId: area.id,
        location: p.location,
        counts: scaled(area.counts, toPlaces / inside.length),
        basis: 'modelled',
      });
    for (const c of cells)
      out.push({
        id: `${area.id}/cell-${c.key}`,
        areaId: area.id,
        location: c.location,
        counts: scaled(area.counts, (1 - toPlaces) / cells.length),
        basis: 'modelled',
      });
  }
  return out;
}
