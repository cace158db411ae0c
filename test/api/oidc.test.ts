/**
 * Sign-in through an OpenID Connect provider, end to end against a fake provider on localhost
 * (test/helpers/fake-oidc-provider.ts): the authorization code flow with PKCE, state and nonce,
 * the state in a sealed cookie, accounts found by identity or linked by verified e-mail, roles
 * from groups at every sign-in, and every refusal as a page in the sign-in's language.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/app.ts';
import { createRepositories, inTransaction } from '../../src/db/repositories.ts';
import {
  oidcSettingsFromEnv,
  parseRoleGroups,
  rolesFromGroups,
} from '../../src/services/auth/oidc-settings.ts';
import { createAuthService } from '../../src/services/auth-service.ts';
import { OIDC_FLOW_COOKIE, openFlow, sealFlow } from '../../src/web/staff/oidc.ts';
import { TUESDAY_2026_12_01 } from '../helpers/espoo.ts';
import { type FakeProvider, type FakeUser, startFakeProvider } from '../helpers/fake-oidc-provider.ts';
import { createTestStore, type TestStore } from '../helpers/store.ts';

const CLIENT = { clientId: 'neuvo-test', clientSecret: 'a client secret of some length' };
let store: TestStore;
let provider: FakeProvider;
let app: ReturnType<typeof createApp>;
const logged: string[] = [];
const now = () => TUESDAY_2026_12_01;

const env = (issuer: string, extra: Record<string, string> = {}) => ({
  NEUVO_OIDC_ISSUER: issuer,
  NEUVO_OIDC_CLIENT_ID: CLIENT.clientId,
  NEUVO_OIDC_CLIENT_SECRET: CLIENT.clientSecret,
  NEUVO_OIDC_ALLOW_HTTP: '1',
  NEUVO_OIDC_NAME: 'Espoo AD',
  NEUVO_OIDC_ROLES: 'planner=g-planners,advisor=g-advisors,admin=g-admins,planner=g-leads',
  ...extra,
});

beforeAll(async () => {
  store = await createTestStore();
  provider = await startFakeProvider({ ...CLIENT, now });
  app = createApp({
    store,
    now,
    publicUrl: 'http://localhost',
    oidc: oidcSettingsFromEnv(env(provider.issuer)),
    logError: (line) => logged.push(String(line)),
  });
});
afterAll(async () => {
  await provider?.close();
  await store?.destroy();
});

const repos = () => createRepositories(store.db);
const cookieOf = (res: Response, name: string) =>
  res.headers
    .getSetCookie()
    .find((c) => c.startsWith(`${name}=`))
    ?.split(';')[0];
const get = (path: string, cookie?: string) =>
  app.request(`http://localhost${path}`, { headers: { accept: 'text/html', ...(cookie ? { cookie } : {}) } });

/** Starts a sign-in on the app, signs in at the provider as `user`, and comes back. */
async function signIn(
  user: FakeUser,
  options: {
    lang?: '' | '/sv' | '/en';
    next?: string;
    alter?: (back: URL) => void;
    flowCookie?: string;
  } = {},
) {
  const start = await get(
    `${options.lang ?? ''}/login/oidc${options.next ? `?next=${encodeURIComponent(options.next)}` : ''}`,
  );
  expect(start.status).toBe(303);
  const flow = cookieOf(start, OIDC_FLOW_COOKIE);
  const authorization = start.headers.get('location') ?? '';
  const back = provider.authorize(authorization, user);
  options.alter?.(back);
  const res = await get(`${back.pathname}${back.search}`, options.flowCookie ?? flow);
  return { start, authorization: new URL(authorization), res, session: cookieOf(res, 'neuvo_session') };
}

const audit = async (action: string) =>
  (await repos().audit.search({ action }, { offset: 0, limit: 100 })).items;

