/**
 * On a draft plan's page, under the visits publishing would cancel: how many bookings go with
 * them (their bookers who left contact details are told when the plan is published).
 */
import type { Lang } from '../../core/i18n.ts';
import { t } from '../messages.ts';

export function PlanCancelledBookings({ lang, count }: { lang: Lang; count: number }) {
  if (count <= 0) return null;
  return (
    <p class="notice" id="cancelled-bookings">
      {count === 1
        ? t(lang, 'planBookingsCancelledOne')
        : t(lang, 'planBookingsCancelled', { n: String(count) })}
    </p>
  );
}
