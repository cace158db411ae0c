/**
 * `neuvo plan`: the mobile advisors' visit schedule, on the loaded data or on a self-contained
 * instance file; `neuvo plan check` validates any plan against an instance;
 * `neuvo plan instance` writes the loaded data as an instance file.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { type Command, InvalidArgumentError, Option } from 'commander';
import { explainPlan } from '../core/planning/explain.ts';
import type { PlanningInstance } from '../core/planning/instance.ts';
import { type PlanVisit, validatePlan } from '../core/planning/validate.ts';
import { isIsoDate } from '../core/time/civil-time.ts';
import { createRepositories } from '../db/repositories.ts';
import type { Store } from '../db/store.ts';
import { createAccessService } from '../services/access-service.ts';
import { formatIssue } from '../services/import/issues.ts';
import { parsePlanningInstance, planningInstanceToJson } from '../services/planning/instance-format.ts';
import {
  PLAN_SOLVERS,
  type PlanSolver,
  planVisits,
  relGap,
  solvePlan,
} from '../services/planning/planner.ts';
import { buildPlanningInstance } from '../services/planning/planning-data.ts';
import { effectiveRules, loadCityRules, planningDataOf } from '../services/planning/planning-rules.ts';
import { createPlanningService, type PlanJobRequestInput } from '../services/planning/planning-service.ts';
import { CliFailure } from './failure.ts';
import type { CliIo } from './main.ts';

const positiveInt = (v: string) => {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError('expected a whole number ≥ 1');
  return n;
};
const seconds = (v: string) => {
  const n = Number(v);
  if (!Number.isFinite(n) || n <= 0) throw new InvalidArgumentError('expected seconds > 0');
  return n;
};
const isoDate = (v: string) => {
  if (!isIsoDate(v)) throw new InvalidArgumentError('expected a date as YYYY-MM-DD');
  return v;
};

async function readInstanceFile(io: CliIo, path: string): Promise<PlanningInstance> {
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch {
    throw new CliFailure(`${path}: no such file`);
  }
  const parsed = parsePlanningInstance({ name: path, bytes });
  if (!parsed.ok) {
    for (const issue of parsed.issues) io.stderr(`  ${formatIssue(issue)}\n`);
    throw new CliFailure(`the instance has ${parsed.issues.length} problem(s)`);
  }
  return parsed.instance;
}

interface PlanOutput {
  readonly planId: string | null;
  readonly objective: number;
  readonly bound: number;
  readonly gap: number;
  readonly optimal: boolean;
  readonly seconds: number;
  readonly solver: string;
  readonly visits: readonly {
    id: string;
    venueId: string;
    date: string;
    start: string;
    end: string;
    advisorIds: readonly string[];
    change?: string;
  }[];
  readonly cancelled?: readonly { id: string; venueId: string; date: string; reason: string }[];
  readonly breakdown: unknown;
  readonly problems: readonly { rule: string; message: string }[];
  readonly explanation: {
    readonly visits: readonly object[];
    readonly perDistrictWeek: readonly unknown[];
    readonly advisorMinutes: readonly unknown[];
    readonly whatIfs: readonly { kind: string; subject: string; change: number; visitsChange: number }[];
  };
  readonly notes: readonly string[];
}

/** The instance a plan job would solve: the loaded data with the city's default rules and the series pins. */
async function instanceFromData(
  store: Store,
  opts: { from: string; weeks: number; scenario?: string },
): Promise<PlanningInstance> {
  const repos = createRepositories(store.db);
  const access = createAccessService({ repos, now: () => Date.now() });
  const city = await loadCityRules(repos);
  return buildPlanningInstance(
    { repos, access },
    {
      from: opts.from,
      weeks: opts.weeks,
      ...(opts.scenario ? { scenarioId: opts.scenario } : {}),
      ...planningDataOf(effectiveRules(city.rules, undefined)),
    },
  );
}

/** Progress on stderr while a plan is made: elapsed, best plan, bound and gap. */
function progressPrinter(io: CliIo, quiet = false) {
  let lastShown = -1;
  return (p: { elapsedSeconds: number; incumbent: number | null; bound: number | null; phase: string }) => {
    if (quiet) return;
    if (p.elapsedSeconds - lastShown < 2 && p.phase !== 'done') return;
    lastShown = p.elapsedSeconds;
    const gap =
      p.incumbent !== null && p.bound !== null
        ? ` gap ${(relGap(p.incumbent, p.bound) * 100).toFixed(2)} %`
        : '';
    io.stderr(
      `  ${p.elapsedSeconds.toFixed(0)} s ${p.phase}: best ${p.incumbent?.toFixed(0) ?? '—'}, bound ${p.bound?.toFixed(0) ?? '—'}${gap}\n`,
    );
  };
}

