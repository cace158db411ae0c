/**
 * The composition root of the HTTP server: public pages and the JSON API in one Hono app,
 * built by a factory from its dependencies so tests run it in-process with `app.request()`.
 * Nothing here holds state between requests; all state is in the database.
 */

import { OpenAPIHono } from '@hono/zod-openapi';
import { createAccessGuard } from './api/access.ts';
import type { AppEnv } from './api/app-env.ts';
import { describeForLog } from './api/error-log.ts';
import { registerApiRoutes, validationHook } from './api/http.ts';
import { createDatabaseHealth } from './app/database-health.ts';
import { answerNotFound, createErrorHandler } from './app/refusals.ts';
import {
  cachePublicPages,
  enforceRateLimits,
  identifyClient,
  limitBodySize,
  refuseWhileDatabaseDown,
  rejectUnreadableAddress,
} from './app/request-pipeline.ts';
import { securityHeaders } from './app/security-headers.ts';
import { createAppServices } from './app/services.ts';
import type { Store } from './db/store.ts';
import { createAdvisorService } from './services/advisor-service.ts';
import { OIDC_CALLBACK_PATH, type OidcSettings } from './services/auth/oidc-settings.ts';
import { createFeedbackService } from './services/feedback-service.ts';
import { createRateLimiter, type RateRule } from './services/rate-limit.ts';
import { createStaffService } from './services/staff-service.ts';
import { createBookingPages } from './web/booking-routes.tsx';
import { createPartnerRoutes } from './web/partner-routes.tsx';
import { createWebRoutes } from './web/routes.tsx';
import { staffAccessPages } from './web/staff/access-pages.tsx';
import { createAdminRoutes } from './web/staff/admin-routes.tsx';
import { createAdvisorRoutes } from './web/staff/advisor-routes.tsx';
import { createBookingStaffRoutes } from './web/staff/booking-staff-routes.tsx';
import { createOidcClient, createOidcRoutes } from './web/staff/oidc.ts';
import { createReportPages } from './web/staff/report-routes.tsx';
import { createStaffRoutes, type MapConfig } from './web/staff/routes.tsx';

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

export function createApp(deps: AppDeps): OpenAPIHono<AppEnv> {
  const now = deps.now ?? (() => Date.now());
  // Only what describeForLog lets through reaches the log: no form content, no personal data.
  const log = deps.logError ?? ((line: unknown) => console.error(line));
  const logError = (e: unknown) => log(describeForLog(e));
  const publicUrl = deps.publicUrl;
  const origin: () => string =
    typeof publicUrl === 'function' ? publicUrl : () => publicUrl ?? 'http://localhost:3000';
  const {
    repos,
    catalog,
    access,
    network,
    auth,
    planning,
    seriesPins,
    audit,
    contacts,
    publicSite,
    bookings,
    bookingStaff,
    partnerRequests,
    reports,
    city,
  } = createAppServices(deps, now, origin);
  const map = deps.map ?? { tiles: null, attribution: '' };
  const database = createDatabaseHealth({
    store: deps.store,
    timeoutMs: HEALTH_TIMEOUT_MS,
    probeEveryMs: OUTAGE_PROBE_MS,
    log,
  });

  const app = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });

  // First of all: who is asking (address and HTTPS, through trusted proxies only).
  app.use('*', identifyClient(deps));
  // Outermost: public GETs carry a validator and, with a cache time, are rendered at most once
  // per that time; a cached answer keeps the security headers it was rendered with.
  app.use('*', cachePublicPages(deps.pageCacheSeconds ?? 0));
  app.use('*', securityHeaders(map));
  app.use('*', rejectUnreadableAddress);
  // Then the limits: a body too large, the database away (503 at once), a client asking too often.
  app.use('*', limitBodySize(BODY_LIMIT_KB));
  app.use('*', refuseWhileDatabaseDown(database.outage));
  app.use(
    '*',
    enforceRateLimits(
      createRateLimiter({ store: deps.store, now, ...(deps.rateRules ? { rules: deps.rateRules } : {}) }),
    ),
  );
  // Who may call what: one table (src/api/access.ts) for every staff page and API route.
  app.use('*', createAccessGuard(auth, staffAccessPages));

  app.get('/health', database.answerHealth);

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
  app.route(
    '/',
    createWebRoutes({
      catalog,
      publicSite,
      city,
      feedback,
      now,
      map,
      publicUrl:
        typeof deps.publicUrl === 'function'
          ? deps.publicUrl
          : () => (deps.publicUrl as string | undefined) ?? 'http://localhost:3000',
    }),
  );
  app.route('/', createBookingPages({ bookings, publicSite, city, now, publicUrl: origin }));
  app.route(
    '/',
    createStaffRoutes({
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
    }),
  );
  app.route('/', createBookingStaffRoutes({ bookingStaff }));
  app.route('/', createReportPages({ reports, now }));
  app.route(
    '/',
    createAdminRoutes({
      staff: createStaffService({ store: deps.store, repos, now }),
      city,
      audit,
      catalog,
      oidcProvider: deps.oidc?.providerName,
      forbidden: staffAccessPages.forbidden,
    }),
  );
  const oidc = deps.oidc ?? null;
  app.route(
    '/',
    createOidcRoutes({
      oidc: oidc
        ? createOidcClient(oidc, {
            now,
            redirectUri: () => oidc.redirectUri ?? `${origin()}${OIDC_CALLBACK_PATH}`,
          })
        : null,
      auth,
      now,
      log: (line) => log(line),
    }),
  );

  app.route(
    '/',
    createAdvisorRoutes({
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
    }),
  );

  app.route('/', createPartnerRoutes({ partnerRequests, publicSite, city }));

  app.notFound(answerNotFound);
  app.onError(createErrorHandler({ reportOutage: database.reportOutage, logError }));

  return app;
}
