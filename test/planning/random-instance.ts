/** Seeded random tiny planning instances, and a brute-force oracle over every plan. */
import fc from 'fast-check';
import { evaluate, type PlannedVisit } from '../../src/core/planning/evaluate.ts';
import { DEFAULT_PARAMS, type PlanningInstance } from '../../src/core/planning/instance.ts';
import { type Prepared, prepare } from '../../src/core/planning/prepare.ts';
import { type Rule, validatePlan } from '../../src/core/planning/validate.ts';
import { planVisits } from '../../src/services/planning/planner.ts';

const DAYS = ['Mo', 'Tu', 'We', 'Th', 'Fr'];

/** Monday 7 December 2026 to Tuesday 15 December: two weeks, a handful of working days. */
export const tinyInstanceArb: fc.Arbitrary<PlanningInstance> = fc
  .record({
    venues: fc.integer({ min: 1, max: 2 }),
    advisors: fc.integer({ min: 1, max: 2 }),
    areas: fc.integer({ min: 1, max: 3 }),
    twoBlocks: fc.boolean(),
    overlapping: fc.boolean(),
    seed: fc.integer({ min: 0, max: 1_000_000 }),
  })
  .chain((shape) =>
    fc.record({
      shape: fc.constant(shape),
      venueDays: fc.array(fc.subarray([0, 1, 3, 4], { minLength: 1, maxLength: 2 }), {
        minLength: shape.venues,
        maxLength: shape.venues,
      }),
      venueDistrict: fc.array(fc.integer({ min: 0, max: 1 }), {
        minLength: shape.venues,
        maxLength: shape.venues,
      }),
      reach: fc.array(fc.array(fc.subarray([0, 1]), { minLength: shape.areas, maxLength: shape.areas }), {
        minLength: shape.venues,
        maxLength: shape.venues,
      }),
      need: fc.array(fc.tuple(fc.integer({ min: 0, max: 900 }), fc.integer({ min: 0, max: 300 })), {
        minLength: shape.areas,
        maxLength: shape.areas,
      }),
      travel: fc.array(fc.integer({ min: 0, max: 90 }), { minLength: 4, maxLength: 4 }),
      advisors: fc.array(
        fc.record({
          days: fc.subarray([0, 1, 2, 3, 4], { minLength: 3 }),
          sv: fc.boolean(),
          hours: fc.integer({ min: 2, max: 12 }),
          perDay: fc.integer({ min: 1, max: 2 }),
          absentMonday: fc.boolean(),
        }),
        { minLength: shape.advisors, maxLength: shape.advisors },
      ),
      minVisits: fc.tuple(fc.integer({ min: 0, max: 1 }), fc.integer({ min: 0, max: 1 })),
      repeatFactor: fc.constantFrom(0, 0.5, 1),
      oneOffCost: fc.constantFrom(0, 20, 200),
      languageBonus: fc.constantFrom(0, 0.5),
      contactsPerThousand: fc.constantFrom(0, 10),
      request: fc.option(
        fc.record({ venue: fc.integer({ min: 0, max: 1 }), priority: fc.integer({ min: 1, max: 3 }) }),
      ),
    }),
  )
  .map((r): PlanningInstance => {
    const { shape } = r;
    const dates = [
      '2026-12-07',
      '2026-12-08',
      '2026-12-09',
      '2026-12-10',
      '2026-12-11',
      '2026-12-14',
      '2026-12-15',
    ];
    const districts = ['North', 'South'];
    const blocks = shape.twoBlocks
      ? [
          { id: 'am', start: '09:00', end: '11:00' },
          shape.overlapping
            ? { id: 'mid', start: '10:00', end: '12:00' }
            : { id: 'pm', start: '12:00', end: '14:00' },
        ]
      : [{ id: 'am', start: '09:00', end: '11:00' }];
    const n = shape.venues;
    const travel = new Float64Array(n * n);
    for (let f = 0; f < n; f++)
      for (let t = 0; t < n; t++) travel[f * n + t] = f === t ? 0 : (r.travel[f * 2 + t] ?? 30);
    return {
      name: 'tiny',
      from: '2026-12-07',
      to: '2026-12-15',
      closedDates: ['2026-12-09'],
      groups: [
        { id: 'all', weight: 1, language: null },
        { id: 'sv', weight: 2, language: 'sv' },
      ],
      areas: Array.from({ length: shape.areas }, (_, a) => ({
        id: `A${a}`,
        district: districts[a % 2] ?? 'North',
        need: [r.need[a]?.[0] ?? 0, r.need[a]?.[1] ?? 0],
      })),
      districts: [
        { id: 'North', minVisitsPerWeek: r.minVisits[0] },
        { id: 'South', minVisitsPerWeek: r.minVisits[1] },
      ],
      venues: Array.from({ length: n }, (_, v) => {
        const days = new Set((r.venueDays[v] ?? [0]).map((d) => DAYS[d]));
        const hours: Record<string, [string, string][]> = {};
        for (const d of dates) {
          const wd = DAYS[new Date(`${d}T00:00:00Z`).getUTCDay() - 1];
          if (days.has(wd)) hours[d] = [['08:00', '16:00']];
        }
        return {
          id: `V${v}`,
          district: districts[r.venueDistrict[v] ?? 0] ?? 'North',
          hours,
          reach: (r.reach[v] ?? []).map((groups, area) => ({ area, groups })),
        };
      }),
      blocks,
      advisors: r.advisors.map((a, i) => ({
        id: `ADV${i}`,
        languages: a.sv ? ['fi', 'sv'] : ['fi'],
        minutesPerWeek: a.hours * 60,
        maxVisitsPerDay: a.perDay,
        availability: a.days.map((d) => ({ weekday: d + 1, start: '08:00', end: '16:00' })),
        absences: a.absentMonday ? [{ from: '2026-12-14', to: '2026-12-14' }] : [],
        districts: [],
      })),
      travel,
      pins: [],
      requests: r.request
        ? [
            {
              id: 'R1',
              venue: Math.min(r.request.venue, n - 1),
              date: null,
              weekday: null,
              block: null,
              priority: r.request.priority,
            },
          ]
        : [],
      params: {
        ...DEFAULT_PARAMS,
        repeatFactor: r.repeatFactor,
        oneOffCost: r.oneOffCost,
        languageBonus: r.languageBonus,
        fairnessPenalty: 1e5,
        requestValue: 150,
        contactsPerThousand: r.contactsPerThousand,
        contactsPerAdvisorHour: 4,
        maxAdvisorsPerVisit: 2,
      },
    };
  });

