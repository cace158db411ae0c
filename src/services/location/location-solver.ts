/**
 * Solves a location model with the chosen method:
 *
 * - `heuristic`: greedy and swap searches with a Lagrangian bound (fast, scales to 100 000
 *   demand points × 5 000 sites); for MCLP also a small LP certificate (the restricted dual,
 *   core/location/mclp-dual.ts) solved by HiGHS in this thread;
 * - `exact`: the model as a MILP in HiGHS (a worker thread), warm-started from the
 *   heuristic; refused when too large for HiGHS' 2 GB WebAssembly memory;
 * - `auto`: the heuristic, then whatever proves or improves it within the time limit:
 *   Lagrangian branch and bound (p-median), the LP relaxation and LP-guided searches
 *   (MCLP), and HiGHS on models that fit.
 *
 * Every result has a valid bound and the gap; a bound from HiGHS is used only when its
 * solve ended properly (optimal or at its time limit).
 */
import { coverageWithin } from '../../core/location/coverage.ts';
import { coveredWeight, maximizes, objectiveOf } from '../../core/location/evaluate.ts';
import { type LocationInstance, type LocationModel, validateQuery } from '../../core/location/instance.ts';
import { solveLscpHeuristic } from '../../core/location/lscp.ts';
import { solveMclpHeuristic } from '../../core/location/mclp.ts';
import { guidedStartsMclp } from '../../core/location/mclp-local-search.ts';
import {
  type LocationMilp,
  lscpMilp,
  mclpMilp,
  openSitesOf,
  pMedianMilp,
  pMedianSize,
} from '../../core/location/milp.ts';
import { solvePMedianHeuristic } from '../../core/location/pmedian.ts';
import { type LocationResult, provenOptimal, relativeGap } from '../../core/location/solution.ts';
import { seededRandom } from '../../core/random.ts';
import { InvalidInputError } from '../errors.ts';
import { loadInProcessSolvers, type MilpOutcome, solveMilp, tooLarge } from '../milp/highs.ts';

export const SOLVERS = ['auto', 'exact', 'heuristic'] as const;
export type SolverChoice = (typeof SOLVERS)[number];

export interface LocateRequest {
  readonly model: LocationModel;
  readonly p?: number;
  readonly radius?: number;
  readonly solver: SolverChoice;
  readonly timeLimitSeconds: number;
  readonly seed?: number;
}

type Clock = () => number;

function integralFor(x: LocationInstance, model: LocationModel): boolean {
  return model === 'p-median' ? x.integral : model === 'mclp' ? x.integralWeights : true;
}

function milpFor(x: LocationInstance, r: LocateRequest, start?: readonly number[]): LocationMilp {
  if (r.model === 'p-median') return pMedianMilp(x, r.p ?? 0, start);
  if (r.model === 'mclp') return mclpMilp(x, r.p ?? 0, r.radius ?? 0, start);
  return lscpMilp(x, r.radius ?? 0, start);
}

function sizeRefusal(x: LocationInstance, r: LocateRequest): string | null {
  if (r.model === 'p-median') return tooLarge(pMedianSize(x));
  const c = coverageWithin(x, r.radius ?? 0);
  return tooLarge({ columns: c.m + c.n, nonzeros: c.siteOf.length + c.m + c.n });
}

/** Folds a HiGHS outcome into a result: a better solution, and a bound if the solve ended properly. */
function combine(
  x: LocationInstance,
  r: LocateRequest,
  base: LocationResult,
  spec: LocationMilp,
  outcome: MilpOutcome,
  label: string,
): LocationResult {
  if (!outcome.ok) return { ...base, notes: [...base.notes, outcome.message] };
  const max = maximizes(r.model);
  let open = base.open;
  let objective = base.objective;
  if (outcome.colValue) {
    const candidate = openSitesOf(spec, outcome.colValue);
    // Re-evaluate from scratch: never trust a solver's own objective for the answer.
    const value = objectiveOf(x, r.model, candidate, r.radius ?? 0);
    if (Number.isFinite(value) && (max ? value > objective : value < objective)) {
      open = candidate;
      objective = value;
    }
  }
  let bound = base.bound;
  if (outcome.status === 7 && outcome.objective !== null)
    bound = max ? Math.min(bound, outcome.objective) : Math.max(bound, outcome.objective);
  else if (outcome.status === 13 && outcome.bound !== null)
    bound = max ? Math.min(bound, outcome.bound) : Math.max(bound, outcome.bound);
  if (outcome.status === 8 && !base.optimal) {
    // Infeasible full model with a feasible incumbent cannot happen; a reduced model being
    // infeasible means no better solution exists.
    bound = objective;
  }
  bound = max ? Math.max(bound, objective) : Math.min(bound, objective);
  const integral = integralFor(x, r.model);
  const optimal = provenOptimal(objective, bound, !max, integral);
  return {
    ...base,
    open,
    objective,
    bound,
    gap: optimal ? 0 : relativeGap(objective, bound),
    optimal,
    boundSource: outcome.status === 7 || outcome.status === 13 ? 'milp' : base.boundSource,
    solver: label,
    notes: [
      ...base.notes,
      `HiGHS: status ${outcome.status}, ${outcome.seconds.toFixed(2)} s, ${outcome.nodes} nodes`,
    ],
  };
}

