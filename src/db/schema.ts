/**
 * The PostgreSQL schema, one definition for PGlite and a PostgreSQL server.
 * Migrations in ./migrations are generated from this file by drizzle-kit
 * (`npm run db:generate`) and reviewed like code; never edit an applied migration.
 *
 * Conventions: snake_case columns; ids from files are text, ids made here are uuid;
 * dates are `date`, wall-clock times `time`, instants `timestamptz`; resident-visible
 * names have _fi, _sv and _en columns.
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
  primaryKey,
  real,
  serial,
  smallint,
  text,
  time,
  timestamp,
  unique,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import type { AreaGeometry } from '../core/geo/geo.ts';

const updatedAt = () => timestamp('updated_at', { withTimezone: true }).notNull().defaultNow();

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

export const advisors = pgTable(
  'advisors',
  {
    id: text('id').primaryKey(),
    displayName: text('display_name').notNull(),
    languages: text('languages').array().notNull(),
    skills: text('skills').array().notNull(),
    contractedMinutesPerWeek: integer('contracted_minutes_per_week').notNull(),
    maxVisitsPerDay: integer('max_visits_per_day').notNull().default(2),
    homeSiteId: text('home_site_id').references(() => sites.id, { onDelete: 'set null' }),
    active: boolean('active').notNull().default(true),
    illustrative: boolean('illustrative').notNull().default(false),
    updatedAt: updatedAt(),
  },
  (t) => [
    check('advisors_minutes_check', sql`${t.contractedMinutesPerWeek} between 0 and 3600`),
    check('advisors_visits_check', sql`${t.maxVisitsPerDay} between 0 and 10`),
  ],
);

export const advisorAvailability = pgTable(
  'advisor_availability',
  {
    id: serial('id').primaryKey(),
    advisorId: text('advisor_id')
      .notNull()
      .references(() => advisors.id, { onDelete: 'cascade' }),
    weekday: smallint('weekday').notNull(),
    start: time('start').notNull(),
    end: time('end').notNull(),
  },
  (t) => [
    index('advisor_availability_advisor_idx').on(t.advisorId),
    check('advisor_availability_weekday_check', sql`${t.weekday} between 1 and 7`),
  ],
);

export const advisorAbsences = pgTable(
  'advisor_absences',
  {
    id: serial('id').primaryKey(),
    advisorId: text('advisor_id')
      .notNull()
      .references(() => advisors.id, { onDelete: 'cascade' }),
    fromDate: date('from_date').notNull(),
    toDate: date('to_date').notNull(),
    kind: text('kind').notNull(),
  },
  (t) => [
    index('advisor_absences_advisor_idx').on(t.advisorId),
    check('advisor_absences_order_check', sql`${t.fromDate} <= ${t.toDate}`),
    check('advisor_absences_kind_check', sql`${t.kind} in ('leave', 'sick', 'training', 'other')`),
  ],
);

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

export const plans = pgTable(
  'plans',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    horizonFrom: date('horizon_from').notNull(),
    horizonTo: date('horizon_to').notNull(),
    status: text('status').notNull().default('draft'),
    solver: text('solver'),
    objective: doublePrecision('objective'),
    bound: doublePrecision('bound'),
    gap: doublePrecision('gap'),
    optimal: boolean('optimal'),
    seconds: doublePrecision('seconds'),
    /** `plan` (a new schedule) or `repair` (a minimal change to the published one). */
    kind: text('kind').notNull().default('plan'),
    scenarioId: text('scenario_id'),
    /** Objective terms, notes, problems, per-district and per-advisor figures, what-ifs. */
    summary: jsonb('summary'),
    /** What publishing changes in the public schedule: kept, re-staffed and cancelled visits. */
    changes: jsonb('changes'),
    createdBy: text('created_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    publishedAt: timestamp('published_at', { withTimezone: true }),
  },
  (t) => [
    check('plans_status_check', sql`${t.status} in ('draft', 'published', 'superseded')`),
    check('plans_kind_check', sql`${t.kind} in ('plan', 'repair')`),
  ],
);

/**
 * Planning runs as jobs: any neuvo process claims a queued job (FOR UPDATE SKIP LOCKED), runs
 * it and writes its plan in one transaction; progress and a heartbeat are written as it goes.
 */
