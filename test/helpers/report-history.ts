/**
 * Contact history for the report tests, without the Espoo demo: the booking world (district
 * "north" with a fixed point and the venue) plus district "south" with its own fixed point, a
 * second topic, a visit at the venue every Wednesday of twelve weeks (the tenth cancelled, the
 * last two never delivered), and seeded random contacts at the points and the delivered visits,
 * among them three Somali speakers, a count no report may show.
 */
import { sql } from 'drizzle-orm';
import { asAreaId, asSiteId } from '../../src/core/ids.ts';
import { seededRandom } from '../../src/core/random.ts';
import { addDays, wallClockToEpochMs } from '../../src/core/time/civil-time.ts';
import type { HistoryBookingRow } from '../../src/db/repositories/history-repository.ts';
import { inTransaction } from '../../src/db/repositories.ts';
import type { Store } from '../../src/db/store.ts';
import { district, site, topic } from '../fixtures.ts';
import { publishVisits, seedBookingWorld } from './booking.ts';

export const REPORT_FROM = '2026-09-07';
export const REPORT_TO = '2026-11-29';

/** One generated contact as the tests know it. */
export interface ReportRow {
  ms: number;
  site: string;
  district: string;
  channel: 'walk-in' | 'booked';
  reportChannel: 'fixed-point' | 'mobile' | 'booked';
  visit: string | null;
  language: string;
  ageBand: string;
  groups: string[];
  topics: string[];
  outcome: string;
}

/** Writes contacts straight into the log (the API would refuse times a month old). */
export async function insertContacts(store: Store, list: readonly ReportRow[]): Promise<void> {
  for (let i = 0; i < list.length; i += 200) {
    const chunk = list.slice(i, i + 200);
    const values = chunk.map(
      (r) =>
        sql`(gen_random_uuid(), ${new Date(r.ms).toISOString()}::timestamptz, ${r.channel}, ${r.visit}, ${r.site}, ${`{${r.topics.join(',')}}`}::text[], ${r.language}, ${r.ageBand}, ${`{${r.groups.join(',')}}`}::text[], ${r.outcome}, ${r.outcome === 'referred' ? 'kela' : null})`,
    );
    await store.db.execute(
      sql`insert into contacts (client_id, logged_at, channel, visit_id, site_id, topic_ids, language, age_band, groups, outcome, referred_to) values ${sql.join(values, sql`, `)}`,
    );
  }
}

/**
 * Anonymous past bookings at the delivered visits (visit i: 3 + i mod 3 attended, a no-show
 * at every other visit from the first, one cancelled), as retention leaves them. Each visit (10–14, two advisors, the
 * default rule of 30 minutes with half kept for walk-ins) has 4 bookable times × 2 seats.
 */
export function bookingsAt(visitIds: readonly string[]): HistoryBookingRow[] {
  const out: HistoryBookingRow[] = [];
  const times = ['10:00', '11:00', '12:00', '13:00'];
  for (const [i, visitId] of visitIds.entries()) {
    const statuses: HistoryBookingRow['status'][] = [
      ...Array.from({ length: 3 + (i % 3) }, () => 'attended' as const),
      ...Array.from({ length: (i + 1) % 2 }, () => 'no-show' as const),
      'cancelled',
    ];
    for (const [k, status] of statuses.entries()) {
      const start = times[k % 4] as string;
      out.push({
        id: `00000000-0000-4000-8000-${String(i * 100 + k).padStart(12, '0')}`,
        visitId,
        seat: Math.floor(k / 4) + 1,
        start,
        end: start.replace(':00', ':30'),
        status,
        cancelledBy: status === 'cancelled' ? 'resident' : null,
        referenceCode: `T-${String(i).padStart(4, '0')}-${String(k).padStart(4, '0')}`,
        topicId: null,
        language: 'fi',
        needs: [],
        lang: 'fi',
        createdAtMs: Date.UTC(2026, 7, 1),
        eraseAfterMs: Date.UTC(2026, 7, 2),
        erasedAtMs: Date.UTC(2026, 7, 2),
      });
    }
  }
  return out;
}

