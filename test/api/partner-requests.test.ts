/**
 * Partner requests over HTTP: the public form posts to a status page by a private link (only
 * the link's hash stored), refused fields come back next to their field with what was typed
 * kept, a bot that fills the hidden field is answered as if stored and nothing is, a cross-site
 * post and a client over its limit are refused in the reader's language; the planner's inbox
 * (anonymous → login, advisor → 403) accepts, declines and asks back with audit rows; accepted
 * requests become the planning instance's requests and show on a plan's page; retention erases
 * the contact details and the link.
 */
import { createHash } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createApp } from '../../src/app.ts';
import { asAdvisorId, asSiteId } from '../../src/core/ids.ts';
import type { Site } from '../../src/core/model/site.ts';
import { addDays, wallClockToEpochMs } from '../../src/core/time/civil-time.ts';
import { createRepositories, inTransaction } from '../../src/db/repositories.ts';
import { queryRows } from '../../src/db/store.ts';
import { createAccessService } from '../../src/services/access-service.ts';
import { createAuthService } from '../../src/services/auth-service.ts';
import { createFeedbackService } from '../../src/services/feedback-service.ts';
import { APPROXIMATE_MODEL_SETTING } from '../../src/services/import/json-formats.ts';
import { createPartnerRequestService } from '../../src/services/partner-request-service.ts';
import { buildPlanningData } from '../../src/services/planning/planning-data.ts';
import { RATE_RULES } from '../../src/services/rate-limit.ts';
import { createRetentionService } from '../../src/services/retention-service.ts';
import { MESSAGES } from '../../src/web/messages.ts';
import { advisor, district, postalArea, site } from '../fixtures.ts';
import { TUESDAY_2026_12_01 } from '../helpers/espoo.ts';
import { testPlanRow } from '../helpers/plans.ts';
import { createTestStore, type TestStore } from '../helpers/store.ts';

let store: TestStore;
let app: ReturnType<typeof createApp>;
let clock = TUESDAY_2026_12_01;
const ORIGIN = 'http://localhost';
const PASSWORD = 'correct horse battery';
const cookies = { planner: '', advisor: '' };
let client = 1;

const venue = (id: string, name: string, validTo: string | null = null): Site => ({
  ...site,
  id: asSiteId(id),
  role: 'venue',
  kind: 'library',
  name: { fi: `${name} (fi)`, sv: `${name} (sv)`, en: `${name} (en)` },
  validity: [{ from: '2022-01-01', to: validTo }],
  weeklyHours: ([1, 2, 3, 4, 5] as const).map((weekday) => ({
    weekday,
    opens: '09:00',
    closes: '16:00',
    validFrom: null,
    validTo: null,
  })),
  exceptions: [],
});

beforeAll(async () => {
  store = await createTestStore();
  await inTransaction(store, async (tx) => {
    await tx.areas.upsert([district, postalArea]);
    await tx.sites.upsert([
      venue('LIB_A', 'Library A'),
      venue('LIB_B', 'Library B'),
      venue('LIB_OLD', 'Old library', '2026-12-31'),
    ]);
    await tx.advisors.upsert([
      { ...advisor, id: asAdvisorId('A1'), languages: ['fi', 'sv', 'so'], homeSiteId: null, absences: [] },
    ]);
    // Buses only, so that a planning instance can be built (travel times by the approximate model).
    await tx.access.setSetting(APPROXIMATE_MODEL_SETTING, {
      lines: [],
      bus: {
        default: { speedKmh: 20, headwayMinutes: 10, stopSpacingMeters: 400, detourFactor: 1.3 },
        byDistrict: {},
      },
    });
  });
  const auth = createAuthService({ store, repos: createRepositories(store.db), now: () => clock });
  for (const role of ['planner', 'advisor'] as const) {
    await auth.addUser({
      email: `${role}@example.org`,
      displayName: role,
      roles: [role],
      password: PASSWORD,
    });
    const r = await auth.login(`${role}@example.org`, PASSWORD);
    if (!r.ok) throw new Error('sign-in failed');
    cookies[role] = `neuvo_session=${r.token}`;
  }
  app = createApp({ store, now: () => clock, trustedProxies: 1 });
});
afterAll(async () => {
  await store?.destroy();
});
beforeEach(() => {
  clock = TUESDAY_2026_12_01;
});