export const planJobs = pgTable(
  'plan_jobs',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    kind: text('kind').notNull(),
    status: text('status').notNull().default('queued'),
    request: jsonb('request').notNull(),
    progress: jsonb('progress'),
    planId: uuid('plan_id').references(() => plans.id, { onDelete: 'set null' }),
    error: text('error'),
    attempts: integer('attempts').notNull().default(0),
    cancelRequested: boolean('cancel_requested').notNull().default(false),
    createdBy: text('created_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    startedAt: timestamp('started_at', { withTimezone: true }),
    finishedAt: timestamp('finished_at', { withTimezone: true }),
    heartbeatAt: timestamp('heartbeat_at', { withTimezone: true }),
  },
  (t) => [
    index('plan_jobs_status_idx').on(t.status, t.createdAt),
    check('plan_jobs_kind_check', sql`${t.kind} in ('plan', 'repair')`),
    check(
      'plan_jobs_status_check',
      sql`${t.status} in ('queued', 'running', 'succeeded', 'failed', 'cancelled')`,
    ),
  ],
);

/**
 * Series the planner pinned: one weekday and time block at a venue, every week or every other
 * week (counted from `since`), kept by every new plan from `since` on. One pin per series.
 */
export const seriesPins = pgTable(
  'series_pins',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    venueId: text('venue_id')
      .notNull()
      .references(() => sites.id, { onDelete: 'cascade' }),
    /** ISO weekday, Monday = 1; working days only. */
    weekday: smallint('weekday').notNull(),
    start: time('start').notNull(),
    end: time('end').notNull(),
    /** 1: every week; 2: every other week. */
    every: smallint('every').notNull(),
    since: date('since').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    unique('series_pins_series_unique').on(t.venueId, t.weekday, t.start, t.end),
    check('series_pins_weekday_check', sql`${t.weekday} between 1 and 5`),
    check('series_pins_every_check', sql`${t.every} in (1, 2)`),
    check('series_pins_order_check', sql`${t.start} < ${t.end}`),
  ],
);

export const visits = pgTable(
  'visits',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    planId: uuid('plan_id')
      .notNull()
      .references(() => plans.id, { onDelete: 'cascade' }),
    venueId: text('venue_id')
      .notNull()
      .references(() => sites.id, { onDelete: 'restrict' }),
    date: date('date').notNull(),
    start: time('start').notNull(),
    end: time('end').notNull(),
    status: text('status').notNull().default('planned'),
    cancelReason: text('cancel_reason'),
    cancelNoteFi: text('cancel_note_fi'),
    cancelNoteSv: text('cancel_note_sv'),
    cancelNoteEn: text('cancel_note_en'),
    /** Whom the visit reaches and why it was chosen (docs/planning-model.md, explanations). */
    explanation: jsonb('explanation'),
    /** Booking overrides for this visit (null: the venue's rule or the city's default). */
    slotMinutes: smallint('slot_minutes'),
    walkInPercent: smallint('walk_in_percent'),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('visits_date_idx').on(t.date),
    index('visits_plan_idx').on(t.planId),
    check('visits_status_check', sql`${t.status} in ('planned', 'published', 'cancelled')`),
    check('visits_order_check', sql`${t.start} < ${t.end}`),
    check('visits_cancel_check', sql`(${t.status} = 'cancelled') = (${t.cancelReason} is not null)`),
  ],
);

export const visitAdvisors = pgTable(
  'visit_advisors',
  {
    visitId: uuid('visit_id')
      .notNull()
      .references(() => visits.id, { onDelete: 'cascade' }),
    advisorId: text('advisor_id')
      .notNull()
      .references(() => advisors.id, { onDelete: 'restrict' }),
    /** When the advisor actually arrived and left (the advisor app's check-in and check-out). */
    checkedInAt: timestamp('checked_in_at', { withTimezone: true }),
    checkedOutAt: timestamp('checked_out_at', { withTimezone: true }),
  },
  (t) => [
    primaryKey({ columns: [t.visitId, t.advisorId] }),
    index('visit_advisors_advisor_idx').on(t.advisorId),
  ],
);

/**
 * Anonymous contact log: one row per resident helped, made by an advisor in a few taps. No
 * column can hold a name, identity number, contact details or free text; every value is a
 * code from a fixed list. `client_id` is made by the advisor's device, so a sync replayed after
 * a lost connection never adds a second row.
 */