function* subsetsOfSize(
  items: readonly number[],
  k: number,
  from = 0,
  acc: number[] = [],
): Generator<number[]> {
  if (acc.length === k) {
    yield [...acc];
    return;
  }
  for (let i = from; i < items.length; i++) {
    acc.push(items[i] ?? 0);
    yield* subsetsOfSize(items, k, i + 1, acc);
    acc.pop();
  }
}

/**
 * Rules whose violation no added visit can cure: each is about one visit alone (its venue, day,
 * hours, advisors and staffing), or a count or a sum that only grows with more visits (two
 * visits at one venue or of one advisor at the same time, visits a day, minutes a week at a
 * venue or of an advisor). A part of a plan that breaks one of them cannot be completed into a
 * valid plan, so the search below leaves its completions out. The minimums (fairness, pins,
 * whole series), travel between consecutive visits and the shares are not among them: another
 * visit can mend those.
 */
const BROKEN_FOR_GOOD: ReadonlySet<Rule> = new Set<Rule>([
  'venue',
  'horizon',
  'working-day',
  'holiday',
  'venue-hours',
  'advisor',
  'staffing',
  'absence',
  'availability',
  'advisor-district',
  'near-fixed-point',
  'duplicate',
  'overlap',
  'visits-per-day',
  'weekly-minutes',
  'venue-week-minutes',
]);

