/**
 * The booker's own page, reached by the private link: the booking's details, a calendar file,
 * changing the time, cancelling, and deleting my details. Every form is a plain post.
 */
import type { Lang } from '../../core/i18n.ts';
import type { Booking } from '../../core/model/booking.ts';
import type { Topic } from '../../core/model/topic.ts';
import { isoDateAt } from '../../core/time/civil-time.ts';
import type { BookingProblem } from '../../services/booking/booking-input.ts';
import type { Slot } from '../../services/booking/booking-service.ts';
import { languageName, type PublicVisit } from '../../services/public-service.ts';
import { Layout, localePath } from '../layout.tsx';
import { formatDate, formatWait, t } from '../messages.ts';
import {
  bookingPath,
  bookingProblemText,
  firstChoosable,
  NEED_KEYS,
  SlotFieldset,
  slotId,
  timeRange,
  VisitFacts,
} from './booking-parts.tsx';
import { ErrorSummary } from './form-parts.tsx';
import { placeHref } from './public-parts.tsx';

export interface BookingPageProps {
  readonly lang: Lang;
  readonly token: string;
  readonly booking: Booking;
  readonly item: PublicVisit;
  /** The visit's times (for the change form); none when the visit takes no bookings. */
  readonly slots: readonly Slot[];
  /** Every topic of the catalogue, for the booking's topic name. */
  readonly topics: readonly Topic[];
  /** The booking is still ahead and open: it can be changed and cancelled. */
  readonly ahead: boolean;
  /** The time was just changed. */
  readonly changed?: boolean;
  /** What went wrong with a change or a cancellation. */
  readonly problems?: readonly BookingProblem[];
  readonly waitSeconds?: number | undefined;
}

