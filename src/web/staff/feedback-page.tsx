/**
 * Residents' feedback from the public pages, for staff: newest first, a page at a time, by
 * language and words. Reply addresses are shown to administrators only (they answer).
 */
import { isLang, LANGS, type Lang } from '../../core/i18n.ts';
import { isoDateAt, wallTimeAt } from '../../core/time/civil-time.ts';
import {
  type FeedbackEntry,
  type FeedbackFilter,
  REPLY_RETENTION_DAYS,
} from '../../services/feedback-service.ts';
import { languageName } from '../../services/public-service.ts';
import { isPlainEmail } from '../../services/text.ts';
import { Layout, localePath } from '../layout.tsx';
import { formatDate, formatTime, t } from '../messages.ts';
import { StaffNav } from './staff-nav.tsx';

/** The filter from the page's query (unknown values are ignored). */
export function feedbackFilterOf(query: Record<string, string>): FeedbackFilter {
  const lang = query.lang;
  const text = query.q?.trim().slice(0, 100);
  return { ...(lang && isLang(lang) ? { lang } : {}), ...(text ? { text } : {}) };
}

export function FeedbackInboxPage({
  lang,
  user,
  found,
  filter,
  showReplyAddresses,
  retentionDays,
}: {
  lang: Lang;
  user: { displayName: string };
  found: { items: readonly FeedbackEntry[]; total: number; page: number; pages: number };
  filter: FeedbackFilter;
  showReplyAddresses: boolean;
  retentionDays: number;
}) {
  const base = localePath(lang, '/planner/feedback');
  const pageHref = (page: number) => {
    const q = new URLSearchParams({
      ...(filter.lang ? { lang: filter.lang } : {}),
      ...(filter.text ? { q: filter.text } : {}),
      page: String(page),
    });
    return `${base}?${q}`;
  };
  return (
    <Layout lang={lang} title={t(lang, 'feedbackInboxTitle')} path="/planner/feedback" user={user} wide>
      <StaffNav lang={lang} current="feedback" user={user} />
      <h1>{t(lang, 'feedbackInboxTitle')}</h1>
      <p>{t(lang, 'feedbackInboxIntro')}</p>
      <p>
        {t(lang, 'feedbackRetention', {
          replyDays: String(REPLY_RETENTION_DAYS),
          messageDays: String(retentionDays),
        })}
      </p>
      <form method="get" action={base} class="inline-form">
        <label>
          {t(lang, 'feedbackFilterLang')}
          <select name="lang">
            <option value="">{t(lang, 'feedbackFilterAll')}</option>
            {LANGS.map((l) => (
              <option value={l} selected={filter.lang === l}>
                {languageName(lang, l)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t(lang, 'feedbackFilterText')}
          <input name="q" type="search" value={filter.text ?? ''} maxlength={100} />
        </label>
        <button type="submit">{t(lang, 'feedbackFilterSubmit')}</button>
      </form>
      {found.items.length === 0 ? (
        <p>{t(lang, 'feedbackNone')}</p>
      ) : (
        <>
          <p role="status">
            {t(lang, 'feedbackCount', {
              total: String(found.total),
              page: String(found.page),
              pages: String(found.pages),
            })}
          </p>
          <div class="table-wrap">
            <table>
              <thead>
                <tr>
                  <th scope="col">{t(lang, 'colReceived')}</th>
                  <th scope="col">{t(lang, 'colFeedbackPage')}</th>
                  <th scope="col">{t(lang, 'colFeedbackMessage')}</th>
                  <th scope="col">{t(lang, 'colReplyTo')}</th>
                </tr>
              </thead>
              <tbody>
                {found.items.map((f) => (
                  <tr>
                    <td>
                      {formatDate(lang, isoDateAt(f.createdAtMs))}{' '}
                      {formatTime(lang, wallTimeAt(f.createdAtMs))} ({languageName(lang, f.lang)})
                    </td>
                    <td>{f.page ?? '—'}</td>
                    <td class="feedback-message">{f.message}</td>
                    <td>
                      {!f.replyTo ? (
                        '—'
                      ) : !showReplyAddresses ? (
                        t(lang, 'feedbackReplyHidden')
                      ) : isPlainEmail(f.replyTo) ? (
                        <a href={`mailto:${f.replyTo}`}>{f.replyTo}</a>
                      ) : (
                        f.replyTo
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <nav aria-label={t(lang, 'feedbackInboxTitle')} class="pager">
            {found.page > 1 ? <a href={pageHref(found.page - 1)}>{t(lang, 'feedbackNewer')}</a> : null}{' '}
            {found.page < found.pages ? (
              <a href={pageHref(found.page + 1)}>{t(lang, 'feedbackOlder')}</a>
            ) : null}
          </nav>
        </>
      )}
    </Layout>
  );
}