/** A plan or repair job run here and now through the same job table the server uses. */
async function planOnData(
  io: CliIo,
  store: Store,
  request: PlanJobRequestInput,
  quiet = false,
): Promise<PlanOutput> {
  const repos = createRepositories(store.db);
  const access = createAccessService({ repos, now: () => Date.now() });
  const service = createPlanningService({ store, repos, access });
  const job = await service.enqueue(request, 'cli');
  const done = await service.runJobNow(job.id, { onProgress: progressPrinter(io, quiet) });
  if (!done) throw new CliFailure(`job ${job.id} was taken by another neuvo process; see it there`);
  if (done.status !== 'succeeded' || !done.planId)
    throw new CliFailure(`planning ${done.status}: ${done.error ?? 'no plan'}`);
  const detail = await service.getPlan(done.planId);
  const p = detail.plan;
  const s = detail.summary;
  return {
    planId: p.id,
    objective: p.objective ?? 0,
    bound: p.bound ?? 0,
    gap: p.gap ?? 0,
    optimal: p.optimal ?? false,
    seconds: Number((p.seconds ?? 0).toFixed(3)),
    solver: p.solver ?? '',
    visits: detail.visits.map((v) => ({
      id: v.id,
      venueId: v.venueId,
      date: v.date,
      start: v.start,
      end: v.end,
      advisorIds: [...v.advisorIds],
      change: v.change,
    })),
    cancelled: detail.cancelled.map((v) => ({
      id: v.id,
      venueId: v.venueId,
      date: v.date,
      reason: v.reason,
    })),
    breakdown: s?.breakdown ?? null,
    problems: (s?.problems ?? []).map((q) => ({ rule: q.rule, message: q.message })),
    explanation: {
      visits: detail.visits.map((v) => ({ id: v.id, ...(v.explanation as object) })),
      perDistrictWeek: s?.perDistrictWeek ?? [],
      advisorMinutes: s?.advisorMinutes ?? [],
      whatIfs: s?.whatIfs ?? [],
    },
    notes: s?.notes ?? [],
  };
}

/** A plan as one JSON object (printed and/or written to `--out`) or as lines for a person. */
async function printPlan(
  io: CliIo,
  output: PlanOutput,
  opts: { json?: boolean; out?: string },
): Promise<void> {
  if (opts.out) await writeFile(opts.out, `${JSON.stringify(output, null, 1)}\n`);
  if (opts.json) {
    io.stdout(`${JSON.stringify(output)}\n`);
    return;
  }
  io.stdout(
    `${output.planId ? `plan ${output.planId} (draft): ` : ''}${output.visits.length} visits, objective ${output.objective.toFixed(1)}, bound ${output.bound.toFixed(1)}, gap ${(output.gap * 100).toFixed(3)} %${output.optimal ? ' (optimal)' : ''}, ${output.seconds.toFixed(1)} s, ${output.solver}\n`,
  );
  for (const p of output.problems) io.stdout(`  note: ${p.message}\n`);
  for (const [i, v] of output.visits.entries()) {
    const e = output.explanation.visits[i] as { rhythm?: string; languages?: string[] } | undefined;
    io.stdout(
      `${v.date} ${v.start}–${v.end}  ${v.venueId.padEnd(18)} ${v.advisorIds.join(', ').padEnd(22)} ${e?.rhythm ?? ''}${e?.languages?.length ? ` (${e.languages.join(', ')})` : ''}${v.change && v.change !== 'added' ? ` [${v.change}]` : ''}\n`,
    );
  }
  for (const c of output.cancelled ?? [])
    io.stdout(`${c.date} cancelled  ${c.venueId.padEnd(18)} ${c.reason}\n`);
  for (const w of output.explanation.whatIfs)
    io.stdout(
      `what if ${w.kind === 'advisor-added' ? `one more advisor like ${w.subject}` : `no ${w.subject}`}: objective ${w.change >= 0 ? '+' : ''}${w.change.toFixed(0)}, ${w.visitsChange >= 0 ? '+' : ''}${w.visitsChange} visits a week\n`,
    );
  if (output.planId) io.stdout(`publish it with: neuvo plan publish ${output.planId}\n`);
}

type WithStore = <T>(work: (store: Store) => Promise<T>) => Promise<T>;

export function registerPlanCommand(program: Command, io: CliIo, withStore: WithStore): void {
  const plan = registerPlanSolveCommand(program, io, withStore);
  registerPlanPublishCommand(plan, io, withStore);
  registerPlanRepairCommand(plan, io, withStore);
  registerPlanCheckCommand(plan, io);
  registerPlanInstanceCommand(plan, io, withStore);
}

