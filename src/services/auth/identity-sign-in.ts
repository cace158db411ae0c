/**
 * Signing in with an identity the city's OpenID Connect provider vouched for: the account linked
 * to (issuer, subject), else the account with its verified e-mail (then linked), else a new
 * account without a password. The roles follow the provider's groups at every sign-in; without
 * a mapped group the sign-in is refused and the account's sessions end. Every refusal and
 * change is written to the audit log in the sign-in's transaction.
 */
import type { StaffRole, StaffUser } from '../../core/model/staff.ts';
import { inTransaction } from '../../db/repositories.ts';
import type { Store } from '../../db/store.ts';
import { writeAudit } from '../audit-service.ts';
import { isPlainEmail } from '../text.ts';
import { startSession } from './sessions.ts';

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

export function createIdentitySignIn(deps: { store: Store; now: () => number }) {
  const { now } = deps;
  return {
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
  };
}
