/**
 * The `neuvo` command. Results go to stdout, progress and errors to stderr.
 * Exit codes: 0 success, 1 failure, 2 bad usage.
 */

import { randomBytes } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import { buildOpenApiDocument } from '../api/http.ts';
import { createApp } from '../app.ts';
import { STAFF_ROLES } from '../core/model/staff.ts';
import { DataDirBusyError } from '../db/data-dir-lock.ts';
import { createRepositories } from '../db/repositories.ts';
import { openStore, type Store, storeConfigFromEnv } from '../db/store.ts';
import { reportImport, ServerStartError, startServer } from '../server.ts';
import { createAuthService } from '../services/auth-service.ts';
import {
  CityProfileError,
  cityFileReader,
  cityFolderName,
  cityIds,
  defaultCityId,
  loadCityProfile,
} from '../services/city/city-folders.ts';
import { DomainError } from '../services/errors.ts';
import { CRS_OPTIONS, type Crs } from '../services/import/location.ts';
import { createImportService, type ImportOutcome } from '../services/import-service.ts';
import { registerAccessCommands } from './access-commands.ts';
import { CliFailure } from './failure.ts';
import { registerLocateCommand } from './locate-command.ts';
import { registerPlanCommand } from './plan-command.ts';
import { serverSettingsFromEnv } from './settings.ts';

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

export interface CliIo {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  readonly env: NodeJS.ProcessEnv;
}

// A reader that stops early (`neuvo … | head`) is not an error.
process.stdout.on('error', (e: NodeJS.ErrnoException) => {
  if (e.code === 'EPIPE') process.exit(0);
  throw e;
});

export const processIo: CliIo = {
  stdout: (t) => process.stdout.write(t),
  stderr: (t) => process.stderr.write(t),
  env: process.env,
};

export { CliFailure };

export interface Running {
  readonly url: string;
  close(): Promise<void>;
}

export type CliResult = { exitCode: number } | { exitCode: null; running: Running };

function parsePositiveNumber(value: string): number {
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0) throw new InvalidArgumentError('expected a number of seconds above 0');
  return n;
}

function parseSeconds(value: string): number {
  const n = Number(value);
  if (value.trim() === '' || !Number.isFinite(n) || n < 0 || n > 3600)
    throw new InvalidArgumentError('expected seconds, 0–3600');
  return n;
}

function parsePort(value: string): number {
  const port = Number(value);
  // 0 asks the system for any free port (used by tests); the chosen port is printed.
  if (!/^\d+$/.test(value) || port > 65_535) throw new InvalidArgumentError('expected a port number 0–65535');
  return port;
}

async function withStore<T>(io: CliIo, work: (store: Store) => Promise<T>): Promise<T> {
  // A command may run long statements (a large import): no query timeout, unlike the server.
  const store = await openStore(storeConfigFromEnv(io.env, { queryTimeoutMs: 0 }));
  try {
    return await work(store);
  } finally {
    await store.close();
  }
}

function reportImportOrFail(io: CliIo, outcome: ImportOutcome, what: string): void {
  if (!reportImport(io.stderr, outcome, what)) throw new CliFailure(`import of ${what} failed`);
}

async function readSource(path: string): Promise<{ name: string; bytes: Uint8Array }> {
  try {
    return { name: path, bytes: await readFile(path) };
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new CliFailure(
      code === 'ENOENT' ? `${path}: no such file` : `${path}: cannot read (${code ?? String(e)})`,
    );
  }
}

/**
 * The environment for serving or importing `city`: a city other than the default gets its own
 * embedded database (`.neuvo/data-<id>`) unless NEUVO_DATA_DIR or DATABASE_URL names one, since
 * a database holds one city.
 */
function cityEnv(env: NodeJS.ProcessEnv, city: string): NodeJS.ProcessEnv {
  if (city === defaultCityId() || env.NEUVO_DATA_DIR?.trim() || env.DATABASE_URL?.trim()) return env;
  return { ...env, NEUVO_DATA_DIR: `.neuvo/data-${city}` };
}

/** A shipped city's profile; an unknown city or an invalid profile is the operator's to fix. */
async function cityProfileOrFail(id: string) {
  try {
    return await loadCityProfile(id);
  } catch (e) {
    throw e instanceof CityProfileError ? new CliFailure(e.message) : e;
  }
}

