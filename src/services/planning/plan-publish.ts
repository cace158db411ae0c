/**
 * Publishing a draft plan: it becomes the public schedule in one transaction, exactly as its
 * stored changes say, and only if the public schedule is still the one the plan was made against
 * (otherwise residents would lose visits the plan never saw).
 */
import { isUuid } from '../../core/ids.ts';
import { changesOrNone, type PlanChanges } from '../../core/planning/plan-diff.ts';
import type { PlanVersion } from '../../db/repositories/plan-repository.ts';
import { inTransaction, type Repositories } from '../../db/repositories.ts';
import type { Store } from '../../db/store.ts';
import { writeAudit } from '../audit-service.ts';
import { cancelBookingsOfVisits } from '../booking/booking-cancellation.ts';
import { ConflictError, NotFoundError } from '../errors.ts';
import { CANCEL_NOTES } from './plan-changes.ts';
import { type ActorArg, auditActor } from './plan-request.ts';

/**
 * Makes a draft the public schedule: its visits published, re-staffed visits updated,
 * cancelled visits marked with their reason (never deleted). Refused when the published
 * schedule changed after the plan was made.
 */
export async function publishPlan(
  deps: { readonly store: Store; readonly now: () => number },
  planId: string,
  actor?: ActorArg,
): Promise<PlanVersion> {
  return inTransaction(deps.store, async (tx) => {
    const plan = isUuid(planId) ? await tx.plans.getPlanForUpdate(planId) : null;
    if (!plan) throw new NotFoundError(`no plan "${planId}"`, 'id');
    if (plan.status !== 'draft') throw new ConflictError(`plan ${planId} is already ${plan.status}`, 'id');
    const changes = changesOrNone(plan.changes);
    await refuseIfScheduleChanged(tx, plan, changes);
    await tx.plans.setVisitsPublished(plan.id);
    for (const r of changes.restaffed) await tx.plans.replaceVisitAdvisors(r.visitId, r.advisorIds);
    const cancelledNow: string[] = [];
    for (const c of changes.cancelled)
      if (await tx.plans.setVisitCancelled(c.visitId, c.reason, CANCEL_NOTES[c.reason]))
        cancelledNow.push(c.visitId);
    // Their open bookings go with them, and the bookers who left a contact are told.
    const bookingsCancelled = await cancelBookingsOfVisits(tx, cancelledNow);
    await tx.plans.setPlanPublished(plan.id);
    await writeAudit(tx, deps.now(), {
      actor: auditActor(actor),
      action: 'plan.publish',
      targetType: 'plan',
      targetId: plan.id,
      details: {
        kind: plan.kind,
        from: plan.horizonFrom,
        to: plan.horizonTo,
        restaffed: changes.restaffed.length,
        cancelled: changes.cancelled.length,
        bookingsCancelled,
      },
    });
    return (await tx.plans.getPlan(plan.id)) as PlanVersion;
  });
}

/**
 * The published visits in the plan's horizon must be the ones its changes name: none gone, and
 * for a plan (which answers for the whole horizon) none arrived since.
 */
async function refuseIfScheduleChanged(
  tx: Repositories,
  plan: PlanVersion,
  changes: PlanChanges,
): Promise<void> {
  const expected = new Set([
    ...changes.kept,
    ...changes.restaffed.map((r) => r.visitId),
    ...changes.cancelled.map((c) => c.visitId),
  ]);
  const now = await tx.plans.listScheduled(plan.horizonFrom, plan.horizonTo);
  const nowIds = new Set(now.map((v) => v.id as string));
  const gone = [...expected].filter((v) => !nowIds.has(v));
  const arrived =
    plan.kind === 'plan' ? now.filter((v) => !expected.has(v.id)).map((v) => v.id as string) : [];
  if (gone.length > 0 || arrived.length > 0)
    throw new ConflictError(
      `the public schedule changed after this plan was made (${gone.length + arrived.length} visit(s) differ, e.g. ${[...gone, ...arrived][0]}); make a new plan`,
      'id',
    );
}
