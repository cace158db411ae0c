/**
 * What a plan does to the public schedule, seen from the service: which published visits a
 * repair's event touches, the plan's changes against the schedule as it is when the plan is
 * written (the comparison itself is core's `diffPlan`), and what residents are told when a
 * visit is cancelled.
 */
import { asAdvisorId } from '../../core/ids.ts';
import type { CancelReason } from '../../core/model/visit.ts';
import { diffPlan, keepsVisit, type PlanDiff } from '../../core/planning/plan-diff.ts';
import type { StoredVisit } from '../../db/repositories/plan-repository.ts';
import type { PlanJobRequest, RepairEvent } from './plan-request.ts';
import type { SolvedPlan, SolvedVisit } from './plan-runner.ts';

/** What residents are told when a visit is cancelled. */
export const CANCEL_NOTES: Record<CancelReason, { fi: string; sv: string; en: string }> = {
  'advisor-absent': {
    fi: 'Neuvoja on estynyt.',
    sv: 'Rådgivaren är förhindrad.',
    en: 'The advisor cannot come.',
  },
  'venue-closed': {
    fi: 'Paikka on suljettu tänä päivänä.',
    sv: 'Platsen är stängd denna dag.',
    en: 'The venue is closed on this day.',
  },
  replanned: {
    fi: 'Aikataulua on muutettu.',
    sv: 'Tidtabellen har ändrats.',
    en: 'The schedule has changed.',
  },
  'low-demand': {
    fi: 'Käynti on peruttu vähäisen kysynnän vuoksi.',
    sv: 'Besöket är inställt på grund av låg efterfrågan.',
    en: 'The visit is cancelled because of low demand.',
  },
  other: { fi: 'Käynti on peruttu.', sv: 'Besöket är inställt.', en: 'The visit is cancelled.' },
};

/** Whether a repair's event touches this published visit (its advisor away, its venue closed that day). */
export function isAffectedBy(event: RepairEvent, v: StoredVisit): boolean {
  if (event.type === 'absence')
    return v.date >= event.from && v.date <= event.to && v.advisorIds.includes(asAdvisorId(event.advisorId));
  return v.venueId === event.venueId && v.date === event.date;
}

/**
 * The solved plan's changes against the published schedule now. A plan answers for every
 * published visit in its horizon; a repair only for those its event touches and those it keeps.
 */
export function changesAgainstSchedule(
  req: PlanJobRequest,
  solved: SolvedPlan,
  published: readonly StoredVisit[],
  reason: CancelReason,
): PlanDiff<SolvedVisit> {
  const relevant =
    req.kind === 'repair'
      ? published.filter((v) => isAffectedBy(req.event, v) || keepsVisit(solved.visits, v.id))
      : published;
  return diffPlan(solved.visits, relevant, reason);
}
