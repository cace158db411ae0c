/**
 * Exhaustive search over a small pool of sites for the maximal covering problem: every set of
 * p sites made of the must-keep sites and free sites of the pool, depth first, with the
 * coverage kept incrementally and a branch cut off when even its best-case completion cannot
 * beat the best known: by a Lagrangian bound with the branch's sites forced open, or else by
 * the largest stand-alone coverages still to choose from, added up.
 *
 * The heuristic calls it once the Lagrangian fixings have ruled out all but a few sites: any
 * set better than the best known then lies in the pool, so searching the pool completely
 * proves optimality. A work budget (list entries visited) keeps it from running long when
 * the pool is not as small as hoped; it then reports that it did not finish.
 */
import type { Coverage } from './coverage.ts';
import { type LocationInstance, SITE_STATUS } from './instance.ts';

/** C(n, k) as a float (exact while it stays below 2^53). */
export function combinations(n: number, k: number): number {
  if (k < 0 || k > n) return 0;
  let r = 1;
  for (let q = 1; q <= Math.min(k, n - k); q++) r = (r * (n - k + q)) / q;
  return Math.round(r);
}

export interface EnumerationResult {
  /** False when the work budget ran out first: then nothing is proven. */
  readonly complete: boolean;
  /** A set covering more than `lowerBound`, the best in the pool, or null when none does. */
  readonly better: { open: number[]; covered: number } | null;
}

