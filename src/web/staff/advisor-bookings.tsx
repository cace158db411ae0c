/**
 * The bookings of one visit in the advisors' day view: by time, with the reference code, the
 * first name when given, the topic, language and needs, the status, and for a booking that
 * stands two plain form posts, "Attended" and "No-show" (a mark can be corrected by the other
 * button). Marking needs the network: with the app's script, a post made offline is stopped and
 * the section says so; without it, the browser's own offline page tells.
 */
import type { Lang } from '../../core/i18n.ts';
import type { Booking, BookingStatus } from '../../core/model/booking.ts';
import type { DayBookings } from '../../services/booking/booking-staff.ts';
import { languageName } from '../../services/public-service.ts';
import { localePath } from '../layout.tsx';
import { formatTime, type MessageKey, t } from '../messages.ts';

/** Where a booking's mark is posted. */
export const markPath = (lang: Lang, bookingId: string) =>
  localePath(lang, `/advisor/bookings/${bookingId}/mark`);

const STATUS_KEYS: Readonly<Record<BookingStatus, MessageKey>> = {
  booked: 'advStatus_booked',
  cancelled: 'advStatus_cancelled',
  attended: 'advStatus_attended',
  'no-show': 'advStatus_no_show',
};

export const statusText = (lang: Lang, status: BookingStatus) => t(lang, STATUS_KEYS[status]);

function needsText(lang: Lang, b: Booking): string {
  if (b.needs.length === 0) return t(lang, 'advNoNeeds');
  return b.needs.map((n) => t(lang, `advNeed_${n}`)).join(', ');
}

export function VisitBookings({
  lang,
  visitId,
  bookings,
}: {
  lang: Lang;
  visitId: string;
  /** Absent: bookings are not shown (the app runs without them). */
  bookings: DayBookings | undefined;
}) {
  const list = bookings?.byVisit.get(visitId) ?? [];
  const headingId = `bookings-${visitId}`;
  return (
    <div class="adv-bookings" data-offline={t(lang, 'advMarkNeedsConnection')}>
      <h4 id={headingId}>{t(lang, 'advBookings')}</h4>
      {list.length === 0 ? (
        <p>{t(lang, 'advBookingsNone')}</p>
      ) : (
        // One card per booking, buttons within reach: a table would push them off a phone's screen.
        <ol class="adv-booking-list" aria-labelledby={headingId}>
          {list.map((b) => (
            <li id={`b-${b.id}`} class="adv-booking">
              <p class="adv-booking-head">
                <strong>
                  {t(lang, 'timeRange', { start: formatTime(lang, b.start), end: formatTime(lang, b.end) })}
                </strong>{' '}
                <span class="adv-code">
                  <span class="visually-hidden">{t(lang, 'advColReference')} </span>
                  {b.referenceCode}
                </span>{' '}
                <span>
                  <span class="visually-hidden">{t(lang, 'advColFirstName')} </span>
                  {b.firstName ?? '—'}
                </span>
              </p>
              <dl class="adv-booking-facts">
                <div>
                  <dt>{t(lang, 'advColTopic')}</dt>
                  <dd>
                    {b.topicId
                      ? (bookings?.topicNames.get(b.topicId)?.[lang] ?? b.topicId)
                      : t(lang, 'advNoTopic')}
                  </dd>
                </div>
                <div>
                  <dt>{t(lang, 'advColLanguage')}</dt>
                  <dd>{languageName(lang, b.language)}</dd>
                </div>
                <div>
                  <dt>{t(lang, 'advColNeeds')}</dt>
                  <dd>{needsText(lang, b)}</dd>
                </div>
                <div>
                  <dt>{t(lang, 'advColStatus')}</dt>
                  <dd>{statusText(lang, b.status)}</dd>
                </div>
              </dl>
              {b.status === 'cancelled' ? null : (
                <div class="adv-marks">
                  {(
                    [
                      ['attended', 'advMarkAttended'],
                      ['no-show', 'advMarkNoShow'],
                    ] as const
                  ).map(([status, label]) => (
                    <form method="post" action={markPath(lang, b.id)} class="adv-mark">
                      <input type="hidden" name="status" value={status} />
                      <button type="submit" class={b.status === status ? 'adv-primary' : 'adv-secondary'}>
                        {t(lang, label)}
                        <span class="visually-hidden">
                          {' '}
                          ({t(lang, 'advMarkFor', { code: b.referenceCode })})
                        </span>
                      </button>
                    </form>
                  ))}
                </div>
              )}
            </li>
          ))}
        </ol>
      )}
      <p class="adv-mark-note error" role="alert" hidden />
    </div>
  );
}
