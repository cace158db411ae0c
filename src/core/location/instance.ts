/**
 * A facility-location instance: demand points with weights, candidate sites with a status,
 * and the cost (minutes, metres…) of serving each demand from each site. Costs are stored
 * sparsely per demand, sorted by cost, so a city matrix (46 × 45), an OR-Library graph
 * (900 × 900) and a national instance with radius-limited pairs (100 000 × 5 000) share one
 * representation. A pair that is not listed cannot be used (unreachable).
 */
import { assert } from '../result.ts';

export const LOCATION_MODELS = ['p-median', 'mclp', 'lscp'] as const;
export type LocationModel = (typeof LOCATION_MODELS)[number];

/** free: may open or stay closed; fixed: must be open (must-keep); forbidden: must stay closed. */
export const SITE_STATUS = { free: 0, fixed: 1, forbidden: 2 } as const;
export type SiteStatus = (typeof SITE_STATUS)[keyof typeof SITE_STATUS];

export interface LocationInstance {
  readonly name: string;
  readonly demandIds: readonly string[];
  readonly siteIds: readonly string[];
  /** Combined weight of each demand point (e.g. residents, with planner-set group weights). */
  readonly weights: Float64Array;
  /** Per-demand list: entries rowStart[i] … rowStart[i+1]-1, sorted by cost ascending. */
  readonly rowStart: Int32Array;
  readonly site: Int32Array;
  readonly cost: Float64Array;
  readonly status: Uint8Array;
  /** True when every cost and weight is a whole number, so p-median optima are whole numbers too. */
  readonly integral: boolean;
  /** True when every weight is a whole number, so covered weight is a whole number. */
  readonly integralWeights: boolean;
}

export interface PairInput {
  readonly demand: number;
  readonly site: number;
  readonly cost: number;
}

/** Builds an instance from pairs (any order); the lowest cost wins for a repeated pair. */
export function createInstance(input: {
  name: string;
  demandIds: readonly string[];
  siteIds: readonly string[];
  weights: ArrayLike<number>;
  pairs: Iterable<PairInput>;
  status?: ArrayLike<number>;
}): LocationInstance {
  const n = input.demandIds.length;
  const m = input.siteIds.length;
  assert(input.weights.length === n, 'one weight per demand point');
  const rows: { site: number; cost: number }[][] = Array.from({ length: n }, () => []);
  for (const p of input.pairs) {
    assert(p.demand >= 0 && p.demand < n && p.site >= 0 && p.site < m, 'pair indices in range');
    rows[p.demand]?.push({ site: p.site, cost: p.cost });
  }
  let total = 0;
  for (const r of rows) {
    r.sort((a, b) => a.cost - b.cost || a.site - b.site);
    // Keep the cheapest entry of a repeated pair.
    const seen = new Set<number>();
    let k = 0;
    for (const e of r)
      if (!seen.has(e.site)) {
        seen.add(e.site);
        r[k++] = e;
      }
    r.length = k;
    total += k;
  }
  const rowStart = new Int32Array(n + 1);
  const site = new Int32Array(total);
  const cost = new Float64Array(total);
  let at = 0;
  let integral = true;
  for (const [i, r] of rows.entries()) {
    rowStart[i] = at;
    for (const e of r) {
      site[at] = e.site;
      cost[at] = e.cost;
      if (!Number.isInteger(e.cost)) integral = false;
      at++;
    }
  }
  rowStart[n] = at;
  const weights = Float64Array.from(input.weights);
  let integralWeights = true;
  for (const w of weights) if (!Number.isInteger(w)) integralWeights = false;
  if (!integralWeights) integral = false;
  return {
    name: input.name,
    demandIds: input.demandIds,
    siteIds: input.siteIds,
    weights,
    rowStart,
    site,
    cost,
    status: input.status ? Uint8Array.from(input.status) : new Uint8Array(m),
    integral,
    integralWeights,
  };
}

