/**
 * A planning instance for the mobile advisory service: the horizon, the need per area and
 * target group (residual: not already served by a fixed point), the venues with their hours
 * and the areas they reach, the advisors, the rules and the weights of the objective. It is
 * self-contained (the JSON format of docs/planning-model.md maps onto it one to one), so the
 * solvers and the validator need no database. What the solvers derive from it is in
 * `prepare.ts`.
 */
import { datesBetween, type IsoDate, isoWeekday, type WallTime } from '../time/civil-time.ts';

export interface PlanningGroup {
  readonly id: string;
  /** The planner's weight: how much reaching one resident of this group is worth. */
  readonly weight: number;
  /** Language of the group (ISO 639-1), for the language bonus; null if none. */
  readonly language: string | null;
}

export interface PlanningArea {
  readonly id: string;
  readonly district: string;
  /** Residual need per group (index as `groups`): residents not served by a fixed point. */
  readonly need: readonly number[];
}

export interface PlanningVenue {
  readonly id: string;
  readonly district: string;
  /** Opening intervals per date of the horizon, [start, end] wall times; absent = closed. */
  readonly hours: Readonly<Record<IsoDate, readonly (readonly [WallTime, WallTime])[]>>;
  /** Areas within reach, and for which groups (indexes into `groups`). */
  readonly reach: readonly { readonly area: number; readonly groups: readonly number[] }[];
  /**
   * The open fixed point this venue is within a short walk of (the planner's rule, docs/planning-model.md,
   * "Rhythm"): no new mobile visits here. Absent or null: none near, or the planner allows it.
   */
  readonly nearFixedPoint?: string | null;
  /**
   * Contacts learned from the contact log: the mean per delivered visit at this venue in one
   * time block, over `visits` visits. A visit at exactly these times expects this many contacts
   * instead of the estimate from the need in reach (docs/planning-model.md, "Staffing and
   * capacity"). Whoever builds the instance decides how many visits are enough; absent: none.
   */
  readonly learnedContacts?: readonly LearnedContacts[];
}

export interface LearnedContacts {
  readonly start: WallTime;
  readonly end: WallTime;
  readonly contactsPerVisit: number;
  readonly visits: number;
}

export interface PlanningAdvisor {
  readonly id: string;
  readonly languages: readonly string[];
  readonly minutesPerWeek: number;
  readonly maxVisitsPerDay: number;
  readonly availability: readonly {
    readonly weekday: number;
    readonly start: WallTime;
    readonly end: WallTime;
  }[];
  /** Whole days away, both ends included. */
  readonly absences: readonly { readonly from: IsoDate; readonly to: IsoDate }[];
  /** Districts the advisor works in; empty = all. */
  readonly districts: readonly string[];
}

export interface PlanningPin {
  readonly venue: number;
  readonly date: IsoDate;
  readonly start: WallTime;
  readonly end: WallTime;
  readonly advisors: readonly number[];
  /** The published visit's id, when the pin comes from one. */
  readonly visitId: string | null;
}

/**
 * A partner's request for a visit (a soft rule): met by any visit at the venue on a date, a
 * weekday and in a block it allows; the bonus counts once, however many visits meet it.
 */
export interface PlanningRequest {
  readonly id: string;
  readonly venue: number;
  readonly date: IsoDate | null;
  readonly weekday: number | null;
  readonly block: number | null;
  /** Planner-set priority; the bonus is `requestValue` × priority. */
  readonly priority: number;
  /** Only dates from `from` to `to` (both included); absent: no limit on that side. */
  readonly from?: IsoDate;
  readonly to?: IsoDate;
  /** Any of these ISO weekdays (with `weekday`, if set, among them); absent or empty: no limit. */
  readonly weekdays?: readonly number[];
}

/** Whether a request allows a date (its `date`, its range, its weekdays), whatever the venue and time. */
export function requestAllowsDate(r: PlanningRequest, date: IsoDate, weekday: number): boolean {
  if (r.date !== null && date !== r.date) return false;
  if (r.from !== undefined && date < r.from) return false;
  if (r.to !== undefined && date > r.to) return false;
  if (r.weekday !== null && weekday !== r.weekday) return false;
  if (r.weekdays !== undefined && r.weekdays.length > 0 && !r.weekdays.includes(weekday)) return false;
  return true;
}

/**
 * A series the planner pinned: it is kept through re-planning. Every date of the horizon on its
 * weekday (every week, or every other week counted from `since`), from `since` on, that is a
 * working day with the venue open gets the visit; the planner chooses its advisors.
 */
export interface PlanningSeriesPin {
  readonly id: string;
  readonly venue: number;
  readonly weekday: number;
  readonly start: WallTime;
  readonly end: WallTime;
  readonly every: 1 | 2;
  /** The series' first date: fortnightly series count their weeks from it. */
  readonly since: IsoDate;
}

