/**
 * `neuvo locate`: solve a location model on an instance file, or on the loaded network
 * (`--scenario`: demand areas, candidate sites and travel times from the database).
 */
import { readdir, readFile, stat } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { type Command, InvalidArgumentError, Option } from 'commander';
import { TRAVEL_MODES, type TravelMode } from '../core/access/modes.ts';
import { ID_PATTERN } from '../core/ids.ts';
import { LOCATION_MODELS, type LocationModel } from '../core/location/instance.ts';
import { parseIsoDate } from '../core/time/civil-time.ts';
import { createRepositories } from '../db/repositories.ts';
import type { Store } from '../db/store.ts';
import { createAccessService } from '../services/access-service.ts';
import { InvalidInputError } from '../services/errors.ts';
import { formatIssue } from '../services/import/issues.ts';
import {
  INSTANCE_FORMATS,
  type InstanceFormat,
  type ParsedInstance,
  parseJsonInstance,
  parseMclpText,
  parseOrlibPmed,
  parseSpoptSf,
} from '../services/location/formats.ts';
import { locate, SOLVERS, type SolverChoice } from '../services/location/location-solver.ts';
import {
  CANDIDATE_SETS,
  type CandidateSet,
  createNetworkService,
  type NetworkQuery,
} from '../services/network-service.ts';
import { CliFailure } from './failure.ts';
import type { CliIo } from './main.ts';

const positiveInt = (v: string) => {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError('expected a whole number ≥ 1');
  return n;
};
const nonNegative = (v: string) => {
  const n = Number(v);
  if (!Number.isFinite(n) || n < 0) throw new InvalidArgumentError('expected a number ≥ 0');
  return n;
};

const siteIds = (v: string) => {
  const ids = v
    .split(',')
    .map((id) => id.trim())
    .filter((id) => id !== '');
  const bad = ids.find((id) => !ID_PATTERN.test(id));
  if (bad !== undefined || ids.length === 0)
    throw new InvalidArgumentError(
      `expected site ids separated by commas${bad ? ` ("${bad}" is not one)` : ''}`,
    );
  return ids;
};
const isoDate = (v: string) => {
  const d = parseIsoDate(v);
  if (!d.ok) throw new InvalidArgumentError(d.error);
  return v;
};
const groupWeights = (v: string) => {
  if (!/^[A-Za-z][A-Za-z0-9-]*:\d+(\.\d+)?(,[A-Za-z][A-Za-z0-9-]*:\d+(\.\d+)?)*$/.test(v))
    throw new InvalidArgumentError('expected group:weight pairs, e.g. all:1,age75plus:3');
  return Object.fromEntries(
    v.split(',').map((pair) => [pair.split(':')[0] ?? '', Number(pair.split(':')[1])]),
  );
};

/** The command-line flag a service's input error is about. */
const FLAG_OF: Record<string, string> = {
  scenario: '--scenario',
  date: '--date',
  k: '--p',
  radius: '--radius',
  mode: '--mode',
  weights: '--weights',
  keep: '--keep',
  closed: '--closed',
  candidates: '--candidates',
  candidateIds: '--candidate-ids',
};

interface LocateOptions {
  model: LocationModel;
  instance?: string;
  format?: InstanceFormat;
  scenario?: string;
  p?: number;
  radius?: number;
  mode: TravelMode;
  date?: string;
  candidates?: CandidateSet;
  candidateIds?: string[];
  keep?: string[];
  closed?: string[];
  weights?: Record<string, number>;
  solver: SolverChoice;
  timeLimit: number;
  json?: boolean;
}

async function readSource(path: string) {
  try {
    return { name: path, bytes: await readFile(path) };
  } catch {
    throw new CliFailure(`${path}: no such file`);
  }
}

export async function loadInstance(
  path: string,
  format: InstanceFormat,
  radius: number | undefined,
): Promise<ParsedInstance> {
  if (format === 'orlib-pmed') return parseOrlibPmed(await readSource(path));
  if (format === 'mclp-txt') return parseMclpText(await readSource(path), radius ?? Number.POSITIVE_INFINITY);
  if (format === 'json') return parseJsonInstance(await readSource(path));
  // spopt-sf: a folder with the network-distance and demand CSVs, or the distance file itself.
  let dir = path;
  let distances: string | undefined;
  try {
    if (!(await stat(path)).isDirectory()) {
      distances = path;
      dir = join(path, '..');
    }
  } catch {
    throw new CliFailure(`${path}: no such file or folder`);
  }
  const names = await readdir(dir);
  distances ??= names.map((n) => join(dir, n)).find((n) => /network_distance.*\.csv$/i.test(basename(n)));
  const demand = names.map((n) => join(dir, n)).find((n) => /demand.*\.csv$/i.test(basename(n)));
  if (!distances || !demand)
    throw new CliFailure(`${path}: expected spopt's *network_distance*.csv and *demand*.csv files`);
  return parseSpoptSf(await readSource(distances), await readSource(demand));
}

