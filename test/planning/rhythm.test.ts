/**
 * The rhythm rules (docs/planning-model.md, "Rhythm"): the validator rejects a plan that breaks
 * each of them (the Espoo demo's plan keeping them all is in instances.test.ts).
 */
import { describe, expect, it } from 'vitest';
import { DEFAULT_PARAMS, type PlanningInstance } from '../../src/core/planning/instance.ts';
import { type PlanVisit, validatePlan } from '../../src/core/planning/validate.ts';
import { planVisits, solvePlan } from '../../src/services/planning/planner.ts';

const weekdays = ['2027-01-04', '2027-01-05', '2027-01-06', '2027-01-07', '2027-01-08'];
const nextWeek = ['2027-01-11', '2027-01-12', '2027-01-13', '2027-01-14', '2027-01-15'];
const open = Object.fromEntries([...weekdays, ...nextWeek].map((d) => [d, [['09:00', '16:00']] as const]));

/** Two weeks, district A (90 % of the need) with two venues, district B (10 %) with two. */
const x: PlanningInstance = {
  name: 'rhythm rules',
  from: '2027-01-04',
  to: '2027-01-17',
  closedDates: [],
  groups: [{ id: 'all', weight: 1, language: null }],
  areas: [
    { id: 'a', district: 'A', need: [900] },
    { id: 'b', district: 'B', need: [100] },
  ],
  districts: [
    { id: 'A', minVisitsPerWeek: 1 },
    { id: 'B', minVisitsPerWeek: 1 },
  ],
  venues: [
    { id: 'V1', district: 'A', hours: open, reach: [{ area: 0, groups: [0] }] },
    { id: 'V2', district: 'A', hours: open, reach: [{ area: 0, groups: [0] }] },
    { id: 'V3', district: 'B', hours: open, reach: [{ area: 1, groups: [0] }] },
    { id: 'V4', district: 'B', hours: open, reach: [{ area: 1, groups: [0] }] },
  ],
  blocks: [
    { id: 'morning', start: '09:30', end: '12:00' },
    { id: 'afternoon', start: '13:00', end: '15:00' },
  ],
  advisors: ['e1', 'e2', 'e3'].map((id) => ({
    id,
    languages: ['fi'],
    minutesPerWeek: 2400,
    maxVisitsPerDay: 2,
    availability: [1, 2, 3, 4, 5].map((weekday) => ({ weekday, start: '09:00', end: '16:00' })),
    absences: [],
    districts: [],
  })),
  travel: new Float64Array(16).fill(10),
  pins: [],
  requests: [],
  params: {
    ...DEFAULT_PARAMS,
    maxSeriesPerVenue: 1,
    allowOneOffs: false,
    maxDistrictShareFactor: 2,
    maxVenueMinutesPerWeek: 200,
  },
};

const visit = (venueId: string, date: string, block: 'am' | 'pm', advisor = 'e1'): PlanVisit => ({
  venueId,
  date,
  start: block === 'am' ? '09:30' : '13:00',
  end: block === 'am' ? '12:00' : '15:00',
  advisorIds: [advisor],
});
/** Every week: Monday mornings at V1 (A), Tuesday mornings at V3 (B). */
const valid = [
  visit('V1', '2027-01-04', 'am'),
  visit('V1', '2027-01-11', 'am'),
  visit('V3', '2027-01-05', 'am', 'e2'),
  visit('V3', '2027-01-12', 'am', 'e2'),
];
const rules = (plan: PlanVisit[]) => [...new Set(validatePlan(x, plan).map((v) => v.rule))].sort();

describe('the validator and the rhythm rules', () => {
  it('accepts a plan of one weekly series per venue', () => {
    expect(validatePlan(x, valid)).toEqual([]);
  });

  it('rejects a second series at a venue', () => {
    const plan = [...valid, visit('V1', '2027-01-06', 'pm', 'e3'), visit('V1', '2027-01-13', 'pm', 'e3')];
    expect(rules(plan)).toContain('series');
    expect(validatePlan(x, plan).find((v) => v.rule === 'series')?.message).toMatch(
      /^V1 has 2 series \(weekday and time\), at most 1/,
    );
  });

  it('rejects a one-off visit, but not a visit that meets a partner request', () => {
    const plan = [...valid, visit('V2', '2027-01-07', 'am', 'e3')];
    expect(rules(plan)).toEqual(['one-off']);
    const requested = {
      ...x,
      requests: [{ id: 'r1', venue: 1, date: '2027-01-07', weekday: null, block: null, priority: 1 }],
    };
    expect(validatePlan(requested, plan)).toEqual([]);
  });

  it('rejects too many minutes at one venue in a week', () => {
    const plan = [...valid, visit('V1', '2027-01-04', 'pm', 'e2'), visit('V1', '2027-01-11', 'pm', 'e3')];
    expect(rules(plan)).toContain('venue-week-minutes');
    expect(validatePlan(x, plan).find((v) => v.rule === 'venue-week-minutes')?.message).toBe(
      'V1 has 270 min of visits in week 1, at most 200',
    );
  });

  it('rejects a district with more than twice its share of the need', () => {
    // B has 10 % of the need: with three visits a week, at most 2 × 0.1 × 3 + 1 = 1.6.
    const plan = [...valid, visit('V4', '2027-01-06', 'am', 'e3'), visit('V4', '2027-01-13', 'am', 'e3')];
    expect(rules(plan)).toEqual(['district-share']);
  });

  it('rejects a new visit a short walk from an open fixed point', () => {
    const near = { ...x, venues: x.venues.map((v) => (v.id === 'V1' ? { ...v, nearFixedPoint: 'P1' } : v)) };
    expect(rules(valid.length ? [...valid] : [])).toEqual([]);
    expect(
      validatePlan(near, valid)
        .filter((v) => v.rule === 'near-fixed-point')
        .map((v) => v.message),
    ).toEqual([
      'V1 2027-01-04 09:30–12:00: the venue is a short walk from the open fixed point P1',
      'V1 2027-01-11 09:30–12:00: the venue is a short walk from the open fixed point P1',
    ]);
  });

  it('lets every rule be switched off per plan', () => {
    const off = {
      ...x,
      params: {
        ...x.params,
        maxSeriesPerVenue: 0,
        allowOneOffs: true,
        maxDistrictShareFactor: 0,
        maxVenueMinutesPerWeek: 0,
      },
    };
    const plan = [
      ...valid,
      visit('V1', '2027-01-04', 'pm', 'e2'),
      visit('V2', '2027-01-07', 'am', 'e3'),
      visit('V4', '2027-01-06', 'am', 'e3'),
      visit('V4', '2027-01-13', 'am', 'e3'),
    ];
    expect(validatePlan(off, plan)).toEqual([]);
  });

  it('plans within the rules: the exact model and the heuristic', async () => {
    for (const solver of ['exact', 'heuristic'] as const) {
      const r = await solvePlan(x, { solver, timeLimitSeconds: 5 });
      expect(validatePlan(x, planVisits(r.prepared, r.visits)), solver).toEqual([]);
      expect(r.bound).toBeGreaterThanOrEqual(r.objective - 1e-6);
    }
  });
});
