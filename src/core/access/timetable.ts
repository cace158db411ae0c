/**
 * A GTFS feed compiled for RAPTOR on one date (Delling, Pajor & Werneck 2012, "Round-Based
 * Public Transit Routing", section 3): trips grouped into routes that share a stop sequence
 * and never overtake each other, times in flat typed arrays, and footpaths between stops.
 *
 * Times are seconds since 00:00 of the query date (a run of yesterday's service past
 * midnight has small positive times; see gtfs.ts).
 *
 * Footpaths: pairs of stops within the transfer radius (straight line), walked at the
 * detour factor, then closed transitively (Dijkstra over those pairs) up to
 * `maxTransferWalkMeters` of walking; transfers.txt then removes (type 3) or lengthens
 * (type 2) pairs and sets the time to change vehicles at a stop. A transfer is one such
 * footpath: RAPTOR never chains two (raptor.ts), so the bound is exact, not an approximation,
 * and keeps a dense city's closure small: nobody walks kilometres to change vehicles.
 *
 * Routes group trips with the same stops and the same pickup and drop-off rules; trips
 * with a single stop time are kept as routes of one stop (nothing can be ridden on them).
 */
import { haversineMeters, type LatLon } from '../geo/geo.ts';
import { createPointIndex } from '../geo/point-index.ts';
import type { IsoDate } from '../time/civil-time.ts';
import { type GtfsFeed, type TripRun, tripRunsOn } from './gtfs.ts';
import { DEFAULT_WALKING, type WalkingParams } from './modes.ts';

export interface Timetable {
  readonly date: IsoDate;
  readonly stopIds: readonly string[];
  readonly stopLocations: readonly LatLon[];
  /** Route r's stops are routeStops[routeStopOffset[r] .. routeStopOffset[r+1]). */
  readonly routeStopOffset: Int32Array;
  readonly routeStops: Int32Array;
  /** Number of trips of route r. */
  readonly routeTripCount: Int32Array;
  /** Route r's times start at routeTimeOffset[r], trip-major: trip t, position p at offset + t·stops + p. */
  readonly routeTimeOffset: Int32Array;
  readonly arrivals: Int32Array;
  readonly departures: Int32Array;
  /** Parallel to `departures`: 1 where the trip does not take passengers on (`pickup_type` 1). */
  readonly noPickup: Uint8Array;
  /** Parallel to `arrivals`: 1 where the trip does not let passengers off (`drop_off_type` 1). */
  readonly noDropOff: Uint8Array;
  /**
   * Seconds needed to change vehicles at stop s (transfers.txt from s to s, type 2; 0 without
   * a rule), or NO_CHANGE where changing there is forbidden (type 3).
   */
  readonly stopChangeSeconds: Int32Array;
  /** Routes serving stop s, with the position of s in each: stopRoutes[stopRouteOffset[s] ..]. */
  readonly stopRouteOffset: Int32Array;
  readonly stopRoutes: Int32Array;
  readonly stopRoutePositions: Int32Array;
  /** Footpaths from stop s: transferTo[transferOffset[s] ..], walking metres on the network. */
  readonly transferOffset: Int32Array;
  readonly transferTo: Int32Array;
  readonly transferMeters: Float64Array;
  /** Parallel to `transferTo`: the least time a transfer takes (transfers.txt type 2), else 0. */
  readonly transferMinSeconds: Int32Array;
  readonly tripCount: number;
}

/** `stopChangeSeconds` of a stop where one may not change vehicles. */
export const NO_CHANGE = -1;

export interface TimetableOptions {
  readonly walking?: WalkingParams;
  /** Bound of the footpath closure, in walking (network) metres. Default 1 000 m. */
  readonly maxTransferWalkMeters?: number;
  /** Keep only runs that can matter to departures in [from, to + maxDuration] (seconds). */
  readonly window?: { readonly fromSeconds: number; readonly toSeconds: number };
}

function overtakes(a: TripRun, b: TripRun): boolean {
  for (let p = 0; p < a.departures.length; p++) {
    if ((b.departures[p] ?? 0) < (a.departures[p] ?? 0) || (b.arrivals[p] ?? 0) < (a.arrivals[p] ?? 0))
      return true;
  }
  return false;
}

