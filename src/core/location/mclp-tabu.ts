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
 * are updated incrementally from the demands the swap touches (their contribution depends only
 * on how many open sites cover them), so an iteration costs one scan of the p × m prices.
 */
import type { Coverage } from './coverage.ts';
import { type LocationInstance, SITE_STATUS } from './instance.ts';

export interface TabuOptions {
  /** Stop after this many iterations without a new best. */
  readonly maxStale: number;
  readonly tenureIn?: number;
  readonly tenureOut?: number;
  readonly random: () => number;
  readonly shouldStop: () => boolean;
  /** Stop as soon as this coverage is reached (a proven bound). */
  readonly target?: number;
}

export function tabuMclp(
  x: LocationInstance,
  c: Coverage,
  start: readonly number[],
  options: TabuOptions,
): { open: number[]; covered: number; iterations: number } {
  const m = c.m;
  const n = c.n;
  const p = start.length;
  const tenureIn = options.tenureIn ?? 60;
  const tenureOut = options.tenureOut ?? 1;
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

  // A demand's share of gain / loss / extra depends only on its count (and the one site if 1).
  const contribute = (i: number, sign: 1 | -1) => {
    const wi = (w[i] ?? 0) * sign;
    if (wi === 0) return;
    const cnt = count[i] ?? 0;
    const a = c.demandStart[i] ?? 0;
    const b = c.demandStart[i + 1] ?? 0;
    if (cnt === 0) {
      for (let k = a; k < b; k++) {
        const f = c.siteOf[k] ?? 0;
        gain[f] = (gain[f] ?? 0) + wi;
      }
    } else if (cnt === 1) {
      const one = sumOpen[i] ?? 0;
      const r = pos[one] ?? -1;
      loss[r] = (loss[r] ?? 0) + wi;
      const row = r * m;
      for (let k = a; k < b; k++) {
        const f = c.siteOf[k] ?? 0;
        if (f !== one) extra[row + f] = (extra[row + f] ?? 0) + wi;
      }
    }
  };
  const rebuild = () => {
    gain.fill(0);
    loss.fill(0);
    extra.fill(0);
    covered = 0;
    for (let i = 0; i < n; i++) {
      let cnt = 0;
      let sum = 0;
      for (let k = c.demandStart[i] ?? 0; k < (c.demandStart[i + 1] ?? 0); k++) {
        const s = c.siteOf[k] ?? 0;
        if (isOpen[s]) {
          cnt++;
          sum += s;
        }
      }
      count[i] = cnt;
      sumOpen[i] = sum;
      if (cnt > 0) covered += w[i] ?? 0;
      contribute(i, 1);
    }
  };
  rebuild();

  // Demands touched by a swap, deduplicated with a generation stamp.
  const stamp = new Int32Array(n);
  let generation = 0;
  const touched: number[] = [];
  const swap = (r: number, into: number) => {
    const out = open[r] ?? 0;
    generation++;
    touched.length = 0;
    for (const j of [out, into]) {
      for (let k = c.siteStart[j] ?? 0; k < (c.siteStart[j + 1] ?? 0); k++) {
        const i = c.demandOf[k] ?? 0;
        if (stamp[i] !== generation) {
          stamp[i] = generation;
          touched.push(i);
        }
      }
    }
    for (const i of touched) contribute(i, -1);
    for (let k = c.siteStart[out] ?? 0; k < (c.siteStart[out + 1] ?? 0); k++) {
      const i = c.demandOf[k] ?? 0;
      count[i] = (count[i] ?? 0) - 1;
      sumOpen[i] = (sumOpen[i] ?? 0) - out;
      if (count[i] === 0) covered -= w[i] ?? 0;
    }
    isOpen[out] = 0;
    pos[out] = -1;
    isOpen[into] = 1;
    pos[into] = r;
    open[r] = into;
    for (let k = c.siteStart[into] ?? 0; k < (c.siteStart[into + 1] ?? 0); k++) {
      const i = c.demandOf[k] ?? 0;
      if (count[i] === 0) covered += w[i] ?? 0;
      count[i] = (count[i] ?? 0) + 1;
      sumOpen[i] = (sumOpen[i] ?? 0) + into;
    }
    for (const i of touched) contribute(i, 1);
  };

  const eligible = new Uint8Array(m);
  for (let f = 0; f < m; f++) eligible[f] = x.status[f] === SITE_STATUS.forbidden ? 0 : 1;
  const tabuUntil = new Int32Array(m);
  const eps = 1e-9 * Math.max(1, covered);
  let best = { open: [...open].sort((a, b) => a - b), covered };
  let stale = 0;
  let it = 0;
  const target = options.target ?? Number.POSITIVE_INFINITY;
  while (stale < options.maxStale && best.covered < target - eps && !options.shouldStop()) {
    it++;
    stale++;
    // Incremental sums drift with fractional weights; rebuild now and then.
    if (it % 2048 === 0) rebuild();
    let bestDelta = Number.NEGATIVE_INFINITY;
    let bestF = -1;
    let bestR = -1;
    let ties = 0;
    const aspiration = best.covered - covered + eps;
    for (let r = 0; r < p; r++) {
      const out = open[r] ?? 0;
      if (x.status[out] === SITE_STATUS.fixed) continue;
      const outTabu = (tabuUntil[out] ?? 0) > it;
      const l = loss[r] ?? 0;
      const row = r * m;
      for (let f = 0; f < m; f++) {
        if (isOpen[f] || !eligible[f]) continue;
        const delta = (gain[f] ?? 0) - l + (extra[row + f] ?? 0);
        if (delta < bestDelta - eps) continue;
        if ((outTabu || (tabuUntil[f] ?? 0) > it) && delta <= aspiration) continue;
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
      }
    }
    if (bestF < 0) break;
    const out = open[bestR] ?? 0;
    swap(bestR, bestF);
    tabuUntil[out] = it + tenureIn + Math.floor(options.random() * 3);
    tabuUntil[bestF] = it + tenureOut;
    if (covered > best.covered + eps) {
      best = { open: [...open].sort((a, b) => a - b), covered };
      stale = 0;
    }
  }
  // Report the exact coverage of the best set (the running sum may carry rounding).
  const bestOpen = new Uint8Array(m);
  for (const j of best.open) bestOpen[j] = 1;
  let exact = 0;
  for (let i = 0; i < n; i++) {
    for (let k = c.demandStart[i] ?? 0; k < (c.demandStart[i + 1] ?? 0); k++) {
      if (bestOpen[c.siteOf[k] ?? 0]) {
        exact += w[i] ?? 0;
        break;
      }
    }
  }
  return { open: best.open, covered: exact, iterations: it };
}
