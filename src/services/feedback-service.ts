/**
 * Residents' feedback on the public pages. The message is required; the page and a reply
 * address are optional. Reply addresses are cleared after `REPLY_RETENTION_DAYS`.
 */
import type { Lang } from '../core/i18n.ts';
import type { FeedbackRow } from '../db/repositories/feedback-repository.ts';
import { createRepositories, inTransaction } from '../db/repositories.ts';
import type { Store } from '../db/store.ts';
import { EMAIL } from './auth-service.ts';

export const FEEDBACK_MAX_CHARS = 4000;
export const FEEDBACK_PAGE_MAX_CHARS = 300;
export const REPLY_RETENTION_DAYS = 365;

export type FeedbackProblem =
  | { readonly field: 'message'; readonly problem: 'empty' | 'too-long' }
  | { readonly field: 'page'; readonly problem: 'too-long' }
  | { readonly field: 'replyTo'; readonly problem: 'not-an-email' };

export interface FeedbackInput {
  readonly lang: Lang;
  readonly message: string;
  readonly page: string;
  readonly replyTo: string;
}

export function checkFeedback(input: FeedbackInput): FeedbackProblem[] {
  const problems: FeedbackProblem[] = [];
  const message = input.message.trim();
  if (message === '') problems.push({ field: 'message', problem: 'empty' });
  else if (message.length > FEEDBACK_MAX_CHARS) problems.push({ field: 'message', problem: 'too-long' });
  if (input.page.trim().length > FEEDBACK_PAGE_MAX_CHARS)
    problems.push({ field: 'page', problem: 'too-long' });
  const reply = input.replyTo.trim();
  if (reply !== '' && (reply.length > 320 || !EMAIL.test(reply)))
    problems.push({ field: 'replyTo', problem: 'not-an-email' });
  return problems;
}

export type { FeedbackRow };

export function createFeedbackService({ store }: { store: Store }) {
  return {
    /** The newest feedback first (staff only). */
    async list(limit = 200): Promise<FeedbackRow[]> {
      return createRepositories(store.db).feedback.list(limit);
    },

    /** Saves valid feedback (and clears expired reply addresses); returns the problems otherwise. */
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
        await repos.feedback.setReplyAddressesExpired(REPLY_RETENTION_DAYS);
      });
      return { ok: true };
    },
  };
}

export type FeedbackService = ReturnType<typeof createFeedbackService>;
