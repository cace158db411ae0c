/**
 * p-median heuristic: greedy construction (lazy evaluation of marginal gains, valid because
 * the gain of a site only shrinks as others open) and best-improvement swap local search
 * with the gain / loss / extra decomposition of the fast interchange (Whitaker 1983;
 * Resende & Werneck 2004, "A hybrid heuristic for the p-median problem"): one pass over the
 * sparse cost lists prices every (insert, remove) pair.
 */
import { type LocationInstance, SITE_STATUS } from './instance.ts';

/** The dearest cost of each cost array (instances that differ in site status share one). */
const maxCostOf = new WeakMap<Float64Array, number>();

/**
 * Cost per unit weight for a demand no open site serves: high enough that leaving even the
 * lightest demand unserved costs more than serving everyone at the dearest cost.
 */
function penaltyOf(x: LocationInstance): number {
  let max = maxCostOf.get(x.cost);
  if (max === undefined) {
    max = 0;
    for (const c of x.cost) if (c > max) max = c;
    maxCostOf.set(x.cost, max);
  }
  let total = 0;
  let lightest = Number.POSITIVE_INFINITY;
  for (const w of x.weights) {
    total += w;
    if (w > 0 && w < lightest) lightest = w;
  }
  const ratio = Number.isFinite(lightest) ? total / lightest : 1;
  return (max + 1) * Math.max(1, ratio) * 10;
}

interface Assignment {
  d1: Float64Array;
  d2: Float64Array;
  f1: Int32Array;
}

function assign(x: LocationInstance, isOpen: Uint8Array, penalty: number, out?: Assignment): Assignment {
  const n = x.demandIds.length;
  const a = out ?? { d1: new Float64Array(n), d2: new Float64Array(n), f1: new Int32Array(n) };
  for (let i = 0; i < n; i++) {
    let d1 = penalty;
    let d2 = penalty;
    let f1 = -1;
    const end = x.rowStart[i + 1] ?? 0;
    for (let k = x.rowStart[i] ?? 0; k < end; k++) {
      const s = x.site[k] ?? 0;
      if (!isOpen[s]) continue;
      if (f1 < 0) {
        f1 = s;
        d1 = x.cost[k] ?? 0;
      } else {
        d2 = x.cost[k] ?? 0;
        break;
      }
    }
    a.d1[i] = d1;
    a.d2[i] = d2;
    a.f1[i] = f1;
  }
  return a;
}

function totalCost(x: LocationInstance, a: Assignment): number {
  let t = 0;
  for (let i = 0; i < x.demandIds.length; i++) t += (x.weights[i] ?? 0) * (a.d1[i] ?? 0);
  return t;
}

/** Sites' client lists (the transpose of the instance), for lazy greedy. */
function columns(x: LocationInstance) {
  const m = x.siteIds.length;
  const count = new Int32Array(m + 1);
  for (const s of x.site) count[s + 1] = (count[s + 1] ?? 0) + 1;
  for (let j = 0; j < m; j++) count[j + 1] = (count[j + 1] ?? 0) + (count[j] ?? 0);
  const start = Int32Array.from(count);
  const fill = Int32Array.from(count);
  const demand = new Int32Array(x.site.length);
  const cost = new Float64Array(x.site.length);
  for (let i = 0; i < x.demandIds.length; i++) {
    for (let k = x.rowStart[i] ?? 0; k < (x.rowStart[i + 1] ?? 0); k++) {
      const s = x.site[k] ?? 0;
      const at = fill[s] ?? 0;
      demand[at] = i;
      cost[at] = x.cost[k] ?? 0;
      fill[s] = at + 1;
    }
  }
  return { start, demand, cost };
}

