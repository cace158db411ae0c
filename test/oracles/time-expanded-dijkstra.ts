/**
 * Brute-force earliest arrival for checking RAPTOR: a time-expanded graph of every trip
 * event on the query date, searched with Dijkstra. Written independently of the production
 * code: its own calendar handling, overnight and frequency expansion, and its own walking
 * closure (Floyd–Warshall), so that a shared mistake is unlikely.
 *
 * Nodes are departure and arrival events. Arcs: ride (departure → next arrival of the same
 * trip), stay (arrival → departure of the same trip at that stop), wait (departure → next
 * departure at the same stop), and alighting: an arrival at a stop at time t reaches the
 * stop, from which any stop within walking is reached at t + walk, and from a reached stop
 * the first departure at or after the reach time.
 */
import type { GtfsFeed } from '../../src/core/access/gtfs.ts';
import { haversineMeters, type LatLon } from '../../src/core/geo/geo.ts';

const DAY = 86_400;

function weekdayIndex(date: string): number {
  // 0 = Monday. Zeller-free: use UTC noon to avoid any zone.
  const d = new Date(`${date}T12:00:00Z`).getUTCDay();
  return (d + 6) % 7;
}

function previousDate(date: string): string {
  const d = new Date(`${date}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() - 1);
  return d.toISOString().slice(0, 10);
}

function runsOn(feed: GtfsFeed, serviceId: string, date: string): boolean {
  let on = false;
  for (const c of feed.calendars) {
    if (
      c.serviceId === serviceId &&
      c.startDate <= date &&
      date <= c.endDate &&
      c.weekdays[weekdayIndex(date)]
    )
      on = true;
  }
  for (const e of feed.calendarDates) {
    if (e.serviceId === serviceId && e.date === date) on = e.exceptionType === 1;
  }
  return on;
}

interface Run {
  stops: number[];
  arr: number[];
  dep: number[];
}

export interface OracleWalking {
  readonly metersPerSecond: number;
  readonly detour: number;
  readonly transferRadius: number;
  readonly accessRadius: number;
}

export interface Oracle {
  /** Earliest arrival at every stop (Infinity if none) when leaving `origin` at `t0`. */
  stopArrivals(origin: LatLon, t0: number): Float64Array;
  /** Earliest arrival at `destination` by public transport (walking all the way is the caller's). */
  arrival(origin: LatLon, destination: LatLon, t0: number, stops?: Float64Array): number;
}

export function createOracle(feed: GtfsFeed, date: string, w: OracleWalking): Oracle {
  const stopIndex = new Map(feed.stops.map((s, i) => [s.id, i]));
  const n = feed.stops.length;
  const yesterday = previousDate(date);
  const runs: Run[] = [];
  for (const trip of feed.trips) {
    const freq = feed.frequencies.filter((f) => f.tripId === trip.id);
    const first = trip.departures[0] ?? 0;
    const starts: number[] = [];
    if (freq.length === 0) starts.push(first);
    for (const f of freq)
      for (let s = f.startSeconds; s < f.endSeconds; s += f.headwaySeconds) starts.push(s);
    for (const [day, shift] of [
      [date, 0],
      [yesterday, -DAY],
    ] as const) {
      if (!runsOn(feed, trip.serviceId, day)) continue;
      for (const start of starts) {
        const delta = start - first + shift;
        runs.push({
          stops: trip.stopIds.map((id) => stopIndex.get(id) ?? -1),
          arr: trip.arrivals.map((t) => t + delta),
          dep: trip.departures.map((t) => t + delta),
        });
      }
    }
  }

  // Walking between stops: shortest chains of hops within the transfer radius (Floyd–Warshall on metres).
  const walk: number[][] = feed.stops.map((a, i) =>
    feed.stops.map((b, j) => {
      if (i === j) return 0;
      const m = haversineMeters(a, b);
      return m <= w.transferRadius ? m * w.detour : Number.POSITIVE_INFINITY;
    }),
  );
  for (let k = 0; k < n; k++)
    for (let i = 0; i < n; i++)
      for (let j = 0; j < n; j++) {
        const via = (walk[i]?.[k] ?? Number.POSITIVE_INFINITY) + (walk[k]?.[j] ?? Number.POSITIVE_INFINITY);
        if (via < (walk[i]?.[j] ?? 0)) (walk[i] as number[])[j] = via;
      }

  // Events: id = 2·(run offset + position) + (0 departure | 1 arrival).
  const offsets: number[] = [];
  let total = 0;
  for (const r of runs) {
    offsets.push(total);
    total += r.stops.length;
  }
  const depsAt: number[][] = feed.stops.map(() => []);
  for (const [ri, r] of runs.entries())
    for (const [p, s] of r.stops.entries()) depsAt[s]?.push((offsets[ri] ?? 0) + p);
  const locate = (e: number) => {
    let lo = 0;
    let hi = runs.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((offsets[mid] ?? 0) <= e) lo = mid;
      else hi = mid - 1;
    }
    return { run: lo, pos: e - (offsets[lo] ?? 0) };
  };
  const depTime = (e: number) => {
    const { run, pos } = locate(e);
    return runs[run]?.dep[pos] ?? 0;
  };
  for (const list of depsAt) list.sort((a, b) => depTime(a) - depTime(b));

  function stopArrivals(origin: LatLon, t0: number): Float64Array {
    const reach = new Float64Array(n).fill(Number.POSITIVE_INFINITY);
    const seen = new Uint8Array(total * 2);
    // Binary heap of [time, event].
    const heap: [number, number][] = [];
    const push = (t: number, e: number) => {
      heap.push([t, e]);
      let i = heap.length - 1;
      while (i > 0) {
        const p = (i - 1) >> 1;
        if ((heap[p]?.[0] ?? 0) <= t) break;
        [heap[i], heap[p]] = [heap[p] as [number, number], heap[i] as [number, number]];
        i = p;
      }
    };
    const pop = (): [number, number] | undefined => {
      const top = heap[0];
      const last = heap.pop();
      if (heap.length > 0 && last) {
        heap[0] = last;
        let i = 0;
        for (;;) {
          const l = 2 * i + 1;
          const r = l + 1;
          let m = i;
          if (l < heap.length && (heap[l]?.[0] ?? 0) < (heap[m]?.[0] ?? 0)) m = l;
          if (r < heap.length && (heap[r]?.[0] ?? 0) < (heap[m]?.[0] ?? 0)) m = r;
          if (m === i) break;
          [heap[i], heap[m]] = [heap[m] as [number, number], heap[i] as [number, number]];
          i = m;
        }
      }
      return top;
    };
    const reachStop = (s: number, t: number) => {
      for (let s2 = 0; s2 < n; s2++) {
        const meters = walk[s]?.[s2] ?? Number.POSITIVE_INFINITY;
        if (!Number.isFinite(meters)) continue;
        const at = t + Math.ceil(meters / w.metersPerSecond);
        if (at >= (reach[s2] ?? 0)) continue;
        reach[s2] = at;
        const deps = depsAt[s2] ?? [];
        const first = deps.find((e) => depTime(e) >= at);
        if (first !== undefined) push(depTime(first), 2 * first);
      }
    };
    for (const [s, stop] of feed.stops.entries()) {
      const meters = haversineMeters(origin, stop);
      if (meters <= w.accessRadius) reachStop(s, t0 + Math.ceil((meters * w.detour) / w.metersPerSecond));
    }
    for (let item = pop(); item; item = pop()) {
      const [t, node] = item;
      if (seen[node]) continue;
      seen[node] = 1;
      const e = node >> 1;
      const { run, pos } = locate(e);
      const r = runs[run] as Run;
      if ((node & 1) === 0) {
        // Departure: ride on, or wait for the next departure here.
        if (pos + 1 < r.stops.length) push(r.arr[pos + 1] ?? 0, 2 * (e + 1) + 1);
        const deps = depsAt[r.stops[pos] ?? 0] ?? [];
        const next = deps[deps.indexOf(e) + 1];
        if (next !== undefined) push(depTime(next), 2 * next);
      } else {
        // Arrival: stay on board, or get off (and walk).
        push(r.dep[pos] ?? 0, 2 * e);
        reachStop(r.stops[pos] ?? 0, t);
      }
    }
    return reach;
  }

  return {
    stopArrivals,
    arrival(origin, destination, t0, stops = stopArrivals(origin, t0)) {
      let best = Number.POSITIVE_INFINITY;
      for (const [s, stop] of feed.stops.entries()) {
        const meters = haversineMeters(stop, destination);
        if (meters > w.accessRadius || !Number.isFinite(stops[s] ?? Number.POSITIVE_INFINITY)) continue;
        best = Math.min(best, (stops[s] ?? 0) + Math.ceil((meters * w.detour) / w.metersPerSecond));
      }
      return best;
    },
  };
}
