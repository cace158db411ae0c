/**
 * The planner's inbox of partner requests: the list (by status, newest first, with the count
 * of each status) and one request with its three decisions as plain forms (accept with a venue
 * and priority, decline with a reason, ask back with a question), errors next to their field
 * and what was typed kept.
 */
import type { Child } from 'hono/jsx';
import type { Lang } from '../../core/i18n.ts';
import { isoDateAt, wallTimeAt } from '../../core/time/civil-time.ts';
import {
  PARTNER_LIMITS,
  PARTNER_REQUEST_STATUSES,
  type PartnerDecisionProblem,
  type PartnerFormOptions,
  type PartnerInbox,
  type PartnerRequest,
  type PartnerRequestStatus,
} from '../../services/partner-request-service.ts';
import { languageName } from '../../services/public-service.ts';
import { isPlainEmail } from '../../services/text.ts';
import { Layout, localePath } from '../layout.tsx';
import { formatDate, formatTime, type MessageKey, t } from '../messages.ts';
import { blockLabel, weekdayName } from '../pages/partner-labels.ts';
import { StaffNav } from './staff-nav.tsx';

export const STAFF_STATUS_KEYS: Record<PartnerRequestStatus, MessageKey> = {
  new: 'partnerStaffNew',
  accepted: 'partnerStaffAccepted',
  declined: 'partnerStaffDeclined',
  question: 'partnerStaffQuestion',
};

const when = (lang: Lang, ms: number) =>
  `${formatDate(lang, isoDateAt(ms), false)} ${formatTime(lang, wallTimeAt(ms))}`;

const weeksText = (lang: Lang, r: PartnerRequest) =>
  r.weeksFrom && r.weeksTo
    ? t(lang, 'partnerWeeksValue', {
        from: formatDate(lang, r.weeksFrom, false),
        to: formatDate(lang, r.weeksTo, false),
      })
    : '—';

const placeText = (r: PartnerRequest, venueName: (id: string) => string) =>
  [r.venueId ? venueName(r.venueId) : null, r.address].filter(Boolean).join(', ') || '—';

