/** Public, server-rendered pages. They work without JavaScript; none is sent. */
import type { Context, Hono } from 'hono';
import type { Lang } from '../core/i18n.ts';
import type { CatalogService } from '../services/catalog-service.ts';
import { SITE_CSS } from './assets.ts';
import { FrontPage } from './pages/front-page.tsx';
import { NotFoundPage } from './pages/not-found-page.tsx';

export interface WebDeps {
  readonly catalog: CatalogService;
}

function html(c: Context, body: string | Promise<string>, status: 200 | 404 = 200) {
  c.header('cache-control', 'public, max-age=60');
  return c.html(`<!doctype html>${body}`, status);
}

export function renderNotFoundPage(c: Context, path: string) {
  const lang: Lang =
    path.startsWith('/sv/') || path === '/sv'
      ? 'sv'
      : path.startsWith('/en/') || path === '/en'
        ? 'en'
        : 'fi';
  return html(c, String(<NotFoundPage lang={lang} path={path} />), 404);
}

// biome-ignore lint/suspicious/noExplicitAny: the route table of the composed app is not needed here
export function registerWebRoutes(app: Hono<any, any, any>, { catalog }: WebDeps): void {
  const front = (lang: Lang) => async (c: Context) => {
    const today = catalog.today();
    const collator = new Intl.Collator(lang);
    const points = (
      await catalog.listSites({ role: 'fixed-point', inServiceOn: today, hoursDate: today })
    ).sort((a, b) => collator.compare(a.site.name[lang], b.site.name[lang]));
    const demo = points.some(({ site }) => site.source.includes('ILLUSTRATIVE') || site.illustrative);
    return html(c, String(<FrontPage lang={lang} today={today} points={points} demo={demo} />));
  };
  app.get('/', front('fi'));
  app.get('/sv', front('sv'));
  app.get('/en', front('en'));
  app.get('/assets/site.css', (c) => {
    c.header('content-type', 'text/css; charset=utf-8');
    c.header('cache-control', 'public, max-age=3600');
    return c.body(SITE_CSS);
  });
}
