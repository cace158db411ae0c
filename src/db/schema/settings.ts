/** City settings kept as JSON, one row per key. */
import { jsonb, pgTable, text } from 'drizzle-orm/pg-core';
import type { JsonValue } from '../json-columns.ts';
import { updatedAt } from './columns.ts';

/** Settings validated by the code that reads them (e.g. the approximate access model). */
export const settings = pgTable('settings', {
  key: text('key').primaryKey(),
  value: jsonb('value').$type<JsonValue>().notNull(),
  updatedAt: updatedAt(),
});
