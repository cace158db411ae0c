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
import type { LocationInstance } from '../../src/core/location/instance.ts';
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

/** What the runs covered: branching, proofs and early stops. */
interface Paths {
  branched: number;
  proven: number;
  stopped: number;
}

/**
 * Runs the branch and bound from the first feasible set and a root bound of `rootSteps`
 * subgradient steps, checks its answer against brute force (exactly with whole-number data)
 * and counts the path it took.
 */
function searchAndCheck(x: LocationInstance, p: number, rootSteps: number, maxNodes: number, paths: Paths) {
  const optimum = bruteForce(x, 'p-median', p, 0);
  const status = [...x.status];
  const start = firstSites(status, p);
  const cost = pMedianCost(x, start);
  const root = pMedianLagrangian(x, p, { upperBound: () => cost, maxIterations: rootSteps });
  const out = pMedianBranchAndBound(x, p, { open: start, cost, root }, { shouldStop: () => false, maxNodes });
  const tol = x.integral ? 0 : 1e-6 * Math.max(1, optimum);
  expectFeasible(out.open, status, p);
  expect(Math.abs(out.cost - pMedianCost(x, out.open))).toBeLessThanOrEqual(tol);
  expect(out.cost).toBeGreaterThanOrEqual(optimum - tol);
  expect(out.bound).toBeLessThanOrEqual(optimum + tol);
  if (out.nodes > 1) paths.branched++;
  if (out.proven) {
    paths.proven++;
    expect(out.cost).toBeLessThanOrEqual(optimum + tol);
  } else paths.stopped++;
  // Without a node limit it always finishes.
  if (maxNodes > 1000) expect(out.proven).toBe(true);
}

describe('p-median Lagrangian branch and bound', () => {
  it('finds and proves the optimum, or stops with a valid bound', () => {
    const paths = { branched: 0, proven: 0, stopped: 0 };
    fc.assert(
      fc.property(arb, (r) => {
        fc.pre(canOpen(r.status, r.p));
        const x = tinyInstance({ ...r, costs: r.costs.map((c) => c ?? 41) });
        searchAndCheck(x, r.p, r.rootSteps, r.maxNodes, paths);
      }),
      { seed: 20261129, numRuns: 600 },
    );
    expect(paths.proven).toBeGreaterThan(300);
    expect(paths.branched).toBeGreaterThan(25);
    expect(paths.stopped).toBeGreaterThan(10);
  });

  it('does the same on planar instances, where bounds are close and ties many', () => {
    const paths = { branched: 0, proven: 0, stopped: 0 };
    fc.assert(
      fc.property(
        planarDraws(
          { n: [20, 30], m: [12, 16], p: [3, 7] },
          { maxNodes: fc.constantFrom(1, 2, 4, 8, 100_000) },
        ),
        ({ n, m, p, seed, maxNodes }) => {
          const x = planarInstance(n, m, seed);
          expect(x.integral).toBe(true);
          searchAndCheck(x, p, 5, maxNodes, paths);
        },
      ),
      { seed: 20261129, numRuns: 150 },
    );
    expect(paths.branched).toBeGreaterThan(25);
    expect(paths.stopped).toBeGreaterThan(10);
  });
});
