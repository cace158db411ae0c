/** Network scenarios and their comparison per target group. */
import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi';
import { TRAVEL_MODES } from '../../core/access/modes.ts';
import { comparisonAreasCsv, comparisonGeoJson, comparisonGroupsCsv } from '../../services/access-export.ts';
import type { AccessService } from '../../services/access-service.ts';
import type { AppEnv } from '../app-env.ts';
import { asJson, DateParam, IdParam, LocalizedText, listOf, problemResponses } from '../schemas.ts';

const ScenarioItem = z
  .object({
    id: z.string(),
    name: LocalizedText,
    description: LocalizedText,
    builtin: z.boolean(),
    referenceDate: z.string().nullable(),
    date: z
      .string()
      .openapi({ description: 'The date the scenario is shown for: its reference date, or today.' }),
    openSiteIds: z.array(z.string()).openapi({ description: 'Fixed points open on `date`.' }),
  })
  .openapi('Scenario');

const Figures = z.object({
  population: z.number(),
  meanMinutes: z.number().nullable(),
  medianMinutes: z.number().nullable(),
  p90Minutes: z.number().nullable(),
  shareWithin: z.object({ '15': z.number(), '30': z.number(), '45': z.number() }),
  unreachableShare: z.number(),
  dataShare: z.number().openapi({
    description:
      'Share of all residents who live where the data has a figure for this group (1: everywhere). The other figures are over those residents only.',
  }),
});

export const DemandBasisSchema = z
  .object({
    basis: z.enum(['grid', 'points', 'modelled', 'area-centroids']),
    points: z.number().int(),
    description: z.string(),
    source: z.string(),
  })
  .openapi('DemandBasis', {
    description:
      'Where residents are taken to live: an imported grid or list of points, points modelled from area totals (labelled), or one point per area.',
  });

export const FiguresBasisSchema = z
  .object({
    engine: z.string().openapi({
      description:
        'The travel-time engine and its data (feed and date, stored matrix, or the approximate model).',
    }),
    demand: DemandBasisSchema,
  })
  .openapi('FiguresBasis');

const Side = z.object({
  id: z.string(),
  name: LocalizedText,
  date: z.string(),
  openSiteIds: z.array(z.string()),
});

const Comparison = z
  .object({
    base: z.string(),
    alt: z.string(),
    mode: z.enum(TRAVEL_MODES),
    scenarios: z.object({ base: Side, alt: Side }),
    engine: z.object({ name: z.string(), approximate: z.boolean() }),
    serviceHoursThresholdMinutes: z.number(),
    basis: FiguresBasisSchema,
    groupsWithoutData: z.array(z.string()).openapi({
      description: 'Built-in target groups the data has no figure for anywhere: "no data", never numbers.',
    }),
    groups: z.array(
      z.object({
        group: z.string(),
        base: Figures,
        alt: Figures,
        serviceHours: z.object({ base: z.number().nullable(), alt: z.number().nullable() }),
      }),
    ),
    areas: z.array(
      z.object({
        areaId: z.string(),
        name: z.string(),
        names: LocalizedText,
        baseMinutes: z.number().nullable(),
        altMinutes: z.number().nullable(),
        deltaMinutes: z.number().nullable(),
        population: z.number(),
        population75Plus: z.number(),
        lossPersonMinutes: z.number().nullable(),
        losesAccess: z.boolean(),
      }),
    ),
    cdf: z.object({
      minutes: z.array(z.number()),
      groups: z.array(z.object({ group: z.string(), base: z.array(z.number()), alt: z.array(z.number()) })),
    }),
    warnings: z.array(z.string()),
  })
  .openapi('ScenarioComparison');

const listScenarios = createRoute({
  method: 'get',
  path: '/api/v1/scenarios',
  tags: ['access'],
  summary: 'Network scenarios: which fixed points are open on which dates',
  responses: {
    200: { description: 'Scenarios', content: { 'application/json': { schema: listOf(ScenarioItem) } } },
    ...problemResponses,
  },
});

const compare = createRoute({
  method: 'get',
  path: '/api/v1/scenarios/compare',
  tags: ['access'],
  summary:
    'Compare two scenarios per target group: travel time to the nearest open point, hours of service within reach, areas that lose most',
  request: {
    query: z
      .object({
        base: IdParam,
        alt: IdParam,
        mode: z.enum(TRAVEL_MODES).optional().openapi({ description: 'Default pt.' }),
        baseDate: DateParam.optional(),
        altDate: DateParam.optional(),
        hoursWithin: z
          .string()
          .regex(/^\d{1,3}$/, 'expected whole minutes')
          .optional()
          .openapi({ description: 'Threshold for hours of service within reach, minutes. Default 30.' }),
        format: z.enum(['json', 'csv', 'groups-csv', 'geojson']).optional().openapi({
          description:
            'json (default), csv (per area), groups-csv (per group), geojson (areas with the change, for a map)',
        }),
      })
      .strict(),
  },
  responses: {
    200: {
      description: 'The comparison',
      content: {
        'application/json': { schema: Comparison },
        'text/csv': { schema: z.string() },
        'application/geo+json': {
          schema: z.object({ type: z.literal('FeatureCollection'), features: z.array(z.any()) }),
        },
      },
    },
    ...problemResponses,
  },
});

export function registerScenarioRoutes(app: OpenAPIHono<AppEnv>, access: AccessService): void {
  app.openapi(listScenarios, async (c) => {
    const list = await access.listScenarios();
    return c.json(
      asJson({
        items: list.map(({ scenario, date, openSiteIds }) => ({
          id: scenario.id,
          name: scenario.name,
          description: scenario.description,
          builtin: scenario.builtin,
          referenceDate: scenario.referenceDate,
          date,
          openSiteIds,
        })),
      }),
      200,
    );
  });

  app.openapi(compare, async (c) => {
    const q = c.req.valid('query');
    const result = await access.compare(q.base, q.alt, q.mode ?? 'pt', {
      ...(q.baseDate ? { baseDate: q.baseDate } : {}),
      ...(q.altDate ? { altDate: q.altDate } : {}),
      ...(q.hoursWithin ? { serviceHoursThresholdMinutes: Number(q.hoursWithin) } : {}),
    });
    const file = `${result.base}_vs_${result.alt}_${result.mode}`;
    if (q.format === 'csv' || q.format === 'groups-csv') {
      const body = q.format === 'csv' ? comparisonAreasCsv(result) : comparisonGroupsCsv(result);
      return c.body(body, 200, {
        'content-type': 'text/csv; charset=utf-8',
        'content-disposition': `attachment; filename="${file}${q.format === 'csv' ? '' : '_groups'}.csv"`,
      });
    }
    if (q.format === 'geojson') {
      const geo = comparisonGeoJson(result, await access.areaGeometries(result.areas.map((a) => a.areaId)));
      return c.body(JSON.stringify(geo), 200, {
        'content-type': 'application/geo+json; charset=utf-8',
        'content-disposition': `attachment; filename="${file}.geojson"`,
      });
    }
    return c.json(asJson(result), 200);
  });
}
