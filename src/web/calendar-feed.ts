/**
 * Calendar feeds (RFC 5545) of the public schedule: every visit with a stable UID, times in
 * Europe/Helsinki with its VTIMEZONE, and a cancelled visit kept as STATUS:CANCELLED (with a
 * higher SEQUENCE so calendars that already hold it update it) rather than dropped.
 */
import { getVtimezoneComponent } from '@touch4it/ical-timezones';
import ical, { ICalEventStatus } from 'ical-generator';
import { Temporal } from 'temporal-polyfill';
import type { Lang } from '../core/i18n.ts';
import { HELSINKI } from '../core/time/civil-time.ts';
import type { PublicVisit } from '../services/public-service.ts';
import { isControlCode } from '../services/text.ts';
import { localePath } from './layout.tsx';
import { t } from './messages.ts';
import { siteAddress, topicNames, visitLanguages } from './pages/public-parts.tsx';

export interface FeedOptions {
  readonly lang: Lang;
  readonly name: string;
  /** Absolute origin (https://example.org) for links back to the place pages. */
  readonly origin: string;
  readonly nowMs: number;
  /** The city's Swedish names of bilingual towns, for addresses in Swedish (`siteAddress`). */
  readonly swedishNames?: Readonly<Record<string, string>>;
}

/** Control characters (but line breaks) have no place in iCalendar text (RFC 5545, 3.3.11). */
const clean = (text: string) =>
  Array.from(text, (ch) =>
    ch !== '\n' && ch !== '\r' && isControlCode(ch.charCodeAt(0), false) ? ' ' : ch,
  ).join('');

/**
 * A TEXT value escaped as RFC 5545 wants it. The generator escapes the events' texts itself,
 * but writes the calendar's NAME and X-WR-CALNAME as given, so those are escaped here.
 */
export const icsText = (text: string) =>
  clean(text)
    .replace(/[\\;,]/g, (m) => `\\${m}`)
    .replace(/\r\n|\r|\n/g, '\\n');

const utcStamp = (ms: number) =>
  new Date(ms)
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');

export function calendarFeed(
  visits: readonly PublicVisit[],
  { lang, name, origin, nowMs, swedishNames = {} }: FeedOptions,
): string {
  const cal = ical({
    name: icsText(name),
    prodId: { company: 'neuvo', product: 'mobile-service-schedule', language: lang.toUpperCase() },
    timezone: { name: HELSINKI, generator: getVtimezoneComponent },
    ttl: 60 * 60,
  });
  for (const { visit, venue, languages, topics } of visits) {
    const cancelled = visit.status === 'cancelled';
    const venueName = venue.name[lang];
    const address = siteAddress(venue, lang, swedishNames);
    // The visit's own advisors' languages and topics, not those of other dates at the place.
    const description = [
      t(lang, 'calDescription', { languages: visitLanguages(lang, languages) }),
      !cancelled && topics.length > 0 ? t(lang, 'helpTopics', { topics: topicNames(lang, topics) }) : null,
      cancelled ? t(lang, 'cancelledBecause', { reason: visit.cancelNote?.[lang] ?? '' }) : null,
    ]
      .filter(Boolean)
      .join('\n');
    cal.createEvent({
      id: `${visit.id}@neuvo`,
      sequence: cancelled ? 1 : 0,
      timezone: HELSINKI,
      start: Temporal.PlainDateTime.from(`${visit.date}T${visit.start}`),
      end: Temporal.PlainDateTime.from(`${visit.date}T${visit.end}`),
      stamp: new Date(nowMs),
      summary: clean(t(lang, cancelled ? 'calSummaryCancelled' : 'calSummary', { venue: venueName })),
      description: clean(description),
      location: clean(address ? `${venueName}, ${address}` : venueName),
      url: `${origin}${localePath(lang, `/places/${encodeURIComponent(venue.id)}`)}`,
      status: cancelled ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
    });
  }
  // RFC 5545 wants DTSTAMP in UTC; the generator writes it in the calendar's zone.
  return cal.toString().replace(/^DTSTAMP:.*$/gm, `DTSTAMP:${utcStamp(nowMs)}`);
}
