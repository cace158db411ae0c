/**
 * The planning heuristic: greedy construction over weekly and fortnightly patterns and single
 * visits (best value per visit first, advisors assigned as it goes), then ruin and recreate
 * (remove the visits of a random district, week or venue set, refill greedily, then add visits
 * one advisor short by handing a visit of a busy advisor to another; keep what improves) until
 * the time is up or nothing improves for a while. Pinned visits stay.
 *
 * The state it works on is in `heuristic-state.ts`, the greedy steps in
 * `heuristic-construction.ts`.
 */
import { type Breakdown, evaluate, type PlannedVisit } from './evaluate.ts';
import { fill, fillFairness, insertWithRestaff, movesOf } from './heuristic-construction.ts';
import { HeuristicState, type Move } from './heuristic-state.ts';
import { seriesKey } from './instance.ts';
import type { Candidate, Prepared } from './prepare.ts';

export interface HeuristicOptions {
  readonly clock: () => number;
  readonly timeLimitSeconds: number;
  readonly random: () => number;
  /** Called with the best objective found so far. */
  readonly onProgress?: (best: number) => void;
  readonly shouldStop?: () => boolean;
  /** Start from these visits (repair), keeping the pins. */
  readonly start?: readonly PlannedVisit[];
}

export interface HeuristicResult {
  readonly visits: PlannedVisit[];
  readonly breakdown: Breakdown;
  readonly iterations: number;
}

/** What the improvement loop works with. */
interface Search {
  readonly P: Prepared;
  readonly s: HeuristicState;
  readonly moves: readonly Move[];
  /** Days of each week, for the visits an advisor makes in a week. */
  readonly weekDays: ReadonlyMap<number, readonly number[]>;
  readonly options: HeuristicOptions;
  readonly stop: () => boolean;
}

export function planHeuristic(P: Prepared, options: HeuristicOptions): HeuristicResult {
  const started = options.clock();
  const deadline = started + options.timeLimitSeconds * 1000;
  const stop = () => options.clock() > deadline || (options.shouldStop?.() ?? false);
  const s = new HeuristicState(P);
  placeKeptVisits(P, s, options.start);
  const moves = movesOf(P);
  // The construction always runs to its end (only a cancellation stops it): it is what makes
  // the plan meet the rules (every district its visits each week), and it takes a fraction of a
  // second even on the largest demo. The time limit bounds the improvement after it, so a busy
  // machine gets a plan as valid as an idle one's, only less improved.
  const cancelled = () => options.shouldStop?.() ?? false;
  fillFairness(P, s, moves, cancelled);
  fill(P, s, moves, () => true, cancelled);
  const weekDays = weekDaysOf(P);
  insertWithRestaff(P, s, weekDays, () => true, cancelled);
  s.improveStaffing();
  return ruinAndRecreate({ P, s, moves, weekDays, options, stop });
}

/**
 * The visits the plan keeps: the pins, then the visits of pinned series (kept whatever else
 * the plan holds), then those of the plan to start from that can still be staffed as they were.
 */
function placeKeptVisits(P: Prepared, s: HeuristicState, start: readonly PlannedVisit[] | undefined): void {
  for (const c of P.candidates) if (c.pin >= 0) s.add(c, [...c.eligible]);
  for (const c of P.candidates) {
    if (c.series < 0 || s.chosen.has(c.index) || s.venueBusy(c)) continue;
    const advisors = s.pickAdvisors(c);
    if (advisors) s.add(c, advisors);
  }
  if (start) {
    for (const v of start) {
      const c = P.candidates[v.candidate];
      if (!c || s.chosen.has(c.index)) continue;
      if (
        v.advisors.length === c.staff &&
        v.advisors.every((a) => c.eligible.includes(a) && s.canStaff(c, a))
      )
        s.add(c, [...v.advisors]);
    }
  }
}

/** Days of each week, for the visits an advisor makes in a week. */
function weekDaysOf(P: Prepared): Map<number, number[]> {
  const weekDays = new Map<number, number[]>();
  for (const c of P.candidates) {
    const days = weekDays.get(c.week) ?? weekDays.set(c.week, []).get(c.week);
    if (days && !days.includes(c.day)) days.push(c.day);
  }
  return weekDays;
}

/**
 * Ruin and recreate: remove the visits of a district, a week, an advisor, a day or a random
 * share, refill greedily, keep the plan if it is better; until the time is up or 800 tries in a
 * row gain nothing. Returns the best plan found.
 */
