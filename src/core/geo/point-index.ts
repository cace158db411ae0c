/**
 * A fixed-radius neighbour index over points (a uniform grid in a local equirectangular
 * projection). Queries return exact great-circle distances; the grid only narrows the
 * candidates. Enough for city-sized point sets (tens of thousands of stops).
 */
import { haversineMeters, type LatLon } from './geo.ts';

const METERS_PER_DEGREE = 111_195; // mean Earth radius × π / 180

export interface PointIndex {
  /** Indices and distances (metres) of the points within `radiusMeters` of `p`. */
  within(p: LatLon, radiusMeters: number): { index: number; meters: number }[];
}

export function createPointIndex(points: readonly LatLon[], cellMeters = 500): PointIndex {
  const lat0 = points.length > 0 ? points.reduce((s, p) => s + p.lat, 0) / points.length : 60;
  const lonScale = Math.cos((lat0 * Math.PI) / 180);
  const cellOf = (p: LatLon) => [
    Math.floor((p.lon * lonScale * METERS_PER_DEGREE) / cellMeters),
    Math.floor((p.lat * METERS_PER_DEGREE) / cellMeters),
  ];
  const cells = new Map<string, number[]>();
  for (const [i, p] of points.entries()) {
    const [cx, cy] = cellOf(p);
    const key = `${cx},${cy}`;
    const list = cells.get(key);
    if (list) list.push(i);
    else cells.set(key, [i]);
  }
  return {
    within(p, radiusMeters) {
      const [cx = 0, cy = 0] = cellOf(p);
      // The local projection shrinks east–west distances away from lat0; widen the search a little.
      const reach = Math.ceil((radiusMeters * 1.05) / cellMeters) + 1;
      const out: { index: number; meters: number }[] = [];
      for (let dx = -reach; dx <= reach; dx++) {
        for (let dy = -reach; dy <= reach; dy++) {
          for (const i of cells.get(`${cx + dx},${cy + dy}`) ?? []) {
            const q = points[i];
            if (!q) continue;
            const meters = haversineMeters(p, q);
            if (meters <= radiusMeters) out.push({ index: i, meters });
          }
        }
      }
      return out;
    },
  };
}
