import { sql } from 'drizzle-orm';
/**
 * All repositories over one database handle (or one transaction). Services get this
 * object, never the raw Drizzle handle, so every query lives in src/db.
 */
import { createAccessRepository } from './repositories/access-repository.ts';
import { createAdvisorRepository } from './repositories/advisor-repository.ts';
import { createAreaRepository } from './repositories/area-repository.ts';
import { createAuditRepository } from './repositories/audit-repository.ts';
import { createBookingRepository } from './repositories/booking-repository.ts';
import { createClosureRuleRepository } from './repositories/closure-rule-repository.ts';
import { createContactRepository } from './repositories/contact-repository.ts';
import { createDemandRepository } from './repositories/demand-repository.ts';
import { createFeedbackRepository } from './repositories/feedback-repository.ts';
import { createHistoryRepository } from './repositories/history-repository.ts';
import { createOutboxRepository } from './repositories/outbox-repository.ts';
import { createPartnerRequestRepository } from './repositories/partner-request-repository.ts';
import { createPlanRepository } from './repositories/plan-repository.ts';
import { createReportRepository } from './repositories/report-repository.ts';
import { createScenarioRepository } from './repositories/scenario-repository.ts';
import { createSeriesPinRepository } from './repositories/series-pin-repository.ts';
import { createSiteRepository } from './repositories/site-repository.ts';
import { createStaffRepository } from './repositories/staff-repository.ts';
import { createThrottleRepository } from './repositories/throttle-repository.ts';
import { createTopicRepository } from './repositories/topic-repository.ts';
import { createVisitRepository } from './repositories/visit-repository.ts';
import { type Db, queryRows, type Store } from './store.ts';

function createAll(db: Db) {
  return {
    areas: createAreaRepository(db),
    demand: createDemandRepository(db),
    sites: createSiteRepository(db),
    advisors: createAdvisorRepository(db),
    topics: createTopicRepository(db),
    scenarios: createScenarioRepository(db),
    closureRules: createClosureRuleRepository(db),
    access: createAccessRepository(db),
    visits: createVisitRepository(db),
    staff: createStaffRepository(db),
    plans: createPlanRepository(db),
    seriesPins: createSeriesPinRepository(db),
    feedback: createFeedbackRepository(db),
    throttle: createThrottleRepository(db),
    contacts: createContactRepository(db),
    audit: createAuditRepository(db),
    outbox: createOutboxRepository(db),
    bookings: createBookingRepository(db),
    partnerRequests: createPartnerRequestRepository(db),
    history: createHistoryRepository(db),
    reports: createReportRepository(db),
  };
}

/** Repositories that can write; only `inTransaction` hands these out. */
export type Repositories = ReturnType<typeof createAll>;

/** The write methods: `upsert*`, `set*`, `replace*`, `delete*`. */
type WriteMethod =
  | `upsert${string}`
  | `set${string}`
  | `replace${string}`
  | `delete${string}`
  | `insert${string}`
  // The outbox's: a message is queued, claimed and marked only inside a transaction.
  | `enqueue${string}`
  | `claim${string}`
  | `mark${string}`;
type ReadOnly<R> = { readonly [K in keyof R]: Omit<R[K], Extract<keyof R[K], WriteMethod>> };
/** Repositories for reading. Writes go through `inTransaction`, so every multi-row write is atomic. */
export type ReadRepositories = ReadOnly<Repositories>;

export function createRepositories(db: Db): ReadRepositories {
  return createAll(db);
}

/**
 * Runs `work` in one transaction with repositories bound to it: all of it is written,
 * or (on any error) none of it.
 */
export async function inTransaction<T>(store: Store, work: (repos: Repositories) => Promise<T>): Promise<T> {
  return store.db.transaction(async (tx) => work(createAll(tx as unknown as Db)));
}

/** Runs one step under a savepoint; resolves to the error that undid it, or undefined. */
export type Attempt = (step: (repos: Repositories) => Promise<void>) => Promise<unknown>;

/**
 * Like `inTransaction`, with `attempt` to try steps one at a time: a failed step is undone
 * alone (a savepoint) and the transaction goes on. Used to find which rows a database refuses.
 */
export async function inTransactionWithAttempts<T>(
  store: Store,
  work: (repos: Repositories, attempt: Attempt) => Promise<T>,
): Promise<T> {
  return store.db.transaction(async (tx) => {
    const attempt: Attempt = async (step) => {
      try {
        await tx.transaction(async (sp) => step(createAll(sp as unknown as Db)));
        return undefined;
      } catch (e) {
        return e ?? new Error('the step failed');
      }
    };
    return work(createAll(tx as unknown as Db), attempt);
  });
}

/** A cheap liveness probe for /health. */
export async function pingDatabase(store: Store): Promise<boolean> {
  try {
    await queryRows(store.db, sql`select 1`);
    return true;
  } catch {
    return false;
  }
}
