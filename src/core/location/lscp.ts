/**
 * Location set covering (Toregas et al. 1971): the fewest sites that cover every demand
 * within the radius. Heuristic: greedy by uncovered demands per site, then dropping sites
 * that became redundant. Bound: Lagrangian relaxation of the covering rows (Beasley 1990,
 * "A Lagrangian heuristic for set-covering problems"): L(u) = Σ u_i + Σ_j min(0, 1 − Σ_{i
 * covered by j} u_i) ≤ optimum for u ≥ 0; the count is whole, so ⌈L⌉ is a bound too.
 */
import { type Coverage, coverageWithin } from './coverage.ts';
import { type LocationInstance, SITE_STATUS } from './instance.ts';
import { type LocationResult, provenOptimal, relativeGap, type SolveOptions } from './solution.ts';

export function greedyLscp(x: LocationInstance, c: Coverage): number[] {
  const m = c.m;
  const need = new Uint8Array(c.n);
  for (let i = 0; i < c.n; i++) need[i] = (x.weights[i] ?? 0) > 0 ? 1 : 0;
  const isOpen = new Uint8Array(m);
  const cover = (j: number) => {
    isOpen[j] = 1;
    for (let k = c.siteStart[j] ?? 0; k < (c.siteStart[j + 1] ?? 0); k++) need[c.demandOf[k] ?? 0] = 0;
  };
  for (let j = 0; j < m; j++) if (x.status[j] === SITE_STATUS.fixed) cover(j);
  for (;;) {
    let best = -1;
    let bestCount = 0;
    for (let j = 0; j < m; j++) {
      if (isOpen[j] || x.status[j] === SITE_STATUS.forbidden) continue;
      let cnt = 0;
      for (let k = c.siteStart[j] ?? 0; k < (c.siteStart[j + 1] ?? 0); k++)
        cnt += need[c.demandOf[k] ?? 0] ?? 0;
      if (cnt > bestCount) {
        bestCount = cnt;
        best = j;
      }
    }
    if (best < 0) break;
    cover(best);
  }
  return dropRedundant(x, c, isOpen);
}

/** Closes open free sites whose demands all stay covered, largest-index-covering first. */
export function dropRedundant(x: LocationInstance, c: Coverage, isOpen: Uint8Array): number[] {
  const count = new Int32Array(c.n);
  for (let j = 0; j < c.m; j++) {
    if (!isOpen[j]) continue;
    for (let k = c.siteStart[j] ?? 0; k < (c.siteStart[j + 1] ?? 0); k++)
      count[c.demandOf[k] ?? 0] = (count[c.demandOf[k] ?? 0] ?? 0) + 1;
  }
  const order = [...Array(c.m).keys()].filter((j) => isOpen[j] && x.status[j] !== SITE_STATUS.fixed);
  order.sort(
    (a, b) =>
      (c.siteStart[a + 1] ?? 0) - (c.siteStart[a] ?? 0) - ((c.siteStart[b + 1] ?? 0) - (c.siteStart[b] ?? 0)),
  );
  for (const j of order) {
    let redundant = true;
    for (let k = c.siteStart[j] ?? 0; k < (c.siteStart[j + 1] ?? 0); k++) {
      const i = c.demandOf[k] ?? 0;
      if ((x.weights[i] ?? 0) > 0 && (count[i] ?? 0) <= 1) {
        redundant = false;
        break;
      }
    }
    if (!redundant) continue;
    isOpen[j] = 0;
    for (let k = c.siteStart[j] ?? 0; k < (c.siteStart[j + 1] ?? 0); k++)
      count[c.demandOf[k] ?? 0] = (count[c.demandOf[k] ?? 0] ?? 0) - 1;
  }
  const open: number[] = [];
  for (let j = 0; j < c.m; j++) if (isOpen[j]) open.push(j);
  return open;
}

