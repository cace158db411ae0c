/**
 * Booking over the API: the slots of a published visit, 500 simultaneous bookings for ten free
 * seats (exactly ten taken, 490 clear "full" answers, no seat twice), refusals with their
 * reasons, the booker's token (read, delete), the messages queued in the booker's language,
 * bookings cancelled with their visit, reminders the day before, and retention: after the
 * period the personal fields are gone and the counts remain.
 */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createApp } from '../../src/app.ts';
import { createRepositories, inTransaction } from '../../src/db/repositories.ts';
import { openStore, queryRows, type Store } from '../../src/db/store.ts';
import { createAuthService } from '../../src/services/auth-service.ts';
import { createBookingService } from '../../src/services/booking/booking-service.ts';
import { BOOKING_NOW, publishVisits, seedBookingWorld } from '../helpers/booking.ts';
import { createTestStore, type TestStore } from '../helpers/store.ts';

let store: TestStore;
let clock = BOOKING_NOW;
let app: ReturnType<typeof createApp>;
let second: Store | undefined;
let otherApp: ReturnType<typeof createApp> | undefined;
/** Visits: a 5-hour visit with two advisors (5 bookable half hours × 2 seats = 10), and others. */
const visit = { race: '', small: '', past: '', cancelled: '', planned: '', later: '' };

beforeAll(async () => {
  store = await createTestStore();
  await seedBookingWorld(store);
  const ids = await publishVisits(store, [
    { date: '2026-12-02', start: '10:00', end: '15:00' },
    { date: '2026-12-03', start: '13:00', end: '15:00', advisorIds: ['A1'] },
    { date: '2026-11-30', start: '13:00', end: '15:00' },
    { date: '2026-12-04', start: '13:00', end: '15:00', status: 'cancelled' },
    { date: '2026-12-04', start: '09:30', end: '12:00', status: 'planned' },
    { date: '2026-12-09', start: '13:00', end: '15:00', advisorIds: ['A1'] },
  ]);
  for (const [i, key] of (['race', 'small', 'past', 'cancelled', 'planned', 'later'] as const).entries())
    visit[key] = ids[i] as string;
  // The rate limits (tested in test/api/booking-pages.test.ts) stay out of the race: each
  // request would add a transaction of its own, and this test is about the seats.
  app = createApp({ store, now: () => clock, trustedProxies: 1, rateRules: [] });
  // On a PostgreSQL server a second store (its own pool, as another server process would have)
  // takes half of the simultaneous bookings: only the database keeps them apart.
  if (store.url) {
    second = await openStore({ kind: 'postgres', url: store.url, maxConnections: 4 });
    otherApp = createApp({ store: second, now: () => clock, trustedProxies: 1, rateRules: [] });
  }
});
afterAll(async () => {
  await second?.close();
  await store?.destroy();
});
beforeEach(() => {
  clock = BOOKING_NOW;
});

let client = 0;
const book = async (visitId: string, body: Record<string, unknown>, via = app): Promise<Response> =>
  via.request(`http://localhost/api/v1/visits/${visitId}/bookings`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'x-forwarded-for': `10.0.${client >> 8}.${client++ & 255}`,
    },
    body: JSON.stringify(body),
  });

