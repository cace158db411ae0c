/**
 * The visit plans, in fi under /planner/plans, sv under /sv/planner/plans and en under
 * /en/planner/plans: the list with the forms that start a plan or a repair (each a job), a job's
 * page, and a plan's page with its series pins and the publish form. Who may open them is
 * decided by the access table (src/api/access.ts); every post is also same-origin checked here.
 */
import { type Context, Hono } from 'hono';
import { LANGS, type Lang } from '../../core/i18n.ts';
import { isUuid } from '../../core/ids.ts';
import { addDays, isoDateAt, startOfIsoWeek } from '../../core/time/civil-time.ts';
import type { BookingService } from '../../services/booking/booking-service.ts';
import type { CatalogService } from '../../services/catalog-service.ts';
import { ConflictError, DomainError } from '../../services/errors.ts';
import type { PartnerRequestService } from '../../services/partner-request-service.ts';
import type { PlanningService } from '../../services/planning/planning-service.ts';
import type { SeriesPinService } from '../../services/planning/series-pin-service.ts';
import { localePath } from '../layout.tsx';
import { t } from '../messages.ts';
import type { StaffEnv } from '../web-env.ts';
import { staffAccessPages } from './access-pages.tsx';
import { clientAvailable } from './client-files.ts';
import { type FieldErrors, type NewPlanValues, newPlanDefaults, readNewPlanForm } from './plan-form.ts';
import { PlanPage } from './plan-page.tsx';
import { JobPage, PlansPage } from './plans-page.tsx';
import type { MapConfig } from './routes.tsx';
import { isSameOrigin } from './session.ts';

export interface PlanWebDeps {
  readonly planning: PlanningService;
  readonly seriesPins: SeriesPinService;
  readonly catalog: CatalogService;
  readonly now: () => number;
  readonly map: MapConfig;
  /** Partner requests: a plan's page lists the accepted ones in its weeks (absent: not shown). */
  readonly partnerRequests?: PartnerRequestService | undefined;
  /** Bookings: a draft plan's page says how many bookings its cancellations would cancel (absent: not shown). */
  readonly bookings?: Pick<BookingService, 'countsByVisit'> | undefined;
}

const html = (c: Context, body: string, status: 200 | 400 | 409 = 200) => {
  c.header('cache-control', 'private, no-store');
  return c.html(`<!doctype html>${body}`, status);
};

const field = (form: Record<string, unknown>, name: string) =>
  typeof form[name] === 'string' ? (form[name] as string) : '';

/** In each language: the list and its jobs, then a plan's page and its forms. */
export function createPlanRoutes(deps: PlanWebDeps): Hono<StaffEnv> {
  const app = new Hono<StaffEnv>();
  for (const lang of LANGS) {
    app.route('/', createPlanListRoutes(deps, lang));
    app.route('/', createPlanDetailRoutes(deps, lang));
  }
  return app;
}

/** The list of jobs and plans, the new-plan and repair forms, and a job's page with its cancel. */
function createPlanListRoutes(deps: PlanWebDeps, lang: Lang): Hono<StaffEnv> {
  const app = new Hono<StaffEnv>();
  const base = localePath(lang, '/planner/plans');
  const nextMonday = () => addDays(startOfIsoWeek(isoDateAt(deps.now())), 7);
  const venueList = async () =>
    (await deps.catalog.listSites({ role: 'venue' })).map(({ site: s }) => ({ id: s.id, name: s.name }));
  /** The list page; with `typed`, the new-plan form as it was sent (and its errors). */
  const listPage = async (
    c: Context<StaffEnv>,
    error: string | null,
    typed?: { values: NewPlanValues; errors: FieldErrors },
  ) => {
    const [jobs, plans, advisors, venues, city] = await Promise.all([
      deps.planning.listJobs(15),
      deps.planning.listPlans(15),
      deps.catalog.listAdvisors(),
      venueList(),
      deps.planning.cityRules(),
    ]);
    const failed = error !== null || Object.keys(typed?.errors ?? {}).length > 0;
    return html(
      c,
      String(
        <PlansPage
          lang={lang}
          user={c.get('user')}
          jobs={jobs}
          plans={plans}
          advisors={advisors.filter((a) => a.active).map((a) => ({ id: a.id, displayName: a.displayName }))}
          venues={venues}
          defaultFrom={nextMonday()}
          form={typed?.values ?? newPlanDefaults(nextMonday(), city.rules)}
          formErrors={typed?.errors ?? {}}
          cityRules={{ rules: city.rules, source: city.source }}
          error={error}
        />,
      ),
      failed ? 400 : 200,
    );
  };
  const start = async (c: Context<StaffEnv>, request: unknown, typed?: NewPlanValues) => {
    try {
      const job = await deps.planning.enqueue(request, c.get('user').email, c.get('user'));
      return c.redirect(`${base}/jobs/${job.id}`, 303);
    } catch (e) {
      if (!(e instanceof DomainError)) throw e;
      return listPage(c, e.message, typed ? { values: typed, errors: {} } : undefined);
    }
  };

  app.get(base, (c) => listPage(c, null));
  app.post(base, async (c) => {
    if (!isSameOrigin(c)) return staffAccessPages.forbidden(c);
    const form = await c.req.parseBody({ all: true });
    const venueIds = new Set<string>((await venueList()).map((v) => v.id));
    const { values, rules, errors } = readNewPlanForm(form, venueIds);
    // A rule out of range is shown next to its field, with everything as it was typed.
    if (Object.keys(errors).length > 0) return listPage(c, null, { values, errors });
    return start(
      c,
      {
        kind: 'plan',
        from: values.from,
        weeks: Number(values.weeks || 4),
        solver: values.solver || 'auto',
        timeLimitSeconds: Number(values.timeLimit || 60),
        keepPublished: values.keepPublished,
        ...(rules ? { rules } : {}),
      },
      values,
    );
  });
  app.post(`${base}/repair`, async (c) => {
    if (!isSameOrigin(c)) return staffAccessPages.forbidden(c);
    const form = await c.req.parseBody();
    const event =
      field(form, 'type') === 'venue-closed'
        ? { type: 'venue-closed', venueId: field(form, 'venueId'), date: field(form, 'date') }
        : {
            type: 'absence',
            advisorId: field(form, 'advisorId'),
            from: field(form, 'from'),
            to: field(form, 'to') || field(form, 'from'),
          };
    return start(c, { kind: 'repair', event });
  });
  app.get(`${base}/jobs/:id`, async (c) => {
    const id = c.req.param('id');
    if (!isUuid(id)) return c.notFound();
    const job = await deps.planning.getJob(id);
    return html(c, String(<JobPage lang={lang} user={c.get('user')} job={job} />));
  });
  app.post(`${base}/jobs/:id/cancel`, async (c) => {
    if (!isSameOrigin(c)) return staffAccessPages.forbidden(c);
    const id = c.req.param('id');
    if (!isUuid(id)) return c.notFound();
    await deps.planning.cancelJob(id, c.get('user'));
    return c.redirect(`${base}/jobs/${id}`, 303);
  });
  return app;
}

