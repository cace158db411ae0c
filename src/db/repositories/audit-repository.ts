import { and, desc, eq, gte, lt, sql } from 'drizzle-orm';
import { jsonObjectSchema, readJsonColumn, toJsonColumn } from '../json-columns.ts';
import { auditLog } from '../schema/staff.ts';
import type { Db } from '../store.ts';

export interface AuditEntry {
  readonly id: string;
  readonly atMs: number;
  readonly actorUserId: string | null;
  readonly actorEmail: string | null;
  readonly action: string;
  readonly targetType: string | null;
  readonly targetId: string | null;
  readonly details: Readonly<Record<string, unknown>> | null;
}

export interface AuditFilter {
  readonly action?: string;
  /** From this instant (inclusive) … */
  readonly fromMs?: number;
  /** … to this one (exclusive). */
  readonly toMs?: number;
  readonly actorUserId?: string;
}

export function createAuditRepository(db: Db) {
  return {
    async insertEntry(entry: Omit<AuditEntry, 'id'>): Promise<void> {
      await db.insert(auditLog).values({
        at: new Date(entry.atMs),
        actorUserId: entry.actorUserId,
        actorEmail: entry.actorEmail,
        action: entry.action,
        targetType: entry.targetType,
        targetId: entry.targetId,
        details: entry.details ? toJsonColumn('audit_log.details', entry.details, jsonObjectSchema) : null,
      });
    },

    /** One page of entries, newest first, with how many match in all. */
    async search(
      filter: AuditFilter,
      page: { offset: number; limit: number },
    ): Promise<{ items: AuditEntry[]; total: number }> {
      const conditions = [
        filter.action ? eq(auditLog.action, filter.action) : undefined,
        filter.actorUserId ? eq(auditLog.actorUserId, filter.actorUserId) : undefined,
        filter.fromMs !== undefined ? gte(auditLog.at, new Date(filter.fromMs)) : undefined,
        filter.toMs !== undefined ? lt(auditLog.at, new Date(filter.toMs)) : undefined,
      ].filter((c) => c !== undefined);
      const where = conditions.length > 0 ? and(...conditions) : undefined;
      const rows = await db
        .select()
        .from(auditLog)
        .where(where)
        .orderBy(desc(auditLog.at), desc(auditLog.id))
        .offset(page.offset)
        .limit(page.limit);
      const [count] = await db.select({ n: sql<number>`count(*)::int` }).from(auditLog).where(where);
      return {
        items: rows.map((r) => ({
          id: r.id,
          atMs: r.at.getTime(),
          actorUserId: r.actorUserId,
          actorEmail: r.actorEmail,
          action: r.action,
          targetType: r.targetType,
          targetId: r.targetId,
          details:
            r.details === null ? null : readJsonColumn('audit_log.details', jsonObjectSchema, r.details),
        })),
        total: count?.n ?? 0,
      };
    },

    /** The actions that occur in the log, for the page's filter. */
    async actions(): Promise<string[]> {
      const rows = await db
        .selectDistinct({ action: auditLog.action })
        .from(auditLog)
        .orderBy(auditLog.action);
      return rows.map((r) => r.action);
    },
  };
}
