/**
 * Staff routes: login and logout, the planner's scenario comparison and feedback inbox, and the
 * planner's other areas (network, plans, the client bundle's files) mounted in order.
 */
import { type Context, Hono } from 'hono';
import { isTravelMode, type TravelMode } from '../../core/access/modes.ts';
import { LANGS } from '../../core/i18n.ts';
import { hasRole } from '../../core/model/staff.ts';
import type { AccessService } from '../../services/access-service.ts';
import type { AuthService } from '../../services/auth-service.ts';
import type { BookingService } from '../../services/booking/booking-service.ts';
import type { CatalogService } from '../../services/catalog-service.ts';
import { clientOf } from '../../services/client.ts';
import type { FeedbackService } from '../../services/feedback-service.ts';
import type { NetworkService } from '../../services/network-service.ts';
import type { PartnerRequestService } from '../../services/partner-request-service.ts';
import type { PlanningService } from '../../services/planning/planning-service.ts';
import type { SeriesPinService } from '../../services/planning/series-pin-service.ts';
import { rateLimitedOf } from '../../services/rate-limit.ts';
import { localePath } from '../layout.tsx';
import { langOfPath } from '../messages.ts';
import type { StaffEnv, WebEnv } from '../web-env.ts';
import { clientAvailable, createClientFiles } from './client-files.ts';
import { FeedbackInboxPage, feedbackFilterOf } from './feedback-page.tsx';
import { ForbiddenPage, LoginPage } from './login-page.tsx';
import { createNetworkRoutes } from './network-routes.tsx';
import { createPlanRoutes } from './plan-routes.tsx';
import { PlannerPage } from './planner-page.tsx';
import {
  clearSessionCookie,
  deviceToken,
  isSameOrigin,
  safeNext,
  sessionToken,
  setDeviceCookie,
  setSessionCookie,
} from './session.ts';

export interface MapConfig {
  /** Tile URL template, e.g. https://tile.example.org/{z}/{x}/{y}.png; null: no tiles. */
  readonly tiles: string | null;
  readonly attribution: string;
  /** More origins the Content-Security-Policy allows for map images (the city profile's `map.hosts`). */
  readonly hosts?: readonly string[];
}

export interface StaffWebDeps {
  readonly auth: AuthService;
  readonly access: AccessService;
  readonly network: NetworkService;
  readonly planning: PlanningService;
  readonly seriesPins: SeriesPinService;
  readonly catalog: CatalogService;
  readonly now: () => number;
  readonly map: MapConfig;
  readonly feedback: FeedbackService;
  /** Partner requests: a plan's page lists the accepted ones in its weeks (absent: not shown). */
  readonly partnerRequests?: PartnerRequestService;
  /** Bookings: a draft plan's page says how many bookings its cancellations would cancel (absent: not shown). */
  readonly bookings?: Pick<BookingService, 'countsByVisit'>;
  /** The OpenID Connect provider's name, when one is configured (the login page's button). */
  readonly oidcProvider?: string | undefined;
}

const html = (c: Context, body: string, status: 200 | 400 | 403 | 404 | 409 | 429 = 200) => {
  c.header('cache-control', 'private, no-store');
  return c.html(`<!doctype html>${body}`, status);
};

const forbidden = (c: Context) =>
  html(c, String(<ForbiddenPage lang={langOfPath(new URL(c.req.url).pathname)} />), 403);

/**
 * Login and logout, then the planner's pages. Who may open each page is decided by the access
 * table (src/api/access.ts) before a handler runs; handlers read the signed-in user with
 * c.get('user').
 */
export function createStaffRoutes(deps: StaffWebDeps): Hono<WebEnv> {
  const app = new Hono<WebEnv>();
  app.route('/', createLoginRoutes(deps));
  app.route('/', createPlannerPages(deps));
  app.route('/', createNetworkRoutes(deps));
  app.route('/', createPlanRoutes(deps));
  app.route('/', createClientFiles());
  return app;
}

