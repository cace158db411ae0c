import type { Lang } from '../../core/i18n.ts';
import { hasRole, type StaffRole, type StaffUser } from '../../core/model/staff.ts';
import { localePath } from '../layout.tsx';
import { type MessageKey, t } from '../messages.ts';

export type StaffNavItem =
  | 'scenarios'
  | 'network'
  | 'plans'
  | 'requests'
  | 'bookings'
  | 'reports'
  | 'feedback'
  | 'staff'
  | 'audit';

/**
 * Links between the staff pages: the planner's, then the administration's for those who may
 * open them (staff accounts for admins, the audit log for planners and admins).
 */
export function StaffNav({
  lang,
  current,
  user,
}: {
  lang: Lang;
  current: StaffNavItem;
  /** The signed-in user (a page's `user`); without roles only the planner's links are shown. */
  user?:
    | { readonly displayName?: string; readonly roles?: readonly StaffRole[]; readonly active?: boolean }
    | undefined;
}) {
  const may = (role: StaffRole) =>
    !!user?.roles && hasRole({ roles: user.roles, active: user.active ?? true } as StaffUser, role);
  const items: (readonly [StaffNavItem, string, MessageKey])[] = [
    ['scenarios', '/planner', 'navScenarios'],
    ['network', '/planner/network', 'navNetwork'],
    ['plans', '/planner/plans', 'navPlans'],
    ['requests', '/planner/requests', 'partnerNav'],
    ['bookings', '/planner/bookings', 'fillNav'],
    ['reports', '/planner/reports', 'repNav'],
    ['feedback', '/planner/feedback', 'navFeedback'],
    ...(may('admin') ? ([['staff', '/admin/staff', 'navStaff']] as const) : []),
    ...(may('planner') ? ([['audit', '/admin/audit', 'navAudit']] as const) : []),
  ];
  return (
    <nav aria-label={t(lang, 'staffNav')} class="staff-nav">
      <ul>
        {items.map(([key, path, label]) => (
          <li>
            <a href={localePath(lang, path)} aria-current={key === current ? 'page' : undefined}>
              {t(lang, label)}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}
