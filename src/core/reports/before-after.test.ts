import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { beforeAfter, periodStats } from './before-after.ts';

const close = (actual: number | null | undefined, expected: number) => {
  expect(actual).not.toBeNull();
  expect(Math.abs((actual ?? Number.NaN) - expected)).toBeLessThan(1e-9);
};

describe('beforeAfter', () => {
  it('matches a hand-computed difference in differences', () => {
    // Treated before [10, 12, 14]: mean 12, sd √((4 + 0 + 4)/2) = 2.
    // Treated after  [6, 8, 7]:    mean 7,  sd √((1 + 1 + 0)/2) = 1.
    //   change −5, changePercent −5/12·100 = −41.666…
    // Control before [20, 22, 24]: mean 22, sd 2.  Control after [19, 21, 23]: mean 21, sd 2.
    //   change −1, changePercent −1/22·100 = −4.5454…
    // Difference −5 − (−1) = −4.
    // SE treated = √(2²/3 + 1²/3) = √(5/3); SE control = √(2²/3 + 2²/3) = √(8/3);
    // combined √(5/3 + 8/3) = √(13/3) = 2.0816659994661326; 1.96 × that = 4.080065358953620.
    // Interval −4 ± 4.0800653589536 = [−8.0800653589536, 0.0800653589536].
    // Scaled by the control's ratio: 12 × 21/22 = 11.454545… expected after; 7 − that =
    // −4.454545… (−4.4545…/11.4545… = −38.888…%).
    const r = beforeAfter({
      treatedBefore: [10, 12, 14],
      treatedAfter: [6, 8, 7],
      controlBefore: [20, 22, 24],
      controlAfter: [19, 21, 23],
    });
    expect(r.treated.before).toEqual({ weeks: 3, mean: 12, sd: 2 });
    close(r.treated.after.mean, 7);
    close(r.treated.after.sd, 1);
    close(r.treated.change, -5);
    close(r.treated.changePercent, -41.666666666666664);
    close(r.control?.before.mean, 22);
    close(r.control?.before.sd, 2);
    close(r.control?.after.mean, 21);
    close(r.control?.after.sd, 2);
    close(r.control?.change, -1);
    close(r.control?.changePercent, -4.545454545454546);
    close(r.difference, -4);
    close(r.interval?.low, -8.08006535895362);
    close(r.interval?.high, 0.08006535895362);
    close(r.expectedAfter, 11.454545454545455);
    close(r.effect, -4.454545454545455);
    close(r.effectPercent, -38.88888888888889);
  });

  it('without a control gives no difference and an interval of the treated change', () => {
    // SE = √(5/3) = 1.2909944487358056; 1.96 × SE = 2.530349119522179; −5 ± that.
    const r = beforeAfter({ treatedBefore: [10, 12, 14], treatedAfter: [6, 8, 7] });
    expect(r.control).toBeNull();
    expect(r.difference).toBeNull();
    expect([r.expectedAfter, r.effect, r.effectPercent]).toEqual([null, null, null]);
    close(r.interval?.low, -7.530349119522179);
    close(r.interval?.high, -2.469650880477821);
  });

  it('gives no percentage when there were no contacts before', () => {
    const r = beforeAfter({ treatedBefore: [0, 0], treatedAfter: [3, 5] });
    expect(r.treated.changePercent).toBeNull();
    close(r.treated.change, 4);
  });

  it('gives no interval when a period has a single week', () => {
    const r = beforeAfter({
      treatedBefore: [10, 12],
      treatedAfter: [7, 9],
      controlBefore: [20],
      controlAfter: [19, 21],
    });
    expect(r.control?.before.sd).toBe(0);
    close(r.difference, -3); // treated 11 → 8, control 20 → 20
    expect(r.interval).toBeNull();
  });

  it('rejects an empty period, a lone control period and a non-finite value', () => {
    expect(() => beforeAfter({ treatedBefore: [], treatedAfter: [1] })).toThrow(/treatedBefore has no weeks/);
    expect(() => beforeAfter({ treatedBefore: [1], treatedAfter: [] })).toThrow(RangeError);
    expect(() =>
      beforeAfter({ treatedBefore: [1], treatedAfter: [1], controlBefore: [], controlAfter: [2] }),
    ).toThrow(/controlBefore has no weeks/);
    expect(() => beforeAfter({ treatedBefore: [1], treatedAfter: [1], controlBefore: [2] })).toThrow(
      RangeError,
    );
    expect(() => beforeAfter({ treatedBefore: [Number.NaN], treatedAfter: [1] })).toThrow(RangeError);
    expect(() => periodStats([])).toThrow(RangeError);
  });

  it('is unchanged by adding the same change to both groups', () => {
    const week = fc.integer({ min: 0, max: 300 });
    const period = fc.array(week, { minLength: 2, maxLength: 10 });
    fc.assert(
      fc.property(
        period,
        period,
        period,
        period,
        fc.integer({ min: -50, max: 50 }),
        (tb, ta, cb, ca, shift) => {
          const base = beforeAfter({
            treatedBefore: tb,
            treatedAfter: ta,
            controlBefore: cb,
            controlAfter: ca,
          });
          const moved = beforeAfter({
            treatedBefore: tb,
            treatedAfter: ta.map((v) => v + shift),
            controlBefore: cb,
            controlAfter: ca.map((v) => v + shift),
          });
          expect(moved.difference ?? Number.NaN).toBeCloseTo(base.difference ?? Number.NaN, 9);
          expect(moved.interval?.low ?? Number.NaN).toBeCloseTo(base.interval?.low ?? Number.NaN, 9);
          const { low = 0, high = 0 } = base.interval ?? {};
          expect(low).toBeLessThanOrEqual(base.difference ?? Number.NaN);
          expect(high).toBeGreaterThanOrEqual(base.difference ?? Number.NaN);
        },
      ),
    );
  });
});
