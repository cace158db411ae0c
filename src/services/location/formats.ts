/**
 * Instance files: OR-Library p-median (Beasley), the MCLP text files of Wang & Zhou's
 * collection (SJC, G&R, Beasley, ZDS, PCB), PySAL spopt's San Francisco data, and neuvo's
 * JSON format (docs/location.md). Every problem names the file, line and field.
 */

import { z } from 'zod';
import {
  createInstance,
  type LocationInstance,
  type PairInput,
  SITE_STATUS,
} from '../../core/location/instance.ts';
import { type ImportIssue, IssueList } from '../import/issues.ts';
import { parseWith } from '../import/json-formats.ts';
import { decodeUtf8, parseCsv, parseJson, type SourceFile } from '../import/text.ts';

export const INSTANCE_FORMATS = ['orlib-pmed', 'mclp-txt', 'spopt-sf', 'json'] as const;
export type InstanceFormat = (typeof INSTANCE_FORMATS)[number];

export type ParsedInstance =
  | { ok: true; instance: LocationInstance; p?: number; radius?: number }
  | { ok: false; issues: ImportIssue[] };

function lines(text: string): string[] {
  return text.replace(/\r/g, '').split('\n');
}

function numbersOf(line: string): number[] {
  return line
    .trim()
    .split(/[\s\t]+/)
    .filter((t) => t !== '')
    .map(Number);
}

/** All-pairs shortest paths (Floyd–Warshall) over an n × n matrix, in place. */
function floydWarshall(d: Float64Array, n: number): void {
  for (let k = 0; k < n; k++) {
    for (let i = 0; i < n; i++) {
      const dik = d[i * n + k] ?? Number.POSITIVE_INFINITY;
      if (dik === Number.POSITIVE_INFINITY) continue;
      for (let j = 0; j < n; j++) {
        const via = dik + (d[k * n + j] ?? Number.POSITIVE_INFINITY);
        if (via < (d[i * n + j] ?? 0)) d[i * n + j] = via;
      }
    }
  }
}

const ids = (n: number) => Array.from({ length: n }, (_, i) => String(i + 1));

/**
 * OR-Library pmedN.txt: "n m p", then m lines "i j cost" of undirected edges. A repeated
 * edge takes its LAST cost (OR-Library's rule), then shortest paths; every vertex is a
 * demand (weight 1) and a candidate site.
 */
export function parseOrlibPmed(file: SourceFile): ParsedInstance {
  const issues = new IssueList(file.name);
  const text = decodeUtf8(file, issues);
  if (text === undefined) return { ok: false, issues: issues.issues };
  const all = lines(text);
  const head = numbersOf(all[0] ?? '');
  const [n, m, p] = head;
  if (
    head.length < 3 ||
    !Number.isInteger(n) ||
    !Number.isInteger(m) ||
    !Number.isInteger(p) ||
    (n ?? 0) < 1
  ) {
    issues.add({
      line: 1,
      message: `expected "n m p" (vertices, edges, medians), got "${(all[0] ?? '').trim()}"`,
    });
    return { ok: false, issues: issues.issues };
  }
  const nn = n as number;
  const d = new Float64Array(nn * nn).fill(Number.POSITIVE_INFINITY);
  for (let i = 0; i < nn; i++) d[i * nn + i] = 0;
  let edges = 0;
  for (let ln = 1; ln < all.length; ln++) {
    const line = all[ln] ?? '';
    if (line.trim() === '') continue;
    const v = numbersOf(line);
    const [a, b, c] = v;
    if (
      v.length !== 3 ||
      !Number.isInteger(a) ||
      !Number.isInteger(b) ||
      c === undefined ||
      !Number.isFinite(c)
    ) {
      issues.add({ line: ln + 1, message: `expected "i j cost", got "${line.trim()}"` });
      continue;
    }
    if ((a as number) < 1 || (a as number) > nn || (b as number) < 1 || (b as number) > nn) {
      issues.add({
        line: ln + 1,
        message: `vertex ${(a as number) < 1 || (a as number) > nn ? a : b} is outside 1…${nn}`,
      });
      continue;
    }
    if (c < 0) {
      issues.add({ line: ln + 1, column: 'cost', message: `expected a cost ≥ 0, got ${c}` });
      continue;
    }
    edges++;
    const i = (a as number) - 1;
    const j = (b as number) - 1;
    if (i !== j) {
      d[i * nn + j] = c;
      d[j * nn + i] = c;
    }
  }
  if (edges !== m) issues.add({ line: 1, message: `the header says ${m} edges but the file has ${edges}` });
  if ((p as number) < 1 || (p as number) > nn)
    issues.add({ line: 1, message: `p = ${p} must be between 1 and n = ${nn}` });
  if (!issues.ok) return { ok: false, issues: issues.issues };
  floydWarshall(d, nn);
  for (let j = 1; j < nn; j++) {
    if (d[j] === Number.POSITIVE_INFINITY) {
      return {
        ok: false,
        issues: [
          {
            file: file.name,
            message: `the graph is disconnected: there is no path from vertex 1 to vertex ${j + 1}`,
          },
        ],
      };
    }
  }
  const pairs: PairInput[] = [];
  for (let i = 0; i < nn; i++)
    for (let j = 0; j < nn; j++) pairs.push({ demand: i, site: j, cost: d[i * nn + j] ?? 0 });
  return {
    ok: true,
    instance: createInstance({
      name: file.name,
      demandIds: ids(nn),
      siteIds: ids(nn),
      weights: new Float64Array(nn).fill(1),
      pairs,
    }),
    p: p as number,
  };
}

