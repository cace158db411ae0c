/**
 * Staff accounts as an administrator manages them: list, add (with a generated password shown
 * once), change name, roles and advisor link, deactivate and reactivate. Deactivating ends the
 * account's sessions. An administrator cannot take away their own admin role nor deactivate
 * themselves, so nobody locks themselves out. Every change is written to the audit log in the
 * change's own transaction.
 *
 * Refusals carry a field (`target`) and a message code (`detail.code`) so a form shows them
 * next to the field in the reader's language.
 */
import { randomBytes } from 'node:crypto';
import { asAdvisorId, isUuid } from '../core/ids.ts';
import { STAFF_ROLES, type StaffRole, type StaffUser } from '../core/model/staff.ts';
import type { StaffAccount } from '../db/repositories/staff-repository.ts';
import { inTransaction, type ReadRepositories, type Repositories } from '../db/repositories.ts';
import type { Store } from '../db/store.ts';
import { writeAudit } from './audit-service.ts';
import { hashPassword } from './auth/password.ts';
import { ConflictError, ForbiddenError, InvalidInputError, NotFoundError } from './errors.ts';
import { hasControlCharacter, isPlainEmail } from './text.ts';

export type { StaffAccount };

export interface StaffInput {
  readonly email: string;
  readonly displayName: string;
  readonly roles: readonly string[];
  /** The advisor record the account works as; null: none. */
  readonly advisorId: string | null;
}

export type StaffChange = Omit<StaffInput, 'email'>;

/** The field a refusal belongs to, on the admin page's forms. */
export type StaffField = 'email' | 'displayName' | 'roles' | 'advisorId' | 'account';

const fail = (
  Kind: typeof InvalidInputError,
  field: StaffField,
  code: string,
  message: string,
  params: Record<string, string> = {},
) => new Kind(message, field, { code, params });

/** A generated password: 20 characters of base64url (120 bits). */
export const generatePassword = () => randomBytes(15).toString('base64url');

