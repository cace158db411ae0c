/**
 * A plan row for tests that write visits straight through the repository (no planner run):
 * the horizon, and everything a solver would fill left empty.
 */
import type { PlanRow } from '../../src/db/repositories/plan-repository.ts';

export function testPlanRow(
  horizonFrom: string,
  horizonTo: string,
  extra: { readonly summary?: unknown; readonly changes?: unknown } = {},
): Omit<PlanRow, 'id' | 'status' | 'createdAtMs' | 'publishedAtMs'> {
  return {
    kind: 'plan',
    horizonFrom,
    horizonTo,
    solver: 'test',
    objective: null,
    bound: null,
    gap: null,
    optimal: null,
    seconds: null,
    scenarioId: null,
    summary: extra.summary ?? null,
    changes: extra.changes ?? null,
    createdBy: null,
  };
}
