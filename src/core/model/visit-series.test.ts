import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays, type IsoDate, isoWeekday } from '../time/civil-time.ts';
import {
  byDate,
  groupSeries,
  languagesOn,
  rhythmOf,
  type SeriesVisit,
  staffLanguages,
  statementsOf,
  topicsOn,
} from './visit-series.ts';

/** Tuesdays from 1 December 2026. */
const tue = (week: number) => addDays('2026-12-01', 7 * week);

const visit = (date: IsoDate, languages: string[], extra: Partial<SeriesVisit> = {}): SeriesVisit => ({
  venueId: 'LIB',
  date,
  start: '09:30',
  end: '12:00',
  cancelled: false,
  languages,
  topicIds: ['device-help'],
  ...extra,
});

describe('rhythm of a series', () => {
  it('is once for a single date', () => {
    expect(rhythmOf([tue(0)])).toEqual({ rhythm: 'once', skipped: [] });
  });

  it('is weekly, naming the weeks it skips', () => {
    expect(rhythmOf([tue(0), tue(1), tue(2), tue(3)])).toEqual({ rhythm: 'weekly', skipped: [] });
    // Not at Christmas: 22 and 29 December.
    expect(rhythmOf([tue(2), tue(0), tue(1), tue(5), tue(6)])).toEqual({
      rhythm: 'weekly',
      skipped: ['2026-12-22', '2026-12-29'],
    });
  });

  it('is every other week, naming the fortnights it skips', () => {
    expect(rhythmOf([tue(0), tue(2), tue(4)])).toEqual({ rhythm: 'fortnightly', skipped: [] });
    expect(rhythmOf([tue(0), tue(2), tue(6), tue(8)])).toEqual({
      rhythm: 'fortnightly',
      skipped: ['2026-12-29'],
    });
  });

  it('is irregular when the gaps follow no rhythm or too many dates are skipped', () => {
    expect(rhythmOf([tue(0), tue(3)])).toEqual({ rhythm: 'irregular', skipped: [] });
    expect(rhythmOf([tue(0), tue(2), tue(5)])).toEqual({ rhythm: 'irregular', skipped: [] });
    // Weekly on paper, but three of five weeks missing.
    expect(rhythmOf([tue(0), tue(1), tue(5)])).toEqual({ rhythm: 'irregular', skipped: [] });
  });
});

describe('languages and topics by date', () => {
  it('separates what is there every time from what is there on some dates only', () => {
    const by = byDate(
      new Map([
        [tue(0), ['en', 'fi']],
        [tue(1), ['en', 'fi', 'so']],
        [tue(2), ['ar', 'en', 'fi']],
        [tue(3), ['en', 'fi', 'so']],
      ]),
    );
    expect(by).toEqual({
      everyTime: ['en', 'fi'],
      someDates: [
        { dates: [tue(1), tue(3)], items: ['so'] },
        { dates: [tue(2)], items: ['ar'] },
      ],
    });
  });

  it('groups items offered on the same dates together', () => {
    const by = byDate(
      new Map([
        [tue(0), ['fi']],
        [tue(1), ['ar', 'so']],
      ]),
    );
    expect(by).toEqual({
      everyTime: [],
      someDates: [
        { dates: [tue(0)], items: ['fi'] },
        { dates: [tue(1)], items: ['ar', 'so'] },
      ],
    });
  });

  it('names the dates an item is missing when that list is the shorter one', () => {
    const held = [tue(0), tue(1), tue(2), tue(3)];
    const by = byDate(
      new Map([
        [tue(0), ['ar', 'fi']],
        [tue(1), ['fi', 'so']],
        [tue(2), ['ar', 'fi', 'so']],
        [tue(3), ['ar', 'fi']],
      ]),
    );
    expect(statementsOf(by, held)).toEqual([
      { on: 'every', items: ['fi'] },
      { on: 'except', dates: [tue(1)], items: ['ar'] },
      // Two of four: the dates it is there are as short as those it is not.
      { on: 'only', dates: [tue(1), tue(2)], items: ['so'] },
    ]);
  });

  it('lists a language once however many advisors speak it', () => {
    expect(
      staffLanguages([{ languages: ['fi', 'en'] }, { languages: ['ar', 'fi'] }, { languages: [] }]),
    ).toEqual(['ar', 'en', 'fi']);
  });
});

