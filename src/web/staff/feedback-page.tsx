/** Residents' feedback from the public pages, for staff (newest first). */
import type { Lang } from '../../core/i18n.ts';
import { isoDateAt, wallTimeAt } from '../../core/time/civil-time.ts';
import type { FeedbackRow } from '../../services/feedback-service.ts';
import { Layout } from '../layout.tsx';
import { formatDate, formatTime, t } from '../messages.ts';
import { StaffNav } from './staff-nav.tsx';

export function FeedbackInboxPage({
  lang,
  user,
  items,
}: {
  lang: Lang;
  user: { displayName: string };
  items: readonly FeedbackRow[];
}) {
  return (
    <Layout lang={lang} title={t(lang, 'feedbackInboxTitle')} path="/planner/feedback" user={user} wide>
      <StaffNav lang={lang} current="feedback" />
      <h1>{t(lang, 'feedbackInboxTitle')}</h1>
      <p>{t(lang, 'feedbackInboxIntro')}</p>
      {items.length === 0 ? (
        <p>{t(lang, 'feedbackNone')}</p>
      ) : (
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
              {items.map((f) => (
                <tr>
                  <td>
                    {formatDate(lang, isoDateAt(f.createdAtMs))} {formatTime(lang, wallTimeAt(f.createdAtMs))}{' '}
                    ({f.lang})
                  </td>
                  <td>{f.page ?? '—'}</td>
                  <td class="feedback-message">{f.message}</td>
                  <td>{f.replyTo ? <a href={`mailto:${f.replyTo}`}>{f.replyTo}</a> : '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Layout>
  );
}
