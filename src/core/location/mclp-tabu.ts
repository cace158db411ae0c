/**
 * Tabu search for the maximal covering problem over swap moves (one site out, one in).
 *
 * Every iteration takes the best swap that is not tabu, even when it loses coverage: that is
 * how the search crosses the wide plateaus and shallow valleys of covering problems, where
 * descent and random kicks stall (on the SJC instances at S = 400 they stop 0.3–0.5 % short).
 * A site that leaves may not come back for `tenureIn` iterations, one that enters may not
 * leave for `tenureOut`; a tabu move is still taken when it beats the best solution found
 * (aspiration).
 *
 * Swaps are priced as in the fast interchange: delta(f, r) = gain(f) − loss(r) + extra(f, r),
 * with gain(f) = uncovered weight f covers, loss(r) = weight only r covers, extra(f, r) = the
 * part of loss(r) that f covers too. Unlike the descent, which rebuilds these each pass, they
 * are updated incrementally from the demands whose number of covering open sites crosses 0, 1
 * or 2 (only those change a price).
 *
 * extra(f, r) > 0 only when f covers a demand that r alone covers, so f shares a demand
 * with r. An iteration may therefore price, for each open r, only such sites f exactly and
 * every other site by gain(f) alone: the best of those is the largest gain, found once per
 * iteration. The candidates come from the sites' neighbour lists ({@link siteNeighbours}),
 * costing Σ_r |neighbours(r)| + m, or from lists of the sites covering a demand each r
 * covers alone, costing their length (kept exact, with extra(f, r) beside each entry, by the
 * same updates that change extra: a site joins r's list when its first such demand appears
 * and leaves with its last); each iteration takes the cheapest of these and pricing all p × m
 * swaps (which wins when p is small or coverage dense). The largest gains themselves come from
 * a kept list of the sites of largest gain when there are many sites.
 *
 * This file holds the search loop; the prices and their updates are in mclp-swap-prices.ts,
 * the choice of a move in mclp-tabu-moves.ts and the largest gains in mclp-largest-gains.ts.
 */
import type { Coverage } from './coverage.ts';
import { type LocationInstance, SITE_STATUS } from './instance.ts';
import { createHighGains, createLargestGains, findLargestGains } from './mclp-largest-gains.ts';
import {
  applySwap,
  checkCandidates,
  createSwapState,
  rebuildPrices,
  type SwapState,
} from './mclp-swap-prices.ts';
import { cheapestPricing, chooseMove, createMoveChoice, type MoveChoice } from './mclp-tabu-moves.ts';

export interface TabuOptions {
  /** Stop after this many iterations without a new best. */
  readonly maxStale: number;
  /** Stop after this many iterations in all. */
  readonly maxIterations?: number;
  readonly tenureIn?: number;
  readonly tenureOut?: number;
  readonly random: () => number;
  readonly shouldStop: () => boolean;
  /** Stop as soon as this coverage is reached (a proven bound). */
  readonly target?: number;
  /**
   * Neighbour lists from {@link siteNeighbours} (built for these sites or a superset);
   * `null` prices every swap (p × m per iteration). Computed here when absent.
   */
  readonly neighbours?: SiteNeighbours | null;
  /**
   * How swaps are priced: `auto` (default) takes, each iteration, the cheapest of pricing
   * every swap (`full`), each open site's neighbours (`neighbours`, when lists are given) and
   * the sites covering a demand that an open site covers alone (`unique`).
   */
  readonly pricing?: 'auto' | 'full' | 'neighbours' | 'unique';
  /**
   * Check after every iteration that unique pricing's kept candidates (and their extra) are
   * those built afresh, and that the largest gains found are those of every site; throws if
   * not (for tests; costs a rebuild and a pass over the sites per iteration).
   */
  readonly checkCandidates?: boolean;
  /**
   * Called every `every` iterations with the best solution so far, the iteration that found
   * it and the iterations done; the search stops when it returns true (say, once a bound
   * proves that best).
   */
  readonly checkpoint?: {
    readonly every: number;
    readonly reached: (
      best: { open: number[]; covered: number },
      bestAt: number,
      iterations: number,
    ) => boolean;
  };
}

