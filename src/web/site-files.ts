/**
 * The site's files for crawlers and browsers: the sitemap (every public page in each language,
 * with its alternates), robots.txt (staff pages and the API kept out), the stylesheet and the
 * search form's location script. Absolute URLs come from the configured public origin, never
 * the request's Host header.
 */
import { Hono } from 'hono';
import type { PublicService } from '../services/public-service.ts';
import { LOCATE_JS, SITE_CSS } from './assets.ts';
import { localised, PUBLIC_MAX_AGE } from './public-page.tsx';
import type { WebEnv } from './web-env.ts';

export interface SiteFileDeps {
  readonly publicSite: PublicService;
  /** The site's public origin (NEUVO_PUBLIC_URL). */
  readonly publicUrl: () => string;
}

export function createSiteFiles(deps: SiteFileDeps): Hono<WebEnv> {
  const app = new Hono<WebEnv>();
  const { publicSite } = deps;
  app.get('/sitemap.xml', async (c) => {
    const origin = deps.publicUrl();
    const [places, districts] = await Promise.all([publicSite.places(), publicSite.districts()]);
    const paths = [
      '/',
      '/schedule',
      '/services',
      '/accessibility',
      '/feedback',
      '/partners',
      ...places.map((p) => `/places/${encodeURIComponent(p.id)}`),
      ...districts.map((d) => `/print/districts/${encodeURIComponent(d.id)}`),
      ...places.filter((p) => p.role === 'venue').map((p) => `/print/places/${encodeURIComponent(p.id)}`),
    ];
    const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;');
    const urls = paths.flatMap((path) =>
      localised(path).map(
        ([, href]) =>
          `<url><loc>${esc(origin + href)}</loc>${localised(path)
            .map(([l, alt]) => `<xhtml:link rel="alternate" hreflang="${l}" href="${esc(origin + alt)}"/>`)
            .join('')}</url>`,
      ),
    );
    c.header('content-type', 'application/xml; charset=utf-8');
    c.header('cache-control', `public, max-age=${PUBLIC_MAX_AGE * 60}`);
    return c.body(
      `<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:xhtml="http://www.w3.org/1999/xhtml">\n${urls.join('\n')}\n</urlset>\n`,
    );
  });
  app.get('/robots.txt', (c) =>
    c.text(`User-agent: *\nDisallow: /planner\nDisallow: /api/\nSitemap: ${deps.publicUrl()}/sitemap.xml\n`),
  );

  app.get('/assets/site.css', (c) => {
    c.header('content-type', 'text/css; charset=utf-8');
    c.header('cache-control', 'public, max-age=3600');
    return c.body(SITE_CSS);
  });
  app.get('/assets/locate.js', (c) => {
    c.header('content-type', 'text/javascript; charset=utf-8');
    c.header('cache-control', 'public, max-age=3600');
    return c.body(LOCATE_JS);
  });
  return app;
}
