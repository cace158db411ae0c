/**
 * Accepted partner requests as the plans see them: the ones whose weeks overlap a horizon, and
 * for a plan the dates of its visits that meet each (the planned venue, the weeks, the weekdays
 * and the time block). `planning/planning-data.ts` turns them into the instance's requests.
 */
import type { IsoDate } from '../core/time/civil-time.ts';
import type { PartnerRequest } from '../db/repositories/partner-request-repository.ts';
import type { ReadRepositories } from '../db/repositories.ts';
import { DEFAULT_BLOCKS, loadPlanningDefaults } from './planning/planning-defaults.ts';

/** An accepted request in a plan's horizon and whether the plan meets it. */
export interface PartnerRequestInPlan {
  readonly request: PartnerRequest;
  /** Dates of the plan's visits that meet it (at the planned venue, in its weeks, days and time). */
  readonly metOn: readonly IsoDate[];
}

/** A visit as the plan page has it. */
interface PlanVisitLike {
  readonly venueId: string;
  readonly date: IsoDate;
  readonly start: string;
  readonly end: string;
}

/** Whether a visit meets an accepted request (its planned venue, weeks, weekdays and block). */
export function visitMeetsRequest(
  request: Pick<PartnerRequest, 'plannedVenueId' | 'weeksFrom' | 'weeksTo' | 'weekdays' | 'blockId'>,
  visit: PlanVisitLike,
  blocks: readonly { id: string; start: string; end: string }[] = DEFAULT_BLOCKS,
): boolean {
  if (visit.venueId !== request.plannedVenueId) return false;
  if (request.weeksFrom && visit.date < request.weeksFrom) return false;
  if (request.weeksTo && visit.date > request.weeksTo) return false;
  const weekday = ((new Date(`${visit.date}T12:00:00Z`).getUTCDay() + 6) % 7) + 1;
  if (request.weekdays.length > 0 && !request.weekdays.includes(weekday)) return false;
  if (request.blockId) {
    const block = blocks.find((b) => b.id === request.blockId);
    if (block && (block.start !== visit.start || block.end !== visit.end)) return false;
  }
  return true;
}

export function createPartnerRequestsInPlan(repos: ReadRepositories) {
  return {
    /** Accepted requests whose weeks overlap [from, to] (the plan page and the planner's instance). */
    async acceptedBetween(from: IsoDate, to: IsoDate): Promise<PartnerRequest[]> {
      return repos.partnerRequests.listAcceptedOverlapping(from, to);
    },

    /** The accepted requests in a plan's horizon, each with the dates of the visits that meet it. */
    async inPlan(
      horizon: { from: IsoDate; to: IsoDate },
      visits: readonly PlanVisitLike[],
    ): Promise<PartnerRequestInPlan[]> {
      const accepted = await repos.partnerRequests.listAcceptedOverlapping(horizon.from, horizon.to);
      const { timeBlocks } = await loadPlanningDefaults(repos);
      return accepted.map((request) => ({
        request,
        metOn: [
          ...new Set(visits.filter((v) => visitMeetsRequest(request, v, timeBlocks)).map((v) => v.date)),
        ].sort(),
      }));
    },
  };
}
