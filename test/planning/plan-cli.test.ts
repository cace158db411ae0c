/** `neuvo plan --from`, `plan publish` and `plan repair` on the loaded Espoo demo. */
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

interface Output {
  planId: string;
  objective: number;
  bound: number;
  gap: number;
  visits: { id: string; venueId: string; date: string; advisorIds: string[]; change: string }[];
  cancelled: { id: string; reason: string }[];
  explanation: { visits: { id: string }[]; whatIfs: { kind: string }[] };
}

describe('neuvo plan on the loaded data', () => {
  it('plans, publishes and repairs an absence', async () => {
    expect((await run('import', 'espoo')).exitCode).toBe(0);
    const made = await run(
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
    );
    expect(made.exitCode, made.stderr).toBe(0);
    const plan = JSON.parse(made.stdout) as Output;
    expect(plan.planId).toMatch(/^[0-9a-f-]{36}$/);
    expect(plan.bound).toBeGreaterThanOrEqual(plan.objective);
    expect(plan.visits.length).toBeGreaterThan(5);
    expect(plan.explanation.visits.map((v) => v.id)).toEqual(plan.visits.map((v) => v.id));
    expect(plan.explanation.whatIfs.length).toBeGreaterThan(0);

    const published = await run('plan', 'publish', plan.planId);
    expect(published.exitCode, published.stderr).toBe(0);
    expect(published.stdout).toContain(`${plan.visits.length} new`);
    expect((await run('plan', 'publish', plan.planId)).exitCode).toBe(1);
    const unknown = await run('plan', 'publish', 'no-such-plan');
    expect(unknown.exitCode).toBe(1);
    expect(unknown.stderr).toContain('no plan "no-such-plan"');

    const visit = plan.visits[0] as Output['visits'][number];
    const advisor = visit.advisorIds[0] as string;
    const repaired = await run('plan', 'repair', '--absence', advisor, '--from', visit.date, '--json');
    expect(repaired.exitCode, repaired.stderr).toBe(0);
    const repair = JSON.parse(repaired.stdout) as Output;
    const touched = repair.visits.filter((v) => v.change === 'restaffed').length + repair.cancelled.length;
    expect(touched).toBe(
      plan.visits.filter((v) => v.date === visit.date && v.advisorIds.includes(advisor)).length,
    );
    expect(repair.visits.filter((v) => v.change === 'kept').length).toBe(plan.visits.length - touched);

    const usage = await run('plan', 'repair', '--absence', advisor);
    expect(usage.exitCode).toBe(1);
    expect(usage.stderr).toContain('--from DATE');
  });
});
