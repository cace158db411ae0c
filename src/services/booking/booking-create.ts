/**
 * Making a booking and moving it to another slot, with the message that confirms it. Race-safe:
 * the visit's row is locked for the transaction and the database's unique seat index refuses a
 * double booking whatever happens.
 */
import { randomBytes } from 'node:crypto';
import type { Lang } from '../../core/i18n.ts';
import { type Booking, referenceCodeOf } from '../../core/model/booking.ts';
import { type IsoDate, wallClockToEpochMs } from '../../core/time/civil-time.ts';
import type { BookableVisitRow } from '../../db/repositories/booking-repository.ts';
import { inTransaction, type Repositories } from '../../db/repositories.ts';
import type { Store } from '../../db/store.ts';
import { createKeyedQueue } from '../keyed-queue.ts';
import { queueBookingNotice } from './booking-cancellation.ts';
import {
  type BookingInput,
  type BookingProblem,
  type CheckedInput,
  checkBookingInput,
} from './booking-input.ts';
import type { NoticeKind } from './booking-notices.ts';
import type { Slot, SlotRules } from './booking-slots.ts';
import { hashToken, isBookingToken, newBookingToken } from './booking-token.ts';

export type BookResult =
  | {
      readonly ok: true;
      readonly token: string;
      readonly booking: Booking;
    }
  | { readonly ok: false; readonly problems: BookingProblem[] };

export interface BookingLinks {
  /** The booker's page of a booking, for the confirmation message. */
  manageUrl(lang: Lang, token: string): string;
}

export const DAY_MS = 86_400_000;

/** Queues a message to the booker (their link in it when `token` is given). */
export function notifyBooker(
  links: BookingLinks,
  tx: Repositories,
  kind: NoticeKind,
  booking: Booking,
  v: { venueId: string; date: IsoDate },
  extra: { token?: string; key?: string } = {},
): Promise<void> {
  return queueBookingNotice(tx, kind, booking, v, {
    key: extra.key,
    manageUrl: extra.token ? links.manageUrl(booking.lang, extra.token) : undefined,
  });
}

export function createBookingCreation(deps: {
  store: Store;
  now: () => number;
  /** Languages and topics a booking may name (the public reference lists). */
  known: () => Promise<{ languages: readonly string[]; topicIds: readonly string[] }>;
  links: BookingLinks;
  retentionDays: number;
  rules: SlotRules;
}) {
  const { rules } = deps;
  // Bookings of one visit wait for each other in the database (the visit's row lock); queued
  // here first, a burst for one visit takes one pooled connection, not all of them.
  const perVisit = createKeyedQueue();

  async function insertBooking(
    tx: Repositories,
    v: BookableVisitRow,
    slot: Slot,
    seat: number,
    input: CheckedInput,
    lang: 'fi' | 'sv' | 'en',
  ): Promise<BookResult> {
    // A clash of reference codes (one in 10¹²) draws a new one; a taken seat cannot happen
    // under the visit's lock, and if it did the unique index refuses it: "full".
    for (let attempt = 0; attempt < 3; attempt++) {
      const token = newBookingToken();
      const booking = await tx.bookings.insert({
        visitId: v.id,
        seat,
        start: slot.start,
        end: slot.end,
        referenceCode: referenceCodeOf('B', randomBytes(8)),
        tokenHash: hashToken(token),
        topicId: input.topicId,
        language: input.language,
        needs: input.needs,
        lang,
        firstName: input.firstName,
        contact: input.contact?.value ?? null,
        contactKind: input.contact?.kind ?? null,
        eraseAfterMs: wallClockToEpochMs(v.date, v.end) + deps.retentionDays * DAY_MS,
        createdAtMs: deps.now(),
      });
      if (booking) {
        await notifyBooker(deps.links, tx, 'booking-confirmed', booking, v, { token });
        return { ok: true, token, booking };
      }
      const stillFree = !(await tx.bookings.takenSeats(v.id)).get(slot.start)?.includes(seat);
      if (!stillFree) break;
    }
    return { ok: false, problems: [{ field: 'start', problem: 'full' }] };
  }

  return {
    /**
     * Books a seat in the slot starting at `input.start`. Problems name their field: the visit
     * (unknown, cancelled, past), the slot (not offered, full, started), or the form's fields.
     */
    async book(visitId: string, input: BookingInput): Promise<BookResult> {
      const checked = checkBookingInput(input, await deps.known());
      if (!checked.ok) return checked;
      return perVisit(visitId, () =>
        inTransaction(deps.store, async (tx) => {
          const v = await tx.bookings.lockVisit(visitId);
          const refusal = rules.refusalOf(v);
          if (refusal || !v)
            return { ok: false, problems: [{ field: 'visit', problem: refusal ?? 'unknown' }] };
          const slots = await rules.slotsOf(tx, v);
          const slot = slots.find((s) => s.start === checked.value.start);
          if (!slot) return { ok: false, problems: [{ field: 'start', problem: 'not-bookable' }] };
          if (slot.past) return { ok: false, problems: [{ field: 'start', problem: 'past' }] };
          const seat = rules.freeSeat(v, slot.taken);
          if (seat === null) return { ok: false, problems: [{ field: 'start', problem: 'full' }] };
          return insertBooking(tx, v, slot, seat, checked.value, input.lang);
        }),
      );
    },

    /** Moves the booking to another slot of the same visit. */
    async change(token: string, start: string): Promise<BookResult | { ok: false; unknown: true }> {
      if (!isBookingToken(token)) return { ok: false, unknown: true };
      return inTransaction(deps.store, async (tx) => {
        const b = await tx.bookings.lockByTokenHash(hashToken(token));
        if (!b) return { ok: false, unknown: true } as const;
        const v = await tx.bookings.lockVisit(b.visitId);
        const refusal = rules.refusalOf(v);
        if (refusal || !v)
          return { ok: false, problems: [{ field: 'visit', problem: refusal ?? 'unknown' }] };
        if (b.status !== 'booked' || wallClockToEpochMs(v.date, b.start) <= deps.now())
          return { ok: false, problems: [{ field: 'visit', problem: 'past' }] };
        const slot = (await rules.slotsOf(tx, v)).find((s) => s.start === start);
        if (!slot) return { ok: false, problems: [{ field: 'start', problem: 'not-bookable' }] };
        if (slot.past) return { ok: false, problems: [{ field: 'start', problem: 'past' }] };
        if (slot.start !== b.start) {
          const seat = rules.freeSeat(v, slot.taken);
          if (seat === null || !(await tx.bookings.setSlot(b.id, { ...slot, seat })))
            return { ok: false, problems: [{ field: 'start', problem: 'full' }] };
        }
        const moved = (await tx.bookings.byId(b.id)) as Booking;
        if (slot.start !== b.start)
          await notifyBooker(deps.links, tx, 'booking-changed', moved, v, { token, key: `${moved.start}` });
        return { ok: true, token, booking: moved };
      });
    },
  };
}
