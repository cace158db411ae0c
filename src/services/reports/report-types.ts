/**
 * The shapes of the planners' reports (src/services/reports/report-service.ts) and what their
 * builders share: the repositories, the suppression threshold, the residual need and the clock.
 */
import type { ContactDimension, ReportChannel, ReportFilter } from '../../core/reports/dimensions.ts';
import type { ContactCountFilter } from '../../db/repositories/report-repository.ts';
import type { ReadRepositories } from '../../db/repositories.ts';

/** At most this many days in one report (two years and a bit, for a year-on-year view). */
export const MAX_REPORT_DAYS = 800;

export interface CountRow {
  readonly key: string;
  /** The second dimension's key (`by`), when the report has one. */
  readonly series?: string;
  readonly contacts: number | null;
  readonly suppressed: boolean;
}

export interface ContactsReport {
  readonly filter: ReportFilter;
  readonly groupBy: ContactDimension;
  readonly by: ContactDimension | null;
  readonly threshold: number;
  readonly rows: readonly CountRow[];
  /** All contacts of the filter (null when suppressed). */
  readonly total: number | null;
}

export interface ReachRow {
  readonly district: string;
  readonly group: string;
  readonly contacts: number | null;
  readonly suppressed: boolean;
  /** Share of the district's contacts from this group (null when either count is suppressed). */
  readonly contactShare: number | null;
  /** The group's share of the district's residual need (residents not served by a fixed point). */
  readonly needShare: number | null;
  /** contactShare ÷ needShare: 1 = reached in proportion to need. */
  readonly index: number | null;
}

export interface ReachReport {
  readonly filter: ReportFilter;
  readonly threshold: number;
  readonly rows: readonly ReachRow[];
  /** The date the residual need is taken for (the scenario valid then), null when none could be built. */
  readonly needDate: string | null;
}

export interface CapacityWeek {
  readonly week: string;
  readonly planned: number;
  readonly cancelled: number;
  readonly delivered: number;
  readonly advisorHours: number;
  readonly contacts: number | null;
  readonly suppressed: boolean;
  readonly contactsPerAdvisorHour: number | null;
}

export interface CapacityReport {
  readonly filter: ReportFilter;
  readonly threshold: number;
  readonly weeks: readonly CapacityWeek[];
  readonly total: CapacityWeek;
}

export interface BookingWeek {
  readonly week: string;
  readonly seats: number;
  readonly booked: number | null;
  readonly attended: number | null;
  readonly noShow: number | null;
  readonly cancelled: number | null;
  /** Bookings not cancelled ÷ bookable seats. */
  readonly fillRate: number | null;
  /** No-shows ÷ (attended + no-shows). */
  readonly noShowRate: number | null;
}

export interface BookingsReport {
  readonly filter: ReportFilter;
  readonly threshold: number;
  readonly weeks: readonly BookingWeek[];
  readonly total: BookingWeek;
}

export interface TrendPoint {
  readonly week: string;
  readonly channel: ReportChannel;
  readonly contacts: number | null;
  readonly suppressed: boolean;
}

export interface ForecastRow {
  readonly week: string;
  readonly channel: ReportChannel;
  readonly mean: number | null;
  readonly lower80: number | null;
  readonly upper80: number | null;
  readonly lower95: number | null;
  readonly upper95: number | null;
  readonly suppressed: boolean;
}

export interface TrendReport {
  readonly filter: ReportFilter;
  readonly threshold: number;
  readonly points: readonly TrendPoint[];
  readonly forecast: readonly ForecastRow[];
  readonly methods: Readonly<Partial<Record<ReportChannel, string>>>;
}

export interface DistrictFigure {
  readonly district: string;
  readonly contacts: number | null;
  readonly suppressed: boolean;
  /** Weighted residual need (Σ group weight × residents in need), null when unknown. */
  readonly weightedNeed: number | null;
  /** Contacts per 1,000 of weighted need. */
  readonly perThousand: number | null;
}

/** Everything the dashboard and the printable report show for one filter. */
export interface Dashboard {
  readonly filter: ReportFilter;
  readonly threshold: number;
  readonly total: number | null;
  readonly trend: TrendReport;
  readonly by: Readonly<Record<'topic' | 'language' | 'ageBand' | 'group', ContactsReport>>;
  readonly reach: ReachReport;
  readonly capacity: CapacityReport;
  readonly bookings: BookingsReport;
  readonly districts: readonly DistrictFigure[];
}

export interface BeforeAfterReport {
  readonly districts: readonly string[];
  readonly change: string;
  readonly weeks: number;
  readonly threshold: number;
  /** Mean weekly contacts before and after, in the chosen districts and in the rest of the city. */
  readonly treated: { readonly before: number | null; readonly after: number | null };
  readonly control: { readonly before: number | null; readonly after: number | null };
  readonly treatedChangePercent: number | null;
  readonly controlChangePercent: number | null;
  /** Difference in differences (weekly contacts), with its approximate 95 % interval. */
  readonly difference: number | null;
  readonly interval: { readonly low: number; readonly high: number } | null;
  /** The chosen districts' weeks after had they changed as the rest did, and the difference. */
  readonly expectedAfter: number | null;
  readonly effect: number | null;
  readonly effectPercent: number | null;
  readonly suppressed: boolean;
}

/** Residual need per district and target group, for reach and the map. */
export interface DistrictNeed {
  readonly date: string;
  readonly groups: readonly { readonly id: string; readonly weight: number }[];
  /** Residents in need per group (index as `groups`), per district id. */
  readonly byDistrict: ReadonlyMap<string, readonly number[]>;
}

/** What every report builder gets from the service. */
export interface ReportContext {
  readonly repos: ReadRepositories;
  readonly threshold: number;
  readonly need: (date: string) => Promise<DistrictNeed | null>;
  /** Today in Europe/Helsinki by the app's clock. */
  readonly today: () => string;
  /** The filter's dates as [fromMs, toMs) of the contacts' times. */
  readonly countFilter: (f: ReportFilter) => ContactCountFilter;
  /** The ISO weeks a filter's dates touch, in order. */
  readonly weeksOf: (f: ReportFilter) => string[];
}

export const round = (x: number, digits = 2) => Math.round(x * 10 ** digits) / 10 ** digits;
