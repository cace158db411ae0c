/**
 * The advisors' anonymous contact log: record an entry (idempotent by the device's `clientId`),
 * list one's own entries, and take an entry back within a minute. Every value is a code checked
 * against its list: topics from the catalogue, target groups from the planner's groups, the
 * visit from the advisor's own visits; the contact's time is checked against the app's clock.
 */
import { z } from 'zod';
import { asSiteId, isValidId, UUID_PATTERN } from '../core/ids.ts';
import {
  AGE_BANDS,
  CONTACT_CHANNELS,
  CONTACT_OUTCOMES,
  type ContactEntry,
  LOGGED_AT_MAX_AGE_DAYS,
  LOGGED_AT_SKEW_MINUTES,
  REFERRAL_TARGETS,
  REFERRAL_TARGETS_SETTING,
  type ReferralTarget,
  UNDO_SECONDS,
} from '../core/model/contact.ts';
import type { StaffUser } from '../core/model/staff.ts';
import {
  addDays,
  compareDates,
  type IsoDate,
  isIsoDate,
  wallClockToEpochMs,
} from '../core/time/civil-time.ts';
import { inTransaction, type ReadRepositories } from '../db/repositories.ts';
import type { Store } from '../db/store.ts';
import { writeAudit } from './audit-service.ts';
import { AGE_GROUPS, contactGroups } from './contact-groups.ts';
import { ConflictError, InvalidInputError } from './errors.ts';
import { type ReferralTargetNames, referralTargetNamesSchema } from './import/referral-targets-file.ts';
import { jsonPath } from './planning/planning-rules.ts';

export { AGE_GROUPS };

const languageNames = new Intl.DisplayNames(['en'], { type: 'language', fallback: 'none' });
/** An ISO 639-1 code a language is known by ("fi", "so"); not "xx", not "fin". */
export function isLanguageCode(code: string): boolean {
  return /^[a-z]{2}$/.test(code) && languageNames.of(code) !== undefined;
}

/** At most this many days of entries in one list. */
export const MAX_LIST_DAYS = 366;

export const contactInputSchema = z
  .object({
    clientId: z
      .string()
      .regex(UUID_PATTERN, 'expected a UUID')
      .describe('Made by the device (crypto.randomUUID()): the same entry sent again is stored once.'),
    loggedAt: z
      .string()
      .refine(
        (v) => z.iso.datetime({ offset: true }).safeParse(v).success,
        'expected an ISO 8601 date and time with a zone, e.g. 2026-12-01T10:15:00+02:00',
      )
      .describe(
        `When the contact happened; at most ${LOGGED_AT_SKEW_MINUTES} minutes after the server's clock and ${LOGGED_AT_MAX_AGE_DAYS} days before it.`,
      ),
    channel: z.enum(CONTACT_CHANNELS).describe('walk-in, or a booked time'),
    visitId: z
      .string()
      .regex(UUID_PATTERN, 'expected a UUID')
      .nullish()
      .describe('One of the caller’s own visits (the account’s advisor is staffed on it).'),
    siteId: z
      .string()
      .refine(isValidId, 'expected a site id')
      .nullish()
      .describe('Where the contact happened; defaults to the visit’s venue.'),
    topicIds: z
      .array(z.string().min(1, 'expected a topic id'))
      .min(1, 'expected at least one topic')
      .max(20, 'expected at most 20 topics')
      .describe('Topic ids of the catalogue (GET /api/v1/topics).'),
    language: z
      .string()
      .refine(isLanguageCode, 'expected an ISO 639-1 language code, e.g. "fi"')
      .describe('The language the resident was served in (ISO 639-1).'),
    ageBand: z.enum(AGE_BANDS),
    groups: z
      .array(z.string())
      .max(20, 'expected at most 20 groups')
      .describe("Target groups the advisor marked: the city's target groups (its profile's targetGroups)."),
    durationMinutes: z
      .number()
      .int('expected whole minutes')
      .min(0, 'expected 0 to 600 minutes')
      .max(600, 'expected 0 to 600 minutes')
      .nullish()
      .describe('How long it took; the app sends a band’s representative value (5, 15, 30, 50) or nothing.'),
    outcome: z.enum(CONTACT_OUTCOMES),
    referredTo: z
      .enum(REFERRAL_TARGETS)
      .nullish()
      .describe('Where the resident was referred: given exactly when the outcome is "referred".'),
  })
  .strict()
  .superRefine((v, ctx) => {
    if (v.outcome === 'referred' && !v.referredTo)
      ctx.addIssue({
        code: 'custom',
        path: ['referredTo'],
        message: `expected one of ${REFERRAL_TARGETS.join(', ')} when the outcome is "referred"`,
      });
    if (v.outcome !== 'referred' && v.referredTo)
      ctx.addIssue({
        code: 'custom',
        path: ['referredTo'],
        message: `expected no referredTo when the outcome is "${v.outcome}" (only with "referred")`,
      });
    v.topicIds.forEach((id, i) => {
      if (v.topicIds.indexOf(id) !== i)
        ctx.addIssue({ code: 'custom', path: ['topicIds', i], message: `topic "${id}" is given twice` });
    });
    v.groups.forEach((id, i) => {
      if (v.groups.indexOf(id) !== i)
        ctx.addIssue({ code: 'custom', path: ['groups', i], message: `group "${id}" is given twice` });
    });
  });

