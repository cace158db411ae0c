/**
 * Plan versions and their visits, the planning jobs that make them, and the series the
 * planner pinned. The visits are the public schedule once their plan is published.
 */
import { sql } from 'drizzle-orm';
import {
  boolean,
  check,
  date,
  doublePrecision,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  smallint,
  text,
  time,
  timestamp,
  unique,
  uuid,
} from 'drizzle-orm/pg-core';
import type { PlanChanges } from '../../core/planning/plan-diff.ts';
import type { JsonValue } from '../json-columns.ts';
import { advisors } from './advisors.ts';
import { updatedAt } from './columns.ts';
import { sites } from './network.ts';

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
    /**
     * Objective terms, notes, problems, per-district and per-advisor figures, what-ifs (the
     * planning service's `PlanSummary`).
     */
    summary: jsonb('summary').$type<JsonValue>(),
    /**
     * What publishing changes in the public schedule: kept, re-staffed and cancelled visits
     * (`PlanChanges`).
     */
    changes: jsonb('changes').$type<PlanChanges>(),
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
    /** The job as asked for (`PlanJobRequest`, parsed again when the job runs). */
    request: jsonb('request').$type<JsonValue>().notNull(),
    /** The solver's latest figures while the job runs (`JobProgress`). */
    progress: jsonb('progress').$type<JsonValue>(),
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
    /**
     * Whom the visit reaches and why it was chosen (docs/planning-model.md, explanations): core's
     * `VisitExplanation`, with fewer fields in older plans.
     */
    explanation: jsonb('explanation').$type<JsonValue>(),
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