export function compileTimetable(feed: GtfsFeed, date: IsoDate, options: TimetableOptions = {}): Timetable {
  const walking = options.walking ?? DEFAULT_WALKING;
  const stopIndex = new Map(feed.stops.map((s, i) => [s.id, i]));
  let runs = tripRunsOn(feed, date);
  const window = options.window;
  if (window) {
    runs = runs.filter(
      (r) =>
        (r.arrivals[r.arrivals.length - 1] ?? 0) >= window.fromSeconds &&
        (r.departures[0] ?? 0) <= window.toSeconds,
    );
  }

  // Routes: runs with the same stop sequence and the same pickup and drop-off rules (so the
  // earliest trip of a route is always the best one to be on), split so that no trip
  // overtakes another.
  const patterns = new Map<string, TripRun[]>();
  const flags = (list: readonly boolean[] | undefined) =>
    list?.some(Boolean) ? list.map((f) => (f ? '1' : '0')).join('') : '';
  for (const run of runs) {
    const key = `${run.stopIds.join('\u0000')}\u0001${flags(run.noPickup)}\u0001${flags(run.noDropOff)}`;
    const list = patterns.get(key);
    if (list) list.push(run);
    else patterns.set(key, [run]);
  }
  const routes: TripRun[][] = [];
  for (const list of patterns.values()) {
    list.sort(
      (a, b) =>
        (a.departures[0] ?? 0) - (b.departures[0] ?? 0) ||
        (a.arrivals.at(-1) ?? 0) - (b.arrivals.at(-1) ?? 0),
    );
    const groups: TripRun[][] = [];
    for (const run of list) {
      const group = groups.find((g) => {
        const last = g[g.length - 1];
        return last !== undefined && !overtakes(last, run);
      });
      if (group) group.push(run);
      else groups.push([run]);
    }
    routes.push(...groups);
  }

  const routeCount = routes.length;
  const routeStopOffset = new Int32Array(routeCount + 1);
  const routeTripCount = new Int32Array(routeCount);
  const routeTimeOffset = new Int32Array(routeCount);
  let stopTotal = 0;
  let timeTotal = 0;
  for (const [r, trips] of routes.entries()) {
    const n = trips[0]?.stopIds.length ?? 0;
    routeStopOffset[r] = stopTotal;
    routeTimeOffset[r] = timeTotal;
    routeTripCount[r] = trips.length;
    stopTotal += n;
    timeTotal += n * trips.length;
  }
  routeStopOffset[routeCount] = stopTotal;
  const routeStops = new Int32Array(stopTotal);
  const arrivals = new Int32Array(timeTotal);
  const departures = new Int32Array(timeTotal);
  const noPickup = new Uint8Array(timeTotal);
  const noDropOff = new Uint8Array(timeTotal);
  const servedBy: { route: number; position: number }[][] = feed.stops.map(() => []);
  for (const [r, trips] of routes.entries()) {
    const first = trips[0];
    if (!first) continue;
    const n = first.stopIds.length;
    for (let p = 0; p < n; p++) {
      const s = stopIndex.get(first.stopIds[p] ?? '') ?? -1;
      if (s < 0) throw new Error(`stop "${first.stopIds[p]}" of trip "${first.tripId}" is not in the feed`);
      routeStops[(routeStopOffset[r] ?? 0) + p] = s;
      servedBy[s]?.push({ route: r, position: p });
    }
    for (const [t, run] of trips.entries()) {
      const base = (routeTimeOffset[r] ?? 0) + t * n;
      for (let p = 0; p < n; p++) {
        arrivals[base + p] = run.arrivals[p] ?? 0;
        departures[base + p] = run.departures[p] ?? 0;
        if (run.noPickup?.[p]) noPickup[base + p] = 1;
        if (run.noDropOff?.[p]) noDropOff[base + p] = 1;
      }
    }
  }
  const stopRouteOffset = new Int32Array(feed.stops.length + 1);
  let k = 0;
  for (const [s, list] of servedBy.entries()) {
    stopRouteOffset[s] = k;
    k += list.length;
  }
  stopRouteOffset[feed.stops.length] = k;
  const stopRoutes = new Int32Array(k);
  const stopRoutePositions = new Int32Array(k);
  k = 0;
  for (const list of servedBy) {
    for (const { route, position } of list) {
      stopRoutes[k] = route;
      stopRoutePositions[k] = position;
      k++;
    }
  }

  const locations = feed.stops.map((s) => ({ lat: s.lat, lon: s.lon }));
  const closure = footpathClosure(
    locations,
    walking.transferRadiusMeters,
    walking.detourFactor,
    options.maxTransferWalkMeters ?? 1_000,
  );
  const rules = applyTransferRules(closure, feed, stopIndex, walking.detourFactor);

  return {
    date,
    stopIds: feed.stops.map((s) => s.id),
    stopLocations: locations,
    routeStopOffset,
    routeStops,
    routeTripCount,
    routeTimeOffset,
    arrivals,
    departures,
    noPickup,
    noDropOff,
    stopRouteOffset,
    stopRoutes,
    stopRoutePositions,
    ...rules,
    tripCount: runs.length,
  };
}

/**
 * transfers.txt applied to the footpaths: a pair with type 3 is removed, a pair with type 2
 * takes at least its `min_transfer_time` (and is added when the closure lacks it); a rule
 * from a stop to itself sets the time to change vehicles there (type 3: no change there).
 */
