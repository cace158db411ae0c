/**
 * Series pins (planner role): the series a planner keeps through re-planning. Every new plan
 * gets a pinned series' visits from its first date on (docs/planning-model.md).
 */
import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { UUID_PATTERN } from '../../core/ids.ts';
import type { AuthService } from '../../services/auth-service.ts';
import {
  type SeriesPinService,
  type StoredSeriesPin,
  seriesPinInputSchema,
} from '../../services/planning/series-pin-service.ts';
import type { AppEnv } from '../app-env.ts';
import { SESSION_SECURITY } from '../guards.ts';
import { asJson, Problem, problemResponses } from '../schemas.ts';

const UuidParam = z.object({ id: z.string().regex(UUID_PATTERN, 'expected a UUID') });

const SeriesPin = z
  .object({
    id: z.string(),
    venueId: z.string(),
    weekday: z.number().int().min(1).max(5).openapi({ description: 'ISO weekday, Monday = 1' }),
    start: z.string().openapi({ example: '09:30' }),
    end: z.string().openapi({ example: '12:00' }),
    every: z
      .union([z.literal(1), z.literal(2)])
      .openapi({ description: '1: every week; 2: every other week' }),
    since: z.string().openapi({ example: '2026-12-08', format: 'date' }),
    createdAt: z.string(),
  })
  .openapi('SeriesPin', {
    description:
      'A series every new plan keeps: the visit on each matching working day the venue is open, from `since` on (every other week counted from `since`); the planner chooses the advisors.',
  });

export const seriesPinJson = (p: StoredSeriesPin) => ({
  id: p.id,
  venueId: p.venueId as string,
  weekday: p.weekday,
  start: p.start,
  end: p.end,
  every: p.every,
  since: p.since,
  createdAt: new Date(p.createdAtMs).toISOString(),
});

const security = SESSION_SECURITY;
const conflict = {
  409: {
    description: 'The series (venue, weekday, start, end) is pinned already',
    content: { 'application/problem+json': { schema: Problem } },
  },
} as const;

const routes = {
  list: createRoute({
    method: 'get',
    path: '/api/v1/series-pins',
    tags: ['planning'],
    security,
    summary: 'Pinned series, by venue, weekday and time',
    responses: {
      200: { description: 'The pins', content: { 'application/json': { schema: z.array(SeriesPin) } } },
      ...problemResponses,
    },
  }),
  create: createRoute({
    method: 'post',
    path: '/api/v1/series-pins',
    tags: ['planning'],
    security,
    summary: 'Pin a series: every new plan keeps it from its first date on',
    request: {
      body: { required: true, content: { 'application/json': { schema: seriesPinInputSchema } } },
    },
    responses: {
      201: { description: 'Pinned', content: { 'application/json': { schema: SeriesPin } } },
      ...problemResponses,
      ...conflict,
    },
  }),
  remove: createRoute({
    method: 'delete',
    path: '/api/v1/series-pins/{id}',
    tags: ['planning'],
    security,
    summary: 'Unpin a series (plans made before keep their visits)',
    request: { params: UuidParam },
    responses: {
      204: { description: 'Unpinned' },
      ...problemResponses,
    },
  }),
};

export function registerSeriesPinRoutes(
  app: OpenAPIHono<AppEnv>,
  deps: { seriesPins: SeriesPinService; auth: AuthService },
) {
  // Planners only: the access table (src/api/access.ts) says so, and its guard sets the user.
  const user = (c: Context<AppEnv>) => c.get('user');

  app.openapi(routes.list, async (c) =>
    c.json(asJson((await deps.seriesPins.list()).map(seriesPinJson)), 200),
  );
  app.openapi(routes.create, async (c) => {
    const pin = await deps.seriesPins.create(c.req.valid('json'), user(c));
    return c.json(asJson(seriesPinJson(pin)), 201, { location: `/api/v1/series-pins/${pin.id}` });
  });
  app.openapi(routes.remove, async (c) => {
    await deps.seriesPins.remove(c.req.valid('param').id, user(c));
    return c.body(null, 204);
  });
}
