/** Residents' feedback from the public pages. */
import { sql } from 'drizzle-orm';
import { check, index, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

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
