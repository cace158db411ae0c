/**
 * One booking as an iCalendar file (RFC 5545) for the booker's own calendar: a single VEVENT
 * whose UID stays the same for the booking (a later download updates the event), the time in
 * Europe/Helsinki with its VTIMEZONE, the place with its address, and the booking code. The
 * private link is left out: a calendar may be shared.
 */
import { getVtimezoneComponent } from '@touch4it/ical-timezones';
import ical, { ICalEventStatus } from 'ical-generator';
import { Temporal } from 'temporal-polyfill';
import type { Lang } from '../core/i18n.ts';
import type { Booking } from '../core/model/booking.ts';
import { HELSINKI } from '../core/time/civil-time.ts';
import type { PublicVisit } from '../services/public-service.ts';
import { isControlCode } from '../services/text.ts';
import { localePath } from './layout.tsx';
import { t } from './messages.ts';
import { siteAddress } from './pages/public-parts.tsx';

/** Control characters (but line breaks) have no place in iCalendar text; the generator escapes the rest. */
const clean = (text: string) =>
  Array.from(text, (ch) =>
    ch !== '\n' && ch !== '\r' && isControlCode(ch.charCodeAt(0), false) ? ' ' : ch,
  ).join('');

const utcStamp = (ms: number) =>
  new Date(ms)
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');

export function bookingCalendar(
  booking: Booking,
  { visit, venue }: Pick<PublicVisit, 'visit' | 'venue'>,
  {
    lang,
    origin,
    nowMs,
    swedishNames = {},
  }: { lang: Lang; origin: string; nowMs: number; swedishNames?: Readonly<Record<string, string>> },
): string {
  const cal = ical({
    prodId: { company: 'neuvo', product: 'booking', language: lang.toUpperCase() },
    timezone: { name: HELSINKI, generator: getVtimezoneComponent },
  });
  const cancelled = booking.status === 'cancelled';
  const venueName = venue.name[lang];
  const address = siteAddress(venue, lang, swedishNames);
  cal.createEvent({
    id: `booking-${booking.id}@neuvo`,
    // A cancelled booking replaces the event the calendar may hold already.
    sequence: cancelled ? 1 : 0,
    timezone: HELSINKI,
    start: Temporal.PlainDateTime.from(`${visit.date}T${booking.start}`),
    end: Temporal.PlainDateTime.from(`${visit.date}T${booking.end}`),
    stamp: new Date(nowMs),
    summary: clean(t(lang, cancelled ? 'bkCalSummaryCancelled' : 'bkCalSummary', { venue: venueName })),
    description: clean(t(lang, 'bkCalDescription', { code: booking.referenceCode })),
    location: clean(address ? `${venueName}, ${address}` : venueName),
    url: `${origin}${localePath(lang, `/places/${encodeURIComponent(venue.id)}`)}`,
    status: cancelled ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
  });
  // RFC 5545 wants DTSTAMP in UTC; the generator writes it in the calendar's zone.
  return cal.toString().replace(/^DTSTAMP:.*$/gm, `DTSTAMP:${utcStamp(nowMs)}`);
}
