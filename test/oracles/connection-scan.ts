/**
 * An independent earliest-arrival search for checking RAPTOR: a layered connection scan
 * (Dibbelt, Pajor, Strasser & Wagner, "Connection Scan Algorithm", 2018), one layer per
 * vehicle, over the journey rules of docs/access.md. Written apart from the production code:
 * its own calendar and overnight handling, frequency expansion, footpaths (all pairs compared,
 * a bounded label-correcting search) and transfers.txt rules, so that a shared mistake is unlikely.
 *
 * Layer k holds, for every stop, the earliest arrival by a vehicle with at most k vehicles;
 * a trip is boarded in layer k only from a ready time of layer k−1 (the first walk, a change
 * at the stop one got off at, or one footpath from it), so vehicles are counted exactly.
 */
import type { GtfsFeed } from '../../src/core/access/gtfs.ts';
import { haversineMeters, type LatLon } from '../../src/core/geo/geo.ts';

const DAY = 86_400;

function weekdayIndex(date: string): number {
  return (new Date(`${date}T12:00:00Z`).getUTCDay() + 6) % 7;
}

function previousDate(date: string): string {
  const d = new Date(`${date}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() - 1);
  return d.toISOString().slice(0, 10);
}

function runsOn(feed: GtfsFeed, serviceId: string, date: string): boolean {
  let on = false;
  for (const c of feed.calendars)
    if (
      c.serviceId === serviceId &&
      c.startDate <= date &&
      date <= c.endDate &&
      c.weekdays[weekdayIndex(date)]
    )
      on = true;
  for (const e of feed.calendarDates)
    if (e.serviceId === serviceId && e.date === date) on = e.exceptionType === 1;
  return on;
}

export interface OracleRules {
  /** Walking speed, m/s, for footpaths. */
  readonly metersPerSecond: number;
  /** Walking speed, m/min, for the first and last walk (as the engine computes them). */
  readonly metersPerMinute: number;
  readonly detour: number;
  /** Stops this close (straight line) are linked by a footpath. */
  readonly transferRadius: number;
  /** Longest chain of such links, in walked metres. */
  readonly maxTransferWalkMeters: number;
  /** Longest first and last walk, straight-line metres. */
  readonly accessRadius: number;
  readonly maxRounds: number;
  readonly maxDurationSeconds: number;
}

interface Connection {
  readonly run: number;
  readonly from: number;
  readonly to: number;
  readonly dep: number;
  readonly arr: number;
  readonly pickup: boolean;
  readonly dropOff: boolean;
}

export interface ConnectionScanOracle {
  /** Seconds of the first walk from a place to each stop within reach. */
  access(place: LatLon): { stop: number; seconds: number }[];
  /**
   * Earliest arrival by a vehicle at every stop (Infinity where none within the duration
   * limit) when leaving at `t` with these first walks.
   */
  alighted(access: readonly { stop: number; seconds: number }[], t: number): Float64Array;
  /** Seconds of walking all the way (not rounded, as the engine counts it). */
  walkSeconds(origin: LatLon, destination: LatLon): number;
  /** Seconds from `t` to `destination` (public transport or walking all the way), or Infinity. */
  travelSeconds(origin: LatLon, destination: LatLon, t: number): number;
}

export function createConnectionScanOracle(
  feed: GtfsFeed,
  date: string,
  rules: OracleRules,
): ConnectionScanOracle {
  const stopIndex = new Map(feed.stops.map((s, i) => [s.id, i]));
  const n = feed.stops.length;
  const yesterday = previousDate(date);
  const connections: Connection[] = [];
  let runCount = 0;
  for (const trip of feed.trips) {
    const freq = feed.frequencies.filter((f) => f.tripId === trip.id);
    const first = trip.departures[0] ?? 0;
    const starts = freq.length === 0 ? [first] : [];
    for (const f of freq)
      for (let s = f.startSeconds; s < f.endSeconds; s += f.headwaySeconds) starts.push(s);
    for (const [day, shift] of [
      [date, 0],
      [yesterday, -DAY],
    ] as const) {
      if (!runsOn(feed, trip.serviceId, day)) continue;
      for (const start of starts) {
        const run = runCount++;
        const delta = start - first + shift;
        for (let p = 0; p + 1 < trip.stopIds.length; p++) {
          connections.push({
            run,
            from: stopIndex.get(trip.stopIds[p] ?? '') ?? -1,
            to: stopIndex.get(trip.stopIds[p + 1] ?? '') ?? -1,
            dep: (trip.departures[p] ?? 0) + delta,
            arr: (trip.arrivals[p + 1] ?? 0) + delta,
            pickup: !trip.noPickup?.[p],
            dropOff: !trip.noDropOff?.[p + 1],
          });
        }
      }
    }
  }
  // By departure; a run's own connections keep their order (a stable sort).
  connections.sort((a, b) => a.dep - b.dep);

  // Footpaths: chains of links within the radius, at most maxTransferWalkMeters walked: links
  // found by comparing every pair, chains by a label-correcting search from each stop.
  const links: { to: number; meters: number }[][] = feed.stops.map(() => []);
  for (let i = 0; i < n; i++)
    for (let j = i + 1; j < n; j++) {
      const m = haversineMeters(feed.stops[i] as LatLon, feed.stops[j] as LatLon);
      if (m > rules.transferRadius) continue;
      links[i]?.push({ to: j, meters: m * rules.detour });
      links[j]?.push({ to: i, meters: m * rules.detour });
    }
  const walked = (from: number): Map<number, number> => {
    const dist = new Map<number, number>([[from, 0]]);
    const queue = [from];
    while (queue.length > 0) {
      const u = queue.shift() as number;
      const du = dist.get(u) ?? 0;
      for (const { to, meters } of links[u] ?? []) {
        const d = du + meters;
        if (d <= rules.maxTransferWalkMeters && d < (dist.get(to) ?? Number.POSITIVE_INFINITY)) {
          dist.set(to, d);
          queue.push(to);
        }
      }
    }
    dist.delete(from);
    return dist;
  };
  const foot: Map<number, number>[] = feed.stops.map((_, i) => {
    const out = new Map<number, number>();
    for (const [q, m] of walked(i)) out.set(q, Math.ceil(m / rules.metersPerSecond));
    return out;
  });
  const change = new Array<number>(n).fill(0);
  for (const t of feed.transfers ?? []) {
    const a = stopIndex.get(t.fromStopId);
    const b = stopIndex.get(t.toStopId);
    if (a === undefined || b === undefined) continue;
    if (a === b) {
      if (t.type === 3) change[a] = Number.POSITIVE_INFINITY;
      else if (t.type === 2) change[a] = Math.max(change[a] ?? 0, t.minSeconds);
      continue;
    }
    const row = foot[a] as Map<number, number>;
    if (t.type === 3) row.delete(b);
    if (t.type === 2) {
      const meters =
        walked(a).get(b) ?? haversineMeters(feed.stops[a] as LatLon, feed.stops[b] as LatLon) * rules.detour;
      row.set(b, Math.max(Math.ceil(meters / rules.metersPerSecond), t.minSeconds));
    }
  }

  const access = (place: LatLon) =>
    feed.stops.flatMap((p, stop) => {
      const meters = haversineMeters(place, p);
      return meters <= rules.accessRadius
        ? [{ stop, seconds: Math.ceil((meters * rules.detour * 60) / rules.metersPerMinute) }]
        : [];
    });

  const departures = connections.map((c) => c.dep);

  function alighted(legs: readonly { stop: number; seconds: number }[], t: number): Float64Array {
    const limit = t + rules.maxDurationSeconds;
    let ready = new Float64Array(n).fill(Number.POSITIVE_INFINITY);
    for (const leg of legs) ready[leg.stop] = Math.min(ready[leg.stop] ?? 0, t + leg.seconds);
    const best = new Float64Array(n).fill(Number.POSITIVE_INFINITY);
    // The first connection leaving at or after t.
    let lo = 0;
    let hi = departures.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((departures[mid] ?? 0) < t) lo = mid + 1;
      else hi = mid;
    }
    for (let k = 1; k <= rules.maxRounds; k++) {
      const onBoard = new Uint8Array(runCount);
      const layer = new Float64Array(n).fill(Number.POSITIVE_INFINITY);
      for (let i = lo; i < connections.length; i++) {
        const c = connections[i] as Connection;
        if (c.dep > limit) break;
        if (!onBoard[c.run] && c.pickup && (ready[c.from] ?? Number.POSITIVE_INFINITY) <= c.dep)
          onBoard[c.run] = 1;
        if (onBoard[c.run] && c.dropOff && c.arr <= limit && c.arr < (layer[c.to] ?? 0)) layer[c.to] = c.arr;
      }
      const next = Float64Array.from(ready);
      for (let s = 0; s < n; s++) {
        const a = layer[s] ?? Number.POSITIVE_INFINITY;
        if (!Number.isFinite(a)) continue;
        if (a < (best[s] ?? 0)) best[s] = a;
        if (a + (change[s] ?? 0) < (next[s] ?? 0)) next[s] = a + (change[s] ?? 0);
        for (const [q, seconds] of foot[s] ?? []) if (a + seconds < (next[q] ?? 0)) next[q] = a + seconds;
      }
      ready = next;
    }
    for (let s = 0; s < n; s++) if ((best[s] ?? 0) > limit) best[s] = Number.POSITIVE_INFINITY;
    return best;
  }

  const walkSeconds = (origin: LatLon, destination: LatLon) =>
    (haversineMeters(origin, destination) * rules.detour * 60) / rules.metersPerMinute;

  return {
    access,
    alighted,
    walkSeconds,
    travelSeconds(origin, destination, t) {
      const stops = alighted(access(origin), t);
      let arrival = t + walkSeconds(origin, destination);
      for (const leg of access(destination)) {
        const at = (stops[leg.stop] ?? Number.POSITIVE_INFINITY) + leg.seconds;
        if (at < arrival) arrival = at;
      }
      const seconds = arrival - t;
      return seconds <= rules.maxDurationSeconds ? seconds : Number.POSITIVE_INFINITY;
    },
  };
}
