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

function arrivals(f: GtfsFeed, departure: number, rounds = 5): number[] {
  const tt = compileTimetable(f, '2026-03-04');
  const out: number[] = [];
  createRaptor(tt).range(
    [{ stop: 0, seconds: 0 }],
    [departure],
    { maxRounds: rounds, maxDurationSeconds: 86_400, walkMetersPerSecond: 1.4 },
    (_, best) => {
      out.push(...Array.from(best, (v) => (v >= UNREACHED ? -1 : v)));
    },
  );
  return out;
}

describe('RAPTOR', () => {
  it('changes vehicles when the arrival is the very second of the next departure', () => {
    expect(arrivals(feed(), 35_000)).toEqual([35_000, 36_600, 37_200]);
  });

  it('needs a round per vehicle', () => {
    expect(arrivals(feed(), 35_000, 1)).toEqual([35_000, 36_600, -1]);
  });

  it('misses a vehicle that has left', () => {
    expect(arrivals(feed(), 36_001)).toEqual([36_001, -1, -1]);
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
    expect(arrivals(late, 0)).toEqual([0, 1200, -1]);
    const removed = {
      ...late,
      calendarDates: [{ serviceId: 'S', date: '2026-03-03', exceptionType: 2 as const }],
    };
    expect(arrivals(removed, 0)).toEqual([0, -1, -1]);
  });
});
