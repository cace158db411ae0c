/**
 * The planners' reports over HTTP on generated contact history: every count the API, the CSV
 * and the dashboard give equals an aggregate worked out from the generated rows (and a direct
 * SQL count), no count from 1 to 4 appears anywhere (JSON, CSV, the page's tables and charts),
 * the contact export holds codes only, capacity counts planned and delivered visits, and the
 * before/after comparison reproduces an example worked out by hand.
 */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/app.ts';
import {
  addDays,
  isoDateAt,
  isoWeekOf,
  startOfIsoWeek,
  wallClockToEpochMs,
} from '../../src/core/time/civil-time.ts';
import { createRepositories } from '../../src/db/repositories.ts';
import { queryRows } from '../../src/db/store.ts';
import { createAuthService } from '../../src/services/auth-service.ts';
import { BOOKING_NOW } from '../helpers/booking.ts';
import {
  insertContacts,
  REPORT_FROM,
  REPORT_TO,
  type ReportRow,
  seedReportWorld,
} from '../helpers/report-history.ts';
import { createTestStore, type TestStore } from '../helpers/store.ts';

const ORIGIN = 'http://localhost';
const FROM = REPORT_FROM;
const TO = REPORT_TO;
type Row = ReportRow;

let store: TestStore;
let app: ReturnType<typeof createApp>;
let planner = '';
let advisorCookie = '';
let rows: Row[] = [];

beforeAll(async () => {
  store = await createTestStore();
  ({ rows } = await seedReportWorld(store));

  const auth = createAuthService({ store, repos: createRepositories(store.db), now: () => BOOKING_NOW });
  await auth.addUser({
    email: 'pia@example.org',
    displayName: 'Pia',
    roles: ['planner'],
    password: 'correct horse battery',
  });
  await auth.addUser({
    email: 'aino@example.org',
    displayName: 'Aino',
    roles: ['advisor'],
    advisorId: 'A1',
    password: 'correct horse battery',
  });
  const a = await auth.login('pia@example.org', 'correct horse battery');
  const b = await auth.login('aino@example.org', 'correct horse battery');
  if (!a.ok || !b.ok) throw new Error('could not sign in');
  planner = `neuvo_session=${a.token}`;
  advisorCookie = `neuvo_session=${b.token}`;
  app = createApp({ store, now: () => BOOKING_NOW });
});
afterAll(async () => {
  await store?.destroy();
});

const get = async (path: string, cookie = planner, accept = 'application/json') => {
  const res = await app.request(`${ORIGIN}${path}`, { headers: { cookie, accept } });
  return { res, body: await res.text() };
};
const json = async (path: string) => {
  const { res, body } = await get(path);
  expect(res.status, body).toBe(200);
  return JSON.parse(body);
};

/** Counts of the generated rows by a key (a row counts once per key it has). */
function expected(keysOf: (r: Row) => readonly string[], filter: (r: Row) => boolean = () => true) {
  const from = wallClockToEpochMs(FROM, '00:00');
  const to = wallClockToEpochMs(addDays(TO, 1), '00:00');
  const out = new Map<string, number>();
  for (const r of rows) {
    if (r.ms < from || r.ms >= to || !filter(r)) continue;
    for (const k of keysOf(r)) out.set(k, (out.get(k) ?? 0) + 1);
  }
  return out;
}
const AGE_GROUP: Record<string, string> = { '75-plus': 'age75plus', '65-74': 'age65to74' };
const KEYS: Record<string, (r: Row) => readonly string[]> = {
  week: (r) => [isoWeekOf(isoDateAt(r.ms))],
  district: (r) => [r.district],
  venue: (r) => [r.site],
  topic: (r) => r.topics,
  language: (r) => [r.language],
  ageBand: (r) => [r.ageBand],
  group: (r) => [...r.groups, ...(AGE_GROUP[r.ageBand] ? [AGE_GROUP[r.ageBand] as string] : [])],
  channel: (r) => [r.reportChannel],
  outcome: (r) => [r.outcome],
};

/** Every number under a `contacts` key in a JSON document. */
function contactCounts(x: unknown, keys: readonly string[], out: number[] = []): number[] {
  if (Array.isArray(x)) for (const y of x) contactCounts(y, keys, out);
  else if (x && typeof x === 'object')
    for (const [k, v] of Object.entries(x)) {
      if (typeof v === 'number' && keys.includes(k)) out.push(v);
      else contactCounts(v, keys, out);
    }
  return out;
}
const COUNT_KEYS = ['contacts', 'total'];
/** In the bookings report, the counts of bookings by status too (the capacity report's `cancelled` counts visits). */
const BOOKING_KEYS = ['booked', 'attended', 'noShow', 'cancelled'];

