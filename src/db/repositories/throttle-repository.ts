/**
 * Counters shared by every server process: sign-in attempts with their growing delay, and
 * requests per client and window for the rate limits. Each count is one statement on one row
 * (`insert … on conflict do update`), so parallel requests are counted one by one.
 */
import { inArray, lt, sql } from 'drizzle-orm';
import { loginThrottle, rateCounters } from '../schema/staff.ts';
import { type Db, queryRows } from '../store.ts';

/** How a key's attempts are slowed: `free` attempts, then 2, 4, 8 … seconds apart, at most `capSeconds`. */
export interface DelayPolicy {
  readonly free: number;
  readonly capSeconds: number;
  /** After this long without an attempt the count starts again. */
  readonly forgetSeconds: number;
}

/** The wait before the next attempt after `failures` counted attempts. */
export function delaySeconds(policy: DelayPolicy, failures: number): number {
  if (failures < policy.free) return 0;
  return Math.min(policy.capSeconds, 2 ** (failures - policy.free + 1));
}

export function createThrottleRepository(db: Db) {
  return {
    /**
     * Counts an attempt for `key` if its delay has passed and returns the count; null (and
     * nothing counted, so refused attempts never extend the wait) while it has not.
     */
    async upsertAttempt(key: string, nowMs: number, policy: DelayPolicy): Promise<number | null> {
      const now = new Date(nowMs).toISOString();
      const rows = await queryRows<{ failures: number }>(
        db,
        sql`insert into login_throttle (key, failures, last_at) values (${key}, 1, ${now})
            on conflict (key) do update set
              failures = case when login_throttle.last_at < ${now}::timestamptz - make_interval(secs => ${policy.forgetSeconds})
                              then 1 else login_throttle.failures + 1 end,
              last_at = excluded.last_at
            where login_throttle.failures < ${policy.free}
               or login_throttle.last_at < ${now}::timestamptz - make_interval(secs => ${policy.forgetSeconds})
               or login_throttle.last_at + make_interval(secs => least(${policy.capSeconds},
                    power(2, login_throttle.failures - ${policy.free} + 1))::float8) <= ${now}::timestamptz
            returning failures`,
      );
      return rows[0]?.failures ?? null;
    },

    async deleteAttempts(keys: readonly string[]): Promise<void> {
      if (keys.length > 0) await db.delete(loginThrottle).where(inArray(loginThrottle.key, [...keys]));
    },

    /** Counts a request for `key` in the window that holds `nowMs`; the count so far in it. */
    async upsertHit(key: string, windowStartMs: number): Promise<number> {
      const start = new Date(windowStartMs).toISOString();
      const rows = await queryRows<{ count: number }>(
        db,
        sql`insert into rate_counters (key, window_start, count) values (${key}, ${start}, 1)
            on conflict (key) do update set
              count = case when rate_counters.window_start = excluded.window_start
                           then rate_counters.count + 1 else 1 end,
              window_start = excluded.window_start
            returning count`,
      );
      return rows[0]?.count ?? 1;
    },

    /** Forgets sign-in counts quiet since `beforeMs` and rate windows that ended before it. */
    async deleteExpired(beforeMs: number): Promise<number> {
      const before = new Date(beforeMs);
      const a = await db.delete(loginThrottle).where(lt(loginThrottle.lastAt, before)).returning();
      const b = await db.delete(rateCounters).where(lt(rateCounters.windowStart, before)).returning();
      return a.length + b.length;
    },
  };
}
