/**
 * Staff login: e-mail and password, a session token in an HttpOnly cookie, sessions kept in the
 * database (so any server instance can check them). Attempts are slowed per account and per
 * client address (auth/throttle.ts), never locked out; every failure answers the same, as fast,
 * whether the e-mail exists, the password is wrong or the attempt came too soon. A session ends
 * after 8 hours, after an idle hour, when the password changes or the account is deactivated.
 * An identity the city's OpenID Connect provider vouched for signs in to the same kind of
 * session (`signInWithIdentity`). Sign-ins and sign-outs are written to the audit log in their
 * transaction.
 */
import { createHash, randomBytes } from 'node:crypto';
import { STAFF_ROLES, type StaffRole, type StaffUser } from '../core/model/staff.ts';
import { inTransaction, type ReadRepositories, type Repositories } from '../db/repositories.ts';
import type { Store } from '../db/store.ts';
import { writeAudit } from './audit-service.ts';
import { hashPassword, needsRehash, passwordProblem, verifyPassword } from './auth/password.ts';
import { ACCOUNT_POLICY, ADDRESS_POLICY, accountKey, addressKey } from './auth/throttle.ts';
import { InvalidInputError } from './errors.ts';
import { isPlainEmail } from './text.ts';

export const SESSION_HOURS = 8;
/** A session unused this long ends (NEUVO_SESSION_IDLE_MINUTES). */
export const DEFAULT_IDLE_MINUTES = 60;

/** A browser not used to sign in for this long is forgotten (its cookie lives as long). */
export const DEVICE_DAYS = 365;

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

export const hashToken = (token: string) => createHash('sha256').update(token).digest('base64url');

export type LoginResult =
  | {
      ok: true;
      token: string;
      user: StaffUser;
      expiresAtMs: number;
      /** The session's lifetime from now, for the cookie's Max-Age. */
      maxAgeSeconds: number;
      /** The token that remembers this browser for this user (the device cookie). */
      deviceToken: string;
    }
  | { ok: false; reason: 'invalid' };

/** What an OpenID Connect provider vouched for, with the roles its groups map to. */
export interface VerifiedIdentity {
  readonly issuer: string;
  readonly subject: string;
  /** The e-mail address, only when the provider verified it (else null). */
  readonly email: string | null;
  readonly displayName: string | null;
  /** The roles the user's groups map to (NEUVO_OIDC_ROLES); empty: none of them. */
  readonly roles: readonly StaffRole[];
}

export type IdentitySignIn =
  | {
      ok: true;
      token: string;
      user: StaffUser;
      expiresAtMs: number;
      maxAgeSeconds: number;
      /** How the identity found its account: linked before, by its e-mail now, or a new account. */
      linked: 'identity' | 'email' | 'created';
    }
  /** no-role: none of the user's groups maps to a role; no-email: a new identity without a verified e-mail. */
  | { ok: false; reason: 'no-role' | 'no-email' | 'inactive' };

const sameRoles = (a: readonly string[], b: readonly string[]) =>
  a.length === b.length && a.every((r) => b.includes(r));

