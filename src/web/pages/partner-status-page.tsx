/**
 * What a partner sees after sending a request: the status page it follows by its private link
 * (reference, status in words, the planner's answer, the request as sent), and the answer to a
 * link that names no request.
 */
import type { Lang } from '../../core/i18n.ts';
import type { PartnerFormOptions, PartnerRequest } from '../../services/partner-request-service.ts';
import { languageName } from '../../services/public-service.ts';
import { Layout, localePath } from '../layout.tsx';
import { formatDate, t } from '../messages.ts';
import { blockLabel, PARTNER_STATUS_KEYS, weekdayName } from './partner-labels.ts';

export interface PartnerStatusPageProps {
  readonly lang: Lang;
  readonly request: PartnerRequest;
  /** The place names (venues), for the requested and the planned venue. */
  readonly venueName: (id: string) => string | null;
  readonly blocks: PartnerFormOptions['blocks'];
  /** The page's own path (with the token), for the language switch. */
  readonly path: string;
}

/** The request as the partner follows it: reference, status in words, the planner's answer. */
export function PartnerStatusPage({ lang, request: r, venueName, blocks, path }: PartnerStatusPageProps) {
  const title = t(lang, 'partnerStatusTitle', { code: r.referenceCode });
  const statusText: Record<PartnerRequest['status'], string> = {
    new: t(lang, 'partnerStatusNewText'),
    accepted: t(lang, 'partnerStatusAcceptedText'),
    declined: t(lang, 'partnerStatusDeclinedText'),
    question: t(lang, 'partnerStatusQuestionText', { code: r.referenceCode }),
  };
  const place = [r.venueId ? venueName(r.venueId) : null, r.address].filter(Boolean).join(', ');
  const block = r.blockId ? blocks.find((b) => b.id === r.blockId) : undefined;
  return (
    <Layout lang={lang} title={title} path={path}>
      <h1>{title}</h1>
      <dl class="facts partner-facts">
        <dt>{t(lang, 'partnerReference')}</dt>
        <dd>
          <strong>{r.referenceCode}</strong>
        </dd>
        <dt>{t(lang, 'partnerStatus')}</dt>
        <dd>{t(lang, PARTNER_STATUS_KEYS[r.status])}</dd>
        {r.status === 'accepted' && r.plannedVenueId ? (
          <>
            <dt>{t(lang, 'partnerPlannedVenue')}</dt>
            <dd>{venueName(r.plannedVenueId) ?? r.plannedVenueId}</dd>
          </>
        ) : null}
      </dl>
      <p class="notice" role="status">
        {statusText[r.status]}
      </p>
      {r.reply ? (
        <section aria-labelledby="reply-heading">
          <h2 id="reply-heading">
            {t(lang, r.status === 'question' ? 'partnerQuestionLabel' : 'partnerReplyLabel')}
          </h2>
          <p class="partner-reply">{r.reply}</p>
        </section>
      ) : null}
      <section aria-labelledby="request-heading">
        <h2 id="request-heading">{t(lang, 'partnerYourRequest')}</h2>
        <dl class="facts partner-facts">
          <dt>{t(lang, 'partnerOrganisation')}</dt>
          <dd>{r.organisation}</dd>
          {place ? (
            <>
              <dt>{t(lang, 'partnerPlace')}</dt>
              <dd>{place}</dd>
            </>
          ) : null}
          {r.weeksFrom && r.weeksTo ? (
            <>
              <dt>{t(lang, 'partnerWeeks')}</dt>
              <dd>
                {t(lang, 'partnerWeeksValue', {
                  from: formatDate(lang, r.weeksFrom, false),
                  to: formatDate(lang, r.weeksTo, false),
                })}
              </dd>
            </>
          ) : null}
          <dt>{t(lang, 'partnerDays')}</dt>
          <dd>
            {r.weekdays.length > 0
              ? r.weekdays.map((d) => weekdayName(lang, d)).join(', ')
              : t(lang, 'partnerAnyDay')}
          </dd>
          <dt>{t(lang, 'partnerTime')}</dt>
          <dd>{block ? blockLabel(lang, block) : t(lang, 'partnerBlockAny')}</dd>
          {r.audience ? (
            <>
              <dt>{t(lang, 'partnerAudienceShown')}</dt>
              <dd>{r.audience}</dd>
            </>
          ) : null}
          {r.audienceSize !== null ? (
            <>
              <dt>{t(lang, 'partnerAudienceSizeShown')}</dt>
              <dd>{String(r.audienceSize)}</dd>
            </>
          ) : null}
          {r.languages.length > 0 ? (
            <>
              <dt>{t(lang, 'partnerLanguagesShown')}</dt>
              <dd>{r.languages.map((l) => languageName(lang, l)).join(', ')}</dd>
            </>
          ) : null}
        </dl>
      </section>
      <p>
        {t(lang, 'partnerPrivateLink')} {t(lang, 'partnerErasedNote')}
      </p>
      <p>
        <a href={localePath(lang, '/partners')}>{t(lang, 'partnerNewRequest')}</a>
      </p>
    </Layout>
  );
}

/** A status link that names no request (mistyped, or its request erased). */
export function PartnerLinkNotFoundPage({ lang }: { lang: Lang }) {
  return (
    <Layout lang={lang} title={t(lang, 'partnerLinkNotFoundTitle')} path="/partners">
      <h1>{t(lang, 'partnerLinkNotFoundTitle')}</h1>
      <p>{t(lang, 'partnerLinkNotFoundText')}</p>
      <p>
        <a href={localePath(lang, '/partners')}>{t(lang, 'partnerNewRequest')}</a>
      </p>
    </Layout>
  );
}