const VALID: [string, string][] = [
  ['organisation', 'Eläkeläiset ry'],
  ['contactName', 'Maija Meikäläinen'],
  ['contact', 'maija@example.org'],
  ['venueId', 'LIB_A'],
  ['address', ''],
  ['weeksFrom', '2027-01-04'],
  ['weeksTo', '2027-01-29'],
  ['weekdays', '2'],
  ['weekdays', '4'],
  ['blockId', 'morning'],
  ['audience', 'Yhdistyksen jäsenet'],
  ['audienceSize', '25'],
  ['languages', 'fi'],
  ['languages', 'so'],
  ['message', 'Tervetuloa!\nKahvia on.'],
  ['website', ''],
];
const withFields = (changes: Record<string, string>): [string, string][] => [
  ...VALID.filter(([k]) => !(k in changes)),
  ...Object.entries(changes),
];

/** A form post from a browser (each from its own address unless one is given). */
const post = (
  path: string,
  fields: readonly [string, string][],
  options: { cookie?: string; origin?: string; accept?: string; ip?: string } = {},
) =>
  app.request(`${ORIGIN}${path}`, {
    method: 'POST',
    headers: {
      origin: options.origin ?? ORIGIN,
      accept: options.accept ?? 'text/html',
      'content-type': 'application/x-www-form-urlencoded',
      'x-forwarded-for': options.ip ?? `198.51.100.${client++ % 250}`,
      ...(options.cookie ? { cookie: options.cookie } : {}),
    },
    body: new URLSearchParams([...fields]).toString(),
  });
const get = async (path: string, cookie = '') => {
  const res = await app.request(`${ORIGIN}${path}`, { headers: { accept: 'text/html', cookie } });
  return { res, html: await res.text() };
};
const count = async () =>
  (await queryRows<{ n: number }>(store.db, sql`select count(*)::int as n from partner_requests`))[0]?.n;
const rowOf = async (reference: string) =>
  (
    await queryRows<Record<string, unknown>>(
      store.db,
      sql`select * from partner_requests where reference_code = ${reference}`,
    )
  )[0] as Record<string, unknown>;

/** Sends a valid request; its status path, reference code and row. */
async function submit(fields: readonly [string, string][] = VALID, lang: '' | '/sv' | '/en' = '') {
  const res = await post(`${lang}/partners`, fields);
  expect(res.status).toBe(303);
  const location = res.headers.get('location') ?? '';
  expect(location).toMatch(new RegExp(`^${lang}/partners/requests/[A-Za-z0-9_-]{43}$`));
  const page = await get(location);
  const reference = /P-[2-9A-HJKMNP-Z]{6}/.exec(page.html)?.[0] ?? '';
  expect(reference).not.toBe('');
  return { location, token: location.split('/').at(-1) ?? '', reference, page, row: await rowOf(reference) };
}

