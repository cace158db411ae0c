/**
 * RAPTOR, round-based earliest-arrival public-transport routing (Delling, Pajor & Werneck
 * 2012, "Round-Based Public Transit Routing", Transportation Science 49(3)), in its range
 * form rRAPTOR (section 4.1): departure times are processed from the latest to the earliest
 * and labels are kept between them, because an arrival reachable when leaving later is
 * reachable when leaving earlier too (by waiting). Round k holds the best arrivals with at
 * most k vehicles; local pruning uses the best arrival over all rounds.
 *
 * Footpaths are assumed transitively closed (see timetable.ts); they are relaxed after the
 * access legs and after each round, from the stops that round's vehicles improved.
 */
import type { Timetable } from './timetable.ts';

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
   * After each departure time, `onDeparture(t, best)` receives the earliest arrival at every
   * stop (UNREACHED where none). `best` is reused: read it inside the callback.
   */
  range(
    access: readonly AccessLeg[],
    departureSeconds: readonly number[],
    options: RaptorOptions,
    onDeparture: (departure: number, best: Int32Array) => void,
  ): void;
}

export function createRaptor(tt: Timetable): Raptor {
  const stopCount = tt.stopIds.length;
  const routeCount = tt.routeTripCount.length;
  let rounds: Int32Array[] = [];
  const best = new Int32Array(stopCount);
  const markedFlag = new Uint8Array(stopCount);
  const improvedFlag = new Uint8Array(stopCount);
  let marked = new Int32Array(stopCount);
  let markedCount = 0;
  const improved = new Int32Array(stopCount);
  let improvedCount = 0;
  const routeStart = new Int32Array(routeCount).fill(-1);
  const queue = new Int32Array(routeCount);

  const mark = (s: number) => {
    if (markedFlag[s] === 0) {
      markedFlag[s] = 1;
      marked[markedCount++] = s;
    }
  };
  const noteImproved = (s: number) => {
    if (improvedFlag[s] === 0) {
      improvedFlag[s] = 1;
      improved[improvedCount++] = s;
    }
  };

  function relaxFootpaths(label: Int32Array, limit: number, speed: number) {
    for (let i = 0; i < improvedCount; i++) {
      const s = improved[i] ?? 0;
      const from = label[s] ?? UNREACHED;
      const end = tt.transferOffset[s + 1] ?? 0;
      for (let e = tt.transferOffset[s] ?? 0; e < end; e++) {
        const to = tt.transferTo[e] ?? 0;
        const arrival = from + Math.ceil((tt.transferMeters[e] ?? 0) / speed);
        if (arrival < (best[to] ?? UNREACHED) && arrival <= limit) {
          label[to] = arrival;
          best[to] = arrival;
          mark(to);
        }
      }
      improvedFlag[s] = 0;
    }
    improvedCount = 0;
  }

  /** The first trip of route r (trips are FIFO) that leaves position p at or after `time`, or -1. */
  function earliestTrip(r: number, p: number, n: number, time: number, below: number): number {
    const base = tt.routeTimeOffset[r] ?? 0;
    let lo = 0;
    let hi = below; // exclusive
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((tt.departures[base + mid * n + p] ?? 0) >= time) hi = mid;
      else lo = mid + 1;
    }
    return lo < below ? lo : -1;
  }

  return {
    range(access, departureSeconds, options, onDeparture) {
      const maxRounds = Math.max(1, options.maxRounds);
      if (rounds.length !== maxRounds + 1)
        rounds = Array.from({ length: maxRounds + 1 }, () => new Int32Array(stopCount));
      for (const r of rounds) r.fill(UNREACHED);
      best.fill(UNREACHED);
      marked = marked.length === stopCount ? marked : new Int32Array(stopCount);
      const departures = [...departureSeconds].sort((a, b) => b - a);
      const speed = options.walkMetersPerSecond;

      for (const t of departures) {
        const limit = t + options.maxDurationSeconds;
        markedCount = 0;
        const round0 = rounds[0] as Int32Array;
        for (const leg of access) {
          const arrival = t + leg.seconds;
          if (arrival < (best[leg.stop] ?? UNREACHED) && arrival <= limit) {
            round0[leg.stop] = arrival;
            best[leg.stop] = arrival;
            mark(leg.stop);
            noteImproved(leg.stop);
          }
        }
        relaxFootpaths(round0, limit, speed);

        for (let k = 1; k <= maxRounds && markedCount > 0; k++) {
          const previous = rounds[k - 1] as Int32Array;
          const current = rounds[k] as Int32Array;
          // Collect the routes through marked stops, each from its earliest marked position.
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
              if (trip >= 0) {
                const arrival = tt.arrivals[tripBase + p] ?? UNREACHED;
                if (arrival < (best[s] ?? UNREACHED) && arrival <= limit) {
                  current[s] = arrival;
                  best[s] = arrival;
                  mark(s);
                  noteImproved(s);
                }
              }
              const ready = previous[s] ?? UNREACHED;
              if (ready < UNREACHED && (trip < 0 || ready <= (tt.departures[tripBase + p] ?? 0))) {
                const earlier = earliestTrip(r, p, n, ready, trip < 0 ? trips : trip + 1);
                if (earlier >= 0 && (trip < 0 || earlier < trip)) {
                  trip = earlier;
                  tripBase = base + trip * n;
                }
              }
            }
          }
          relaxFootpaths(current, limit, speed);
        }
        for (let i = 0; i < markedCount; i++) markedFlag[marked[i] ?? 0] = 0;
        markedCount = 0;
        onDeparture(t, best);
      }
    },
  };
}
