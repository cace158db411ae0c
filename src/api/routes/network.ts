/** "Which points should we keep": the location models on the loaded network. */

import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi';
import { TRAVEL_MODES } from '../../core/access/modes.ts';
import { ID_PATTERN } from '../../core/ids.ts';
import { LOCATION_MODELS } from '../../core/location/instance.ts';
import { SITE_KINDS, SITE_ROLES } from '../../core/model/site.ts';
import type { AuthService } from '../../services/auth-service.ts';
import { InvalidInputError } from '../../services/errors.ts';
import { SOLVERS } from '../../services/location/location-solver.ts';
import { CANDIDATE_SETS, type NetworkService } from '../../services/network-service.ts';
import type { AppEnv } from '../app-env.ts';
import { SESSION_SECURITY } from '../guards.ts';
import { asJson, DateParam, IdParam, LocalizedText, problemResponses } from '../schemas.ts';
import { FiguresBasisSchema } from './scenarios.ts';

const idList = z
  .string()
  .refine(
    (v) => v.split(',').every((id) => ID_PATTERN.test(id.trim())),
    'expected site ids separated by commas',
  )
  .transform((v) => v.split(',').map((id) => id.trim()));

const weightsParam = z
  .string()
  .regex(
    /^[A-Za-z][A-Za-z0-9-]*:\d+(\.\d+)?(,[A-Za-z][A-Za-z0-9-]*:\d+(\.\d+)?)*$/,
    'expected group:weight pairs, e.g. all:1,age75plus:3',
  )
  .transform((v) =>
    Object.fromEntries(v.split(',').map((pair) => [pair.split(':')[0] ?? '', Number(pair.split(':')[1])])),
  );

const Answer = z
  .object({
    query: z.object({
      scenarioId: z.string(),
      model: z.enum(LOCATION_MODELS),
      mode: z.enum(TRAVEL_MODES),
      date: z.string(),
      k: z.number().nullable(),
      radiusMinutes: z.number().nullable(),
      groupWeights: z.record(z.string(), z.number()),
      candidates: z.enum(CANDIDATE_SETS),
      candidateIds: z
        .array(z.string())
        .nullable()
        .openapi({ description: 'The explicit candidate list, when one was given.' }),
    }),
    candidateCount: z.number().openapi({
      description: 'Sites that were candidates: in the set (or list) and in service on the date.',
    }),
    objective: z.number(),
    bound: z.number().openapi({ description: 'Proven bound: no answer is better than this.' }),
    gap: z.number(),
    optimal: z.boolean(),
    solver: z.string(),
    seconds: z.number(),
    engine: z.object({ name: z.string(), approximate: z.boolean() }),
    basis: FiguresBasisSchema,
    objectiveUnit: z.string(),
    chosen: z.array(
      z.object({
        siteId: z.string(),
        name: LocalizedText,
        role: z.enum(SITE_ROLES),
        kind: z.enum(SITE_KINDS),
        served: z.record(z.string(), z.number()),
        areaIds: z.array(z.string()),
        meanMinutes: z.number().nullable(),
        lossIfClosed: z.number(),
      }),
    ),
    closures: z.array(
      z.object({
        siteId: z.string(),
        name: LocalizedText,
        role: z.enum(SITE_ROLES),
        kind: z.enum(SITE_KINDS),
        gainIfKept: z.number(),
        closedByRule: z.boolean().openapi({ description: 'Closed by the request, not by the optimiser.' }),
      }),
    ),
    alternatives: z.array(
      z.object({ siteIds: z.array(z.string()), objective: z.number(), worseBy: z.number() }),
    ),
    areas: z.array(
      z.object({
        areaId: z.string(),
        name: LocalizedText,
        siteId: z.string().nullable(),
        minutes: z.number().nullable().openapi({
          description: 'Population-weighted mean over the area’s demand points to their nearest kept site.',
        }),
        population: z.number(),
        covered: z.number().nullable().openapi({
          description: 'Residents within the radius of a kept site (MCLP, LSCP); null for p-median.',
        }),
      }),
    ),
    notes: z.array(z.string()),
  })
  .openapi('NetworkAnswer');