/** `neuvo plan --from … | --instance …`: solve on the loaded data (as a draft) or on an instance file. */
function registerPlanSolveCommand(program: Command, io: CliIo, withStore: WithStore): Command {
  const plan = program
    .command('plan')
    // `plan check --plan …` and `plan instance --from …`: options after a subcommand are its own.
    .enablePositionalOptions()
    .description(
      'Plan the mobile advisors’ visits (docs/planning-model.md) on the loaded data or an instance file',
    )
    .option('--from <date>', 'first day of the horizon (YYYY-MM-DD; a Monday is usual)', isoDate)
    .option('--weeks <n>', 'weeks in the horizon', positiveInt, 4)
    .option('--scenario <id>', 'the fixed points open (default: the first scenario)')
    .option('--instance <file>', 'solve this JSON instance instead of the loaded data')
    .addOption(new Option('--solver <solver>', 'method').choices(PLAN_SOLVERS).default('auto'))
    .option('--time-limit <seconds>', 'stop after this long (a bound is still given)', seconds, 60)
    .option('--json', 'print one JSON object with the visits and the explanation')
    .option('--out <file>', 'also write that JSON object to a file')
    .action(
      async (opts: {
        from?: string;
        weeks: number;
        scenario?: string;
        instance?: string;
        solver: PlanSolver;
        timeLimit: number;
        json?: boolean;
        out?: string;
      }) => {
        if (!opts.instance) {
          if (!opts.from) throw new CliFailure('give --from (and --weeks), or --instance FILE');
          const from = opts.from;
          await withStore(async (store) => {
            await store.migrate();
            const output = await planOnData(
              io,
              store,
              {
                kind: 'plan',
                from,
                weeks: opts.weeks,
                ...(opts.scenario ? { scenarioId: opts.scenario } : {}),
                solver: opts.solver,
                timeLimitSeconds: opts.timeLimit,
              },
              opts.json,
            );
            await printPlan(io, output, opts);
          });
          return;
        }
        const x = await readInstanceFile(io, opts.instance);
        const result = await solvePlan(x, {
          solver: opts.solver,
          timeLimitSeconds: opts.timeLimit,
          onProgress: progressPrinter(io, opts.json),
        });
        const visits = planVisits(result.prepared, result.visits).map((v, i) => ({ id: `V${i + 1}`, ...v }));
        const violations = validatePlan(x, visits);
        if (violations.length > 0) {
          for (const v of violations) io.stderr(`  ${v.rule}: ${v.message}\n`);
          throw new CliFailure(
            `the plan breaks ${violations.length} rule(s); this is a bug, please report it`,
          );
        }
        const explanation = explainPlan(result.prepared, result.visits);
        await printPlan(
          io,
          {
            planId: null,
            objective: result.objective,
            bound: result.bound,
            gap: result.gap,
            optimal: result.optimal,
            seconds: Number(result.seconds.toFixed(3)),
            solver: result.solver,
            visits,
            breakdown: result.breakdown,
            problems: result.problems.map((p) => ({ rule: p.rule, message: p.message })),
            explanation: {
              visits: explanation.visits.map((e, i) => ({ id: visits[i]?.id, ...e })),
              perDistrictWeek: explanation.perDistrictWeek,
              advisorMinutes: explanation.advisorMinutes,
              whatIfs: [],
            },
            notes: result.notes,
          },
          opts,
        );
      },
    );
  return plan;
}

/** `neuvo plan publish ID`: a draft becomes the public schedule. */
function registerPlanPublishCommand(plan: Command, io: CliIo, withStore: WithStore): void {
  plan
    .command('publish')
    .description('Make a draft plan the public schedule (cancelled visits keep their reason)')
    .argument('<planId>', 'the draft plan')
    .action(async (planId: string) => {
      await withStore(async (store) => {
        await store.migrate();
        const repos = createRepositories(store.db);
        const service = createPlanningService({
          store,
          repos,
          access: createAccessService({ repos, now: () => Date.now() }),
        });
        const detail = await service.getPlan(planId);
        await service.publish(planId);
        io.stdout(
          `published plan ${planId}: ${detail.changes.added} new, ${detail.changes.restaffed.length} re-staffed, ${detail.changes.cancelled.length} cancelled, ${detail.changes.kept.length} kept\n`,
        );
      });
    });
}

