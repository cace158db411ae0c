/**
 * Partner organisations' requests for a visit of the mobile service (a senior centre, a library,
 * an association): the public form's checks and submission, the status by a secret link, the
 * planner's inbox and decisions (accept with a venue and priority, decline, ask back), the
 * accepted requests as soft constraints of new plans (`services/planning/planning-data.ts`), and
 * erasure of the personal fields after the retention period.
 *
 * The status link carries 32 random bytes (base64url); only their SHA-256 is stored. A request
 * is erased (contact person, contact, message and the link) `retentionDays` after the later of
 * its preferred weeks' end and its last decision (NEUVO_PARTNER_RETENTION_DAYS, default
 * 365); the organisation, the venue, the weeks and the decision stay for the statistics.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { Lang } from '../core/i18n.ts';
import type { StaffUser } from '../core/model/staff.ts';
import {
  addDays,
  compareDates,
  type IsoDate,
  isIsoDate,
  isoDateAt,
  wallClockToEpochMs,
} from '../core/time/civil-time.ts';
import {
  PARTNER_REQUEST_STATUSES,
  type PartnerRequestRow,
  type PartnerRequestStatus,
} from '../db/repositories/partner-request-repository.ts';
import { inTransaction, type ReadRepositories } from '../db/repositories.ts';
import type { Store } from '../db/store.ts';
import { writeAudit } from './audit-service.ts';
import { ConflictError, NotFoundError } from './errors.ts';
import { partnerNoticeText } from './partner-notices.ts';
import { DEFAULT_BLOCKS } from './planning/planning-data.ts';
import { hasControlCharacter, isPlainEmail } from './text.ts';

export { PARTNER_REQUEST_STATUSES, type PartnerRequestRow, type PartnerRequestStatus };

/** Days the personal fields are kept after the preferred weeks end or the last decision. */
export const DEFAULT_PARTNER_REQUEST_RETENTION_DAYS = 365;
export const PARTNER_PAGE_SIZE = 50;

export const PARTNER_LIMITS = {
  organisation: 120,
  contactName: 80,
  contact: 254,
  address: 200,
  audience: 300,
  message: 2000,
  reply: 2000,
  audienceSizeMin: 1,
  audienceSizeMax: 10_000,
  /** The preferred weeks may span at most this many days (26 weeks). */
  spanDays: 26 * 7,
} as const;

export const PARTNER_FIELDS = [
  'organisation',
  'contactName',
  'contact',
  'venueId',
  'address',
  'weeksFrom',
  'weeksTo',
  'weekdays',
  'blockId',
  'audience',
  'audienceSize',
  'languages',
  'message',
] as const;
export type PartnerField = (typeof PARTNER_FIELDS)[number];

export type PartnerProblemCode =
  | 'required'
  | 'too-long'
  | 'control-character'
  | 'invalid-contact'
  | 'unknown-venue'
  | 'venue-or-address'
  | 'invalid-date'
  | 'past'
  | 'before-start'
  | 'too-long-span'
  | 'invalid-weekday'
  | 'unknown-block'
  | 'invalid-number'
  | 'unknown-language';

export interface PartnerProblem {
  readonly field: PartnerField;
  readonly problem: PartnerProblemCode;
}

/** The form's fields as typed (every value a string, lists as lists). */
export interface PartnerRequestInput {
  readonly organisation: string;
  readonly contactName: string;
  readonly contact: string;
  readonly venueId: string;
  readonly address: string;
  readonly weeksFrom: string;
  readonly weeksTo: string;
  readonly weekdays: readonly string[];
  readonly blockId: string;
  readonly audience: string;
  readonly audienceSize: string;
  readonly languages: readonly string[];
  readonly message: string;
}

export const EMPTY_PARTNER_INPUT: PartnerRequestInput = {
  organisation: '',
  contactName: '',
  contact: '',
  venueId: '',
  address: '',
  weeksFrom: '',
  weeksTo: '',
  weekdays: [],
  blockId: '',
  audience: '',
  audienceSize: '',
  languages: [],
  message: '',
};

/** What the form offers: venues by name, the planning's time blocks and the service's languages. */
export interface PartnerFormOptions {
  readonly today: IsoDate;
  readonly venues: readonly { readonly id: string; readonly name: Readonly<Record<Lang, string>> }[];
  readonly blocks: readonly { readonly id: string; readonly start: string; readonly end: string }[];
  readonly languages: readonly string[];
}

/**
 * The time blocks a partner may choose: the planning's blocks (`DEFAULT_BLOCKS`; the city's
 * planning rules set no blocks of their own), so an accepted request's block is one a plan has.
 */
export const partnerBlocks = (): PartnerFormOptions['blocks'] => DEFAULT_BLOCKS.map((b) => ({ ...b }));

