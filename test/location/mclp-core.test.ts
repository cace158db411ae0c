/**
 * The MCLP core (mclp-core.ts): a MILP over only the sites a better solution may open.
 * - On seeded tiny instances, against brute force: every set that covers more than the best
 *   opens only core sites, and HiGHS over the core finds the optimum when it is better and
 *   bounds it in every case.
 * - In the heuristic, on planar instances like the SJC ones at S = 400 (where the core is
 *   used), against HiGHS on the whole program: the bound holds and what it calls optimal is.
 */
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { coveredWeight } from '../../src/core/location/evaluate.ts';
import { SITE_STATUS } from '../../src/core/location/instance.ts';
import { solveMclpHeuristic } from '../../src/core/location/mclp.ts';
import { mclpCore } from '../../src/core/location/mclp-core.ts';
import { mclpRestrictedDual, restrictedDualMultipliers } from '../../src/core/location/mclp-dual.ts';
import { mclpBoundAt, mclpLagrangian } from '../../src/core/location/mclp-lagrangian.ts';
import { mclpMilp, openSitesOf } from '../../src/core/location/milp.ts';
import { type InProcessSolvers, loadInProcessSolvers } from '../../src/services/milp/highs.ts';
import { feasibleSets } from './brute-force.ts';
import { firstSites, planarDraws, planarInstance, tinyMclp, tinyMclpDraws } from './tiny-instance.ts';

let solvers: InProcessSolvers;
beforeAll(async () => {
  const loaded = await loadInProcessSolvers();
  if (!loaded) throw new Error('HiGHS could not be loaded in this process');
  solvers = loaded;
});

const NO_LIMITS = { maxFreeSites: Number.POSITIVE_INFINITY, maxNonzeros: Number.POSITIVE_INFINITY };

describe('MCLP core', () => {
  it('holds every better set, and HiGHS over it finds or bounds the optimum', () => {
    let narrowed = 0;
    let improved = 0;
    fc.assert(
      fc.property(
        tinyMclpDraws({ maxN: 12, maxM: 9, maxCost: 30, maxWeight: 20, fractional: true }, {}),
        (r) => {
          const { x, c } = tinyMclp(r);
          const free = [...r.status.keys()].filter((j) => r.status[j] === SITE_STATUS.free);
          const sets = [...feasibleSets(r.status, r.p)];
          const covered = sets.map((open) => coveredWeight(x, open, r.radius));
          const optimum = Math.max(...covered);
          const tol = 1e-6 * Math.max(1, optimum);
          const start = firstSites(r.status, r.p);
          const best = { open: start, covered: coveredWeight(x, start, r.radius) };
          const lagrangian = mclpLagrangian(x, c, r.p, { lowerBound: () => best.covered, maxIterations: 30 });
          const dual = mclpRestrictedDual(x, c, r.p, best.open);
          const values = dual ? solvers.solveLp(dual.spec, 10) : null;
          expect(values).not.toBeNull();
          if (!dual || !values) return;
          const certificate = mclpBoundAt(
            x,
            c,
            r.p,
            restrictedDualMultipliers(x, c, best.open, dual, values),
          );
          const core = mclpCore(x, c, r.p, best, [lagrangian, certificate], NO_LIMITS);
          expect(core).not.toBeNull();
          if (!core) return;
          const inCore = (j: number) => (core.program.siteColumn[j] ?? -1) >= 0;
          for (const [k, open] of sets.entries())
            if ((covered[k] as number) > best.covered + tol)
              for (const j of open) expect(inCore(j)).toBe(true);
          if (free.some((j) => !inCore(j))) narrowed++;

          const answer = solvers.solveMilp(core.program, { timeLimitSeconds: 10, relativeGap: 0 });
          expect(answer?.solved).toBe(true);
          if (!answer) return;
          expect(Math.max(best.covered, answer.bound)).toBeGreaterThanOrEqual(optimum - tol);
          if (optimum > best.covered + tol) {
            improved++;
            const open = openSitesOf(core.program, answer.colValue ?? []);
            expect(open.length).toBe(r.p);
            expect(coveredWeight(x, open, r.radius)).toBeCloseTo(optimum, 6);
          }
        },
      ),
      { seed: 20261129, numRuns: 200 },
    );
    // Not vacuous: the fixings leave sites out, and better sets exist to be found.
    expect(narrowed).toBeGreaterThan(20);
    expect(improved).toBeGreaterThan(20);
  });

  it('keeps the heuristic bound valid, and what it calls optimal is', () => {
    let fromCore = 0;
    fc.assert(
      fc.property(planarDraws({ n: [400, 400], m: [400, 400], p: [18, 22] }), ({ n, m, p, seed }) => {
        const x = planarInstance(n, m, seed);
        const radius = 9;
        const { result } = solveMclpHeuristic(x, p, radius, {
          clock: () => performance.now(),
          timeLimitSeconds: 20,
          seed,
          ...solvers,
        });
        expect(result.objective).toBe(coveredWeight(x, result.open, radius));
        const usedCore = result.notes.some((n) => n.includes('core programs solved'));
        if (!usedCore && !result.optimal) return;
        if (usedCore) fromCore++;
        // HiGHS on the whole program, from the heuristic's answer.
        const whole = mclpMilp(x, p, radius, result.open);
        const exact = solvers.solveMilp(whole, { timeLimitSeconds: 120, relativeGap: 0 });
        expect(exact?.solved).toBe(true);
        if (!exact?.colValue) return;
        const optimum = coveredWeight(x, openSitesOf(whole, exact.colValue), radius);
        expect(result.bound).toBeGreaterThanOrEqual(optimum);
        if (result.optimal) expect(result.objective).toBe(optimum);
      }),
      { seed: 20261129, numRuns: 20 },
    );
    expect(fromCore).toBeGreaterThan(0);
  });
});