export type ContactInput = z.output<typeof contactInputSchema>;

/** One refused field: its JSON path and what was expected. */
export interface FieldProblem {
  readonly path: string;
  readonly message: string;
}

/** A failed validation of the input as refused fields, one per JSON path. */
export function fieldProblemsOf(error: z.ZodError): FieldProblem[] {
  return error.issues.flatMap((i) =>
    i.code === 'unrecognized_keys'
      ? i.keys.map((k) => ({ path: k, message: 'unknown field: the contact log has no such field' }))
      : [{ path: jsonPath(i.path) || 'body', message: i.message }],
  );
}

export type RecordResult =
  | { readonly ok: true; readonly created: boolean; readonly entry: ContactEntry }
  | { readonly ok: false; readonly errors: readonly FieldProblem[] };

export type UndoResult =
  | { readonly status: 'undone' }
  | { readonly status: 'too-late'; readonly entry: ContactEntry }
  | { readonly status: 'not-found' };

export function createContactService(deps: {
  readonly store: Store;
  readonly repos: ReadRepositories;
  readonly now: () => number;
}) {
  const { store, repos, now } = deps;

  /** The checks that need the database or the clock, after the shape is right. */
  async function problemsOf(user: StaffUser, input: ContactInput): Promise<FieldProblem[]> {
    const problems: FieldProblem[] = [];
    const t = now();
    const loggedAtMs = Date.parse(input.loggedAt);
    if (loggedAtMs > t + LOGGED_AT_SKEW_MINUTES * 60_000)
      problems.push({
        path: 'loggedAt',
        message: `expected a time no later than ${new Date(t + LOGGED_AT_SKEW_MINUTES * 60_000).toISOString()} (the server's clock plus ${LOGGED_AT_SKEW_MINUTES} minutes); got ${input.loggedAt}`,
      });
    else if (loggedAtMs < t - LOGGED_AT_MAX_AGE_DAYS * 86_400_000)
      problems.push({
        path: 'loggedAt',
        message: `expected a time within the last ${LOGGED_AT_MAX_AGE_DAYS} days; got ${input.loggedAt}`,
      });
    const topics = new Set<string>((await repos.topics.list()).map((x) => x.id));
    input.topicIds.forEach((id, i) => {
      if (!topics.has(id))
        problems.push({
          path: `topicIds[${i}]`,
          message: `unknown topic "${id}"; expected one of ${[...topics].join(', ')}`,
        });
    });
    const groups = await contactGroups(repos);
    input.groups.forEach((id, i) => {
      if (!groups.includes(id))
        problems.push({
          path: `groups[${i}]`,
          message: `unknown group "${id}"; expected one of ${groups.join(', ')}`,
        });
    });
    if (input.visitId) {
      const mine = user.advisorId
        ? await repos.contacts.isAdvisorOnVisit(user.advisorId, input.visitId)
        : false;
      if (!mine)
        problems.push({
          path: 'visitId',
          message: user.advisorId
            ? `expected one of your own visits; advisor ${user.advisorId} is not staffed on visit ${input.visitId}`
            : 'expected no visit: this account is not linked to an advisor',
        });
      else if (input.siteId) {
        const [visit] = await repos.plans.listVisitsById([input.visitId]);
        if (visit && visit.venueId !== input.siteId)
          problems.push({
            path: 'siteId',
            message: `expected the visit's venue "${visit.venueId}" (or no siteId); got "${input.siteId}"`,
          });
      }
    }
    if (input.siteId && !(await repos.sites.get(asSiteId(input.siteId))))
      problems.push({ path: 'siteId', message: `unknown site "${input.siteId}"` });
    return problems;
  }

  return {
    /**
     * Stores an entry for `user`, or answers the entry stored before with the same `clientId`
     * (`created: false`); never two rows, also when the same entry arrives twice at once.
     */
    async record(user: StaffUser, raw: unknown): Promise<RecordResult> {
      const parsed = contactInputSchema.safeParse(raw);
      if (!parsed.success) return { ok: false, errors: fieldProblemsOf(parsed.error) };
      const input = parsed.data;
      // A replay is answered before the checks: an entry queued yesterday is still the same entry.
      const before = await repos.contacts.getByClientId(input.clientId);
      if (before) return replay(user, before);
      const problems = await problemsOf(user, input);
      if (problems.length > 0) return { ok: false, errors: problems };
      let siteId = input.siteId ?? null;
      if (input.visitId && !siteId)
        siteId = (await repos.plans.listVisitsById([input.visitId]))[0]?.venueId ?? null;
      const t = now();
      const created = await inTransaction(store, async (tx) => {
        const entry = await tx.contacts.insertContact({
          clientId: input.clientId.toLowerCase(),
          loggedAtMs: Date.parse(input.loggedAt),
          recordedAtMs: t,
          staffUserId: user.id,
          advisorId: user.advisorId,
          channel: input.channel,
          visitId: input.visitId ?? null,
          siteId,
          topicIds: input.topicIds,
          language: input.language,
          ageBand: input.ageBand,
          groups: input.groups,
          durationMinutes: input.durationMinutes ?? null,
          outcome: input.outcome,
          referredTo: input.referredTo ?? null,
        });
        // Who logged what when; the entry's codes stay in the contact log, not here.
        if (entry)
          await writeAudit(tx, t, {
            actor: user,
            action: 'contact.create',
            targetType: 'contact',
            targetId: entry.id,
            details: { clientId: entry.clientId, visitId: entry.visitId },
          });
        return entry;
      });
      if (created) return { ok: true, created: true, entry: created };
      // Another request stored the same clientId between our read and our insert.
      const first = await repos.contacts.getByClientId(input.clientId.toLowerCase());
      if (!first) throw new Error('a contact conflicted on its clientId but cannot be read');
      return replay(user, first);
    },

    /** The caller's own entries logged on the dates [from, to] (Europe/Helsinki). */
    async listOwn(user: StaffUser, from: string, to: string): Promise<ContactEntry[]> {
      if (!isIsoDate(from)) throw new InvalidInputError('from: expected a date as YYYY-MM-DD', 'from');
      if (!isIsoDate(to)) throw new InvalidInputError('to: expected a date as YYYY-MM-DD', 'to');
      if (compareDates(to, from) < 0) throw new InvalidInputError(`to: expected ${from} or later`, 'to');
      if (compareDates(to, addDays(from, MAX_LIST_DAYS - 1)) > 0)
        throw new InvalidInputError(`to: expected at most ${MAX_LIST_DAYS} days from ${from}`, 'to');
      return repos.contacts.listOwn(
        user.id,
        wallClockToEpochMs(from as IsoDate, '00:00'),
        wallClockToEpochMs(addDays(to, 1), '00:00'),
      );
    },

    /** The caller's own entry by its clientId (null when there is none or it is another's). */
    async findOwn(user: StaffUser, clientId: string): Promise<ContactEntry | null> {
      if (!UUID_PATTERN.test(clientId)) return null;
      const entry = await repos.contacts.getByClientId(clientId.toLowerCase());
      return entry && entry.staffUserId === user.id ? entry : null;
    },

    /** Seconds left to undo an entry (0 when it can no longer be undone). */
    undoSecondsLeft(entry: ContactEntry): number {
      return Math.max(0, Math.ceil((entry.recordedAtMs + UNDO_SECONDS * 1000 - now()) / 1000));
    },

    /** Deletes the caller's entry if the server stored it less than a minute ago. */
    async undo(user: StaffUser, clientId: string): Promise<UndoResult> {
      if (!UUID_PATTERN.test(clientId)) return { status: 'not-found' };
      const id = clientId.toLowerCase();
      const entry = await repos.contacts.getByClientId(id);
      if (!entry || entry.staffUserId !== user.id) return { status: 'not-found' };
      const t = now();
      const done = await inTransaction(store, async (tx) => {
        const deleted = await tx.contacts.deleteRecentContact(id, user.id, t - UNDO_SECONDS * 1000);
        if (deleted)
          await writeAudit(tx, t, {
            actor: user,
            action: 'contact.undo',
            targetType: 'contact',
            targetId: entry.id,
            details: { clientId: id },
          });
        return deleted;
      });
      return done ? { status: 'undone' } : { status: 'too-late', entry };
    },

    /** The city's names of the referral targets (codes without a name fall back to the app's words). */
    async referralTargetNames(): Promise<ReferralTargetNames> {
      const parsed = referralTargetNamesSchema.safeParse(
        await repos.access.getSetting(REFERRAL_TARGETS_SETTING),
      );
      return parsed.success ? parsed.data : {};
    },
  };

  function replay(user: StaffUser, first: ContactEntry): RecordResult {
    // The same UUID from another account is not this caller's entry: never show it to them.
    if (first.staffUserId !== user.id)
      throw new ConflictError('clientId: this clientId belongs to an entry of another account', 'clientId');
    return { ok: true, created: false, entry: first };
  }
}

export type ContactService = ReturnType<typeof createContactService>;
export type { ReferralTarget, ReferralTargetNames };
