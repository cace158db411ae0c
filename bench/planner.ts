/**
 * Visit-planner benchmarks: the Espoo demo (4 weeks from Monday 7 December 2026 and from Monday
 * 4 January 2027 with the product's rhythm rules, loaded into an in-memory database; each run
 * three times, with the median and the plan's rhythm), a regional synthetic (300 venues, 40 advisors, 8 weeks) and a national
 * synthetic (3,000 venues, 300 advisors, 4 weeks). Prints seconds, objective, bound, gap and
 * peak memory; every plan is run through the independent validator.
 */
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { DEFAULT_PARAMS, type PlanningInstance } from '../src/core/planning/instance.ts';
import { type PlanVisit, validatePlan } from '../src/core/planning/validate.ts';
import { seededRandom } from '../src/core/random.ts';
import { addDays, datesBetween, isoWeekday } from '../src/core/time/civil-time.ts';
import { createRepositories } from '../src/db/repositories.ts';
import { openStore } from '../src/db/store.ts';
import { createAccessService } from '../src/services/access-service.ts';
import { createImportService } from '../src/services/import-service.ts';
import { type PlanSolver, planVisits, solvePlan } from '../src/services/planning/planner.ts';
import { buildPlanningInstance, defaultProductParams } from '../src/services/planning/planning-data.ts';
import { DEFAULT_GROUPS } from '../src/services/planning/planning-defaults.ts';

const ESPOO = fileURLToPath(new URL('../data/espoo/', import.meta.url));

async function espooInstance(from = '2026-12-07', scenarioId?: string): Promise<PlanningInstance> {
  const store = await openStore({ kind: 'pglite', dataDir: null });
  try {
    await store.migrate();
    await createImportService(store).importCity((p) => readFile(`${ESPOO}${p}`));
    const repos = createRepositories(store.db);
    const access = createAccessService({ repos, now: () => Date.UTC(2026, 10, 28) });
    return await buildPlanningInstance(
      { repos, access },
      { from, weeks: 4, ...(scenarioId ? { scenarioId } : {}) },
    );
  } finally {
    await store.close();
  }
}

/**
 * A synthetic region: districts of clustered towns; each town has a few areas and venues;
 * reach by distance and each group's speed; advisors work in their home district and its
 * neighbours. Finnish holidays of the period are closed days.
 */
