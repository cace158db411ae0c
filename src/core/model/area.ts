import type { AreaGeometry, LatLon } from '../geo/geo.ts';
import type { LocalizedText } from '../i18n.ts';
import type { AreaId } from '../ids.ts';

/**
 * A demand unit: where residents live, with how many belong to each target group.
 * Major districts ("suuralue") are areas too; postal-code areas and grid cells point to
 * their district through `parentId`.
 */
export const AREA_KINDS = ['district', 'postal-code', 'statistical-area', 'grid-cell'] as const;
export type AreaKind = (typeof AREA_KINDS)[number];

/** Built-in target groups; a city adds its own as `extraGroups`. */
export interface AreaPopulation {
  readonly total: number;
  readonly age65to74: number;
  readonly age75plus: number;
  /** null where the data has no figure for the area ("no data", never an estimate). */
  readonly foreignLanguage: number | null;
  readonly swedishSpeaking: number | null;
  /** City-defined groups, by key (e.g. `unemployed`, `no-car`). */
  readonly extraGroups: Readonly<Record<string, number>>;
}

export interface Area {
  readonly id: AreaId;
  readonly kind: AreaKind;
  readonly name: LocalizedText;
  readonly parentId: AreaId | null;
  /** Representative point (population or area centroid), WGS84. */
  readonly centroid: LatLon;
  readonly geometry: AreaGeometry | null;
  readonly population: AreaPopulation;
  /** Year the population figures describe (e.g. 2017 for Paavo 2019). */
  readonly dataYear: number;
  readonly source: string;
  /** Population fields that are estimates rather than sourced figures. */
  readonly estimatedFields: readonly string[];
  readonly notes: string;
}

export const BUILTIN_GROUPS = [
  'all',
  'age65plus',
  'age75plus',
  'age65to74',
  'foreignLanguage',
  'swedishSpeaking',
] as const;
export type BuiltinGroup = (typeof BUILTIN_GROUPS)[number];

/** Residents of an area in a target group; `undefined` for a group the area has no figure for. */
export function groupPopulation(p: AreaPopulation, group: string): number | undefined {
  switch (group) {
    case 'all':
      return p.total;
    case 'age65plus':
      return p.age65to74 + p.age75plus;
    case 'age75plus':
      return p.age75plus;
    case 'age65to74':
      return p.age65to74;
    case 'foreignLanguage':
      return p.foreignLanguage ?? undefined;
    case 'swedishSpeaking':
      return p.swedishSpeaking ?? undefined;
    default:
      return p.extraGroups[group];
  }
}

/** Consistency rules every area satisfies; returns the list of violations (empty if fine). */
export function checkPopulation(p: AreaPopulation): string[] {
  const problems: string[] = [];
  const named: [string, number][] = [
    ['population_total', p.total],
    ['population_65_74', p.age65to74],
    ['population_75_plus', p.age75plus],
    ...(p.foreignLanguage === null
      ? []
      : [['population_foreign_language', p.foreignLanguage] as [string, number]]),
    ...(p.swedishSpeaking === null
      ? []
      : [['population_swedish_speaking', p.swedishSpeaking] as [string, number]]),
    ...Object.entries(p.extraGroups).map(([k, v]): [string, number] => [`group:${k}`, v]),
  ];
  for (const [name, value] of named) {
    if (!Number.isInteger(value) || value < 0)
      problems.push(`${name} must be a whole number ≥ 0, got ${value}`);
  }
  if (p.age65to74 + p.age75plus > p.total) {
    problems.push(
      `population_65_74 + population_75_plus (${p.age65to74 + p.age75plus}) exceeds population_total (${p.total})`,
    );
  }
  const languages = (p.foreignLanguage ?? 0) + (p.swedishSpeaking ?? 0);
  if (languages > p.total) {
    problems.push(
      `population_foreign_language + population_swedish_speaking (${languages}) exceeds population_total (${p.total})`,
    );
  }
  for (const [k, v] of Object.entries(p.extraGroups)) {
    if (v > p.total) problems.push(`group:${k} (${v}) exceeds population_total (${p.total})`);
  }
  return problems;
}

/**
 * Residents per target group as a plain map, for demand units of any kind (areas, grid
 * cells, modelled points). A group the data has no figure for is absent, never 0.
 */
export type GroupCounts = Readonly<Record<string, number>>;

export function countsOfPopulation(p: AreaPopulation): Record<string, number> {
  const out: Record<string, number> = { all: p.total, age65to74: p.age65to74, age75plus: p.age75plus };
  out.age65plus = p.age65to74 + p.age75plus;
  if (p.foreignLanguage !== null) out.foreignLanguage = p.foreignLanguage;
  if (p.swedishSpeaking !== null) out.swedishSpeaking = p.swedishSpeaking;
  for (const [k, v] of Object.entries(p.extraGroups)) out[k] = v;
  return out;
}

/**
 * Residents of a unit in a group, deriving the age bands from each other where one is
 * missing (a grid that gives 65+ and 75+ gives 65–74); undefined where there is no figure.
 */
export function groupCount(c: GroupCounts, group: string): number | undefined {
  const direct = c[group];
  if (direct !== undefined) return direct;
  if (group === 'age65plus' && c.age65to74 !== undefined && c.age75plus !== undefined)
    return c.age65to74 + c.age75plus;
  if (group === 'age65to74' && c.age65plus !== undefined && c.age75plus !== undefined)
    return Math.max(0, c.age65plus - c.age75plus);
  return undefined;
}
