import type { LocalizedText } from '../i18n.ts';
import type { AdvisorId, PlanId, SiteId, VisitId } from '../ids.ts';
import type { IsoDate, WallTime } from '../time/civil-time.ts';

/**
 * A mobile visit: advisors at a venue on a date, from start to end (wall clock).
 * Published visits are never deleted; a change cancels them with a reason.
 */
export const VISIT_STATUSES = ['planned', 'published', 'cancelled'] as const;
export type VisitStatus = (typeof VISIT_STATUSES)[number];

export const CANCEL_REASONS = ['advisor-absent', 'venue-closed', 'replanned', 'low-demand', 'other'] as const;
export type CancelReason = (typeof CANCEL_REASONS)[number];

export interface Visit {
  readonly id: VisitId;
  readonly planId: PlanId;
  readonly venueId: SiteId;
  readonly date: IsoDate;
  readonly start: WallTime;
  readonly end: WallTime;
  readonly advisorIds: readonly AdvisorId[];
  readonly status: VisitStatus;
  readonly cancelReason: CancelReason | null;
  /** What residents are told when a visit is cancelled. */
  readonly cancelNote: LocalizedText | null;
}

export const PLAN_STATUSES = ['draft', 'published', 'superseded'] as const;
export type PlanStatus = (typeof PLAN_STATUSES)[number];

/** A version of the mobile schedule over a horizon. */
export interface Plan {
  readonly id: PlanId;
  readonly horizonFrom: IsoDate;
  readonly horizonTo: IsoDate;
  readonly status: PlanStatus;
  readonly solver: string | null;
  readonly objective: number | null;
  readonly bound: number | null;
  readonly createdAtMs: number;
  readonly publishedAtMs: number | null;
}
