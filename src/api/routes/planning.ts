/**
 * The visit planner's API (planner role): planning jobs with progress (JSON and a server-sent
 * event stream), cancel, plan versions with their explanation and changes, and publication.
 */
import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { streamSSE } from 'hono/streaming';
import { isUuid, UUID_PATTERN } from '../../core/ids.ts';
import type { AuthService } from '../../services/auth-service.ts';
import { NotFoundError } from '../../services/errors.ts';
import type { PlanJob, PlanVersion } from '../../services/planning/planning-service.ts';
import { type PlanningService, planJobRequestSchema } from '../../services/planning/planning-service.ts';
import type { AppEnv } from '../app-env.ts';
import { SESSION_SECURITY } from '../guards.ts';
import { asJson, problemResponses } from '../schemas.ts';

const UuidParam = z.object({ id: z.string().regex(UUID_PATTERN, 'expected a UUID') });

const Progress = z
  .object({
    elapsedSeconds: z.number(),
    incumbent: z.number().nullable(),
    bound: z.number().nullable(),
    gap: z.number().nullable(),
    phase: z.string(),
  })
  .nullable()
  .openapi('PlanProgress');

const Job = z
  .object({
    id: z.string(),
    kind: z.enum(['plan', 'repair']),
    status: z.enum(['queued', 'running', 'succeeded', 'failed', 'cancelled']),
    request: z.record(z.string(), z.any()),
    progress: Progress,
    planId: z.string().nullable(),
    error: z.string().nullable(),
    attempts: z.number().int(),
    cancelRequested: z.boolean(),
    createdAt: z.string(),
    startedAt: z.string().nullable(),
    finishedAt: z.string().nullable(),
  })
  .openapi('PlanJob');

const Plan = z
  .object({
    id: z.string(),
    kind: z.enum(['plan', 'repair']),
    status: z.enum(['draft', 'published', 'superseded']),
    horizonFrom: z.string(),
    horizonTo: z.string(),
    solver: z.string().nullable(),
    objective: z.number().nullable(),
    bound: z.number().nullable(),
    gap: z.number().nullable(),
    optimal: z.boolean().nullable(),
    seconds: z.number().nullable(),
    createdAt: z.string(),
    publishedAt: z.string().nullable(),
  })
  .openapi('Plan');

const PlanVisit = z
  .object({
    id: z.string(),
    venueId: z.string(),
    date: z.string(),
    start: z.string(),
    end: z.string(),
    advisorIds: z.array(z.string()),
    status: z.enum(['planned', 'published', 'cancelled']),
    change: z.enum(['added', 'kept', 'restaffed']),
    explanation: z.any(),
  })
  .openapi('PlanVisit');

const PlanDetail = z
  .object({
    plan: Plan,
    visits: z.array(PlanVisit),
    cancelled: z.array(
      z.object({
        id: z.string(),
        venueId: z.string(),
        date: z.string(),
        start: z.string(),
        reason: z.string(),
      }),
    ),
    changes: z.object({
      kept: z.array(z.string()),
      restaffed: z.array(
        z.object({ visitId: z.string(), advisorIds: z.array(z.string()), previous: z.array(z.string()) }),
      ),
      cancelled: z.array(z.object({ visitId: z.string(), reason: z.string() })),
      added: z.number().int(),
    }),
    summary: z.any().openapi({
      description:
        'Objective by term, notes, problems, visits per district and week, advisor minutes, what-ifs; `rules`: the rhythm rules the plan was made with (product defaults ← city defaults ← the request’s); `seriesPins`: the series pins it kept (`kept`, ids) and those left out (`leftOut`: id, venueId, reason).',
    }),
  })
  .openapi('PlanDetail');

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());
export const jobJson = (j: PlanJob) => ({
  id: j.id,
  kind: j.kind,
  status: j.status,
  request: j.request as Record<string, unknown>,
  progress: (j.progress as z.infer<typeof Progress>) ?? null,
  planId: j.planId,
  error: j.error,
  attempts: j.attempts,
  cancelRequested: j.cancelRequested,
  createdAt: new Date(j.createdAtMs).toISOString(),
  startedAt: iso(j.startedAtMs),
  finishedAt: iso(j.finishedAtMs),
});
const planJson = (p: PlanVersion) => ({
  id: p.id,
  kind: p.kind,
  status: p.status,
  horizonFrom: p.horizonFrom,
  horizonTo: p.horizonTo,
  solver: p.solver,
  objective: p.objective,
  bound: p.bound,
  gap: p.gap,
  optimal: p.optimal,
  seconds: p.seconds,
  createdAt: new Date(p.createdAtMs).toISOString(),
  publishedAt: iso(p.publishedAtMs),
});

const security = SESSION_SECURITY;
const idOf = (c: Context) => {
  const id = c.req.param('id') ?? '';
  if (!isUuid(id)) throw new NotFoundError(`no such id "${id}"`, 'id');
  return id;
};

