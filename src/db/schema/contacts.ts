/** The anonymous contact log the advisors keep (codes only, nothing that names a resident). */
import { sql } from 'drizzle-orm';
import { check, index, integer, pgTable, text, timestamp, unique, uuid } from 'drizzle-orm/pg-core';
import { advisors } from './advisors.ts';
import { sites } from './network.ts';
import { visits } from './planning.ts';
import { staffUsers } from './staff.ts';

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