/**
 * Wang & Zhou's MCLP files. Coordinates ("x y demand" per node after a header line: SJC,
 * ZDS, PCB) give Euclidean distances; edge lists ("n m …" then "i j cost w", the demand of
 * node k on edge line k: GR, B) give shortest paths, with costs ≥ 999 meaning no edge.
 * Every node is a demand and a candidate. Only pairs within `maxRadius` are kept when given.
 */
export function parseMclpText(file: SourceFile, maxRadius = Number.POSITIVE_INFINITY): ParsedInstance {
  const issues = new IssueList(file.name);
  const text = decodeUtf8(file, issues);
  if (text === undefined) return { ok: false, issues: issues.issues };
  const all = lines(text).filter((l, i) => i === 0 || l.trim() !== '');
  const header = (all[0] ?? '').trim().split(/[\s\t]+/);
  const n = Number(header[0]);
  if (!Number.isInteger(n) || n < 1) {
    issues.add({ line: 1, message: `expected the number of nodes first, got "${(all[0] ?? '').trim()}"` });
    return { ok: false, issues: issues.issues };
  }
  // Edge lines are "i j cost demand" (four numbers); coordinate lines "x y demand" (three).
  const isEdgeList = numbersOf(all[1] ?? '').length >= 4;
  const weights = new Float64Array(n);
  const pairs: PairInput[] = [];
  if (!isEdgeList) {
    const xs = new Float64Array(n);
    const ys = new Float64Array(n);
    if (all.length - 1 !== n)
      issues.add({
        line: 1,
        message: `the header says ${n} nodes but the file has ${all.length - 1} node lines`,
      });
    for (let k = 0; k < Math.min(n, all.length - 1); k++) {
      const v = numbersOf(all[k + 1] ?? '');
      if (v.length < 3 || v.some((x) => !Number.isFinite(x))) {
        issues.add({ line: k + 2, message: `expected "x y demand", got "${(all[k + 1] ?? '').trim()}"` });
        continue;
      }
      if ((v[2] ?? 0) < 0)
        issues.add({ line: k + 2, column: 'demand', message: `expected a demand ≥ 0, got ${v[2]}` });
      xs[k] = v[0] ?? 0;
      ys[k] = v[1] ?? 0;
      weights[k] = v[2] ?? 0;
    }
    if (!issues.ok) return { ok: false, issues: issues.issues };
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < n; j++) {
        const d = Math.hypot((xs[i] ?? 0) - (xs[j] ?? 0), (ys[i] ?? 0) - (ys[j] ?? 0));
        if (d <= maxRadius) pairs.push({ demand: i, site: j, cost: d });
      }
    }
  } else {
    const m = Number(header[1]);
    const d = new Float64Array(n * n).fill(Number.POSITIVE_INFINITY);
    for (let i = 0; i < n; i++) d[i * n + i] = 0;
    let edges = 0;
    for (let ln = 1; ln < all.length; ln++) {
      const v = numbersOf(all[ln] ?? '');
      const [a, b, c, w] = v;
      // Only edge lines 1…n carry a demand; later lines may leave the 4th field empty (GR100 does).
      const needsDemand = edges < n;
      if (
        v.length < (needsDemand ? 4 : 3) ||
        !Number.isInteger(a) ||
        !Number.isInteger(b) ||
        !Number.isFinite(c) ||
        (needsDemand && !Number.isFinite(w))
      ) {
        issues.add({
          line: ln + 1,
          message: needsDemand
            ? `expected "i j cost demand" (edge line ${edges + 1} carries node ${edges + 1}'s demand), got "${(all[ln] ?? '').trim()}"`
            : `expected "i j cost [demand]", got "${(all[ln] ?? '').trim()}"`,
        });
        continue;
      }
      if ((a as number) < 1 || (a as number) > n || (b as number) < 1 || (b as number) > n) {
        issues.add({ line: ln + 1, message: `vertex outside 1…${n}` });
        continue;
      }
      if ((c as number) < 0)
        issues.add({ line: ln + 1, column: 'cost', message: `expected a cost ≥ 0, got ${c}` });
      edges++;
      if (edges <= n) weights[edges - 1] = w as number;
      const i = (a as number) - 1;
      const j = (b as number) - 1;
      if ((c as number) < 999 && i !== j) {
        // As published: the last listed cost of an edge stands (no shortest-of-duplicates rule).
        d[i * n + j] = c as number;
        d[j * n + i] = c as number;
      }
    }
    if (Number.isInteger(m) && edges !== m)
      issues.add({ line: 1, message: `the header says ${m} edges but the file has ${edges}` });
    if (edges < n)
      issues.add({
        line: 1,
        message: `expected at least ${n} edge lines (node k's demand is on edge line k)`,
      });
    if (!issues.ok) return { ok: false, issues: issues.issues };
    floydWarshall(d, n);
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < n; j++) {
        const c = d[i * n + j] ?? Number.POSITIVE_INFINITY;
        if (Number.isFinite(c) && c <= maxRadius) pairs.push({ demand: i, site: j, cost: c });
      }
    }
  }
  return {
    ok: true,
    instance: createInstance({ name: file.name, demandIds: ids(n), siteIds: ids(n), weights, pairs }),
  };
}

