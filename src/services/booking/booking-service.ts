/**
 * Booking a support time at a published visit: the bookable slots, booking (race-safe: the
 * visit's row is locked for the transaction and the database's unique seat index refuses a
 * double booking whatever happens), the booker's own view, change, cancel and delete by the
 * secret link, and the advisors' attended / no-show marks.
 *
 * The link's token is 32 random bytes; only its SHA-256 is stored, so the table alone cannot
 * open anyone's booking.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { Lang } from '../../core/i18n.ts';
import {
  type Booking,
  bookableSlots,
  referenceCodeOf,
  type SlotRule,
  type SlotTime,
  slotRuleOf,
} from '../../core/model/booking.ts';
import type { StaffUser } from '../../core/model/staff.ts';
import { type IsoDate, isoDateAt, wallClockToEpochMs, wallTimeAt } from '../../core/time/civil-time.ts';
import type { BookableVisitRow } from '../../db/repositories/booking-repository.ts';
import { inTransaction, type ReadRepositories, type Repositories } from '../../db/repositories.ts';
import type { Store } from '../../db/store.ts';
import { writeAudit } from '../audit-service.ts';
import { NotFoundError } from '../errors.ts';
import { createKeyedQueue } from '../keyed-queue.ts';
import { cancelBookingsOfVisits, queueBookingNotice } from './booking-cancellation.ts';
import {
  type BookingInput,
  type BookingProblem,
  type CheckedInput,
  checkBookingInput,
} from './booking-input.ts';
import type { NoticeKind } from './booking-notices.ts';

/** Personal fields are erased this many days after the visit (NEUVO_BOOKING_RETENTION_DAYS). */
export const DEFAULT_BOOKING_RETENTION_DAYS = 30;

export interface Slot extends SlotTime {
  /** Seats still free (advisors on the visit minus bookings). */
  readonly free: number;
  readonly capacity: number;
  /** The slot's start has passed (today's visit). */
  readonly past: boolean;
  /** Seats taken (1 … capacity). */
  readonly taken: readonly number[];
}

export type BookResult =
  | {
      readonly ok: true;
      readonly token: string;
      readonly booking: Booking;
    }
  | { readonly ok: false; readonly problems: BookingProblem[] };

/** Why a visit takes no bookings, when it takes none. */
export type VisitRefusal = 'unknown' | 'cancelled' | 'past';

export interface BookingLinks {
  /** The booker's page of a booking, for the confirmation message. */
  manageUrl(lang: Lang, token: string): string;
}

const DAY_MS = 86_400_000;

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** Whether a string can be a booking link's token (43 base64url characters). */
export function isBookingToken(token: string): boolean {
  return /^[A-Za-z0-9_-]{43}$/.test(token);
}

