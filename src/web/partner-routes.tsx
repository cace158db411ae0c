/**
 * Partner requests over HTTP. Public: the form at /partners (/sv/partners, /en/partners), its
 * post (same-origin check, per-client rate limit with what was typed kept, a honeypot field,
 * every refusal in the reader's language), and the status page by the private link
 * /partners/requests/{token} (never cached). The planner's inbox: /planner/requests and
 * /planner/requests/{id} with accept, decline and ask-back forms; who may open them is decided
 * by the access table (src/api/access.ts) before a handler runs.
 */
import { type Context, Hono } from 'hono';
import type { Child } from 'hono/jsx';
import { LANGS, type Lang } from '../core/i18n.ts';
import { isSameSite } from '../services/auth-service.ts';
import type { CityService } from '../services/city/city-service.ts';
import { ConflictError, NotFoundError } from '../services/errors.ts';
import {
  EMPTY_PARTNER_INPUT,
  newStatusToken,
  PARTNER_REQUEST_STATUSES,
  type PartnerDecisionInput,
  type PartnerRequestInput,
  type PartnerRequestService,
  type PartnerRequestStatus,
} from '../services/partner-request-service.ts';
import type { PublicService } from '../services/public-service.ts';
import { rateLimitedOf } from '../services/rate-limit.ts';
import { localePath } from './layout.tsx';
import { t } from './messages.ts';
import { ErrorPage } from './pages/error-page.tsx';
import { PartnerFormPage } from './pages/partner-form-page.tsx';
import { PartnerLinkNotFoundPage, PartnerStatusPage } from './pages/partner-status-page.tsx';
import { inCity } from './public-page.tsx';
import { staffAccessPages } from './staff/access-pages.tsx';
import { type DecisionForms, PartnerInboxPage, PartnerRequestPage } from './staff/partner-inbox-pages.tsx';
import type { StaffEnv, WebEnv } from './web-env.ts';

export interface PartnerWebDeps {
  readonly partnerRequests: PartnerRequestService;
  readonly publicSite: PublicService;
  readonly city: CityService;
}

/** The path of a request's status page (its private link) in a language. */
export const partnerStatusPath = (lang: Lang, token: string): string =>
  localePath(lang, `/partners/requests/${token}`);

type Form = Record<string, string | File | (string | File)[]>;
const text = (form: Form, name: string): string => {
  const v = form[name];
  const first = Array.isArray(v) ? v[0] : v;
  return typeof first === 'string' ? first : '';
};
const list = (form: Form, name: string): string[] => {
  const v = form[name];
  return (Array.isArray(v) ? v : v === undefined ? [] : [v]).filter(
    (x): x is string => typeof x === 'string',
  );
};

/** The form's fields as typed. */
function inputOf(form: Form): PartnerRequestInput {
  return {
    organisation: text(form, 'organisation'),
    contactName: text(form, 'contactName'),
    contact: text(form, 'contact'),
    venueId: text(form, 'venueId'),
    address: text(form, 'address'),
    weeksFrom: text(form, 'weeksFrom'),
    weeksTo: text(form, 'weeksTo'),
    weekdays: list(form, 'weekdays').slice(0, 10),
    blockId: text(form, 'blockId'),
    audience: text(form, 'audience'),
    audienceSize: text(form, 'audienceSize'),
    languages: list(form, 'languages').slice(0, 50),
    message: text(form, 'message'),
  };
}

/** The public form and the planner's inbox. */
export function createPartnerRoutes(deps: PartnerWebDeps): Hono<WebEnv> {
  const app = new Hono<WebEnv>();
  app.route('/', createPartnerFormRoutes(deps));
  app.route('/', createPartnerInbox(deps.partnerRequests));
  return app;
}

/** The form in each language, its post, and the status page by the request's private link. */
function createPartnerFormRoutes(deps: PartnerWebDeps): Hono<WebEnv> {
  const app = new Hono<WebEnv>();
  const service = deps.partnerRequests;
  /** A public page in its city, with the customer-service contact in its footer. */
  const view = async (body: Child) => `<!doctype html>${String(await inCity(deps, body))}`;
  const noStore = (c: Context) => c.header('cache-control', 'no-store');

  for (const lang of LANGS) {
    const formPath = localePath(lang, '/partners');
    const formPage = async (
      values: PartnerRequestInput,
      extra: { problems?: Parameters<typeof PartnerFormPage>[0]['problems']; waitSeconds?: number } = {},
    ) =>
      view(
        <PartnerFormPage
          lang={lang}
          options={await service.formOptions()}
          values={values}
          problems={extra.problems ?? []}
          waitSeconds={extra.waitSeconds}
          retentionDays={service.retentionDays}
        />,
      );

    app.get(formPath, async (c) => {
      c.header('cache-control', 'public, max-age=60');
      c.header('vary', 'accept-encoding');
      return c.html(await formPage(EMPTY_PARTNER_INPUT));
    });

    app.post(formPath, async (c) => {
      noStore(c);
      if (!isSameSite(c.req.header('origin') ?? c.req.header('referer'), c.req.url))
        return c.html(
          await view(<ErrorPage lang={lang} title="partnerForbiddenTitle" text="partnerForbiddenText" />),
          403,
        );
      const form = await c.req.parseBody({ all: true });
      const values = inputOf(form);
      const waitSeconds = rateLimitedOf(c);
      if (waitSeconds !== undefined) return c.html(await formPage(values, { waitSeconds }), 429);
      // A bot filled the field people never see: answer as if stored, store nothing.
      if (text(form, 'website').trim() !== '')
        return c.redirect(partnerStatusPath(lang, newStatusToken()), 303);
      const result = await service.submit(lang, values);
      if (!result.ok) return c.html(await formPage(values, { problems: result.problems }), 400);
      return c.redirect(partnerStatusPath(lang, result.token), 303);
    });

    app.get(localePath(lang, '/partners/requests/:token'), async (c) => {
      noStore(c);
      const token = c.req.param('token') ?? '';
      const request = await service.byToken(token);
      if (!request) return c.html(await view(<PartnerLinkNotFoundPage lang={lang} />), 404);
      const names = await service.venueNames();
      return c.html(
        await view(
          <PartnerStatusPage
            lang={lang}
            request={request}
            venueName={(id) => names.get(id)?.[lang] ?? null}
            blocks={await service.blocks()}
            path={`/partners/requests/${token}`}
          />,
        ),
      );
    });
  }
  return app;
}

