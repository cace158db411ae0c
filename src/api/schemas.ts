/**
 * Response and parameter schemas of the public API. The OpenAPI document is generated
 * from these (docs/openapi.json, checked in; a test fails when it drifts).
 */
import { z } from '@hono/zod-openapi';
import { ID_PATTERN } from '../core/ids.ts';
import { AREA_KINDS } from '../core/model/area.ts';
import { SITE_KINDS, SITE_ROLES } from '../core/model/site.ts';
import { isIsoDate } from '../core/time/civil-time.ts';

export const IdParam = z
  .string()
  .regex(ID_PATTERN, 'expected an id of letters, digits, "_", "-" or "." (at most 64 characters)');

export const DateParam = z
  .string()
  .refine(isIsoDate, 'expected a date as YYYY-MM-DD')
  .openapi({ example: '2026-12-01', format: 'date' });

export const LocalizedText = z
  .object({ fi: z.string(), sv: z.string(), en: z.string() })
  .openapi('LocalizedText', { description: 'A text in Finnish, Swedish and English.' });

export const LatLon = z
  .object({ lat: z.number(), lon: z.number() })
  .openapi('LatLon', { description: 'WGS84 (EPSG:4326) coordinates in decimal degrees.' });

export const Geometry = z
  .object({ type: z.enum(['Polygon', 'MultiPolygon']), coordinates: z.array(z.any()) })
  .openapi('Geometry', { description: 'GeoJSON (RFC 7946) polygon geometry, WGS84.' });

export const Population = z
  .object({
    total: z.number().int(),
    age65to74: z.number().int(),
    age75plus: z.number().int(),
    foreignLanguage: z.number().int().nullable().openapi({ description: 'null: no figure for this area' }),
    swedishSpeaking: z.number().int().nullable().openapi({ description: 'null: no figure for this area' }),
    extraGroups: z.record(z.string(), z.number().int()),
  })
  .openapi('Population');

export const Area = z
  .object({
    id: z.string(),
    kind: z.enum(AREA_KINDS),
    name: LocalizedText,
    parentId: z.string().nullable(),
    centroid: LatLon,
    geometry: Geometry.nullable(),
    population: Population,
    dataYear: z.number().int(),
    source: z.string(),
    estimatedFields: z.array(z.string()),
    notes: z.string(),
  })
  .openapi('Area');

export const TimeInterval = z
  .object({ start: z.string().openapi({ example: '09:00' }), end: z.string().openapi({ example: '16:00' }) })
  .openapi('TimeInterval', { description: 'Wall-clock times in Europe/Helsinki, HH:MM.' });

export const SpecialDay = z
  .object({
    date: z.string(),
    kind: z.enum(['public-holiday', 'city-closure', 'holiday-eve']),
    name: LocalizedText,
    closed: z.boolean(),
  })
  .openapi('SpecialDay');

export const DayHours = z
  .object({
    date: z.string(),
    open: z.boolean(),
    intervals: z.array(TimeInterval),
    reason: z.enum(['regular', 'exception', 'holiday', 'outside-validity', 'no-hours']),
    specialDay: SpecialDay.nullable(),
    note: LocalizedText.nullable(),
  })
  .openapi('DayHours');

export const Site = z
  .object({
    id: z.string(),
    role: z.enum(SITE_ROLES),
    kind: z.enum(SITE_KINDS),
    name: LocalizedText,
    address: z.object({ street: z.string(), postalCode: z.string(), city: z.string() }),
    location: LatLon,
    locationAccuracyMeters: z.number().int().nullable(),
    areaId: z.string().nullable(),
    districtId: z.string().nullable(),
    partnerOrganisation: z.string().nullable(),
    accessibility: LocalizedText.nullable(),
    capacityDesks: z.number().int(),
    validity: z.array(z.object({ from: z.string().nullable(), to: z.string().nullable() })),
    weeklyHours: z.array(
      z.object({
        weekday: z.number().int().min(1).max(7).openapi({ description: 'ISO weekday, Monday = 1' }),
        opens: z.string(),
        closes: z.string(),
        validFrom: z.string().nullable(),
        validTo: z.string().nullable(),
      }),
    ),
    exceptions: z.array(
      z.object({ date: z.string(), intervals: z.array(TimeInterval), note: LocalizedText.nullable() }),
    ),
    openOnPublicHolidays: z.boolean(),
    source: z.string(),
    illustrative: z.boolean(),
  })
  .openapi('Site');

export const SiteWithHours = Site.extend({ hoursOnDate: DayHours.nullable() }).openapi('SiteWithHours');

export const AdvisorPublic = z
  .object({
    id: z.string(),
    displayName: z.string(),
    languages: z.array(z.string()),
    skills: z.array(z.string()),
    homeSiteId: z.string().nullable(),
  })
  .openapi('AdvisorPublic', { description: 'The fields of an advisor anyone may see.' });

export const Topic = z
  .object({
    id: z.string(),
    name: LocalizedText,
    description: LocalizedText,
    atFixedPoint: z.boolean(),
    atMobileVisit: z.boolean(),
    online: z.boolean(),
    selfServiceUrl: z.object({
      fi: z.string().nullable(),
      sv: z.string().nullable(),
      en: z.string().nullable(),
    }),
    requiredSkill: z.string().nullable(),
    sortOrder: z.number().int(),
    illustrative: z.boolean(),
  })
  .openapi('Topic');

export const Problem = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    detail: z.string().optional(),
    errors: z
      .array(z.object({ in: z.string(), name: z.string(), message: z.string() }))
      .optional()
      .openapi({ description: 'For 400 responses: each offending parameter and what was expected.' }),
  })
  .openapi('Problem', { description: 'RFC 9457 problem details.' });

export const listOf = <T extends z.ZodTypeAny>(item: T) => z.object({ items: z.array(item) });

// Not `as const`: zod-openapi does not see readonly status codes as responses a handler may return.
export const problemResponses = {
  400: { description: 'Bad request', content: { 'application/problem+json': { schema: Problem } } },
  404: { description: 'Not found', content: { 'application/problem+json': { schema: Problem } } },
};

export const AreaKindParam = z.enum(AREA_KINDS);
export const SiteRoleParam = z.enum(SITE_ROLES);
export const SiteKindParam = z.enum(SITE_KINDS);

/**
 * Core types are deeply readonly; the schemas' inferred types are mutable. The shapes are
 * the same, so responses are passed through this type-level conversion (no copy).
 */
export type DeepMutable<T> = T extends string | number | boolean | null | undefined
  ? T
  : T extends readonly (infer U)[]
    ? DeepMutable<U>[]
    : { -readonly [K in keyof T]: DeepMutable<T[K]> };
export const asJson = <T>(value: T) => value as DeepMutable<T>;
