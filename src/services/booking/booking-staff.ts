/**
 * The staff side of bookings. The advisors' day view: each visit's bookings with the names of
 * their topics, and attended / no-show marks by an advisor staffed on the booking's visit (or an
 * admin). The planners' view: for the published visits of one ISO week, the bookable seats
 * (slots × advisors, by the visit's rule), the bookings by status and the fill rate, with totals
 * per venue and for the week; and the venues' booking rules (slot length and the share kept for
 * walk-ins), set or reset to the product default, each change in the audit log.
 *
 * Fill rate = bookings not cancelled (booked, attended, no-show) ÷ bookable seats.
 */
import type { LocalizedText } from '../../core/i18n.ts';
import { asAdvisorId, asSiteId } from '../../core/ids.ts';
import { type Booking, DEFAULT_SLOT_RULE, type SlotRule } from '../../core/model/booking.ts';
import type { StaffUser } from '../../core/model/staff.ts';
import {
  addDays,
  type IsoDate,
  isoDateAt,
  isoWeekOf,
  mondayOfIsoWeek,
  startOfIsoWeek,
  type WallTime,
} from '../../core/time/civil-time.ts';
import { inTransaction, type ReadRepositories } from '../../db/repositories.ts';
import type { Store } from '../../db/store.ts';
import { writeAudit } from '../audit-service.ts';
import { ForbiddenError, InvalidInputError, NotFoundError } from '../errors.ts';
import type { BookingService } from './booking-service.ts';

/** What a venue's rule may be (the form's limits). */
export const RULE_LIMITS = {
  slotMinutes: { min: 10, max: 120 },
  walkInPercent: { min: 0, max: 100 },
} as const;

export interface FillCounts {
  /** Bookable seats: bookable slots × advisors. */
  readonly seats: number;
  readonly booked: number;
  readonly attended: number;
  readonly noShow: number;
  readonly cancelled: number;
}

export interface FillRow extends FillCounts {
  readonly visitId: string;
  readonly venueId: string;
  readonly date: IsoDate;
  readonly start: WallTime;
  readonly end: WallTime;
  readonly advisorIds: readonly string[];
}

export interface VenueFill {
  readonly venueId: string;
  readonly name: LocalizedText | null;
  readonly rows: readonly FillRow[];
  readonly total: FillCounts;
  /** The venue's own rule, or null: the default applies. */
  readonly rule: SlotRule | null;
}

export interface WeekFill {
  /** `2026-W49`. */
  readonly week: string;
  readonly monday: IsoDate;
  readonly sunday: IsoDate;
  readonly previous: string;
  readonly next: string;
  /** Venues with published visits this week, by name, each with its visits by date and time. */
  readonly venues: readonly VenueFill[];
  readonly total: FillCounts;
  readonly advisorNames: ReadonlyMap<string, string>;
  /** Every venue, for the rules' forms: its name and its own rule (null: the default). */
  readonly rules: readonly { venueId: string; name: LocalizedText; rule: SlotRule | null }[];
  readonly defaultRule: SlotRule;
}

/** Bookings not cancelled over bookable seats, or null when there are no seats. */
export function fillRate(c: FillCounts): number | null {
  return c.seats > 0 ? (c.booked + c.attended + c.noShow) / c.seats : null;
}

const ZERO: FillCounts = { seats: 0, booked: 0, attended: 0, noShow: 0, cancelled: 0 };
const sum = (rows: readonly FillCounts[]): FillCounts =>
  rows.reduce(
    (s, r) => ({
      seats: s.seats + r.seats,
      booked: s.booked + r.booked,
      attended: s.attended + r.attended,
      noShow: s.noShow + r.noShow,
      cancelled: s.cancelled + r.cancelled,
    }),
    ZERO,
  );

export type RuleField = 'slotMinutes' | 'walkInPercent' | 'venueId';
export type RuleProblem = { readonly field: RuleField; readonly problem: 'required' | 'range' | 'unknown' };

