/**
 * Dominated sites (whose coverage of the demand still to gain is inside another allowed
 * site's) are set aside by the MCLP heuristic: on seeded tiny instances the best coverage
 * with them closed (p capped at the sites left) must equal the brute-force optimum with them,
 * and the reduced coverage lists must be the full ones minus those sites.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { coverageWithin, dominatedSites, withoutSites } from '../../src/core/location/coverage.ts';
import { SITE_STATUS, withStatus } from '../../src/core/location/instance.ts';
import { bruteForce } from './brute-force.ts';
import { tinyInstance } from './tiny-instance.ts';

const arb = fc
  .record({ n: fc.integer({ min: 2, max: 10 }), m: fc.integer({ min: 2, max: 8 }) })
  .chain(({ n, m }) =>
    fc.record({
      n: fc.constant(n),
      m: fc.constant(m),
      weights: fc.array(fc.integer({ min: 0, max: 9 }), { minLength: n, maxLength: n }),
      // Small radii over few distinct costs: many nested and identical coverage sets.
      costs: fc.array(fc.option(fc.integer({ min: 0, max: 6 }), { freq: 3 }), {
        minLength: n * m,
        maxLength: n * m,
      }),
      status: fc.array(fc.constantFrom(0, 0, 0, 0, 1, 2), { minLength: m, maxLength: m }),
      radius: fc.integer({ min: 0, max: 6 }),
    }),
  );

describe('MCLP site dominance', () => {
  it('keeps the optimum for every p and drops only the dominated sites from the lists', () => {
    let reduced = 0;
    fc.assert(
      fc.property(arb, (r) => {
        const x = tinyInstance(r);
        const c = coverageWithin(x, r.radius);
        const dominated = dominatedSites(x, c);
        for (const [j, d] of dominated.entries()) if (d) expect(x.status[j]).toBe(SITE_STATUS.free);
        const status = Array.from(x.status, (s, j) => (dominated[j] ? SITE_STATUS.forbidden : s));
        const y = withStatus(x, status);
        const fixed = status.filter((s) => s === SITE_STATUS.fixed).length;
        const allowedAll = r.status.filter((s) => s !== SITE_STATUS.forbidden).length;
        const allowedLeft = status.filter((s) => s !== SITE_STATUS.forbidden).length;
        if (allowedLeft < allowedAll) reduced++;
        for (let p = Math.max(1, fixed); p <= allowedAll; p++) {
          const optimum = bruteForce(x, 'mclp', p, r.radius);
          expect(bruteForce(y, 'mclp', Math.min(p, allowedLeft), r.radius)).toBeCloseTo(optimum, 9);
        }
        const d = withoutSites(c, dominated);
        for (let i = 0; i < r.n; i++) {
          const expected = Array.from(c.siteOf.subarray(c.demandStart[i], c.demandStart[i + 1])).filter(
            (j) => !dominated[j],
          );
          expect(Array.from(d.siteOf.subarray(d.demandStart[i], d.demandStart[i + 1]))).toEqual(expected);
        }
        for (let j = 0; j < r.m; j++) {
          const expected = dominated[j]
            ? []
            : Array.from(c.demandOf.subarray(c.siteStart[j], c.siteStart[j + 1]));
          expect(Array.from(d.demandOf.subarray(d.siteStart[j], d.siteStart[j + 1]))).toEqual(expected);
        }
      }),
      { seed: 20261128, numRuns: 500 },
    );
    // The instances must exercise the reduction, or the test proves nothing.
    expect(reduced).toBeGreaterThan(150);
  });
});
