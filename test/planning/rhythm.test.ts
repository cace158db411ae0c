/**
 * The rhythm rules (docs/planning-model.md, "Rhythm"): the validator rejects a plan that breaks
 * each of them (the Espoo demo's plan keeping them all is in instances.test.ts).
 */
import { describe, expect, it } from 'vitest';
import { evaluate } from '../../src/core/planning/evaluate.ts';
import { DEFAULT_PARAMS, type PlanningInstance } from '../../src/core/planning/instance.ts';
import { planningMilp, visitsOf } from '../../src/core/planning/milp.ts';
import { prepare } from '../../src/core/planning/prepare.ts';
import { type PlanVisit, validatePlan } from '../../src/core/planning/validate.ts';
import { solveMilp } from '../../src/services/milp/highs.ts';
import { planVisits, solvePlan } from '../../src/services/planning/planner.ts';

/**
 * The plans of the MILP alone (the exact solver also runs the heuristic and keeps the better
 * plan, which would hide a wrong model), the exact solver and the heuristic, with each one's
 * objective by `evaluate`.
 */
async function plansOf(inst: PlanningInstance) {
  const P = prepare(inst);
  const m = planningMilp(P);
  const own = await solveMilp(m, { timeLimitSeconds: 30, relativeGap: 0 });
  if (!own.ok || !own.colValue) throw new Error('the model was not solved');
  const model = visitsOf(m, own.colValue);
  const out = [{ solver: 'model', plan: planVisits(P, model), breakdown: evaluate(P, model) }];
  for (const solver of ['exact', 'heuristic'] as const) {
    const r = await solvePlan(inst, { solver, timeLimitSeconds: 5 });
    out.push({ solver, plan: planVisits(r.prepared, r.visits), breakdown: r.breakdown });
  }
  return out;
}

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

describe('a pinned series', () => {
  // Wednesday afternoons at V4 (district B), every week from the first.
  const pinned: PlanningInstance = {
    ...x,
    seriesPins: [
      { id: 'P1', venue: 3, weekday: 3, start: '13:00', end: '15:00', every: 1, since: '2027-01-04' },
    ],
  };

  it('is kept by the exact model and the heuristic, and the validator asks for every date', async () => {
    for (const { solver, plan } of await plansOf(pinned)) {
      expect(validatePlan(pinned, plan), solver).toEqual([]);
      const atV4 = plan.filter((v) => v.venueId === 'V4').map((v) => `${v.date} ${v.start}`);
      expect(atV4, solver).toEqual(['2027-01-06 13:00', '2027-01-13 13:00']);
    }
    const pinnedRules = (plan: PlanVisit[]) =>
      [...new Set(validatePlan(pinned, plan).map((v) => v.rule))].sort();
    const missing = pinnedRules([...valid, visit('V4', '2027-01-06', 'pm', 'e3')]);
    expect(missing).toContain('series-pin');
    // The series' own visits are no one-offs, and they hold with the rest.
    expect(
      pinnedRules([...valid, visit('V4', '2027-01-06', 'pm', 'e3'), visit('V4', '2027-01-13', 'pm', 'e3')]),
    ).toEqual(['district-share']);
  });

  it('every other week counts from its first date, and skips a closed day', () => {
    const fortnightly: PlanningInstance = {
      ...x,
      closedDates: ['2027-01-06'],
      seriesPins: [
        { id: 'P2', venue: 0, weekday: 3, start: '09:30', end: '12:00', every: 2, since: '2026-12-30' },
      ],
    };
    // 30.12. + 2 weeks = 13.1. (6.1. is closed and not in the series' weeks anyway).
    expect(validatePlan(fortnightly, valid).map((v) => v.message)).toEqual([
      'pinned series P2: V1 2027-01-13 09:30–12:00 is missing',
    ]);
    const closedAlso: PlanningInstance = { ...fortnightly, closedDates: ['2027-01-13'] };
    expect(validatePlan(closedAlso, valid)).toEqual([]);
  });
});