export function lscpLagrangian(
  x: LocationInstance,
  c: Coverage,
  start: number[],
  shouldStop: () => boolean,
): { bound: number; iterations: number; u: Float64Array; best: number[] } {
  let best = start;
  let upperBound = start.length;
  // Beasley's Lagrangian heuristic: cover in order of reduced cost, then drop redundant sites.
  const repair = (rc: Float64Array) => {
    const order = [...Array(c.m).keys()]
      .filter((j) => x.status[j] !== SITE_STATUS.forbidden)
      .sort((a, b) => (rc[a] ?? 0) - (rc[b] ?? 0));
    const need = new Uint8Array(c.n);
    let left = 0;
    for (let i = 0; i < c.n; i++)
      if ((x.weights[i] ?? 0) > 0) {
        need[i] = 1;
        left++;
      }
    const isOpen = new Uint8Array(c.m);
    const take = (j: number) => {
      isOpen[j] = 1;
      for (let k = c.siteStart[j] ?? 0; k < (c.siteStart[j + 1] ?? 0); k++) {
        const i = c.demandOf[k] ?? 0;
        if (need[i]) {
          need[i] = 0;
          left--;
        }
      }
    };
    for (let j = 0; j < c.m; j++) if (x.status[j] === SITE_STATUS.fixed) take(j);
    for (const j of order) {
      if (left === 0) break;
      if (isOpen[j]) continue;
      let useful = false;
      for (let k = c.siteStart[j] ?? 0; k < (c.siteStart[j + 1] ?? 0); k++)
        if (need[c.demandOf[k] ?? 0]) useful = true;
      if (useful) take(j);
    }
    if (left > 0) return;
    const open = dropRedundant(x, c, isOpen);
    if (open.length < upperBound) {
      upperBound = open.length;
      best = open;
    }
  };
  const n = c.n;
  const u = new Float64Array(n);
  const active = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    active[i] = (x.weights[i] ?? 0) > 0 ? 1 : 0;
    const deg = (c.demandStart[i + 1] ?? 0) - (c.demandStart[i] ?? 0);
    u[i] = active[i] && deg > 0 ? 1 / deg : 0;
  }
  const rc = new Float64Array(c.m);
  const g = new Float64Array(n);
  let bestValue = Number.NEGATIVE_INFINITY;
  let bestU = Float64Array.from(u);
  let theta = 2;
  let since = 0;
  let it = 0;
  for (; it < 2000 && !shouldStop(); it++) {
    let value = 0;
    for (let i = 0; i < n; i++) value += u[i] ?? 0;
    const chosen = new Uint8Array(c.m);
    for (let j = 0; j < c.m; j++) {
      let s = 0;
      for (let k = c.siteStart[j] ?? 0; k < (c.siteStart[j + 1] ?? 0); k++) s += u[c.demandOf[k] ?? 0] ?? 0;
      const r = 1 - s;
      rc[j] = r;
      // Fixed sites are always open; forbidden ones never.
      if (x.status[j] === SITE_STATUS.fixed || (x.status[j] === SITE_STATUS.free && r < 0)) {
        chosen[j] = 1;
        value += r;
      }
    }
    if (value > bestValue) {
      bestValue = value;
      bestU = Float64Array.from(u);
      since = 0;
    } else if (++since >= 40) {
      theta /= 2;
      since = 0;
    }
    if (it % 5 === 0) repair(rc);
    if (Math.ceil(bestValue - 1e-6) >= upperBound || theta < 1e-5) break;
    let norm = 0;
    for (let i = 0; i < n; i++) {
      if (!active[i]) continue;
      let cov = 0;
      for (let k = c.demandStart[i] ?? 0; k < (c.demandStart[i + 1] ?? 0); k++)
        if (chosen[c.siteOf[k] ?? 0]) cov++;
      const gi = 1 - cov;
      g[i] = gi;
      norm += gi * gi;
    }
    if (norm === 0) break;
    const step = (theta * Math.max(upperBound - value, 1e-6)) / norm;
    for (let i = 0; i < n; i++) if (active[i]) u[i] = Math.max(0, (u[i] ?? 0) + step * (g[i] ?? 0));
  }
  return { bound: bestValue, iterations: it, u: bestU, best };
}

export function solveLscpHeuristic(
  x: LocationInstance,
  radius: number,
  options: SolveOptions,
): LocationResult {
  const started = options.clock();
  const deadline = started + options.timeLimitSeconds * 1000;
  const c = coverageWithin(x, radius);
  const lr = lscpLagrangian(x, c, greedyLscp(x, c), () => options.clock() > deadline);
  const open = lr.best;
  const fixed = [...x.status].filter((s) => s === SITE_STATUS.fixed).length;
  const bound = Math.max(Math.ceil(lr.bound - 1e-6), fixed, open.length > 0 ? 1 : 0);
  const optimal = provenOptimal(open.length, bound, true, true);
  return {
    model: 'lscp',
    p: null,
    radius,
    open,
    objective: open.length,
    bound: Math.min(bound, open.length),
    gap: optimal ? 0 : relativeGap(open.length, bound),
    optimal,
    boundSource: 'lagrangian',
    solver: 'heuristic',
    seconds: (options.clock() - started) / 1000,
    notes: [`${lr.iterations} subgradient iterations`],
  };
}
