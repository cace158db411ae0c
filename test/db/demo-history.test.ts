/**
 * The demo's synthetic contact history on a small world: two districts, a fixed service point,
 * two venues, a published four-week pattern with explanations. Eight weeks, so it stays quick.
 */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asAreaId, asScenarioId, asSiteId, asTopicId } from '../../src/core/ids.ts';
import type { Area } from '../../src/core/model/area.ts';
import type { Site } from '../../src/core/model/site.ts';
import {
  addDays,
  isoDateAt,
  isoWeekday,
  wallClockToEpochMs,
  wallTimeAt,
} from '../../src/core/time/civil-time.ts';
import { createHolidayCalendar } from '../../src/core/time/holidays.ts';
import { createRepositories, inTransaction } from '../../src/db/repositories.ts';
import { queryRows, type Store } from '../../src/db/store.ts';
import { AGE_GROUPS, contactInputSchema } from '../../src/services/contact-service.ts';
import {
  type DemoHistorySummary,
  generateDemoHistory,
  SYNTHETIC_HISTORY_CREATOR,
  SYNTHETIC_HISTORY_SETTING,
  type SyntheticHistorySetting,
} from '../../src/services/reports/demo-history.ts';
import { advisor, district, postalArea, site, topic } from '../fixtures.ts';
import { ADVISORS, VENUE } from '../helpers/booking.ts';
import { testPlanRow } from '../helpers/plans.ts';
import { createTestStore, type TestStore } from '../helpers/store.ts';

/** Tuesday 12 January 2027, 10:00 in Helsinki: the history is 16.11.2026–10.1.2027 (Christmas, New Year, Epiphany). */
const NOW = Date.UTC(2027, 0, 12, 8, 0);
const FROM = '2026-11-16';
const TO = '2027-01-10';
const WEEKS = 8;

const south: Area = {
  ...district,
  id: asAreaId('south'),
  name: { fi: 'Etelä', sv: 'Södra', en: 'South' },
  population: { ...district.population, total: 500, swedishSpeaking: 10 },
};
const southPostal: Area = { ...postalArea, id: asAreaId('02100'), parentId: asAreaId('south') };
const VENUE_SOUTH: Site = {
  ...VENUE,
  id: asSiteId('V2'),
  name: { fi: 'Talo', sv: 'Huset', en: 'The house' },
  areaId: asAreaId('02100'),
  districtId: asAreaId('south'),
};
const TOPICS = [
  topic,
  { ...topic, id: asTopicId('tax'), sortOrder: 1, name: { fi: 'Vero', sv: 'Skatt', en: 'Tax' } },
  { ...topic, id: asTopicId('eservice'), sortOrder: 2, atFixedPoint: false },
];

/** The published pattern, Monday 11 January 2027 on: weekly, weekly, every other week. */
function templateVisits() {
  const explained = (expectedContacts: number, areaId: string, groups: string[]) => ({
    reached: [{ areaId, groups, weightedNeed: 300 }],
    expectedContacts,
    valueIfDropped: 1,
    rhythm: 'weekly',
    languages: ['fi'],
  });
  return [0, 1, 2, 3].flatMap((w) => [
    {
      venueId: VENUE.id,
      date: addDays('2027-01-12', 7 * w),
      start: '09:30',
      end: '12:00',
      advisorIds: ['A1', 'A2'],
      explanation: explained(20, '02970', ['age75plus', 'foreignLanguage', 'swedishSpeaking']),
    },
    {
      venueId: VENUE_SOUTH.id,
      date: addDays('2027-01-14', 7 * w),
      start: '13:00',
      end: '15:00',
      advisorIds: ['A2'],
      explanation: explained(15, '02100', ['unemployed', 'age65to74']),
    },
    ...(w % 2 === 0
      ? [
          {
            venueId: VENUE_SOUTH.id,
            date: addDays('2027-01-11', 7 * w),
            start: '09:30',
            end: '12:00',
            advisorIds: ['A1'],
            explanation: null,
          },
        ]
      : []),
  ]);
}

