/** `neuvo locate`: the JSON answer on the contract, and clear failures with exit codes. */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runNeuvo } from '../helpers/cli.ts';
import { createTestDatabaseEnv } from '../helpers/store.ts';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'neuvo-locate-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const run = (...argv: string[]) => runNeuvo({}, ...argv);

// Two triples joined by a long edge: 1 — 2 — 3 ═5═ 4 — 5 — 6. With p = 2 the medians are the
// middles 2 and 5 (cost 4); every other pair costs at least 5.
const PATH_GRAPH = '6 5 2\n1 2 1\n2 3 1\n3 4 5\n4 5 1\n5 6 1\n';

describe('neuvo locate', () => {
  it('prints one JSON object with the fields the issue names, ids 1-based', async () => {
    const file = join(dir, 'path.txt');
    await writeFile(file, PATH_GRAPH);
    const r = await run(
      'locate',
      '--model',
      'p-median',
      '--instance',
      file,
      '--format',
      'orlib-pmed',
      '--json',
    );
    expect(r.stderr).toBe('');
    expect(r.exitCode).toBe(0);
    const answer = JSON.parse(r.stdout);
    expect(Object.keys(answer)).toEqual(
      expect.arrayContaining([
        'model',
        'p',
        'radius',
        'objective',
        'bound',
        'gap',
        'optimal',
        'seconds',
        'solver',
        'open',
      ]),
    );
    expect(answer).toMatchObject({ model: 'p-median', p: 2, objective: 4, bound: 4, gap: 0, optimal: true });
    expect(answer.open.map(String).sort()).toEqual(['2', '5']);
  });

  it('solves MCLP and LSCP on the JSON format with the exact solver', async () => {
    const file = join(dir, 'tiny.json');
    await writeFile(
      file,
      JSON.stringify({
        demands: [
          { id: 'a', weight: 5 },
          { id: 'b', weight: 1 },
          { id: 'c', weight: 4 },
        ],
        sites: [{ id: 'x' }, { id: 'y' }, { id: 'z', status: 'closed' }],
        costs: [
          { demand: 'a', site: 'x', cost: 1 },
          { demand: 'b', site: 'x', cost: 1 },
          { demand: 'b', site: 'y', cost: 2 },
          { demand: 'c', site: 'y', cost: 3 },
          { demand: 'c', site: 'z', cost: 0 },
        ],
      }),
    );
    const mclp = await run(
      'locate',
      '--model',
      'mclp',
      '--instance',
      file,
      '--format',
      'json',
      '--p',
      '1',
      '--radius',
      '3',
      '--solver',
      'exact',
      '--json',
    );
    expect(mclp.stderr).toBe('');
    expect(JSON.parse(mclp.stdout)).toMatchObject({ objective: 6, optimal: true, open: ['x'] });
    const lscp = await run(
      'locate',
      '--model',
      'lscp',
      '--instance',
      file,
      '--format',
      'json',
      '--radius',
      '3',
      '--json',
    );
    expect(JSON.parse(lscp.stdout)).toMatchObject({ objective: 2, optimal: true });
    expect(JSON.parse(lscp.stdout).open.sort()).toEqual(['x', 'y']);
  });

  it('exits 1 with the file and line on a bad instance', async () => {
    const file = join(dir, 'bad.txt');
    await writeFile(file, '5 4 2\n1 2 1\n2 3 -1\n3 4 1\n');
    const r = await run('locate', '--model', 'p-median', '--instance', file, '--format', 'orlib-pmed');
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toContain('bad.txt');
    expect(r.stderr).toMatch(/line 3/);
    expect(r.stderr).not.toMatch(/at .*\.ts:\d+/);
  });

  it('exits 1 when p is larger than the number of sites', async () => {
    const file = join(dir, 'path2.txt');
    await writeFile(file, PATH_GRAPH);
    const r = await run(
      'locate',
      '--model',
      'p-median',
      '--instance',
      file,
      '--format',
      'orlib-pmed',
      '--p',
      '9',
    );
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toMatch(/p = 9 is larger than the number of candidate sites \(6\)/);
  });

  it('exits 2 on bad usage', async () => {
    const noModel = await run('locate', '--instance', 'x', '--format', 'json');
    expect(noModel.exitCode).toBe(2);
    const badModel = await run('locate', '--model', 'q-median', '--instance', 'x', '--format', 'json');
    expect(badModel.exitCode).toBe(2);
    expect(badModel.stderr).toContain('q-median');
    const badSolver = await run(
      'locate',
      '--model',
      'mclp',
      '--instance',
      'x',
      '--format',
      'json',
      '--solver',
      'magic',
    );
    expect(badSolver.exitCode).toBe(2);
  });
});

