/** Staff roles. A planner plans the network and the mobile service; an advisor serves residents. */
export const STAFF_ROLES = ['planner', 'advisor', 'admin'] as const;
export type StaffRole = (typeof STAFF_ROLES)[number];

export interface StaffUser {
  readonly id: string;
  readonly email: string;
  readonly displayName: string;
  readonly roles: readonly StaffRole[];
  readonly active: boolean;
  /** The advisor record this account works as (its visits and contacts), or null. */
  readonly advisorId: string | null;
}

/** Admins may do everything a planner or an advisor may. */
export function hasRole(user: StaffUser, role: StaffRole): boolean {
  return user.active && (user.roles.includes(role) || user.roles.includes('admin'));
}
