/**
 * The contact log's codes in words: age bands, duration bands, channels and referral targets.
 * The advisors' form and the reports name them the same way; each table is checked against
 * the codes of src/core/model/contact.ts and the message catalogue, so a new code without a
 * text does not compile.
 */
import type { Lang } from '../../core/i18n.ts';
import type { AgeBand, ContactChannel, DurationBand, ReferralTarget } from '../../core/model/contact.ts';
import { type MessageKey, t } from '../messages.ts';

export const AGE_BAND_KEYS: Readonly<Record<AgeBand, MessageKey>> = {
  'under-30': 'advAge_under_30',
  '30-64': 'advAge_30_64',
  '65-74': 'advAge_65_74',
  '75-plus': 'advAge_75_plus',
  unknown: 'advAge_unknown',
};

const DURATION_KEYS: Readonly<Record<DurationBand, MessageKey>> = {
  'under-10': 'advDuration_under_10',
  '10-20': 'advDuration_10_20',
  '20-40': 'advDuration_20_40',
  'over-40': 'advDuration_over_40',
};

const CHANNEL_KEYS: Readonly<Record<ContactChannel, MessageKey>> = {
  'walk-in': 'advChannel_walk_in',
  booked: 'advChannel_booked',
};

const REFERRAL_KEYS: Readonly<Record<ReferralTarget, MessageKey>> = {
  kela: 'advReferral_kela',
  'city-service': 'advReferral_city_service',
  'city-eservice': 'advReferral_city_eservice',
  other: 'advReferral_other',
};

export const ageBandName = (lang: Lang, band: AgeBand) => t(lang, AGE_BAND_KEYS[band]);
export const durationName = (lang: Lang, band: DurationBand) => t(lang, DURATION_KEYS[band]);
export const contactChannelName = (lang: Lang, channel: ContactChannel) => t(lang, CHANNEL_KEYS[channel]);
/** The product's name of a referral target (the city's own names come from its settings). */
export const referralTargetName = (lang: Lang, target: ReferralTarget) => t(lang, REFERRAL_KEYS[target]);