/** The planner's inbox: the list by status, a request's page, and its decision forms. */
function createPartnerInbox(service: PartnerRequestService): Hono<StaffEnv> {
  const app = new Hono<StaffEnv>();
  const staffHtml = (c: Context, body: string, status: 200 | 400 | 404 | 409 = 200) => {
    c.header('cache-control', 'private, no-store');
    return c.html(`<!doctype html>${body}`, status);
  };
  for (const lang of LANGS) {
    const base = localePath(lang, '/planner/requests');

    app.get(base, async (c) => {
      const wanted = c.req.query('status') ?? '';
      const status = (PARTNER_REQUEST_STATUSES as readonly string[]).includes(wanted)
        ? (wanted as PartnerRequestStatus)
        : undefined;
      const [inbox, names] = await Promise.all([
        service.inbox(status ? { status } : {}, Number(c.req.query('page')) || 1),
        service.venueNames(),
      ]);
      return staffHtml(
        c,
        String(
          <PartnerInboxPage
            lang={lang}
            user={c.get('user')}
            inbox={inbox}
            status={status}
            venueName={(id) => names.get(id)?.[lang] ?? id}
          />,
        ),
      );
    });

    const requestPage = async (
      c: Context<StaffEnv>,
      id: string,
      extra: { forms?: DecisionForms; refusal?: string; status?: 400 | 409 } = {},
    ) => {
      let request: Awaited<ReturnType<PartnerRequestService['get']>>;
      try {
        request = await service.get(id);
      } catch (e) {
        if (e instanceof NotFoundError) return c.notFound();
        throw e;
      }
      const [options, names] = await Promise.all([service.formOptions(), service.venueNames()]);
      // Venues no longer in service still get their names (a request may name one).
      const venues = [
        ...options.venues,
        ...[request.venueId, request.plannedVenueId].flatMap((v) =>
          v && !options.venues.some((o) => o.id === v) && names.has(v)
            ? [{ id: v, name: names.get(v) as Readonly<Record<Lang, string>> }]
            : [],
        ),
      ];
      const done = c.req.query('done');
      return staffHtml(
        c,
        String(
          <PartnerRequestPage
            lang={lang}
            user={c.get('user')}
            request={request}
            venues={venues}
            blocks={options.blocks}
            forms={extra.forms ?? {}}
            done={done === 'accept' || done === 'decline' || done === 'ask' ? done : undefined}
            refusal={extra.refusal}
          />,
        ),
        extra.status ?? 200,
      );
    };

    app.get(`${base}/:id`, (c) => requestPage(c, c.req.param('id')));

    for (const action of ['accept', 'decline', 'ask'] as const) {
      app.post(`${base}/:id/${action}`, async (c) => {
        // The access table refuses a cross-site post already; this says so for the handler too.
        if (!isSameSite(c.req.header('origin') ?? c.req.header('referer'), c.req.url))
          return staffAccessPages.forbidden(c);
        const id = c.req.param('id');
        const form = await c.req.parseBody();
        const input: PartnerDecisionInput =
          action === 'accept'
            ? {
                action,
                plannedVenueId: text(form, 'plannedVenueId'),
                priority: text(form, 'priority'),
                reply: text(form, 'reply'),
              }
            : { action, reply: text(form, 'reply') };
        try {
          const result = await service.decide(c.get('user'), id, input);
          if (!result.ok)
            return requestPage(c, id, {
              forms: { ...input, problems: result.problems },
              status: 400,
            });
        } catch (e) {
          if (e instanceof NotFoundError) return c.notFound();
          if (e instanceof ConflictError)
            return requestPage(c, id, { refusal: t(lang, 'partnerErasedRefused'), status: 409 });
          throw e;
        }
        return c.redirect(`${base}/${id}?done=${action}`, 303);
      });
    }
  }
  return app;
}
