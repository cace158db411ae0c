/**
 * The outbox of messages to residents and partners (migration 0010): a service queues a message
 * in the same transaction as the change it tells about (`tx.outbox.enqueue`), so a message exists
 * if and only if that change was committed; the dispatcher (src/services/notify) delivers it
 * afterwards. `dedupe_key` is unique: queuing one notice or reminder twice adds nothing.
 *
 * Claiming is safe with several server processes: `claimDue` locks due rows with
 * `FOR UPDATE SKIP LOCKED` and, in the same statement, moves their `next_attempt_at` a lease ahead,
 * so no other process sees them as due while one delivers them. A process that dies while
 * delivering leaves its messages to be claimed again once the lease has passed.
 *
 * The recipient, subject and body are personal data: they are erased as soon as a message is
 * sent or given up (failed, undeliverable). For a message that is no longer pending,
 * `next_attempt_at` (or `sent_at`) is when it was finished; `deleteOlderThan` removes finished rows.
 */
import { and, asc, eq, inArray, like, lte, ne, sql } from 'drizzle-orm';
import type { Lang } from '../../core/i18n.ts';
import { outboxMessages } from '../schema/outbox.ts';
import type { Db } from '../store.ts';

export type OutboxChannel = 'email' | 'sms';
export type OutboxStatus = 'pending' | 'sent' | 'failed' | 'undeliverable';

/** Failed deliveries after which a message is given up ('failed'): the first try and four retries. */
export const OUTBOX_MAX_ATTEMPTS = 5;
/** How long a claimed message stays out of other processes' reach while one delivers it. */
export const OUTBOX_LEASE_MS = 10 * 60_000;
/** `last_error` is cut to this length (it names an error's kind, never a recipient or text). */
const ERROR_MAX_LENGTH = 200;

export interface NewOutboxMessage {
  /** Unique per message: a second enqueue with the same key adds nothing (`booking:<id>:reminder`). */
  readonly dedupeKey: string;
  /** What it tells: booking-confirmed, booking-reminder, booking-cancelled, request-status … */
  readonly kind: string;
  readonly channel: OutboxChannel;
  /** The language the text is written in (the booker's). */
  readonly lang: Lang;
  /** An e-mail address or a phone number. */
  readonly recipient: string;
  readonly subject: string;
  readonly body: string;
  /** Not delivered before this instant (a reminder); unset: as soon as possible. */
  readonly sendAfterMs?: number;
}

export interface OutboxMessage {
  readonly id: string;
  readonly dedupeKey: string;
  readonly kind: string;
  readonly channel: OutboxChannel;
  readonly lang: Lang;
  /** Null once the message was sent or given up. */
  readonly recipient: string | null;
  readonly subject: string | null;
  readonly body: string | null;
  readonly status: OutboxStatus;
  readonly attempts: number;
  readonly lastError: string | null;
  readonly createdAtMs: number;
  readonly nextAttemptAtMs: number;
  readonly sentAtMs: number | null;
}

export interface OutboxFilter {
  readonly status?: OutboxStatus;
  readonly kind?: string;
  readonly dedupeKey?: string;
  /** Keys starting with this (`booking:<id>:`). */
  readonly dedupeKeyPrefix?: string;
  readonly limit?: number;
}

const messageOf = (r: typeof outboxMessages.$inferSelect): OutboxMessage => ({
  id: r.id,
  dedupeKey: r.dedupeKey,
  kind: r.kind,
  channel: r.channel as OutboxChannel,
  lang: r.lang as Lang,
  recipient: r.recipient,
  subject: r.subject,
  body: r.body,
  status: r.status as OutboxStatus,
  attempts: r.attempts,
  lastError: r.lastError,
  createdAtMs: r.createdAt.getTime(),
  nextAttemptAtMs: r.nextAttemptAt.getTime(),
  sentAtMs: r.sentAt?.getTime() ?? null,
});

/** The personal fields, cleared. */
const ERASED = { recipient: null, subject: null, body: null } as const;

