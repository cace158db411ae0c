/** `neuvo locate`: solve a location model on an instance file. */
import { readdir, readFile, stat } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { type Command, InvalidArgumentError, Option } from 'commander';
import { LOCATION_MODELS, type LocationModel } from '../core/location/instance.ts';
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
import { CommandFailure } from './access-commands.ts';
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

async function readSource(path: string) {
  try {
    return { name: path, bytes: await readFile(path) };
  } catch {
    throw new CommandFailure(`${path}: no such file`);
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
    throw new CommandFailure(`${path}: no such file or folder`);
  }
  const names = await readdir(dir);
  distances ??= names.map((n) => join(dir, n)).find((n) => /network_distance.*\.csv$/i.test(basename(n)));
  const demand = names.map((n) => join(dir, n)).find((n) => /demand.*\.csv$/i.test(basename(n)));
  if (!distances || !demand)
    throw new CommandFailure(`${path}: expected spopt's *network_distance*.csv and *demand*.csv files`);
  return parseSpoptSf(await readSource(distances), await readSource(demand));
}

export function registerLocateCommand(program: Command, io: CliIo): void {
  program
    .command('locate')
    .description(
      'Choose sites with a location model (p-median, maximal covering, set covering) on an instance file',
    )
    .addOption(new Option('--model <model>', 'location model').choices(LOCATION_MODELS).makeOptionMandatory())
    .requiredOption('--instance <path>', 'instance file (a folder for spopt-sf)')
    .addOption(
      new Option('--format <format>', 'instance format (docs/location.md)')
        .choices(INSTANCE_FORMATS)
        .makeOptionMandatory(),
    )
    .option('--p <n>', 'number of sites to open (p-median, MCLP); default from the file', positiveInt)
    .option('--radius <s>', 'coverage radius in the instance’s cost unit (MCLP, LSCP)', nonNegative)
    .addOption(new Option('--solver <solver>', 'method').choices(SOLVERS).default('auto'))
    .option(
      '--time-limit <seconds>',
      'stop improving after this long (a bound is still given)',
      nonNegative,
      60,
    )
    .option('--json', 'print one JSON object')
    .action(
      async (opts: {
        model: LocationModel;
        instance: string;
        format: InstanceFormat;
        p?: number;
        radius?: number;
        solver: SolverChoice;
        timeLimit: number;
        json?: boolean;
      }) => {
        const parsed = await loadInstance(
          opts.instance,
          opts.format,
          opts.model === 'p-median' ? undefined : opts.radius,
        );
        if (!parsed.ok) {
          for (const issue of parsed.issues) io.stderr(`  ${formatIssue(issue)}\n`);
          throw new CommandFailure(`the instance has ${parsed.issues.length} problem(s)`);
        }
        const p = opts.p ?? parsed.p;
        const radius = opts.radius ?? parsed.radius;
        if (opts.model !== 'lscp' && p === undefined)
          throw new CommandFailure('--p is required: the instance file does not give p');
        if (opts.model !== 'p-median' && radius === undefined)
          throw new CommandFailure('--radius is required for mclp and lscp');
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
      },
    );
}
