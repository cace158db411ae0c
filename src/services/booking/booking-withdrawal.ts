/**
 * The booker ends a booking by the secret link: cancels it while it is still ahead, or erases
 * their data now (a booking still ahead is cancelled first; anonymous counts stay).
 */
import { wallClockToEpochMs } from '../../core/time/civil-time.ts';
import { inTransaction } from '../../db/repositories.ts';
import type { Store } from '../../db/store.ts';
import { hashToken, isBookingToken } from './booking-token.ts';

export function createBookingWithdrawal(deps: { store: Store; now: () => number }) {
  return {
    /** Cancels by the link; false when the booking cannot be cancelled any more (past, done). */
    async cancel(token: string): Promise<'cancelled' | 'already' | 'past' | 'unknown'> {
      if (!isBookingToken(token)) return 'unknown';
      return inTransaction(deps.store, async (tx) => {
        const b = await tx.bookings.lockByTokenHash(hashToken(token));
        if (!b) return 'unknown';
        if (b.status === 'cancelled') return 'already';
        const v = await tx.bookings.visit(b.visitId);
        if (b.status !== 'booked' || !v || wallClockToEpochMs(v.date, b.start) <= deps.now()) return 'past';
        await tx.bookings.setStatus(b.id, 'cancelled', 'resident');
        return 'cancelled';
      });
    },

    /**
     * Deletes the booker's data now: a booking still ahead is cancelled, and the first name,
     * contact and link are erased (the link stops working). Anonymous counts stay.
     */
    async erase(token: string): Promise<boolean> {
      if (!isBookingToken(token)) return false;
      return inTransaction(deps.store, async (tx) => {
        const b = await tx.bookings.lockByTokenHash(hashToken(token));
        if (!b) return false;
        const v = await tx.bookings.visit(b.visitId);
        if (b.status === 'booked' && v && wallClockToEpochMs(v.date, b.start) > deps.now())
          await tx.bookings.setStatus(b.id, 'cancelled', 'resident');
        await tx.bookings.setErased(b.id, deps.now());
        return true;
      });
    },
  };
}