/** `neuvo plan repair`: the published schedule after an absence or a closed venue, as a draft. */
function registerPlanRepairCommand(plan: Command, io: CliIo, withStore: WithStore): void {
  plan
    .command('repair')
    .description(
      'Repair the published schedule after an absence or a closed venue (minimal change, as a draft)',
    )
    .option('--absence <advisorId>', 'an advisor who cannot come')
    .option('--venue-closed <venueId>', 'a venue closed on --date')
    .option('--from <date>', 'first day of the absence', isoDate)
    .option('--to <date>', 'last day of the absence (default: --from)', isoDate)
    .option('--date <date>', 'the day the venue is closed', isoDate)
    .addOption(new Option('--solver <solver>', 'method').choices(PLAN_SOLVERS).default('auto'))
    .option('--time-limit <seconds>', 'stop after this long', seconds, 10)
    .option('--json', 'print one JSON object')
    .action(
      async (opts: {
        absence?: string;
        venueClosed?: string;
        from?: string;
        to?: string;
        date?: string;
        solver: PlanSolver;
        timeLimit: number;
        json?: boolean;
      }) => {
        let event: PlanJobRequestInput & { kind: 'repair' } extends { event: infer E } ? E : never;
        if (opts.absence && opts.from)
          event = { type: 'absence', advisorId: opts.absence, from: opts.from, to: opts.to ?? opts.from };
        else if (opts.venueClosed && opts.date)
          event = { type: 'venue-closed', venueId: opts.venueClosed, date: opts.date };
        else
          throw new CliFailure(
            'give --absence ADVISOR --from DATE [--to DATE], or --venue-closed VENUE --date DATE',
          );
        await withStore(async (store) => {
          await store.migrate();
          const output = await planOnData(
            io,
            store,
            {
              kind: 'repair',
              event,
              solver: opts.solver,
              timeLimitSeconds: opts.timeLimit,
            },
            opts.json,
          );
          await printPlan(io, output, opts);
        });
      },
    );
}

/** `neuvo plan check`: any plan against every hard rule of an instance. */
function registerPlanCheckCommand(plan: Command, io: CliIo): void {
  plan
    .command('check')
    .description('Check a plan against every hard rule of an instance (the independent validator)')
    .requiredOption('--instance <file>', 'the JSON instance')
    .requiredOption(
      '--plan <file>',
      'a plan: JSON with "visits": [{ venueId, date, start, end, advisorIds }]',
    )
    .action(async (opts: { instance: string; plan: string }) => {
      const x = await readInstanceFile(io, opts.instance);
      let doc: unknown;
      try {
        doc = JSON.parse(await readFile(opts.plan, 'utf8'));
      } catch (e) {
        throw new CliFailure(`${opts.plan}: ${e instanceof Error ? e.message : String(e)}`);
      }
      const visits = (doc as { visits?: unknown }).visits;
      if (!Array.isArray(visits))
        throw new CliFailure(`${opts.plan}: expected an object with "visits": [ … ]`);
      for (const [i, v] of visits.entries()) {
        const ok =
          v &&
          typeof v === 'object' &&
          ['venueId', 'date', 'start', 'end'].every(
            (k) => typeof (v as Record<string, unknown>)[k] === 'string',
          ) &&
          Array.isArray((v as { advisorIds?: unknown }).advisorIds);
        if (!ok)
          throw new CliFailure(
            `${opts.plan}: visits[${i}]: expected { venueId, date, start, end, advisorIds: [ … ] }`,
          );
      }
      const violations = validatePlan(x, visits as PlanVisit[]);
      if (violations.length === 0) {
        io.stdout(`${visits.length} visits: every rule holds\n`);
        return;
      }
      for (const v of violations) io.stdout(`${v.rule}: ${v.message}\n`);
      throw new CliFailure(`${violations.length} rule violation(s)`);
    });
}

/** `neuvo plan instance`: the loaded data written as an instance file. */
function registerPlanInstanceCommand(plan: Command, io: CliIo, withStore: WithStore): void {
  plan
    .command('instance')
    .description('Write the loaded data as a planning instance file (for benchmarks and outside tests)')
    .requiredOption('--from <date>', 'first day of the horizon', isoDate)
    .option('--weeks <n>', 'weeks in the horizon', positiveInt, 4)
    .option('--scenario <id>', 'the fixed points open (default: the first scenario)')
    .requiredOption('--out <file>', 'where to write the JSON')
    .action(async (opts: { from: string; weeks: number; scenario?: string; out: string }) => {
      const x = await withStore(async (store) => {
        await store.migrate();
        return instanceFromData(store, opts);
      });
      await writeFile(opts.out, `${JSON.stringify(planningInstanceToJson(x), null, 1)}\n`);
      io.stdout(
        `wrote ${opts.out}: ${x.venues.length} venues, ${x.advisors.length} advisors, ${x.areas.length} areas\n`,
      );
    });
}
