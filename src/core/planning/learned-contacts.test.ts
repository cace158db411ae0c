/**
 * Contacts learned from the log: a venue's learned mean for a visit's exact times replaces the
 * estimate from the need, in the solvers' staffing (`prepare`), in the independent validator and
 * in the explanation; other times and other venues keep the estimate.
 */
import { describe, expect, it } from 'vitest';
import { explainPlan } from './explain.ts';
import { DEFAULT_PARAMS, type PlanningInstance, type PlanningVenue } from './instance.ts';
import { prepare } from './prepare.ts';
import { type PlanVisit, validatePlan } from './validate.ts';

const MONDAY = '2026-12-07';

/**
 * One Monday, two venues reaching 1,500 weighted residents each (1.5 contacts expected from the
 * need: one advisor), blocks 09:30–12:00 (2.5 h: 10 contacts for one advisor at 4 an hour) and
 * 13:00–15:00, and two advisors. Venue LIB has learned 12 contacts per morning visit.
 */
function instance(
  learned: PlanningVenue['learnedContacts'],
  params: Partial<PlanningInstance['params']> = {},
): PlanningInstance {
  const venue = (id: string, area: number): PlanningVenue => ({
    id,
    district: 'D',
    hours: { [MONDAY]: [['09:00', '16:00']] },
    reach: [{ area, groups: [0] }],
  });
  return {
    name: 'learned',
    from: MONDAY,
    to: MONDAY,
    closedDates: [],
    groups: [{ id: 'age75plus', weight: 3, language: null }],
    areas: [
      { id: 'A1', district: 'D', need: [500] },
      { id: 'A2', district: 'D', need: [500] },
    ],
    districts: [{ id: 'D', minVisitsPerWeek: 0 }],
    venues: [{ ...venue('LIB', 0), ...(learned ? { learnedContacts: learned } : {}) }, venue('HALL', 1)],
    blocks: [
      { id: 'morning', start: '09:30', end: '12:00' },
      { id: 'afternoon', start: '13:00', end: '15:00' },
    ],
    advisors: ['ADV1', 'ADV2'].map((id) => ({
      id,
      languages: ['fi'],
      minutesPerWeek: 37.5 * 60,
      maxVisitsPerDay: 2,
      availability: [{ weekday: 1, start: '08:00', end: '16:00' }],
      absences: [],
      districts: [],
    })),
    travel: Float64Array.from([0, 20, 20, 0]),
    pins: [],
    requests: [],
    params: {
      ...DEFAULT_PARAMS,
      contactsPerThousand: 1,
      contactsPerAdvisorHour: 4,
      maxAdvisorsPerVisit: 2,
      ...params,
    },
  };
}

const MORNING_12 = [{ start: '09:30', end: '12:00', contactsPerVisit: 12, visits: 8 }];

const candidate = (x: PlanningInstance, venue: string, start: string) => {
  const P = prepare(x);
  const v = x.venues.findIndex((s) => s.id === venue);
  const [h = 0, m = 0] = start.split(':').map(Number);
  const c = P.candidates.find((k) => k.venue === v && k.start === h * 60 + m);
  if (!c) throw new Error(`no candidate ${venue} ${start}`);
  return c;
};

const visit = (venueId: string, start: string, end: string, advisorIds: string[]): PlanVisit => ({
  venueId,
  date: MONDAY,
  start,
  end,
  advisorIds,
});

