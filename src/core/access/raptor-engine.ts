/**
 * Public-transport travel times from a compiled GTFS timetable with rRAPTOR, reported as the
 * median over every departure minute of a window, as R5 and the Helsinki Region Travel
 * Time Matrix do. A journey (docs/access.md, "Journeys"): walk to a stop (at most
 * `maxAccessWalkMinutes`), ride, change at that stop or walk one footpath, ride …, and walk
 * from the stop where one got off to the destination (at most `maxAccessWalkMinutes`);
 * walking all the way counts too when it is faster. Travel time for a departure minute
 * includes the wait at the origin.
 */
import { createPointIndex } from '../geo/point-index.ts';
import { emptyMatrix, type Place, type TravelTimeEngine, type TravelTimeMatrix } from './engine.ts';
import { geometricMatrix } from './geometric.ts';
import {
  DEFAULT_WALKING,
  isSlow,
  TRAVEL_MODES,
  type TravelMode,
  type WalkingParams,
  walkMinutes,
  walkSpeedKmh,
} from './modes.ts';
import { type AccessLeg, createRaptor, UNREACHED } from './raptor.ts';
import type { Timetable } from './timetable.ts';

export interface DepartureWindow {
  readonly fromSeconds: number;
  /** Inclusive. */
  readonly toSeconds: number;
  readonly stepSeconds: number;
}

export interface RaptorEngineOptions {
  readonly walking?: WalkingParams;
  readonly window: DepartureWindow;
  /** Most vehicles per journey. Default 5 (four transfers). */
  readonly maxRounds?: number;
  /** Longer journeys count as unreachable. Default 180. */
  readonly maxMinutes?: number;
}

export function departureTimes(w: DepartureWindow): number[] {
  const out: number[] = [];
  for (let t = w.fromSeconds; t <= w.toSeconds; t += w.stepSeconds) out.push(t);
  return out;
}

/** Nearest-rank median (the ⌈n/2⌉-th smallest); Infinity stays Infinity. */
export function medianOf(values: Float64Array): number {
  return percentileOf(Float64Array.from(values).sort(), 50);
}

/** Nearest-rank percentile p (1–100) of ascending `sorted`: the ⌈p·n/100⌉-th smallest. */
export function percentileOf(sorted: Float64Array, p: number): number {
  return sorted[Math.max(1, Math.ceil((p * sorted.length) / 100)) - 1] ?? Number.POSITIVE_INFINITY;
}

/** A matrix with, beside the median, the travel time at each asked percentile of the window. */
export interface PercentileMatrix {
  readonly median: TravelTimeMatrix;
  /** Per asked percentile, minutes in the matrix's order (NaN: unreachable). */
  readonly percentiles: ReadonlyMap<number, Float64Array>;
}

export interface RaptorEngine extends TravelTimeEngine {
  travelTimePercentiles(
    origins: readonly Place[],
    destinations: readonly Place[],
    mode: TravelMode,
    percentiles: readonly number[],
  ): Promise<PercentileMatrix>;
}

export function createRaptorEngine(tt: Timetable, options: RaptorEngineOptions): RaptorEngine {
  const walking = options.walking ?? DEFAULT_WALKING;
  const maxMinutes = options.maxMinutes ?? 180;
  const maxRounds = options.maxRounds ?? 5;
  const index = createPointIndex(tt.stopLocations, 500);
  const raptor = createRaptor(tt);
  const departures = departureTimes(options.window);
  const name = 'raptor';

  function stopsNear(place: Place, slow: boolean): AccessLeg[] {
    const metersPerMinute = (walkSpeedKmh(walking, slow) * 1000) / 60;
    const radius = (walking.maxAccessWalkMinutes * metersPerMinute) / walking.detourFactor;
    return index.within(place.location, radius).map((n) => ({
      stop: n.index,
      seconds: Math.ceil((n.meters * walking.detourFactor * 60) / metersPerMinute),
    }));
  }

  function transit(
    origins: readonly Place[],
    destinations: readonly Place[],
    mode: TravelMode,
    percentiles: readonly number[] = [],
  ): PercentileMatrix {
    const slow = isSlow(mode);
    const m = emptyMatrix(mode, origins, destinations, name, false);
    const extra = new Map(
      percentiles.map((p) => [p, new Float64Array(origins.length * destinations.length)]),
    );
    const egress = destinations.map((d) => stopsNear(d, slow));
    const samples = destinations.map(() => new Float64Array(departures.length));
    const slot = new Map(departures.map((t, i) => [t, i]));
    const maxSeconds = maxMinutes * 60;
    // Footpath lengths are already network metres (detour applied): divide by the walking speed.
    const walkMetersPerSecond = (walkSpeedKmh(walking, slow) * 1000) / 3600;
    for (const [i, origin] of origins.entries()) {
      // Walking all the way is not rounded, so pt is never slower than the walk mode.
      const direct = destinations.map((d) => walkMinutes(origin.location, d.location, walking, slow) * 60);
      raptor.range(
        stopsNear(origin, slow),
        departures,
        { maxRounds, maxDurationSeconds: maxSeconds, walkMetersPerSecond },
        (t, best) => {
          const at = slot.get(t) ?? 0;
          for (let j = 0; j < destinations.length; j++) {
            let arrival = t + (direct[j] ?? UNREACHED);
            for (const leg of egress[j] ?? []) {
              const reached = best[leg.stop] ?? UNREACHED;
              if (reached < UNREACHED && reached + leg.seconds < arrival) arrival = reached + leg.seconds;
            }
            const duration = arrival - t;
            (samples[j] as Float64Array)[at] = duration <= maxSeconds ? duration : Number.POSITIVE_INFINITY;
          }
        },
      );
      for (let j = 0; j < destinations.length; j++) {
        const sorted = Float64Array.from(samples[j] as Float64Array).sort();
        const cell = i * destinations.length + j;
        const minutes = (v: number) => (Number.isFinite(v) ? v / 60 : Number.NaN);
        m.minutes[cell] = minutes(percentileOf(sorted, 50));
        for (const [p, values] of extra) values[cell] = minutes(percentileOf(sorted, p));
      }
    }
    return { median: m, percentiles: extra };
  }

  return {
    name,
    approximate: false,
    modes: TRAVEL_MODES,
    async travelTimes(origins, destinations, mode) {
      if (mode === 'pt' || mode === 'pt-slow') return transit(origins, destinations, mode).median;
      return geometricMatrix(origins, destinations, mode, walking, maxMinutes, name);
    },
    /** The median and the asked percentiles (1–100) over the window; a walk is the same every minute. */
    async travelTimePercentiles(origins, destinations, mode, percentiles) {
      if (mode === 'pt' || mode === 'pt-slow') return transit(origins, destinations, mode, percentiles);
      const median = geometricMatrix(origins, destinations, mode, walking, maxMinutes, name);
      return { median, percentiles: new Map(percentiles.map((p) => [p, Float64Array.from(median.minutes)])) };
    },
  };
}
