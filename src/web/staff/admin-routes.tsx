/**
 * The administration's routes: /admin/staff (staff accounts, admins) and /admin/audit (the
 * audit log, planners and admins), each also under /sv and /en. Who may open them is decided
 * by the access table (src/api/access.ts) before a handler runs; handlers read the user from
 * the context. Every post is same-origin checked, and answers with the page (an error next to
 * its field) or a redirect to what changed.
 */
import { type Context, Hono } from 'hono';
import type { Lang } from '../../core/i18n.ts';
import { STAFF_ROLES } from '../../core/model/staff.ts';
import { addDays, isIsoDate, wallClockToEpochMs } from '../../core/time/civil-time.ts';
import type { AuditService } from '../../services/audit-service.ts';
import type { CatalogService } from '../../services/catalog-service.ts';
import type { CityService } from '../../services/city/city-service.ts';
import { DomainError, NotFoundError } from '../../services/errors.ts';
import type { StaffField, StaffService } from '../../services/staff-service.ts';
import { hasControlCharacter, isPlainEmail } from '../../services/text.ts';
import { localePath } from '../layout.tsx';
import type { StaffEnv } from '../web-env.ts';
import {
  type AdvisorOption,
  type AuditFilterValues,
  AuditPage,
  fieldErrorOf,
  StaffAccountPage,
  type StaffFormErrors,
  type StaffFormValues,
  StaffListPage,
} from './admin-pages.tsx';
import { isSameOrigin } from './session.ts';

export interface AdminWebDeps {
  readonly staff: StaffService;
  readonly audit: AuditService;
  readonly catalog: CatalogService;
  /** The city's profile: its staff's e-mail domain for the address example. */
  readonly city: CityService;
  /** The OpenID Connect provider's name, when one is configured. */
  readonly oidcProvider?: string | undefined;
  /** The answer to a cross-site post (the forbidden page). */
  readonly forbidden: (c: Context) => Response | Promise<Response>;
}

type Status = 200 | 400 | 403 | 404 | 409;
const html = (c: Context, body: string, status: Status = 200) => {
  c.header('cache-control', 'private, no-store');
  return c.html(`<!doctype html>${body}`, status);
};

const EMPTY_FORM: StaffFormValues = { email: '', displayName: '', roles: [], advisorId: '' };

/** The form's fields as typed. */
function formValues(form: Record<string, string | File | (string | File)[]>): StaffFormValues {
  const text = (name: string) => {
    const v = form[name];
    return typeof v === 'string' ? v : '';
  };
  const roles = form.roles;
  return {
    email: text('email').trim(),
    displayName: text('displayName').trim(),
    roles: (Array.isArray(roles) ? roles : roles === undefined ? [] : [roles]).filter(
      (r): r is string => typeof r === 'string',
    ),
    advisorId: text('advisorId'),
  };
}

/** What is wrong with the form's fields, all at once (the service checks them again, and conflicts). */
function formErrors(form: StaffFormValues, withEmail: boolean, domain: string): StaffFormErrors {
  const errors: { -readonly [K in keyof StaffFormErrors]: StaffFormErrors[K] } = {};
  if (withEmail && !isPlainEmail(form.email.toLowerCase()))
    errors.email = { key: 'staffErrEmail', params: { domain } };
  if (form.displayName.length > 200 || hasControlCharacter(form.displayName, false))
    errors.displayName = { key: 'staffErrName', params: {} };
  if (form.roles.length === 0 || form.roles.some((r) => !(STAFF_ROLES as readonly string[]).includes(r)))
    errors.roles = { key: 'staffErrRoles', params: {} };
  return errors;
}

/** A refusal from the staff service as an error next to its field, with its status. */
function refusalOf(e: DomainError, domain: string): { errors: StaffFormErrors; status: Status } {
  const field = (e.target ?? 'account') as StaffField;
  const error = fieldErrorOf(e.detail?.code, { domain, ...e.detail?.params });
  const status: Status =
    e.name === 'ConflictError'
      ? 409
      : e.name === 'ForbiddenError'
        ? 403
        : e.name === 'NotFoundError'
          ? 404
          : 400;
  return {
    errors: error ? { [field]: error } : { account: { key: 'staffErrSummary', params: {} } },
    status,
  };
}

