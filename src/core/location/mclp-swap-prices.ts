/**
 * The state of the MCLP tabu search (mclp-tabu.ts): the open sites, how many of them cover
 * each demand, and the swap prices gain / loss / extra of the fast interchange, kept up to
 * date by each swap from the demands whose count crosses 0, 1 or 2 rather than rebuilt. The
 * same updates keep unique pricing's candidate lists and the list of sites of largest gain
 * (mclp-largest-gains.ts) exact, so they live here, next to the only code that changes prices.
 */
import type { Coverage } from './coverage.ts';
import { type LocationInstance, SITE_STATUS } from './instance.ts';
import { type HighGains, keepIfHigh } from './mclp-largest-gains.ts';
import type { SiteNeighbours } from './mclp-tabu.ts';

/**
 * Unique pricing's candidates of each open position r: the sites f ≠ open[r] that cover a
 * demand open[r] alone covers, each with extra(r, f) beside it (at r × m …), so that pricing
 * reads them in order. They change exactly where extra does, and are kept exact there
 * (`slot` finds an entry, `mult` counts the demands behind it).
 */
export interface SwapCandidates {
  readonly site: Int32Array;
  readonly extra: Float64Array;
  readonly len: Int32Array;
  readonly slot: Int32Array;
  readonly mult: Int32Array;
}

/** The open set of a tabu search and its swap prices. */
export interface SwapState {
  readonly x: LocationInstance;
  readonly c: Coverage;
  readonly m: number;
  readonly n: number;
  readonly p: number;
  readonly w: Float64Array;
  readonly nb: SiteNeighbours | null;
  readonly isOpen: Uint8Array;
  /** The open site at each position r. */
  readonly open: number[];
  /** Each site's position in `open`, −1 when closed. */
  readonly pos: Int32Array;
  readonly count: Int32Array;
  /** Sum of the open sites covering i: when count[i] = 1 it is that one site. */
  readonly sumOpen: Float64Array;
  /** Uncovered weight each site covers. */
  readonly gain: Float64Array;
  /** Weight only the r-th open site covers. */
  readonly loss: Float64Array;
  /** extra(r, f) at r × m + f: the part of loss(r) that f covers too. */
  readonly extra: Float64Array;
  covered: number;
  /** Σ of the list lengths of the demands that exactly one open site covers. */
  uniqueEntries: number;
  /**
   * Built when unique pricing is first chosen (descents on dense coverage never price this
   * way); kept exact from then on.
   */
  cand: SwapCandidates | null;
  /** Allowed sites (not forbidden). */
  readonly eligible: Uint8Array;
  /** Allowed and not open: the sites a swap may bring in (one load in the hot loops). */
  readonly closed: Uint8Array;
  /**
   * For the cost of each way of pricing: the list lengths of the open sites' coverage and
   * neighbours (kept up to date by swap and rebuild).
   */
  openCov: number;
  openNb: number;
  /** The sites of largest gain, added to as gains rise and sites close. */
  readonly high: HighGains;
  // Demands a swap touches, with the change of their count (−1, 0 or +1).
  readonly change: Int8Array;
  readonly seen: Uint8Array;
  readonly touched: number[];
}

/** The state of the open set `start`, with its prices built. */
export function createSwapState(
  x: LocationInstance,
  c: Coverage,
  start: readonly number[],
  nb: SiteNeighbours | null,
  high: HighGains,
): SwapState {
  const m = c.m;
  const n = c.n;
  const p = start.length;
  const isOpen = new Uint8Array(m);
  const open = [...start];
  const pos = new Int32Array(m).fill(-1);
  for (const [r, j] of open.entries()) {
    isOpen[j] = 1;
    pos[j] = r;
  }
  const s: SwapState = {
    x,
    c,
    m,
    n,
    p,
    w: x.weights,
    nb,
    isOpen,
    open,
    pos,
    count: new Int32Array(n),
    sumOpen: new Float64Array(n),
    gain: new Float64Array(m),
    loss: new Float64Array(p),
    extra: new Float64Array(p * m),
    covered: 0,
    uniqueEntries: 0,
    cand: null,
    eligible: new Uint8Array(m),
    closed: new Uint8Array(m),
    openCov: 0,
    openNb: 0,
    high,
    change: new Int8Array(n),
    seen: new Uint8Array(n),
    touched: [],
  };
  rebuildPrices(s);
  for (let f = 0; f < m; f++) s.eligible[f] = x.status[f] === SITE_STATUS.forbidden ? 0 : 1;
  for (let f = 0; f < m; f++) s.closed[f] = s.eligible[f] && !isOpen[f] ? 1 : 0;
  for (const j of open) {
    s.openCov += (c.siteStart[j + 1] as number) - (c.siteStart[j] as number);
    if (nb) s.openNb += (nb.start[j + 1] as number) - (nb.start[j] as number);
  }
  return s;
}

