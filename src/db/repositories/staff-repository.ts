/**
 * Staff accounts (with their linked OpenID Connect identities), sign-in sessions and the
 * browsers staff signed in with. Residents never have accounts.
 */
import { and, eq, gt, lt, or, sql } from 'drizzle-orm';
import type { StaffRole, StaffUser } from '../../core/model/staff.ts';
import { sessions, staffDevices, staffIdentities, staffUsers } from '../schema/staff.ts';
import type { Db } from '../store.ts';

type Row = typeof staffUsers.$inferSelect;

const toUser = (r: Row): StaffUser => ({
  id: r.id,
  email: r.email,
  displayName: r.displayName,
  roles: r.roles as StaffRole[],
  active: r.active,
  advisorId: r.advisorId,
});

export interface StaffCredentials {
  readonly user: StaffUser;
  /** Null: the account signs in only through OpenID Connect. */
  readonly passwordHash: string | null;
}

/** An account as the administrator sees it. */
export interface StaffAccount {
  readonly user: StaffUser;
  readonly hasPassword: boolean;
  /** OpenID Connect identities linked to the account. */
  readonly identities: number;
  readonly createdAtMs: number;
  readonly lastSignInMs: number | null;
}

/** Accounts as the administrator manages them, and as sign-in finds them by e-mail. */
function createStaffAccountRepository(db: Db) {
  const identityCounts = db
    .select({ userId: staffIdentities.userId, n: sql<number>`count(*)::int`.as('n') })
    .from(staffIdentities)
    .groupBy(staffIdentities.userId)
    .as('identity_counts');
  const toAccount = (r: { user: Row; identities: number | null }): StaffAccount => ({
    user: toUser(r.user),
    hasPassword: r.user.passwordHash !== null,
    identities: r.identities ?? 0,
    createdAtMs: r.user.createdAt.getTime(),
    lastSignInMs: r.user.lastSignInAt?.getTime() ?? null,
  });
  return {
    /** Every account, by e-mail. */
    async listAccounts(): Promise<StaffAccount[]> {
      const rows = await db
        .select({ user: staffUsers, identities: identityCounts.n })
        .from(staffUsers)
        .leftJoin(identityCounts, eq(identityCounts.userId, staffUsers.id))
        .orderBy(staffUsers.email);
      return rows.map(toAccount);
    },

    async getAccount(id: string): Promise<StaffAccount | undefined> {
      const [r] = await db
        .select({ user: staffUsers, identities: identityCounts.n })
        .from(staffUsers)
        .leftJoin(identityCounts, eq(identityCounts.userId, staffUsers.id))
        .where(eq(staffUsers.id, id));
      return r ? toAccount(r) : undefined;
    },

    /** The account linked to an advisor record, if any. */
    async findByAdvisor(advisorId: string): Promise<StaffUser | undefined> {
      const [r] = await db.select().from(staffUsers).where(eq(staffUsers.advisorId, advisorId));
      return r ? toUser(r) : undefined;
    },

    /** A new account; undefined when the e-mail has one already. */
    async insertUser(user: {
      email: string;
      displayName: string;
      roles: readonly StaffRole[];
      passwordHash: string | null;
      advisorId: string | null;
    }): Promise<StaffUser | undefined> {
      const [r] = await db
        .insert(staffUsers)
        .values({
          email: user.email.trim().toLowerCase(),
          displayName: user.displayName,
          roles: [...user.roles],
          passwordHash: user.passwordHash,
          advisorId: user.advisorId,
        })
        .onConflictDoNothing({ target: staffUsers.email })
        .returning();
      return r ? toUser(r) : undefined;
    },

    /** Changes an account's name, roles or advisor link (what is given). */
    async setUserFields(
      id: string,
      fields: { displayName?: string; roles?: readonly StaffRole[]; advisorId?: string | null },
    ): Promise<StaffUser | undefined> {
      const [r] = await db
        .update(staffUsers)
        .set({
          ...(fields.displayName !== undefined ? { displayName: fields.displayName } : {}),
          ...(fields.roles !== undefined ? { roles: [...fields.roles] } : {}),
          ...(fields.advisorId !== undefined ? { advisorId: fields.advisorId } : {}),
        })
        .where(eq(staffUsers.id, id))
        .returning();
      return r ? toUser(r) : undefined;
    },

    async setUserActive(id: string, active: boolean): Promise<StaffUser | undefined> {
      const [r] = await db.update(staffUsers).set({ active }).where(eq(staffUsers.id, id)).returning();
      return r ? toUser(r) : undefined;
    },

    async setLastSignIn(id: string, atMs: number): Promise<void> {
      await db
        .update(staffUsers)
        .set({ lastSignInAt: new Date(atMs) })
        .where(eq(staffUsers.id, id));
    },

    async findByEmail(email: string): Promise<StaffCredentials | undefined> {
      const [r] = await db.select().from(staffUsers).where(eq(staffUsers.email, email.trim().toLowerCase()));
      return r
        ? {
            user: toUser(r),
            passwordHash: r.passwordHash,
          }
        : undefined;
    },

    async count(): Promise<number> {
      const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(staffUsers);
      return row?.n ?? 0;
    },

    /** Creates or updates a user by e-mail. */
    async upsertUser(user: {
      email: string;
      displayName: string;
      roles: readonly StaffRole[];
      passwordHash: string;
      /** Undefined: keep the account's link (null on a new account). */
      advisorId?: string | null;
    }): Promise<StaffUser> {
      const [r] = await db
        .insert(staffUsers)
        .values({
          email: user.email.trim().toLowerCase(),
          displayName: user.displayName,
          roles: [...user.roles],
          passwordHash: user.passwordHash,
          advisorId: user.advisorId ?? null,
        })
        .onConflictDoUpdate({
          target: staffUsers.email,
          set: {
            displayName: user.displayName,
            roles: [...user.roles],
            passwordHash: user.passwordHash,
            active: true,
            ...(user.advisorId !== undefined ? { advisorId: user.advisorId } : {}),
          },
        })
        .returning();
      if (!r) throw new Error('upsert returned no row');
      return toUser(r);
    },

    async setPasswordHash(userId: string, passwordHash: string): Promise<void> {
      await db.update(staffUsers).set({ passwordHash }).where(eq(staffUsers.id, userId));
    },
  };
}