export function createOutboxRepository(db: Db) {
  return {
    /**
     * Queues a message (`insert … on conflict (dedupe_key) do nothing`); true when a row was
     * added, false when one with this key exists already (also one a concurrent transaction
     * committed). Call it inside the transaction of the change the message tells about.
     */
    async enqueue(m: NewOutboxMessage): Promise<boolean> {
      const rows = await db
        .insert(outboxMessages)
        .values({
          dedupeKey: m.dedupeKey,
          kind: m.kind,
          channel: m.channel,
          lang: m.lang,
          recipient: m.recipient,
          subject: m.subject,
          body: m.body,
          // Without a time it is due at once by any clock (the app's clock may differ from the database's).
          nextAttemptAt: new Date(m.sendAfterMs ?? 0),
        })
        .onConflictDoNothing({ target: outboxMessages.dedupeKey })
        .returning({ id: outboxMessages.id });
      return rows.length > 0;
    },

    /**
     * Claims up to `limit` pending messages due at `nowMs` (oldest due first) for this process:
     * locks them (`FOR UPDATE SKIP LOCKED`, so concurrent claims skip them instead of waiting) and
     * moves their next attempt `leaseMs` ahead in the same statement, so no other process claims
     * them while this one delivers. The outer condition is checked again on the row's latest
     * version, so a row another process claimed in the meantime is never returned twice.
     */
    async claimDue(
      nowMs: number,
      limit: number,
      leaseMs: number = OUTBOX_LEASE_MS,
    ): Promise<OutboxMessage[]> {
      const now = new Date(nowMs);
      const due = and(eq(outboxMessages.status, 'pending'), lte(outboxMessages.nextAttemptAt, now));
      const rows = await db
        .update(outboxMessages)
        .set({ nextAttemptAt: new Date(nowMs + leaseMs) })
        .where(
          and(
            due,
            inArray(
              outboxMessages.id,
              sql`(select ${outboxMessages.id} from ${outboxMessages} where ${due}
                   order by ${outboxMessages.nextAttemptAt}, ${outboxMessages.createdAt}
                   limit ${Math.max(0, Math.floor(limit))} for update skip locked)`,
            ),
          ),
        )
        .returning();
      return rows.map(messageOf).sort((a, b) => a.createdAtMs - b.createdAtMs || a.id.localeCompare(b.id));
    },

    /** A pending message was delivered: status sent, and the recipient and text erased. */
    async markSent(id: string, nowMs: number): Promise<boolean> {
      const rows = await db
        .update(outboxMessages)
        .set({
          status: 'sent',
          sentAt: new Date(nowMs),
          nextAttemptAt: new Date(nowMs),
          lastError: null,
          ...ERASED,
        })
        .where(and(eq(outboxMessages.id, id), eq(outboxMessages.status, 'pending')))
        .returning({ id: outboxMessages.id });
      return rows.length > 0;
    },

    /**
     * A delivery attempt failed: counts it and records `error` (an error's kind, no personal
     * data). The message is tried again at `nextAttemptMs`, or, after `maxAttempts` failures,
     * given up: status failed, `nextAttemptMs` taken as when, and the personal fields erased.
     * Returns the message's status after it (null: no such pending message).
     */
    async markFailed(
      id: string,
      error: string,
      nextAttemptMs: number,
      maxAttempts: number = OUTBOX_MAX_ATTEMPTS,
    ): Promise<'pending' | 'failed' | null> {
      const givenUp = sql`${outboxMessages.attempts} + 1 >= ${maxAttempts}`;
      const rows = await db
        .update(outboxMessages)
        .set({
          attempts: sql`${outboxMessages.attempts} + 1`,
          lastError: error.slice(0, ERROR_MAX_LENGTH),
          nextAttemptAt: new Date(nextAttemptMs),
          status: sql`case when ${givenUp} then 'failed' else 'pending' end`,
          recipient: sql`case when ${givenUp} then null else ${outboxMessages.recipient} end`,
          subject: sql`case when ${givenUp} then null else ${outboxMessages.subject} end`,
          body: sql`case when ${givenUp} then null else ${outboxMessages.body} end`,
        })
        .where(and(eq(outboxMessages.id, id), eq(outboxMessages.status, 'pending')))
        .returning({ status: outboxMessages.status });
      return (rows[0]?.status as 'pending' | 'failed' | undefined) ?? null;
    },

    /**
     * A message that cannot be delivered at all (no driver for its channel, an address the
     * server refuses for good): status undeliverable with `reason`, the personal fields erased.
     * `nowMs` records when (else the time its claim left).
     */
    async markUndeliverable(id: string, reason: string, nowMs?: number): Promise<boolean> {
      const rows = await db
        .update(outboxMessages)
        .set({
          status: 'undeliverable',
          lastError: reason.slice(0, ERROR_MAX_LENGTH),
          ...(nowMs === undefined ? {} : { nextAttemptAt: new Date(nowMs) }),
          ...ERASED,
        })
        .where(and(eq(outboxMessages.id, id), eq(outboxMessages.status, 'pending')))
        .returning({ id: outboxMessages.id });
      return rows.length > 0;
    },

    /**
     * Takes back a message not sent yet (a reminder of a booking that was cancelled); true when
     * one was pending. A message already sent or given up stays for the record.
     */
    async deletePending(dedupeKey: string): Promise<boolean> {
      const rows = await db
        .delete(outboxMessages)
        .where(and(eq(outboxMessages.dedupeKey, dedupeKey), eq(outboxMessages.status, 'pending')))
        .returning({ id: outboxMessages.id });
      return rows.length > 0;
    },

    /** Retention: deletes messages finished (sent, failed, undeliverable) before `beforeMs`; how many. */
    async deleteOlderThan(beforeMs: number): Promise<number> {
      const rows = await db
        .delete(outboxMessages)
        .where(
          and(
            ne(outboxMessages.status, 'pending'),
            sql`coalesce(${outboxMessages.sentAt}, ${outboxMessages.nextAttemptAt}) < ${new Date(beforeMs).toISOString()}::timestamptz`,
          ),
        )
        .returning({ id: outboxMessages.id });
      return rows.length;
    },

    /** Messages in the order they were queued (tests and operations). */
    async list(filter: OutboxFilter = {}): Promise<OutboxMessage[]> {
      const conditions = [
        filter.status ? eq(outboxMessages.status, filter.status) : undefined,
        filter.kind ? eq(outboxMessages.kind, filter.kind) : undefined,
        filter.dedupeKey ? eq(outboxMessages.dedupeKey, filter.dedupeKey) : undefined,
        filter.dedupeKeyPrefix
          ? like(outboxMessages.dedupeKey, `${filter.dedupeKeyPrefix.replace(/[\\%_]/g, (c) => `\\${c}`)}%`)
          : undefined,
      ].filter((c) => c !== undefined);
      const rows = await db
        .select()
        .from(outboxMessages)
        .where(conditions.length > 0 ? and(...conditions) : undefined)
        .orderBy(asc(outboxMessages.createdAt), asc(outboxMessages.id))
        .limit(filter.limit ?? 1000);
      return rows.map(messageOf);
    },
  };
}

export type OutboxRepository = ReturnType<typeof createOutboxRepository>;
