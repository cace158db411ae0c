/**
 * What staff change on bookings, each with its audit row: an advisor's attended / no-show mark
 * (`booking-staff.ts` checks the advisor staffs the visit) and a visit's own booking rule.
 */
import type { Booking } from '../../core/model/booking.ts';
import type { StaffUser } from '../../core/model/staff.ts';
import { inTransaction } from '../../db/repositories.ts';
import type { Store } from '../../db/store.ts';
import { writeAudit } from '../audit-service.ts';
import { NotFoundError } from '../errors.ts';
import type { Slot, SlotRules, VisitRefusal } from './booking-slots.ts';

export function createBookingStaffWrites(deps: { store: Store; now: () => number; rules: SlotRules }) {
  return {
    /** Advisors mark a booking attended or no-show (only at a visit they staff: the caller checks). */
    async mark(
      user: StaffUser,
      bookingId: string,
      status: 'attended' | 'no-show' | 'booked',
    ): Promise<Booking> {
      return inTransaction(deps.store, async (tx) => {
        const b = await tx.bookings.byId(bookingId);
        if (!b || b.status === 'cancelled')
          throw new NotFoundError(`no open booking ${bookingId}`, 'bookingId');
        await tx.bookings.setStatus(b.id, status);
        await writeAudit(tx, deps.now(), {
          actor: user,
          action: 'booking.mark',
          targetType: 'booking',
          targetId: b.id,
          details: { status },
        });
        return (await tx.bookings.byId(b.id)) as Booking;
      });
    },

    /**
     * Sets a visit's own booking rule (null values: the venue's rule or the default). Bookings
     * already made keep their times; a slot they hold that the new rule no longer offers stays
     * theirs.
     */
    async setVisitRule(
      user: StaffUser | null,
      visitId: string,
      rule: { slotMinutes: number | null; walkInPercent: number | null },
    ): Promise<{ ok: true; slots: Slot[] } | { ok: false; refusal: VisitRefusal }> {
      return inTransaction(deps.store, async (tx) => {
        const v = await tx.bookings.lockVisit(visitId);
        if (!v || (v.status !== 'published' && v.status !== 'planned'))
          return { ok: false, refusal: 'unknown' };
        await tx.bookings.setVisitRule(visitId, rule);
        await writeAudit(tx, deps.now(), {
          actor: user,
          action: 'visit.booking-rule',
          targetType: 'visit',
          targetId: visitId,
          details: { ...rule },
        });
        const updated = await tx.bookings.visit(visitId);
        return { ok: true, slots: updated ? await deps.rules.slotsOf(tx, updated) : [] };
      });
    },
  };
}
