/**
 * The JSON API: validation hook, error mapping to problem responses, and route registration.
 * Composed with the web pages into one application in src/app.ts.
 */

import type { OpenAPIHono } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { ZodError } from 'zod';
import type { AccessService } from '../services/access-service.ts';
import { type AuthService, SESSION_COOKIE } from '../services/auth-service.ts';
import type { BookingService } from '../services/booking/booking-service.ts';
import type { CatalogService } from '../services/catalog-service.ts';
import type { ContactService } from '../services/contact-service.ts';
import {
  ConflictError,
  DomainError,
  ForbiddenError,
  InvalidInputError,
  NotFoundError,
} from '../services/errors.ts';
import type { NetworkService } from '../services/network-service.ts';
import type { PlanningService } from '../services/planning/planning-service.ts';
import type { SeriesPinService } from '../services/planning/series-pin-service.ts';
import type { ReportService } from '../services/reports/report-service.ts';
import type { AppEnv } from './app-env.ts';
import { problem } from './problem.ts';
import { registerBookingRoutes } from './routes/bookings.ts';
import { registerContactRoutes } from './routes/contacts.ts';
import { registerNetworkRoutes } from './routes/network.ts';
import { registerPlanningRoutes } from './routes/planning.ts';
import { registerReferenceDataRoutes } from './routes/reference-data.ts';
import { registerReportRoutes } from './routes/reports.ts';
import { registerScenarioRoutes } from './routes/scenarios.ts';
import { registerSeriesPinRoutes } from './routes/series-pins.ts';

export const API_INFO = {
  title: 'neuvo API',
  version: '1.0.0',
  description:
    'Customer-service network of a city: areas and target groups, fixed service points, venues of the mobile advisory service, advisors, topics. All times are Europe/Helsinki wall-clock.',
  license: { name: 'MIT', identifier: 'MIT' },
};

function validationErrors(error: ZodError, target: string) {
  const where = target === 'param' ? 'path' : target;
  return error.issues.flatMap((i) => {
    if (i.code === 'unrecognized_keys') {
      return i.keys.map((k) => ({ in: where, name: k, message: 'unknown parameter' }));
    }
    // A JSON path: `rules.allowNearFixedPoint[2]`.
    const name = i.path
      .map((p, k) => (typeof p === 'number' ? `[${p}]` : `${k > 0 ? '.' : ''}${String(p)}`))
      .join('');
    return [{ in: where, name, message: i.message }];
  });
}

/** Turns a failed zod validation of a request part into a 400 problem naming each parameter. */
export function validationHook(
  result: { success: true } | { success: false; error: unknown; target: string },
  c: Context,
): Response | undefined {
  if (result.success) return undefined;
  const errors = validationErrors(result.error as ZodError, result.target);
  const detail = errors.map((e) => `${e.in} parameter "${e.name}": ${e.message}`).join('; ');
  return problem(c, 400, detail, errors);
}

/** Maps domain errors to problem responses; anything else is a bug, logged and answered 500. */
export function handleApiError(error: Error, c: Context, logError: (e: unknown) => void): Response {
  if (error instanceof NotFoundError) return problem(c, 404, error.message);
  if (error instanceof InvalidInputError) {
    return problem(
      c,
      400,
      error.message,
      error.target
        ? [{ in: c.req.method === 'GET' ? 'query' : 'body', name: error.target, message: error.message }]
        : undefined,
    );
  }
  if (error instanceof ConflictError) return problem(c, 409, error.message);
  if (error instanceof ForbiddenError) return problem(c, 403, error.message);
  if (error instanceof DomainError) return problem(c, 400, error.message);
  if (error instanceof HTTPException) return problem(c, error.status as ContentfulStatusCode, error.message);
  logError(error);
  return problem(c, 500, 'An unexpected error occurred. It has been logged.');
}

export function registerApiRoutes(
  app: OpenAPIHono<AppEnv>,
  deps: {
    catalog: CatalogService;
    access: AccessService;
    network: NetworkService;
    planning: PlanningService;
    seriesPins: SeriesPinService;
    contacts: ContactService;
    bookings: BookingService;
    auth: AuthService;
    reports: ReportService;
  },
): void {
  registerReferenceDataRoutes(app, deps.catalog);
  registerScenarioRoutes(app, deps.access);
  registerNetworkRoutes(app, deps.network, deps.auth);
  app.openAPIRegistry.registerComponent('securitySchemes', 'session', {
    type: 'apiKey',
    in: 'cookie',
    name: SESSION_COOKIE,
    description: 'The staff session cookie set by logging in on /login.',
  });
  registerPlanningRoutes(app, { planning: deps.planning, auth: deps.auth });
  registerSeriesPinRoutes(app, { seriesPins: deps.seriesPins, auth: deps.auth });
  registerContactRoutes(app, { contacts: deps.contacts });
  registerBookingRoutes(app, { bookings: deps.bookings });
  registerReportRoutes(app, { reports: deps.reports });
  app.get('/api/openapi.json', (c) => c.json(buildOpenApiDocument(app)));
}

/** The OpenAPI 3.1 document of every JSON route. */
export function buildOpenApiDocument(app: OpenAPIHono<AppEnv>) {
  return app.getOpenAPI31Document({ openapi: '3.1.0', info: API_INFO });
}
