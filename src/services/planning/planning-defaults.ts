/**
 * The planner's starting point from the city's profile: its time blocks for mobile visits and
 * its target groups (whom the service is for, how much each counts, how they travel and how far
 * is "within reach"). A city import keeps them in the setting `CITY_SETTING`; a database without
 * one (single files imported) plans with the product defaults.
 */
import { z } from 'zod';
import { TRAVEL_MODES } from '../../core/access/modes.ts';
import type { ReadRepositories } from '../../db/repositories.ts';
import { CITY_SETTING } from '../city/city-profile.ts';
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

const storedSchema = z.object({
  timeBlocks: z.array(z.object({ id: z.string(), start: z.string(), end: z.string() })).min(1),
  targetGroups: z
    .array(
      z.object({
        id: z.string(),
        weight: z.number(),
        mode: z.enum(TRAVEL_MODES),
        thresholdMinutes: z.number(),
        language: z.string().nullable(),
      }),
    )
    .min(1),
});

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

/** The city's planning defaults, or the product's when the database has none (or a bad one). */
export async function loadPlanningDefaults(repos: ReadRepositories): Promise<PlanningDefaults> {
  const parsed = storedSchema.safeParse(await repos.access.getSetting(CITY_SETTING));
  if (!parsed.success) return PRODUCT_PLANNING_DEFAULTS;
  return {
    timeBlocks: parsed.data.timeBlocks,
    targetGroups: parsed.data.targetGroups.map(({ id, weight, mode, thresholdMinutes, language }) => ({
      id,
      weight,
      mode,
      thresholdMinutes,
      language,
    })),
  };
}
