/**
 * Plans as the planner reads them: the list, and one plan's whole schedule (its new visits with
 * the published ones it keeps or re-staffs), the visits it cancels, its changes and its summary.
 */
import { asAdvisorId, isUuid } from '../../core/ids.ts';
import type { CancelReason } from '../../core/model/visit.ts';
import { changesOrNone, type PlanChanges } from '../../core/planning/plan-diff.ts';
import type { PlanVersion, StoredVisit } from '../../db/repositories/plan-repository.ts';
import type { ReadRepositories } from '../../db/repositories.ts';
import { NotFoundError } from '../errors.ts';
import type { PlanJobRequest } from './plan-request.ts';
import type { SolvedPlan } from './plan-runner.ts';
import type { PartnerRequestsUsed, SeriesPinLeftOut } from './planning-data.ts';
import type { EffectiveRules } from './planning-rules.ts';

/** What a finished job stores with its plan: what it was asked and made with, and what came out. */
export interface PlanSummary {
  readonly request: PlanJobRequest;
  /** The rules the plan was made with: product defaults ← city defaults ← the request's (absent in older plans). */
  readonly rules?: EffectiveRules;
  /** Series pins the plan kept, and those left out with the reason (absent in older plans). */
  readonly seriesPins?: { readonly kept: readonly string[]; readonly leftOut: readonly SeriesPinLeftOut[] };
  /** Accepted partner requests the plan was made with, by reference code (absent in older plans). */
  readonly partnerRequests?: PartnerRequestsUsed;
  readonly breakdown: SolvedPlan['breakdown'];
  readonly notes: readonly string[];
  readonly problems: SolvedPlan['problems'];
  readonly perDistrictWeek: SolvedPlan['perDistrictWeek'];
  readonly advisorMinutes: SolvedPlan['advisorMinutes'];
  readonly whatIfs: SolvedPlan['whatIfs'];
  readonly visits: number;
}

export interface PlanDetail {
  readonly plan: PlanVersion;
  /** The whole schedule of the plan: its new visits and the published ones it keeps. */
  readonly visits: readonly (StoredVisit & { readonly change: 'added' | 'kept' | 'restaffed' })[];
  /** Published visits publishing would cancel (for a draft) or did cancel. */
  readonly cancelled: readonly (StoredVisit & { readonly reason: CancelReason })[];
  readonly changes: PlanChanges;
  readonly summary: PlanSummary | null;
}

export function createPlanReadModel(repos: ReadRepositories) {
  return {
    listPlans: (limit?: number) => repos.plans.listPlans(limit),

    async getPlan(planId: string): Promise<PlanDetail> {
      const plan = isUuid(planId) ? await repos.plans.getPlan(planId) : null;
      if (!plan) throw new NotFoundError(`no plan "${planId}"`, 'id');
      const changes = changesOrNone(plan.changes);
      const own = await repos.plans.listVisitsOfPlan(plan.id);
      const others = await repos.plans.listVisitsById([
        ...changes.kept,
        ...changes.restaffed.map((r) => r.visitId),
        ...changes.cancelled.map((c) => c.visitId),
      ]);
      const byId = new Map(others.map((v) => [v.id as string, v]));
      const cancelled = changes.cancelled.flatMap((c) => {
        const v = byId.get(c.visitId);
        return v ? [{ ...v, reason: c.reason }] : [];
      });
      return {
        plan,
        visits: scheduleOfPlan(own, changes, byId),
        cancelled,
        changes,
        summary: plan.summary as PlanSummary | null,
      };
    },
  };
}

/** The plan's own visits, the kept ones and the re-staffed ones (with their new advisors), by date, time and venue. */
function scheduleOfPlan(
  own: readonly StoredVisit[],
  changes: PlanChanges,
  published: ReadonlyMap<string, StoredVisit>,
): PlanDetail['visits'][number][] {
  const restaffed = new Map(changes.restaffed.map((r) => [r.visitId, r]));
  return [
    ...own.map((v) => ({ ...v, change: 'added' as const })),
    ...changes.kept.flatMap((k) => {
      const v = published.get(k);
      return v ? [{ ...v, change: 'kept' as const }] : [];
    }),
    ...[...restaffed.values()].flatMap((r) => {
      const v = published.get(r.visitId);
      return v ? [{ ...v, advisorIds: r.advisorIds.map(asAdvisorId), change: 'restaffed' as const }] : [];
    }),
  ].sort(
    (a, b) =>
      a.date.localeCompare(b.date) || a.start.localeCompare(b.start) || a.venueId.localeCompare(b.venueId),
  );
}
