/**
 * The retention periods, enforced on a schedule whether or not anyone uses the service: reply
 * addresses and feedback messages past their time, ended and idle staff sessions, forgotten
 * browsers, stale sign-in and rate counters, outbox messages finished 90 days ago, and partner
 * requests' contact details past their retention. Every server process runs it (the deletes
 * are idempotent, so several at once do no harm).
 */
import { inTransaction } from '../db/repositories.ts';
import type { Store } from '../db/store.ts';
import type { AuthService } from './auth-service.ts';
import type { FeedbackService } from './feedback-service.ts';

/** Sign-in and rate counters older than this are deleted (every window and wait is shorter). */
const COUNTER_DAYS = 1;
/** Outbox messages sent or given up longer ago than this are deleted (their texts went at once). */
export const OUTBOX_RETENTION_DAYS = 90;

export interface RetentionReport {
  readonly replyAddresses: number;
  readonly messages: number;
  readonly sessions: number;
  readonly counters: number;
  /** Outbox messages deleted (sent, failed or undeliverable over `OUTBOX_RETENTION_DAYS` ago). */
  readonly outboxMessages: number;
  /** Partner requests whose contact details and message were erased (with the partner service only). */
  readonly partnerRequests?: number;
}

export function createRetentionService(deps: {
  store: Store;
  auth: AuthService;
  feedback: FeedbackService;
  /** Erases partner requests past their retention (the partner request service). */
  partnerRequests?: { eraseExpired(): Promise<number> };
  now: () => number;
}) {
  return {
    async runOnce(): Promise<RetentionReport> {
      const feedback = await deps.feedback.enforceRetention();
      const sessions = await deps.auth.deleteExpiredSessions();
      const before = deps.now() - COUNTER_DAYS * 86_400_000;
      const counters = await inTransaction(deps.store, (tx) => tx.throttle.deleteExpired(before));
      const outboxBefore = deps.now() - OUTBOX_RETENTION_DAYS * 86_400_000;
      const outboxMessages = await inTransaction(deps.store, (tx) => tx.outbox.deleteOlderThan(outboxBefore));
      const erased = deps.partnerRequests
        ? { partnerRequests: await deps.partnerRequests.eraseExpired() }
        : {};
      return { ...feedback, sessions, counters, outboxMessages, ...erased };
    },
  };
}

export type RetentionService = ReturnType<typeof createRetentionService>;

/** Runs retention now and then every `everyMs` (default an hour) until stopped. */
export function startRetention(
  service: RetentionService,
  options: { everyMs?: number; log?: (message: string) => void } = {},
): { stop(): Promise<void> } {
  let running: Promise<unknown> = Promise.resolve();
  const run = () => {
    running = service.runOnce().then(
      (r) => {
        const removed = r.replyAddresses + r.messages + r.sessions + r.outboxMessages;
        if (removed > 0)
          options.log?.(
            `retention: ${r.replyAddresses} reply addresses cleared, ${r.messages} feedback messages, ${r.sessions} sessions and ${r.outboxMessages} outbox messages deleted\n`,
          );
        if (r.partnerRequests)
          options.log?.(`retention: ${r.partnerRequests} partner requests' contact details erased\n`);
      },
      (e: unknown) => options.log?.(`retention failed: ${e instanceof Error ? e.name : 'error'}\n`),
    );
  };
  run();
  const timer = setInterval(run, options.everyMs ?? 3_600_000);
  timer.unref();
  return {
    async stop() {
      clearInterval(timer);
      await running;
    },
  };
}
