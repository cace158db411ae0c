/**
 * A region-sized synthetic GTFS feed for benchmarks: about 7,000 stops on a jittered grid
 * (a 42 km × 26 km area around Espoo and Helsinki), 700 routes of 30 stops walking between
 * neighbouring stops, each run every 15 minutes from 05:00 to 22:45: 50,400 trips and
 * 1.5 million stop times. Deterministic (a seeded generator), so runs are comparable.
 */
import type { GtfsFeed, GtfsTrip } from '../src/core/access/gtfs.ts';
import { seededRandom as random } from '../src/core/random.ts';

export interface SyntheticSize {
  readonly columns: number;
  readonly rows: number;
  readonly routes: number;
  readonly stopsPerRoute: number;
  readonly headwayMinutes: number;
}

export const REGION: SyntheticSize = {
  columns: 100,
  rows: 70,
  routes: 700,
  stopsPerRoute: 30,
  headwayMinutes: 15,
};

export function syntheticFeed(size: SyntheticSize = REGION, seed = 2026): GtfsFeed {
  const rnd = random(seed);
  const lat0 = 60.1;
  const lon0 = 24.5;
  const dLat = 26 / 111.2 / size.rows; // ≈ 370 m
  const dLon = 42 / (111.2 * Math.cos((lat0 * Math.PI) / 180)) / size.columns; // ≈ 420 m
  const stops = [];
  for (let r = 0; r < size.rows; r++) {
    for (let c = 0; c < size.columns; c++) {
      stops.push({
        id: `s${r}_${c}`,
        name: `Stop ${r}/${c}`,
        lat: lat0 + (r + (rnd() - 0.5) * 0.4) * dLat,
        lon: lon0 + (c + (rnd() - 0.5) * 0.4) * dLon,
      });
    }
  }
  const trips: GtfsTrip[] = [];
  const routes = [];
  const moves = [
    [0, 1],
    [1, 0],
    [0, -1],
    [-1, 0],
  ] as const;
  for (let k = 0; k < size.routes; k++) {
    let r = Math.floor(rnd() * size.rows);
    let c = Math.floor(rnd() * size.columns);
    // A mostly straight line that bends now and then, like a bus route.
    let dir = Math.floor(rnd() * 4);
    const path: string[] = [];
    const seen = new Set<string>();
    for (let guard = 0; path.length < size.stopsPerRoute && guard < 1000; guard++) {
      const id = `s${r}_${c}`;
      if (!seen.has(id)) {
        seen.add(id);
        path.push(id);
      }
      if (rnd() < 0.25) dir = Math.floor(rnd() * 4);
      const [dr, dc] = moves[dir] ?? [0, 1];
      const nr = r + dr;
      const nc = c + dc;
      if (nr < 0 || nr >= size.rows || nc < 0 || nc >= size.columns) {
        dir = (dir + 2) % 4;
        continue;
      }
      r = nr;
      c = nc;
    }
    const routeId = `R${k}`;
    routes.push({ id: routeId, shortName: `${k}`, longName: '', type: 3 });
    const hop = 60 + Math.floor(rnd() * 60); // 1–2 minutes between stops
    const offset = Math.floor(rnd() * size.headwayMinutes * 60);
    for (let start = 5 * 3600 + offset; start < 23 * 3600; start += size.headwayMinutes * 60) {
      const times = path.map((_, p) => start + p * hop);
      trips.push({
        id: `${routeId}_${start}`,
        routeId,
        serviceId: 'WEEKDAY',
        stopIds: path,
        arrivals: times,
        departures: times,
      });
    }
  }
  return {
    stops,
    routes,
    trips,
    calendars: [
      {
        serviceId: 'WEEKDAY',
        weekdays: [true, true, true, true, true, false, false],
        startDate: '2026-01-01',
        endDate: '2026-12-31',
      },
    ],
    calendarDates: [],
    frequencies: [],
  };
}