/** A phone number: digits, spaces and a leading +, with 7 to 15 digits. */
export function isPhoneNumber(text: string): boolean {
  if (!/^\+?[0-9 ]+$/.test(text)) return false;
  const digits = text.replace(/[^0-9]/g, '').length;
  return digits >= 7 && digits <= 15;
}

/** Letters and digits nobody mixes up when reading a code aloud (no 0/O, 1/I/L). */
const CODE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';

/** A reference code like `P-7K3Q9X`. */
export function newReferenceCode(random: (n: number) => Uint8Array = (n) => randomBytes(n)): string {
  const out: string[] = [];
  // Bytes past the last whole multiple of the alphabet are skipped, so every letter is as likely.
  const limit = 256 - (256 % CODE_ALPHABET.length);
  while (out.length < 6) {
    for (const b of random(12)) {
      if (b < limit && out.length < 6) out.push(CODE_ALPHABET[b % CODE_ALPHABET.length] ?? 'X');
    }
  }
  return `P-${out.join('')}`;
}

/** The status link's token: 32 random bytes, base64url (43 characters). */
export const newStatusToken = (): string => randomBytes(32).toString('base64url');
export const isStatusToken = (s: string): boolean => /^[A-Za-z0-9_-]{43}$/.test(s);
export const tokenHashOf = (token: string): string => createHash('sha256').update(token).digest('hex');

/** The checked request, ready to store. */
export interface CheckedPartnerRequest {
  readonly organisation: string;
  readonly contactName: string | null;
  readonly contact: string;
  readonly contactKind: 'email' | 'phone';
  readonly venueId: string | null;
  readonly address: string | null;
  readonly weeksFrom: IsoDate;
  readonly weeksTo: IsoDate;
  readonly weekdays: readonly number[];
  readonly blockId: string | null;
  readonly audience: string | null;
  readonly audienceSize: number | null;
  readonly languages: readonly string[];
  readonly message: string | null;
}

/** Checks every field at once; the problems, or the request as it will be stored. */
export function checkPartnerRequest(
  input: PartnerRequestInput,
  options: PartnerFormOptions,
): { ok: true; value: CheckedPartnerRequest } | { ok: false; problems: PartnerProblem[] } {
  const problems: PartnerProblem[] = [];
  const add = (field: PartnerField, problem: PartnerProblemCode) => problems.push({ field, problem });
  /** A one-line text: control characters, then the length; '' when empty. */
  const text = (field: PartnerField, value: string, max: number, multiLine = false): string => {
    if (hasControlCharacter(value, multiLine)) {
      add(field, 'control-character');
      return '';
    }
    const v = multiLine ? value.trim() : value.trim().replace(/\s+/g, ' ');
    if (v.length > max) add(field, 'too-long');
    return v;
  };

  const organisation = text('organisation', input.organisation, PARTNER_LIMITS.organisation);
  if (organisation === '' && !problems.some((p) => p.field === 'organisation'))
    add('organisation', 'required');
  const contactName = text('contactName', input.contactName, PARTNER_LIMITS.contactName);

  const contact = text('contact', input.contact, PARTNER_LIMITS.contact);
  let contactKind: 'email' | 'phone' = 'email';
  if (!problems.some((p) => p.field === 'contact')) {
    if (contact === '') add('contact', 'required');
    else if (contact.includes('@')) {
      if (!isPlainEmail(contact)) add('contact', 'invalid-contact');
    } else if (isPhoneNumber(contact)) contactKind = 'phone';
    else add('contact', 'invalid-contact');
  }

  const venueId = input.venueId.trim();
  if (venueId !== '' && !options.venues.some((v) => v.id === venueId)) add('venueId', 'unknown-venue');
  const address = text('address', input.address, PARTNER_LIMITS.address);
  if (venueId === '' && address === '' && !problems.some((p) => p.field === 'address'))
    add('venueId', 'venue-or-address');

  const date = (field: 'weeksFrom' | 'weeksTo', value: string): IsoDate | null => {
    const v = value.trim();
    if (v === '') {
      add(field, 'required');
      return null;
    }
    if (!isIsoDate(v)) {
      add(field, 'invalid-date');
      return null;
    }
    if (compareDates(v, options.today) < 0) {
      add(field, 'past');
      return null;
    }
    return v;
  };
  const weeksFrom = date('weeksFrom', input.weeksFrom);
  const weeksTo = date('weeksTo', input.weeksTo);
  if (weeksFrom && weeksTo) {
    if (compareDates(weeksTo, weeksFrom) < 0) add('weeksTo', 'before-start');
    else if (compareDates(weeksTo, addDays(weeksFrom, PARTNER_LIMITS.spanDays)) > 0)
      add('weeksTo', 'too-long-span');
  }

  const weekdays = [...new Set(input.weekdays.map((w) => w.trim()))];
  if (weekdays.some((w) => !/^[1-5]$/.test(w))) add('weekdays', 'invalid-weekday');

  const blockId = input.blockId.trim();
  if (blockId !== '' && !options.blocks.some((b) => b.id === blockId)) add('blockId', 'unknown-block');

  const audience = text('audience', input.audience, PARTNER_LIMITS.audience);
  const size = input.audienceSize.trim();
  let audienceSize: number | null = null;
  if (size !== '') {
    const n = /^\d{1,6}$/.test(size) ? Number(size) : Number.NaN;
    if (!Number.isInteger(n) || n < PARTNER_LIMITS.audienceSizeMin || n > PARTNER_LIMITS.audienceSizeMax)
      add('audienceSize', 'invalid-number');
    else audienceSize = n;
  }

  const languages = [...new Set(input.languages.map((l) => l.trim()))];
  if (languages.some((l) => !options.languages.includes(l))) add('languages', 'unknown-language');

  const message = text('message', input.message, PARTNER_LIMITS.message, true);

  if (problems.length > 0 || !weeksFrom || !weeksTo) return { ok: false, problems };
  return {
    ok: true,
    value: {
      organisation,
      contactName: contactName || null,
      contact,
      contactKind,
      venueId: venueId || null,
      address: address || null,
      weeksFrom,
      weeksTo,
      weekdays: weekdays.map(Number).sort((a, b) => a - b),
      blockId: blockId || null,
      audience: audience || null,
      audienceSize,
      languages: languages.sort(),
      message: message || null,
    },
  };
}

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
  readonly items: readonly PartnerRequestRow[];
  readonly total: number;
  readonly page: number;
  readonly pages: number;
  readonly counts: Readonly<Record<PartnerRequestStatus, number>>;
}

