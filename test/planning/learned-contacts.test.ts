/**
 * Expected contacts learned from the contact log (docs/planning-model.md, "Staffing and
 * capacity"): the planning instance built from the database carries, per venue and time block,
 * the mean contacts per delivered visit over the 26 weeks before the horizon, when at least
 * MIN_LEARNED_VISITS visits were delivered; and the JSON instance format keeps the field.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { prepare } from '../../src/core/planning/prepare.ts';
import { validatePlan } from '../../src/core/planning/validate.ts';
import { createRepositories, inTransaction } from '../../src/db/repositories.ts';
import { createAccessService } from '../../src/services/access-service.ts';
import { createImportService } from '../../src/services/import-service.ts';
import {
  planningInstanceFromJson,
  planningInstanceToJson,
} from '../../src/services/planning/instance-format.ts';
import {
  buildPlanningInstance,
  LEARNED_CONTACTS_WEEKS,
  MIN_LEARNED_VISITS,
} from '../../src/services/planning/planning-data.ts';
import { readEspoo, TUESDAY_2026_12_01 } from '../helpers/espoo.ts';
import { testPlanRow } from '../helpers/plans.ts';
import { createTestStore, type TestStore } from '../helpers/store.ts';

/** The horizon starts Monday 4 January 2027; the log is read from 6 July 2026 to 3 January 2027. */
const HORIZON_FROM = '2027-01-04';

type Delivery = 'checked-in' | 'contacts-only' | 'none';
interface Seeded {
  readonly venueId: string;
  readonly date: string;
  readonly start: string;
  readonly end: string;
  readonly contacts: number;
  readonly delivery: Delivery;
  readonly cancelled?: boolean;
}

/** Tuesdays from 1 September 2026 on, one a week. */
const tuesday = (k: number) => new Date(Date.UTC(2026, 8, 1 + 7 * k)).toISOString().slice(0, 10);

const SEEDED: readonly Seeded[] = [
  // Sello mornings: six delivered visits, 72 contacts (12 a visit: two advisors at 4 an hour).
  ...[18, 18, 18, 18].map((contacts, k) => ({
    venueId: 'LIB_SELLO',
    date: tuesday(k),
    start: '09:30',
    end: '12:00',
    contacts,
    delivery: (k % 2 === 0 ? 'checked-in' : 'contacts-only') as Delivery,
  })),
  // Delivered with nobody logged: they count, with no contacts.
  {
    venueId: 'LIB_SELLO',
    date: tuesday(4),
    start: '09:30',
    end: '12:00',
    contacts: 0,
    delivery: 'checked-in',
  },
  {
    venueId: 'LIB_SELLO',
    date: tuesday(5),
    start: '09:30',
    end: '12:00',
    contacts: 0,
    delivery: 'checked-in',
  },
  // Not counted: not delivered; cancelled (contacts logged on it anyway); before the window; on
  // the horizon's first day; at other times than a block.
  { venueId: 'LIB_SELLO', date: tuesday(6), start: '09:30', end: '12:00', contacts: 0, delivery: 'none' },
  {
    venueId: 'LIB_SELLO',
    date: tuesday(7),
    start: '09:30',
    end: '12:00',
    contacts: 5,
    delivery: 'contacts-only',
    cancelled: true,
  },
  {
    venueId: 'LIB_SELLO',
    date: '2026-07-03',
    start: '09:30',
    end: '12:00',
    contacts: 30,
    delivery: 'checked-in',
  },
  {
    venueId: 'LIB_SELLO',
    date: HORIZON_FROM,
    start: '09:30',
    end: '12:00',
    contacts: 30,
    delivery: 'checked-in',
  },
  // Entresse afternoons: five delivered visits, one short of enough.
  ...[0, 1, 2, 3, 4].map((k) => ({
    venueId: 'LIB_ENTRESSE',
    date: tuesday(k),
    start: '13:00',
    end: '15:00',
    contacts: 20,
    delivery: 'checked-in' as Delivery,
  })),
  // Tapiola: six delivered at 10:00–12:00, which is no block of the plan.
  ...[0, 1, 2, 3, 4, 5].map((k) => ({
    venueId: 'LIB_TAPIOLA',
    date: tuesday(k),
    start: '10:00',
    end: '12:00',
    contacts: 3,
    delivery: 'contacts-only' as Delivery,
  })),
];

