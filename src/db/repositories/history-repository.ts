/**
 * Bulk writes of a generated history (the demo's synthetic contact log, its visits and bookings):
 * multi-row inserts of a few hundred rows each, since one statement per row would take minutes
 * for a year of contacts on PGlite. The caller gives every id, so rows of one history refer to
 * one another without reading anything back, and the same input writes the same rows.
 */
import { sql } from 'drizzle-orm';
import type { LocalizedText } from '../../core/i18n.ts';
import type { BookingNeed, BookingStatus } from '../../core/model/booking.ts';
import type { NewContact } from '../../core/model/contact.ts';
import type { CancelReason } from '../../core/model/visit.ts';
import type { IsoDate, WallTime } from '../../core/time/civil-time.ts';
import { toJsonColumn } from '../json-columns.ts';
import { bookings } from '../schema/bookings.ts';
import { contacts } from '../schema/contacts.ts';
import { plans, visitAdvisors, visits } from '../schema/planning.ts';
import type { Db } from '../store.ts';

/** Rows per insert statement: 500 contacts are 7,500 bind parameters, far below PostgreSQL's limit. */
export const HISTORY_BATCH_ROWS = 500;

export interface HistoryPlanRow {
  readonly id: string;
  readonly horizonFrom: IsoDate;
  readonly horizonTo: IsoDate;
  readonly solver: string;
  readonly createdBy: string;
  /** When the plan is said to have been made and published (before the history it holds). */
  readonly createdAtMs: number;
}

export interface HistoryVisitRow {
  readonly id: string;
  readonly planId: string;
  readonly venueId: string;
  readonly date: IsoDate;
  readonly start: WallTime;
  readonly end: WallTime;
  readonly status: 'published' | 'cancelled';
  readonly cancelReason: CancelReason | null;
  readonly cancelNote: LocalizedText | null;
  readonly explanation: unknown;
}

export interface HistoryVisitAdvisorRow {
  readonly visitId: string;
  readonly advisorId: string;
  readonly checkedInAtMs: number | null;
  readonly checkedOutAtMs: number | null;
}

export interface HistoryContactRow extends NewContact {
  readonly id: string;
}

/** A past booking as retention leaves it: no first name, contact or link token. */
export interface HistoryBookingRow {
  readonly id: string;
  readonly visitId: string;
  readonly seat: number;
  readonly start: WallTime;
  readonly end: WallTime;
  readonly status: Exclude<BookingStatus, 'booked'>;
  readonly cancelledBy: 'resident' | 'visit' | 'staff' | null;
  readonly referenceCode: string;
  readonly topicId: string | null;
  readonly language: string;
  readonly needs: readonly BookingNeed[];
  readonly lang: 'fi' | 'sv' | 'en';
  readonly createdAtMs: number;
  readonly eraseAfterMs: number;
  readonly erasedAtMs: number;
}

async function inBatches<T>(rows: readonly T[], write: (part: T[]) => Promise<unknown>): Promise<void> {
  for (let i = 0; i < rows.length; i += HISTORY_BATCH_ROWS)
    await write(rows.slice(i, i + HISTORY_BATCH_ROWS));
}

