import { randomBytes, scryptSync } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { delaySeconds } from '../../src/db/repositories/throttle-repository.ts';
import { createRepositories, inTransaction } from '../../src/db/repositories.ts';
import {
  hashPassword,
  needsRehash,
  PRODUCTION_COST,
  setHashCost,
  verifyPassword,
} from '../../src/services/auth/password.ts';
import { ACCOUNT_POLICY, ADDRESS_POLICY } from '../../src/services/auth/throttle.ts';
import { createAuthService } from '../../src/services/auth-service.ts';
import { createTestStore, type TestStore } from '../helpers/store.ts';

let store: TestStore;
/** The cost test/setup.ts sets for the suite. */
const TEST_COST = { N: 2 ** 12, r: 8, p: 1 };

/** A hash in the stored format with other parameters, as an older version wrote them. */
async function hashWith(password: string, n: number, r: number, p: number): Promise<string> {
  const salt = randomBytes(16);
  const key = scryptSync(password.normalize('NFC'), salt, 32, { N: n, r, p, maxmem: 256 * n * r * 2 });
  return `scrypt$${n}$${r}$${p}$${salt.toString('base64url')}$${key.toString('base64url')}`;
}
let clock = Date.UTC(2026, 11, 1, 8);
const auth = () => createAuthService({ store, repos: createRepositories(store.db), now: () => clock });

beforeAll(async () => {
  store = await createTestStore();
  await auth().addUser({
    email: 'Pia@Example.org',
    displayName: 'Pia',
    roles: ['planner'],
    password: 'long enough secret',
  });
});
afterAll(async () => {
  await store?.destroy();
});