async function seed(store: TestStore): Promise<void> {
  await inTransaction(store, async (tx) => {
    const planId = await tx.plans.insertPlan(
      testPlanRow('2026-06-29', '2027-01-10', { summary: {}, changes: {} }),
      SEEDED.map((s) => ({
        venueId: s.venueId,
        date: s.date,
        start: s.start,
        end: s.end,
        advisorIds: ['ADV_AINO'],
        explanation: null,
      })),
    );
    await tx.plans.setVisitsPublished(planId);
    await tx.plans.setPlanPublished(planId);
    const stored = await tx.plans.listVisitsOfPlan(planId);
    for (const s of SEEDED) {
      const v = stored.find((r) => r.venueId === s.venueId && r.date === s.date && r.start === s.start);
      if (!v) throw new Error(`no visit ${s.venueId} ${s.date}`);
      const visitId = v.id as string;
      const at = Date.parse(`${s.date}T08:00:00Z`);
      if (s.delivery === 'checked-in') await tx.contacts.setCheckedIn('ADV_AINO', visitId, at);
      for (let n = 0; n < s.contacts; n++)
        await tx.contacts.insertContact({
          clientId: randomUUID(),
          loggedAtMs: at + n * 60_000,
          recordedAtMs: at + n * 60_000,
          staffUserId: null,
          advisorId: 'ADV_AINO',
          channel: 'walk-in',
          visitId,
          siteId: s.venueId,
          topicIds: [],
          language: 'fi',
          ageBand: 'unknown',
          groups: [],
          durationMinutes: null,
          outcome: 'solved',
          referredTo: null,
        });
      if (s.cancelled)
        await tx.plans.setVisitCancelled(visitId, 'venue-closed', {
          fi: 'Kirjasto on suljettu',
          sv: 'Biblioteket är stängt',
          en: 'The library is closed',
        });
    }
    // A contact at the venue that names no visit counts for no visit.
    await tx.contacts.insertContact({
      clientId: randomUUID(),
      loggedAtMs: Date.parse('2026-09-01T09:00:00Z'),
      recordedAtMs: Date.parse('2026-09-01T09:00:00Z'),
      staffUserId: null,
      advisorId: 'ADV_AINO',
      channel: 'walk-in',
      visitId: null,
      siteId: 'LIB_SELLO',
      topicIds: [],
      language: 'fi',
      ageBand: 'unknown',
      groups: [],
      durationMinutes: null,
      outcome: 'solved',
      referredTo: null,
    });
  });
}

describe('contacts learned from the log', () => {
  let store: TestStore;
  beforeAll(async () => {
    store = await createTestStore();
    expect((await createImportService(store).importCity(readEspoo)).ok).toBe(true);
    await seed(store);
  });
  afterAll(async () => {
    await store?.destroy();
  });

  it('the repository counts delivered visits and their contacts per venue and time', async () => {
    const repos = createRepositories(store.db);
    expect(LEARNED_CONTACTS_WEEKS).toBe(26);
    expect(await repos.contacts.contactsPerVisit('2026-07-06', '2027-01-03')).toEqual([
      { venueId: 'LIB_ENTRESSE', start: '13:00', end: '15:00', visits: 5, contacts: 100 },
      { venueId: 'LIB_SELLO', start: '09:30', end: '12:00', visits: 6, contacts: 72 },
      { venueId: 'LIB_TAPIOLA', start: '10:00', end: '12:00', visits: 6, contacts: 18 },
    ]);
    // Both ends of the range are included.
    expect(await repos.contacts.contactsPerVisit('2026-07-03', '2027-01-04')).toContainEqual({
      venueId: 'LIB_SELLO',
      start: '09:30',
      end: '12:00',
      visits: 8,
      contacts: 132,
    });
    expect(await repos.contacts.contactsPerVisit('2025-01-01', '2025-12-31')).toEqual([]);
  });

  it('the instance uses them where at least six visits were delivered, and the planner staffs by them', async () => {
    const repos = createRepositories(store.db);
    const access = createAccessService({ repos, now: () => TUESDAY_2026_12_01 });
    const x = await buildPlanningInstance({ repos, access }, { from: HORIZON_FROM, weeks: 1 });
    const venue = (id: string) => x.venues.find((v) => v.id === id);
    expect(MIN_LEARNED_VISITS).toBe(6);
    expect(venue('LIB_SELLO')?.learnedContacts).toEqual([
      { start: '09:30', end: '12:00', contactsPerVisit: 12, visits: 6 },
    ]);
    // Five delivered visits are not enough; a time that is no block is not learned.
    expect(venue('LIB_ENTRESSE')?.learnedContacts).toBeUndefined();
    expect(venue('LIB_TAPIOLA')?.learnedContacts).toBeUndefined();
    expect(x.venues.filter((v) => v.learnedContacts).map((v) => v.id)).toEqual(['LIB_SELLO']);

    // 12 contacts in 2.5 hours at 4 an hour: two advisors, in the solvers' candidates and the validator.
    const sello = x.venues.findIndex((v) => v.id === 'LIB_SELLO');
    const P = prepare({ ...x, venues: x.venues.map((v) => ({ ...v, nearFixedPoint: null })) });
    const mornings = P.candidates.filter((c) => c.venue === sello && c.start === 9 * 60 + 30);
    expect(mornings.length).toBeGreaterThan(0);
    for (const c of mornings)
      expect(c).toMatchObject({ expectedContacts: 12, expectedFrom: 'logs', staff: 2 });
    const staffing = validatePlan(x, [
      { venueId: 'LIB_SELLO', date: '2027-01-05', start: '09:30', end: '12:00', advisorIds: ['ADV_AINO'] },
    ]).filter((v) => v.rule === 'staffing');
    expect(staffing.map((v) => v.message)).toEqual([
      'LIB_SELLO 2027-01-05 09:30–12:00: needs 2 advisors (at most 2), has 1',
    ]);

    // The JSON instance keeps them.
    const again = planningInstanceFromJson(JSON.parse(JSON.stringify(planningInstanceToJson(x))));
    expect(again.ok).toBe(true);
    if (again.ok)
      expect(again.instance.venues.find((v) => v.id === 'LIB_SELLO')?.learnedContacts).toEqual(
        venue('LIB_SELLO')?.learnedContacts,
      );
  });

  it('reads the 26 weeks before each horizon', async () => {
    const repos = createRepositories(store.db);
    const access = createAccessService({ repos, now: () => TUESDAY_2026_12_01 });
    // From 5 October 2026: 6 April to 4 October, Sello's 3 July visit (30) and five Tuesdays (72 + 0).
    const october = await buildPlanningInstance({ repos, access }, { from: '2026-10-05', weeks: 1 });
    expect(october.venues.filter((v) => v.learnedContacts).map((v) => [v.id, v.learnedContacts])).toEqual([
      ['LIB_SELLO', [{ start: '09:30', end: '12:00', contactsPerVisit: 17, visits: 6 }]],
    ]);
    // From 31 August 2026: only the July visit, not enough.
    const august = await buildPlanningInstance({ repos, access }, { from: '2026-08-31', weeks: 1 });
    expect(august.venues.some((v) => v.learnedContacts)).toBe(false);
  });
});