export function enumerateMclp(
  x: LocationInstance,
  c: Coverage,
  pool: readonly number[],
  p: number,
  lowerBound: number,
  options: {
    /**
     * A Lagrangian bound (multipliers' site values σ and constant part Σ max(0, w − μ)): a
     * branch's best completion is then at most the constant plus σ of its sites and of the
     * largest σ still to choose from, which cuts far deeper than stand-alone coverage.
     */
    lagrangian?: { readonly sigma: Float64Array; readonly constant: number };
    /** List entries to visit at most before giving up. */
    budget?: number;
  } = {},
): EnumerationResult {
  const budget = options.budget ?? 30_000_000;
  const fixed = pool.filter((j) => x.status[j] === SITE_STATUS.fixed);
  const free = pool.filter((j) => x.status[j] === SITE_STATUS.free);
  const k = Math.min(p - fixed.length, free.length);
  const count = new Int32Array(c.n);
  const w = x.weights;
  let covered = 0;
  let work = 0;
  const add = (j: number) => {
    const to = c.siteStart[j + 1] as number;
    work += to - (c.siteStart[j] as number);
    for (let q = c.siteStart[j] as number; q < to; q++) {
      const i = c.demandOf[q] as number;
      const now = (count[i] as number) + 1;
      count[i] = now;
      if (now === 1) covered += w[i] as number;
    }
  };
  const remove = (j: number) => {
    const to = c.siteStart[j + 1] as number;
    for (let q = c.siteStart[j] as number; q < to; q++) {
      const i = c.demandOf[q] as number;
      const now = (count[i] as number) - 1;
      count[i] = now;
      if (now === 0) covered -= w[i] as number;
    }
  };
  for (const j of fixed) add(j);
  // Each free site's coverage of what the must-keep sites leave: no branch gains more from it.
  const alone = new Float64Array(c.m);
  for (const j of free) {
    let s = 0;
    for (let q = c.siteStart[j] as number; q < (c.siteStart[j + 1] as number); q++) {
      const i = c.demandOf[q] as number;
      if ((count[i] as number) === 0) s += w[i] as number;
    }
    alone[j] = s;
  }
  // r sites add at most the r largest of those.
  const aloneDesc = Float64Array.from(free, (j) => alone[j] as number).sort((a, b) => b - a);
  const topAlone = new Float64Array(aloneDesc.length + 1);
  for (let q = 0; q < aloneDesc.length; q++)
    topAlone[q + 1] = (topAlone[q] as number) + (aloneDesc[q] as number);
  // Free sites by decreasing value, σ (or else stand-alone coverage): a branch from position
  // `at` with r sites to go then adds at most the next r values.
  const lagrangian = options.lagrangian;
  const siteValue = lagrangian ? lagrangian.sigma : alone;
  const order = Int32Array.from(free).sort(
    (a, b) => (siteValue[b] as number) - (siteValue[a] as number) || a - b,
  );
  const value = Float64Array.from(order, (j) => siteValue[j] as number);
  const prefix = new Float64Array(order.length + 1);
  for (let q = 0; q < order.length; q++) prefix[q + 1] = (prefix[q] as number) + (value[q] as number);
  // The chosen sites' part of the σ bound: the constant, the must-keep sites' σ and theirs.
  let chosenValue = lagrangian
    ? lagrangian.constant + fixed.reduce((t, j) => t + (lagrangian.sigma[j] as number), 0)
    : 0;
  const beats = (v: number) =>
    x.integralWeights ? v >= bestValue + 1 - 1e-6 : v > bestValue + 1e-9 * Math.max(1, bestValue);
  let bestValue = lowerBound;
  let bestSet: number[] | null = null;
  const chosen: number[] = [];
  let complete = true;
  // A node costs its site's list plus this much bookkeeping, in list entries.
  const NODE_COST = 16;
  // With σ, the branches that bound alone leaves are counted first (arithmetic only, up to a
  // cap): when they are so many that the search would likely run out of budget even with
  // the coverage cuts, it is not started. (Over the 309 benchmark instances every search that
  // finished had at most 1.25 times as many such branches as its budget pays for, so the cap
  // is twice that: bench/HISTORY.md, "Constants".)
  if (lagrangian) {
    let sum = 0;
    for (const j of free) sum += (c.siteStart[j + 1] as number) - (c.siteStart[j] as number);
    const perNode = NODE_COST + sum / Math.max(1, free.length);
    const cap = Math.min(2_000_000, (2 * budget) / perNode);
    let nodes = 0;
    const countNodes = (at: number, left: number, val: number) => {
      for (let q = at; q + left <= order.length && nodes <= cap; q++) {
        if (!beats(val + (prefix[q + left] as number) - (prefix[q] as number))) return;
        nodes++;
        if (left > 1) countNodes(q + 1, left - 1, val + (value[q] as number));
      }
    };
    countNodes(0, k, chosenValue);
    if (nodes > cap) return { complete: false, better: null };
  }
  const search = (at: number, left: number) => {
    if (left === 0) {
      if (beats(covered)) {
        bestValue = covered;
        bestSet = [...fixed, ...chosen];
      }
      return;
    }
    if (!beats(covered + (topAlone[left] as number))) return;
    for (let q = at; q + left <= order.length; q++) {
      const next = (prefix[q + left] as number) - (prefix[q] as number);
      if (!beats((lagrangian ? chosenValue : covered) + next)) return;
      if (work > budget) {
        complete = false;
        return;
      }
      work += NODE_COST;
      const j = order[q] as number;
      if (left === 1) {
        // The last site: its gain alone decides, without adding it.
        if (!beats(covered + (alone[j] as number))) continue;
        const to = c.siteStart[j + 1] as number;
        work += to - (c.siteStart[j] as number);
        let gain = 0;
        for (let t = c.siteStart[j] as number; t < to; t++) {
          const i = c.demandOf[t] as number;
          if ((count[i] as number) === 0) gain += w[i] as number;
        }
        if (beats(covered + gain)) {
          bestValue = covered + gain;
          bestSet = [...fixed, ...chosen, j];
        }
        continue;
      }
      add(j);
      chosen.push(j);
      const v = value[q] as number;
      chosenValue += v;
      search(q + 1, left - 1);
      chosenValue -= v;
      chosen.pop();
      remove(j);
      if (!complete) return;
    }
  };
  search(0, k);
  const found = bestSet as number[] | null;
  return {
    complete,
    better: found ? { open: [...found].sort((a, b) => a - b), covered: bestValue } : null,
  };
}
