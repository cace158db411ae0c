/**
 * The partner organisations' request form: its fields and limits, the choices it offers (venues,
 * the planning's time blocks, the service's languages) and the check of every field at once, each
 * problem by field and code, before anything is stored.
 */
import type { Lang } from '../core/i18n.ts';
import { addDays, compareDates, type IsoDate, isIsoDate } from '../core/time/civil-time.ts';
import type { ReadRepositories } from '../db/repositories.ts';
import { loadPlanningDefaults } from './planning/planning-defaults.ts';
import { hasControlCharacter, isPlainEmail } from './text.ts';

export const PARTNER_LIMITS = {
  organisation: 120,
  contactName: 80,
  contact: 254,
  address: 200,
  audience: 300,
  message: 2000,
  reply: 2000,
  audienceSizeMin: 1,
  audienceSizeMax: 10_000,
  /** The preferred weeks may span at most this many days (26 weeks). */
  spanDays: 26 * 7,
} as const;

export const PARTNER_FIELDS = [
  'organisation',
  'contactName',
  'contact',
  'venueId',
  'address',
  'weeksFrom',
  'weeksTo',
  'weekdays',
  'blockId',
  'audience',
  'audienceSize',
  'languages',
  'message',
] as const;
export type PartnerField = (typeof PARTNER_FIELDS)[number];

export type PartnerProblemCode =
  | 'required'
  | 'too-long'
  | 'control-character'
  | 'invalid-contact'
  | 'unknown-venue'
  | 'venue-or-address'
  | 'invalid-date'
  | 'past'
  | 'before-start'
  | 'too-long-span'
  | 'invalid-weekday'
  | 'unknown-block'
  | 'invalid-number'
  | 'unknown-language';

export interface PartnerProblem {
  readonly field: PartnerField;
  readonly problem: PartnerProblemCode;
}

/** The form's fields as typed (every value a string, lists as lists). */
export interface PartnerRequestInput {
  readonly organisation: string;
  readonly contactName: string;
  readonly contact: string;
  readonly venueId: string;
  readonly address: string;
  readonly weeksFrom: string;
  readonly weeksTo: string;
  readonly weekdays: readonly string[];
  readonly blockId: string;
  readonly audience: string;
  readonly audienceSize: string;
  readonly languages: readonly string[];
  readonly message: string;
}

export const EMPTY_PARTNER_INPUT: PartnerRequestInput = {
  organisation: '',
  contactName: '',
  contact: '',
  venueId: '',
  address: '',
  weeksFrom: '',
  weeksTo: '',
  weekdays: [],
  blockId: '',
  audience: '',
  audienceSize: '',
  languages: [],
  message: '',
};

/** What the form offers: venues by name, the planning's time blocks and the service's languages. */
export interface PartnerFormOptions {
  readonly today: IsoDate;
  readonly venues: readonly { readonly id: string; readonly name: Readonly<Record<Lang, string>> }[];
  readonly blocks: readonly { readonly id: string; readonly start: string; readonly end: string }[];
  readonly languages: readonly string[];
}

/**
 * The time blocks a partner may choose: the planning's blocks (the city's, from its profile, else
 * the product's), so an accepted request's block is one a plan has.
 */
export const partnerBlocks = async (repos: ReadRepositories): Promise<PartnerFormOptions['blocks']> =>
  (await loadPlanningDefaults(repos)).timeBlocks.map((b) => ({ ...b }));

/** A phone number: digits, spaces and a leading +, with 7 to 15 digits. */
export function isPhoneNumber(text: string): boolean {
  if (!/^\+?[0-9 ]+$/.test(text)) return false;
  const digits = text.replace(/[^0-9]/g, '').length;
  return digits >= 7 && digits <= 15;
}

/** The checked request, ready to store. */
export interface CheckedPartnerRequest {
  readonly organisation: string;
  readonly contactName: string | null;
  readonly contact: string;
  readonly contactKind: 'email' | 'phone';
  readonly venueId: string | null;
  readonly address: string | null;
  readonly weeksFrom: IsoDate;
  readonly weeksTo: IsoDate;
  readonly weekdays: readonly number[];
  readonly blockId: string | null;
  readonly audience: string | null;
  readonly audienceSize: number | null;
  readonly languages: readonly string[];
  readonly message: string | null;
}

