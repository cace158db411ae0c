/**
 * One contract for every location solver (heuristic, exact, auto) and model (p-median,
 * MCLP, LSCP), on seeded random tiny instances checked against brute-force enumeration:
 * exact finds the optimum; no solver beats the optimum (that would be a bug); every bound is
 * valid; the reported objective is what the open sites really achieve; the open sites
 * respect p, must-keep and closed sites.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { coversAll, maximizes, objectiveOf } from '../../src/core/location/evaluate.ts';
import { type LocationModel, SITE_STATUS, unreachableDemands } from '../../src/core/location/instance.ts';
import { locate, type SolverChoice } from '../../src/services/location/location-solver.ts';
import { bruteForce } from './brute-force.ts';
import { tinyInstance } from './tiny-instance.ts';

const instanceArb = fc
  .record({
    n: fc.integer({ min: 2, max: 8 }),
    m: fc.integer({ min: 2, max: 6 }),
    integral: fc.boolean(),
  })
  .chain(({ n, m, integral }) =>
    fc.record({
      n: fc.constant(n),
      m: fc.constant(m),
      weights: fc.array(
        integral ? fc.integer({ min: 0, max: 20 }) : fc.integer({ min: 0, max: 2000 }).map((v) => v / 97),
        { minLength: n, maxLength: n },
      ),
      costs: fc.array(
        fc.option(
          integral ? fc.integer({ min: 0, max: 50 }) : fc.integer({ min: 0, max: 5000 }).map((v) => v / 101),
          { freq: 6 },
        ),
        {
          minLength: n * m,
          maxLength: n * m,
        },
      ),
      status: fc.array(fc.constantFrom(0, 0, 0, 1, 2), { minLength: m, maxLength: m }),
      p: fc.integer({ min: 1, max: m }),
      radius: integral
        ? fc.integer({ min: 0, max: 50 })
        : fc.integer({ min: 0, max: 5000 }).map((v) => v / 101),
    }),
  )
  .map((r) =>
    Object.assign(r, {
      instance: tinyInstance(r),
    }),
  );

const solvers: SolverChoice[] = ['heuristic', 'exact', 'auto'];
const models: LocationModel[] = ['p-median', 'mclp', 'lscp'];
const clock = () => performance.now();

describe.each(solvers)('%s solver', (solver) => {
  it.each(models)('%s: against brute force on seeded tiny instances', async (model) => {
    let checked = 0;
    await fc.assert(
      fc.asyncProperty(instanceArb, async (r) => {
        const x = r.instance;
        const fixed = r.status.filter((s) => s === SITE_STATUS.fixed).length;
        const allowed = r.status.filter((s) => s !== SITE_STATUS.forbidden).length;
        const p = Math.max(r.p, fixed);
        if (model !== 'lscp' && p > allowed) return;
        if (model === 'p-median' && unreachableDemands(x, () => true).length > 0) return;
        if (model === 'lscp' && unreachableDemands(x, (c) => c <= r.radius).length > 0) return;
        const optimum = bruteForce(x, model, p, r.radius);
        if (!Number.isFinite(optimum)) {
          // No feasible choice (e.g. must-keep sites that cannot serve everyone): refused, with reasons.
          await expect(
            locate(x, { model, p, radius: r.radius, solver, timeLimitSeconds: 20 }, clock),
          ).rejects.toMatchObject({
            message: expect.stringContaining('serves every demand'),
          });
          return;
        }
        const result = await locate(x, { model, p, radius: r.radius, solver, timeLimitSeconds: 20 }, clock);
        checked++;
        const max = maximizes(model);
        const tol = 1e-6 * Math.max(1, Math.abs(optimum));
        // The answer is what the open sites achieve.
        expect(result.objective).toBeCloseTo(objectiveOf(x, model, result.open, r.radius), 6);
        if (model !== 'lscp') expect(result.open).toHaveLength(p);
        else expect(coversAll(x, result.open, r.radius)).toBe(true);
        for (const [j, s] of r.status.entries()) {
          if (s === SITE_STATUS.fixed) expect(result.open).toContain(j);
          if (s === SITE_STATUS.forbidden) expect(result.open).not.toContain(j);
        }
        // Never better than the optimum; the bound is on the right side of it.
        if (max) {
          expect(result.objective).toBeLessThanOrEqual(optimum + tol);
          expect(result.bound).toBeGreaterThanOrEqual(optimum - tol);
        } else {
          expect(result.objective).toBeGreaterThanOrEqual(optimum - tol);
          expect(result.bound).toBeLessThanOrEqual(optimum + tol);
        }
        if (result.optimal) expect(Math.abs(result.objective - optimum)).toBeLessThanOrEqual(tol);
        if (solver === 'exact') {
          expect(result.optimal).toBe(true);
          expect(Math.abs(result.objective - optimum)).toBeLessThanOrEqual(tol);
        }
        expect(result.gap).toBeGreaterThanOrEqual(0);
      }),
      { seed: 4242, numRuns: solver === 'heuristic' ? 150 : 40 },
    );
    expect(checked).toBeGreaterThan(10);
  });
});
