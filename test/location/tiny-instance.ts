/** Tiny location instances for property tests, built from the flat arrays fast-check draws. */
import fc from 'fast-check';
import { expect } from 'vitest';
import { type Coverage, coverageWithin } from '../../src/core/location/coverage.ts';
import { createInstance, type LocationInstance, SITE_STATUS } from '../../src/core/location/instance.ts';

export interface TinyDraw {
  readonly n: number;
  readonly m: number;
  readonly weights: readonly number[];
  /** Row-major n × m demand-to-site costs; null where there is no connection. */
  readonly costs: readonly (number | null)[];
  readonly status: readonly number[];
}

export function tinyInstance(r: TinyDraw): LocationInstance {
  return createInstance({
    name: 'random',
    demandIds: Array.from({ length: r.n }, (_, i) => `d${i}`),
    siteIds: Array.from({ length: r.m }, (_, j) => `s${j}`),
    weights: [...r.weights],
    pairs: r.costs.flatMap((c, k) =>
      c === null ? [] : [{ demand: Math.floor(k / r.m), site: k % r.m, cost: c }],
    ),
    status: r.status,
  });
}

/** Whether p sites can be opened: at least the must-keep ones, at most the allowed ones. */
export function canOpen(status: readonly number[], p: number): boolean {
  const fixed = status.filter((s) => s === SITE_STATUS.fixed).length;
  const allowed = status.filter((s) => s !== SITE_STATUS.forbidden).length;
  return fixed <= p && p <= allowed;
}

/** An arbitrary feasible set of p sites: the must-keep ones, then the first free ones. */
export function firstSites(status: readonly number[], p: number): number[] {
  const open = [...status.keys()].filter((j) => status[j] === SITE_STATUS.fixed);
  for (const [j, s] of status.entries()) if (open.length < p && s === SITE_STATUS.free) open.push(j);
  return open;
}

export type TinyMclpDraw = TinyDraw & { readonly p: number; readonly radius: number };

/**
 * Seeded tiny MCLP instances: n demands and m sites (from 3), integral weights (or, with
 * `fractional`, fractional ones half of the time), costs up to `maxCost` with a fifth of the
 * pairs unconnected, a mix of free, must-keep and closed sites, p and a radius; `extra` adds
 * the test's own fields.
 */
export function tinyMclpDraws<E extends Record<string, unknown>>(
  sizes: {
    readonly maxN: number;
    readonly maxM: number;
    readonly maxCost: number;
    readonly maxWeight: number;
    readonly fractional: boolean;
  },
  extra: { [K in keyof E]: fc.Arbitrary<E[K]> },
): fc.Arbitrary<TinyMclpDraw & E> {
  return fc
    .record({
      n: fc.integer({ min: 3, max: sizes.maxN }),
      m: fc.integer({ min: 3, max: sizes.maxM }),
      fractional: sizes.fractional ? fc.boolean() : fc.constant(false),
    })
    .chain(({ n, m, fractional }) =>
      fc.record({
        n: fc.constant(n),
        m: fc.constant(m),
        weights: fc.array(
          fractional
            ? fc.integer({ min: 0, max: 3000 }).map((v) => v / 97)
            : fc.integer({ min: 0, max: sizes.maxWeight }),
          { minLength: n, maxLength: n },
        ),
        costs: fc.array(fc.option(fc.integer({ min: 0, max: sizes.maxCost }), { freq: 4 }), {
          minLength: n * m,
          maxLength: n * m,
        }),
        status: fc.array(fc.constantFrom(0, 0, 0, 0, 1, 2), { minLength: m, maxLength: m }),
        p: fc.integer({ min: 1, max: m }),
        radius: fc.integer({ min: 0, max: sizes.maxCost }),
        ...extra,
      }),
    ) as unknown as fc.Arbitrary<TinyMclpDraw & E>;
}

/**
 * A drawn MCLP instance and its coverage within the drawn radius; draws that cannot open p
 * sites are skipped (fast-check's precondition).
 */
export function tinyMclp(r: TinyMclpDraw): { x: LocationInstance; c: Coverage } {
  fc.pre(canOpen(r.status, r.p));
  const x = tinyInstance(r);
  return { x, c: coverageWithin(x, r.radius) };
}

/** Every set one swap away from `open`: a free open site traded for an allowed closed one. */
export function oneSwapAway(open: readonly number[], status: readonly number[]): number[][] {
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

/** p distinct sites, every must-keep site among them and no closed one. */
export function expectFeasible(open: readonly number[], status: readonly number[], p: number): void {
  expect(new Set(open).size).toBe(p);
  for (const [j, s] of status.entries()) {
    if (s === SITE_STATUS.fixed) expect(open).toContain(j);
    if (s === SITE_STATUS.forbidden) expect(open).not.toContain(j);
  }
}

/**
 * n points drawn on a 100 × 100 square (seeded), integral weights 1–20, all sites free at the
 * first m points, costs the rounded distances: instances where coverage overlaps as in a city.
 */
export function planarInstance(n: number, m: number, seed: number): LocationInstance {
  let state = seed;
  const next = () => {
    state = (state * 48271) % 2147483647;
    return state / 2147483647;
  };
  const points = Array.from({ length: n }, () => [100 * next(), 100 * next()] as const);
  const costs = points.flatMap(([px, py]) =>
    points.slice(0, m).map(([sx, sy]) => Math.round(Math.hypot(px - sx, py - sy))),
  );
  const weights = Array.from({ length: n }, () => 1 + Math.floor(20 * next()));
  return tinyInstance({ n, m, weights, costs, status: Array.from({ length: m }, () => SITE_STATUS.free) });
}

/** Draws for {@link planarInstance}: sizes in the given ranges, a seed; `extra` adds the test's own fields. */
export function planarDraws<E extends Record<string, unknown>>(
  sizes: { readonly n: [number, number]; readonly m: [number, number]; readonly p: [number, number] },
  extra: { [K in keyof E]: fc.Arbitrary<E[K]> } = {} as { [K in keyof E]: fc.Arbitrary<E[K]> },
): fc.Arbitrary<{ n: number; m: number; p: number; seed: number } & E> {
  return fc.record({
    n: fc.integer({ min: sizes.n[0], max: sizes.n[1] }),
    m: fc.integer({ min: sizes.m[0], max: sizes.m[1] }),
    p: fc.integer({ min: sizes.p[0], max: sizes.p[1] }),
    seed: fc.integer({ min: 1, max: 1000 }),
    ...extra,
  }) as unknown as fc.Arbitrary<{ n: number; m: number; p: number; seed: number } & E>;
}