/** Checks every field at once; the problems, or the request as it will be stored. */
export function checkPartnerRequest(
  input: PartnerRequestInput,
  options: PartnerFormOptions,
): { ok: true; value: CheckedPartnerRequest } | { ok: false; problems: PartnerProblem[] } {
  const problems: PartnerProblem[] = [];
  const add = (field: PartnerField, problem: PartnerProblemCode) => problems.push({ field, problem });
  /** A one-line text: control characters, then the length; '' when empty. */
  const text = (field: PartnerField, value: string, max: number, multiLine = false): string => {
    if (hasControlCharacter(value, multiLine)) {
      add(field, 'control-character');
      return '';
    }
    const v = multiLine ? value.trim() : value.trim().replace(/\s+/g, ' ');
    if (v.length > max) add(field, 'too-long');
    return v;
  };

  const organisation = text('organisation', input.organisation, PARTNER_LIMITS.organisation);
  if (organisation === '' && !problems.some((p) => p.field === 'organisation'))
    add('organisation', 'required');
  const contactName = text('contactName', input.contactName, PARTNER_LIMITS.contactName);

  const contact = text('contact', input.contact, PARTNER_LIMITS.contact);
  let contactKind: 'email' | 'phone' = 'email';
  if (!problems.some((p) => p.field === 'contact')) {
    if (contact === '') add('contact', 'required');
    else if (contact.includes('@')) {
      if (!isPlainEmail(contact)) add('contact', 'invalid-contact');
    } else if (isPhoneNumber(contact)) contactKind = 'phone';
    else add('contact', 'invalid-contact');
  }

  const venueId = input.venueId.trim();
  if (venueId !== '' && !options.venues.some((v) => v.id === venueId)) add('venueId', 'unknown-venue');
  const address = text('address', input.address, PARTNER_LIMITS.address);
  if (venueId === '' && address === '' && !problems.some((p) => p.field === 'address'))
    add('venueId', 'venue-or-address');

  const date = (field: 'weeksFrom' | 'weeksTo', value: string): IsoDate | null => {
    const v = value.trim();
    if (v === '') {
      add(field, 'required');
      return null;
    }
    if (!isIsoDate(v)) {
      add(field, 'invalid-date');
      return null;
    }
    if (compareDates(v, options.today) < 0) {
      add(field, 'past');
      return null;
    }
    return v;
  };
  const weeksFrom = date('weeksFrom', input.weeksFrom);
  const weeksTo = date('weeksTo', input.weeksTo);
  if (weeksFrom && weeksTo) {
    if (compareDates(weeksTo, weeksFrom) < 0) add('weeksTo', 'before-start');
    else if (compareDates(weeksTo, addDays(weeksFrom, PARTNER_LIMITS.spanDays)) > 0)
      add('weeksTo', 'too-long-span');
  }

  const weekdays = [...new Set(input.weekdays.map((w) => w.trim()))];
  if (weekdays.some((w) => !/^[1-5]$/.test(w))) add('weekdays', 'invalid-weekday');

  const blockId = input.blockId.trim();
  if (blockId !== '' && !options.blocks.some((b) => b.id === blockId)) add('blockId', 'unknown-block');

  const audience = text('audience', input.audience, PARTNER_LIMITS.audience);
  const size = input.audienceSize.trim();
  let audienceSize: number | null = null;
  if (size !== '') {
    const n = /^\d{1,6}$/.test(size) ? Number(size) : Number.NaN;
    if (!Number.isInteger(n) || n < PARTNER_LIMITS.audienceSizeMin || n > PARTNER_LIMITS.audienceSizeMax)
      add('audienceSize', 'invalid-number');
    else audienceSize = n;
  }

  const languages = [...new Set(input.languages.map((l) => l.trim()))];
  if (languages.some((l) => !options.languages.includes(l))) add('languages', 'unknown-language');

  const message = text('message', input.message, PARTNER_LIMITS.message, true);

  if (problems.length > 0 || !weeksFrom || !weeksTo) return { ok: false, problems };
  return {
    ok: true,
    value: {
      organisation,
      contactName: contactName || null,
      contact,
      contactKind,
      venueId: venueId || null,
      address: address || null,
      weeksFrom,
      weeksTo,
      weekdays: weekdays.map(Number).sort((a, b) => a - b),
      blockId: blockId || null,
      audience: audience || null,
      audienceSize,
      languages: languages.sort(),
      message: message || null,
    },
  };
}
