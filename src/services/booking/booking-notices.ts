/**
 * The messages a booker receives, in the language of the page they booked on: the
 * confirmation, the reminder the day before, and the notice that the visit was cancelled.
 * Only what the booker needs to find the place and time; no other personal data.
 */
import type { Lang } from '../../core/i18n.ts';
import type { Booking } from '../../core/model/booking.ts';
import type { IsoDate } from '../../core/time/civil-time.ts';
import { plainNoticeText } from '../notify/plain-notice.ts';

export type NoticeKind = 'booking-confirmed' | 'booking-reminder' | 'booking-cancelled' | 'booking-changed';

export interface NoticePlace {
  readonly name: string;
  readonly address: string;
  readonly date: IsoDate;
}

const TEXTS = {
  fi: {
    'booking-confirmed': ['Varauksesi on vahvistettu', 'Varasit ajan neuvontaan.'],
    'booking-changed': ['Varaustasi on muutettu', 'Varauksesi uusi aika.'],
    'booking-reminder': [
      'Muistutus: neuvonta-aikasi on huomenna',
      'Muistutamme huomisesta neuvonta-ajastasi.',
    ],
    'booking-cancelled': [
      'Neuvontakäynti on peruttu',
      'Valitettavasti neuvontakäynti, jolle varasit ajan, on peruttu. Varauksesi on peruttu. Voit varata uuden ajan verkkosivuilta.',
    ],
    greeting: 'Hei',
    place: 'Paikka',
    time: 'Aika',
    reference: 'Varaustunnus',
    manage: 'Voit perua tai muuttaa varauksen tästä linkistä',
    noReply: 'Tähän viestiin ei voi vastata.',
  },
  sv: {
    'booking-confirmed': ['Din bokning är bekräftad', 'Du har bokat en tid för rådgivning.'],
    'booking-changed': ['Din bokning har ändrats', 'Den nya tiden för din bokning.'],
    'booking-reminder': [
      'Påminnelse: din rådgivningstid är i morgon',
      'Vi påminner om din rådgivningstid i morgon.',
    ],
    'booking-cancelled': [
      'Rådgivningsbesöket är inställt',
      'Tyvärr är rådgivningsbesöket som du bokade en tid till inställt. Din bokning har avbokats. Du kan boka en ny tid på webbplatsen.',
    ],
    greeting: 'Hej',
    place: 'Plats',
    time: 'Tid',
    reference: 'Bokningskod',
    manage: 'Du kan avboka eller ändra bokningen via den här länken',
    noReply: 'Det går inte att svara på det här meddelandet.',
  },
  en: {
    'booking-confirmed': ['Your booking is confirmed', 'You have booked a time for advice.'],
    'booking-changed': ['Your booking has changed', 'The new time of your booking.'],
    'booking-reminder': [
      'Reminder: your advice time is tomorrow',
      'A reminder of your advice time tomorrow.',
    ],
    'booking-cancelled': [
      'The advice visit is cancelled',
      'Unfortunately the advice visit you booked a time at has been cancelled, and so has your booking. You can book a new time on the website.',
    ],
    greeting: 'Hello',
    place: 'Place',
    time: 'Time',
    reference: 'Booking code',
    manage: 'You can cancel or change the booking with this link',
    noReply: 'Replies to this message are not read.',
  },
} as const;

function formatDay(lang: Lang, date: IsoDate): string {
  const [y, m, d] = date.split('-').map(Number);
  return new Intl.DateTimeFormat(lang === 'fi' ? 'fi-FI' : lang === 'sv' ? 'sv-FI' : 'en-GB', {
    weekday: 'long',
    day: 'numeric',
    month: 'numeric',
    year: 'numeric',
    timeZone: 'UTC',
  }).format(new Date(Date.UTC(y ?? 1970, (m ?? 1) - 1, d ?? 1)));
}

/** Subject and plain-text body of a notice. `manageUrl` only where the link is known. */
export function noticeText(
  kind: NoticeKind,
  booking: Pick<Booking, 'lang' | 'firstName' | 'start' | 'end' | 'referenceCode'>,
  place: NoticePlace,
  manageUrl?: string,
): { subject: string; body: string } {
  const tx = TEXTS[booking.lang];
  const [subject, intro] = tx[kind];
  return plainNoticeText({
    subject,
    opening: `${tx.greeting}${booking.firstName ? ` ${booking.firstName}` : ''},`,
    intro,
    facts: [
      [tx.place, `${place.name}${place.address ? `, ${place.address}` : ''}`],
      [tx.time, `${formatDay(booking.lang, place.date)} ${booking.start}–${booking.end}`],
      [tx.reference, booking.referenceCode],
    ],
    blocks: manageUrl && kind !== 'booking-cancelled' ? [{ label: tx.manage, text: manageUrl }] : [],
    closing: tx.noReply,
  });
}
