/** The page shell shared by every public page: language, skip link, header, language switch. */
import type { Child } from 'hono/jsx';
import { LANGS, type Lang } from '../core/i18n.ts';
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
}

export function Layout({ lang, title, path, children }: LayoutProps) {
  return (
    <html lang={lang}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{`${title} – ${t(lang, 'cityServices')}`}</title>
        <link rel="stylesheet" href="/assets/site.css" />
        {LANGS.map((l) => (
          <link rel="alternate" hreflang={l} href={localePath(l, path)} />
        ))}
      </head>
      <body>
        <a class="skip-link" href="#main">
          {t(lang, 'skipToContent')}
        </a>
        <header class="site-header">
          <p class="brand">
            <a href={localePath(lang)}>{t(lang, 'cityServices')}</a>
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
        </header>
        <main id="main" tabindex={-1}>
          {children}
        </main>
      </body>
    </html>
  );
}
