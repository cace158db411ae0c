/**
 * One contract for the planning solvers (exact, heuristic, auto) on seeded random tiny
 * instances, against a brute-force oracle that enumerates every plan the independent
 * validator accepts: exact finds the optimum; no solver beats it; every bound (the capacity
 * bound and the aggregate relaxation too) is valid; every
 * plan passes the validator; the reported objective is the plan's own. The same with contacts
 * learned from the log, where the solvers' staffing and the validator's must agree.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { aggregateRelaxation } from '../../src/core/planning/aggregate-relaxation.ts';
import { capacityBound } from '../../src/core/planning/bound.ts';
import { evaluate } from '../../src/core/planning/evaluate.ts';
import { DEFAULT_PARAMS, type PlanningInstance } from '../../src/core/planning/instance.ts';
import { planningMilp } from '../../src/core/planning/milp.ts';
import { validatePlan } from '../../src/core/planning/validate.ts';
import { solveMilp } from '../../src/services/milp/highs.ts';
import { planVisits, solvePlan } from '../../src/services/planning/planner.ts';
import { bruteForcePlan, fourWeekInstanceArb, prepare, tinyInstanceArb } from './random-instance.ts';

/**
 * Runs `check` on the seeded instances the brute force can solve (skipping those with a fatal
 * problem or too many plans) and returns how many that was.
 */
async function againstOracle(
  arb: fc.Arbitrary<PlanningInstance>,
  check: (x: PlanningInstance, P: ReturnType<typeof prepare>, oracle: { objective: number }) => Promise<void>,
  params: { seed: number; numRuns: number },
): Promise<number> {
  let compared = 0;
  await fc.assert(
    fc.asyncProperty(arb, async (x) => {
      const P = prepare(x);
      if (P.problems.some((p) => p.fatal)) return;
      const oracle = bruteForcePlan(P);
      if (!oracle) return;
      compared++;
      await check(x, P, oracle);
    }),
    params,
  );
  return compared;
}

describe('planning solvers against brute force', () => {
  it('exact equals the oracle; heuristic and auto never beat it; bounds hold; plans are valid', async () => {
    const compared = await againstOracle(
      tinyInstanceArb,
      async (x, P, oracle) => {
        expect(capacityBound(P), 'capacity bound below the optimum').toBeGreaterThanOrEqual(
          oracle.objective - 1e-6 * Math.max(1, Math.abs(oracle.objective)),
        );
        // The aggregate relaxation (the bound for plans too large for the full model).
        const aggregate = await solveMilp(aggregateRelaxation(P), { timeLimitSeconds: 60 });
        expect(aggregate.ok && aggregate.status, 'aggregate relaxation solved').toBe(7);
        expect(
          aggregate.ok ? aggregate.objective : null,
          'aggregate bound below the optimum',
        ).toBeGreaterThanOrEqual(oracle.objective - 1e-6 * Math.max(1, Math.abs(oracle.objective)));
        for (const solver of ['exact', 'heuristic', 'auto'] as const) {
          const r = await solvePlan(x, { solver, timeLimitSeconds: 60, seed: 3, relativeGap: 0 });
          const tol = 1e-6 * Math.max(1, Math.abs(oracle.objective));
          expect(validatePlan(x, planVisits(r.prepared, r.visits)), solver).toEqual([]);
          expect(r.objective, solver).toBeCloseTo(evaluate(r.prepared, r.visits).total, 6);
          expect(r.objective, `${solver} beats the optimum`).toBeLessThanOrEqual(oracle.objective + tol);
          expect(r.bound, `${solver} bound below the optimum`).toBeGreaterThanOrEqual(oracle.objective - tol);
          if (solver === 'exact') {
            expect(r.objective, 'exact misses the optimum').toBeCloseTo(oracle.objective, 4);
            expect(r.optimal).toBe(true);
          }
          if (r.optimal) expect(r.objective).toBeCloseTo(oracle.objective, 4);
        }
      },
      { seed: 5150, numRuns: 100 },
    );
    expect(compared).toBeGreaterThan(50);
  });
});

