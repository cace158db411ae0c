import { describe, expect, it } from 'vitest';
import { type AdvisorVisit, currentVisitOf } from './advisor-service.ts';

/** A visit today (or not) from `start` to `end`, with the advisor's own times. */
const visit = (id: string, start: string, end: string, more: Partial<AdvisorVisit> = {}): AdvisorVisit =>
  ({
    item: { visit: { id, start, end, status: 'published' } },
    site: null,
    hours: null,
    checkedInAtMs: null,
    checkedOutAtMs: null,
    today: true,
    ...more,
  }) as unknown as AdvisorVisit;

/** 1 December 2026 at a Helsinki wall time. */
const at = (time: string) => Date.parse(`2026-12-01T${time}:00+02:00`);

describe('the visit a contact logged now belongs to', () => {
  const morning = visit('m', '09:30', '12:00');
  const afternoon = visit('a', '13:00', '15:00');

  it('is the one going on, else the next one, else the day’s last', () => {
    expect(currentVisitOf([morning, afternoon], at('10:00'))).toBe('m');
    expect(currentVisitOf([morning, afternoon], at('08:00'))).toBe('m');
    expect(currentVisitOf([morning, afternoon], at('12:30'))).toBe('a');
    expect(currentVisitOf([morning, afternoon], at('17:00'))).toBe('a');
  });

  it('is the one checked into and not out of, whatever the time', () => {
    const late = visit('m', '09:30', '12:00', { checkedInAtMs: at('09:35') });
    expect(currentVisitOf([late, afternoon], at('13:30'))).toBe('m');
    const left = visit('m', '09:30', '12:00', { checkedInAtMs: at('09:35'), checkedOutAtMs: at('12:05') });
    expect(currentVisitOf([left, afternoon], at('12:10'))).toBe('a');
  });

  it('is none on a day without a visit, and never a cancelled one', () => {
    expect(currentVisitOf([visit('t', '09:30', '12:00', { today: false })], at('10:00'))).toBeNull();
    const cancelled = visit('c', '09:30', '12:00');
    (cancelled.item.visit as { status: string }).status = 'cancelled';
    expect(currentVisitOf([cancelled], at('10:00'))).toBeNull();
  });
});