describe('the public form', () => {
  it('is offered in every language, linked from every page and in the sitemap', async () => {
    for (const [prefix, lang] of [
      ['', 'fi'],
      ['/sv', 'sv'],
      ['/en', 'en'],
    ] as const) {
      const { res, html } = await get(`${prefix}/partners`);
      expect(res.status).toBe(200);
      expect(html).toContain(`<html lang="${lang}">`);
      expect(html).toContain(MESSAGES[lang].partnerFormTitle);
      expect(html).toContain(`action="${prefix}/partners"`);
      // The honeypot: hidden from sight and from the keyboard, and said to be left empty.
      expect(html).toMatch(
        /<label for="pr-website">[^<]+<\/label><input type="text" id="pr-website" name="website" value="" autocomplete="off" tabindex="-1"\/>/,
      );
      expect(html).toContain(MESSAGES[lang].partnerWebsite);
      // Offered languages are the advisors'.
      expect(html).toContain('value="so"');
      expect(html).toContain('value="LIB_OLD"');
    }
    expect((await get('/en/schedule')).html).toContain('href="/en/partners"');
    expect((await get('/services')).html).toContain('href="/partners"');
    const sitemap = await (await app.request(`${ORIGIN}/sitemap.xml`)).text();
    expect(sitemap).toContain('<loc>http://localhost:3000/sv/partners</loc>');
  });

  it('stores a request and sends the partner to its status page by a private link', async () => {
    const { location, token, reference, page, row } = await submit();
    expect(page.res.status).toBe(200);
    expect(page.res.headers.get('cache-control')).toBe('no-store');
    expect(page.html).toContain(MESSAGES.fi.partnerStatusNew);
    expect(page.html).toContain(MESSAGES.fi.partnerPrivateLink);
    expect(page.html).toContain('Library A (fi)');
    expect(page.html).toContain('tiistai, torstai');
    expect(location).toBe(`/partners/requests/${token}`);
    // Only the link's hash is stored; the fields as checked.
    expect(row.token_hash).toBe(createHash('sha256').update(token).digest('hex'));
    expect(JSON.stringify(row)).not.toContain(token);
    expect(row).toMatchObject({
      status: 'new',
      lang: 'fi',
      organisation: 'Eläkeläiset ry',
      contact: 'maija@example.org',
      contact_kind: 'email',
      venue_id: 'LIB_A',
      weekdays: [2, 4],
      block_id: 'morning',
      audience_size: 25,
      languages: ['fi', 'so'],
      message: 'Tervetuloa!\nKahvia on.',
    });
    // Kept a year after the preferred weeks end (Helsinki midnight after 29 January 2027).
    expect(new Date(row.erase_after as string).getTime()).toBe(
      wallClockToEpochMs('2027-01-30', '00:00') + 365 * 86_400_000,
    );
    expect(reference).toMatch(/^P-[2-9A-HJKMNP-Z]{6}$/);
    // A receipt with the private link waits in the outbox, in the form's language.
    const receipt = (await createRepositories(store.db).outbox.list({ kind: 'request-received' })).find(
      (m) => m.recipient === 'maija@example.org' && m.body?.includes(reference),
    );
    expect(receipt?.lang).toBe('fi');
    expect(receipt?.subject).toBe('Pyyntönne on vastaanotettu');
    expect(receipt?.body).toContain(`/partners/requests/${token}`);
    // The same link in Swedish; a phone number and an address instead of a venue.
    const sv = await submit(
      withFields({ contact: '+358 40 123 4567', venueId: '', address: 'Kauppakatu 1, kerhohuone' }),
      '/sv',
    );
    expect(sv.page.html).toContain(MESSAGES.sv.partnerStatusNew);
    expect(sv.row).toMatchObject({ contact_kind: 'phone', venue_id: null, lang: 'sv' });
    expect((await get(`/en/partners/requests/${token}`)).html).toContain(MESSAGES.en.partnerStatusNew);
  });

  it('names every refused field next to it and keeps what was typed; nothing is stored', async () => {
    const before = await count();
    const res = await post(
      '/en/partners',
      withFields({
        organisation: ' ',
        contact: 'call me maybe',
        venueId: 'NOWHERE',
        weeksFrom: '2026-11-30',
        weeksTo: '2026-11-29',
        audienceSize: '0',
        languages: 'xx',
        message: 'Keep this text',
      }),
    );
    expect(res.status).toBe(400);
    const html = await res.text();
    const en = MESSAGES.en;
    for (const text of [
      en.partnerErrorTitle,
      en.partnerErrOrganisationRequired,
      en.partnerErrContactInvalid,
      en.partnerErrUnknownVenue,
      en.partnerErrDatePast,
      en.partnerErrLanguage,
      en.partnerErrAudienceSize.replace('{min}', '1').replace('{max}', '10000'),
    ])
      expect(html).toContain(text);
    expect(html).toMatch(
      /<input type="text" id="pr-contact" name="contact" value="call me maybe" required="" maxlength="254" aria-invalid="true" aria-describedby="pr-contact-error pr-contact-hint"\/>/,
    );
    expect(html).toContain('<a href="#pr-contact">');
    expect(html).toContain('Keep this text</textarea>');
    expect(await count()).toBe(before);
    // The end before the start, and more than 26 weeks.
    const order = await (await post('/partners', withFields({ weeksTo: '2027-01-01' }))).text();
    expect(order).toContain(MESSAGES.fi.partnerErrBeforeStart);
    const long = await (await post('/partners', withFields({ weeksTo: '2027-08-01' }))).text();
    expect(long).toContain(MESSAGES.fi.partnerErrSpan);
    const neither = await (await post('/sv/partners', withFields({ venueId: '', address: '' }))).text();
    expect(neither).toContain(MESSAGES.sv.partnerErrVenueOrAddress);
    const control = await post('/partners', withFields({ organisation: 'Bad\u0000name' }));
    expect(await control.text()).toContain(MESSAGES.fi.partnerErrControl);
    expect(await count()).toBe(before);
  });

  it('answers a bot that fills the hidden field as if stored, and stores nothing', async () => {
    const before = await count();
    const res = await post('/partners', withFields({ website: 'http://spam.example' }));
    expect(res.status).toBe(303);
    const location = res.headers.get('location') ?? '';
    expect(location).toMatch(/^\/partners\/requests\/[A-Za-z0-9_-]{43}$/);
    expect(await count()).toBe(before);
    const page = await get(location);
    expect(page.res.status).toBe(404);
    expect(page.html).toContain(MESSAGES.fi.partnerLinkNotFoundTitle);
    expect((await get('/partners/requests/not-a-token')).res.status).toBe(404);
  });

  it('refuses a post from another site, in the reader’s language', async () => {
    const before = await count();
    const res = await post('/sv/partners', VALID, { origin: 'https://evil.example' });
    expect(res.status).toBe(403);
    const html = await res.text();
    expect(html).toContain(MESSAGES.sv.partnerForbiddenTitle);
    expect(html).toContain('<html lang="sv">');
    expect(await count()).toBe(before);
  });

  it('refuses a client over its limit in the page’s language, keeping what was typed', async () => {
    const limited = createApp({
      store,
      now: () => clock,
      trustedProxies: 1,
      rateRules: RATE_RULES.map((r) => (r.name === 'partner-request' ? { ...r, limit: 1 } : r)),
    });
    const send = (path: string, accept: string) =>
      limited.request(`${ORIGIN}${path}`, {
        method: 'POST',
        headers: {
          origin: ORIGIN,
          accept,
          'content-type': 'application/x-www-form-urlencoded',
          'x-forwarded-for': '203.0.113.77',
        },
        body: new URLSearchParams(withFields({ organisation: 'Kept organisation' })).toString(),
      });
    expect((await send('/partners', 'text/html')).status).toBe(303);
    const before = await count();
    const page = await send('/en/partners', 'text/html');
    expect(page.status).toBe(429);
    expect(Number(page.headers.get('retry-after'))).toBeGreaterThan(0);
    const html = await page.text();
    expect(html).toContain(MESSAGES.en.partnerTooMany.split(':')[0] as string);
    expect(html).toContain('value="Kept organisation"');
    const api = await send('/sv/partners', 'application/json');
    expect(api.status).toBe(429);
    const problem = (await api.json()) as { detail: string };
    expect(problem.detail).toContain(MESSAGES.sv.tooManyText.split('{')[0] as string);
    expect(await count()).toBe(before);
  });
});