export function syntheticInstance(o: {
  name: string;
  venues: number;
  advisors: number;
  weeks: number;
  districts: number;
  seed: number;
}): PlanningInstance {
  const rnd = seededRandom(o.seed);
  const from = '2027-02-01';
  const to = addDays(from, o.weeks * 7 - 1);
  const dates = datesBetween(from, to);
  const side = Math.sqrt(o.districts) * 15; // km
  const districts = Array.from({ length: o.districts }, (_, d) => ({
    id: `D${d}`,
    x: ((d % Math.ceil(Math.sqrt(o.districts))) + 0.5) * 15,
    y: (Math.floor(d / Math.ceil(Math.sqrt(o.districts))) + 0.5) * 15,
  }));
  const areasPerVenue = 1;
  const areas: { id: string; district: string; x: number; y: number; need: number[] }[] = [];
  const venuesXY: { id: string; district: string; x: number; y: number; kind: number }[] = [];
  for (let v = 0; v < o.venues; v++) {
    const d = districts[v % o.districts] ?? districts[0];
    if (!d) throw new Error('no district');
    const x = d.x + (rnd() - 0.5) * 12;
    const y = d.y + (rnd() - 0.5) * 12;
    venuesXY.push({ id: `VEN${v}`, district: d.id, x, y, kind: Math.floor(rnd() * 3) });
    for (let k = 0; k < areasPerVenue; k++) {
      const size = 500 + Math.floor(rnd() ** 2 * 8000);
      areas.push({
        id: `AREA${areas.length}`,
        district: d.id,
        x: x + (rnd() - 0.5) * 3,
        y: y + (rnd() - 0.5) * 3,
        need: [
          Math.round(size * (0.04 + rnd() * 0.06)),
          Math.round(size * (0.06 + rnd() * 0.06)),
          Math.round(size * (0.05 + rnd() * 0.2)),
          Math.round(size * (0.02 + rnd() * 0.05)),
          Math.round(size * rnd() * 0.1),
        ],
      });
    }
  }
  void side;
  const speed = [12, 14, 20, 20, 20]; // km/h door to door, per default group (slow for the old)
  const thresholds = DEFAULT_GROUPS.map((g) => g.thresholdMinutes);
  const hoursByKind = ['Mo-Th 12:00-19:00; Fr 10:00-16:00', 'Mo-Fr 08:00-16:00', 'Mo-Fr 10:00-20:00'];
  const closed = ['2027-04-02', '2027-04-05', '2027-05-01', '2027-05-13'];
  const venues = venuesXY.map((v) => {
    const reach: { area: number; groups: number[] }[] = [];
    for (const [a, area] of areas.entries()) {
      const km = Math.hypot(area.x - v.x, area.y - v.y) * 1.3;
      if (km > 12) continue;
      const groups = speed
        .map((s, g) => ((km / s) * 60 <= (thresholds[g] ?? 0) ? g : -1))
        .filter((g) => g >= 0);
      if (groups.length > 0) reach.push({ area: a, groups });
    }
    const rule = hoursByKind[v.kind] ?? hoursByKind[0];
    const hours: Record<string, [string, string][]> = {};
    for (const d of dates) {
      const wd = isoWeekday(d);
      if (wd > 5 || closed.includes(d)) continue;
      if (rule?.startsWith('Mo-Th 12') && wd <= 4) hours[d] = [['12:00', '19:00']];
      else if (rule?.startsWith('Mo-Th 12')) hours[d] = [['10:00', '16:00']];
      else if (rule?.startsWith('Mo-Fr 08')) hours[d] = [['08:00', '16:00']];
      else hours[d] = [['10:00', '20:00']];
    }
    return { id: v.id, district: v.district, hours, reach };
  });
  const n = venues.length;
  const travel = new Float64Array(n * n).fill(Number.NaN);
  for (let f = 0; f < n; f++) {
    for (let t = 0; t < n; t++) {
      const a = venuesXY[f];
      const b = venuesXY[t];
      if (!a || !b) continue;
      const km = Math.hypot(a.x - b.x, a.y - b.y) * 1.3;
      if (km <= 40) travel[f * n + t] = Math.round(8 + (km / 25) * 60);
    }
    travel[f * n + f] = 0;
  }
  const languages = ['sv', 'ru', 'ar', 'so', 'et', 'en'];
  const advisors = Array.from({ length: o.advisors }, (_, i) => {
    const home = i % o.districts;
    const width = Math.ceil(Math.sqrt(o.districts));
    const near = districts
      .map((_d, k) => ({
        k,
        dist:
          Math.abs((k % width) - (home % width)) + Math.abs(Math.floor(k / width) - Math.floor(home / width)),
      }))
      .filter((x) => x.dist <= 1)
      .map((x) => districts[x.k]?.id ?? '');
    const absenceStart = Math.floor(rnd() * dates.length);
    return {
      id: `ADV${i}`,
      languages: ['fi', languages[Math.floor(rnd() * languages.length)] ?? 'en'],
      minutesPerWeek: (rnd() < 0.7 ? 37.5 : 30) * 60,
      maxVisitsPerDay: 2,
      availability: [1, 2, 3, 4, 5].map((weekday) => ({ weekday, start: '08:00', end: '16:30' })),
      absences:
        rnd() < 0.3
          ? [
              {
                from: dates[absenceStart] ?? from,
                to: dates[Math.min(dates.length - 1, absenceStart + 4)] ?? from,
              },
            ]
          : [],
      districts: near,
    };
  });
  return {
    name: o.name,
    from,
    to,
    closedDates: closed.filter((d) => d >= from && d <= to),
    groups: DEFAULT_GROUPS.map((g) => ({ id: g.id, weight: g.weight, language: g.language })),
    areas: areas.map((a) => ({ id: a.id, district: a.district, need: a.need })),
    districts: districts.map((d) => ({ id: d.id, minVisitsPerWeek: 1 })),
    venues,
    blocks: [
      { id: 'morning', start: '09:30', end: '12:00' },
      { id: 'afternoon', start: '13:00', end: '15:00' },
    ],
    advisors,
    travel,
    pins: [],
    requests: [],
    params: { ...defaultProductParams(), contactsPerThousand: DEFAULT_PARAMS.contactsPerThousand },
  };
}