/** The login form and its post (rate limited, what was typed kept), and the logout post. */
function createLoginRoutes(deps: Pick<StaffWebDeps, 'auth' | 'oidcProvider'>): Hono<WebEnv> {
  const app = new Hono<WebEnv>();
  for (const lang of LANGS) {
    const loginPath = localePath(lang, '/login');
    app.get(loginPath, (c) =>
      html(
        c,
        String(
          <LoginPage
            lang={lang}
            next={safeNext(c.req.query('next'), localePath(lang, '/planner'))}
            oidcProvider={deps.oidcProvider}
          />,
        ),
      ),
    );

    app.post(loginPath, async (c) => {
      if (!isSameOrigin(c)) return forbidden(c);
      const form = await c.req.parseBody();
      const email = typeof form.email === 'string' ? form.email : '';
      const password = typeof form.password === 'string' ? form.password : '';
      const next = safeNext(
        typeof form.next === 'string' ? form.next : undefined,
        localePath(lang, '/planner'),
      );
      const waitSeconds = rateLimitedOf(c);
      if (waitSeconds !== undefined)
        return html(
          c,
          String(
            <LoginPage
              lang={lang}
              next={next}
              email={email}
              waitSeconds={waitSeconds}
              oidcProvider={deps.oidcProvider}
            />,
          ),
          429,
        );
      const result = await deps.auth.login(email, password, clientOf(c).address, deviceToken(c));
      if (!result.ok)
        return html(
          c,
          String(
            <LoginPage
              lang={lang}
              next={next}
              error={result.reason}
              email={email}
              oidcProvider={deps.oidcProvider}
            />,
          ),
          400,
        );
      setSessionCookie(c, result.token, result.maxAgeSeconds);
      setDeviceCookie(c, result.deviceToken);
      // Without a page to return to, an advisor (who is no planner) lands on the advisors' app.
      const advisorOnly = !hasRole(result.user, 'planner') && hasRole(result.user, 'advisor');
      return c.redirect(
        advisorOnly && next === localePath(lang, '/planner') ? localePath(lang, '/advisor/') : next,
        303,
      );
    });

    app.post(localePath(lang, '/logout'), async (c) => {
      if (!isSameOrigin(c)) return forbidden(c);
      await deps.auth.logout(sessionToken(c));
      clearSessionCookie(c);
      return c.redirect(localePath(lang), 303);
    });
  }
  return app;
}

/** The feedback inbox and the scenario comparison (the planner's front page). */
function createPlannerPages(deps: StaffWebDeps): Hono<StaffEnv> {
  const app = new Hono<StaffEnv>();
  for (const lang of LANGS) {
    app.get(localePath(lang, '/planner/feedback'), async (c) => {
      const filter = feedbackFilterOf(c.req.query());
      const found = await deps.feedback.search(filter, Number(c.req.query('page')) || 1);
      return html(
        c,
        String(
          <FeedbackInboxPage
            lang={lang}
            user={c.get('user')}
            found={found}
            filter={filter}
            showReplyAddresses={hasRole(c.get('user'), 'admin')}
            retentionDays={deps.feedback.retentionDays}
          />,
        ),
      );
    });
    app.get(localePath(lang, '/planner'), async (c) => {
      const scenarios = await deps.access.listScenarios();
      const ids = scenarios.map((s) => s.scenario.id as string);
      const pick = (value: string | undefined, fallback: string | undefined) =>
        value && ids.includes(value) ? value : fallback;
      const base = pick(c.req.query('base'), ids[0]);
      const alt = pick(c.req.query('alt'), ids[1] ?? ids[0]);
      const modeParam = c.req.query('mode') ?? 'pt';
      const mode: TravelMode = isTravelMode(modeParam) ? modeParam : 'pt';
      if (!base || !alt) return html(c, String(<ForbiddenPage lang={lang} />), 400);
      const comparison = await deps.access.compare(base, alt, mode);
      return html(
        c,
        String(
          <PlannerPage
            lang={lang}
            user={c.get('user')}
            scenarios={scenarios.map((s) => ({ id: s.scenario.id, name: s.scenario.name, date: s.date }))}
            comparison={comparison}
            map={deps.map}
            clientAvailable={await clientAvailable()}
          />,
        ),
      );
    });
  }
  return app;
}

/** The Content-Security-Policy origin of a tile URL template ({s} subdomains become a wildcard). */
export function tileOrigin(template: string | null): string | null {
  if (!template) return null;
  try {
    const url = new URL(template.replace('{s}', 'subdomain').replace(/\{[^}]+\}/g, '0'));
    const host = template.includes('{s}') ? url.host.replace('subdomain', '*') : url.host;
    return `${url.protocol}//${host}`;
  } catch {
    return null;
  }
}
