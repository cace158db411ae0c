/**
 * A command run while `neuvo start` serves the same database never loses its write: on the
 * embedded PGlite (one process's database) it is refused with who holds the directory and what
 * to do, and changes nothing; on a PostgreSQL server it lands and the server sees it. Either
 * way, nothing is lost after a restart.
 */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CliRun, runNeuvo } from '../helpers/cli.ts';
import { type ServerProcess, startServerProcess } from '../helpers/server-process.ts';
import { createTestDatabaseEnv } from '../helpers/store.ts';

let database: Awaited<ReturnType<typeof createTestDatabaseEnv>>;
let server: ServerProcess | undefined;
beforeAll(async () => {
  database = await createTestDatabaseEnv();
});
afterAll(async () => {
  await server?.stop();
  await database?.cleanup();
});

const PASSWORD = 'a long enough password';
const run = (...argv: string[]) => runNeuvo({ ...database.env, NEUVO_PASSWORD: PASSWORD }, ...argv);

/** Logs in on the server; the session cookie, or null when the login is refused. */
async function logIn(base: string, email: string): Promise<string | null> {
  const res = await fetch(`${base}/en/login`, {
    method: 'POST',
    body: new URLSearchParams({ email, password: PASSWORD, next: '/en/planner' }),
    redirect: 'manual',
  });
  return res.status === 303 ? (res.headers.get('set-cookie')?.split(';')[0] ?? null) : null;
}

async function planStatus(base: string, cookie: string, planId: string): Promise<string> {
  const res = await fetch(`${base}/api/v1/plans/${planId}`, { headers: { cookie } });
  expect(res.status).toBe(200);
  return ((await res.json()) as { plan: { status: string } }).plan.status;
}

async function siteNames(base: string): Promise<string[]> {
  const res = await fetch(`${base}/api/v1/sites`);
  return ((await res.json()) as { items: { id: string }[] }).items.map((s) => s.id);
}

// Nine processes in a row, each opening the database: on a loaded machine (three suites at once,
// or a clock run a year ahead) this takes minutes, not the usual 45 s. A safety net, not a budget.
describe('a command while the server runs', { timeout: 300_000 }, () => {
  it('is refused on the embedded database and changes nothing, or lands on a PostgreSQL server', async () => {
    // Before the server: the demo, a planner and a draft plan to publish later.
    expect((await run('import', 'espoo')).exitCode).toBe(0);
    expect((await run('user', 'add', '--email', 'first@example.org', '--role', 'planner')).exitCode).toBe(0);
    const planned = await run(
      ...[
        'plan',
        '--from',
        '2026-12-07',
        '--weeks',
        '1',
        '--solver',
        'heuristic',
        '--time-limit',
        '1',
        '--json',
      ],
    );
    expect(planned.exitCode, planned.stderr).toBe(0);
    const planId = (JSON.parse(planned.stdout) as { planId: string }).planId;
    const sitesFile = join(database.dataDir ?? '/tmp', '..', 'sites.csv');
    await writeFile(
      sitesFile,
      'id,role,kind,name_fi,name_sv,name_en,lat,lon\nV_LOCK_TEST,venue,library,Testikirjasto,Testbiblioteket,Test library,60.2,24.7\n',
    );

    server = await startServerProcess(database.env);
    const base = server.url;
    const first = await logIn(base, 'first@example.org');
    expect(first).not.toBeNull();
    const writes: [string, CliRun][] = [
      ['user add', await run('user', 'add', '--email', 'second@example.org', '--role', 'planner')],
      ['import espoo', await run('import', 'espoo')],
      ['import sites', await run('import', 'sites', '--file', sitesFile)],
      [
        'plan',
        await run(
          'plan',
          '--from',
          '2026-12-14',
          '--weeks',
          '1',
          '--solver',
          'heuristic',
          '--time-limit',
          '1',
        ),
      ],
      ['plan publish', await run('plan', 'publish', planId)],
    ];
    expect((await fetch(`${base}/health`)).status).toBe(200);

    if (database.dataDir) {
      // Embedded: each is refused, saying who holds the directory and what to do.
      for (const [what, r] of writes) {
        expect(r.exitCode, what).toBe(1);
        expect(r.stderr, what).toContain(`the neuvo server on port ${server.port} (process ${server.pid})`);
        expect(r.stderr, what).toContain(`holds the embedded database in ${database.dataDir}`);
        expect(r.stderr, what).toContain('DATABASE_URL');
      }
      // And changed nothing the server can see.
      expect(await logIn(base, 'second@example.org')).toBeNull();
      expect(await siteNames(base)).not.toContain('V_LOCK_TEST');
      expect(await planStatus(base, first as string, planId)).toBe('draft');
      // Stopped, the server lets go; the same commands now land.
      expect(await server.stop()).toBe(0);
      server = undefined;
      for (const [what, argv] of [
        ['user add', ['user', 'add', '--email', 'second@example.org', '--role', 'planner']],
        ['import sites', ['import', 'sites', '--file', sitesFile]],
        ['plan publish', ['plan', 'publish', planId]],
      ] as const) {
        const r = await run(...argv);
        expect(r.exitCode, `${what}: ${r.stderr}`).toBe(0);
      }
    } else {
      for (const [what, r] of writes) expect(r.exitCode, `${what}: ${r.stderr}`).toBe(0);
      await server.stop();
      server = undefined;
    }

    // After a restart every write that was acknowledged is there.
    server = await startServerProcess(database.env);
    expect(await logIn(server.url, 'second@example.org')).not.toBeNull();
    expect(await siteNames(server.url)).toContain('V_LOCK_TEST');
    const again = await logIn(server.url, 'first@example.org');
    expect(await planStatus(server.url, again as string, planId)).toBe('published');
    expect(await server.stop()).toBe(0);
    server = undefined;
  });

  it('refuses a second server on the embedded directory (PostgreSQL: serves with both), and starts again after a kill -9', async () => {
    server = await startServerProcess(database.env);
    if (database.dataDir) {
      await expect(startServerProcess(database.env)).rejects.toThrow(
        `the neuvo server on port ${server.port} (process ${server.pid}) holds the embedded database`,
      );
    } else {
      const second = await startServerProcess(database.env);
      expect((await fetch(`${second.url}/health`)).status).toBe(200);
      expect(await second.stop()).toBe(0);
    }
    // Killed, the server leaves its lock behind; the next start takes it over.
    await server.kill();
    server = await startServerProcess(database.env);
    expect((await fetch(`${server.url}/health`)).status).toBe(200);
    expect(await server.stop()).toBe(0);
    server = undefined;
  });
});