/** `neuvo start`: the options, then the server (src/server.ts). */
function registerStartCommand(program: Command, io: CliIo, result: { running?: Running }): void {
  program
    .command('start')
    .description("Migrate the database, load the city's demo on first run, and serve the web app and API")
    .addOption(
      new Option('--port <port>', 'port to listen on').env('PORT').default(3000).argParser(parsePort),
    )
    .addOption(new Option('--host <host>', 'interface to listen on').env('HOST').default('0.0.0.0'))
    .addOption(
      new Option('--city <id>', `the city served: a folder under data/ (${cityIds().join(', ')})`)
        .env('NEUVO_CITY')
        .default(defaultCityId()),
    )
    .option('--no-demo', "do not load the city's demo dataset into an empty database")
    .option(
      '--no-demo-history',
      "do not generate the demo's synthetic contact history on first start (also NEUVO_DEMO_HISTORY=0)",
    )
    .addOption(
      new Option('--demo-plan-seconds <seconds>', 'time for planning the demo schedule on first start')
        .env('NEUVO_DEMO_PLAN_SECONDS')
        .default(5)
        .argParser(parsePositiveNumber),
    )
    .addOption(
      new Option('--page-cache-seconds <seconds>', 'reuse a rendered public page for this long (0: never)')
        .env('NEUVO_PAGE_CACHE_SECONDS')
        .default(5)
        .argParser(parseSeconds),
    )
    .action(
      async (opts: {
        port: number;
        host: string;
        city: string;
        demo: boolean;
        demoHistory: boolean;
        demoPlanSeconds: number;
        pageCacheSeconds: number;
      }) => {
        try {
          const city = await cityProfileOrFail(opts.city);
          const env = cityEnv(io.env, city.id);
          result.running = await startServer({ ...io, env }, serverSettingsFromEnv(env, city.retentionDays), {
            ...opts,
            city,
            demoHistory: opts.demoHistory && io.env.NEUVO_DEMO_HISTORY?.trim() !== '0',
          });
        } catch (e) {
          throw e instanceof ServerStartError ? new CliFailure(e.message) : e;
        }
      },
    );
}

