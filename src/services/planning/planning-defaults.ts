/**
 * The planner's starting point from the city's profile: its time blocks for mobile visits and
 * its target groups (whom the service is for, how much each counts, how they travel and how far
 * is "within reach"). A city import keeps them in the setting `CITY_SETTING`; a database without
 * one (single files imported) plans with the product defaults.
 */
import type { ReadRepositories } from '../../db/repositories.ts';
import { CITY_SETTING, storedProfile } from '../city/city-profile.ts';
import type { GroupSetting } from './planning-data.ts';

export interface TimeBlock {
  readonly id: string;
  readonly start: string;
  readonly end: string;
}

export interface PlanningDefaults {
  readonly timeBlocks: readonly TimeBlock[];
  readonly targetGroups: readonly GroupSetting[];
}

/**
 * The product's target groups (illustrative; a city's profile sets its own): people aged 75+ count most
 * and travel slowly; foreign-language speakers and the unemployed need digital support; the
 * Swedish-speaking minority is served in Swedish. `all` is off so nobody is counted twice.
 */
export const DEFAULT_GROUPS: readonly GroupSetting[] = [
  { id: 'age75plus', weight: 3, mode: 'pt-slow', thresholdMinutes: 20, language: null },
  { id: 'age65to74', weight: 1, mode: 'pt-slow', thresholdMinutes: 25, language: null },
  { id: 'foreignLanguage', weight: 2, mode: 'pt', thresholdMinutes: 25, language: null },
  { id: 'unemployed', weight: 1, mode: 'pt', thresholdMinutes: 25, language: null },
  { id: 'swedishSpeaking', weight: 0.5, mode: 'pt', thresholdMinutes: 25, language: 'sv' },
];

export const DEFAULT_BLOCKS = [
  { id: 'morning', start: '09:30', end: '12:00' },
  { id: 'afternoon', start: '13:00', end: '15:00' },
] as const;

export const PRODUCT_PLANNING_DEFAULTS: PlanningDefaults = {
  timeBlocks: DEFAULT_BLOCKS,
  targetGroups: DEFAULT_GROUPS,
};

/** The city's planning defaults (its stored profile), or the product's when the database has none. */
export async function loadPlanningDefaults(repos: ReadRepositories): Promise<PlanningDefaults> {
  const city = storedProfile(await repos.access.getSetting(CITY_SETTING));
  if (!city) return PRODUCT_PLANNING_DEFAULTS;
  return {
    timeBlocks: city.timeBlocks,
    targetGroups: city.targetGroups.map(({ id, weight, mode, thresholdMinutes, language }) => ({
      id,
      weight,
      mode,
      thresholdMinutes,
      language,
    })),
  };
}
