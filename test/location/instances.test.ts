/** Instance files: parsing rules and the errors for bad instances. */
import { describe, expect, it } from 'vitest';
import { createInstance, SITE_STATUS } from '../../src/core/location/instance.ts';
import { parseJsonInstance, parseMclpText, parseOrlibPmed } from '../../src/services/location/formats.ts';
import { locate } from '../../src/services/location/location-solver.ts';

const file = (name: string, text: string) => ({ name, bytes: new TextEncoder().encode(text) });
const clock = () => performance.now();

describe('OR-Library p-median files', () => {
  it('uses the last cost of a repeated edge, then shortest paths', () => {
    // 1–2 listed twice: first 5, then 9 (the last wins, not the minimum); 2–3 costs 1.
    const parsed = parseOrlibPmed(file('tiny.txt', '3 3 1\n1 2 5\n2 3 1\n1 2 9\n'));
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    const x = parsed.instance;
    const cost = (i: number, j: number) => {
      for (let k = x.rowStart[i] ?? 0; k < (x.rowStart[i + 1] ?? 0); k++)
        if (x.site[k] === j) return x.cost[k];
      return undefined;
    };
    expect(cost(0, 1)).toBe(9);
    expect(cost(0, 2)).toBe(10);
    expect(parsed.p).toBe(1);
  });

  it.each([
    ['wrong counts', '3 4 1\n1 2 5\n2 3 1\n', 'the header says 4 edges but the file has 2'],
    ['negative costs', '3 2 1\n1 2 -5\n2 3 1\n', 'expected a cost ≥ 0, got -5'],
    ['p larger than n', '3 2 4\n1 2 5\n2 3 1\n', 'p = 4 must be between 1 and n = 3'],
    [
      'a disconnected graph',
      '4 2 1\n1 2 5\n3 4 1\n',
      'the graph is disconnected: there is no path from vertex 1 to vertex 3',
    ],
    ['a vertex out of range', '3 2 1\n1 7 5\n2 3 1\n', 'vertex 7 is outside 1…3'],
    ['a broken header', 'three two one\n', 'expected "n m p"'],
  ])('refuses %s', (_, text, message) => {
    const parsed = parseOrlibPmed(file('bad.txt', text));
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.issues.map((i) => i.message).join(' | ')).toContain(message);
  });
});

describe('MCLP text files', () => {
  it('reads coordinates (Euclidean) and edge lists (shortest paths; 999 = no edge)', () => {
    const coords = parseMclpText(file('c.txt', '3\t9999\tp\tS\n0\t0\t10\t\n3\t4\t20\t\n100\t0\t5\t\n'));
    expect(coords.ok).toBe(true);
    if (coords.ok) expect([...coords.instance.weights]).toEqual([10, 20, 5]);
    const edges = parseMclpText(file('e.txt', '3 3\n1 2 4 7\n2 3 999 8\n1 3 2 9\n'));
    expect(edges.ok).toBe(true);
    if (edges.ok) {
      expect([...edges.instance.weights]).toEqual([7, 8, 9]);
      const x = edges.instance;
      const row = (i: number) =>
        Array.from({ length: (x.rowStart[i + 1] ?? 0) - (x.rowStart[i] ?? 0) }, (_, k) => [
          x.site[(x.rowStart[i] ?? 0) + k],
          x.cost[(x.rowStart[i] ?? 0) + k],
        ]);
      expect(row(1)).toEqual([
        [1, 0],
        [0, 4],
        [2, 6],
      ]);
    }
  });

  it('lets edge lines after the n-th leave the demand out, but not the first n (GR100 does)', () => {
    const ok = parseMclpText(file('e.txt', '2 3\n1 2 4 7\n2 1 5 8\n1 2 3\t\n'));
    expect(ok.ok).toBe(true);
    if (ok.ok) expect([...ok.instance.weights]).toEqual([7, 8]);
    const missing = parseMclpText(file('e.txt', '2 3\n1 2 4 7\n2 1 5\n1 2 3 1\n'));
    expect(missing.ok).toBe(false);
    if (!missing.ok) expect(missing.issues[0]).toMatchObject({ line: 3 });
  });

  it('refuses wrong node counts and negative demand', () => {
    const short = parseMclpText(file('c.txt', '3\t9999\n0\t0\t10\n3\t4\t20\n'));
    expect(short.ok).toBe(false);
    const negative = parseMclpText(file('c.txt', '2\t9999\n0\t0\t-1\n3\t4\t20\n'));
    expect(negative.ok).toBe(false);
    if (!negative.ok) expect(negative.issues[0]).toMatchObject({ line: 2, column: 'demand' });
  });
});

