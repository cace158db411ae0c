/**
 * The exhaustive MCLP search that proves optimality once the fixings leave few sites, against
 * brute force on seeded tiny instances: it finds the optimum from any lower bound below it,
 * finds nothing better than the optimum, cuts branches only where no better set lies (with
 * and without the Lagrangian bound) and says so when its work budget runs out.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { coverageWithin } from '../../src/core/location/coverage.ts';
import { coveredWeight } from '../../src/core/location/evaluate.ts';
import { SITE_STATUS } from '../../src/core/location/instance.ts';
import { combinations, enumerateMclp } from '../../src/core/location/mclp-enumerate.ts';
import { mclpLagrangian } from '../../src/core/location/mclp-lagrangian.ts';
import { bruteForce } from './brute-force.ts';
import { expectFeasible, tinyInstance, tinyMclp, tinyMclpDraws } from './tiny-instance.ts';

const arb = tinyMclpDraws(
  { maxN: 14, maxM: 9, maxCost: 40, maxWeight: 30, fractional: true },
  { iterations: fc.integer({ min: 0, max: 80 }), withBound: fc.boolean() },
);

describe('MCLP exhaustive search of a small pool', () => {
  it('finds the optimum from below, nothing above it, and cuts no better set', () => {
    let cutByBound = 0;
    fc.assert(
      fc.property(arb, (r) => {
        const { x, c } = tinyMclp(r);
        const optimum = bruteForce(x, 'mclp', r.p, r.radius);
        const pool = [...r.status.keys()].filter((j) => r.status[j] !== SITE_STATUS.forbidden);
        // A lower bound just below the optimum: the search must still find a better set.
        const below = x.integralWeights ? optimum - 1 : optimum - 1e-6 * Math.max(1, optimum);
        const lagrangian = r.withBound
          ? mclpLagrangian(x, c, r.p, { lowerBound: () => below, maxIterations: r.iterations })
          : undefined;
        const found = enumerateMclp(x, c, pool, r.p, below, lagrangian ? { lagrangian } : {});
        expect(found.complete).toBe(true);
        expect(found.better).not.toBeNull();
        const better = found.better as { open: number[]; covered: number };
        expect(better.covered).toBeCloseTo(optimum, 9);
        expect(coveredWeight(x, better.open, r.radius)).toBeCloseTo(better.covered, 9);
        expectFeasible(better.open, r.status, r.p);
        // From the optimum itself there is nothing better to find, and the search says it looked.
        const none = enumerateMclp(x, c, pool, r.p, optimum, lagrangian ? { lagrangian } : {});
        expect(none).toEqual({ complete: true, better: null });
        if (lagrangian && Number.isFinite(lagrangian.bound) && lagrangian.bound < optimum + 1) cutByBound++;
      }),
      { seed: 20261129, numRuns: 400 },
    );
    // The Lagrangian bound is often tight enough on these to cut at the root: exercised.
    expect(cutByBound).toBeGreaterThan(20);
  });

  it('reports an unfinished search when its budget runs out', () => {
    // Six sites, each covering its own demand: every set of three must be looked at.
    const r = {
      n: 6,
      m: 6,
      weights: [5, 4, 3, 2, 1, 1],
      costs: Array.from({ length: 36 }, (_, k) => (Math.floor(k / 6) === k % 6 ? 1 : null)),
      status: [0, 0, 0, 0, 0, 0],
    };
    const x = tinyInstance(r);
    const c = coverageWithin(x, 1);
    const pool = [0, 1, 2, 3, 4, 5];
    expect(enumerateMclp(x, c, pool, 3, 0, { budget: 0 }).complete).toBe(false);
    expect(enumerateMclp(x, c, pool, 3, 0).better).toEqual({ open: [0, 1, 2], covered: 12 });
  });

  it('counts combinations exactly', () => {
    expect(combinations(52, 6)).toBe(20_358_520);
    expect(combinations(5, 0)).toBe(1);
    expect(combinations(3, 4)).toBe(0);
    expect(combinations(818, 3)).toBe(90_889_616);
  });
});
