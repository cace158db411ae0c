/**
 * RAPTOR, round-based earliest-arrival public-transport routing (Delling, Pajor & Werneck
 * 2012, "Round-Based Public Transit Routing", Transportation Science 49(3)), in its range
 * form rRAPTOR (section 4.1): departure times are processed from the latest to the earliest
 * and labels are kept between them, because an arrival reachable when leaving later is
 * reachable when leaving earlier too (by waiting at the origin).
 *
 * The walking rules (docs/access.md, "Journeys"): the first walk reaches a stop (the access
 * legs); after a ride one either changes vehicles at the stop where one got off (after the
 * stop's change time) or walks one footpath to another stop; the last walk starts where one
 * got off a vehicle. So walks never chain, and footpaths need not be transitively closed.
 *
 * Two labels per stop and round make that exact: `ready[k]`, the earliest time one can board
 * at the stop having used at most k vehicles (after the first walk, a change or a footpath),
 * and `alight[k]`, the earliest arrival there by a vehicle, from which footpaths and the last
 * walk start. A label of round k is also one of every later round (at most k vehicles is at
 * most k+1), and labels are compared within their own round only: a later departure's
 * arrival with more vehicles never hides one with fewer, which the round limit may need.
 */
import { NO_CHANGE, type Timetable } from './timetable.ts';

/** "Not reached": far beyond any real time, with room to add durations without overflow. */
export const UNREACHED = 0x3fff_ffff;

export interface AccessLeg {
  readonly stop: number;
  readonly seconds: number;
}

export interface RaptorOptions {
  /** Most vehicles in one journey (transfers + 1). */
  readonly maxRounds: number;
  /** Arrivals later than departure + this are not explored. */
  readonly maxDurationSeconds: number;
  /** Walking speed for footpaths, metres per second. */
  readonly walkMetersPerSecond: number;
}

export interface Raptor {
  /**
   * Runs rRAPTOR for one origin over `departureSeconds` (any order; processed latest first).
   * After each departure time, `onDeparture(t, alighted)` receives the earliest arrival by a
   * vehicle at every stop with at most `maxRounds` vehicles (UNREACHED where none), where the
   * last walk may start. `alighted` is reused: read it inside the callback.
   */
  range(
    access: readonly AccessLeg[],
    departureSeconds: readonly number[],
    options: RaptorOptions,
    onDeparture: (departure: number, alighted: Int32Array) => void,
  ): void;
}

