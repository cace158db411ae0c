/**
 * Capacity and bookings from the visits of a period: planned, cancelled and delivered visits,
 * advisor-hours and contacts per advisor-hour, bookable seats, bookings by status, fill and
 * no-show rates, per ISO week and in all. Booking counts are suppressed like contact counts.
 */
import { bookableSlots, slotRuleOf } from '../../core/model/booking.ts';
import type { ReportFilter } from '../../core/reports/dimensions.ts';
import { isSmall, shareOf, shown } from '../../core/reports/suppression.ts';
import { compareDates, isoWeekOf } from '../../core/time/civil-time.ts';
import type { ReportVisitRow } from '../../db/repositories/report-repository.ts';
import type {
  BookingsReport,
  BookingWeek,
  CapacityReport,
  CapacityWeek,
  ReportContext,
} from './report-types.ts';
import { round } from './report-types.ts';

const visitsOf = (ctx: ReportContext, f: ReportFilter) =>
  ctx.repos.reports.visits(f.from, f.to, f.district, f.venue);

/** A visit was delivered when an advisor checked in or a contact was logged on it. */
const delivered = (v: ReportVisitRow) => v.status === 'published' && (v.checkedIn > 0 || v.contacts > 0);
const hoursOf = (v: ReportVisitRow) => {
  const [sh = 0, sm = 0] = v.start.split(':').map(Number);
  const [eh = 0, em = 0] = v.end.split(':').map(Number);
  return ((eh * 60 + em - (sh * 60 + sm)) / 60) * Math.max(1, v.checkedIn || v.advisors);
};

export function capacityOf(ctx: ReportContext, week: string, list: readonly ReportVisitRow[]): CapacityWeek {
  const done = list.filter(delivered);
  const hours = done.reduce((s, v) => s + hoursOf(v), 0);
  const n = done.reduce((s, v) => s + v.contacts, 0);
  const small = isSmall(n, ctx.threshold);
  return {
    week,
    planned: list.length,
    cancelled: list.filter((v) => v.status === 'cancelled').length,
    delivered: done.length,
    advisorHours: round(hours, 1),
    contacts: small ? null : n,
    suppressed: small,
    contactsPerAdvisorHour: small || hours === 0 ? null : round(n / hours, 2),
  };
}

export async function capacity(ctx: ReportContext, f: ReportFilter): Promise<CapacityReport> {
  const list = (await visitsOf(ctx, f)).filter((v) => compareDates(v.date, ctx.today()) < 0 || delivered(v));
  const byWeek = groupByWeek(list);
  return {
    filter: f,
    threshold: ctx.threshold,
    weeks: ctx.weeksOf(f).map((w) => capacityOf(ctx, w, byWeek.get(w) ?? [])),
    total: capacityOf(ctx, 'total', list),
  };
}

const seatsOf = (v: ReportVisitRow) =>
  v.status === 'cancelled'
    ? 0
    : bookableSlots(
        v.start,
        v.end,
        slotRuleOf(
          v,
          v.venueSlotMinutes !== null && v.venueWalkInPercent !== null
            ? { slotMinutes: v.venueSlotMinutes, walkInPercent: v.venueWalkInPercent }
            : null,
        ),
      ).length * v.advisors;

export function bookingsOf(ctx: ReportContext, week: string, list: readonly ReportVisitRow[]): BookingWeek {
  const seats = list.reduce((s, v) => s + seatsOf(v), 0);
  const sum = (k: 'booked' | 'attended' | 'noShow' | 'cancelledBookings') =>
    list.reduce((s, v) => s + v[k], 0);
  const booked = sum('booked');
  const attended = sum('attended');
  const noShow = sum('noShow');
  const taken = booked + attended + noShow;
  return {
    week,
    seats,
    booked: shown(booked, ctx.threshold),
    attended: shown(attended, ctx.threshold),
    noShow: shown(noShow, ctx.threshold),
    cancelled: shown(sum('cancelledBookings'), ctx.threshold),
    fillRate: seats > 0 && !isSmall(taken, ctx.threshold) ? round(taken / seats, 4) : null,
    noShowRate: (() => {
      const share = shareOf(noShow, attended + noShow, ctx.threshold);
      return share === null ? null : round(share, 4);
    })(),
  };
}

export async function bookings(ctx: ReportContext, f: ReportFilter): Promise<BookingsReport> {
  const list = await visitsOf(ctx, f);
  const byWeek = groupByWeek(list);
  return {
    filter: f,
    threshold: ctx.threshold,
    weeks: ctx.weeksOf(f).map((w) => bookingsOf(ctx, w, byWeek.get(w) ?? [])),
    total: bookingsOf(ctx, 'total', list),
  };
}

function groupByWeek(list: readonly ReportVisitRow[]): Map<string, ReportVisitRow[]> {
  const out = new Map<string, ReportVisitRow[]>();
  for (const v of list) {
    const w = isoWeekOf(v.date);
    out.set(w, [...(out.get(w) ?? []), v]);
  }
  return out;
}
