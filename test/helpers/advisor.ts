/**
 * A week of visits for the advisors' app's tests, written straight into a published plan (no
 * planner run): advisor ADV_AINO of the Espoo demo has two visits on "today" (Tuesday
 * 1 December 2026, see TUESDAY_2026_12_01), one each on Monday and Thursday, a cancelled one on
 * Friday, and one the next Monday; ADV_MIKAEL shares Tuesday afternoon's and has one of his own.
 * Accounts: an advisor working as ADV_AINO, one working as ADV_MIKAEL, one with no advisor, a
 * planner and an admin.
 */
import { createRepositories, inTransaction } from '../../src/db/repositories.ts';
import { createAuthService } from '../../src/services/auth-service.ts';
import { TUESDAY_2026_12_01 } from './espoo.ts';
import { testPlanRow } from './plans.ts';
import type { TestStore } from './store.ts';

export const ADVISOR_PASSWORD = 'correct horse battery';

export const ADVISOR_ACCOUNTS = {
  aino: { email: 'aino@example.org', displayName: 'Aino Advisor', roles: ['advisor'], advisorId: 'ADV_AINO' },
  mikael: { email: 'mikael@example.org', displayName: 'Mikael', roles: ['advisor'], advisorId: 'ADV_MIKAEL' },
  unlinked: { email: 'new@example.org', displayName: 'Uusi', roles: ['advisor'], advisorId: null },
  planner: { email: 'pia@example.org', displayName: 'Pia Planner', roles: ['planner'], advisorId: null },
  admin: { email: 'root@example.org', displayName: 'Admin', roles: ['admin'], advisorId: null },
} as const;

export type AdvisorAccount = keyof typeof ADVISOR_ACCOUNTS;

export interface AdvisorWeekVisits {
  /** Tuesday 09:30–12:00 at Sello library (going on at 10:00). */
  readonly todayMorning: string;
  /** Tuesday 13:00–15:00 at Entresse library, with ADV_MIKAEL. */
  readonly todayAfternoon: string;
  readonly monday: string;
  readonly thursday: string;
  readonly fridayCancelled: string;
  readonly nextMonday: string;
  /** ADV_MIKAEL's own, Wednesday. */
  readonly mikaels: string;
}

const VISITS = [
  ['todayMorning', 'LIB_SELLO', '2026-12-01', '09:30', '12:00', ['ADV_AINO']],
  ['todayAfternoon', 'LIB_ENTRESSE', '2026-12-01', '13:00', '15:00', ['ADV_AINO', 'ADV_MIKAEL']],
  ['monday', 'LIB_TAPIOLA', '2026-11-30', '13:00', '15:00', ['ADV_AINO']],
  ['thursday', 'LIB_OMENA', '2026-12-03', '09:30', '12:00', ['ADV_AINO']],
  ['fridayCancelled', 'LIB_KALAJARVI', '2026-12-04', '09:30', '12:00', ['ADV_AINO']],
  ['nextMonday', 'LIB_SELLO', '2026-12-07', '09:30', '12:00', ['ADV_AINO']],
  ['mikaels', 'LIB_ENTRESSE', '2026-12-02', '09:30', '12:00', ['ADV_MIKAEL']],
] as const;

/** Publishes the week's visits and adds the accounts; the Espoo demo must be loaded. */
export async function seedAdvisorWeek(store: TestStore): Promise<AdvisorWeekVisits> {
  const ids = await inTransaction(store, async (tx) => {
    const planId = await tx.plans.insertPlan(
      testPlanRow('2026-11-30', '2026-12-13', { summary: {}, changes: {} }),
      VISITS.map(([, venueId, date, start, end, advisorIds]) => ({
        venueId,
        date,
        start,
        end,
        advisorIds,
        explanation: null,
      })),
    );
    await tx.plans.setVisitsPublished(planId);
    await tx.plans.setPlanPublished(planId);
    const stored = await tx.plans.listVisitsOfPlan(planId);
    const idOf = (venue: string, date: string) => {
      const v = stored.find((s) => s.venueId === venue && s.date === date);
      if (!v) throw new Error(`no visit ${venue} ${date}`);
      return v.id as string;
    };
    const out = Object.fromEntries(VISITS.map(([key, venue, date]) => [key, idOf(venue, date)]));
    await tx.plans.setVisitCancelled(out.fridayCancelled as string, 'venue-closed', {
      fi: 'Kirjasto on suljettu',
      sv: 'Biblioteket är stängt',
      en: 'The library is closed',
    });
    return out as unknown as AdvisorWeekVisits;
  });
  const auth = createAuthService({
    store,
    repos: createRepositories(store.db),
    now: () => TUESDAY_2026_12_01,
  });
  for (const account of Object.values(ADVISOR_ACCOUNTS))
    await auth.addUser({ ...account, roles: [...account.roles], password: ADVISOR_PASSWORD });
  return ids;
}

/** A session cookie for an account (signed in through the service: no HTTP, no throttle). */
export async function sessionCookie(store: TestStore, account: AdvisorAccount, nowMs = TUESDAY_2026_12_01) {
  const auth = createAuthService({ store, repos: createRepositories(store.db), now: () => nowMs });
  const r = await auth.login(ADVISOR_ACCOUNTS[account].email, ADVISOR_PASSWORD);
  if (!r.ok) throw new Error(`could not sign in as ${account}`);
  return `neuvo_session=${r.token}`;
}
