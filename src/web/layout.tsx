/** The page shell shared by every public page: language, skip link, header, language switch. */
import { type Child, createContext, useContext } from 'hono/jsx';
import { LANGS, type Lang } from '../core/i18n.ts';
import type { CityContact } from '../core/model/city-contact.ts';
import type { CityProfile } from '../services/city/city-profile.ts';
import { t } from './messages.ts';

/** Public URL of a page in a language: Finnish at the root, Swedish under /sv, English under /en. */
export function localePath(lang: Lang, path = '/'): string {
  const clean = path === '/' ? '' : path;
  return lang === 'fi' ? clean || '/' : `/${lang}${clean}`;
}

export interface LayoutProps {
  readonly lang: Lang;
  readonly title: string;
  /** The page's path without language prefix, for the language switch and hreflang. */
  readonly path: string;
  readonly children: Child;
  /** The logged-in staff member, on staff pages: shows who and a logout button. */
  readonly user?: { readonly displayName: string };
  /** Extra stylesheets and deferred scripts (staff pages' enhancements). */
  readonly styles?: readonly string[];
  readonly scripts?: readonly string[];
  /** Wider main column for tables and maps. */
  readonly wide?: boolean;
  /** Reload the page every so many seconds (a running job's progress, without script). */
  readonly refreshSeconds?: number | undefined;
  /** A printable page (timetables): large type, no navigation on paper. */
  readonly printable?: boolean;
  /** Which public menu entry is the current page. */
  readonly current?: 'find' | 'schedule' | 'services';
  /** A web app manifest (the installable advisors' app). */
  readonly manifest?: string;
  /** A page behind a private link (a booking's): search engines must not index it. */
  readonly noindex?: boolean;
}

/**
 * The city's customer-service contact for the footer of the page being rendered: the routes
 * provide it around each public page; without it (or with none configured) nothing is shown.
 */
export const CityContactContext = createContext<CityContact | null>(null);

/**
 * The profile of the city the pages serve (its names, the words for its service, its journey
 * planner; src/services/city/city-profile.ts), provided by the routes like the contact above.
 * Without one (a database of single imported files) the pages use the product's generic words.
 */
export const CityContext = createContext<CityProfile | null>(null);

/** The city's profile while a page renders; null outside a provider or outside rendering. */
export const useCity = (): CityProfile | null => useContext(CityContext);

/** The service's name in titles and the header: the city's, else the generic words. */
export const serviceName = (lang: Lang, city: CityProfile | null): string =>
  city?.serviceName[lang] ?? t(lang, 'cityServices');

/** How to reach the customer service: by phone, by e-mail, or at the main point. */
function ContactInfo({ lang, contact }: { lang: Lang; contact: CityContact }) {
  const { phone, email, visitingAddress: at } = contact;
  if (!phone && !email && !at) return null;
  return (
    <address class="site-contact">
      <p class="site-contact-name">{contact.name[lang]}</p>
      {phone ? (
        <p>
          {t(lang, 'contactPhone')}:{' '}
          <a href={`tel:${phone.international.replace(/\s/g, '')}`}>{phone.display}</a>
        </p>
      ) : null}
      {email ? (
        <p>
          {t(lang, 'contactEmail')}: <a href={`mailto:${email}`}>{email}</a>
        </p>
      ) : null}
      {at ? (
        <p>
          {t(lang, 'contactVisit')}: {`${at.place[lang]}, ${at.street}, ${at.postalCode} ${at.city[lang]}`}
        </p>
      ) : null}
    </address>
  );
}

const PUBLIC_MENU = [
  ['find', '/', 'navFindHelp'],
  ['schedule', '/schedule', 'navSchedule'],
  ['services', '/services', 'navServices'],
] as const;

export function Layout({
  lang,
  title,
  path,
  children,
  user,
  styles = [],
  scripts = [],
  wide = false,
  refreshSeconds,
  printable = false,
  current,
  manifest,
  noindex = false,
}: LayoutProps) {
  const contact = user ? null : useContext(CityContactContext);
  const city = useCity();
  return (
    <html lang={lang}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        {refreshSeconds ? <meta http-equiv="refresh" content={String(refreshSeconds)} /> : null}
        {noindex ? <meta name="robots" content="noindex" /> : null}
        <title>{`${title} – ${serviceName(lang, city)}`}</title>
        <link rel="icon" href="data:," />
        {manifest ? <link rel="manifest" href={manifest} /> : null}
        {manifest ? <meta name="theme-color" content="#0b4f8a" /> : null}
        <link rel="stylesheet" href="/assets/site.css" />
        {styles.map((href) => (
          <link rel="stylesheet" href={href} />
        ))}
        {scripts.map((src) => (
          <script type="module" src={src} />
        ))}
        {LANGS.map((l) => (
          <link rel="alternate" hreflang={l} href={localePath(l, path)} />
        ))}
        <link rel="alternate" hreflang="x-default" href={localePath('fi', path)} />
      </head>
      <body class={printable ? 'printable' : undefined}>
        <a class="skip-link" href="#main">
          {t(lang, 'skipToContent')}
        </a>
        <header class="site-header">
          <p class="brand">
            <a href={localePath(lang)}>{serviceName(lang, city)}</a>
          </p>
          <nav aria-label={t(lang, 'languageMenu')}>
            <ul class="language-switch">
              {LANGS.map((l) => (
                <li>
                  <a
                    href={localePath(l, path)}
                    lang={l}
                    hreflang={l}
                    aria-current={l === lang ? 'true' : undefined}
                  >
                    {t(l, 'languageName')}
                  </a>
                </li>
              ))}
            </ul>
          </nav>
          {user ? (
            <form method="post" action={localePath(lang, '/logout')} class="session">
              <span>{t(lang, 'loggedInAs', { name: user.displayName })}</span>{' '}
              <button type="submit">{t(lang, 'logOut')}</button>
            </form>
          ) : (
            <nav aria-label={t(lang, 'mainMenu')} class="main-menu">
              <ul>
                {PUBLIC_MENU.map(([key, href, label]) => (
                  <li>
                    <a href={localePath(lang, href)} aria-current={key === current ? 'page' : undefined}>
                      {t(lang, label)}
                    </a>
                  </li>
                ))}
              </ul>
            </nav>
          )}
        </header>
        <main id="main" tabindex={-1} class={wide ? 'wide' : undefined}>
          {children}
        </main>
        {user ? null : (
          <footer class="site-footer">
            {contact ? <ContactInfo lang={lang} contact={contact} /> : null}
            <ul>
              <li>
                <a href={localePath(lang, '/accessibility')}>{t(lang, 'accessibilityStatement')}</a>
              </li>
              <li>
                <a href={localePath(lang, '/feedback')}>{t(lang, 'feedbackLink')}</a>
              </li>
              <li>
                <a href={localePath(lang, '/partners')}>{t(lang, 'partnerLink')}</a>
              </li>
              <li>
                <a href={localePath(lang, '/login')}>{t(lang, 'forStaff')}</a>
              </li>
            </ul>
          </footer>
        )}
      </body>
    </html>
  );
}
