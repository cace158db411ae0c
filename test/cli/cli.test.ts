/** The `neuvo` command run in-process: exit codes, stdout/stderr, and a real server start. */
import { writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/main.ts';
import { createTestDatabaseEnv } from '../helpers/store.ts';

let database: Awaited<ReturnType<typeof createTestDatabaseEnv>>;
beforeAll(async () => {
  database = await createTestDatabaseEnv();
});
afterAll(async () => {
  await database?.cleanup();
});

async function run(...argv: string[]) {
  let stdout = '';
  let stderr = '';
  const result = await runCli(argv, {
    stdout: (t) => {
      stdout += t;
    },
    stderr: (t) => {
      stderr += t;
    },
    env: database.env,
  });
  return { ...result, stdout, stderr };
}

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

  it('starts on an empty database: migrates, loads the demo, serves pages and API; a second start skips the import', async () => {
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
    } finally {
      await first.running.close();
    }
    const second = await run('start', '--port', '0', '--host', '127.0.0.1');
    expect(second.exitCode).toBeNull();
    if (second.exitCode !== null) return;
    await second.running.close();
    expect(second.stderr).not.toContain('loading the Espoo demo');
    expect(second.stderr).toContain('neuvo is serving');
  });
});