describe('contacts by each dimension', () => {
  for (const dim of Object.keys(KEYS)) {
    it(`groupBy=${dim} equals the aggregate of the generated rows, small counts suppressed`, async () => {
      const r = await json(`/api/v1/reports/contacts?from=${FROM}&to=${TO}&groupBy=${dim}`);
      const want = expected(KEYS[dim] as (r: Row) => readonly string[]);
      expect(r.threshold).toBe(5);
      expect(new Set(r.rows.map((x: { key: string }) => x.key))).toEqual(new Set(want.keys()));
      for (const row of r.rows) {
        const n = want.get(row.key) ?? 0;
        if (n > 0 && n < 5) expect(row).toEqual({ key: row.key, contacts: null, suppressed: true });
        if (!row.suppressed) expect(row.contacts).toBe(n);
      }
      expect(r.total).toBe(expected(() => ['all']).get('all'));
    });
  }

  it('the language rows agree with a direct SQL count, and Somali (3) is hidden', async () => {
    const direct = await queryRows<{ language: string; n: number }>(
      store.db,
      sql`select language, count(*)::int as n from contacts where logged_at >= ${new Date(wallClockToEpochMs(FROM, '00:00')).toISOString()}::timestamptz and logged_at < ${new Date(wallClockToEpochMs(addDays(TO, 1), '00:00')).toISOString()}::timestamptz group by language`,
    );
    const r = await json(`/api/v1/reports/contacts?from=${FROM}&to=${TO}&groupBy=language`);
    for (const d of direct) {
      const row = r.rows.find((x: { key: string }) => x.key === d.language);
      if (d.n < 5) expect(row.contacts).toBeNull();
      if (!row.suppressed) expect(row.contacts).toBe(d.n);
    }
    expect(r.rows.find((x: { key: string }) => x.key === 'so')).toEqual({
      key: 'so',
      contacts: null,
      suppressed: true,
    });
    // One hidden row of a table with its total: a second one is hidden, so 3 cannot be got back.
    expect(r.rows.filter((x: { suppressed: boolean }) => x.suppressed).length).toBeGreaterThanOrEqual(2);
  });

  it('filters by district and venue, and by week × channel', async () => {
    const south = await json(
      `/api/v1/reports/contacts?from=${FROM}&to=${TO}&groupBy=language&district=south`,
    );
    const want = expected(KEYS.language as (r: Row) => readonly string[], (r) => r.district === 'south');
    for (const row of south.rows) if (!row.suppressed) expect(row.contacts).toBe(want.get(row.key));
    const venue = await json(`/api/v1/reports/contacts?from=${FROM}&to=${TO}&groupBy=channel&venue=V1`);
    const wantVenue = expected(KEYS.channel as (r: Row) => readonly string[], (r) => r.site === 'V1');
    expect(venue.total).toBe([...wantVenue.values()].reduce((s, x) => s + x, 0));
    const two = await json(`/api/v1/reports/contacts?from=${FROM}&to=${TO}&groupBy=week&by=channel`);
    const wantTwo = expected((r) => [`${isoWeekOf(isoDateAt(r.ms))}|${r.reportChannel}`]);
    expect(two.rows.length).toBe(wantTwo.size);
    for (const row of two.rows) {
      const n = wantTwo.get(`${row.key}|${row.series}`) ?? 0;
      if (row.suppressed) expect(row.contacts).toBeNull();
      else expect(row.contacts).toBe(n);
      if (n > 0 && n < 5) expect(row.suppressed).toBe(true);
    }
  });

  it('refuses a bad filter with a problem naming the field', async () => {
    for (const [q, field] of [
      [`from=2026-13-01&to=${TO}&groupBy=week`, 'from'],
      [`from=${TO}&to=${FROM}&groupBy=week`, 'to'],
      [`from=${FROM}&to=${TO}&groupBy=week&district=nowhere`, 'district'],
      [`from=${FROM}&to=${TO}&groupBy=colour`, 'groupBy'],
    ] as const) {
      const { res, body } = await get(`/api/v1/reports/contacts?${q}`);
      expect(res.status, body).toBe(400);
      expect(res.headers.get('content-type')).toContain('application/problem+json');
      expect(body).toContain(field);
    }
  });

  it('is for planners only', async () => {
    expect((await get(`/api/v1/reports/contacts?groupBy=week`, '')).res.status).toBe(401);
    expect((await get(`/api/v1/reports/contacts?groupBy=week`, advisorCookie)).res.status).toBe(403);
    expect((await get('/planner/reports', advisorCookie, 'text/html')).res.status).toBe(403);
  });
});

