/**
 * What a visit offers for booking: whether it takes bookings now, its slots by the visit's rule
 * with the seats taken and free, and its capacity; and the read side that shows them (a visit's
 * slots, a booking by its link, the bookings of visits for staff).
 */
import {
  type Booking,
  bookableSlots,
  type SlotRule,
  type SlotTime,
  slotRuleOf,
} from '../../core/model/booking.ts';
import { wallClockToEpochMs } from '../../core/time/civil-time.ts';
import type { BookableVisitRow } from '../../db/repositories/booking-repository.ts';
import type { ReadRepositories, Repositories } from '../../db/repositories.ts';
import { hashToken, isBookingToken } from './booking-token.ts';

export interface Slot extends SlotTime {
  /** Seats still free (advisors on the visit minus bookings). */
  readonly free: number;
  readonly capacity: number;
  /** The slot's start has passed (today's visit). */
  readonly past: boolean;
  /** Seats taken (1 … capacity). */
  readonly taken: readonly number[];
}

/** Why a visit takes no bookings, when it takes none. */
export type VisitRefusal = 'unknown' | 'cancelled' | 'past';

/** The rules of a visit's slots by the app's clock. */
export function createSlotRules(now: () => number) {
  return {
    /** Whether the visit takes bookings now; the refusal otherwise. */
    refusalOf(v: BookableVisitRow | null): VisitRefusal | null {
      if (!v || (v.status !== 'published' && v.status !== 'cancelled')) return 'unknown';
      if (v.status === 'cancelled') return 'cancelled';
      const nowMs = now();
      if (wallClockToEpochMs(v.date, v.end) <= nowMs) return 'past';
      return null;
    },

    async slotsOf(repos: ReadRepositories | Repositories, v: BookableVisitRow): Promise<Slot[]> {
      const rule: SlotRule = slotRuleOf(v, await repos.bookings.venueRule(v.venueId));
      const taken = await repos.bookings.takenSeats(v.id);
      const nowMs = now();
      return bookableSlots(v.start, v.end, rule).map((s) => ({
        ...s,
        capacity: v.advisors,
        free: Math.max(0, v.advisors - (taken.get(s.start)?.length ?? 0)),
        past: wallClockToEpochMs(v.date, s.start) <= nowMs,
        taken: taken.get(s.start) ?? [],
      }));
    },

    /** The lowest seat of the slot nobody holds, or null when all are taken. */
    freeSeat(v: BookableVisitRow, taken: readonly number[]): number | null {
      for (let seat = 1; seat <= v.advisors; seat++) if (!taken.includes(seat)) return seat;
      return null;
    },
  };
}

export type SlotRules = ReturnType<typeof createSlotRules>;

/** The read side: a visit's slots, a booking by its link, bookings and capacity for staff. */
export function createBookingQueries(deps: { repos: ReadRepositories; rules: SlotRules }) {
  const { repos, rules } = deps;
  return {
    /** The visit's slots, or why it takes no bookings. */
    async slots(
      visitId: string,
    ): Promise<{ ok: true; visit: BookableVisitRow; items: Slot[] } | { ok: false; refusal: VisitRefusal }> {
      const v = await repos.bookings.visit(visitId);
      const refusal = rules.refusalOf(v);
      if (refusal || !v) return { ok: false, refusal: refusal ?? 'unknown' };
      return { ok: true, visit: v, items: await rules.slotsOf(repos, v) };
    },

    /** A booking by its link's token (null: unknown or erased). */
    async byToken(
      token: string,
    ): Promise<{ booking: Booking; visit: BookableVisitRow; slots: Slot[] } | null> {
      if (!isBookingToken(token)) return null;
      const booking = await repos.bookings.byTokenHash(hashToken(token));
      if (!booking) return null;
      const visit = await repos.bookings.visit(booking.visitId);
      if (!visit) return null;
      const slots = rules.refusalOf(visit) === null ? await rules.slotsOf(repos, visit) : [];
      return { booking, visit, slots };
    },

    /** Bookings of these visits for the advisors' day view (every status). */
    listForVisits: (visitIds: readonly string[]) => repos.bookings.listForVisits(visitIds),

    /** Bookings counts per visit, for the planners' fill rates. */
    countsByVisit: (visitIds: readonly string[]) => repos.bookings.countsByVisit(visitIds),

    /** The visit's slot count and seats: bookable capacity of each visit, for fill rates. */
    async capacityOf(visitIds: readonly string[]): Promise<Map<string, number>> {
      const out = new Map<string, number>();
      for (const id of visitIds) {
        const v = await repos.bookings.visit(id);
        if (!v) continue;
        const rule = slotRuleOf(v, await repos.bookings.venueRule(v.venueId));
        out.set(id, bookableSlots(v.start, v.end, rule).length * v.advisors);
      }
      return out;
    },
  };
}
