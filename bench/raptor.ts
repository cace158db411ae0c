/**
 * RAPTOR on a region-sized synthetic feed: milliseconds per origin per departure minute
 * over a 10:00–12:00 window, and peak memory. Prints figures; asserts nothing.
 */
import { performance } from 'node:perf_hooks';
import { DEFAULT_WALKING } from '../src/core/access/modes.ts';
import { createRaptorEngine } from '../src/core/access/raptor-engine.ts';
import { compileTimetable } from '../src/core/access/timetable.ts';
import { trackPeakRss } from './peak-rss.ts';
import { syntheticFeed } from './synthetic-feed.ts';

export async function benchRaptor(
  options: { origins?: number } = {},
): Promise<Record<string, number | string>> {
  const memory = trackPeakRss();
  const sample = memory.sample;
  try {
    let t = performance.now();
    const feed = syntheticFeed();
    const stopTimes = feed.trips.reduce((s, trip) => s + trip.stopIds.length, 0);
    const generateMs = performance.now() - t;
    t = performance.now();
    const window = { fromSeconds: 10 * 3600, toSeconds: 12 * 3600, stepSeconds: 60 };
    const tt = compileTimetable(feed, '2026-03-04', {
      walking: DEFAULT_WALKING,
      window: { fromSeconds: window.fromSeconds, toSeconds: window.toSeconds + 3 * 3600 },
    });
    const compileMs = performance.now() - t;
    sample();
    const engine = createRaptorEngine(tt, { walking: DEFAULT_WALKING, window });
    const count = options.origins ?? 20;
    // Origins spread over the area; destinations: 50 places (a city's service points and venues).
    const pick = (k: number, n: number) =>
      feed.stops[Math.floor(((k + 0.5) * feed.stops.length) / n)] as { lat: number; lon: number };
    const origins = Array.from({ length: count }, (_, k) => ({ id: `o${k}`, location: pick(k, count) }));
    const destinations = Array.from({ length: 50 }, (_, k) => ({
      id: `d${k}`,
      location: pick(k + 0.37, 50),
    }));
    t = performance.now();
    const matrix = await engine.travelTimes(origins, destinations, 'pt');
    const routingMs = performance.now() - t;
    sample();
    const minutes = (window.toSeconds - window.fromSeconds) / 60 + 1;
    const reached = Array.from(matrix.minutes).filter((v) => !Number.isNaN(v)).length;
    return {
      stops: feed.stops.length,
      trips: feed.trips.length,
      stopTimes,
      routes: tt.routeTripCount.length,
      footpaths: tt.transferTo.length,
      generateMs: Math.round(generateMs),
      compileMs: Math.round(compileMs),
      origins: count,
      departureMinutes: minutes,
      msPerOriginPerMinute: Number((routingMs / count / minutes).toFixed(2)),
      reachedPairs: `${reached}/${matrix.minutes.length}`,
      peakRssMiB: memory.peakMiB(),
    };
  } finally {
    memory.stop();
  }
}