describe('advisor continuity and pinned series against brute force', () => {
  // The tiny instances with a continuity cost, half the time the rhythm rules, and half the time
  // a pinned weekly or fortnightly series on the first open weekday of the first venue.
  const arb = fc
    .tuple(
      tinyInstanceArb,
      fc.constantFrom(40, 400),
      fc.boolean(),
      fc.constantFrom(1, 2) as fc.Arbitrary<1 | 2>,
      fc.boolean(),
    )
    .map(([x, gamma, pin, every, rhythm]): PlanningInstance => {
      const first = Object.keys(x.venues[0]?.hours ?? {}).sort()[0] ?? x.from;
      const block = x.blocks[0] ?? { start: '09:00', end: '11:00' };
      const weekday = new Date(`${first}T00:00:00Z`).getUTCDay();
      return {
        ...x,
        params: {
          ...x.params,
          continuityCost: gamma,
          // Half the time the product's rhythm rules too (the district share with its minimum).
          ...(rhythm ? { maxSeriesPerVenue: 1, allowOneOffs: false, maxDistrictShareFactor: 2 } : {}),
        },
        ...(pin && weekday >= 1 && weekday <= 5
          ? {
              seriesPins: [
                { id: 'S', venue: 0, weekday, start: block.start, end: block.end, every, since: x.from },
              ],
            }
          : {}),
      };
    });

  it('exact equals the oracle; the heuristic never beats it; plans are valid and keep the pins', async () => {
    let pinned = 0;
    const compared = await againstOracle(
      arb,
      async (x, P, oracle) => {
        if (x.seriesPins) pinned++;
        const tol = 1e-6 * Math.max(1, Math.abs(oracle.objective));
        for (const solver of ['exact', 'heuristic'] as const) {
          const r = await solvePlan(x, { solver, timeLimitSeconds: 60, seed: 3, relativeGap: 0 });
          expect(validatePlan(x, planVisits(r.prepared, r.visits)), solver).toEqual([]);
          expect(r.objective, solver).toBeCloseTo(evaluate(r.prepared, r.visits).total, 6);
          expect(r.objective, `${solver} beats the optimum`).toBeLessThanOrEqual(oracle.objective + tol);
          expect(r.bound, `${solver} bound below the optimum`).toBeGreaterThanOrEqual(oracle.objective - tol);
          if (solver === 'exact')
            expect(r.objective, 'exact misses the optimum').toBeCloseTo(oracle.objective, 4);
        }
        // The model proves the oracle's value: it counts continuity as `evaluate` does.
        const own = await solveMilp(planningMilp(P), { timeLimitSeconds: 60, relativeGap: 0 });
        expect(own.ok ? own.objective : null).toBeCloseTo(oracle.objective, 4);
      },
      { seed: 777, numRuns: 50 },
    );
    expect(compared).toBeGreaterThan(25);
    expect(pinned).toBeGreaterThan(6);
  });
});

describe('partner requests limited to dates and weekdays against brute force', () => {
  // A request at either venue, in a part of the horizon, on some weekdays, in a block or any,
  // half the time under the product's rhythm rules (a one-off visit only where it meets one).
  const arb = fc
    .tuple(
      tinyInstanceArb,
      fc.integer({ min: 0, max: 1 }),
      fc.constantFrom(
        {},
        { from: '2026-12-08', to: '2026-12-11' },
        { from: '2026-12-10' },
        { to: '2026-12-08' },
        { from: '2026-12-14', to: '2026-12-15' },
      ),
      fc.subarray([1, 2, 3, 4, 5]),
      fc.boolean(),
      fc.boolean(),
    )
    .map(
      ([x, venue, range, weekdays, anyBlock, rhythm]): PlanningInstance => ({
        ...x,
        requests: [
          {
            id: 'R',
            venue: Math.min(venue, x.venues.length - 1),
            date: null,
            weekday: null,
            block: anyBlock ? null : 0,
            priority: 2,
            ...range,
            ...(weekdays.length > 0 ? { weekdays } : {}),
          },
        ],
        params: { ...x.params, ...(rhythm ? { maxSeriesPerVenue: 1, allowOneOffs: false } : {}) },
      }),
    );

  it('exact equals the oracle; the heuristic never beats it; plans are valid', async () => {
    const compared = await againstOracle(
      arb,
      async (x, _P, oracle) => {
        const tol = 1e-6 * Math.max(1, Math.abs(oracle.objective));
        for (const solver of ['exact', 'heuristic'] as const) {
          const r = await solvePlan(x, { solver, timeLimitSeconds: 60, seed: 3, relativeGap: 0 });
          expect(validatePlan(x, planVisits(r.prepared, r.visits)), solver).toEqual([]);
          expect(r.objective, solver).toBeCloseTo(evaluate(r.prepared, r.visits).total, 6);
          expect(r.objective, `${solver} beats the optimum`).toBeLessThanOrEqual(oracle.objective + tol);
          expect(r.bound, `${solver} bound below the optimum`).toBeGreaterThanOrEqual(oracle.objective - tol);
          if (solver === 'exact')
            expect(r.objective, 'exact misses the optimum').toBeCloseTo(oracle.objective, 4);
        }
      },
      { seed: 4242, numRuns: 15 },
    );
    expect(compared).toBeGreaterThan(5);
  });
});