describe('sign-in with an OpenID Connect provider', () => {
  it('shows the provider’s button on the login page only when one is configured', async () => {
    const page = await (await get('/login?next=%2Fadmin%2Faudit')).text();
    expect(page).toContain('Kirjaudu palvelulla Espoo AD');
    expect(page).toContain('action="/login/oidc"');
    expect(page).toContain('name="next" value="/admin/audit"');
    expect(await (await get('/en/login')).text()).toContain('Sign in with Espoo AD');
    const local = createApp({ store, now });
    const plain = await (await local.request('http://localhost/login')).text();
    expect(plain).not.toContain('/login/oidc');
    expect((await local.request('http://localhost/login/oidc')).status).toBe(404);
  });

  it('creates an account for a new person with a mapped group, with the same session as a password', async () => {
    const { start, authorization, res, session } = await signIn(
      {
        sub: 'sub-pia',
        email: 'Pia.Planner@Example.org',
        name: 'Pia Planner',
        groups: ['g-planners', 'other'],
      },
      { next: '/admin/audit' },
    );
    // The request: code flow, PKCE S256, state and nonce, to the registered redirect URI.
    const p = authorization.searchParams;
    expect(p.get('response_type')).toBe('code');
    expect(p.get('code_challenge_method')).toBe('S256');
    expect(p.get('state')?.length).toBeGreaterThan(20);
    expect(p.get('nonce')?.length).toBeGreaterThan(20);
    expect(p.get('redirect_uri')).toBe('http://localhost/login/oidc/callback');
    expect(p.get('scope')).toBe('openid email profile');
    // The flow's cookie: HttpOnly, for the callback's path, short-lived; it holds no secret in the clear.
    const setFlow = start.headers.getSetCookie().find((c) => c.startsWith(`${OIDC_FLOW_COOKIE}=`)) ?? '';
    expect(setFlow).toMatch(/HttpOnly/i);
    expect(setFlow).toMatch(/Path=\/login\/oidc/);
    expect(setFlow).toMatch(/Max-Age=600/);
    expect(setFlow).not.toContain(p.get('state') ?? 'state');
    // The token request proved the verifier.
    expect(provider.tokenRequests.at(-1)?.get('code_verifier')?.length).toBeGreaterThan(40);

    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/admin/audit');
    expect(session).toBeDefined();
    expect(res.headers.getSetCookie().find((c) => c.startsWith('neuvo_session='))).toMatch(/HttpOnly/i);
    // The flow cookie is read once.
    expect(res.headers.getSetCookie().find((c) => c.startsWith(`${OIDC_FLOW_COOKIE}=;`))).toBeDefined();
    expect((await get('/admin/audit', session)).status).toBe(200);
    expect((await get('/admin/staff', session)).status).toBe(403);

    const account = await repos().staff.findByEmail('pia.planner@example.org');
    expect(account?.user.roles).toEqual(['planner']);
    expect(account?.user.displayName).toBe('Pia Planner');
    expect(account?.passwordHash).toBeNull();
    expect((await repos().staff.findByIdentity(provider.issuer, 'sub-pia'))?.id).toBe(account?.user.id);
    const signIns = await audit('auth.sign-in');
    expect(signIns[0]).toMatchObject({
      actorEmail: 'pia.planner@example.org',
      details: { method: 'oidc' },
      atMs: TUESDAY_2026_12_01,
    });
    expect((await audit('staff.create'))[0]?.details).toMatchObject({ via: 'oidc', roles: ['planner'] });
    expect((await repos().staff.getAccount(account?.user.id ?? ''))?.lastSignInMs).toBe(TUESDAY_2026_12_01);
    // An account without a password cannot sign in with one.
    const auth = createAuthService({ store, repos: repos(), now });
    expect((await auth.login('pia.planner@example.org', '')).ok).toBe(false);
  });

  it('links an existing local account by its verified e-mail, and sets its roles from the groups', async () => {
    const auth = createAuthService({ store, repos: repos(), now });
    await auth.addUser({
      email: 'anna@example.org',
      displayName: 'Anna',
      roles: ['advisor'],
      password: 'correct horse battery',
    });
    const { res, session } = await signIn({
      sub: 'sub-anna',
      email: 'anna@example.org',
      groups: ['g-admins'],
    });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/planner');
    const found = await repos().staff.findByIdentity(provider.issuer, 'sub-anna');
    expect(found?.email).toBe('anna@example.org');
    expect(found?.roles).toEqual(['admin']);
    expect((await get('/admin/staff', session)).status).toBe(200);
    // The local password still works for the linked account.
    expect((await auth.login('anna@example.org', 'correct horse battery')).ok).toBe(true);
  });

  it('sets the roles from the groups again at the next sign-in, by identity (the e-mail may change)', async () => {
    const first = await signIn({
      sub: 'sub-ville',
      email: 'ville@example.org',
      groups: ['g-leads', 'g-advisors'],
    });
    expect((await repos().staff.findByIdentity(provider.issuer, 'sub-ville'))?.roles).toEqual([
      'planner',
      'advisor',
    ]);
    expect((await get('/admin/audit', first.session)).status).toBe(200);
    const next = await signIn({ sub: 'sub-ville', email: 'ville.new@example.org', groups: ['g-advisors'] });
    expect(next.res.status).toBe(303);
    const user = await repos().staff.findByIdentity(provider.issuer, 'sub-ville');
    expect(user?.roles).toEqual(['advisor']);
    expect(user?.email).toBe('ville@example.org');
    // Roles are read at every request: both sessions lose the planner's pages at once.
    expect((await get('/admin/audit', next.session)).status).toBe(403);
    expect((await get('/admin/audit', first.session)).status).toBe(403);
    const change = (await audit('staff.update')).find((e) => e.targetId === user?.id);
    expect(change?.details).toMatchObject({
      via: 'oidc',
      rolesBefore: ['planner', 'advisor'],
      roles: ['advisor'],
    });
  });

  it('refuses a person in no mapped group with a page in the sign-in’s language, and ends their sessions', async () => {
    const fi = await signIn({ sub: 'sub-nobody', email: 'nobody@example.org', groups: ['other'] });
    expect(fi.res.status).toBe(403);
    expect(fi.session).toBeUndefined();
    const fiPage = await fi.res.text();
    expect(fiPage).toContain('lang="fi"');
    expect(fiPage).toContain('Espoo AD ei kerro sinun kuuluvan yhteenkään ryhmään');
    const sv = await signIn({ sub: 'sub-nobody', email: 'nobody@example.org' }, { lang: '/sv' });
    expect(sv.res.status).toBe(403);
    const svPage = await sv.res.text();
    expect(svPage).toContain('lang="sv"');
    expect(svPage).toContain('hör du inte till någon grupp');
    const en = await signIn({ sub: 'sub-nobody', email: 'nobody@example.org', groups: [] }, { lang: '/en' });
    expect(await en.res.text()).toContain('does not place you in any group');
    expect(await repos().staff.findByEmail('nobody@example.org')).toBeUndefined();
    expect((await audit('auth.sign-in-refused')).some((e) => e.details?.reason === 'no-role')).toBe(true);
    // Someone who had a role and lost every group is signed out everywhere.
    const had = await signIn({ sub: 'sub-leaver', email: 'leaver@example.org', groups: ['g-planners'] });
    expect((await get('/admin/audit', had.session)).status).toBe(200);
    expect((await signIn({ sub: 'sub-leaver', email: 'leaver@example.org', groups: [] })).res.status).toBe(
      403,
    );
    expect((await get('/admin/audit', had.session)).status).toBe(303);
  });

  it('reads the groups from userinfo when the ID token names none', async () => {
    const { res } = await signIn(
      { sub: 'sub-ui', email: 'ui@example.org', userinfoGroups: ['g-advisors'] },
      { lang: '/sv' },
    );
    expect(res.status).toBe(303);
    // An advisor with no page to return to lands on the advisors' app, in the sign-in's language.
    expect(res.headers.get('location')).toBe('/sv/advisor/');
    expect((await repos().staff.findByEmail('ui@example.org'))?.user.roles).toEqual(['advisor']);
  });

  it('refuses an answer with another state, an ID token with another nonce, and a callback without its cookie', async () => {
    const before = (await audit('auth.sign-in')).length;
    const state = await signIn(
      { sub: 'sub-eve', email: 'eve@example.org', groups: ['g-admins'] },
      { lang: '/en', alter: (back) => back.searchParams.set('state', 'forged-state-value') },
    );
    expect(state.res.status).toBe(400);
    expect(state.session).toBeUndefined();
    expect(await state.res.text()).toContain('did not confirm your sign-in');
    const nonce = await signIn({
      sub: 'sub-eve',
      email: 'eve@example.org',
      groups: ['g-admins'],
      wrongNonce: true,
    });
    expect(nonce.res.status).toBe(400);
    expect(nonce.session).toBeUndefined();
    expect(
      logged.some((l) => /nonce/i.test(l)),
      logged.join('\n'),
    ).toBe(true);
    // No cookie (another browser, or the callback replayed after the cookie was read) or an altered one.
    const none = await signIn({ sub: 'sub-eve', groups: ['g-admins'] }, { flowCookie: 'other=1' });
    expect(none.res.status).toBe(400);
    expect(await none.res.text()).toContain('Kirjautuminen vanheni');
    const altered = await signIn(
      { sub: 'sub-eve', groups: ['g-admins'] },
      { flowCookie: `${OIDC_FLOW_COOKIE}=AAAA${'x'.repeat(60)}` },
    );
    expect(altered.res.status).toBe(400);
    expect(await repos().staff.findByEmail('eve@example.org')).toBeUndefined();
    expect((await audit('auth.sign-in')).length).toBe(before);
    // The provider's own refusal (the person cancelled there).
    const cancelled = await get('/login/oidc/callback?error=access_denied&state=x');
    expect(cancelled.status).toBe(400);
    expect(await cancelled.text()).toContain('Kirjautuminen keskeytyi');
  });

  it('refuses a new identity without a verified e-mail, and a deactivated account', async () => {
    const unverified = await signIn({
      sub: 'sub-unverified',
      email: 'unverified@example.org',
      emailVerified: false,
      groups: ['g-planners'],
    });
    expect(unverified.res.status).toBe(403);
    expect(await unverified.res.text()).toContain('vahvistettua sähköpostiosoitettasi');
    expect(await repos().staff.findByEmail('unverified@example.org')).toBeUndefined();
    const ok = await signIn({ sub: 'sub-gone', email: 'gone@example.org', groups: ['g-planners'] });
    const user = await repos().staff.findByIdentity(provider.issuer, 'sub-gone');
    await inTransaction(store, (tx) => tx.staff.setUserActive(user?.id ?? '', false));
    expect((await get('/admin/audit', ok.session)).status).toBe(303);
    const again = await signIn({ sub: 'sub-gone', email: 'gone@example.org', groups: ['g-planners'] });
    expect(again.res.status).toBe(403);
    expect(await again.res.text()).toContain('Tunnuksesi on poistettu käytöstä');
  });

  it('answers a provider that cannot be reached with a page, not an error', async () => {
    const down = createApp({
      store,
      now,
      publicUrl: 'http://localhost',
      oidc: oidcSettingsFromEnv(env('http://127.0.0.1:9')),
      logError: () => {},
    });
    const res = await down.request('http://localhost/sv/login/oidc', { headers: { accept: 'text/html' } });
    expect(res.status).toBe(502);
    expect(await res.text()).toContain('Tjänsten Espoo AD kan inte nås just nu');
  });
});

