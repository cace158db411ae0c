/** Enumerates every feasible set of sites: the oracle for tiny location instances. */
import { coveredWeight, coversAll, pMedianCost } from '../../src/core/location/evaluate.ts';
import { type LocationInstance, type LocationModel, SITE_STATUS } from '../../src/core/location/instance.ts';

/** Every k-subset of `items`, in lexicographic order. */
export function* subsets(
  items: readonly number[],
  k: number,
  start = 0,
  acc: number[] = [],
): Generator<number[]> {
  if (acc.length === k) {
    yield [...acc];
    return;
  }
  for (let i = start; i < items.length; i++) {
    acc.push(items[i] ?? 0);
    yield* subsets(items, k, i + 1, acc);
    acc.pop();
  }
}

/** Every feasible set of p sites: the must-keep ones, then p − |must-keep| of the free ones. */
export function* feasibleSets(status: ArrayLike<number>, p: number): Generator<number[]> {
  const fixed: number[] = [];
  const free: number[] = [];
  for (let j = 0; j < status.length; j++) {
    if (status[j] === SITE_STATUS.fixed) fixed.push(j);
    else if (status[j] === SITE_STATUS.free) free.push(j);
  }
  for (const s of subsets(free, p - fixed.length)) yield [...fixed, ...s];
}

export function bruteForce(x: LocationInstance, model: LocationModel, p: number, radius: number): number {
  const fixed: number[] = [];
  const free: number[] = [];
  for (let j = 0; j < x.siteIds.length; j++) {
    if (x.status[j] === SITE_STATUS.fixed) fixed.push(j);
    else if (x.status[j] === SITE_STATUS.free) free.push(j);
  }
  if (model === 'lscp') {
    for (let k = 0; k <= free.length; k++) {
      for (const s of subsets(free, k)) if (coversAll(x, [...fixed, ...s], radius)) return fixed.length + k;
    }
    return Number.POSITIVE_INFINITY;
  }
  let best = model === 'mclp' ? Number.NEGATIVE_INFINITY : Number.POSITIVE_INFINITY;
  for (const open of feasibleSets(x.status, p)) {
    const v = model === 'mclp' ? coveredWeight(x, open, radius) : pMedianCost(x, open);
    best = model === 'mclp' ? Math.max(best, v) : Math.min(best, v);
  }
  return best;
}