export const networkQuerySchema = z
  .object({
    scenario: IdParam,
    date: DateParam.optional(),
    model: z.enum(LOCATION_MODELS).optional().openapi({ description: 'Default p-median.' }),
    k: z
      .string()
      .regex(/^\d{1,4}$/, 'expected a whole number')
      .optional()
      .openapi({ description: 'Points to keep (p-median, mclp).' }),
    radius: z
      .string()
      .regex(/^\d{1,4}(\.\d+)?$/, 'expected minutes')
      .optional()
      .openapi({ description: 'Threshold in minutes (mclp, lscp).' }),
    mode: z.enum(TRAVEL_MODES).optional().openapi({ description: 'Default pt-slow.' }),
    weights: weightsParam.optional().openapi({ type: 'string', example: 'all:1,age75plus:3' }),
    keep: idList
      .optional()
      .openapi({ type: 'string', description: 'Points that must stay, comma-separated.' }),
    closed: idList
      .optional()
      .openapi({ type: 'string', description: 'Points that must close, comma-separated.' }),
    candidates: z.enum(CANDIDATE_SETS).optional().openapi({
      description:
        'Which sites may be chosen, always only those in service on the date: scenario (the points the scenario has open; the default), fixed-points (every fixed point) or all-sites (every fixed point and venue: libraries, malls, health stations, …).',
    }),
    candidateIds: idList.optional().openapi({
      type: 'string',
      description:
        'An explicit candidate list, comma-separated site ids (e.g. from an imported list), drawn from the set of `candidates` (default all-sites when a list is given). An unknown id, or one not in service on the date, is a 400.',
    }),
    all: z
      .enum(['true', 'false'])
      .optional()
      .openapi({ description: 'Alias of candidates=fixed-points (when candidates is not given).' }),
    solver: z.enum(SOLVERS).optional(),
    format: z.enum(['json', 'geojson']).optional(),
  })
  .strict();

export type NetworkQueryParams = z.infer<typeof networkQuerySchema>;

export function toNetworkQuery(q: NetworkQueryParams) {
  return {
    scenarioId: q.scenario,
    ...(q.date ? { date: q.date } : {}),
    model: q.model ?? 'p-median',
    mode: q.mode ?? 'pt-slow',
    ...(q.k ? { k: Number(q.k) } : {}),
    ...(q.radius ? { radiusMinutes: Number(q.radius) } : {}),
    ...(q.weights ? { groupWeights: q.weights } : {}),
    ...(q.keep ? { mustKeep: q.keep } : {}),
    ...(q.closed ? { closed: q.closed } : {}),
    allFixedPoints: q.all === 'true',
    ...(q.candidates ? { candidates: q.candidates } : {}),
    ...(q.candidateIds ? { candidateIds: q.candidateIds } : {}),
    ...(q.solver ? { solver: q.solver } : {}),
    timeLimitSeconds: 20,
  } as const;
}

const optimize = createRoute({
  method: 'get',
  path: '/api/v1/network/optimize',
  tags: ['network'],
  security: SESSION_SECURITY,
  summary:
    'Which points to keep: p-median, maximal covering or set covering on the loaded network, with a proven bound and explanations',
  request: { query: networkQuerySchema },
  responses: {
    200: {
      description: 'The answer',
      content: {
        'application/json': { schema: Answer },
        'application/geo+json': {
          schema: z
            .object({
              type: z.literal('FeatureCollection'),
              properties: z.record(z.string(), z.any()),
              features: z.array(z.any()),
            })
            .openapi({
              description:
                'format=geojson: the areas with minutes to their chosen point, and the candidate points.',
            }),
        },
      },
    },
    ...problemResponses,
  },
});

export function registerNetworkRoutes(
  app: OpenAPIHono<AppEnv>,
  network: NetworkService,
  _auth: AuthService,
): void {
  // An exact solve can keep a core busy for its time limit: planners only (src/api/access.ts).
  app.openapi(optimize, async (c) => {
    const q = c.req.valid('query');
    const query = toNetworkQuery(q);
    if (query.model !== 'lscp' && !('k' in query))
      throw new InvalidInputError('required for p-median and mclp', 'k');
    if (query.model !== 'p-median' && !('radiusMinutes' in query))
      throw new InvalidInputError('required for mclp and lscp', 'radius');
    const answer = await network.optimize(query);
    if (q.format === 'geojson') {
      const geo = await network.geoJson(answer);
      return c.json(asJson(geo), 200, { 'content-type': 'application/geo+json; charset=utf-8' });
    }
    return c.json(asJson(answer), 200);
  });
}
