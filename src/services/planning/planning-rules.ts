/**
 * The planner's rhythm rules (docs/planning-model.md, "Rhythm"): what a plan request, a city's
 * defaults (the setting `planning.rules`, from the city profile's `files.planningRules`)
 * and the planner's form may set. A plan's effective rules are the product defaults, overridden
 * by the city's defaults, overridden by the plan's own.
 */
import { z } from 'zod';
import { isValidId } from '../../core/ids.ts';
import type { ReadRepositories } from '../../db/repositories.ts';
import { defaultProductParams, type PlanningDataRequest } from './planning-data.ts';

/** Where a city's default rules are stored. */
export const PLANNING_RULES_SETTING = 'planning.rules';

/** The bounds of each numeric rule, shared by the API schema and the planner's form. */
export const RULE_LIMITS = {
  maxSeriesPerVenue: { min: 1, max: 2, integer: true },
  maxVenueMinutesPerWeek: { min: 0, max: 2400, integer: true },
  /** 0 (no limit) or 1 to 10. */
  maxDistrictShareFactor: { min: 0, max: 10, integer: false },
  minVisitsPerDistrict: { min: 0, max: 10, integer: true },
  minWalkFromFixedPoint: { min: 0, max: 60, integer: true },
  continuityCost: { min: 0, max: 10_000, integer: false },
} as const;

export type NumericRule = keyof typeof RULE_LIMITS;
export const NUMERIC_RULES = Object.keys(RULE_LIMITS) as NumericRule[];

/** Whether a number is allowed for a rule (the share factor: 0, or 1 to 10). */
export function ruleValueAllowed(rule: NumericRule, value: number): boolean {
  const l = RULE_LIMITS[rule];
  if (!Number.isFinite(value) || value < l.min || value > l.max) return false;
  if (l.integer && !Number.isInteger(value)) return false;
  return rule !== 'maxDistrictShareFactor' || value === 0 || value >= 1;
}

const int = (rule: NumericRule, description: string) =>
  z.number().int().min(RULE_LIMITS[rule].min).max(RULE_LIMITS[rule].max).describe(description).optional();

/** Rules a plan (or a city) sets; each one left out keeps the value below it. */
export const planningRulesSchema = z
  .object({
    maxSeriesPerVenue: int(
      'maxSeriesPerVenue',
      'At most this many series (weekday and time block) per venue: 1 or 2.',
    ),
    allowOneOffs: z
      .boolean()
      .describe('Allow visits outside a weekly or fortnightly pattern (one-off visits).')
      .optional(),
    maxVenueMinutesPerWeek: int(
      'maxVenueMinutesPerWeek',
      'At most this many minutes of visits per venue and week; 0 = no limit.',
    ),
    maxDistrictShareFactor: z
      .number()
      .min(0)
      .max(10)
      .refine((v) => v === 0 || v >= 1, 'expected 0 (no limit) or a number from 1 to 10')
      .describe(
        'No district more than this many times its share of the need per week: 0 (no limit) or 1 to 10.',
      )
      .optional(),
    minVisitsPerDistrict: int(
      'minVisitsPerDistrict',
      'Every major district gets at least this many visits a week.',
    ),
    minWalkFromFixedPoint: int(
      'minWalkFromFixedPoint',
      'No new visit at a venue within this many minutes’ walk of an open fixed point; 0 = off.',
    ),
    allowNearFixedPoint: z
      .array(z.string().refine(isValidId, 'expected a venue id'))
      .max(500)
      .describe('Venues allowed visits even when a fixed point is a short walk away (venue ids).')
      .optional(),
    continuityCost: z
      .number()
      .min(RULE_LIMITS.continuityCost.min)
      .max(RULE_LIMITS.continuityCost.max)
      .describe(
        'Advisor continuity, a soft rule: the cost (value units) of each advisor beyond the first staff of a series; 0 = off.',
      )
      .optional(),
  })
  .strict()
  .describe(
    'Rhythm rules for this plan; each one left out takes the city’s default, else the product default.',
  );

export type PlanningRules = z.output<typeof planningRulesSchema>;