export function createStaffService(deps: { store: Store; repos: ReadRepositories; now: () => number }) {
  const { store, repos, now } = deps;

  const checkName = (name: string) => {
    const trimmed = name.trim();
    if (trimmed.length > 200 || hasControlCharacter(trimmed, false))
      throw fail(
        InvalidInputError,
        'displayName',
        'staffErrName',
        'displayName: at most 200 plain characters',
      );
    return trimmed;
  };
  const checkRoles = (roles: readonly string[]): StaffRole[] => {
    const known = [...new Set(roles)].filter((r): r is StaffRole =>
      (STAFF_ROLES as readonly string[]).includes(r),
    );
    if (known.length === 0 || known.length !== new Set(roles).size)
      throw fail(
        InvalidInputError,
        'roles',
        'staffErrRoles',
        `roles: expected one or more of ${STAFF_ROLES.join(', ')}`,
      );
    return STAFF_ROLES.filter((r) => known.includes(r));
  };
  /** The advisor exists and no other account works as them. */
  const checkAdvisor = async (tx: Repositories, advisorId: string | null, accountId: string | null) => {
    if (advisorId === null) return null;
    const advisor = await tx.advisors.get(asAdvisorId(advisorId));
    if (!advisor)
      throw fail(
        InvalidInputError,
        'advisorId',
        'staffErrAdvisorUnknown',
        `advisorId: no advisor "${advisorId}"`,
        {
          id: advisorId,
        },
      );
    const holder = await tx.staff.findByAdvisor(advisorId);
    if (holder && holder.id !== accountId)
      throw fail(
        ConflictError,
        'advisorId',
        'staffErrAdvisorTaken',
        `advisorId: ${advisorId} is linked to ${holder.email} already`,
        { email: holder.email },
      );
    return advisor.id as string;
  };
  const account = async (tx: Repositories, id: string) => {
    const found = await tx.staff.getAccount(id);
    if (!found) throw new NotFoundError(`no staff account "${id}"`, 'account');
    return found;
  };

  return {
    listAccounts: (): Promise<StaffAccount[]> => repos.staff.listAccounts(),

    async getAccount(id: string): Promise<StaffAccount> {
      const found = isUuid(id) ? await repos.staff.getAccount(id) : undefined;
      if (!found) throw new NotFoundError(`no staff account "${id}"`, 'account');
      return found;
    },

    /** Adds an account with a generated password, returned once (only its hash is kept). */
    async create(actor: StaffUser, input: StaffInput): Promise<{ user: StaffUser; password: string }> {
      const email = input.email.trim().toLowerCase();
      if (!isPlainEmail(email))
        throw fail(
          InvalidInputError,
          'email',
          'staffErrEmail',
          `email: "${input.email}" is not an e-mail address`,
        );
      const displayName = checkName(input.displayName) || email;
      const roles = checkRoles(input.roles);
      const password = generatePassword();
      const passwordHash = await hashPassword(password);
      const user = await inTransaction(store, async (tx) => {
        const advisorId = await checkAdvisor(tx, input.advisorId, null);
        const created = await tx.staff.insertUser({ email, displayName, roles, passwordHash, advisorId });
        if (!created)
          throw fail(ConflictError, 'email', 'staffErrEmailTaken', `email: ${email} has an account already`);
        await writeAudit(tx, now(), {
          actor,
          action: 'staff.create',
          targetType: 'staff-user',
          targetId: created.id,
          details: { roles, advisorId },
        });
        return created;
      });
      return { user, password };
    },

    /** Changes name, roles and advisor link; an admin keeps their own admin role. */
    async update(actor: StaffUser, id: string, change: StaffChange): Promise<StaffUser> {
      const displayName = checkName(change.displayName);
      const roles = checkRoles(change.roles);
      if (id === actor.id && !roles.includes('admin'))
        throw fail(
          ForbiddenError,
          'roles',
          'staffErrOwnAdmin',
          'roles: you cannot remove your own admin role',
        );
      return inTransaction(store, async (tx) => {
        const before = await account(tx, id);
        const advisorId = await checkAdvisor(tx, change.advisorId, id);
        const user = await tx.staff.setUserFields(id, {
          displayName: displayName || before.user.email,
          roles,
          advisorId,
        });
        if (!user) throw new NotFoundError(`no staff account "${id}"`, 'account');
        const changed: Record<string, unknown> = {};
        if (user.displayName !== before.user.displayName) changed.displayName = true;
        if (user.roles.join() !== before.user.roles.join()) {
          changed.rolesBefore = [...before.user.roles];
          changed.roles = [...user.roles];
        }
        if (user.advisorId !== before.user.advisorId) {
          changed.advisorBefore = before.user.advisorId;
          changed.advisorId = user.advisorId;
        }
        if (Object.keys(changed).length > 0)
          await writeAudit(tx, now(), {
            actor,
            action: 'staff.update',
            targetType: 'staff-user',
            targetId: id,
            details: changed,
          });
        return user;
      });
    },

    /** Deactivates (its sessions end at once) or reactivates an account; never one's own. */
    async setActive(actor: StaffUser, id: string, active: boolean): Promise<StaffUser> {
      if (id === actor.id && !active)
        throw fail(
          ForbiddenError,
          'account',
          'staffErrOwnDeactivate',
          'you cannot deactivate your own account',
        );
      return inTransaction(store, async (tx) => {
        const before = await account(tx, id);
        const user = await tx.staff.setUserActive(id, active);
        if (!user) throw new NotFoundError(`no staff account "${id}"`, 'account');
        if (!active) await tx.staff.deleteUserSessions(id);
        if (before.user.active !== active)
          await writeAudit(tx, now(), {
            actor,
            action: active ? 'staff.reactivate' : 'staff.deactivate',
            targetType: 'staff-user',
            targetId: id,
          });
        return user;
      });
    },
  };
}

export type StaffService = ReturnType<typeof createStaffService>;
