/**
 * The PostgreSQL schema, one definition for PGlite and a PostgreSQL server, in one file per
 * concept beside this one. Migrations in ../migrations are generated from this folder by
 * drizzle-kit (`npm run db:generate`) and reviewed like code; never edit an applied migration.
 *
 * Conventions: snake_case columns; ids from files are text, ids made here are uuid;
 * dates are `date`, wall-clock times `time`, instants `timestamptz`; resident-visible
 * names have _fi, _sv and _en columns. This file holds the columns every concept shares.
 */
import { timestamp } from 'drizzle-orm/pg-core';

export const updatedAt = () => timestamp('updated_at', { withTimezone: true }).notNull().defaultNow();
