/**
 * The move of each MCLP tabu iteration (mclp-tabu.ts): the best swap that is not tabu (or
 * beats the best solution found), ties broken uniformly at random. Which swaps are priced
 * exactly depends on the way of pricing, chosen each iteration as the cheapest: every swap,
 * each open site's neighbours, or the sites covering a demand an open site covers alone;
 * with the last two, swaps into any other site are priced by the largest gains
 * (mclp-largest-gains.ts).
 */
import { SITE_STATUS } from './instance.ts';
import type { LargestGains } from './mclp-largest-gains.ts';
import { buildCandidates, type SwapState } from './mclp-swap-prices.ts';

export type Pricing = 'full' | 'neighbours' | 'unique';

/** The chosen move so far: swap site f into position r, at price `delta` among `ties` equal. */
export interface MoveChoice {
  delta: number;
  f: number;
  r: number;
  ties: number;
  readonly eps: number;
  readonly random: () => number;
}

export function createMoveChoice(eps: number, random: () => number): MoveChoice {
  return { delta: Number.NEGATIVE_INFINITY, f: -1, r: -1, ties: 0, eps, random };
}

function resetChoice(ch: MoveChoice): void {
  ch.delta = Number.NEGATIVE_INFINITY;
  ch.f = -1;
  ch.r = -1;
  ch.ties = 0;
}

/** A move at least as good as the chosen; ties by reservoir sampling. */
function consider(ch: MoveChoice, delta: number, f: number, r: number): void {
  if (delta > ch.delta + ch.eps) {
    ch.delta = delta;
    ch.f = f;
    ch.r = r;
    ch.ties = 1;
  } else {
    ch.ties++;
    if (ch.random() * ch.ties < 1) {
      ch.f = f;
      ch.r = r;
    }
  }
}

/** A group of `k` equally priced moves into the sites `group[0…k)`. */
function considerGroup(ch: MoveChoice, delta: number, group: Int32Array, k: number, r: number): void {
  if (k === 0 || delta < ch.delta - ch.eps) return;
  if (delta > ch.delta + ch.eps) {
    ch.delta = delta;
    ch.ties = 0;
  }
  ch.ties += k;
  if (ch.random() * ch.ties < k) {
    ch.f = group[Math.floor(ch.random() * k)] as number;
    ch.r = r;
  }
}

/**
 * The cheapest way of pricing now, in list entries read: every swap costs p × sites; the
 * neighbour lists of the open sites, and the candidate lists (or, before they are built, about
 * twice the lists of the demands covered once), each cost two passes over the sites on top.
 */
export function cheapestPricing(s: SwapState, allowed: number): Pricing {
  const full = s.p * allowed;
  const byNeighbours = s.nb ? s.openNb + 2 * allowed : Number.POSITIVE_INFINITY;
  // Kept candidate lists cost their length; building them first costs about as much again.
  let byUnique = 2 * (s.openCov + s.uniqueEntries) + 2 * allowed;
  if (s.cand) {
    byUnique = 2 * allowed;
    for (let r = 0; r < s.p; r++) byUnique += s.cand.len[r] as number;
  }
  return full <= Math.min(byNeighbours, byUnique)
    ? 'full'
    : byNeighbours <= byUnique
      ? 'neighbours'
      : 'unique';
}

/** Where the move of an iteration is chosen: its way of pricing, tabu list and aspiration. */
export interface MoveContext {
  readonly mode: Pricing;
  readonly tabuUntil: Int32Array;
  readonly it: number;
  /** A tabu move is taken when it gains more than this (it beats the best found). */
  readonly aspiration: number;
  /** Every allowed site, in site order. */
  readonly everySite: Int32Array;
}

/**
 * The best move of this iteration into `ch` (none when ch.f < 0). With sparse pricing, `lg`
 * holds the largest gains of this iteration.
 */
export function chooseMove(s: SwapState, ch: MoveChoice, lg: LargestGains, mc: MoveContext): void {
  resetChoice(ch);
  const { x, open, loss, p } = s;
  const { tabuUntil, it } = mc;
  for (let r = 0; r < p; r++) {
    const out = open[r] as number;
    if (x.status[out] === SITE_STATUS.fixed) continue;
    const outTabu = (tabuUntil[out] as number) > it;
    const l = loss[r] as number;
    if (mc.mode === 'full') priceEverySwap(s, ch, mc, r, outTabu);
    else {
      priceSharingSwaps(s, ch, mc, r, outTabu);
      // Swaps into any other site are worth gain(f) − loss(r) at least (exactly, for the
      // sites that share nothing with r): the best are the largest gains.
      if (!outTabu) considerGroup(ch, lg.g1 - l, lg.top1, lg.k1, r);
      if (lg.g0 - l > mc.aspiration && (outTabu || lg.g0 > lg.g1 + ch.eps))
        considerGroup(ch, lg.g0 - l, lg.top0, lg.k0, r);
    }
  }
}

/** Swaps of position r into every allowed site (the list holds no forbidden one). */
function priceEverySwap(s: SwapState, ch: MoveChoice, mc: MoveContext, r: number, outTabu: boolean): void {
  const { gain, extra, isOpen } = s;
  const { tabuUntil, it, aspiration, everySite } = mc;
  const eps = ch.eps;
  const l = s.loss[r] as number;
  const row = r * s.m;
  const allowed = everySite.length;
  // `low` mirrors bestDelta − eps in a local, so the hot loop reads no object field.
  let low = ch.delta - eps;
  for (let q = 0; q < allowed; q++) {
    const f = everySite[q] as number;
    const delta = (gain[f] as number) - l + (extra[row + f] as number);
    if (delta < low || isOpen[f]) continue;
    if ((outTabu || (tabuUntil[f] as number) > it) && delta <= aspiration) continue;
    consider(ch, delta, f, r);
    low = ch.delta - eps;
  }
}

/**
 * Swaps of position r into a site with extra(f, r) > 0, priced exactly: among r's neighbours
 * (extra read at r × m + f) or among the kept candidates of r (extra beside each, read in
 * order).
 */
function priceSharingSwaps(s: SwapState, ch: MoveChoice, mc: MoveContext, r: number, outTabu: boolean): void {
  const { gain, closed, nb } = s;
  const { tabuUntil, it, aspiration } = mc;
  const eps = ch.eps;
  const out = s.open[r] as number;
  const l = s.loss[r] as number;
  const row = r * s.m;
  let list: Int32Array = mc.everySite;
  let from = 0;
  let to = list.length;
  let extras: Float64Array = s.extra;
  let inOrder = false;
  if (mc.mode === 'neighbours' && nb) {
    list = nb.site;
    from = nb.start[out] as number;
    to = nb.start[out + 1] as number;
  } else if (mc.mode === 'unique') {
    s.cand ??= buildCandidates(s);
    list = s.cand.site;
    extras = s.cand.extra;
    from = row;
    to = row + (s.cand.len[r] as number);
    inOrder = true;
  }
  let low = ch.delta - eps;
  for (let q = from; q < to; q++) {
    const f = list[q] as number;
    const e = extras[inOrder ? q : row + f] as number;
    if (e <= eps || !closed[f]) continue;
    const delta = (gain[f] as number) - l + e;
    if (delta < low) continue;
    if ((outTabu || (tabuUntil[f] as number) > it) && delta <= aspiration) continue;
    consider(ch, delta, f, r);
    low = ch.delta - eps;
  }
}
