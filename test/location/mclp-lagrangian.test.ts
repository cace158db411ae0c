/**
 * The MCLP Lagrangian bound and its reduced-cost fixings, against brute force on seeded tiny
 * instances: the bound is never below the optimum, resuming the subgradient method never
 * loosens it and gives the bound of one uninterrupted run, and every site the fixings rule out is in no solution that beats the lower bound
 * they were computed for. The heuristic proves optimality by searching every set of the sites
 * the fixings leave, so a wrong fixing would be a wrong proof.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { coveredWeight } from '../../src/core/location/evaluate.ts';
import { mclpFixings, mclpLagrangian } from '../../src/core/location/mclp-lagrangian.ts';
import { bruteForce, feasibleSets } from './brute-force.ts';
import { firstSites, tinyMclp, tinyMclpDraws } from './tiny-instance.ts';

const arb = tinyMclpDraws(
  { maxN: 12, maxM: 8, maxCost: 30, maxWeight: 20, fractional: false },
  { iterations: fc.integer({ min: 1, max: 60 }) },
);

describe('MCLP Lagrangian bound and fixings', () => {
  it('bounds the optimum and fixes out only sites of no better solution', () => {
    let fixedOut = 0;
    fc.assert(
      fc.property(arb, (r) => {
        const { x, c } = tinyMclp(r);
        const optimum = bruteForce(x, 'mclp', r.p, r.radius);
        // A deliberately weak lower bound (an arbitrary set: the must-keep sites, then the first
        // allowed ones) leaves room for wrong fixings.
        const start = firstSites(r.status, r.p);
        const lower = coveredWeight(x, start, r.radius);
        const first = mclpLagrangian(x, c, r.p, { lowerBound: () => lower, maxIterations: r.iterations });
        expect(first.bound).toBeGreaterThanOrEqual(optimum - 1e-6);
        const resumed = mclpLagrangian(x, c, r.p, {
          lowerBound: () => lower,
          maxIterations: r.iterations,
          resume: first,
        });
        expect(resumed.bound).toBeLessThanOrEqual(first.bound + 1e-9);
        expect(resumed.bound).toBeGreaterThanOrEqual(optimum - 1e-6);
        // Resuming carries on exactly (multipliers, step scale and direction): the same
        // bound as all the steps in one run.
        const straight = mclpLagrangian(x, c, r.p, {
          lowerBound: () => lower,
          maxIterations: 2 * r.iterations,
        });
        expect(resumed.iterations).toBe(straight.iterations);
        expect(resumed.bound).toBe(straight.bound);
        const out = new Set(mclpFixings(x, resumed, lower));
        fixedOut += out.size;
        if (out.size === 0) return;
        for (const open of feasibleSets(r.status, r.p)) {
          if (!open.some((j) => out.has(j))) continue;
          // Integral weights: a better solution covers at least lower + 1.
          expect(coveredWeight(x, open, r.radius)).toBeLessThan(lower + 1);
        }
      }),
      { seed: 20261128, numRuns: 400 },
    );
    expect(fixedOut).toBeGreaterThan(100);
  });
});