/** A whole number from a form's text, or null. */
const wholeNumber = (text: string): number | null => (/^\s*\d{1,4}\s*$/.test(text) ? Number(text) : null);

/** Checks a rule as the form sends it; problems name their field. */
export function checkRule(input: {
  slotMinutes: string;
  walkInPercent: string;
}): { ok: true; rule: SlotRule } | { ok: false; problems: RuleProblem[] } {
  const problems: RuleProblem[] = [];
  const values: { -readonly [K in keyof SlotRule]?: number } = {};
  for (const field of ['slotMinutes', 'walkInPercent'] as const) {
    const text = input[field].trim();
    const n = wholeNumber(text);
    const { min, max } = RULE_LIMITS[field];
    if (text === '') problems.push({ field, problem: 'required' });
    else if (n === null || n < min || n > max) problems.push({ field, problem: 'range' });
    else values[field] = n;
  }
  return problems.length > 0 ? { ok: false, problems } : { ok: true, rule: values as SlotRule };
}

/** The marks an advisor gives a booking at the visit. */
export const BOOKING_MARKS = ['attended', 'no-show'] as const;
export type BookingMark = (typeof BOOKING_MARKS)[number];

export interface DayBookings {
  /** Bookings of each visit by start and seat (every status). */
  readonly byVisit: ReadonlyMap<string, readonly Booking[]>;
  readonly topicNames: ReadonlyMap<string, LocalizedText>;
}

