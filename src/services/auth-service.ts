/**
 * Staff login: e-mail and password, a session token in an HttpOnly cookie, sessions kept
 * in the database (so any server instance can check them). Ten failed attempts lock an
 * account for 15 minutes; the answer never tells whether the e-mail exists.
 */
import { createHash, randomBytes } from 'node:crypto';
import { STAFF_ROLES, type StaffRole, type StaffUser } from '../core/model/staff.ts';
import { inTransaction, type ReadRepositories } from '../db/repositories.ts';
import type { Store } from '../db/store.ts';
import { hashPassword, passwordProblem, verifyPassword } from './auth/password.ts';
import { InvalidInputError } from './errors.ts';

export const SESSION_HOURS = 8;

/** The staff session cookie: the web pages set it, the pages and the API read it. */
export const SESSION_COOKIE = 'neuvo_session';

/**
 * Cross-site request forgery defence for writes: a request whose Origin (or Referer) names
 * another host is refused; none at all (same-site navigation, tools) is accepted.
 */
export function isSameSite(origin: string | undefined, requestUrl: string): boolean {
  if (!origin) return true;
  try {
    return new URL(origin).host === new URL(requestUrl).host;
  } catch {
    return false;
  }
}
const MAX_FAILURES = 10;
const LOCK_MINUTES = 15;
/** A pragmatic e-mail check (one @, a dot in the domain, no spaces). */
export const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export const hashToken = (token: string) => createHash('sha256').update(token).digest('base64url');

export type LoginResult =
  | {
      ok: true;
      token: string;
      user: StaffUser;
      expiresAtMs: number;
      /** The session's lifetime from now, for the cookie's Max-Age. */
      maxAgeSeconds: number;
    }
  | { ok: false; reason: 'invalid' | 'locked' };

export function createAuthService(deps: { store: Store; repos: ReadRepositories; now: () => number }) {
  const { repos, now } = deps;
  // A fixed hash to verify against when the e-mail is unknown, so both cases take as long.
  const decoy = hashPassword(randomBytes(16).toString('hex'));

  return {
    async addUser(input: {
      email: string;
      displayName: string;
      roles: readonly string[];
      password: string;
    }): Promise<StaffUser> {
      const email = input.email.trim().toLowerCase();
      if (!EMAIL.test(email))
        throw new InvalidInputError(`"${input.email}" is not an e-mail address`, 'email');
      const bad = input.roles.filter((r) => !(STAFF_ROLES as readonly string[]).includes(r));
      if (input.roles.length === 0 || bad.length > 0) {
        throw new InvalidInputError(
          `expected roles from ${STAFF_ROLES.join(', ')}${bad.length ? `, got ${bad.join(', ')}` : ''}`,
          'role',
        );
      }
      const problem = passwordProblem(input.password);
      if (problem) throw new InvalidInputError(problem, 'password');
      const passwordHash = await hashPassword(input.password);
      return inTransaction(deps.store, (tx) =>
        tx.staff.upsertUser({
          email,
          displayName: input.displayName.trim() || email,
          roles: input.roles as StaffRole[],
          passwordHash,
        }),
      );
    },

    async login(email: string, password: string): Promise<LoginResult> {
      const found = await repos.staff.findByEmail(email);
      if (!found?.user.active) {
        await verifyPassword(password, await decoy);
        return { ok: false, reason: 'invalid' };
      }
      const t = now();
      if (found.lockedUntilMs !== null && found.lockedUntilMs > t) return { ok: false, reason: 'locked' };
      if (!(await verifyPassword(password, found.passwordHash))) {
        const failures = found.failedLogins + 1;
        await inTransaction(deps.store, (tx) =>
          tx.staff.setLoginFailures(
            found.user.id,
            failures >= MAX_FAILURES ? 0 : failures,
            failures >= MAX_FAILURES ? t + LOCK_MINUTES * 60_000 : null,
          ),
        );
        return { ok: false, reason: failures >= MAX_FAILURES ? 'locked' : 'invalid' };
      }
      const token = randomBytes(32).toString('base64url');
      const expiresAtMs = t + SESSION_HOURS * 3_600_000;
      await inTransaction(deps.store, async (tx) => {
        await tx.staff.setLoginFailures(found.user.id, 0, null);
        await tx.staff.insertSession(hashToken(token), found.user.id, expiresAtMs);
        await tx.staff.deleteExpiredSessions(t);
      });
      return { ok: true, token, user: found.user, expiresAtMs, maxAgeSeconds: SESSION_HOURS * 3600 };
    },

    async userForToken(token: string | undefined): Promise<StaffUser | undefined> {
      if (!token || token.length > 100) return undefined;
      return repos.staff.sessionUser(hashToken(token), now());
    },

    async logout(token: string | undefined): Promise<void> {
      if (!token) return;
      await inTransaction(deps.store, (tx) => tx.staff.deleteSession(hashToken(token)));
    },
  };
}

export type AuthService = ReturnType<typeof createAuthService>;