export function registerLocateCommand(
  program: Command,
  io: CliIo,
  withStore: <T>(work: (store: Store) => Promise<T>) => Promise<T>,
): void {
  const networkOnly = (option: Option) => option.conflicts(['instance', 'format']);
  program
    .command('locate')
    .description(
      'Choose sites with a location model (p-median, maximal covering, set covering) on an instance file (--instance) or on the loaded network (--scenario)',
    )
    .addOption(new Option('--model <model>', 'location model').choices(LOCATION_MODELS).makeOptionMandatory())
    .addOption(new Option('--instance <path>', 'instance file (a folder for spopt-sf)').conflicts('scenario'))
    .addOption(
      new Option('--format <format>', 'instance format, with --instance (docs/location.md)').choices(
        INSTANCE_FORMATS,
      ),
    )
    .addOption(
      new Option(
        '--scenario <id>',
        'solve on the loaded network: demand areas, sites and travel times from the database',
      ).conflicts(['instance', 'format']),
    )
    .option(
      '--p <n>',
      'number of sites to open (p-median, MCLP); with --instance, default from the file',
      positiveInt,
    )
    .option(
      '--radius <s>',
      'coverage radius (MCLP, LSCP): the instance’s cost unit, or minutes with --scenario',
      nonNegative,
    )
    .addOption(
      networkOnly(
        new Option('--mode <mode>', 'travel mode, with --scenario').choices(TRAVEL_MODES).default('pt-slow'),
      ),
    )
    .addOption(
      networkOnly(
        new Option(
          '--date <YYYY-MM-DD>',
          'with --scenario: the day (default: the scenario’s reference date)',
        ).argParser(isoDate),
      ),
    )
    .addOption(
      networkOnly(
        new Option(
          '--candidates <set>',
          'with --scenario: which sites may be chosen — the scenario’s points (default), every fixed point, or every site',
        ).choices(CANDIDATE_SETS),
      ),
    )
    .addOption(
      networkOnly(
        new Option(
          '--candidate-ids <ids>',
          'with --scenario: an explicit candidate list, comma-separated site ids',
        ).argParser(siteIds),
      ),
    )
    .addOption(
      networkOnly(
        new Option('--keep <ids>', 'with --scenario: sites that must stay, comma-separated').argParser(
          siteIds,
        ),
      ),
    )
    .addOption(
      networkOnly(
        new Option('--closed <ids>', 'with --scenario: sites that must close (or cannot open)').argParser(
          siteIds,
        ),
      ),
    )
    .addOption(
      networkOnly(
        new Option(
          '--weights <pairs>',
          'with --scenario: weight per target group, e.g. all:1,age75plus:3',
        ).argParser(groupWeights),
      ),
    )
    .addOption(new Option('--solver <solver>', 'method').choices(SOLVERS).default('auto'))
    .option(
      '--time-limit <seconds>',
      'stop improving after this long (a bound is still given)',
      nonNegative,
      60,
    )
    .option('--json', 'print one JSON object')
    .action(async (opts: LocateOptions, cmd: Command) => {
      if (opts.scenario !== undefined) {
        if (opts.model !== 'lscp' && opts.p === undefined)
          throw new CliFailure('--p is required for p-median and mclp');
        if (opts.model !== 'p-median' && opts.radius === undefined)
          throw new CliFailure('--radius (minutes) is required for mclp and lscp');
        await withStore((store) => solveOnNetwork(store, opts, io));
        return;
      }
      if (opts.instance === undefined)
        cmd.error(
          'error: give --instance <path> --format <format> (an instance file) or --scenario <id> (the loaded network)',
        );
      if (opts.format === undefined) cmd.error('error: --instance needs --format <format>');
      await solveInstanceFile({ ...opts, instance: opts.instance, format: opts.format }, io);
    });
}

