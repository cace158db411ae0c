/**
 * The one interface every travel-time engine implements: origins × destinations × mode →
 * minutes, with unreachable pairs explicit (null). Implementations: RAPTOR over a GTFS
 * feed, an imported matrix, and the approximate model for data without a timetable.
 */
import type { LatLon } from '../geo/geo.ts';
import type { TravelMode } from './modes.ts';

/** Anything people travel from or to: an area's representative point, a site. */
export interface Place {
  readonly id: string;
  readonly location: LatLon;
  /** Major district, for models whose parameters vary by district. */
  readonly districtId?: string | null;
}

export interface TravelTimeMatrix {
  readonly mode: TravelMode;
  readonly originIds: readonly string[];
  readonly destinationIds: readonly string[];
  /** Row-major, origins × destinations; NaN where the destination cannot be reached. */
  readonly minutes: Float64Array;
  /** Engine that produced the figures, e.g. `raptor`, `matrix:ttm2018`, `approximate`. */
  readonly engine: string;
  /** True when the figures come from an approximate model and must be shown as such. */
  readonly approximate: boolean;
}

export interface TravelTimeEngine {
  readonly name: string;
  readonly approximate: boolean;
  /** Modes this engine can answer. */
  readonly modes: readonly TravelMode[];
  travelTimes(
    origins: readonly Place[],
    destinations: readonly Place[],
    mode: TravelMode,
  ): Promise<TravelTimeMatrix>;
}

/** Minutes from origin i to destination j, or null when unreachable. */
export function minutesAt(m: TravelTimeMatrix, i: number, j: number): number | null {
  const v = m.minutes[i * m.destinationIds.length + j];
  return v === undefined || Number.isNaN(v) ? null : v;
}

export function emptyMatrix(
  mode: TravelMode,
  origins: readonly Place[],
  destinations: readonly Place[],
  engine: string,
  approximate: boolean,
): TravelTimeMatrix {
  return {
    mode,
    originIds: origins.map((o) => o.id),
    destinationIds: destinations.map((d) => d.id),
    minutes: new Float64Array(origins.length * destinations.length).fill(Number.NaN),
    engine,
    approximate,
  };
}