/**
 * spopt's San Francisco data: the network-distance file (`distance,name,DestinationName,demand`)
 * and the demand file (POP2000). Rows are tracts sorted by id, columns stores in
 * lexicographic order, as spopt pivots them.
 */
export function parseSpoptSf(distances: SourceFile, demand: SourceFile): ParsedInstance {
  const issues = new IssueList(distances.name);
  const table = parseCsv(distances, issues, ['distance', 'name', 'DestinationName']);
  const demandIssues = new IssueList(demand.name);
  const demandTable = parseCsv(demand, demandIssues, ['NAME', 'POP2000']);
  if (!table || !demandTable) return { ok: false, issues: [...issues.issues, ...demandIssues.issues] };
  const pop = new Map<number, number>();
  for (const row of demandTable.rows) {
    const id = Number(row.get('NAME'));
    const v = Number(row.get('POP2000'));
    if (!Number.isFinite(id) || !Number.isFinite(v) || v < 0) {
      demandIssues.add({
        line: row.line,
        column: 'POP2000',
        message: `expected a tract id and a population ≥ 0`,
      });
      continue;
    }
    pop.set(id, v);
  }
  const tracts = new Set<string>();
  const stores = new Set<string>();
  const entries: { tract: string; store: string; d: number }[] = [];
  for (const row of table.rows) {
    const d = Number(row.get('distance'));
    const store = row.get('name') ?? '';
    const tract = row.get('DestinationName') ?? '';
    if (!Number.isFinite(d) || d < 0) {
      issues.add({
        line: row.line,
        column: 'distance',
        message: `expected a distance ≥ 0, got "${row.get('distance')}"`,
      });
      continue;
    }
    tracts.add(tract);
    stores.add(store);
    entries.push({ tract, store, d });
  }
  const tractIds = [...tracts].sort((a, b) => Number(a) - Number(b));
  const storeIds = [...stores].sort();
  for (const t of tractIds)
    if (!pop.has(Number(t))) issues.add({ message: `tract ${t} has no POP2000 in ${demand.name}` });
  if (!issues.ok || !demandIssues.ok)
    return { ok: false, issues: [...issues.issues, ...demandIssues.issues] };
  const ti = new Map(tractIds.map((t, i) => [t, i]));
  const si = new Map(storeIds.map((s, j) => [s, j]));
  return {
    ok: true,
    instance: createInstance({
      name: 'spopt SF',
      demandIds: tractIds,
      siteIds: storeIds,
      weights: tractIds.map((t) => pop.get(Number(t)) ?? 0),
      pairs: entries.map((e) => ({ demand: ti.get(e.tract) ?? 0, site: si.get(e.store) ?? 0, cost: e.d })),
    }),
  };
}

