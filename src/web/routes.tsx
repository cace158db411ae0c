/**
 * Public, server-rendered pages and the calendar feeds. Every page works without JavaScript;
 * the only script is an optional "use my location" button on the search form.
 */
import type { Context, Hono } from 'hono';
import type { Child } from 'hono/jsx';
import { LANGS, type Lang } from '../core/i18n.ts';
import {
  addDays,
  isoDateAt,
  isoWeekOf,
  mondayOfIsoWeek,
  startOfIsoWeek,
  wallTimeAt,
} from '../core/time/civil-time.ts';
import { isSameSite } from '../services/auth-service.ts';
import type { CatalogService } from '../services/catalog-service.ts';
import { NotFoundError } from '../services/errors.ts';
import type { FeedbackService } from '../services/feedback-service.ts';
import { PUBLIC_HORIZON_DAYS, type PublicService, type PublicVisit } from '../services/public-service.ts';
import { rateLimitedOf } from '../services/rate-limit.ts';
import { LOCATE_JS, SITE_CSS } from './assets.ts';
import { calendarFeed } from './calendar-feed.ts';
import { CityContactContext, localePath } from './layout.tsx';
import { formatWait, langOfPath, type MessageKey, t } from './messages.ts';
import { ErrorPage } from './pages/error-page.tsx';
import { FrontPage } from './pages/front-page.tsx';
import { NearPage, UnknownPlacePage } from './pages/near-page.tsx';
import { NotFoundPage } from './pages/not-found-page.tsx';
import { PlaceNotFoundPage, PlacePage } from './pages/place-page.tsx';
import { NowContext } from './pages/public-parts.tsx';
import {
  type ScheduleFilter,
  SchedulePage,
  scheduleQuery as scheduleQueryString,
} from './pages/schedule-page.tsx';
import { ServicesPage } from './pages/services-page.tsx';
import { AccessibilityPage, FeedbackPage } from './pages/statement-pages.tsx';
import { TimetablePage } from './pages/timetable-page.tsx';

export interface WebDeps {
  readonly catalog: CatalogService;
  readonly publicSite: PublicService;
  readonly feedback: FeedbackService;
  readonly now: () => number;
  /** Map tiles for the schedule's map (none: districts and places on a plain background). */
  readonly map: { readonly tiles: string | null; readonly attribution: string };
  /**
   * The site's public origin (NEUVO_PUBLIC_URL) for every absolute URL: the sitemap, the feeds.
   * Never the request's Host header, which any client can set.
   */
  readonly publicUrl: () => string;
}

/** Seconds browsers and shared caches may reuse a public page. */
export const PUBLIC_MAX_AGE = 60;

function html(c: Context, body: string | Promise<string>, status: 200 | 400 | 404 = 200) {
  c.header('cache-control', status === 200 ? `public, max-age=${PUBLIC_MAX_AGE}` : 'no-store');
  c.header('vary', 'accept-encoding');
  return c.html(`<!doctype html>${body}`, status);
}

/** A request refused before it reached its route: too large, too many, database away, bad address. */
export type Refusal =
  | { readonly status: 400 }
  | { readonly status: 413; readonly maxKb: number }
  | { readonly status: 429; readonly retryAfterSeconds: number }
  | { readonly status: 503 };

function refusalMessages(
  lang: Lang,
  refusal: Refusal,
): {
  title: MessageKey;
  text: MessageKey;
  params: Record<string, string>;
} {
  switch (refusal.status) {
    case 400:
      return { title: 'badInputTitle', text: 'badInputText', params: {} };
    case 413:
      return { title: 'tooLargeTitle', text: 'tooLargeText', params: { max: String(refusal.maxKb) } };
    case 429:
      return {
        title: 'tooManyTitle',
        text: 'tooManyText',
        params: { wait: formatWait(lang, refusal.retryAfterSeconds) },
      };
    case 503:
      return { title: 'unavailableTitle', text: 'unavailableText', params: {} };
  }
}

