/**
 * Staff sessions, kept in the database so any server instance can check them: a session token
 * (only its SHA-256 stored) that ends after 8 hours, after an idle hour, when the password
 * changes or the account is deactivated; the sign-in's audit row; the sign-out; and the
 * clean-up of ended sessions and browsers unused for a year.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { StaffUser } from '../../core/model/staff.ts';
import { inTransaction, type ReadRepositories, type Repositories } from '../../db/repositories.ts';
import type { Store } from '../../db/store.ts';
import { writeAudit } from '../audit-service.ts';

export const SESSION_HOURS = 8;

/** A browser not used to sign in for this long is forgotten (its cookie lives as long). */
export const DEVICE_DAYS = 365;

export const hashToken = (token: string) => createHash('sha256').update(token).digest('base64url');

/**
 * A new session for `user`, in the sign-in's transaction: the same for a password and for
 * OpenID Connect (same token, same cookie, same lifetime), with the last sign-in and the audit row.
 */
export async function startSession(
  tx: Repositories,
  user: StaffUser,
  method: 'password' | 'oidc',
  t: number,
) {
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
}

/** Live sessions: the user of a token, ended sessions deleted, the sign-out. */
export function createSessions(deps: {
  store: Store;
  repos: ReadRepositories;
  now: () => number;
  idleMs: number;
}) {
  const { repos, now, idleMs } = deps;
  return {
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
