import type { BookingId, TopicId, VisitId } from '../ids.ts';

/**
 * A resident's booked support time at a visit. Minimal by design: a reference code the
 * resident keeps, an optional way to reach them about changes, and a deletion date after
 * which the row is removed (retention).
 */
export const BOOKING_STATUSES = ['booked', 'cancelled', 'attended', 'no-show'] as const;
export type BookingStatus = (typeof BOOKING_STATUSES)[number];

export interface Booking {
  readonly id: BookingId;
  readonly visitId: VisitId;
  readonly referenceCode: string;
  readonly topicId: TopicId | null;
  readonly language: string;
  readonly start: string;
  readonly end: string;
  /** Phone or e-mail for change notices only; null if the resident gave none. */
  readonly contact: string | null;
  readonly status: BookingStatus;
  readonly createdAtMs: number;
  readonly deleteAfterMs: number;
}