/** An accepted request in a plan's horizon and whether the plan meets it. */
export interface PartnerRequestInPlan {
  readonly request: PartnerRequestRow;
  /** Dates of the plan's visits that meet it (at the planned venue, in its weeks, days and time). */
  readonly metOn: readonly IsoDate[];
}

/** A visit as the plan page has it. */
interface PlanVisitLike {
  readonly venueId: string;
  readonly date: IsoDate;
  readonly start: string;
  readonly end: string;
}

/** Whether a visit meets an accepted request (its planned venue, weeks, weekdays and block). */
export function visitMeetsRequest(
  request: Pick<PartnerRequestRow, 'plannedVenueId' | 'weeksFrom' | 'weeksTo' | 'weekdays' | 'blockId'>,
  visit: PlanVisitLike,
  blocks: readonly { id: string; start: string; end: string }[] = DEFAULT_BLOCKS,
): boolean {
  if (visit.venueId !== request.plannedVenueId) return false;
  if (request.weeksFrom && visit.date < request.weeksFrom) return false;
  if (request.weeksTo && visit.date > request.weeksTo) return false;
  const weekday = ((new Date(`${visit.date}T12:00:00Z`).getUTCDay() + 6) % 7) + 1;
  if (request.weekdays.length > 0 && !request.weekdays.includes(weekday)) return false;
  if (request.blockId) {
    const block = blocks.find((b) => b.id === request.blockId);
    if (block && (block.start !== visit.start || block.end !== visit.end)) return false;
  }
  return true;
}

export interface PartnerRequestDeps {
  readonly store: Store;
  readonly repos: ReadRepositories;
  readonly now: () => number;
  /**
   * The languages the service offers (the public reference's, `PublicService.reference()`); the
   * form lists them. Default: the active advisors' languages, read the same way.
   */
  readonly languages?: () => Promise<readonly string[]>;
  /** Days the personal fields are kept (default {@link DEFAULT_PARTNER_REQUEST_RETENTION_DAYS}). */
  readonly retentionDays?: number;
  /** The status page's absolute URL for the receipt message; without it the receipt has no link. */
  readonly statusUrl?: (lang: Lang, token: string) => string;
}

