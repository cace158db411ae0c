import { describe, expect, it } from 'vitest';
import type { GtfsFeed } from './gtfs.ts';
import { createRaptor, UNREACHED } from './raptor.ts';
import { compileTimetable } from './timetable.ts';

const everyDay = [true, true, true, true, true, true, true] as const;
// Three stops 2 km apart: no walking transfers between them.
const stops = [
  { id: 'a', name: 'A', lat: 60.2, lon: 24.8 },
  { id: 'b', name: 'B', lat: 60.218, lon: 24.8 },
  { id: 'c', name: 'C', lat: 60.236, lon: 24.8 },
];
const feed = (extra: Partial<GtfsFeed> = {}): GtfsFeed => ({
  stops,
  routes: [],
  trips: [
    {
      id: 'ab',
      routeId: 'r1',
      serviceId: 'S',
      stopIds: ['a', 'b'],
      arrivals: [36_000, 36_600],
      departures: [36_000, 36_600],
    },
    {
      id: 'bc',
      routeId: 'r2',
      serviceId: 'S',
      stopIds: ['b', 'c'],
      arrivals: [36_600, 37_200],
      departures: [36_600, 37_200],
    },
  ],
  calendars: [{ serviceId: 'S', weekdays: [...everyDay], startDate: '2026-01-01', endDate: '2026-12-31' }],
  calendarDates: [],
  frequencies: [],
  ...extra,
});

/** Arrivals by vehicle at every stop (-1: none) for each departure, the first walk to stop 0. */
function arrivalsOver(f: GtfsFeed, departures: number[], rounds = 5): Map<number, number[]> {
  const tt = compileTimetable(f, '2026-03-04');
  const out = new Map<number, number[]>();
  createRaptor(tt).range(
    [{ stop: 0, seconds: 0 }],
    departures,
    { maxRounds: rounds, maxDurationSeconds: 86_400, walkMetersPerSecond: 1.4 },
    (t, best) => {
      out.set(
        t,
        Array.from(best, (v) => (v >= UNREACHED ? -1 : v)),
      );
    },
  );
  return out;
}

function arrivals(f: GtfsFeed, departure: number, rounds = 5): number[] {
  return arrivalsOver(f, [departure], rounds).get(departure) ?? [];
}

const trip = (
  id: string,
  stopIds: string[],
  times: number[],
  extra: Partial<GtfsFeed['trips'][number]> = {},
) => ({
  id,
  routeId: id,
  serviceId: 'S',
  stopIds,
  arrivals: times,
  departures: times,
  ...extra,
});
const H = (h: number, m: number, s = 0) => h * 3600 + m * 60 + s;
/** Stops on a line north from 60.2 N, `metres` apart (straight line). */
const line = (ids: string[], metres: number) =>
  ids.map((id, i) => ({ id, name: id, lat: 60.2 + (i * metres) / 111_320, lon: 24.8 }));

