/**
 * One entry point for the visit planner: heuristic, exact (HiGHS) or auto, always with an
 * objective, a valid upper bound and the gap. A plan that cannot be made at all (a pin that
 * breaks a rule, no advisors, no venue open) is refused with every reason; a rule that can
 * only be relaxed (a district with no possible visit in a week) is reported with the plan.
 */

import type { MilpSpec } from '../../core/milp.ts';
import { aggregateRelaxation } from '../../core/planning/aggregate-relaxation.ts';
import { capacityBound } from '../../core/planning/bound.ts';
import { type Breakdown, evaluate, type PlannedVisit } from '../../core/planning/evaluate.ts';
import { planHeuristic } from '../../core/planning/heuristic.ts';
import type { PlanningInstance } from '../../core/planning/instance.ts';
import { planningMilp, visitsOf } from '../../core/planning/milp.ts';
import { type PlanningProblem, type Prepared, prepare } from '../../core/planning/prepare.ts';
import type { PlanVisit } from '../../core/planning/validate.ts';
import { seededRandom } from '../../core/random.ts';
import { minutesToWallTime } from '../../core/time/civil-time.ts';
import { InvalidInputError } from '../errors.ts';
import { solveMilp, tooLarge } from '../milp/highs.ts';

export const PLAN_SOLVERS = ['auto', 'exact', 'heuristic'] as const;
export type PlanSolver = (typeof PLAN_SOLVERS)[number];

export interface PlanProgress {
  readonly elapsedSeconds: number;
  readonly incumbent: number | null;
  readonly bound: number | null;
  readonly phase: string;
}

export interface PlanRequest {
  readonly solver: PlanSolver;
  readonly timeLimitSeconds: number;
  /** The exact solver stops when its gap is below this (default 0.1 %). */
  readonly relativeGap?: number;
  readonly seed?: number;
  readonly onProgress?: (p: PlanProgress) => void;
  readonly shouldStop?: () => boolean;
  /** A plan to stay close to (repair): the heuristic starts from it. */
  readonly start?: readonly PlannedVisit[];
}

export interface PlanResult {
  readonly objective: number;
  readonly bound: number;
  readonly gap: number;
  readonly optimal: boolean;
  readonly seconds: number;
  readonly solver: string;
  readonly visits: readonly PlannedVisit[];
  readonly breakdown: Breakdown;
  readonly problems: readonly PlanningProblem[];
  readonly notes: readonly string[];
  readonly prepared: Prepared;
}

/** How far the objective may be below the bound, relative to the objective. */
export const relGap = (objective: number, bound: number) =>
  Math.max(0, bound - objective) / Math.max(1e-9, Math.abs(objective));

export function isOptimal(objective: number, bound: number): boolean {
  return bound - objective <= 1e-6 * Math.max(1, Math.abs(objective));
}

/** Prepare an instance, refusing one that cannot be planned at all. */
export function prepareOrRefuse(x: PlanningInstance): Prepared {
  const P = prepare(x);
  const fatal = P.problems.filter((p) => p.fatal);
  if (fatal.length > 0) throw new InvalidInputError(fatal.map((p) => p.message).join('; '), 'instance');
  return P;
}

