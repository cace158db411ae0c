/**
 * RAPTOR against an independent layered connection scan, under the product's own settings:
 * at most 5 vehicles (and fewer, so the round limit bites), footpaths within 500 m closed up
 * to 1 000 m walked, first and last walks of at most 20 minutes, over departure windows of
 * every minute. The seeded random feeds have trips past midnight, calendar exceptions,
 * frequency-based trips, one-stop trips, pickup and drop-off restrictions and transfers.txt
 * rules (changes with a minimum time, forbidden ones).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_WALKING } from '../../src/core/access/modes.ts';
import { createRaptor, UNREACHED } from '../../src/core/access/raptor.ts';
import { createRaptorEngine, medianOf } from '../../src/core/access/raptor-engine.ts';
import { compileTimetable } from '../../src/core/access/timetable.ts';
import { createConnectionScanOracle, type OracleRules } from '../oracles/connection-scan.ts';
import { BUSY_WINDOWS, feedArb, QUERY_DATE } from './random-feed.ts';

const walking = DEFAULT_WALKING;
/** As the product runs: createRaptorEngine's defaults and compileTimetable's footpath bound. */
const PRODUCTION = { maxRounds: 5, maxMinutes: 180, maxTransferWalkMeters: 1_000 };
const metersPerMinute = (walking.walkSpeedKmh * 1000) / 60;
const metersPerSecond = (walking.walkSpeedKmh * 1000) / 3600;
const rules = (maxRounds: number): OracleRules => ({
  metersPerSecond,
  metersPerMinute,
  detour: walking.detourFactor,
  transferRadius: walking.transferRadiusMeters,
  maxTransferWalkMeters: PRODUCTION.maxTransferWalkMeters,
  accessRadius: (walking.maxAccessWalkMinutes * metersPerMinute) / walking.detourFactor,
  maxRounds,
  maxDurationSeconds: PRODUCTION.maxMinutes * 60,
});

/** The start of a window in and around the busy hours of the random feeds, or just after midnight. */
const windowStartArb = fc.oneof(
  fc
    .tuple(fc.constantFrom(...BUSY_WINDOWS), fc.integer({ min: -1800, max: 2 * 3600 }))
    .map(([b, d]) => b + d),
  fc.integer({ min: 0, max: 2 * 3600 }),
);
const placeArb = fc.record({
  lat: fc.double({ min: 60.199, max: 60.228, noNaN: true }),
  lon: fc.double({ min: 24.798, max: 24.856, noNaN: true }),
});
const roundsArb = fc.oneof(fc.constant(PRODUCTION.maxRounds), fc.integer({ min: 1, max: 4 }));

const minutes = (from: number, count: number) => Array.from({ length: count }, (_, i) => from + 60 * i);
const visible = (v: number, limit: number) => (v >= UNREACHED || v > limit ? Number.POSITIVE_INFINITY : v);

describe('RAPTOR against a layered connection scan, at the production settings', () => {
  it('finds the same earliest arrival by vehicle at every stop, for every minute of a window', () => {
    fc.assert(
      fc.property(feedArb, placeArb, windowStartArb, roundsArb, (feed, origin, from, maxRounds) => {
        const tt = compileTimetable(feed, QUERY_DATE, {
          walking,
          maxTransferWalkMeters: PRODUCTION.maxTransferWalkMeters,
        });
        const oracle = createConnectionScanOracle(feed, QUERY_DATE, rules(maxRounds));
        const access = oracle.access(origin);
        const maxDurationSeconds = PRODUCTION.maxMinutes * 60;
        createRaptor(tt).range(
          access,
          minutes(from, 15),
          { maxRounds, maxDurationSeconds, walkMetersPerSecond: metersPerSecond },
          (t, alighted) => {
            const got = Array.from(alighted, (v) => visible(v, t + maxDurationSeconds));
            expect(got).toEqual(Array.from(oracle.alighted(access, t)));
          },
        );
      }),
      { seed: 42_2012, numRuns: 300 },
    );
  });

  it('gives over a window, for every minute, exactly what a run of that minute alone gives', () => {
    fc.assert(
      fc.property(feedArb, placeArb, windowStartArb, roundsArb, (feed, origin, from, maxRounds) => {
        const tt = compileTimetable(feed, QUERY_DATE, { walking });
        const access = createConnectionScanOracle(feed, QUERY_DATE, rules(maxRounds)).access(origin);
        const options = {
          maxRounds,
          maxDurationSeconds: PRODUCTION.maxMinutes * 60,
          walkMetersPerSecond: metersPerSecond,
        };
        const raptor = createRaptor(tt);
        const windowed = new Map<number, number[]>();
        raptor.range(access, minutes(from, 20), options, (t, alighted) => {
          windowed.set(
            t,
            Array.from(alighted, (v) => visible(v, t + options.maxDurationSeconds)),
          );
        });
        for (const [t, got] of windowed) {
          raptor.range(access, [t], options, (_, alone) => {
            expect(got).toEqual(Array.from(alone, (v) => visible(v, t + options.maxDurationSeconds)));
          });
        }
      }),
      { seed: 2_2012, numRuns: 200 },
    );
  });

  it('gives the same median travel time over a window, the last walk and walking all the way included', async () => {
    await fc.assert(
      fc.asyncProperty(
        feedArb,
        placeArb,
        fc.array(placeArb, { minLength: 1, maxLength: 3 }),
        windowStartArb,
        async (feed, origin, destinations, from) => {
          const tt = compileTimetable(feed, QUERY_DATE, { walking });
          const window = { fromSeconds: from, toSeconds: from + 600, stepSeconds: 60 };
          // The engine's defaults are the production settings.
          const engine = createRaptorEngine(tt, { walking, window });
          const places = destinations.map((d, i) => ({ id: `d${i}`, location: d }));
          const matrix = await engine.travelTimes([{ id: 'o', location: origin }], places, 'pt');
          const oracle = createConnectionScanOracle(feed, QUERY_DATE, rules(PRODUCTION.maxRounds));
          for (const [j, d] of destinations.entries()) {
            const samples = Float64Array.from(minutes(from, 11), (t) => oracle.travelSeconds(origin, d, t));
            const expected = medianOf(samples);
            if (Number.isFinite(expected)) expect(matrix.minutes[j]).toBeCloseTo(expected / 60, 9);
            else expect(matrix.minutes[j]).toBeNaN();
          }
        },
      ),
      { seed: 7_000, numRuns: 150 },
    );
  });
});
