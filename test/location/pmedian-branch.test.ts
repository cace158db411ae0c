/**
 * The p-median Lagrangian branch and bound on seeded tiny instances against brute force. It
 * starts from an arbitrary feasible set and a root bound of a few subgradient steps (so that it
 * must branch), and may stop early: whatever it returns is what its sites cost, respects the
 * must-keep and closed sites, is never better than the optimum, and its bound is never above
 * it; when it says proven, its cost is the optimum.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { pMedianCost } from '../../src/core/location/evaluate.ts';
import { pMedianBranchAndBound } from '../../src/core/location/pmedian-branch.ts';
import { pMedianLagrangian } from '../../src/core/location/pmedian-lagrangian.ts';
import { bruteForce } from './brute-force.ts';
import {
  canOpen,
  expectFeasible,
  firstSites,
  planarDraws,
  planarInstance,
  tinyInstance,
  tinyMclpDraws,
} from './tiny-instance.ts';

const arb = tinyMclpDraws(
  { maxN: 30, maxM: 16, maxCost: 40, maxWeight: 20, fractional: true },
  { rootSteps: fc.integer({ min: 1, max: 30 }), maxNodes: fc.constantFrom(1, 2, 4, 8, 100_000) },
);

describe('p-median Lagrangian branch and bound', () => {
  it('finds and proves the optimum, or stops with a valid bound', () => {
    let proven = 0;
    let stopped = 0;
    let branched = 0;
    fc.assert(
      fc.property(arb, (r) => {
        fc.pre(canOpen(r.status, r.p));
        const x = tinyInstance({ ...r, costs: r.costs.map((c) => c ?? 41) });
        const optimum = bruteForce(x, 'p-median', r.p, 0);
        const start = firstSites(r.status, r.p);
        const cost = pMedianCost(x, start);
        const root = pMedianLagrangian(x, r.p, { upperBound: () => cost, maxIterations: r.rootSteps });
        const out = pMedianBranchAndBound(
          x,
          r.p,
          { open: start, cost, root },
          { shouldStop: () => false, maxNodes: r.maxNodes },
        );
        const tol = 1e-6 * Math.max(1, optimum);
        expectFeasible(out.open, r.status, r.p);
        expect(out.cost).toBeCloseTo(pMedianCost(x, out.open), 6);
        expect(out.cost).toBeGreaterThanOrEqual(optimum - tol);
        expect(out.bound).toBeLessThanOrEqual(optimum + tol);
        if (out.nodes > 1) branched++;
        if (out.proven) {
          proven++;
          expect(out.cost).toBeLessThanOrEqual(optimum + tol);
        } else stopped++;
        // Without a node limit it always finishes.
        if (r.maxNodes > 1000) expect(out.proven).toBe(true);
      }),
      { seed: 20261129, numRuns: 600 },
    );
    expect(proven).toBeGreaterThan(300);
    // The draws cover the paths: branching, proofs and early stops.
    expect(branched).toBeGreaterThan(25);
    expect(stopped).toBeGreaterThan(10);
  });

  it('does the same on planar instances, where bounds are close and ties many', () => {
    let stopped = 0;
    let branched = 0;
    fc.assert(
      fc.property(
        planarDraws(
          { n: [20, 30], m: [12, 16], p: [3, 7] },
          { maxNodes: fc.constantFrom(1, 2, 4, 8, 100_000) },
        ),
        ({ n, m, p, seed, maxNodes }) => {
          const x = planarInstance(n, m, seed);
          const optimum = bruteForce(x, 'p-median', p, 0);
          const start = firstSites([...x.status], p);
          const cost = pMedianCost(x, start);
          const root = pMedianLagrangian(x, p, { upperBound: () => cost, maxIterations: 5 });
          const out = pMedianBranchAndBound(
            x,
            p,
            { open: start, cost, root },
            { shouldStop: () => false, maxNodes },
          );
          expectFeasible(out.open, [...x.status], p);
          expect(out.cost).toBe(pMedianCost(x, out.open));
          expect(out.cost).toBeGreaterThanOrEqual(optimum);
          expect(out.bound).toBeLessThanOrEqual(optimum);
          if (out.nodes > 1) branched++;
          if (out.proven) expect(out.cost).toBe(optimum);
          else stopped++;
          if (maxNodes > 1000) expect(out.proven).toBe(true);
        },
      ),
      { seed: 20261129, numRuns: 150 },
    );
    expect(branched).toBeGreaterThan(25);
    expect(stopped).toBeGreaterThan(10);
  });
});
