/**
 * What would change: one more advisor (like the one with the most contracted hours, without
 * absences), or one venue fewer (the venues the plan uses most). Each variant is re-planned by
 * the heuristic starting from the current plan, so an added advisor never makes the plan worse
 * and a dropped venue's figure is what can at least still be reached without it.
 */
import { evaluate, type PlannedVisit } from './evaluate.ts';
import { planHeuristic } from './heuristic.ts';
import type { PlanningInstance } from './instance.ts';
import { type Candidate, type Prepared, prepare } from './prepare.ts';

export interface WhatIf {
  readonly kind: 'advisor-added' | 'venue-dropped';
  /** The advisor cloned, or the venue dropped. */
  readonly subject: string;
  readonly objective: number;
  /** Objective of the variant minus the plan's. */
  readonly change: number;
  readonly visits: number;
  /** Visits per week the variant has more (or fewer) than the plan. */
  readonly visitsChange: number;
}

export interface WhatIfOptions {
  readonly clock: () => number;
  readonly secondsEach: number;
  readonly random: () => number;
  /** How many of the most used venues to try dropping (default 3). */
  readonly venues?: number;
}

const keyOf = (venueId: string, c: Candidate) => `${venueId}|${c.date}|${c.start}|${c.end}`;

/** The plan's visits as a start in another prepared instance (same advisor order), by venue id and time. */
function carryOver(from: Prepared, visits: readonly PlannedVisit[], to: Prepared): PlannedVisit[] {
  const index = new Map<string, number>();
  for (const c of to.candidates) index.set(keyOf(to.x.venues[c.venue]?.id ?? '', c), c.index);
  const out: PlannedVisit[] = [];
  for (const v of visits) {
    const c = from.candidates[v.candidate];
    if (!c) continue;
    const target = index.get(keyOf(from.x.venues[c.venue]?.id ?? '', c));
    if (target !== undefined) out.push({ candidate: target, advisors: [...v.advisors] });
  }
  return out;
}

function withoutVenue(x: PlanningInstance, drop: number): PlanningInstance {
  const n = x.venues.length;
  const keep = x.venues.map((_, i) => i).filter((i) => i !== drop);
  const newIndex = new Map(keep.map((old, i) => [old, i]));
  const travel = new Float64Array(keep.length * keep.length);
  for (const [i, f] of keep.entries())
    for (const [j, t] of keep.entries()) travel[i * keep.length + j] = x.travel[f * n + t] ?? Number.NaN;
  return {
    ...x,
    venues: keep.map((i) => x.venues[i] as PlanningInstance['venues'][number]),
    travel,
    pins: x.pins.filter((p) => p.venue !== drop).map((p) => ({ ...p, venue: newIndex.get(p.venue) ?? 0 })),
    requests: x.requests
      .filter((r) => r.venue !== drop)
      .map((r) => ({ ...r, venue: newIndex.get(r.venue) ?? 0 })),
  };
}

export function whatIfs(P: Prepared, visits: readonly PlannedVisit[], options: WhatIfOptions): WhatIf[] {
  const x = P.x;
  const base = evaluate(P, visits).total;
  const perWeek = (n: number, weeks: number) => Math.round((n / Math.max(1, weeks)) * 10) / 10;
  const run = (kind: WhatIf['kind'], subject: string, variant: PlanningInstance): WhatIf => {
    const Q = prepare(variant);
    const start = carryOver(P, visits, Q);
    const h = planHeuristic(Q, {
      clock: options.clock,
      timeLimitSeconds: options.secondsEach,
      random: options.random,
      start,
    });
    const objective = h.breakdown.total;
    return {
      kind,
      subject,
      objective,
      change: objective - base,
      visits: h.visits.length,
      visitsChange: perWeek(h.visits.length - visits.length, P.weeks),
    };
  };

  const out: WhatIf[] = [];
  const model = [...x.advisors].sort((a, b) => b.minutesPerWeek - a.minutesPerWeek)[0];
  if (model) {
    out.push(
      run('advisor-added', model.id, {
        ...x,
        advisors: [...x.advisors, { ...model, id: `${model.id}+1`, absences: [] }],
      }),
    );
  }
  const uses = new Map<number, number>();
  for (const v of visits) {
    const c = P.candidates[v.candidate];
    if (c) uses.set(c.venue, (uses.get(c.venue) ?? 0) + 1);
  }
  const top = [...uses.entries()]
    .sort((a, b) => b[1] - a[1] || a[0] - b[0])
    .slice(0, options.venues ?? 3)
    .map(([v]) => v);
  for (const v of top) out.push(run('venue-dropped', x.venues[v]?.id ?? '', withoutVenue(x, v)));
  return out;
}
