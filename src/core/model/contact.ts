/**
 * The anonymous contact log of the advisors' app: one entry per resident helped. Every value is
 * a code from a fixed list (or a catalogue id); there is no field for a name, an identity
 * number, contact details or free text.
 */

/** How the resident came: dropped in, or with a booked time. */
export const CONTACT_CHANNELS = ['walk-in', 'booked'] as const;
export type ContactChannel = (typeof CONTACT_CHANNELS)[number];

export const AGE_BANDS = ['under-30', '30-64', '65-74', '75-plus', 'unknown'] as const;
export type AgeBand = (typeof AGE_BANDS)[number];

export const CONTACT_OUTCOMES = ['solved', 'referred', 'follow-up'] as const;
export type ContactOutcome = (typeof CONTACT_OUTCOMES)[number];

/**
 * Where a resident was referred: generic codes; each city names them in its own data (the
 * setting `REFERRAL_TARGETS_SETTING`), e.g. the name of the city's own e-service.
 */
export const REFERRAL_TARGETS = ['kela', 'city-service', 'city-eservice', 'other'] as const;
export type ReferralTarget = (typeof REFERRAL_TARGETS)[number];

/** The settings key of the referral targets' display names (fi, sv, en per code). */
export const REFERRAL_TARGETS_SETTING = 'contacts.referral-targets';

/**
 * How long a contact took, as the app asks it: a band, stored as one representative minute
 * value (null: not recorded). A stored value reads back as the band whose range holds it.
 */
export const DURATION_BANDS = [
  { id: 'under-10', minutes: 5, upTo: 9 },
  { id: '10-20', minutes: 15, upTo: 20 },
  { id: '20-40', minutes: 30, upTo: 40 },
  { id: 'over-40', minutes: 50, upTo: Number.POSITIVE_INFINITY },
] as const;
export type DurationBand = (typeof DURATION_BANDS)[number]['id'];

/** The band a stored duration falls in (null for none recorded). */
export function durationBandOf(minutes: number | null): DurationBand | null {
  if (minutes === null) return null;
  return DURATION_BANDS.find((b) => minutes <= b.upTo)?.id ?? null;
}

/** A contact as stored. */
export interface ContactEntry {
  readonly id: string;
  /** Made by the advisor's device: the same entry sent twice is stored once. */
  readonly clientId: string;
  /** When the contact happened (the device's clock). */
  readonly loggedAtMs: number;
  /** When the server stored it (the server's clock): undo is possible for a minute after. */
  readonly recordedAtMs: number;
  readonly staffUserId: string | null;
  readonly advisorId: string | null;
  readonly channel: ContactChannel;
  readonly visitId: string | null;
  readonly siteId: string | null;
  readonly topicIds: readonly string[];
  /** ISO 639-1 code of the language the resident was served in. */
  readonly language: string;
  readonly ageBand: AgeBand;
  /** Target groups the advisor marked (the planner's group ids). */
  readonly groups: readonly string[];
  readonly durationMinutes: number | null;
  readonly outcome: ContactOutcome;
  /** Set exactly when the outcome is `referred`. */
  readonly referredTo: ReferralTarget | null;
}

export type NewContact = Omit<ContactEntry, 'id'>;

/** The same user may take an entry back this long after the server stored it. */
export const UNDO_SECONDS = 60;
/** A contact's time may lie this far ahead of the server's clock (devices' clocks drift). */
export const LOGGED_AT_SKEW_MINUTES = 5;
/** A contact older than this is refused (a device whose clock is far off, a queue left for weeks). */
export const LOGGED_AT_MAX_AGE_DAYS = 31;
