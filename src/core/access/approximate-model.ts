/**
 * An approximate public-transport model for a city that has no GTFS feed or travel-time
 * matrix loaded (the demo). Every figure it gives is marked approximate.
 *
 * A journey is the fastest of:
 *   - walking all the way;
 *   - a bus ride: walk to a stop (half the district's stop spacing), wait half a headway,
 *     ride the detoured distance at the district's bus speed, walk from a stop;
 *   - one rail or metro ride between two stations of a line open on the date: get to the
 *     first station on foot or by bus, wait half the line's headway, ride along the line
 *     at its average speed, and get from the last station on foot or by bus.
 * Bus parameters are per major district (the origin's district for the first leg, the
 * destination's for the last), so a planner can say that buses in a rural district run every
 * 30 minutes and in a dense one every 10. Slow modes walk every walking leg slowly.
 */
import type { LatLon } from '../geo/geo.ts';
import { haversineMeters } from '../geo/geo.ts';
import type { IsoDate } from '../time/civil-time.ts';
import { emptyMatrix, type Place, type TravelTimeEngine, type TravelTimeMatrix } from './engine.ts';
import { geometricMatrix } from './geometric.ts';
import {
  DEFAULT_WALKING,
  isSlow,
  TRAVEL_MODES,
  type TravelMode,
  type WalkingParams,
  walkMinutes,
  walkMinutesForMeters,
} from './modes.ts';

export interface ModelStation {
  readonly id: string;
  readonly location: LatLon;
  /** First day in service (null: always). */
  readonly opened: IsoDate | null;
}

export interface ModelLine {
  readonly id: string;
  /** In line order. */
  readonly stations: readonly ModelStation[];
  /** Average speed between stations including stops, km/h. */
  readonly speedKmh: number;
  readonly headwayMinutes: number;
}

export interface BusParams {
  readonly speedKmh: number;
  readonly headwayMinutes: number;
  /** Typical distance between stops; the walk to a stop is half of it. */
  readonly stopSpacingMeters: number;
  readonly detourFactor: number;
}

export interface ApproximateModel {
  readonly lines: readonly ModelLine[];
  readonly bus: { readonly default: BusParams; readonly byDistrict: Readonly<Record<string, BusParams>> };
}

export interface ApproximateEngineOptions {
  readonly walking?: WalkingParams;
  /** Stations not yet open on this date are not used. */
  readonly date: IsoDate;
  readonly maxMinutes?: number;
}

export function createApproximateEngine(
  model: ApproximateModel,
  options: ApproximateEngineOptions,
): TravelTimeEngine {
  const walking = options.walking ?? DEFAULT_WALKING;
  const maxMinutes = options.maxMinutes ?? 180;
  const name = 'approximate';
  const lines = model.lines.map((line) => {
    const stations = line.stations.filter((s) => s.opened === null || s.opened <= options.date);
    // Distance along the line from its first open station, metres.
    const along: number[] = [];
    let total = 0;
    for (const [i, s] of stations.entries()) {
      if (i > 0) total += haversineMeters((stations[i - 1] as ModelStation).location, s.location);
      along.push(total);
    }
    return { ...line, stations, along };
  });

  const busFor = (district: string | null | undefined): BusParams =>
    (district ? model.bus.byDistrict[district] : undefined) ?? model.bus.default;

  function busMinutes(a: LatLon, b: LatLon, params: BusParams, slow: boolean): number {
    const walkToStop = walkMinutesForMeters(params.stopSpacingMeters / 2, walking, slow);
    const ride = (haversineMeters(a, b) * params.detourFactor) / ((params.speedKmh * 1000) / 60);
    return 2 * walkToStop + params.headwayMinutes / 2 + ride;
  }

  function walkLeg(a: LatLon, b: LatLon, slow: boolean): number {
    const m = walkMinutes(a, b, walking, slow);
    return m <= walking.maxAccessWalkMinutes ? m : Number.POSITIVE_INFINITY;
  }

  function transit(
    origins: readonly Place[],
    destinations: readonly Place[],
    mode: TravelMode,
  ): TravelTimeMatrix {
    const slow = isSlow(mode);
    const m = emptyMatrix(mode, origins, destinations, name, true);
    // Time from each destination's nearest reach: station → destination, per line and station.
    const egress = lines.map((line) =>
      line.stations.map((s) =>
        destinations.map((d) =>
          Math.min(
            walkLeg(s.location, d.location, slow),
            busMinutes(s.location, d.location, busFor(d.districtId), slow),
          ),
        ),
      ),
    );
    for (const [i, o] of origins.entries()) {
      const bus = busFor(o.districtId);
      const access = lines.map((line) =>
        line.stations.map((s) =>
          Math.min(walkLeg(o.location, s.location, slow), busMinutes(o.location, s.location, bus, slow)),
        ),
      );
      for (const [j, d] of destinations.entries()) {
        let best = Math.min(
          walkMinutes(o.location, d.location, walking, slow),
          busMinutes(o.location, d.location, bus, slow),
        );
        for (const [l, line] of lines.entries()) {
          const speed = (line.speedKmh * 1000) / 60;
          for (let a = 0; a < line.stations.length; a++) {
            const toStation = access[l]?.[a] ?? Number.POSITIVE_INFINITY;
            if (toStation + line.headwayMinutes / 2 >= best) continue;
            for (let b = 0; b < line.stations.length; b++) {
              if (a === b) continue;
              const ride = Math.abs((line.along[b] ?? 0) - (line.along[a] ?? 0)) / speed;
              const total =
                toStation +
                line.headwayMinutes / 2 +
                ride +
                (egress[l]?.[b]?.[j] ?? Number.POSITIVE_INFINITY);
              if (total < best) best = total;
            }
          }
        }
        m.minutes[i * destinations.length + j] = best <= maxMinutes ? best : Number.NaN;
      }
    }
    return m;
  }

  return {
    name,
    approximate: true,
    modes: TRAVEL_MODES,
    async travelTimes(origins, destinations, mode) {
      if (mode === 'pt' || mode === 'pt-slow') return transit(origins, destinations, mode);
      return geometricMatrix(origins, destinations, mode, walking, maxMinutes, name);
    },
  };
}
