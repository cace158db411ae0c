/**
 * Accounts with a password: added or updated from the command line (`neuvo user add`, the demo),
 * and signed in to with e-mail and password. Attempts are slowed per account and per client
 * address (`throttle.ts`), never locked out; every failure answers the same, as fast, whether the
 * e-mail exists, the password is wrong or the attempt came too soon. A browser the account's user
 * signed in with before is remembered (the device cookie) and not slowed per account.
 */
import { randomBytes } from 'node:crypto';
import { STAFF_ROLES, type StaffRole, type StaffUser } from '../../core/model/staff.ts';
import { inTransaction, type ReadRepositories } from '../../db/repositories.ts';
import type { Store } from '../../db/store.ts';
import { writeAudit } from '../audit-service.ts';
import { InvalidInputError } from '../errors.ts';
import { isPlainEmail } from '../text.ts';
import { hashPassword, needsRehash, passwordProblem, verifyPassword } from './password.ts';
import { hashToken, startSession } from './sessions.ts';
import { ACCOUNT_POLICY, ADDRESS_POLICY, accountKey, addressKey } from './throttle.ts';

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

export function createPasswordAccounts(deps: { store: Store; repos: ReadRepositories; now: () => number }) {
  const { repos, now } = deps;
  // A fixed hash to verify against when the e-mail is unknown, so both cases take as long.
  const decoy = hashPassword(randomBytes(16).toString('hex'));
  /** How long a password check takes here (a moving average), for answers that skip it. */
  let checkMs = 100;
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
  };
}