describe('slots', () => {
  it('cuts a visit into slots, keeps every other one for walk-ins, one seat per advisor', async () => {
    const res = await app.request(`http://localhost/api/v1/visits/${visit.small}/slots`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({
      items: [
        { start: '13:00', end: '13:30', free: 1 },
        { start: '14:00', end: '14:30', free: 1 },
      ],
    });
  });

  it('says why a visit has none: unknown, not published, cancelled, over', async () => {
    const status = async (id: string) =>
      (await app.request(`http://localhost/api/v1/visits/${id}/slots`)).status;
    expect(await status('00000000-0000-4000-8000-000000000000')).toBe(404);
    expect(await status(visit.planned)).toBe(404);
    expect(await status(visit.cancelled)).toBe(409);
    expect(await status(visit.past)).toBe(409);
    expect(await status('not-a-uuid')).toBe(400);
  });
});

describe('500 bookings at once for 10 free seats', () => {
  it('takes exactly ten, answers the other 490 "full", and never gives a seat twice', async () => {
    const starts = ['10:00', '11:00', '12:00', '13:00', '14:00'];
    const answers = await Promise.all(
      Array.from({ length: 500 }, (_, i) =>
        book(
          visit.race,
          { start: starts[i % starts.length], language: 'fi' },
          i % 2 ? (otherApp ?? app) : app,
        ).then(async (r) => ({
          status: r.status,
          body: (await r.json()) as { token?: string; detail?: string },
        })),
      ),
    );
    const created = answers.filter((a) => a.status === 201);
    const full = answers.filter((a) => a.status === 409);
    expect(created).toHaveLength(10);
    expect(full).toHaveLength(490);
    for (const a of full) expect(a.body.detail).toMatch(/full/);
    expect(new Set(created.map((a) => a.body.token)).size).toBe(10);
    const rows = await queryRows<{ start: string; seat: number }>(
      store.db,
      sql`select start::text as start, seat from bookings where visit_id = ${visit.race} and status <> 'cancelled'`,
    );
    expect(rows).toHaveLength(10);
    expect(new Set(rows.map((r) => `${r.start}/${r.seat}`)).size).toBe(10);
    const slots = (await (
      await app.request(`http://localhost/api/v1/visits/${visit.race}/slots`)
    ).json()) as {
      items: { free: number }[];
    };
    expect(slots.items.map((s) => s.free)).toEqual([0, 0, 0, 0, 0]);
  });

  it('the database itself refuses a second booking of a seat', async () => {
    const [taken] = await queryRows<{ start: string; seat: number }>(
      store.db,
      sql`select start::text as start, seat from bookings where visit_id = ${visit.race} limit 1`,
    );
    await expect(
      store.db.execute(
        sql`insert into bookings (visit_id, seat, start, "end", reference_code, language, lang, erase_after)
            values (${visit.race}, ${taken?.seat}, ${taken?.start}::time, '23:59', 'B-TEST-0001', 'fi', 'fi', now())`,
      ),
    ).rejects.toThrow();
  });
});

describe('refusals', () => {
  it('names the field and the reason', async () => {
    const problems = async (body: Record<string, unknown>, id = visit.later) => {
      const res = await book(id, body);
      return {
        status: res.status,
        body: (await res.json()) as { detail?: string; errors?: { name: string }[] },
      };
    };
    const unknownTopic = await problems({ start: '13:00', language: 'fi', topicId: 'astrology' });
    expect(unknownTopic.status).toBe(400);
    expect(unknownTopic.body.errors?.map((e) => e.name)).toEqual(['topicId']);
    const badContact = await problems({ start: '13:00', language: 'fi', contact: 'call me maybe' });
    expect(badContact.body.errors?.map((e) => e.name)).toEqual(['contact']);
    expect((await problems({ start: '13:00', language: 'fi', contact: '040 12' })).status).toBe(400);
    expect((await problems({ start: '13:00', language: 'xx' })).body.errors?.map((e) => e.name)).toEqual([
      'language',
    ]);
    const long = await problems({ start: '13:00', language: 'fi', firstName: 'x'.repeat(61) });
    expect(long.status).toBe(400);
    expect(long.body.detail).toMatch(/firstName/);
    expect((await problems({ start: '13:30', language: 'fi' })).body.errors?.map((e) => e.name)).toEqual([
      'start',
    ]);
    expect((await problems({ start: '13:00', language: 'fi' }, visit.past)).status).toBe(409);
    expect((await problems({ start: '13:00', language: 'fi' }, visit.cancelled)).body.detail).toMatch(
      /cancelled/,
    );
    expect((await problems({ start: '13:00', language: 'fi' }, visit.planned)).status).toBe(404);
  });
});

describe('the booker’s token', () => {
  it('reads the booking and deletes it; the seat is free again', async () => {
    const res = await book(visit.small, {
      start: '14:00',
      language: 'sv',
      topicId: 'kela',
      needs: ['interpreter'],
      firstName: 'Greta',
      contact: 'greta@example.com',
      lang: 'sv',
    });
    expect(res.status).toBe(201);
    const { token, referenceCode } = (await res.json()) as { token: string; referenceCode: string };
    expect(referenceCode).toMatch(/^B-[2-9A-Z]{4}-[2-9A-Z]{4}$/);
    const got = await app.request(`http://localhost/api/v1/bookings/${token}`);
    expect(await got.json()).toMatchObject({
      referenceCode,
      date: '2026-12-03',
      start: '14:00',
      end: '14:30',
      status: 'booked',
      needs: ['interpreter'],
      hasContact: true,
    });
    // The confirmation waits in the outbox, in Swedish, with the link to the booking.
    const messages = await createRepositories(store.db).outbox.list({});
    const confirmation = messages.find(
      (m) => m.kind === 'booking-confirmed' && m.recipient === 'greta@example.com',
    );
    expect(confirmation?.lang).toBe('sv');
    expect(confirmation?.subject).toBe('Din bokning är bekräftad');
    expect(confirmation?.body).toContain(referenceCode);
    expect(confirmation?.body).toContain(`/sv/bookings/${token}`);

    expect(
      (await app.request(`http://localhost/api/v1/bookings/${token}`, { method: 'DELETE' })).status,
    ).toBe(204);
    expect((await app.request(`http://localhost/api/v1/bookings/${token}`)).status).toBe(404);
    expect(
      (await app.request(`http://localhost/api/v1/bookings/${token}`, { method: 'DELETE' })).status,
    ).toBe(404);
    const [row] = await queryRows<{ status: string; first_name: string | null; contact: string | null }>(
      store.db,
      sql`select status, first_name, contact from bookings where reference_code = ${referenceCode}`,
    );
    expect(row).toEqual({ status: 'cancelled', first_name: null, contact: null });
    const slots = (await (
      await app.request(`http://localhost/api/v1/visits/${visit.small}/slots`)
    ).json()) as {
      items: { start: string; free: number }[];
    };
    expect(slots.items.find((s) => s.start === '14:00')?.free).toBe(1);
  });
});

describe('messages, cancellations, reminders and retention', () => {
  const service = () =>
    createBookingService({
      store,
      repos: createRepositories(store.db),
      now: () => clock,
      known: async () => ({ languages: ['fi', 'sv', 'en', 'ar'], topicIds: ['kela'] }),
      links: { manageUrl: (lang, token) => `https://example.org/${lang}/bookings/${token}` },
    });

  it('cancels the bookings of a cancelled visit and tells those who left a contact', async () => {
    const [id] = await publishVisits(store, [{ date: '2026-12-10', start: '13:00', end: '15:00' }]);
    const s = service();
    const a = await s.book(id as string, {
      start: '13:00',
      language: 'fi',
      contact: '+358 40 123 4567',
      lang: 'fi',
    });
    const b = await s.book(id as string, { start: '13:00', language: 'en', lang: 'en' });
    expect(a.ok && b.ok).toBe(true);
    const cancelled = await inTransaction(store, (tx) => s.cancelForVisits(tx, [id as string]));
    expect(cancelled).toBe(2);
    const notices = (await createRepositories(store.db).outbox.list({})).filter(
      (m) => m.kind === 'booking-cancelled',
    );
    expect(notices.map((m) => [m.channel, m.recipient, m.lang])).toEqual([['sms', '+358401234567', 'fi']]);
    expect(notices[0]?.subject).toBe('Neuvontakäynti on peruttu');
  });

  it('queues one reminder the day before, from 10 o’clock', async () => {
    const [id] = await publishVisits(store, [{ date: '2026-12-15', start: '13:00', end: '15:00' }]);
    const s = service();
    const booked = await s.book(id as string, {
      start: '13:00',
      language: 'fi',
      contact: 'r@example.com',
      lang: 'en',
    });
    expect(booked.ok).toBe(true);
    clock = Date.UTC(2026, 11, 14, 7, 30); // 09:30 in Helsinki on the day before: not yet
    expect(await s.queueReminders()).toBe(0);
    clock = Date.UTC(2026, 11, 14, 14, 0); // 16:00
    expect(await s.queueReminders()).toBe(1);
    expect(await s.queueReminders()).toBe(0);
    const reminder = (await createRepositories(store.db).outbox.list({})).find(
      (m) => m.kind === 'booking-reminder' && m.recipient === 'r@example.com',
    );
    expect(reminder?.subject).toBe('Reminder: your advice time is tomorrow');
  });

  it('erases the personal fields after the retention period and keeps the counts', async () => {
    const [id] = await publishVisits(store, [{ date: '2026-12-16', start: '13:00', end: '15:00' }]);
    const s = service();
    const booked = await s.book(id as string, {
      start: '14:00',
      language: 'fi',
      topicId: 'kela',
      firstName: 'Eino',
      contact: 'eino@example.com',
      lang: 'fi',
    });
    if (!booked.ok) throw new Error('not booked');
    const count = async () =>
      (
        await queryRows<{ n: number }>(
          store.db,
          sql`select count(*)::int as n from bookings where visit_id = ${id}`,
        )
      )[0]?.n;
    // 29 days after the visit: still there.
    clock = Date.UTC(2027, 0, 14, 12, 0);
    await s.enforceRetention();
    expect((await s.byToken(booked.token))?.booking.firstName).toBe('Eino');
    // 30 days and an hour after the visit ended: erased.
    clock = Date.UTC(2027, 0, 15, 14, 0);
    expect(await s.enforceRetention()).toBeGreaterThanOrEqual(1);
    const [row] = await queryRows<Record<string, unknown>>(
      store.db,
      sql`select first_name, contact, contact_kind, token_hash, topic_id, language, status, erased_at is not null as erased
          from bookings where visit_id = ${id}`,
    );
    expect(row).toEqual({
      first_name: null,
      contact: null,
      contact_kind: null,
      token_hash: null,
      topic_id: 'kela',
      language: 'fi',
      status: 'booked',
      erased: true,
    });
    expect(await count()).toBe(1);
    expect(await s.byToken(booked.token)).toBeNull();
    const counts = await s.countsByVisit([id as string]);
    expect(counts[0]?.booked).toBe(1);
  });
});

describe('a visit’s own booking rule', () => {
  it('lets a planner change slot length and walk-in share; others are refused', async () => {
    const auth = createAuthService({ store, repos: createRepositories(store.db), now: () => clock });
    await auth.addUser({
      email: 'planner@example.org',
      displayName: 'Pia',
      roles: ['planner'],
      advisorId: null,
      password: 'correct horse battery',
    });
    const login = await auth.login('planner@example.org', 'correct horse battery');
    if (!login.ok) throw new Error('no session');
    const [id] = await publishVisits(store, [{ date: '2026-12-17', start: '13:00', end: '15:00' }]);
    const put = (body: unknown, cookie = `neuvo_session=${login.token}`) =>
      app.request(`http://localhost/api/v1/visits/${id}/booking-rule`, {
        method: 'PUT',
        headers: { 'content-type': 'application/json', cookie, origin: 'http://localhost' },
        body: JSON.stringify(body),
      });
    expect((await put({ slotMinutes: 20, walkInPercent: 0 }, '')).status).toBe(401);
    const res = await put({ slotMinutes: 20, walkInPercent: 0 });
    expect(res.status).toBe(200);
    expect(((await res.json()) as { items: unknown[] }).items).toHaveLength(6);
    expect((await put({ slotMinutes: 5, walkInPercent: 0 })).status).toBe(400);
    expect((await put({ slotMinutes: null, walkInPercent: null })).status).toBe(200);
    const slots = (await (await app.request(`http://localhost/api/v1/visits/${id}/slots`)).json()) as {
      items: unknown[];
    };
    expect(slots.items).toHaveLength(2);
  });
});