export function createPartnerRequestService(deps: PartnerRequestDeps) {
  const { store, repos, now } = deps;
  const retentionDays = deps.retentionDays ?? DEFAULT_PARTNER_REQUEST_RETENTION_DAYS;
  const today = () => isoDateAt(now());
  const offeredLanguages =
    deps.languages ??
    (async () => [
      ...new Set((await repos.advisors.listPublic()).filter((a) => a.active).flatMap((a) => a.languages)),
    ]);

  /** Later of `atMs` and the end of the preferred weeks, plus the retention period. */
  const eraseAfterMs = (atMs: number, weeksTo: IsoDate | null) => {
    const weeksEnd = weeksTo ? wallClockToEpochMs(addDays(weeksTo, 1), '00:00') : atMs;
    return Math.max(atMs, weeksEnd) + retentionDays * 86_400_000;
  };

  /** Venues (role 'venue') in service today or later, by id. */
  async function venues(): Promise<PartnerFormOptions['venues']> {
    const day = today();
    return (await repos.sites.list({ role: 'venue' }))
      .filter((s) => s.validity.length === 0 || s.validity.some((p) => p.to === null || p.to >= day))
      .map((s) => ({ id: s.id as string, name: s.name }));
  }

  async function formOptions(): Promise<PartnerFormOptions> {
    const [venueList, languages] = await Promise.all([venues(), offeredLanguages()]);
    return {
      today: today(),
      venues: venueList,
      blocks: partnerBlocks(),
      languages: [...languages].sort(),
    };
  }

  const get = async (id: string): Promise<PartnerRequestRow> => {
    const found = /^[0-9a-f-]{36}$/i.test(id) ? await repos.partnerRequests.get(id) : null;
    if (!found) throw new NotFoundError(`no partner request ${id}`, 'id');
    return found;
  };

  return {
    retentionDays,
    formOptions,

    /** Every venue's name by id (also venues no longer in service), for showing a request. */
    async venueNames(): Promise<Map<string, Readonly<Record<Lang, string>>>> {
      return new Map(
        (await repos.sites.listPlaces())
          .filter((s) => s.role === 'venue')
          .map((s) => [s.id as string, s.name]),
      );
    },

    /**
     * Stores a valid request and returns its status link's token (shown once, in the redirect)
     * and reference code; the problems by field otherwise.
     */
    async submit(
      lang: Lang,
      input: PartnerRequestInput,
    ): Promise<
      { ok: true; token: string; referenceCode: string } | { ok: false; problems: PartnerProblem[] }
    > {
      const checked = checkPartnerRequest(input, await formOptions());
      if (!checked.ok) return checked;
      const v = checked.value;
      const token = newStatusToken();
      const at = now();
      const referenceCode = await inTransaction(store, async (tx) => {
        // A taken code (about one in a billion per stored request) draws another.
        for (let attempt = 0; attempt < 5; attempt++) {
          const code = newReferenceCode();
          const id = await tx.partnerRequests.insertRequest({
            ...v,
            referenceCode: code,
            tokenHash: tokenHashOf(token),
            lang,
            createdAtMs: at,
            eraseAfterMs: eraseAfterMs(at, v.weeksTo),
          });
          if (id) {
            if (v.contact && v.contactKind) {
              const text = partnerNoticeText(
                lang,
                'received',
                { referenceCode: code, organisation: v.organisation, reply: null },
                deps.statusUrl?.(lang, token),
              );
              await tx.outbox.enqueue({
                dedupeKey: `request-received:${id}`,
                kind: 'request-received',
                channel: v.contactKind === 'email' ? 'email' : 'sms',
                lang,
                recipient: v.contact,
                ...text,
              });
            }
            return code;
          }
        }
        throw new ConflictError('could not draw a free reference code', 'referenceCode');
      });
      return { ok: true, token, referenceCode };
    },

    /** The request a status link names; null for an unknown, malformed or erased link. */
    async byToken(token: string): Promise<PartnerRequestRow | null> {
      if (!isStatusToken(token)) return null;
      return repos.partnerRequests.getByTokenHash(tokenHashOf(token));
    },

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
    ): Promise<{ ok: true; request: PartnerRequestRow } | { ok: false; problems: PartnerDecisionProblem[] }> {
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

    /** Accepted requests whose weeks overlap [from, to] (the plan page and the planner's instance). */
    async acceptedBetween(from: IsoDate, to: IsoDate): Promise<PartnerRequestRow[]> {
      return repos.partnerRequests.listAcceptedOverlapping(from, to);
    },

    /** The accepted requests in a plan's horizon, each with the dates of the visits that meet it. */
    async inPlan(
      horizon: { from: IsoDate; to: IsoDate },
      visits: readonly PlanVisitLike[],
    ): Promise<PartnerRequestInPlan[]> {
      const accepted = await repos.partnerRequests.listAcceptedOverlapping(horizon.from, horizon.to);
      return accepted.map((request) => ({
        request,
        metOn: [...new Set(visits.filter((v) => visitMeetsRequest(request, v)).map((v) => v.date))].sort(),
      }));
    },

    /** Erases the personal fields of the requests past their retention; returns how many. */
    async eraseExpired(): Promise<number> {
      return inTransaction(store, (tx) => tx.partnerRequests.setErasedWhenExpired(now()));
    },
  };
}

export type PartnerRequestService = ReturnType<typeof createPartnerRequestService>;
