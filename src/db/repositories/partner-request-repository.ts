/**
 * Partner organisations' requests for a visit of the mobile service (migration 0010,
 * `partner_requests`): stored with the hash of the partner's status link, searched by status for
 * the planner's inbox, decided by a planner (accepted with a venue and priority, declined, or a
 * question back), and their personal fields erased after `erase_after`.
 */
import { and, desc, eq, gte, isNull, lt, lte, or, sql } from 'drizzle-orm';
import type { Lang } from '../../core/i18n.ts';
import type { IsoDate } from '../../core/time/civil-time.ts';
import { partnerRequests } from '../schema/partner-requests.ts';
import type { Db } from '../store.ts';

export const PARTNER_REQUEST_STATUSES = ['new', 'accepted', 'declined', 'question'] as const;
export type PartnerRequestStatus = (typeof PARTNER_REQUEST_STATUSES)[number];

/** A partner's request as services and pages see it (times in epoch ms). */
export interface PartnerRequest {
  readonly id: string;
  readonly referenceCode: string;
  readonly status: PartnerRequestStatus;
  readonly lang: Lang;
  readonly organisation: string;
  readonly contactName: string | null;
  readonly contact: string | null;
  readonly contactKind: 'email' | 'phone' | null;
  readonly venueId: string | null;
  readonly address: string | null;
  readonly weeksFrom: IsoDate | null;
  readonly weeksTo: IsoDate | null;
  /** ISO weekdays 1–5, ascending; empty: any working day. */
  readonly weekdays: readonly number[];
  readonly blockId: string | null;
  readonly audience: string | null;
  readonly audienceSize: number | null;
  readonly languages: readonly string[];
  readonly message: string | null;
  readonly plannedVenueId: string | null;
  readonly priority: number | null;
  readonly reply: string | null;
  readonly decidedBy: string | null;
  readonly decidedAtMs: number | null;
  readonly createdAtMs: number;
  readonly eraseAfterMs: number;
  readonly erasedAtMs: number | null;
}

export type NewPartnerRequest = Omit<
  PartnerRequest,
  'id' | 'status' | 'plannedVenueId' | 'priority' | 'reply' | 'decidedBy' | 'decidedAtMs' | 'erasedAtMs'
> & { readonly tokenHash: string };

export interface PartnerRequestDecision {
  readonly status: Exclude<PartnerRequestStatus, 'new'>;
  readonly plannedVenueId: string | null;
  readonly priority: number | null;
  readonly reply: string | null;
  readonly decidedBy: string | null;
  readonly decidedAtMs: number;
  readonly eraseAfterMs: number;
}

type Row = typeof partnerRequests.$inferSelect;

function rowOf(r: Row): PartnerRequest {
  return {
    id: r.id,
    referenceCode: r.referenceCode,
    status: r.status as PartnerRequestStatus,
    lang: r.lang as Lang,
    organisation: r.organisation,
    contactName: r.contactName,
    contact: r.contact,
    contactKind: r.contactKind as PartnerRequest['contactKind'],
    venueId: r.venueId,
    address: r.address,
    weeksFrom: r.weeksFrom,
    weeksTo: r.weeksTo,
    weekdays: [...r.weekdays].sort((a, b) => a - b),
    blockId: r.blockId,
    audience: r.audience,
    audienceSize: r.audienceSize,
    languages: [...r.languages],
    message: r.message,
    plannedVenueId: r.plannedVenueId,
    priority: r.priority,
    reply: r.reply,
    decidedBy: r.decidedBy,
    decidedAtMs: r.decidedAt?.getTime() ?? null,
    createdAtMs: r.createdAt.getTime(),
    eraseAfterMs: r.eraseAfter.getTime(),
    erasedAtMs: r.erasedAt?.getTime() ?? null,
  };
}