describe('capacity, bookings, reach and trend', () => {
  it('counts planned, cancelled and delivered visits and contacts per advisor-hour', async () => {
    const r = await json(`/api/v1/reports/capacity?from=${FROM}&to=${TO}`);
    expect(r.total.planned).toBe(12);
    expect(r.total.cancelled).toBe(1);
    expect(r.total.delivered).toBe(9);
    // Delivered visits: 4 h, one advisor checked in each.
    expect(r.total.advisorHours).toBe(36);
    const atVisits = rows.filter((x) => x.visit !== null).length;
    expect(r.total.contacts).toBe(atVisits);
    expect(r.total.contactsPerAdvisorHour).toBeCloseTo(atVisits / 36, 2);
    expect(r.weeks).toHaveLength(12);
  });

  it('counts bookings by status, fill and no-show rates against a direct SQL count', async () => {
    const r = await json(`/api/v1/reports/bookings?from=${FROM}&to=${TO}`);
    const direct = await queryRows<{ status: string; n: number }>(
      store.db,
      sql`select b.status, count(*)::int as n from bookings b join visits v on v.id = b.visit_id where v.date between ${FROM} and ${TO} group by b.status`,
    );
    const n = (status: string) => direct.find((d) => d.status === status)?.n ?? 0;
    // Eleven visits not cancelled, each 4 bookable times × 2 advisors.
    expect(r.total.seats).toBe(88);
    // 36 attended, 5 no-shows and 9 cancelled in all: every total is shown.
    expect([n('attended'), n('no-show'), n('cancelled')]).toEqual([36, 5, 9]);
    expect(r.total.attended).toBe(n('attended'));
    expect(r.total.noShow).toBe(n('no-show'));
    expect(r.total.cancelled).toBe(n('cancelled'));
    expect(r.total.fillRate).toBeCloseTo((n('attended') + n('no-show')) / 88, 4);
    expect(r.total.noShowRate).toBeCloseTo(n('no-show') / (n('attended') + n('no-show')), 4);
    // A week has one visit: 3 to 5 attended, 0 or 1 no-show, 1 cancelled; all below 5 but 5 attended.
    for (const w of r.weeks) {
      for (const k of ['noShow', 'cancelled'] as const) expect(w[k] === null || w[k] === 0).toBe(true);
      if (w.attended !== null) expect(w.attended === 0 || w.attended >= 5).toBe(true);
    }
  });

  it('gives each target group’s share of a district’s contacts', async () => {
    const r = await json(`/api/v1/reports/reach?from=${FROM}&to=${TO}`);
    const north = expected((x) => [x.district]).get('north') ?? 0;
    const fl =
      expected(KEYS.group as (r: Row) => readonly string[], (x) => x.district === 'north').get(
        'foreignLanguage',
      ) ?? 0;
    const row = r.rows.find(
      (x: { district: string; group: string }) => x.district === 'north' && x.group === 'foreignLanguage',
    );
    expect(row.contacts).toBe(fl);
    expect(row.contactShare).toBeCloseTo(fl / north, 4);
  });

  it('has weekly points per channel and a forecast with ordered intervals', async () => {
    const r = await json(`/api/v1/reports/trend?from=${FROM}&to=${TO}&horizon=4`);
    const want = expected((x) => [`${isoWeekOf(isoDateAt(x.ms))}|${x.reportChannel}`]);
    for (const p of r.points) {
      const n = want.get(`${p.week}|${p.channel}`) ?? 0;
      expect(p.contacts).toBe(n > 0 && n < 5 ? null : n);
    }
    const fixed = r.forecast.filter((f: { channel: string }) => f.channel === 'fixed-point');
    expect(fixed).toHaveLength(4);
    expect(fixed[0].week).toBe(isoWeekOf(addDays(TO, 1)));
    for (const f of fixed) {
      expect(f.lower95).toBeLessThanOrEqual(f.lower80);
      expect(f.lower80).toBeLessThanOrEqual(f.mean);
      expect(f.mean).toBeLessThanOrEqual(f.upper80);
      expect(f.upper80).toBeLessThanOrEqual(f.upper95);
    }
  });

  it('shows no count from 1 to 4 in any report, JSON or CSV', async () => {
    const q = `from=${FROM}&to=${TO}`;
    const docs = [
      ...(await Promise.all(
        Object.keys(KEYS).map((d) => json(`/api/v1/reports/contacts?${q}&groupBy=${d}`)),
      )),
      await json(`/api/v1/reports/reach?${q}`),
      await json(`/api/v1/reports/capacity?${q}`),
      await json(`/api/v1/reports/bookings?${q}`),
      await json(`/api/v1/reports/trend?${q}`),
      await json(`/api/v1/reports/contacts?${q}&groupBy=venue&by=language`),
    ];
    for (const d of docs)
      for (const n of contactCounts(d, COUNT_KEYS)) expect(n === 0 || n >= 5, JSON.stringify(n)).toBe(true);
    const b = await json(`/api/v1/reports/bookings?${q}`);
    for (const n of contactCounts(b, BOOKING_KEYS)) expect(n === 0 || n >= 5).toBe(true);
    for (const path of [
      'contacts?groupBy=language&',
      'contacts?groupBy=week&by=channel&',
      'reach?',
      'capacity?',
      'trend?',
      'bookings?',
    ]) {
      const countCols = path.startsWith('bookings')
        ? ['booked', 'attended', 'no_show', 'cancelled']
        : ['contacts'];
      const { res, body } = await get(`/api/v1/reports/${path}${q}&format=csv`);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toContain('text/csv');
      const [header, ...lines] = body.trim().split('\n');
      const cols = (header ?? '').split(',');
      for (const c of countCols.map((x) => cols.indexOf(x)).filter((i) => i >= 0))
        for (const line of lines) {
          const v = line.split(',')[c] ?? '';
          if (v !== '') expect(Number(v) === 0 || Number(v) >= 5, `${path} ${line}`).toBe(true);
        }
    }
  });

  it('exports one row per contact with codes only, a rare language as "other"', async () => {
    const { res, body } = await get(`/api/v1/reports/contacts/export?from=${FROM}&to=${TO}`);
    expect(res.status).toBe(200);
    const [header, ...lines] = body.trim().split('\n');
    expect(header).toBe(
      'week,district,site,channel,topics,language,age_band,groups,outcome,referred_to,duration',
    );
    expect(lines).toHaveLength(rows.length);
    expect(lines.filter((l) => l.split(',')[5] === 'so')).toHaveLength(0);
    expect(lines.filter((l) => l.split(',')[5] === 'other')).toHaveLength(3);
    // No advisor, account, client id or time of day in it.
    expect(body).not.toMatch(/A1|[0-9a-f]{8}-[0-9a-f]{4}-|T\d\d:\d\d/);
  });
});