export function createBookingStaffService(deps: {
  store: Store;
  repos: ReadRepositories;
  now: () => number;
  bookings: Pick<BookingService, 'capacityOf' | 'countsByVisit' | 'listForVisits' | 'mark'>;
}) {
  const { repos } = deps;

  const venueName = async (venueId: string): Promise<LocalizedText | null> => {
    const site = venueId ? await repos.sites.get(asSiteId(venueId)) : null;
    return site && site.role === 'venue' ? site.name : null;
  };

  return {
    /** The bookings of these visits, for the advisors' day view. */
    async dayBookings(visitIds: readonly string[]): Promise<DayBookings> {
      const [list, topics] = await Promise.all([deps.bookings.listForVisits(visitIds), repos.topics.list()]);
      const byVisit = new Map<string, Booking[]>();
      for (const b of list) byVisit.set(b.visitId, [...(byVisit.get(b.visitId) ?? []), b]);
      return { byVisit, topicNames: new Map(topics.map((t) => [t.id as string, t.name])) };
    },

    /**
     * Marks a booking attended or no-show. Only an advisor staffed on the booking's visit may (or
     * an admin): anyone else is refused (ForbiddenError); an unknown or cancelled booking is not
     * found. The booking service writes the audit row.
     */
    async mark(user: StaffUser, bookingId: string, status: BookingMark): Promise<Booking> {
      const booking = await repos.bookings.byId(bookingId);
      if (!booking || booking.status === 'cancelled')
        throw new NotFoundError(`no open booking ${bookingId}`, 'bookingId', {
          code: 'advBookingGone',
          params: {},
        });
      const [visit] = await repos.plans.listVisitsById([booking.visitId]);
      const admin = user.active && user.roles.includes('admin');
      const staffed = !!user.advisorId && !!visit?.advisorIds.includes(asAdvisorId(user.advisorId));
      if (!admin && !staffed)
        throw new ForbiddenError(`booking ${bookingId} is not at one of your visits`, 'bookingId');
      return deps.bookings.mark(user, bookingId, status);
    },

    /** The current ISO week by the app's clock. */
    thisWeek: () => isoWeekOf(isoDateAt(deps.now())),

    /** A venue's name, or null when no venue has this id. */
    venueName,

    /** Whether `week` names an ISO week (`2026-W49`). */
    isWeek: (week: string) => mondayOfIsoWeek(week) !== null,

    /** Fill rates of the published visits of an ISO week (default: this week). */
    async week(week?: string): Promise<WeekFill> {
      const monday = (week ? mondayOfIsoWeek(week) : null) ?? startOfIsoWeek(isoDateAt(deps.now()));
      const sunday = addDays(monday, 6);
      const [visits, sites, advisors, rules] = await Promise.all([
        repos.plans.listScheduled(monday, sunday, ['published']),
        repos.sites.list({ role: 'venue' }),
        repos.advisors.list(),
        repos.bookings.venueRules(),
      ]);
      const ids = visits.map((v) => v.id as string);
      const [seats, counts] = await Promise.all([
        deps.bookings.capacityOf(ids),
        deps.bookings.countsByVisit(ids),
      ]);
      const countOf = new Map(counts.map((c) => [c.visitId as string, c]));
      const siteName = new Map(sites.map((s) => [s.id as string, s.name]));
      const rows: FillRow[] = visits.map((v) => {
        const c = countOf.get(v.id);
        return {
          visitId: v.id,
          venueId: v.venueId,
          date: v.date,
          start: v.start,
          end: v.end,
          advisorIds: [...v.advisorIds],
          seats: seats.get(v.id) ?? 0,
          booked: c?.booked ?? 0,
          attended: c?.attended ?? 0,
          noShow: c?.noShow ?? 0,
          cancelled: c?.cancelled ?? 0,
        };
      });
      const byVenue = new Map<string, FillRow[]>();
      for (const r of rows) byVenue.set(r.venueId, [...(byVenue.get(r.venueId) ?? []), r]);
      const venues: VenueFill[] = [...byVenue.entries()]
        .map(([venueId, list]) => ({
          venueId,
          name: siteName.get(venueId) ?? null,
          rows: list,
          total: sum(list),
          rule: rules.get(venueId) ?? null,
        }))
        .sort((a, b) => (a.name?.fi ?? a.venueId).localeCompare(b.name?.fi ?? b.venueId, 'fi'));
      return {
        week: isoWeekOf(monday),
        monday,
        sunday,
        previous: isoWeekOf(addDays(monday, -7)),
        next: isoWeekOf(addDays(monday, 7)),
        venues,
        total: sum(rows),
        advisorNames: new Map(advisors.map((a) => [a.id as string, a.displayName])),
        rules: sites
          .map((s) => ({ venueId: s.id as string, name: s.name, rule: rules.get(s.id) ?? null }))
          .sort((a, b) => a.name.fi.localeCompare(b.name.fi, 'fi')),
        defaultRule: DEFAULT_SLOT_RULE,
      };
    },

    /**
     * Sets a venue's booking rule, or resets it to the default (`rule` null). Visits' slots follow
     * from the next booking on; bookings already made keep their times.
     */
    async setRule(user: StaffUser, venueId: string, rule: SlotRule | null): Promise<void> {
      if (!(await venueName(venueId))) throw new NotFoundError(`no venue "${venueId}"`, 'venueId');
      if (rule) {
        for (const field of ['slotMinutes', 'walkInPercent'] as const) {
          const { min, max } = RULE_LIMITS[field];
          const n = rule[field];
          if (!Number.isInteger(n) || n < min || n > max)
            throw new InvalidInputError(`${field}: expected a whole number from ${min} to ${max}`, field);
        }
      }
      await inTransaction(deps.store, async (tx) => {
        await tx.bookings.setVenueRule(venueId, rule);
        await writeAudit(tx, deps.now(), {
          actor: user,
          action: 'booking.rule',
          targetType: 'venue',
          targetId: venueId,
          details: rule
            ? { slotMinutes: rule.slotMinutes, walkInPercent: rule.walkInPercent }
            : { reset: true },
        });
      });
    },
  };
}

export type BookingStaffService = ReturnType<typeof createBookingStaffService>;