describe('staff login', () => {
  it('hashes passwords with a salt at the production cost and verifies them', async () => {
    setHashCost(PRODUCTION_COST);
    let a: string;
    let b: string;
    try {
      a = await hashPassword('same password');
      b = await hashPassword('same password');
      // Below today's cost: hashed again at the next sign-in.
      expect(needsRehash(a)).toBe(false);
      expect(needsRehash(await hashWith('same password', 2 ** 14, 8, 1))).toBe(true);
    } finally {
      setHashCost(TEST_COST);
    }
    expect(a).not.toBe(b);
    expect(a).toMatch(/^scrypt\$32768\$8\$3\$/);
    expect(await verifyPassword('same password', a)).toBe(true);
    expect(await verifyPassword('other password', a)).toBe(false);
    expect(await verifyPassword('same password', 'md5$abc')).toBe(false);
  });

  it('logs in case-insensitively by e-mail, keeps the session in the database, and logs out', async () => {
    const result = await auth().login('pia@example.org', 'long enough secret');
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect((await auth().userForToken(result.token))?.email).toBe('pia@example.org');
    // Another server instance (a new service over the same database) knows the session too.
    expect(
      await createAuthService({ store, repos: createRepositories(store.db), now: () => clock }).userForToken(
        result.token,
      ),
    ).toBeDefined();
    clock += 9 * 3_600_000;
    expect(await auth().userForToken(result.token)).toBeUndefined();
    clock -= 9 * 3_600_000;
    await auth().logout(result.token);
    expect(await auth().userForToken(result.token)).toBeUndefined();
  });

  it('answers every failure the same, slows an account after five and an address after ten, and never locks out', async () => {
    const at = (address: string, password: string, email = 'pia@example.org') =>
      auth().login(email, password, address);
    const refused = { ok: false, reason: 'invalid' };
    expect(await at('10.0.0.1', 'whatever it is', 'nobody@example.org')).toEqual(refused);
    // Five wrong passwords to the account from five addresses; the sixth attempt must wait 2 s,
    // even with the right password, and answers just like a wrong one.
    for (let i = 0; i < 5; i++) expect(await at(`10.0.1.${i}`, 'wrong password')).toEqual(refused);
    expect(await at('10.0.2.1', 'long enough secret')).toEqual(refused);
    clock += delaySeconds(ACCOUNT_POLICY, 5) * 1000;
    expect((await at('10.0.2.1', 'long enough secret')).ok).toBe(true);
    // A success clears the account's count: the next wrong one answers at once again.
    expect(await at('10.0.2.1', 'wrong password')).toEqual(refused);
    expect((await at('10.0.2.1', 'long enough secret')).ok).toBe(true);
    // An unknown e-mail is slowed exactly like a known one.
    for (let i = 0; i < 5; i++)
      expect(await at(`10.0.3.${i}`, 'wrong password', 'nobody@example.org')).toEqual(refused);
    expect(await at('10.0.3.9', 'whatever', 'nobody@example.org')).toEqual(refused);
    // One address: ten attempts at any accounts, then it waits, whatever the account.
    for (let i = 0; i < 10; i++)
      expect(await at('10.0.4.1', 'wrong password', `user${i}@example.org`)).toEqual(refused);
    expect(await at('10.0.4.1', 'long enough secret')).toEqual(refused);
    expect((await at('10.0.4.2', 'long enough secret')).ok).toBe(true);
    clock += delaySeconds(ADDRESS_POLICY, 10) * 1000;
    expect((await at('10.0.4.1', 'long enough secret')).ok).toBe(true);
  });

  it('counts parallel attempts one by one', async () => {
    await auth().addUser({
      email: 'race@example.org',
      displayName: 'R',
      roles: ['planner'],
      password: 'the right one here',
    });
    const tries = await Promise.all(
      Array.from({ length: 40 }, () => auth().login('race@example.org', 'wrong password', '10.0.5.1')),
    );
    expect(tries.every((r) => !r.ok)).toBe(true);
    // Forty at once: at most the free five were checked, so the account now waits.
    expect((await auth().login('race@example.org', 'the right one here', '10.0.5.2')).ok).toBe(false);
    clock += ACCOUNT_POLICY.capSeconds * 1000;
    expect((await auth().login('race@example.org', 'the right one here', '10.0.5.2')).ok).toBe(true);
  });

  it('ends sessions when the password changes, after an idle hour, and after eight hours', async () => {
    const first = await auth().login('pia@example.org', 'long enough secret', '10.0.6.1');
    if (!first.ok) throw new Error('login failed');
    await auth().addUser({
      email: 'pia@example.org',
      displayName: 'Pia',
      roles: ['planner'],
      password: 'a new long secret',
    });
    expect(await auth().userForToken(first.token)).toBeUndefined();
    const second = await auth().login('pia@example.org', 'a new long secret', '10.0.6.1');
    if (!second.ok) throw new Error('login failed');
    // Used every 50 minutes it lives its eight hours; unused for an hour it ends.
    for (let h = 0; h < 9; h++) {
      clock += 50 * 60_000;
      expect(await auth().userForToken(second.token), `after ${(h + 1) * 50} min`).toBeDefined();
    }
    clock += 60 * 60_000;
    expect(await auth().userForToken(second.token)).toBeUndefined();
    const third = await auth().login('pia@example.org', 'a new long secret', '10.0.6.1');
    if (!third.ok) throw new Error('login failed');
    clock += 61 * 60_000;
    expect(await auth().userForToken(third.token)).toBeUndefined();
    expect(await auth().deleteExpiredSessions()).toBeGreaterThanOrEqual(2);
    await auth().addUser({
      email: 'pia@example.org',
      displayName: 'Pia',
      roles: ['planner'],
      password: 'long enough secret',
    });
  });

  it('replaces a hash made with older parameters at the next sign-in', async () => {
    const old = await hashWith('an old long password', 2 ** 11, 8, 1);
    await auth().addUser({
      email: 'old@example.org',
      displayName: 'O',
      roles: ['planner'],
      password: 'placeholder pass',
    });
    const repos = createRepositories(store.db);
    const user = await repos.staff.findByEmail('old@example.org');
    await inTransaction(store, (tx) => tx.staff.setPasswordHash(user?.user.id ?? '', old));
    expect((await auth().login('old@example.org', 'an old long password', '10.0.7.1')).ok).toBe(true);
    const after = await repos.staff.findByEmail('old@example.org');
    expect(after?.passwordHash).toMatch(
      new RegExp(`^scrypt\\$${TEST_COST.N}\\$${TEST_COST.r}\\$${TEST_COST.p}\\$`),
    );
    expect(await verifyPassword('an old long password', after?.passwordHash ?? '')).toBe(true);
  });

  it('refuses weak passwords, bad e-mails and unknown roles', async () => {
    await expect(
      auth().addUser({ email: 'a@b.org', displayName: 'A', roles: ['planner'], password: 'short' }),
    ).rejects.toMatchObject({ target: 'password' });
    await expect(
      auth().addUser({
        email: 'not-an-email',
        displayName: 'A',
        roles: ['planner'],
        password: 'long enough secret',
      }),
    ).rejects.toMatchObject({ target: 'email' });
    await expect(
      auth().addUser({ email: 'a@b.org', displayName: 'A', roles: ['king'], password: 'long enough secret' }),
    ).rejects.toMatchObject({ target: 'role' });
  });
});
