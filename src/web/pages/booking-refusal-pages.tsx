/**
 * The booking pages that say why something cannot be done: a visit that takes no bookings
 * (unknown, cancelled with its note, or over) and a short page with a title and a text.
 */
import type { Lang } from '../../core/i18n.ts';
import type { VisitRefusal } from '../../services/booking/booking-service.ts';
import type { PublicVisit } from '../../services/public-service.ts';
import { Layout, localePath } from '../layout.tsx';
import { type MessageKey, t } from '../messages.ts';
import { VisitFacts } from './booking-parts.tsx';
import { placeHref } from './public-parts.tsx';

const REFUSAL_KEYS: Record<VisitRefusal, readonly [MessageKey, MessageKey]> = {
  unknown: ['bkVisitUnknownTitle', 'bkVisitUnknownText'],
  cancelled: ['bkVisitCancelledTitle', 'bkVisitCancelledText'],
  past: ['bkVisitPastTitle', 'bkVisitPastText'],
};

/** A visit that takes no bookings: unknown, cancelled (with its note) or over. */
export function VisitRefusalPage({
  lang,
  refusal,
  item,
  path,
}: {
  lang: Lang;
  refusal: VisitRefusal;
  item?: PublicVisit | undefined;
  path: string;
}) {
  const [title, text] = REFUSAL_KEYS[refusal];
  const note = item?.visit.cancelNote?.[lang];
  return (
    <Layout lang={lang} title={t(lang, title)} path={path}>
      <h1>{t(lang, title)}</h1>
      <p>{t(lang, text)}</p>
      {refusal === 'cancelled' && note ? (
        <p class="cancel-note">{t(lang, 'cancelledBecause', { reason: note })}</p>
      ) : null}
      {item ? (
        <dl class="facts visit-facts">
          <VisitFacts lang={lang} item={item} />
        </dl>
      ) : null}
      <ul class="plain link-list">
        {item ? (
          <li>
            <a href={placeHref(lang, item.venue)}>
              {t(lang, 'bkBackToPlace', { place: item.venue.name[lang] })}
            </a>
          </li>
        ) : null}
        <li>
          <a href={localePath(lang, '/schedule')}>{t(lang, 'bkSeeSchedule')}</a>
        </li>
      </ul>
    </Layout>
  );
}

/** A short page: a title, a text, and the way to the schedule. */
export function BookingMessagePage({
  lang,
  title,
  text,
  path,
  noindex = false,
}: {
  lang: Lang;
  title: MessageKey;
  text: MessageKey;
  path: string;
  noindex?: boolean;
}) {
  return (
    <Layout lang={lang} title={t(lang, title)} path={path} noindex={noindex}>
      <h1>{t(lang, title)}</h1>
      <p>{t(lang, text)}</p>
      <ul class="plain link-list">
        <li>
          <a href={localePath(lang, '/schedule')}>{t(lang, 'bkSeeSchedule')}</a>
        </li>
      </ul>
    </Layout>
  );
}
