/**
 * The planner's side of partner requests: the inbox (by status, with counts, a page at a time)
 * and the decision on a request (accept with a venue and priority 1–3, decline with a reason, ask
 * back with a question), checked, told to the contact and written with its audit row in one
 * transaction.
 */
import type { StaffUser } from '../core/model/staff.ts';
import type { IsoDate } from '../core/time/civil-time.ts';
import type { PartnerRequest, PartnerRequestStatus } from '../db/repositories/partner-request-repository.ts';
import { inTransaction, type ReadRepositories } from '../db/repositories.ts';
import type { Store } from '../db/store.ts';
import { writeAudit } from './audit-service.ts';
import { ConflictError, NotFoundError } from './errors.ts';
import { partnerNoticeText } from './partner-notices.ts';
import { PARTNER_LIMITS, type PartnerFormOptions } from './partner-request-form.ts';
import { hasControlCharacter } from './text.ts';

export const PARTNER_PAGE_SIZE = 50;

/** What the planner decides on a request, as typed in the inbox's forms. */
export type PartnerDecisionInput =
  | {
      readonly action: 'accept';
      readonly plannedVenueId: string;
      readonly priority: string;
      readonly reply: string;
    }
  | { readonly action: 'decline'; readonly reply: string }
  | { readonly action: 'ask'; readonly reply: string };

export type PartnerDecisionField = 'plannedVenueId' | 'priority' | 'reply';
export interface PartnerDecisionProblem {
  readonly field: PartnerDecisionField;
  readonly problem: 'required' | 'unknown-venue' | 'invalid-priority' | 'too-long' | 'control-character';
}

/** One page of the planner's inbox, with how many requests there are of each status. */
export interface PartnerInbox {
  readonly items: readonly PartnerRequest[];
  readonly total: number;
  readonly page: number;
  readonly pages: number;
  readonly counts: Readonly<Record<PartnerRequestStatus, number>>;
}

export function createPartnerDecisions(deps: {
  readonly store: Store;
  readonly repos: ReadRepositories;
  readonly now: () => number;
  /** The venues a request may be accepted at (in service today or later). */
  readonly venues: () => Promise<PartnerFormOptions['venues']>;
  /** When the request's personal fields are erased, decided at `atMs`. */
  readonly eraseAfterMs: (atMs: number, weeksTo: IsoDate | null) => number;
}) {
  const { store, repos, now, venues, eraseAfterMs } = deps;

  const get = async (id: string): Promise<PartnerRequest> => {
    const found = /^[0-9a-f-]{36}$/i.test(id) ? await repos.partnerRequests.get(id) : null;
    if (!found) throw new NotFoundError(`no partner request ${id}`, 'id');
    return found;
  };

  return {
    /** The planner's inbox: one page (from 1), newest first, and how many there are per status. */
    async inbox(filter: { status?: PartnerRequestStatus }, page = 1): Promise<PartnerInbox> {
      const wanted = Math.max(1, Math.floor(page) || 1);
      const [found, counts] = await Promise.all([
        repos.partnerRequests.search(filter, {
          offset: (wanted - 1) * PARTNER_PAGE_SIZE,
          limit: PARTNER_PAGE_SIZE,
        }),
        repos.partnerRequests.countByStatus(),
      ]);
      return {
        ...found,
        page: wanted,
        pages: Math.max(1, Math.ceil(found.total / PARTNER_PAGE_SIZE)),
        counts,
      };
    },

    get,

    /**
     * A planner's decision: accept (a planned venue, by default the requested one, and a
     * priority 1–3, an optional reply), decline (a reply) or ask back (a question). Checked,
     * written with its audit row in one transaction. Refused fields come back as problems.
     */
    async decide(
      user: StaffUser,
      id: string,
      input: PartnerDecisionInput,
    ): Promise<{ ok: true; request: PartnerRequest } | { ok: false; problems: PartnerDecisionProblem[] }> {
      const request = await get(id);
      if (request.erasedAtMs !== null)
        throw new ConflictError(`partner request ${request.referenceCode} has been erased`, 'id');
      const problems: PartnerDecisionProblem[] = [];
      const reply = input.reply.trim();
      if (hasControlCharacter(input.reply, true))
        problems.push({ field: 'reply', problem: 'control-character' });
      else if (reply.length > PARTNER_LIMITS.reply) problems.push({ field: 'reply', problem: 'too-long' });
      else if (reply === '' && input.action !== 'accept')
        problems.push({ field: 'reply', problem: 'required' });
      let plannedVenueId: string | null = null;
      let priority: number | null = null;
      if (input.action === 'accept') {
        plannedVenueId = input.plannedVenueId.trim() || request.venueId;
        if (!plannedVenueId) problems.push({ field: 'plannedVenueId', problem: 'required' });
        else if (!(await venues()).some((v) => v.id === plannedVenueId))
          problems.push({ field: 'plannedVenueId', problem: 'unknown-venue' });
        priority = /^[1-3]$/.test(input.priority.trim()) ? Number(input.priority.trim()) : null;
        if (priority === null) problems.push({ field: 'priority', problem: 'invalid-priority' });
      }
      if (problems.length > 0) return { ok: false, problems };
      const status =
        input.action === 'accept' ? 'accepted' : input.action === 'decline' ? 'declined' : 'question';
      const at = now();
      await inTransaction(store, async (tx) => {
        const done = await tx.partnerRequests.setDecision(request.id, {
          status,
          plannedVenueId,
          priority,
          reply: reply || null,
          decidedBy: user.id,
          decidedAtMs: at,
          eraseAfterMs: eraseAfterMs(at, request.weeksTo),
        });
        if (!done) throw new ConflictError(`partner request ${request.referenceCode} has been erased`, 'id');
        if (request.contact && request.contactKind) {
          const text = partnerNoticeText(request.lang, status, { ...request, reply: reply || null });
          await tx.outbox.enqueue({
            dedupeKey: `request-status:${request.id}:${at}`,
            kind: 'request-status',
            channel: request.contactKind === 'email' ? 'email' : 'sms',
            lang: request.lang,
            recipient: request.contact,
            ...text,
          });
        }
        await writeAudit(tx, at, {
          actor: user,
          action: `partner-request.${input.action}`,
          targetType: 'partner-request',
          targetId: request.id,
          details: {
            reference: request.referenceCode,
            status,
            ...(plannedVenueId ? { venueId: plannedVenueId } : {}),
            ...(priority ? { priority } : {}),
          },
        });
      });
      return { ok: true, request: await get(request.id) };
    },
  };
}
