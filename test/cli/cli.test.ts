/** The `neuvo` command run in-process: exit codes, stdout/stderr, and a real server start. */
import { writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runNeuvo } from '../helpers/cli.ts';
import { createTestDatabaseEnv } from '../helpers/store.ts';

let database: Awaited<ReturnType<typeof createTestDatabaseEnv>>;
beforeAll(async () => {
  database = await createTestDatabaseEnv();
});
afterAll(async () => {
  await database?.cleanup();
});

const run = (...argv: string[]) => runNeuvo(database.env, ...argv);

describe('neuvo command', () => {
  it('prints help for every command and exits 0', async () => {
    for (const argv of [
      ['--help'],
      ['import', '--help'],
      ['import', 'areas', '--help'],
      ['db', 'migrate', '--help'],
      ['start', '--help'],
    ]) {
      const r = await run(...argv);
      expect(r.exitCode, argv.join(' ')).toBe(0);
      expect(r.stdout).toContain('Usage: neuvo');
    }
  });

  it('exits 2 on bad usage, with the message on stderr', async () => {
    const noCommand = await run();
    expect(noCommand.exitCode).toBe(2);
    const unknown = await run('frobnicate');
    expect(unknown.exitCode).toBe(2);
    expect(unknown.stderr).toContain("unknown command 'frobnicate'");
    const missing = await run('import', 'areas');
    expect(missing.exitCode).toBe(2);
    expect(missing.stderr).toContain("required option '--file <path>' not specified");
    const badCrs = await run('import', 'areas', '--file', 'x.geojson', '--crs', 'EPSG:9999');
    expect(badCrs.exitCode).toBe(2);
    const badPort = await run('start', '--port', 'eighty');
    expect(badPort.exitCode).toBe(2);
  });

  it('migrates idempotently', async () => {
    const first = await run('db', 'migrate');
    expect(first.exitCode).toBe(0);
    const second = await run('db', 'migrate');
    expect(second.stderr).toMatch(/^0 migrations applied now/);
  });

  it('exits 1 with every problem listed when an import fails', async () => {
    const missingFile = await run('import', 'sites', '--file', '/nonexistent/sites.csv');
    expect(missingFile.exitCode).toBe(1);
    expect(missingFile.stderr).toContain('/nonexistent/sites.csv: no such file');
    const path = join(tmpdir(), `neuvo-cli-${process.pid}.csv`);
    await writeFile(
      path,
      'id,role,kind,name_fi,name_sv,name_en,lat,lon\nX,venue,kiosk,a,b,c,60.2,24.7\nY,venue,library,a,b,c,0,0\n',
    );
    const bad = await run('import', 'sites', '--file', path);
    expect(bad.exitCode).toBe(1);
    expect(bad.stderr).toContain('failed with 2 problems; nothing was changed');
    expect(bad.stderr).toContain(`${path}, line 2, column "kind": expected one of`);
    expect(bad.stderr).toContain(`${path}, line 3, column "lat"`);
  });

  it('compares scenarios and writes matrices', async () => {
    expect((await run('import', 'espoo')).exitCode).toBe(0);
    const list = await run('scenario', 'list', '--json');
    expect(JSON.parse(list.stdout).map((s: { id: string }) => s.id)).toEqual([
      '2021-six-points',
      'decision-2021-12-20',
    ]);
    const compare = await run(
      'scenario',
      'compare',
      '--base',
      '2021-six-points',
      '--alt',
      'decision-2021-12-20',
      '--mode',
      'pt-slow',
      '--json',
    );
    expect(compare.exitCode).toBe(0);
    const json = JSON.parse(compare.stdout);
    expect(json).toMatchObject({ base: '2021-six-points', alt: 'decision-2021-12-20', mode: 'pt-slow' });
    expect(json.groups.map((g: { group: string }) => g.group)).toContain('age75plus');
    expect(Object.keys(json.areas[0])).toEqual(
      expect.arrayContaining([
        'areaId',
        'name',
        'baseMinutes',
        'altMinutes',
        'deltaMinutes',
        'population',
        'population75Plus',
      ]),
    );
    expect(compare.stderr).toContain('approximate model');
    const table = await run(
      'scenario',
      'compare',
      '--base',
      '2021-six-points',
      '--alt',
      'decision-2021-12-20',
    );
    expect(table.stdout).toContain('areas that lose most');
    // Every figure names what it rests on; a group without data says so instead of numbers.
    expect(table.stdout).toMatch(/^travel times: approximate model/m);
    expect(table.stdout).toMatch(/^residents: MODELLED modelled points/m);
    expect(table.stdout).toMatch(/^foreignLanguage\s+no data/m);
    const unknown = await run('scenario', 'compare', '--base', 'x', '--alt', 'decision-2021-12-20');
    expect(unknown.exitCode).toBe(1);
    expect(unknown.stderr).toContain('unknown scenario "x"');
    const out = join(tmpdir(), `neuvo-matrix-${process.pid}.csv`);
    const matrix = await run('access', 'matrix', '--mode', 'walk-slow', '--date', '2026-12-01', '--out', out);
    expect(matrix.exitCode).toBe(0);
    const { readFile } = await import('node:fs/promises');
    const lines = (await readFile(out, 'utf8')).trim().split('\n');
    expect(lines[0]).toBe('origin_id,destination_id,walk-slow');
    expect(lines).toHaveLength(1 + 46 * 45);
    const badMode = await run('access', 'matrix', '--mode', 'bike', '--out', out);
    expect(badMode.exitCode).toBe(2);

    // Residents from a file of points replace the modelled ones; a bad file changes nothing.
    const points = join(tmpdir(), `neuvo-demand-${process.pid}.csv`);
    await writeFile(
      points,
      'id,lat,lon,population,age75plus\nk1,60.2995,24.7175,900,80\nt1,60.1760,24.8050,2500,300\n',
    );
    const imported = await run('import', 'demand', '--file', points);
    expect(imported.exitCode).toBe(0);
    expect(imported.stderr).toContain('2 demand points');
    const bad = join(tmpdir(), `neuvo-demand-bad-${process.pid}.csv`);
    await writeFile(bad, 'id,lat,lon,population\nk1,60.2995,24.7175,-4\n');
    const refused = await run('import', 'demand', '--file', bad);
    expect(refused.exitCode).toBe(1);
    expect(refused.stderr).toContain('line 2, column "population"');
    const onPoints = await run(
      'scenario',
      'compare',
      '--base',
      '2021-six-points',
      '--alt',
      'decision-2021-12-20',
    );
    expect(onPoints.stdout).toMatch(
      /^residents: weighted points \(neuvo-demand-\d+\.csv: 2 points, 3400 residents\)/m,
    );
    // Back to the demo's own points for the tests that follow.
    expect((await run('import', 'espoo')).exitCode).toBe(0);
  });

  it('routes on a GTFS feed with RAPTOR and stores the matrix', async () => {
    const { gtfsFiles } = await import('../access/gtfs-writer.ts');
    const { mkdir, writeFile: write } = await import('node:fs/promises');
    const dir = join(tmpdir(), `neuvo-gtfs-${process.pid}`);
    await mkdir(dir, { recursive: true });
    // One line from Espoonlahti to Matinkylä every ten minutes.
    const feed = {
      stops: [
        { id: 'A', name: 'Espoonlahti', lat: 60.1489, lon: 24.6587 },
        { id: 'B', name: 'Matinkylä', lat: 60.1602, lon: 24.7384 },
      ],
      routes: [{ id: 'R', shortName: 'M', longName: '', type: 1 }],
      trips: Array.from({ length: 30 }, (_, k) => {
        const t = 9 * 3600 + k * 600;
        return {
          id: `t${k}`,
          routeId: 'R',
          serviceId: 'WD',
          stopIds: ['A', 'B'],
          arrivals: [t, t + 480],
          departures: [t, t + 480],
        };
      }),
      calendars: [
        {
          serviceId: 'WD',
          weekdays: [true, true, true, true, true, false, false] as [
            boolean,
            boolean,
            boolean,
            boolean,
            boolean,
            boolean,
            boolean,
          ],
          startDate: '2026-01-01',
          endDate: '2026-12-31',
        },
      ],
      calendarDates: [],
      frequencies: [],
    };
    for (const [name, text] of gtfsFiles(feed)) await write(join(dir, name), text);
    const out = join(tmpdir(), `neuvo-gtfs-${process.pid}.csv`);
    const r = await run(
      'access',
      'matrix',
      '--mode',
      'pt',
      '--gtfs',
      dir,
      '--date',
      '2026-12-01',
      '--window',
      '10:00-11:00',
      '--out',
      out,
      '--store',
      'gtfs-test',
    );
    expect(r.exitCode).toBe(0);
    expect(r.stderr).toContain('RAPTOR on');
    const compare = await run(
      'scenario',
      'compare',
      '--base',
      '2021-six-points',
      '--alt',
      'decision-2021-12-20',
      '--json',
    );
    expect(JSON.parse(compare.stdout).engine).toEqual({ name: 'matrix:gtfs-test', approximate: false });
    const bad = join(dir, 'stop_times.txt');
    await write(
      bad,
      'trip_id,arrival_time,departure_time,stop_id,stop_sequence\nt0,09:00:00,09:00:00,A,1\nt0,08:00:00,08:00:00,B,2\n',
    );
    const broken = await run('access', 'matrix', '--mode', 'pt', '--gtfs', dir, '--out', out);
    expect(broken.exitCode).toBe(1);
    expect(broken.stderr).toContain('stop_times.txt, line 3, column "arrival_time": stop times decrease');
  });

  it('starts on an empty database: migrates, loads the demo, serves pages and API; a second start skips the import', async () => {
    // A directory with nothing in it, as on a fresh machine.
    const fresh = await createTestDatabaseEnv({ emptyDirectory: true });
    const run = (...argv: string[]) => runNeuvo({ ...fresh.env, NEUVO_DEMO_PLAN_SECONDS: '1' }, ...argv);
    const first = await run('start', '--port', '0', '--host', '127.0.0.1');
    expect(first.exitCode).toBeNull();
    if (first.exitCode !== null) return;
    try {
      expect(first.stderr).toContain('loading the Espoo demo');
      const home = await fetch(`${first.running.url}/`, { headers: { accept: 'text/html' } });
      expect(home.status).toBe(200);
      expect(await home.text()).toContain('Matinkylän asiointipiste');
      const sites: any = await (await fetch(`${first.running.url}/api/v1/sites?role=fixed-point`)).json();
      expect(sites.items).toHaveLength(7);
      // The demo's schedule is planned and published on first start.
      expect(first.stderr).toContain('Published the demo schedule');
      // And a year of synthetic contact history for the reports, said to be synthetic.
      expect(first.stderr).toMatch(
        /Generated synthetic contact history for the demo: \d+ contacts over 52 weeks/,
      );
      const schedule = await (await fetch(`${first.running.url}/en/schedule`)).text();
      expect(schedule).toContain('Add to calendar');
      // The demo planner's login, printed once, signs in as the README says.
      const login = /Demo planner login \(shown once\): (\S+) \/ (\S+)/.exec(first.stderr);
      expect(login?.[1]).toBe('planner@demo.invalid');
      const signIn = await fetch(`${first.running.url}/login`, {
        method: 'POST',
        body: new URLSearchParams({ email: login?.[1] ?? '', password: login?.[2] ?? '', next: '/planner' }),
        redirect: 'manual',
      });
      expect(signIn.status).toBe(303);
      expect(signIn.headers.get('location')).toBe('/planner');
      // One account per role: the advisor's works as a demo advisor, the admin's opens /admin/staff.
      expect(first.stderr).toMatch(
        /Demo advisor login \(shown once\): advisor@demo\.invalid \/ \S+ {2}at \/login \(works as the demo advisor Aino, ADV_AINO\)/,
      );
      const admin = /Demo admin login \(shown once\): (\S+) \/ (\S+)/.exec(first.stderr);
      expect(admin?.[1]).toBe('admin@demo.invalid');
      const adminIn = await fetch(`${first.running.url}/login`, {
        method: 'POST',
        body: new URLSearchParams({
          email: admin?.[1] ?? '',
          password: admin?.[2] ?? '',
          next: '/admin/staff',
        }),
        redirect: 'manual',
      });
      const session = adminIn.headers
        .getSetCookie()
        .find((c) => c.startsWith('neuvo_session='))
        ?.split(';')[0];
      const staff = await fetch(`${first.running.url}/admin/staff`, { headers: { cookie: session ?? '' } });
      expect(staff.status).toBe(200);
      expect(await staff.text()).toContain('Aino (ADV_AINO)');
    } finally {
      await first.running.close();
    }
    const second = await run('start', '--port', '0', '--host', '127.0.0.1');
    expect(second.exitCode).toBeNull();
    if (second.exitCode !== null) return;
    await second.running.close();
    expect(second.stderr).not.toContain('loading the Espoo demo');
    expect(second.stderr).not.toContain('Demo planner login');
    expect(second.stderr).not.toContain('Demo admin login');
    expect(second.stderr).toContain('neuvo is serving');
    await fresh.cleanup();
  });
});