const routes = {
  createJob: createRoute({
    method: 'post',
    path: '/api/v1/plan-jobs',
    tags: ['planning'],
    security,
    summary: 'Start a planning job: a new plan for a horizon, or a repair after an absence or a closed venue',
    request: {
      body: {
        required: true,
        // Discriminated by `kind`, so a bad field is named within the kind of job asked for.
        content: { 'application/json': { schema: planJobRequestSchema } },
      },
    },
    responses: {
      202: { description: 'Queued', content: { 'application/json': { schema: Job } } },
      ...problemResponses,
    },
  }),
  listJobs: createRoute({
    method: 'get',
    path: '/api/v1/plan-jobs',
    tags: ['planning'],
    security,
    summary: 'Recent planning jobs',
    responses: {
      200: { description: 'Jobs, newest first', content: { 'application/json': { schema: z.array(Job) } } },
      ...problemResponses,
    },
  }),
  getJob: createRoute({
    method: 'get',
    path: '/api/v1/plan-jobs/{id}',
    tags: ['planning'],
    security,
    summary: 'A planning job: status, progress (elapsed, incumbent, bound, gap), its plan when done',
    request: { params: UuidParam },
    responses: {
      200: { description: 'The job', content: { 'application/json': { schema: Job } } },
      ...problemResponses,
    },
  }),
  cancelJob: createRoute({
    method: 'post',
    path: '/api/v1/plan-jobs/{id}/cancel',
    tags: ['planning'],
    security,
    summary: 'Cancel a queued or running job (no plan is written)',
    request: { params: UuidParam },
    responses: {
      200: { description: 'The job', content: { 'application/json': { schema: Job } } },
      ...problemResponses,
    },
  }),
  listPlans: createRoute({
    method: 'get',
    path: '/api/v1/plans',
    tags: ['planning'],
    security,
    summary: 'Plan versions, newest first',
    responses: {
      200: { description: 'Plans', content: { 'application/json': { schema: z.array(Plan) } } },
      ...problemResponses,
    },
  }),
  getPlan: createRoute({
    method: 'get',
    path: '/api/v1/plans/{id}',
    tags: ['planning'],
    security,
    summary: 'A plan: its whole schedule, what publishing it changes, and the explanation',
    request: { params: UuidParam },
    responses: {
      200: { description: 'The plan', content: { 'application/json': { schema: PlanDetail } } },
      ...problemResponses,
    },
  }),
  geojson: createRoute({
    method: 'get',
    path: '/api/v1/plans/{id}/geojson',
    tags: ['planning'],
    security,
    summary: 'The plan on a map: areas with how many of its visits reach them, venues with their visits',
    request: { params: UuidParam },
    responses: {
      200: {
        description: 'GeoJSON (RFC 7946), WGS84',
        content: {
          'application/geo+json': {
            schema: z.object({ type: z.literal('FeatureCollection'), features: z.array(z.any()) }),
          },
        },
      },
      ...problemResponses,
    },
  }),
  publish: createRoute({
    method: 'post',
    path: '/api/v1/plans/{id}/publish',
    tags: ['planning'],
    security,
    summary:
      'Publish a draft: its visits become the public schedule; replaced visits are cancelled with a reason',
    request: { params: UuidParam },
    responses: {
      200: { description: 'The published plan', content: { 'application/json': { schema: Plan } } },
      ...problemResponses,
    },
  }),
};

export function registerPlanningRoutes(
  app: OpenAPIHono<AppEnv>,
  deps: { planning: PlanningService; auth: AuthService },
) {
  // Planners only: the access table (src/api/access.ts) says so, and its guard sets the user.
  const user = (c: Context<AppEnv>) => c.get('user');
  const who = (c: Context<AppEnv>) => user(c)?.email ?? null;

  app.openapi(routes.createJob, async (c) => {
    const job = await deps.planning.enqueue(c.req.valid('json'), who(c), user(c));
    return c.json(asJson(jobJson(job)), 202, { location: `/api/v1/plan-jobs/${job.id}` });
  });
  app.openapi(routes.listJobs, async (c) =>
    c.json(asJson((await deps.planning.listJobs(50)).map(jobJson)), 200),
  );
  app.openapi(routes.getJob, async (c) => c.json(asJson(jobJson(await deps.planning.getJob(idOf(c)))), 200));
  app.openapi(routes.cancelJob, async (c) =>
    c.json(asJson(jobJson(await deps.planning.cancelJob(idOf(c), user(c)))), 200),
  );
  app.openapi(routes.listPlans, async (c) =>
    c.json(asJson((await deps.planning.listPlans(50)).map(planJson)), 200),
  );
  app.openapi(routes.getPlan, async (c) => {
    const d = await deps.planning.getPlan(idOf(c));
    return c.json(
      asJson({
        plan: planJson(d.plan),
        visits: d.visits.map((v) => ({
          id: v.id,
          venueId: v.venueId,
          date: v.date,
          start: v.start,
          end: v.end,
          advisorIds: [...v.advisorIds],
          status: v.status,
          change: v.change,
          explanation: v.explanation,
        })),
        cancelled: d.cancelled.map((v) => ({
          id: v.id,
          venueId: v.venueId,
          date: v.date,
          start: v.start,
          reason: v.reason,
        })),
        changes: d.changes,
        summary: d.summary,
      }),
      200,
    );
  });
  app.openapi(routes.geojson, async (c) =>
    c.json(asJson(await deps.planning.planGeoJson(idOf(c))), 200, {
      'content-type': 'application/geo+json; charset=utf-8',
    }),
  );
  app.openapi(routes.publish, async (c) =>
    c.json(asJson(planJson(await deps.planning.publish(idOf(c), user(c)))), 200),
  );

  // Progress as server-sent events: read from the database, so any instance can serve it.
  app.get('/api/v1/plan-jobs/:id/events', async (c) => {
    const id = idOf(c);
    await deps.planning.getJob(id);
    return streamSSE(c, async (stream) => {
      let last = '';
      for (let i = 0; i < 3600 && !stream.aborted; i++) {
        const job = await deps.planning.getJob(id);
        const body = JSON.stringify(jobJson(job));
        if (body !== last) {
          last = body;
          await stream.writeSSE({ event: job.status, data: body, id: String(i) });
        }
        if (job.status !== 'queued' && job.status !== 'running') break;
        await stream.sleep(1000);
      }
    });
  });
}
