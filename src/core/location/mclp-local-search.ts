/**
 * Construction and local search for the maximal covering problem: the lazy greedy, the swap
 * descent (a tabu run of mclp-tabu.ts that stops at its first move that does not improve),
 * pair moves, and the starts the MCLP heuristic (mclp.ts) and the LP-guided search restart
 * from.
 */
import { seededRandom } from '../random.ts';
import type { Coverage } from './coverage.ts';
import { type LocationInstance, SITE_STATUS, withStatus } from './instance.ts';
import { type SiteNeighbours, tabuMclp } from './mclp-tabu.ts';

/** The sites as a 0/1 mask over m sites. */
export function maskOf(m: number, sites: readonly number[]): Uint8Array {
  const mask = new Uint8Array(m);
  for (const j of sites) mask[j] = 1;
  return mask;
}

/** Weight of the demand the sites of the mask cover. */
export function coveredTotal(x: LocationInstance, c: Coverage, isOpen: Uint8Array): number {
  let t = 0;
  for (let i = 0; i < c.n; i++) {
    for (let k = c.demandStart[i] ?? 0; k < (c.demandStart[i + 1] ?? 0); k++) {
      if (isOpen[c.siteOf[k] ?? 0]) {
        t += x.weights[i] ?? 0;
        break;
      }
    }
  }
  return t;
}

export function greedyMclp(x: LocationInstance, c: Coverage, p: number): number[] {
  const m = c.m;
  const isOpen = new Uint8Array(m);
  const covered = new Uint8Array(c.n);
  const open: number[] = [];
  const openSite = (j: number) => {
    isOpen[j] = 1;
    open.push(j);
    for (let k = c.siteStart[j] ?? 0; k < (c.siteStart[j + 1] ?? 0); k++) covered[c.demandOf[k] ?? 0] = 1;
  };
  for (let j = 0; j < m; j++) if (x.status[j] === SITE_STATUS.fixed) openSite(j);
  const gainOf = (j: number) => {
    let g = 0;
    for (let k = c.siteStart[j] ?? 0; k < (c.siteStart[j + 1] ?? 0); k++) {
      const i = c.demandOf[k] ?? 0;
      if (!covered[i]) g += x.weights[i] ?? 0;
    }
    return g;
  };
  const upper = new Float64Array(m);
  for (let j = 0; j < m; j++) upper[j] = gainOf(j);
  // Sites by decreasing stale gain; a max-heap keeps lazy evaluation cheap for thousands of sites.
  const heap: number[] = [];
  const less = (a: number, b: number) =>
    (upper[a] ?? 0) < (upper[b] ?? 0) || ((upper[a] ?? 0) === (upper[b] ?? 0) && a > b);
  const up = (k: number) => {
    while (k > 0) {
      const parent = (k - 1) >> 1;
      if (!less(heap[parent] ?? 0, heap[k] ?? 0)) break;
      [heap[parent], heap[k]] = [heap[k] ?? 0, heap[parent] ?? 0];
      k = parent;
    }
  };
  const down = (k: number) => {
    for (;;) {
      const l = 2 * k + 1;
      const r = l + 1;
      let top = k;
      if (l < heap.length && less(heap[top] ?? 0, heap[l] ?? 0)) top = l;
      if (r < heap.length && less(heap[top] ?? 0, heap[r] ?? 0)) top = r;
      if (top === k) return;
      [heap[top], heap[k]] = [heap[k] ?? 0, heap[top] ?? 0];
      k = top;
    }
  };
  for (let j = 0; j < m; j++) {
    if (isOpen[j] || x.status[j] === SITE_STATUS.forbidden) continue;
    heap.push(j);
    up(heap.length - 1);
  }
  while (open.length < p && heap.length > 0) {
    const j = heap[0] ?? 0;
    const fresh = gainOf(j);
    if (fresh < (upper[j] ?? 0)) {
      upper[j] = fresh;
      down(0);
      continue;
    }
    const last = heap.pop() ?? 0;
    if (heap.length > 0) {
      heap[0] = last;
      down(0);
    }
    openSite(j);
  }
  return open.sort((a, b) => a - b);
}