async function runHeuristic(
  x: LocationInstance,
  r: LocateRequest,
  clock: Clock,
  timeLimitSeconds: number,
  branch: boolean,
  alone = false,
): Promise<LocationResult> {
  // Alone (no HiGHS to follow), the Lagrangian bound is all the certificate there is: more iterations.
  const options = {
    clock,
    timeLimitSeconds,
    seed: r.seed ?? 1,
    ...(alone ? { lagrangianIterations: 5000 } : {}),
  };
  if (r.model === 'p-median')
    return solvePMedianHeuristic(x, r.p ?? 0, { ...options, branchAndBound: branch }).result;
  if (r.model === 'mclp') {
    const solvers = await loadInProcessSolvers();
    return solveMclpHeuristic(x, r.p ?? 0, r.radius ?? 0, { ...options, ...(solvers ?? {}) }).result;
  }
  return solveLscpHeuristic(x, r.radius ?? 0, options);
}

export async function locate(
  x: LocationInstance,
  r: LocateRequest,
  clock: Clock = () => performance.now(),
): Promise<LocationResult> {
  const problems = validateQuery(x, r.model, r.p, r.radius);
  if (problems.length > 0) throw new InvalidInputError(problems.join('; '), 'instance');
  if (r.model === 'p-median') await checkPMedianFeasible(x, r.p ?? 0, clock);
  const started = clock();
  const deadline = started + r.timeLimitSeconds * 1000;
  const left = () => Math.max(0, (deadline - clock()) / 1000);
  const finish = (res: LocationResult): LocationResult => ({ ...res, seconds: (clock() - started) / 1000 });

  if (r.solver === 'heuristic') return finish(await runHeuristic(x, r, clock, r.timeLimitSeconds, false));

  if (r.solver === 'exact') {
    const refusal = sizeRefusal(x, r);
    if (refusal)
      throw new InvalidInputError(
        `the exact solver refuses this model: ${refusal}; use --solver heuristic or auto`,
        'solver',
      );
    const warm = await runHeuristic(x, r, clock, Math.min(r.timeLimitSeconds * 0.2, 10), false);
    const spec = milpFor(x, r, warm.open);
    const outcome = await solveMilp(spec, { timeLimitSeconds: left() });
    return finish(combine(x, r, { ...warm, solver: 'exact' }, spec, outcome, 'exact (HiGHS)'));
  }

  // auto: when HiGHS cannot take the model, the heuristic gets all the time (and more
  // Lagrangian iterations: its bound is then the only certificate).
  const refusal = sizeRefusal(x, r);
  let heuristicSeconds = Math.min(r.timeLimitSeconds * 0.3, 20);
  if (r.model === 'p-median') heuristicSeconds = r.timeLimitSeconds * 0.8;
  if (refusal) heuristicSeconds = r.timeLimitSeconds;
  let result = await runHeuristic(x, r, clock, heuristicSeconds, true, refusal !== null);
  result = { ...result, solver: `auto: ${result.solver}` };
  if (refusal) return finish({ ...result, notes: [...result.notes, `HiGHS not used: ${refusal}`] });
  if (result.optimal || left() < 0.5) return finish(result);

  if (r.model === 'mclp') {
    // The LP relaxation: a bound, and site scores to start searches from.
    const spec = mclpMilp(x, r.p ?? 0, r.radius ?? 0);
    const lp = await solveMilp(
      { ...spec, integrality: new Int32Array(spec.numCols) },
      { timeLimitSeconds: Math.min(left(), 60) },
    );
    if (lp.ok && lp.status === 7 && lp.objective !== null && lp.colValue) {
      const lpBound = x.integralWeights ? Math.floor(lp.objective + 1e-6) : lp.objective;
      const scores = new Float64Array(x.siteIds.length);
      for (let j = 0; j < scores.length; j++) {
        const k = spec.siteColumn[j] ?? -1;
        if (k >= 0) scores[j] = lp.colValue[k] ?? 0;
      }
      const c = coverageWithin(x, r.radius ?? 0);
      const searchUntil = clock() + Math.min(left() * 0.3, 5) * 1000;
      const target = Math.min(result.bound, lpBound);
      const guided = guidedStartsMclp(
        x,
        c,
        r.p ?? 0,
        scores,
        { open: [...result.open], covered: result.objective },
        {
          random: seededRandom(r.seed ?? 1),
          shouldStop: () => clock() > searchUntil,
          target,
        },
      );
      const objective = coveredWeight(x, guided.open, r.radius ?? 0);
      const bound = Math.max(objective, Math.min(result.bound, lpBound));
      const optimal = provenOptimal(objective, bound, false, x.integralWeights);
      result = {
        ...result,
        open: guided.open,
        objective,
        bound,
        boundSource: lpBound < result.bound ? 'lp' : result.boundSource,
        optimal,
        gap: optimal ? 0 : relativeGap(objective, bound),
        notes: [
          ...result.notes,
          `LP relaxation ${lp.objective.toFixed(2)}`,
          `${guided.starts} LP-guided starts`,
        ],
      };
      if (optimal || left() < 0.5) return finish(result);
    }
  }
  const spec = milpFor(x, r, result.open);
  const outcome = await solveMilp(spec, { timeLimitSeconds: left() });
  return finish(combine(x, r, result, spec, outcome, `${result.solver} + HiGHS`));
}

/**
 * A p-median must serve every demand; with must-keep sites, closed sites and incomplete cost
 * lists that can need more than p sites. The fewest sites that serve everyone is a set
 * cover (LSCP with no radius): when even that exceeds p, the request is refused.
 */
async function checkPMedianFeasible(x: LocationInstance, p: number, clock: Clock): Promise<void> {
  const cover = await locate(
    x,
    { model: 'lscp', radius: Number.POSITIVE_INFINITY, solver: 'auto', timeLimitSeconds: 10 },
    clock,
  );
  if (cover.bound > p) {
    throw new InvalidInputError(
      `no choice of ${p} site${p === 1 ? '' : 's'} serves every demand point: with the must-keep and closed sites, at least ${cover.bound} are needed`,
      'p',
      { code: 'errNeedMore', params: { p: String(p), needed: String(cover.bound) } },
    );
  }
}
