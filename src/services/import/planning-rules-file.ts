/**
 * A city's default rhythm rules for the visit planner (the city profile's `files.planningRules`):
 * the same shape as a plan request's `rules`, each rule optional, plus a `note` and `source`
 * that are not imported. Validated with zod; venue ids are checked against the loaded sites.
 * Stored as the setting `planning.rules` (PLANNING_RULES_SETTING).
 */
import { z } from 'zod';
import { type PlanningRules, planningRulesSchema, unknownVenues } from '../planning/planning-rules.ts';
import type { IssueList } from './issues.ts';
import { parseWith } from './json-formats.ts';

const rulesFileSchema = planningRulesSchema
  .extend({ note: z.string().optional(), source: z.string().optional() })
  .strict();

/** The rules of a rules file, without its note and source (undefined when invalid). */
export function readPlanningRules(
  value: unknown,
  issues: IssueList,
  venueIds: ReadonlySet<string>,
): PlanningRules | undefined {
  const parsed = parseWith(rulesFileSchema, value, issues);
  if (!parsed) return undefined;
  const { note: _note, source: _source, ...rules } = parsed;
  const unknown = unknownVenues(rules, venueIds, '');
  for (const u of unknown) issues.add({ path: u.path, message: `unknown venue "${u.id}"` });
  return unknown.length > 0 ? undefined : rules;
}
