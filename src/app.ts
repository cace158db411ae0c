/**
 * The composition root of the HTTP server: public pages and the JSON API in one Hono app,
 * built by a factory from its dependencies so tests run it in-process with `app.request()`.
 * Nothing here holds state between requests; all state is in the database.
 */
import { OpenAPIHono } from '@hono/zod-openapi';
import { secureHeaders } from 'hono/secure-headers';
import { handleApiError, registerApiRoutes, validationHook } from './api/http.ts';
import { problem } from './api/problem.ts';
import { createRepositories, pingDatabase } from './db/repositories.ts';
import type { Store } from './db/store.ts';
import { createAccessService } from './services/access-service.ts';
import { createAuthService } from './services/auth-service.ts';
import { createCatalogService } from './services/catalog-service.ts';
import { createFeedbackService } from './services/feedback-service.ts';
import { createNetworkService } from './services/network-service.ts';
import { createPlanningService } from './services/planning/planning-service.ts';
import { createPublicService } from './services/public-service.ts';
import { pageCache } from './web/page-cache.ts';
import { registerWebRoutes, renderNotFoundPage } from './web/routes.tsx';
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
}

export function createApp(deps: AppDeps): OpenAPIHono {
  const now = deps.now ?? (() => Date.now());
  const logError = deps.logError ?? ((e: unknown) => console.error(e));
  const repos = createRepositories(deps.store.db);
  const catalog = createCatalogService({ repos, now });
  const access = createAccessService({ repos, now });
  const network = createNetworkService({ repos, access });
  const auth = createAuthService({ store: deps.store, repos, now });
  const planning = createPlanningService({ store: deps.store, repos, access });
  const map = deps.map ?? { tiles: null, attribution: '' };

  const app = new OpenAPIHono({ defaultHook: validationHook });

  const csp = (staff: boolean) => {
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
      referrerPolicy: 'strict-origin-when-cross-origin',
      crossOriginEmbedderPolicy: false,
    });
  };
  // Outermost: public GETs carry a validator and, with a cache time, are rendered at most once
  // per that time; a cached answer keeps the security headers it was rendered with.
  app.use(
    '*',
    pageCache({
      ttlSeconds: deps.pageCacheSeconds ?? 0,
      skip: (path) => /^\/(api|health)|^\/(sv\/|en\/)?(planner|login|logout|feedback)/.test(path),
    }),
  );
  const publicHeaders = csp(false);
  const staffHeaders = csp(true);
  app.use('*', (c, next) =>
    /^\/(sv\/|en\/)?planner(\/|$)/.test(new URL(c.req.url).pathname)
      ? staffHeaders(c, next)
      : publicHeaders(c, next),
  );

  app.get('/health', async (c) => {
    const reachable = await pingDatabase(deps.store);
    return c.json(
      { status: reachable ? 'ok' : 'degraded', database: deps.store.kind, databaseReachable: reachable },
      reachable ? 200 : 503,
    );
  });

  registerApiRoutes(app, { catalog, access, network, planning, auth });
  const feedback = createFeedbackService({ store: deps.store });
  registerWebRoutes(app, {
    catalog,
    publicSite: createPublicService({ repos, access, now }),
    feedback,
    now,
    map,
  });
  registerStaffRoutes(app, { auth, access, network, planning, catalog, map, now, feedback });

  app.notFound((c) => {
    const path = new URL(c.req.url).pathname;
    if (path.startsWith('/api/') || !(c.req.header('accept') ?? '').includes('text/html')) {
      return problem(c, 404, `no route for ${c.req.method} ${path}`);
    }
    return renderNotFoundPage(c, path);
  });

  app.onError((error, c) => handleApiError(error, c, logError));

  return app;
}