describe('the planner’s inbox', () => {
  it('sends the anonymous to sign in and refuses an advisor', async () => {
    const anonymous = await app.request(`${ORIGIN}/sv/planner/requests`, {
      headers: { accept: 'text/html' },
    });
    expect(anonymous.status).toBe(303);
    expect(anonymous.headers.get('location')).toBe('/sv/login?next=%2Fsv%2Fplanner%2Frequests');
    expect((await get('/planner/requests', cookies.advisor)).res.status).toBe(403);
    const { row } = await submit();
    const id = row.id as string;
    expect((await get(`/planner/requests/${id}`, cookies.advisor)).res.status).toBe(403);
    const refused = await post(`/planner/requests/${id}/accept`, [['priority', '2']], {
      cookie: cookies.advisor,
    });
    expect(refused.status).toBe(403);
    expect((await rowOf(row.reference_code as string)).status).toBe('new');
  });

  it('accepts, declines and asks back, each with an audit row; the partner sees it by the link', async () => {
    const { token, reference, row } = await submit();
    const id = row.id as string;
    const inbox = await get('/en/planner/requests?status=new', cookies.planner);
    expect(inbox.res.status).toBe(200);
    expect(inbox.res.headers.get('cache-control')).toBe('private, no-store');
    expect(inbox.html).toContain(`href="/en/planner/requests/${id}"`);
    expect(inbox.html).toMatch(/New: \d+ requests/);
    const detail = await get(`/en/planner/requests/${id}`, cookies.planner);
    expect(detail.html).toContain('maija@example.org');
    expect(detail.html).toContain('Tuesday, Thursday');

    // Ask back: a question is required.
    const empty = await post(`/en/planner/requests/${id}/ask`, [['reply', '  ']], {
      cookie: cookies.planner,
    });
    expect(empty.status).toBe(400);
    expect(await empty.text()).toContain(MESSAGES.en.partnerErrReplyRequired);
    const ask = await post(`/en/planner/requests/${id}/ask`, [['reply', 'How many will come?']], {
      cookie: cookies.planner,
    });
    expect(ask.status).toBe(303);
    expect(ask.headers.get('location')).toBe(`/en/planner/requests/${id}?done=ask`);
    // The partner is told in its own language (Finnish), with the question.
    const told = (await createRepositories(store.db).outbox.list({ kind: 'request-status' })).filter((m) =>
      m.body?.includes(reference),
    );
    expect(told.map((m) => [m.lang, m.subject])).toEqual([['fi', 'Kysymys pyynnöstänne']]);
    expect(told[0]?.body).toContain('How many will come?');
    let status = await get(`/partners/requests/${token}`);
    expect(status.html).toContain(MESSAGES.fi.partnerStatusQuestion);
    expect(status.html).toContain(MESSAGES.fi.partnerQuestionLabel);
    expect(status.html).toContain('How many will come?');

    // Accept: the requested venue by default, priority 1–3.
    const bad = await post(
      `/planner/requests/${id}/accept`,
      [
        ['priority', '7'],
        ['plannedVenueId', ''],
      ],
      {
        cookie: cookies.planner,
      },
    );
    expect(bad.status).toBe(400);
    expect(await bad.text()).toContain(MESSAGES.fi.partnerErrPriority);
    const accept = await post(
      `/planner/requests/${id}/accept`,
      [
        ['priority', '3'],
        ['plannedVenueId', ''],
        ['reply', 'Tervetuloa tammikuussa.'],
      ],
      { cookie: cookies.planner },
    );
    expect(accept.status).toBe(303);
    expect(await rowOf(reference)).toMatchObject({
      status: 'accepted',
      planned_venue_id: 'LIB_A',
      priority: 3,
      reply: 'Tervetuloa tammikuussa.',
    });
    status = await get(`/sv/partners/requests/${token}`);
    expect(status.html).toContain(MESSAGES.sv.partnerStatusAccepted);
    expect(status.html).toContain('Library A (sv)');
    expect(status.html).toContain('Tervetuloa tammikuussa.');

    // Decline: a reason is required.
    expect(
      (await post(`/planner/requests/${id}/decline`, [['reply', '']], { cookie: cookies.planner })).status,
    ).toBe(400);
    const decline = await post(`/planner/requests/${id}/decline`, [['reply', 'Ei resursseja.']], {
      cookie: cookies.planner,
    });
    expect(decline.status).toBe(303);
    expect(await rowOf(reference)).toMatchObject({
      status: 'declined',
      planned_venue_id: null,
      priority: null,
    });
    expect((await get(`/en/partners/requests/${token}`)).html).toContain(MESSAGES.en.partnerStatusDeclined);

    // A request with only an address needs a venue to be accepted.
    const addressOnly = await submit(withFields({ venueId: '', address: 'Kauppakatu 1' }));
    const noVenue = await post(
      `/planner/requests/${addressOnly.row.id}/accept`,
      [
        ['priority', '2'],
        ['plannedVenueId', ''],
      ],
      { cookie: cookies.planner },
    );
    expect(noVenue.status).toBe(400);
    expect(await noVenue.text()).toContain(MESSAGES.fi.partnerErrPlannedVenue);

    // A cross-site post is refused.
    const crossSite = await post(`/planner/requests/${id}/ask`, [['reply', 'x']], {
      cookie: cookies.planner,
      origin: 'https://evil.example',
    });
    expect(crossSite.status).toBe(403);

    const audit = await queryRows<{ action: string; target_id: string; details: Record<string, unknown> }>(
      store.db,
      sql`select action, target_id, details from audit_log where target_id = ${id} order by at, action`,
    );
    expect(audit.map((a) => a.action).sort()).toEqual([
      'partner-request.accept',
      'partner-request.ask',
      'partner-request.decline',
    ]);
    expect(audit.find((a) => a.action === 'partner-request.accept')?.details).toEqual({
      reference,
      status: 'accepted',
      venueId: 'LIB_A',
      priority: 3,
    });
    // No text the partner or the planner wrote goes into the log.
    expect(JSON.stringify(audit)).not.toContain('Tervetuloa');
  });
});

