/**
 * A partner request's codes in words, the same on the partner's pages and the planners' inbox:
 * the weekdays and time blocks asked for, and the request's status.
 */
import type { Lang } from '../../core/i18n.ts';
import { isoDateAt } from '../../core/time/civil-time.ts';
import type { PartnerRequest } from '../../services/partner-request-service.ts';
import { formatDate, formatTime, type MessageKey, t } from '../messages.ts';

const WEEKDAY_KEYS: Record<number, MessageKey> = {
  1: 'partnerWeekday1',
  2: 'partnerWeekday2',
  3: 'partnerWeekday3',
  4: 'partnerWeekday4',
  5: 'partnerWeekday5',
};

/** A block's name and hours: "Aamupäivä 9.30–12.00". */
export function blockLabel(lang: Lang, block: { id: string; start: string; end: string }): string {
  const name = t(
    lang,
    block.id === 'morning'
      ? 'partnerBlockMorning'
      : block.id === 'afternoon'
        ? 'partnerBlockAfternoon'
        : 'partnerBlockOther',
  );
  return `${name} ${t(lang, 'timeRange', { start: formatTime(lang, block.start), end: formatTime(lang, block.end) })}`;
}

export const weekdayName = (lang: Lang, weekday: number): string => {
  const key = WEEKDAY_KEYS[weekday];
  return key ? t(lang, key) : String(weekday);
};

/** The status in words, for the partner. */
export const PARTNER_STATUS_KEYS: Record<PartnerRequest['status'], MessageKey> = {
  new: 'partnerStatusNew',
  accepted: 'partnerStatusAccepted',
  declined: 'partnerStatusDeclined',
  question: 'partnerStatusQuestion',
};

/** The day a timestamp falls on, in words (for the staff pages). */
export const dayOf = (lang: Lang, ms: number): string => formatDate(lang, isoDateAt(ms), false);