/** Builds an instance from a dense cost matrix (rows = demand); non-finite costs are unreachable. */
export function createDenseInstance(input: {
  name: string;
  demandIds: readonly string[];
  siteIds: readonly string[];
  weights: ArrayLike<number>;
  costs: (i: number, j: number) => number;
  status?: ArrayLike<number>;
}): LocationInstance {
  const pairs: PairInput[] = [];
  for (let i = 0; i < input.demandIds.length; i++) {
    for (let j = 0; j < input.siteIds.length; j++) {
      const c = input.costs(i, j);
      if (Number.isFinite(c)) pairs.push({ demand: i, site: j, cost: c });
    }
  }
  return createInstance({ ...input, pairs });
}

export const demandCount = (x: LocationInstance) => x.demandIds.length;
export const siteCount = (x: LocationInstance) => x.siteIds.length;

/** The same instance with other site statuses (must-keep / forbidden). */
export function withStatus(x: LocationInstance, status: ArrayLike<number>): LocationInstance {
  return { ...x, status: Uint8Array.from(status) };
}

/** Problems that make an instance unusable for a model, as sentences; empty when fine. */
export function validateQuery(
  x: LocationInstance,
  model: LocationModel,
  p: number | undefined,
  radius: number | undefined,
): string[] {
  const problems: string[] = [];
  const m = x.siteIds.length;
  const fixed = [...x.status].filter((s) => s === SITE_STATUS.fixed).length;
  const allowed = [...x.status].filter((s) => s !== SITE_STATUS.forbidden).length;
  for (const c of x.cost) {
    if (!(c >= 0)) {
      problems.push(`costs must be ≥ 0; found ${c}`);
      break;
    }
  }
  for (const [i, w] of x.weights.entries()) {
    if (!(w >= 0 && Number.isFinite(w))) {
      problems.push(`demand weights must be finite and ≥ 0; demand "${x.demandIds[i]}" has ${w}`);
      break;
    }
  }
  if (model !== 'lscp') {
    if (p === undefined || !Number.isInteger(p) || p < 1)
      problems.push(`p must be a whole number ≥ 1, got ${p}`);
    else {
      if (p > m) problems.push(`p = ${p} is larger than the number of candidate sites (${m})`);
      else if (p > allowed)
        problems.push(`p = ${p} is larger than the ${allowed} sites that are not forbidden`);
      if (fixed > p) problems.push(`${fixed} sites must be kept but p is only ${p}`);
    }
  }
  if (model !== 'p-median' && (radius === undefined || !(radius >= 0)))
    problems.push(`the coverage radius must be a number ≥ 0, got ${radius}`);
  if (model === 'p-median') {
    const stranded = unreachableDemands(x, () => true);
    if (stranded.length > 0) {
      problems.push(
        `${stranded.length} demand point${stranded.length === 1 ? '' : 's'} cannot reach any allowed site (e.g. "${x.demandIds[stranded[0] ?? 0]}"); a p-median needs every demand served`,
      );
    }
  }
  if (model === 'lscp' && radius !== undefined) {
    const stranded = unreachableDemands(x, (c) => c <= radius);
    if (stranded.length > 0) {
      problems.push(
        `${stranded.length} demand point${stranded.length === 1 ? '' : 's'} have no allowed site within ${radius} (e.g. "${x.demandIds[stranded[0] ?? 0]}"), so no set of sites covers everything`,
      );
    }
  }
  return problems;
}

/** Demand points (with weight > 0) that no non-forbidden site serves under `ok(cost)`. */
export function unreachableDemands(x: LocationInstance, ok: (cost: number) => boolean): number[] {
  const out: number[] = [];
  for (let i = 0; i < x.demandIds.length; i++) {
    if ((x.weights[i] ?? 0) <= 0) continue;
    let any = false;
    for (let k = x.rowStart[i] ?? 0; k < (x.rowStart[i + 1] ?? 0); k++) {
      if (x.status[x.site[k] ?? 0] !== SITE_STATUS.forbidden && ok(x.cost[k] ?? 0)) {
        any = true;
        break;
      }
    }
    if (!any) out.push(i);
  }
  return out;
}
