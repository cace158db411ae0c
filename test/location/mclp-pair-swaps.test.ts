/**
 * Pair moves for the MCLP (a swap, then a descent), on seeded tiny instances against an
 * exhaustive check of every pair of swaps: given every single swap as a first move, the
 * result is at least as good as the best pair, never better than the brute-force optimum,
 * and is a feasible set whose reported coverage is what its sites cover.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { coverageWithin } from '../../src/core/location/coverage.ts';
import { coveredWeight } from '../../src/core/location/evaluate.ts';
import { pairSwapMclp } from '../../src/core/location/mclp.ts';
import { bruteForce } from './brute-force.ts';
import {
  canOpen,
  expectFeasible,
  firstSites,
  oneSwapAway,
  tinyInstance,
  tinyMclpDraws,
} from './tiny-instance.ts';

const arb = tinyMclpDraws({ maxN: 12, maxM: 8, maxCost: 40, maxWeight: 30, fractional: true }, {});

describe('MCLP pair moves', () => {
  it('do at least as well as the best pair of swaps, and never beat the optimum', () => {
    let pairsBeatSingles = 0;
    fc.assert(
      fc.property(arb, (r) => {
        fc.pre(canOpen(r.status, r.p));
        const x = tinyInstance(r);
        const c = coverageWithin(x, r.radius);
        const start = firstSites(r.status, r.p);
        const cover = (open: readonly number[]) => coveredWeight(x, open, r.radius);
        let bestSingle = cover(start);
        let bestPair = bestSingle;
        for (const one of oneSwapAway(start, r.status)) {
          bestSingle = Math.max(bestSingle, cover(one));
          for (const two of oneSwapAway(one, r.status)) bestPair = Math.max(bestPair, cover(two));
        }
        if (bestPair > bestSingle + 1e-9) pairsBeatSingles++;
        const found = pairSwapMclp(x, c, start, r.p * r.m, () => false);
        expect(found.covered).toBeCloseTo(cover(found.open), 9);
        expect(found.covered).toBeGreaterThanOrEqual(bestPair - 1e-9);
        expect(found.covered).toBeLessThanOrEqual(bruteForce(x, 'mclp', r.p, r.radius) + 1e-9);
        expectFeasible(found.open, r.status, r.p);
      }),
      { seed: 20261130, numRuns: 800 },
    );
    // Instances where a pair gains more than any single swap: the case pair moves are for.
    expect(pairsBeatSingles).toBeGreaterThan(15);
  });
});