export interface PlanningParams {
  /** Value of reaching the same people again in a week, relative to the time before (ρ). */
  readonly repeatFactor: number;
  /** Visits a week that add value for the same people (K). */
  readonly maxRepeats: number;
  /** Bonus share of the value reached in a group whose language an advisor of the visit speaks (β). */
  readonly languageBonus: number;
  /** Cost of a visit that is not part of a weekly or fortnightly pattern (value units). */
  readonly oneOffCost: number;
  /** Cost of each visit a district misses below its weekly minimum (value units; large). */
  readonly fairnessPenalty: number;
  /** Value of meeting a partner request of priority 1 (value units). */
  readonly requestValue: number;
  /** Share of contracted minutes that may go to visits (the rest: preparation, travel, office). */
  readonly visitShare: number;
  /** Minutes between two visits of one advisor on top of the travel time. */
  readonly bufferMinutes: number;
  /**
   * Expected contacts per visit per 1,000 weighted residents in need reached (where the venue
   * has no learned contacts for the visit's times).
   */
  readonly contactsPerThousand: number;
  /** Contacts one advisor handles in an hour; more expected contacts need more advisors. */
  readonly contactsPerAdvisorHour: number;
  readonly maxAdvisorsPerVisit: number;
  /**
   * Rhythm rules (docs/planning-model.md, "Rhythm"). At most this many series — a weekday and
   * time at one venue — per venue over the horizon; 0 = no limit.
   */
  readonly maxSeriesPerVenue: number;
  /** False: every visit belongs to a kept weekly or fortnightly pattern (or a pin or request). */
  readonly allowOneOffs: boolean;
  /**
   * A district's visits in a week are at most this factor times its share of the need, times
   * the week's visits, plus one (so a small district still gets its visit); 0 = no limit.
   */
  readonly maxDistrictShareFactor: number;
  /** Minutes of visits per venue per week; 0 = no limit. */
  readonly maxVenueMinutesPerWeek: number;
  /**
   * Advisor continuity, a soft rule: the cost of each advisor beyond the first staff of a
   * series (the same venue, weekday and time), so residents meet the same faces; 0 = off.
   */
  readonly continuityCost: number;
}

export const DEFAULT_PARAMS: PlanningParams = {
  repeatFactor: 0.5,
  maxRepeats: 3,
  languageBonus: 0.25,
  oneOffCost: 0,
  fairnessPenalty: 0,
  requestValue: 0,
  visitShare: 0.6,
  bufferMinutes: 15,
  contactsPerThousand: 1,
  contactsPerAdvisorHour: 4,
  maxAdvisorsPerVisit: 2,
  maxSeriesPerVenue: 0,
  allowOneOffs: true,
  maxDistrictShareFactor: 0,
  maxVenueMinutesPerWeek: 0,
  continuityCost: 0,
};

/** The series a visit belongs to: its venue, weekday and time. */
export const seriesKey = (venue: number, weekday: number, start: number, end: number): string =>
  `${venue}|${weekday}|${start}|${end}`;

export interface PlanningInstance {
  readonly name: string;
  readonly from: IsoDate;
  readonly to: IsoDate;
  /** Public holidays and the city's closure days in the horizon: no visits. */
  readonly closedDates: readonly IsoDate[];
  readonly groups: readonly PlanningGroup[];
  readonly areas: readonly PlanningArea[];
  readonly districts: readonly { readonly id: string; readonly minVisitsPerWeek: number }[];
  readonly venues: readonly PlanningVenue[];
  readonly blocks: readonly { readonly id: string; readonly start: WallTime; readonly end: WallTime }[];
  readonly advisors: readonly PlanningAdvisor[];
  /** Minutes between venues (row = from, column = to), NaN = no connection. */
  readonly travel: Float64Array;
  readonly pins: readonly PlanningPin[];
  readonly requests: readonly PlanningRequest[];
  /** Series the planner pinned (kept through re-planning); absent = none. */
  readonly seriesPins?: readonly PlanningSeriesPin[];
  readonly params: PlanningParams;
  /** When given, new visits only on these dates; everything else stays as pinned (a repair). */
  readonly newVisitDates?: readonly IsoDate[];
}

export const minutesOf = (t: WallTime): number => {
  const [h = '0', m = '0'] = t.split(':');
  return Number(h) * 60 + Number(m);
};

export function weekOf(from: IsoDate, date: IsoDate): number {
  // Weeks start on Monday; week 0 is the ISO week of `from`.
  const start = datesBetween(from, date).length - 1 + (isoWeekday(from) - 1);
  return Math.floor(start / 7);
}

export function isAbsentOn(a: PlanningAdvisor, date: IsoDate): boolean {
  return a.absences.some((r) => r.from <= date && date <= r.to);
}

export function isAvailable(a: PlanningAdvisor, weekday: number, start: number, end: number): boolean {
  return a.availability.some(
    (w) => w.weekday === weekday && minutesOf(w.start) <= start && end <= minutesOf(w.end),
  );
}

/** Do two visits conflict for one advisor (overlap, or not enough time to travel between)? */
export function conflicts(
  x: PlanningInstance,
  a: { venue: number; start: number; end: number },
  b: { venue: number; start: number; end: number },
): boolean {
  const [first, second] = a.start <= b.start ? [a, b] : [b, a];
  if (second.start < first.end) return true;
  const travel =
    first.venue === second.venue ? 0 : (x.travel[first.venue * x.venues.length + second.venue] ?? Number.NaN);
  if (Number.isNaN(travel)) return true;
  return second.start - first.end < travel + (first.venue === second.venue ? 0 : x.params.bufferMinutes);
}
