import { and, desc, eq, gte, ilike, isNotNull, lt, sql } from 'drizzle-orm';
import type { Lang } from '../../core/i18n.ts';
import { feedback } from '../schema/feedback.ts';
import type { Db } from '../store.ts';

/** One resident's feedback as the staff page lists it. */
export interface FeedbackEntry {
  readonly id: string;
  readonly lang: Lang;
  readonly page: string | null;
  readonly message: string;
  readonly replyTo: string | null;
  readonly createdAtMs: number;
}

export interface FeedbackFilter {
  readonly lang?: Lang;
  /** Words in the message (case-insensitive). */
  readonly text?: string;
  readonly fromMs?: number;
  readonly toMs?: number;
}

export function createFeedbackRepository(db: Db) {
  /** One page of feedback, newest first, with how many match in all. */
  async function search(
    filter: FeedbackFilter,
    page: { offset: number; limit: number },
  ): Promise<{ items: FeedbackEntry[]; total: number }> {
    const conditions = [
      filter.lang ? eq(feedback.lang, filter.lang) : undefined,
      filter.text
        ? ilike(feedback.message, `%${filter.text.replace(/[\\%_]/g, (m) => `\\${m}`)}%`)
        : undefined,
      filter.fromMs !== undefined ? gte(feedback.createdAt, new Date(filter.fromMs)) : undefined,
      filter.toMs !== undefined ? lt(feedback.createdAt, new Date(filter.toMs)) : undefined,
    ].filter((c) => c !== undefined);
    const where = conditions.length > 0 ? and(...conditions) : undefined;
    const rows = await db
      .select()
      .from(feedback)
      .where(where)
      .orderBy(desc(feedback.createdAt), desc(feedback.id))
      .offset(page.offset)
      .limit(page.limit);
    const [count] = await db.select({ n: sql<number>`count(*)::int` }).from(feedback).where(where);
    return {
      items: rows.map((r) => ({
        id: r.id,
        lang: r.lang as Lang,
        page: r.page,
        message: r.message,
        replyTo: r.replyTo,
        createdAtMs: r.createdAt.getTime(),
      })),
      total: count?.n ?? 0,
    };
  }

  return {
    search,
    async insertFeedback(entry: {
      lang: Lang;
      page: string | null;
      message: string;
      replyTo: string | null;
    }) {
      const [row] = await db.insert(feedback).values(entry).returning({ id: feedback.id });
      return row?.id ?? null;
    },
    async list(limit = 100): Promise<FeedbackEntry[]> {
      return (await search({}, { offset: 0, limit })).items;
    },

    /** Deletes feedback that arrived more than `days` ago (by the database's clock); returns how many. */
    async deleteOlderThan(days: number): Promise<number> {
      const rows = await db
        .delete(feedback)
        .where(lt(feedback.createdAt, sql`now() - make_interval(days => ${days})`))
        .returning({ id: feedback.id });
      return rows.length;
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
