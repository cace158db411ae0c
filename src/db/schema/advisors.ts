/** The mobile service's advisors: skills and languages, weekly availability, absences. */
import { sql } from 'drizzle-orm';
import {
  boolean,
  check,
  date,
  index,
  integer,
  pgTable,
  serial,
  smallint,
  text,
  time,
} from 'drizzle-orm/pg-core';
import { updatedAt } from './columns.ts';
import { sites } from './network.ts';

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
