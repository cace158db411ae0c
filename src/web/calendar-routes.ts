/**
 * The calendar feeds (RFC 5545, written by calendar-feed.ts) under /calendar in each language:
 * every visit, a district's, a place's, and one visit's file ("add to calendar"). A feed starts
 * a week back, so a visit cancelled in the last days still shows as cancelled.
 */
import { type Context, Hono } from 'hono';
import type { Lang } from '../core/i18n.ts';
import { addDays } from '../core/time/civil-time.ts';
import type { CityService } from '../services/city/city-service.ts';
import { PUBLIC_HORIZON_DAYS, type PublicService } from '../services/public-service.ts';
import { calendarFeed } from './calendar-feed.ts';
import { t } from './messages.ts';
import { localised, PUBLIC_MAX_AGE, renderNotFoundPage } from './public-page.tsx';
import type { WebEnv } from './web-env.ts';

export interface CalendarWebDeps {
  readonly publicSite: PublicService;
  readonly city: CityService;
  readonly now: () => number;
  /** The site's public origin (NEUVO_PUBLIC_URL) for the feeds' links. */
  readonly publicUrl: () => string;
}

/** The feed's id from its file name (`….ics`), or null. */
const icsId = (c: Context) => {
  const file = c.req.param('file') ?? '';
  // The router has decoded the path segment already.
  return file.endsWith('.ics') ? file.slice(0, -4) : null;
};

export function createCalendarRoutes(deps: CalendarWebDeps): Hono<WebEnv> {
  const app = new Hono<WebEnv>();
  const { publicSite } = deps;
  const page = (path: string, handler: (lang: Lang, c: Context) => Response | Promise<Response>) => {
    for (const [lang, localisedPath] of localised(path)) app.get(localisedPath, (c) => handler(lang, c));
  };
  const feed = async (
    lang: Lang,
    c: Context,
    /** The feed's name from the service's name (the city's, else the generic words). */
    name: (service: string) => string,
    visits: Awaited<ReturnType<PublicService['upcoming']>>,
    file: string,
  ) => {
    const city = await deps.city.profile();
    c.header('content-type', 'text/calendar; charset=utf-8');
    c.header('cache-control', `public, max-age=${PUBLIC_MAX_AGE * 5}`);
    c.header(
      'content-disposition',
      `${file.startsWith('visit-') ? 'attachment' : 'inline'}; filename="${file}"`,
    );
    return c.body(
      calendarFeed(visits, {
        lang,
        name: name(city?.mobileServiceName[lang] ?? t(lang, 'calName')),
        origin: deps.publicUrl(),
        nowMs: deps.now(),
        swedishNames: city?.swedishPlaceNames ?? {},
      }),
    );
  };
  const feedFrom = () => addDays(publicSite.today(), -7);
  const feedDays = PUBLIC_HORIZON_DAYS + 7;
  page('/calendar/all.ics', async (lang, c) =>
    feed(lang, c, (service) => service, await publicSite.upcoming({}, feedDays, feedFrom()), 'all.ics'),
  );
  page('/calendar/districts/:file', async (lang, c) => {
    const id = icsId(c);
    const district = (await publicSite.districts()).find((d) => d.id === id);
    if (!id || !district) return renderNotFoundPage(c, new URL(c.req.url).pathname);
    const visits = await publicSite.upcoming({ districtId: id }, feedDays, feedFrom());
    return feed(lang, c, (service) => `${service}: ${district.name[lang]}`, visits, `${id}.ics`);
  });
  page('/calendar/places/:file', async (lang, c) => {
    const id = icsId(c);
    const place = id ? await publicSite.place(id).catch(() => null) : null;
    if (!id || !place) return renderNotFoundPage(c, new URL(c.req.url).pathname);
    const visits = await publicSite.upcoming({ placeId: id }, feedDays, feedFrom());
    return feed(lang, c, (service) => `${service}: ${place.site.name[lang]}`, visits, `${id}.ics`);
  });
  page('/calendar/visits/:file', async (lang, c) => {
    const id = icsId(c);
    const visit = id && /^[0-9a-f-]{36}$/i.test(id) ? await publicSite.visit(id).catch(() => null) : null;
    if (!visit) return renderNotFoundPage(c, new URL(c.req.url).pathname);
    return feed(lang, c, (service) => service, [visit], `visit-${visit.visit.date}.ics`);
  });
  return app;
}
