import { and, desc, isNotNull, lt, sql } from 'drizzle-orm';
import type { Lang } from '../../core/i18n.ts';
import { feedback } from '../schema.ts';
import type { Db } from '../store.ts';

export interface FeedbackRow {
  readonly id: string;
  readonly lang: Lang;
  readonly page: string | null;
  readonly message: string;
  readonly replyTo: string | null;
  readonly createdAtMs: number;
}

export function createFeedbackRepository(db: Db) {
  return {
    async insertFeedback(entry: {
      lang: Lang;
      page: string | null;
      message: string;
      replyTo: string | null;
    }) {
      const [row] = await db.insert(feedback).values(entry).returning({ id: feedback.id });
      return row?.id ?? null;
    },
    async list(limit = 100): Promise<FeedbackRow[]> {
      const rows = await db.select().from(feedback).orderBy(desc(feedback.createdAt)).limit(limit);
      return rows.map((r) => ({
        id: r.id,
        lang: r.lang as Lang,
        page: r.page,
        message: r.message,
        replyTo: r.replyTo,
        createdAtMs: r.createdAt.getTime(),
      }));
    },
    /** Clears reply addresses older than the retention period; returns how many. */
    async setReplyAddressesExpired(retentionDays: number): Promise<number> {
      const rows = await db
        .update(feedback)
        .set({ replyTo: null })
        .where(
          and(
            isNotNull(feedback.replyTo),
            lt(feedback.createdAt, sql`now() - make_interval(days => ${retentionDays})`),
          ),
        )
        .returning({ id: feedback.id });
      return rows.length;
    },
  };
}