export function createPartnerRequestRepository(db: Db) {
  return {
    async get(id: string): Promise<PartnerRequest | null> {
      const [row] = await db.select().from(partnerRequests).where(eq(partnerRequests.id, id));
      return row ? rowOf(row) : null;
    },

    /** The request a status link's token hash names (none once erased). */
    async getByTokenHash(tokenHash: string): Promise<PartnerRequest | null> {
      const [row] = await db.select().from(partnerRequests).where(eq(partnerRequests.tokenHash, tokenHash));
      return row ? rowOf(row) : null;
    },

    /** One page of requests, newest first, optionally of one status, with how many match. */
    async search(
      filter: { readonly status?: PartnerRequestStatus },
      page: { offset: number; limit: number },
    ): Promise<{ items: PartnerRequest[]; total: number }> {
      const where = filter.status ? eq(partnerRequests.status, filter.status) : undefined;
      const rows = await db
        .select()
        .from(partnerRequests)
        .where(where)
        .orderBy(desc(partnerRequests.createdAt), desc(partnerRequests.id))
        .offset(page.offset)
        .limit(page.limit);
      const [count] = await db.select({ n: sql<number>`count(*)::int` }).from(partnerRequests).where(where);
      return { items: rows.map(rowOf), total: count?.n ?? 0 };
    },

    /** How many requests there are of each status (every status, 0 when none). */
    async countByStatus(): Promise<Record<PartnerRequestStatus, number>> {
      const rows = await db
        .select({ status: partnerRequests.status, n: sql<number>`count(*)::int` })
        .from(partnerRequests)
        .groupBy(partnerRequests.status);
      const out: Record<PartnerRequestStatus, number> = { new: 0, accepted: 0, declined: 0, question: 0 };
      for (const r of rows) if (r.status in out) out[r.status as PartnerRequestStatus] = r.n;
      return out;
    },

    /**
     * Accepted requests whose preferred weeks overlap [from, to] (a request without weeks
     * overlaps every horizon), oldest first.
     */
    async listAcceptedOverlapping(from: IsoDate, to: IsoDate): Promise<PartnerRequest[]> {
      const rows = await db
        .select()
        .from(partnerRequests)
        .where(
          and(
            eq(partnerRequests.status, 'accepted'),
            or(isNull(partnerRequests.weeksFrom), lte(partnerRequests.weeksFrom, to)),
            or(isNull(partnerRequests.weeksTo), gte(partnerRequests.weeksTo, from)),
          ),
        )
        .orderBy(partnerRequests.createdAt, partnerRequests.id);
      return rows.map(rowOf);
    },

    /** The new request's id, or null when its reference code is taken (try another code). */
    async insertRequest(r: NewPartnerRequest): Promise<string | null> {
      const [row] = await db
        .insert(partnerRequests)
        .values({
          referenceCode: r.referenceCode,
          tokenHash: r.tokenHash,
          lang: r.lang,
          organisation: r.organisation,
          contactName: r.contactName,
          contact: r.contact,
          contactKind: r.contactKind,
          venueId: r.venueId,
          address: r.address,
          weeksFrom: r.weeksFrom,
          weeksTo: r.weeksTo,
          weekdays: [...r.weekdays],
          blockId: r.blockId,
          audience: r.audience,
          audienceSize: r.audienceSize,
          languages: [...r.languages],
          message: r.message,
          createdAt: new Date(r.createdAtMs),
          updatedAt: new Date(r.createdAtMs),
          eraseAfter: new Date(r.eraseAfterMs),
        })
        .onConflictDoNothing({ target: partnerRequests.referenceCode })
        .returning({ id: partnerRequests.id });
      return row?.id ?? null;
    },

    /** Records a planner's decision on a request not erased; whether there was one. */
    async setDecision(id: string, d: PartnerRequestDecision): Promise<boolean> {
      const rows = await db
        .update(partnerRequests)
        .set({
          status: d.status,
          plannedVenueId: d.plannedVenueId,
          priority: d.priority,
          reply: d.reply,
          decidedBy: d.decidedBy,
          decidedAt: new Date(d.decidedAtMs),
          updatedAt: new Date(d.decidedAtMs),
          eraseAfter: new Date(d.eraseAfterMs),
        })
        .where(and(eq(partnerRequests.id, id), isNull(partnerRequests.erasedAt)))
        .returning({ id: partnerRequests.id });
      return rows.length > 0;
    },

    /**
     * Erases the personal fields of every request past its `erase_after` (the contact person,
     * the contact, the message and the status link); the organisation, the venue, the weeks and
     * the decision stay. Returns how many were erased.
     */
    async setErasedWhenExpired(atMs: number): Promise<number> {
      const at = new Date(atMs);
      const rows = await db
        .update(partnerRequests)
        .set({
          contactName: null,
          contact: null,
          contactKind: null,
          tokenHash: null,
          message: null,
          erasedAt: at,
          updatedAt: at,
        })
        .where(and(isNull(partnerRequests.erasedAt), lt(partnerRequests.eraseAfter, at)))
        .returning({ id: partnerRequests.id });
      return rows.length;
    },
  };
}
