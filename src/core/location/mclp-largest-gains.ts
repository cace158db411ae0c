/**
 * The largest gains of the MCLP tabu search's sparse pricing (mclp-tabu.ts): a swap into a
 * site that shares no demand with the site leaving is worth gain(f) − loss(r), so the best
 * such swaps are those into the sites of largest gain, among all and among those not tabu.
 *
 * With many sites, a kept list of the sites of largest gain (`HighGains`) spares reading every
 * site: every closed site whose gain is above `floor` is in it (added as gains rise and sites
 * close; those that fell to the floor or opened are dropped as it is read). Reading it finds
 * the largest gains whenever their tie bands lie above the floor; when not, every site is
 * read, and the list is made again from the `size` largest gains. The sites found are put in
 * site order, as reading every site finds them, so the moves drawn among ties are the same
 * either way. (On PCB3038 at S = 200 with p = 50, reading every site took a third of an
 * iteration.)
 */

/** The kept list of sites of largest gain. */
export interface HighGains {
  /** How many of the largest gains the list is made from. */
  readonly size: number;
  /** Whether the list is kept at all (only when there are many sites). */
  readonly use: boolean;
  /** Whether the list holds every closed site of gain above `floor`. */
  ok: boolean;
  floor: number;
  readonly list: Int32Array;
  len: number;
  readonly inList: Uint8Array;
  /** A min-heap of the `size` largest gains, while every site is read. */
  readonly heap: Int32Array;
}

export function createHighGains(m: number, size: number, allowed: number): HighGains {
  const use = allowed > 4 * size;
  return {
    size,
    use,
    ok: false,
    floor: Number.POSITIVE_INFINITY,
    list: new Int32Array(use ? m : 0),
    len: 0,
    inList: new Uint8Array(use ? m : 0),
    heap: new Int32Array(use ? size : 0),
  };
}

/** Adds site f to the list when its gain rose above the floor while it is closed. */
export function keepIfHigh(h: HighGains, f: number, gain: Float64Array, closed: Uint8Array): void {
  if (h.ok && (gain[f] as number) > h.floor && closed[f] && !h.inList[f]) {
    h.inList[f] = 1;
    h.list[h.len++] = f;
  }
}

/**
 * The largest gains among closed allowed sites: among all (g0) and among those not tabu (g1),
 * and the sites that have them (top0[0…k0), top1[0…k1), in site order).
 */
export interface LargestGains {
  readonly top0: Int32Array;
  readonly top1: Int32Array;
  g0: number;
  g1: number;
  k0: number;
  k1: number;
}

export function createLargestGains(m: number): LargestGains {
  return {
    top0: new Int32Array(m),
    top1: new Int32Array(m),
    g0: Number.NEGATIVE_INFINITY,
    g1: Number.NEGATIVE_INFINITY,
    k0: 0,
    k1: 0,
  };
}

/** What the largest gains are read from: the search's prices, closed sites and tabu list. */
export interface GainView {
  readonly gain: Float64Array;
  readonly closed: Uint8Array;
  readonly tabuUntil: Int32Array;
  /** Every allowed site, in site order. */
  readonly everySite: Int32Array;
}

/**
 * Finds the largest gains at iteration `it`: read from the kept list while it holds their tie
 * bands, else from every site, keeping the `size` largest gains in a min-heap to make the list
 * again. One pass: a list restarts when a gain beyond its tie band appears; what a maximum
 * that crept up within the band left behind is dropped after.
 */
export function findLargestGains(
  lg: LargestGains,
  h: HighGains,
  v: GainView,
  it: number,
  eps: number,
  check: boolean,
): void {
  const { gain, closed, tabuUntil, everySite } = v;
  const { top0, top1 } = lg;
  const high = h.list;
  const inHigh = h.inList;
  const allowed = everySite.length;
  let g0 = Number.NEGATIVE_INFINITY;
  let g1 = Number.NEGATIVE_INFINITY;
  let k0 = 0;
  let k1 = 0;
  let fromHigh = h.ok;
  let size = 0;
  for (;;) {
    const list = fromHigh ? high : everySite;
    const len = fromHigh ? h.len : allowed;
    const floor = h.floor;
    let kept = 0;
    for (let q = 0; q < len; q++) {
      const f = list[q] as number;
      const g = gain[f] as number;
      if (fromHigh) {
        if (!closed[f] || g <= floor) {
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
      if (fromHigh || !h.use) continue;
      size = offerToHeap(h, size, f, g, gain);
    }
    if (!fromHigh) break;
    h.len = kept;
    // Both bands above the floor, or every site is read after all.
    if (k0 > 0 && k1 > 0 && g0 - eps > h.floor && g1 - eps > h.floor && h.len <= 4 * h.size) break;
    h.ok = false;
    fromHigh = false;
    g0 = g1 = Number.NEGATIVE_INFINITY;
    k0 = k1 = 0;
  }
  if (!fromHigh && h.use && size === h.size) remakeHigh(h, gain, size);
  k0 = withinBand(top0, k0, g0 - eps, gain);
  k1 = withinBand(top1, k1, g1 - eps, gain);
  if (fromHigh) {
    top0.subarray(0, k0).sort();
    top1.subarray(0, k1).sort();
  }
  lg.g0 = g0;
  lg.g1 = g1;
  lg.k0 = k0;
  lg.k1 = k1;
  if (check) checkLargest(lg, v, it, eps);
}

/** Site f of gain g into the min-heap of the largest gains (heap[0…size)); the new size. */
function offerToHeap(h: HighGains, size: number, f: number, g: number, gain: Float64Array): number {
  const heap = h.heap;
  if (size < h.size) {
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
  return size;
}

/** The kept list made again from the heap of the `size` largest gains, its floor the least. */
function remakeHigh(h: HighGains, gain: Float64Array, size: number): void {
  const { list: high, inList: inHigh, heap } = h;
  for (let q = 0; q < h.len; q++) inHigh[high[q] as number] = 0;
  h.len = 0;
  h.floor = gain[heap[0] as number] as number;
  for (let q = 0; q < size; q++) {
    const f = heap[q] as number;
    if ((gain[f] as number) <= h.floor) continue;
    inHigh[f] = 1;
    high[h.len++] = f;
  }
  h.ok = true;
}

/** Keeps, in order, the first `k` sites of `top` whose gain is at least `low`; their number. */
function withinBand(top: Int32Array, k: number, low: number, gain: Float64Array): number {
  let kept = 0;
  for (let q = 0; q < k; q++) {
    const f = top[q] as number;
    if ((gain[f] as number) >= low) top[kept++] = f;
  }
  return kept;
}

/**
 * For tests: the largest gains found (read from the kept list or not) must be those of every
 * closed site, the sites with them in site order.
 */
function checkLargest(lg: LargestGains, v: GainView, it: number, eps: number): void {
  const { gain, closed, tabuUntil } = v;
  const m = closed.length;
  const { top0, top1, g0, k0, g1, k1 } = lg;
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
}