describe('learned contacts in the staffing', () => {
  it('the need alone asks for one advisor', () => {
    const c = candidate(instance(undefined), 'LIB', '09:30');
    expect(c).toMatchObject({ staff: 1, expectedFrom: 'need' });
    expect(c.expectedContacts).toBeCloseTo(1.5, 9);
  });

  it('12 learned contacts per 2.5-hour visit at 4 an hour ask for two', () => {
    const x = instance(MORNING_12);
    expect(candidate(x, 'LIB', '09:30')).toMatchObject({
      staff: 2,
      expectedContacts: 12,
      expectedFrom: 'logs',
    });
    // Other times at the venue, and other venues, keep the estimate from the need.
    expect(candidate(x, 'LIB', '13:00')).toMatchObject({ staff: 1, expectedFrom: 'need' });
    expect(candidate(x, 'HALL', '09:30')).toMatchObject({ staff: 1, expectedFrom: 'need' });
  });

  it('matches exact times only, and stays within the advisors a visit may have', () => {
    const shifted = [{ start: '09:00', end: '12:00', contactsPerVisit: 12, visits: 8 }];
    expect(candidate(instance(shifted), 'LIB', '09:30')).toMatchObject({ staff: 1, expectedFrom: 'need' });
    expect(candidate(instance(MORNING_12, { maxAdvisorsPerVisit: 1 }), 'LIB', '09:30')).toMatchObject({
      staff: 1,
      expectedFrom: 'logs',
    });
    // Fewer contacts learned than the need suggests count too (one advisor, from the log).
    const quiet = [{ start: '09:30', end: '12:00', contactsPerVisit: 0, visits: 6 }];
    expect(candidate(instance(quiet), 'LIB', '09:30')).toMatchObject({
      staff: 1,
      expectedContacts: 0,
      expectedFrom: 'logs',
    });
  });

  it('pinned visits at those times carry the learned figure', () => {
    const base = instance(MORNING_12);
    const x: PlanningInstance = {
      ...base,
      pins: [{ venue: 0, date: MONDAY, start: '09:30', end: '12:00', advisors: [0], visitId: 'V1' }],
    };
    const P = prepare(x);
    const pinned = P.candidates.find((c) => c.pin === 0);
    expect(pinned).toMatchObject({ expectedContacts: 12, expectedFrom: 'logs', staff: 1 });
  });

  it('the validator agrees: one advisor at the learned block is too few, elsewhere enough', () => {
    const x = instance(MORNING_12);
    const one = validatePlan(x, [visit('LIB', '09:30', '12:00', ['ADV1'])]);
    expect(one).toHaveLength(1);
    expect(one[0]).toMatchObject({ rule: 'staffing', visit: 0 });
    expect(one[0]?.message).toContain('needs 2 advisors');
    expect(validatePlan(x, [visit('LIB', '09:30', '12:00', ['ADV1', 'ADV2'])])).toEqual([]);
    expect(validatePlan(x, [visit('LIB', '13:00', '15:00', ['ADV1'])])).toEqual([]);
    expect(validatePlan(x, [visit('HALL', '09:30', '12:00', ['ADV1'])])).toEqual([]);
    // Without the learned contacts the same one-advisor visit is fine.
    expect(validatePlan(instance(undefined), [visit('LIB', '09:30', '12:00', ['ADV1'])])).toEqual([]);
  });

  it('the validator and prepare agree on every candidate', () => {
    for (const learned of [
      undefined,
      MORNING_12,
      [{ start: '13:00', end: '15:00', contactsPerVisit: 9, visits: 6 }],
    ])
      for (const maxAdvisorsPerVisit of [1, 2]) {
        const x = instance(learned, { maxAdvisorsPerVisit });
        const P = prepare(x);
        for (const c of P.candidates) {
          const start = `${String(Math.floor(c.start / 60)).padStart(2, '0')}:${String(c.start % 60).padStart(2, '0')}`;
          const end = `${String(Math.floor(c.end / 60)).padStart(2, '0')}:${String(c.end % 60).padStart(2, '0')}`;
          const venueId = x.venues[c.venue]?.id ?? '';
          const ids = x.advisors.map((a) => a.id);
          const enough = validatePlan(x, [visit(venueId, start, end, ids.slice(0, c.staff))]);
          expect(enough, `${venueId} ${start} with ${c.staff}`).toEqual([]);
          if (c.staff > 1)
            expect(
              validatePlan(x, [visit(venueId, start, end, ids.slice(0, c.staff - 1))]).map((v) => v.rule),
            ).toEqual(['staffing']);
        }
      }
  });

  it('the explanation says where the expected contacts came from', () => {
    const x = instance(MORNING_12);
    const P = prepare(x);
    const morning = P.candidates.find((c) => c.venue === 0 && c.start === 570);
    const hall = P.candidates.find((c) => c.venue === 1 && c.start === 780);
    if (!morning || !hall) throw new Error('candidates missing');
    const e = explainPlan(P, [
      { candidate: morning.index, advisors: [0, 1] },
      { candidate: hall.index, advisors: [0] },
    ]);
    expect(e.visits.map((v) => [v.expectedContacts, v.expectedFrom])).toEqual([
      [12, 'logs'],
      [1.5, 'need'],
    ]);
  });
});
