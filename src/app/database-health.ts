/**
 * Whether the database is there: the probe behind /health, the outage guard that answers 503 at
 * once while it is away (src/api/outage-guard.ts), and one log line about it a minute at most.
 */
import type { Context } from 'hono';
import { describeForLog } from '../api/error-log.ts';
import { createOutageGuard, type OutageGuard } from '../api/outage-guard.ts';
import { pingDatabase } from '../db/repositories.ts';
import type { Store } from '../db/store.ts';

export interface DatabaseHealth {
  readonly outage: OutageGuard;
  /** The database is away: answer 503 at once from now on, and log it once a minute. */
  reportOutage(error: unknown): void;
  /** GET /health: ok, or degraded (503) when the database does not answer within the timeout. */
  answerHealth(c: Context): Promise<Response>;
}

export function createDatabaseHealth(deps: {
  readonly store: Store;
  /** How long /health (and each outage probe) waits for the database. */
  readonly timeoutMs: number;
  /** While the database is away, at most one request this often checks whether it is back. */
  readonly probeEveryMs: number;
  /** Receives the outage lines; nothing personal is in them. */
  readonly log: (line: unknown) => void;
}): DatabaseHealth {
  let unavailableLoggedAt = Number.NEGATIVE_INFINITY;
  const probeDatabase = () =>
    Promise.race([
      pingDatabase(deps.store),
      new Promise<boolean>((resolve) => setTimeout(() => resolve(false), deps.timeoutMs).unref()),
    ]);
  const outage = createOutageGuard({
    probe: probeDatabase,
    probeEveryMs: deps.probeEveryMs,
    clock: () => performance.now(),
  });
  const reportOutage = (error: unknown) => {
    outage.markDown();
    if (performance.now() - unavailableLoggedAt > 60_000) {
      unavailableLoggedAt = performance.now();
      deps.log(typeof error === 'string' ? error : describeForLog(error));
    }
  };
  return {
    outage,
    reportOutage,
    async answerHealth(c) {
      // A database that hangs is reported as degraded within a second, not waited for.
      const reachable = await probeDatabase();
      if (reachable) outage.markUp();
      else reportOutage(`database unreachable: no answer to /health's probe within ${deps.timeoutMs} ms`);
      return c.json(
        { status: reachable ? 'ok' : 'degraded', database: deps.store.kind, databaseReachable: reachable },
        reachable ? 200 : 503,
      );
    },
  };
}
