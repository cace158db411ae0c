/**
 * Residents' feedback on the public pages. The message is required; the page and a reply
 * address are optional. Reply addresses are cleared after `REPLY_RETENTION_DAYS`.
 */
import type { Lang } from '../core/i18n.ts';
import type { FeedbackEntry, FeedbackFilter } from '../db/repositories/feedback-repository.ts';
import { createRepositories, inTransaction } from '../db/repositories.ts';
import type { Store } from '../db/store.ts';
import { hasControlCharacter, isPlainEmail } from './text.ts';

export const FEEDBACK_MAX_CHARS = 4000;
export const FEEDBACK_PAGE_MAX_CHARS = 300;
export const REPLY_RETENTION_DAYS = 365;
/** Feedback messages are deleted this long after they arrive (NEUVO_FEEDBACK_RETENTION_DAYS). */
export const DEFAULT_FEEDBACK_RETENTION_DAYS = 730;
export const FEEDBACK_PAGE_SIZE = 50;

export type FeedbackProblem =
  | { readonly field: 'message'; readonly problem: 'empty' | 'too-long' | 'control-character' }
  | { readonly field: 'page'; readonly problem: 'too-long' | 'control-character' }
  | { readonly field: 'replyTo'; readonly problem: 'not-an-email' | 'control-character' };

export interface FeedbackInput {
  readonly lang: Lang;
  readonly message: string;
  readonly page: string;
  readonly replyTo: string;
}

export function checkFeedback(input: FeedbackInput): FeedbackProblem[] {
  const problems: FeedbackProblem[] = [];
  // Line breaks belong in the message only; other control characters (NUL …) nowhere.
  if (hasControlCharacter(input.message, true))
    problems.push({ field: 'message', problem: 'control-character' });
  if (hasControlCharacter(input.page, false)) problems.push({ field: 'page', problem: 'control-character' });
  if (hasControlCharacter(input.replyTo, false))
    problems.push({ field: 'replyTo', problem: 'control-character' });
  if (problems.length > 0) return problems;
  const message = input.message.trim();
  if (message === '') problems.push({ field: 'message', problem: 'empty' });
  else if (message.length > FEEDBACK_MAX_CHARS) problems.push({ field: 'message', problem: 'too-long' });
  if (input.page.trim().length > FEEDBACK_PAGE_MAX_CHARS)
    problems.push({ field: 'page', problem: 'too-long' });
  const reply = input.replyTo.trim();
  if (reply !== '' && !isPlainEmail(reply)) problems.push({ field: 'replyTo', problem: 'not-an-email' });
  return problems;
}

export type { FeedbackEntry, FeedbackFilter };

export function createFeedbackService({
  store,
  retentionDays = DEFAULT_FEEDBACK_RETENTION_DAYS,
}: {
  store: Store;
  retentionDays?: number;
}) {
  return {
    retentionDays,

    /** The newest feedback first (staff only). */
    async list(limit = 200): Promise<FeedbackEntry[]> {
      return createRepositories(store.db).feedback.list(limit);
    },

    /** One page (from 1) of the feedback that matches, newest first. */
    async search(
      filter: FeedbackFilter,
      page: number,
    ): Promise<{ items: FeedbackEntry[]; total: number; page: number; pages: number }> {
      const found = await createRepositories(store.db).feedback.search(filter, {
        offset: (Math.max(1, page) - 1) * FEEDBACK_PAGE_SIZE,
        limit: FEEDBACK_PAGE_SIZE,
      });
      return {
        ...found,
        page: Math.max(1, page),
        pages: Math.max(1, Math.ceil(found.total / FEEDBACK_PAGE_SIZE)),
      };
    },

    /**
     * Enforces the retention periods whether or not anyone writes: reply addresses after
     * {@link REPLY_RETENTION_DAYS}, messages after `retentionDays`. Returns what was removed.
     */
    async enforceRetention(): Promise<{ replyAddresses: number; messages: number }> {
      return inTransaction(store, async (repos) => {
        const messages = await repos.feedback.deleteOlderThan(retentionDays);
        return {
          replyAddresses: await repos.feedback.setReplyAddressesExpired(REPLY_RETENTION_DAYS),
          messages,
        };
      });
    },

    /** Saves valid feedback; returns the problems otherwise. */
    async send(input: FeedbackInput): Promise<{ ok: true } | { ok: false; problems: FeedbackProblem[] }> {
      const problems = checkFeedback(input);
      if (problems.length > 0) return { ok: false, problems };
      await inTransaction(store, async (repos) => {
        await repos.feedback.insertFeedback({
          lang: input.lang,
          message: input.message.trim(),
          page: input.page.trim() || null,
          replyTo: input.replyTo.trim() || null,
        });
      });
      return { ok: true };
    },
  };
}

export type FeedbackService = ReturnType<typeof createFeedbackService>;