export function createRaptor(tt: Timetable): Raptor {
  const stopCount = tt.stopIds.length;
  const routeCount = tt.routeTripCount.length;
  let ready: Int32Array[] = [];
  let alight: Int32Array[] = [];
  const markedFlag = new Uint8Array(stopCount);
  const marked = new Int32Array(stopCount);
  let markedCount = 0;
  const alightedFlag = new Uint8Array(stopCount);
  const alighted = new Int32Array(stopCount);
  let alightedCount = 0;
  const routeStart = new Int32Array(routeCount).fill(-1);
  const queue = new Int32Array(routeCount);
  let rounds = 0;

  /** Lowers label `labels[k][s]` to `time`, and those of later rounds with it. */
  const lower = (labels: Int32Array[], k: number, s: number, time: number) => {
    for (let j = k; j <= rounds; j++) {
      const round = labels[j] as Int32Array;
      if (time < (round[s] ?? UNREACHED)) round[s] = time;
      else break;
    }
  };
  const markReady = (k: number, s: number, time: number) => {
    lower(ready, k, s, time);
    if (markedFlag[s] === 0) {
      markedFlag[s] = 1;
      marked[markedCount++] = s;
    }
  };

  /**
   * The first trip of route r leaving position p at or after `time` that takes passengers on
   * there, among trips [0, below); -1 if none. Trips are FIFO, so departures at p are sorted.
   */
  function earliestTrip(r: number, p: number, n: number, time: number, below: number): number {
    const base = tt.routeTimeOffset[r] ?? 0;
    let lo = 0;
    let hi = below; // exclusive
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((tt.departures[base + mid * n + p] ?? 0) >= time) hi = mid;
      else lo = mid + 1;
    }
    while (lo < below && tt.noPickup[base + lo * n + p] === 1) lo++;
    return lo < below ? lo : -1;
  }

  /** Round k's rides: every route through a stop whose ready time improved in round k-1. */
  function scanRoutes(k: number, limit: number) {
    const previous = ready[k - 1] as Int32Array;
    const current = alight[k] as Int32Array;
    let queued = 0;
    for (let i = 0; i < markedCount; i++) {
      const s = marked[i] ?? 0;
      markedFlag[s] = 0;
      const end = tt.stopRouteOffset[s + 1] ?? 0;
      for (let j = tt.stopRouteOffset[s] ?? 0; j < end; j++) {
        const r = tt.stopRoutes[j] ?? 0;
        const p = tt.stopRoutePositions[j] ?? 0;
        const start = routeStart[r] ?? -1;
        if (start < 0) {
          routeStart[r] = p;
          queue[queued++] = r;
        } else if (p < start) routeStart[r] = p;
      }
    }
    markedCount = 0;

    for (let q = 0; q < queued; q++) {
      const r = queue[q] ?? 0;
      const p0 = routeStart[r] ?? 0;
      routeStart[r] = -1;
      const stopsFrom = tt.routeStopOffset[r] ?? 0;
      const n = (tt.routeStopOffset[r + 1] ?? 0) - stopsFrom;
      const base = tt.routeTimeOffset[r] ?? 0;
      const trips = tt.routeTripCount[r] ?? 0;
      let trip = -1;
      let tripBase = 0;
      for (let p = p0; p < n; p++) {
        const s = tt.routeStops[stopsFrom + p] ?? 0;
        if (trip >= 0 && tt.noDropOff[tripBase + p] === 0) {
          const arrival = tt.arrivals[tripBase + p] ?? UNREACHED;
          if (arrival <= limit && arrival < (current[s] ?? UNREACHED)) {
            lower(alight, k, s, arrival);
            if (alightedFlag[s] === 0) {
              alightedFlag[s] = 1;
              alighted[alightedCount++] = s;
            }
          }
        }
        const readyAt = previous[s] ?? UNREACHED;
        if (readyAt < UNREACHED && (trip < 0 || readyAt <= (tt.departures[tripBase + p] ?? 0))) {
          const earlier = earliestTrip(r, p, n, readyAt, trip < 0 ? trips : trip);
          if (earlier >= 0) {
            trip = earlier;
            tripBase = base + trip * n;
          }
        }
      }
    }
  }

  /** After round k's rides: change at the stop, or walk one footpath, from each new arrival. */
  function transfers(k: number, limit: number, speed: number) {
    const arrivals = alight[k] as Int32Array;
    const boarding = ready[k] as Int32Array;
    for (let i = 0; i < alightedCount; i++) {
      const s = alighted[i] ?? 0;
      alightedFlag[s] = 0;
      const from = arrivals[s] ?? UNREACHED;
      const change = tt.stopChangeSeconds[s] ?? 0;
      if (change !== NO_CHANGE) {
        const at = from + change;
        if (at <= limit && at < (boarding[s] ?? UNREACHED)) markReady(k, s, at);
      }
      const end = tt.transferOffset[s + 1] ?? 0;
      for (let e = tt.transferOffset[s] ?? 0; e < end; e++) {
        const to = tt.transferTo[e] ?? 0;
        const walk = Math.max(Math.ceil((tt.transferMeters[e] ?? 0) / speed), tt.transferMinSeconds[e] ?? 0);
        const at = from + walk;
        if (at <= limit && at < (boarding[to] ?? UNREACHED)) markReady(k, to, at);
      }
    }
    alightedCount = 0;
  }

  return {
    range(access, departureSeconds, options, onDeparture) {
      rounds = Math.max(1, options.maxRounds);
      if (ready.length !== rounds + 1) {
        ready = Array.from({ length: rounds + 1 }, () => new Int32Array(stopCount));
        alight = Array.from({ length: rounds + 1 }, () => new Int32Array(stopCount));
      }
      for (const labels of [...ready, ...alight]) labels.fill(UNREACHED);
      const departures = [...departureSeconds].sort((a, b) => b - a);
      const speed = options.walkMetersPerSecond;

      for (const t of departures) {
        const limit = t + options.maxDurationSeconds;
        markedCount = 0;
        const round0 = ready[0] as Int32Array;
        for (const leg of access) {
          const at = t + leg.seconds;
          if (at <= limit && at < (round0[leg.stop] ?? UNREACHED)) markReady(0, leg.stop, at);
        }
        for (let k = 1; k <= rounds && markedCount > 0; k++) {
          scanRoutes(k, limit);
          transfers(k, limit, speed);
        }
        for (let i = 0; i < markedCount; i++) markedFlag[marked[i] ?? 0] = 0;
        markedCount = 0;
        onDeparture(t, alight[rounds] as Int32Array);
      }
    },
  };
}
