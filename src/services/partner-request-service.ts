/**
 * Partner organisations' requests for a visit of the mobile service (a senior centre, a library,
 * an association): the public form's checks and submission, the status by a secret link, the
 * planner's inbox and decisions (accept with a venue and priority, decline, ask back), the
 * accepted requests as soft constraints of new plans (`services/planning/planning-data.ts`), and
 * erasure of the personal fields after the retention period.
 *
 * The status link carries 32 random bytes (base64url); only their SHA-256 is stored. A request
 * is erased (contact person, contact, message and the link) `retentionDays` after the later of
 * its preferred weeks' end and its last decision (NEUVO_PARTNER_RETENTION_DAYS, default
 * 365); the organisation, the venue, the weeks and the decision stay for the statistics.
 */
import type { Lang } from '../core/i18n.ts';
import { addDays, type IsoDate, isoDateAt, wallClockToEpochMs } from '../core/time/civil-time.ts';
import {
  PARTNER_REQUEST_STATUSES,
  type PartnerRequest,
  type PartnerRequestStatus,
} from '../db/repositories/partner-request-repository.ts';
import { inTransaction, type ReadRepositories } from '../db/repositories.ts';
import type { Store } from '../db/store.ts';
import { createPartnerDecisions } from './partner-request-decisions.ts';
import { type PartnerFormOptions, partnerBlocks } from './partner-request-form.ts';
import { createPartnerSubmission } from './partner-request-submission.ts';
import { createPartnerRequestsInPlan } from './partner-requests-in-plan.ts';

// The names the pages read from this service, where they have always been imported from: the
// form (`partner-request-form.ts`), the link (`partner-request-submission.ts`), the planner's
// inbox and decisions (`partner-request-decisions.ts`), requests in plans (`partner-requests-in-plan.ts`).
export type {
  PartnerDecisionInput,
  PartnerDecisionProblem,
  PartnerInbox,
} from './partner-request-decisions.ts';
export {
  EMPTY_PARTNER_INPUT,
  PARTNER_LIMITS,
  type PartnerField,
  type PartnerFormOptions,
  type PartnerProblem,
  type PartnerRequestInput,
} from './partner-request-form.ts';
export { newStatusToken } from './partner-request-submission.ts';
export type { PartnerRequestInPlan } from './partner-requests-in-plan.ts';
export { PARTNER_REQUEST_STATUSES, type PartnerRequest, type PartnerRequestStatus };

/** Days the personal fields are kept after the preferred weeks end or the last decision. */
export const DEFAULT_PARTNER_REQUEST_RETENTION_DAYS = 365;

export interface PartnerRequestDeps {
  readonly store: Store;
  readonly repos: ReadRepositories;
  readonly now: () => number;
  /**
   * The languages the service offers (the public reference's, `PublicService.reference()`); the
   * form lists them. Default: the active advisors' languages, read the same way.
   */
  readonly languages?: () => Promise<readonly string[]>;
  /** Days the personal fields are kept (default {@link DEFAULT_PARTNER_REQUEST_RETENTION_DAYS}). */
  readonly retentionDays?: number;
  /** The status page's absolute URL for the receipt message; without it the receipt has no link. */
  readonly statusUrl?: (lang: Lang, token: string) => string;
}

export function createPartnerRequestService(deps: PartnerRequestDeps) {
  const { store, repos, now } = deps;
  const retentionDays = deps.retentionDays ?? DEFAULT_PARTNER_REQUEST_RETENTION_DAYS;
  const today = () => isoDateAt(now());
  const offeredLanguages =
    deps.languages ??
    (async () => [
      ...new Set((await repos.advisors.listPublic()).filter((a) => a.active).flatMap((a) => a.languages)),
    ]);

  /** Later of `atMs` and the end of the preferred weeks, plus the retention period. */
  const eraseAfterMs = (atMs: number, weeksTo: IsoDate | null) => {
    const weeksEnd = weeksTo ? wallClockToEpochMs(addDays(weeksTo, 1), '00:00') : atMs;
    return Math.max(atMs, weeksEnd) + retentionDays * 86_400_000;
  };

  /** Venues (role 'venue') in service today or later, by id. */
  async function venues(): Promise<PartnerFormOptions['venues']> {
    const day = today();
    return (await repos.sites.list({ role: 'venue' }))
      .filter((s) => s.validity.length === 0 || s.validity.some((p) => p.to === null || p.to >= day))
      .map((s) => ({ id: s.id as string, name: s.name }));
  }

  async function formOptions(): Promise<PartnerFormOptions> {
    const [venueList, languages] = await Promise.all([venues(), offeredLanguages()]);
    return {
      today: today(),
      venues: venueList,
      blocks: await partnerBlocks(repos),
      languages: [...languages].sort(),
    };
  }

  const submission = createPartnerSubmission({
    store,
    repos,
    now,
    formOptions,
    eraseAfterMs,
    statusUrl: deps.statusUrl,
  });
  const decisions = createPartnerDecisions({ store, repos, now, venues, eraseAfterMs });
  const inPlans = createPartnerRequestsInPlan(repos);

  return {
    retentionDays,
    formOptions,

    /** The time blocks a request may name (the planning's). */
    blocks: () => partnerBlocks(repos),

    /** Every venue's name by id (also venues no longer in service), for showing a request. */
    async venueNames(): Promise<Map<string, Readonly<Record<Lang, string>>>> {
      return new Map(
        (await repos.sites.listPlaces())
          .filter((s) => s.role === 'venue')
          .map((s) => [s.id as string, s.name]),
      );
    },

    submit: submission.submit,
    byToken: submission.byToken,
    inbox: decisions.inbox,
    get: decisions.get,
    decide: decisions.decide,
    acceptedBetween: inPlans.acceptedBetween,
    inPlan: inPlans.inPlan,

    /** Erases the personal fields of the requests past their retention; returns how many. */
    async eraseExpired(): Promise<number> {
      return inTransaction(store, (tx) => tx.partnerRequests.setErasedWhenExpired(now()));
    },
  };
}

export type PartnerRequestService = ReturnType<typeof createPartnerRequestService>;