async function solveOnNetwork(store: Store, opts: LocateOptions, io: CliIo): Promise<void> {
  await store.migrate();
  const repos = createRepositories(store.db);
  const access = createAccessService({ repos, now: () => Date.now() });
  const network = createNetworkService({ repos, access });
  const query: NetworkQuery = {
    scenarioId: opts.scenario ?? '',
    model: opts.model,
    mode: opts.mode,
    ...(opts.date ? { date: opts.date } : {}),
    ...(opts.p !== undefined && opts.model !== 'lscp' ? { k: opts.p } : {}),
    ...(opts.radius !== undefined && opts.model !== 'p-median' ? { radiusMinutes: opts.radius } : {}),
    ...(opts.weights ? { groupWeights: opts.weights } : {}),
    ...(opts.candidates ? { candidates: opts.candidates } : {}),
    ...(opts.candidateIds ? { candidateIds: opts.candidateIds } : {}),
    ...(opts.keep ? { mustKeep: opts.keep } : {}),
    ...(opts.closed ? { closed: opts.closed } : {}),
    solver: opts.solver,
    timeLimitSeconds: opts.timeLimit,
  };
  let answer: Awaited<ReturnType<typeof network.optimize>>;
  try {
    answer = await network.optimize(query);
  } catch (e) {
    if (e instanceof InvalidInputError && e.target && FLAG_OF[e.target])
      throw new CliFailure(`${FLAG_OF[e.target]}: ${e.message}`);
    throw e;
  }
  const open = answer.chosen.map((c) => c.siteId);
  if (opts.json) {
    io.stdout(`${JSON.stringify({ ...answer, open })}\n`);
    return;
  }
  const q = answer.query;
  const kept = new Set(opts.keep ?? []);
  const figure = (v: number) => (Number.isInteger(v) ? String(v) : v.toFixed(2));
  const proof = answer.optimal ? 'proven optimal' : `gap ${(answer.gap * 100).toFixed(3)} %`;
  const lines = [
    `${q.model}${q.k !== null ? ` p=${q.k}` : ''}${q.radiusMinutes !== null ? ` radius=${q.radiusMinutes} min` : ''}, ${q.mode}, scenario ${q.scenarioId} on ${q.date}`,
    `candidates: ${q.candidates}${q.candidateIds ? ' (listed)' : ''}, ${answer.candidateCount} site${answer.candidateCount === 1 ? '' : 's'} in service`,
    `objective ${figure(answer.objective)} (${answer.objectiveUnit}), bound ${figure(answer.bound)} (${proof}), ${answer.seconds} s, ${answer.solver}`,
    `travel times: ${answer.basis.engine}${answer.engine.approximate ? ' (approximate: no timetable or matrix loaded)' : ''}`,
    `residents: ${answer.basis.demand.basis === 'modelled' ? 'MODELLED ' : ''}${answer.basis.demand.description}`,
    'chosen:',
    ...answer.chosen.map(
      (c) =>
        `  ${c.siteId.padEnd(22)} ${c.name.en} (${c.role}, ${c.kind})${kept.has(c.siteId) ? ' — must stay' : ''}`,
    ),
  ];
  const closedByRule = answer.closures.filter((c) => c.closedByRule);
  if (closedByRule.length > 0)
    lines.push(`closed by rule: ${closedByRule.map((c) => `${c.siteId} ${c.name.en}`).join(', ')}`);
  io.stdout(`${lines.join('\n')}\n`);
  for (const note of answer.notes) io.stderr(`  ${note}\n`);
}

async function solveInstanceFile(
  opts: LocateOptions & { instance: string; format: InstanceFormat },
  io: CliIo,
): Promise<void> {
  const parsed = await loadInstance(
    opts.instance,
    opts.format,
    opts.model === 'p-median' ? undefined : opts.radius,
  );
  if (!parsed.ok) {
    for (const issue of parsed.issues) io.stderr(`  ${formatIssue(issue)}\n`);
    throw new CliFailure(`the instance has ${parsed.issues.length} problem(s)`);
  }
  const p = opts.p ?? parsed.p;
  const radius = opts.radius ?? parsed.radius;
  if (opts.model !== 'lscp' && p === undefined)
    throw new CliFailure('--p is required: the instance file does not give p');
  if (opts.model !== 'p-median' && radius === undefined)
    throw new CliFailure('--radius is required for mclp and lscp');
  const x = parsed.instance;
  const result = await locate(x, {
    model: opts.model,
    ...(p !== undefined ? { p } : {}),
    ...(radius !== undefined ? { radius } : {}),
    solver: opts.solver,
    timeLimitSeconds: opts.timeLimit,
  });
  const textFormat = opts.format === 'orlib-pmed' || opts.format === 'mclp-txt';
  const open = result.open.map((j) => (textFormat ? Number(x.siteIds[j]) : x.siteIds[j]));
  const summary = {
    model: result.model,
    p: result.p,
    radius: result.radius,
    objective: result.objective,
    bound: result.bound,
    gap: result.gap,
    optimal: result.optimal,
    seconds: Number(result.seconds.toFixed(3)),
    solver: result.solver,
    open,
  };
  if (opts.json) {
    io.stdout(`${JSON.stringify(summary)}\n`);
    return;
  }
  io.stdout(
    `${result.model}${result.p !== null ? ` p=${result.p}` : ''}${result.radius !== null ? ` radius=${result.radius}` : ''}: objective ${result.objective}, bound ${result.bound} (${result.optimal ? 'proven optimal' : `gap ${(result.gap * 100).toFixed(3)} %`}), ${summary.seconds} s, ${result.solver}\nopen: ${open.join(' ')}\n`,
  );
  for (const note of result.notes) io.stderr(`  ${note}\n`);
}
