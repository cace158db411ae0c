/** Tiny location instances for property tests, built from the flat arrays fast-check draws. */
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
