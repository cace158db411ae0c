/**
 * The advisors' app's frame: where its assets and pages are, and the shell every page of the
 * app shares (navigation, the sync panel the script fills in, and the script's settings as
 * data attributes). `client/advisor.ts` adds the offline queue and the sync panel.
 */
import type { Child } from 'hono/jsx';
import type { Lang } from '../../core/i18n.ts';
import type { StaffUser } from '../../core/model/staff.ts';
import { Layout, localePath } from '../layout.tsx';
import { t } from '../messages.ts';

/** Where the app's static files are (stylesheet, icons, manifests, service worker). */
export const ADVISOR_ASSETS = '/assets/advisor';
/** The client script that adds the offline queue (bundled by Vite). */
export const ADVISOR_SCRIPT = '/assets/client/advisor.js';

/** The day view's path in a language, with the trailing slash the service worker's scope needs. */
export const advisorHome = (lang: Lang) => localePath(lang, '/advisor/');
export const contactFormPath = (lang: Lang) => localePath(lang, '/advisor/contacts/new');

interface ShellProps {
  readonly lang: Lang;
  readonly user: StaffUser;
  readonly title: string;
  readonly path: string;
  readonly current: 'week' | 'log';
  readonly clientAvailable: boolean;
  readonly children: Child;
}

/** The app's shell: the navigation, the sync panel (shown by the script) and the script's settings. */
export function AdvisorShell({ lang, user, title, path, current, clientAvailable, children }: ShellProps) {
  const items = [
    ['week', advisorHome(lang), t(lang, 'advNavWeek')],
    ['log', contactFormPath(lang), t(lang, 'advNavLog')],
  ] as const;
  return (
    <Layout
      lang={lang}
      title={title}
      path={path}
      user={user}
      styles={[`${ADVISOR_ASSETS}/advisor.css`]}
      scripts={clientAvailable ? [ADVISOR_SCRIPT] : []}
      manifest={`${ADVISOR_ASSETS}/manifest.${lang}.webmanifest`}
    >
      <div
        class="advisor-app"
        id="advisor-app"
        data-user={user.id}
        data-lang={lang}
        data-scope={advisorHome(lang)}
        data-worker={`${ADVISOR_ASSETS}/sw.js`}
        data-api="/api/v1/contacts"
        data-login={`${localePath(lang, '/login')}?next=${encodeURIComponent(contactFormPath(lang))}`}
      >
        <nav aria-label={t(lang, 'advNav')} class="staff-nav adv-nav">
          <ul>
            {items.map(([key, href, label]) => (
              <li>
                <a href={href} aria-current={key === current ? 'page' : undefined}>
                  {label}
                </a>
              </li>
            ))}
          </ul>
        </nav>
        {children}
        <SyncPanel lang={lang} />
      </div>
    </Layout>
  );
}

/** What waits on this device to be sent, and when sending last worked (filled in by the script). */
function SyncPanel({ lang }: { lang: Lang }) {
  return (
    <section
      class="adv-sync js-only"
      id="adv-sync"
      aria-labelledby="adv-sync-heading"
      data-waiting={t(lang, 'advSyncWaiting')}
      data-nothing={t(lang, 'advSyncNothing')}
      data-last={t(lang, 'advSyncLast')}
      data-never={t(lang, 'advSyncNever')}
      data-offline={t(lang, 'advSyncOffline')}
      data-sign-in={t(lang, 'advSyncSignIn')}
      data-refused={t(lang, 'advSyncRefused')}
      data-discard={t(lang, 'advSyncDiscard')}
    >
      <h2 id="adv-sync-heading">{t(lang, 'advSyncHeading')}</h2>
      <p id="adv-sync-count" role="status">
        {t(lang, 'advSyncNothing')}
      </p>
      <ul id="adv-sync-list" class="adv-sync-list" />
      <p id="adv-sync-note" class="hint" />
      <p id="adv-sync-last" class="hint">
        {t(lang, 'advSyncNever')}
      </p>
      <p>
        <button type="button" id="adv-sync-now" class="adv-secondary">
          {t(lang, 'advSyncNow')}
        </button>
      </p>
    </section>
  );
}