/** The refusal in words, in the language of the path (for problem bodies; the API's in English). */
export function refusalDetail(path: string, refusal: Refusal): { title: string; detail: string } {
  const lang = path.startsWith('/api/') ? 'en' : langOfPath(path);
  const m = refusalMessages(lang, refusal);
  return { title: t(lang, m.title), detail: t(lang, m.text, m.params) };
}

export function renderRefusalPage(c: Context, refusal: Refusal) {
  const lang = langOfPath(new URL(c.req.url).pathname);
  const m = refusalMessages(lang, refusal);
  c.header('cache-control', 'no-store');
  return c.html(
    `<!doctype html>${<ErrorPage lang={lang} title={m.title} text={m.text} params={m.params} />}`,
    refusal.status,
  );
}

export function renderNotFoundPage(c: Context, path: string) {
  return html(c, String(<NotFoundPage lang={langOfPath(path)} path={path} />), 404);
}

/** The public paths under each language: Finnish at the root, Swedish under /sv, English under /en. */
function localised(path: string): [Lang, string][] {
  return LANGS.map((lang) => [lang, path === '/' ? localePath(lang) : localePath(lang, path)]);
}

const MAX_QUERY = 60;

// biome-ignore lint/suspicious/noExplicitAny: the route table of the composed app is not needed here
export function registerWebRoutes(app: Hono<any, any, any>, deps: WebDeps): void {
  const { catalog, publicSite } = deps;
  /** A public page as HTML, with the city's customer-service contact in its footer. */
  const view = async (body: Child) =>
    String(
      <CityContactContext.Provider value={await publicSite.contact()}>
        <NowContext.Provider value={{ date: isoDateAt(deps.now()), time: wallTimeAt(deps.now()) }}>
          {body}
        </NowContext.Provider>
      </CityContactContext.Provider>,
    );
  const page = (path: string, handler: (lang: Lang, c: Context) => Response | Promise<Response>) => {
    for (const [lang, localisedPath] of localised(path)) app.get(localisedPath, (c) => handler(lang, c));
  };
  page('/', async (lang, c) => {
    const today = catalog.today();
    const collator = new Intl.Collator(lang);
    const points = (
      await catalog.listSites({ role: 'fixed-point', inServiceOn: today, hoursDate: today })
    ).sort((a, b) => collator.compare(a.site.name[lang], b.site.name[lang]));
    const demo = points.some(({ site }) => site.illustrative);
    return html(c, await view(<FrontPage lang={lang} today={today} points={points} demo={demo} />));
  });

  /** The place asked for on the near page: typed text, or the browser's position. */
  const nearQuery = (c: Context) => {
    const q = (c.req.query('q') ?? '').trim().slice(0, MAX_QUERY);
    const slow = c.req.query('slow') === '1';
    const lat = Number(c.req.query('lat'));
    const lon = Number(c.req.query('lon'));
    const hasLocation =
      c.req.query('lat') !== undefined &&
      Number.isFinite(lat) &&
      Number.isFinite(lon) &&
      Math.abs(lat) <= 90 &&
      Math.abs(lon) <= 180;
    const query = q ? { q } : hasLocation ? { location: { lat, lon } } : null;
    return { q, slow, query };
  };

  page('/near', async (lang, c) => {
    const { q, slow, query } = nearQuery(c);
    if (!query) return c.redirect(localePath(lang), 302);
    const result = await publicSite.near(query, slow);
    if (!result.found) {
      return html(
        c,
        await view(
          <UnknownPlacePage
            lang={lang}
            query={result.query}
            suggestions={result.suggestions}
            districts={result.districts}
            slow={slow}
          />,
        ),
      );
    }
    const search = new URL(c.req.url).search;
    const { place } = result.answer;
    return html(
      c,
      await view(
        <NearPage
          lang={lang}
          answer={result.answer}
          q={q || (place.outside ? '' : place.origin.id)}
          // A position stays a position in the other languages.
          path={'location' in query ? `/near${search}` : undefined}
          map={{
            src: `/map/near.geojson${search}`,
            tiles: deps.map.tiles,
            attribution: deps.map.attribution,
          }}
        />,
      ),
    );
  });

  // The near page's map data: the area asked about, the places of the visits listed, the points.
  app.get('/map/near.geojson', async (c) => {
    const { slow, query } = nearQuery(c);
    const result = query ? await publicSite.near(query, slow) : null;
    if (!result?.found) return c.json({ type: 'FeatureCollection', features: [] }, 404);
    const { answer } = result;
    // A position outside the city has no area of its own to draw.
    const origin = answer.place.outside ? null : await publicSite.areaShape(answer.place.origin.id);
    const paths = (id: string) =>
      Object.fromEntries(LANGS.map((l) => [l, localePath(l, `/places/${encodeURIComponent(id)}`)]));
    const visitsAt = new Map<string, { venue: PublicVisit['venue']; visits: number }>();
    for (const v of answer.visits) {
      const entry = visitsAt.get(v.venue.id) ?? { venue: v.venue, visits: 0 };
      entry.visits++;
      visitsAt.set(v.venue.id, entry);
    }
    const point = (p: { lat: number; lon: number }) => ({ type: 'Point', coordinates: [p.lon, p.lat] });
    const features = [
      ...(origin?.geometry
        ? [
            {
              type: 'Feature',
              geometry: origin.geometry,
              properties: { kind: 'origin', id: origin.id, name: origin.name },
            },
          ]
        : []),
      ...[...visitsAt.values()].map(({ venue, visits }) => ({
        type: 'Feature',
        geometry: point(venue.location),
        properties: { kind: 'venue', id: venue.id, name: venue.name, visits, paths: paths(venue.id) },
      })),
      ...answer.points.map(({ site, minutes }) => ({
        type: 'Feature',
        geometry: point(site.location),
        properties: { kind: 'point', id: site.id, name: site.name, minutes, paths: paths(site.id) },
      })),
    ];
    c.header('cache-control', `public, max-age=${PUBLIC_MAX_AGE}`);
    return c.json({ type: 'FeatureCollection', features });
  });

  /** The schedule's week and filters from the query; unknown values are ignored and listed. */
  const scheduleQuery = async (c: Context) => {
    const ref = await publicSite.reference();
    const { districts, languages, topics } = ref;
    const ignored: string[] = [];
    const pick = (name: string, known: readonly string[]) => {
      const value = (c.req.query(name) ?? '').trim();
      if (value === '') return undefined;
      if (known.includes(value)) return value;
      ignored.push(value.slice(0, MAX_QUERY));
      return undefined;
    };
    const weekParam = (c.req.query('week') ?? '').trim();
    let monday = startOfIsoWeek(publicSite.today());
    if (weekParam !== '') {
      const m = mondayOfIsoWeek(weekParam);
      if (m) monday = m;
      else ignored.push(weekParam.slice(0, MAX_QUERY));
    }
    const filter: ScheduleFilter = {
      ...optional(
        'district',
        pick(
          'district',
          districts.map((d) => d.id),
        ),
      ),
      ...optional('language', pick('language', languages)),
      ...optional(
        'topic',
        pick(
          'topic',
          topics.map((x) => x.id),
        ),
      ),
    };
    const { days } = await publicSite.week(
      monday,
      {
        ...optional('districtId', filter.district),
        ...optional('language', filter.language),
        ...optional('topicId', filter.topic),
      },
      ref,
    );
    return { districts, languages, topics, ignored, monday, filter, days };
  };

  page('/schedule', async (lang, c) => {
    const q = await scheduleQuery(c);
    const mapSrc = `/map/schedule.geojson${scheduleQueryString(isoWeekOf(q.monday), q.filter)}`;
    // An empty week says why: not published yet, or where the choices do find visits.
    const empty = q.days.every((d) => d.visits.length === 0)
      ? await publicSite.emptyWeekHint(q.monday, {
          ...optional('districtId', q.filter.district),
          ...optional('language', q.filter.language),
          ...optional('topicId', q.filter.topic),
        })
      : undefined;
    return html(
      c,
      await view(
        <SchedulePage
          lang={lang}
          monday={q.monday}
          filter={q.filter}
          days={q.days}
          districts={q.districts}
          languages={q.languages}
          topics={q.topics}
          ignored={q.ignored}
          map={{ src: mapSrc, tiles: deps.map.tiles, attribution: deps.map.attribution }}
          empty={empty}
        />,
      ),
    );
  });

  // The schedule's map data: districts, and the places with this week's visits.
  app.get('/map/schedule.geojson', async (c) => {
    const q = await scheduleQuery(c);
    const shapes = await publicSite.districtShapes();
    const byVenue = new Map<string, { venue: PublicVisit['venue']; visits: number }>();
    for (const d of q.days)
      for (const v of d.visits) {
        if (v.visit.status !== 'published') continue;
        const entry = byVenue.get(v.venue.id) ?? { venue: v.venue, visits: 0 };
        entry.visits++;
        byVenue.set(v.venue.id, entry);
      }
    const features = [
      ...shapes
        .filter((d) => d.geometry)
        .map((d) => ({
          type: 'Feature',
          geometry: d.geometry,
          properties: { kind: 'district', id: d.id, name: d.name },
        })),
      ...[...byVenue.values()].map(({ venue, visits }) => ({
        type: 'Feature',
        geometry: { type: 'Point', coordinates: [venue.location.lon, venue.location.lat] },
        properties: {
          kind: 'venue',
          id: venue.id,
          name: venue.name,
          visits,
          paths: Object.fromEntries(
            LANGS.map((l) => [l, localePath(l, `/places/${encodeURIComponent(venue.id)}`)]),
          ),
        },
      })),
    ];
    c.header('cache-control', `public, max-age=${PUBLIC_MAX_AGE}`);
    return c.json({ type: 'FeatureCollection', features });
  });

  page('/places/:id', async (lang, c) => {
    const id = c.req.param('id') ?? '';
    try {
      const place = await publicSite.place(id);
      return html(c, await view(<PlacePage lang={lang} {...place} />));
    } catch (e) {
      if (e instanceof NotFoundError)
        return html(
          c,
          await view(<PlaceNotFoundPage lang={lang} path={`/places/${encodeURIComponent(id)}`} />),
          404,
        );
      throw e;
    }
  });

  page('/services', async (lang, c) =>
    html(c, await view(<ServicesPage lang={lang} topics={await publicSite.topics()} />)),
  );

  const timetable = async (lang: Lang, c: Context, kind: 'districts' | 'places') => {
    const id = c.req.param('id') ?? '';
    const path = `/print/${kind}/${encodeURIComponent(id)}`;
    const from = publicSite.today();
    let name: string | undefined;
    if (kind === 'districts') name = (await publicSite.districts()).find((d) => d.id === id)?.name[lang];
    else
      name = await publicSite.place(id).then(
        (p) => p.site.name[lang],
        () => undefined,
      );
    if (name === undefined) return html(c, await view(<PlaceNotFoundPage lang={lang} path={path} />), 404);
    const visits = await publicSite.upcoming(kind === 'districts' ? { districtId: id } : { placeId: id });
    const to = visits.at(-1)?.visit.date ?? addDays(from, PUBLIC_HORIZON_DAYS - 1);
    return html(
      c,
      await view(<TimetablePage lang={lang} name={name} path={path} from={from} to={to} visits={visits} />),
    );
  };
  page('/print/districts/:id', (lang, c) => timetable(lang, c, 'districts'));
  page('/print/places/:id', (lang, c) => timetable(lang, c, 'places'));

  page('/accessibility', async (lang, c) => html(c, await view(<AccessibilityPage lang={lang} />)));

  page('/feedback', async (lang, c) => {
    const page = (c.req.query('page') ?? '').slice(0, 300);
    const sent = c.req.query('sent') === '1';
    c.header('cache-control', 'no-store');
    return c.html(
      `<!doctype html>${await view(<FeedbackPage lang={lang} sent={sent} values={{ message: '', page, replyTo: '' }} />)}`,
    );
  });
  for (const [lang, path] of localised('/feedback')) {
    app.post(path, async (c) => {
      c.header('cache-control', 'no-store');
      if (!isSameSite(c.req.header('origin') ?? c.req.header('referer'), c.req.url)) {
        return c.text(t(lang, 'forbiddenTitle'), 403);
      }
      const body = await c.req.parseBody();
      const field = (name: string) => {
        const v = body[name];
        return typeof v === 'string' ? v : '';
      };
      const values = { message: field('message'), page: field('page'), replyTo: field('replyTo') };
      const waitSeconds = rateLimitedOf(c);
      if (waitSeconds !== undefined)
        return c.html(
          `<!doctype html>${await view(<FeedbackPage lang={lang} values={values} waitSeconds={waitSeconds} />)}`,
          429,
        );
      const result = await deps.feedback.send({ lang, ...values });
      if (result.ok) return c.redirect(`${localePath(lang, '/feedback')}?sent=1`, 303);
      return c.html(
        `<!doctype html>${await view(<FeedbackPage lang={lang} values={values} problems={result.problems} />)}`,
        400,
      );
    });
  }

  // Calendar feeds: every visit, a district's, a place's, and one visit ("add to calendar").
  const feed = async (
    lang: Lang,
    c: Context,
    name: string,
    visits: Awaited<ReturnType<PublicService['upcoming']>>,
    file: string,
  ) => {
    c.header('content-type', 'text/calendar; charset=utf-8');
    c.header('cache-control', `public, max-age=${PUBLIC_MAX_AGE * 5}`);
    c.header(
      'content-disposition',
      `${file.startsWith('visit-') ? 'attachment' : 'inline'}; filename="${file}"`,
    );
    return c.body(calendarFeed(visits, { lang, name, origin: deps.publicUrl(), nowMs: deps.now() }));
  };
  const icsId = (c: Context) => {
    const file = c.req.param('file') ?? '';
    // The router has decoded the path segment already.
    return file.endsWith('.ics') ? file.slice(0, -4) : null;
  };
  // A feed starts a week back, so a visit cancelled in the last days still shows as cancelled.
  const feedFrom = () => addDays(publicSite.today(), -7);
  const feedDays = PUBLIC_HORIZON_DAYS + 7;
  page('/calendar/all.ics', async (lang, c) =>
    feed(lang, c, t(lang, 'calName'), await publicSite.upcoming({}, feedDays, feedFrom()), 'all.ics'),
  );
  page('/calendar/districts/:file', async (lang, c) => {
    const id = icsId(c);
    const district = (await publicSite.districts()).find((d) => d.id === id);
    if (!id || !district) return renderNotFoundPage(c, new URL(c.req.url).pathname);
    const visits = await publicSite.upcoming({ districtId: id }, feedDays, feedFrom());
    return feed(lang, c, t(lang, 'calNameOf', { name: district.name[lang] }), visits, `${id}.ics`);
  });
  page('/calendar/places/:file', async (lang, c) => {
    const id = icsId(c);
    const place = id ? await publicSite.place(id).catch(() => null) : null;
    if (!id || !place) return renderNotFoundPage(c, new URL(c.req.url).pathname);
    const visits = await publicSite.upcoming({ placeId: id }, feedDays, feedFrom());
    return feed(lang, c, t(lang, 'calNameOf', { name: place.site.name[lang] }), visits, `${id}.ics`);
  });
  page('/calendar/visits/:file', async (lang, c) => {
    const id = icsId(c);
    const visit = id && /^[0-9a-f-]{36}$/i.test(id) ? await publicSite.visit(id).catch(() => null) : null;
    if (!visit) return renderNotFoundPage(c, new URL(c.req.url).pathname);
    return feed(lang, c, t(lang, 'calName'), [visit], `visit-${visit.visit.date}.ics`);
  });

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
}

function optional<K extends string>(key: K, value: string | undefined): { [P in K]?: string } {
  return (value === undefined ? {} : { [key]: value }) as { [P in K]?: string };
}
