import { and, eq, gt, lt, sql } from 'drizzle-orm';
import type { StaffRole, StaffUser } from '../../core/model/staff.ts';
import { sessions, staffUsers } from '../schema.ts';
import type { Db } from '../store.ts';

type Row = typeof staffUsers.$inferSelect;

const toUser = (r: Row): StaffUser => ({
  id: r.id,
  email: r.email,
  displayName: r.displayName,
  roles: r.roles as StaffRole[],
  active: r.active,
});

export interface StaffCredentials {
  readonly user: StaffUser;
  readonly passwordHash: string;
  readonly failedLogins: number;
  readonly lockedUntilMs: number | null;
}

export function createStaffRepository(db: Db) {
  return {
    async findByEmail(email: string): Promise<StaffCredentials | undefined> {
      const [r] = await db.select().from(staffUsers).where(eq(staffUsers.email, email.trim().toLowerCase()));
      return r
        ? {
            user: toUser(r),
            passwordHash: r.passwordHash,
            failedLogins: r.failedLogins,
            lockedUntilMs: r.lockedUntil?.getTime() ?? null,
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
    }): Promise<StaffUser> {
      const [r] = await db
        .insert(staffUsers)
        .values({
          email: user.email.trim().toLowerCase(),
          displayName: user.displayName,
          roles: [...user.roles],
          passwordHash: user.passwordHash,
        })
        .onConflictDoUpdate({
          target: staffUsers.email,
          set: {
            displayName: user.displayName,
            roles: [...user.roles],
            passwordHash: user.passwordHash,
            failedLogins: 0,
            lockedUntil: null,
            active: true,
          },
        })
        .returning();
      if (!r) throw new Error('upsert returned no row');
      return toUser(r);
    },

    async setLoginFailures(
      userId: string,
      failedLogins: number,
      lockedUntilMs: number | null,
    ): Promise<void> {
      await db
        .update(staffUsers)
        .set({ failedLogins, lockedUntil: lockedUntilMs === null ? null : new Date(lockedUntilMs) })
        .where(eq(staffUsers.id, userId));
    },

    async insertSession(tokenHash: string, userId: string, expiresAtMs: number): Promise<void> {
      await db.insert(sessions).values({ tokenHash, userId, expiresAt: new Date(expiresAtMs) });
    },

    async sessionUser(tokenHash: string, nowMs: number): Promise<StaffUser | undefined> {
      const [r] = await db
        .select({ user: staffUsers })
        .from(sessions)
        .innerJoin(staffUsers, eq(sessions.userId, staffUsers.id))
        .where(and(eq(sessions.tokenHash, tokenHash), gt(sessions.expiresAt, new Date(nowMs))));
      return r ? toUser(r.user) : undefined;
    },

    async deleteSession(tokenHash: string): Promise<void> {
      await db.delete(sessions).where(eq(sessions.tokenHash, tokenHash));
    },

    async deleteExpiredSessions(nowMs: number): Promise<number> {
      const gone = await db
        .delete(sessions)
        .where(lt(sessions.expiresAt, new Date(nowMs)))
        .returning({ t: sessions.tokenHash });
      return gone.length;
    },
  };
}