/** extra(r, f) += v, with `dm` +1 when a demand's share is added, −1 when it is taken away. */
function candAdd(s: SwapState, r: number, f: number, v: number, dm: 1 | -1): void {
  const cand = s.cand;
  if (!cand) return;
  const m = s.m;
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
}

/** A demand's share of gain / loss / extra depends only on its count (and the one site if 1). */
function contribute(s: SwapState, i: number, sign: 1 | -1): void {
  const { c, count, sumOpen, pos, gain, loss, extra, m } = s;
  const wi = (s.w[i] as number) * sign;
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
        candAdd(s, r, f, wi, sign);
      }
    }
  }
}

/** Empties the candidate lists (their entries' slots and counts too). */
function clearCandidates(s: SwapState): void {
  const cand = s.cand;
  if (!cand) return;
  for (let r = 0; r < s.p; r++) {
    const base = r * s.m;
    for (let q = 0; q < (cand.len[r] as number); q++) {
      const f = cand.site[base + q] as number;
      cand.slot[base + f] = -1;
      cand.mult[base + f] = 0;
    }
  }
  cand.len.fill(0);
}

/** Prices, counts and coverage from scratch (incremental sums drift with fractional weights). */
export function rebuildPrices(s: SwapState): void {
  const { c, isOpen, count, sumOpen, w } = s;
  s.gain.fill(0);
  s.loss.fill(0);
  s.extra.fill(0);
  s.covered = 0;
  s.uniqueEntries = 0;
  clearCandidates(s);
  for (let i = 0; i < s.n; i++) {
    let cnt = 0;
    let sum = 0;
    for (let k = c.demandStart[i] as number; k < (c.demandStart[i + 1] as number); k++) {
      const site = c.siteOf[k] as number;
      if (isOpen[site]) {
        cnt++;
        sum += site;
      }
    }
    count[i] = cnt;
    sumOpen[i] = sum;
    if (cnt === 1) s.uniqueEntries += (c.demandStart[i + 1] as number) - (c.demandStart[i] as number);
    if (cnt > 0) s.covered += w[i] as number;
    contribute(s, i, 1);
  }
}

/** Opens `into` in place of the r-th open site, updating every price the swap changes. */
export function applySwap(s: SwapState, r: number, into: number): void {
  const { c, open } = s;
  const out = open[r] as number;
  markTouched(s, out, into);
  // Prices change only where the count crosses 0, 1 or 2, or the one covering site changes;
  // each case moves a demand's share from its old terms to its new ones in one pass.
  for (const i of s.touched) {
    const d = s.change[i] as number;
    const before = s.count[i] as number;
    s.seen[i] = 0;
    s.count[i] = before + d;
    const a = c.demandStart[i] as number;
    const b = c.demandStart[i + 1] as number;
    if (before === 1 && d !== 0) s.uniqueEntries -= b - a;
    else if (before + d === 1 && d !== 0) s.uniqueEntries += b - a;
    if (d === -1) leaveDemand(s, i, r, out, before);
    else if (d === 1) enterDemand(s, i, r, into, before);
    else shareDemand(s, i, r, out, into, before);
  }
  moveSite(s, r, out, into);
}

/** The demands out or into covers, with the change of their count in `change`. */
function markTouched(s: SwapState, out: number, into: number): void {
  const { c, seen, change, touched } = s;
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
}

