/**
 * Messages to bookers, queued in the transaction of the change they tell about, and the
 * cancellation of bookings whose visit is cancelled (a repair, an advisor's absence, a
 * re-published plan). Plain functions of a transaction, so whatever cancels a visit (the
 * planning service's publish) cancels its bookings without a booking service of its own.
 */
import { asSiteId } from '../../core/ids.ts';
import type { Booking } from '../../core/model/booking.ts';
import type { IsoDate } from '../../core/time/civil-time.ts';
import type { Repositories } from '../../db/repositories.ts';
import { type NoticeKind, noticeText } from './booking-notices.ts';

/**
 * Queues a message to the booker when they left a contact, in their language, in the same
 * transaction. `key` tells apart two notices of one kind for one booking (a second change);
 * `manageUrl` is the booker's link, where the message carries it.
 */
export async function queueBookingNotice(
  tx: Repositories,
  kind: NoticeKind,
  booking: Booking,
  visit: { readonly venueId: string; readonly date: IsoDate },
  extra: { readonly manageUrl?: string | undefined; readonly key?: string | undefined } = {},
): Promise<void> {
  if (!booking.contact || !booking.contactKind) return;
  const site = await tx.sites.get(asSiteId(visit.venueId));
  const lang = booking.lang;
  const address = site?.address ? [site.address.street, site.address.city].filter(Boolean).join(', ') : '';
  const text = noticeText(
    kind,
    booking,
    { name: site?.name[lang] ?? visit.venueId, address, date: visit.date },
    extra.manageUrl,
  );
  await tx.outbox.enqueue({
    dedupeKey: `${kind}:${booking.id}${extra.key ? `:${extra.key}` : ''}`,
    kind,
    channel: booking.contactKind === 'email' ? 'email' : 'sms',
    lang,
    recipient: booking.contact,
    subject: text.subject,
    body: text.body,
  });
}

/**
 * Cancels the open bookings of visits that were just cancelled and queues a notice to each
 * booker who left a contact. Call it inside the transaction that cancels the visits; returns
 * how many bookings it cancelled.
 */
export async function cancelBookingsOfVisits(tx: Repositories, visitIds: readonly string[]): Promise<number> {
  if (visitIds.length === 0) return 0;
  const open = await tx.bookings.openForVisits(visitIds);
  const visits = new Map<string, Awaited<ReturnType<Repositories['bookings']['visit']>>>();
  for (const b of open) {
    await tx.bookings.setStatus(b.id, 'cancelled', 'visit');
    if (!visits.has(b.visitId)) visits.set(b.visitId, await tx.bookings.visit(b.visitId));
    const v = visits.get(b.visitId);
    if (v) await queueBookingNotice(tx, 'booking-cancelled', b, v);
  }
  return open.length;
}
