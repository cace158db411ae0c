/**
 * Side-by-side comparison of two network scenarios for every target group: travel time to
 * the nearest open point, the hours of service within reach, the areas that lose most
 * (extra minutes × residents), and the cumulative distribution of travel times.
 */
import type { LocalizedText } from '../i18n.ts';
import { groupPopulation } from '../model/area.ts';
import type { TravelTimeMatrix } from './engine.ts';
import {
  cumulativeShares,
  type DemandArea,
  type GroupSummary,
  groupMean,
  nearestMinutes,
  reachableServiceHours,
  summarizeGroup,
} from './metrics.ts';

export interface NamedArea extends DemandArea {
  readonly name: LocalizedText;
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
  /**
   * Travel times on each side's date (the network can differ: a metro line opens). Origins
   * are the areas, in the same order; destinations include every site the side opens.
   */
  readonly baseMatrix: TravelTimeMatrix;
  readonly altMatrix: TravelTimeMatrix;
  readonly base: ScenarioSide;
  readonly alt: ScenarioSide;
  readonly groups: readonly string[];
  readonly serviceHoursThresholdMinutes?: number;
  readonly cdfMaxMinutes?: number;
}): ScenarioComparison {
  const { areas, baseMatrix, altMatrix, base, alt } = input;
  const threshold = input.serviceHoursThresholdMinutes ?? 30;
  const baseMinutes = nearestMinutes(baseMatrix, new Set(base.openSiteIds));
  const altMinutes = nearestMinutes(altMatrix, new Set(alt.openSiteIds));
  const baseHours = reachableServiceHours(baseMatrix, base.hoursBySite, threshold);
  const altHours = reachableServiceHours(altMatrix, alt.hoursBySite, threshold);
  const maxMinutes = input.cdfMaxMinutes ?? 90;
  const finite = (v: number | undefined) => (v !== undefined && Number.isFinite(v) ? v : null);

  const changes: AreaChange[] = areas.map((a, i) => {
    const b = finite(baseMinutes[i]);
    const c = finite(altMinutes[i]);
    const delta = b !== null && c !== null ? c - b : null;
    return {
      areaId: a.id,
      name: a.name.fi,
      names: a.name,
      baseMinutes: round(b),
      altMinutes: round(c),
      deltaMinutes: round(delta),
      population: a.population.total,
      population75Plus: a.population.age75plus,
      lossPersonMinutes: delta === null ? null : Math.round(delta * a.population.total),
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
    groups: input.groups.map((group) => ({
      group,
      base: figures(summarizeGroup(areas, baseMinutes, group)),
      alt: figures(summarizeGroup(areas, altMinutes, group)),
      serviceHours: {
        base: round(groupMean(areas, baseHours, group), 1),
        alt: round(groupMean(areas, altHours, group), 1),
      },
    })),
    areas: changes,
    cdf: {
      minutes: Array.from({ length: maxMinutes + 1 }, (_, t) => t),
      groups: input.groups.map((group) => ({
        group,
        base: cumulativeShares(areas, baseMinutes, group, maxMinutes).map((v) => round(v, 4) ?? 0),
        alt: cumulativeShares(areas, altMinutes, group, maxMinutes).map((v) => round(v, 4) ?? 0),
      })),
    },
  };
}

/** The target groups to report for a set of areas: the built-in ones and every group the city added. */
export function reportGroups(areas: readonly DemandArea[]): string[] {
  const extra = new Set<string>();
  for (const a of areas) for (const k of Object.keys(a.population.extraGroups)) extra.add(k);
  const builtins = ['all', 'age65plus', 'age75plus', 'foreignLanguage', 'swedishSpeaking'];
  return [...builtins, ...[...extra].sort()].filter((g) =>
    areas.some((a) => (groupPopulation(a.population, g) ?? 0) > 0),
  );
}
