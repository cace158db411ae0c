import { describe, expect, it } from 'vitest';
import { createHolidayCalendar } from './holidays.ts';

const cityRules = [
  { rule: '12-24', name: { fi: 'Jouluaatto', sv: 'Julafton', en: 'Christmas Eve' } },
  { rule: 'friday after 06-19', name: { fi: 'Juhannusaatto', sv: 'Midsommarafton', en: 'Midsummer Eve' } },
];

describe('holiday calendar', () => {
  it('closes on Finnish public holidays with names in three languages', () => {
    const cal = createHolidayCalendar();
    if (!cal.ok) throw new Error(cal.error);
    const independence = cal.value.specialDay('2026-12-06');
    expect(independence).toMatchObject({ kind: 'public-holiday', closed: true });
    expect(independence?.name).toEqual({
      fi: 'itsenäisyyspäivä',
      sv: 'självständighetsdagen',
      en: 'Independence Day',
    });
    // Moving feasts: Good Friday and Ascension Day 2026.
    expect(cal.value.isClosed('2026-04-03')).toBe(true);
    expect(cal.value.isClosed('2026-05-14')).toBe(true);
    expect(cal.value.isClosed('2026-12-01')).toBe(false);
  });

  it('treats holiday eves as open unless the city closes them', () => {
    const national = createHolidayCalendar();
    const city = createHolidayCalendar(cityRules);
    if (!national.ok || !city.ok) throw new Error('calendar');
    expect(national.value.specialDay('2026-12-24')).toMatchObject({ kind: 'holiday-eve', closed: false });
    expect(city.value.specialDay('2026-12-24')).toMatchObject({ kind: 'city-closure', closed: true });
    expect(city.value.specialDay('2026-12-24')?.name.sv).toBe('Julafton');
    // Midsummer Eve is the Friday between 19 and 25 June.
    expect(city.value.isClosed('2026-06-19')).toBe(true);
    expect(city.value.isClosed('2027-06-25')).toBe(true);
    expect(city.value.isClosed('2027-06-18')).toBe(false);
    // New Year's Eve stays a working day.
    expect(city.value.isClosed('2026-12-31')).toBe(false);
  });

  it('rejects a rule date-holidays cannot read', () => {
    const cal = createHolidayCalendar([{ rule: 'every blue moon', name: { fi: 'x', sv: 'x', en: 'x' } }]);
    expect(cal.ok).toBe(false);
  });

  it('lists a year in date order', () => {
    const cal = createHolidayCalendar(cityRules);
    if (!cal.ok) throw new Error(cal.error);
    const days = cal.value.specialDaysOfYear(2026).map((d) => d.date);
    expect(days).toEqual([...days].sort());
    expect(days).toContain('2026-01-01');
    expect(days).toContain('2026-06-19');
  });
});
