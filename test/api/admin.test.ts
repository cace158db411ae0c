/**
 * The administration pages without a browser: staff accounts (add with a password shown once,
 * roles, advisor link, deactivate and reactivate, no self-lockout, errors next to their field in
 * Finnish and Swedish) and the audit log (who may read it, filters, pages, newest first), and
 * the audit rows of password sign-in and sign-out.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/app.ts';
import { asAdvisorId } from '../../src/core/ids.ts';
import type { Advisor } from '../../src/core/model/advisor.ts';
import { wallClockToEpochMs } from '../../src/core/time/civil-time.ts';
import { createRepositories, inTransaction } from '../../src/db/repositories.ts';
import { createAuditService } from '../../src/services/audit-service.ts';
import { createAuthService } from '../../src/services/auth-service.ts';
import { TUESDAY_2026_12_01 } from '../helpers/espoo.ts';
import { createTestStore, type TestStore } from '../helpers/store.ts';

let store: TestStore;
let app: ReturnType<typeof createApp>;
const now = () => TUESDAY_2026_12_01;
const PASSWORD = 'correct horse battery';
const cookies: Record<'admin' | 'planner' | 'advisor', string> = { admin: '', planner: '', advisor: '' };
const ids: Record<'admin' | 'planner' | 'advisor', string> = { admin: '', planner: '', advisor: '' };

const advisor = (id: string, displayName: string): Advisor => ({
  id: asAdvisorId(id),
  displayName,
  languages: ['fi'],
  skills: ['general'],
  contractedMinutesPerWeek: 2250,
  maxVisitsPerDay: 2,
  homeSiteId: null,
  availability: [],
  absences: [],
  active: true,
  illustrative: true,
});

const auth = () => createAuthService({ store, repos: createRepositories(store.db), now });

async function login(email: string, password = PASSWORD): Promise<string> {
  const r = await auth().login(email, password);
  if (!r.ok) throw new Error(`login failed for ${email}`);
  return `neuvo_session=${r.token}`;
}

beforeAll(async () => {
  store = await createTestStore();
  await inTransaction(store, (tx) =>
    tx.advisors.upsert([advisor('ADV_A', 'Aino'), advisor('ADV_B', 'Bertil')]),
  );
  for (const role of ['admin', 'planner', 'advisor'] as const) {
    const user = await auth().addUser({
      email: `${role}@example.org`,
      displayName: `The ${role}`,
      roles: [role],
      password: PASSWORD,
      ...(role === 'advisor' ? { advisorId: 'ADV_A' } : {}),
    });
    ids[role] = user.id;
    cookies[role] = await login(`${role}@example.org`);
  }
  app = createApp({ store, now });
});
afterAll(async () => {
  await store?.destroy();
});

const get = (path: string, cookie = cookies.admin) =>
  app.request(`http://localhost${path}`, { headers: { cookie, accept: 'text/html' } });
const post = (path: string, fields: readonly [string, string][], cookie = cookies.admin) =>
  app.request(`http://localhost${path}`, {
    method: 'POST',
    headers: {
      cookie,
      origin: 'http://localhost',
      accept: 'text/html',
      'content-type': 'application/x-www-form-urlencoded',
    },
    body: new URLSearchParams([...fields]).toString(),
  });
const audit = async (action: string) =>
  (await createRepositories(store.db).audit.search({ action }, { offset: 0, limit: 200 })).items;

describe('staff accounts', () => {
  it('lists every account with roles, status, advisor link and last sign-in, and the sign-ins', async () => {
    const res = await get('/admin/staff');
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('private, no-store');
    const page = await res.text();
    expect(page).toContain('<h1>Henkilöstön tunnukset</h1>');
    for (const role of ['admin', 'planner', 'advisor']) expect(page).toContain(`${role}@example.org`);
    expect(page).toContain('Aino (ADV_A)');
    expect(page).toContain('admin@example.org</a> (sinä)');
    expect(page).toContain('ti 1.12.2026');
    expect(page).toContain('Kuka kirjautui milloin');
    // The admin's navigation has both admin links; a planner's only the audit log.
    expect(page).toContain('href="/admin/staff" aria-current="page"');
    expect(page).toContain('href="/admin/audit"');
    const planner = await (await get('/planner/feedback', cookies.planner)).text();
    expect(planner).toContain('href="/admin/audit"');
    expect(planner).not.toContain('href="/admin/staff"');
  });

  it('adds an account with a generated password shown once, linked to an advisor', async () => {
    const res = await post('/en/admin/staff', [
      ['email', 'New.Advisor@Example.org'],
      ['displayName', 'Bertil B'],
      ['roles', 'advisor'],
      ['advisorId', 'ADV_B'],
    ]);
    expect(res.status).toBe(200);
    const page = await res.text();
    expect(page).toContain('The account new.advisor@example.org was added.');
    const password = /<code class="secret">([^<]+)<\/code>/.exec(page)?.[1] ?? '';
    expect(password).toHaveLength(20);
    const found = await createRepositories(store.db).staff.findByEmail('new.advisor@example.org');
    expect(found?.user).toMatchObject({ roles: ['advisor'], advisorId: 'ADV_B', displayName: 'Bertil B' });
    expect(found?.passwordHash).not.toContain(password);
    expect((await auth().login('new.advisor@example.org', password)).ok).toBe(true);
    expect(await (await get('/en/admin/staff')).text()).not.toContain(password);
    expect((await audit('staff.create')).find((e) => e.targetId === found?.user.id)).toMatchObject({
      actorEmail: 'admin@example.org',
      details: { roles: ['advisor'], advisorId: 'ADV_B' },
    });
  });

  it('shows what is wrong next to each field, keeping what was typed, in Finnish and Swedish', async () => {
    const fi = await post('/admin/staff', [
      ['email', 'not an address'],
      ['displayName', 'Keijo'],
    ]);
    expect(fi.status).toBe(400);
    const fiPage = await fi.text();
    expect(fiPage).toContain('Tietoja ei tallennettu. Korjaa merkityt kohdat.');
    expect(fiPage).toMatch(/id="add-email"[^>]*value="not an address"[^>]*aria-invalid="true"/);
    expect(fiPage).toContain('<p class="field-error" id="add-email-error">Anna sähköpostiosoite');
    expect(fiPage).toContain('value="Keijo"');
    const roles = await post('/admin/staff', [['email', 'keijo@example.org']]);
    expect(await roles.text()).toContain('id="add-roles-error">Valitse vähintään yksi rooli.');
    const sv = await post('/sv/admin/staff', [
      ['email', 'planner@example.org'],
      ['roles', 'planner'],
    ]);
    expect(sv.status).toBe(409);
    const svPage = await sv.text();
    expect(svPage).toContain('lang="sv"');
    expect(svPage).toContain('Det finns redan ett konto med den här e-postadressen.');
    const taken = await post('/sv/admin/staff', [
      ['email', 'other@example.org'],
      ['roles', 'advisor'],
      ['advisorId', 'ADV_A'],
    ]);
    expect(taken.status).toBe(409);
    expect(await taken.text()).toContain(
      'Den här rådgivaren är redan kopplad till kontot advisor@example.org.',
    );
    expect(await createRepositories(store.db).staff.findByEmail('other@example.org')).toBeUndefined();
  });

  it('changes roles and the advisor link', async () => {
    const res = await post(`/admin/staff/${ids.planner}`, [
      ['displayName', 'Pia Planner'],
      ['roles', 'planner'],
      ['roles', 'advisor'],
      ['advisorId', ''],
    ]);
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe(`/admin/staff/${ids.planner}?done=saved`);
    expect(await (await get(res.headers.get('location') ?? '')).text()).toContain('Muutokset tallennettiin.');
    const user = (await createRepositories(store.db).staff.getAccount(ids.planner))?.user;
    expect(user).toMatchObject({
      roles: ['planner', 'advisor'],
      displayName: 'Pia Planner',
      advisorId: null,
    });
    expect((await audit('staff.update')).find((e) => e.targetId === ids.planner)?.details).toMatchObject({
      rolesBefore: ['planner'],
      roles: ['planner', 'advisor'],
      displayName: true,
    });
    const unknown = await post(`/admin/staff/${ids.planner}`, [
      ['roles', 'planner'],
      ['advisorId', 'ADV_NOBODY'],
    ]);
    expect(unknown.status).toBe(400);
    expect(await unknown.text()).toContain('id="edit-advisorId-error">Neuvojaa ADV_NOBODY ei ole.');
    expect((await get('/admin/staff/00000000-0000-4000-8000-000000000000')).status).toBe(404);
  });

  it('refuses an admin who would remove their own admin role or deactivate themselves', async () => {
    const fi = await post(`/admin/staff/${ids.admin}`, [
      ['displayName', 'The admin'],
      ['roles', 'planner'],
    ]);
    expect(fi.status).toBe(403);
    expect(await fi.text()).toContain(
      'id="edit-roles-error">Et voi poistaa omaa ylläpitäjän rooliasi. Pyydä toista ylläpitäjää tekemään se.',
    );
    const sv = await post(`/sv/admin/staff/${ids.admin}/deactivate`, []);
    expect(sv.status).toBe(403);
    expect(await sv.text()).toContain('Du kan inte inaktivera ditt eget konto.');
    const me = await createRepositories(store.db).staff.getAccount(ids.admin);
    expect(me?.user).toMatchObject({ roles: ['admin'], active: true });
    expect((await get('/admin/staff')).status).toBe(200);
  });

  it('deactivates an account, which ends its sessions, and reactivates it', async () => {
    const session = await login('advisor@example.org');
    const off = await post(`/admin/staff/${ids.advisor}/deactivate`, []);
    expect(off.status).toBe(303);
    expect(off.headers.get('location')).toBe(`/admin/staff/${ids.advisor}?done=deactivated`);
    expect(await auth().userForToken(session.replace('neuvo_session=', ''))).toBeUndefined();
    expect((await auth().login('advisor@example.org', PASSWORD)).ok).toBe(false);
    const page = await (await get(off.headers.get('location') ?? '')).text();
    expect(page).toContain('Tunnus poistettiin käytöstä, ja sen istunnot päättyivät.');
    expect(page).toContain('Ota tunnus käyttöön');
    const on = await post(`/admin/staff/${ids.advisor}/reactivate`, []);
    expect(on.status).toBe(303);
    expect((await auth().login('advisor@example.org', PASSWORD)).ok).toBe(true);
    expect((await audit('staff.deactivate')).map((e) => e.targetId)).toContain(ids.advisor);
    expect((await audit('staff.reactivate')).map((e) => e.targetId)).toContain(ids.advisor);
  });
});

describe('the audit log', () => {
  it('records password sign-ins and sign-outs', async () => {
    // The clock stands still here: entries are told apart by who, not by when.
    const mine = async (action: string) => (await audit(action)).filter((e) => e.actorUserId === ids.planner);
    const before = (await mine('auth.sign-in')).length;
    const signIn = await app.request('http://localhost/login', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ email: 'planner@example.org', password: PASSWORD, next: '/planner' }),
    });
    expect(signIn.status).toBe(303);
    const session =
      signIn.headers
        .getSetCookie()
        .find((c) => c.startsWith('neuvo_session='))
        ?.split(';')[0] ?? '';
    const signIns = await mine('auth.sign-in');
    expect(signIns).toHaveLength(before + 1);
    expect(signIns[0]).toMatchObject({
      actorEmail: 'planner@example.org',
      targetId: ids.planner,
      details: { method: 'password' },
      atMs: TUESDAY_2026_12_01,
    });
    expect(await mine('auth.sign-out')).toHaveLength(0);
    await app.request('http://localhost/logout', { method: 'POST', headers: { cookie: session } });
    expect(await mine('auth.sign-out')).toHaveLength(1);
  });

  it('is for planners and admins: filtered by action and date, newest first, a page at a time', async () => {
    // (The advisor's earlier session ended when the account was deactivated.)
    expect((await get('/admin/audit', await login('advisor@example.org'))).status).toBe(403);
    expect((await get('/admin/audit', cookies.planner)).status).toBe(200);
    // Sixty publications on two days, written at their own times.
    const day1 = wallClockToEpochMs('2026-11-20', '10:00');
    const day2 = wallClockToEpochMs('2026-11-23', '10:00');
    for (let i = 0; i < 60; i++) {
      const at = (i < 30 ? day1 : day2) + i * 60_000;
      await createAuditService({ store, repos: createRepositories(store.db), now: () => at }).record({
        actor: { userId: ids.planner, email: 'planner@example.org' },
        action: 'plan.publish',
        targetType: 'plan',
        targetId: `plan-${i}`,
      });
    }
    const first = await (await get('/en/admin/audit?action=plan.publish', cookies.planner)).text();
    expect(first).toContain('60 entries, page 1 of 2');
    const rows = [...first.matchAll(/plan (plan-\d+)/g)].map((m) => m[1]);
    expect(rows).toHaveLength(50);
    expect(rows[0]).toBe('plan-59');
    expect(rows[49]).toBe('plan-10');
    expect(first).toContain('<option value="plan.publish" selected="">Plan published</option>');
    expect(first).toContain('href="/en/admin/audit?action=plan.publish&amp;page=2">Older</a>');
    const second = await (await get('/en/admin/audit?action=plan.publish&page=2', cookies.planner)).text();
    expect([...second.matchAll(/plan (plan-\d+)/g)].map((m) => m[1])).toEqual(
      Array.from({ length: 10 }, (_, i) => `plan-${9 - i}`),
    );
    const oneDay = await (
      await get('/admin/audit?action=plan.publish&from=2026-11-20&to=2026-11-20', cookies.planner)
    ).text();
    expect(oneDay).toContain('30 tapahtumaa, sivu 1/1');
    expect(oneDay).toContain('Suunnitelma julkaistu');
    const bad = await get('/sv/admin/audit?from=20.11.2026', cookies.planner);
    expect(bad.status).toBe(400);
    expect(await bad.text()).toContain('Datumet 20.11.2026 har inte formen åååå-mm-dd och användes inte.');
  });
});
