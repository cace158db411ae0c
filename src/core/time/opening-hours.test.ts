import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { minutesToWallTime } from './civil-time.ts';
import { createHolidayCalendar } from './holidays.ts';
import {
  type CompactHoursRule,
  formatCompactHours,
  hoursOn,
  type OpeningSchedule,
  parseCompactExceptions,
  parseCompactHours,
} from './opening-hours.ts';

const calendar = (() => {
  const c = createHolidayCalendar([
    { rule: '12-24', name: { fi: 'Jouluaatto', sv: 'Julafton', en: 'Christmas Eve' } },
  ]);
  if (!c.ok) throw new Error(c.error);
  return c.value;
})();

const weekly = (text: string, validFrom: string | null = null, validTo: string | null = null) => {
  const parsed = parseCompactHours(text);
  if (!parsed.ok) throw new Error(parsed.error);
  return parsed.value.map((r) => ({ ...r, validFrom, validTo }));
};

const base: OpeningSchedule = {
  validity: [],
  weekly: weekly('Mo-Fr 09:00-16:00; Sa 10:00-14:00'),
  exceptions: [],
  openOnPublicHolidays: false,
};

describe('hours on a date', () => {
  it('uses the weekly hours on an ordinary day', () => {
    expect(hoursOn(base, '2026-12-01', calendar)).toMatchObject({
      open: true,
      reason: 'regular',
      intervals: [{ start: '09:00', end: '16:00' }],
    });
    expect(hoursOn(base, '2026-12-05', calendar).intervals).toEqual([{ start: '10:00', end: '14:00' }]);
    expect(hoursOn(base, '2026-11-29', calendar)).toMatchObject({ open: false, reason: 'no-hours' });
  });

  it('closes on public holidays and city closure days unless the place opens on holidays', () => {
    expect(hoursOn(base, '2026-12-24', calendar)).toMatchObject({ open: false, reason: 'holiday' });
    expect(hoursOn(base, '2026-12-24', calendar).specialDay?.name.en).toBe('Christmas Eve');
    expect(hoursOn({ ...base, openOnPublicHolidays: true }, '2026-12-24', calendar).open).toBe(true);
  });

  it('lets a dated exception override holidays and weekly hours', () => {
    const s: OpeningSchedule = {
      ...base,
      exceptions: [
        { date: '2026-12-24', intervals: [{ start: '10:00', end: '12:00' }], note: null },
        {
          date: '2026-12-02',
          intervals: [],
          note: { fi: 'Inventaario', sv: 'Inventering', en: 'Stocktaking' },
        },
      ],
    };
    expect(hoursOn(s, '2026-12-24', calendar)).toMatchObject({ open: true, reason: 'exception' });
    expect(hoursOn(s, '2026-12-02', calendar)).toMatchObject({ open: false, reason: 'exception' });
    expect(hoursOn(s, '2026-12-02', calendar).note?.sv).toBe('Inventering');
  });

  it('is closed outside the validity periods, whatever else applies', () => {
    const s: OpeningSchedule = {
      ...base,
      validity: [{ from: null, to: '2022-09-30' }],
      exceptions: [{ date: '2022-10-03', intervals: [{ start: '09:00', end: '10:00' }], note: null }],
    };
    expect(hoursOn(s, '2022-09-30', calendar).open).toBe(true);
    expect(hoursOn(s, '2022-10-03', calendar)).toMatchObject({ open: false, reason: 'outside-validity' });
  });

  it('replaces the whole week with seasonal hours where they apply', () => {
    const s: OpeningSchedule = {
      ...base,
      weekly: [...base.weekly, ...weekly('Mo-Th 10:00-15:00', '2026-06-01', '2026-08-09')],
    };
    expect(hoursOn(s, '2026-06-02', calendar).intervals).toEqual([{ start: '10:00', end: '15:00' }]);
    // Friday and Saturday have no summer rule: closed in summer, open otherwise.
    expect(hoursOn(s, '2026-06-05', calendar).open).toBe(false);
    expect(hoursOn(s, '2026-06-06', calendar).open).toBe(false);
    expect(hoursOn(s, '2026-09-05', calendar).open).toBe(true);
  });
});