/** Checking a part of a plan pays only where it can leave out at least this many plans. */
const PRUNE_FROM_PLANS = 4;

/**
 * The best objective over every plan the validator accepts (candidate visits, each off or
 * staffed by any allowed set of advisors); null when no plan is valid or there are too many.
 * Every complete plan is judged by the validator alone; a part that already breaks a rule in
 * BROKEN_FOR_GOOD is not completed (the same plans, found several times faster).
 */
export function bruteForcePlan(P: Prepared, limit = 200_000): { objective: number; plans: number } | null {
  const options = P.candidates.map((c) =>
    c.pin >= 0 ? [[...c.eligible]] : [null, ...subsetsOfSize(c.eligible, c.staff)],
  );
  const total = options.reduce((s, o) => s * o.length, 1);
  if (total > limit) return null;
  // How many plans each choice leaves to enumerate below it.
  const below: number[] = new Array(options.length + 1).fill(1);
  for (let i = options.length - 1; i >= 0; i--) below[i] = (below[i + 1] ?? 1) * (options[i]?.length ?? 1);
  let best = Number.NEGATIVE_INFINITY;
  let valid = 0;
  const visits: PlannedVisit[] = [];
  const rec = (i: number) => {
    if (i === options.length) {
      if (validatePlan(P.x, planVisits(P, visits)).length > 0) return;
      valid++;
      best = Math.max(best, evaluate(P, visits).total);
      return;
    }
    for (const o of options[i] ?? []) {
      if (!o) {
        rec(i + 1);
        continue;
      }
      visits.push({ candidate: i, advisors: o });
      const hopeless =
        (below[i + 1] ?? 1) >= PRUNE_FROM_PLANS &&
        validatePlan(P.x, planVisits(P, visits)).some((v) => BROKEN_FOR_GOOD.has(v.rule));
      if (!hopeless) rec(i + 1);
      visits.pop();
    }
  };
  rec(0);
  return valid === 0 ? null : { objective: best, plans: valid };
}

export { prepare };

/**
 * The same tiny instances stretched to four weeks (to Sunday 3 January 2027, the fourth week's
 * dates repeating the first week's venue days), with one venue and one block, so that weekly
 * and fortnightly patterns nest and the brute force stays small.
 */
export const fourWeekInstanceArb: fc.Arbitrary<PlanningInstance> = tinyInstanceArb.map((x) => {
  const shift = (d: string, days: number) => {
    const t = new Date(`${d}T00:00:00Z`);
    t.setUTCDate(t.getUTCDate() + days);
    return t.toISOString().slice(0, 10);
  };
  const venues = x.venues.slice(0, 1).map((v) => {
    const firstWeek = Object.entries(v.hours).filter(([d]) => d <= '2026-12-11');
    const hours: Record<string, readonly (readonly [string, string])[]> = {};
    for (let w = 0; w < 4; w++) for (const [d, h] of firstWeek) hours[shift(d, 7 * w)] = h;
    return { ...v, hours };
  });
  return {
    ...x,
    name: 'four-weeks',
    to: '2027-01-03',
    closedDates: [],
    blocks: x.blocks.slice(0, 1),
    venues,
    // Time enough for whole patterns, which is what this arbitrary is for.
    advisors: x.advisors.map((a) => ({
      ...a,
      absences: [],
      minutesPerWeek: Math.max(a.minutesPerWeek, 480),
      availability: [1, 2, 3, 4, 5].map((weekday) => ({ weekday, start: '08:00', end: '16:00' })),
    })),
    requests: x.requests.map((r) => ({ ...r, venue: 0 })),
    params: { ...x.params, oneOffCost: x.params.oneOffCost === 0 ? 0 : 200 },
  };
});