describe('before and after', () => {
  it('reproduces the example worked out by hand', async () => {
    // June 2026, outside the generated period: South before 10, 12, 14 and after 6, 8, 7 a
    // week; North 20, 22, 24 and 19, 21, 23. Means 12 → 7 (−5, −41.7 %) and 22 → 21 (−1,
    // −4.5 %); difference in differences −4. Standard errors √(2²/3 + 1²/3) = √(5/3) and
    // √(2²/3 + 2²/3) = √(8/3), together √(13/3) = 2.0817; ±1.96 × 2.0817 = ±4.080.
    const weeks = ['2026-06-02', '2026-06-09', '2026-06-16', '2026-06-23', '2026-06-30', '2026-07-07'];
    const south = [10, 12, 14, 6, 8, 7];
    const north = [20, 22, 24, 19, 21, 23];
    const extra: Row[] = [];
    for (const [w, date] of weeks.entries())
      for (const [place, counts] of [
        ['P2', south],
        ['P1', north],
      ] as const)
        for (let k = 0; k < (counts[w] ?? 0); k++)
          extra.push({
            ms: wallClockToEpochMs(date, '10:00') + k * 60_000,
            site: place,
            district: place === 'P2' ? 'south' : 'north',
            channel: 'walk-in',
            reportChannel: 'fixed-point',
            visit: null,
            language: 'fi',
            ageBand: 'unknown',
            groups: [],
            topics: ['kela'],
            outcome: 'solved',
          });
    await insertContacts(store, extra);
    const r = await json('/api/v1/reports/before-after?districts=south&change=2026-06-24&weeks=3');
    expect(r.change).toBe(startOfIsoWeek('2026-06-24'));
    expect(r.treated).toEqual({ before: 12, after: 7 });
    expect(r.control).toEqual({ before: 22, after: 21 });
    expect(r.treatedChangePercent).toBe(-41.7);
    expect(r.controlChangePercent).toBe(-4.5);
    expect(r.difference).toBe(-4);
    expect(r.interval).toEqual({ low: -8.1, high: 0.1 });
    // 12 × 21/22 = 11.45 expected after; 7 − 11.45 = −4.45 (−38.9 %).
    expect([r.expectedAfter, r.effect, r.effectPercent]).toEqual([11.5, -4.5, -38.9]);
    expect(r.suppressed).toBe(false);
    const bad = await get('/api/v1/reports/before-after?districts=atlantis&change=2026-06-24');
    expect(bad.res.status).toBe(400);
  });
});

