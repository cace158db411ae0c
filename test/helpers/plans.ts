/**
 * A plan row for tests that write visits straight through the repository (no planner run):
 * the horizon, and everything a solver would fill left empty.
 */
import type { PlanChanges } from '../../src/core/planning/plan-diff.ts';
import type { PlanVersion } from '../../src/db/repositories/plan-repository.ts';

export function testPlanRow(
  horizonFrom: string,
  horizonTo: string,
  extra: { readonly summary?: unknown; readonly changes?: Partial<PlanChanges> } = {},
): Omit<PlanVersion, 'id' | 'status' | 'createdAtMs' | 'publishedAtMs'> {
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
    // Left out of `changes`: nothing (as a plan stored with `{}` reads).
    changes: extra.changes ? { kept: [], restaffed: [], cancelled: [], added: 0, ...extra.changes } : null,
    createdBy: null,
  };
}
