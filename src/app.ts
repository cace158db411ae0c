/**
 * The composition root of the HTTP server: public pages and the JSON API in one Hono app,
 * built by a factory from its dependencies so tests run it in-process with `app.request()`.
 * Nothing here holds state between requests; all state is in the database.
 */

import { getConnInfo } from '@hono/node-server/conninfo';
import { OpenAPIHono } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { secureHeaders } from 'hono/secure-headers';
import { createAccessGuard, isPublicPath } from './api/access.ts';
import { describeForLog } from './api/error-log.ts';
import { handleApiError, registerApiRoutes, validationHook } from './api/http.ts';
import { createOutageGuard } from './api/outage-guard.ts';
import { problem } from './api/problem.ts';
import { createRepositories, pingDatabase } from './db/repositories.ts';
import { isDatabaseUnavailable, type Store } from './db/store.ts';
import { createAccessService } from './services/access-service.ts';
import { createAdvisorService } from './services/advisor-service.ts';
import { createAuditService } from './services/audit-service.ts';
import { OIDC_CALLBACK_PATH, type OidcSettings } from './services/auth/oidc-settings.ts';
import { createAuthService } from './services/auth-service.ts';
import { createServerBookingService } from './services/booking/booking-service.ts';
import { createBookingStaffService } from './services/booking/booking-staff.ts';
import { createCatalogService } from './services/catalog-service.ts';
import { CLIENT_VARIABLE, clientOf, resolveClient } from './services/client.ts';
import { createContactService } from './services/contact-service.ts';
import { createFeedbackService } from './services/feedback-service.ts';
import { createNetworkService } from './services/network-service.ts';
import { createPartnerRequestService } from './services/partner-request-service.ts';
import { createPlanningService } from './services/planning/planning-service.ts';
import { createSeriesPinService } from './services/planning/series-pin-service.ts';
import { createPublicService } from './services/public-service.ts';
import { createRateLimiter, RATE_LIMITED_VARIABLE, type RateRule } from './services/rate-limit.ts';
import { createDistrictNeed } from './services/reports/district-need.ts';
import { createReportService } from './services/reports/report-service.ts';
import { createStaffService } from './services/staff-service.ts';
import { hasControlCharacter } from './services/text.ts';
import { registerBookingPages } from './web/booking-routes.tsx';
import { pageCache } from './web/page-cache.ts';
import { registerPartnerRoutes } from './web/partner-routes.tsx';
import {
  type Refusal,
  refusalDetail,
  registerWebRoutes,
  renderNotFoundPage,
  renderRefusalPage,
} from './web/routes.tsx';
import { staffAccessPages } from './web/staff/access-pages.tsx';
import { registerAdminRoutes } from './web/staff/admin-routes.tsx';
import { registerAdvisorRoutes } from './web/staff/advisor-routes.tsx';
import { registerBookingStaffRoutes } from './web/staff/booking-staff-routes.tsx';
import { createOidcClient, registerOidcRoutes } from './web/staff/oidc.ts';
import { registerReportPages } from './web/staff/report-routes.tsx';
import { type MapConfig, registerStaffRoutes, tileOrigin } from './web/staff/routes.tsx';

export interface AppDeps {
  readonly store: Store;
  /** Map tiles for staff maps; without them maps show areas on a plain background. */
  readonly map?: MapConfig;
  /** Clock in epoch milliseconds; tests pass a fixed one. */
  readonly now?: () => number;
  /** Seconds a rendered public page may be reused by this process; 0 (default) renders every time. */
  readonly pageCacheSeconds?: number;
  /** Receives unexpected errors (bugs); defaults to stderr. Never shown to the client. */
  readonly logError?: (error: unknown) => void;
  /**
   * How many proxies in front of the server append to `X-Forwarded-For` and set
   * `X-Forwarded-Proto` (NEUVO_TRUST_PROXY); 0 (default): the socket's address is the client's.
   */
  readonly trustedProxies?: number;
  /** Mark the session cookie `Secure` whatever the request says (NEUVO_COOKIE_SECURE=1). */
  readonly cookieSecure?: boolean;
  /** Minutes a staff session may go unused (NEUVO_SESSION_IDLE_MINUTES; default 60). */
  readonly sessionIdleMinutes?: number;
  /**
   * The site's public origin for absolute URLs (NEUVO_PUBLIC_URL), or a function giving it once
   * known (the CLI learns its port when it listens); default http://localhost:3000.
   */
  readonly publicUrl?: string | (() => string);
  /** Days after its visit a booking's personal fields are kept (NEUVO_BOOKING_RETENTION_DAYS; default 30). */
  readonly bookingRetentionDays?: number;
  /** Reports show no count of contacts below this (NEUVO_REPORT_THRESHOLD; default 5). */
  readonly reportThreshold?: number;
  /** Days feedback messages are kept (NEUVO_FEEDBACK_RETENTION_DAYS; default 730). */
  readonly feedbackRetentionDays?: number;
  /**
   * Days a partner request's personal fields are kept after its preferred weeks end or its last
   * decision (NEUVO_PARTNER_RETENTION_DAYS; default 365).
   */
  readonly partnerRequestRetentionDays?: number;
  /** Per-client rate limits (default RATE_RULES). */
  readonly rateRules?: readonly RateRule[];
  /** Sign-in through the city's OpenID Connect provider (NEUVO_OIDC_*); none: local accounts only. */
  readonly oidc?: OidcSettings | null;
}

