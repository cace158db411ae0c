/**
 * Staff login: e-mail and password, a session token in an HttpOnly cookie, sessions kept in the
 * database (so any server instance can check them). Attempts are slowed per account and per
 * client address (auth/throttle.ts), never locked out; every failure answers the same, as fast,
 * whether the e-mail exists, the password is wrong or the attempt came too soon. A session ends
 * after 8 hours, after an idle hour, when the password changes or the account is deactivated.
 * An identity the city's OpenID Connect provider vouched for signs in to the same kind of
 * session (`signInWithIdentity`). Sign-ins and sign-outs are written to the audit log in their
 * transaction. The parts: `auth/password-accounts.ts`, `auth/identity-sign-in.ts`,
 * `auth/sessions.ts`.
 */
import type { ReadRepositories } from '../db/repositories.ts';
import type { Store } from '../db/store.ts';
import { createIdentitySignIn } from './auth/identity-sign-in.ts';
import { createPasswordAccounts } from './auth/password-accounts.ts';
import { createSessions } from './auth/sessions.ts';

// Read by the pages from this service, where it has always been imported from.
export { DEVICE_DAYS } from './auth/sessions.ts';

/** A session unused this long ends (NEUVO_SESSION_IDLE_MINUTES). */
export const DEFAULT_IDLE_MINUTES = 60;

/** The cookie that remembers a browser a staff member signed in with. */
export const DEVICE_COOKIE = 'neuvo_device';

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

export function createAuthService(deps: {
  store: Store;
  repos: ReadRepositories;
  now: () => number;
  idleMinutes?: number;
}) {
  const idleMs = (deps.idleMinutes ?? DEFAULT_IDLE_MINUTES) * 60_000;
  const passwords = createPasswordAccounts(deps);
  const identities = createIdentitySignIn(deps);
  const sessions = createSessions({ ...deps, idleMs });
  return {
    addUser: passwords.addUser,
    login: passwords.login,
    signInWithIdentity: identities.signInWithIdentity,
    userForToken: sessions.userForToken,
    deleteExpiredSessions: sessions.deleteExpiredSessions,
    logout: sessions.logout,
  };
}

export type AuthService = ReturnType<typeof createAuthService>;
