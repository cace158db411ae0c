/**
 * Coverage lists: for each demand, the sites within the radius; for each site, the demands
 * it covers. Shared by the maximal covering (MCLP) and set covering (LSCP) solvers.
 */
import { type LocationInstance, SITE_STATUS } from './instance.ts';

export interface Coverage {
  readonly n: number;
  readonly m: number;
  /** Demand i is covered by siteOf[demandStart[i] … demandStart[i+1]). */
  readonly demandStart: Int32Array;
  readonly siteOf: Int32Array;
  /** Site j covers demandOf[siteStart[j] … siteStart[j+1]). */
  readonly siteStart: Int32Array;
  readonly demandOf: Int32Array;
}

export function coverageWithin(x: LocationInstance, radius: number): Coverage {
  const n = x.demandIds.length;
  const m = x.siteIds.length;
  const demandStart = new Int32Array(n + 1);
  let total = 0;
  for (let i = 0; i < n; i++) {
    demandStart[i] = total;
    for (let k = x.rowStart[i] ?? 0; k < (x.rowStart[i + 1] ?? 0) && (x.cost[k] ?? 0) <= radius; k++) total++;
  }
  demandStart[n] = total;
  const siteOf = new Int32Array(total);
  const count = new Int32Array(m + 1);
  for (let i = 0; i < n; i++) {
    let at = demandStart[i] ?? 0;
    for (let k = x.rowStart[i] ?? 0; k < (x.rowStart[i + 1] ?? 0) && (x.cost[k] ?? 0) <= radius; k++) {
      const s = x.site[k] ?? 0;
      siteOf[at++] = s;
      count[s + 1] = (count[s + 1] ?? 0) + 1;
    }
  }
  for (let j = 0; j < m; j++) count[j + 1] = (count[j + 1] ?? 0) + (count[j] ?? 0);
  const siteStart = Int32Array.from(count);
  const fill = Int32Array.from(count);
  const demandOf = new Int32Array(total);
  for (let i = 0; i < n; i++) {
    for (let k = demandStart[i] ?? 0; k < (demandStart[i + 1] ?? 0); k++) {
      const s = siteOf[k] ?? 0;
      demandOf[fill[s] ?? 0] = i;
      fill[s] = (fill[s] ?? 0) + 1;
    }
  }
  return { n, m, demandStart, siteOf, siteStart, demandOf };
}

/**
 * Free sites that an optimal covering never needs: a site whose coverage of the demand still
 * open to gain (positive weight, not covered by a must-keep site) is contained in another
 * allowed site's (ties kept by the lower index), or is empty. Any solution opening such a
 * site A covers as much after swapping A for the site B that dominates it (or, when B is
 * already open, for any other site), so some optimal solution avoids every dominated site as
 * long as p sites remain to choose from; fewer sites make every later step cheaper
 * (Church & ReVelle's column reduction for covering models).
 */
export function dominatedSites(x: LocationInstance, c: Coverage): Uint8Array {
  const { n, m } = c;
  const live = new Uint8Array(n);
  for (let i = 0; i < n; i++) live[i] = (x.weights[i] as number) > 0 ? 1 : 0;
  for (let j = 0; j < m; j++) {
    if (x.status[j] !== SITE_STATUS.fixed) continue;
    for (let k = c.siteStart[j] as number; k < (c.siteStart[j + 1] as number); k++)
      live[c.demandOf[k] as number] = 0;
  }
  // Allowed sites covering each live demand, and each site's number of live demands.
  const degree = new Int32Array(n);
  const size = new Int32Array(m);
  for (let j = 0; j < m; j++) {
    if (x.status[j] === SITE_STATUS.forbidden) continue;
    for (let k = c.siteStart[j] as number; k < (c.siteStart[j + 1] as number); k++) {
      const i = c.demandOf[k] as number;
      if (!live[i]) continue;
      degree[i] = (degree[i] as number) + 1;
      size[j] = (size[j] as number) + 1;
    }
  }
  const mark = new Int32Array(n).fill(-1);
  const dominated = new Uint8Array(m);
  for (let a = 0; a < m; a++) {
    if (x.status[a] !== SITE_STATUS.free) continue;
    const sa = size[a] as number;
    if (sa === 0) {
      dominated[a] = 1;
      continue;
    }
    let rare = -1;
    for (let k = c.siteStart[a] as number; k < (c.siteStart[a + 1] as number); k++) {
      const i = c.demandOf[k] as number;
      if (!live[i]) continue;
      mark[i] = a;
      if (rare < 0 || (degree[i] as number) < (degree[rare] as number)) rare = i;
    }
    // A dominating site covers every live demand of a, so also its rarest one.
    for (let q = c.demandStart[rare] as number; q < (c.demandStart[rare + 1] as number); q++) {
      const b = c.siteOf[q] as number;
      const sb = size[b] as number;
      if (b === a || x.status[b] === SITE_STATUS.forbidden || sb < sa || (sb === sa && b > a)) continue;
      let hits = 0;
      for (let k = c.siteStart[b] as number; k < (c.siteStart[b + 1] as number); k++)
        if (mark[c.demandOf[k] as number] === a) hits++;
      if (hits === sa) {
        dominated[a] = 1;
        break;
      }
    }
  }
  return dominated;
}

/** The same coverage without the `dropped` sites (site indices unchanged). */
export function withoutSites(c: Coverage, dropped: Uint8Array): Coverage {
  const { n, m } = c;
  const demandStart = new Int32Array(n + 1);
  let total = 0;
  for (let i = 0; i < n; i++) {
    demandStart[i] = total;
    for (let k = c.demandStart[i] as number; k < (c.demandStart[i + 1] as number); k++)
      if (!dropped[c.siteOf[k] as number]) total++;
  }
  demandStart[n] = total;
  const siteOf = new Int32Array(total);
  total = 0;
  for (let i = 0; i < n; i++) {
    for (let k = c.demandStart[i] as number; k < (c.demandStart[i + 1] as number); k++) {
      const s = c.siteOf[k] as number;
      if (!dropped[s]) siteOf[total++] = s;
    }
  }
  const siteStart = new Int32Array(m + 1);
  let kept = 0;
  for (let j = 0; j < m; j++) {
    siteStart[j] = kept;
    if (!dropped[j]) kept += (c.siteStart[j + 1] as number) - (c.siteStart[j] as number);
  }
  siteStart[m] = kept;
  const demandOf = new Int32Array(kept);
  for (let j = 0; j < m; j++) {
    if (dropped[j]) continue;
    demandOf.set(
      c.demandOf.subarray(c.siteStart[j] as number, c.siteStart[j + 1] as number),
      siteStart[j] as number,
    );
  }
  return { n, m, demandStart, siteOf, siteStart, demandOf };
}
