/** PySAL spopt's San Francisco instance: the values spopt's tests and notebooks assert. */
import { readFile } from 'node:fs/promises';
import { beforeAll, describe, expect, it } from 'vitest';
import type { LocationInstance } from '../../src/core/location/instance.ts';
import { parseSpoptSf } from '../../src/services/location/formats.ts';
import { locate } from '../../src/services/location/location-solver.ts';

let x: LocationInstance;
const dir = new URL('../fixtures/spopt-sf/', import.meta.url);
const clock = () => performance.now();

beforeAll(async () => {
  const parsed = parseSpoptSf(
    {
      name: 'distances.csv',
      bytes: await readFile(new URL('SF_network_distance_candidateStore_16_censusTract_205_new.csv', dir)),
    },
    { name: 'demand.csv', bytes: await readFile(new URL('SF_demand_205_centroid_uniform_weight.csv', dir)) },
  );
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
  x = parsed.instance;
});

describe.each(['auto', 'exact', 'heuristic'] as const)('spopt San Francisco with the %s solver', (solver) => {
  it('MCLP at 5 km with p = 4 leaves 21 tracts uncovered (89.756 %)', async () => {
    const r = await locate(x, { model: 'mclp', p: 4, radius: 5000, solver, timeLimitSeconds: 30 }, clock);
    expect(r.objective).toBe(875_247);
    let covered = 0;
    for (let i = 0; i < x.demandIds.length; i++) {
      for (let k = x.rowStart[i] ?? 0; k < (x.rowStart[i + 1] ?? 0) && (x.cost[k] ?? 0) <= 5000; k++) {
        if (r.open.includes(x.site[k] ?? -1)) {
          covered++;
          break;
        }
      }
    }
    expect(x.demandIds.length - covered).toBe(21);
    // spopt asserts perc_cov == 89.75609756097561, i.e. 184 / 205 × 100.
    expect((covered / x.demandIds.length) * 100).toBe((184 / 205) * 100);
    if (solver !== 'heuristic') expect(r.optimal).toBe(true);
  });

  it('p-median with p = 4 has a mean distance of 2982.127 m', async () => {
    const r = await locate(x, { model: 'p-median', p: 4, solver, timeLimitSeconds: 30 }, clock);
    const population = x.weights.reduce((s, w) => s + w, 0);
    expect(population).toBe(955_113);
    expect(r.objective / population).toBeCloseTo(2982.1268579890657, 6);
    if (solver !== 'heuristic') expect(r.optimal).toBe(true);
  });

  it('set cover needs 8 sites at 5 km and 3 at 8 km', async () => {
    const five = await locate(x, { model: 'lscp', radius: 5000, solver, timeLimitSeconds: 30 }, clock);
    const eight = await locate(x, { model: 'lscp', radius: 8000, solver, timeLimitSeconds: 30 }, clock);
    expect(five.objective).toBe(8);
    expect(eight.objective).toBe(3);
    if (solver !== 'heuristic') {
      expect(five.optimal).toBe(true);
      expect(eight.optimal).toBe(true);
    }
  });
});
