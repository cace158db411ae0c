/**
 * Travel modes and the walking assumptions behind them.
 *
 * Walking speeds follow the Helsinki Region Travel Time Matrix computation of the
 * Digital Geography Lab, University of Helsinki (repository
 * DigitalGeographyLab/Helsinki-Travel-Time-Matrices, `walking_travel_time_matrix_computer.py`:
 * `walk_avg` 5.15 km/h, `walk_slo` 3.43 km/h), so neuvo's figures are comparable with the
 * published matrices. The slow speed stands for older people and others who walk slowly;
 * `pt-slow` uses it for every walking leg of a public-transport trip (access, egress and
 * transfers), as the matrix's `pt_*_slo` columns do.
 *
 * Straight-line distances are turned into walking distances with a detour (circuity)
 * factor. 1.3 is a typical value for urban street networks (network distance over
 * straight-line distance is reported around 1.2–1.4 in metropolitan areas, e.g. Giacomin &
 * Levinson 2015, "Road network circuity in metropolitan areas", Environment and Planning B).
 * Where a real street network or a published matrix is available, import it instead.
 */
import { haversineMeters, type LatLon } from '../geo/geo.ts';

export const TRAVEL_MODES = ['walk', 'walk-slow', 'pt', 'pt-slow', 'car'] as const;
export type TravelMode = (typeof TRAVEL_MODES)[number];

export function isTravelMode(value: string): value is TravelMode {
  return (TRAVEL_MODES as readonly string[]).includes(value);
}

export interface WalkingParams {
  /** km/h, normal walking. */
  readonly walkSpeedKmh: number;
  /** km/h, slow walking (older people, walking aids). */
  readonly slowWalkSpeedKmh: number;
  /** Network distance / straight-line distance. */
  readonly detourFactor: number;
  /** Longest walk between two stops counted as a transfer, straight-line metres. */
  readonly transferRadiusMeters: number;
  /** Longest walk to the first stop or from the last one, minutes. */
  readonly maxAccessWalkMinutes: number;
}

export const DEFAULT_WALKING: WalkingParams = {
  walkSpeedKmh: 5.15,
  slowWalkSpeedKmh: 3.43,
  detourFactor: 1.3,
  transferRadiusMeters: 500,
  maxAccessWalkMinutes: 20,
};

export interface CarParams {
  /** Average door-to-door driving speed on the network, km/h. */
  readonly speedKmh: number;
  readonly detourFactor: number;
  /** Finding a parking place and walking from it, minutes. */
  readonly parkingMinutes: number;
}

/**
 * An approximation for when no road-network matrix is imported: 30 km/h average urban
 * speed over a 1.3 detour, plus 3 minutes to park. Marked approximate wherever shown.
 */
export const DEFAULT_CAR: CarParams = { speedKmh: 30, detourFactor: 1.3, parkingMinutes: 3 };

/** Whether a mode walks slowly. */
export function isSlow(mode: TravelMode): boolean {
  return mode === 'walk-slow' || mode === 'pt-slow';
}

export function walkSpeedKmh(params: WalkingParams, slow: boolean): number {
  return slow ? params.slowWalkSpeedKmh : params.walkSpeedKmh;
}

/** Walking minutes over a straight-line distance. */
export function walkMinutesForMeters(meters: number, params: WalkingParams, slow: boolean): number {
  return (meters * params.detourFactor) / ((walkSpeedKmh(params, slow) * 1000) / 60);
}

export function walkMinutes(a: LatLon, b: LatLon, params: WalkingParams, slow: boolean): number {
  return walkMinutesForMeters(haversineMeters(a, b), params, slow);
}

export function carMinutes(a: LatLon, b: LatLon, params: CarParams = DEFAULT_CAR): number {
  const meters = haversineMeters(a, b);
  if (meters < 1) return 0;
  return (meters * params.detourFactor) / ((params.speedKmh * 1000) / 60) + params.parkingMinutes;
}
