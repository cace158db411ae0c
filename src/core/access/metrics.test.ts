import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { countsOfPopulation } from '../model/area.ts';
import type { TravelTimeMatrix } from './engine.ts';
import {
  cumulativeShares,
  dataShare,
  nearestMinutes,
  reachableServiceHours,
  summarizeGroup,
  weightedQuantile,
} from './metrics.ts';

const population = (total: number, a75: number) =>
  countsOfPopulation({
    total,
    age65to74: Math.floor(total / 10),
    age75plus: a75,
    foreignLanguage: 0,
    swedishSpeaking: 0,
    extraGroups: {},
  });

const matrixArb = fc
  .record({ origins: fc.integer({ min: 1, max: 8 }), sites: fc.integer({ min: 1, max: 6 }) })
  .chain(({ origins, sites }) =>
    fc
      .record({
        values: fc.array(fc.oneof(fc.double({ min: 0, max: 120, noNaN: true }), fc.constant(Number.NaN)), {
          minLength: origins * sites,
          maxLength: origins * sites,
        }),
        populations: fc.array(fc.integer({ min: 0, max: 10_000 }), {
          minLength: origins,
          maxLength: origins,
        }),
        open: fc.array(fc.boolean(), { minLength: sites, maxLength: sites }),
        extra: fc.nat({ max: sites - 1 }),
      })
      .map((r) => ({ ...r, origins, sites })),
  );

function build(m: { values: number[]; origins: number; sites: number }): TravelTimeMatrix {
  return {
    mode: 'pt',
    originIds: Array.from({ length: m.origins }, (_, i) => `a${i}`),
    destinationIds: Array.from({ length: m.sites }, (_, j) => `s${j}`),
    minutes: Float64Array.from(m.values),
    engine: 'test',
    approximate: false,
  };
}

describe('access metrics', () => {
  it('closing a point never shortens anyone’s travel time; opening one never lengthens it', () => {
    fc.assert(
      fc.property(matrixArb, (m) => {
        const matrix = build(m);
        const areas = m.populations.map((p, i) => ({
          id: `a${i}`,
          counts: population(p, Math.floor(p / 5)),
        }));
        const open = new Set(m.open.flatMap((o, j) => (o ? [`s${j}`] : [])));
        const bigger = new Set([...open, `s${m.extra}`]);
        const before = nearestMinutes(matrix, open);
        const after = nearestMinutes(matrix, bigger);
        for (let i = 0; i < m.origins; i++) expect(after[i]).toBeLessThanOrEqual(before[i] ?? 0);
        for (const group of ['all', 'age75plus']) {
          const closed = summarizeGroup(areas, before, group);
          const opened = summarizeGroup(areas, after, group);
          for (const t of ['15', '30', '45'] as const)
            expect(opened.shareWithin[t]).toBeGreaterThanOrEqual(closed.shareWithin[t] - 1e-12);
          expect(opened.unreachableShare).toBeLessThanOrEqual(closed.unreachableShare + 1e-12);
          const le = (a: number | null, b: number | null) =>
            expect(a ?? Number.POSITIVE_INFINITY).toBeLessThanOrEqual(b ?? Number.POSITIVE_INFINITY);
          le(opened.medianMinutes, closed.medianMinutes);
          le(opened.p90Minutes, closed.p90Minutes);
        }
      }),
      { seed: 1974, numRuns: 400 },
    );
  });

  it('weights quantiles by population (lower definition)', () => {
    expect(weightedQuantile([10, 20, 30], [1, 1, 1], 0.5)).toBe(20);
    expect(weightedQuantile([10, 20, 30], [5, 1, 1], 0.5)).toBe(10);
    expect(weightedQuantile([10, 20, Number.POSITIVE_INFINITY], [1, 1, 8], 0.5)).toBe(
      Number.POSITIVE_INFINITY,
    );
  });

  it('summarises a group, counting the unreachable as beyond every threshold', () => {
    const areas = [
      { id: 'a', counts: population(100, 50) },
      { id: 'b', counts: population(300, 0) },
      { id: 'c', counts: population(100, 50) },
    ];
    const s = summarizeGroup(areas, [10, 40, Number.POSITIVE_INFINITY], 'all');
    expect(s).toMatchObject({ population: 500, medianMinutes: 40, p90Minutes: null, unreachableShare: 0.2 });
    expect(s.meanMinutes).toBeCloseTo((100 * 10 + 300 * 40) / 400);
    expect(s.shareWithin).toEqual({ '15': 0.2, '30': 0.2, '45': 0.8 });
    const old = summarizeGroup(areas, [10, 40, Number.POSITIVE_INFINITY], 'age75plus');
    expect(old).toMatchObject({ population: 100, medianMinutes: 10, unreachableShare: 0.5 });
    expect(cumulativeShares(areas, [10, 40, Number.POSITIVE_INFINITY], 'all', 45).slice(9, 12)).toEqual([
      0, 0.2, 0.2,
    ]);
  });

  it('summarises a group only over the units that have a figure for it, and says how many do', () => {
    const units: { id: string; counts: Record<string, number> }[] = [
      { id: 'a', counts: { all: 100, foreignLanguage: 30 } },
      { id: 'b', counts: { all: 300 } },
      { id: 'c', counts: { all: 100, foreignLanguage: 10 } },
    ];
    const s = summarizeGroup(units, [10, 40, 20], 'foreignLanguage');
    expect(s.population).toBe(40);
    expect(s.meanMinutes).toBeCloseTo((30 * 10 + 10 * 20) / 40);
    expect(s.dataShare).toBeCloseTo(200 / 500);
    expect(dataShare(units, 'swedishSpeaking')).toBe(0);
    expect(summarizeGroup(units, [10, 40, 20], 'swedishSpeaking')).toMatchObject({
      population: 0,
      meanMinutes: null,
      dataShare: 0,
    });
  });

  it('adds up the open hours within reach', () => {
    const matrix = build({ values: [10, 50, Number.NaN, 20], origins: 2, sites: 2 });
    const hours = reachableServiceHours(
      matrix,
      new Map([
        ['s0', 40],
        ['s1', 12],
      ]),
      30,
    );
    expect(Array.from(hours)).toEqual([40, 12]);
  });
});
