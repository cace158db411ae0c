/**
 * Booked support times and the venues' booking rules. The seat a booking takes is unique per
 * visit and slot among the bookings not cancelled (a partial unique index), so the database
 * itself refuses a double booking; `lockVisit` serialises bookings of one visit on top of it.
 */
import { and, asc, eq, inArray, isNull, lt, ne, sql } from 'drizzle-orm';
import type { BookingId, TopicId, VisitId } from '../../core/ids.ts';
import type { Booking, BookingNeed, BookingStatus, ContactKind, SlotRule } from '../../core/model/booking.ts';
import type { VisitStatus } from '../../core/model/visit.ts';
import type { IsoDate, WallTime } from '../../core/time/civil-time.ts';
import { bookings, venueBookingRules } from '../schema/bookings.ts';
import { visitAdvisors, visits } from '../schema/planning.ts';
import { type Db, queryRows } from '../store.ts';
import { toWallTime } from './rows.ts';

/** A visit as booking sees it, with its number of advisors (the seats of each slot). */
export interface BookableVisitRow {
  readonly id: VisitId;
  readonly venueId: string;
  readonly date: IsoDate;
  readonly start: WallTime;
  readonly end: WallTime;
  readonly status: VisitStatus;
  readonly slotMinutes: number | null;
  readonly walkInPercent: number | null;
  readonly advisors: number;
}

export interface NewBooking {
  readonly visitId: string;
  readonly seat: number;
  readonly start: WallTime;
  readonly end: WallTime;
  readonly referenceCode: string;
  readonly tokenHash: string;
  readonly topicId: string | null;
  readonly language: string;
  readonly needs: readonly BookingNeed[];
  readonly lang: 'fi' | 'sv' | 'en';
  readonly firstName: string | null;
  readonly contact: string | null;
  readonly contactKind: ContactKind | null;
  readonly eraseAfterMs: number;
  /** The app's clock (not the database's): reminders and tests go by it. */
  readonly createdAtMs: number;
}

type Row = typeof bookings.$inferSelect;

function toBooking(r: Row): Booking {
  return {
    id: r.id as BookingId,
    visitId: r.visitId as VisitId,
    referenceCode: r.referenceCode,
    start: toWallTime(r.start),
    end: toWallTime(r.end),
    status: r.status as BookingStatus,
    topicId: r.topicId as TopicId | null,
    language: r.language,
    needs: r.needs as BookingNeed[],
    lang: r.lang as Booking['lang'],
    firstName: r.firstName,
    contact: r.contact,
    contactKind: r.contactKind as ContactKind | null,
    createdAtMs: r.createdAt.getTime(),
    eraseAfterMs: r.eraseAfter.getTime(),
    erased: r.erasedAt !== null,
  };
}

/** Count of bookings per visit and status (for fill rates). */
export interface BookingCounts {
  readonly visitId: VisitId;
  readonly booked: number;
  readonly attended: number;
  readonly noShow: number;
  readonly cancelled: number;
}

/** The visit a booking is for (locked while booking) and how its times are offered. */
function createBookableVisitRepository(db: Db) {
  const visitOf = async (visitId: string, lock: boolean): Promise<BookableVisitRow | null> => {
    const rows = await queryRows<{
      id: string;
      venue_id: string;
      date: string;
      start: string;
      end: string;
      status: string;
      slot_minutes: number | null;
      walk_in_percent: number | null;
    }>(
      db,
      lock
        ? sql`select id, venue_id, date::text as date, start::text as start, "end"::text as "end", status, slot_minutes, walk_in_percent from visits where id = ${visitId} for update`
        : sql`select id, venue_id, date::text as date, start::text as start, "end"::text as "end", status, slot_minutes, walk_in_percent from visits where id = ${visitId}`,
    );
    const v = rows[0];
    if (!v) return null;
    const [n] = await db
      .select({ n: sql<number>`count(*)::int` })
      .from(visitAdvisors)
      .where(eq(visitAdvisors.visitId, visitId));
    return {
      id: v.id as VisitId,
      venueId: v.venue_id,
      date: v.date,
      start: toWallTime(v.start),
      end: toWallTime(v.end),
      status: v.status as VisitStatus,
      slotMinutes: v.slot_minutes,
      walkInPercent: v.walk_in_percent,
      advisors: n?.n ?? 0,
    };
  };

  return {
    /** The visit, or null. */
    visit: (visitId: string) => visitOf(visitId, false),

    /** The visit, locked until the transaction ends: bookings of one visit happen one at a time. */
    lockVisit: (visitId: string) => visitOf(visitId, true),

    async venueRule(venueId: string): Promise<SlotRule | null> {
      const [r] = await db.select().from(venueBookingRules).where(eq(venueBookingRules.venueId, venueId));
      return r ? { slotMinutes: r.slotMinutes, walkInPercent: r.walkInPercent } : null;
    },

    async venueRules(): Promise<Map<string, SlotRule>> {
      const rows = await db.select().from(venueBookingRules);
      return new Map(
        rows.map((r) => [r.venueId, { slotMinutes: r.slotMinutes, walkInPercent: r.walkInPercent }]),
      );
    },

    async setVenueRule(venueId: string, rule: SlotRule | null): Promise<void> {
      if (rule === null) {
        await db.delete(venueBookingRules).where(eq(venueBookingRules.venueId, venueId));
        return;
      }
      await db
        .insert(venueBookingRules)
        .values({ venueId, slotMinutes: rule.slotMinutes, walkInPercent: rule.walkInPercent })
        .onConflictDoUpdate({
          target: venueBookingRules.venueId,
          set: { slotMinutes: rule.slotMinutes, walkInPercent: rule.walkInPercent },
        });
    },

    async setVisitRule(
      visitId: string,
      rule: { slotMinutes: number | null; walkInPercent: number | null },
    ): Promise<boolean> {
      const rows = await db
        .update(visits)
        .set({ slotMinutes: rule.slotMinutes, walkInPercent: rule.walkInPercent, updatedAt: sql`now()` })
        .where(eq(visits.id, visitId))
        .returning({ id: visits.id });
      return rows.length > 0;
    },
  };
}