export const contacts = pgTable(
  'contacts',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    clientId: uuid('client_id').notNull(),
    /** When the contact happened (the device's clock), and when the server stored it. */
    loggedAt: timestamp('logged_at', { withTimezone: true }).notNull(),
    recordedAt: timestamp('recorded_at', { withTimezone: true }).notNull().defaultNow(),
    /** The staff member who logged it (their own entries; reports aggregate over everyone). */
    staffUserId: uuid('staff_user_id').references(() => staffUsers.id, { onDelete: 'set null' }),
    advisorId: text('advisor_id').references(() => advisors.id, { onDelete: 'set null' }),
    channel: text('channel').notNull(),
    visitId: uuid('visit_id').references(() => visits.id, { onDelete: 'set null' }),
    siteId: text('site_id').references(() => sites.id, { onDelete: 'set null' }),
    topicIds: text('topic_ids').array().notNull(),
    language: text('language').notNull(),
    ageBand: text('age_band').notNull(),
    /** Target groups the advisor marked (codes of the city's groups). */
    groups: text('groups').array().notNull(),
    durationMinutes: integer('duration_minutes'),
    outcome: text('outcome').notNull(),
    referredTo: text('referred_to'),
  },
  (t) => [
    unique('contacts_client_id_unique').on(t.clientId),
    index('contacts_logged_at_idx').on(t.loggedAt),
    index('contacts_staff_user_idx').on(t.staffUserId, t.loggedAt),
    check('contacts_channel_check', sql`${t.channel} in ('walk-in', 'booked')`),
    check('contacts_outcome_check', sql`${t.outcome} in ('solved', 'referred', 'follow-up')`),
    check('contacts_referred_check', sql`(${t.outcome} = 'referred') = (${t.referredTo} is not null)`),
    check(
      'contacts_age_band_check',
      sql`${t.ageBand} in ('under-30', '30-64', '65-74', '75-plus', 'unknown')`,
    ),
    check(
      'contacts_duration_check',
      sql`${t.durationMinutes} is null or ${t.durationMinutes} between 0 and 600`,
    ),
  ],
);

/**
 * How a venue's visits are offered for booking (absent: the city's defaults in the setting
 * `booking.defaults`). A visit may override both values in its own columns.
 */
export const venueBookingRules = pgTable(
  'venue_booking_rules',
  {
    venueId: text('venue_id')
      .primaryKey()
      .references(() => sites.id, { onDelete: 'cascade' }),
    /** Length of one bookable time. */
    slotMinutes: smallint('slot_minutes').notNull(),
    /** Per cent of the visit's times kept for walk-ins (not bookable); 100 = no bookings. */
    walkInPercent: smallint('walk_in_percent').notNull(),
  },
  (t) => [
    check('venue_booking_rules_slot_check', sql`${t.slotMinutes} between 10 and 120`),
    check('venue_booking_rules_walk_in_check', sql`${t.walkInPercent} between 0 and 100`),
  ],
);

/**
 * Booked support times. One row per booked seat: a slot of a visit has one seat per advisor on
 * the visit, and the partial unique index makes a seat impossible to take twice whatever the
 * application does. Only the fields the booking form asks for are kept; `first_name`, `contact`
 * and `token_hash` are erased after `erase_after` (retention), leaving an anonymous row that
 * still counts in the statistics.
 */
