/**
 * A small published schedule for booking tests, without the Espoo demo: one district, one
 * venue, two advisors, one topic, and published visits the test asks for. Cheap enough for
 * every booking test file to make its own.
 */
import { sql } from 'drizzle-orm';
import { asAdvisorId, asSiteId } from '../../src/core/ids.ts';
import type { Advisor } from '../../src/core/model/advisor.ts';
import type { Site } from '../../src/core/model/site.ts';
import type { IsoDate, WallTime } from '../../src/core/time/civil-time.ts';
import { inTransaction } from '../../src/db/repositories.ts';
import type { Store } from '../../src/db/store.ts';
import { advisor, district, postalArea, site, topic } from '../fixtures.ts';
import { testPlanRow } from './plans.ts';

/** Tuesday 1 December 2026, 09:00 in Helsinki (07:00 UTC): the tests' "now". */
export const BOOKING_NOW = Date.UTC(2026, 11, 1, 7, 0);

export const VENUE: Site = {
  ...site,
  id: asSiteId('V1'),
  role: 'venue',
  kind: 'library',
  name: { fi: 'Kirjasto', sv: 'Biblioteket', en: 'The library' },
  address: { street: 'Kirjastokatu 2', postalCode: '02970', city: 'Espoo' },
  weeklyHours: ([1, 2, 3, 4, 5] as const).map((weekday) => ({
    weekday,
    opens: '09:00',
    closes: '18:00',
    validFrom: null,
    validTo: null,
  })),
  exceptions: [],
};

export const ADVISORS: Advisor[] = [
  { ...advisor, id: asAdvisorId('A1'), displayName: 'Aino', languages: ['fi', 'sv'], absences: [] },
  { ...advisor, id: asAdvisorId('A2'), displayName: 'Bashir', languages: ['fi', 'en', 'ar'], absences: [] },
];

export interface VisitSpec {
  readonly date: IsoDate;
  readonly start: WallTime;
  readonly end: WallTime;
  /** Advisors on the visit (default both). */
  readonly advisorIds?: readonly string[];
  readonly status?: 'published' | 'planned' | 'cancelled';
}

/** Loads the reference data once per database. */
export async function seedBookingWorld(store: Store): Promise<void> {
  await inTransaction(store, async (tx) => {
    await tx.areas.upsert([district, postalArea]);
    await tx.sites.upsert([site, VENUE]);
    await tx.advisors.upsert(ADVISORS);
    await tx.topics.upsert([topic]);
  });
}

/** Publishes visits at the venue; returns their ids in the order given. */
export async function publishVisits(store: Store, specs: readonly VisitSpec[]): Promise<string[]> {
  const ids = await inTransaction(store, async (tx) => {
    const planId = await tx.plans.insertPlan(
      testPlanRow(specs[0]?.date ?? '2026-12-01', specs.at(-1)?.date ?? '2026-12-01'),
      specs.map((s) => ({
        venueId: VENUE.id,
        date: s.date,
        start: s.start,
        end: s.end,
        advisorIds: s.advisorIds ?? ADVISORS.map((a) => a.id),
        explanation: null,
      })),
    );
    const visits = await tx.plans.listVisitsOfPlan(planId);
    const ids: string[] = [];
    for (const s of specs) {
      const v = visits.find((x) => x.date === s.date && x.start === s.start && !ids.includes(x.id));
      if (!v) throw new Error(`visit ${s.date} ${s.start} was not stored`);
      ids.push(v.id);
    }
    return ids;
  });
  for (const [i, s] of specs.entries()) {
    const status = s.status ?? 'published';
    await store.db.execute(
      sql`update visits set status = ${status}, cancel_reason = ${status === 'cancelled' ? 'other' : null} where id = ${ids[i] as string}`,
    );
  }
  return ids;
}
