import { describe, expect, it } from 'vitest';
import {
  addDays,
  datesBetween,
  dayBeforeAt,
  elapsedMinutes,
  isoDateAt,
  isoWeekday,
  isoWeekOf,
  mondayOfIsoWeek,
  parseIsoDate,
  parseWallTime,
  startOfIsoWeek,
  wallClockToEpochMs,
  wallTimeAt,
} from './civil-time.ts';

describe('civil time in Europe/Helsinki', () => {
  it('parses dates strictly', () => {
    expect(parseIsoDate('2026-02-28').ok).toBe(true);
    expect(parseIsoDate('2026-02-29').ok).toBe(false);
    expect(parseIsoDate('2028-02-29').ok).toBe(true);
    expect(parseIsoDate('28.2.2026').ok).toBe(false);
    expect(parseIsoDate('2026-2-28').ok).toBe(false);
  });

  it('parses wall-clock times including 24:00 as an end', () => {
    expect(parseWallTime('09:30')).toEqual({ ok: true, value: 570 });
    expect(parseWallTime('24:00')).toEqual({ ok: true, value: 1440 });
    expect(parseWallTime('24:01').ok).toBe(false);
    expect(parseWallTime('9:30').ok).toBe(false);
  });

  it('knows ISO weekdays and weeks', () => {
    expect(isoWeekday('2026-12-01')).toBe(2);
    expect(isoWeekday('2026-12-06')).toBe(7);
    expect(startOfIsoWeek('2026-12-06')).toBe('2026-11-30');
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(datesBetween('2026-12-30', '2027-01-02')).toEqual([
      '2026-12-30',
      '2026-12-31',
      '2027-01-01',
      '2027-01-02',
    ]);
  });

  it('gives a visit across the spring DST change its real length', () => {
    // 29 March 2026: clocks go from 03:00 to 04:00 in Helsinki.
    expect(elapsedMinutes('2026-03-29', '02:00', '05:00')).toBe(120);
    expect(elapsedMinutes('2026-03-30', '02:00', '05:00')).toBe(180);
    // A skipped wall time resolves forward (RFC 5545 / Temporal "compatible").
    expect(wallClockToEpochMs('2026-03-29', '03:30')).toBe(Date.UTC(2026, 2, 29, 1, 30));
  });

  it('gives a visit across the autumn DST change its real length', () => {
    // 25 October 2026: 04:00 EEST becomes 03:00 EET; 03:00–04:00 happens twice.
    expect(elapsedMinutes('2026-10-25', '02:00', '05:00')).toBe(240);
    expect(wallClockToEpochMs('2026-10-25', '03:30')).toBe(Date.UTC(2026, 9, 25, 0, 30));
  });

  it('reads the calendar date and time of an instant in Helsinki, not UTC', () => {
    // 22:30 UTC on 31 December is already New Year in Helsinki (UTC+2).
    expect(isoDateAt(Date.UTC(2026, 11, 31, 22, 30))).toBe('2027-01-01');
    expect(wallTimeAt(Date.UTC(2026, 11, 31, 22, 30))).toBe('00:30');
    expect(wallTimeAt(Date.UTC(2026, 6, 1, 9, 0))).toBe('12:00');
  });
});

describe('ISO weeks', () => {
  it('numbers weeks the ISO way, across year ends', () => {
    expect(isoWeekOf('2026-12-07')).toBe('2026-W50');
    expect(isoWeekOf('2027-01-01')).toBe('2026-W53');
    expect(isoWeekOf('2024-12-30')).toBe('2025-W01');
    expect(mondayOfIsoWeek('2026-W50')).toBe('2026-12-07');
    expect(mondayOfIsoWeek('2026-W53')).toBe('2026-12-28');
    expect(mondayOfIsoWeek('2025-W01')).toBe('2024-12-30');
    for (const bad of ['2025-W53', '2026-W00', '2026-W99', '2026W50', ''])
      expect(mondayOfIsoWeek(bad)).toBeNull();
  });
});

describe('the day before', () => {
  it('is 16:00 Helsinki time on the previous calendar day, by the clock across DST and month ends', () => {
    // Winter (UTC+2): Tuesday 1 December → Monday 30 November 14:00 UTC.
    expect(dayBeforeAt('2026-12-01')).toBe(Date.UTC(2026, 10, 30, 14));
    // Monday 30 March 2026, the day after the spring change: Sunday 29 March 16:00 is UTC+3.
    expect(dayBeforeAt('2026-03-30')).toBe(Date.UTC(2026, 2, 29, 13));
    expect(dayBeforeAt('2027-01-01', '09:30')).toBe(Date.UTC(2026, 11, 31, 7, 30));
  });
});
