import type { LatLon } from '../geo/geo.ts';
import type { LocalizedText } from '../i18n.ts';
import type { AreaId, SiteId } from '../ids.ts';
import type {
  HoursException,
  OpeningSchedule,
  ValidityPeriod,
  WeeklyHoursRule,
} from '../time/opening-hours.ts';

/**
 * A place: a fixed service point the city staffs, or a venue where the mobile service
 * can hold visits (library, senior centre, mall, …).
 */
export const SITE_ROLES = ['fixed-point', 'venue'] as const;
export type SiteRole = (typeof SITE_ROLES)[number];

export const SITE_KINDS = [
  'service-point',
  'library',
  'senior-centre',
  'mall',
  'health-station',
  'resident-house',
  'multi-service-centre',
  'partner-premises',
] as const;
export type SiteKind = (typeof SITE_KINDS)[number];

export interface SiteAddress {
  readonly street: string;
  readonly postalCode: string;
  readonly city: string;
}

export interface Site {
  readonly id: SiteId;
  readonly role: SiteRole;
  readonly kind: SiteKind;
  readonly name: LocalizedText;
  readonly address: SiteAddress;
  readonly location: LatLon;
  /** How exact the coordinates are, in metres (null if unknown). */
  readonly locationAccuracyMeters: number | null;
  /** The postal-code area the site lies in, and its major district. */
  readonly areaId: AreaId | null;
  readonly districtId: AreaId | null;
  readonly partnerOrganisation: string | null;
  readonly accessibility: LocalizedText | null;
  /** Desks (or advisors) the site can seat at once. */
  readonly capacityDesks: number;
  readonly validity: readonly ValidityPeriod[];
  readonly weeklyHours: readonly WeeklyHoursRule[];
  readonly exceptions: readonly HoursException[];
  readonly openOnPublicHolidays: boolean;
  readonly source: string;
  /** True when the data is made up for the demo (not from a source). */
  readonly illustrative: boolean;
}

/** A site as lists of visits show it: who and where, without hours. */
export type SiteSummary = Pick<
  Site,
  'id' | 'role' | 'kind' | 'name' | 'address' | 'location' | 'areaId' | 'districtId' | 'accessibility'
>;

export function scheduleOf(site: Site): OpeningSchedule {
  return {
    validity: site.validity,
    weekly: site.weeklyHours,
    exceptions: site.exceptions,
    openOnPublicHolidays: site.openOnPublicHolidays,
  };
}
