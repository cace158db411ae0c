/**
 * The retention periods, enforced on a schedule whether or not anyone uses the service: reply
 * addresses and feedback messages past their time, ended and idle staff sessions, forgotten
 * browsers, and stale sign-in and rate counters. Every server process runs it (the deletes are
 * idempotent, so several at once do no harm).
 */
import { inTransaction } from '../db/repositories.ts';
import type { Store } from '../db/store.ts';
import type { AuthService } from './auth-service.ts';
import type { FeedbackService } from './feedback-service.ts';

/** Sign-in and rate counters older than this are deleted (every window and wait is shorter). */
const COUNTER_DAYS = 1;

export interface RetentionReport {
  readonly replyAddresses: number;
  readonly messages: number;
  readonly sessions: number;
  readonly counters: number;
}

export function createRetentionService(deps: {
  store: Store;
  auth: AuthService;
  feedback: FeedbackService;
  now: () => number;
}) {
  return {
    async runOnce(): Promise<RetentionReport> {
      const feedback = await deps.feedback.enforceRetention();
      const sessions = await deps.auth.deleteExpiredSessions();
      const before = deps.now() - COUNTER_DAYS * 86_400_000;
      const counters = await inTransaction(deps.store, (tx) => tx.throttle.deleteExpired(before));
      return { ...feedback, sessions, counters };
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
        const removed = r.replyAddresses + r.messages + r.sessions;
        if (removed > 0)
          options.log?.(
            `retention: ${r.replyAddresses} reply addresses cleared, ${r.messages} feedback messages and ${r.sessions} sessions deleted\n`,
          );
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
