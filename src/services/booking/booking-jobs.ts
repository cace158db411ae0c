/**
 * The bookings' scheduled work, in every server process: queue tomorrow's reminders (from
 * 10 o'clock Helsinki time the day before; the outbox's key makes each one once however many
 * processes run it) and erase personal fields past their retention period.
 */
import type { BookingService } from './booking-service.ts';

export function startBookingJobs(
  bookings: Pick<BookingService, 'queueReminders' | 'enforceRetention'>,
  options: { everyMs?: number; log?: (message: string) => void } = {},
): { stop(): Promise<void> } {
  let running: Promise<unknown> = Promise.resolve();
  const run = () => {
    running = (async () => {
      const reminders = await bookings.queueReminders();
      const erased = await bookings.enforceRetention();
      if (reminders + erased > 0)
        options.log?.(
          `bookings: ${reminders} reminders queued, ${erased} bookings' personal fields erased\n`,
        );
    })().catch((e: unknown) =>
      // The next run tries again; the message names no one.
      options.log?.(`bookings: scheduled work failed: ${e instanceof Error ? e.name : 'error'}\n`),
    );
  };
  run();
  const timer = setInterval(run, options.everyMs ?? 15 * 60_000);
  timer.unref();
  return {
    async stop() {
      clearInterval(timer);
      await running;
    },
  };
}