/** Every rule with its value: what a plan is made with. */
export interface EffectiveRules {
  readonly maxSeriesPerVenue: number;
  readonly allowOneOffs: boolean;
  readonly maxVenueMinutesPerWeek: number;
  readonly maxDistrictShareFactor: number;
  readonly minVisitsPerDistrict: number;
  readonly minWalkFromFixedPoint: number;
  readonly allowNearFixedPoint: readonly string[];
  readonly continuityCost: number;
}

/** The product's defaults (documented in docs/planning-model.md, "Rhythm"). */
export function productDefaultRules(): EffectiveRules {
  const p = defaultProductParams();
  return {
    // The rules allow 1 or 2 series; the planner's "no limit" (0) is not offered.
    maxSeriesPerVenue: p.maxSeriesPerVenue === 2 ? 2 : 1,
    allowOneOffs: p.allowOneOffs,
    maxVenueMinutesPerWeek: p.maxVenueMinutesPerWeek,
    maxDistrictShareFactor: p.maxDistrictShareFactor,
    minVisitsPerDistrict: 1,
    minWalkFromFixedPoint: 10,
    allowNearFixedPoint: [],
    continuityCost: p.continuityCost,
  };
}

const defined = (r: PlanningRules | null | undefined): Partial<EffectiveRules> =>
  Object.fromEntries(Object.entries(r ?? {}).filter(([, v]) => v !== undefined));

/** Product defaults ← the city's defaults ← the plan's own rules. */
export function effectiveRules(
  city: PlanningRules | null | undefined,
  plan: PlanningRules | null | undefined,
): EffectiveRules {
  return { ...productDefaultRules(), ...defined(city), ...defined(plan) };
}

/** What `buildPlanningInstance` takes of the rules. */
export function planningDataOf(
  rules: EffectiveRules,
): Pick<
  PlanningDataRequest,
  'params' | 'minVisitsPerDistrict' | 'minWalkFromFixedPoint' | 'allowNearFixedPoint'
> {
  return {
    params: {
      maxSeriesPerVenue: rules.maxSeriesPerVenue,
      allowOneOffs: rules.allowOneOffs,
      maxVenueMinutesPerWeek: rules.maxVenueMinutesPerWeek,
      maxDistrictShareFactor: rules.maxDistrictShareFactor,
      continuityCost: rules.continuityCost,
    },
    minVisitsPerDistrict: rules.minVisitsPerDistrict,
    minWalkFromFixedPoint: rules.minWalkFromFixedPoint,
    allowNearFixedPoint: [...rules.allowNearFixedPoint],
  };
}

/** A zod issue path as a JSON path: `rules.allowNearFixedPoint[2]`. */
export function jsonPath(path: readonly PropertyKey[]): string {
  return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : `${i > 0 ? '.' : ''}${String(p)}`)).join('');
}

export interface CityRules {
  /** The city's own defaults (only the rules it sets), or null when it sets none. */
  readonly rules: PlanningRules | null;
  /** `city`: from the setting; `product`: no setting; `invalid`: a setting that does not parse (ignored). */
  readonly source: 'city' | 'product' | 'invalid';
  /** Why a stored setting was ignored. */
  readonly problem: string | null;
}

/** The city's default rules (the setting `planning.rules`). */
export async function loadCityRules(repos: ReadRepositories): Promise<CityRules> {
  const raw = await repos.access.getSetting(PLANNING_RULES_SETTING);
  if (raw === undefined || raw === null) return { rules: null, source: 'product', problem: null };
  const parsed = planningRulesSchema.safeParse(raw);
  if (parsed.success) return { rules: parsed.data, source: 'city', problem: null };
  const issue = parsed.error.issues[0];
  return {
    rules: null,
    source: 'invalid',
    problem: `the stored setting ${PLANNING_RULES_SETTING} is invalid (${jsonPath(issue?.path ?? []) || '(root)'}: ${issue?.message ?? 'invalid'}); the product defaults are used`,
  };
}

/** Venue ids of `allowNearFixedPoint` that name no venue, with their JSON paths under `prefix`. */
export function unknownVenues(
  rules: PlanningRules | null | undefined,
  venueIds: ReadonlySet<string>,
  prefix: string,
): { path: string; id: string }[] {
  return (rules?.allowNearFixedPoint ?? []).flatMap((id, i) =>
    venueIds.has(id) ? [] : [{ path: `${prefix}allowNearFixedPoint[${i}]`, id }],
  );
}
