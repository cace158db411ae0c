/** Staff routes: login and logout, and the planner's scenario comparison. */
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { Context, Hono } from 'hono';
import { isTravelMode, type TravelMode } from '../../core/access/modes.ts';
import type { Lang } from '../../core/i18n.ts';
import { isUuid } from '../../core/ids.ts';
import { hasRole } from '../../core/model/staff.ts';
import { addDays, isoDateAt, startOfIsoWeek } from '../../core/time/civil-time.ts';
import type { AccessService } from '../../services/access-service.ts';
import type { AuthService } from '../../services/auth-service.ts';
import type { BookingService } from '../../services/booking/booking-service.ts';
import type { CatalogService } from '../../services/catalog-service.ts';
import { clientOf } from '../../services/client.ts';
import { ConflictError, DomainError } from '../../services/errors.ts';
import type { FeedbackService } from '../../services/feedback-service.ts';
import { CANDIDATE_SETS, type NetworkService } from '../../services/network-service.ts';
import type { PartnerRequestService } from '../../services/partner-request-service.ts';
import type { PlanningService } from '../../services/planning/planning-service.ts';
import type { SeriesPinService } from '../../services/planning/series-pin-service.ts';
import { rateLimitedOf } from '../../services/rate-limit.ts';
import { localePath } from '../layout.tsx';
import { isMessageKey, langOfPath, t } from '../messages.ts';
import { FeedbackInboxPage, feedbackFilterOf } from './feedback-page.tsx';
import { ForbiddenPage, LoginPage } from './login-page.tsx';
import { type NetworkForm, NetworkPage } from './network-page.tsx';
import { type FieldErrors, type NewPlanValues, newPlanDefaults, readNewPlanForm } from './plan-form.ts';
import { PlannerPage } from './planner-page.tsx';
import { JobPage, PlanPage, PlansPage } from './plans-page.tsx';
import {
  clearSessionCookie,
  deviceToken,
  isSameOrigin,
  type StaffEnv,
  safeNext,
  sessionToken,
  setDeviceCookie,
  setSessionCookie,
} from './session.ts';

export const CLIENT_DIR = fileURLToPath(new URL('../../../dist/client/', import.meta.url));
/** Built files under /assets/client/: entry scripts, their shared chunks, and the stylesheet. */
const CLIENT_TYPES: Record<string, string> = {
  js: 'text/javascript; charset=utf-8',
  css: 'text/css; charset=utf-8',
};
const clientType = (file: string) => {
  const m = /^[\w-]+\.(js|css)$/.exec(file);
  return m ? CLIENT_TYPES[m[1] ?? ''] : undefined;
};

export interface MapConfig {
  /** Tile URL template, e.g. https://tile.example.org/{z}/{x}/{y}.png; null: no tiles. */
  readonly tiles: string | null;
  readonly attribution: string;
}

export interface StaffWebDeps {
  readonly auth: AuthService;
  readonly access: AccessService;
  readonly network: NetworkService;
  readonly planning: PlanningService;
  readonly seriesPins: SeriesPinService;
  readonly catalog: CatalogService;
  readonly now: () => number;
  readonly map: MapConfig;
  readonly feedback: FeedbackService;
  /** Partner requests: a plan's page lists the accepted ones in its weeks (absent: not shown). */
  readonly partnerRequests?: PartnerRequestService;
  /** Bookings: a draft plan's page says how many bookings its cancellations would cancel (absent: not shown). */
  readonly bookings?: Pick<BookingService, 'countsByVisit'>;
  /** The OpenID Connect provider's name, when one is configured (the login page's button). */
  readonly oidcProvider?: string | undefined;
}

const html = (c: Context, body: string, status: 200 | 400 | 403 | 404 | 409 | 429 = 200) => {
  c.header('cache-control', 'private, no-store');
  return c.html(`<!doctype html>${body}`, status);
};

async function clientAvailable(): Promise<boolean> {
  try {
    await readFile(`${CLIENT_DIR}planner.js`);
    return true;
  } catch {
    return false;
  }
}