/** Taking a seat, finding a booking by its link or id, and changing its status or slot. */
function createBookingSeatRepository(db: Db) {
  async function byId(id: string): Promise<Booking | null> {
    const [r] = await db.select().from(bookings).where(eq(bookings.id, id));
    return r ? toBooking(r) : null;
  }
  return {
    /** Seats taken per slot start (bookings not cancelled) at one visit. */
    async takenSeats(visitId: string): Promise<Map<WallTime, number[]>> {
      const rows = await db
        .select({ start: bookings.start, seat: bookings.seat })
        .from(bookings)
        .where(and(eq(bookings.visitId, visitId), ne(bookings.status, 'cancelled')));
      const out = new Map<WallTime, number[]>();
      for (const r of rows) {
        const key = toWallTime(r.start);
        out.set(key, [...(out.get(key) ?? []), r.seat]);
      }
      return out;
    },

    /** Stores a booking; null when the seat was taken meanwhile (the unique index said no). */
    async insert(b: NewBooking): Promise<Booking | null> {
      const rows = await db
        .insert(bookings)
        .values({
          visitId: b.visitId,
          seat: b.seat,
          start: b.start,
          end: b.end,
          referenceCode: b.referenceCode,
          tokenHash: b.tokenHash,
          topicId: b.topicId,
          language: b.language,
          needs: [...b.needs],
          lang: b.lang,
          firstName: b.firstName,
          contact: b.contact,
          contactKind: b.contactKind,
          eraseAfter: new Date(b.eraseAfterMs),
          createdAt: new Date(b.createdAtMs),
        })
        .onConflictDoNothing()
        .returning();
      return rows[0] ? toBooking(rows[0]) : null;
    },

    async byTokenHash(tokenHash: string): Promise<Booking | null> {
      const [r] = await db.select().from(bookings).where(eq(bookings.tokenHash, tokenHash));
      return r ? toBooking(r) : null;
    },

    byId,

    /** Locks one booking row for a change. */
    async lockByTokenHash(tokenHash: string): Promise<Booking | null> {
      const rows = await queryRows<{ id: string }>(
        db,
        sql`select id from bookings where token_hash = ${tokenHash} for update`,
      );
      const id = rows[0]?.id;
      return id ? byId(id) : null;
    },

    async setStatus(
      id: string,
      status: BookingStatus,
      cancelledBy: 'resident' | 'visit' | 'staff' | null = null,
    ): Promise<boolean> {
      const rows = await db
        .update(bookings)
        .set({ status, cancelledBy: status === 'cancelled' ? cancelledBy : null, updatedAt: sql`now()` })
        .where(eq(bookings.id, id))
        .returning({ id: bookings.id });
      return rows.length > 0;
    },

    /** Moves a booking to another slot and seat; false when that seat is taken. */
    async setSlot(id: string, slot: { start: WallTime; end: WallTime; seat: number }): Promise<boolean> {
      const rows = await queryRows<{ id: string }>(
        db,
        sql`update bookings set start = ${slot.start}, "end" = ${slot.end}, seat = ${slot.seat}, updated_at = now()
            where id = ${id} and not exists (
              select 1 from bookings o where o.visit_id = bookings.visit_id and o.start = ${slot.start}::time
                and o.seat = ${slot.seat} and o.status <> 'cancelled' and o.id <> ${id})
            returning id`,
      );
      return rows.length > 0;
    },
  };
}

