/**
 * RAPTOR agrees with a brute-force time-expanded Dijkstra on seeded random small feeds:
 * transfers on foot, trips past midnight (yesterday's service), calendar exceptions and
 * frequency-based trips are all generated.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_WALKING, walkMinutes } from '../../src/core/access/modes.ts';
import { createRaptor, UNREACHED } from '../../src/core/access/raptor.ts';
import { createRaptorEngine, medianOf } from '../../src/core/access/raptor-engine.ts';
import { compileTimetable } from '../../src/core/access/timetable.ts';
import { haversineMeters } from '../../src/core/geo/geo.ts';
import { createOracle } from '../oracles/time-expanded-dijkstra.ts';
import { BUSY_WINDOWS, feedArb, QUERY_DATE } from './random-feed.ts';

const walking = DEFAULT_WALKING;
const metersPerMinute = (walking.walkSpeedKmh * 1000) / 60;
const metersPerSecond = (walking.walkSpeedKmh * 1000) / 3600;
const accessRadius = (walking.maxAccessWalkMinutes * metersPerMinute) / walking.detourFactor;
/** Departures in and around the busy windows of the random feeds, and the small hours of the next day. */
const departureArb = fc.oneof(
  fc
    .tuple(fc.constantFrom(...BUSY_WINDOWS), fc.integer({ min: -1800, max: 3 * 3600 }))
    .map(([b, d]) => b + d),
  fc.integer({ min: 0, max: 2 * 3600 }),
);
const placeArb = fc.record({
  lat: fc.double({ min: 60.199, max: 60.228, noNaN: true }),
  lon: fc.double({ min: 24.798, max: 24.856, noNaN: true }),
});

describe('RAPTOR against time-expanded Dijkstra', () => {
  it('finds the same earliest arrival at every stop, for every departure of a range', () => {
    fc.assert(
      fc.property(feedArb, placeArb, departureArb, (feed, origin, t0) => {
        // Unbounded closure: with transitively closed footpaths RAPTOR is exact.
        const tt = compileTimetable(feed, QUERY_DATE, {
          walking,
          maxTransferWalkMeters: Number.POSITIVE_INFINITY,
        });
        const oracle = createOracle(feed, QUERY_DATE, {
          metersPerSecond,
          detour: walking.detourFactor,
          transferRadius: walking.transferRadiusMeters,
          accessRadius,
        });
        const access = tt.stopLocations.flatMap((p, stop) => {
          const meters = haversineMeters(origin, p);
          return meters <= accessRadius
            ? [{ stop, seconds: Math.ceil((meters * walking.detourFactor * 60) / metersPerMinute) }]
            : [];
        });
        const departures = [t0, t0 + 300, t0 + 900, t0 + 1800];
        const raptor = createRaptor(tt);
        raptor.range(
          access,
          departures,
          { maxRounds: 40, maxDurationSeconds: 3 * 86_400, walkMetersPerSecond: metersPerSecond },
          (t, best) => {
            const expected = oracle.stopArrivals(origin, t);
            const got = Array.from(best, (v) => (v >= UNREACHED ? Number.POSITIVE_INFINITY : v));
            expect(got).toEqual(Array.from(expected));
          },
        );
      }),
      { seed: 42_2012, numRuns: 250 },
    );
  });

  it('gives the same median travel time over a departure window, walking included', async () => {
    await fc.assert(
      fc.asyncProperty(
        feedArb,
        placeArb,
        fc.array(placeArb, { minLength: 1, maxLength: 3 }),
        departureArb,
        async (feed, origin, destinations, from) => {
          const tt = compileTimetable(feed, QUERY_DATE, {
            walking,
            maxTransferWalkMeters: Number.POSITIVE_INFINITY,
          });
          const window = { fromSeconds: from, toSeconds: from + 600, stepSeconds: 60 };
          const engine = createRaptorEngine(tt, { walking, window, maxRounds: 40, maxMinutes: 3 * 1440 });
          const places = destinations.map((d, i) => ({ id: `d${i}`, location: d }));
          const matrix = await engine.travelTimes([{ id: 'o', location: origin }], places, 'pt');
          const oracle = createOracle(feed, QUERY_DATE, {
            metersPerSecond,
            detour: walking.detourFactor,
            transferRadius: walking.transferRadiusMeters,
            accessRadius,
          });
          for (const [j, d] of destinations.entries()) {
            const samples = new Float64Array(11);
            for (let k = 0; k <= 10; k++) {
              const t = from + 60 * k;
              const stops = oracle.stopArrivals(origin, t);
              const direct = t + walkMinutes(origin, d, walking, false) * 60;
              samples[k] = Math.min(direct, oracle.arrival(origin, d, t, stops)) - t;
            }
            expect(matrix.minutes[j]).toBeCloseTo(medianOf(samples) / 60, 9);
          }
        },
      ),
      { seed: 7_000, numRuns: 120 },
    );
  });
});
