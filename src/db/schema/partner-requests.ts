/** Partner organisations' requests for a visit, followed by a secret link. */
import { sql } from 'drizzle-orm';
import {
  check,
  date,
  index,
  integer,
  pgTable,
  smallint,
  text,
  timestamp,
  unique,
  uuid,
} from 'drizzle-orm/pg-core';
import { updatedAt } from './columns.ts';
import { sites } from './network.ts';
import { staffUsers } from './staff.ts';

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