describe('learned contacts in the JSON instance', () => {
  const doc = (learnedContacts?: unknown) => ({
    from: '2026-12-07',
    to: '2026-12-11',
    groups: [{ id: 'age75plus', weight: 3 }],
    districts: [{ id: 'D1' }],
    areas: [{ id: 'A1', district: 'D1', need: { age75plus: 500 } }],
    venues: [
      {
        id: 'LIB',
        district: 'D1',
        hours: 'Mo-Fr 09:00-16:00',
        reach: { A1: ['age75plus'] },
        ...(learnedContacts === undefined ? {} : { learnedContacts }),
      },
    ],
    blocks: [{ id: 'morning', start: '09:30', end: '12:00' }],
    advisors: [],
  });

  it('reads and writes them; files without them read as before', () => {
    const old = planningInstanceFromJson(doc());
    expect(old.ok && old.instance.venues[0]?.learnedContacts).toBeUndefined();
    const learned = [{ start: '09:30', end: '12:00', contactsPerVisit: 12.5, visits: 7 }];
    const parsed = planningInstanceFromJson(doc(learned));
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(parsed.instance.venues[0]?.learnedContacts).toEqual(learned);
    expect(planningInstanceToJson(parsed.instance).venues[0]?.learnedContacts).toEqual(learned);
    expect(planningInstanceToJson(old.ok ? old.instance : parsed.instance).venues[0]).not.toHaveProperty(
      'learnedContacts',
    );
  });

  it('names what is wrong with them', () => {
    const bad = planningInstanceFromJson(
      doc([
        { start: '12:00', end: '09:30', contactsPerVisit: 3, visits: 6 },
        { start: '09:30', end: '12:00', contactsPerVisit: 3, visits: 6 },
        { start: '09:30', end: '12:00', contactsPerVisit: 4, visits: 6 },
      ]),
    );
    expect(bad.ok ? [] : bad.issues.map((i) => `${i.path}: ${i.message}`)).toEqual([
      'venues[0].learnedContacts[0].end: expected a time after 12:00',
      'venues[0].learnedContacts[2]: duplicate time block 09:30–12:00',
    ]);
    const negative = planningInstanceFromJson(
      doc([{ start: '09:30', end: '12:00', contactsPerVisit: -1, visits: 0 }]),
    );
    expect(negative.ok ? [] : negative.issues.map((i) => i.path)).toEqual(
      expect.arrayContaining([
        'venues[0].learnedContacts[0].contactsPerVisit',
        'venues[0].learnedContacts[0].visits',
      ]),
    );
  });
});