export function buildProgram(io: CliIo, result: { running?: Running }): Command {
  const program = new Command('neuvo')
    .description(
      "Plan and run a city's customer-service network: fixed service points and a mobile advisory service.",
    )
    .showHelpAfterError('(run with --help for usage)')
    .configureOutput({ writeOut: io.stdout, writeErr: io.stderr })
    // Options after a subcommand belong to it (`plan instance --from …` is not `plan --from …`).
    .enablePositionalOptions()
    .exitOverride();
  // Every command but `start` and `import <city>` works on the database of the city NEUVO_CITY
  // names (the default city's when unset).
  const cityIo: CliIo = { ...io, env: cityEnv(io.env, io.env.NEUVO_CITY?.trim() || defaultCityId()) };

  registerStartCommand(program, io, result);

  const db = program.command('db').description('Database administration');
  db.command('migrate')
    .description('Apply pending migrations in order (safe to run again; records what was applied)')
    .action(async () => {
      await withStore(cityIo, async (store) => {
        const { applied, total } = await store.migrate();
        io.stderr(
          `${applied} migration${applied === 1 ? '' : 's'} applied now, ${total} in all (${store.kind}: ${store.location}).\n`,
        );
      });
    });

  const imp = program
    .command('import')
    .description('Load data (all-or-nothing; re-importing updates rows by id)');
  // One command per city folder: `neuvo import <city id>`.
  for (const id of cityIds())
    imp
      .command(id)
      .description(`Load the demo dataset of the city "${id}" from ${cityFolderName(id)}`)
      .action(async () => {
        await cityProfileOrFail(id);
        await withStore({ ...io, env: cityEnv(io.env, id) }, async (store) => {
          await store.migrate();
          reportImportOrFail(
            io,
            await createImportService(store).importCity(cityFileReader(id), cityFolderName(id)),
            cityFolderName(id),
          );
        });
      });

  type FileImport = (
    service: ReturnType<typeof createImportService>,
    file: { name: string; bytes: Uint8Array },
    opts: { crs?: Crs },
  ) => Promise<ImportOutcome>;
  const fileImport = (name: string, description: string, run: FileImport) =>
    imp
      .command(name)
      .description(description)
      .addOption(new Option('--file <path>', 'file to import').makeOptionMandatory())
      .action(async (opts: { file: string; crs?: Crs }) => {
        const file = await readSource(opts.file);
        await withStore(cityIo, async (store) => {
          await store.migrate();
          reportImportOrFail(io, await run(createImportService(store), file, opts), opts.file);
        });
      });
  fileImport(
    'areas',
    'Load areas (demand units, districts) from CSV or GeoJSON; see docs/import-formats.md',
    (s, f, o) => s.importAreas(f, o.crs ? { crs: o.crs } : {}),
  ).addOption(
    new Option('--crs <crs>', 'coordinate system of a GeoJSON file without a "crs" member').choices(
      CRS_OPTIONS,
    ),
  );
  fileImport(
    'demand',
    'Load residents as grid cells or weighted points (Statistics Finland 1 km grid, YKR 250 m grid, id,lat,lon,population CSV, GeoJSON), replacing the loaded demand points; see docs/import-formats.md',
    (s, f, o) => s.importDemand(f, o.crs ? { crs: o.crs } : {}),
  ).addOption(
    new Option(
      '--crs <crs>',
      'coordinate system of a plain CSV with x,y or a GeoJSON file without a "crs" member',
    ).choices(CRS_OPTIONS),
  );
  fileImport(
    'sites',
    'Load fixed service points and venues from CSV or GeoJSON; see docs/import-formats.md',
    (s, f) => s.importSites(f),
  );
  fileImport('advisors', 'Load advisors from CSV; see docs/import-formats.md', (s, f) => s.importAdvisors(f));

  const user = program.command('user').description('Staff accounts');
  user
    .command('add')
    .description('Add a staff user (or update one with the same e-mail): planner, advisor or admin')
    .requiredOption('--email <email>', 'login e-mail')
    .option('--name <name>', 'display name')
    .addOption(new Option('--role <role...>', 'roles').choices(STAFF_ROLES).makeOptionMandatory())
    .option(
      '--password-stdin',
      'read the password from standard input (else NEUVO_PASSWORD, else a generated one is printed)',
    )
    .action(async (opts: { email: string; name?: string; role: string[]; passwordStdin?: boolean }) => {
      let password = io.env.NEUVO_PASSWORD ?? '';
      let generated = false;
      if (opts.passwordStdin) password = (await readStdin()).replace(/\r?\n$/, '');
      if (!password) {
        password = randomBytes(15).toString('base64url');
        generated = true;
      }
      await withStore(cityIo, async (store) => {
        await store.migrate();
        const added = await createAuthService({
          store,
          repos: createRepositories(store.db),
          now: () => Date.now(),
        }).addUser({
          email: opts.email,
          displayName: opts.name ?? opts.email,
          roles: opts.role,
          password,
        });
        io.stderr(`Saved ${added.email} (${added.roles.join(', ')}).\n`);
        if (generated) io.stdout(`${password}\n`);
      });
    });

  registerLocateCommand(program, cityIo, (work) => withStore(cityIo, work));
  registerPlanCommand(program, cityIo, (work) => withStore(cityIo, work));

  registerAccessCommands(program, imp, {
    io,
    withStore: (work) => withStore(cityIo, work),
    reportImport: (outcome, what) => reportImportOrFail(io, outcome, what),
  });

  program
    .command('openapi')
    .description('Print the OpenAPI document of the API (or write it to a file)')
    .option('--out <path>', 'write to this file instead of stdout')
    .action(async (opts: { out?: string }) => {
      // The document depends only on the route definitions, so an in-memory store is enough.
      const store = await openStore({ kind: 'pglite', dataDir: null });
      try {
        const text = `${JSON.stringify(buildOpenApiDocument(createApp({ store })), null, 2)}\n`;
        if (opts.out) await writeFile(opts.out, text);
        else io.stdout(text);
      } finally {
        await store.close();
      }
    });

  return program;
}

export async function runCli(argv: readonly string[], io: CliIo = processIo): Promise<CliResult> {
  const result: { running?: Running } = {};
  const program = buildProgram(io, result);
  try {
    if (argv.length === 0) {
      program.outputHelp({ error: true });
      return { exitCode: 2 };
    }
    await program.parseAsync([...argv], { from: 'user' });
    return result.running ? { exitCode: null, running: result.running } : { exitCode: 0 };
  } catch (e) {
    if (e instanceof CommanderError) {
      if (
        e.code === 'commander.helpDisplayed' ||
        e.code === 'commander.help' ||
        e.code === 'commander.version'
      ) {
        return { exitCode: 0 };
      }
      return { exitCode: 2 };
    }
    if (e instanceof CliFailure) {
      io.stderr(`neuvo: ${e.message}\n`);
      return { exitCode: 1 };
    }
    if (e instanceof DomainError || e instanceof DataDirBusyError) {
      io.stderr(`neuvo: ${e.message}\n`);
      return { exitCode: 1 };
    }
    io.stderr(`neuvo: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
    return { exitCode: 1 };
  }
}