async function seedWorld(store: Store): Promise<void> {
  await inTransaction(store, async (tx) => {
    await tx.areas.upsert([district, postalArea, south, southPostal]);
    await tx.sites.upsert([site, VENUE, VENUE_SOUTH]);
    await tx.advisors.upsert(ADVISORS.map((a) => ({ ...a, availability: advisor.availability })));
    await tx.topics.upsert(TOPICS);
    await tx.scenarios.upsert([
      {
        id: asScenarioId('early'),
        name: { fi: 'A', sv: 'A', en: 'A' },
        description: { fi: '', sv: '', en: '' },
        builtin: false,
        referenceDate: '2026-01-01',
        sites: [{ siteId: site.id, period: { from: null, to: null } }],
      },
      {
        // In force from 1.12.2026: the point closes at the end of the year.
        id: asScenarioId('late'),
        name: { fi: 'B', sv: 'B', en: 'B' },
        description: { fi: '', sv: '', en: '' },
        builtin: false,
        referenceDate: '2026-12-01',
        sites: [{ siteId: site.id, period: { from: null, to: '2026-12-31' } }],
      },
    ]);
    const planId = await tx.plans.insertPlan(testPlanRow('2027-01-11', '2027-02-07'), templateVisits());
    await tx.plans.setVisitsPublished(planId);
    await tx.plans.setPlanPublished(planId);
    // Every quarter-hour bookable at the library; the house keeps the default rule.
    await tx.bookings.setVenueRule(VENUE.id, { slotMinutes: 15, walkInPercent: 0 });
  });
}

interface ContactRow {
  id: string;
  client_id: string;
  logged_ms: number;
  recorded_ms: number;
  staff_user_id: string | null;
  advisor_id: string | null;
  channel: string;
  visit_id: string | null;
  site_id: string | null;
  topic_ids: string[];
  language: string;
  age_band: string;
  groups: string[];
  duration_minutes: number | null;
  outcome: string;
  referred_to: string | null;
}
interface VisitRow {
  id: string;
  venue_id: string;
  date: string;
  start: string;
  end: string;
  status: string;
  cancel_reason: string | null;
  checked_in: number;
  advisors: string[];
}

const contactsOf = (store: Store) =>
  queryRows<ContactRow>(
    store.db,
    sql`select *, extract(epoch from logged_at)::float8 * 1000 as logged_ms,
          extract(epoch from recorded_at)::float8 * 1000 as recorded_ms
        from contacts order by id`,
  );
const historyVisitsOf = (store: Store) =>
  queryRows<VisitRow>(
    store.db,
    sql`select v.id, v.venue_id, v.date::text as date, to_char(v.start, 'HH24:MI') as start,
          to_char(v."end", 'HH24:MI') as "end", v.status, v.cancel_reason,
          count(va.checked_in_at)::int as checked_in, array_agg(va.advisor_id order by va.advisor_id) as advisors
        from visits v join plans p on p.id = v.plan_id left join visit_advisors va on va.visit_id = v.id
        where p.created_by = ${SYNTHETIC_HISTORY_CREATOR}
        group by v.id order by v.date, v.start, v.venue_id`,
  );
const count = async (store: Store, table: string) =>
  (await queryRows<{ n: number }>(store.db, sql.raw(`select count(*)::int as n from ${table}`)))[0]?.n ?? -1;

let a: TestStore;
let b: TestStore;
let summary: DemoHistorySummary | null;
beforeAll(async () => {
  [a, b] = await Promise.all([createTestStore(), createTestStore()]);
  await Promise.all([seedWorld(a), seedWorld(b)]);
});
afterAll(async () => {
  await Promise.all([a?.destroy(), b?.destroy()]);
});

