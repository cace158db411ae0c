/**
 * Booking a support time at a published visit, composed of its parts: the bookable slots and the
 * read side (`booking-slots.ts`), booking and moving a booking (`booking-create.ts`), the booker's
 * cancel and erase by the secret link (`booking-withdrawal.ts`), the staff's marks and visit rules
 * (`booking-staff-writes.ts`), reminders and retention (`booking-upkeep.ts`), and the cancellation
 * of bookings whose visit is cancelled (`booking-cancellation.ts`).
 *
 * The link's token is 32 random bytes; only its SHA-256 is stored, so the table alone cannot
 * open anyone's booking (`booking-token.ts`).
 */
import type { Lang } from '../../core/i18n.ts';
import { isoDateAt } from '../../core/time/civil-time.ts';
import type { ReadRepositories, Repositories } from '../../db/repositories.ts';
import type { Store } from '../../db/store.ts';
import { cancelBookingsOfVisits } from './booking-cancellation.ts';
import { type BookingLinks, createBookingCreation } from './booking-create.ts';
import { createBookingQueries, createSlotRules } from './booking-slots.ts';
import { createBookingStaffWrites } from './booking-staff-writes.ts';
import { createBookingUpkeep } from './booking-upkeep.ts';
import { createBookingWithdrawal } from './booking-withdrawal.ts';

// The names the pages read from this service, where they have always been imported from.
export type { Slot, VisitRefusal } from './booking-slots.ts';

/** Personal fields are erased this many days after the visit (NEUVO_BOOKING_RETENTION_DAYS). */
export const DEFAULT_BOOKING_RETENTION_DAYS = 30;

export function createBookingService(deps: {
  store: Store;
  repos: ReadRepositories;
  now: () => number;
  /** Languages and topics a booking may name (the public reference lists). */
  known: () => Promise<{ languages: readonly string[]; topicIds: readonly string[] }>;
  links: BookingLinks;
  retentionDays?: number;
}) {
  const { store, now } = deps;
  const retentionDays = deps.retentionDays ?? DEFAULT_BOOKING_RETENTION_DAYS;
  const rules = createSlotRules(now);
  const queries = createBookingQueries({ repos: deps.repos, rules });
  const creation = createBookingCreation({
    store,
    now,
    known: deps.known,
    links: deps.links,
    retentionDays,
    rules,
  });
  const withdrawal = createBookingWithdrawal({ store, now });
  const staff = createBookingStaffWrites({ store, now, rules });
  const upkeep = createBookingUpkeep({ store, now, links: deps.links });

  return {
    retentionDays,
    slots: queries.slots,
    book: creation.book,
    byToken: queries.byToken,
    cancel: withdrawal.cancel,
    change: creation.change,
    erase: withdrawal.erase,
    mark: staff.mark,
    setVisitRule: staff.setVisitRule,
    listForVisits: queries.listForVisits,
    countsByVisit: queries.countsByVisit,
    capacityOf: queries.capacityOf,

    /**
     * Cancels the open bookings of visits that were just cancelled and tells their bookers.
     * Call it inside the transaction that cancels the visits.
     */
    cancelForVisits: (tx: Repositories, visitIds: readonly string[]): Promise<number> =>
      cancelBookingsOfVisits(tx, visitIds),

    queueReminders: upkeep.queueReminders,
    enforceRetention: upkeep.enforceRetention,
    today: () => isoDateAt(now()),
  };
}

export type BookingService = ReturnType<typeof createBookingService>;

/** The path of a page in a language: Finnish at the root, Swedish under /sv, English under /en. */
const langPrefix = (lang: Lang) => (lang === 'fi' ? '' : `/${lang}`);

/**
 * The booking service as the server runs it: languages and topics from the advisors and the
 * catalogue, links to the booker's page under the site's public origin.
 */
export function createServerBookingService(deps: {
  store: Store;
  repos: ReadRepositories;
  now: () => number;
  origin: () => string;
  retentionDays?: number;
}): BookingService {
  return createBookingService({
    store: deps.store,
    repos: deps.repos,
    now: deps.now,
    known: async () => {
      const [advisors, topics] = await Promise.all([
        deps.repos.advisors.listPublic(),
        deps.repos.topics.list(),
      ]);
      return {
        languages: [...new Set(advisors.filter((a) => a.active).flatMap((a) => a.languages))],
        topicIds: topics.map((t) => t.id),
      };
    },
    links: { manageUrl: (lang, token) => `${deps.origin()}${langPrefix(lang)}/bookings/${token}` },
    ...(deps.retentionDays ? { retentionDays: deps.retentionDays } : {}),
  });
}