export function createBookingService(deps: {
  store: Store;
  repos: ReadRepositories;
  now: () => number;
  /** Languages and topics a booking may name (the public reference lists). */
  known: () => Promise<{ languages: readonly string[]; topicIds: readonly string[] }>;
  links: BookingLinks;
  retentionDays?: number;
}) {
  const retentionDays = deps.retentionDays ?? DEFAULT_BOOKING_RETENTION_DAYS;
  const today = () => isoDateAt(deps.now());
  // Bookings of one visit wait for each other in the database (the visit's row lock); queued
  // here first, a burst for one visit takes one pooled connection, not all of them.
  const perVisit = createKeyedQueue();

  /** Whether the visit takes bookings now; the refusal otherwise. */
  const refusalOf = (v: BookableVisitRow | null): VisitRefusal | null => {
    if (!v || (v.status !== 'published' && v.status !== 'cancelled')) return 'unknown';
    if (v.status === 'cancelled') return 'cancelled';
    const nowMs = deps.now();
    if (wallClockToEpochMs(v.date, v.end) <= nowMs) return 'past';
    return null;
  };

  const slotsOf = async (repos: ReadRepositories | Repositories, v: BookableVisitRow): Promise<Slot[]> => {
    const rule: SlotRule = slotRuleOf(v, await repos.bookings.venueRule(v.venueId));
    const taken = await repos.bookings.takenSeats(v.id);
    const nowMs = deps.now();
    return bookableSlots(v.start, v.end, rule).map((s) => ({
      ...s,
      capacity: v.advisors,
      free: Math.max(0, v.advisors - (taken.get(s.start)?.length ?? 0)),
      past: wallClockToEpochMs(v.date, s.start) <= nowMs,
      taken: taken.get(s.start) ?? [],
    }));
  };

  /** The lowest seat of the slot nobody holds, or null when all are taken. */
  const freeSeat = (v: BookableVisitRow, taken: readonly number[]): number | null => {
    for (let seat = 1; seat <= v.advisors; seat++) if (!taken.includes(seat)) return seat;
    return null;
  };

  /** Queues a message to the booker (their link in it when `token` is given). */
  const notify = (
    tx: Repositories,
    kind: NoticeKind,
    booking: Booking,
    v: { venueId: string; date: IsoDate },
    extra: { token?: string; key?: string } = {},
  ) =>
    queueBookingNotice(tx, kind, booking, v, {
      key: extra.key,
      manageUrl: extra.token ? deps.links.manageUrl(booking.lang, extra.token) : undefined,
    });

  return {
    retentionDays,

    /** The visit's slots, or why it takes no bookings. */
    async slots(
      visitId: string,
    ): Promise<{ ok: true; visit: BookableVisitRow; items: Slot[] } | { ok: false; refusal: VisitRefusal }> {
      const v = await deps.repos.bookings.visit(visitId);
      const refusal = refusalOf(v);
      if (refusal || !v) return { ok: false, refusal: refusal ?? 'unknown' };
      return { ok: true, visit: v, items: await slotsOf(deps.repos, v) };
    },

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
          const refusal = refusalOf(v);
          if (refusal || !v)
            return { ok: false, problems: [{ field: 'visit', problem: refusal ?? 'unknown' }] };
          const slots = await slotsOf(tx, v);
          const slot = slots.find((s) => s.start === checked.value.start);
          if (!slot) return { ok: false, problems: [{ field: 'start', problem: 'not-bookable' }] };
          if (slot.past) return { ok: false, problems: [{ field: 'start', problem: 'past' }] };
          const seat = freeSeat(v, slot.taken);
          if (seat === null) return { ok: false, problems: [{ field: 'start', problem: 'full' }] };
          return insertBooking(tx, v, slot, seat, checked.value, input.lang);
        }),
      );
    },

    /** A booking by its link's token (null: unknown or erased). */
    async byToken(
      token: string,
    ): Promise<{ booking: Booking; visit: BookableVisitRow; slots: Slot[] } | null> {
      if (!isBookingToken(token)) return null;
      const booking = await deps.repos.bookings.byTokenHash(hashToken(token));
      if (!booking) return null;
      const visit = await deps.repos.bookings.visit(booking.visitId);
      if (!visit) return null;
      const slots = refusalOf(visit) === null ? await slotsOf(deps.repos, visit) : [];
      return { booking, visit, slots };
    },

    /** Cancels by the link; false when the booking cannot be cancelled any more (past, done). */
    async cancel(token: string): Promise<'cancelled' | 'already' | 'past' | 'unknown'> {
      if (!isBookingToken(token)) return 'unknown';
      return inTransaction(deps.store, async (tx) => {
        const b = await tx.bookings.lockByTokenHash(hashToken(token));
        if (!b) return 'unknown';
        if (b.status === 'cancelled') return 'already';
        const v = await tx.bookings.visit(b.visitId);
        if (b.status !== 'booked' || !v || wallClockToEpochMs(v.date, b.start) <= deps.now()) return 'past';
        await tx.bookings.setStatus(b.id, 'cancelled', 'resident');
        return 'cancelled';
      });
    },

    /** Moves the booking to another slot of the same visit. */
    async change(token: string, start: string): Promise<BookResult | { ok: false; unknown: true }> {
      if (!isBookingToken(token)) return { ok: false, unknown: true };
      return inTransaction(deps.store, async (tx) => {
        const b = await tx.bookings.lockByTokenHash(hashToken(token));
        if (!b) return { ok: false, unknown: true } as const;
        const v = await tx.bookings.lockVisit(b.visitId);
        const refusal = refusalOf(v);
        if (refusal || !v)
          return { ok: false, problems: [{ field: 'visit', problem: refusal ?? 'unknown' }] };
        if (b.status !== 'booked' || wallClockToEpochMs(v.date, b.start) <= deps.now())
          return { ok: false, problems: [{ field: 'visit', problem: 'past' }] };
        const slot = (await slotsOf(tx, v)).find((s) => s.start === start);
        if (!slot) return { ok: false, problems: [{ field: 'start', problem: 'not-bookable' }] };
        if (slot.past) return { ok: false, problems: [{ field: 'start', problem: 'past' }] };
        if (slot.start !== b.start) {
          const seat = freeSeat(v, slot.taken);
          if (seat === null || !(await tx.bookings.setSlot(b.id, { ...slot, seat })))
            return { ok: false, problems: [{ field: 'start', problem: 'full' }] };
        }
        const moved = (await tx.bookings.byId(b.id)) as Booking;
        if (slot.start !== b.start)
          await notify(tx, 'booking-changed', moved, v, { token, key: `${moved.start}` });
        return { ok: true, token, booking: moved };
      });
    },

    /**
     * Deletes the booker's data now: a booking still ahead is cancelled, and the first name,
     * contact and link are erased (the link stops working). Anonymous counts stay.
     */
    async erase(token: string): Promise<boolean> {
      if (!isBookingToken(token)) return false;
      return inTransaction(deps.store, async (tx) => {
        const b = await tx.bookings.lockByTokenHash(hashToken(token));
        if (!b) return false;
        const v = await tx.bookings.visit(b.visitId);
        if (b.status === 'booked' && v && wallClockToEpochMs(v.date, b.start) > deps.now())
          await tx.bookings.setStatus(b.id, 'cancelled', 'resident');
        await tx.bookings.setErased(b.id, deps.now());
        return true;
      });
    },

    /** Advisors mark a booking attended or no-show (only at a visit they staff: the caller checks). */
    async mark(
      user: StaffUser,
      bookingId: string,
      status: 'attended' | 'no-show' | 'booked',
    ): Promise<Booking> {
      return inTransaction(deps.store, async (tx) => {
        const b = await tx.bookings.byId(bookingId);
        if (!b || b.status === 'cancelled')
          throw new NotFoundError(`no open booking ${bookingId}`, 'bookingId');
        await tx.bookings.setStatus(b.id, status);
        await writeAudit(tx, deps.now(), {
          actor: user,
          action: 'booking.mark',
          targetType: 'booking',
          targetId: b.id,
          details: { status },
        });
        return (await tx.bookings.byId(b.id)) as Booking;
      });
    },

    /**
     * Sets a visit's own booking rule (null values: the venue's rule or the default). Bookings
     * already made keep their times; a slot they hold that the new rule no longer offers stays
     * theirs.
     */
    async setVisitRule(
      user: StaffUser | null,
      visitId: string,
      rule: { slotMinutes: number | null; walkInPercent: number | null },
    ): Promise<{ ok: true; slots: Slot[] } | { ok: false; refusal: VisitRefusal }> {
      return inTransaction(deps.store, async (tx) => {
        const v = await tx.bookings.lockVisit(visitId);
        if (!v || (v.status !== 'published' && v.status !== 'planned'))
          return { ok: false, refusal: 'unknown' };
        await tx.bookings.setVisitRule(visitId, rule);
        await writeAudit(tx, deps.now(), {
          actor: user,
          action: 'visit.booking-rule',
          targetType: 'visit',
          targetId: visitId,
          details: { ...rule },
        });
        const updated = await tx.bookings.visit(visitId);
        return { ok: true, slots: updated ? await slotsOf(tx, updated) : [] };
      });
    },

    /** Bookings of these visits for the advisors' day view (every status). */
    listForVisits: (visitIds: readonly string[]) => deps.repos.bookings.listForVisits(visitIds),

    /** Bookings counts per visit, for the planners' fill rates. */
    countsByVisit: (visitIds: readonly string[]) => deps.repos.bookings.countsByVisit(visitIds),

    /** The visit's slot count and seats: bookable capacity of each visit, for fill rates. */
    async capacityOf(visitIds: readonly string[]): Promise<Map<string, number>> {
      const out = new Map<string, number>();
      for (const id of visitIds) {
        const v = await deps.repos.bookings.visit(id);
        if (!v) continue;
        const rule = slotRuleOf(v, await deps.repos.bookings.venueRule(v.venueId));
        out.set(id, bookableSlots(v.start, v.end, rule).length * v.advisors);
      }
      return out;
    },

    /**
     * Cancels the open bookings of visits that were just cancelled and tells their bookers.
     * Call it inside the transaction that cancels the visits.
     */
    cancelForVisits: (tx: Repositories, visitIds: readonly string[]): Promise<number> =>
      cancelBookingsOfVisits(tx, visitIds),

    /**
     * Queues tomorrow's reminders once it is the day before at `fromHour` (Helsinki time) or
     * later; each booking gets one (the outbox's key). Returns how many were queued.
     */
    async queueReminders(fromHour = 10): Promise<number> {
      const nowMs = deps.now();
      if (Number(wallTimeAt(nowMs).slice(0, 2)) < fromHour) return 0;
      const tomorrow = isoDateAt(nowMs + DAY_MS);
      return inTransaction(deps.store, async (tx) => {
        const due = await tx.bookings.dueReminders(tomorrow);
        let queued = 0;
        for (const b of due) {
          // Booked in the last 12 hours: the confirmation is reminder enough.
          if (b.createdAtMs <= nowMs - 12 * 3_600_000) {
            await notify(tx, 'booking-reminder', b, b);
            queued++;
          }
          await tx.bookings.setReminded(b.id, nowMs);
        }
        return queued;
      });
    },

    /** Erases personal fields past their time; returns how many bookings were erased. */
    async enforceRetention(): Promise<number> {
      return inTransaction(deps.store, (tx) => tx.bookings.setErasedDue(deps.now()));
    },

    today,
  };

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
      const token = randomBytes(32).toString('base64url');
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
        eraseAfterMs: wallClockToEpochMs(v.date, v.end) + retentionDays * DAY_MS,
        createdAtMs: deps.now(),
      });
      if (booking) {
        await notify(tx, 'booking-confirmed', booking, v, { token });
        return { ok: true, token, booking };
      }
      const stillFree = !(await tx.bookings.takenSeats(v.id)).get(slot.start)?.includes(seat);
      if (!stillFree) break;
    }
    return { ok: false, problems: [{ field: 'start', problem: 'full' }] };
  }
}

export type BookingService = ReturnType<typeof createBookingService>;

/** The path of a page in a language: Finnish at the root, Swedish under /sv, English under /en. */
const langPrefix = (lang: Lang) => (lang === 'fi' ? '' : `/${lang}`);

/**
 * The booking service as the server runs it: languages and topics from the advisors and the
 * catalogue, links to the booker's page under the site's public origin.
 */
export function createServerBookingService(deps: {
  store: Store;
  repos: ReadRepositories;
  now: () => number;
  origin: () => string;
  retentionDays?: number;
}): BookingService {
  return createBookingService({
    store: deps.store,
    repos: deps.repos,
    now: deps.now,
    known: async () => {
      const [advisors, topics] = await Promise.all([
        deps.repos.advisors.listPublic(),
        deps.repos.topics.list(),
      ]);
      return {
        languages: [...new Set(advisors.filter((a) => a.active).flatMap((a) => a.languages))],
        topicIds: topics.map((t) => t.id),
      };
    },
    links: { manageUrl: (lang, token) => `${deps.origin()}${langPrefix(lang)}/bookings/${token}` },
    ...(deps.retentionDays ? { retentionDays: deps.retentionDays } : {}),
  });
}
