/**
 * Access metrics for a network scenario: each demand unit's travel time to the nearest open
 * point, summarised per target group with population weights, and the hours of service a
 * group can reach within a threshold (help that is open, not only near).
 *
 * Unreachable areas count in every share and quantile as "not within any time"; the mean is
 * over the population that can reach a point, and the unreachable share is reported beside it.
 */
import { type GroupCounts, groupCount } from '../model/area.ts';
import type { TravelTimeMatrix } from './engine.ts';

export const SHARE_THRESHOLDS = [15, 30, 45] as const;

/** A demand unit: an area, a grid cell or a modelled point, with residents per group. */
export interface DemandUnit {
  readonly id: string;
  readonly counts: GroupCounts;
}

/** Weights of a group per unit; 0 where the unit has no figure for the group. */
export function groupWeights(units: readonly DemandUnit[], group: string): number[] {
  return units.map((u) => groupCount(u.counts, group) ?? 0);
}

/**
 * Share of all residents who live in units with a figure for the group: 1 when the data
 * covers everyone, 0 when the group has no data at all.
 */
export function dataShare(units: readonly DemandUnit[], group: string): number {
  let all = 0;
  let covered = 0;
  for (const u of units) {
    const total = u.counts.all ?? 0;
    all += total;
    if (groupCount(u.counts, group) !== undefined) covered += total;
  }
  return all > 0 ? covered / all : 0;
}

/** Per matrix origin: minutes to the nearest destination in `open` (Infinity if none can be reached). */
export function nearestMinutes(matrix: TravelTimeMatrix, open: ReadonlySet<string>): Float64Array {
  const cols = matrix.destinationIds.length;
  const openCols = matrix.destinationIds.flatMap((id, j) => (open.has(id) ? [j] : []));
  const out = new Float64Array(matrix.originIds.length).fill(Number.POSITIVE_INFINITY);
  for (let i = 0; i < matrix.originIds.length; i++) {
    for (const j of openCols) {
      const v = matrix.minutes[i * cols + j] ?? Number.NaN;
      if (!Number.isNaN(v) && v < (out[i] ?? Number.POSITIVE_INFINITY)) out[i] = v;
    }
  }
  return out;
}

export interface GroupSummary {
  readonly group: string;
  readonly population: number;
  /** Mean over the people who can reach a point; null when nobody can. */
  readonly meanMinutes: number | null;
  /** Population-weighted median and 90th percentile; null when that share cannot reach a point. */
  readonly medianMinutes: number | null;
  readonly p90Minutes: number | null;
  /** Share of the group within 15, 30 and 45 minutes. */
  readonly shareWithin: Readonly<Record<'15' | '30' | '45', number>>;
  readonly unreachableShare: number;
  /** Share of all residents living where the data has a figure for this group (1 = everywhere). */
  readonly dataShare: number;
}

/**
 * Weighted quantile, lower definition: the smallest value v with at least q of the weight at
 * or below v.
 */
export function weightedQuantile(values: ArrayLike<number>, weights: ArrayLike<number>, q: number): number {
  const order = Array.from({ length: values.length }, (_, i) => i).sort(
    (a, b) => (values[a] ?? 0) - (values[b] ?? 0),
  );
  let total = 0;
  for (let i = 0; i < weights.length; i++) total += weights[i] ?? 0;
  if (total <= 0) return Number.NaN;
  let cumulative = 0;
  for (const i of order) {
    cumulative += weights[i] ?? 0;
    if (cumulative >= q * total - 1e-9 * total) return values[i] ?? Number.NaN;
  }
  return values[order[order.length - 1] ?? 0] ?? Number.NaN;
}

export function summarizeGroup(
  units: readonly DemandUnit[],
  minutes: ArrayLike<number>,
  group: string,
): GroupSummary {
  const weights = groupWeights(units, group);
  const population = weights.reduce((s, w) => s + w, 0);
  let reachable = 0;
  let weighted = 0;
  const within = { '15': 0, '30': 0, '45': 0 };
  for (const [i, w] of weights.entries()) {
    const m = minutes[i] ?? Number.POSITIVE_INFINITY;
    if (!Number.isFinite(m)) continue;
    reachable += w;
    weighted += w * m;
    for (const t of SHARE_THRESHOLDS) if (m <= t) within[t] += w;
  }
  const finite = (v: number) => (Number.isFinite(v) ? v : null);
  return {
    group,
    population,
    meanMinutes: reachable > 0 ? weighted / reachable : null,
    medianMinutes: population > 0 ? finite(weightedQuantile(minutes, weights, 0.5)) : null,
    p90Minutes: population > 0 ? finite(weightedQuantile(minutes, weights, 0.9)) : null,
    shareWithin: {
      '15': population > 0 ? within['15'] / population : 0,
      '30': population > 0 ? within['30'] / population : 0,
      '45': population > 0 ? within['45'] / population : 0,
    },
    unreachableShare: population > 0 ? (population - reachable) / population : 0,
    dataShare: dataShare(units, group),
  };
}

/** Share of a group within t minutes, for t = 0 … maxMinutes (a cumulative distribution). */
export function cumulativeShares(
  units: readonly DemandUnit[],
  minutes: ArrayLike<number>,
  group: string,
  maxMinutes = 90,
): number[] {
  const weights = groupWeights(units, group);
  const total = weights.reduce((s, w) => s + w, 0);
  const counts = new Float64Array(maxMinutes + 1);
  for (const [i, w] of weights.entries()) {
    const m = minutes[i] ?? Number.POSITIVE_INFINITY;
    if (!Number.isFinite(m) || m > maxMinutes) continue;
    counts[Math.max(0, Math.ceil(m))] = (counts[Math.max(0, Math.ceil(m))] ?? 0) + w;
  }
  const out: number[] = [];
  let running = 0;
  for (let t = 0; t <= maxMinutes; t++) {
    running += counts[t] ?? 0;
    out.push(total > 0 ? running / total : 0);
  }
  return out;
}

/**
 * Hours of service per week each area can reach within `thresholdMinutes`: the sum of the
 * weekly open hours of the sites within reach (fixed points and, when given, mobile visits).
 */
export function reachableServiceHours(
  matrix: TravelTimeMatrix,
  hoursBySite: ReadonlyMap<string, number>,
  thresholdMinutes: number,
): Float64Array {
  const cols = matrix.destinationIds.length;
  const out = new Float64Array(matrix.originIds.length);
  for (let i = 0; i < matrix.originIds.length; i++) {
    let sum = 0;
    for (let j = 0; j < cols; j++) {
      const hours = hoursBySite.get(matrix.destinationIds[j] ?? '') ?? 0;
      const m = matrix.minutes[i * cols + j] ?? Number.NaN;
      if (hours > 0 && !Number.isNaN(m) && m <= thresholdMinutes) sum += hours;
    }
    out[i] = sum;
  }
  return out;
}

/** Population-weighted mean of a per-area value for a group. */
export function groupMean(
  units: readonly DemandUnit[],
  values: ArrayLike<number>,
  group: string,
): number | null {
  let total = 0;
  let sum = 0;
  for (const [i, w] of groupWeights(units, group).entries()) {
    total += w;
    sum += w * (values[i] ?? 0);
  }
  return total > 0 ? sum / total : null;
}