export const bookings = pgTable(
  'bookings',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    visitId: uuid('visit_id')
      .notNull()
      .references(() => visits.id, { onDelete: 'cascade' }),
    /** 1 … the number of advisors on the visit. */
    seat: smallint('seat').notNull(),
    start: time('start').notNull(),
    end: time('end').notNull(),
    status: text('status').notNull().default('booked'),
    /** Who cancelled: the resident (by the link), the visit's cancellation, or staff. */
    cancelledBy: text('cancelled_by'),
    /** Short code the resident can read out to an advisor or the customer service. */
    referenceCode: text('reference_code').notNull(),
    /** SHA-256 of the booking's secret link token; null once erased. */
    tokenHash: text('token_hash'),
    topicId: text('topic_id').references(() => topics.id, { onDelete: 'set null' }),
    /** Language the resident wants to be served in (any code the service offers). */
    language: text('language').notNull(),
    /** 'interpreter', 'accessibility'. */
    needs: text('needs').array().notNull().default(sql`'{}'::text[]`),
    /** The page language (fi, sv, en): every message to the booker is in it. */
    lang: text('lang').notNull(),
    firstName: text('first_name'),
    contact: text('contact'),
    contactKind: text('contact_kind'),
    remindedAt: timestamp('reminded_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: updatedAt(),
    /** When the personal fields are erased (the visit's date + the retention period). */
    eraseAfter: timestamp('erase_after', { withTimezone: true }).notNull(),
    erasedAt: timestamp('erased_at', { withTimezone: true }),
  },
  (t) => [
    unique('bookings_reference_unique').on(t.referenceCode),
    unique('bookings_token_unique').on(t.tokenHash),
    uniqueIndex('bookings_seat_unique').on(t.visitId, t.start, t.seat).where(sql`${t.status} <> 'cancelled'`),
    index('bookings_visit_idx').on(t.visitId),
    index('bookings_erase_after_idx').on(t.eraseAfter),
    check('bookings_status_check', sql`${t.status} in ('booked', 'cancelled', 'attended', 'no-show')`),
    check(
      'bookings_cancelled_by_check',
      sql`(${t.status} = 'cancelled') = (${t.cancelledBy} is not null) and (${t.cancelledBy} is null or ${t.cancelledBy} in ('resident', 'visit', 'staff'))`,
    ),
    check('bookings_seat_check', sql`${t.seat} >= 1`),
    check('bookings_order_check', sql`${t.start} < ${t.end}`),
    check('bookings_lang_check', sql`${t.lang} in ('fi', 'sv', 'en')`),
    check('bookings_needs_check', sql`${t.needs} <@ array['interpreter', 'accessibility']::text[]`),
    check(
      'bookings_contact_check',
      sql`(${t.contact} is null) = (${t.contactKind} is null) and (${t.contactKind} is null or ${t.contactKind} in ('email', 'phone'))`,
    ),
    check(
      'bookings_lengths_check',
      sql`char_length(${t.firstName}) <= 60 and char_length(${t.contact}) <= 254 and char_length(${t.language}) <= 12`,
    ),
  ],
);

/**
 * Messages to residents and partners (transactional outbox): written in the same transaction
 * as the change they tell about, delivered afterwards by the configured driver (SMTP e-mail,
 * or the local log). `dedupe_key` makes a reminder or notice impossible to queue twice. The
 * recipient and text are erased once the message is delivered or given up.
 */
export const outboxMessages = pgTable(
  'outbox_messages',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    dedupeKey: text('dedupe_key').notNull(),
    /** What it tells: booking-confirmed, booking-reminder, booking-cancelled, request-status … */
    kind: text('kind').notNull(),
    channel: text('channel').notNull(),
    lang: text('lang').notNull(),
    recipient: text('recipient'),
    subject: text('subject'),
    body: text('body'),
    status: text('status').notNull().default('pending'),
    attempts: integer('attempts').notNull().default(0),
    /** Why the last attempt failed (no personal data). */
    lastError: text('last_error'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    nextAttemptAt: timestamp('next_attempt_at', { withTimezone: true }).notNull().defaultNow(),
    sentAt: timestamp('sent_at', { withTimezone: true }),
  },
  (t) => [
    unique('outbox_messages_dedupe_unique').on(t.dedupeKey),
    index('outbox_messages_pending_idx').on(t.status, t.nextAttemptAt),
    check('outbox_messages_channel_check', sql`${t.channel} in ('email', 'sms')`),
    check('outbox_messages_lang_check', sql`${t.lang} in ('fi', 'sv', 'en')`),
    check('outbox_messages_status_check', sql`${t.status} in ('pending', 'sent', 'failed', 'undeliverable')`),
  ],
);

/**
 * Partner organisations' requests for a visit of the mobile service. The partner follows its
 * request by a secret link (only its hash is kept). An accepted request names the venue and
 * priority the planner gave it and becomes a soft constraint of every new plan in its weeks.
 */