function applyTransferRules(
  closure: { transferOffset: Int32Array; transferTo: Int32Array; transferMeters: Float64Array },
  feed: GtfsFeed,
  stopIndex: ReadonlyMap<string, number>,
  detour: number,
): {
  transferOffset: Int32Array;
  transferTo: Int32Array;
  transferMeters: Float64Array;
  transferMinSeconds: Int32Array;
  stopChangeSeconds: Int32Array;
} {
  const stopCount = closure.transferOffset.length - 1;
  const stopChangeSeconds = new Int32Array(stopCount);
  const pairRules = new Map<number, Map<number, { forbidden: boolean; minSeconds: number }>>();
  for (const rule of feed.transfers ?? []) {
    const from = stopIndex.get(rule.fromStopId);
    const to = stopIndex.get(rule.toStopId);
    if (from === undefined || to === undefined) continue;
    if (from === to) {
      if (rule.type === 3) stopChangeSeconds[from] = NO_CHANGE;
      else if (rule.type === 2 && stopChangeSeconds[from] !== NO_CHANGE)
        stopChangeSeconds[from] = Math.max(stopChangeSeconds[from] ?? 0, rule.minSeconds);
      continue;
    }
    if (rule.type !== 2 && rule.type !== 3) continue;
    const rules = pairRules.get(from) ?? new Map();
    pairRules.set(from, rules);
    rules.set(to, { forbidden: rule.type === 3, minSeconds: rule.type === 2 ? rule.minSeconds : 0 });
  }
  const to: number[] = [];
  const meters: number[] = [];
  const minSeconds: number[] = [];
  const offset = new Int32Array(stopCount + 1);
  for (let s = 0; s < stopCount; s++) {
    offset[s] = to.length;
    const rules = pairRules.get(s);
    const seen = new Set<number>();
    const end = closure.transferOffset[s + 1] ?? 0;
    for (let e = closure.transferOffset[s] ?? 0; e < end; e++) {
      const q = closure.transferTo[e] ?? 0;
      const rule = rules?.get(q);
      seen.add(q);
      if (rule?.forbidden) continue;
      to.push(q);
      meters.push(closure.transferMeters[e] ?? 0);
      minSeconds.push(rule?.minSeconds ?? 0);
    }
    for (const [q, rule] of rules ?? []) {
      if (seen.has(q) || rule.forbidden) continue;
      const a = feed.stops[s];
      const b = feed.stops[q];
      if (!a || !b) continue;
      to.push(q);
      meters.push(haversineMeters(a, b) * detour);
      minSeconds.push(rule.minSeconds);
    }
  }
  offset[stopCount] = to.length;
  return {
    transferOffset: offset,
    transferTo: Int32Array.from(to),
    transferMeters: Float64Array.from(meters),
    transferMinSeconds: Int32Array.from(minSeconds),
    stopChangeSeconds,
  };
}

/**
 * Footpaths between stops: direct pairs within `radiusMeters` (straight line), walked at
 * `detour` times the distance, closed transitively up to `maxWalkMeters`.
 */
export function footpathClosure(
  stops: readonly LatLon[],
  radiusMeters: number,
  detour: number,
  maxWalkMeters: number,
): { transferOffset: Int32Array; transferTo: Int32Array; transferMeters: Float64Array } {
  const index = createPointIndex(stops, Math.max(100, radiusMeters));
  const direct = stops.map((p, i) =>
    index
      .within(p, radiusMeters)
      .filter((n) => n.index !== i)
      .map((n) => ({ to: n.index, meters: n.meters * detour })),
  );
  const to: number[] = [];
  const meters: number[] = [];
  const offset = new Int32Array(stops.length + 1);
  const dist = new Float64Array(stops.length).fill(Number.POSITIVE_INFINITY);
  const touched: number[] = [];
  for (let s = 0; s < stops.length; s++) {
    offset[s] = to.length;
    // Dijkstra over the direct footpaths; the neighbourhoods are small, so a simple
    // array-scan priority queue is fine.
    dist[s] = 0;
    touched.push(s);
    const open: number[] = [s];
    const done = new Set<number>();
    while (open.length > 0) {
      let best = 0;
      for (let i = 1; i < open.length; i++)
        if ((dist[open[i] ?? 0] ?? 0) < (dist[open[best] ?? 0] ?? 0)) best = i;
      const u = open.splice(best, 1)[0] ?? 0;
      if (done.has(u)) continue;
      done.add(u);
      if (u !== s) {
        to.push(u);
        meters.push(dist[u] ?? 0);
      }
      for (const e of direct[u] ?? []) {
        const d = (dist[u] ?? 0) + e.meters;
        if (d <= maxWalkMeters && d < (dist[e.to] ?? Number.POSITIVE_INFINITY)) {
          if (dist[e.to] === Number.POSITIVE_INFINITY) touched.push(e.to);
          dist[e.to] = d;
          open.push(e.to);
        }
      }
    }
    for (const t of touched) dist[t] = Number.POSITIVE_INFINITY;
    touched.length = 0;
  }
  offset[stops.length] = to.length;
  return {
    transferOffset: offset,
    transferTo: Int32Array.from(to),
    transferMeters: Float64Array.from(meters),
  };
}
