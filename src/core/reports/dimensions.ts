/**
 * What the contact reports count by. A contact is one resident helped; `topic` and `group` are
 * multi-valued (a contact counts once under each of its topics and target groups, so their rows
 * do not add up to the contacts). The report channel tells the three ways people are served:
 * at a fixed service point, at a mobile visit without booking, and at a booked time.
 */

export const CONTACT_DIMENSIONS = [
  'week',
  'district',
  'venue',
  'topic',
  'language',
  'ageBand',
  'group',
  'channel',
  'outcome',
] as const;
export type ContactDimension = (typeof CONTACT_DIMENSIONS)[number];

/** Dimensions whose rows partition the contacts (each contact in exactly one row). */
export const PARTITIONING: ReadonlySet<ContactDimension> = new Set(
  CONTACT_DIMENSIONS.filter((d) => d !== 'topic' && d !== 'group'),
);

export const REPORT_CHANNELS = ['fixed-point', 'mobile', 'booked'] as const;
export type ReportChannel = (typeof REPORT_CHANNELS)[number];

/** The age bands that put a contact in a target group the advisor is not asked for again. */
export const AGE_BAND_GROUPS: Readonly<Record<string, string>> = {
  '75-plus': 'age75plus',
  '65-74': 'age65to74',
};

/** A period and place filter on the reports (dates in Europe/Helsinki, both included). */
export interface ReportFilter {
  readonly from: string;
  readonly to: string;
  /** A district's area id, or null for the whole city. */
  readonly district: string | null;
  /** A site's id (venue or fixed point), or null for every site. */
  readonly venue: string | null;
}

/** Key of a contact without a site (and so without a district). */
export const NO_PLACE = 'none';
