/**
 * The anonymous contact log (migration 0008) and the advisors' check-in and check-out times on
 * their visits. A contact's `client_id` is unique: a second insert of one entry changes nothing
 * (`insertContact` answers null and the caller reads the first one). `contactsPerVisit` sums the
 * log per venue and time for the planner's learned contacts.
 */
import { and, asc, eq, exists, gt, gte, isNotNull, lt, lte, ne, or, type SQL, sql } from 'drizzle-orm';
import type {
  AgeBand,
  ContactChannel,
  ContactEntry,
  ContactOutcome,
  NewContact,
  ReferralTarget,
} from '../../core/model/contact.ts';
import type { IsoDate, WallTime } from '../../core/time/civil-time.ts';
import { contacts } from '../schema/contacts.ts';
import { visitAdvisors, visits } from '../schema/planning.ts';
import type { Db } from '../store.ts';
import { toWallTime } from './rows.ts';

const entryOf = (r: typeof contacts.$inferSelect): ContactEntry => ({
  id: r.id,
  clientId: r.clientId,
  loggedAtMs: r.loggedAt.getTime(),
  recordedAtMs: r.recordedAt.getTime(),
  staffUserId: r.staffUserId,
  advisorId: r.advisorId,
  channel: r.channel as ContactChannel,
  visitId: r.visitId,
  siteId: r.siteId,
  topicIds: r.topicIds,
  language: r.language,
  ageBand: r.ageBand as AgeBand,
  groups: r.groups,
  durationMinutes: r.durationMinutes,
  outcome: r.outcome as ContactOutcome,
  referredTo: r.referredTo as ReferralTarget | null,
});

/** An advisor's place on a visit: when they checked in and out (null: not yet). */
export interface VisitAttendance {
  readonly visitId: string;
  readonly checkedInAtMs: number | null;
  readonly checkedOutAtMs: number | null;
}

/** Delivered visits at one venue and time, and the contacts logged on them. */
export interface ContactsPerVisitRow {
  readonly venueId: string;
  readonly start: WallTime;
  readonly end: WallTime;
  /** Visits not cancelled on which an advisor checked in or at least one contact was logged. */
  readonly visits: number;
  readonly contacts: number;
}

const attendanceOf = (r: typeof visitAdvisors.$inferSelect): VisitAttendance => ({
  visitId: r.visitId,
  checkedInAtMs: r.checkedInAt?.getTime() ?? null,
  checkedOutAtMs: r.checkedOutAt?.getTime() ?? null,
});

