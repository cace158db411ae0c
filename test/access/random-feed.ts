/** Seeded random small GTFS feeds for property tests (fast-check arbitraries). */
import fc from 'fast-check';
import type { GtfsFeed, GtfsTrip } from '../../src/core/access/gtfs.ts';

export const QUERY_DATE = '2026-03-04'; // a Wednesday
/** 08:00 and 23:00 (the latter runs into the next day, 24:00–25:00 and beyond). */
export const BUSY_WINDOWS = [8 * 3600, 23 * 3600] as const;
const DAYS_AROUND = ['2026-03-02', '2026-03-03', '2026-03-04', '2026-03-05'];

const stopArb = fc.record({
  // A 3 km × 3 km box: walking transfers (≤ 500 m) happen, but not everywhere.
  lat: fc.double({ min: 60.2, max: 60.227, noNaN: true }),
  lon: fc.double({ min: 24.8, max: 24.854, noNaN: true }),
});

export const feedArb: fc.Arbitrary<GtfsFeed> = fc
  .record({
    stops: fc.array(stopArb, { minLength: 4, maxLength: 12 }),
    routeSeeds: fc.array(
      fc.record({
        stopPicks: fc.array(fc.nat(), { minLength: 2, maxLength: 6 }),
        trips: fc.array(
          fc.record({
            // Five-minute steps in two busy windows (morning, and late evening running past
            // midnight), so that an arrival often equals another trip's departure: boarding
            // at the very second must be allowed.
            start: fc
              .tuple(fc.constantFrom(...BUSY_WINDOWS), fc.integer({ min: 0, max: 24 }))
              .map(([base, k]) => base + k * 300),
            hops: fc.array(
              fc.integer({ min: 1, max: 4 }).map((m) => m * 300),
              { minLength: 5, maxLength: 5 },
            ),
            dwell: fc.array(fc.constantFrom(0, 0, 300), { minLength: 6, maxLength: 6 }),
            // pickup_type / drop_off_type 1 at some stop times.
            noPickup: fc.array(
              fc.integer({ min: 0, max: 6 }).map((k) => k === 0),
              { minLength: 6, maxLength: 6 },
            ),
            noDropOff: fc.array(
              fc.integer({ min: 0, max: 6 }).map((k) => k === 0),
              { minLength: 6, maxLength: 6 },
            ),
            service: fc.constantFrom('S1', 'S2', 'S3'),
            frequency: fc.option(
              fc.record({
                start: fc
                  .tuple(fc.constantFrom(...BUSY_WINDOWS), fc.integer({ min: 0, max: 24 }))
                  .map(([base, k]) => base + k * 300),
                length: fc.integer({ min: 2, max: 36 }).map((k) => k * 300),
                headway: fc.integer({ min: 1, max: 6 }).map((k) => k * 300),
              }),
              { freq: 3 },
            ),
          }),
          { minLength: 1, maxLength: 6 },
        ),
      }),
      { minLength: 1, maxLength: 5 },
    ),
    calendars: fc.array(
      fc.record({
        service: fc.constantFrom('S1', 'S2', 'S3'),
        weekdays: fc.array(fc.boolean(), { minLength: 7, maxLength: 7 }),
        ends: fc.constantFrom(
          ['2026-01-01', '2026-12-31'],
          ['2026-03-04', '2026-03-04'],
          ['2026-03-05', '2026-06-01'],
          ['2026-01-01', '2026-03-03'],
        ),
      }),
      { maxLength: 3 },
    ),
    transfers: fc.array(
      fc.record({
        from: fc.nat(),
        to: fc.nat(),
        same: fc.boolean(),
        type: fc.constantFrom(0 as const, 2 as const, 2 as const, 3 as const),
        minSeconds: fc.integer({ min: 0, max: 10 }).map((k) => k * 60),
      }),
      { maxLength: 4 },
    ),
    exceptions: fc.array(
      fc.record({
        service: fc.constantFrom('S1', 'S2', 'S3'),
        date: fc.constantFrom(...DAYS_AROUND),
        type: fc.constantFrom(1 as const, 2 as const),
      }),
      { maxLength: 4 },
    ),
  })
  .map(({ stops, routeSeeds, calendars, exceptions, transfers }) => {
    const trips: GtfsTrip[] = [];
    const frequencies: GtfsFeed['frequencies'][number][] = [];
    for (const [r, seed] of routeSeeds.entries()) {
      // A trip of one stop is unusable but harmless (feeds have them): kept.
      const ids = [...new Set(seed.stopPicks.map((p) => p % stops.length))];
      for (const [t, trip] of seed.trips.entries()) {
        const arrivals: number[] = [];
        const departures: number[] = [];
        let time = trip.start;
        for (let p = 0; p < ids.length; p++) {
          if (p > 0) time += trip.hops[p - 1] ?? 60;
          arrivals.push(time);
          time += p === 0 || p === ids.length - 1 ? 0 : (trip.dwell[p] ?? 0);
          departures.push(time);
        }
        const id = `T${r}_${t}`;
        trips.push({
          id,
          routeId: `R${r}`,
          serviceId: trip.service,
          stopIds: ids.map((i) => `s${i}`),
          arrivals,
          departures,
          noPickup: ids.map((_, p) => trip.noPickup[p] ?? false),
          noDropOff: ids.map((_, p) => trip.noDropOff[p] ?? false),
        });
        if (trip.frequency) {
          frequencies.push({
            tripId: id,
            startSeconds: trip.frequency.start,
            endSeconds: trip.frequency.start + trip.frequency.length,
            headwaySeconds: trip.frequency.headway,
            exactTimes: false,
          });
        }
      }
    }
    const seen = new Set<string>();
    return {
      stops: stops.map((s, i) => ({ id: `s${i}`, name: `Stop ${i}`, lat: s.lat, lon: s.lon })),
      routes: routeSeeds.map((_, r) => ({ id: `R${r}`, shortName: `${r}`, longName: '', type: 3 })),
      trips,
      calendars: calendars
        .filter((c) => {
          if (seen.has(c.service)) return false;
          seen.add(c.service);
          return true;
        })
        .map((c) => ({
          serviceId: c.service,
          weekdays: c.weekdays as unknown as [boolean, boolean, boolean, boolean, boolean, boolean, boolean],
          startDate: c.ends[0],
          endDate: c.ends[1],
        })),
      calendarDates: exceptions.map((e) => ({ serviceId: e.service, date: e.date, exceptionType: e.type })),
      frequencies,
      transfers: transfers.map((t) => {
        const from = `s${t.from % stops.length}`;
        return {
          fromStopId: from,
          toStopId: t.same ? from : `s${t.to % stops.length}`,
          type: t.type,
          minSeconds: t.type === 2 ? t.minSeconds : 0,
        };
      }),
    };
  });