describe('neuvo locate --scenario (the loaded network)', () => {
  let database: Awaited<ReturnType<typeof createTestDatabaseEnv>>;
  beforeAll(async () => {
    database = await createTestDatabaseEnv();
    expect((await runNeuvo(database.env, 'import', 'espoo')).exitCode).toBe(0);
  });
  afterAll(async () => {
    await database?.cleanup();
  });
  const runDb = (...argv: string[]) => runNeuvo(database.env, ...argv);
  // "The best 3 of all our premises, keeping Kalajärvi": 20 minutes' slow walk.
  const BEST_3 = [
    'locate',
    '--scenario',
    '2021-six-points',
    '--model',
    'mclp',
    '--p',
    '3',
    '--radius',
    '20',
    '--mode',
    'walk-slow',
    '--candidates',
    'all-sites',
    '--keep',
    'SP_KALAJARVI',
  ];

  it('keeps the best 3 of all premises, Kalajärvi among them, and prints the bound', async () => {
    const text = await runDb(...BEST_3);
    expect(text.exitCode).toBe(0);
    expect(text.stdout).toMatch(
      /^mclp p=3 radius=20 min, walk-slow, scenario 2021-six-points on 2021-12-01$/m,
    );
    expect(text.stdout).toMatch(/^candidates: all-sites, \d+ sites in service$/m);
    expect(text.stdout).toMatch(/objective [\d.]+ .*, bound [\d.]+ \((proven optimal|gap [\d.]+ %)\)/);
    expect(text.stdout).toMatch(/^travel times: approximate model/m);
    expect(text.stdout).toMatch(/^residents: MODELLED modelled points/m);
    const chosen = text.stdout.split('chosen:\n')[1]?.trim().split('\n') ?? [];
    expect(chosen).toHaveLength(3);
    expect(chosen.find((l) => l.includes('SP_KALAJARVI'))).toMatch(
      /Kalajärvi Service Point \(fixed-point, service-point\) — must stay/,
    );

    const json = await runDb(...BEST_3, '--date', '2021-12-01', '--json');
    expect(json.exitCode).toBe(0);
    const answer = JSON.parse(json.stdout);
    expect(answer.query).toMatchObject({ date: '2021-12-01', candidates: 'all-sites', k: 3 });
    expect(answer.open).toHaveLength(3);
    expect(answer.open).toContain('SP_KALAJARVI');
    expect(answer.bound).toBeGreaterThanOrEqual(answer.objective - 1e-6);
    if (answer.optimal) expect(answer.gap).toBe(0);
    // The same answer as the text, and more candidates than the scenario's six points.
    for (const id of answer.open) expect(text.stdout).toContain(id);
    expect(answer.candidateCount).toBeGreaterThan(6);
    expect(answer.chosen.length + answer.closures.length).toBe(answer.candidateCount);
    const list = await runDb('scenario', 'list', '--json');
    expect(JSON.parse(list.stdout)[0].openSiteIds).toHaveLength(6);
  });

  it('refuses an instance file and a scenario together, and names the bad flag', async () => {
    const both = await runDb(...BEST_3, '--instance', 'x.json', '--format', 'json');
    expect(both.exitCode).toBe(2);
    expect(both.stderr).toMatch(
      /'--instance <path>' cannot be used with option '--scenario <id>'|'--scenario <id>' cannot be used with option '--instance <path>'/,
    );
    const neither = await runDb('locate', '--model', 'mclp', '--p', '3');
    expect(neither.exitCode).toBe(2);
    expect(neither.stderr).toContain('--scenario <id>');
    const instanceOnly = await run(
      'locate',
      '--model',
      'mclp',
      '--instance',
      'x.json',
      '--format',
      'json',
      '--keep',
      'A',
    );
    expect(instanceOnly.exitCode).toBe(2);
    const badKeep = await runDb(...BEST_3.slice(0, -1), 'LIB_NOPE');
    expect(badKeep.exitCode).toBe(1);
    expect(badKeep.stderr).toMatch(/^neuvo: --keep: "LIB_NOPE" is not a candidate point/);
    const badSet = await runDb(...BEST_3.slice(0, -4), '--candidates', 'everything');
    expect(badSet.exitCode).toBe(2);
    const unknownList = await runDb(...BEST_3.slice(0, -4), '--candidate-ids', 'SP_KALAJARVI,LIB_NOPE');
    expect(unknownList.exitCode).toBe(1);
    expect(unknownList.stderr).toContain('--candidate-ids: unknown site "LIB_NOPE"');
  });
});
