/**
 * The administration's pages: staff accounts (admins) and the audit log (planners and admins).
 * Server-rendered forms that work without JavaScript; an error is shown next to its field in
 * the reader's language, with what was typed kept.
 */
import type { Lang } from '../../core/i18n.ts';
import { STAFF_ROLES, type StaffRole, type StaffUser } from '../../core/model/staff.ts';
import { isoDateAt, wallTimeAt } from '../../core/time/civil-time.ts';
import type { AuditEntry } from '../../services/audit-service.ts';
import type { StaffAccount, StaffField } from '../../services/staff-service.ts';
import { Layout, localePath } from '../layout.tsx';
import { formatDate, formatTime, isMessageKey, type MessageKey, t } from '../messages.ts';
import { StaffNav } from './staff-nav.tsx';

export interface FieldError {
  readonly key: MessageKey;
  readonly params: Readonly<Record<string, string>>;
}
export type StaffFormErrors = Partial<Record<StaffField, FieldError>>;

/** An account form as typed. */
export interface StaffFormValues {
  readonly email: string;
  readonly displayName: string;
  readonly roles: readonly string[];
  readonly advisorId: string;
}

export interface AdvisorOption {
  readonly id: string;
  readonly displayName: string;
}

const when = (lang: Lang, ms: number) =>
  `${formatDate(lang, isoDateAt(ms))} ${formatTime(lang, wallTimeAt(ms))}`;
const roleList = (lang: Lang, roles: readonly string[]) =>
  roles
    .map((r) => ((STAFF_ROLES as readonly string[]).includes(r) ? t(lang, `role_${r as StaffRole}`) : r))
    .join(', ');

/** An action's name in the reader's language (`plan.publish` → "Plan published"); unknown ones as they are. */
export function actionLabel(lang: Lang, action: string): string {
  const key = `audit_${action.replace(/[.-]/g, '_')}`;
  return isMessageKey(key) ? t(lang, key) : action;
}

function ErrorText({ id, error, lang }: { id: string; error: FieldError | undefined; lang: Lang }) {
  return error ? (
    <p class="field-error" id={`${id}-error`}>
      {t(lang, error.key, error.params)}
    </p>
  ) : null;
}

const invalid = (id: string, error: FieldError | undefined) =>
  error ? { 'aria-invalid': 'true' as const, 'aria-describedby': `${id}-error` } : {};

/** Name, roles and advisor: the fields the add form and the account page share. */
function AccountFields({
  lang,
  prefix,
  values,
  errors,
  advisors,
}: {
  lang: Lang;
  prefix: string;
  values: StaffFormValues;
  errors: StaffFormErrors;
  advisors: readonly AdvisorOption[];
}) {
  const id = (name: string) => `${prefix}-${name}`;
  return (
    <>
      <label for={id('displayName')}>{t(lang, 'staffNameLabel')}</label>
      <input
        id={id('displayName')}
        name="displayName"
        type="text"
        autocomplete="off"
        maxlength={200}
        value={values.displayName}
        {...invalid(id('displayName'), errors.displayName)}
      />
      <ErrorText id={id('displayName')} error={errors.displayName} lang={lang} />
      <fieldset {...(errors.roles ? { 'aria-describedby': `${id('roles')}-error` } : {})}>
        <legend>{t(lang, 'staffRolesLegend')}</legend>
        {STAFF_ROLES.map((role) => (
          <label class="check">
            <input type="checkbox" name="roles" value={role} checked={values.roles.includes(role)} />{' '}
            {t(lang, `role_${role}`)}
          </label>
        ))}
        <ErrorText id={id('roles')} error={errors.roles} lang={lang} />
      </fieldset>
      <label for={id('advisorId')}>{t(lang, 'staffAdvisorLabel')}</label>
      <select id={id('advisorId')} name="advisorId" {...invalid(id('advisorId'), errors.advisorId)}>
        <option value="">{t(lang, 'staffNoAdvisor')}</option>
        {advisors.map((a) => (
          <option value={a.id} selected={values.advisorId === a.id}>
            {`${a.displayName} (${a.id})`}
          </option>
        ))}
      </select>
      <ErrorText id={id('advisorId')} error={errors.advisorId} lang={lang} />
    </>
  );
}