const jsonInstanceSchema = z
  .object({
    name: z.string().optional(),
    demands: z
      .array(
        z
          .object({
            id: z.string().min(1),
            weight: z.number().min(0).optional(),
            groups: z.record(z.string(), z.number().min(0)).optional(),
          })
          .strict(),
      )
      .min(1),
    sites: z
      .array(
        z
          .object({
            id: z.string().min(1),
            status: z.enum(['open', 'candidate', 'must-keep', 'closed']).optional(),
          })
          .strict(),
      )
      .min(1),
    groupWeights: z.record(z.string(), z.number().min(0)).optional(),
    costs: z.union([
      z.array(z.array(z.number().min(0).nullable())),
      z.array(z.object({ demand: z.string(), site: z.string(), cost: z.number().min(0) }).strict()),
    ]),
    p: z.number().int().min(1).optional(),
    radius: z.number().min(0).optional(),
  })
  .strict();

/** neuvo's JSON instance (docs/location.md). */
export function parseJsonInstance(file: SourceFile): ParsedInstance {
  const issues = new IssueList(file.name);
  const raw = parseJson(file, issues);
  if (raw === undefined) return { ok: false, issues: issues.issues };
  const doc = parseWith(jsonInstanceSchema, raw, issues);
  if (!doc) return { ok: false, issues: issues.issues };
  const demandIndex = new Map<string, number>();
  for (const [i, d] of doc.demands.entries()) {
    if (demandIndex.has(d.id))
      issues.add({ path: `demands[${i}].id`, message: `duplicate demand id "${d.id}"` });
    demandIndex.set(d.id, i);
    if (d.weight === undefined && d.groups === undefined)
      issues.add({ path: `demands[${i}]`, message: 'give a weight or group counts' });
  }
  const siteIndex = new Map<string, number>();
  for (const [j, s] of doc.sites.entries()) {
    if (siteIndex.has(s.id)) issues.add({ path: `sites[${j}].id`, message: `duplicate site id "${s.id}"` });
    siteIndex.set(s.id, j);
  }
  const groupWeights = doc.groupWeights ?? {};
  const weights = doc.demands.map((d) => {
    if (d.weight !== undefined) return d.weight;
    let w = 0;
    for (const [g, count] of Object.entries(d.groups ?? {}))
      w += count * (groupWeights[g] ?? (g === 'all' ? 1 : 0));
    return w;
  });
  const pairs: PairInput[] = [];
  if (Array.isArray(doc.costs[0])) {
    const rows = doc.costs as (number | null)[][];
    if (rows.length !== doc.demands.length)
      issues.add({
        path: 'costs',
        message: `expected ${doc.demands.length} rows (one per demand), got ${rows.length}`,
      });
    for (const [i, row] of rows.entries()) {
      if (row.length !== doc.sites.length) {
        issues.add({
          path: `costs[${i}]`,
          message: `expected ${doc.sites.length} costs (one per site), got ${row.length}`,
        });
        continue;
      }
      for (const [j, c] of row.entries()) if (c !== null) pairs.push({ demand: i, site: j, cost: c });
    }
  } else {
    for (const [k, e] of (doc.costs as { demand: string; site: string; cost: number }[]).entries()) {
      const i = demandIndex.get(e.demand);
      const j = siteIndex.get(e.site);
      if (i === undefined)
        issues.add({ path: `costs[${k}].demand`, message: `unknown demand "${e.demand}"` });
      if (j === undefined) issues.add({ path: `costs[${k}].site`, message: `unknown site "${e.site}"` });
      if (i !== undefined && j !== undefined) pairs.push({ demand: i, site: j, cost: e.cost });
    }
  }
  if (!issues.ok) return { ok: false, issues: issues.issues };
  const status = doc.sites.map((s) =>
    s.status === 'must-keep'
      ? SITE_STATUS.fixed
      : s.status === 'closed'
        ? SITE_STATUS.forbidden
        : SITE_STATUS.free,
  );
  return {
    ok: true,
    instance: createInstance({
      name: doc.name ?? file.name,
      demandIds: doc.demands.map((d) => d.id),
      siteIds: doc.sites.map((s) => s.id),
      weights,
      pairs,
      status,
    }),
    ...(doc.p !== undefined ? { p: doc.p } : {}),
    ...(doc.radius !== undefined ? { radius: doc.radius } : {}),
  };
}
