/**
 * The service network as the city describes it: areas (with their population) and the demand
 * points below them, sites with their hours and periods of service, closure days, the topics
 * residents come with, and the scenarios that open or close sites.
 */
import { sql } from 'drizzle-orm';
import {
  boolean,
  check,
  date,
  doublePrecision,
  foreignKey,
  index,
  integer,
  jsonb,
  pgTable,
  serial,
  smallint,
  text,
  time,
} from 'drizzle-orm/pg-core';
import type { AreaGeometry } from '../../core/geo/geo.ts';
import { updatedAt } from './columns.ts';

export const areas = pgTable(
  'areas',
  {
    id: text('id').primaryKey(),
    kind: text('kind').notNull(),
    nameFi: text('name_fi').notNull(),
    nameSv: text('name_sv').notNull(),
    nameEn: text('name_en').notNull(),
    parentId: text('parent_id'),
    centroidLat: doublePrecision('centroid_lat').notNull(),
    centroidLon: doublePrecision('centroid_lon').notNull(),
    geometry: jsonb('geometry').$type<AreaGeometry>(),
    population: integer('population').notNull(),
    population65To74: integer('population_65_74').notNull(),
    population75Plus: integer('population_75_plus').notNull(),
    /** null: the data has no figure for the area. */
    populationForeignLanguage: integer('population_foreign_language'),
    populationSwedishSpeaking: integer('population_swedish_speaking'),
    populationExtra: jsonb('population_extra').$type<Record<string, number>>().notNull().default({}),
    dataYear: integer('data_year').notNull(),
    source: text('source').notNull(),
    estimatedFields: text('estimated_fields').array().notNull().default(sql`'{}'::text[]`),
    notes: text('notes').notNull().default(''),
    updatedAt: updatedAt(),
  },
  (t) => [
    foreignKey({ columns: [t.parentId], foreignColumns: [t.id], name: 'areas_parent_fk' }).onDelete(
      'restrict',
    ),
    index('areas_parent_idx').on(t.parentId),
    check('areas_kind_check', sql`${t.kind} in ('district', 'postal-code', 'statistical-area', 'grid-cell')`),
    check(
      'areas_population_check',
      sql`${t.population} >= 0 and ${t.population65To74} >= 0 and ${t.population75Plus} >= 0
      and ${t.populationForeignLanguage} >= 0 and ${t.populationSwedishSpeaking} >= 0
      and ${t.population65To74} + ${t.population75Plus} <= ${t.population}`,
    ),
    check(
      'areas_centroid_check',
      sql`${t.centroidLat} between -90 and 90 and ${t.centroidLon} between -180 and 180`,
    ),
  ],
);

/**
 * Where residents are, below the area level: grid cells, imported points or modelled points,
 * each in one demand area. Replaced as a whole by an import; empty means area centroids.
 */
export const demandPoints = pgTable(
  'demand_points',
  {
    id: text('id').primaryKey(),
    areaId: text('area_id')
      .notNull()
      .references(() => areas.id, { onDelete: 'cascade' }),
    lat: doublePrecision('lat').notNull(),
    lon: doublePrecision('lon').notNull(),
    /** Residents per target group (`all` always); a group without a figure here is absent. */
    counts: jsonb('counts').$type<Record<string, number>>().notNull(),
    basis: text('basis').notNull(),
  },
  (t) => [
    index('demand_points_area_idx').on(t.areaId),
    check('demand_points_basis_check', sql`${t.basis} in ('grid', 'points', 'modelled')`),
    check('demand_points_location_check', sql`${t.lat} between -90 and 90 and ${t.lon} between -180 and 180`),
  ],
);

export const sites = pgTable(
  'sites',
  {
    id: text('id').primaryKey(),
    role: text('role').notNull(),
    kind: text('kind').notNull(),
    nameFi: text('name_fi').notNull(),
    nameSv: text('name_sv').notNull(),
    nameEn: text('name_en').notNull(),
    streetAddress: text('street_address').notNull().default(''),
    postalCode: text('postal_code').notNull().default(''),
    city: text('city').notNull().default(''),
    lat: doublePrecision('lat').notNull(),
    lon: doublePrecision('lon').notNull(),
    locationAccuracyMeters: integer('location_accuracy_meters'),
    areaId: text('area_id').references(() => areas.id, { onDelete: 'set null' }),
    districtId: text('district_id').references(() => areas.id, { onDelete: 'set null' }),
    partnerOrganisation: text('partner_organisation'),
    accessibilityFi: text('accessibility_fi'),
    accessibilitySv: text('accessibility_sv'),
    accessibilityEn: text('accessibility_en'),
    capacityDesks: integer('capacity_desks').notNull().default(1),
    openOnPublicHolidays: boolean('open_on_public_holidays').notNull().default(false),
    source: text('source').notNull().default(''),
    illustrative: boolean('illustrative').notNull().default(false),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('sites_district_idx').on(t.districtId),
    check('sites_role_check', sql`${t.role} in ('fixed-point', 'venue')`),
    check(
      'sites_kind_check',
      sql`${t.kind} in ('service-point', 'library', 'senior-centre', 'mall', 'health-station', 'resident-house', 'multi-service-centre', 'partner-premises')`,
    ),
    check('sites_capacity_check', sql`${t.capacityDesks} >= 0`),
    check('sites_location_check', sql`${t.lat} between -90 and 90 and ${t.lon} between -180 and 180`),
  ],
);

