/**
 * Finnish public holidays (from date-holidays, country FI) plus the days a city closes
 * its services on top of them (e.g. Christmas Eve, Midsummer Eve).
 *
 * A city closure rule uses date-holidays' rule syntax: `12-24` (every 24 December),
 * `friday after 06-19` (Midsummer Eve), `2026-05-15` (one date). Rules are validated
 * when the calendar is created, so a typo in configuration fails at start-up, not on
 * the day it matters.
 */
import Holidays from 'date-holidays';
import { LANGS, type LocalizedText } from '../i18n.ts';
import { err, ok, type Result } from '../result.ts';
import type { IsoDate } from './civil-time.ts';

export interface ClosureRule {
  /** date-holidays rule, e.g. `12-24` or `friday after 06-19`. */
  readonly rule: string;
  readonly name: LocalizedText;
}

export type DayKind = 'public-holiday' | 'city-closure' | 'holiday-eve';

export interface SpecialDay {
  readonly date: IsoDate;
  readonly kind: DayKind;
  readonly name: LocalizedText;
  /** True when the city's services are closed (public holidays and city closures). */
  readonly closed: boolean;
}

export interface HolidayCalendar {
  /** The special day on `date`, if any (closed or not). */
  specialDay(date: IsoDate): SpecialDay | undefined;
  /** True on Finnish public holidays and the city's closure days. */
  isClosed(date: IsoDate): boolean;
  /** Every special day of a year, in date order. */
  specialDaysOfYear(year: number): SpecialDay[];
}

export function createHolidayCalendar(closureRules: readonly ClosureRule[] = []): Result<HolidayCalendar> {
  const hd = new Holidays('FI', { types: ['public', 'bank'] });
  const cityRules = new Set<string>();
  for (const [index, closure] of closureRules.entries()) {
    const accepted = hd.setHoliday(closure.rule, { name: { ...closure.name }, type: 'public' });
    if (!accepted) {
      return err(`closure rule ${index + 1} ("${closure.rule}") is not a valid date-holidays rule`);
    }
    cityRules.add(closure.rule);
  }

  const byYear = new Map<number, Map<IsoDate, SpecialDay>>();
  const yearTable = (year: number): Map<IsoDate, SpecialDay> => {
    const cached = byYear.get(year);
    if (cached) return cached;
    const names = new Map<IsoDate, Record<string, string>>();
    const base = new Map<IsoDate, { rule: string; type: string }>();
    for (const lang of LANGS) {
      for (const h of hd.getHolidays(year, lang)) {
        // `date` is the local calendar date as "YYYY-MM-DD hh:mm:ss"; never go through a JS Date.
        const date = h.date.slice(0, 10);
        const entry = names.get(date) ?? {};
        entry[lang] ??= h.name;
        names.set(date, entry);
        if (!base.has(date) || cityRules.has(h.rule)) base.set(date, { rule: h.rule, type: h.type });
      }
    }
    const table = new Map<IsoDate, SpecialDay>();
    for (const [date, { rule, type }] of [...base.entries()].sort(([a], [b]) => a.localeCompare(b))) {
      const n = names.get(date) ?? {};
      const fallback = n.fi ?? n.en ?? n.sv ?? rule;
      const name: LocalizedText = { fi: n.fi ?? fallback, sv: n.sv ?? fallback, en: n.en ?? fallback };
      const kind: DayKind = cityRules.has(rule)
        ? 'city-closure'
        : type === 'public'
          ? 'public-holiday'
          : 'holiday-eve';
      table.set(date, { date, kind, name, closed: kind !== 'holiday-eve' });
    }
    byYear.set(year, table);
    return table;
  };

  return ok({
    specialDay(date) {
      return yearTable(Number(date.slice(0, 4))).get(date);
    },
    isClosed(date) {
      return yearTable(Number(date.slice(0, 4))).get(date)?.closed ?? false;
    },
    specialDaysOfYear(year) {
      return [...yearTable(year).values()];
    },
  });
}
