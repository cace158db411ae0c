/**
 * The certificates the MCLP heuristic (mclp.ts) asks of the solvers passed in, while it
 * searches: the restricted dual of the best set (mclp-dual.ts), solved by the LP solver, and
 * the core program (mclp-core.ts), solved by the MILP solver. Each may prove the best optimal
 * (or within the gap allowed) and so end the search early; the core may also find a better set.
 */

import { mclpCore } from './mclp-core.ts';
import { mclpRestrictedDual, restrictedDualMultipliers } from './mclp-dual.ts';
import { mclpBoundAt } from './mclp-lagrangian.ts';
import { coveredTotal, maskOf } from './mclp-local-search.ts';
import { bound, budget, type MclpSearch, recordImprovement, target } from './mclp-search-state.ts';
import { openSitesOf } from './milp.ts';

/**
 * The restricted dual (mclp-dual.ts): the largest worth an LP solve, in nonzeros (a few MB
 * in HiGHS; the densest benchmark instances stay well under it, bench/HISTORY.md); tabu
 * iterations a better best stands before it is solved again; the most of the time so far
 * these solves may take.
 */
const DUAL_MAX_NONZEROS = 300_000;
const DUAL_SETTLED = 200;
const DUAL_SHARE = 0.3;

/**
 * The core program (mclp-core.ts), tried for a best within this relative gap of the bound,
 * when it leaves at most so many free sites and nonzeros (on the benchmark, cores within these
 * limits solved in a fraction of the search's time and larger or looser ones took seconds:
 * bench/HISTORY.md, "Constants"); the shortest time limit of a solve, in seconds.
 */
const CORE_MAX_GAP = 1e-3;
const CORE_LIMITS = { maxFreeSites: 200, maxNonzeros: 12_000 } as const;
const CORE_MIN_SECONDS = 0.05;

/**
 * The restricted dual of the best set (mclp-dual.ts), solved exactly by the LP solver when
 * one is given: once the Lagrangian heuristic is done, and again for a better best once it
 * has stood for `DUAL_SETTLED` tabu iterations (improvements come in bursts; a best that
 * stands is worth a certificate), while these solves have taken at most `DUAL_SHARE` of
 * the time so far. Its bound is kept apart from the subgradient's: it bounds and proves, but
 * fixes no sites and scores no starts. (At an LP vertex most multipliers are 0 or the full
 * weight; fixings from it narrowed the pool so far that the search lost its way, ending
 * 0.12–0.15 % short on SJC708 at S = 400 for some seeds.)
 *
 * At tabu iteration `now` (the search's count).
 */
export function dualAgain(s: MclpSearch, now: number): void {
  const { options, dual, c, p } = s;
  const pr = s.progress;
  const solveLp = options.solveLp;
  if (
    !solveLp ||
    dual.done ||
    pr.best.covered <= dual.forCovered ||
    now - pr.improvedAt < DUAL_SETTLED ||
    dual.ms > DUAL_SHARE * (options.clock() - s.started) ||
    pr.best.covered >= target(s)
  )
    return;
  const t = options.clock();
  dual.forCovered = pr.best.covered;
  const restricted = mclpRestrictedDual(s.pool, c, p, pr.best.open, DUAL_MAX_NONZEROS);
  const values = restricted ? solveLp(restricted.spec, Math.max(0.01, (s.deadline - t) / 1000)) : null;
  if (restricted) dual.solves++;
  if (restricted && values) {
    const at = mclpBoundAt(
      s.pool,
      c,
      p,
      restrictedDualMultipliers(s.pool, c, pr.best.open, restricted, values),
    );
    const before = dual.bound?.bound ?? Number.POSITIVE_INFINITY;
    if (at.bound < before) dual.bound = at;
    if (at.bound >= before - 1e-9 * Math.max(1, before)) dual.done = true;
  } else dual.done = true;
  dual.ms += options.clock() - t;
}

/**
 * The core program (mclp-core.ts), solved by the MILP solver when one is given, once a
 * best has stood for `DUAL_SETTLED` tabu iterations within `CORE_MAX_GAP` of the bound:
 * every better solution opens only the sites the fixings leave, so the solver finds one or
 * bounds them all. Once per best. It is tried before the best's own certificate, with the
 * fixings of the bounds so far: when they already leave a core small enough, a proof there
 * spares the certificate's LP solve; when not, it is tried again after the certificate.
 *
 * At tabu iteration `now` (the search's count).
 */
export function coreAgain(s: MclpSearch, now: number): void {
  const { options, core, dual, c, p } = s;
  const pr = s.progress;
  const solveMilp = options.solveMilp;
  if (
    !solveMilp ||
    core.done ||
    s.proven ||
    pr.best.covered <= core.forCovered ||
    now - pr.improvedAt < DUAL_SETTLED ||
    bound(s) - pr.best.covered > CORE_MAX_GAP * pr.best.covered ||
    pr.best.covered >= target(s)
  )
    return;
  const t = options.clock();
  const before = pr.best.covered;
  const program = mclpCore(
    s.pool,
    c,
    p,
    pr.best,
    dual.bound ? [s.lagrangian, dual.bound] : [s.lagrangian],
    CORE_LIMITS,
  );
  // Too large: tried again once this best has its certificate, and not after.
  if (!program && !dual.done && dual.forCovered < pr.best.covered) return;
  core.forCovered = pr.best.covered;
  if (!program) return;
  // No longer than the search would still run, at its pace so far.
  const perIteration = (t - s.started - dual.ms - core.ms) / Math.max(1, now);
  const limit = Math.min(
    Math.max(CORE_MIN_SECONDS, (budget(s) * perIteration) / 1000),
    (s.deadline - t) / 1000,
  );
  const answer = solveMilp(program.program, {
    timeLimitSeconds: Math.max(0.01, limit),
    relativeGap: pr.gapAllowed,
  });
  core.solves++;
  core.ms += options.clock() - t;
  if (!answer) {
    core.done = true;
    return;
  }
  if (answer.colValue) {
    const open = openSitesOf(program.program, answer.colValue);
    const covered = coveredTotal(s.x, c, maskOf(c.m, open));
    if (open.length === p && covered > pr.best.covered) {
      pr.best = { open, covered };
      recordImprovement(pr, now);
    }
  }
  // Every solution better than the best before lies in the core.
  core.bound = Math.min(core.bound, Math.max(before, answer.bound));
}
