/**
 * Side-by-side comparison of two network scenarios for every target group: travel time to
 * the nearest open point, the hours of service within reach, the areas that lose most
 * (extra minutes × residents), and the cumulative distribution of travel times.
 */
import type { LocalizedText } from '../i18n.ts';
import { type GroupCounts, groupCount } from '../model/area.ts';
import type { TravelTimeMatrix } from './engine.ts';
import {
  cumulativeShares,
  type DemandUnit,
  type GroupSummary,
  groupMean,
  nearestMinutes,
  reachableServiceHours,
  summarizeGroup,
} from './metrics.ts';

/** An area the figures are reported for; its residents are the demand units pointing to it. */
export interface NamedArea {
  readonly id: string;
  readonly name: LocalizedText;
  readonly counts: GroupCounts;
}

/** A demand unit (grid cell, modelled point or the area's own centroid) inside an area. */
export interface AreaUnit extends DemandUnit {
  readonly areaId: string;
}

export interface ScenarioSide {
  readonly id: string;
  readonly name: LocalizedText;
  readonly date: string;
  readonly openSiteIds: readonly string[];
  /** Weekly open hours of each open point (and mobile visit venue) in the week of `date`. */
  readonly hoursBySite: ReadonlyMap<string, number>;
}

export type GroupFigures = Omit<GroupSummary, 'group'>;

export interface AreaChange {
  readonly areaId: string;
  readonly name: string;
  readonly names: LocalizedText;
  /** Population-weighted mean over the area's demand units that can reach a point. */
  readonly baseMinutes: number | null;
  readonly altMinutes: number | null;
  /** alt − base; null when either side cannot reach a point. */
  readonly deltaMinutes: number | null;
  readonly population: number;
  readonly population75Plus: number;
  /** deltaMinutes × population (person-minutes lost per trip); null as deltaMinutes. */
  readonly lossPersonMinutes: number | null;
  /** True when the area can reach a point in the base but not in the alternative. */
  readonly losesAccess: boolean;
}

export interface ScenarioComparison {
  readonly base: string;
  readonly alt: string;
  readonly mode: string;
  readonly scenarios: {
    readonly base: Omit<ScenarioSide, 'hoursBySite'>;
    readonly alt: Omit<ScenarioSide, 'hoursBySite'>;
  };
  readonly engine: { readonly name: string; readonly approximate: boolean };
  readonly serviceHoursThresholdMinutes: number;
  /** Built-in groups the data has no figure for anywhere: shown as "no data", never as numbers. */
  readonly groupsWithoutData: readonly string[];
  readonly groups: readonly {
    readonly group: string;
    readonly base: GroupFigures;
    readonly alt: GroupFigures;
    /** Population-weighted mean weekly hours of service within the threshold. */
    readonly serviceHours: { readonly base: number | null; readonly alt: number | null };
  }[];
  /** Sorted: areas losing access first, then by person-minutes lost, largest first. */
  readonly areas: readonly AreaChange[];
  readonly cdf: {
    readonly minutes: readonly number[];
    readonly groups: readonly { group: string; base: number[]; alt: number[] }[];
  };
}

const round = (v: number | null, digits = 2) => (v === null ? null : Number(v.toFixed(digits)));

function figures(s: GroupSummary): GroupFigures {
  const { group: _group, ...rest } = s;
  return {
    ...rest,
    // Modelled points carry fractions of residents: report whole residents.
    population: Math.round(rest.population),
    dataShare: round(rest.dataShare, 4) ?? 0,
    meanMinutes: round(rest.meanMinutes),
    medianMinutes: round(rest.medianMinutes),
    p90Minutes: round(rest.p90Minutes),
    shareWithin: {
      '15': round(rest.shareWithin['15'], 4) ?? 0,
      '30': round(rest.shareWithin['30'], 4) ?? 0,
      '45': round(rest.shareWithin['45'], 4) ?? 0,
    },
    unreachableShare: round(rest.unreachableShare, 4) ?? 0,
  };
}

