/**
 * Swap descent and pair moves for the MCLP (a swap, then a descent), on seeded tiny instances
 * against exhaustive checks: the descent ends where no single swap improves, never below its
 * start; given every single swap as a first move, pair moves are at least as good as the best
 * pair, never better than the brute-force optimum; both give feasible sets whose reported
 * coverage is what their sites cover.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { coveredWeight } from '../../src/core/location/evaluate.ts';
import { pairSwapMclp, swapMclp } from '../../src/core/location/mclp-local-search.ts';
import { seededRandom } from '../../src/core/random.ts';
import { bruteForce } from './brute-force.ts';
import { expectFeasible, firstSites, oneSwapAway, tinyMclp, tinyMclpDraws } from './tiny-instance.ts';

const arb = tinyMclpDraws({ maxN: 12, maxM: 8, maxCost: 40, maxWeight: 30, fractional: true }, {});

describe('MCLP swap descent and pair moves', () => {
  it('descend to a set that no single swap improves', () => {
    let improved = 0;
    fc.assert(
      fc.property(arb, fc.integer({ min: 1, max: 1000 }), (r, seed) => {
        const { x, c } = tinyMclp(r);
        const start = firstSites(r.status, r.p);
        const cover = (open: readonly number[]) => coveredWeight(x, open, r.radius);
        const found = swapMclp(x, c, start, { random: seededRandom(seed) });
        expect(found.covered).toBeCloseTo(cover(found.open), 9);
        expect(found.covered).toBeGreaterThanOrEqual(cover(start) - 1e-9);
        if (found.covered > cover(start) + 1e-9) improved++;
        for (const next of oneSwapAway(found.open, r.status))
          expect(cover(next)).toBeLessThanOrEqual(found.covered + 1e-9 * Math.max(1, found.covered));
        expectFeasible(found.open, r.status, r.p);
      }),
      { seed: 20261129, numRuns: 800 },
    );
    expect(improved).toBeGreaterThan(100);
  });

  it('do at least as well as the best pair of swaps, and never beat the optimum', () => {
    let pairsBeatSingles = 0;
    fc.assert(
      fc.property(arb, (r) => {
        const { x, c } = tinyMclp(r);
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