// biome-ignore lint/suspicious/noExplicitAny: the composed app's route table is not needed here
export function registerStaffRoutes(app: Hono<any, any, any>, deps: StaffWebDeps): void {
  const forbidden = (c: Context) =>
    html(c, String(<ForbiddenPage lang={langOfPath(new URL(c.req.url).pathname)} />), 403);
  // Who may open each page is decided by the access table (src/api/access.ts) before a
  // handler runs; handlers read the signed-in user with c.get('user').

  for (const lang of ['fi', 'sv', 'en'] as Lang[]) {
    const loginPath = localePath(lang, '/login');
    app.get(loginPath, (c) =>
      html(
        c,
        String(
          <LoginPage
            lang={lang}
            next={safeNext(c.req.query('next'), localePath(lang, '/planner'))}
            oidcProvider={deps.oidcProvider}
          />,
        ),
      ),
    );

    app.post(loginPath, async (c) => {
      if (!isSameOrigin(c)) return forbidden(c);
      const form = await c.req.parseBody();
      const email = typeof form.email === 'string' ? form.email : '';
      const password = typeof form.password === 'string' ? form.password : '';
      const next = safeNext(
        typeof form.next === 'string' ? form.next : undefined,
        localePath(lang, '/planner'),
      );
      const waitSeconds = rateLimitedOf(c);
      if (waitSeconds !== undefined)
        return html(
          c,
          String(
            <LoginPage
              lang={lang}
              next={next}
              email={email}
              waitSeconds={waitSeconds}
              oidcProvider={deps.oidcProvider}
            />,
          ),
          429,
        );
      const result = await deps.auth.login(email, password, clientOf(c).address, deviceToken(c));
      if (!result.ok)
        return html(
          c,
          String(
            <LoginPage
              lang={lang}
              next={next}
              error={result.reason}
              email={email}
              oidcProvider={deps.oidcProvider}
            />,
          ),
          400,
        );
      setSessionCookie(c, result.token, result.maxAgeSeconds);
      setDeviceCookie(c, result.deviceToken);
      // Without a page to return to, an advisor (who is no planner) lands on the advisors' app.
      const advisorOnly = !hasRole(result.user, 'planner') && hasRole(result.user, 'advisor');
      return c.redirect(
        advisorOnly && next === localePath(lang, '/planner') ? localePath(lang, '/advisor/') : next,
        303,
      );
    });

    app.post(localePath(lang, '/logout'), async (c) => {
      if (!isSameOrigin(c)) return forbidden(c);
      await deps.auth.logout(sessionToken(c));
      clearSessionCookie(c);
      return c.redirect(localePath(lang), 303);
    });

    const plannerApp = app as unknown as Hono<StaffEnv>;
    plannerApp.get(localePath(lang, '/planner/feedback'), async (c) => {
      const filter = feedbackFilterOf(c.req.query());
      const found = await deps.feedback.search(filter, Number(c.req.query('page')) || 1);
      return html(
        c,
        String(
          <FeedbackInboxPage
            lang={lang}
            user={c.get('user')}
            found={found}
            filter={filter}
            showReplyAddresses={hasRole(c.get('user'), 'admin')}
            retentionDays={deps.feedback.retentionDays}
          />,
        ),
      );
    });
    plannerApp.get(localePath(lang, '/planner'), async (c) => {
      const scenarios = await deps.access.listScenarios();
      const ids = scenarios.map((s) => s.scenario.id as string);
      const pick = (value: string | undefined, fallback: string | undefined) =>
        value && ids.includes(value) ? value : fallback;
      const base = pick(c.req.query('base'), ids[0]);
      const alt = pick(c.req.query('alt'), ids[1] ?? ids[0]);
      const modeParam = c.req.query('mode') ?? 'pt';
      const mode: TravelMode = isTravelMode(modeParam) ? modeParam : 'pt';
      if (!base || !alt) return html(c, String(<ForbiddenPage lang={lang} />), 400);
      const comparison = await deps.access.compare(base, alt, mode);
      return html(
        c,
        String(
          <PlannerPage
            lang={lang}
            user={c.get('user')}
            scenarios={scenarios.map((s) => ({ id: s.scenario.id, name: s.scenario.name, date: s.date }))}
            comparison={comparison}
            map={deps.map}
            clientAvailable={await clientAvailable()}
          />,
        ),
      );
    });
  }

  for (const lang of ['fi', 'sv', 'en'] as Lang[]) {
    const plannerApp = app as unknown as Hono<StaffEnv>;
    plannerApp.get(localePath(lang, '/planner/network'), async (c) => {
      const scenarios = await deps.access.listScenarios();
      const q = c.req.query();
      const scenario = scenarios.find((s) => s.scenario.id === q.scenario) ?? scenarios[0];
      if (!scenario) return html(c, String(<ForbiddenPage lang={lang} />), 400);
      const date = scenario.date;
      const { candidateSets, groups } = await deps.network.options(scenario.scenario.id, date);
      const set = CANDIDATE_SETS.find((v) => v === q.candidates) ?? 'scenario';
      const candidates = candidateSets[set];
      const number = (v: string | undefined, fallback: number, min: number, max: number) => {
        const n = Number(v);
        return v !== undefined && v !== '' && Number.isFinite(n) ? Math.min(max, Math.max(min, n)) : fallback;
      };
      const model = q.model === 'mclp' || q.model === 'lscp' ? q.model : 'p-median';
      const weights: Record<string, number> = {};
      const anyWeight = groups.some((g) => q[`w_${g}`] !== undefined);
      for (const g of groups) weights[g] = anyWeight ? number(q[`w_${g}`], 0, 0, 10) : g === 'all' ? 1 : 0;
      const rules: Record<string, 'free' | 'keep' | 'close'> = {};
      for (const c0 of candidates) {
        const r = q[`rule_${c0.id}`];
        rules[c0.id] = r === 'keep' || r === 'close' ? r : 'free';
      }
      const form: NetworkForm = {
        scenario: scenario.scenario.id,
        model,
        k: Math.round(number(q.k, Math.min(3, candidates.length), 1, Math.max(1, candidates.length))),
        radius: number(q.radius, 30, 1, 180),
        mode: isTravelMode(q.mode ?? '') ? (q.mode as string) : 'pt-slow',
        candidates: set,
        weights,
        rules,
      };
      const nonZero = Object.entries(weights).filter(([, w]) => w > 0);
      const keep = candidates.filter((c0) => rules[c0.id] === 'keep').map((c0) => c0.id);
      const closed = candidates.filter((c0) => rules[c0.id] === 'close').map((c0) => c0.id);
      const apiQuery = new URLSearchParams({
        scenario: form.scenario,
        model,
        mode: form.mode,
        ...(set !== 'scenario' ? { candidates: set } : {}),
        ...(model !== 'lscp' ? { k: String(form.k) } : {}),
        ...(model !== 'p-median' ? { radius: String(form.radius) } : {}),
        ...(nonZero.length > 0 ? { weights: nonZero.map(([g, w]) => `${g}:${w}`).join(',') } : {}),
        ...(keep.length > 0 ? { keep: keep.join(',') } : {}),
        ...(closed.length > 0 ? { closed: closed.join(',') } : {}),
      }).toString();
      let answer = null;
      let error: string | null = null;
      try {
        answer = await deps.network.optimize({
          scenarioId: form.scenario,
          model,
          mode: form.mode as TravelMode,
          ...(model !== 'lscp' ? { k: form.k } : {}),
          ...(model !== 'p-median' ? { radiusMinutes: form.radius } : {}),
          groupWeights: Object.fromEntries(nonZero),
          candidates: set,
          mustKeep: keep,
          closed,
          timeLimitSeconds: 20,
        });
      } catch (e) {
        if (!(e instanceof DomainError)) throw e;
        const code = e.detail?.code;
        error = code && isMessageKey(code) ? t(lang, code, e.detail?.params) : e.message;
      }
      return html(
        c,
        String(
          <NetworkPage
            lang={lang}
            user={c.get('user')}
            scenarios={scenarios.map((s) => ({ id: s.scenario.id, name: s.scenario.name }))}
            candidates={candidates}
            groups={groups}
            form={form}
            answer={answer}
            error={error}
            query={apiQuery}
            map={deps.map}
            clientAvailable={await clientAvailable()}
          />,
        ),
        error ? 400 : 200,
      );
    });
  }

  for (const lang of ['fi', 'sv', 'en'] as Lang[]) {
    const plannerApp = app as unknown as Hono<StaffEnv>;
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
    const field = (form: Record<string, unknown>, name: string) =>
      typeof form[name] === 'string' ? (form[name] as string) : '';

    plannerApp.get(base, (c) => listPage(c, null));
    plannerApp.post(base, async (c) => {
      if (!isSameOrigin(c)) return forbidden(c);
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
    plannerApp.post(`${base}/repair`, async (c) => {
      if (!isSameOrigin(c)) return forbidden(c);
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
    plannerApp.get(`${base}/jobs/:id`, async (c) => {
      const id = c.req.param('id');
      if (!isUuid(id)) return c.notFound();
      const job = await deps.planning.getJob(id);
      return html(c, String(<JobPage lang={lang} user={c.get('user')} job={job} />));
    });
    plannerApp.post(`${base}/jobs/:id/cancel`, async (c) => {
      if (!isSameOrigin(c)) return forbidden(c);
      const id = c.req.param('id');
      if (!isUuid(id)) return c.notFound();
      await deps.planning.cancelJob(id, c.get('user'));
      return c.redirect(`${base}/jobs/${id}`, 303);
    });
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
    plannerApp.get(`${base}/:id`, async (c) => {
      const id = c.req.param('id');
      if (!isUuid(id)) return c.notFound();
      return planPage(c, id, null);
    });
    // Pin a series of the plan (every new plan keeps it), or unpin one; back to the plan's series.
    plannerApp.post(`${base}/:id/pins`, async (c) => {
      if (!isSameOrigin(c)) return forbidden(c);
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
    plannerApp.post(`${base}/:id/pins/:pin/delete`, async (c) => {
      if (!isSameOrigin(c)) return forbidden(c);
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
    plannerApp.post(`${base}/:id/publish`, async (c) => {
      if (!isSameOrigin(c)) return forbidden(c);
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
  }

  app.get('/assets/client/:file', async (c) => {
    const file = c.req.param('file');
    const type = clientType(file);
    if (!type) return c.notFound();
    try {
      const body = await readFile(`${CLIENT_DIR}${file}`);
      c.header('content-type', type);
      c.header('cache-control', 'public, max-age=3600');
      return c.body(body);
    } catch {
      return c.notFound();
    }
  });
}

/** The Content-Security-Policy origin of a tile URL template ({s} subdomains become a wildcard). */
export function tileOrigin(template: string | null): string | null {
  if (!template) return null;
  try {
    const url = new URL(template.replace('{s}', 'subdomain').replace(/\{[^}]+\}/g, '0'));
    const host = template.includes('{s}') ? url.host.replace('subdomain', '*') : url.host;
    return `${url.protocol}//${host}`;
  } catch {
    return null;
  }
}
