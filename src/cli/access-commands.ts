/** `neuvo access …`, `neuvo scenario …` and `neuvo import matrix`. */
import { readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { type Command, InvalidArgumentError, Option } from 'commander';
import type { Place, TravelTimeMatrix } from '../core/access/engine.ts';
import type { GtfsFeed } from '../core/access/gtfs.ts';
import { isTravelMode, TRAVEL_MODES, type TravelMode } from '../core/access/modes.ts';
import { createRaptorEngine } from '../core/access/raptor-engine.ts';
import { compileTimetable } from '../core/access/timetable.ts';
import { isoDateAt, parseIsoDate, parseWallTime } from '../core/time/civil-time.ts';
import { createRepositories } from '../db/repositories.ts';
import type { Store } from '../db/store.ts';
import { comparisonAreasCsv, comparisonGeoJson } from '../services/access-export.ts';
import { createAccessService, placeOfSite } from '../services/access-service.ts';
import { GTFS_READ, gtfsSizeProblem, parseGtfs, unzipGtfs } from '../services/import/gtfs-import.ts';
import { formatIssue } from '../services/import/issues.ts';
import { parsePointsCsv } from '../services/import/point-import.ts';
import { createImportService } from '../services/import-service.ts';
import { CliFailure } from './failure.ts';
import type { CliIo } from './main.ts';

export interface AccessCommandDeps {
  readonly io: CliIo;
  readonly withStore: <T>(work: (store: Store) => Promise<T>) => Promise<T>;
  readonly reportImport: (
    outcome: import('../services/import-service.ts').ImportOutcome,
    what: string,
  ) => void;
}

const parseMode = (value: string): TravelMode => {
  if (!isTravelMode(value)) throw new InvalidArgumentError(`expected one of ${TRAVEL_MODES.join(', ')}`);
  return value;
};
const parseDate = (value: string): string => {
  const d = parseIsoDate(value);
  if (!d.ok) throw new InvalidArgumentError(d.error);
  return value;
};
const parseWindow = (value: string): { fromSeconds: number; toSeconds: number } => {
  const m = /^(\d{2}:\d{2})-(\d{2}:\d{2})$/.exec(value);
  const from = m?.[1] ? parseWallTime(m[1]) : undefined;
  const to = m?.[2] ? parseWallTime(m[2]) : undefined;
  if (!from?.ok || !to?.ok || to.value < from.value)
    throw new InvalidArgumentError('expected HH:MM-HH:MM, e.g. 10:00-12:00');
  return { fromSeconds: from.value * 60, toSeconds: to.value * 60 };
};

const parsePercentiles = (value: string): number[] => {
  const list = value.split(',').map((v) => v.trim());
  if (list.some((v) => !/^\d+$/.test(v) || Number(v) < 1 || Number(v) > 100))
    throw new InvalidArgumentError('expected whole numbers from 1 to 100, e.g. 50,90');
  return [...new Set(list.map(Number))];
};

/** Reads a GTFS feed and says what was left out; throws with every problem when it is unusable. */
async function readFeed(path: string, io: CliIo): Promise<GtfsFeed> {
  const parsed = parseGtfs(basename(path), await readGtfsSource(path));
  const warnings = parsed.warnings ?? [];
  if (warnings.length > 0) {
    io.stderr(`The feed was read with ${warnings.length} warning(s) (rows left out, as GTFS says):\n`);
    for (const w of warnings.slice(0, 20)) io.stderr(`  ${formatIssue(w)}\n`);
    if (warnings.length > 20) io.stderr(`  … and ${warnings.length - 20} more\n`);
  }
  if (!parsed.ok) {
    for (const issue of parsed.issues) io.stderr(`  ${formatIssue(issue)}\n`);
    throw new CliFailure(`the GTFS feed has ${parsed.issues.length} problem(s); nothing was computed`);
  }
  return parsed.feed;
}

async function readPoints(path: string): Promise<Place[]> {
  let bytes: Uint8Array;
  try {
    bytes = await readFile(path);
  } catch {
    throw new CliFailure(`${path}: no such file`);
  }
  const parsed = parsePointsCsv({ name: basename(path), bytes });
  if (!parsed.ok) throw new CliFailure(parsed.issues.map(formatIssue).join('\n'));
  return parsed.places;
}

/** The options of `neuvo access matrix`. */
interface MatrixOptions {
  mode: TravelMode;
  gtfs?: string;
  date?: string;
  window?: { fromSeconds: number; toSeconds: number };
  out: string;
  store?: string;
  origins?: string;
  destinations?: string;
  percentiles?: number[];
}

/**
 * `access matrix --gtfs F --origins O --destinations D`: any points, no database. Rows
 * `origin_id,destination_id,minutes` (the window's median) and one `p<N>` column per asked
 * percentile; empty where unreachable.
 */
async function pointMatrix(opts: MatrixOptions, io: CliIo): Promise<void> {
  if (!opts.origins || !opts.destinations)
    throw new CliFailure('--origins and --destinations go together (and --percentiles needs them)');
  if (opts.store) throw new CliFailure('--store takes the loaded areas and sites, not --origins');
  if (!opts.gtfs && opts.mode.startsWith('pt'))
    throw new CliFailure('public-transport times for any points need a feed: add --gtfs FEED');
  if (opts.mode === 'car') throw new CliFailure('--origins computes pt, pt-slow, walk or walk-slow');
  const [origins, destinations] = [await readPoints(opts.origins), await readPoints(opts.destinations)];
  const date = opts.date ?? isoDateAt(Date.now());
  const window = { ...(opts.window ?? { fromSeconds: 36_000, toSeconds: 43_200 }), stepSeconds: 60 };
  const started = performance.now();
  const feed: GtfsFeed = opts.gtfs
    ? await readFeed(opts.gtfs, io)
    : { stops: [], routes: [], trips: [], calendars: [], calendarDates: [], frequencies: [] };
  const tt = compileTimetable(feed, date, {
    window: { fromSeconds: window.fromSeconds, toSeconds: window.toSeconds + 3 * 3600 },
  });
  if (opts.gtfs && tt.tripCount === 0)
    io.stderr(`warning: no trip of the feed runs on ${date}; choose a --date inside its calendar\n`);
  const percentiles = opts.percentiles ?? [];
  const result = await createRaptorEngine(tt, { window }).travelTimePercentiles(
    origins,
    destinations,
    opts.mode,
    percentiles,
  );
  const cell = (v: number | undefined) => (v === undefined || Number.isNaN(v) ? '' : v.toFixed(1));
  const lines = [['origin_id', 'destination_id', 'minutes', ...percentiles.map((p) => `p${p}`)].join(',')];
  for (const [i, o] of origins.entries())
    for (const [j, d] of destinations.entries()) {
      const at = i * destinations.length + j;
      lines.push(
        [
          o.id,
          d.id,
          cell(result.median.minutes[at]),
          ...percentiles.map((p) => cell(result.percentiles.get(p)?.[at])),
        ].join(','),
      );
    }
  await writeFile(opts.out, `${lines.join('\n')}\n`);
  io.stderr(
    `Wrote ${origins.length} × ${destinations.length} ${opts.mode} travel times to ${opts.out} (${opts.gtfs ? `RAPTOR on ${basename(opts.gtfs)}, ${date}, ` : ''}median over ${(window.toSeconds - window.fromSeconds) / 60 + 1} departure minutes, ${Math.round(performance.now() - started)} ms).\n`,
  );
}

async function readGtfsSource(path: string): Promise<Map<string, Uint8Array>> {
  let info: Awaited<ReturnType<typeof stat>>;
  try {
    info = await stat(path);
  } catch {
    throw new CliFailure(`${path}: no such file or folder`);
  }
  if (info.isDirectory()) {
    const files = new Map<string, Uint8Array>();
    for (const name of await readdir(path)) {
      if (!GTFS_READ.has(name.toLowerCase())) continue;
      const problem = gtfsSizeProblem(name, (await stat(join(path, name))).size);
      if (problem) throw new CliFailure(`${join(path, name)}: ${problem}`);
      files.set(name, await readFile(join(path, name)));
    }
    return files;
  }
  const problem = gtfsSizeProblem(basename(path), info.size);
  if (problem) throw new CliFailure(problem.replace(' unpacked', ''));
  const unzipped = unzipGtfs(basename(path), await readFile(path));
  if (!unzipped.ok) throw new CliFailure(unzipped.issues.map(formatIssue).join('\n'));
  return new Map(unzipped.files);
}

export function matrixCsv(matrices: readonly TravelTimeMatrix[]): string {
  const first = matrices[0];
  if (!first) return 'origin_id,destination_id\n';
  const lines = [['origin_id', 'destination_id', ...matrices.map((m) => m.mode)].join(',')];
  const cols = first.destinationIds.length;
  for (const [i, o] of first.originIds.entries()) {
    for (const [j, d] of first.destinationIds.entries()) {
      const values = matrices.map((m) => {
        const v = m.minutes[i * cols + j] ?? Number.NaN;
        return Number.isNaN(v) ? '' : v.toFixed(1);
      });
      lines.push([o, d, ...values].join(','));
    }
  }
  return `${lines.join('\n')}\n`;
}

const pct = (v: number) => `${(v * 100).toFixed(1)} %`;
const min = (v: number | null) => (v === null ? '—' : v.toFixed(1));

export function registerAccessCommands(program: Command, imp: Command, deps: AccessCommandDeps): void {
  registerAccessMatrixCommand(program, deps);
  registerImportMatrixCommand(imp, deps);
  const scenario = program
    .command('scenario')
    .description('Network scenarios: which fixed points are open on which dates');
  registerScenarioListCommand(scenario, deps);
  registerScenarioCompareCommand(scenario, deps);
}

/** `neuvo access matrix`: travel times from the loaded areas (or any points) to the sites, as CSV. */
function registerAccessMatrixCommand(program: Command, deps: AccessCommandDeps): void {
  const { io, withStore } = deps;
  const access = program.command('access').description('Travel times between areas and service points');
  access
    .command('matrix')
    .description('Compute a travel-time matrix from every demand area to every site and write it as CSV')
    .addOption(
      new Option('--mode <mode>', `travel mode: ${TRAVEL_MODES.join(', ')}`)
        .argParser(parseMode)
        .makeOptionMandatory(),
    )
    .option(
      '--gtfs <file>',
      'a GTFS feed (.zip or folder) to route on with RAPTOR, instead of the loaded data',
    )
    .option('--date <YYYY-MM-DD>', 'service date (default: today)', parseDate)
    .option(
      '--window <HH:MM-HH:MM>',
      'departure window; the median over its minutes is reported',
      parseWindow,
    )
    .requiredOption('--out <file.csv>', 'where to write the matrix')
    .option(
      '--store <name>',
      'also store the matrix in the database under this name (it then answers this mode)',
    )
    .option(
      '--origins <file.csv>',
      'with --gtfs: origins as id,lat,lon instead of the loaded areas (no database)',
    )
    .option('--destinations <file.csv>', 'with --origins: destinations as id,lat,lon')
    .option(
      '--percentiles <list>',
      'with --origins: also the travel time at these percentiles of the window, e.g. 50,90',
      parsePercentiles,
    )
    .action(async (opts: MatrixOptions) => {
      if (opts.origins || opts.destinations || opts.percentiles) {
        await pointMatrix(opts, io);
        return;
      }
      await withStore(async (store) => {
        await store.migrate();
        const repos = createRepositories(store.db);
        const service = createAccessService({ repos, now: () => Date.now() });
        const date = opts.date ?? service.today();
        let matrix: TravelTimeMatrix;
        let description: string;
        let origins: string;
        if (opts.gtfs) {
          const feed = await readFeed(opts.gtfs, io);
          const window = {
            ...(opts.window ?? { fromSeconds: 36_000, toSeconds: 43_200 }),
            stepSeconds: 60,
          };
          const started = performance.now();
          const tt = compileTimetable(feed, date, {
            window: { fromSeconds: window.fromSeconds, toSeconds: window.toSeconds + 3 * 3600 },
          });
          if (tt.tripCount === 0)
            io.stderr(`warning: no trip of the feed runs on ${date}; choose a --date inside its calendar\n`);
          // From every demand point, so a stored matrix answers point by point.
          const demand = await service.demandOrigins(opts.mode, { forNewMatrix: true });
          const sites = await repos.sites.list();
          matrix = await createRaptorEngine(tt, { window }).travelTimes(
            demand.places,
            sites.map(placeOfSite),
            opts.mode,
          );
          origins = `one row per demand point (${demand.info.basis}: ${demand.info.description})`;
          description = `RAPTOR on ${basename(opts.gtfs)}, ${date}, median over ${(window.toSeconds - window.fromSeconds) / 60 + 1} departure minutes (${tt.tripCount} trips, ${Math.round(performance.now() - started)} ms)`;
        } else {
          const result = await service.matrix(opts.mode, date);
          ({ matrix, description } = result);
          origins = `one row per area: the population-weighted mean over its demand points (${result.demand.basis}: ${result.demand.description})`;
        }
        await writeFile(opts.out, matrixCsv([matrix]));
        io.stderr(
          `Wrote ${matrix.originIds.length} × ${matrix.destinationIds.length} ${opts.mode} travel times to ${opts.out} (${description}${matrix.approximate ? '; APPROXIMATE' : ''}).\nOrigins: ${origins}.\n`,
        );
        if (opts.store)
          deps.reportImport(
            await createImportService(store).storeMatrix(opts.store, description, [matrix]),
            `matrix "${opts.store}"`,
          );
      });
    });
}

/** `neuvo import matrix`: a travel-time matrix from files into the database. */
function registerImportMatrixCommand(imp: Command, deps: AccessCommandDeps): void {
  const { withStore } = deps;
  imp
    .command('matrix')
    .description(
      'Load a travel-time matrix: neuvo CSV (origin_id,destination_id,<modes>) or Helsinki Region Travel Time Matrix files with --grid',
    )
    .addOption(new Option('--file <path...>', 'matrix file(s)').makeOptionMandatory())
    .option('--grid <file>', 'YKR grid (GeoJSON) placing the Travel Time Matrix cells')
    .addOption(
      new Option('--period <period>', 'Travel Time Matrix time of day')
        .choices(['rush', 'midday', 'night'])
        .default('midday'),
    )
    .option('--name <id>', 'matrix id (a matrix with this id is replaced)', 'imported')
    .action(
      async (opts: { file: string[]; grid?: string; period: 'rush' | 'midday' | 'night'; name: string }) => {
        const read = async (p: string) => {
          try {
            return { name: p, bytes: await readFile(p) };
          } catch {
            throw new CliFailure(`${p}: no such file`);
          }
        };
        const files = await Promise.all(opts.file.map(read));
        const grid = opts.grid ? await read(opts.grid) : undefined;
        await withStore(async (store) => {
          await store.migrate();
          deps.reportImport(
            await createImportService(store).importMatrix(files, {
              id: opts.name,
              period: opts.period,
              ...(grid ? { grid } : {}),
            }),
            opts.file.join(', '),
          );
        });
      },
    );
}

/** `neuvo scenario list`: the scenarios with their reference dates and open points. */
function registerScenarioListCommand(scenario: Command, deps: AccessCommandDeps): void {
  const { io, withStore } = deps;
  scenario
    .command('list')
    .description('List the scenarios with their reference dates and the points open then')
    .option('--json', 'print JSON')
    .action(async (opts: { json?: boolean }) => {
      await withStore(async (store) => {
        await store.migrate();
        const list = await createAccessService({
          repos: createRepositories(store.db),
          now: () => Date.now(),
        }).listScenarios();
        if (opts.json) {
          io.stdout(
            `${JSON.stringify(
              list.map((s) => ({
                id: s.scenario.id,
                name: s.scenario.name,
                date: s.date,
                openSiteIds: s.openSiteIds,
              })),
              null,
              2,
            )}\n`,
          );
          return;
        }
        for (const s of list)
          io.stdout(`${s.scenario.id}\t${s.date}\t${s.openSiteIds.join(', ')}\n\t${s.scenario.name.en}\n`);
      });
    });
}

/** `neuvo scenario compare`: two scenarios per target group, and the areas that lose most. */
function registerScenarioCompareCommand(scenario: Command, deps: AccessCommandDeps): void {
  const { io, withStore } = deps;
  scenario
    .command('compare')
    .description(
      'Compare two scenarios per target group: travel time to the nearest open point, hours of service within reach, areas that lose most',
    )
    .requiredOption('--base <id>', 'baseline scenario')
    .requiredOption('--alt <id>', 'alternative scenario')
    .addOption(new Option('--mode <mode>', 'travel mode').argParser(parseMode).default('pt'))
    .option(
      '--base-date <YYYY-MM-DD>',
      'evaluate the baseline on this date (default: its reference date)',
      parseDate,
    )
    .option(
      '--alt-date <YYYY-MM-DD>',
      'evaluate the alternative on this date (default: its reference date)',
      parseDate,
    )
    .option('--json', 'print one JSON object')
    .option('--csv <file>', 'also write the per-area table as CSV')
    .option('--geojson <file>', 'also write the per-area change as GeoJSON (for a map)')
    .action(
      async (opts: {
        base: string;
        alt: string;
        mode: TravelMode;
        baseDate?: string;
        altDate?: string;
        json?: boolean;
        csv?: string;
        geojson?: string;
      }) => {
        await withStore(async (store) => {
          await store.migrate();
          const service = createAccessService({ repos: createRepositories(store.db), now: () => Date.now() });
          const c = await service.compare(opts.base, opts.alt, opts.mode, {
            ...(opts.baseDate ? { baseDate: opts.baseDate } : {}),
            ...(opts.altDate ? { altDate: opts.altDate } : {}),
          });
          if (opts.csv) await writeFile(opts.csv, comparisonAreasCsv(c));
          if (opts.geojson)
            await writeFile(
              opts.geojson,
              `${JSON.stringify(comparisonGeoJson(c, await service.areaGeometries(c.areas.map((a) => a.areaId))))}\n`,
            );
          for (const w of c.warnings) io.stderr(`warning: ${w}\n`);
          if (c.engine.approximate)
            io.stderr('note: travel times come from the approximate model (no GTFS or matrix loaded)\n');
          if (opts.json) {
            io.stdout(`${JSON.stringify(c, null, 2)}\n`);
            return;
          }
          io.stdout(
            `${c.base} (${c.scenarios.base.date}) → ${c.alt} (${c.scenarios.alt.date}), ${c.mode}${c.engine.approximate ? ', APPROXIMATE' : ''}\n`,
          );
          io.stdout(`travel times: ${c.basis.engine}\n`);
          io.stdout(
            `residents: ${c.basis.demand.basis === 'modelled' ? 'MODELLED ' : ''}${c.basis.demand.description}\n\n`,
          );
          io.stdout(
            'group              mean       median     p90        ≤15 min          ≤30 min          hours within 30 min\n',
          );
          for (const g of c.groups) {
            const cell = (b: string, a: string) => `${b}→${a}`.padEnd(11);
            io.stdout(
              `${g.group.padEnd(19)}${cell(min(g.base.meanMinutes), min(g.alt.meanMinutes))}${cell(min(g.base.medianMinutes), min(g.alt.medianMinutes))}${cell(min(g.base.p90Minutes), min(g.alt.p90Minutes))}${`${pct(g.base.shareWithin['15'])}→${pct(g.alt.shareWithin['15'])}`.padEnd(17)}${`${pct(g.base.shareWithin['30'])}→${pct(g.alt.shareWithin['30'])}`.padEnd(17)}${g.serviceHours.base ?? '—'}→${g.serviceHours.alt ?? '—'}\n`,
            );
          }
          for (const g of c.groupsWithoutData)
            io.stdout(`${g.padEnd(19)}no data: the data has no figures for this group by area\n`);
          for (const g of c.groups)
            if (g.base.dataShare < 0.9995)
              io.stdout(
                `note: ${g.group} figures cover the ${pct(g.base.dataShare)} of residents the data has them for\n`,
              );
          io.stdout('\nareas that lose most (extra minutes × residents)\n');
          for (const a of c.areas.slice(0, 10)) {
            io.stdout(
              `  ${a.areaId} ${a.name.padEnd(26)} ${min(a.baseMinutes)} → ${min(a.altMinutes)} min (${a.deltaMinutes === null ? 'no access' : `${a.deltaMinutes >= 0 ? '+' : ''}${a.deltaMinutes.toFixed(1)}`}), ${Math.round(a.population)} residents, ${Math.round(a.population75Plus)} aged 75+\n`,
            );
          }
        });
      },
    );
}
