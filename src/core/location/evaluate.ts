/** Objective values of a set of open sites, computed from scratch (used to check every solver). */
import type { LocationInstance, LocationModel } from './instance.ts';

/** Weighted cost of serving each demand from its cheapest open site; Infinity if one cannot be served. */
export function pMedianCost(x: LocationInstance, open: ArrayLike<number>): number {
  const isOpen = new Uint8Array(x.siteIds.length);
  for (let k = 0; k < open.length; k++) isOpen[open[k] ?? 0] = 1;
  let total = 0;
  for (let i = 0; i < x.demandIds.length; i++) {
    const w = x.weights[i] ?? 0;
    let best = Number.POSITIVE_INFINITY;
    for (let k = x.rowStart[i] ?? 0; k < (x.rowStart[i + 1] ?? 0); k++) {
      if (isOpen[x.site[k] ?? 0]) {
        best = x.cost[k] ?? 0; // rows are sorted: the first open one is the cheapest
        break;
      }
    }
    if (w > 0) total += w * best;
  }
  return total;
}

/** Weight of the demand within `radius` of an open site. */
export function coveredWeight(x: LocationInstance, open: ArrayLike<number>, radius: number): number {
  const isOpen = new Uint8Array(x.siteIds.length);
  for (let k = 0; k < open.length; k++) isOpen[open[k] ?? 0] = 1;
  let total = 0;
  for (let i = 0; i < x.demandIds.length; i++) {
    for (let k = x.rowStart[i] ?? 0; k < (x.rowStart[i + 1] ?? 0) && (x.cost[k] ?? 0) <= radius; k++) {
      if (isOpen[x.site[k] ?? 0]) {
        total += x.weights[i] ?? 0;
        break;
      }
    }
  }
  return total;
}

/** Whether every demand with weight > 0 is within `radius` of an open site. */
export function coversAll(x: LocationInstance, open: ArrayLike<number>, radius: number): boolean {
  const isOpen = new Uint8Array(x.siteIds.length);
  for (let k = 0; k < open.length; k++) isOpen[open[k] ?? 0] = 1;
  for (let i = 0; i < x.demandIds.length; i++) {
    if ((x.weights[i] ?? 0) <= 0) continue;
    let ok = false;
    for (let k = x.rowStart[i] ?? 0; k < (x.rowStart[i + 1] ?? 0) && (x.cost[k] ?? 0) <= radius; k++) {
      if (isOpen[x.site[k] ?? 0]) {
        ok = true;
        break;
      }
    }
    if (!ok) return false;
  }
  return true;
}

export function objectiveOf(
  x: LocationInstance,
  model: LocationModel,
  open: ArrayLike<number>,
  radius = 0,
): number {
  if (model === 'p-median') return pMedianCost(x, open);
  if (model === 'mclp') return coveredWeight(x, open, radius);
  return coversAll(x, open, radius) ? open.length : Number.POSITIVE_INFINITY;
}

/** Whether larger objective values are better. */
export const maximizes = (model: LocationModel) => model === 'mclp';