export async function solvePlan(
  x: PlanningInstance,
  r: PlanRequest,
  clock: () => number = () => performance.now(),
): Promise<PlanResult> {
  const started = clock();
  const P = prepareOrRefuse(x);
  const elapsed = () => (clock() - started) / 1000;
  const random = seededRandom(r.seed ?? 1);
  const notes: string[] = [];
  let bestBound = capacityBound(P);
  const progress = (phase: string, incumbent: number | null) =>
    r.onProgress?.({ elapsedSeconds: elapsed(), incumbent, bound: bestBound, phase });

  const milp = planningMilp(P);
  const refusal = tooLarge(milp);
  if (refusal) notes.push(`HiGHS not used: ${refusal}`);
  if (r.solver === 'exact' && refusal)
    throw new InvalidInputError(
      `the exact solver refuses this plan: ${refusal}; use --solver heuristic or auto`,
      'solver',
    );
  const useHighs = r.solver !== 'heuristic' && !refusal;
  // HiGHS runs in its worker thread from the start, while the heuristic searches here: on two
  // cores neither waits for the other, and whichever plan is better wins.
  const exact = useHighs
    ? solveMilp(milp, { timeLimitSeconds: r.timeLimitSeconds, relativeGap: r.relativeGap ?? 1e-3 })
    : null;
  // For the heuristic alone, its bound is solved alongside in the same way: where the full
  // model fits, HiGHS's branch and bound on it (its dual bound is never above the LP
  // relaxation's, and the rhythm rules' fractional series make that LP loose: 98,494 against
  // the optimum 94,854 on the demo's January); else the LP of the aggregate relaxation.
  let relaxed: MilpSpec | null = null;
  if (!useHighs) {
    relaxed = refusal ? aggregateRelaxation(P) : milp;
    const tooBig = tooLarge(relaxed);
    if (tooBig) {
      notes.push(`no LP bound: ${tooBig}`);
      relaxed = null;
    }
  }
  // The bound must not make the answer late: it gets what is left of the time limit.
  const relaxation = relaxed
    ? solveMilp(relaxed, {
        timeLimitSeconds: Math.max(0.5, r.timeLimitSeconds - elapsed() - 0.3),
        relativeGap: r.relativeGap ?? 1e-3,
      })
    : null;
  if (exact) progress('exact', null);

  // The heuristic's share, less what preparing took and a margin to finish within the limit.
  const heuristicSeconds = Math.max(
    0.05,
    (r.solver === 'heuristic' || refusal ? r.timeLimitSeconds : Math.min(r.timeLimitSeconds * 0.25, 10)) -
      elapsed() -
      0.1,
  );
  const h = planHeuristic(P, {
    clock,
    timeLimitSeconds: heuristicSeconds,
    random,
    ...(r.shouldStop ? { shouldStop: r.shouldStop } : {}),
    ...(r.start ? { start: r.start } : {}),
    onProgress: (best) => progress('heuristic', best),
  });
  notes.push(`heuristic: ${h.iterations} ruin-and-recreate iterations`);
  let visits: readonly PlannedVisit[] = h.visits;
  let objective = h.breakdown.total;
  let solver = 'heuristic';

  if (exact) {
    const out = await exact;
    if (out.ok && out.colValue && out.objective !== null) {
      const found = visitsOf(milp, out.colValue);
      const value = evaluate(P, found).total;
      if (value > objective + 1e-9 * Math.max(1, Math.abs(objective))) {
        visits = found;
        objective = value;
        solver = 'HiGHS';
      }
    }
    if (out.ok && out.bound !== null) bestBound = Math.min(bestBound, out.bound);
    if (!out.ok) notes.push(`HiGHS: ${out.message}`);
    else notes.push(`HiGHS: status ${out.status}, ${out.nodes} nodes, ${out.seconds.toFixed(1)} s`);
  } else if (relaxation) {
    const lp = await relaxation;
    if (refusal) {
      if (lp.ok && lp.status === 7 && lp.objective !== null) {
        bestBound = Math.min(bestBound, lp.objective);
        notes.push('bound: LP of the aggregate relaxation');
      } else notes.push(`LP relaxation not solved (${lp.ok ? `status ${lp.status}` : lp.message})`);
    } else if (lp.ok && lp.bound !== null) {
      bestBound = Math.min(bestBound, lp.bound);
      notes.push(
        `bound: HiGHS on the full model (status ${lp.status}, ${lp.nodes} nodes, ${lp.seconds.toFixed(1)} s)`,
      );
      if (lp.objective !== null && lp.objective > objective + 1e-6 * Math.max(1, Math.abs(objective)))
        notes.push(`HiGHS found a plan worth ${lp.objective.toFixed(0)}; the solver "auto" would keep it`);
    } else notes.push(`no bound from HiGHS (${lp.ok ? `status ${lp.status}` : lp.message})`);
  }
  const bound = Math.max(objective, bestBound);
  const optimal = isOptimal(objective, bound);
  progress('done', objective);
  return {
    objective,
    bound,
    gap: optimal ? 0 : relGap(objective, bound),
    optimal,
    seconds: elapsed(),
    solver: r.solver === 'heuristic' ? 'heuristic' : `${r.solver}: ${solver}`,
    visits,
    breakdown: evaluate(P, visits),
    problems: P.problems,
    notes,
    prepared: P,
  };
}

/** Visits in the validator's and the files' terms (ids, dates and wall times). */
export function planVisits(P: Prepared, visits: readonly PlannedVisit[]): PlanVisit[] {
  return visits.map((v) => {
    const c = P.candidates[v.candidate];
    if (!c) throw new Error(`no candidate ${v.candidate}`);
    return {
      venueId: P.x.venues[c.venue]?.id ?? '',
      date: c.date,
      start: minutesToWallTime(c.start),
      end: minutesToWallTime(c.end),
      advisorIds: v.advisors.map((a) => P.x.advisors[a]?.id ?? ''),
    };
  });
}
