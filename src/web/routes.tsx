/**
 * Public, server-rendered pages and the site's other public answers, mounted in order: the pages
 * that find a visit, their maps' data, the feedback form, the calendar feeds, and the site's
 * files. Every page works without JavaScript; the only script is an optional "use my location"
 * button on the search form. Also the pages of a request refused before its route.
 */
import { type Context, Hono } from 'hono';
import type { Lang } from '../core/i18n.ts';
import { addDays, isoWeekOf } from '../core/time/civil-time.ts';
import type { CatalogService } from '../services/catalog-service.ts';
import type { CityService } from '../services/city/city-service.ts';
import { NotFoundError } from '../services/errors.ts';
import type { FeedbackService } from '../services/feedback-service.ts';
import { PUBLIC_HORIZON_DAYS, type PublicService } from '../services/public-service.ts';
import { createCalendarRoutes } from './calendar-routes.ts';
import { createFeedbackRoutes } from './feedback-routes.tsx';
import { localePath } from './layout.tsx';
import { createMapDataRoutes } from './map-data-routes.ts';
import { formatWait, langOfPath, type MessageKey, t } from './messages.ts';
import { ErrorPage } from './pages/error-page.tsx';
import { FrontPage } from './pages/front-page.tsx';
import { NearPage, UnknownPlacePage } from './pages/near-page.tsx';
import { PlaceNotFoundPage, PlacePage } from './pages/place-page.tsx';
import { SchedulePage, scheduleQuery as scheduleQueryString } from './pages/schedule-page.tsx';
import { ServicesPage } from './pages/services-page.tsx';
import { AccessibilityPage } from './pages/statement-pages.tsx';
import { TimetablePage } from './pages/timetable-page.tsx';
import { publicHtml as html, localised, publicView } from './public-page.tsx';
import { nearQuery, scheduleQuery, serviceFilter } from './public-queries.ts';
import { createSiteFiles } from './site-files.ts';
import type { WebEnv } from './web-env.ts';

export interface WebDeps {
  readonly catalog: CatalogService;
  readonly publicSite: PublicService;
  /** The profile of the city the database holds: its names and words on the pages. */
  readonly city: CityService;
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

export function createWebRoutes(deps: WebDeps): Hono<WebEnv> {
  const app = new Hono<WebEnv>();
  app.route('/', createPublicPages(deps));
  app.route('/', createMapDataRoutes(deps.publicSite));
  app.route('/', createFeedbackRoutes(deps));
  app.route('/', createCalendarRoutes(deps));
  app.route('/', createSiteFiles(deps));
  return app;
}

/**
 * The pages that find a visit, in each language: the front page, near, the schedule, a place,
 * the services, the printable timetables, and the accessibility statement.
 */
function createPublicPages(deps: WebDeps): Hono<WebEnv> {
  const app = new Hono<WebEnv>();
  const { catalog, publicSite } = deps;
  const view = publicView(deps);
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

  page('/schedule', async (lang, c) => {
    const q = await scheduleQuery(c, publicSite);
    const mapSrc = `/map/schedule.geojson${scheduleQueryString(isoWeekOf(q.monday), q.filter)}`;
    // An empty week says why: not published yet, or where the choices do find visits.
    const empty = q.days.every((d) => d.visits.length === 0)
      ? await publicSite.emptyWeekHint(q.monday, serviceFilter(q.filter))
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
  return app;
}