/**
 * The plan's rhythm in figures: series per venue, weeks each district with a weekly minimum is
 * served, the largest district share against its need, and advisors per series.
 */
function rhythmOf(x: PlanningInstance, plan: readonly PlanVisit[]): string {
  const weekday = (d: string) => new Date(`${d}T00:00:00Z`).getUTCDay();
  const series = new Map<string, Set<string>>();
  const advisors = new Map<string, Set<string>>();
  for (const v of plan) {
    const key = `${v.venueId}|${weekday(v.date)}|${v.start}`;
    (series.get(v.venueId) ?? series.set(v.venueId, new Set()).get(v.venueId))?.add(key);
    const set = advisors.get(key) ?? advisors.set(key, new Set()).get(key);
    for (const a of v.advisorIds) set?.add(a);
  }
  const perVenue = [...series.values()].map((s) => s.size);
  const one = perVenue.filter((n) => n === 1).length;
  const district = new Map(x.venues.map((v) => [v.id, v.district]));
  const week = (d: string) =>
    Math.floor((Date.parse(`${d}T00:00:00Z`) - Date.parse(`${x.from}T00:00:00Z`)) / 604_800_000);
  const weeks = week(x.to) + 1;
  const served = x.districts
    .filter((d) => d.minVisitsPerWeek > 0)
    .map((d) => new Set(plan.filter((v) => district.get(v.venueId) === d.id).map((v) => week(v.date))).size);
  const need = new Map<string, number>();
  let total = 0;
  for (const a of x.areas) {
    const w = a.need.reduce((s, n, g) => s + n * (x.groups[g]?.weight ?? 0), 0);
    need.set(a.district, (need.get(a.district) ?? 0) + w);
    total += w;
  }
  let worst = 0;
  let worstAt = '';
  for (let w = 0; w < weeks; w++) {
    const inWeek = plan.filter((v) => week(v.date) === w);
    for (const d of x.districts) {
      const share = (need.get(d.id) ?? 0) / Math.max(1e-9, total);
      const have = inWeek.filter((v) => district.get(v.venueId) === d.id).length;
      const ratio = share > 0 && inWeek.length > 0 ? have / inWeek.length / share : 0;
      if (ratio > worst) {
        worst = ratio;
        worstAt = `${d.id} ${have} of ${inWeek.length} visits in week ${w + 1}, ${(share * 100).toFixed(1)} % of the need, weekly minimum ${d.minVisitsPerWeek}`;
      }
    }
  }
  const perSeries = [...advisors.values()].map((s) => s.size);
  return [
    `${plan.length} visits at ${series.size} venues`,
    `series per venue max ${Math.max(0, ...perVenue)}, one series at ${one}/${series.size}`,
    `districts with a weekly minimum served every week ${served.filter((n) => n === weeks).length}/${served.length}`,
    `largest district share ${worst.toFixed(2)}× its need (${worstAt})`,
    `advisors per series ${(perSeries.reduce((s, n) => s + n, 0) / Math.max(1, perSeries.length)).toFixed(2)} (max ${Math.max(0, ...perSeries)})`,
  ].join('; ');
}

