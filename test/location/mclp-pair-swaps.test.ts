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
import { SITE_STATUS } from '../../src/core/location/instance.ts';
import { pairSwapMclp } from '../../src/core/location/mclp.ts';
import { bruteForce } from './brute-force.ts';
import { canOpen, firstSites, tinyInstance } from './tiny-instance.ts';

const arb = fc
  .record({ n: fc.integer({ min: 3, max: 12 }), m: fc.integer({ min: 3, max: 8 }), fractional: fc.boolean() })
  .chain(({ n, m, fractional }) =>
    fc.record({
      n: fc.constant(n),
      m: fc.constant(m),
      weights: fc.array(
        fractional ? fc.integer({ min: 0, max: 3000 }).map((v) => v / 97) : fc.integer({ min: 0, max: 30 }),
        { minLength: n, maxLength: n },
      ),
      costs: fc.array(fc.option(fc.integer({ min: 0, max: 40 }), { freq: 4 }), {
        minLength: n * m,
        maxLength: n * m,
      }),
      status: fc.array(fc.constantFrom(0, 0, 0, 0, 1, 2), { minLength: m, maxLength: m }),
      p: fc.integer({ min: 1, max: m }),
      radius: fc.integer({ min: 0, max: 40 }),
    }),
  );

/** Every set one swap (a free open site for an allowed closed one) away from `open`. */
function neighbours(open: readonly number[], status: readonly number[]): number[][] {
  const out: number[][] = [];
  for (const r of open) {
    if (status[r] === SITE_STATUS.fixed) continue;
    for (let f = 0; f < status.length; f++) {
      if (open.includes(f) || status[f] === SITE_STATUS.forbidden) continue;
      out.push(open.map((j) => (j === r ? f : j)));
    }
  }
  return out;
}

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
        for (const one of neighbours(start, r.status)) {
          bestSingle = Math.max(bestSingle, cover(one));
          for (const two of neighbours(one, r.status)) bestPair = Math.max(bestPair, cover(two));
        }
        if (bestPair > bestSingle + 1e-9) pairsBeatSingles++;
        const found = pairSwapMclp(x, c, start, r.p * r.m, () => false);
        expect(found.covered).toBeCloseTo(cover(found.open), 9);
        expect(found.covered).toBeGreaterThanOrEqual(bestPair - 1e-9);
        expect(found.covered).toBeLessThanOrEqual(bruteForce(x, 'mclp', r.p, r.radius) + 1e-9);
        expect(new Set(found.open).size).toBe(r.p);
        for (const [j, s] of r.status.entries()) {
          if (s === SITE_STATUS.fixed) expect(found.open).toContain(j);
          if (s === SITE_STATUS.forbidden) expect(found.open).not.toContain(j);
        }
      }),
      { seed: 20261130, numRuns: 800 },
    );
    // Instances where a pair gains more than any single swap: the case pair moves are for.
    expect(pairsBeatSingles).toBeGreaterThan(15);
  });
});