export function createAuthService(deps: {
  store: Store;
  repos: ReadRepositories;
  now: () => number;
  idleMinutes?: number;
}) {
  const { repos, now } = deps;
  const idleMs = (deps.idleMinutes ?? DEFAULT_IDLE_MINUTES) * 60_000;
  // A fixed hash to verify against when the e-mail is unknown, so both cases take as long.
  const decoy = hashPassword(randomBytes(16).toString('hex'));
  /** How long a password check takes here (a moving average), for answers that skip it. */
  let checkMs = 100;
  /**
   * A new session for `user`, in the sign-in's transaction: the same for a password and for
   * OpenID Connect (same token, same cookie, same lifetime), with the last sign-in and the audit row.
   */
  const startSession = async (tx: Repositories, user: StaffUser, method: 'password' | 'oidc', t: number) => {
    const token = randomBytes(32).toString('base64url');
    const expiresAtMs = t + SESSION_HOURS * 3_600_000;
    await tx.staff.insertSession(hashToken(token), user.id, expiresAtMs, t);
    await tx.staff.setLastSignIn(user.id, t);
    await writeAudit(tx, t, {
      actor: user,
      action: 'auth.sign-in',
      targetType: 'staff-user',
      targetId: user.id,
      details: { method },
    });
    return { token, expiresAtMs, maxAgeSeconds: SESSION_HOURS * 3600 };
  };
  /**
   * Counts the attempt for the address and (unless the browser is one the account's user signed
   * in with before) for the account; false while either must still wait.
   */
  const mayTry = (email: string, address: string, knownBrowser: boolean) =>
    inTransaction(deps.store, async (tx) => {
      const t = now();
      if ((await tx.throttle.upsertAttempt(addressKey(address), t, ADDRESS_POLICY)) === null) return false;
      return knownBrowser || (await tx.throttle.upsertAttempt(accountKey(email), t, ACCOUNT_POLICY)) !== null;
    });

  return {
    async addUser(input: {
      email: string;
      displayName: string;
      roles: readonly string[];
      password: string;
      /** The advisor record the account works as; undefined keeps an existing link. */
      advisorId?: string | null;
    }): Promise<StaffUser> {
      const email = input.email.trim().toLowerCase();
      if (!isPlainEmail(email))
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
      return inTransaction(deps.store, async (tx) => {
        const existed = await tx.staff.findByEmail(email);
        const user = await tx.staff.upsertUser({
          email,
          displayName: input.displayName.trim() || email,
          roles: input.roles as StaffRole[],
          passwordHash,
          ...(input.advisorId !== undefined ? { advisorId: input.advisorId } : {}),
        });
        // A new password (or new roles) ends the sessions signed in with the old ones.
        await tx.staff.deleteUserSessions(user.id);
        // By the command line (`neuvo user add`, the demo): no staff member acted.
        await writeAudit(tx, now(), {
          actor: null,
          action: existed ? 'staff.update' : 'staff.create',
          targetType: 'staff-user',
          targetId: user.id,
          details: { via: 'cli', roles: [...user.roles], password: true },
        });
        return user;
      });
    },

    /**
     * Signs in from `address` (the client's, for the throttle), with the device token the
     * browser holds, if any. A refused attempt, for any reason, answers `invalid` after a
     * password check's time.
     */
    async login(
      email: string,
      password: string,
      address = 'unknown',
      deviceToken?: string,
    ): Promise<LoginResult> {
      const normalised = email.trim().toLowerCase();
      const knownBrowser =
        !!deviceToken &&
        deviceToken.length <= 100 &&
        (await repos.staff.deviceEmail(hashToken(deviceToken))) === normalised;
      if (!(await mayTry(normalised, address, knownBrowser))) {
        // Too soon: no password is checked (an attacker's flood costs no hashing), but the
        // answer takes as long as a check would.
        await new Promise((resolve) => setTimeout(resolve, checkMs));
        return { ok: false, reason: 'invalid' };
      }
      const found = await repos.staff.findByEmail(normalised);
      // An account without a password (OpenID Connect only) is checked like an unknown one.
      const user =
        found?.user.active && found.passwordHash ? { ...found, passwordHash: found.passwordHash } : undefined;
      const started = performance.now();
      const matches = await verifyPassword(password, user ? user.passwordHash : await decoy);
      checkMs = 0.8 * checkMs + 0.2 * (performance.now() - started);
      if (!user || !matches) return { ok: false, reason: 'invalid' };
      const t = now();
      const device = knownBrowser && deviceToken ? deviceToken : randomBytes(32).toString('base64url');
      const rehash = needsRehash(user.passwordHash) ? await hashPassword(password) : null;
      const session = await inTransaction(deps.store, async (tx) => {
        await tx.throttle.deleteAttempts([addressKey(address), accountKey(normalised)]);
        if (rehash) await tx.staff.setPasswordHash(user.user.id, rehash);
        await tx.staff.upsertDevice(hashToken(device), user.user.id, t);
        return startSession(tx, user.user, 'password', t);
      });
      return { ok: true, ...session, user: user.user, deviceToken: device };
    },

    /**
     * Signs in with an identity an OpenID Connect provider vouched for: the account linked to
     * (issuer, subject), else the account with its verified e-mail (then linked), else a new
     * account without a password. The roles are set from the provider's groups at every
     * sign-in; without a mapped group the sign-in is refused (and the account's sessions end).
     */
    async signInWithIdentity(identity: VerifiedIdentity): Promise<IdentitySignIn> {
      const t = now();
      const email = identity.email?.trim().toLowerCase() || null;
      return inTransaction(deps.store, async (tx): Promise<IdentitySignIn> => {
        let user = await tx.staff.findByIdentity(identity.issuer, identity.subject);
        let linked: 'identity' | 'email' | 'created' = 'identity';
        const refuse = async (reason: 'no-role' | 'no-email' | 'inactive') => {
          await writeAudit(tx, t, {
            actor: user ?? { userId: null, email },
            action: 'auth.sign-in-refused',
            ...(user ? { targetType: 'staff-user', targetId: user.id } : {}),
            details: { method: 'oidc', reason },
          });
          return { ok: false, reason } as const;
        };
        if (identity.roles.length === 0) {
          // The provider no longer puts this person in any staff group: they are signed out everywhere.
          if (user) await tx.staff.deleteUserSessions(user.id);
          return refuse('no-role');
        }
        if (!user) {
          if (!email || !isPlainEmail(email)) return refuse('no-email');
          user = (await tx.staff.findByEmail(email))?.user;
          linked = 'email';
          if (!user) {
            user =
              (await tx.staff.insertUser({
                email,
                displayName: identity.displayName?.trim() || email,
                roles: identity.roles,
                passwordHash: null,
                advisorId: null,
              })) ?? (await tx.staff.findByEmail(email))?.user;
            if (!user) throw new Error('the new account was not found');
            linked = 'created';
            await writeAudit(tx, t, {
              actor: user,
              action: 'staff.create',
              targetType: 'staff-user',
              targetId: user.id,
              details: { via: 'oidc', roles: [...identity.roles] },
            });
          }
          await tx.staff.insertIdentity(identity.issuer, identity.subject, user.id);
        }
        if (!user.active) return refuse('inactive');
        if (!sameRoles(user.roles, identity.roles)) {
          const before = [...user.roles];
          user = (await tx.staff.setUserFields(user.id, { roles: identity.roles })) ?? user;
          await writeAudit(tx, t, {
            actor: user,
            action: 'staff.update',
            targetType: 'staff-user',
            targetId: user.id,
            details: { via: 'oidc', rolesBefore: before, roles: [...identity.roles] },
          });
        }
        const session = await startSession(tx, user, 'oidc', t);
        return { ok: true, ...session, user, linked };
      });
    },

    /** The user of a live session (not expired, not idle, account active), and it is marked as used. */
    async userForToken(token: string | undefined): Promise<StaffUser | undefined> {
      if (!token || token.length > 100) return undefined;
      const t = now();
      const found = await repos.staff.sessionUser(hashToken(token), t, t - idleMs);
      if (!found) return undefined;
      // Marked at most once a minute, to spare the database a write per request.
      if (t - found.lastSeenMs > 60_000)
        await inTransaction(deps.store, (tx) => tx.staff.setSessionSeen(hashToken(token), t));
      return found.user;
    },

    /** Deletes sessions past their end or idle too long, and browsers unused for a year. */
    async deleteExpiredSessions(): Promise<number> {
      const t = now();
      return inTransaction(
        deps.store,
        async (tx) =>
          (await tx.staff.deleteExpiredSessions(t, t - idleMs)) +
          (await tx.staff.deleteDevicesUnusedSince(t - DEVICE_DAYS * 86_400_000)),
      );
    },

    /** Ends the session (and records the sign-out, if it was a live one). */
    async logout(token: string | undefined): Promise<void> {
      if (!token || token.length > 100) return;
      const t = now();
      await inTransaction(deps.store, async (tx) => {
        const found = await tx.staff.sessionUser(hashToken(token), t, t - idleMs);
        await tx.staff.deleteSession(hashToken(token));
        if (found)
          await writeAudit(tx, t, {
            actor: found.user,
            action: 'auth.sign-out',
            targetType: 'staff-user',
            targetId: found.user.id,
          });
      });
    },
  };
}

export type AuthService = ReturnType<typeof createAuthService>;