/** The bookings of visits: listed, the open ones, and counted by status. */
function createVisitBookingsRepository(db: Db) {
  return {
    /** Bookings of these visits (every status), by visit, start and seat. */
    async listForVisits(visitIds: readonly string[]): Promise<Booking[]> {
      if (visitIds.length === 0) return [];
      const rows = await db
        .select()
        .from(bookings)
        .where(inArray(bookings.visitId, [...visitIds]))
        .orderBy(asc(bookings.visitId), asc(bookings.start), asc(bookings.seat));
      return rows.map(toBooking);
    },

    /** Bookings still open (booked) at these visits. */
    async openForVisits(visitIds: readonly string[]): Promise<Booking[]> {
      if (visitIds.length === 0) return [];
      const rows = await db
        .select()
        .from(bookings)
        .where(and(inArray(bookings.visitId, [...visitIds]), eq(bookings.status, 'booked')));
      return rows.map(toBooking);
    },

    /** Counts per visit and status. */
    async countsByVisit(visitIds: readonly string[]): Promise<BookingCounts[]> {
      if (visitIds.length === 0) return [];
      const rows = await db
        .select({
          visitId: bookings.visitId,
          booked: sql<number>`count(*) filter (where ${bookings.status} = 'booked')::int`,
          attended: sql<number>`count(*) filter (where ${bookings.status} = 'attended')::int`,
          noShow: sql<number>`count(*) filter (where ${bookings.status} = 'no-show')::int`,
          cancelled: sql<number>`count(*) filter (where ${bookings.status} = 'cancelled')::int`,
        })
        .from(bookings)
        .where(inArray(bookings.visitId, [...visitIds]))
        .groupBy(bookings.visitId);
      return rows.map((r) => ({ ...r, visitId: r.visitId as VisitId }));
    },
  };
}

/** Reminders before the visit, and erasing the personal fields after the retention period. */
function createBookingRetentionRepository(db: Db) {
  return {
    /** Booked bookings with a contact at published visits on `date` that have had no reminder. */
    async dueReminders(date: IsoDate): Promise<(Booking & { venueId: string; date: IsoDate })[]> {
      const rows = await db
        .select({ b: bookings, venueId: visits.venueId, date: visits.date })
        .from(bookings)
        .innerJoin(visits, eq(visits.id, bookings.visitId))
        .where(
          and(
            eq(visits.date, date),
            eq(visits.status, 'published'),
            eq(bookings.status, 'booked'),
            isNull(bookings.remindedAt),
            sql`${bookings.contact} is not null`,
          ),
        );
      return rows.map((r) => ({ ...toBooking(r.b), venueId: r.venueId, date: r.date }));
    },

    async setReminded(id: string, atMs: number): Promise<void> {
      await db
        .update(bookings)
        .set({ remindedAt: new Date(atMs) })
        .where(eq(bookings.id, id));
    },

    /**
     * Erases the personal fields (first name, contact, link token) of one booking; the rest
     * stays as an anonymous count.
     */
    async setErased(id: string, atMs: number): Promise<void> {
      await db
        .update(bookings)
        .set({
          firstName: null,
          contact: null,
          contactKind: null,
          tokenHash: null,
          erasedAt: new Date(atMs),
          updatedAt: sql`now()`,
        })
        .where(eq(bookings.id, id));
    },

    /** Erases the personal fields of every booking past its `erase_after`; returns how many. */
    async setErasedDue(nowMs: number): Promise<number> {
      const rows = await db
        .update(bookings)
        .set({
          firstName: null,
          contact: null,
          contactKind: null,
          tokenHash: null,
          erasedAt: new Date(nowMs),
          updatedAt: sql`now()`,
        })
        .where(and(lt(bookings.eraseAfter, new Date(nowMs)), isNull(bookings.erasedAt)))
        .returning({ id: bookings.id });
      return rows.length;
    },
  };
}

/** Booked support times and the venues' booking rules, as one repository. */
export function createBookingRepository(db: Db) {
  return {
    ...createBookableVisitRepository(db),
    ...createBookingSeatRepository(db),
    ...createVisitBookingsRepository(db),
    ...createBookingRetentionRepository(db),
  };
}

export type BookingRepository = ReturnType<typeof createBookingRepository>;
