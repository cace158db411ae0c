/**
 * The MCLP restricted dual (mclp-dual.ts), solved by HiGHS, against brute force and the full
 * LP relaxation on seeded tiny instances:
 * - its multipliers give a bound never below the optimum, and the program's optimal value
 *   is exactly L(μ) at them (so the program is the Lagrangian dual restricted as documented);
 * - for an optimal set it is never below the LP bound, and it certifies the set (bound =
 *   optimum) whenever the LP bound equals the optimum: complementary slackness.
 * And the heuristic that uses it: its bound holds and an answer it calls optimal is.
 */
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { coveredWeight } from '../../src/core/location/evaluate.ts';
import { solveMclpHeuristic } from '../../src/core/location/mclp.ts';
import { mclpRestrictedDual, restrictedDualMultipliers } from '../../src/core/location/mclp-dual.ts';
import { mclpBoundAt } from '../../src/core/location/mclp-lagrangian.ts';
import { mclpMilp } from '../../src/core/location/milp.ts';
import type { LpSolve, MilpSpec } from '../../src/core/milp.ts';
import { loadInProcessSolvers } from '../../src/services/milp/highs.ts';
import { feasibleSets } from './brute-force.ts';
import { firstSites, planarDraws, planarInstance, tinyMclp, tinyMclpDraws } from './tiny-instance.ts';

const RADIUS = 25;
let solveLp: LpSolve;
beforeAll(async () => {
  const loaded = await loadInProcessSolvers();
  if (!loaded) throw new Error('HiGHS could not be loaded in this process');
  solveLp = loaded.solveLp;
});

const objectiveOf = (spec: MilpSpec, values: Float64Array) =>
  spec.colCost.reduce((t, cost, k) => t + cost * (values[k] as number), spec.offset);

/** The best set by brute force (must-keep sites first) and its coverage. */
function optimalSet(
  x: ReturnType<typeof tinyMclp>['x'],
  status: readonly number[],
  p: number,
  radius: number,
) {
  let best = { open: [] as number[], covered: Number.NEGATIVE_INFINITY };
  for (const open of feasibleSets(status, p)) {
    const covered = coveredWeight(x, open, radius);
    if (covered > best.covered) best = { open, covered };
  }
  return best;
}

describe('MCLP restricted dual', () => {
  it('bounds the optimum, equals L(μ) and certifies an optimal set when the LP is tight', () => {
    let certified = 0;
    fc.assert(
      fc.property(
        tinyMclpDraws({ maxN: 12, maxM: 8, maxCost: 30, maxWeight: 20, fractional: true }, {}),
        (r) => {
          const { x, c } = tinyMclp(r);
          const optimum = optimalSet(x, r.status, r.p, r.radius);
          const tol = 1e-6 * Math.max(1, optimum.covered);
          const lp = mclpMilp(x, r.p, r.radius);
          const lpValues = solveLp({ ...lp, integrality: new Int32Array(lp.numCols) }, 10);
          expect(lpValues).not.toBeNull();
          const lpBound = objectiveOf(lp, lpValues as Float64Array);
          for (const open of [firstSites(r.status, r.p), optimum.open]) {
            const dual = mclpRestrictedDual(x, c, r.p, open);
            expect(dual).not.toBeNull();
            if (!dual) return;
            const values = solveLp(dual.spec, 10);
            expect(values).not.toBeNull();
            if (!values) return;
            const at = mclpBoundAt(x, c, r.p, restrictedDualMultipliers(x, c, open, dual, values));
            expect(at.bound).toBeGreaterThanOrEqual(optimum.covered - tol);
            expect(Math.abs(at.bound - objectiveOf(dual.spec, values))).toBeLessThanOrEqual(tol);
            if (open !== optimum.open) continue;
            expect(at.bound).toBeGreaterThanOrEqual(lpBound - tol);
            if (lpBound <= optimum.covered + tol) {
              expect(at.bound).toBeLessThanOrEqual(optimum.covered + tol);
              certified++;
            }
          }
        },
      ),
      { seed: 20261129, numRuns: 300 },
    );
    // Not vacuous: most draws have a tight LP.
    expect(certified).toBeGreaterThan(100);
  });

  it('keeps the heuristic bound valid, and what it calls optimal is', () => {
    let fromLp = 0;
    fc.assert(
      fc.property(planarDraws({ n: [60, 100], m: [14, 18], p: [3, 6] }), ({ n, m, p, seed }) => {
        const x = planarInstance(n, m, seed);
        const status = [...x.status];
        const { result } = solveMclpHeuristic(x, p, RADIUS, {
          clock: () => performance.now(),
          timeLimitSeconds: 10,
          seed,
          solveLp,
        });
        const optimum = optimalSet(x, status, p, RADIUS).covered;
        expect(result.bound).toBeGreaterThanOrEqual(optimum);
        expect(result.objective).toBe(coveredWeight(x, result.open, RADIUS));
        if (result.optimal) expect(result.objective).toBe(optimum);
        if (result.boundSource === 'lp') fromLp++;
      }),
      { seed: 20261129, numRuns: 100 },
    );
    expect(fromLp).toBeGreaterThan(0);
  });
});
