/** Residents' bookings of support times on visits, and how each venue offers its times. */
import { sql } from 'drizzle-orm';
import {
  check,
  index,
  pgTable,
  smallint,
  text,
  time,
  timestamp,
  unique,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { updatedAt } from './columns.ts';
import { sites, topics } from './network.ts';
import { visits } from './planning.ts';

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