describe('advisor continuity (a soft rule)', () => {
  // One venue, one weekly series, three advisors each free on it: the same advisor staffs it.
  const one: PlanningInstance = {
    ...x,
    venues: [x.venues[0] as PlanningInstance['venues'][number]],
    districts: [{ id: 'A', minVisitsPerWeek: 1 }],
    areas: [{ id: 'a', district: 'A', need: [900] }],
    travel: new Float64Array(1),
    params: { ...x.params, continuityCost: 50, maxDistrictShareFactor: 0 },
  };

  it('staffs a series with the same advisors where they are free; the objective counts the others', async () => {
    for (const { solver, plan, breakdown } of await plansOf(one)) {
      expect(validatePlan(one, plan), solver).toEqual([]);
      const bySeries = new Map<string, Set<string>>();
      for (const v of plan) {
        const key = `${v.venueId} ${new Date(`${v.date}T00:00:00Z`).getUTCDay()} ${v.start}`;
        const set = bySeries.get(key) ?? bySeries.set(key, new Set()).get(key);
        for (const a of v.advisorIds) set?.add(a);
      }
      expect(
        [...bySeries.values()].map((s) => s.size),
        solver,
      ).toEqual([1]);
      expect(breakdown.continuity, solver).toBe(0);
    }
    // With e1 away on the second Monday, e2 stands in: one more advisor, the cost once.
    const away: PlanningInstance = {
      ...one,
      advisors: one.advisors.map((a) =>
        a.id === 'e1'
          ? {
              ...a,
              availability: [{ weekday: 1, start: '09:00', end: '16:00' }],
              absences: [{ from: '2027-01-11', to: '2027-01-11' }],
            }
          : a,
      ),
    };
    const r = await solvePlan(away, { solver: 'exact', timeLimitSeconds: 5 });
    expect(validatePlan(away, planVisits(r.prepared, r.visits))).toEqual([]);
    expect(r.breakdown.continuity).toBeLessThanOrEqual(0);
    expect(r.optimal).toBe(true);
  });
});

describe('a small district’s weekly minimum beside the share rule', () => {
  // One advisor with time for two visits a week: twice district B's 10 % share of two visits is
  // 0.4, yet B keeps the one weekly visit its minimum asks for.
  const small: PlanningInstance = {
    ...x,
    advisors: [{ ...(x.advisors[0] as PlanningInstance['advisors'][number]), minutesPerWeek: 500 }],
    params: { ...x.params, visitShare: 0.6, fairnessPenalty: 100_000 },
  };

  it('is kept by the exact model and the heuristic, and the validator allows it', async () => {
    for (const { solver, plan } of await plansOf(small)) {
      expect(
        validatePlan(small, plan).map((v) => v.message),
        solver,
      ).toEqual([]);
      for (const monday of ['2027-01-04', '2027-01-11']) {
        const week = plan.filter(
          (v) => v.date >= monday && v.date <= (monday === '2027-01-04' ? '2027-01-10' : '2027-01-17'),
        );
        expect(
          week.filter((v) => v.venueId === 'V3' || v.venueId === 'V4'),
          `${solver} ${monday}`,
        ).toHaveLength(1);
      }
    }
    // Two visits of B in a week of three are more than its minimum and its share allow.
    const plan = [
      visit('V1', '2027-01-04', 'am'),
      visit('V3', '2027-01-05', 'am', 'e2'),
      visit('V1', '2027-01-11', 'am'),
      visit('V3', '2027-01-12', 'am', 'e2'),
      visit('V4', '2027-01-06', 'am', 'e3'),
    ];
    const loose = { ...x, params: { ...x.params, allowOneOffs: true, maxSeriesPerVenue: 0 } };
    expect(validatePlan(loose, plan).map((v) => v.rule)).toEqual(['district-share']);
    expect(validatePlan(loose, plan.slice(0, 4)).map((v) => v.rule)).toEqual([]);
  });
});
