/**
 * One contract for every travel-time engine (RAPTOR on GTFS, the approximate model, a
 * stored matrix), run on the same small world: a place, its neighbour 1 km away, a place
 * 7 km away along a rail line, and one 200 km away that nothing reaches.
 */
import { describe, expect, it } from 'vitest';
import { createApproximateEngine } from '../../src/core/access/approximate-model.ts';
import { minutesAt, type Place, type TravelTimeEngine } from '../../src/core/access/engine.ts';
import type { GtfsFeed } from '../../src/core/access/gtfs.ts';
import { createMatrixEngine, type MatrixRow } from '../../src/core/access/matrix-engine.ts';
import { TRAVEL_MODES, type TravelMode } from '../../src/core/access/modes.ts';
import { createRaptorEngine } from '../../src/core/access/raptor-engine.ts';
import { compileTimetable } from '../../src/core/access/timetable.ts';

const places: Place[] = [
  { id: 'home', location: { lat: 60.2, lon: 24.8 }, districtId: 'north' },
  { id: 'neighbour', location: { lat: 60.21, lon: 24.8 }, districtId: 'north' },
  { id: 'town', location: { lat: 60.26, lon: 24.8 }, districtId: 'north' },
  { id: 'far', location: { lat: 61.9, lon: 27.5 }, districtId: null },
];
const DATE = '2026-03-04';

const railFeed: GtfsFeed = {
  stops: [
    { id: 'S1', name: 'Home station', lat: 60.2005, lon: 24.8 },
    { id: 'S2', name: 'Town station', lat: 60.2595, lon: 24.8 },
  ],
  routes: [{ id: 'R', shortName: 'R', longName: '', type: 2 }],
  trips: Array.from({ length: 48 }, (_, k) => {
    const t = 8 * 3600 + k * 600;
    return {
      id: `t${k}`,
      routeId: 'R',
      serviceId: 'S',
      stopIds: ['S1', 'S2'],
      arrivals: [t, t + 360],
      departures: [t, t + 360],
    };
  }),
  calendars: [
    {
      serviceId: 'S',
      weekdays: [true, true, true, true, true, false, false],
      startDate: '2026-01-01',
      endDate: '2026-12-31',
    },
  ],
  calendarDates: [],
  frequencies: [],
};

const approximate = () =>
  createApproximateEngine(
    {
      lines: [
        {
          id: 'rail',
          speedKmh: 60,
          headwayMinutes: 10,
          stations: [
            { id: 'S1', location: { lat: 60.2005, lon: 24.8 }, opened: null },
            { id: 'S2', location: { lat: 60.2595, lon: 24.8 }, opened: null },
          ],
        },
      ],
      bus: {
        default: { speedKmh: 20, headwayMinutes: 15, stopSpacingMeters: 400, detourFactor: 1.3 },
        byDistrict: {},
      },
    },
    { date: DATE },
  );

async function storedMatrix(): Promise<TravelTimeEngine> {
  const source = approximate();
  const rows = new Map<TravelMode, MatrixRow[]>();
  for (const mode of TRAVEL_MODES) {
    const m = await source.travelTimes(places, places, mode);
    rows.set(
      mode,
      m.originIds.flatMap((o, i) =>
        m.destinationIds.map((d, j) => ({ originId: o, destinationId: d, minutes: minutesAt(m, i, j) })),
      ),
    );
  }
  return createMatrixEngine({
    id: 'test',
    modes: TRAVEL_MODES,
    approximate: false,
    load: async (mode, originIds) => (rows.get(mode) ?? []).filter((r) => originIds.includes(r.originId)),
  });
}

const engines: [string, () => Promise<TravelTimeEngine>][] = [
  [
    'RAPTOR on GTFS',
    async () =>
      createRaptorEngine(compileTimetable(railFeed, DATE), {
        window: { fromSeconds: 36_000, toSeconds: 43_200, stepSeconds: 60 },
      }),
  ],
  ['approximate model', async () => approximate()],
  ['stored matrix', storedMatrix],
];

describe.each(engines)('%s', (_, make) => {
  it('answers every mode with an origins × destinations matrix in the order asked', async () => {
    const engine = await make();
    for (const mode of TRAVEL_MODES) {
      const m = await engine.travelTimes(places, places.slice(0, 3), mode);
      expect(m.mode).toBe(mode);
      expect(m.originIds).toEqual(places.map((p) => p.id));
      expect(m.destinationIds).toEqual(['home', 'neighbour', 'town']);
      expect(m.minutes).toHaveLength(12);
      if (mode === 'pt' || mode === 'pt-slow') expect(m.approximate).toBe(engine.approximate);
    }
  });

  it('takes no time to where you already are, and a few minutes to the neighbour', async () => {
    const engine = await make();
    for (const mode of ['walk', 'pt'] as const) {
      const m = await engine.travelTimes(places, places, mode);
      expect(minutesAt(m, 0, 0)).toBeLessThan(1);
      expect(minutesAt(m, 0, 1)).toBeGreaterThan(5);
      expect(minutesAt(m, 0, 1)).toBeLessThan(20);
    }
  });

  it('is never slower by public transport than on foot, and slow walkers are never faster', async () => {
    const engine = await make();
    const walk = await engine.travelTimes(places, places, 'walk');
    const walkSlow = await engine.travelTimes(places, places, 'walk-slow');
    const pt = await engine.travelTimes(places, places, 'pt');
    const ptSlow = await engine.travelTimes(places, places, 'pt-slow');
    for (let i = 0; i < places.length; i++) {
      for (let j = 0; j < places.length; j++) {
        const w = minutesAt(walk, i, j);
        const ws = minutesAt(walkSlow, i, j);
        const p = minutesAt(pt, i, j);
        const ps = minutesAt(ptSlow, i, j);
        if (w !== null && ws !== null) expect(ws).toBeGreaterThanOrEqual(w);
        if (w !== null) expect(p).not.toBeNull();
        if (w !== null && p !== null) expect(p).toBeLessThanOrEqual(w + 1e-9);
        if (p !== null && ps !== null) expect(ps).toBeGreaterThanOrEqual(p - 1e-9);
      }
    }
  });

  it('uses the line: the town 7 km away is much closer by public transport than on foot', async () => {
    const engine = await make();
    const walk = minutesAt(await engine.travelTimes(places, places, 'walk'), 0, 2);
    const pt = minutesAt(await engine.travelTimes(places, places, 'pt'), 0, 2);
    expect(walk).not.toBeNull();
    expect(pt).not.toBeNull();
    expect((pt ?? 0) * 2).toBeLessThan(walk ?? 0);
  });

  it('says explicitly when a place cannot be reached', async () => {
    const engine = await make();
    for (const mode of ['walk', 'walk-slow', 'pt', 'pt-slow'] as const) {
      const m = await engine.travelTimes(places, places, mode);
      expect(minutesAt(m, 0, 3), mode).toBeNull();
      expect(minutesAt(m, 3, 0), mode).toBeNull();
    }
  });
});
