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
import { PLAN_SOLVERS, type PlanSolver, planVisits, solvePlan } from '../services/planning/planner.ts';
import { buildPlanningInstance } from '../services/planning/planning-data.ts';
import { CommandFailure } from './access-commands.ts';
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
    throw new CommandFailure(`${path}: no such file`);
  }
  const parsed = parsePlanningInstance({ name: path, bytes });
  if (!parsed.ok) {
    for (const issue of parsed.issues) io.stderr(`  ${formatIssue(issue)}\n`);
    throw new CommandFailure(`the instance has ${parsed.issues.length} problem(s)`);
  }
  return parsed.instance;
}

export function registerPlanCommand(
  program: Command,
  io: CliIo,
  withStore: <T>(work: (store: Store) => Promise<T>) => Promise<T>,
): void {
  const fromData = (store: Store, opts: { from: string; weeks: number; scenario?: string }) => {
    const repos = createRepositories(store.db);
    const access = createAccessService({ repos, now: () => Date.now() });
    return buildPlanningInstance(
      { repos, access },
      { from: opts.from, weeks: opts.weeks, ...(opts.scenario ? { scenarioId: opts.scenario } : {}) },
    );
  };

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
        let x: PlanningInstance;
        if (opts.instance) x = await readInstanceFile(io, opts.instance);
        else {
          if (!opts.from) throw new CommandFailure('give --from (and --weeks), or --instance FILE');
          const from = opts.from;
          x = await withStore(async (store) => {
            await store.migrate();
            return fromData(store, {
              from,
              weeks: opts.weeks,
              ...(opts.scenario ? { scenario: opts.scenario } : {}),
            });
          });
        }
        let lastShown = 0;
        const result = await solvePlan(x, {
          solver: opts.solver,
          timeLimitSeconds: opts.timeLimit,
          onProgress: (p) => {
            if (opts.json || p.elapsedSeconds - lastShown < 2) return;
            lastShown = p.elapsedSeconds;
            io.stderr(
              `  ${p.elapsedSeconds.toFixed(0)} s ${p.phase}: best ${p.incumbent?.toFixed(0) ?? '—'}, bound ${p.bound?.toFixed(0) ?? '—'}\n`,
            );
          },
        });
        const visits = planVisits(result.prepared, result.visits).map((v, i) => ({ id: `V${i + 1}`, ...v }));
        const violations = validatePlan(x, visits);
        if (violations.length > 0) {
          for (const v of violations) io.stderr(`  ${v.rule}: ${v.message}\n`);
          throw new CommandFailure(
            `the plan breaks ${violations.length} rule(s); this is a bug, please report it`,
          );
        }
        const explanation = explainPlan(result.prepared, result.visits);
        const output = {
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
          },
          notes: result.notes,
        };
        if (opts.out) await writeFile(opts.out, `${JSON.stringify(output, null, 1)}\n`);
        if (opts.json) {
          io.stdout(`${JSON.stringify(output)}\n`);
          return;
        }
        io.stdout(
          `${visits.length} visits, objective ${result.objective.toFixed(1)}, bound ${result.bound.toFixed(1)}, gap ${(result.gap * 100).toFixed(3)} %${result.optimal ? ' (optimal)' : ''}, ${result.seconds.toFixed(1)} s, ${result.solver}\n`,
        );
        for (const p of result.problems) io.stdout(`  note: ${p.message}\n`);
        for (const [i, v] of visits.entries()) {
          const e = explanation.visits[i];
          io.stdout(
            `${v.date} ${v.start}–${v.end}  ${v.venueId.padEnd(18)} ${v.advisorIds.join(', ').padEnd(22)} ${e?.rhythm ?? ''}${e?.languages.length ? ` (${e.languages.join(', ')})` : ''}\n`,
          );
        }
      },
    );

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
        throw new CommandFailure(`${opts.plan}: ${e instanceof Error ? e.message : String(e)}`);
      }
      const visits = (doc as { visits?: unknown }).visits;
      if (!Array.isArray(visits))
        throw new CommandFailure(`${opts.plan}: expected an object with "visits": [ … ]`);
      for (const [i, v] of visits.entries()) {
        const ok =
          v &&
          typeof v === 'object' &&
          ['venueId', 'date', 'start', 'end'].every(
            (k) => typeof (v as Record<string, unknown>)[k] === 'string',
          ) &&
          Array.isArray((v as { advisorIds?: unknown }).advisorIds);
        if (!ok)
          throw new CommandFailure(
            `${opts.plan}: visits[${i}]: expected { venueId, date, start, end, advisorIds: [ … ] }`,
          );
      }
      const violations = validatePlan(x, visits as PlanVisit[]);
      if (violations.length === 0) {
        io.stdout(`${visits.length} visits: every rule holds\n`);
        return;
      }
      for (const v of violations) io.stdout(`${v.rule}: ${v.message}\n`);
      throw new CommandFailure(`${violations.length} rule violation(s)`);
    });

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
        return fromData(store, opts);
      });
      await writeFile(opts.out, `${JSON.stringify(planningInstanceToJson(x), null, 1)}\n`);
      io.stdout(
        `wrote ${opts.out}: ${x.venues.length} venues, ${x.advisors.length} advisors, ${x.areas.length} areas\n`,
      );
    });
}