describe('accepted requests in planning', () => {
  it('become the instance’s requests in their weeks; one whose venue is not plannable is left out', async () => {
    const accept = async (fields: [string, string][], priority: string, plannedVenueId = '') => {
      const { row, reference } = await submit(fields);
      const res = await post(
        `/planner/requests/${row.id}/accept`,
        [
          ['priority', priority],
          ['plannedVenueId', plannedVenueId],
        ],
        { cookie: cookies.planner },
      );
      expect(res.status).toBe(303);
      return reference;
    };
    const inWeeks = await accept(withFields({ weeksFrom: '2027-01-12', weeksTo: '2027-03-31' }), '2');
    const old = await accept(withFields({ venueId: 'LIB_OLD' }), '1');
    const later = await accept(withFields({ weeksFrom: '2027-05-03', weeksTo: '2027-05-28' }), '3');
    const repos = createRepositories(store.db);
    const data = await buildPlanningData(
      { repos, access: createAccessService({ repos, now: () => clock }) },
      { from: '2027-01-04', weeks: 2 },
    );
    const x = data.instance;
    const mine = x.requests.find((r) => r.id === inWeeks);
    expect(mine).toEqual({
      id: inWeeks,
      venue: x.venues.findIndex((v) => v.id === 'LIB_A'),
      date: null,
      weekday: null,
      block: x.blocks.findIndex((b) => b.id === 'morning'),
      priority: 2,
      from: '2027-01-12',
      weekdays: [2, 4],
    });
    expect(x.requests.some((r) => r.id === later)).toBe(false);
    expect(data.partnerRequests.leftOut).toEqual([
      { referenceCode: old, venueId: 'LIB_OLD', reason: 'venue-not-plannable' },
    ]);
    expect(data.notes.some((n) => n.includes(old))).toBe(true);

    // A plan's page lists the accepted requests in its weeks and whether each is met.
    const planId = await inTransaction(store, (tx) =>
      tx.plans.insertPlan(testPlanRow('2027-01-04', '2027-01-17'), [
        // Tuesday 12 January, morning, at the planned venue: meets the request from the 12th.
        {
          venueId: 'LIB_A',
          date: '2027-01-12',
          start: '09:30',
          end: '12:00',
          advisorIds: ['A1'],
          explanation: null,
        },
      ]),
    );
    const plan = await get(`/en/planner/plans/${planId}`, cookies.planner);
    expect(plan.res.status).toBe(200);
    expect(plan.html).toContain(MESSAGES.en.partnerPlanTitle);
    const rowText = (code: string) =>
      new RegExp(`\\(${code}\\)</th>(.*?)</tr>`).exec(plan.html.replace(/\n/g, ' '))?.[1] ?? '';
    expect(rowText(inWeeks)).toContain('Yes: 12 Jan 2027');
    expect(rowText(old)).toContain('No');
    expect(plan.html).not.toContain(`(${later})`);
  });
});

