import type { Lang } from '../../core/i18n.ts';
import { localePath } from '../layout.tsx';
import { t } from '../messages.ts';

/** Links between the planner's pages. */
export function StaffNav({
  lang,
  current,
}: {
  lang: Lang;
  current: 'scenarios' | 'network' | 'plans' | 'feedback';
}) {
  const items = [
    ['scenarios', '/planner', t(lang, 'navScenarios')],
    ['network', '/planner/network', t(lang, 'navNetwork')],
    ['plans', '/planner/plans', t(lang, 'navPlans')],
    ['feedback', '/planner/feedback', t(lang, 'navFeedback')],
  ] as const;
  return (
    <nav aria-label={t(lang, 'staffNav')} class="staff-nav">
      <ul>
        {items.map(([key, path, label]) => (
          <li>
            <a href={localePath(lang, path)} aria-current={key === current ? 'page' : undefined}>
              {label}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}