function ruinAndRecreate(search: Search): HeuristicResult {
  const { P, s, options, stop } = search;
  let best = s.visits();
  let bestValue = evaluate(P, best).total;
  options.onProgress?.(bestValue);
  let iterations = 0;
  let sinceGain = 0;
  while (!stop() && sinceGain < 800) {
    iterations++;
    sinceGain++;
    const kind = options.random();
    const removable = [...s.chosen.keys()].filter(
      (i) => (P.candidates[i]?.pin ?? 0) < 0 && (P.candidates[i]?.series ?? 0) < 0,
    );
    if (removable.length === 0) break;
    const ruin = chooseRuin(P, s, removable, kind, options.random);
    if (ruin.length === 0) continue;
    const before = s.visits();
    recreate(search, ruin);
    const value = evaluate(P, s.visits()).total;
    if (value > bestValue + 1e-9 * Math.max(1, Math.abs(bestValue)) && s.sharesHold()) {
      best = s.visits();
      bestValue = value;
      sinceGain = 0;
      options.onProgress?.(bestValue);
    } else {
      for (const i of [...s.chosen.keys()]) s.remove(P.candidates[i] as Candidate);
      for (const v of before) s.add(P.candidates[v.candidate] as Candidate, [...v.advisors]);
    }
  }
  return { visits: best, breakdown: evaluate(P, best), iterations };
}

/**
 * The visits to remove, by `kind` (a random number): a district's, a week's, an advisor's (in
 * one week or all), a day's, or a random share. Without one-offs a series leaves whole.
 */
function chooseRuin(
  P: Prepared,
  s: HeuristicState,
  removable: readonly number[],
  kind: number,
  random: () => number,
): number[] {
  const districts = P.x.districts.length;
  const advisors = P.x.advisors.length;
  let ruin: number[];
  if (kind < 0.25 && districts > 0) {
    const d = Math.floor(random() * districts);
    ruin = removable.filter((i) => P.venueDistrict[P.candidates[i]?.venue ?? 0] === d);
  } else if (kind < 0.4 && P.weeks > 1) {
    const w = Math.floor(random() * P.weeks);
    ruin = removable.filter((i) => P.candidates[i]?.week === w);
  } else if (kind < 0.65 && advisors > 0) {
    // One advisor's visits (in one week, or all): frees time to staff others.
    const a = Math.floor(random() * advisors);
    const w = random() < 0.5 ? Math.floor(random() * Math.max(1, P.weeks)) : -1;
    ruin = removable.filter(
      (i) => (s.chosen.get(i) ?? []).includes(a) && (w < 0 || P.candidates[i]?.week === w),
    );
  } else if (kind < 0.8) {
    // One day.
    const days = [...new Set(removable.map((i) => P.candidates[i]?.day ?? 0))];
    const day = days[Math.floor(random() * days.length)];
    ruin = removable.filter((i) => P.candidates[i]?.day === day);
  } else {
    const share = 0.05 + 0.2 * random();
    ruin = removable.filter(() => random() < share);
  }
  // Without one-offs, a series leaves whole: remove every visit of a ruined series.
  if (!(P.x.params.allowOneOffs || P.x.newVisitDates) && ruin.length > 0) {
    const keyOf = (i: number) => {
      const c = P.candidates[i] as Candidate;
      return seriesKey(c.venue, c.weekday, c.start, c.end);
    };
    const ruined = new Set(ruin.map(keyOf));
    ruin = removable.filter((i) => ruined.has(keyOf(i)));
  }
  return ruin;
}

/**
 * Removes the ruined visits and refills only where the ruin freed something: its districts and
 * weeks (greedy moves, visits one advisor short, staffing swaps).
 */
function recreate({ P, s, moves, weekDays, stop }: Search, ruin: readonly number[]): void {
  const ruinedDistricts = new Set(ruin.map((i) => P.venueDistrict[P.candidates[i]?.venue ?? 0] ?? -1));
  let ruinedWeeks = 0;
  for (const i of ruin) ruinedWeeks |= 2 ** Math.min(30, P.candidates[i]?.week ?? 0);
  const allowed = (m: Move) => ruinedDistricts.has(m.district) && (m.weeks & ruinedWeeks) !== 0;
  for (const i of ruin) s.remove(P.candidates[i] as Candidate);
  fill(P, s, moves, allowed, () => false);
  insertWithRestaff(
    P,
    s,
    weekDays,
    (c) =>
      ruinedDistricts.has(P.venueDistrict[c.venue] ?? -1) &&
      (ruinedWeeks & (2 ** Math.min(30, c.week))) !== 0,
    stop,
  );
  s.improveStaffing(ruinedWeeks);
}