function ErrorSummary({ lang, errors }: { lang: Lang; errors: StaffFormErrors }) {
  return Object.keys(errors).length > 0 ? (
    <p class="error" role="alert">
      {t(lang, 'staffErrSummary')}
    </p>
  ) : null;
}

export function StaffListPage({
  lang,
  user,
  accounts,
  advisors,
  signIns,
  form,
  errors,
  added,
  oidcProvider,
}: {
  lang: Lang;
  user: StaffUser;
  accounts: readonly StaffAccount[];
  advisors: readonly AdvisorOption[];
  signIns: readonly AuditEntry[];
  /** The add form as typed (after an error), or empty. */
  form: StaffFormValues;
  errors: StaffFormErrors;
  /** An account just added, with its generated password: shown this once. */
  added?: { email: string; password: string } | undefined;
  oidcProvider?: string | undefined;
}) {
  const advisorName = new Map(advisors.map((a) => [a.id, a.displayName]));
  return (
    <Layout lang={lang} title={t(lang, 'staffTitle')} path="/admin/staff" user={user} wide>
      <StaffNav lang={lang} current="staff" user={user} />
      <h1>{t(lang, 'staffTitle')}</h1>
      <p>{t(lang, 'staffIntro')}</p>
      {oidcProvider ? <p>{t(lang, 'staffOidcNote', { provider: oidcProvider })}</p> : null}
      {added ? (
        <div class="notice" role="status">
          <p>{t(lang, 'staffAddedTitle', { email: added.email })}</p>
          <p>{t(lang, 'staffPasswordOnce')}</p>
          <p>
            {t(lang, 'staffPasswordLabel')}: <code class="secret">{added.password}</code>
          </p>
        </div>
      ) : null}
      <h2 id="accounts-heading">{t(lang, 'staffListHeading')}</h2>
      <p>{t(lang, 'staffCount', { count: String(accounts.length) })}</p>
      <div class="table-wrap">
        <table aria-labelledby="accounts-heading">
          <thead>
            <tr>
              <th scope="col">{t(lang, 'email')}</th>
              <th scope="col">{t(lang, 'colName')}</th>
              <th scope="col">{t(lang, 'colRoles')}</th>
              <th scope="col">{t(lang, 'colAccountStatus')}</th>
              <th scope="col">{t(lang, 'colAdvisorLink')}</th>
              <th scope="col">{t(lang, 'colSignInWith')}</th>
              <th scope="col">{t(lang, 'colLastSignIn')}</th>
            </tr>
          </thead>
          <tbody>
            {accounts.map((a) => (
              <tr>
                <th scope="row">
                  <a
                    href={localePath(lang, `/admin/staff/${a.user.id}`)}
                    aria-label={t(lang, 'staffEditLink', { email: a.user.email })}
                  >
                    {a.user.email}
                  </a>
                  {a.user.id === user.id ? ` ${t(lang, 'staffYou')}` : ''}
                </th>
                <td>{a.user.displayName}</td>
                <td>{roleList(lang, a.user.roles)}</td>
                <td>{t(lang, a.user.active ? 'staffActive' : 'staffInactive')}</td>
                <td>
                  {a.user.advisorId
                    ? `${advisorName.get(a.user.advisorId) ?? a.user.advisorId} (${a.user.advisorId})`
                    : '—'}
                </td>
                <td>
                  {[
                    a.hasPassword ? t(lang, 'staffSignInPassword') : null,
                    a.identities > 0 ? (oidcProvider ?? t(lang, 'staffSignInProvider')) : null,
                  ]
                    .filter((s) => s)
                    .join(', ') || '—'}
                </td>
                <td>{a.lastSignInMs !== null ? when(lang, a.lastSignInMs) : t(lang, 'staffNever')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>

      <h2 id="add-heading">{t(lang, 'staffAddHeading')}</h2>
      <ErrorSummary lang={lang} errors={errors} />
      <form
        method="post"
        action={localePath(lang, '/admin/staff')}
        class="stacked-form"
        aria-labelledby="add-heading"
      >
        <label for="add-email">{t(lang, 'email')}</label>
        <input
          id="add-email"
          name="email"
          type="email"
          autocomplete="off"
          required
          value={form.email}
          {...invalid('add-email', errors.email)}
        />
        <ErrorText id="add-email" error={errors.email} lang={lang} />
        <AccountFields lang={lang} prefix="add" values={form} errors={errors} advisors={advisors} />
        <button type="submit">{t(lang, 'staffAddSubmit')}</button>
      </form>

      <h2 id="signins-heading">{t(lang, 'staffSignInsHeading')}</h2>
      <p>
        {t(lang, 'staffSignInsIntro')}{' '}
        <a href={`${localePath(lang, '/admin/audit')}?action=auth.sign-in`}>{t(lang, 'staffSignInsAll')}</a>
      </p>
      {signIns.length === 0 ? (
        <p>{t(lang, 'staffSignInsNone')}</p>
      ) : (
        <div class="table-wrap">
          <table aria-labelledby="signins-heading">
            <thead>
              <tr>
                <th scope="col">{t(lang, 'colAuditWhen')}</th>
                <th scope="col">{t(lang, 'colWho')}</th>
                <th scope="col">{t(lang, 'colSignInWith')}</th>
              </tr>
            </thead>
            <tbody>
              {signIns.map((e) => (
                <tr>
                  <td>{when(lang, e.atMs)}</td>
                  <td>{e.actorEmail ?? '—'}</td>
                  <td>
                    {e.details?.method === 'oidc'
                      ? (oidcProvider ?? t(lang, 'staffSignInProvider'))
                      : t(lang, 'staffSignInPassword')}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Layout>
  );
}

export function StaffAccountPage({
  lang,
  user,
  account,
  advisors,
  form,
  errors,
  done,
  oidcProvider,
}: {
  lang: Lang;
  user: StaffUser;
  account: StaffAccount;
  advisors: readonly AdvisorOption[];
  form: StaffFormValues;
  errors: StaffFormErrors;
  /** What was just done (after a redirect). */
  done?: 'saved' | 'deactivated' | 'reactivated' | undefined;
  oidcProvider?: string | undefined;
}) {
  const a = account.user;
  const base = localePath(lang, `/admin/staff/${a.id}`);
  const doneKey = {
    saved: 'staffSaved',
    deactivated: 'staffDeactivated',
    reactivated: 'staffReactivated',
  } as const;
  const { account: accountError, ...fieldErrors } = errors;
  return (
    <Layout
      lang={lang}
      title={t(lang, 'staffEditHeading', { email: a.email })}
      path={`/admin/staff/${a.id}`}
      user={user}
    >
      <StaffNav lang={lang} current="staff" user={user} />
      <p>
        <a href={localePath(lang, '/admin/staff')}>{t(lang, 'staffBack')}</a>
      </p>
      <h1>{t(lang, 'staffEditHeading', { email: a.email })}</h1>
      {done ? (
        <p class="notice" role="status">
          {t(lang, doneKey[done])}
        </p>
      ) : null}
      <dl class="facts">
        <dt>{t(lang, 'colAccountStatus')}</dt>
        <dd>{t(lang, a.active ? 'staffActive' : 'staffInactive')}</dd>
        <dt>{t(lang, 'colSignInWith')}</dt>
        <dd>
          {[
            account.hasPassword ? t(lang, 'staffSignInPassword') : null,
            account.identities > 0 ? (oidcProvider ?? t(lang, 'staffSignInProvider')) : null,
          ]
            .filter((s) => s)
            .join(', ') || '—'}
        </dd>
        <dt>{t(lang, 'colLastSignIn')}</dt>
        <dd>{account.lastSignInMs !== null ? when(lang, account.lastSignInMs) : t(lang, 'staffNever')}</dd>
      </dl>
      {oidcProvider && account.identities > 0 ? (
        <p>{t(lang, 'staffOidcNote', { provider: oidcProvider })}</p>
      ) : null}
      <ErrorSummary lang={lang} errors={fieldErrors} />
      <form method="post" action={base} class="stacked-form">
        <AccountFields lang={lang} prefix="edit" values={form} errors={fieldErrors} advisors={advisors} />
        <button type="submit">{t(lang, 'staffSave')}</button>
      </form>
      <h2>{t(lang, 'staffStatusHeading')}</h2>
      <p id="status-help">{t(lang, 'staffDeactivateHelp')}</p>
      {accountError ? (
        <p class="error" role="alert" id="status-error">
          {t(lang, accountError.key, accountError.params)}
        </p>
      ) : null}
      <form method="post" action={`${base}/${a.active ? 'deactivate' : 'reactivate'}`}>
        <button type="submit" aria-describedby={accountError ? 'status-help status-error' : 'status-help'}>
          {t(lang, a.active ? 'staffDeactivate' : 'staffReactivate')}
        </button>
      </form>
    </Layout>
  );
}

export interface AuditFilterValues {
  readonly action: string;
  readonly from: string;
  readonly to: string;
}

export function AuditPage({
  lang,
  user,
  found,
  actions,
  filter,
  badDates,
  staffEmails,
}: {
  lang: Lang;
  user: StaffUser;
  found: { items: readonly AuditEntry[]; total: number; page: number; pages: number };
  /** Staff accounts' e-mails by id, to name a staff account that is an entry's target. */
  staffEmails: ReadonlyMap<string, string>;
  actions: readonly string[];
  filter: AuditFilterValues;
  /** Dates typed that were not dates (ignored, and said so). */
  badDates: readonly string[];
}) {
  const base = localePath(lang, '/admin/audit');
  const pageHref = (page: number) =>
    `${base}?${new URLSearchParams({
      ...(filter.action ? { action: filter.action } : {}),
      ...(filter.from ? { from: filter.from } : {}),
      ...(filter.to ? { to: filter.to } : {}),
      page: String(page),
    })}`;
  const details = (e: AuditEntry) =>
    e.details
      ? Object.entries(e.details)
          .map(([k, v]) => `${k}: ${Array.isArray(v) ? v.join(', ') : v === null ? '—' : String(v)}`)
          .join('; ')
      : '';
  return (
    <Layout lang={lang} title={t(lang, 'auditTitle')} path="/admin/audit" user={user} wide>
      <StaffNav lang={lang} current="audit" user={user} />
      <h1>{t(lang, 'auditTitle')}</h1>
      <p>{t(lang, 'auditIntro')}</p>
      <form method="get" action={base} class="inline-form">
        <label>
          {t(lang, 'auditActionLabel')}
          <select name="action">
            <option value="">{t(lang, 'auditAllActions')}</option>
            {actions.map((a) => (
              <option value={a} selected={filter.action === a}>
                {actionLabel(lang, a)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t(lang, 'auditFromLabel')}
          <input name="from" type="date" value={filter.from} />
        </label>
        <label>
          {t(lang, 'auditToLabel')}
          <input name="to" type="date" value={filter.to} />
        </label>
        <button type="submit">{t(lang, 'auditFilterSubmit')}</button>
      </form>
      {badDates.map((value) => (
        <p class="error" role="alert">
          {t(lang, 'auditBadDate', { value })}
        </p>
      ))}
      {found.items.length === 0 ? (
        <p>{t(lang, 'auditNone')}</p>
      ) : (
        <>
          <p role="status">
            {t(lang, 'auditCount', {
              total: String(found.total),
              page: String(found.page),
              pages: String(found.pages),
            })}
          </p>
          <div class="table-wrap">
            <table>
              <thead>
                <tr>
                  <th scope="col">{t(lang, 'colAuditWhen')}</th>
                  <th scope="col">{t(lang, 'colWho')}</th>
                  <th scope="col">{t(lang, 'colWhat')}</th>
                  <th scope="col">{t(lang, 'colTarget')}</th>
                  <th scope="col">{t(lang, 'colDetails')}</th>
                </tr>
              </thead>
              <tbody>
                {found.items.map((e) => (
                  <tr>
                    <td>{when(lang, e.atMs)}</td>
                    <td>{e.actorEmail ?? t(lang, 'auditSystem')}</td>
                    <td>{actionLabel(lang, e.action)}</td>
                    <td>
                      {e.targetType
                        ? `${e.targetType} ${(e.targetType === 'staff-user' && e.targetId && staffEmails.get(e.targetId)) || (e.targetId ?? '')}`.trim()
                        : '—'}
                    </td>
                    <td class="audit-details">{details(e)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <nav aria-label={t(lang, 'auditPages')} class="pager">
            {found.page > 1 ? <a href={pageHref(found.page - 1)}>{t(lang, 'auditNewer')}</a> : null}{' '}
            {found.page < found.pages ? <a href={pageHref(found.page + 1)}>{t(lang, 'auditOlder')}</a> : null}
          </nav>
        </>
      )}
    </Layout>
  );
}

/** A refusal's code as a field error, when it is one of this page's messages. */
export function fieldErrorOf(code: string | undefined, params: Readonly<Record<string, string>> = {}) {
  return code && isMessageKey(code) ? { key: code, params } : undefined;
}