interface PlannerRow {
  readonly instance: string;
  readonly solver: string;
  readonly timeLimit: number;
  readonly seconds: number;
  readonly visits: number;
  readonly objective: number;
  readonly bound: number;
  readonly gapPercent: number;
  readonly optimal: boolean;
  readonly violations: number;
  readonly peakRssMiB: number;
  readonly notes: readonly string[];
}

export async function benchPlanner(args: readonly string[]) {
  const want = (p: string) => args.filter((a) => !a.startsWith('-')).length === 0 || args.includes(p);
  const rows: PlannerRow[] = [];
  let peak = process.memoryUsage().rss;
  const sampler = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 100);
  const run = async (name: string, x: PlanningInstance, solver: PlanSolver, timeLimit: number) => {
    peak = process.memoryUsage().rss;
    const r = await solvePlan(x, { solver, timeLimitSeconds: timeLimit });
    const plan = planVisits(r.prepared, r.visits);
    const violations = validatePlan(x, plan);
    const row: PlannerRow = {
      instance: name,
      solver: r.solver,
      timeLimit,
      seconds: Number(r.seconds.toFixed(2)),
      visits: r.visits.length,
      objective: Number(r.objective.toFixed(2)),
      bound: Number(r.bound.toFixed(2)),
      gapPercent: Number((r.gap * 100).toFixed(3)),
      optimal: r.optimal,
      violations: violations.length,
      peakRssMiB: Math.round(Math.max(peak, process.memoryUsage().rss) / 2 ** 20),
      notes: r.notes,
    };
    rows.push(row);
    console.log(
      [
        name.padEnd(22),
        solver.padEnd(9),
        `${row.seconds.toFixed(1)}s`.padStart(7),
        String(row.visits).padStart(6),
        row.objective.toFixed(0).padStart(12),
        row.bound.toFixed(0).padStart(12),
        `${row.gapPercent.toFixed(3)}%`.padStart(9),
        `${row.violations} violations`,
        `${row.peakRssMiB} MiB`,
        r.notes.join('; '),
      ].join(' '),
    );
    if (name.startsWith('espoo')) console.log(`  rhythm: ${rhythmOf(x, plan)}`);
    return row;
  };
  /** Three runs of each solver, then the medians. */
  const thrice = async (name: string, x: PlanningInstance, solver: PlanSolver, timeLimit: number) => {
    const runs: PlannerRow[] = [];
    for (let i = 0; i < 3; i++) runs.push(await run(name, x, solver, timeLimit));
    const median = (f: (r: PlannerRow) => number) => runs.map(f).sort((a, b) => a - b)[1] ?? Number.NaN;
    console.log(
      `  median of 3 (${solver}): ${median((r) => r.seconds).toFixed(2)} s, objective ${median((r) => r.objective).toFixed(0)}, bound ${median((r) => r.bound).toFixed(0)}, gap ${median((r) => r.gapPercent).toFixed(3)} %`,
    );
  };
  try {
    if (want('espoo')) {
      const x = await espooInstance('2026-12-07', 'decision-2021-12-20');
      await thrice('espoo-4w', x, 'exact', 60);
      await thrice('espoo-4w', x, 'heuristic', 5);
    }
    if (want('espoo-jan')) {
      const x = await espooInstance('2027-01-04');
      await thrice('espoo-jan-4w', x, 'exact', 60);
      await thrice('espoo-jan-4w', x, 'heuristic', 5);
    }
    if (want('regional')) {
      const x = syntheticInstance({
        name: 'regional',
        venues: 300,
        advisors: 40,
        weeks: 8,
        districts: 16,
        seed: 11,
      });
      await run('regional-300x40x8w', x, 'auto', 60);
    }
    if (want('national')) {
      const x = syntheticInstance({
        name: 'national',
        venues: 3000,
        advisors: 300,
        weeks: 4,
        districts: 144,
        seed: 12,
      });
      await run('national-3000x300x4w', x, 'auto', 120);
    }
  } finally {
    clearInterval(sampler);
  }
  return { rows };
}