describe('RAPTOR', () => {
  it('changes vehicles when the arrival is the very second of the next departure', () => {
    expect(arrivals(feed(), 35_000)).toEqual([-1, 36_600, 37_200]);
  });

  it('needs a round per vehicle', () => {
    expect(arrivals(feed(), 35_000, 1)).toEqual([-1, 36_600, -1]);
  });

  it('misses a vehicle that has left', () => {
    expect(arrivals(feed(), 36_001)).toEqual([-1, -1, -1]);
  });

  it('runs yesterday’s trips past midnight, and not on a removed date', () => {
    const late = feed({
      trips: [
        {
          id: 'n',
          routeId: 'r',
          serviceId: 'S',
          stopIds: ['a', 'b'],
          arrivals: [86_400 + 600, 86_400 + 1200],
          departures: [86_400 + 600, 86_400 + 1200],
        },
      ],
    });
    expect(arrivals(late, 0)).toEqual([-1, 1200, -1]);
    const removed = {
      ...late,
      calendarDates: [{ serviceId: 'S', date: '2026-03-03', exceptionType: 2 as const }],
    };
    expect(arrivals(removed, 0)).toEqual([-1, -1, -1]);
  });

  it('boards only where the timetable takes passengers on, and alights only where it lets them off', () => {
    const restricted = feed({
      trips: [
        trip('abc', ['a', 'b', 'c'], [36_000, 36_600, 37_200], {
          noPickup: [false, false, false],
          noDropOff: [false, true, false],
        }),
        trip('bc', ['b', 'c'], [36_700, 37_000], { noPickup: [true, false] }),
      ],
    });
    // b cannot be got off at; the bc trip cannot be boarded at b anyway.
    expect(arrivals(restricted, 35_000)).toEqual([-1, -1, 37_200]);
  });

  it('changes at a stop only after its change time, and not at all where transfers.txt forbids it', () => {
    const timed = (type: 2 | 3, minSeconds: number) =>
      feed({ transfers: [{ fromStopId: 'b', toStopId: 'b', type, minSeconds }] });
    expect(arrivals(timed(2, 60), 35_000)).toEqual([-1, 36_600, -1]);
    expect(arrivals(timed(2, 0), 35_000)).toEqual([-1, 36_600, 37_200]);
    expect(arrivals(timed(3, 0), 35_000)).toEqual([-1, 36_600, -1]);
  });

  // Class 3 of the travel-time issue: a later departure's arrival with more vehicles hid an
  // earlier departure's arrival with fewer, which the round limit needed.
  it('keeps a later departure’s arrival with more vehicles from hiding one with fewer (round limit)', () => {
    const far = {
      stops: line(['o', 'a', 'x', 'd'], 2_000),
      routes: [],
      calendars: feed().calendars,
      calendarDates: [],
      frequencies: [],
      trips: [
        trip('ox', ['o', 'x'], [H(10, 0), H(10, 25)]),
        trip('oa', ['o', 'a'], [H(10, 5), H(10, 10)]),
        trip('ax', ['a', 'x'], [H(10, 12), H(10, 20)]),
        trip('xd', ['x', 'd'], [H(10, 26), H(10, 40)]),
      ],
    };
    const early = H(9, 59);
    const late = H(10, 4);
    const range = arrivalsOver(far, [early, late], 2);
    expect(range.get(late)).toEqual([-1, H(10, 10), H(10, 20), -1]);
    expect(range.get(early)).toEqual(arrivals(far, early, 2));
    expect(range.get(early)?.[3]).toBe(H(10, 40));
  });

  // Class 4: with one label per stop, an arrival on foot hid a later arrival by vehicle from
  // which a footpath goes on; and footpaths chained within one round past their bound.
  it('walks on from a vehicle’s arrival even when the stop was reached earlier on foot', () => {
    // s, p, q 450 m apart in a line: s–p and p–q are footpaths (585 m walked), s–q is not
    // (900 m, beyond the 500 m radius, and 1 170 m walked, beyond the 1 000 m bound).
    const walkers = {
      stops: [
        ...line(['s', 'p', 'q'], 450),
        { id: 'o', name: 'o', lat: 60.1, lon: 24.8 },
        { id: 'd', name: 'd', lat: 60.3, lon: 24.8 },
        { id: 'a', name: 'a', lat: 60.15, lon: 24.8 },
      ],
      routes: [],
      calendars: feed().calendars,
      calendarDates: [],
      frequencies: [],
      trips: [
        // Round 1: to s, and on foot s → p (10.01.50); round 2: by vehicle to p at 10.02.30.
        trip('os', ['o', 's'], [H(9, 50), H(9, 55)]),
        trip('oa', ['o', 'a'], [H(9, 49), H(9, 53)]),
        trip('ap', ['a', 'p'], [H(9, 54), H(10, 2, 30)]),
        trip('qd', ['q', 'd'], [H(10, 10), H(10, 30)]),
      ],
    };
    const origin = walkers.stops.findIndex((s) => s.id === 'o');
    const tt = compileTimetable(walkers, '2026-03-04');
    let got: number[] = [];
    createRaptor(tt).range(
      [{ stop: origin, seconds: 0 }],
      [H(9, 45)],
      { maxRounds: 5, maxDurationSeconds: 86_400, walkMetersPerSecond: 5.15 / 3.6 },
      (_, best) => {
        got = Array.from(best, (v) => (v >= UNREACHED ? -1 : v));
      },
    );
    const d = walkers.stops.findIndex((s) => s.id === 'd');
    // 10.02.30 at p by vehicle (the arrival on foot at 10.01.50 cannot be walked on from),
    // 585 m on to q (410 s): 10.09.20, in time for the 10.10 trip.
    expect(got[d]).toBe(H(10, 30));
  });
  it('never chains two footpaths within a round, whatever order the stops are processed in', () => {
    const stops = [
      ...line(['s', 'p', 'q'], 450),
      { id: 'o', name: 'o', lat: 60.1, lon: 24.8 },
      { id: 'd', name: 'd', lat: 60.3, lon: 24.8 },
    ];
    const base = { routes: [], calendars: feed().calendars, calendarDates: [], frequencies: [] };
    const trips = [
      trip('os', ['o', 's'], [H(9, 50), H(9, 55)]),
      trip('op', ['o', 'p'], [H(9, 50), H(10, 30)]),
      // s → p → q on foot (1 170 m, two footpaths) would reach q at 10.08.40, in time for 10.09.
      trip('qd', ['q', 'd'], [H(10, 9), H(10, 24)]),
      trip('qd2', ['q', 'd'], [H(10, 40), H(11, 0)]),
    ];
    for (const order of [trips, [...trips].reverse()]) {
      const f = { ...base, stops, trips: order };
      const tt = compileTimetable(f, '2026-03-04');
      let got: number[] = [];
      createRaptor(tt).range(
        [{ stop: stops.findIndex((s) => s.id === 'o'), seconds: 0 }],
        [H(9, 45)],
        { maxRounds: 5, maxDurationSeconds: 86_400, walkMetersPerSecond: 5.15 / 3.6 },
        (_, best) => {
          got = Array.from(best, (v) => (v >= UNREACHED ? -1 : v));
        },
      );
      // By vehicle to p at 10.30, one footpath to q (10.36.50), the 10.40 trip: 11.00.
      expect(got[stops.findIndex((s) => s.id === 'd')]).toBe(H(11, 0));
    }
  });
});