describe('compact weekly hours', () => {
  it('parses ranges, lists, split days and "off"', () => {
    const r = parseCompactHours('Mo-We,Fr 09:00-12:00,13:00-16:00; Sa 10:00-14:00; We off');
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.filter((x) => x.weekday === 1)).toHaveLength(2);
    expect(r.value.filter((x) => x.weekday === 3)).toHaveLength(0);
    expect(r.value.filter((x) => x.weekday === 4)).toHaveLength(0);
    expect(formatCompactHours(r.value)).toBe(
      'Mo-Tu 09:00-12:00,13:00-16:00; Fr 09:00-12:00,13:00-16:00; Sa 10:00-14:00',
    );
  });

  it.each([
    ['Mo-Fr 9-16', 'expected times as HH:MM-HH:MM'],
    ['Xy 09:00-10:00', 'unknown day "Xy"'],
    ['Fr-Mo 09:00-10:00', 'runs backwards'],
    ['Mo 16:00-09:00', 'must be after opening time'],
    ['Mo 09:00-12:00,11:00-13:00', 'overlap'],
    ['09:00-16:00', 'expected days then times'],
  ])('rejects %s', (text, message) => {
    const r = parseCompactHours(text);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toContain(message);
  });

  it('round-trips any valid week through format and parse', () => {
    const interval = fc
      .tuple(fc.integer({ min: 0, max: 1439 }), fc.integer({ min: 1, max: 240 }))
      .map(([s, len]) => [s, Math.min(1440, s + len)] as const);
    const week = fc.array(
      fc.record({
        weekday: fc.integer({ min: 1, max: 7 }),
        spans: fc.array(interval, { minLength: 1, maxLength: 3 }),
      }),
      { maxLength: 7 },
    );
    fc.assert(
      fc.property(week, (days) => {
        const rules: CompactHoursRule[] = [];
        const seen = new Set<number>();
        for (const d of days) {
          if (seen.has(d.weekday)) continue;
          seen.add(d.weekday);
          // Make the day's spans disjoint and ordered.
          let cursor = 0;
          for (const [s, e] of [...d.spans].sort((a, b) => a[0] - b[0])) {
            const start = Math.max(s, cursor);
            if (start >= e) continue;
            rules.push({
              weekday: d.weekday as CompactHoursRule['weekday'],
              opens: minutesToWallTime(start),
              closes: minutesToWallTime(e),
            });
            cursor = e;
          }
        }
        const text = formatCompactHours(rules);
        const back = parseCompactHours(text);
        expect(back.ok).toBe(true);
        if (back.ok) expect(formatCompactHours(back.value)).toBe(text);
        const sorted = (x: readonly CompactHoursRule[]) =>
          [...x].sort((a, b) => a.weekday - b.weekday || a.opens.localeCompare(b.opens));
        if (back.ok) expect(sorted(back.value)).toEqual(sorted(rules));
      }),
      { seed: 20261128, numRuns: 300 },
    );
  });
});

describe('compact exceptions', () => {
  it('parses closed days and changed hours', () => {
    const r = parseCompactExceptions('2026-12-23 10:00-14:00; 2026-12-30 off');
    expect(r).toEqual({
      ok: true,
      value: [
        { date: '2026-12-23', intervals: [{ start: '10:00', end: '14:00' }], note: null },
        { date: '2026-12-30', intervals: [], note: null },
      ],
    });
  });

  it('rejects bad dates and repeated dates', () => {
    expect(parseCompactExceptions('2026-02-30 off').ok).toBe(false);
    expect(parseCompactExceptions('2026-12-30 off; 2026-12-30 10:00-11:00').ok).toBe(false);
    expect(parseCompactExceptions('30.12.2026 off').ok).toBe(false);
  });
});
