/**
 * RAPTOR on the real published feeds in ../shared/data/gtfs (when present; never copied into
 * the project): import and compile time, milliseconds per origin per departure minute, peak
 * memory, and agreement with the independent connection scan of the tests, minute by minute,
 * on a seeded sample of origins and destinations. Prints figures; asserts nothing.
 */
import { existsSync, readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import type { GtfsFeed } from '../src/core/access/gtfs.ts';
import { DEFAULT_WALKING } from '../src/core/access/modes.ts';
import { createRaptor, UNREACHED } from '../src/core/access/raptor.ts';
import { createRaptorEngine } from '../src/core/access/raptor-engine.ts';
import { compileTimetable } from '../src/core/access/timetable.ts';
import type { LatLon } from '../src/core/geo/geo.ts';
import { parseGtfs, unzipGtfs } from '../src/services/import/gtfs-import.ts';
import { createConnectionScanOracle } from '../test/oracles/connection-scan.ts';
import { trackPeakRss } from './peak-rss.ts';

const FEEDS = [
  { name: 'hsl-helsinki-centre', file: 'hsl-helsinki-centre-2022-02-22.zip', date: '2022-02-22' },
  { name: 'sptrans-sao-paulo', file: 'sptrans-sao-paulo-extract.zip', date: '2019-05-07' },
];
const SHARED = new URL('../../shared/data/gtfs/', import.meta.url);
const WINDOW = { fromSeconds: 10 * 3600, toSeconds: 12 * 3600 - 60, stepSeconds: 60 }; // 120 minutes
const walking = DEFAULT_WALKING;
const PRODUCTION = { maxRounds: 5, maxMinutes: 180 };

/** A seeded pseudo-random sequence (mulberry32), so every run checks the same sample. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Places near stops (a few hundred metres off), as homes and service points would be. */
function samplePlaces(feed: GtfsFeed, count: number, next: () => number): LatLon[] {
  return Array.from({ length: count }, () => {
    const stop = feed.stops[Math.floor(next() * feed.stops.length)] as LatLon;
    return { lat: stop.lat + (next() - 0.5) * 0.006, lon: stop.lon + (next() - 0.5) * 0.012 };
  });
}

async function benchFeed(spec: (typeof FEEDS)[number]): Promise<Record<string, number | string>> {
  const memory = trackPeakRss();
  const sample = memory.sample;
  try {
    let t = performance.now();
    const unzipped = unzipGtfs(spec.file, readFileSync(new URL(spec.file, SHARED)));
    if (!unzipped.ok) return { feed: spec.name, error: unzipped.issues[0]?.message ?? 'unreadable' };
    const parsed = parseGtfs(spec.file, unzipped.files);
    const importMs = performance.now() - t;
    if (!parsed.ok) return { feed: spec.name, error: parsed.issues[0]?.message ?? 'invalid' };
    sample();
    t = performance.now();
    const tt = compileTimetable(parsed.feed, spec.date, {
      walking,
      window: { fromSeconds: WINDOW.fromSeconds, toSeconds: WINDOW.toSeconds + PRODUCTION.maxMinutes * 60 },
    });
    const compileMs = performance.now() - t;
    sample();

    // Speed: the engine as the product runs it, 20 origins × 50 destinations over the window.
    const next = random(2022);
    const speedOrigins = samplePlaces(parsed.feed, 20, next).map((location, i) => ({
      id: `o${i}`,
      location,
    }));
    const speedDestinations = samplePlaces(parsed.feed, 50, next).map((location, i) => ({
      id: `d${i}`,
      location,
    }));
    const engine = createRaptorEngine(tt, { walking, window: WINDOW });
    t = performance.now();
    await engine.travelTimes(speedOrigins, speedDestinations, 'pt');
    const minutes = (WINDOW.toSeconds - WINDOW.fromSeconds) / 60 + 1;
    const msPerOriginPerMinute = (performance.now() - t) / speedOrigins.length / minutes;
    sample();

    // Exactness: 40 origins × 10 destinations × 120 minutes against the connection scan.
    const metersPerMinute = (walking.walkSpeedKmh * 1000) / 60;
    const oracle = createConnectionScanOracle(parsed.feed, spec.date, {
      metersPerSecond: metersPerMinute / 60,
      metersPerMinute,
      detour: walking.detourFactor,
      transferRadius: walking.transferRadiusMeters,
      maxTransferWalkMeters: 1_000,
      accessRadius: (walking.maxAccessWalkMinutes * metersPerMinute) / walking.detourFactor,
      maxRounds: PRODUCTION.maxRounds,
      maxDurationSeconds: PRODUCTION.maxMinutes * 60,
    });
    const origins = samplePlaces(parsed.feed, 40, next);
    const destinations = samplePlaces(parsed.feed, 10, next);
    const egress = destinations.map((d) => oracle.access(d));
    const raptor = createRaptor(tt);
    const departures = Array.from({ length: minutes }, (_, i) => WINDOW.fromSeconds + 60 * i);
    let compared = 0;
    let equal = 0;
    let byTransit = 0;
    let firstDifference = '';
    t = performance.now();
    for (const [o, origin] of origins.entries()) {
      raptor.range(
        oracle.access(origin),
        departures,
        {
          maxRounds: PRODUCTION.maxRounds,
          maxDurationSeconds: PRODUCTION.maxMinutes * 60,
          walkMetersPerSecond: metersPerMinute / 60,
        },
        (dep, alighted) => {
          for (const [j, d] of destinations.entries()) {
            const walkAll = dep + oracle.walkSeconds(origin, d);
            let arrival = walkAll;
            for (const leg of egress[j] ?? []) {
              const at = alighted[leg.stop] ?? UNREACHED;
              if (at < UNREACHED && at + leg.seconds < arrival) arrival = at + leg.seconds;
            }
            if (arrival < walkAll) byTransit++;
            const got =
              arrival - dep <= PRODUCTION.maxMinutes * 60 ? arrival - dep : Number.POSITIVE_INFINITY;
            const expected = oracle.travelSeconds(origin, d, dep);
            compared++;
            if (got === expected) equal++;
            else if (!firstDifference)
              firstDifference = `origin ${o}, destination ${j}, ${dep / 60} min: RAPTOR ${got} s, scan ${expected} s`;
          }
        },
      );
    }
    const checkMs = performance.now() - t;
    sample();
    return {
      feed: spec.name,
      date: spec.date,
      stops: parsed.feed.stops.length,
      trips: parsed.feed.trips.length,
      warnings: parsed.warnings.length,
      routes: tt.routeTripCount.length,
      footpaths: tt.transferTo.length,
      importMs: Math.round(importMs),
      compileMs: Math.round(compileMs),
      departureMinutes: minutes,
      msPerOriginPerMinute: Number(msPerOriginPerMinute.toFixed(2)),
      exactSample: `${equal}/${compared} equal (40 origins × 10 destinations × ${minutes} minutes; ${byTransit} of them faster by public transport than on foot)`,
      ...(firstDifference ? { firstDifference } : {}),
      exactCheckMs: Math.round(checkMs),
      peakRssMiB: memory.peakMiB(),
    };
  } finally {
    memory.stop();
  }
}

/** Every real feed found; an empty list when ../shared is not there. */
export async function benchRealFeeds(): Promise<Record<string, number | string>[]> {
  const out: Record<string, number | string>[] = [];
  for (const spec of FEEDS) if (existsSync(new URL(spec.file, SHARED))) out.push(await benchFeed(spec));
  return out;
}
