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
  const sorted = Float64Array.from(values).sort();
  return sorted[Math.ceil(sorted.length / 2) - 1] ?? Number.POSITIVE_INFINITY;
}

export function createRaptorEngine(tt: Timetable, options: RaptorEngineOptions): TravelTimeEngine {
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
  ): TravelTimeMatrix {
    const slow = isSlow(mode);
    const m = emptyMatrix(mode, origins, destinations, name, false);
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
        const median = medianOf(samples[j] as Float64Array);
        m.minutes[i * destinations.length + j] = Number.isFinite(median) ? median / 60 : Number.NaN;
      }
    }
    return m;
  }

  return {
    name,
    approximate: false,
    modes: TRAVEL_MODES,
    async travelTimes(origins, destinations, mode) {
      if (mode === 'pt' || mode === 'pt-slow') return transit(origins, destinations, mode);
      return geometricMatrix(origins, destinations, mode, walking, maxMinutes, name);
    },
  };
}
