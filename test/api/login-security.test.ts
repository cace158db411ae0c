/**
 * Signing in under attack, through HTTP as an attacker would: parallel guesses are counted one
 * by one, the account's real user still gets in from elsewhere after the documented wait, and
 * every refusal looks the same.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/app.ts';
import { delaySeconds } from '../../src/db/repositories/throttle-repository.ts';
import { createRepositories } from '../../src/db/repositories.ts';
import { ACCOUNT_POLICY } from '../../src/services/auth/throttle.ts';
import { createAuthService } from '../../src/services/auth-service.ts';
import { TUESDAY_2026_12_01 } from '../helpers/espoo.ts';
import { createTestStore, type TestStore } from '../helpers/store.ts';

let store: TestStore;
let clock = TUESDAY_2026_12_01;
let app: ReturnType<typeof createApp>;
const PASSWORD = 'the planner’s own password';

beforeAll(async () => {
  store = await createTestStore();
  await createAuthService({ store, repos: createRepositories(store.db), now: () => clock }).addUser({
    email: 'planner@example.org',
    displayName: 'Planner',
    roles: ['planner'],
    password: PASSWORD,
  });
  // One trusted proxy in front: it appends the client's address to X-Forwarded-For.
  app = createApp({ store, now: () => clock, trustedProxies: 1 });
});
afterAll(async () => {
  await store?.destroy();
});

const signIn = (address: string, password: string, email = 'planner@example.org', proto = 'http') =>
  app.request('/en/login', {
    method: 'POST',
    headers: { 'x-forwarded-for': address, 'x-forwarded-proto': proto },
    body: new URLSearchParams({ email, password, next: '/en/planner' }),
  });

describe('signing in under attack', () => {
  it('counts 200 parallel wrong passwords; the right one is refused, and the real user gets in from elsewhere after the wait', async () => {
    const guesses = await Promise.all(
      Array.from({ length: 200 }, (_, i) => signIn('203.0.113.7', `wrong guess ${i}`)),
    );
    // Refused, all of them: wrong, too soon, or (past the address's request limit) 429.
    expect(guesses.every((r) => r.status === 400 || r.status === 429)).toBe(true);
    const attacker = await signIn('203.0.113.7', PASSWORD);
    expect([400, 429]).toContain(attacker.status);
    // The real user, from another address: the account waits (2 s after 5 counted attempts; at
    // most 60 s whatever the attacker sends), then it opens. The refusal meanwhile reads the
    // same as a wrong password or an unknown e-mail.
    const tooSoon = await signIn('198.51.100.2', PASSWORD);
    expect(tooSoon.status).toBe(400);
    const unknown = await signIn('192.0.2.99', 'anything at all', 'nobody@example.org');
    expect(unknown.status).toBe(400);
    // Alike but for the e-mail the form keeps.
    const withoutEmail = (text: string) => text.replace(/ value="[^"]*@[^"]*"/, '');
    const tooSoonText = withoutEmail(await tooSoon.text());
    expect(tooSoonText).toBe(withoutEmail(await unknown.text()));
    expect(tooSoonText).not.toContain('planner@example.org');
    clock += delaySeconds(ACCOUNT_POLICY, ACCOUNT_POLICY.free) * 1000;
    const user = await signIn('198.51.100.2', PASSWORD);
    expect(user.status).toBe(303);
    // The attacker's address still waits, though the account is open again.
    expect([400, 429]).toContain((await signIn('203.0.113.7', PASSWORD)).status);
    // Past the address's request limit a browser gets the form back, saying how long to wait.
    const page = await app.request('/sv/login', {
      method: 'POST',
      headers: { 'x-forwarded-for': '203.0.113.7', accept: 'text/html' },
      body: new URLSearchParams({ email: 'planner@example.org', password: PASSWORD, next: '/sv/planner' }),
    });
    expect(page.status).toBe(429);
    const text = await page.text();
    expect(text).toContain('för många gånger på kort tid. Försök igen om');
    expect(text).toContain('value="planner@example.org"');
  });

  it('lets the real user in at once from a browser they signed in with before, while the attack goes on', async () => {
    clock += ACCOUNT_POLICY.capSeconds * 1000;
    const earlier = await signIn('198.51.100.5', PASSWORD);
    expect(earlier.status).toBe(303);
    const device = /neuvo_device=([^;]+)/.exec(earlier.headers.getSetCookie().join('\n'))?.[1];
    expect(device).toMatch(/^[\w-]{43}$/);
    const withDevice = (address: string, email: string) =>
      app.request('/en/login', {
        method: 'POST',
        headers: { 'x-forwarded-for': address, cookie: `neuvo_device=${device}` },
        body: new URLSearchParams({ email, password: PASSWORD, next: '/en/planner' }),
      });
    // An attack from many addresses keeps the account waiting …
    await Promise.all(Array.from({ length: 40 }, (_, i) => signIn(`203.0.113.${50 + i}`, `wrong ${i}`)));
    expect((await signIn('198.51.100.6', PASSWORD)).status).toBe(400);
    // … but not the browser its user signed in with, from wherever it is now.
    expect((await withDevice('198.51.100.7', 'planner@example.org')).status).toBe(303);
    // That browser is no key to another account.
    await createAuthService({ store, repos: createRepositories(store.db), now: () => clock }).addUser({
      email: 'other@example.org',
      displayName: 'Other',
      roles: ['planner'],
      password: PASSWORD,
    });
    await Promise.all(
      Array.from({ length: 10 }, (_, i) => signIn(`203.0.113.${100 + i}`, `wrong ${i}`, 'other@example.org')),
    );
    expect((await withDevice('198.51.100.8', 'other@example.org')).status).toBe(400);
  });

  it('marks the cookie Secure when the trusted proxy says the client used HTTPS', async () => {
    const overHttps = await signIn('198.51.100.4', PASSWORD, 'planner@example.org', 'https');
    expect(overHttps.status).toBe(303);
    expect(overHttps.headers.get('set-cookie')).toMatch(/;\s*Secure/i);
    const overHttp = await signIn('198.51.100.4', PASSWORD);
    expect(overHttp.headers.get('set-cookie')).not.toMatch(/;\s*Secure/i);
    // Without a trusted proxy, a client's own X-Forwarded-Proto means nothing.
    const direct = createApp({ store, now: () => clock });
    const forged = await direct.request('/en/login', {
      method: 'POST',
      headers: { 'x-forwarded-proto': 'https' },
      body: new URLSearchParams({ email: 'planner@example.org', password: PASSWORD, next: '/en/planner' }),
    });
    expect(forged.status).toBe(303);
    expect(forged.headers.get('set-cookie')).not.toMatch(/;\s*Secure/i);
  });
});