export function compareScenarios(input: {
  readonly areas: readonly NamedArea[];
  /** The demand units, each in one of `areas`; the matrices' origins, in the same order. */
  readonly units: readonly AreaUnit[];
  /**
   * Travel times on each side's date (the network can differ: a metro line opens). Origins
   * are the units, in the same order; destinations include every site the side opens.
   */
  readonly baseMatrix: TravelTimeMatrix;
  readonly altMatrix: TravelTimeMatrix;
  readonly base: ScenarioSide;
  readonly alt: ScenarioSide;
  readonly groups: readonly string[];
  readonly serviceHoursThresholdMinutes?: number;
  readonly cdfMaxMinutes?: number;
}): ScenarioComparison {
  const { areas, units, baseMatrix, altMatrix, base, alt } = input;
  const threshold = input.serviceHoursThresholdMinutes ?? 30;
  const baseMinutes = nearestMinutes(baseMatrix, new Set(base.openSiteIds));
  const altMinutes = nearestMinutes(altMatrix, new Set(alt.openSiteIds));
  const baseHours = reachableServiceHours(baseMatrix, base.hoursBySite, threshold);
  const altHours = reachableServiceHours(altMatrix, alt.hoursBySite, threshold);
  const maxMinutes = input.cdfMaxMinutes ?? 90;
  const finite = (v: number | undefined) => (v !== undefined && Number.isFinite(v) ? v : null);

  const baseByArea = areaMeans(units, baseMinutes);
  const altByArea = areaMeans(units, altMinutes);
  const changes: AreaChange[] = areas.map((a) => {
    const b = finite(baseByArea.get(a.id));
    const c = finite(altByArea.get(a.id));
    const delta = b !== null && c !== null ? c - b : null;
    const population = a.counts.all ?? 0;
    return {
      areaId: a.id,
      name: a.name.fi,
      names: a.name,
      baseMinutes: round(b),
      altMinutes: round(c),
      deltaMinutes: round(delta),
      population,
      population75Plus: groupCount(a.counts, 'age75plus') ?? 0,
      lossPersonMinutes: delta === null ? null : Math.round(delta * population),
      losesAccess: b !== null && c === null,
    };
  });
  changes.sort(
    (x, y) =>
      Number(y.losesAccess) - Number(x.losesAccess) ||
      (y.lossPersonMinutes ?? Number.NEGATIVE_INFINITY) - (x.lossPersonMinutes ?? Number.NEGATIVE_INFINITY) ||
      x.areaId.localeCompare(y.areaId),
  );

  const { hoursBySite: _b, ...baseInfo } = base;
  const { hoursBySite: _a, ...altInfo } = alt;
  return {
    base: base.id,
    alt: alt.id,
    mode: baseMatrix.mode,
    scenarios: { base: baseInfo, alt: altInfo },
    engine: { name: baseMatrix.engine, approximate: baseMatrix.approximate || altMatrix.approximate },
    serviceHoursThresholdMinutes: threshold,
    groupsWithoutData: BUILTIN_REPORT_GROUPS.filter((g) => !input.groups.includes(g)),
    groups: input.groups.map((group) => ({
      group,
      base: figures(summarizeGroup(units, baseMinutes, group)),
      alt: figures(summarizeGroup(units, altMinutes, group)),
      serviceHours: {
        base: round(groupMean(units, baseHours, group), 1),
        alt: round(groupMean(units, altHours, group), 1),
      },
    })),
    areas: changes,
    cdf: {
      minutes: Array.from({ length: maxMinutes + 1 }, (_, t) => t),
      groups: input.groups.map((group) => ({
        group,
        base: cumulativeShares(units, baseMinutes, group, maxMinutes).map((v) => round(v, 4) ?? 0),
        alt: cumulativeShares(units, altMinutes, group, maxMinutes).map((v) => round(v, 4) ?? 0),
      })),
    },
  };
}

/**
 * Per area: the population-weighted mean minutes of its units that can reach a point
 * (Infinity when none can).
 */
export function areaMeans(units: readonly AreaUnit[], minutes: ArrayLike<number>): Map<string, number> {
  const sums = new Map<string, { weight: number; sum: number; any: boolean }>();
  for (const [i, u] of units.entries()) {
    const m = minutes[i] ?? Number.POSITIVE_INFINITY;
    const entry = sums.get(u.areaId) ?? { weight: 0, sum: 0, any: false };
    if (Number.isFinite(m)) {
      const w = Math.max(u.counts.all ?? 0, 1e-9);
      entry.weight += w;
      entry.sum += w * m;
      entry.any = true;
    }
    sums.set(u.areaId, entry);
  }
  return new Map(
    [...sums].map(([id, e]) => [id, e.any ? e.sum / e.weight : Number.POSITIVE_INFINITY] as const),
  );
}

export const BUILTIN_REPORT_GROUPS = ['all', 'age65plus', 'age75plus', 'foreignLanguage', 'swedishSpeaking'];

/**
 * The target groups to report for a set of demand units: the built-in ones and every group
 * the city added, each only where the data has figures for it.
 */
export function reportGroups(units: readonly DemandUnit[]): string[] {
  const extra = new Set<string>();
  for (const u of units)
    for (const k of Object.keys(u.counts))
      if (!BUILTIN_REPORT_GROUPS.includes(k) && k !== 'age65to74') extra.add(k);
  return [...BUILTIN_REPORT_GROUPS, ...[...extra].sort()].filter((g) =>
    units.some((u) => (groupCount(u.counts, g) ?? 0) > 0),
  );
}