/**
 * The swap prices of a solution, as in the fast interchange: gain(f) = uncovered weight f
 * covers, loss(r) = weight only the r-th open site covers, extra(f, r) (at f × p + r) = the
 * part of loss(r) that f covers too; a swap's change of coverage is gain − loss + extra.
 */
function swapPrices(
  x: LocationInstance,
  c: Coverage,
  isOpen: Uint8Array,
  pos: Int32Array,
  count: Int32Array,
  gain: Float64Array,
  loss: Float64Array,
  extra: Float64Array,
): void {
  const p = loss.length;
  gain.fill(0);
  loss.fill(0);
  extra.fill(0);
  for (let i = 0; i < c.n; i++) {
    const w = x.weights[i] ?? 0;
    const cnt = count[i] ?? 0;
    if (w === 0 || cnt > 1) continue;
    const a = c.demandStart[i] ?? 0;
    const b = c.demandStart[i + 1] ?? 0;
    let r = -1;
    if (cnt === 1) {
      for (let k = a; k < b; k++) {
        const s = c.siteOf[k] ?? 0;
        if (isOpen[s]) {
          r = pos[s] ?? -1;
          break;
        }
      }
      if (r >= 0) loss[r] = (loss[r] ?? 0) + w;
    }
    for (let k = a; k < b; k++) {
      const f = c.siteOf[k] ?? 0;
      if (isOpen[f]) continue;
      if (cnt === 0) gain[f] = (gain[f] ?? 0) + w;
      else if (r >= 0) extra[f * p + r] = (extra[f * p + r] ?? 0) + w;
    }
  }
}

/**
 * Two swaps at once: each of the `k` best-priced single swaps (improving or not) followed by
 * a descent. Tabu search over single swaps can stall one pair short of a better solution when
 * each swap of the pair loses coverage alone (say, two neighbouring sites traded for their
 * neighbours); the descent after the first swap finds the second. Returns the best found, or
 * the start.
 */
export function pairSwapMclp(
  x: LocationInstance,
  c: Coverage,
  start: readonly number[],
  k: number,
  shouldStop: () => boolean,
): { open: number[]; covered: number } {
  const m = c.m;
  const p = start.length;
  const isOpen = maskOf(m, start);
  const pos = new Int32Array(m).fill(-1);
  for (const [q, j] of start.entries()) pos[j] = q;
  const count = new Int32Array(c.n);
  for (let i = 0; i < c.n; i++) {
    for (let t = c.demandStart[i] as number; t < (c.demandStart[i + 1] as number); t++)
      if (isOpen[c.siteOf[t] as number]) count[i] = (count[i] as number) + 1;
  }
  const gain = new Float64Array(m);
  const loss = new Float64Array(p);
  const extra = new Float64Array(m * p);
  swapPrices(x, c, isOpen, pos, count, gain, loss, extra);
  // The k best single swaps, kept sorted by decreasing price.
  const topDelta: number[] = [];
  const topMove: [number, number][] = [];
  for (let f = 0; f < m; f++) {
    if (isOpen[f] || x.status[f] === SITE_STATUS.forbidden) continue;
    for (let r = 0; r < p; r++) {
      if (x.status[start[r] as number] === SITE_STATUS.fixed) continue;
      const delta = (gain[f] as number) - (loss[r] as number) + (extra[f * p + r] as number);
      if (topDelta.length === k && delta <= (topDelta[k - 1] as number)) continue;
      let at = topDelta.length;
      while (at > 0 && (topDelta[at - 1] as number) < delta) at--;
      topDelta.splice(at, 0, delta);
      topMove.splice(at, 0, [f, r]);
      if (topDelta.length > k) {
        topDelta.pop();
        topMove.pop();
      }
    }
  }
  let best = { open: [...start].sort((a, b) => a - b), covered: coveredTotal(x, c, isOpen) };
  for (const [f, r] of topMove) {
    if (shouldStop()) break;
    const found = swapMclp(
      x,
      c,
      start.map((j, q) => (q === r ? f : j)),
      { shouldStop },
    );
    if (found.covered > best.covered) best = { open: found.open, covered: found.covered };
  }
  return best;
}

/**
 * Best-improvement descent over swaps: a tabu run (mclp-tabu.ts, with its incremental swap
 * prices) that stops after its first move that does not improve, returning the local optimum.
 */