export const partnerRequests = pgTable(
  'partner_requests',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    referenceCode: text('reference_code').notNull(),
    tokenHash: text('token_hash'),
    status: text('status').notNull().default('new'),
    lang: text('lang').notNull(),
    organisation: text('organisation').notNull(),
    contactName: text('contact_name'),
    contact: text('contact'),
    contactKind: text('contact_kind'),
    /** A known venue, or a free address when the partner's premises are not one yet. */
    venueId: text('venue_id').references(() => sites.id, { onDelete: 'set null' }),
    address: text('address'),
    weeksFrom: date('weeks_from'),
    weeksTo: date('weeks_to'),
    /** ISO weekdays 1–5 the partner prefers (empty: any). */
    weekdays: smallint('weekdays').array().notNull().default(sql`'{}'::smallint[]`),
    /** A planning time block id (empty: any time). */
    blockId: text('block_id'),
    audience: text('audience'),
    audienceSize: integer('audience_size'),
    languages: text('languages').array().notNull().default(sql`'{}'::text[]`),
    message: text('message'),
    /** Set by the planner when accepting: the venue the visit goes to and its priority 1–3. */
    plannedVenueId: text('planned_venue_id').references(() => sites.id, { onDelete: 'restrict' }),
    priority: smallint('priority'),
    /** The planner's answer or question, shown to the partner by the status link. */
    reply: text('reply'),
    decidedBy: uuid('decided_by').references(() => staffUsers.id, { onDelete: 'set null' }),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: updatedAt(),
    eraseAfter: timestamp('erase_after', { withTimezone: true }).notNull(),
    erasedAt: timestamp('erased_at', { withTimezone: true }),
  },
  (t) => [
    unique('partner_requests_reference_unique').on(t.referenceCode),
    unique('partner_requests_token_unique').on(t.tokenHash),
    index('partner_requests_status_idx').on(t.status, t.createdAt),
    check('partner_requests_status_check', sql`${t.status} in ('new', 'accepted', 'declined', 'question')`),
    check('partner_requests_lang_check', sql`${t.lang} in ('fi', 'sv', 'en')`),
    check(
      'partner_requests_accepted_check',
      sql`(${t.status} = 'accepted') = (${t.plannedVenueId} is not null and ${t.priority} is not null)`,
    ),
    check('partner_requests_priority_check', sql`${t.priority} is null or ${t.priority} between 1 and 3`),
    check(
      'partner_requests_weeks_check',
      sql`${t.weeksFrom} is null or ${t.weeksTo} is null or ${t.weeksFrom} <= ${t.weeksTo}`,
    ),
    check('partner_requests_weekdays_check', sql`${t.weekdays} <@ array[1, 2, 3, 4, 5]::smallint[]`),
    check(
      'partner_requests_contact_check',
      sql`${t.contactKind} is null or ${t.contactKind} in ('email', 'phone')`,
    ),
  ],
);

/** Rail and metro stations, used by the approximate public-transport model. */
export const transitStations = pgTable(
  'transit_stations',
  {
    id: text('id').primaryKey(),
    nameFi: text('name_fi').notNull(),
    nameSv: text('name_sv').notNull(),
    mode: text('mode').notNull(),
    opened: date('opened'),
    lat: doublePrecision('lat').notNull(),
    lon: doublePrecision('lon').notNull(),
    source: text('source').notNull().default(''),
  },
  (t) => [check('transit_stations_mode_check', sql`${t.mode} in ('metro', 'rail', 'tram', 'bus-terminal')`)],
);

/** Settings validated by the code that reads them (e.g. the approximate access model). */
export const settings = pgTable('settings', {
  key: text('key').primaryKey(),
  value: jsonb('value').notNull(),
  updatedAt: updatedAt(),
});

