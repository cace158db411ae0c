/**
 * The bookings' scheduled work as use cases (`booking-jobs.ts` runs them): tomorrow's reminders
 * and the erasure of personal fields past their retention period.
 */
import { isoDateAt, wallTimeAt } from '../../core/time/civil-time.ts';
import { inTransaction } from '../../db/repositories.ts';
import type { Store } from '../../db/store.ts';
import { type BookingLinks, DAY_MS, notifyBooker } from './booking-create.ts';

export function createBookingUpkeep(deps: { store: Store; now: () => number; links: BookingLinks }) {
  return {
    /**
     * Queues tomorrow's reminders once it is the day before at `fromHour` (Helsinki time) or
     * later; each booking gets one (the outbox's key). Returns how many were queued.
     */
    async queueReminders(fromHour = 10): Promise<number> {
      const nowMs = deps.now();
      if (Number(wallTimeAt(nowMs).slice(0, 2)) < fromHour) return 0;
      const tomorrow = isoDateAt(nowMs + DAY_MS);
      return inTransaction(deps.store, async (tx) => {
        const due = await tx.bookings.dueReminders(tomorrow);
        let queued = 0;
        for (const b of due) {
          // Booked in the last 12 hours: the confirmation is reminder enough.
          if (b.createdAtMs <= nowMs - 12 * 3_600_000) {
            await notifyBooker(deps.links, tx, 'booking-reminder', b, b);
            queued++;
          }
          await tx.bookings.setReminded(b.id, nowMs);
        }
        return queued;
      });
    },

    /** Erases personal fields past their time; returns how many bookings were erased. */
    async enforceRetention(): Promise<number> {
      return inTransaction(deps.store, (tx) => tx.bookings.setErasedDue(deps.now()));
    },
  };
}
