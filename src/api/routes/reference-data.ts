/** Read-only reference data: areas, sites with hours, advisors (public fields), topics, calendar. */
import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi';
import type { Area as AreaModel } from '../../core/model/area.ts';
import type { CatalogService } from '../../services/catalog-service.ts';
import type { AppEnv } from '../app-env.ts';
import {
  AdvisorPublic,
  Area,
  AreaKindParam,
  asJson,
  DateParam,
  DayHours,
  IdParam,
  listOf,
  problemResponses,
  Site,
  SiteKindParam,
  SiteRoleParam,
  SiteWithHours,
  SpecialDay,
  Topic,
} from '../schemas.ts';

const json = <T extends z.ZodTypeAny>(schema: T, description: string) => ({
  200: { description, content: { 'application/json': { schema } } },
  ...problemResponses,
});

const idPath = z.object({
  id: IdParam.openapi({ param: { name: 'id', in: 'path' }, example: 'SP_MATINKYLA' }),
});

const listAreas = createRoute({
  method: 'get',
  path: '/api/v1/areas',
  tags: ['reference data'],
  summary: 'Areas (demand units and major districts) with population by target group',
  request: {
    query: z
      .object({
        kind: AreaKindParam.optional(),
        parent: IdParam.optional().openapi({
          description: 'Only the children of this area (e.g. a district).',
        }),
        geometry: z
          .enum(['true', 'false'])
          .optional()
          .openapi({ description: 'Include polygons (large). Default false.' }),
      })
      .strict(),
  },
  responses: json(listOf(Area), 'Areas ordered by id'),
});

const getArea = createRoute({
  method: 'get',
  path: '/api/v1/areas/{id}',
  tags: ['reference data'],
  summary: 'One area, with its geometry',
  request: { params: idPath },
  responses: json(Area, 'The area'),
});

const listSites = createRoute({
  method: 'get',
  path: '/api/v1/sites',
  tags: ['reference data'],
  summary: 'Fixed service points and venues, with weekly hours, exceptions and validity',
  request: {
    query: z
      .object({
        role: SiteRoleParam.optional(),
        kind: SiteKindParam.optional(),
        district: IdParam.optional().openapi({ description: 'Major-district id, e.g. suur-leppavaara.' }),
        date: DateParam.optional().openapi({
          description:
            'Only sites in service on this date, each with its opening hours that day (holidays applied).',
        }),
      })
      .strict(),
  },
  responses: json(listOf(SiteWithHours), 'Sites ordered by id'),
});

const getSite = createRoute({
  method: 'get',
  path: '/api/v1/sites/{id}',
  tags: ['reference data'],
  summary: 'One site',
  request: { params: idPath },
  responses: json(Site, 'The site'),
});

const siteHours = createRoute({
  method: 'get',
  path: '/api/v1/sites/{id}/hours',
  tags: ['reference data'],
  summary: 'Opening hours of a site per date, with public holidays, city closure days and exceptions applied',
  request: {
    params: idPath,
    query: z.object({ from: DateParam, to: DateParam }).strict(),
  },
  responses: json(listOf(DayHours), 'One entry per date, at most 366'),
});

const listAdvisors = createRoute({
  method: 'get',
  path: '/api/v1/advisors',
  tags: ['reference data'],
  summary: 'Active advisors: public fields only (languages and skills)',
  responses: json(listOf(AdvisorPublic), 'Advisors ordered by id'),
});

const listTopics = createRoute({
  method: 'get',
  path: '/api/v1/topics',
  tags: ['reference data'],
  summary: 'What residents can get help with, and where (fixed point, mobile visit, online)',
  responses: json(listOf(Topic), 'Topics in display order'),
});

const specialDays = createRoute({
  method: 'get',
  path: '/api/v1/calendar/special-days',
  tags: ['reference data'],
  summary: 'Finnish public holidays, holiday eves and the city’s closure days of a year',
  request: {
    query: z
      .object({
        year: z
          .string()
          .regex(/^\d{4}$/, 'expected a four-digit year')
          .openapi({ example: '2026' }),
      })
      .strict(),
  },
  responses: json(listOf(SpecialDay), 'Special days in date order'),
});

function withoutGeometry(a: AreaModel, keep: boolean): AreaModel {
  return keep ? a : { ...a, geometry: null };
}

export function registerReferenceDataRoutes(app: OpenAPIHono<AppEnv>, catalog: CatalogService): void {
  app.openapi(listAreas, async (c) => {
    const q = c.req.valid('query');
    const areas = await catalog.listAreas({
      ...(q.kind ? { kind: q.kind } : {}),
      ...(q.parent ? { parentId: q.parent } : {}),
      withGeometry: q.geometry === 'true',
    });
    return c.json(asJson({ items: areas.map((a) => withoutGeometry(a, q.geometry === 'true')) }), 200);
  });

  app.openapi(getArea, async (c) => c.json(asJson(await catalog.getArea(c.req.valid('param').id)), 200));

  app.openapi(listSites, async (c) => {
    const q = c.req.valid('query');
    const rows = await catalog.listSites({
      ...(q.role ? { role: q.role } : {}),
      ...(q.kind ? { kind: q.kind } : {}),
      ...(q.district ? { districtId: q.district } : {}),
      ...(q.date ? { inServiceOn: q.date, hoursDate: q.date } : {}),
    });
    return c.json(asJson({ items: rows.map(({ site, hours }) => ({ ...site, hoursOnDate: hours })) }), 200);
  });

  app.openapi(getSite, async (c) => c.json(asJson(await catalog.getSite(c.req.valid('param').id)), 200));

  app.openapi(siteHours, async (c) => {
    const { id } = c.req.valid('param');
    const { from, to } = c.req.valid('query');
    return c.json(asJson({ items: await catalog.siteHours(id, from, to) }), 200);
  });

  app.openapi(listAdvisors, async (c) => {
    const advisors = await catalog.listAdvisors();
    return c.json(
      {
        items: advisors.map((a) => ({
          id: a.id,
          displayName: a.displayName,
          languages: [...a.languages],
          skills: [...a.skills],
          homeSiteId: a.homeSiteId,
        })),
      },
      200,
    );
  });

  app.openapi(listTopics, async (c) => c.json(asJson({ items: await catalog.listTopics() }), 200));

  app.openapi(specialDays, async (c) => {
    const year = Number(c.req.valid('query').year);
    return c.json(asJson({ items: await catalog.specialDays(year) }), 200);
  });
}
