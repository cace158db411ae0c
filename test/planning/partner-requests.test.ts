/**
 * Partner requests as soft rules of the planner: a request limited to some weeks and weekdays
 * (`from`, `to`, `weekdays`) makes a plan visit a venue it would not visit otherwise, in those
 * weeks, on those days and in that block; the instance file keeps the old `weekday` and reads
 * and writes the new fields.
 */
import { describe, expect, it } from 'vitest';
import { DEFAULT_PARAMS, type PlanningInstance } from '../../src/core/planning/instance.ts';
import { validatePlan } from '../../src/core/planning/validate.ts';
import {
  planningInstanceFromJson,
  planningInstanceToJson,
} from '../../src/services/planning/instance-format.ts';
import { planVisits, solvePlan } from '../../src/services/planning/planner.ts';

const days = [
  '2027-01-04',
  '2027-01-05',
  '2027-01-06',
  '2027-01-07',
  '2027-01-08',
  '2027-01-11',
  '2027-01-12',
  '2027-01-13',
  '2027-01-14',
  '2027-01-15',
];
const open = Object.fromEntries(days.map((d) => [d, [['09:00', '16:00']] as const]));

/** Two weeks; V1 reaches all the need, V2 (a partner's premises) none of it. */
const x: PlanningInstance = {
  name: 'partner request',
  from: '2027-01-04',
  to: '2027-01-17',
  closedDates: [],
  groups: [{ id: 'all', weight: 1, language: null }],
  areas: [{ id: 'a', district: 'A', need: [900] }],
  districts: [{ id: 'A', minVisitsPerWeek: 1 }],
  venues: [
    { id: 'V1', district: 'A', hours: open, reach: [{ area: 0, groups: [0] }] },
    { id: 'V2', district: 'A', hours: open, reach: [] },
  ],
  blocks: [
    { id: 'morning', start: '09:30', end: '12:00' },
    { id: 'afternoon', start: '13:00', end: '15:00' },
  ],
  advisors: ['e1', 'e2'].map((id) => ({
    id,
    languages: ['fi'],
    minutesPerWeek: 2400,
    maxVisitsPerDay: 2,
    availability: [1, 2, 3, 4, 5].map((weekday) => ({ weekday, start: '09:00', end: '16:00' })),
    absences: [],
    districts: [],
  })),
  travel: new Float64Array(4).fill(10),
  pins: [],
  requests: [],
  // The product's rhythm rules: one series per venue, no one-off visits but a request's.
  params: {
    ...DEFAULT_PARAMS,
    oneOffCost: 100,
    fairnessPenalty: 100_000,
    requestValue: 200,
    maxSeriesPerVenue: 1,
    allowOneOffs: false,
    maxVenueMinutesPerWeek: 300,
  },
};

/** In the second week only, on Tuesday or Thursday, in the morning. */
const requested: PlanningInstance = {
  ...x,
  requests: [
    {
      id: 'P-7K3Q9X',
      venue: 1,
      date: null,
      weekday: null,
      block: 0,
      priority: 2,
      from: '2027-01-11',
      to: '2027-01-15',
      weekdays: [2, 4],
    },
  ],
};

describe('a partner request with weeks and weekdays', () => {
  it.each(['exact', 'heuristic'] as const)(
    'makes the %s plan visit the venue in its weeks, days and block',
    async (solver) => {
      const without = await solvePlan(x, { solver, timeLimitSeconds: 5, seed: 1 });
      expect(planVisits(without.prepared, without.visits).filter((v) => v.venueId === 'V2')).toEqual([]);

      const r = await solvePlan(requested, { solver, timeLimitSeconds: 5, seed: 1 });
      const plan = planVisits(r.prepared, r.visits);
      expect(validatePlan(requested, plan)).toEqual([]);
      // A visit meets it (others at V2 may join it into a weekly series rather than a one-off).
      const meeting = plan.filter(
        (v) =>
          v.venueId === 'V2' &&
          ['2027-01-12', '2027-01-14'].includes(v.date) &&
          v.start === '09:30' &&
          v.end === '12:00',
      );
      expect(meeting.length).toBeGreaterThanOrEqual(1);
      expect(r.breakdown.requests).toBe(400);
    },
  );

  it('is not met outside its weeks: a visit there would be a one-off the rules refuse', () => {
    const plan = [
      { venueId: 'V1', date: '2027-01-04', start: '09:30', end: '12:00', advisorIds: ['e1'] },
      { venueId: 'V1', date: '2027-01-11', start: '09:30', end: '12:00', advisorIds: ['e1'] },
    ];
    expect(validatePlan(requested, plan)).toEqual([]);
    const early = [
      ...plan,
      { venueId: 'V2', date: '2027-01-05', start: '09:30', end: '12:00', advisorIds: ['e2'] },
    ];
    expect(validatePlan(requested, early).map((v) => v.rule)).toEqual(['one-off']);
    const wrongDay = [
      ...plan,
      { venueId: 'V2', date: '2027-01-13', start: '09:30', end: '12:00', advisorIds: ['e2'] },
    ];
    expect(validatePlan(requested, wrongDay).map((v) => v.rule)).toEqual(['one-off']);
    const inside = [
      ...plan,
      { venueId: 'V2', date: '2027-01-14', start: '09:30', end: '12:00', advisorIds: ['e2'] },
    ];
    expect(validatePlan(requested, inside)).toEqual([]);
  });
});

describe('requests in the instance file', () => {
  it('reads and writes `from`, `to` and `weekdays`, and still reads the single `weekday`', () => {
    const json = planningInstanceToJson(requested);
    expect(json.requests).toEqual([
      {
        id: 'P-7K3Q9X',
        venue: 'V2',
        date: null,
        weekday: null,
        block: 'morning',
        priority: 2,
        from: '2027-01-11',
        to: '2027-01-15',
        weekdays: [2, 4],
      },
    ]);
    const back = planningInstanceFromJson(JSON.parse(JSON.stringify(json)));
    expect(back.ok && back.instance.requests).toEqual(requested.requests);
    const old = planningInstanceFromJson({
      ...JSON.parse(JSON.stringify(json)),
      requests: [{ id: 'R1', venue: 'V1', weekday: 2, block: 'morning', priority: 1 }],
    });
    expect(old.ok && old.instance.requests).toEqual([
      { id: 'R1', venue: 0, date: null, weekday: 2, block: 0, priority: 1 },
    ]);
    const reversed = planningInstanceFromJson({
      ...JSON.parse(JSON.stringify(json)),
      requests: [{ id: 'R1', venue: 'V1', from: '2027-01-12', to: '2027-01-11', priority: 1 }],
    });
    expect(reversed.ok ? [] : reversed.issues.map((i) => i.path)).toEqual(['requests[0].to']);
  });
});
