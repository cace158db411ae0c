/** Messages to residents and partners, queued with the change they tell about. */
import { sql } from 'drizzle-orm';
import { check, index, integer, pgTable, text, timestamp, unique, uuid } from 'drizzle-orm/pg-core';

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