describe('contacts learned from the log against brute force', () => {
  // One venue learned contacts for the first block (none, fewer than one advisor handles, or
  // enough for two), now and then for a time that is no block; always two advisors, so that a
  // visit the log says needs two is possible. The solvers, the oracle (which staffs each visit
  // as `prepare` says) and the validator must agree on the staffing.
  const arb = fc
    .tuple(
      tinyInstanceArb,
      fc.integer({ min: 0, max: 1 }),
      fc.constantFrom(0, 3, 12, 12, 40),
      fc.constantFrom(true, true, true, false),
    )
    .map(([x, venue, contactsPerVisit, exact]): PlanningInstance => {
      const block = x.blocks[0] ?? { start: '09:00', end: '11:00' };
      const learned = { start: block.start, end: exact ? block.end : '11:30', contactsPerVisit, visits: 6 };
      const learner = Math.min(venue, x.venues.length - 1);
      return {
        ...x,
        advisors:
          x.advisors.length > 1
            ? x.advisors
            : [...x.advisors, ...x.advisors.map((a) => ({ ...a, id: 'ADV1' }))],
        venues: x.venues.map((v, i) => (i === learner ? { ...v, learnedContacts: [learned] } : v)),
      };
    });

  it('exact equals the oracle; the heuristic never beats it; plans are valid', async () => {
    let fromLogs = 0;
    const compared = await againstOracle(
      arb,
      async (x, P, oracle) => {
        if (P.candidates.some((c) => c.expectedFrom === 'logs' && c.staff > 1)) fromLogs++;
        const tol = 1e-6 * Math.max(1, Math.abs(oracle.objective));
        for (const solver of ['exact', 'heuristic'] as const) {
          const r = await solvePlan(x, { solver, timeLimitSeconds: 60, seed: 3, relativeGap: 0 });
          expect(validatePlan(x, planVisits(r.prepared, r.visits)), solver).toEqual([]);
          expect(r.objective, solver).toBeCloseTo(evaluate(r.prepared, r.visits).total, 6);
          expect(r.objective, `${solver} beats the optimum`).toBeLessThanOrEqual(oracle.objective + tol);
          expect(r.bound, `${solver} bound below the optimum`).toBeGreaterThanOrEqual(oracle.objective - tol);
          if (solver === 'exact')
            expect(r.objective, 'exact misses the optimum').toBeCloseTo(oracle.objective, 4);
        }
      },
      { seed: 1226, numRuns: 60 },
    );
    expect(compared).toBeGreaterThan(25);
    expect(fromLogs).toBeGreaterThan(6);
  });
});

describe('the aggregate relaxation (the bound of plans too large for the full model)', () => {
  it('never falls below the optimum', async () => {
    const compared = await againstOracle(
      tinyInstanceArb,
      async (_x, P, oracle) => {
        const aggregate = await solveMilp(aggregateRelaxation(P), { timeLimitSeconds: 60 });
        expect(aggregate.ok && aggregate.status).toBe(7);
        expect(
          aggregate.ok ? aggregate.objective : null,
          'aggregate bound below the optimum',
        ).toBeGreaterThanOrEqual(oracle.objective - 1e-6 * Math.max(1, Math.abs(oracle.objective)));
      },
      { seed: 90210, numRuns: 400 },
    );
    expect(compared).toBeGreaterThan(200);
  });
});