describe('grouping visits into series', () => {
  it('groups by place, weekday and hours, with cancelled dates apart and their languages left out', () => {
    const series = groupSeries(
      [
        visit(tue(2), ['ar', 'en', 'fi']),
        visit(tue(0), ['en', 'fi']),
        visit(tue(1), ['ru', 'fi'], { cancelled: true }),
        visit(tue(4), ['en', 'fi'], { topicIds: ['device-help', 'kela'] }),
        visit(tue(0), ['sv'], { start: '13:00', end: '15:00' }),
        visit(addDays(tue(0), 1), ['fi'], { venueId: 'SEN' }),
      ],
      (v) => v,
    );
    expect(series.map((s) => [s.venueId, s.weekday, s.start])).toEqual([
      ['LIB', 2, '09:30'],
      ['LIB', 2, '13:00'],
      ['SEN', 3, '09:30'],
    ]);
    const [main] = series;
    expect(main?.dates).toEqual([tue(0), tue(2), tue(4)]);
    expect(main?.cancelled).toEqual([tue(1)]);
    expect(main?.rhythm).toBe('weekly');
    expect(main?.skipped).toEqual([tue(3)]);
    expect(main?.languages).toEqual({
      everyTime: ['en', 'fi'],
      someDates: [{ dates: [tue(2)], items: ['ar'] }],
    });
    expect(main?.topics).toEqual({
      everyTime: ['device-help'],
      someDates: [{ dates: [tue(4)], items: ['kela'] }],
    });
    if (!main) return;
    expect(languagesOn(main, tue(0))).toEqual(['en', 'fi']);
    expect(languagesOn(main, tue(2))).toEqual(['en', 'fi', 'ar']);
    // Nobody is there on a cancelled or skipped date.
    expect(languagesOn(main, tue(1))).toEqual([]);
    expect(languagesOn(main, tue(3))).toEqual([]);
    expect(topicsOn(main, tue(4))).toEqual(['device-help', 'kela']);
  });

  it('counts a date as held when one of two visits that day is cancelled', () => {
    const [series] = groupSeries(
      [visit(tue(0), ['fi'], { cancelled: true }), visit(tue(0), ['sv']), visit(tue(1), ['sv'])],
      (v) => v,
    );
    expect(series?.dates).toEqual([tue(0), tue(1)]);
    expect(series?.cancelled).toEqual([]);
    expect(series?.languages.everyTime).toEqual(['sv']);
  });
});

describe('series properties', () => {
  const LANGUAGES = ['fi', 'sv', 'en', 'ar', 'so', 'ru', 'et'];
  const advisorsArb = fc.array(fc.subarray(LANGUAGES), { minLength: 1, maxLength: 6 });
  const scenarioArb = advisorsArb.chain((advisors) =>
    fc.record({
      advisors: fc.constant(advisors),
      visits: fc.array(
        fc.record({
          venueId: fc.constantFrom('LIB', 'SEN'),
          week: fc.integer({ min: 0, max: 7 }),
          day: fc.integer({ min: 0, max: 1 }),
          slot: fc.constantFrom(['09:30', '12:00'], ['13:00', '15:00']),
          cancelled: fc.boolean(),
          staff: fc.subarray(advisors.map((_, i) => i)),
        }),
        { maxLength: 40 },
      ),
    }),
  );

  it('shows a language for a date exactly when an advisor staffed that date speaks it', () => {
    fc.assert(
      fc.property(scenarioArb, ({ advisors, visits }) => {
        const input = visits.map((v) => ({
          venueId: v.venueId,
          date: addDays('2026-11-30', 7 * v.week + v.day),
          start: v.slot[0] as string,
          end: v.slot[1] as string,
          cancelled: v.cancelled,
          staff: v.staff,
        }));
        const series = groupSeries(input, (v) => ({
          ...v,
          languages: staffLanguages(v.staff.map((i) => ({ languages: advisors[i] ?? [] }))),
          topicIds: [],
        }));
        // Every visit in exactly one series.
        expect(series.reduce((n, s) => n + s.visits.length, 0)).toBe(input.length);
        for (const s of series) {
          for (const date of [...s.dates, ...s.cancelled, ...s.skipped]) {
            const spoken = new Set(
              s.visits
                .filter((v) => v.date === date && !v.cancelled)
                .flatMap((v) => v.staff.flatMap((i) => advisors[i] ?? [])),
            );
            const shown = languagesOn(s, date);
            expect(new Set(shown)).toEqual(spoken);
            // And each language at most once for a date.
            expect(shown.length).toBe(spoken.size);
          }
        }
      }),
    );
  });

  it('tells a rhythm whose dates, cancelled and skipped dates fill the span exactly', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.integer({ min: 0, max: 9 }), { minLength: 1, maxLength: 10 }),
        (weeks) => {
          const dates = weeks.map(tue);
          const { rhythm, skipped } = rhythmOf(dates);
          const sorted = [...dates].sort();
          const first = sorted[0] as IsoDate;
          const last = sorted.at(-1) as IsoDate;
          for (const d of skipped) {
            expect(d > first && d < last).toBe(true);
            expect(isoWeekday(d)).toBe(2);
            expect(dates).not.toContain(d);
          }
          if (rhythm === 'weekly' || rhythm === 'fortnightly') {
            const step = rhythm === 'weekly' ? 7 : 14;
            const grid: IsoDate[] = [];
            for (let d = first; d <= last; d = addDays(d, step)) grid.push(d);
            expect([...sorted, ...skipped].sort()).toEqual(grid);
            expect(skipped.length * 3).toBeLessThanOrEqual(grid.length);
          } else {
            expect(skipped).toEqual([]);
            expect(rhythm === 'once').toBe(dates.length === 1);
          }
        },
      ),
    );
  });
});