/** For each site, the other allowed sites that cover at least one demand it covers. */
export interface SiteNeighbours {
  readonly start: Int32Array;
  readonly site: Int32Array;
}

/**
 * Neighbour lists of every site, or `null` when they would not pay: when a site's list is on
 * average longer than `maxAverage` (dense coverage: pricing every swap is then as cheap) or
 * the lists would exceed `maxEntries`. The average is first estimated from a sample of sites,
 * so that dense coverage costs little more than the sample.
 */
export function siteNeighbours(
  x: LocationInstance,
  c: Coverage,
  limits: { maxAverage?: number; maxEntries?: number } = {},
): SiteNeighbours | null {
  const allowed = eligibleSites(x, c.m);
  const maxAverage = limits.maxAverage ?? allowed.length / 3;
  const maxEntries = Math.min(limits.maxEntries ?? 20_000_000, Math.floor(maxAverage * allowed.length));
  const sampleMark = new Int32Array(c.m).fill(-1);
  const step = Math.max(1, Math.floor(allowed.length / 64));
  let sampled = 0;
  let sampledEntries = 0;
  for (let q = 0; q < allowed.length; q += step) {
    const j = allowed[q] as number;
    sampled++;
    for (let k = c.siteStart[j] as number; k < (c.siteStart[j + 1] as number); k++) {
      const i = c.demandOf[k] as number;
      for (let t = c.demandStart[i] as number; t < (c.demandStart[i + 1] as number); t++) {
        const f = c.siteOf[t] as number;
        if (sampleMark[f] === j || f === j || x.status[f] === SITE_STATUS.forbidden) continue;
        sampleMark[f] = j;
        sampledEntries++;
      }
    }
  }
  if (sampled > 0 && sampledEntries > maxAverage * sampled) return null;
  const m = c.m;
  const limit = maxEntries;
  const mark = new Int32Array(m).fill(-1);
  const start = new Int32Array(m + 1);
  let list = new Int32Array(Math.min(limit, 1024 + 16 * m));
  let total = 0;
  for (let j = 0; j < m; j++) {
    start[j] = total;
    mark[j] = j;
    for (let k = c.siteStart[j] as number; k < (c.siteStart[j + 1] as number); k++) {
      const i = c.demandOf[k] as number;
      for (let q = c.demandStart[i] as number; q < (c.demandStart[i + 1] as number); q++) {
        const f = c.siteOf[q] as number;
        if (mark[f] === j || x.status[f] === SITE_STATUS.forbidden) continue;
        mark[f] = j;
        if (total >= limit) return null;
        if (total === list.length) {
          const grown = new Int32Array(Math.min(limit, 2 * list.length));
          grown.set(list);
          list = grown;
        }
        list[total++] = f;
      }
    }
  }
  start[m] = total;
  return { start, site: list.subarray(0, total) };
}

function eligibleSites(x: LocationInstance, m: number): number[] {
  const sites: number[] = [];
  for (let j = 0; j < m; j++) if (x.status[j] !== SITE_STATUS.forbidden) sites.push(j);
  return sites;
}

/** How long a site stays tabu after leaving (`tenureIn`) and after entering (`tenureOut`). */
function tenures(x: LocationInstance, m: number, p: number, options: TabuOptions) {
  // A tenure as long as the closed sites are many would leave no move to make.
  let closedCount = -p;
  for (let f = 0; f < m; f++) if (x.status[f] !== SITE_STATUS.forbidden) closedCount++;
  const tenureIn = Math.min(options.tenureIn ?? 60, Math.max(1, Math.floor(closedCount / 2)));
  return { tenureIn, tenureOut: options.tenureOut ?? 1 };
}

/** Where the search stands: the iteration, the tabu list and the best solution found. */
interface TabuProgress {
  it: number;
  stale: number;
  best: { open: number[]; covered: number };
  bestAt: number;
  readonly tabuUntil: Int32Array;
  readonly eps: number;
}