/** The booker's own page: details, calendar file, change the time, cancel, delete my details. */
export function BookingPage(props: BookingPageProps) {
  const { lang, token, booking: b, item, ahead, problems = [], waitSeconds } = props;
  const path = bookingPath(token);
  const action = (what: string) => localePath(lang, `${path}/${what}`);
  const visitCancelled = item.visit.status === 'cancelled';
  const title =
    b.status === 'cancelled'
      ? t(lang, 'bkCancelledTitle')
      : b.status === 'booked' && ahead
        ? t(lang, 'bkConfirmedTitle')
        : t(lang, 'bkOverTitle');
  const topic = b.topicId ? props.topics.find((x) => x.id === b.topicId) : undefined;
  const startError = problems.find((p) => p.field === 'start');
  const visitError = problems.find((p) => p.field === 'visit');
  const startErrorText = startError ? bookingProblemText(lang, startError) : null;
  const changeable = props.slots.filter((s) => !s.past && (s.free > 0 || s.start === b.start));
  const canChange = ahead && changeable.some((s) => s.start !== b.start);
  const note = item.visit.cancelNote?.[lang];
  const summary = startError
    ? [
        {
          href: `#${slotId('change', firstChoosable(props.slots, b.start)?.start ?? b.start)}`,
          text: startErrorText ?? '',
        },
      ]
    : [];
  return (
    <Layout
      lang={lang}
      title={problems.length > 0 ? `${t(lang, 'bkErrorTitle')}: ${title}` : title}
      path={path}
      noindex
    >
      <h1>{title}</h1>
      {waitSeconds !== undefined ? (
        <p class="error" role="alert">
          {t(lang, 'bkTooManyChanges', { wait: formatWait(lang, waitSeconds) })}
        </p>
      ) : null}
      {visitError ? (
        <p class="error" role="alert">
          {bookingProblemText(lang, visitError)}
        </p>
      ) : null}
      <ErrorSummary title={t(lang, 'bkErrorTitle')} items={summary} />
      {props.changed ? (
        <p class="notice" role="status">
          {t(lang, 'bkChanged')}
        </p>
      ) : null}
      {b.status === 'cancelled' ? (
        <p class="notice" role="status">
          {t(lang, visitCancelled ? 'bkCancelledByVisit' : 'bkCancelledText')}
        </p>
      ) : null}
      {visitCancelled && note ? (
        <p class="cancel-note">{t(lang, 'cancelledBecause', { reason: note })}</p>
      ) : null}
      <dl class="facts visit-facts">
        <dt>{t(lang, 'bkReference')}</dt>
        <dd>
          <strong class="reference-code">{b.referenceCode}</strong>
        </dd>
        <VisitFacts lang={lang} item={item} time={timeRange(lang, b.start, b.end)} />
        <dt>{t(lang, 'bkTopicShown')}</dt>
        <dd>{topic ? topic.name[lang] : t(lang, 'bkTopicOtherShown')}</dd>
        <dt>{t(lang, 'bkLanguageShown')}</dt>
        <dd>{languageName(lang, b.language)}</dd>
        <dt>{t(lang, 'bkNeedsShown')}</dt>
        <dd>
          {b.needs.length > 0 ? b.needs.map((n) => t(lang, NEED_KEYS[n])).join('; ') : t(lang, 'bkNeedsNone')}
        </dd>
        {b.firstName ? (
          <>
            <dt>{t(lang, 'bkNameShown')}</dt>
            <dd>{b.firstName}</dd>
          </>
        ) : null}
        {b.contact ? (
          <>
            <dt>{t(lang, 'bkContactShown')}</dt>
            <dd class="contact-value">{b.contact}</dd>
          </>
        ) : null}
      </dl>
      {b.firstName || b.contact ? (
        <p class="hint">
          {t(lang, 'bkErasureNote', { date: formatDate(lang, isoDateAt(b.eraseAfterMs), false) })}
        </p>
      ) : null}
      {b.status === 'booked' && ahead ? (
        <>
          <p>{t(lang, 'bkKeepLink')}</p>
          <p>
            <a href={localePath(lang, `${path}/booking.ics`)}>{t(lang, 'bkAddToCalendar')}</a>
          </p>
        </>
      ) : null}

      {b.status === 'booked' && ahead ? (
        <section aria-labelledby="change-heading" class="booking-action">
          <h2 id="change-heading">{t(lang, 'bkChangeHeading')}</h2>
          {canChange ? (
            <form method="post" action={action('change')} class="stacked-form booking-form">
              <SlotFieldset
                lang={lang}
                id="change-slots"
                legend={t(lang, 'bkChangeLegend')}
                slots={props.slots}
                prefix="change"
                checked={b.start}
                own={b.start}
                error={startErrorText}
              />
              <div>
                <button type="submit">{t(lang, 'bkChangeButton')}</button>
              </div>
            </form>
          ) : (
            <p>{t(lang, 'bkChangeNone')}</p>
          )}
        </section>
      ) : null}

      {b.status === 'booked' && ahead ? (
        <section aria-labelledby="cancel-heading" class="booking-action">
          <h2 id="cancel-heading">{t(lang, 'bkCancelHeading')}</h2>
          <p>{t(lang, 'bkCancelText')}</p>
          <form method="post" action={action('cancel')} class="booking-form">
            <button type="submit">{t(lang, 'bkCancelButton')}</button>
          </form>
        </section>
      ) : null}

      <section aria-labelledby="delete-heading" class="booking-action">
        <h2 id="delete-heading">{t(lang, 'bkDeleteHeading')}</h2>
        <p>{t(lang, 'bkDeleteText')}</p>
        <form method="post" action={action('delete')} class="booking-form">
          <button type="submit" class="secondary">
            {t(lang, 'bkDeleteButton')}
          </button>
        </form>
      </section>

      <ul class="plain link-list">
        {b.status === 'booked' && ahead ? null : (
          <li>
            <a href={placeHref(lang, item.venue)}>{t(lang, 'bkBookAgain')}</a>
          </li>
        )}
        <li>
          <a href={localePath(lang, '/schedule')}>{t(lang, 'bkSeeSchedule')}</a>
        </li>
      </ul>
    </Layout>
  );
}
