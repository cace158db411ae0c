/**
 * JSON formats for topics, scenarios and closure rules (docs/import-formats.md), parsed
 * with zod; every problem is reported with its JSON path.
 */
import { z } from 'zod';
import { asScenarioId, asSiteId, asTopicId, ID_PATTERN } from '../../core/ids.ts';
import { SKILL_PATTERN } from '../../core/model/advisor.ts';
import type { Scenario } from '../../core/model/scenario.ts';
import type { Topic } from '../../core/model/topic.ts';
import { isIsoDate } from '../../core/time/civil-time.ts';
import { type ClosureRule, createHolidayCalendar } from '../../core/time/holidays.ts';
import type { IssueList } from './issues.ts';

const text = z.string().trim().min(1, 'must not be empty');
const localized = z.object({ fi: text, sv: text, en: text }).strict();
const id = z.string().regex(ID_PATTERN, 'expected an id of letters, digits, "_", "-" or "."');
const isoDate = z.string().refine(isIsoDate, 'expected a date as YYYY-MM-DD');
const url = z.url({ protocol: /^https$/, error: 'expected an https:// address' }).nullable();

const topicSchema = z
  .object({
    id,
    name: localized,
    description: localized,
    atFixedPoint: z.boolean(),
    atMobileVisit: z.boolean(),
    online: z.boolean(),
    selfServiceUrl: z.object({ fi: url, sv: url, en: url }).strict(),
    requiredSkill: z.string().regex(SKILL_PATTERN, 'expected a skill code like "digital-support"').nullable(),
  })
  .strict();

export const topicsFileSchema = z
  .object({ note: z.string().optional(), topics: z.array(topicSchema).min(1) })
  .strict();

const scenarioSchema = z
  .object({
    id,
    name: localized,
    description: localized,
    referenceDate: isoDate.optional(),
    sites: z
      .array(z.object({ siteId: id, from: isoDate.optional(), to: isoDate.optional() }).strict())
      .min(1, 'a scenario needs at least one site'),
  })
  .strict();

export const scenariosFileSchema = z
  .object({ note: z.string().optional(), scenarios: z.array(scenarioSchema).min(1) })
  .strict();

export const closureRulesFileSchema = z
  .object({
    note: z.string().optional(),
    rules: z.array(z.object({ rule: text, name: localized }).strict()),
  })
  .strict();

function pathToString(path: readonly PropertyKey[]): string {
  return path.reduce<string>(
    (acc, key) => (typeof key === 'number' ? `${acc}[${key}]` : acc ? `${acc}.${String(key)}` : String(key)),
    '',
  );
}

/** Validates `value` against `schema`, adding one issue per problem with its JSON path. */
export function parseWith<T>(schema: z.ZodType<T>, value: unknown, issues: IssueList): T | undefined {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  for (const issue of result.error.issues) {
    issues.add({ path: pathToString(issue.path) || '(root)', message: issue.message });
  }
  return undefined;
}

export function readTopics(value: unknown, issues: IssueList, illustrative: boolean): Topic[] {
  const parsed = parseWith(topicsFileSchema, value, issues);
  if (!parsed) return [];
  const seen = new Set<string>();
  for (const [i, t] of parsed.topics.entries()) {
    if (seen.has(t.id)) issues.add({ path: `topics[${i}].id`, message: `duplicate id "${t.id}"` });
    seen.add(t.id);
  }
  return parsed.topics.map((t, i) => ({
    ...t,
    id: asTopicId(t.id),
    sortOrder: i,
    illustrative,
  }));
}

export function readScenarios(value: unknown, issues: IssueList, siteIds: ReadonlySet<string>): Scenario[] {
  const parsed = parseWith(scenariosFileSchema, value, issues);
  if (!parsed) return [];
  const seen = new Set<string>();
  for (const [i, s] of parsed.scenarios.entries()) {
    if (seen.has(s.id)) issues.add({ path: `scenarios[${i}].id`, message: `duplicate id "${s.id}"` });
    seen.add(s.id);
    for (const [j, site] of s.sites.entries()) {
      if (!siteIds.has(site.siteId)) {
        issues.add({ path: `scenarios[${i}].sites[${j}].siteId`, message: `unknown site "${site.siteId}"` });
      }
      if (site.from && site.to && site.from > site.to) {
        issues.add({
          path: `scenarios[${i}].sites[${j}].to`,
          message: `"to" ${site.to} is before "from" ${site.from}`,
        });
      }
    }
  }
  return parsed.scenarios.map((s) => ({
    id: asScenarioId(s.id),
    name: s.name,
    description: s.description,
    builtin: true,
    referenceDate: s.referenceDate ?? null,
    sites: s.sites.map((x) => ({
      siteId: asSiteId(x.siteId),
      period: { from: x.from ?? null, to: x.to ?? null },
    })),
  }));
}

export function readClosureRules(value: unknown, issues: IssueList): ClosureRule[] {
  const parsed = parseWith(closureRulesFileSchema, value, issues);
  if (!parsed) return [];
  for (const [i, rule] of parsed.rules.entries()) {
    const check = createHolidayCalendar([rule]);
    if (!check.ok)
      issues.add({ path: `rules[${i}].rule`, message: `"${rule.rule}" is not a valid date-holidays rule` });
  }
  return parsed.rules;
}

const busParams = z
  .object({
    speedKmh: z.number().positive().max(120),
    headwayMinutes: z.number().positive().max(240),
    stopSpacingMeters: z.number().positive().max(5000),
    detourFactor: z.number().min(1).max(3),
  })
  .strict();

/** Where the approximate public-transport model's parameters are kept. */
export const APPROXIMATE_MODEL_SETTING = 'access.approximate-model';

export const transitModelFileSchema = z
  .object({
    note: z.string().optional(),
    lines: z.array(
      z
        .object({
          id,
          stations: z.array(id).min(2, 'a line needs at least two stations'),
          speedKmh: z.number().positive().max(200),
          headwayMinutes: z.number().positive().max(240),
        })
        .strict(),
    ),
    bus: z.object({ default: busParams, byDistrict: z.record(id, busParams) }).strict(),
  })
  .strict();

export type TransitModelFile = z.infer<typeof transitModelFileSchema>;

/** The approximate model's parameters; station and district ids must exist. */
export function readTransitModel(
  value: unknown,
  issues: IssueList,
  stationIds: ReadonlySet<string>,
  districtIds: ReadonlySet<string>,
): TransitModelFile | undefined {
  const parsed = parseWith(transitModelFileSchema, value, issues);
  if (!parsed) return undefined;
  for (const [i, line] of parsed.lines.entries()) {
    for (const [j, station] of line.stations.entries()) {
      if (!stationIds.has(station))
        issues.add({ path: `lines[${i}].stations[${j}]`, message: `unknown station "${station}"` });
    }
  }
  for (const district of Object.keys(parsed.bus.byDistrict)) {
    if (!districtIds.has(district)) {
      issues.add({
        path: `bus.byDistrict.${district}`,
        message: `unknown district "${district}"; expected one of ${[...districtIds].join(', ')}`,
      });
    }
  }
  return parsed;
}
