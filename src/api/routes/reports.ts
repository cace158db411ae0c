/**
 * The planners' reports as JSON or CSV (planner role, by the access table src/api/access.ts).
 * Every count from the contact log or the bookings below the suppression threshold is `null`
 * with `suppressed: true`, never its value (src/core/reports/suppression.ts).
 */
import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { CONTACT_DIMENSIONS, REPORT_CHANNELS } from '../../core/reports/dimensions.ts';
import {
  bookingsCsv,
  capacityCsv,
  contactsCsv,
  reachCsv,
  trendCsv,
} from '../../services/reports/report-csv.ts';
import type { ReportService } from '../../services/reports/report-service.ts';
import type { AppEnv } from '../app-env.ts';
import { SESSION_SECURITY } from '../guards.ts';
import { asJson, problemResponses } from '../schemas.ts';

const date = (what: string) =>
  z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a date as YYYY-MM-DD')
    .optional()
    .openapi({ format: 'date', description: what });

const FilterQuery = z.object({
  from: date('First day (Europe/Helsinki); default: Monday 12 weeks ago'),
  to: date('Last day, included; default: last Sunday'),
  district: z.string().optional().openapi({ description: 'A district id; absent: the whole city' }),
  venue: z.string().optional().openapi({ description: 'A venue or service point id; absent: every site' }),
  format: z.enum(['json', 'csv']).optional().openapi({ description: 'csv: the same table as CSV' }),
});

const Count = z.number().int().nullable().openapi({ description: 'null when suppressed' });
const Filter = z.object({
  from: z.string(),
  to: z.string(),
  district: z.string().nullable(),
  venue: z.string().nullable(),
});

const ContactsReport = z
  .object({
    filter: Filter,
    groupBy: z.enum(CONTACT_DIMENSIONS),
    by: z.enum(CONTACT_DIMENSIONS).nullable(),
    threshold: z.number().int(),
    rows: z.array(
      z.object({
        key: z.string(),
        series: z.string().optional(),
        contacts: Count,
        suppressed: z.boolean(),
      }),
    ),
    total: Count,
  })
  .openapi('ContactsReport');

const ReachReport = z
  .object({
    filter: Filter,
    threshold: z.number().int(),
    needDate: z.string().nullable(),
    rows: z.array(
      z.object({
        district: z.string(),
        group: z.string(),
        contacts: Count,
        suppressed: z.boolean(),
        contactShare: z.number().nullable(),
        needShare: z.number().nullable(),
        index: z.number().nullable().openapi({ description: 'contactShare ÷ needShare; 1 = in proportion' }),
      }),
    ),
  })
  .openapi('ReachReport');

const CapacityWeek = z.object({
  week: z.string(),
  planned: z.number().int(),
  cancelled: z.number().int(),
  delivered: z.number().int(),
  advisorHours: z.number(),
  contacts: Count,
  suppressed: z.boolean(),
  contactsPerAdvisorHour: z.number().nullable(),
});
const CapacityReport = z
  .object({ filter: Filter, threshold: z.number().int(), weeks: z.array(CapacityWeek), total: CapacityWeek })
  .openapi('CapacityReport');

const BookingWeek = z.object({
  week: z.string(),
  seats: z.number().int(),
  booked: Count,
  attended: Count,
  noShow: Count,
  cancelled: Count,
  fillRate: z.number().nullable(),
  noShowRate: z.number().nullable(),
});
const BookingsReport = z
  .object({ filter: Filter, threshold: z.number().int(), weeks: z.array(BookingWeek), total: BookingWeek })
  .openapi('BookingsReport');

const Band = z.number().nullable();
const TrendReport = z
  .object({
    filter: Filter,
    threshold: z.number().int(),
    points: z.array(
      z.object({
        week: z.string(),
        channel: z.enum(REPORT_CHANNELS),
        contacts: Count,
        suppressed: z.boolean(),
      }),
    ),
    forecast: z.array(
      z.object({
        week: z.string(),
        channel: z.enum(REPORT_CHANNELS),
        mean: Band,
        lower80: Band,
        upper80: Band,
        lower95: Band,
        upper95: Band,
        suppressed: z.boolean(),
      }),
    ),
    methods: z.record(z.string(), z.string()),
  })
  .openapi('TrendReport');

const BeforeAfterReport = z
  .object({
    districts: z.array(z.string()),
    change: z.string(),
    weeks: z.number().int(),
    threshold: z.number().int(),
    treated: z.object({ before: Band, after: Band }),
    control: z.object({ before: Band, after: Band }),
    treatedChangePercent: Band,
    controlChangePercent: Band,
    difference: Band,
    interval: z.object({ low: z.number(), high: z.number() }).nullable(),
    expectedAfter: Band.openapi({
      description:
        'The chosen districts’ contacts a week after, had they changed by the rest of the city’s ratio',
    }),
    effect: Band.openapi({ description: 'after − expectedAfter, contacts a week' }),
    effectPercent: Band,
    suppressed: z.boolean(),
  })
  .openapi('BeforeAfterReport');

const security = SESSION_SECURITY;
const json = (schema: z.ZodTypeAny, description: string) => ({
  200: {
    description,
    content: { 'application/json': { schema }, 'text/csv': { schema: z.string() } },
  },
  ...problemResponses,
});

