import type { LatLon } from '../geo/geo.ts';
import type { GroupCounts } from './area.ts';

/**
 * Where residents are: weighted points below the area level (grid cells or modelled points),
 * each assigned to one demand area. Access figures are computed per point and aggregated to
 * areas and districts with population weights.
 */
export const DEMAND_BASES = ['grid', 'points', 'modelled', 'area-centroids'] as const;
/**
 * - `grid`: an imported population grid (Statistics Finland 1 km, YKR 250 m);
 * - `points`: an imported list of weighted points;
 * - `modelled`: area totals spread over points by a documented method (the demo);
 * - `area-centroids`: one point per area, when nothing finer is loaded.
 */
export type DemandBasis = (typeof DEMAND_BASES)[number];

export interface DemandPoint {
  readonly id: string;
  readonly areaId: string;
  readonly location: LatLon;
  /** Residents per group (fractional for modelled points); absent groups have no data here. */
  readonly counts: GroupCounts;
  readonly basis: DemandBasis;
}

/** What the demand rests on, for notes beside every access figure. */
export interface DemandBasisInfo {
  readonly basis: DemandBasis;
  readonly points: number;
  /** e.g. "modelled points: …" or "Statistics Finland 1 km grid (file.csv)". */
  readonly description: string;
  readonly source: string;
}