export function createHistoryRepository(db: Db) {
  return {
    /** Whether the contact log holds any entry (a history is only made for an empty one). */
    async hasContacts(): Promise<boolean> {
      const [row] = await db.select({ one: sql<number>`1` }).from(contacts).limit(1);
      return row !== undefined;
    },

    async insertPlan(plan: HistoryPlanRow): Promise<void> {
      const at = new Date(plan.createdAtMs);
      await db.insert(plans).values({
        id: plan.id,
        kind: 'plan',
        status: 'superseded',
        horizonFrom: plan.horizonFrom,
        horizonTo: plan.horizonTo,
        solver: plan.solver,
        createdBy: plan.createdBy,
        createdAt: at,
        publishedAt: at,
      });
    },

    async insertVisits(rows: readonly HistoryVisitRow[]): Promise<void> {
      await inBatches(rows, (part) =>
        db.insert(visits).values(
          part.map((v) => ({
            id: v.id,
            planId: v.planId,
            venueId: v.venueId,
            date: v.date,
            start: v.start,
            end: v.end,
            status: v.status,
            cancelReason: v.cancelReason,
            cancelNoteFi: v.cancelNote?.fi ?? null,
            cancelNoteSv: v.cancelNote?.sv ?? null,
            cancelNoteEn: v.cancelNote?.en ?? null,
            explanation: toJsonColumn('visits.explanation', v.explanation),
          })),
        ),
      );
    },

    async insertVisitAdvisors(rows: readonly HistoryVisitAdvisorRow[]): Promise<void> {
      await inBatches(rows, (part) =>
        db.insert(visitAdvisors).values(
          part.map((r) => ({
            visitId: r.visitId,
            advisorId: r.advisorId,
            checkedInAt: r.checkedInAtMs === null ? null : new Date(r.checkedInAtMs),
            checkedOutAt: r.checkedOutAtMs === null ? null : new Date(r.checkedOutAtMs),
          })),
        ),
      );
    },

    /**
     * Contacts go in as one array per column (`unnest`): a year of a city's contacts is tens of
     * thousands of rows, and a statement with a parameter per value takes twice as long to run.
     */
    async insertContacts(rows: readonly HistoryContactRow[]): Promise<void> {
      for (const c of rows)
        if ([...c.topicIds, ...c.groups].some((code) => code.includes(',')))
          throw new Error(`contact ${c.clientId}: a topic or group code contains a comma`);
      await inBatches(rows, async (part) => {
        const col = <T>(value: (c: HistoryContactRow) => T) => sql.param(part.map(value));
        await db.execute(sql`
          insert into contacts (id, client_id, logged_at, recorded_at, staff_user_id, advisor_id, channel,
            visit_id, site_id, topic_ids, language, age_band, groups, duration_minutes, outcome, referred_to)
          select id, client_id, logged_at, recorded_at, staff_user_id, advisor_id, channel, visit_id, site_id,
            string_to_array(topic_ids, ','), language, age_band, string_to_array(groups, ','), duration_minutes,
            outcome, referred_to
          from unnest(
            ${col((c) => c.id)}::uuid[], ${col((c) => c.clientId)}::uuid[],
            ${col((c) => new Date(c.loggedAtMs).toISOString())}::timestamptz[],
            ${col((c) => new Date(c.recordedAtMs).toISOString())}::timestamptz[],
            ${col((c) => c.staffUserId)}::uuid[], ${col((c) => c.advisorId)}::text[], ${col((c) => c.channel)}::text[],
            ${col((c) => c.visitId)}::uuid[], ${col((c) => c.siteId)}::text[], ${col((c) => c.topicIds.join(','))}::text[],
            ${col((c) => c.language)}::text[], ${col((c) => c.ageBand)}::text[], ${col((c) => c.groups.join(','))}::text[],
            ${col((c) => c.durationMinutes)}::int[], ${col((c) => c.outcome)}::text[], ${col((c) => c.referredTo)}::text[]
          ) as t(id, client_id, logged_at, recorded_at, staff_user_id, advisor_id, channel, visit_id, site_id,
            topic_ids, language, age_band, groups, duration_minutes, outcome, referred_to)`);
      });
    },

    async insertBookings(rows: readonly HistoryBookingRow[]): Promise<void> {
      await inBatches(rows, (part) =>
        db.insert(bookings).values(
          part.map((b) => ({
            id: b.id,
            visitId: b.visitId,
            seat: b.seat,
            start: b.start,
            end: b.end,
            status: b.status,
            cancelledBy: b.cancelledBy,
            referenceCode: b.referenceCode,
            tokenHash: null,
            topicId: b.topicId,
            language: b.language,
            needs: [...b.needs],
            lang: b.lang,
            firstName: null,
            contact: null,
            contactKind: null,
            createdAt: new Date(b.createdAtMs),
            eraseAfter: new Date(b.eraseAfterMs),
            erasedAt: new Date(b.erasedAtMs),
          })),
        ),
      );
    },
  };
}

export type HistoryRepository = ReturnType<typeof createHistoryRepository>;
