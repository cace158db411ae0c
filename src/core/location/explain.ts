/**
 * Explanations of a location answer for planners: who each chosen site serves, what each
 * closure costs, and other sets of sites that are nearly as good.
 */
import { maximizes, objectiveOf } from './evaluate.ts';
import type { LocationInstance, LocationModel } from './instance.ts';
import { SITE_STATUS } from './instance.ts';

export interface SiteExplanation {
  readonly site: number;
  /** Demand points served (nearest chosen site; within the radius for covering models). */
  readonly demands: readonly number[];
  /** Objective change if this site were closed too (worse = positive). */
  readonly lossIfClosed: number;
}

export interface ClosureExplanation {
  readonly site: number;
  /** Objective improvement if this site were kept as well (≥ 0). */
  readonly gainIfKept: number;
  /** Closed by the request (forbidden), not by the optimiser. */
  readonly forced: boolean;
}

export interface Alternative {
  readonly open: readonly number[];
  readonly objective: number;
  /** How much worse than the answer, as a share of it (0.01 = 1 %). */
  readonly worseBy: number;
}

export interface Explanation {
  readonly chosen: readonly SiteExplanation[];
  readonly closures: readonly ClosureExplanation[];
  readonly alternatives: readonly Alternative[];
}

/** Which chosen site serves each demand (−1: none), by cost order of its list. */
export function servingSite(
  x: LocationInstance,
  open: readonly number[],
  radius = Number.POSITIVE_INFINITY,
): Int32Array {
  const isOpen = new Uint8Array(x.siteIds.length);
  for (const j of open) isOpen[j] = 1;
  const out = new Int32Array(x.demandIds.length).fill(-1);
  for (let i = 0; i < x.demandIds.length; i++) {
    for (let k = x.rowStart[i] ?? 0; k < (x.rowStart[i + 1] ?? 0) && (x.cost[k] ?? 0) <= radius; k++) {
      if (isOpen[x.site[k] ?? 0]) {
        out[i] = x.site[k] ?? -1;
        break;
      }
    }
  }
  return out;
}

export function explain(
  x: LocationInstance,
  model: LocationModel,
  open: readonly number[],
  radius: number,
  options: { candidates?: readonly number[]; nearOptimalShare?: number; maxAlternatives?: number } = {},
): Explanation {
  const max = maximizes(model);
  const value = (sites: readonly number[]) => objectiveOf(x, model, sites, radius);
  const base = value(open);
  const worse = (v: number) => (max ? base - v : v - base);
  const serving = servingSite(x, open, model === 'p-median' ? Number.POSITIVE_INFINITY : radius);
  const chosen = open.map((site) => {
    const demands: number[] = [];
    for (let i = 0; i < serving.length; i++) if (serving[i] === site) demands.push(i);
    const without = open.filter((j) => j !== site);
    return { site, demands, lossIfClosed: worse(value(without)) };
  });
  const notOpen = (options.candidates ?? [...Array(x.siteIds.length).keys()]).filter(
    (j) => !open.includes(j),
  );
  const candidates = notOpen.filter((j) => x.status[j] !== SITE_STATUS.forbidden);
  const closures = notOpen.map((site) => ({
    site,
    gainIfKept: Math.max(0, -worse(value([...open, site]))),
    forced: x.status[site] === SITE_STATUS.forbidden,
  }));
  closures.sort((a, b) => b.gainIfKept - a.gainIfKept);
  // Alternatives: every single swap that stays within the share of the answer.
  const share = options.nearOptimalShare ?? 0.02;
  const alternatives: Alternative[] = [];
  if (model !== 'lscp') {
    for (const out of open) {
      if (x.status[out] === SITE_STATUS.fixed) continue;
      for (const into of candidates) {
        const sites = open.map((j) => (j === out ? into : j)).sort((a, b) => a - b);
        const v = value(sites);
        const by = Math.abs(base) > 0 ? worse(v) / Math.abs(base) : worse(v);
        if (Number.isFinite(v) && by >= 0 && by <= share)
          alternatives.push({ open: sites, objective: v, worseBy: by });
      }
    }
  }
  alternatives.sort((a, b) => a.worseBy - b.worseBy);
  return { chosen, closures, alternatives: alternatives.slice(0, options.maxAlternatives ?? 5) };
}
