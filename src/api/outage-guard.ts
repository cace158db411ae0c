/**
 * Once a request has found the database away, the next requests are answered 503 at once
 * instead of each waiting for its own timeout; one probe every few seconds finds out whether
 * it is back, and then everything is served again. Per process, and only a shortcut: the
 * database stays the one source of truth.
 */
export interface OutageGuard {
  /** A request has just found the database unavailable. */
  markDown(): void;
  /** The database answered (e.g. /health's probe). */
  markUp(): void;
  /** True when a request should be refused now: the database is down and no probe says otherwise. */
  refuseNow(): Promise<boolean>;
}

export function createOutageGuard(deps: {
  /** Resolves true when the database answers (within its own time limit). */
  probe: () => Promise<boolean>;
  /** At most one probe this often while the database is down. */
  probeEveryMs: number;
  /** A monotonic clock in milliseconds. */
  clock: () => number;
}): OutageGuard {
  let down = false;
  let lastProbe = Number.NEGATIVE_INFINITY;
  let probing: Promise<boolean> | null = null;
  return {
    markDown() {
      if (!down) lastProbe = deps.clock();
      down = true;
    },
    markUp() {
      down = false;
    },
    async refuseNow() {
      if (!down) return false;
      if (deps.clock() - lastProbe < deps.probeEveryMs && probing === null) return true;
      if (probing === null) {
        lastProbe = deps.clock();
        probing = deps.probe().finally(() => {
          probing = null;
        });
      }
      if (await probing) down = false;
      return down;
    },
  };
}