describe('synthetic demo history', () => {
  it('writes nothing when a batch fails, then everything', async () => {
    // The second batch of contacts fails: the plan, visits, bookings and first batch go with it.
    await a.db.execute(sql`create function fail_second_batch() returns trigger language plpgsql as $$
      begin
        if (select count(*) from contacts) > 500 then raise exception 'fault injected'; end if;
        return null;
      end $$`);
    await a.db.execute(
      sql`create trigger fail_second_batch after insert on contacts for each statement execute function fail_second_batch()`,
    );
    await expect(generateDemoHistory(a, { now: NOW, weeks: WEEKS })).rejects.toThrow();
    expect(await count(a, 'contacts')).toBe(0);
    expect(await count(a, 'bookings')).toBe(0);
    expect(await count(a, 'visits')).toBe(templateVisits().length);
    expect(await count(a, 'plans')).toBe(1);
    expect(await createRepositories(a.db).access.getSetting(SYNTHETIC_HISTORY_SETTING)).toBeUndefined();
    await a.db.execute(sql`drop trigger fail_second_batch on contacts`);

    summary = await generateDemoHistory(a, { now: NOW, weeks: WEEKS });
    expect(summary).toMatchObject({ from: FROM, to: TO, weeks: WEEKS });
    expect(summary?.contacts).toBeGreaterThan(500);
    expect(summary?.contacts).toBe(await count(a, 'contacts'));
    expect(summary?.bookings).toBe(await count(a, 'bookings'));
    expect(summary?.visits).toBe((await historyVisitsOf(a)).length);
  });

  it('is the same on another database with the same data, now and seed', async () => {
    expect(await generateDemoHistory(b, { now: NOW, weeks: WEEKS })).toEqual(summary);
    const perDay = (store: Store) =>
      queryRows<{ day: string; site: string; channel: string; n: number }>(
        store.db,
        sql`select (logged_at at time zone 'Europe/Helsinki')::date::text as day, site_id as site, channel,
              count(*)::int as n from contacts group by 1, 2, 3 order by 1, 2, 3`,
      );
    expect(await perDay(b)).toEqual(await perDay(a));
    expect(await contactsOf(b)).toEqual(await contactsOf(a));
    const strip = (rows: VisitRow[]) => rows.map(({ id: _, ...rest }) => rest);
    expect(strip(await historyVisitsOf(b))).toEqual(strip(await historyVisitsOf(a)));
  });

  it('runs once: null when the contact log holds anything', async () => {
    expect(await generateDemoHistory(a, { now: NOW + 7 * 86_400_000, weeks: WEEKS })).toBeNull();
    expect(await count(a, 'contacts')).toBe(summary?.contacts);
  });

  it('labels the history as synthetic in a setting', async () => {
    const setting = (await createRepositories(a.db).access.getSetting(
      SYNTHETIC_HISTORY_SETTING,
    )) as SyntheticHistorySetting;
    expect(setting).toMatchObject({ ...summary, generatedAt: new Date(NOW).toISOString() });
    const [plan] = await queryRows<{ id: string; status: string; from: string; to: string }>(
      a.db,
      sql`select id, status, horizon_from::text as from, horizon_to::text as to from plans where created_by = ${SYNTHETIC_HISTORY_CREATOR}`,
    );
    expect(plan).toEqual({ id: setting.planId, status: 'superseded', from: FROM, to: TO });
    // Two districts: the service begins part-way in one of them, and nothing is there before.
    expect(setting.serviceStarts).toHaveLength(1);
    const start = setting.serviceStarts[0] as { districtId: string; from: string };
    expect(start.from > FROM && start.from < TO).toBe(true);
    const venueOf = start.districtId === 'south' ? 'V2' : 'V1';
    const there = (await historyVisitsOf(a)).filter((v) => v.venue_id === venueOf);
    expect(there.length).toBeGreaterThan(0);
    expect(there.every((v) => v.date >= start.from)).toBe(true);
  });

  it('repeats the pattern on working days only; a few visits cancelled or not delivered', async () => {
    const made = createHolidayCalendar([]);
    if (!made.ok) throw new Error(made.error);
    const visits = await historyVisitsOf(a);
    for (const v of visits) {
      expect(v.date >= FROM && v.date <= TO).toBe(true);
      expect(made.value.isClosed(v.date)).toBe(false);
      const pattern = templateVisits().find(
        (t) => t.venueId === v.venue_id && isoWeekday(t.date) === isoWeekday(v.date) && t.start === v.start,
      );
      expect(pattern?.end).toBe(v.end);
      expect(v.advisors).toEqual(pattern?.advisorIds);
      expect(['published', 'cancelled']).toContain(v.status);
      expect(v.cancel_reason === null).toBe(v.status === 'published');
      // Delivered: every advisor checked in; not delivered: nobody did.
      if (v.status === 'published') expect([0, v.advisors.length]).toContain(v.checked_in);
      else expect(v.checked_in).toBe(0);
    }
    // Christmas Day, New Year's Day and Epiphany have no visits; ordinary Mondays to Fridays do.
    const dates = new Set(visits.map((v) => v.date));
    for (const holiday of ['2026-12-25', '2027-01-01', '2027-01-06']) expect(dates.has(holiday)).toBe(false);
    expect(dates.has('2026-12-29')).toBe(true);
    // The fortnightly Monday series keeps its rhythm: every other Monday.
    const mondays = visits.filter((v) => v.venue_id === 'V2' && v.start === '09:30').map((v) => v.date);
    for (const [i, m] of mondays.entries())
      if (i > 0) expect((Date.parse(m) - Date.parse(mondays[i - 1] as string)) % (14 * 86_400_000)).toBe(0);
  });

  it('logs contacts only at delivered visits, within their times, and at open service points', async () => {
    const contacts = await contactsOf(a);
    const visits = new Map((await historyVisitsOf(a)).map((v) => [v.id, v]));
    const perVisit = new Map<string, number>();
    for (const c of contacts) {
      const at = c.logged_ms;
      expect(at).toBeLessThan(NOW);
      expect(c.recorded_ms).toBeGreaterThan(at);
      const date = isoDateAt(at);
      expect(date >= FROM && date <= TO).toBe(true);
      if (c.visit_id) {
        const v = visits.get(c.visit_id);
        expect(v?.status).toBe('published');
        expect(v?.checked_in).toBeGreaterThan(0);
        if (!v) continue;
        expect(at).toBeGreaterThanOrEqual(wallClockToEpochMs(v.date, v.start));
        expect(at).toBeLessThan(wallClockToEpochMs(v.date, v.end));
        expect(c.site_id).toBe(v.venue_id);
        expect(v.advisors).toContain(c.advisor_id);
        perVisit.set(v.id, (perVisit.get(v.id) ?? 0) + 1);
      } else {
        // The point: Mondays 9–12 and 13–16, 23.12. 10–14 (an exception), closed from 2027 on.
        expect(c.site_id).toBe('P1');
        expect(c.advisor_id).toBeNull();
        expect(c.channel).toBe('walk-in');
        expect(date <= '2026-12-31').toBe(true);
        const time = wallTimeAt(at);
        if (date === '2026-12-23') expect(time >= '10:00' && time < '14:00').toBe(true);
        else {
          expect(isoWeekday(date)).toBe(1);
          expect((time >= '09:00' && time < '12:00') || (time >= '13:00' && time < '16:00')).toBe(true);
        }
      }
    }
    const delivered = [...visits.values()].filter((v) => v.status === 'published' && v.checked_in > 0);
    expect(perVisit.size).toBeGreaterThan(delivered.length * 0.8);
    expect(contacts.some((c) => isoDateAt(c.logged_ms) === '2026-12-23')).toBe(true);
  });

  it('uses only the contact log’s codes', async () => {
    const contacts = await contactsOf(a);
    const languages = new Set<string>();
    for (const c of contacts) {
      const input = {
        clientId: c.client_id,
        loggedAt: new Date(c.logged_ms).toISOString(),
        channel: c.channel,
        visitId: c.visit_id,
        siteId: c.site_id,
        topicIds: c.topic_ids,
        language: c.language,
        ageBand: c.age_band,
        groups: c.groups,
        durationMinutes: c.duration_minutes,
        outcome: c.outcome,
        referredTo: c.referred_to,
      };
      expect(contactInputSchema.safeParse(input).error?.issues ?? []).toEqual([]);
      expect(c.staff_user_id).toBeNull();
      expect(c.groups.some((g) => AGE_GROUPS.includes(g))).toBe(false);
      expect([5, 15, 30, 50, null]).toContain(c.duration_minutes);
      for (const t of c.topic_ids) expect(TOPICS.map((x) => x.id as string)).toContain(t);
      if (!c.visit_id) expect(c.topic_ids).not.toContain('eservice');
      languages.add(c.language);
    }
    expect(new Set(contacts.map((c) => c.client_id)).size).toBe(contacts.length);
    expect(languages.has('fi') && languages.has('sv')).toBe(true);
    expect([...languages].some((l) => !['fi', 'sv', 'en'].includes(l))).toBe(true);
    expect(new Set(contacts.map((c) => c.age_band)).size).toBeGreaterThanOrEqual(4);
  });

  it('books past visits anonymously; each attended booking is one booked contact', async () => {
    const rows = await queryRows<{
      visit_id: string;
      status: string;
      cancelled_by: string | null;
      personal: number;
      erased: boolean;
    }>(
      a.db,
      sql`select visit_id, status, cancelled_by,
            num_nonnulls(first_name, contact, contact_kind, token_hash)::int as personal,
            erased_at is not null and erased_at <= ${new Date(NOW).toISOString()}::timestamptz as erased
          from bookings`,
    );
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every((r) => r.personal === 0 && r.erased)).toBe(true);
    const visits = new Map((await historyVisitsOf(a)).map((v) => [v.id, v]));
    for (const r of rows) {
      const v = visits.get(r.visit_id);
      expect(v).toBeDefined();
      expect(v?.status === 'cancelled' || (v?.checked_in ?? 0) > 0).toBe(true);
      if (v?.status === 'cancelled') expect([r.status, r.cancelled_by]).toEqual(['cancelled', 'visit']);
    }
    const attended = new Map<string, number>();
    for (const r of rows)
      if (r.status === 'attended') attended.set(r.visit_id, (attended.get(r.visit_id) ?? 0) + 1);
    const booked = new Map<string, number>();
    for (const c of await contactsOf(a))
      if (c.channel === 'booked')
        booked.set(c.visit_id as string, (booked.get(c.visit_id as string) ?? 0) + 1);
    expect(booked).toEqual(attended);
    const statuses = new Set(rows.map((r) => r.status));
    expect(statuses.has('attended')).toBe(true);
    for (const st of statuses) expect(['attended', 'no-show', 'cancelled']).toContain(st);
  });
});