/** A plan's page, its series pins (pin, unpin) and the publish form. */
function createPlanDetailRoutes(deps: PlanWebDeps, lang: Lang): Hono<StaffEnv> {
  const app = new Hono<StaffEnv>();
  const base = localePath(lang, '/planner/plans');
  const planPage = async (c: Context<StaffEnv>, id: string, error: string | null, status?: 400 | 409) => {
    const [detail, advisors, sites, areas, pins] = await Promise.all([
      deps.planning.getPlan(id),
      deps.catalog.listAdvisors(),
      deps.catalog.listSites({}),
      deps.catalog.listAreas({}),
      deps.seriesPins.list(),
    ]);
    const partnerRequests = await deps.partnerRequests?.inPlan(
      { from: detail.plan.horizonFrom, to: detail.plan.horizonTo },
      detail.visits,
    );
    // Open bookings at the visits publishing this draft would cancel.
    const cancelledBookings =
      detail.plan.status === 'draft' && deps.bookings && detail.cancelled.length > 0
        ? (await deps.bookings.countsByVisit(detail.cancelled.map((v) => v.id))).reduce(
            (n, c) => n + c.booked,
            0,
          )
        : 0;
    return html(
      c,
      String(
        <PlanPage
          lang={lang}
          user={c.get('user')}
          detail={detail}
          venueNames={new Map(sites.map(({ site: s }) => [s.id as string, s.name]))}
          advisorNames={new Map(advisors.map((a) => [a.id as string, a.displayName]))}
          areaNames={new Map(areas.map((a) => [a.id as string, a.name]))}
          districtNames={
            new Map(areas.filter((a) => a.kind === 'district').map((a) => [a.id as string, a.name]))
          }
          pins={pins}
          partnerRequests={partnerRequests}
          cancelledBookings={cancelledBookings}
          error={error}
          map={deps.map}
          clientAvailable={await clientAvailable()}
        />,
      ),
      error ? (status ?? 409) : 200,
    );
  };
  app.get(`${base}/:id`, async (c) => {
    const id = c.req.param('id');
    if (!isUuid(id)) return c.notFound();
    return planPage(c, id, null);
  });
  // Pin a series of the plan (every new plan keeps it), or unpin one; back to the plan's series.
  app.post(`${base}/:id/pins`, async (c) => {
    if (!isSameOrigin(c)) return staffAccessPages.forbidden(c);
    const id = c.req.param('id');
    if (!isUuid(id)) return c.notFound();
    const form = await c.req.parseBody();
    try {
      await deps.seriesPins.create(
        {
          venueId: field(form, 'venueId'),
          weekday: Number(field(form, 'weekday')),
          start: field(form, 'start'),
          end: field(form, 'end'),
          every: Number(field(form, 'every')),
          since: field(form, 'since'),
        },
        c.get('user'),
      );
    } catch (e) {
      if (!(e instanceof DomainError)) throw e;
      const conflict = e instanceof ConflictError;
      return planPage(
        c,
        id,
        conflict ? t(lang, 'pinExists') : t(lang, 'pinFailed', { reason: e.message }),
        conflict ? 409 : 400,
      );
    }
    return c.redirect(`${base}/${id}#series-heading`, 303);
  });
  app.post(`${base}/:id/pins/:pin/delete`, async (c) => {
    if (!isSameOrigin(c)) return staffAccessPages.forbidden(c);
    const id = c.req.param('id');
    if (!isUuid(id)) return c.notFound();
    try {
      await deps.seriesPins.remove(c.req.param('pin'), c.get('user'));
    } catch (e) {
      if (!(e instanceof DomainError)) throw e;
      // Unpinned already (another tab, another planner): the plan shows the pins as they are.
    }
    return c.redirect(`${base}/${id}#series-heading`, 303);
  });
  app.post(`${base}/:id/publish`, async (c) => {
    if (!isSameOrigin(c)) return staffAccessPages.forbidden(c);
    const id = c.req.param('id');
    if (!isUuid(id)) return c.notFound();
    try {
      await deps.planning.publish(id, c.get('user'));
    } catch (e) {
      if (!(e instanceof DomainError)) throw e;
      return planPage(c, id, e.message);
    }
    return c.redirect(`${base}/${id}`, 303);
  });
  return app;
}
