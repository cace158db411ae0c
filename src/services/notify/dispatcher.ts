/**
 * Delivers the outbox: claims the messages that are due (safe beside other server processes,
 * see outbox-repository.ts), hands each to the driver and records the outcome. A message is
 * delivered at least once: should the process die between delivering and recording, it is
 * delivered again when its claim runs out (10 minutes).
 *
 * A failed attempt is tried again after 1 min, 5 min, 30 min and 2 h; the fifth failure gives the
 * message up ('failed'). A message on a channel the driver cannot carry, or one the server refuses
 * for good, is undeliverable at once. Sent and given-up messages lose their recipient and text.
 * Log lines name a message by id and kind and an error by its code: never an address or a text.
 */

import { OUTBOX_LEASE_MS, type OutboxMessage } from '../../db/repositories/outbox-repository.ts';
import { inTransaction } from '../../db/repositories.ts';
import type { Store } from '../../db/store.ts';
import { describeDeliveryError, type MessageDriver, PermanentDeliveryError } from './driver.ts';

/** The waits before the second, third, fourth and fifth attempt. */
export const RETRY_DELAYS_MS: readonly number[] = [60_000, 5 * 60_000, 30 * 60_000, 2 * 3_600_000];
/** Attempts in all: the first and one per wait. */
export const MAX_ATTEMPTS = RETRY_DELAYS_MS.length + 1;

export interface DispatchReport {
  readonly sent: number;
  /** Failed attempts in this run (to be tried again, or given up). */
  readonly failed: number;
  readonly undeliverable: number;
}

export interface Dispatcher {
  /** Delivers every message due now; what happened. */
  runOnce(): Promise<DispatchReport>;
}

export function createDispatcher(deps: {
  store: Store;
  driver: MessageDriver;
  now: () => number;
  log?: (line: string) => void;
  /** Messages claimed at a time (default 10). */
  batchSize?: number;
  /** Batches per run at most (default 50), so one run ends even while messages keep coming. */
  maxBatches?: number;
}): Dispatcher {
  const { store, driver, now } = deps;
  const log = deps.log ?? (() => {});
  const batchSize = deps.batchSize ?? 10;
  const maxBatches = deps.maxBatches ?? 50;

  async function undeliverable(m: OutboxMessage, reason: string): Promise<void> {
    await inTransaction(store, (tx) => tx.outbox.markUndeliverable(m.id, reason, now()));
    log(`message ${m.id} (${m.kind}, ${m.channel}) undeliverable: ${reason}\n`);
  }

  /** One message: 'sent', 'failed' or 'undeliverable'. */
  async function deliverOne(m: OutboxMessage): Promise<keyof DispatchReport> {
    if (!driver.supports(m.channel)) {
      await undeliverable(m, `no ${m.channel} driver configured`);
      return 'undeliverable';
    }
    if (m.recipient === null || m.subject === null || m.body === null) {
      await undeliverable(m, 'recipient or text missing');
      return 'undeliverable';
    }
    try {
      await driver.deliver({
        channel: m.channel,
        recipient: m.recipient,
        subject: m.subject,
        body: m.body,
        lang: m.lang,
      });
    } catch (e) {
      if (e instanceof PermanentDeliveryError) {
        await undeliverable(m, e.reason);
        return 'undeliverable';
      }
      const error = describeDeliveryError(e);
      const delay = RETRY_DELAYS_MS[m.attempts];
      const at = now();
      const status = await inTransaction(store, (tx) =>
        tx.outbox.markFailed(m.id, error, at + (delay ?? 0), MAX_ATTEMPTS),
      );
      log(
        status === 'failed'
          ? `message ${m.id} (${m.kind}) failed (${error}); given up after ${m.attempts + 1} attempts\n`
          : `message ${m.id} (${m.kind}) attempt ${m.attempts + 1} failed (${error}); next in ${formatDelay(delay ?? 0)}\n`,
      );
      return 'failed';
    }
    await inTransaction(store, (tx) => tx.outbox.markSent(m.id, now()));
    return 'sent';
  }

  return {
    async runOnce() {
      const report = { sent: 0, failed: 0, undeliverable: 0 };
      for (let batch = 0; batch < maxBatches; batch++) {
        const claimedAt = now();
        const due = await inTransaction(store, (tx) =>
          tx.outbox.claimDue(claimedAt, batchSize, OUTBOX_LEASE_MS),
        );
        for (const m of due) {
          // A batch slowed down by a server that hardly answers stops well before its claim runs
          // out, so that no other process can take a message this one is still delivering; the
          // rest are delivered once the claim has passed.
          if (now() - claimedAt > OUTBOX_LEASE_MS / 2) return report;
          report[await deliverOne(m)]++;
        }
        if (due.length < batchSize) break;
      }
      return report;
    },
  };
}

function formatDelay(ms: number): string {
  return ms >= 3_600_000 ? `${ms / 3_600_000} h` : `${Math.round(ms / 60_000)} min`;
}

/** An error's kind for a log line: its name and SQLSTATE or code, never its message. */
function errorKind(e: unknown): string {
  if (!(e instanceof Error)) return 'error';
  const code = (e as { code?: unknown }).code;
  return typeof code === 'string' && /^[A-Z0-9_]{2,40}$/.test(code) ? `${e.name} ${code}` : e.name;
}

/**
 * Runs the dispatcher now and then every `everyMs` (default 15 s) until stopped; a run still
 * going when the next is due is not doubled. Errors are logged by kind only.
 */
export function startDispatcher(
  dispatcher: Dispatcher,
  options: { everyMs?: number; log?: (line: string) => void } = {},
): { stop(): Promise<void> } {
  let running: Promise<void> | null = null;
  let stopped = false;
  const run = () => {
    if (running || stopped) return;
    running = dispatcher
      .runOnce()
      .then(
        (r) => {
          if (r.sent + r.failed + r.undeliverable > 0)
            options.log?.(
              `notifications: ${r.sent} sent, ${r.failed} failed attempts, ${r.undeliverable} undeliverable\n`,
            );
        },
        (e: unknown) => options.log?.(`notifications failed: ${errorKind(e)}\n`),
      )
      .finally(() => {
        running = null;
      });
  };
  run();
  const timer = setInterval(run, options.everyMs ?? 15_000);
  timer.unref();
  return {
    async stop() {
      stopped = true;
      clearInterval(timer);
      await running;
    },
  };
}