export function PartnerInboxPage({
  lang,
  user,
  inbox,
  status,
  venueName,
}: {
  lang: Lang;
  user: { displayName: string };
  inbox: PartnerInbox;
  status: PartnerRequestStatus | undefined;
  venueName: (id: string) => string;
}) {
  const base = localePath(lang, '/planner/requests');
  const pageHref = (page: number) =>
    `${base}?${new URLSearchParams({ ...(status ? { status } : {}), page: String(page) })}`;
  return (
    <Layout lang={lang} title={t(lang, 'partnerInboxTitle')} path="/planner/requests" user={user} wide>
      <StaffNav lang={lang} current="requests" user={user} />
      <h1>{t(lang, 'partnerInboxTitle')}</h1>
      <p>{t(lang, 'partnerInboxIntro')}</p>
      <h2 id="counts-heading">{t(lang, 'partnerCounts')}</h2>
      <ul aria-labelledby="counts-heading" class="plain status-counts">
        {PARTNER_REQUEST_STATUSES.map((s) => (
          <li>
            <a href={`${base}?status=${s}`} aria-current={status === s ? 'page' : undefined}>
              {t(lang, 'partnerCountLine', {
                status: t(lang, STAFF_STATUS_KEYS[s]),
                n: String(inbox.counts[s]),
              })}
            </a>
          </li>
        ))}
      </ul>
      <form method="get" action={base} class="inline-form">
        <label>
          {t(lang, 'partnerFilterStatus')}
          <select name="status">
            <option value="">{t(lang, 'partnerFilterAll')}</option>
            {PARTNER_REQUEST_STATUSES.map((s) => (
              <option value={s} selected={status === s}>
                {t(lang, STAFF_STATUS_KEYS[s])}
              </option>
            ))}
          </select>
        </label>
        <button type="submit">{t(lang, 'partnerFilterShow')}</button>
      </form>
      {inbox.items.length === 0 ? (
        <p>{t(lang, 'partnerNone')}</p>
      ) : (
        <>
          <p role="status">
            {t(lang, 'partnerPageOf', {
              total: String(inbox.total),
              page: String(inbox.page),
              pages: String(inbox.pages),
            })}
          </p>
          <section class="table-wrap" aria-labelledby="requests-caption" tabindex={0}>
            <table>
              <caption id="requests-caption">{t(lang, 'partnerInboxTitle')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t(lang, 'partnerColReceived')}</th>
                  <th scope="col">{t(lang, 'partnerColOrganisation')}</th>
                  <th scope="col">{t(lang, 'partnerColPlace')}</th>
                  <th scope="col">{t(lang, 'partnerColWeeks')}</th>
                  <th scope="col">{t(lang, 'partnerColStatus')}</th>
                  <th scope="col">{t(lang, 'partnerColPriority')}</th>
                </tr>
              </thead>
              <tbody>
                {inbox.items.map((r) => (
                  <tr>
                    <td class="nowrap">{when(lang, r.createdAtMs)}</td>
                    <td>
                      <a href={`${base}/${r.id}`}>{r.organisation}</a> ({r.referenceCode})
                    </td>
                    <td>{placeText(r, venueName)}</td>
                    <td>{weeksText(lang, r)}</td>
                    <td>{t(lang, STAFF_STATUS_KEYS[r.status])}</td>
                    <td class="num">{r.priority ?? '—'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </section>
          <nav aria-label={t(lang, 'partnerInboxTitle')} class="pager">
            {inbox.page > 1 ? <a href={pageHref(inbox.page - 1)}>{t(lang, 'partnerNewer')}</a> : null}{' '}
            {inbox.page < inbox.pages ? (
              <a href={pageHref(inbox.page + 1)}>{t(lang, 'partnerOlder')}</a>
            ) : null}
          </nav>
        </>
      )}
    </Layout>
  );
}

/** What the decision forms hold after a refused post (the one posted keeps what was typed). */
export interface DecisionForms {
  readonly action?: 'accept' | 'decline' | 'ask';
  readonly plannedVenueId?: string;
  readonly priority?: string;
  readonly reply?: string;
  readonly problems?: readonly PartnerDecisionProblem[];
}

const DECISION_ERRORS: Record<string, MessageKey> = {
  'reply:required': 'partnerErrReplyRequired',
  'reply:too-long': 'partnerErrTooLong',
  'reply:control-character': 'partnerErrControl',
  'plannedVenueId:required': 'partnerErrPlannedVenue',
  'plannedVenueId:unknown-venue': 'partnerErrPlannedVenueUnknown',
  'priority:invalid-priority': 'partnerErrPriority',
};

function FieldError({ id, text }: { id: string; text: string | null }) {
  return text ? (
    <p class="field-error" id={id}>
      {text}
    </p>
  ) : null;
}

export function PartnerRequestPage({
  lang,
  user,
  request: r,
  venues,
  blocks,
  forms,
  done,
  refusal,
}: {
  lang: Lang;
  user: { displayName: string };
  request: PartnerRequest;
  venues: PartnerFormOptions['venues'];
  blocks: PartnerFormOptions['blocks'];
  forms: DecisionForms;
  /** What was just done (after a redirect). */
  done?: 'accept' | 'decline' | 'ask' | undefined;
  /** Why the post was refused as a whole (the request was erased). */
  refusal?: string | undefined;
}) {
  const base = localePath(lang, `/planner/requests/${r.id}`);
  const venueName = (id: string) => venues.find((v) => v.id === id)?.name[lang] ?? id;
  const title = t(lang, 'partnerDetailTitle', { organisation: r.organisation, code: r.referenceCode });
  const errorOf = (action: DecisionForms['action'], field: PartnerDecisionProblem['field']) => {
    if (forms.action !== action) return null;
    const p = forms.problems?.find((x) => x.field === field);
    if (!p) return null;
    return t(lang, DECISION_ERRORS[`${p.field}:${p.problem}`] ?? 'partnerErrorTitle', {
      max: String(PARTNER_LIMITS.reply),
    });
  };
  const typed = (action: DecisionForms['action'], field: 'plannedVenueId' | 'priority' | 'reply') =>
    forms.action === action ? forms[field] : undefined;
  const aria = (id: string, error: string | null, hint?: string) => {
    const describedBy = [error ? `${id}-error` : null, hint ?? null].filter(Boolean).join(' ');
    return {
      ...(error ? { 'aria-invalid': 'true' as const } : {}),
      ...(describedBy ? { 'aria-describedby': describedBy } : {}),
    };
  };
  const doneKey = {
    accept: 'partnerDoneAccept',
    decline: 'partnerDoneDecline',
    ask: 'partnerDoneAsk',
  } as const;
  const block = r.blockId ? blocks.find((b) => b.id === r.blockId) : undefined;
  const collator = new Intl.Collator(lang);
  const venueOptions = [...venues].sort((a, b) => collator.compare(a.name[lang], b.name[lang]));
  const plannedVenue = typed('accept', 'plannedVenueId') ?? r.plannedVenueId ?? r.venueId ?? '';
  const priority = typed('accept', 'priority') ?? (r.priority ? String(r.priority) : '2');
  const replyBox = (action: 'accept' | 'decline' | 'ask', label: MessageKey, required: boolean): Child => {
    const id = `${action}-reply`;
    const error = errorOf(action, 'reply');
    return (
      <>
        <label for={id}>{t(lang, label)}</label>
        <p class="hint" id={`${id}-hint`}>
          {t(lang, 'partnerReplyHint')}
        </p>
        <FieldError id={`${id}-error`} text={error} />
        <textarea
          id={id}
          name="reply"
          maxlength={PARTNER_LIMITS.reply}
          required={required}
          {...aria(id, error, `${id}-hint`)}
        >
          {typed(action, 'reply') ?? (action === 'accept' && r.status === 'accepted' ? (r.reply ?? '') : '')}
        </textarea>
      </>
    );
  };
  return (
    <Layout lang={lang} title={title} path={`/planner/requests/${r.id}`} user={user} wide>
      <StaffNav lang={lang} current="requests" user={user} />
      <p>
        <a href={localePath(lang, '/planner/requests')}>{t(lang, 'partnerBackToInbox')}</a>
      </p>
      <h1>{title}</h1>
      {done ? (
        <p class="notice" role="status">
          {t(lang, doneKey[done])}
        </p>
      ) : null}
      {refusal ? (
        <p class="error" role="alert">
          {refusal}
        </p>
      ) : null}
      <dl class="facts">
        <dt>{t(lang, 'partnerStatus')}</dt>
        <dd>{t(lang, STAFF_STATUS_KEYS[r.status])}</dd>
        {r.status === 'accepted' ? (
          <>
            <dt>{t(lang, 'partnerPlannedVenue')}</dt>
            <dd>{r.plannedVenueId ? venueName(r.plannedVenueId) : '—'}</dd>
            <dt>{t(lang, 'partnerPriorityShown')}</dt>
            <dd>{r.priority ?? '—'}</dd>
          </>
        ) : null}
        <dt>{t(lang, 'partnerReceived')}</dt>
        <dd>{when(lang, r.createdAtMs)}</dd>
        {r.decidedAtMs !== null ? (
          <>
            <dt>{t(lang, 'partnerDecided')}</dt>
            <dd>{when(lang, r.decidedAtMs)}</dd>
          </>
        ) : null}
        <dt>{t(lang, 'partnerOrganisation')}</dt>
        <dd>{r.organisation}</dd>
        <dt>{t(lang, 'partnerContactName')}</dt>
        <dd>{r.contactName ?? '—'}</dd>
        <dt>{t(lang, 'partnerContactShown')}</dt>
        <dd>
          {r.contact === null ? (
            '—'
          ) : r.contactKind === 'email' && isPlainEmail(r.contact) ? (
            <a href={`mailto:${r.contact}`}>{r.contact}</a>
          ) : r.contactKind === 'phone' ? (
            <a href={`tel:${r.contact.replace(/\s/g, '')}`}>{r.contact}</a>
          ) : (
            r.contact
          )}
        </dd>
        <dt>{t(lang, 'partnerPlace')}</dt>
        <dd>{placeText(r, venueName)}</dd>
        <dt>{t(lang, 'partnerWeeks')}</dt>
        <dd>{weeksText(lang, r)}</dd>
        <dt>{t(lang, 'partnerDays')}</dt>
        <dd>
          {r.weekdays.length > 0
            ? r.weekdays.map((d) => weekdayName(lang, d)).join(', ')
            : t(lang, 'partnerAnyDay')}
        </dd>
        <dt>{t(lang, 'partnerTime')}</dt>
        <dd>{block ? blockLabel(lang, block) : r.blockId ? r.blockId : t(lang, 'partnerBlockAny')}</dd>
        <dt>{t(lang, 'partnerAudienceShown')}</dt>
        <dd>{r.audience ?? '—'}</dd>
        <dt>{t(lang, 'partnerAudienceSizeShown')}</dt>
        <dd>{r.audienceSize ?? '—'}</dd>
        <dt>{t(lang, 'partnerLanguagesShown')}</dt>
        <dd>{r.languages.length > 0 ? r.languages.map((l) => languageName(lang, l)).join(', ') : '—'}</dd>
        <dt>{t(lang, 'partnerMessageShown')}</dt>
        <dd class="partner-reply">{r.message ?? '—'}</dd>
        <dt>{t(lang, 'partnerLangShown')}</dt>
        <dd>{languageName(lang, r.lang)}</dd>
        {r.reply ? (
          <>
            <dt>{t(lang, r.status === 'question' ? 'partnerQuestionLabel' : 'partnerReplyLabel')}</dt>
            <dd class="partner-reply">{r.reply}</dd>
          </>
        ) : null}
      </dl>
      <p>
        {r.erasedAtMs !== null
          ? t(lang, 'partnerErased', { date: formatDate(lang, isoDateAt(r.erasedAtMs), false) })
          : t(lang, 'partnerEraseAfter', { date: formatDate(lang, isoDateAt(r.eraseAfterMs), false) })}
      </p>

      {r.erasedAtMs === null ? (
        <div class="decisions">
          <section aria-labelledby="accept-heading">
            <h2 id="accept-heading">{t(lang, 'partnerAcceptTitle')}</h2>
            <p>{t(lang, 'partnerAcceptIntro')}</p>
            <form method="post" action={`${base}/accept`} class="stacked-form">
              <label for="accept-venue">{t(lang, 'partnerPlannedVenueLabel')}</label>
              <p class="hint" id="accept-venue-hint">
                {t(lang, 'partnerPlannedVenueHint')}
              </p>
              <FieldError id="accept-venue-error" text={errorOf('accept', 'plannedVenueId')} />
              <select
                id="accept-venue"
                name="plannedVenueId"
                {...aria('accept-venue', errorOf('accept', 'plannedVenueId'), 'accept-venue-hint')}
              >
                <option value="">{t(lang, 'partnerPlannedVenueChoose')}</option>
                {venueOptions.map((v) => (
                  <option value={v.id} selected={plannedVenue === v.id}>
                    {v.name[lang]}
                  </option>
                ))}
              </select>
              <fieldset
                {...(errorOf('accept', 'priority') ? { 'aria-describedby': 'accept-priority-error' } : {})}
              >
                <legend>{t(lang, 'partnerPriorityLabel')}</legend>
                <FieldError id="accept-priority-error" text={errorOf('accept', 'priority')} />
                {(['1', '2', '3'] as const).map((p) => (
                  <label class="check" for={`accept-priority-${p}`}>
                    <input
                      type="radio"
                      id={`accept-priority-${p}`}
                      name="priority"
                      value={p}
                      checked={priority === p}
                    />
                    {t(lang, `partnerPriority${p}`)}
                  </label>
                ))}
              </fieldset>
              {replyBox('accept', 'partnerReplyOptional', false)}
              <div>
                <button type="submit">{t(lang, 'partnerAcceptButton')}</button>
              </div>
            </form>
          </section>
          <section aria-labelledby="decline-heading">
            <h2 id="decline-heading">{t(lang, 'partnerDeclineTitle')}</h2>
            <form method="post" action={`${base}/decline`} class="stacked-form">
              {replyBox('decline', 'partnerDeclineReply', true)}
              <div>
                <button type="submit">{t(lang, 'partnerDeclineButton')}</button>
              </div>
            </form>
          </section>
          <section aria-labelledby="ask-heading">
            <h2 id="ask-heading">{t(lang, 'partnerAskTitle')}</h2>
            <form method="post" action={`${base}/ask`} class="stacked-form">
              {replyBox('ask', 'partnerAskQuestion', true)}
              <div>
                <button type="submit">{t(lang, 'partnerAskButton')}</button>
              </div>
            </form>
          </section>
        </div>
      ) : null}
    </Layout>
  );
}