export function tabuMclp(
  x: LocationInstance,
  c: Coverage,
  start: readonly number[],
  options: TabuOptions,
): { open: number[]; covered: number; iterations: number; bestAt: number } {
  const m = c.m;
  const { tenureIn, tenureOut } = tenures(x, m, start.length, options);
  const nb = options.neighbours === undefined ? siteNeighbours(x, c) : options.neighbours;
  const everySite = Int32Array.from(eligibleSites(x, m));
  const high = createHighGains(m, tenureIn + 64, everySite.length);
  const s = createSwapState(x, c, start, nb, high);
  const pricing = options.pricing ?? 'auto';
  if (pricing === 'neighbours' && nb === null) throw new Error('neighbour pricing needs neighbour lists');
  const eps = 1e-9 * Math.max(1, s.covered);
  const run: TabuProgress = {
    it: 0,
    stale: 0,
    best: { open: [...s.open].sort((a, b) => a - b), covered: s.covered },
    bestAt: 0,
    tabuUntil: new Int32Array(m),
    eps,
  };
  const choice = createMoveChoice(eps, options.random);
  const largest = createLargestGains(m);
  const view = { gain: s.gain, closed: s.closed, tabuUntil: run.tabuUntil, everySite };
  const target = options.target ?? Number.POSITIVE_INFINITY;
  const maxIterations = options.maxIterations ?? Number.POSITIVE_INFINITY;
  const checkpoint = options.checkpoint;
  while (
    run.stale < options.maxStale &&
    run.it < maxIterations &&
    run.best.covered < target - eps &&
    !options.shouldStop()
  ) {
    const it = ++run.it;
    run.stale++;
    // Incremental sums drift with fractional weights; rebuild now and then.
    if (it % 2048 === 0) {
      rebuildPrices(s);
      high.ok = false;
    }
    const mode = pricing === 'auto' ? cheapestPricing(s, everySite.length) : pricing;
    if (mode !== 'full') findLargestGains(largest, high, view, it, eps, options.checkCandidates === true);
    const aspiration = run.best.covered - s.covered + eps;
    chooseMove(s, choice, largest, { mode, tabuUntil: run.tabuUntil, it, aspiration, everySite });
    if (choice.f < 0) break;
    takeMove(s, run, choice, { tenureIn, tenureOut }, options);
    if (checkpoint && it % checkpoint.every === 0 && checkpoint.reached(run.best, run.bestAt, it)) break;
  }
  return {
    open: run.best.open,
    covered: exactCoverage(x, c, run.best.open),
    iterations: run.it,
    bestAt: run.bestAt,
  };
}

/** Makes the chosen swap, makes both sites tabu for a while and keeps a better best. */
function takeMove(
  s: SwapState,
  run: TabuProgress,
  choice: MoveChoice,
  tenure: { tenureIn: number; tenureOut: number },
  options: TabuOptions,
): void {
  const it = run.it;
  const into = choice.f;
  const out = s.open[choice.r] as number;
  applySwap(s, choice.r, into);
  if (options.checkCandidates) checkCandidates(s);
  run.tabuUntil[out] = it + tenure.tenureIn + Math.floor(options.random() * 3);
  run.tabuUntil[into] = it + tenure.tenureOut;
  if (s.covered > run.best.covered + run.eps) {
    run.best = { open: [...s.open].sort((a, b) => a - b), covered: s.covered };
    run.stale = 0;
    run.bestAt = it;
  }
}

/** The exact coverage of a set (the running sum may carry rounding). */
function exactCoverage(x: LocationInstance, c: Coverage, open: readonly number[]): number {
  const isOpen = new Uint8Array(c.m);
  for (const j of open) isOpen[j] = 1;
  let exact = 0;
  for (let i = 0; i < c.n; i++) {
    for (let k = c.demandStart[i] as number; k < (c.demandStart[i + 1] as number); k++) {
      if (isOpen[c.siteOf[k] as number]) {
        exact += x.weights[i] as number;
        break;
      }
    }
  }
  return exact;
}
