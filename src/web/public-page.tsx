/**
 * How a public page is answered, whichever route renders it: HTML with the public cache time,
 * the same path under each language, the city's contact and today's date around the page, and
 * the HTML 404 page.
 */
import type { Context } from 'hono';
import type { Child } from 'hono/jsx';
import { LANGS, type Lang } from '../core/i18n.ts';
import { isoDateAt, wallTimeAt } from '../core/time/civil-time.ts';
import type { CityService } from '../services/city/city-service.ts';
import type { PublicService } from '../services/public-service.ts';
import { CityContactContext, CityContext, localePath } from './layout.tsx';
import { langOfPath } from './messages.ts';
import { NotFoundPage } from './pages/not-found-page.tsx';
import { NowContext } from './pages/public-parts.tsx';

/** Seconds browsers and shared caches may reuse a public page. */
export const PUBLIC_MAX_AGE = 60;

/** The longest search text or query value kept (longer ones are cut). */
export const MAX_QUERY = 60;

export function publicHtml(c: Context, body: string | Promise<string>, status: 200 | 400 | 404 = 200) {
  c.header('cache-control', status === 200 ? `public, max-age=${PUBLIC_MAX_AGE}` : 'no-store');
  c.header('vary', 'accept-encoding');
  return c.html(`<!doctype html>${body}`, status);
}

export function renderNotFoundPage(c: Context, path: string) {
  return publicHtml(c, String(<NotFoundPage lang={langOfPath(path)} path={path} />), 404);
}

/** The public paths under each language: Finnish at the root, Swedish under /sv, English under /en. */
export function localised(path: string): [Lang, string][] {
  return LANGS.map((lang) => [lang, path === '/' ? localePath(lang) : localePath(lang, path)]);
}

/** A public page in its city: the city's profile and customer-service contact around `body`. */
export async function inCity(
  deps: { readonly publicSite: PublicService; readonly city: CityService },
  body: Child,
): Promise<Child> {
  return (
    <CityContext.Provider value={await deps.city.profile()}>
      <CityContactContext.Provider value={await deps.publicSite.contact()}>
        {body}
      </CityContactContext.Provider>
    </CityContext.Provider>
  );
}

/** A public page as HTML, in its city (`inCity`), with the app's clock. */
export function publicView(deps: {
  readonly publicSite: PublicService;
  readonly city: CityService;
  readonly now: () => number;
}) {
  return async (body: Child) =>
    String(
      await inCity(
        deps,
        <NowContext.Provider value={{ date: isoDateAt(deps.now()), time: wallTimeAt(deps.now()) }}>
          {body}
        </NowContext.Provider>,
      ),
    );
}