export function createAdminRoutes(deps: AdminWebDeps): Hono<StaffEnv> {
  /** The domain of the city's staff addresses, for the example of a valid one. */
  const emailDomain = async () => (await deps.city.profile())?.staffEmailDomain ?? 'example.org';
  const app = new Hono<StaffEnv>();
  const advisorOptions = async (): Promise<AdvisorOption[]> =>
    (await deps.catalog.listAdvisors())
      .filter((a) => a.active)
      .map((a) => ({ id: a.id as string, displayName: a.displayName }));

  for (const lang of ['fi', 'sv', 'en'] as Lang[]) {
    const base = localePath(lang, '/admin/staff');

    const listPage = async (
      c: Context<StaffEnv>,
      extra: {
        form?: StaffFormValues;
        errors?: StaffFormErrors;
        added?: { email: string; password: string };
        status?: Status;
      } = {},
    ) => {
      const [accounts, advisors, signIns] = await Promise.all([
        deps.staff.listAccounts(),
        advisorOptions(),
        deps.audit.search({ action: 'auth.sign-in' }, 1, 20),
      ]);
      return html(
        c,
        String(
          <StaffListPage
            lang={lang}
            user={c.get('user')}
            accounts={accounts}
            advisors={advisors}
            signIns={signIns.items}
            form={extra.form ?? EMPTY_FORM}
            errors={extra.errors ?? {}}
            added={extra.added}
            oidcProvider={deps.oidcProvider}
          />,
        ),
        extra.status ?? 200,
      );
    };

    const accountPage = async (
      c: Context<StaffEnv>,
      id: string,
      extra: { form?: StaffFormValues; errors?: StaffFormErrors; status?: Status } = {},
    ) => {
      let account: Awaited<ReturnType<StaffService['getAccount']>>;
      try {
        account = await deps.staff.getAccount(id);
      } catch (e) {
        if (e instanceof NotFoundError) return c.notFound();
        throw e;
      }
      const done = c.req.query('done');
      return html(
        c,
        String(
          <StaffAccountPage
            lang={lang}
            user={c.get('user')}
            account={account}
            advisors={await advisorOptions()}
            form={
              extra.form ?? {
                email: account.user.email,
                displayName: account.user.displayName,
                roles: account.user.roles,
                advisorId: account.user.advisorId ?? '',
              }
            }
            errors={extra.errors ?? {}}
            done={done === 'saved' || done === 'deactivated' || done === 'reactivated' ? done : undefined}
            oidcProvider={deps.oidcProvider}
          />,
        ),
        extra.status ?? 200,
      );
    };

    app.get(base, (c) => listPage(c));

    app.post(base, async (c) => {
      if (!isSameOrigin(c)) return deps.forbidden(c);
      const form = formValues(await c.req.parseBody({ all: true }));
      const invalid = formErrors(form, true, await emailDomain());
      if (Object.keys(invalid).length > 0) return listPage(c, { form, errors: invalid, status: 400 });
      try {
        const { user, password } = await deps.staff.create(c.get('user'), {
          email: form.email,
          displayName: form.displayName,
          roles: form.roles,
          advisorId: form.advisorId || null,
        });
        // The password is in this page only: never in a URL, never stored in the clear.
        return listPage(c, { added: { email: user.email, password } });
      } catch (e) {
        if (!(e instanceof DomainError)) throw e;
        const { errors, status } = refusalOf(e, await emailDomain());
        return listPage(c, { form, errors, status });
      }
    });

    app.get(`${base}/:id`, (c) => accountPage(c, c.req.param('id')));

    app.post(`${base}/:id`, async (c) => {
      if (!isSameOrigin(c)) return deps.forbidden(c);
      const id = c.req.param('id');
      const form = formValues(await c.req.parseBody({ all: true }));
      try {
        await deps.staff.getAccount(id);
        const invalid = formErrors(form, false, await emailDomain());
        if (Object.keys(invalid).length > 0)
          return accountPage(c, id, { form, errors: invalid, status: 400 });
        await deps.staff.update(c.get('user'), id, {
          displayName: form.displayName,
          roles: form.roles,
          advisorId: form.advisorId || null,
        });
      } catch (e) {
        if (!(e instanceof DomainError)) throw e;
        if (e instanceof NotFoundError) return c.notFound();
        const { errors, status } = refusalOf(e, await emailDomain());
        return accountPage(c, id, { form, errors, status });
      }
      return c.redirect(`${base}/${id}?done=saved`, 303);
    });

    for (const [verb, active] of [
      ['deactivate', false],
      ['reactivate', true],
    ] as const) {
      app.post(`${base}/:id/${verb}`, async (c) => {
        if (!isSameOrigin(c)) return deps.forbidden(c);
        const id = c.req.param('id');
        try {
          await deps.staff.getAccount(id);
          await deps.staff.setActive(c.get('user'), id, active);
        } catch (e) {
          if (!(e instanceof DomainError)) throw e;
          if (e instanceof NotFoundError) return c.notFound();
          const { errors, status } = refusalOf(e, await emailDomain());
          return accountPage(c, id, { errors, status });
        }
        return c.redirect(`${base}/${id}?done=${verb}d`, 303);
      });
    }

    app.get(localePath(lang, '/admin/audit'), async (c) => {
      const q = c.req.query();
      const filter: AuditFilterValues = {
        action: (q.action ?? '').trim().slice(0, 100),
        from: (q.from ?? '').trim().slice(0, 30),
        to: (q.to ?? '').trim().slice(0, 30),
      };
      const badDates = [filter.from, filter.to].filter((d) => d !== '' && !isIsoDate(d));
      const day = (d: string) => (isIsoDate(d) ? d : null);
      const from = day(filter.from);
      const to = day(filter.to);
      const [found, actions, accounts] = await Promise.all([
        deps.audit.search(
          {
            ...(filter.action ? { action: filter.action } : {}),
            ...(from ? { fromMs: wallClockToEpochMs(from, '00:00') } : {}),
            // Through the whole last day, in Helsinki.
            ...(to ? { toMs: wallClockToEpochMs(addDays(to, 1), '00:00') } : {}),
          },
          Number(q.page) || 1,
        ),
        deps.audit.actions(),
        deps.staff.listAccounts(),
      ]);
      return html(
        c,
        String(
          <AuditPage
            lang={lang}
            user={c.get('user')}
            found={found}
            actions={actions}
            filter={filter}
            badDates={badDates}
            staffEmails={new Map(accounts.map((a) => [a.user.id, a.user.email]))}
          />,
        ),
        badDates.length > 0 ? 400 : 200,
      );
    });
  }
  return app;
}
