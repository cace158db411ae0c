import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isSmall, shareOf, shown, suppressCounts } from './suppression.ts';

const counts = fc.array(fc.nat({ max: 30 }), { minLength: 1, maxLength: 12 });

describe('small-count suppression', () => {
  it('hides 1 to threshold − 1 and shows 0 and the threshold', () => {
    expect([0, 1, 4, 5, 6].map((n) => shown(n, 5))).toEqual([0, null, null, 5, 6]);
    expect(isSmall(0, 5)).toBe(false);
    expect(isSmall(2, 3)).toBe(true);
  });

  it('never shows a small count, and shows every other one as it is unless a total needs a second hidden cell', () => {
    fc.assert(
      fc.property(counts, fc.integer({ min: 2, max: 10 }), fc.boolean(), (ns, threshold, withTotal) => {
        const out = suppressCounts(
          ns.map((n, i) => ({ key: i, contacts: n })),
          threshold,
          { withTotal },
        );
        const primary = ns.filter((n) => n > 0 && n < threshold).length;
        for (const [i, row] of out.entries()) {
          const n = ns[i] ?? 0;
          expect(row.key).toBe(i);
          if (n > 0 && n < threshold) expect(row).toEqual({ key: i, contacts: null, suppressed: true });
          else if (!row.suppressed) expect(row.contacts).toBe(n);
          else expect(row.contacts).toBeNull();
        }
        const hidden = out.filter((r) => r.suppressed).length;
        // With the total shown, a single hidden cell gets a partner (when there is one to hide).
        const others = ns.filter((n) => n >= threshold).length;
        if (withTotal && primary === 1 && others > 0) expect(hidden).toBe(2);
        else expect(hidden).toBe(primary);
      }),
    );
  });

  it('hides the smallest other cell as the partner', () => {
    const out = suppressCounts(
      [
        { key: 'a', contacts: 40 },
        { key: 'b', contacts: 3 },
        { key: 'c', contacts: 0 },
        { key: 'd', contacts: 7 },
      ],
      5,
      { withTotal: true },
    );
    expect(out.map((r) => r.contacts)).toEqual([40, null, 0, null]);
  });

  it('gives no share of a hidden count or of nothing', () => {
    expect(shareOf(3, 100, 5)).toBeNull();
    expect(shareOf(10, 4, 5)).toBeNull();
    expect(shareOf(0, 0, 5)).toBeNull();
    expect(shareOf(0, 20, 5)).toBe(0);
    expect(shareOf(5, 20, 5)).toBe(0.25);
  });
});