/** The world and its history; returns the generated contacts and the visits' ids. */
export async function seedReportWorld(store: Store): Promise<{ rows: ReportRow[]; visitIds: string[] }> {
  const FROM = REPORT_FROM;
  const rows: ReportRow[] = [];
  await seedBookingWorld(store);
  const south = { ...district, id: asAreaId('south'), name: { fi: 'Etelä', sv: 'Södra', en: 'South' } };
  await inTransaction(store, async (tx) => {
    await tx.areas.upsert([south]);
    await tx.sites.upsert([
      {
        ...site,
        id: asSiteId('P2'),
        districtId: south.id,
        name: { fi: 'Eteläpiste', sv: 'Sydpunkt', en: 'South point' },
      },
    ]);
    await tx.topics.upsert([{ ...topic, id: 'tax' as never, name: { fi: 'Vero', sv: 'Skatt', en: 'Tax' } }]);
  });
  // A visit at the venue every Wednesday of the period; the last three were not delivered
  // (one cancelled, two never checked in and without contacts).
  const wednesdays = Array.from({ length: 12 }, (_, w) => addDays(FROM, 7 * w + 2));
  const visitIds = await publishVisits(
    store,
    wednesdays.map((date, w) => ({
      date,
      start: '10:00',
      end: '14:00',
      ...(w === 9 ? { status: 'cancelled' as const } : {}),
    })),
  );
  for (const id of visitIds.slice(0, 9))
    await store.db.execute(
      sql`update visit_advisors set checked_in_at = now() where visit_id = ${id} and advisor_id = 'A1'`,
    );

  const random = seededRandom(27);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(random() * xs.length)] as T;
  for (let day = 0; day < 84; day++) {
    const date = addDays(FROM, day);
    const weekday = day % 7;
    if (weekday > 4) continue;
    const atFixed = 4 + Math.floor(random() * 8);
    for (let k = 0; k < atFixed; k++) {
      const south = random() < 0.3;
      rows.push({
        ms: wallClockToEpochMs(
          date,
          `${String(9 + (k % 6)).padStart(2, '0')}:${String(10 + k).padStart(2, '0')}`,
        ),
        site: south ? 'P2' : 'P1',
        district: south ? 'south' : 'north',
        channel: 'walk-in',
        reportChannel: 'fixed-point',
        visit: null,
        language: pick(['fi', 'fi', 'fi', 'sv', 'en']),
        ageBand: pick(['under-30', '30-64', '65-74', '75-plus', 'unknown']),
        groups:
          random() < 0.3 ? ['foreignLanguage'] : random() < 0.2 ? ['unemployed', 'swedishSpeaking'] : [],
        topics: random() < 0.3 ? ['kela', 'tax'] : [pick(['kela', 'tax'])],
        outcome: pick(['solved', 'solved', 'referred', 'follow-up']),
      });
    }
    const visitIndex = wednesdays.indexOf(date);
    if (visitIndex >= 0 && visitIndex < 9) {
      for (let k = 0; k < 6 + visitIndex; k++) {
        const booked = random() < 0.25;
        rows.push({
          ms: wallClockToEpochMs(date, `1${k % 4}:${String((5 * k) % 60).padStart(2, '0')}`),
          site: 'V1',
          district: 'north',
          channel: booked ? 'booked' : 'walk-in',
          reportChannel: booked ? 'booked' : 'mobile',
          visit: visitIds[visitIndex] as string,
          language: pick(['fi', 'fi', 'ar', 'sv']),
          ageBand: pick(['65-74', '75-plus', '75-plus', '30-64']),
          groups: random() < 0.5 ? ['foreignLanguage'] : [],
          topics: [pick(['kela', 'tax'])],
          outcome: pick(['solved', 'follow-up']),
        });
      }
    }
  }
  // Three Somali speakers in the whole period: a count that must never be shown.
  for (const [i, date] of ['2026-09-15', '2026-10-13', '2026-11-10'].entries())
    rows.push({
      ms: wallClockToEpochMs(date, '11:11'),
      site: 'P1',
      district: 'north',
      channel: 'walk-in',
      reportChannel: 'fixed-point',
      visit: null,
      language: 'so',
      ageBand: '30-64',
      groups: ['foreignLanguage'],
      topics: ['kela'],
      outcome: i === 0 ? 'referred' : 'solved',
    });
  await insertContacts(store, rows);
  await inTransaction(store, (tx) => tx.history.insertBookings(bookingsAt(visitIds.slice(0, 9))));
  return { rows, visitIds };
}
