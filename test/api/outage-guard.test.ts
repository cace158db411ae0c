/** The outage shortcut: refuse at once while the database is known to be away, probe now and then. */
import { describe, expect, it } from 'vitest';
import { createOutageGuard } from '../../src/api/outage-guard.ts';

describe('outage guard', () => {
  it('refuses without probing until the probe interval passes, then lets everything through once the probe answers', async () => {
    let clock = 0;
    let answers = false;
    let probes = 0;
    const guard = createOutageGuard({
      probe: async () => {
        probes++;
        return answers;
      },
      probeEveryMs: 2000,
      clock: () => clock,
    });
    expect(await guard.refuseNow()).toBe(false);
    guard.markDown();
    clock = 1999;
    expect(await guard.refuseNow()).toBe(true);
    expect(probes).toBe(0);
    clock = 2000;
    expect(await guard.refuseNow()).toBe(true);
    expect(probes).toBe(1);
    expect(await guard.refuseNow()).toBe(true);
    expect(probes).toBe(1);
    answers = true;
    clock = 4100;
    expect(await guard.refuseNow()).toBe(false);
    expect(probes).toBe(2);
    expect(await guard.refuseNow()).toBe(false);
    expect(probes).toBe(2);
  });

  it('shares one probe between requests that arrive while it runs, and is reset by /health', async () => {
    let clock = 0;
    let release: (ok: boolean) => void = () => {};
    let probes = 0;
    const guard = createOutageGuard({
      probe: () => {
        probes++;
        return new Promise<boolean>((resolve) => {
          release = resolve;
        });
      },
      probeEveryMs: 2000,
      clock: () => clock,
    });
    guard.markDown();
    clock = 5000;
    const waiting = [guard.refuseNow(), guard.refuseNow(), guard.refuseNow()];
    expect(probes).toBe(1);
    release(true);
    expect(await Promise.all(waiting)).toEqual([false, false, false]);
    guard.markDown();
    guard.markUp();
    expect(await guard.refuseNow()).toBe(false);
  });
});