describe('OpenID Connect settings', () => {
  it('are read from the environment, and a plain-HTTP issuer needs the explicit switch', () => {
    expect(oidcSettingsFromEnv({})).toBeNull();
    const settings = oidcSettingsFromEnv(
      env('https://login.example.fi/tenant/v2.0', { NEUVO_OIDC_ALLOW_HTTP: '' }),
    );
    expect(settings).toMatchObject({
      issuer: 'https://login.example.fi/tenant/v2.0',
      groupsClaim: 'groups',
      providerName: 'Espoo AD',
      redirectUri: null,
      allowHttp: false,
      trustEmail: false,
    });
    expect(settings?.stateKey.length).toBe(32);
    expect(() => oidcSettingsFromEnv(env('http://idp.example.fi', { NEUVO_OIDC_ALLOW_HTTP: '' }))).toThrow(
      /NEUVO_OIDC_ISSUER must be an https:\/\/ URL/,
    );
    expect(() => oidcSettingsFromEnv(env('https://idp.example.fi', { NEUVO_OIDC_ROLES: 'boss=g1' }))).toThrow(
      /NEUVO_OIDC_ROLES/,
    );
    expect(() => oidcSettingsFromEnv(env('https://idp.example.fi', { NEUVO_OIDC_CLIENT_ID: '' }))).toThrow(
      /NEUVO_OIDC_CLIENT_ID/,
    );
    expect(() =>
      oidcSettingsFromEnv(
        env('https://idp.example.fi', { NEUVO_OIDC_CLIENT_SECRET: '', NEUVO_OIDC_STATE_KEY: '' }),
      ),
    ).toThrow(/NEUVO_OIDC_STATE_KEY/);
    expect(() =>
      oidcSettingsFromEnv(
        env('https://idp.example.fi', { NEUVO_OIDC_REDIRECT_URI: 'https://x.fi/elsewhere' }),
      ),
    ).toThrow(/must end in \/login\/oidc\/callback/);
  });

  it('map groups to roles', () => {
    const pairs = parseRoleGroups('planner=a, advisor=b,admin=c,planner=d');
    expect(pairs).toHaveLength(4);
    if (typeof pairs === 'string') return;
    expect(rolesFromGroups(['d', 'b', 'x'], pairs)).toEqual(['planner', 'advisor']);
    expect(rolesFromGroups(['x'], pairs)).toEqual([]);
    expect(parseRoleGroups('planner')).toMatch(/role=group/);
  });

  it('seal the flow so that it cannot be read, altered or kept past its time', () => {
    const key = Buffer.alloc(32, 7);
    const flow = {
      state: 's',
      nonce: 'n',
      verifier: 'v',
      next: '/planner',
      lang: 'sv',
      expiresAtMs: 1000,
    } as const;
    const sealed = sealFlow(key, flow);
    expect(openFlow(key, sealed, 999)).toEqual(flow);
    expect(openFlow(key, sealed, 1000)).toBeNull();
    expect(openFlow(Buffer.alloc(32, 8), sealed, 0)).toBeNull();
    const bytes = Buffer.from(sealed, 'base64url');
    bytes[20] = (bytes[20] ?? 0) ^ 1;
    expect(openFlow(key, bytes.toString('base64url'), 0)).toBeNull();
  });
});
