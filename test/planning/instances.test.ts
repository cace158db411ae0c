/**
 * Planning inputs: the JSON format (errors with JSON paths, the documented example parses),
 * inputs that cannot be planned (a clear report, not an empty plan), the Espoo demo (every
 * district each week, nothing on a holiday or outside hours), and `neuvo plan` / `plan check`.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { validatePlan } from '../../src/core/planning/validate.ts';
import { createRepositories } from '../../src/db/repositories.ts';
import { createAccessService } from '../../src/services/access-service.ts';
import { createImportService } from '../../src/services/import-service.ts';
import {
  parsePlanningInstance,
  planningInstanceFromJson,
  planningInstanceToJson,
} from '../../src/services/planning/instance-format.ts';
import { planVisits, solvePlan } from '../../src/services/planning/planner.ts';
import { buildPlanningInstance } from '../../src/services/planning/planning-data.ts';
import { runNeuvo } from '../helpers/cli.ts';
import { readEspoo, TUESDAY_2026_12_01 } from '../helpers/espoo.ts';
import { createTestStore, type TestStore } from '../helpers/store.ts';

const file = (name: string, value: unknown) => ({ name, bytes: Buffer.from(JSON.stringify(value)) });

const small = () => ({
  name: 'small',
  from: '2026-12-07',
  to: '2026-12-11',
  closedDates: [],
  groups: [{ id: 'age75plus', weight: 3 }],
  districts: [{ id: 'D1', minVisitsPerWeek: 1 }],
  areas: [{ id: 'A1', district: 'D1', need: { age75plus: 500 } }],
  venues: [{ id: 'LIB', district: 'D1', hours: 'Mo-Fr 09:00-16:00', reach: { A1: ['age75plus'] } }],
  blocks: [{ id: 'morning', start: '09:30', end: '12:00' }],
  advisors: [
    {
      id: 'ADV',
      languages: ['fi'],
      hoursPerWeek: 37.5,
      maxVisitsPerDay: 2,
      availability: 'Mo-Fr 08:00-16:00',
    },
  ] as unknown[],
  pins: [] as unknown[],
});

describe('planning instance JSON', () => {
  it('parses the example in docs/planning-model.md', async () => {
    const doc = await readFile(new URL('../../docs/planning-model.md', import.meta.url), 'utf8');
    const json = /```json\n([\s\S]*?)\n```/.exec(doc)?.[1];
    expect(json).toBeDefined();
    const parsed = parsePlanningInstance({ name: 'example.json', bytes: Buffer.from(json ?? '') });
    expect(parsed.ok ? [] : parsed.issues).toEqual([]);
  });

  it('names the JSON path and what was expected', () => {
    const bad = small();
    (bad.venues[0] as { reach: Record<string, string[]> }).reach = { A9: ['age75plus'], A1: ['nobody'] };
    (bad as { from: string }).from = '7.12.2026';
    bad.advisors[0] = {
      id: 'ADV',
      languages: ['fi'],
      hoursPerWeek: 37.5,
      maxVisitsPerDay: 2,
      availability: 'Mo-Xx 08:00',
    };
    const parsed = parsePlanningInstance(file('bad.json', bad));
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    const paths = parsed.issues.map((i) => i.path);
    expect(paths).toContain('from');
    const again = planningInstanceFromJson({ ...bad, from: '2026-12-07' });
    expect(again.ok).toBe(false);
    if (again.ok) return;
    expect(again.issues.map((i) => `${i.path}: ${i.message}`)).toEqual(
      expect.arrayContaining([
        'venues[0].reach.A9: unknown area "A9"',
        'venues[0].reach.A1[0]: unknown group "nobody"',
        expect.stringMatching(/^advisors\[0\]\.availability: /),
      ]),
    );
  });

  it('round-trips through planningInstanceToJson', () => {
    const parsed = planningInstanceFromJson(small());
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    const again = planningInstanceFromJson(
      JSON.parse(JSON.stringify(planningInstanceToJson(parsed.instance))),
    );
    expect(again.ok).toBe(true);
    if (again.ok)
      expect({ ...again.instance, travel: [...again.instance.travel] }).toEqual({
        ...parsed.instance,
        travel: [...parsed.instance.travel],
      });
  });
});

describe('inputs that cannot be planned', () => {
  const refuse = async (doc: unknown) => {
    const parsed = planningInstanceFromJson(doc);
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
    return solvePlan(parsed.instance, { solver: 'heuristic', timeLimitSeconds: 2 }).then(
      () => '',
      (e: Error) => e.message,
    );
  };

  it('no advisors', async () => {
    expect(await refuse({ ...small(), advisors: [] })).toContain('there are no advisors to plan for');
  });

  it('no venue open', async () => {
    const doc = small();
    (doc.venues[0] as { hours: string }).hours = 'Sa 10:00-14:00';
    expect(await refuse(doc)).toContain('no venue is open in any time block on a working day');
  });

  it('a pin that breaks a rule, naming the pin and the rule', async () => {
    const doc = { ...small(), closedDates: ['2026-12-08'] };
    doc.pins = [
      { venue: 'LIB', date: '2026-12-08', start: '09:30', end: '12:00', advisors: ['ADV'], visitId: 'PV1' },
    ];
    const message = await refuse(doc);
    expect(message).toContain('pinned visit PV1 (LIB 2026-12-08 09:30–12:00) cannot stay');
    expect(message).toContain('it falls on a public holiday or closure day');
  });

  it('a district with no possible visit is reported with the plan, not dropped silently', async () => {
    const doc = {
      ...small(),
      districts: [
        { id: 'D1', minVisitsPerWeek: 1 },
        { id: 'D2', minVisitsPerWeek: 1 },
      ],
    };
    const parsed = planningInstanceFromJson(doc);
    if (!parsed.ok) throw new Error('bad');
    const r = await solvePlan(parsed.instance, { solver: 'auto', timeLimitSeconds: 5 });
    expect(r.problems.map((p) => p.message)).toContain(
      'district D2 cannot get 1 visit in week 1: no venue there is open on a working day with an available advisor',
    );
    expect(validatePlan(parsed.instance, planVisits(r.prepared, r.visits))).toEqual([]);
    expect(r.visits.length).toBeGreaterThan(0);
  });
});

describe('the Espoo demo, 4 weeks', () => {
  let store: TestStore;
  beforeAll(async () => {
    store = await createTestStore();
    expect((await createImportService(store).importCity(readEspoo)).ok).toBe(true);
  });
  afterAll(async () => {
    await store?.destroy();
  });

  it('plans every district each week, never on a holiday or outside venue hours', async () => {
    const repos = createRepositories(store.db);
    const access = createAccessService({ repos, now: () => TUESDAY_2026_12_01 });
    const x = await buildPlanningInstance(
      { repos, access },
      { from: '2026-12-07', weeks: 4, scenarioId: 'decision-2021-12-20' },
    );
    expect(x.closedDates).toEqual(['2026-12-24', '2026-12-25', '2027-01-01']);
    // The shortest time limit: the construction alone (which always runs to its end) must meet
    // every rule, so a busy machine's plan is as valid as an idle one's.
    const r = await solvePlan(x, { solver: 'heuristic', timeLimitSeconds: 0.01 });
    const visits = planVisits(r.prepared, r.visits);
    expect(validatePlan(x, visits)).toEqual([]);
    expect(r.bound).toBeGreaterThanOrEqual(r.objective);
    // A district whose every venue is a short walk from its open fixed point is served there.
    for (const d of x.districts.filter((d) => d.minVisitsPerWeek > 0)) {
      for (let week = 0; week < 4; week++) {
        const monday = new Date(Date.UTC(2026, 11, 7 + 7 * week));
        const sunday = new Date(Date.UTC(2026, 11, 13 + 7 * week));
        const inWeek = visits.filter((v) => {
          const day = new Date(`${v.date}T00:00:00Z`);
          const venue = x.venues.find((s) => s.id === v.venueId);
          return day >= monday && day <= sunday && venue?.district === d.id;
        });
        expect(inWeek.length, `${d.id} week ${week + 1}`).toBeGreaterThanOrEqual(1);
      }
    }
    expect(visits.some((v) => x.closedDates.includes(v.date))).toBe(false);
  });

  it('has one series per venue, every district every week (by a visit or its own point), none above twice its share', async () => {
    const repos = createRepositories(store.db);
    const access = createAccessService({ repos, now: () => TUESDAY_2026_12_01 });
    const x = await buildPlanningInstance({ repos, access }, { from: '2027-01-04', weeks: 4 });
    // The construction alone (the shortest time limit) must keep every rule.
    const r = await solvePlan(x, { solver: 'heuristic', timeLimitSeconds: 0.01 });
    const visits = planVisits(r.prepared, r.visits);
    expect(validatePlan(x, visits)).toEqual([]);
    const series = new Map<string, Set<string>>();
    for (const v of visits) {
      const weekday = new Date(`${v.date}T00:00:00Z`).getUTCDay();
      const set = series.get(v.venueId) ?? series.set(v.venueId, new Set()).get(v.venueId);
      set?.add(`${weekday} ${v.start}`);
    }
    const counts = [...series.values()].map((s) => s.size);
    expect(Math.max(...counts)).toBeLessThanOrEqual(2);
    expect(counts.filter((n) => n === 1).length / counts.length).toBeGreaterThanOrEqual(0.8);
    const districtOf = new Map(x.venues.map((v) => [v.id, v.district]));
    // No new visit a short walk from an open fixed point; a district whose every venue is
    // there (Pohjois-Espoo, Suur-Matinkylä) is served by its point.
    const near = new Set(x.venues.filter((v) => v.nearFixedPoint).map((v) => v.id));
    expect(near.has('HS_KALAJARVI')).toBe(true);
    expect(visits.filter((v) => near.has(v.venueId))).toEqual([]);
    expect(
      x.districts
        .filter((d) => d.minVisitsPerWeek === 0)
        .map((d) => d.id)
        .sort(),
    ).toEqual(['pohjois-espoo', 'suur-matinkyla']);
    for (const d of x.districts.filter((d) => d.minVisitsPerWeek > 0))
      for (let w = 0; w < 4; w++) {
        const monday = Date.UTC(2027, 0, 4 + 7 * w);
        const n = visits.filter((v) => {
          const t = Date.parse(`${v.date}T00:00:00Z`);
          return districtOf.get(v.venueId) === d.id && t >= monday && t < monday + 7 * 86_400_000;
        }).length;
        expect(n, `${d.id} week ${w + 1}`).toBeGreaterThanOrEqual(1);
      }
  });
});

describe('neuvo plan', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'neuvo-plan-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });
  const run = (...argv: string[]) => runNeuvo({}, ...argv);

  it('solves an instance file; the plan passes `plan check`; a broken plan does not', async () => {
    const instance = join(dir, 'small.json');
    await writeFile(instance, JSON.stringify(small()));
    const planned = await run(
      'plan',
      '--instance',
      instance,
      '--solver',
      'exact',
      '--time-limit',
      '10',
      '--json',
    );
    expect(planned.stderr).toBe('');
    expect(planned.exitCode).toBe(0);
    const out = JSON.parse(planned.stdout);
    expect(Object.keys(out)).toEqual(
      expect.arrayContaining([
        'planId',
        'objective',
        'bound',
        'gap',
        'optimal',
        'seconds',
        'visits',
        'explanation',
      ]),
    );
    expect(out.optimal).toBe(true);
    expect(out.visits[0]).toMatchObject({
      venueId: 'LIB',
      start: '09:30',
      end: '12:00',
      advisorIds: ['ADV'],
    });
    expect(out.explanation.visits[0].reached[0]).toMatchObject({ areaId: 'A1', groups: ['age75plus'] });
    const plan = join(dir, 'plan.json');
    await writeFile(plan, planned.stdout);
    const ok = await run('plan', 'check', '--instance', instance, '--plan', plan);
    expect(ok.exitCode).toBe(0);
    expect(ok.stdout).toContain('every rule holds');
    out.visits[0].date = '2026-12-12';
    await writeFile(plan, JSON.stringify(out));
    const bad = await run('plan', 'check', '--instance', instance, '--plan', plan);
    expect(bad.exitCode).toBe(1);
    expect(bad.stdout).toContain('working-day: LIB 2026-12-12 09:30–12:00: not a working day');
  });

  it('exits 1 with the JSON path on a bad instance and 2 on bad usage', async () => {
    const instance = join(dir, 'bad.json');
    await writeFile(
      instance,
      JSON.stringify({ ...small(), blocks: [{ id: 'x', start: '25:00', end: '12:00' }] }),
    );
    const bad = await run('plan', '--instance', instance);
    expect(bad.exitCode).toBe(1);
    expect(bad.stderr).toContain('blocks[0].start');
    expect((await run('plan', '--instance', instance, '--solver', 'magic')).exitCode).toBe(2);
    expect((await run('plan', 'check', '--instance', instance)).exitCode).toBe(2);
  });
});
