import type { BookingId, TopicId, VisitId } from '../ids.ts';
import { minutesToWallTime, parseWallTime, type WallTime } from '../time/civil-time.ts';

/**
 * A resident's booked support time at a visit. Minimal by design: a reference code the
 * resident keeps, the topic, language and needs the advisor prepares for, and optionally a
 * first name and a way to send a reminder. The personal fields are erased after the
 * retention period; the anonymous rest stays for the statistics.
 */
export const BOOKING_STATUSES = ['booked', 'cancelled', 'attended', 'no-show'] as const;
export type BookingStatus = (typeof BOOKING_STATUSES)[number];

/** What a resident may ask the advisor to be ready for. */
export const BOOKING_NEEDS = ['interpreter', 'accessibility'] as const;
export type BookingNeed = (typeof BOOKING_NEEDS)[number];

export type ContactKind = 'email' | 'phone';

export interface Booking {
  readonly id: BookingId;
  readonly visitId: VisitId;
  readonly referenceCode: string;
  readonly start: WallTime;
  readonly end: WallTime;
  readonly status: BookingStatus;
  readonly topicId: TopicId | null;
  readonly language: string;
  readonly needs: readonly BookingNeed[];
  /** The page language of the booker: messages to them are in it. */
  readonly lang: 'fi' | 'sv' | 'en';
  readonly firstName: string | null;
  readonly contact: string | null;
  readonly contactKind: ContactKind | null;
  readonly createdAtMs: number;
  readonly eraseAfterMs: number;
  readonly erased: boolean;
}

/**
 * How a visit is offered for booking: times of `slotMinutes`, of which `walkInPercent` per cent
 * (rounded up) are kept for people who come without booking.
 */
export interface SlotRule {
  readonly slotMinutes: number;
  readonly walkInPercent: number;
}

/** Product default: half-hour times, every other one kept for walk-ins. */
export const DEFAULT_SLOT_RULE: SlotRule = { slotMinutes: 30, walkInPercent: 50 };

export interface SlotTime {
  readonly start: WallTime;
  readonly end: WallTime;
}

/**
 * The bookable times of a visit from `start` to `end`: the visit is cut into whole slots; the
 * bookable ones are spread evenly over it (the first slot is bookable, then walk-in slots fall
 * between), so walk-ins are served throughout the visit. Every slot has one seat per advisor.
 */
export function bookableSlots(start: WallTime, end: WallTime, rule: SlotRule): SlotTime[] {
  const from = parseWallTime(start);
  const to = parseWallTime(end);
  if (!from.ok || !to.ok || rule.slotMinutes <= 0) return [];
  const n = Math.floor((to.value - from.value) / rule.slotMinutes);
  const k = Math.floor((n * (100 - Math.min(100, Math.max(0, rule.walkInPercent)))) / 100);
  const slots: SlotTime[] = [];
  for (let i = 0; i < n; i++) {
    // Slot i is bookable when the running share ⌈i·k/n⌉ steps up at it (Bresenham-like spread).
    if (Math.ceil((i * k) / n) === Math.ceil(((i + 1) * k) / n)) continue;
    const s = from.value + i * rule.slotMinutes;
    slots.push({ start: minutesToWallTime(s), end: minutesToWallTime(s + rule.slotMinutes) });
  }
  return slots;
}

/** The effective rule: the visit's own values, else the venue's, else the default. */
export function slotRuleOf(
  visit: { readonly slotMinutes: number | null; readonly walkInPercent: number | null },
  venue: SlotRule | null,
  fallback: SlotRule = DEFAULT_SLOT_RULE,
): SlotRule {
  const base = venue ?? fallback;
  return {
    slotMinutes: visit.slotMinutes ?? base.slotMinutes,
    walkInPercent: visit.walkInPercent ?? base.walkInPercent,
  };
}

/** Letters and digits that cannot be mistaken for one another when read aloud or copied. */
const CODE_ALPHABET = '23456789ABCDEFGHJKLMNPQRSTUVWXYZ';

/** A reference code like `B-7K3Q-9XMA` from random bytes (one character per byte used). */
export function referenceCodeOf(prefix: string, random: Uint8Array): string {
  const chars = [...random.slice(0, 8)].map((b) => CODE_ALPHABET[b % CODE_ALPHABET.length]).join('');
  return `${prefix}-${chars.slice(0, 4)}-${chars.slice(4, 8)}`;
}
