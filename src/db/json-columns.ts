/**
 * What the JSON columns hold, and the check what is read from them goes through. PostgreSQL
 * keeps any JSON in a jsonb column (a value written by an older version, by hand or by a
 * restore), so a repository parses what it reads instead of trusting it, and a bad value names
 * its table and column. A plan's changes are parsed here (their type is core's); shapes a use
 * case owns (a plan's summary, a job's request and progress, a visit's explanation, a setting's
 * value) are JSON here, and the service that owns the shape parses it further.
 */
import { z } from 'zod';
import type { AreaGeometry } from '../core/geo/geo.ts';
import { DEMAND_BASES, type DemandBasisInfo } from '../core/model/demand-point.ts';
import { CANCEL_REASONS } from '../core/model/visit.ts';
import type { PlanChanges } from '../core/planning/plan-diff.ts';

/** Any value JSON can hold: what a jsonb column gives back. */
export type JsonValue =
  | string
  | number
  | boolean
  | null
  | readonly JsonValue[]
  | { readonly [key: string]: JsonValue };

/** A JSON object (audit details). */
export type JsonObject = { readonly [key: string]: JsonValue };

export const jsonValueSchema: z.ZodType<JsonValue> = z.lazy(() =>
  z.union([
    z.string(),
    z.number(),
    z.boolean(),
    z.null(),
    z.array(jsonValueSchema),
    z.record(z.string(), jsonValueSchema),
  ]),
);

export const jsonObjectSchema: z.ZodType<JsonObject> = z.record(z.string(), jsonValueSchema);

const ringSchema = z.array(z.array(z.number()).min(2));

/** GeoJSON Polygon or MultiPolygon (RFC 7946), the subset areas use. */
export const areaGeometrySchema: z.ZodType<AreaGeometry> = z.discriminatedUnion('type', [
  z.object({ type: z.literal('Polygon'), coordinates: z.array(ringSchema) }),
  z.object({ type: z.literal('MultiPolygon'), coordinates: z.array(z.array(ringSchema)) }),
]);

/** Residents per target group (an area's extra groups, a demand point's counts). */
export const groupCountsSchema = z.record(z.string(), z.number());

/** The `demand.basis` setting: what the loaded demand points rest on. */
export const demandBasisInfoSchema: z.ZodType<DemandBasisInfo> = z.object({
  basis: z.enum(DEMAND_BASES),
  points: z.number(),
  description: z.string(),
  source: z.string(),
});

/** A value read from `table.column` that does not have the column's shape: bad data, not bad input. */
/**
 * What publishing a plan does to the public schedule (`PlanChanges`). A list or count left out
 * is empty: a plan written with `{}` changes nothing.
 */
export const planChangesSchema: z.ZodType<PlanChanges> = z.object({
  kept: z.array(z.string()).default([]),
  restaffed: z
    .array(z.object({ visitId: z.string(), advisorIds: z.array(z.string()), previous: z.array(z.string()) }))
    .default([]),
  cancelled: z.array(z.object({ visitId: z.string(), reason: z.enum(CANCEL_REASONS) })).default([]),
  added: z.number().int().min(0).default(0),
});

export class BadJsonColumnError extends Error {
  constructor(
    readonly column: string,
    detail: string,
  ) {
    super(`${column} holds a value of the wrong shape: ${detail}`);
    this.name = 'BadJsonColumnError';
  }
}

/** Parses what was read from the JSON column `column` (as `table.column`). */
export function readJsonColumn<T>(column: string, schema: z.ZodType<T>, value: unknown): T {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const at = issue && issue.path.length > 0 ? `at ${issue.path.join('.')}: ` : '';
  throw new BadJsonColumnError(column, `${at}${issue?.message ?? 'invalid'}`);
}

/**
 * A use case's value as the JSON the column `column` stores: what the driver would write
 * (JSON.stringify drops undefined properties and functions, turns dates into strings), so the
 * stored value is the same as before, now typed. Undefined is stored as null.
 */
export function toJsonColumn(column: string, value: unknown): JsonValue;
export function toJsonColumn<T>(column: string, value: unknown, schema: z.ZodType<T>): T;
export function toJsonColumn(column: string, value: unknown, schema: z.ZodType = jsonValueSchema): unknown {
  const text = value === undefined ? 'null' : JSON.stringify(value);
  return readJsonColumn(column, schema, JSON.parse(text));
}