/** Periods in which a site is in service; a site with none is always in service. */
export const siteValidity = pgTable(
  'site_validity',
  {
    id: serial('id').primaryKey(),
    siteId: text('site_id')
      .notNull()
      .references(() => sites.id, { onDelete: 'cascade' }),
    validFrom: date('valid_from'),
    validTo: date('valid_to'),
  },
  (t) => [
    index('site_validity_site_idx').on(t.siteId),
    check(
      'site_validity_order_check',
      sql`${t.validFrom} is null or ${t.validTo} is null or ${t.validFrom} <= ${t.validTo}`,
    ),
  ],
);

export const siteWeeklyHours = pgTable(
  'site_weekly_hours',
  {
    id: serial('id').primaryKey(),
    siteId: text('site_id')
      .notNull()
      .references(() => sites.id, { onDelete: 'cascade' }),
    weekday: smallint('weekday').notNull(),
    opens: time('opens').notNull(),
    closes: time('closes').notNull(),
    validFrom: date('valid_from'),
    validTo: date('valid_to'),
  },
  (t) => [
    index('site_weekly_hours_site_idx').on(t.siteId),
    check('site_weekly_hours_weekday_check', sql`${t.weekday} between 1 and 7`),
    check('site_weekly_hours_order_check', sql`${t.opens} < ${t.closes}`),
  ],
);

export const siteHoursExceptions = pgTable(
  'site_hours_exceptions',
  {
    id: serial('id').primaryKey(),
    siteId: text('site_id')
      .notNull()
      .references(() => sites.id, { onDelete: 'cascade' }),
    date: date('date').notNull(),
    /** Null opens/closes: closed all day. One row per interval otherwise. */
    opens: time('opens'),
    closes: time('closes'),
    noteFi: text('note_fi'),
    noteSv: text('note_sv'),
    noteEn: text('note_en'),
  },
  (t) => [
    index('site_hours_exceptions_site_date_idx').on(t.siteId, t.date),
    check('site_hours_exceptions_pair_check', sql`(${t.opens} is null) = (${t.closes} is null)`),
  ],
);

/** City-configured closure days on top of public holidays (date-holidays rule syntax). */
export const closureRules = pgTable('closure_rules', {
  id: serial('id').primaryKey(),
  rule: text('rule').notNull().unique(),
  nameFi: text('name_fi').notNull(),
  nameSv: text('name_sv').notNull(),
  nameEn: text('name_en').notNull(),
});

export const topics = pgTable('topics', {
  id: text('id').primaryKey(),
  nameFi: text('name_fi').notNull(),
  nameSv: text('name_sv').notNull(),
  nameEn: text('name_en').notNull(),
  descriptionFi: text('description_fi').notNull(),
  descriptionSv: text('description_sv').notNull(),
  descriptionEn: text('description_en').notNull(),
  atFixedPoint: boolean('at_fixed_point').notNull(),
  atMobileVisit: boolean('at_mobile_visit').notNull(),
  online: boolean('online').notNull(),
  selfServiceUrlFi: text('self_service_url_fi'),
  selfServiceUrlSv: text('self_service_url_sv'),
  selfServiceUrlEn: text('self_service_url_en'),
  requiredSkill: text('required_skill'),
  sortOrder: integer('sort_order').notNull().default(0),
  illustrative: boolean('illustrative').notNull().default(false),
  updatedAt: updatedAt(),
});

export const scenarios = pgTable('scenarios', {
  id: text('id').primaryKey(),
  nameFi: text('name_fi').notNull(),
  nameSv: text('name_sv').notNull(),
  nameEn: text('name_en').notNull(),
  descriptionFi: text('description_fi').notNull().default(''),
  descriptionSv: text('description_sv').notNull().default(''),
  descriptionEn: text('description_en').notNull().default(''),
  builtin: boolean('builtin').notNull().default(false),
  /** The date the scenario is evaluated on unless another is asked for. */
  referenceDate: date('reference_date'),
  updatedAt: updatedAt(),
});

export const scenarioSites = pgTable(
  'scenario_sites',
  {
    id: serial('id').primaryKey(),
    scenarioId: text('scenario_id')
      .notNull()
      .references(() => scenarios.id, { onDelete: 'cascade' }),
    siteId: text('site_id')
      .notNull()
      .references(() => sites.id, { onDelete: 'cascade' }),
    openFrom: date('open_from'),
    openUntil: date('open_until'),
    position: integer('position').notNull().default(0),
  },
  (t) => [
    index('scenario_sites_scenario_idx').on(t.scenarioId),
    check(
      'scenario_sites_order_check',
      sql`${t.openFrom} is null or ${t.openUntil} is null or ${t.openFrom} <= ${t.openUntil}`,
    ),
  ],
);
