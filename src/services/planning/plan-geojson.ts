/**
 * A plan on a map (GeoJSON): the areas with the number of the plan's visits that reach them, and
 * the venues it visits with their number of visits.
 */
import type { ReadRepositories } from '../../db/repositories.ts';
import type { PlanDetail } from './plan-read-model.ts';

export async function geoJsonOfPlan(repos: ReadRepositories, detail: PlanDetail) {
  const [areas, sites] = await Promise.all([
    repos.areas.list({ withGeometry: true }),
    repos.sites.list({ role: 'venue' }),
  ]);
  const reached = new Map<string, number>();
  const visited = new Map<string, number>();
  for (const v of detail.visits) {
    visited.set(v.venueId, (visited.get(v.venueId) ?? 0) + 1);
    const e = v.explanation as { reached?: { areaId: string }[] } | null;
    for (const r of e?.reached ?? []) reached.set(r.areaId, (reached.get(r.areaId) ?? 0) + 1);
  }
  return {
    type: 'FeatureCollection' as const,
    features: [
      ...areas
        .filter((a) => a.kind !== 'district' && a.geometry)
        .map((a) => ({
          type: 'Feature' as const,
          id: a.id,
          geometry: a.geometry,
          properties: { kind: 'area', areaId: a.id, name: a.name, visits: reached.get(a.id) ?? 0 },
        })),
      ...sites
        .filter((s) => visited.has(s.id))
        .map((s) => ({
          type: 'Feature' as const,
          id: s.id,
          geometry: { type: 'Point' as const, coordinates: [s.location.lon, s.location.lat] },
          properties: { kind: 'venue', siteId: s.id, name: s.name, visits: visited.get(s.id) ?? 0 },
        })),
    ],
  };
}