/** Greedy: fixed sites first, then repeatedly the site that lowers the cost most. */
export function greedyPMedian(x: LocationInstance, p: number): number[] {
  const m = x.siteIds.length;
  const penalty = penaltyOf(x);
  const isOpen = new Uint8Array(m);
  const open: number[] = [];
  for (let j = 0; j < m; j++)
    if (x.status[j] === SITE_STATUS.fixed) {
      isOpen[j] = 1;
      open.push(j);
    }
  const a = assign(x, isOpen, penalty);
  const cols = columns(x);
  const gainOf = (j: number) => {
    let g = 0;
    for (let k = cols.start[j] ?? 0; k < (cols.start[j + 1] ?? 0); k++) {
      const i = cols.demand[k] ?? 0;
      const d = cols.cost[k] ?? 0;
      const cur = a.d1[i] ?? 0;
      if (d < cur) g += (x.weights[i] ?? 0) * (cur - d);
    }
    return g;
  };
  // Lazy greedy: stale gains are upper bounds of current ones.
  const stale = new Float64Array(m).fill(Number.POSITIVE_INFINITY);
  while (open.length < p) {
    let best = -1;
    for (;;) {
      best = -1;
      for (let j = 0; j < m; j++) {
        if (isOpen[j] || x.status[j] === SITE_STATUS.forbidden) continue;
        if (best < 0 || (stale[j] ?? 0) > (stale[best] ?? 0)) best = j;
      }
      if (best < 0) return open.sort((u, v) => u - v);
      const fresh = gainOf(best);
      const prev = stale[best] ?? 0;
      stale[best] = fresh;
      if (fresh >= prev - 1e-9 * Math.max(1, prev)) break;
      // Still the best among upper bounds?
      let beaten = false;
      for (let j = 0; j < m; j++) {
        if (j !== best && !isOpen[j] && x.status[j] !== SITE_STATUS.forbidden && (stale[j] ?? 0) > fresh) {
          beaten = true;
          break;
        }
      }
      if (!beaten) break;
    }
    isOpen[best] = 1;
    open.push(best);
    for (let k = cols.start[best] ?? 0; k < (cols.start[best + 1] ?? 0); k++) {
      const i = cols.demand[k] ?? 0;
      const d = cols.cost[k] ?? 0;
      if (d < (a.d1[i] ?? 0)) a.d1[i] = d;
    }
  }
  return open.sort((u, v) => u - v);
}

export interface LocalSearchResult {
  readonly open: number[];
  readonly cost: number;
  readonly swaps: number;
}

/**
 * Best-improvement swaps until none improves (or `shouldStop`). delta(f in, r out) =
 * −gain(f) + loss(r) − extra(f, r), where gain(f) is what f saves clients now, loss(r) what
 * clients of r would pay moving to their second site, and extra corrects for clients of r
 * that f would serve better than their second site.
 */
export function swapPMedian(
  x: LocationInstance,
  start: readonly number[],
  shouldStop: () => boolean = () => false,
): LocalSearchResult {
  const m = x.siteIds.length;
  const n = x.demandIds.length;
  const penalty = penaltyOf(x);
  const isOpen = new Uint8Array(m);
  const open = [...start];
  for (const j of open) isOpen[j] = 1;
  const p = open.length;
  const pos = new Int32Array(m).fill(-1);
  const gain = new Float64Array(m);
  const loss = new Float64Array(p);
  const extra = new Float64Array(m * p);
  let a = assign(x, isOpen, penalty);
  let swaps = 0;
  for (;;) {
    if (shouldStop()) break;
    for (const [q, j] of open.entries()) pos[j] = q;
    gain.fill(0);
    loss.fill(0);
    extra.fill(0);
    for (let i = 0; i < n; i++) {
      const w = x.weights[i] ?? 0;
      if (w === 0) continue;
      const d1 = a.d1[i] ?? 0;
      const d2 = a.d2[i] ?? 0;
      const r = pos[a.f1[i] ?? 0] ?? -1;
      if (r >= 0) loss[r] = (loss[r] ?? 0) + w * (d2 - d1);
      const end = x.rowStart[i + 1] ?? 0;
      for (let k = x.rowStart[i] ?? 0; k < end; k++) {
        const d = x.cost[k] ?? 0;
        if (d >= d2) break;
        const f = x.site[k] ?? 0;
        if (isOpen[f]) continue;
        if (d < d1) gain[f] = (gain[f] ?? 0) + w * (d1 - d);
        if (r >= 0) extra[f * p + r] = (extra[f * p + r] ?? 0) + w * (d2 - Math.max(d, d1));
      }
    }
    let best = -1e-9;
    let bestF = -1;
    let bestR = -1;
    for (let f = 0; f < m; f++) {
      if (isOpen[f] || x.status[f] === SITE_STATUS.forbidden) continue;
      const g = gain[f] ?? 0;
      for (let r = 0; r < p; r++) {
        if (x.status[open[r] ?? 0] === SITE_STATUS.fixed) continue;
        const delta = -g + (loss[r] ?? 0) - (extra[f * p + r] ?? 0);
        if (delta < best) {
          best = delta;
          bestF = f;
          bestR = r;
        }
      }
    }
    if (bestF < 0) break;
    const out = open[bestR] ?? 0;
    isOpen[out] = 0;
    pos[out] = -1;
    isOpen[bestF] = 1;
    open[bestR] = bestF;
    swaps++;
    a = assign(x, isOpen, penalty, a);
  }
  return { open: [...open].sort((u, v) => u - v), cost: totalCost(x, a), swaps };
}
