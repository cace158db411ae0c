/** The accessibility statement (law 306/2019) and the feedback form it points to. */
import type { Child } from 'hono/jsx';
import type { Lang } from '../../core/i18n.ts';
import type { FeedbackProblem } from '../../services/feedback-service.ts';
import { FEEDBACK_MAX_CHARS, FEEDBACK_PAGE_MAX_CHARS } from '../../services/feedback-service.ts';
import { Layout, localePath } from '../layout.tsx';
import { formatDate, formatWait, type MessageKey, t } from '../messages.ts';
import { ErrorSummary, FormField } from './form-parts.tsx';

/** When the statement was last reviewed (update with every assessment). */
export const STATEMENT_DATE = '2026-11-28';

export function AccessibilityPage({ lang }: { lang: Lang }) {
  return (
    <Layout lang={lang} title={t(lang, 'a11yTitle')} path="/accessibility">
      <h1>{t(lang, 'a11yTitle')}</h1>
      <p>{t(lang, 'a11yIntro')}</p>
      <h2>{t(lang, 'a11yStatusTitle')}</h2>
      <p>{t(lang, 'a11yStatus')}</p>
      <h2>{t(lang, 'a11yLimitsTitle')}</h2>
      <ul>
        <li>{t(lang, 'a11yLimitsMap')}</li>
        <li>{t(lang, 'a11yLimitsPdf')}</li>
      </ul>
      <h2>{t(lang, 'a11yTestedTitle')}</h2>
      <p>{t(lang, 'a11yTested', { date: formatDate(lang, STATEMENT_DATE, false) })}</p>
      <h2>{t(lang, 'a11yFeedbackTitle')}</h2>
      <p>{t(lang, 'a11yFeedback')}</p>
      <p>
        <a href={localePath(lang, '/feedback?page=accessibility')}>{t(lang, 'feedbackLink')}</a>
      </p>
      <h2>{t(lang, 'a11yEnforcementTitle')}</h2>
      <p>{t(lang, 'a11yEnforcement')}</p>
      <p>{t(lang, 'a11yEnforcementContact')}</p>
    </Layout>
  );
}

const PROBLEM_TEXT: Record<string, MessageKey> = {
  'message:empty': 'feedbackErrorEmpty',
  'message:too-long': 'feedbackErrorLong',
  'page:too-long': 'feedbackErrorPage',
  'replyTo:not-an-email': 'feedbackErrorEmail',
  'message:control-character': 'feedbackErrorControl',
  'page:control-character': 'feedbackErrorControl',
  'replyTo:control-character': 'feedbackErrorControl',
};

export interface FeedbackPageProps {
  readonly lang: Lang;
  readonly sent?: boolean;
  readonly values?: { message: string; page: string; replyTo: string };
  readonly problems?: readonly FeedbackProblem[];
  /** Set when this address has sent too much: nothing was stored, the text is kept for later. */
  readonly waitSeconds?: number;
}

export function FeedbackPage({ lang, sent = false, values, problems = [], waitSeconds }: FeedbackPageProps) {
  const problemOf = (field: FeedbackProblem['field']) => {
    const p = problems.find((x) => x.field === field);
    if (!p) return null;
    const max = String(field === 'page' ? FEEDBACK_PAGE_MAX_CHARS : FEEDBACK_MAX_CHARS);
    return t(lang, PROBLEM_TEXT[`${p.field}:${p.problem}`] ?? 'feedbackErrorTitle', { max });
  };
  const fields = [
    ['message', 'feedback-message', 'feedbackMessage'],
    ['page', 'feedback-page', 'feedbackPage'],
    ['replyTo', 'feedback-reply', 'feedbackReply'],
  ] as const;
  const title =
    problems.length > 0 || waitSeconds !== undefined
      ? `${t(lang, 'feedbackErrorTitle')}: ${t(lang, 'feedbackTitle')}`
      : t(lang, 'feedbackTitle');
  return (
    <Layout lang={lang} title={title} path="/feedback">
      <h1>{t(lang, 'feedbackTitle')}</h1>
      {sent ? (
        <p class="notice" role="status">
          {t(lang, 'feedbackThanks')}
        </p>
      ) : null}
      {waitSeconds !== undefined ? (
        <p class="error" role="alert">
          {t(lang, 'feedbackTooMany', { wait: formatWait(lang, waitSeconds) })}
        </p>
      ) : null}
      <ErrorSummary
        title={t(lang, 'feedbackErrorTitle')}
        items={fields.flatMap(([field, id]) => {
          const text = problemOf(field);
          return text ? [{ href: `#${id}`, text }] : [];
        })}
      />
      <p>{t(lang, 'feedbackIntro')}</p>
      <form method="post" action={localePath(lang, '/feedback')} class="stacked-form">
        <FormField id="feedback-message" label={t(lang, 'feedbackMessage')} error={problemOf('message')}>
          {(aria) => (
            <textarea id="feedback-message" name="message" required maxlength={FEEDBACK_MAX_CHARS} {...aria}>
              {values?.message ?? ''}
            </textarea>
          )}
        </FormField>
        <FormField id="feedback-page" label={t(lang, 'feedbackPage')} error={problemOf('page')}>
          {(aria) => (
            <input
              type="text"
              id="feedback-page"
              name="page"
              value={values?.page ?? ''}
              maxlength={FEEDBACK_PAGE_MAX_CHARS}
              {...aria}
            />
          )}
        </FormField>
        <FormField
          id="feedback-reply"
          label={t(lang, 'feedbackReply')}
          hint={t(lang, 'feedbackReplyHint')}
          error={problemOf('replyTo')}
        >
          {(aria) => (
            <input
              type="email"
              id="feedback-reply"
              name="replyTo"
              value={values?.replyTo ?? ''}
              autocomplete="email"
              {...aria}
            />
          )}
        </FormField>
        <div>
          <button type="submit">{t(lang, 'feedbackSend')}</button>
        </div>
      </form>
    </Layout>
  );
}