describe('neuvo JSON instances', () => {
  const doc = {
    demands: [
      { id: 'a', groups: { all: 100, age75plus: 10 } },
      { id: 'b', weight: 50 },
    ],
    groupWeights: { all: 1, age75plus: 3 },
    sites: [{ id: 'S1', status: 'must-keep' }, { id: 'S2' }, { id: 'S3', status: 'closed' }],
    costs: [
      [5, 10, 1],
      [null, 2, 1],
    ],
    p: 2,
  };

  it('combines group counts with planner weights and reads statuses', () => {
    const parsed = parseJsonInstance(file('i.json', JSON.stringify(doc)));
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect([...parsed.instance.weights]).toEqual([130, 50]);
    expect([...parsed.instance.status]).toEqual([SITE_STATUS.fixed, SITE_STATUS.free, SITE_STATUS.forbidden]);
    expect(parsed.p).toBe(2);
  });

  it('names the JSON path of every problem', () => {
    const bad = {
      ...doc,
      costs: [
        [5, -1, 1],
        [2, 1],
      ],
      sites: [{ id: 'S1' }, { id: 'S1' }, { id: 'S3', status: 'shut' }],
    };
    const parsed = parseJsonInstance(file('i.json', JSON.stringify(bad)));
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) {
      const paths = parsed.issues.map((i) => i.path);
      expect(paths).toContain('sites[2].status');
      expect(paths).toContain('costs[0][1]');
    }
  });
});

describe('refused requests', () => {
  const x = createInstance({
    name: 't',
    demandIds: ['a', 'b'],
    siteIds: ['s', 't'],
    weights: [1, 1],
    pairs: [
      { demand: 0, site: 0, cost: 1 },
      { demand: 1, site: 1, cost: 1 },
    ],
    status: [SITE_STATUS.fixed, SITE_STATUS.free],
  });

  it('p larger than the number of sites', async () => {
    await expect(
      locate(x, { model: 'mclp', p: 3, radius: 5, solver: 'auto', timeLimitSeconds: 5 }, clock),
    ).rejects.toThrow('p = 3 is larger than the number of candidate sites (2)');
  });

  it('must-keep sites that make serving everyone impossible', async () => {
    await expect(
      locate(x, { model: 'p-median', p: 1, solver: 'auto', timeLimitSeconds: 5 }, clock),
    ).rejects.toThrow('no choice of 1 site serves every demand point');
  });

  it('a set cover that cannot cover everyone', async () => {
    const closed = { ...x, status: Uint8Array.from([SITE_STATUS.free, SITE_STATUS.forbidden]) };
    await expect(
      locate(closed, { model: 'lscp', radius: 5, solver: 'auto', timeLimitSeconds: 5 }, clock),
    ).rejects.toThrow('have no allowed site within 5');
  });

  it('the exact solver refuses a model too large for HiGHS, and auto falls back', async () => {
    const n = 600;
    const big = createInstance({
      name: 'big',
      demandIds: Array.from({ length: n }, (_, i) => `d${i}`),
      siteIds: Array.from({ length: n }, (_, j) => `s${j}`),
      weights: new Float64Array(n).fill(1),
      pairs: (function* () {
        for (let i = 0; i < n; i++)
          for (let j = 0; j < n; j++) yield { demand: i, site: j, cost: Math.abs(i - j) };
      })(),
    });
    await expect(
      locate(big, { model: 'p-median', p: 3, solver: 'exact', timeLimitSeconds: 5 }, clock),
    ).rejects.toThrow('the exact solver refuses this model');
    const fallback = await locate(
      big,
      { model: 'p-median', p: 3, solver: 'auto', timeLimitSeconds: 5 },
      clock,
    );
    expect(fallback.objective).toBeGreaterThan(0);
    expect(fallback.bound).toBeLessThanOrEqual(fallback.objective);
  });
});
