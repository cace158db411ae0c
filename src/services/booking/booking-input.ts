/**
 * What a booking form or the API sends, checked field by field. Every problem names its field
 * and a code the pages turn into words in the resident's language.
 */
import { BOOKING_NEEDS, type BookingNeed, type ContactKind } from '../../core/model/booking.ts';
import { hasControlCharacter, isPlainEmail } from '../text.ts';

export const FIRST_NAME_MAX = 60;
export const CONTACT_MAX = 254;

export type BookingField = 'visit' | 'start' | 'language' | 'topicId' | 'needs' | 'firstName' | 'contact';

export type BookingProblemCode =
  | 'unknown'
  | 'cancelled'
  | 'past'
  | 'full'
  | 'not-bookable'
  | 'required'
  | 'too-long'
  | 'malformed'
  | 'control-character';

export interface BookingProblem {
  readonly field: BookingField;
  readonly problem: BookingProblemCode;
}

export interface BookingInput {
  readonly start: string;
  readonly language: string;
  readonly topicId?: string | undefined;
  readonly needs?: readonly string[] | undefined;
  readonly firstName?: string | undefined;
  /** A phone number or an e-mail address for a reminder and change notices. */
  readonly contact?: string | undefined;
  /** The page language; messages to the booker are in it. */
  readonly lang: 'fi' | 'sv' | 'en';
}

export interface CheckedInput {
  readonly start: string;
  readonly language: string;
  readonly topicId: string | null;
  readonly needs: BookingNeed[];
  readonly firstName: string | null;
  readonly contact: { readonly value: string; readonly kind: ContactKind } | null;
}

/**
 * A phone number as people type it: digits with spaces, dashes, dots or brackets, an optional
 * leading +; 7–15 digits. Kept as typed apart from the separators.
 */
export function normalisePhone(text: string): string | null {
  const trimmed = text.trim();
  if (!/^\+?[0-9 ()./-]+$/.test(trimmed)) return null;
  const digits = trimmed.replace(/[^0-9]/g, '');
  if (digits.length < 7 || digits.length > 15) return null;
  return (trimmed.startsWith('+') ? '+' : '') + digits;
}

/** The contact as e-mail or phone, or a problem. */
export function parseContact(text: string): CheckedInput['contact'] | BookingProblemCode {
  const value = text.trim();
  if (value === '') return null;
  if (hasControlCharacter(value, false)) return 'control-character';
  if (value.length > CONTACT_MAX) return 'too-long';
  if (value.includes('@')) return isPlainEmail(value) ? { value, kind: 'email' } : 'malformed';
  const phone = normalisePhone(value);
  return phone ? { value: phone, kind: 'phone' } : 'malformed';
}

/** Checks the fields that need no database; `known` lists the valid languages and topics. */
export function checkBookingInput(
  input: BookingInput,
  known: { readonly languages: readonly string[]; readonly topicIds: readonly string[] },
): { ok: true; value: CheckedInput } | { ok: false; problems: BookingProblem[] } {
  const problems: BookingProblem[] = [];
  const start = input.start.trim();
  if (start === '') problems.push({ field: 'start', problem: 'required' });
  else if (!/^\d{2}:\d{2}$/.test(start)) problems.push({ field: 'start', problem: 'malformed' });
  const language = input.language.trim();
  if (language === '') problems.push({ field: 'language', problem: 'required' });
  else if (!known.languages.includes(language)) problems.push({ field: 'language', problem: 'unknown' });
  const topicId = (input.topicId ?? '').trim();
  if (topicId !== '' && !known.topicIds.includes(topicId))
    problems.push({ field: 'topicId', problem: 'unknown' });
  const needs = [...new Set(input.needs ?? [])];
  if (needs.some((n) => !(BOOKING_NEEDS as readonly string[]).includes(n)))
    problems.push({ field: 'needs', problem: 'unknown' });
  const firstName = (input.firstName ?? '').trim();
  if (hasControlCharacter(firstName, false))
    problems.push({ field: 'firstName', problem: 'control-character' });
  else if (firstName.length > FIRST_NAME_MAX) problems.push({ field: 'firstName', problem: 'too-long' });
  const contact = parseContact(input.contact ?? '');
  if (typeof contact === 'string') problems.push({ field: 'contact', problem: contact });
  if (problems.length > 0) return { ok: false, problems };
  return {
    ok: true,
    value: {
      start,
      language,
      topicId: topicId === '' ? null : topicId,
      needs: needs as BookingNeed[],
      firstName: firstName === '' ? null : firstName,
      contact: typeof contact === 'string' ? null : contact,
    },
  };
}