/** /health waits this long for the database before it answers "degraded". */
export const HEALTH_TIMEOUT_MS = 1000;

/** While the database is away, at most one request this often checks whether it is back. */
export const OUTAGE_PROBE_MS = 2000;

/** The largest request body any route takes: forms and the API's JSON (imports go through the CLI). */
export const BODY_LIMIT_KB = 64;

export function createApp(deps: AppDeps): OpenAPIHono {
  const now = deps.now ?? (() => Date.now());
  // Only what describeForLog lets through reaches the log: no form content, no personal data.
  const log = deps.logError ?? ((line: unknown) => console.error(line));
  const logError = (e: unknown) => log(describeForLog(e));
  let unavailableLoggedAt = Number.NEGATIVE_INFINITY;
  const repos = createRepositories(deps.store.db);
  const catalog = createCatalogService({ repos, now });
  const access = createAccessService({ repos, now });
  const network = createNetworkService({ repos, access });
  const auth = createAuthService({
    store: deps.store,
    repos,
    now,
    ...(deps.sessionIdleMinutes ? { idleMinutes: deps.sessionIdleMinutes } : {}),
  });
  const planning = createPlanningService({ store: deps.store, repos, access, now });
  const seriesPins = createSeriesPinService({ store: deps.store, repos, now });
  const audit = createAuditService({ store: deps.store, repos, now });
  const contacts = createContactService({ store: deps.store, repos, now });
  const publicSite = createPublicService({ repos, access, now });
  const publicUrl = deps.publicUrl;
  const origin: () => string =
    typeof publicUrl === 'function' ? publicUrl : () => publicUrl ?? 'http://localhost:3000';
  const bookings = createServerBookingService({
    store: deps.store,
    repos,
    now,
    origin,
    ...(deps.bookingRetentionDays ? { retentionDays: deps.bookingRetentionDays } : {}),
  });
  const bookingStaff = createBookingStaffService({ store: deps.store, repos, now, bookings });
  const partnerRequests = createPartnerRequestService({
    store: deps.store,
    repos,
    now,
    languages: async () => (await publicSite.reference()).languages,
    statusUrl: (lang, token) => `${origin()}${lang === 'fi' ? '' : `/${lang}`}/partners/requests/${token}`,
    ...(deps.partnerRequestRetentionDays ? { retentionDays: deps.partnerRequestRetentionDays } : {}),
  });
  const reports = createReportService({
    repos,
    now,
    ...(deps.reportThreshold ? { threshold: deps.reportThreshold } : {}),
    need: createDistrictNeed({ repos, access, now }),
  });
  const map = deps.map ?? { tiles: null, attribution: '' };

  const app = new OpenAPIHono({ defaultHook: validationHook });

  // First of all: who is asking (address and HTTPS, through trusted proxies only).
  app.use('*', async (c, next) => {
    let socketAddress: string | undefined;
    try {
      socketAddress = getConnInfo(c).remote.address;
    } catch {
      // A request made in-process (tests) has no socket.
    }
    c.set(
      CLIENT_VARIABLE as never,
      resolveClient({
        socketAddress,
        forwardedFor: c.req.header('x-forwarded-for'),
        forwardedProto: c.req.header('x-forwarded-proto'),
        protocol: new URL(c.req.url).protocol,
        trustedProxies: deps.trustedProxies ?? 0,
        alwaysSecure: deps.cookieSecure ?? false,
      }) as never,
    );
    await next();
  });

  const csp = (
    staff: boolean,
    referrerPolicy: 'strict-origin-when-cross-origin' | 'same-origin' = 'strict-origin-when-cross-origin',
  ) => {
    const tiles = tileOrigin(map.tiles);
    return secureHeaders({
      contentSecurityPolicy: {
        defaultSrc: ["'self'"],
        imgSrc: ["'self'", 'data:', ...(tiles ? [tiles] : [])],
        // Staff charts set SVG style attributes; public pages allow no inline style at all.
        styleSrc: staff ? ["'self'", "'unsafe-inline'"] : ["'self'"],
        scriptSrc: ["'self'"],
        connectSrc: ["'self'"],
        objectSrc: ["'none'"],
        frameAncestors: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
      },
      referrerPolicy,
      crossOriginEmbedderPolicy: false,
    });
  };
  const acceptsHtml = (c: Context) => (c.req.header('accept') ?? '').includes('text/html');
  /** A refusal as an HTML page for a browser, else a problem in the path's language. */
  const refuse = (c: Context, refusal: Refusal) => {
    const path = new URL(c.req.url).pathname;
    if (refusal.status === 429) c.header('retry-after', String(refusal.retryAfterSeconds));
    // The rest of an oversized body is not read: the connection closes after the answer.
    if (refusal.status === 413) c.header('connection', 'close');
    if (!path.startsWith('/api/') && acceptsHtml(c)) return renderRefusalPage(c, refusal);
    return problem(c, refusal.status, refusalDetail(path, refusal).detail);
  };
  // Outermost: public GETs carry a validator and, with a cache time, are rendered at most once
  // per that time; a cached answer keeps the security headers it was rendered with.
  app.use(
    '*',
    pageCache({
      ttlSeconds: deps.pageCacheSeconds ?? 0,
      skip: (path) =>
        /^\/(api|health)|^\/(sv\/|en\/)?(planner|advisor|login|logout|feedback|partners\/requests\/)/.test(
          path,
        ) ||
        // Booking forms show the seats free now; a booking's page is private.
        /^\/(sv\/|en\/)?(bookings\/|visits\/[^/]+\/book)/.test(path) ||
        // Nothing behind a sign-in is ever cached (the access guard runs after the cache).
        !isPublicPath(path),
    }),
  );
  const publicHeaders = csp(false);
  const staffHeaders = csp(true);
  // A booking's private link is in its pages' address: no other site may learn it. (Not
  // no-referrer: the browser would then send `Origin: null` with the page's own form posts.)
  const privateLinkHeaders = csp(false, 'same-origin');
  app.use('*', (c, next) => {
    const path = new URL(c.req.url).pathname;
    if (/^\/(sv\/|en\/)?planner(\/|$)/.test(path)) return staffHeaders(c, next);
    if (/^\/(sv\/|en\/)?bookings\//.test(path)) return privateLinkHeaders(c, next);
    return publicHeaders(c, next);
  });

  // An address with a control character (%00 …) or a broken escape names no page: 400.
  app.use('*', async (c, next) => {
    const url = new URL(c.req.url);
    let decoded: string;
    try {
      decoded = decodeURIComponent(url.pathname) + decodeURIComponent(url.search.replace(/\+/g, ' '));
    } catch {
      return refuse(c, { status: 400 });
    }
    if (hasControlCharacter(decoded, false)) return refuse(c, { status: 400 });
    await next();
    return undefined;
  });

  // Then the limits: a body too large, a client asking too often.
  app.use(
    '*',
    bodyLimit({
      maxSize: BODY_LIMIT_KB * 1024,
      onError: (c) => refuse(c, { status: 413, maxKb: BODY_LIMIT_KB }),
    }),
  );
  // While the database is known to be away, answer 503 at once (one probe every 2 s).
  const probeDatabase = () =>
    Promise.race([
      pingDatabase(deps.store),
      new Promise<boolean>((resolve) => setTimeout(() => resolve(false), HEALTH_TIMEOUT_MS).unref()),
    ]);
  const outage = createOutageGuard({
    probe: probeDatabase,
    probeEveryMs: OUTAGE_PROBE_MS,
    clock: () => performance.now(),
  });
  /** The database is away: answer 503 at once from now on, and log it once a minute. */
  const reportOutage = (error: unknown) => {
    outage.markDown();
    if (performance.now() - unavailableLoggedAt > 60_000) {
      unavailableLoggedAt = performance.now();
      log(typeof error === 'string' ? error : describeForLog(error));
    }
  };
  app.use('*', async (c, next) => {
    const path = new URL(c.req.url).pathname;
    if (path !== '/health' && !path.startsWith('/assets/') && (await outage.refuseNow()))
      return refuse(c, { status: 503 });
    await next();
    return undefined;
  });
  const limiter = createRateLimiter({
    store: deps.store,
    now,
    ...(deps.rateRules ? { rules: deps.rateRules } : {}),
  });
  app.use('*', async (c, next) => {
    const rule = limiter.ruleFor(c.req.method, new URL(c.req.url).pathname);
    if (rule) {
      const verdict = await limiter.hit(rule, clientOf(c).address);
      if (!verdict.allowed) {
        // A browser's form post is answered by its own page, with what was typed kept.
        if (!(rule.formKeepsInput && acceptsHtml(c)))
          return refuse(c, { status: 429, retryAfterSeconds: verdict.retryAfterSeconds });
        c.header('retry-after', String(verdict.retryAfterSeconds));
        c.set(RATE_LIMITED_VARIABLE as never, verdict.retryAfterSeconds as never);
      }
    }
    await next();
    return undefined;
  });

  // Who may call what: one table (src/api/access.ts) for every staff page and API route.
  app.use('*', createAccessGuard(auth, staffAccessPages));

  app.get('/health', async (c) => {
    // A database that hangs is reported as degraded within a second, not waited for.
    const reachable = await probeDatabase();
    if (reachable) outage.markUp();
    else reportOutage(`database unreachable: no answer to /health's probe within ${HEALTH_TIMEOUT_MS} ms`);
    return c.json(
      { status: reachable ? 'ok' : 'degraded', database: deps.store.kind, databaseReachable: reachable },
      reachable ? 200 : 503,
    );
  });

  registerApiRoutes(app, {
    catalog,
    access,
    network,
    planning,
    seriesPins,
    contacts,
    bookings,
    auth,
    reports,
  });
  const feedback = createFeedbackService({
    store: deps.store,
    ...(deps.feedbackRetentionDays ? { retentionDays: deps.feedbackRetentionDays } : {}),
  });
  registerWebRoutes(app, {
    catalog,
    publicSite,
    feedback,
    now,
    map,
    publicUrl:
      typeof deps.publicUrl === 'function'
        ? deps.publicUrl
        : () => (deps.publicUrl as string | undefined) ?? 'http://localhost:3000',
  });
  registerBookingPages(app, { bookings, publicSite, now, publicUrl: origin });
  registerStaffRoutes(app, {
    auth,
    access,
    network,
    planning,
    seriesPins,
    catalog,
    map,
    now,
    feedback,
    partnerRequests,
    bookings,
    oidcProvider: deps.oidc?.providerName,
  });
  registerBookingStaffRoutes(app, { bookingStaff });
  registerReportPages(app, { reports, now });
  registerAdminRoutes(app, {
    staff: createStaffService({ store: deps.store, repos, now }),
    audit,
    catalog,
    oidcProvider: deps.oidc?.providerName,
    forbidden: staffAccessPages.forbidden,
  });
  const oidc = deps.oidc ?? null;
  registerOidcRoutes(app, {
    oidc: oidc
      ? createOidcClient(oidc, {
          now,
          redirectUri: () => oidc.redirectUri ?? `${origin()}${OIDC_CALLBACK_PATH}`,
        })
      : null,
    auth,
    now,
    log: (line) => log(line),
  });

  registerAdvisorRoutes(app, {
    auth,
    contacts,
    bookingStaff,
    now,
    advisor: createAdvisorService({
      store: deps.store,
      repos,
      now,
      publicSite,
    }),
  });

  registerPartnerRoutes(app, { partnerRequests, publicSite });

  app.notFound((c) => {
    const path = new URL(c.req.url).pathname;
    if (path.startsWith('/api/') || !(c.req.header('accept') ?? '').includes('text/html')) {
      return problem(c, 404, `no route for ${c.req.method} ${path}`);
    }
    return renderNotFoundPage(c, path);
  });

  app.onError((error, c) => {
    if (isDatabaseUnavailable(error)) {
      // The database is away or hangs: say so (an HTML page or a problem).
      reportOutage(error);
      return refuse(c, { status: 503 });
    }
    return handleApiError(error, c, logError);
  });

  return app;
}
