/**
 * The audit log: who of the staff did what, when (sign-ins and sign-outs, planning jobs,
 * publishing, series pins, staff accounts, contacts). Rows name the staff member and the
 * target's id; details hold codes and ids only, never text a resident wrote.
 *
 * Where an action is a transaction, its row is written in that transaction
 * ({@link writeAudit} with the transaction's repositories), so the log never tells of an action
 * that was undone nor misses one that was done.
 */
import type { StaffUser } from '../core/model/staff.ts';
import type { AuditEntry, AuditFilter } from '../db/repositories/audit-repository.ts';
import { inTransaction, type ReadRepositories, type Repositories } from '../db/repositories.ts';
import type { Store } from '../db/store.ts';

export type { AuditEntry, AuditFilter };

/** Who acted: a staff member, or null for the system itself (the command line, the demo). */
export interface Actor {
  readonly userId: string | null;
  readonly email: string | null;
}

/** The actions this product records (other parts may record more; the page shows any). */
export const AUDIT_ACTIONS = [
  'auth.sign-in',
  'auth.sign-out',
  'auth.sign-in-refused',
  'plan-job.create',
  'plan-job.cancel',
  'plan.publish',
  'series-pin.create',
  'series-pin.delete',
  'staff.create',
  'staff.update',
  'staff.deactivate',
  'staff.reactivate',
  // The advisors' app.
  'visit.check-in',
  'visit.check-out',
  'contact.create',
  'contact.undo',
  // Bookings: an advisor's attended / no-show mark, a planner's booking rule of a venue.
  'booking.mark',
  'booking.rule',
  // Partner requests: the planner's decisions.
  'partner-request.accept',
  'partner-request.decline',
  'partner-request.ask',
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

export interface AuditRecord {
  readonly actor: Actor | StaffUser | null | undefined;
  /** A dotted verb (`plan.publish`); see {@link AUDIT_ACTIONS}. */
  readonly action: AuditAction | (string & {});
  readonly targetType?: string;
  readonly targetId?: string;
  /** Codes and ids only. */
  readonly details?: Readonly<Record<string, unknown>>;
}

export const AUDIT_PAGE_SIZE = 50;

export function actorOf(who: Actor | StaffUser | null | undefined): Actor {
  if (!who) return { userId: null, email: null };
  if ('userId' in who) return who;
  return { userId: who.id, email: who.email };
}

/** Writes one entry with the transaction's repositories, at `atMs` (the app's clock). */
export async function writeAudit(tx: Repositories, atMs: number, entry: AuditRecord): Promise<void> {
  const actor = actorOf(entry.actor);
  await tx.audit.insertEntry({
    atMs,
    actorUserId: actor.userId,
    actorEmail: actor.email,
    action: entry.action,
    targetType: entry.targetType ?? null,
    targetId: entry.targetId ?? null,
    details: entry.details ?? null,
  });
}

export function createAuditService(deps: { store: Store; repos: ReadRepositories; now: () => number }) {
  const { store, repos, now } = deps;
  return {
    /** Records an action that was not a transaction of its own (its own small transaction). */
    record: (entry: AuditRecord): Promise<void> => inTransaction(store, (tx) => writeAudit(tx, now(), entry)),

    /** Records within `tx`, the action's own transaction. */
    recordIn: (tx: Repositories, entry: AuditRecord): Promise<void> => writeAudit(tx, now(), entry),

    /** One page of entries, newest first. */
    async search(
      filter: AuditFilter,
      page = 1,
      pageSize = AUDIT_PAGE_SIZE,
    ): Promise<{ items: AuditEntry[]; total: number; page: number; pages: number }> {
      const wanted = Math.max(1, Math.floor(page) || 1);
      const found = await repos.audit.search(filter, { offset: (wanted - 1) * pageSize, limit: pageSize });
      return {
        ...found,
        page: wanted,
        pages: Math.max(1, Math.ceil(found.total / pageSize)),
      };
    },

    /** Actions that occur in the log and those this product records, for a filter. */
    async actions(): Promise<string[]> {
      return [...new Set([...AUDIT_ACTIONS, ...(await repos.audit.actions())])].sort();
    },
  };
}

export type AuditService = ReturnType<typeof createAuditService>;