export function createContactRepository(db: Db) {
  /** Sets a time if `unset` holds; the advisor's times on the visit after it, or null if not staffed. */
  async function setOnce(
    advisorId: string,
    visitId: string,
    values: Partial<typeof visitAdvisors.$inferInsert>,
    unset: SQL,
  ): Promise<{ changed: boolean; attendance: VisitAttendance } | null> {
    const mine = and(eq(visitAdvisors.advisorId, advisorId), eq(visitAdvisors.visitId, visitId));
    const [changed] = await db.update(visitAdvisors).set(values).where(and(mine, unset)).returning();
    if (changed) return { changed: true, attendance: attendanceOf(changed) };
    const [row] = await db.select().from(visitAdvisors).where(mine);
    return row ? { changed: false, attendance: attendanceOf(row) } : null;
  }

  return {
    /**
     * Stores a contact; null when an entry with its `clientId` exists already (also one a
     * concurrent request stored a moment ago: the unique constraint decides, never a read first).
     */
    async insertContact(entry: NewContact): Promise<ContactEntry | null> {
      const [row] = await db
        .insert(contacts)
        .values({
          clientId: entry.clientId,
          loggedAt: new Date(entry.loggedAtMs),
          recordedAt: new Date(entry.recordedAtMs),
          staffUserId: entry.staffUserId,
          advisorId: entry.advisorId,
          channel: entry.channel,
          visitId: entry.visitId,
          siteId: entry.siteId,
          topicIds: [...entry.topicIds],
          language: entry.language,
          ageBand: entry.ageBand,
          groups: [...entry.groups],
          durationMinutes: entry.durationMinutes,
          outcome: entry.outcome,
          referredTo: entry.referredTo,
        })
        .onConflictDoNothing({ target: contacts.clientId })
        .returning();
      return row ? entryOf(row) : null;
    },

    async getByClientId(clientId: string): Promise<ContactEntry | null> {
      const [row] = await db.select().from(contacts).where(eq(contacts.clientId, clientId));
      return row ? entryOf(row) : null;
    },

    /** A user's own entries logged in [fromMs, toMs), oldest first. */
    async listOwn(staffUserId: string, fromMs: number, toMs: number): Promise<ContactEntry[]> {
      const rows = await db
        .select()
        .from(contacts)
        .where(
          and(
            eq(contacts.staffUserId, staffUserId),
            gte(contacts.loggedAt, new Date(fromMs)),
            lt(contacts.loggedAt, new Date(toMs)),
          ),
        )
        .orderBy(asc(contacts.loggedAt), asc(contacts.id));
      return rows.map(entryOf);
    },

    /** Deletes the user's entry if the server stored it at or after `recordedSinceMs`; whether it did. */
    async deleteRecentContact(
      clientId: string,
      staffUserId: string,
      recordedSinceMs: number,
    ): Promise<boolean> {
      const gone = await db
        .delete(contacts)
        .where(
          and(
            eq(contacts.clientId, clientId),
            eq(contacts.staffUserId, staffUserId),
            gte(contacts.recordedAt, new Date(recordedSinceMs)),
          ),
        )
        .returning({ id: contacts.id });
      return gone.length > 0;
    },

    /** Whether the advisor is staffed on the visit. */
    async isAdvisorOnVisit(advisorId: string, visitId: string): Promise<boolean> {
      const [row] = await db
        .select({ visitId: visitAdvisors.visitId })
        .from(visitAdvisors)
        .where(and(eq(visitAdvisors.advisorId, advisorId), eq(visitAdvisors.visitId, visitId)));
      return row !== undefined;
    },

    /** The advisor's check-in and check-out times on their visits dated in [from, to]. */
    async listAttendance(advisorId: string, from: IsoDate, to: IsoDate): Promise<VisitAttendance[]> {
      const rows = await db
        .select({ va: visitAdvisors })
        .from(visitAdvisors)
        .innerJoin(visits, eq(visits.id, visitAdvisors.visitId))
        .where(and(eq(visitAdvisors.advisorId, advisorId), sql`${visits.date} between ${from} and ${to}`));
      return rows.map((r) => attendanceOf(r.va));
    },

    /**
     * Per venue and time (start and end), the delivered visits dated in [from, to] and the
     * contacts logged on them. A visit counts as delivered when it is not cancelled and an
     * advisor checked in or a contact names it; a visit nobody logged anything on says nothing.
     */
    async contactsPerVisit(from: IsoDate, to: IsoDate): Promise<ContactsPerVisitRow[]> {
      const perVisit = db
        .select({ visitId: contacts.visitId, n: sql<number>`count(*)::int`.as('n') })
        .from(contacts)
        .where(isNotNull(contacts.visitId))
        .groupBy(contacts.visitId)
        .as('per_visit');
      const checkedIn = exists(
        db
          .select({ one: sql`1` })
          .from(visitAdvisors)
          .where(and(eq(visitAdvisors.visitId, visits.id), isNotNull(visitAdvisors.checkedInAt))),
      );
      const rows = await db
        .select({
          venueId: visits.venueId,
          start: visits.start,
          end: visits.end,
          visits: sql<number>`count(*)::int`,
          contacts: sql<number>`coalesce(sum(${perVisit.n}), 0)::int`,
        })
        .from(visits)
        .leftJoin(perVisit, eq(perVisit.visitId, visits.id))
        .where(
          and(
            ne(visits.status, 'cancelled'),
            gte(visits.date, from),
            lte(visits.date, to),
            or(checkedIn, gt(perVisit.n, 0)),
          ),
        )
        .groupBy(visits.venueId, visits.start, visits.end)
        .orderBy(asc(visits.venueId), asc(visits.start), asc(visits.end));
      return rows.map((r) => ({
        venueId: r.venueId,
        start: toWallTime(r.start),
        end: toWallTime(r.end),
        visits: Number(r.visits),
        contacts: Number(r.contacts),
      }));
    },

    /**
     * Records the arrival once: a second check-in keeps the first time (`changed` false). Null
     * when the advisor is not staffed on the visit.
     */
    async setCheckedIn(advisorId: string, visitId: string, atMs: number) {
      return setOnce(
        advisorId,
        visitId,
        { checkedInAt: new Date(atMs) },
        sql`${visitAdvisors.checkedInAt} is null`,
      );
    },

    /** Records the departure once, after a check-in; null when not staffed or not checked in. */
    async setCheckedOut(advisorId: string, visitId: string, atMs: number) {
      const done = await setOnce(
        advisorId,
        visitId,
        { checkedOutAt: new Date(atMs) },
        sql`${visitAdvisors.checkedOutAt} is null and ${visitAdvisors.checkedInAt} is not null`,
      );
      return done?.attendance.checkedInAtMs === null ? null : done;
    },
  };
}

export type ContactRepository = ReturnType<typeof createContactRepository>;
