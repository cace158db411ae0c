/**
 * Coverage lists: for each demand, the sites within the radius; for each site, the demands
 * it covers. Shared by the maximal covering (MCLP) and set covering (LSCP) solvers.
 */
import type { LocationInstance } from './instance.ts';

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