/** OpenID Connect identities (issuer and subject) linked to accounts. */
function createStaffIdentityRepository(db: Db) {
  return {
    /** The account an OpenID Connect identity (issuer and subject) is linked to. */
    async findByIdentity(issuer: string, subject: string): Promise<StaffUser | undefined> {
      const [r] = await db
        .select({ user: staffUsers })
        .from(staffIdentities)
        .innerJoin(staffUsers, eq(staffIdentities.userId, staffUsers.id))
        .where(and(eq(staffIdentities.issuer, issuer), eq(staffIdentities.subject, subject)));
      return r ? toUser(r.user) : undefined;
    },

    async insertIdentity(issuer: string, subject: string, userId: string): Promise<void> {
      await db.insert(staffIdentities).values({ issuer, subject, userId }).onConflictDoNothing();
    },
  };
}

/** Sign-in sessions and the browsers staff signed in with. */
function createStaffSessionRepository(db: Db) {
  return {
    async insertSession(
      tokenHash: string,
      userId: string,
      expiresAtMs: number,
      nowMs: number,
    ): Promise<void> {
      await db
        .insert(sessions)
        .values({ tokenHash, userId, expiresAt: new Date(expiresAtMs), lastSeenAt: new Date(nowMs) });
    },

    /** The user of a session that has not ended, was used since `idleSinceMs`, of an active account. */
    async sessionUser(
      tokenHash: string,
      nowMs: number,
      idleSinceMs: number,
    ): Promise<{ user: StaffUser; lastSeenMs: number } | undefined> {
      const [r] = await db
        .select({ user: staffUsers, lastSeenAt: sessions.lastSeenAt })
        .from(sessions)
        .innerJoin(staffUsers, eq(sessions.userId, staffUsers.id))
        .where(
          and(
            eq(sessions.tokenHash, tokenHash),
            gt(sessions.expiresAt, new Date(nowMs)),
            gt(sessions.lastSeenAt, new Date(idleSinceMs)),
            eq(staffUsers.active, true),
          ),
        );
      return r ? { user: toUser(r.user), lastSeenMs: r.lastSeenAt.getTime() } : undefined;
    },

    async setSessionSeen(tokenHash: string, nowMs: number): Promise<void> {
      await db
        .update(sessions)
        .set({ lastSeenAt: new Date(nowMs) })
        .where(eq(sessions.tokenHash, tokenHash));
    },

    async deleteSession(tokenHash: string): Promise<void> {
      await db.delete(sessions).where(eq(sessions.tokenHash, tokenHash));
    },

    /** Ends a user's sessions and forgets the browsers they signed in with. */
    async deleteUserSessions(userId: string): Promise<void> {
      await db.delete(sessions).where(eq(sessions.userId, userId));
      await db.delete(staffDevices).where(eq(staffDevices.userId, userId));
    },

    /** The e-mail of the user a remembered browser belongs to. */
    async deviceEmail(tokenHash: string): Promise<string | undefined> {
      const [r] = await db
        .select({ email: staffUsers.email })
        .from(staffDevices)
        .innerJoin(staffUsers, eq(staffDevices.userId, staffUsers.id))
        .where(eq(staffDevices.tokenHash, tokenHash));
      return r?.email;
    },

    async upsertDevice(tokenHash: string, userId: string, nowMs: number): Promise<void> {
      await db
        .insert(staffDevices)
        .values({ tokenHash, userId, lastUsedAt: new Date(nowMs) })
        .onConflictDoUpdate({ target: staffDevices.tokenHash, set: { lastUsedAt: new Date(nowMs) } });
    },

    /** Browsers not used to sign in since `beforeMs`. */
    async deleteDevicesUnusedSince(beforeMs: number): Promise<number> {
      const gone = await db
        .delete(staffDevices)
        .where(lt(staffDevices.lastUsedAt, new Date(beforeMs)))
        .returning({ t: staffDevices.tokenHash });
      return gone.length;
    },

    /** Sessions that ended before `nowMs` or were last used before `idleSinceMs`. */
    async deleteExpiredSessions(nowMs: number, idleSinceMs: number): Promise<number> {
      const gone = await db
        .delete(sessions)
        .where(or(lt(sessions.expiresAt, new Date(nowMs)), lt(sessions.lastSeenAt, new Date(idleSinceMs))))
        .returning({ t: sessions.tokenHash });
      return gone.length;
    },
  };
}

/** Staff accounts, their linked identities, sessions and devices, as one repository. */
export function createStaffRepository(db: Db) {
  return {
    ...createStaffAccountRepository(db),
    ...createStaffIdentityRepository(db),
    ...createStaffSessionRepository(db),
  };
}
