import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRepositories } from '../../src/db/repositories.ts';
import { hashPassword, verifyPassword } from '../../src/services/auth/password.ts';
import { createAuthService } from '../../src/services/auth-service.ts';
import { createTestStore, type TestStore } from '../helpers/store.ts';

let store: TestStore;
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
  it('hashes passwords with a salt and verifies them', async () => {
    const a = await hashPassword('same password');
    const b = await hashPassword('same password');
    expect(a).not.toBe(b);
    expect(a).toMatch(/^scrypt\$32768\$8\$1\$/);
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

  it('does not tell whether an e-mail exists, and locks an account after ten failures', async () => {
    expect(await auth().login('nobody@example.org', 'whatever it is')).toEqual({
      ok: false,
      reason: 'invalid',
    });
    for (let i = 0; i < 9; i++)
      expect(await auth().login('pia@example.org', 'wrong')).toEqual({ ok: false, reason: 'invalid' });
    expect(await auth().login('pia@example.org', 'wrong')).toEqual({ ok: false, reason: 'locked' });
    expect(await auth().login('pia@example.org', 'long enough secret')).toEqual({
      ok: false,
      reason: 'locked',
    });
    clock += 16 * 60_000;
    expect((await auth().login('pia@example.org', 'long enough secret')).ok).toBe(true);
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
