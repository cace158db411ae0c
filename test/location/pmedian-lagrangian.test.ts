/**
 * The p-median Lagrangian bound on seeded tiny instances against brute force: the bound is
 * never above the optimum and is exactly L(λ) = Σ w_i λ_i + Σ_{open} ρ_j recomputed from
 * scratch at the multipliers it reports, with ρ_j = Σ_i w_i min(0, c_ij − λ_i); the relaxed
 * solution is the must-keep sites and then the free sites of least ρ, ties by index.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SITE_STATUS } from '../../src/core/location/instance.ts';
import { pMedianLagrangian } from '../../src/core/location/pmedian-lagrangian.ts';
import { bruteForce } from './brute-force.ts';
import { canOpen, tinyInstance, tinyMclpDraws } from './tiny-instance.ts';

const arb = tinyMclpDraws(
  { maxN: 12, maxM: 8, maxCost: 30, maxWeight: 20, fractional: true },
  { iterations: fc.integer({ min: 1, max: 80 }) },
);

describe('p-median Lagrangian bound', () => {
  it('bounds the optimum from below and is L(λ) at the multipliers it reports', () => {
    let ties = 0;
    fc.assert(
      fc.property(arb, (r) => {
        fc.pre(canOpen(r.status, r.p));
        // Every demand connected (an unconnected pair costs the most).
        const x = tinyInstance({ ...r, costs: r.costs.map((c) => c ?? 31) });
        const optimum = bruteForce(x, 'p-median', r.p, 0);
        const b = pMedianLagrangian(x, r.p, { upperBound: () => optimum, maxIterations: r.iterations });
        expect(b.bound).toBeLessThanOrEqual(optimum + 1e-6 * Math.max(1, optimum));

        const n = x.demandIds.length;
        const m = x.siteIds.length;
        const rho = new Float64Array(m);
        let base = 0;
        for (let i = 0; i < n; i++) {
          const w = x.weights[i] as number;
          const l = b.lambda[i] as number;
          base += w * l;
          for (let k = x.rowStart[i] as number; k < (x.rowStart[i + 1] as number); k++) {
            const j = x.site[k] as number;
            rho[j] = (rho[j] as number) + w * Math.min(0, (x.cost[k] as number) - l);
          }
        }
        for (let j = 0; j < m; j++) expect(b.rho[j]).toBeCloseTo(rho[j] as number, 9);
        const fixed = [...r.status.keys()].filter((j) => r.status[j] === SITE_STATUS.fixed);
        const free = [...r.status.keys()]
          .filter((j) => r.status[j] === SITE_STATUS.free)
          .sort((u, v) => (b.rho[u] as number) - (b.rho[v] as number) || u - v);
        const chosen = free.slice(0, r.p - fixed.length);
        const next = free[r.p - fixed.length];
        if (next !== undefined && b.rho[next] === b.rho[chosen[chosen.length - 1] as number]) ties++;
        expect(b.relaxedOpen).toEqual([...fixed, ...chosen]);
        const value = base + [...fixed, ...chosen].reduce((t, j) => t + (rho[j] as number), 0);
        expect(b.bound).toBeCloseTo(value, 6);
      }),
      { seed: 20261129, numRuns: 400 },
    );
    // Ties at the p-th site (say, ρ = 0 for several) must be broken by index.
    expect(ties).toBeGreaterThan(20);
  });
});