describe('the dashboard page', () => {
  const text = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');

  it('draws charts with text alternatives and hides small counts in fi, sv and en', async () => {
    for (const [lang, prefix, hidden, somali] of [
      ['fi', '', 'alle 5', 'somali'],
      ['sv', '/sv', 'under 5', 'somaliska'],
      ['en', '/en', 'under 5', 'Somali'],
    ] as const) {
      const { res, body } = await get(
        `${prefix}/planner/reports?from=${FROM}&to=${TO}`,
        planner,
        'text/html',
      );
      expect(res.status, lang).toBe(200);
      const svgs = [...body.matchAll(/<svg[^>]*>/g)].map((m) => m[0]);
      expect(svgs.length).toBeGreaterThanOrEqual(6);
      for (const s of svgs.filter((x) => x.includes('report-chart')))
        expect(s).toMatch(/role="img"[^>]*aria-label="[^"]{10,}"|aria-label="[^"]{10,}"[^>]*role="img"/);
      expect(text(body)).toContain(`${somali} ${hidden}`);
      // The language chart's bars are the shown figures only: Somali is not among them.
      const languageChart = body.slice(body.indexOf('id="by-language"'), body.indexOf('id="by-ageBand"'));
      expect(languageChart.split('<details')[0]).not.toContain(somali);
    }
  });

  it('shows each week’s count per channel in the table, a hidden one as –, never as 0', async () => {
    const { body } = await get(`/en/planner/reports?from=${FROM}&to=${TO}`, planner, 'text/html');
    const section = body.slice(body.indexOf('id="weekly-heading"'), body.indexOf('id="who-heading"'));
    const table = section.slice(section.indexOf('<table'), section.indexOf('</table>'));
    const heads = [...table.matchAll(/<th scope="col"[^>]*>([^<]*)<\/th>/g)].map((m) => m[1]);
    expect(heads).toEqual([
      'Week',
      'Fixed service point',
      'Mobile service, walk-in',
      'Mobile service, booked time',
    ]);
    const want = expected((x) => [`${isoWeekOf(isoDateAt(x.ms))}|${x.reportChannel}`]);
    let hidden = 0;
    for (const row of table.matchAll(/<tr><th scope="row"[^>]*>(\d{4})\/(\d+)[^<]*<\/th>(.*?)<\/tr>/g)) {
      const week = `${row[1]}-W${String(row[2]).padStart(2, '0')}`;
      const cells = [...(row[3] ?? '').matchAll(/<td[^>]*>([^<]*)<\/td>/g)].map((m) => m[1]);
      for (const [i, channel] of (['fixed-point', 'mobile', 'booked'] as const).entries()) {
        const n = want.get(`${week}|${channel}`) ?? 0;
        if (n > 0 && n < 5) {
          expect(cells[i], `${week} ${channel}`).toBe('–');
          hidden++;
        } else if (n === 0) expect(cells[i]).toBe('0');
      }
    }
    expect(hidden).toBeGreaterThan(0);
  });

  it('refuses a bad date in the page’s language, keeping what was typed', async () => {
    const { res, body } = await get(
      '/sv/planner/reports?from=2026-02-30&to=2026-03-01',
      planner,
      'text/html',
    );
    expect(res.status).toBe(400);
    expect(body).toContain('Skriv datumet som ÅÅÅÅ-MM-DD.');
    expect(body).toContain('value="2026-02-30"');
  });

  it('has a printable version without navigation or forms', async () => {
    const { res, body } = await get(`/en/planner/reports/print?from=${FROM}&to=${TO}`, planner, 'text/html');
    expect(res.status).toBe(200);
    expect(body).toContain('Customer service report');
    expect(body).not.toContain('report-form');
    expect(body).not.toContain('staff-nav');
  });
});