describe('the exact model over four weeks (weekly and fortnightly patterns nest)', () => {
  it('equals the oracle, and its bound holds', async () => {
    let nested = 0;
    const compared = await againstOracle(
      fourWeekInstanceArb,
      async (x, P, oracle) => {
        if (
          P.patterns.some((p) =>
            P.patterns.some(
              (q) =>
                q !== p &&
                q.candidates.length > p.candidates.length &&
                p.candidates.every((c) => q.candidates.includes(c)),
            ),
          )
        )
          nested++;
        const r = await solvePlan(x, { solver: 'exact', timeLimitSeconds: 60, seed: 3, relativeGap: 0 });
        const tol = 1e-6 * Math.max(1, Math.abs(oracle.objective));
        expect(validatePlan(x, planVisits(r.prepared, r.visits))).toEqual([]);
        expect(r.objective, 'exact misses the optimum').toBeCloseTo(oracle.objective, 4);
        expect(r.bound, 'bound below the optimum').toBeGreaterThanOrEqual(oracle.objective - tol);
        // The model's own optimum is the true one (a model that over- or under-counts the
        // rhythm would prove a different value).
        const own = await solveMilp(planningMilp(P), { timeLimitSeconds: 60, relativeGap: 0 });
        expect(own.ok && own.status).toBe(7);
        expect(own.ok ? own.objective : null, 'the model proves a different optimum').toBeCloseTo(
          oracle.objective,
          4,
        );
      },
      { seed: 2027, numRuns: 40 },
    );
    expect(compared).toBeGreaterThan(15);
    expect(nested).toBeGreaterThan(5);
  });
});

describe('advisor travel between visits', () => {
  // Two venues 50 minutes apart; blocks 09:00–11:00 and 12:00–14:00 leave 60 minutes, less
  // than 50 + the 15-minute buffer. One advisor, one day: both visits cannot be hers.
  const x: PlanningInstance = {
    name: 'travel',
    from: '2026-12-07',
    to: '2026-12-07',
    closedDates: [],
    groups: [{ id: 'all', weight: 1, language: null }],
    areas: [
      { id: 'A', district: 'D', need: [1000] },
      { id: 'B', district: 'D', need: [900] },
    ],
    districts: [{ id: 'D', minVisitsPerWeek: 0 }],
    venues: [
      {
        id: 'VA',
        district: 'D',
        hours: { '2026-12-07': [['08:00', '16:00']] },
        reach: [{ area: 0, groups: [0] }],
      },
      {
        id: 'VB',
        district: 'D',
        hours: { '2026-12-07': [['08:00', '16:00']] },
        reach: [{ area: 1, groups: [0] }],
      },
    ],
    blocks: [
      { id: 'am', start: '09:00', end: '11:00' },
      { id: 'pm', start: '12:00', end: '14:00' },
    ],
    advisors: [
      {
        id: 'ADV',
        languages: ['fi'],
        minutesPerWeek: 37.5 * 60,
        maxVisitsPerDay: 2,
        availability: [{ weekday: 1, start: '08:00', end: '16:00' }],
        absences: [],
        districts: [],
      },
    ],
    travel: Float64Array.from([0, 50, 50, 0]),
    pins: [],
    requests: [],
    params: { ...DEFAULT_PARAMS, repeatFactor: 0.5, contactsPerThousand: 0 },
  };

  it.each(['exact', 'heuristic'] as const)('%s visits one venue twice rather than both', async (solver) => {
    const r = await solvePlan(x, { solver, timeLimitSeconds: 5 });
    const visits = planVisits(r.prepared, r.visits);
    expect(validatePlan(x, visits)).toEqual([]);
    // Best: VA twice (1000 + 500) beats VA + VB (1900), which travel forbids.
    expect(r.objective).toBeCloseTo(1500, 6);
    expect(visits.map((v) => v.venueId)).toEqual(['VA', 'VA']);
    const faster = { ...x, travel: Float64Array.from([0, 40, 40, 0]) };
    const r2 = await solvePlan(faster, { solver, timeLimitSeconds: 5 });
    expect(r2.objective).toBeCloseTo(1900, 6);
  });

  it('the validator names a visit the advisor cannot reach in time', () => {
    const v = validatePlan(x, [
      { venueId: 'VA', date: '2026-12-07', start: '09:00', end: '11:00', advisorIds: ['ADV'] },
      { venueId: 'VB', date: '2026-12-07', start: '12:00', end: '14:00', advisorIds: ['ADV'] },
    ]);
    expect(v).toHaveLength(1);
    expect(v[0]).toMatchObject({ rule: 'travel', visit: 1 });
    expect(v[0]?.message).toContain('50 min travel + 15 min buffer > 60 min between');
  });
});