export function swapMclp(
  x: LocationInstance,
  c: Coverage,
  start: readonly number[],
  options: { shouldStop?: () => boolean; random?: () => number; neighbours?: SiteNeighbours | null } = {},
): { open: number[]; covered: number } {
  const found = tabuMclp(x, c, start, {
    maxStale: 1,
    tenureIn: 1,
    tenureOut: 0,
    random: options.random ?? seededRandom(1),
    shouldStop: options.shouldStop ?? (() => false),
    neighbours: options.neighbours ?? null,
  });
  return { open: found.open, covered: found.covered };
}

/** The best set with a quarter of its free sites swapped for others drawn by score. */
export function perturb(
  x: LocationInstance,
  open: readonly number[],
  scores: Float64Array,
  random: () => number,
): number[] {
  const keep = open.filter((j) => x.status[j] === SITE_STATUS.fixed || random() >= 0.25);
  const status = Uint8Array.from(x.status);
  for (const j of keep) status[j] = SITE_STATUS.fixed;
  return sampleSites(withStatus(x, status), open.length, scores, random);
}

const lastFree = (w: Float64Array) => {
  for (let k = w.length - 1; k >= 0; k--) if ((w[k] ?? 0) > 0) return k;
  return -1;
};

/** p sites drawn without replacement in proportion to score + 1 (fixed sites always, forbidden never). */
export function sampleSites(
  x: LocationInstance,
  p: number,
  scores: Float64Array,
  random: () => number,
): number[] {
  const chosen: number[] = [];
  const free: number[] = [];
  for (let j = 0; j < x.siteIds.length; j++) {
    if (x.status[j] === SITE_STATUS.fixed) chosen.push(j);
    else if (x.status[j] === SITE_STATUS.free) free.push(j);
  }
  const w = Float64Array.from(free, (j) => Math.max(0, scores[j] ?? 0) + 1);
  let total = w.reduce((s, v) => s + v, 0);
  let left = free.length;
  while (chosen.length < p && left > 0) {
    left--;
    const last = lastFree(w);
    let u = random() * total;
    for (let k = 0; k < free.length; k++) {
      const v = w[k] ?? 0;
      if (v === 0) continue;
      u -= v;
      if (u <= 0 || k === last) {
        chosen.push(free[k] ?? 0);
        total -= v;
        w[k] = 0;
        break;
      }
    }
  }
  return chosen;
}

/**
 * Local search from starts drawn in proportion to a fractional solution (the LP
 * relaxation's y, or any site scores): sites the relaxation likes are likely in good
 * solutions, and starting in several such places escapes the local optima that kicks
 * around one solution cannot. Returns the best solution found within `shouldStop`.
 */
export function guidedStartsMclp(
  x: LocationInstance,
  c: Coverage,
  p: number,
  scores: Float64Array,
  best: { open: number[]; covered: number },
  options: { random: () => number; shouldStop: () => boolean; maxStarts?: number; target?: number },
): { open: number[]; covered: number; starts: number } {
  const m = c.m;
  let current = best;
  let starts = 0;
  const fixed: number[] = [];
  const free: number[] = [];
  for (let j = 0; j < m; j++) {
    if (x.status[j] === SITE_STATUS.fixed) fixed.push(j);
    else if (x.status[j] === SITE_STATUS.free) free.push(j);
  }
  const weight = free.map((j) => Math.max(0, scores[j] ?? 0) + 1e-3);
  while (
    !options.shouldStop() &&
    starts < (options.maxStarts ?? 1_000) &&
    current.covered < (options.target ?? Number.POSITIVE_INFINITY)
  ) {
    starts++;
    const chosen = new Set<number>(fixed);
    const w = Float64Array.from(weight);
    let total = w.reduce((s, v) => s + v, 0);
    while (chosen.size < p && total > 0) {
      let u = options.random() * total;
      for (let k = 0; k < free.length; k++) {
        const v = w[k] ?? 0;
        if (v === 0) continue;
        u -= v;
        if (u <= 0) {
          chosen.add(free[k] ?? 0);
          total -= v;
          w[k] = 0;
          break;
        }
      }
    }
    const found = swapMclp(x, c, [...chosen], { shouldStop: options.shouldStop, random: options.random });
    if (found.covered > current.covered) current = found;
  }
  return { ...current, starts };
}