/** Demand i is covered by out (at position r) and not by into. */
function leaveDemand(s: SwapState, i: number, r: number, out: number, before: number): void {
  const { c, gain, loss, extra, sumOpen, pos, m } = s;
  const wi = s.w[i] as number;
  const a = c.demandStart[i] as number;
  const b = c.demandStart[i + 1] as number;
  const rowR = r * m;
  sumOpen[i] = (sumOpen[i] as number) - out;
  if (before === 1) {
    // Uncovered now: out's unique weight becomes every covering site's gain.
    s.covered -= wi;
    if (wi === 0) return;
    loss[r] = (loss[r] as number) - wi;
    for (let k = a; k < b; k++) {
      const f = c.siteOf[k] as number;
      gain[f] = (gain[f] as number) + wi;
      keepIfHigh(s.high, f, gain, s.closed);
      if (f !== out) {
        extra[rowR + f] = (extra[rowR + f] as number) - wi;
        candAdd(s, r, f, -wi, -1);
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
        candAdd(s, at, f, wi, 1);
      }
    }
  }
}

/** Demand i is covered by into (taking position r) and not by out. */
function enterDemand(s: SwapState, i: number, r: number, into: number, before: number): void {
  const { c, gain, loss, extra, sumOpen, pos, m } = s;
  const wi = s.w[i] as number;
  const a = c.demandStart[i] as number;
  const b = c.demandStart[i + 1] as number;
  const rowR = r * m;
  if (before === 0) {
    // Newly covered, by `into` alone (which takes out's place r).
    s.covered += wi;
    if (wi !== 0) {
      loss[r] = (loss[r] as number) + wi;
      for (let k = a; k < b; k++) {
        const f = c.siteOf[k] as number;
        gain[f] = (gain[f] as number) - wi;
        if (f !== into) {
          extra[rowR + f] = (extra[rowR + f] as number) + wi;
          candAdd(s, r, f, wi, 1);
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
        candAdd(s, at, f, -wi, -1);
      }
    }
  }
  sumOpen[i] = (sumOpen[i] as number) + into;
}

/** Demand i is covered by both out and into (at position r). */
function shareDemand(s: SwapState, i: number, r: number, out: number, into: number, before: number): void {
  const { extra, sumOpen } = s;
  const wi = s.w[i] as number;
  const rowR = r * s.m;
  // Covered by both: when out covered it alone, into now does, in the same place r.
  if (before === 1 && wi !== 0) {
    extra[rowR + out] = (extra[rowR + out] as number) + wi;
    extra[rowR + into] = (extra[rowR + into] as number) - wi;
    candAdd(s, r, out, wi, 1);
    candAdd(s, r, into, -wi, -1);
  }
  sumOpen[i] = (sumOpen[i] as number) - out + into;
}

/** The open set after the swap, and the list lengths behind the pricing costs. */
function moveSite(s: SwapState, r: number, out: number, into: number): void {
  const { c, nb, isOpen, closed, pos } = s;
  isOpen[out] = 0;
  closed[out] = s.eligible[out] as number;
  keepIfHigh(s.high, out, s.gain, closed);
  pos[out] = -1;
  isOpen[into] = 1;
  closed[into] = 0;
  pos[into] = r;
  s.open[r] = into;
  s.openCov +=
    (c.siteStart[into + 1] as number) -
    (c.siteStart[into] as number) -
    ((c.siteStart[out + 1] as number) - (c.siteStart[out] as number));
  if (nb)
    s.openNb +=
      (nb.start[into + 1] as number) -
      (nb.start[into] as number) -
      ((nb.start[out + 1] as number) - (nb.start[out] as number));
}

/** Unique pricing's candidates from the state now (extra values as they stand). */
export function buildCandidates(s: SwapState): SwapCandidates {
  const { c, count, sumOpen, pos, extra, w, m, p } = s;
  const built = {
    site: new Int32Array(p * m),
    extra: new Float64Array(p * m),
    len: new Int32Array(p),
    slot: new Int32Array(p * m).fill(-1),
    mult: new Int32Array(p * m),
  };
  for (let i = 0; i < s.n; i++) {
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
}

/** For tests: the kept candidates must be those built afresh, with the same extra. */
export function checkCandidates(s: SwapState): void {
  const cand = s.cand;
  if (!cand) return;
  const m = s.m;
  const fresh = buildCandidates(s);
  for (let r = 0; r < s.p; r++) {
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
        1e-9 * Math.max(1, s.covered)
      )
        throw new Error(`extra(${r}, ${f}) kept as ${cand.extra[base + q]}, due ${fresh.extra[base + k]}`);
    }
  }
}