/** Imported or computed travel-time matrices; the newest one with a mode answers that mode. */
export const travelTimeMatrices = pgTable('travel_time_matrices', {
  id: text('id').primaryKey(),
  description: text('description').notNull().default(''),
  /** Where it came from: `neuvo`, `ttm2018`, `ttm2023`, `gtfs:<file>`. */
  source: text('source').notNull(),
  approximate: boolean('approximate').notNull().default(false),
  modes: text('modes').array().notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

export const travelTimes = pgTable(
  'travel_times',
  {
    matrixId: text('matrix_id')
      .notNull()
      .references(() => travelTimeMatrices.id, { onDelete: 'cascade' }),
    mode: text('mode').notNull(),
    originId: text('origin_id').notNull(),
    destinationId: text('destination_id').notNull(),
    /** Null: not reachable. */
    minutes: real('minutes'),
  },
  (t) => [primaryKey({ columns: [t.matrixId, t.mode, t.originId, t.destinationId] })],
);

/** Staff who log in: planners, advisors, administrators. Residents never have accounts. */
export const staffUsers = pgTable(
  'staff_users',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    email: text('email').notNull(),
    displayName: text('display_name').notNull(),
    /** `scrypt$N$r$p$salt$hash`, base64url parts; null for an account that signs in only through OpenID Connect. */
    passwordHash: text('password_hash'),
    roles: text('roles').array().notNull(),
    active: boolean('active').notNull().default(true),
    /** The advisor record this account works as (its visits, its contacts), if any. */
    advisorId: text('advisor_id').references(() => advisors.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    lastSignInAt: timestamp('last_sign_in_at', { withTimezone: true }),
  },
  (t) => [
    unique('staff_users_email_unique').on(t.email),
    unique('staff_users_advisor_unique').on(t.advisorId),
  ],
);

/** An OpenID Connect identity (issuer and subject) linked to a staff account. */
export const staffIdentities = pgTable(
  'staff_identities',
  {
    issuer: text('issuer').notNull(),
    subject: text('subject').notNull(),
    userId: uuid('user_id')
      .notNull()
      .references(() => staffUsers.id, { onDelete: 'cascade' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.issuer, t.subject] }), index('staff_identities_user_idx').on(t.userId)],
);

/**
 * Who did what when, for staff actions (sign-ins, plan jobs, publishing, staff changes, series
 * pins, contacts logged): what information-management law expects of a public authority. Rows
 * name the staff member and the target's id, never a resident.
 */
export const auditLog = pgTable(
  'audit_log',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
    /** The staff member, and their e-mail at the time (kept when the account is removed). */
    actorUserId: uuid('actor_user_id').references(() => staffUsers.id, { onDelete: 'set null' }),
    actorEmail: text('actor_email'),
    /** A dotted verb: `auth.sign-in`, `plan.publish`, `staff.update`, `contact.create`, … */
    action: text('action').notNull(),
    /** The kind and id of what the action was on (`plan`, `visit`, `staff-user`, …). */
    targetType: text('target_type'),
    targetId: text('target_id'),
    /** Codes and ids only (never free text a resident wrote). */
    details: jsonb('details'),
  },
  (t) => [
    index('audit_log_at_idx').on(t.at),
    index('audit_log_actor_idx').on(t.actorUserId, t.at),
    index('audit_log_action_idx').on(t.action, t.at),
  ],
);

/**
 * Browsers a staff member has signed in with (the `neuvo_device` cookie holds a random token,
 * the table its SHA-256): evidence that lets the real user past an attack on the account.
 */
export const staffDevices = pgTable(
  'staff_devices',
  {
    tokenHash: text('token_hash').primaryKey(),
    userId: uuid('user_id')
      .notNull()
      .references(() => staffUsers.id, { onDelete: 'cascade' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    lastUsedAt: timestamp('last_used_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('staff_devices_user_idx').on(t.userId)],
);

/**
 * Sign-in attempts since the last success, per account (its e-mail, known or not) and per
 * client address, both as SHA-256 so no address or typed e-mail is kept in the clear. Every
 * server process counts in the same rows (see services/auth/throttle.ts).
 */
export const loginThrottle = pgTable('login_throttle', {
  key: text('key').primaryKey(),
  failures: integer('failures').notNull(),
  lastAt: timestamp('last_at', { withTimezone: true }).notNull(),
});

/** Requests per client (hashed address) and limit in the current window, for the rate limits. */
export const rateCounters = pgTable(
  'rate_counters',
  {
    key: text('key').primaryKey(),
    windowStart: timestamp('window_start', { withTimezone: true }).notNull(),
    count: integer('count').notNull(),
  },
  (t) => [index('rate_counters_window_idx').on(t.windowStart)],
);

/** Login sessions; the cookie holds a random token, the table only its SHA-256. */
export const sessions = pgTable(
  'sessions',
  {
    tokenHash: text('token_hash').primaryKey(),
    userId: uuid('user_id')
      .notNull()
      .references(() => staffUsers.id, { onDelete: 'cascade' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    /** The last request with this session (updated at most once a minute); the idle timeout counts from it. */
    lastSeenAt: timestamp('last_seen_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('sessions_expires_idx').on(t.expiresAt), index('sessions_user_idx').on(t.userId)],
);

/**
 * Residents' feedback on the public pages (the channel law 306/2019 requires). The reply
 * address is optional and cleared after its retention period; nothing else identifies anyone.
 */
export const feedback = pgTable(
  'feedback',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    lang: text('lang').notNull(),
    page: text('page'),
    message: text('message').notNull(),
    replyTo: text('reply_to'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('feedback_created_idx').on(t.createdAt),
    check('feedback_lang_check', sql`${t.lang} in ('fi', 'sv', 'en')`),
    check('feedback_message_length_check', sql`char_length(${t.message}) between 1 and 4000`),
  ],
);
