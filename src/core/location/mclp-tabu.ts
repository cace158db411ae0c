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
 * a kept list of the sites of largest gain when there are many sites (see `high`).
 */
import type { Coverage } from './coverage.ts';
import { type LocationInstance, SITE_STATUS } from './instance.ts';

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

export function tabuMclp(
  x: LocationInstance,
  c: Coverage,
  start: readonly number[],
  options: TabuOptions,
): { open: number[]; covered: number; iterations: number; bestAt: number } {
  const m = c.m;
  const n = c.n;
  const p = start.length;
  // A tenure as long as the closed sites are many would leave no move to make.
  let closedCount = -p;
  for (let f = 0; f < m; f++) if (x.status[f] !== SITE_STATUS.forbidden) closedCount++;
  const tenureIn = Math.min(options.tenureIn ?? 60, Math.max(1, Math.floor(closedCount / 2)));
  const tenureOut = options.tenureOut ?? 1;
  const nb = options.neighbours === undefined ? siteNeighbours(x, c) : options.neighbours;
  const w = x.weights;
  const isOpen = new Uint8Array(m);
  const open = [...start];
  const pos = new Int32Array(m).fill(-1);
  for (const [r, j] of open.entries()) {
    isOpen[j] = 1;
    pos[j] = r;
  }
  const count = new Int32Array(n);
  /** Sum of the open sites covering i: when count[i] = 1 it is that one site. */
  const sumOpen = new Float64Array(n);
  const gain = new Float64Array(m);
  const loss = new Float64Array(p);
  const extra = new Float64Array(p * m);
  let covered = 0;
  // Unique pricing's candidates of each open position r: the sites f ≠ open[r] that cover a
  // demand open[r] alone covers, each with extra(r, f) beside it (at r × m …), so that pricing
  // reads them in order. They change exactly where extra does, and are kept exact there
  // (`slot` finds an entry, `mult` counts the demands behind it). Built when unique pricing is
  // first chosen (descents on dense coverage never price this way).
  let cand: {
    readonly site: Int32Array;
    readonly extra: Float64Array;
    readonly len: Int32Array;
    readonly slot: Int32Array;
    readonly mult: Int32Array;
  } | null = null;
  /** extra(r, f) += v, with `dm` +1 when a demand's share is added, −1 when it is taken away. */
  const candAdd = (r: number, f: number, v: number, dm: 1 | -1) => {
    if (!cand) return;
    const at = r * m + f;
    const k = cand.slot[at] as number;
    const now = (cand.mult[at] as number) + dm;
    cand.mult[at] = now;
    const base = r * m;
    if (k < 0) {
      const q = cand.len[r] as number;
      cand.len[r] = q + 1;
      cand.site[base + q] = f;
      cand.extra[base + q] = v;
      cand.slot[at] = q;
    } else if (now === 0) {
      const last = (cand.len[r] as number) - 1;
      cand.len[r] = last;
      const g = cand.site[base + last] as number;
      cand.site[base + k] = g;
      cand.extra[base + k] = cand.extra[base + last] as number;
      cand.slot[base + g] = k;
      cand.slot[at] = -1;
    } else cand.extra[base + k] = (cand.extra[base + k] as number) + v;
  };

  // A demand's share of gain / loss / extra depends only on its count (and the one site if 1).
  const contribute = (i: number, sign: 1 | -1) => {
    const wi = (w[i] as number) * sign;
    if (wi === 0) return;
    const cnt = count[i] as number;
    const a = c.demandStart[i] as number;
    const b = c.demandStart[i + 1] as number;
    if (cnt === 0) {
      for (let k = a; k < b; k++) {
        const f = c.siteOf[k] as number;
        gain[f] = (gain[f] as number) + wi;
      }
    } else if (cnt === 1) {
      const one = sumOpen[i] as number;
      const r = pos[one] as number;
      loss[r] = (loss[r] as number) + wi;
      const row = r * m;
      for (let k = a; k < b; k++) {
        const f = c.siteOf[k] as number;
        if (f !== one) {
          extra[row + f] = (extra[row + f] as number) + wi;
          candAdd(r, f, wi, sign);
        }
      }
    }
  };
  /** Empties the candidate lists (their entries' slots and counts too). */
  const clearCandidates = () => {
    if (!cand) return;
    for (let r = 0; r < p; r++) {
      const base = r * m;
      for (let q = 0; q < (cand.len[r] as number); q++) {
        const f = cand.site[base + q] as number;
        cand.slot[base + f] = -1;
        cand.mult[base + f] = 0;
      }
    }
    cand.len.fill(0);
  };
  /** Σ of the list lengths of the demands that exactly one open site covers. */
  let uniqueEntries = 0;
  const rebuild = () => {
    gain.fill(0);
    loss.fill(0);
    extra.fill(0);
    covered = 0;
    uniqueEntries = 0;
    clearCandidates();
    for (let i = 0; i < n; i++) {
      let cnt = 0;
      let sum = 0;
      for (let k = c.demandStart[i] as number; k < (c.demandStart[i + 1] as number); k++) {
        const s = c.siteOf[k] as number;
        if (isOpen[s]) {
          cnt++;
          sum += s;
        }
      }
      count[i] = cnt;
      sumOpen[i] = sum;
      if (cnt === 1) uniqueEntries += (c.demandStart[i + 1] as number) - (c.demandStart[i] as number);
      if (cnt > 0) covered += w[i] as number;
      contribute(i, 1);
    }
  };
  rebuild();

  // Demands a swap touches, with the change of their count (−1, 0 or +1).
  const change = new Int8Array(n);
  const seen = new Uint8Array(n);
  const touched: number[] = [];
  const swap = (r: number, into: number) => {
    const out = open[r] as number;
    touched.length = 0;
    for (let k = c.siteStart[out] as number; k < (c.siteStart[out + 1] as number); k++) {
      const i = c.demandOf[k] as number;
      seen[i] = 1;
      change[i] = -1;
      touched.push(i);
    }
    for (let k = c.siteStart[into] as number; k < (c.siteStart[into + 1] as number); k++) {
      const i = c.demandOf[k] as number;
      if (seen[i]) change[i] = 0;
      else {
        seen[i] = 1;
        change[i] = 1;
        touched.push(i);
      }
    }
    // Prices change only where the count crosses 0, 1 or 2, or the one covering site changes;
    // each case moves a demand's share from its old terms to its new ones in one pass.
    const rowR = r * m;
    for (const i of touched) {
      const d = change[i] as number;
      const before = count[i] as number;
      const wi = w[i] as number;
      seen[i] = 0;
      count[i] = before + d;
      const a = c.demandStart[i] as number;
      const b = c.demandStart[i + 1] as number;
      if (before === 1 && d !== 0) uniqueEntries -= b - a;
      else if (before + d === 1 && d !== 0) uniqueEntries += b - a;
      if (d === -1) {
        sumOpen[i] = (sumOpen[i] as number) - out;
        if (before === 1) {
          // Uncovered now: out's unique weight becomes every covering site's gain.
          covered -= wi;
          if (wi === 0) continue;
          loss[r] = (loss[r] as number) - wi;
          for (let k = a; k < b; k++) {
            const f = c.siteOf[k] as number;
            gain[f] = (gain[f] as number) + wi;
            if (highOk && (gain[f] as number) > highFloor && closed[f] && !inHigh[f]) {
              inHigh[f] = 1;
              high[highLen++] = f;
            }
            if (f !== out) {
              extra[rowR + f] = (extra[rowR + f] as number) - wi;
              candAdd(r, f, -wi, -1);
            }
          }
        } else if (before === 2 && wi !== 0) {
          // The one other open site now covers it alone.
          const one = sumOpen[i] as number;
          const at = pos[one] as number;
          const row = at * m;
          loss[at] = (loss[at] as number) + wi;
          for (let k = a; k < b; k++) {
            const f = c.siteOf[k] as number;
            if (f !== one) {
              extra[row + f] = (extra[row + f] as number) + wi;
              candAdd(at, f, wi, 1);
            }
          }
        }
      } else if (d === 1) {
        if (before === 0) {
          // Newly covered, by `into` alone (which takes out's place r).
          covered += wi;
          if (wi !== 0) {
            loss[r] = (loss[r] as number) + wi;
            for (let k = a; k < b; k++) {
              const f = c.siteOf[k] as number;
              gain[f] = (gain[f] as number) - wi;
              if (f !== into) {
                extra[rowR + f] = (extra[rowR + f] as number) + wi;
                candAdd(r, f, wi, 1);
              }
            }
          }
        } else if (before === 1 && wi !== 0) {
          // No longer covered by one site alone.
          const one = sumOpen[i] as number;
          const at = pos[one] as number;
          const row = at * m;
          loss[at] = (loss[at] as number) - wi;
          for (let k = a; k < b; k++) {
            const f = c.siteOf[k] as number;
            if (f !== one) {
              extra[row + f] = (extra[row + f] as number) - wi;
              candAdd(at, f, -wi, -1);
            }
          }
        }
        sumOpen[i] = (sumOpen[i] as number) + into;
      } else {
        // Covered by both: when out covered it alone, into now does, in the same place r.
        if (before === 1 && wi !== 0) {
          extra[rowR + out] = (extra[rowR + out] as number) + wi;
          extra[rowR + into] = (extra[rowR + into] as number) - wi;
          candAdd(r, out, wi, 1);
          candAdd(r, into, -wi, -1);
        }
        sumOpen[i] = (sumOpen[i] as number) - out + into;
      }
    }
    isOpen[out] = 0;
    closed[out] = eligible[out] as number;
    if (highOk && (gain[out] as number) > highFloor && closed[out] && !inHigh[out]) {
      inHigh[out] = 1;
      high[highLen++] = out;
    }
    pos[out] = -1;
    isOpen[into] = 1;
    closed[into] = 0;
    pos[into] = r;
    open[r] = into;
    openCov +=
      (c.siteStart[into + 1] as number) -
      (c.siteStart[into] as number) -
      ((c.siteStart[out + 1] as number) - (c.siteStart[out] as number));
    if (nb)
      openNb +=
        (nb.start[into + 1] as number) -
        (nb.start[into] as number) -
        ((nb.start[out + 1] as number) - (nb.start[out] as number));
  };

  const eligible = new Uint8Array(m);
  for (let f = 0; f < m; f++) eligible[f] = x.status[f] === SITE_STATUS.forbidden ? 0 : 1;
  /** Allowed and not open: the sites a swap may bring in (one load in the hot loops). */
  const closed = new Uint8Array(m);
  for (let f = 0; f < m; f++) closed[f] = eligible[f] && !isOpen[f] ? 1 : 0;
  const tabuUntil = new Int32Array(m);
  const eps = 1e-9 * Math.max(1, covered);
  let best = { open: [...open].sort((a, b) => a - b), covered };
  let stale = 0;
  let it = 0;
  let bestAt = 0;
  const target = options.target ?? Number.POSITIVE_INFINITY;

  // The chosen move; ties broken uniformly at random (reservoir sampling over the ties).
  let bestDelta = Number.NEGATIVE_INFINITY;
  let bestF = -1;
  let bestR = -1;
  let ties = 0;
  const consider = (delta: number, f: number, r: number) => {
    if (delta > bestDelta + eps) {
      bestDelta = delta;
      bestF = f;
      bestR = r;
      ties = 1;
    } else {
      ties++;
      if (options.random() * ties < 1) {
        bestF = f;
        bestR = r;
      }
    }
  };
  /** A group of `k` equally priced moves into the sites `group[0…k)`. */
  const considerGroup = (delta: number, group: Int32Array, k: number, r: number) => {
    if (k === 0 || delta < bestDelta - eps) return;
    if (delta > bestDelta + eps) {
      bestDelta = delta;
      ties = 0;
    }
    ties += k;
    if (options.random() * ties < k) {
      bestF = group[Math.floor(options.random() * k)] as number;
      bestR = r;
    }
  };
  const top0 = new Int32Array(m);
  const top1 = new Int32Array(m);
  /** Keeps, in order, the first `k` sites of `top` whose gain is at least `low`; their number. */
  const withinBand = (top: Int32Array, k: number, low: number) => {
    let kept = 0;
    for (let q = 0; q < k; q++) {
      const f = top[q] as number;
      if ((gain[f] as number) >= low) top[kept++] = f;
    }
    return kept;
  };
  const everySite = Int32Array.from(eligibleSites(x, m));
  const allowed = everySite.length;
  // The sites of largest gain, for sparse pricing: every closed site whose gain is above
  // `highFloor` is in `high` (added as gains rise and sites close; those that fell to the
  // floor or opened are dropped as it is read). Reading it instead of every site finds the
  // largest gains, among all and among those not tabu, whenever their tie bands lie above the
  // floor; when not, every site is read, and `high` is made again from the `highSize` largest
  // gains. The sites found are put in site order, as reading every site finds them, so the
  // moves drawn among ties are the same either way. (On PCB3038 at S = 200 with p = 50,
  // reading every site took a third of an iteration.)
  const highSize = tenureIn + 64;
  const useHigh = allowed > 4 * highSize;
  let highOk = false;
  let highFloor = Number.POSITIVE_INFINITY;
  const high = new Int32Array(useHigh ? m : 0);
  let highLen = 0;
  const inHigh = new Uint8Array(useHigh ? m : 0);
  const heap = new Int32Array(useHigh ? highSize : 0);
  const pricing = options.pricing ?? 'auto';
  if (pricing === 'neighbours' && nb === null) throw new Error('neighbour pricing needs neighbour lists');
  // For the cost of each way of pricing: the list lengths of the open sites' coverage and
  // neighbours, and of the demands covered once (kept up to date by swap and rebuild).
  let openCov = 0;
  let openNb = 0;
  for (const j of open) {
    openCov += (c.siteStart[j + 1] as number) - (c.siteStart[j] as number);
    if (nb) openNb += (nb.start[j + 1] as number) - (nb.start[j] as number);
  }
  /** Unique pricing's candidates from the state now (extra values as they stand). */
  const buildCandidates = () => {
    const built = {
      site: new Int32Array(p * m),
      extra: new Float64Array(p * m),
      len: new Int32Array(p),
      slot: new Int32Array(p * m).fill(-1),
      mult: new Int32Array(p * m),
    };
    for (let i = 0; i < n; i++) {
      if ((count[i] as number) !== 1 || (w[i] as number) === 0) continue;
      const one = sumOpen[i] as number;
      const r = pos[one] as number;
      const base = r * m;
      for (let k = c.demandStart[i] as number; k < (c.demandStart[i + 1] as number); k++) {
        const f = c.siteOf[k] as number;
        if (f === one) continue;
        const at = base + f;
        built.mult[at] = (built.mult[at] as number) + 1;
        if ((built.slot[at] as number) >= 0) continue;
        const q = built.len[r] as number;
        built.len[r] = q + 1;
        built.site[base + q] = f;
        built.extra[base + q] = extra[at] as number;
        built.slot[at] = q;
      }
    }
    return built;
  };
  /**
   * For tests: the largest gains found (read from `high` or not) must be those of every
   * closed site, the sites with them in site order.
   */
  const checkLargest = (g0: number, k0: number, g1: number, k1: number) => {
    let a = Number.NEGATIVE_INFINITY;
    let b = Number.NEGATIVE_INFINITY;
    for (let f = 0; f < m; f++) {
      if (!closed[f]) continue;
      a = Math.max(a, gain[f] as number);
      if ((tabuUntil[f] as number) <= it) b = Math.max(b, gain[f] as number);
    }
    const due0: number[] = [];
    const due1: number[] = [];
    for (let f = 0; f < m; f++) {
      if (!closed[f]) continue;
      if ((gain[f] as number) >= a - eps) due0.push(f);
      if ((tabuUntil[f] as number) <= it && (gain[f] as number) >= b - eps) due1.push(f);
    }
    const same = (top: Int32Array, k: number, due: number[]) =>
      k === due.length && due.every((f, q) => top[q] === f);
    if (Math.abs(a - g0) > eps || Math.abs(b - g1) > eps || !same(top0, k0, due0) || !same(top1, k1, due1))
      throw new Error(
        `largest gains found ${g0} (${k0} sites), ${g1} (${k1}); due ${a} (${due0.length}), ${b} (${due1.length})`,
      );
  };
  /** For tests: the kept candidates must be those built afresh, with the same extra. */
  const checkCandidates = () => {
    if (!cand) return;
    const fresh = buildCandidates();
    for (let r = 0; r < p; r++) {
      const base = r * m;
      if (cand.len[r] !== fresh.len[r])
        throw new Error(`candidates of position ${r}: ${cand.len[r]} kept, ${fresh.len[r]} due`);
      for (let q = 0; q < (cand.len[r] as number); q++) {
        const f = cand.site[base + q] as number;
        const k = fresh.slot[base + f] as number;
        if (k < 0 || cand.mult[base + f] !== fresh.mult[base + f] || cand.slot[base + f] !== q)
          throw new Error(`candidate ${f} of position ${r} is kept wrongly`);
        if (
          Math.abs((cand.extra[base + q] as number) - (fresh.extra[base + k] as number)) >
          1e-9 * Math.max(1, covered)
        )
          throw new Error(`extra(${r}, ${f}) kept as ${cand.extra[base + q]}, due ${fresh.extra[base + k]}`);
      }
    }
  };

  const maxIterations = options.maxIterations ?? Number.POSITIVE_INFINITY;
  const checkpoint = options.checkpoint;
  while (
    stale < options.maxStale &&
    it < maxIterations &&
    best.covered < target - eps &&
    !options.shouldStop()
  ) {
    it++;
    stale++;
    // Incremental sums drift with fractional weights; rebuild now and then.
    if (it % 2048 === 0) {
      rebuild();
      highOk = false;
    }
    bestDelta = Number.NEGATIVE_INFINITY;
    bestF = -1;
    bestR = -1;
    ties = 0;
    const aspiration = best.covered - covered + eps;
    // With neighbour lists, the largest gains among closed allowed sites: among all (g0) and
    // among those not tabu (g1), and the sites that have them.
    let mode = pricing;
    if (mode === 'auto') {
      const full = p * allowed;
      const byNeighbours = nb ? openNb + 2 * allowed : Number.POSITIVE_INFINITY;
      // Kept candidate lists cost their length; building them first costs about as much again.
      let byUnique = 2 * (openCov + uniqueEntries) + 2 * allowed;
      if (cand) {
        byUnique = 2 * allowed;
        for (let r = 0; r < p; r++) byUnique += cand.len[r] as number;
      }
      mode =
        full <= Math.min(byNeighbours, byUnique)
          ? 'full'
          : byNeighbours <= byUnique
            ? 'neighbours'
            : 'unique';
    }
    const sparse = mode !== 'full';
    let g0 = Number.NEGATIVE_INFINITY;
    let g1 = Number.NEGATIVE_INFINITY;
    let k0 = 0;
    let k1 = 0;
    // The largest gains: read from `high` while it holds their tie bands, else from every
    // site, keeping the highSize largest gains in a min-heap to make `high` again. One pass: a
    // list restarts when a gain beyond its tie band appears; what a maximum that crept up
    // within the band left behind is dropped after.
    let fromHigh = sparse && highOk;
    let size = 0;
    while (sparse) {
      const list = fromHigh ? high : everySite;
      const len = fromHigh ? highLen : allowed;
      let kept = 0;
      for (let q = 0; q < len; q++) {
        const f = list[q] as number;
        const g = gain[f] as number;
        if (fromHigh) {
          if (!closed[f] || g <= highFloor) {
            inHigh[f] = 0;
            continue;
          }
          high[kept++] = f;
        } else if (!closed[f]) continue;
        if (g >= g0 - eps) {
          if (g > g0 + eps) k0 = 0;
          if (g > g0) g0 = g;
          top0[k0++] = f;
        }
        if (g >= g1 - eps && (tabuUntil[f] as number) <= it) {
          if (g > g1 + eps) k1 = 0;
          if (g > g1) g1 = g;
          top1[k1++] = f;
        }
        if (fromHigh || !useHigh) continue;
        if (size < highSize) {
          let at = size++;
          while (at > 0) {
            const up = (at - 1) >> 1;
            if ((gain[heap[up] as number] as number) <= g) break;
            heap[at] = heap[up] as number;
            at = up;
          }
          heap[at] = f;
        } else if (g > (gain[heap[0] as number] as number)) {
          let at = 0;
          for (;;) {
            const l = 2 * at + 1;
            if (l >= size) break;
            const r = l + 1;
            const low =
              r < size && (gain[heap[r] as number] as number) < (gain[heap[l] as number] as number) ? r : l;
            if ((gain[heap[low] as number] as number) >= g) break;
            heap[at] = heap[low] as number;
            at = low;
          }
          heap[at] = f;
        }
      }
      if (!fromHigh) break;
      highLen = kept;
      // Both bands above the floor, or every site is read after all.
      if (k0 > 0 && k1 > 0 && g0 - eps > highFloor && g1 - eps > highFloor && highLen <= 4 * highSize) break;
      highOk = false;
      fromHigh = false;
      g0 = g1 = Number.NEGATIVE_INFINITY;
      k0 = k1 = 0;
    }
    if (sparse && !fromHigh && useHigh && size === highSize) {
      for (let q = 0; q < highLen; q++) inHigh[high[q] as number] = 0;
      highLen = 0;
      highFloor = gain[heap[0] as number] as number;
      for (let q = 0; q < size; q++) {
        const f = heap[q] as number;
        if ((gain[f] as number) <= highFloor) continue;
        inHigh[f] = 1;
        high[highLen++] = f;
      }
      highOk = true;
    }
    if (sparse) {
      k0 = withinBand(top0, k0, g0 - eps);
      k1 = withinBand(top1, k1, g1 - eps);
      if (fromHigh) {
        top0.subarray(0, k0).sort();
        top1.subarray(0, k1).sort();
      }
      if (options.checkCandidates) checkLargest(g0, k0, g1, k1);
    }
    for (let r = 0; r < p; r++) {
      const out = open[r] as number;
      if (x.status[out] === SITE_STATUS.fixed) continue;
      const outTabu = (tabuUntil[out] as number) > it;
      const l = loss[r] as number;
      const row = r * m;
      // Swaps into a candidate, priced exactly: every site; or those with extra(f, r) > 0,
      // among r's neighbours (extra read at r × m + f) or among the kept candidates of r (extra
      // beside each, read in order). `low` mirrors bestDelta − eps in a local, so the hot loop
      // reads no closure variable.
      let list: Int32Array = everySite;
      let from = 0;
      let to = allowed;
      let extras: Float64Array = extra;
      let inOrder = false;
      if (mode === 'neighbours' && nb) {
        list = nb.site;
        from = nb.start[out] as number;
        to = nb.start[out + 1] as number;
      } else if (mode === 'unique') {
        cand ??= buildCandidates();
        list = cand.site;
        extras = cand.extra;
        from = row;
        to = row + (cand.len[r] as number);
        inOrder = true;
      }
      let low = bestDelta - eps;
      if (!sparse) {
        // Every allowed site (the list holds no forbidden one).
        for (let q = 0; q < allowed; q++) {
          const f = everySite[q] as number;
          const delta = (gain[f] as number) - l + (extra[row + f] as number);
          if (delta < low || isOpen[f]) continue;
          if ((outTabu || (tabuUntil[f] as number) > it) && delta <= aspiration) continue;
          consider(delta, f, r);
          low = bestDelta - eps;
        }
        continue;
      }
      for (let q = from; q < to; q++) {
        const f = list[q] as number;
        const e = extras[inOrder ? q : row + f] as number;
        if (e <= eps || !closed[f]) continue;
        const delta = (gain[f] as number) - l + e;
        if (delta < low) continue;
        if ((outTabu || (tabuUntil[f] as number) > it) && delta <= aspiration) continue;
        consider(delta, f, r);
        low = bestDelta - eps;
      }
      // Swaps into any other site are worth gain(f) − loss(r) at least (exactly, for the
      // sites that share nothing with r): the best are the largest gains.
      if (!outTabu) considerGroup(g1 - l, top1, k1, r);
      if (g0 - l > aspiration && (outTabu || g0 > g1 + eps)) considerGroup(g0 - l, top0, k0, r);
    }
    if (bestF < 0) break;
    const out = open[bestR] as number;
    swap(bestR, bestF);
    if (options.checkCandidates) checkCandidates();
    tabuUntil[out] = it + tenureIn + Math.floor(options.random() * 3);
    tabuUntil[bestF] = it + tenureOut;
    if (covered > best.covered + eps) {
      best = { open: [...open].sort((a, b) => a - b), covered };
      stale = 0;
      bestAt = it;
    }
    if (checkpoint && it % checkpoint.every === 0 && checkpoint.reached(best, bestAt, it)) break;
  }
  // Report the exact coverage of the best set (the running sum may carry rounding).
  const bestOpen = new Uint8Array(m);
  for (const j of best.open) bestOpen[j] = 1;
  let exact = 0;
  for (let i = 0; i < n; i++) {
    for (let k = c.demandStart[i] as number; k < (c.demandStart[i + 1] as number); k++) {
      if (bestOpen[c.siteOf[k] as number]) {
        exact += w[i] as number;
        break;
      }
    }
  }
  return { open: best.open, covered: exact, iterations: it, bestAt };
}
