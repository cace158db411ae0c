/** What travel times rest on: transit stations and stored travel-time matrices. */
import { sql } from 'drizzle-orm';
import {
  boolean,
  check,
  date,
  doublePrecision,
  pgTable,
  primaryKey,
  real,
  text,
  timestamp,
} from 'drizzle-orm/pg-core';

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
