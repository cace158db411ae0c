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

export const statusText = (lang: Lang, status: BookingStatus) =>
  t(lang, `advStatus_${status.replace(/-/g, '_')}` as MessageKey);

function needsText(lang: Lang, b: Booking): string {
  if (b.needs.length === 0) return t(lang, 'advNoNeeds');
  return b.needs.map((n) => t(lang, `advNeed_${n}` as MessageKey)).join(', ');
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
      {/* A region keyboard users can scroll where the table is wider than the phone. */}
      <section class="table-wrap" aria-labelledby={headingId} tabindex={0}>
        <table>
          <thead>
            <tr>
              <th scope="col">{t(lang, 'advColTime')}</th>
              <th scope="col">{t(lang, 'advColReference')}</th>
              <th scope="col">{t(lang, 'advColFirstName')}</th>
              <th scope="col">{t(lang, 'advColTopic')}</th>
              <th scope="col">{t(lang, 'advColLanguage')}</th>
              <th scope="col">{t(lang, 'advColNeeds')}</th>
              <th scope="col">{t(lang, 'advColStatus')}</th>
              <th scope="col">{t(lang, 'advColAttended')}</th>
            </tr>
          </thead>
          <tbody>
            {list.length === 0 ? (
              <tr>
                <td colspan={8}>{t(lang, 'advBookingsNone')}</td>
              </tr>
            ) : (
              list.map((b) => (
                <tr id={`b-${b.id}`}>
                  <td>
                    {t(lang, 'timeRange', { start: formatTime(lang, b.start), end: formatTime(lang, b.end) })}
                  </td>
                  <td class="adv-code">{b.referenceCode}</td>
                  <td>{b.firstName ?? '—'}</td>
                  <td>
                    {b.topicId
                      ? (bookings?.topicNames.get(b.topicId)?.[lang] ?? b.topicId)
                      : t(lang, 'advNoTopic')}
                  </td>
                  <td>{languageName(lang, b.language)}</td>
                  <td>{needsText(lang, b)}</td>
                  <td>{statusText(lang, b.status)}</td>
                  <td>
                    {b.status === 'cancelled' ? (
                      '—'
                    ) : (
                      <div class="adv-marks">
                        {(
                          [
                            ['attended', 'advMarkAttended'],
                            ['no-show', 'advMarkNoShow'],
                          ] as const
                        ).map(([status, label]) => (
                          <form method="post" action={markPath(lang, b.id)} class="adv-mark">
                            <input type="hidden" name="status" value={status} />
                            <button
                              type="submit"
                              class={b.status === status ? 'adv-primary' : 'adv-secondary'}
                            >
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
                  </td>
                </tr>
              ))
            )}
          </tbody>
        </table>
      </section>
      <p class="adv-mark-note error" role="alert" hidden />
    </div>
  );
}
