/**
 * A repair and its bookings, on the small booking world (one venue, two advisors): an absent
 * advisor's booked visit is re-staffed with the other advisor (same id, bookings kept), while a
 * closed venue's visit is cancelled on publishing with its bookings, and each booker who left a
 * contact gets the notice in their own language, in the publishing transaction (the draft's
 * page says beforehand how many bookings it would cancel).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/app.ts';
import { asSiteId } from '../../src/core/ids.ts';
import { createRepositories, inTransaction } from '../../src/db/repositories.ts';
import { createAccessService } from '../../src/services/access-service.ts';
import { createAuthService } from '../../src/services/auth-service.ts';
import { createBookingService } from '../../src/services/booking/booking-service.ts';
import { APPROXIMATE_MODEL_SETTING } from '../../src/services/import/json-formats.ts';
import { createPlanningService, type PlanningService } from '../../src/services/planning/planning-service.ts';
import { scenario } from '../fixtures.ts';
import { BOOKING_NOW, publishVisits, seedBookingWorld, VENUE } from '../helpers/booking.ts';
import { createTestStore, type TestStore } from '../helpers/store.ts';

const PASSWORD = 'correct horse battery';

describe('a repair keeps booked visits where it can, and cancels the bookings of those it cannot', () => {
  let store: TestStore;
  let planning: PlanningService;
  let absent = '';
  let closed = '';

  const bookings = () =>
    createBookingService({
      store,
      repos: createRepositories(store.db),
      now: () => BOOKING_NOW,
      known: async () => ({ languages: ['fi', 'sv', 'en'], topicIds: ['kela'] }),
      links: { manageUrl: (lang, token) => `https://example.org/${lang}/bookings/${token}` },
    });

  const repair = async (event: unknown) => {
    const job = await planning.enqueue({ kind: 'repair', event, timeLimitSeconds: 5 }, null);
    const done = await planning.runJobNow(job.id);
    expect(done?.status, done?.error ?? '').toBe('succeeded');
    return planning.getPlan(done?.planId ?? '');
  };

  beforeAll(async () => {
    store = await createTestStore();
    await seedBookingWorld(store);
    // The fixed point closed mid-2026: the venue is no short walk from an open one in December.
    // Buses only: travel times by the approximate model, so a planning instance can be built.
    await inTransaction(store, async (tx) => {
      await tx.scenarios.upsert([scenario]);
      // A second venue, so a day with the first closed still has somewhere to plan.
      await tx.sites.upsert([
        { ...VENUE, id: asSiteId('V2'), name: { fi: 'Talo', sv: 'Huset', en: 'The house' } },
      ]);
      await tx.access.setSetting(APPROXIMATE_MODEL_SETTING, {
        lines: [],
        bus: {
          default: { speedKmh: 20, headwayMinutes: 10, stopSpacingMeters: 400, detourFactor: 1.3 },
          byDistrict: {},
        },
      });
    });
    [absent, closed] = (await publishVisits(store, [
      { date: '2026-12-08', start: '09:30', end: '12:00', advisorIds: ['A1'] },
      { date: '2026-12-15', start: '13:00', end: '15:00' },
    ])) as [string, string];
    const repos = createRepositories(store.db);
    planning = createPlanningService({
      store,
      repos,
      access: createAccessService({ repos, now: () => BOOKING_NOW }),
      now: () => BOOKING_NOW,
    });
    const s = bookings();
    for (const [visit, start, contact, lang] of [
      [absent, '09:30', 'sv@example.org', 'sv'],
      [absent, '10:30', undefined, 'fi'],
      [closed, '13:00', '+358 40 123 4567', 'fi'],
      [closed, '14:00', 'en@example.org', 'en'],
      [closed, '13:00', undefined, 'en'],
    ] as const) {
      const r = await s.book(visit, { start, language: 'fi', contact, lang });
      expect(r.ok, JSON.stringify(r)).toBe(true);
    }
  });
  afterAll(async () => {
    await store?.destroy();
  });

  it('re-staffs the absent advisor’s booked visit with the other advisor: same visit, bookings kept', async () => {
    const detail = await repair({ type: 'absence', advisorId: 'A1', from: '2026-12-08', to: '2026-12-08' });
    expect(detail.changes.cancelled).toEqual([]);
    expect(detail.changes.restaffed).toEqual([{ visitId: absent, advisorIds: ['A2'], previous: ['A1'] }]);
    const request = detail.summary?.request;
    expect(request?.kind).toBe('repair');
    await planning.publish(detail.plan.id);
    const repos = createRepositories(store.db);
    const [visit] = await repos.plans.listVisitsById([absent]);
    expect(visit?.status).toBe('published');
    expect(visit?.advisorIds).toEqual(['A2']);
    const kept = await repos.bookings.listForVisits([absent]);
    expect(kept.map((b) => b.status)).toEqual(['booked', 'booked']);
    expect(await repos.outbox.list({ kind: 'booking-cancelled' })).toEqual([]);
  });

  it('cancels a closed venue’s visit with its bookings and tells each booker with a contact in their language', async () => {
    const detail = await repair({ type: 'venue-closed', venueId: 'V1', date: '2026-12-15' });
    expect(detail.changes.cancelled).toEqual([{ visitId: closed, reason: 'venue-closed' }]);
    // The plan says why the booked visit could not be kept.
    expect(detail.summary?.notes.some((n) => n.includes(closed) && n.includes('3 booking(s)'))).toBe(true);
    const repos = createRepositories(store.db);
    // Nothing happens to the bookings before the repair is published; the draft's page says
    // how many go with the cancelled visit.
    expect((await repos.bookings.openForVisits([closed])).length).toBe(3);
    const auth = createAuthService({ store, repos, now: () => BOOKING_NOW });
    await auth.addUser({
      email: 'pia@example.org',
      displayName: 'Pia',
      roles: ['planner'],
      password: PASSWORD,
    });
    const login = await auth.login('pia@example.org', PASSWORD);
    if (!login.ok) throw new Error('could not sign in');
    const res = await createApp({ store, now: () => BOOKING_NOW }).request(
      `http://localhost/en/planner/plans/${detail.plan.id}`,
      { headers: { cookie: `neuvo_session=${login.token}`, accept: 'text/html' } },
    );
    expect(res.status).toBe(200);
    expect((await res.text()).replace(/\s+/g, ' ')).toContain(
      '3 bookings will be cancelled with these visits when the plan is published.',
    );
    await planning.publish(detail.plan.id);
    const after = await repos.bookings.listForVisits([closed]);
    expect(after.map((b) => b.status)).toEqual(['cancelled', 'cancelled', 'cancelled']);
    const notices = await repos.outbox.list({ kind: 'booking-cancelled' });
    expect(notices.map((m) => [m.lang, m.channel, m.recipient, m.subject]).sort()).toEqual([
      ['en', 'email', 'en@example.org', 'The advice visit is cancelled'],
      ['fi', 'sms', '+358401234567', 'Neuvontakäynti on peruttu'],
    ]);
    const audit = await repos.audit.search({ action: 'plan.publish' }, { offset: 0, limit: 10 });
    const last = audit.items.find((a) => a.targetId === detail.plan.id);
    expect(last?.details).toMatchObject({ cancelled: 1, bookingsCancelled: 3 });
  });
});