describe('retention', () => {
  it('erases the contact details, the message and the link; the organisation and decision stay', async () => {
    const { token, reference, row } = await submit(
      withFields({ weeksFrom: '2026-12-07', weeksTo: '2026-12-18' }),
    );
    const repos = createRepositories(store.db);
    const partnerRequests = createPartnerRequestService({ store, repos, now: () => clock });
    const retention = createRetentionService({
      store,
      auth: createAuthService({ store, repos, now: () => clock }),
      feedback: createFeedbackService({ store }),
      partnerRequests,
      now: () => clock,
    });
    expect((await retention.runOnce()).partnerRequests).toBe(0);
    clock = wallClockToEpochMs(addDays('2026-12-18', 1 + 365), '00:01');
    expect((await retention.runOnce()).partnerRequests).toBeGreaterThanOrEqual(1);
    const erased = await rowOf(reference);
    expect(erased).toMatchObject({
      organisation: 'Eläkeläiset ry',
      contact_name: null,
      contact: null,
      contact_kind: null,
      message: null,
      token_hash: null,
      venue_id: 'LIB_A',
    });
    expect(erased.erased_at).not.toBeNull();
    expect((await get(`/partners/requests/${token}`)).res.status).toBe(404);
    // A year on, the planner signs in again.
    const signedIn = await createAuthService({ store, repos, now: () => clock }).login(
      'planner@example.org',
      PASSWORD,
    );
    if (!signedIn.ok) throw new Error('sign-in failed');
    const planner = `neuvo_session=${signedIn.token}`;
    const page = await get(`/planner/requests/${row.id}`, planner);
    expect(page.html).not.toContain('maija@example.org');
    expect(page.html).not.toContain('action="/planner/requests');
    const refused = await post(`/planner/requests/${row.id}/ask`, [['reply', 'Still there?']], {
      cookie: planner,
    });
    expect(refused.status).toBe(409);
    expect(await refused.text()).toContain(MESSAGES.fi.partnerErasedRefused);
    expect((await retention.runOnce()).partnerRequests).toBe(0);
  });
});