const report = <E extends z.ZodRawShape>(path: string, summary: string, schema: z.ZodTypeAny, extra: E) =>
  createRoute({
    method: 'get',
    path,
    tags: ['reports'],
    security,
    summary,
    request: { query: FilterQuery.extend(extra) },
    responses: json(schema, 'The report'),
  });

const routes = {
  contacts: report(
    '/api/v1/reports/contacts',
    'Contacts by a dimension (and optionally a second one), suppressed below the threshold',
    ContactsReport,
    {
      groupBy: z.enum(CONTACT_DIMENSIONS).openapi({ description: 'What to count by' }),
      by: z.enum(CONTACT_DIMENSIONS).optional().openapi({ description: 'A second dimension (series)' }),
    },
  ),
  reach: report(
    '/api/v1/reports/reach',
    'Each target group’s share of the contacts against its share of the residual need, per district',
    ReachReport,
    {},
  ),
  capacity: report(
    '/api/v1/reports/capacity',
    'Planned, cancelled and delivered visits, advisor-hours and contacts per advisor-hour, per week',
    CapacityReport,
    {},
  ),
  bookings: report(
    '/api/v1/reports/bookings',
    'Bookable seats, bookings by status, fill rate and no-show rate, per week',
    BookingsReport,
    {},
  ),
  trend: report(
    '/api/v1/reports/trend',
    'Weekly contacts per channel with a forecast and 80 % and 95 % intervals',
    TrendReport,
    { horizon: z.coerce.number().int().min(1).max(26).optional() },
  ),
  beforeAfter: createRoute({
    method: 'get',
    path: '/api/v1/reports/before-after',
    tags: ['reports'],
    security,
    summary:
      'Mean weekly contacts in chosen districts before and after a change, against the rest of the city (difference in differences)',
    request: {
      query: z.object({
        districts: z.string().openapi({ description: 'District ids separated by commas' }),
        change: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a date as YYYY-MM-DD'),
        weeks: z.coerce
          .number()
          .int()
          .min(2)
          .max(52)
          .optional()
          .openapi({ description: 'Weeks on each side (default 12)' }),
      }),
    },
    responses: {
      200: { description: 'The comparison', content: { 'application/json': { schema: BeforeAfterReport } } },
      ...problemResponses,
    },
  }),
  export: createRoute({
    method: 'get',
    path: '/api/v1/reports/contacts/export',
    tags: ['reports'],
    security,
    summary:
      'One CSV row per contact: codes only, the day coarsened to its ISO week, rare languages as "other"',
    request: { query: FilterQuery.omit({ format: true }) },
    responses: {
      200: { description: 'CSV', content: { 'text/csv': { schema: z.string() } } },
      ...problemResponses,
    },
  }),
};

const csv = (c: Context, body: string, name: string) =>
  c.body(body, 200, {
    'content-type': 'text/csv; charset=utf-8',
    'content-disposition': `attachment; filename="${name}.csv"`,
    'cache-control': 'private, no-store',
  });

export function registerReportRoutes(app: OpenAPIHono<AppEnv>, deps: { reports: ReportService }): void {
  const { reports } = deps;
  const fileName = (what: string, f: { from: string; to: string }) => `neuvo-${what}-${f.from}-${f.to}`;

  app.openapi(routes.contacts, async (c) => {
    const q = c.req.valid('query');
    const f = await reports.parseFilter(q);
    const r = await reports.contacts(f, q.groupBy, q.by ?? null);
    if (q.format === 'csv') return csv(c, contactsCsv(r), fileName(`contacts-${q.groupBy}`, f));
    return c.json(asJson(r), 200);
  });
  app.openapi(routes.reach, async (c) => {
    const q = c.req.valid('query');
    const f = await reports.parseFilter(q);
    const r = await reports.reach(f);
    if (q.format === 'csv') return csv(c, reachCsv(r), fileName('reach', f));
    return c.json(asJson(r), 200);
  });
  app.openapi(routes.capacity, async (c) => {
    const q = c.req.valid('query');
    const f = await reports.parseFilter(q);
    const r = await reports.capacity(f);
    if (q.format === 'csv') return csv(c, capacityCsv(r), fileName('capacity', f));
    return c.json(asJson(r), 200);
  });
  app.openapi(routes.bookings, async (c) => {
    const q = c.req.valid('query');
    const f = await reports.parseFilter(q);
    const r = await reports.bookings(f);
    if (q.format === 'csv') return csv(c, bookingsCsv(r), fileName('bookings', f));
    return c.json(asJson(r), 200);
  });
  app.openapi(routes.trend, async (c) => {
    const q = c.req.valid('query');
    const f = await reports.parseFilter(q);
    const r = await reports.trend(f, q.horizon ?? 8);
    if (q.format === 'csv') return csv(c, trendCsv(r), fileName('trend', f));
    return c.json(asJson(r), 200);
  });
  app.openapi(routes.beforeAfter, async (c) => {
    const q = c.req.valid('query');
    const r = await reports.beforeAfter({
      districts: q.districts
        .split(',')
        .map((d) => d.trim())
        .filter(Boolean),
      change: q.change,
      weeks: q.weeks ?? 12,
    });
    return c.json(asJson(r), 200);
  });
  app.openapi(routes.export, async (c) => {
    const f = await reports.parseFilter(c.req.valid('query'));
    return csv(c, await reports.exportContacts(f), fileName('contacts-export', f));
  });
}
