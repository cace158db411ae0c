/**
 * The advisors' app's routes (advisor role; admins too), in fi at /advisor, sv at /sv/advisor and
 * en at /en/advisor: the day view with check-in and check-out and each visit's bookings (marked
 * attended or no-show by a plain form post), the contact form (a plain form
 * post that works without JavaScript; the server's hidden `clientId` makes a double submit one
 * entry), undo within a minute, and the app's static files under /assets/advisor/ (stylesheet,
 * manifests, icons, and the service worker, allowed to control the /advisor/ pages).
 */
import { createHash, randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { type Context, Hono, type MiddlewareHandler } from 'hono';
import { LANGS, type Lang } from '../../core/i18n.ts';
import { isUuid } from '../../core/ids.ts';
import type { StaffUser } from '../../core/model/staff.ts';
import type { AdvisorService } from '../../services/advisor-service.ts';
import type { AuthService } from '../../services/auth-service.ts';
import {
  BOOKING_MARKS,
  type BookingMark,
  type BookingStaffService,
} from '../../services/booking/booking-staff.ts';
import type { ContactService, FieldProblem } from '../../services/contact-service.ts';
import { ConflictError, DomainError, ForbiddenError, NotFoundError } from '../../services/errors.ts';
import { SITE_CSS } from '../assets.ts';
import { localePath } from '../layout.tsx';
import { isMessageKey, langOfPath, t } from '../messages.ts';
import type { StaffEnv, WebEnv } from '../web-env.ts';
import { ADVISOR_CSS, advisorManifest } from './advisor-assets.ts';
import { statusText } from './advisor-bookings.tsx';
import {
  type ContactFormErrors,
  type ContactFormField,
  ContactFormPage,
  type ContactFormValues,
  type ContactNotice,
  contactFormDefaults,
} from './advisor-contact-page.tsx';
import { advisorHome, contactFormPath } from './advisor-shell.tsx';
import { AdvisorWeekPage } from './advisor-week-page.tsx';
import { ForbiddenPage } from './login-page.tsx';
import { isSameOrigin, requireRole } from './session.ts';

const CLIENT_DIR = fileURLToPath(new URL('../../../dist/client/', import.meta.url));
const ICON_DIR = fileURLToPath(new URL('./advisor-icons/', import.meta.url));

export interface AdvisorWebDeps {
  readonly auth: AuthService;
  readonly advisor: AdvisorService;
  readonly contacts: ContactService;
  /** Each visit's bookings in the day view, and their marks (absent: no bookings shown). */
  readonly bookingStaff?: BookingStaffService | undefined;
  readonly now: () => number;
}

const html = (c: Context, body: string, status: 200 | 400 | 403 | 404 | 409 = 200) => {
  c.header('cache-control', 'private, no-store');
  return c.html(`<!doctype html>${body}`, status);
};

async function clientAvailable(): Promise<boolean> {
  try {
    await readFile(`${CLIENT_DIR}advisor.js`);
    return true;
  } catch {
    return false;
  }
}

type Form = Record<string, string | File | (string | File)[]>;
const all = (form: Form, name: string): string[] => {
  const v = form[name];
  return (Array.isArray(v) ? v : v === undefined ? [] : [v]).filter(
    (x): x is string => typeof x === 'string',
  );
};
const one = (form: Form, name: string) => all(form, name)[0] ?? '';

/** The form's choices as sent, and the API's input made of them (the contact's time is now). */
export function readContactForm(form: Form, nowMs: number) {
  const values: ContactFormValues = {
    topics: all(form, 'topic'),
    ageBand: one(form, 'ageBand'),
    language: one(form, 'language'),
    groups: all(form, 'group'),
    duration: one(form, 'duration'),
    outcome: one(form, 'outcome'),
    channel: one(form, 'channel'),
    visit: one(form, 'visit'),
  };
  const [outcome, referredTo] = values.outcome.split(':');
  const input = {
    clientId: one(form, 'clientId'),
    loggedAt: new Date(nowMs).toISOString(),
    channel: values.channel,
    visitId: values.visit || null,
    topicIds: values.topics,
    language: values.language,
    ageBand: values.ageBand,
    groups: values.groups,
    durationMinutes: values.duration === '' ? null : Number(values.duration),
    outcome,
    referredTo: referredTo ?? null,
  };
  return { values, input };
}

const FIELD_OF: Record<string, ContactFormField | 'form'> = {
  topicIds: 'topic',
  ageBand: 'ageBand',
  language: 'language',
  groups: 'group',
  durationMinutes: 'duration',
  outcome: 'outcome',
  referredTo: 'outcome',
  channel: 'channel',
  visitId: 'visit',
  siteId: 'visit',
};

/** The refused fields as the form shows them, next to each choice, in the reader's language. */
export function formErrorsOf(lang: Lang, problems: readonly FieldProblem[], values: ContactFormValues) {
  const errors: ContactFormErrors = {};
  for (const p of problems) {
    const field = FIELD_OF[p.path.replace(/[[.].*$/, '')] ?? 'form';
    if (errors[field]) continue;
    if (field === 'topic' && values.topics.length === 0) errors.topic = t(lang, 'advErrTopic');
    else if (field === 'ageBand') errors.ageBand = t(lang, 'advErrAgeBand');
    else if (field !== 'form') errors[field] = t(lang, 'advErrChoice', { reason: p.message });
  }
  if (Object.keys(errors).length === 0 && problems.length > 0) errors.form = t(lang, 'advFormErrors');
  return errors;
}

let workerScript: Promise<string | null> | undefined;
/**
 * The service worker as Vite built it, behind a line naming the version of everything it caches:
 * when the app's script or styles change, the worker's bytes change, so browsers install the new
 * one, which drops the old cache.
 */
function serviceWorker(): Promise<string | null> {
  workerScript ??= (async () => {
    try {
      const [worker, script] = await Promise.all([
        readFile(`${CLIENT_DIR}advisor-sw.js`, 'utf8'),
        readFile(`${CLIENT_DIR}advisor.js`, 'utf8'),
      ]);
      const version = createHash('sha256')
        .update(worker)
        .update(script)
        .update(ADVISOR_CSS)
        .update(SITE_CSS)
        .digest('base64url')
        .slice(0, 16);
      return `self.NEUVO_VERSION = ${JSON.stringify(version)};\n${worker}`;
    } catch {
      workerScript = undefined;
      return null;
    }
  })();
  return workerScript;
}

const ICONS: Record<string, string> = {
  'icon.svg': 'image/svg+xml',
  'icon-192.png': 'image/png',
  'icon-512.png': 'image/png',
};

/** The answer to a cross-site post or a user without the role. */
const forbidden = (c: Context) =>
  html(c, String(<ForbiddenPage lang={langOfPath(new URL(c.req.url).pathname)} />), 403);

/** The advisors' app in every language: the day view, then the contact form; and its files. */
export function createAdvisorRoutes(deps: AdvisorWebDeps): Hono<WebEnv> {
  const app = new Hono<WebEnv>();
  const advisorRole = requireRole(deps.auth, 'advisor', forbidden);
  for (const lang of LANGS) {
    app.route('/', createDayRoutes(deps, lang, advisorRole));
    app.route('/', createContactRoutes(deps, lang, advisorRole));
  }
  app.route('/', createAdvisorFiles());
  return app;
}

/** The day view (also with the trailing slash), check-in and check-out, and the bookings' marks. */
function createDayRoutes(
  deps: AdvisorWebDeps,
  lang: Lang,
  advisorRole: MiddlewareHandler<StaffEnv>,
): Hono<StaffEnv> {
  const app = new Hono<StaffEnv>();
  const base = localePath(lang, '/advisor');

  const weekPage = async (
    c: Context<StaffEnv>,
    error: string | null = null,
    status: 200 | 400 | 404 | 409 = 200,
  ) => {
    const week = await deps.advisor.week(c.get('user'));
    const bookings = await deps.bookingStaff?.dayBookings(week.visits.map((v) => v.item.visit.id));
    // After a mark: which booking, and what it is now.
    const marked = c.req.method === 'GET' ? c.req.query('marked') : undefined;
    const booking = marked
      ? [...(bookings?.byVisit.values() ?? [])].flat().find((b) => b.id === marked)
      : undefined;
    return html(
      c,
      String(
        <AdvisorWeekPage
          lang={lang}
          user={c.get('user')}
          week={week}
          error={error}
          notice={
            booking
              ? t(lang, 'advMarked', {
                  code: booking.referenceCode,
                  status: statusText(lang, booking.status),
                })
              : null
          }
          bookings={bookings}
          clientAvailable={await clientAvailable()}
        />,
      ),
      status,
    );
  };

  // The day view, also with the trailing slash (the service worker's scope is /advisor/).
  app.get(base, advisorRole, (c) => weekPage(c));
  app.get(`${base}/`, advisorRole, (c) => weekPage(c));

  const attendance = (action: 'checkIn' | 'checkOut') => async (c: Context<StaffEnv>) => {
    if (!isSameOrigin(c)) return forbidden(c);
    const id = c.req.param('id') ?? '';
    if (!isUuid(id)) return c.notFound();
    try {
      await deps.advisor[action](c.get('user'), id);
    } catch (e) {
      if (!(e instanceof DomainError)) throw e;
      const code = e.detail?.code;
      return weekPage(
        c,
        code && isMessageKey(code) ? t(lang, code) : e.message,
        e instanceof NotFoundError ? 404 : 409,
      );
    }
    return c.redirect(`${advisorHome(lang)}#v-${id}`, 303);
  };
  app.post(`${base}/visits/:id/check-in`, advisorRole, attendance('checkIn'));
  app.post(`${base}/visits/:id/check-out`, advisorRole, attendance('checkOut'));

  // A booking marked attended or no-show: only by an advisor staffed on its visit (or an admin).
  app.post(`${base}/bookings/:id/mark`, advisorRole, async (c) => {
    if (!isSameOrigin(c)) return forbidden(c);
    const id = c.req.param('id') ?? '';
    if (!isUuid(id) || !deps.bookingStaff) return c.notFound();
    const form = await c.req.parseBody();
    const status = typeof form.status === 'string' ? form.status : '';
    if (!(BOOKING_MARKS as readonly string[]).includes(status))
      return weekPage(c, t(lang, 'advMarkInvalid'), 400);
    try {
      const booking = await deps.bookingStaff.mark(c.get('user'), id, status as BookingMark);
      return c.redirect(`${advisorHome(lang)}?marked=${booking.id}#b-${booking.id}`, 303);
    } catch (e) {
      if (e instanceof ForbiddenError) return forbidden(c);
      if (e instanceof NotFoundError) return weekPage(c, t(lang, 'advBookingGone'), 404);
      throw e;
    }
  });
  return app;
}

/** The contact form, its post, and undo within a minute. */
function createContactRoutes(
  deps: AdvisorWebDeps,
  lang: Lang,
  advisorRole: MiddlewareHandler<StaffEnv>,
): Hono<StaffEnv> {
  const app = new Hono<StaffEnv>();
  const base = localePath(lang, '/advisor');

  const formPage = async (
    c: Context<StaffEnv>,
    options: {
      visit?: string | undefined;
      values?: ContactFormValues;
      errors?: ContactFormErrors;
      notice?: ContactNotice | null;
      status?: 200 | 400 | 404 | 409;
    } = {},
  ) => {
    const user = c.get('user');
    const [data, referralNames] = await Promise.all([
      deps.advisor.contactForm(user, options.visit ?? options.values?.visit),
      deps.contacts.referralTargetNames(),
    ]);
    const defaults = contactFormDefaults(data);
    return html(
      c,
      String(
        <ContactFormPage
          lang={lang}
          user={user}
          data={data}
          clientId={randomUUID()}
          values={options.values ?? defaults}
          errors={options.errors ?? {}}
          notice={options.notice ?? null}
          referralNames={referralNames}
          clientAvailable={await clientAvailable()}
        />,
      ),
      options.status ?? 200,
    );
  };

  app.get(`${base}/contacts/new`, advisorRole, async (c) => {
    const user: StaffUser = c.get('user');
    const visit = c.req.query('visit');
    const saved = c.req.query('saved');
    let notice: ContactNotice | null = null;
    if (saved) {
      const entry = await deps.contacts.findOwn(user, saved);
      if (entry)
        notice = {
          kind: 'saved',
          clientId: entry.clientId,
          secondsLeft: deps.contacts.undoSecondsLeft(entry),
        };
    } else if (c.req.query('undone') === '1') notice = { kind: 'undone' };
    return formPage(c, { visit, notice });
  });

  app.post(`${base}/contacts/new`, advisorRole, async (c) => {
    if (!isSameOrigin(c)) return forbidden(c);
    const { values, input } = readContactForm(await c.req.parseBody({ all: true }), deps.now());
    let result: Awaited<ReturnType<ContactService['record']>>;
    try {
      result = await deps.contacts.record(c.get('user'), input);
    } catch (e) {
      if (!(e instanceof ConflictError)) throw e;
      return formPage(c, { values, errors: { form: t(lang, 'advFormErrors') }, status: 409 });
    }
    if (!result.ok)
      return formPage(c, { values, errors: formErrorsOf(lang, result.errors, values), status: 400 });
    const query = new URLSearchParams({
      saved: result.entry.clientId,
      ...(values.visit ? { visit: values.visit } : {}),
    });
    return c.redirect(`${contactFormPath(lang)}?${query}`, 303);
  });

  app.post(`${base}/contacts/undo`, advisorRole, async (c) => {
    if (!isSameOrigin(c)) return forbidden(c);
    const form = await c.req.parseBody();
    const clientId = typeof form.clientId === 'string' ? form.clientId : '';
    const visit = typeof form.visit === 'string' && isUuid(form.visit) ? form.visit : undefined;
    const result = await deps.contacts.undo(c.get('user'), clientId);
    if (result.status === 'undone') {
      const query = new URLSearchParams({ undone: '1', ...(visit ? { visit } : {}) });
      return c.redirect(`${contactFormPath(lang)}?${query}`, 303);
    }
    return formPage(c, {
      visit,
      notice: { kind: result.status },
      status: result.status === 'too-late' ? 409 : 404,
    });
  });
  return app;
}

/**
 * The app's static files under /assets/advisor/: stylesheet, manifests, icons, and the service
 * worker, allowed to control the /advisor/ pages.
 */
function createAdvisorFiles(): Hono<WebEnv> {
  const app = new Hono<WebEnv>();
  app.get('/assets/advisor/:file', async (c) => {
    const file = c.req.param('file');
    if (file === 'advisor.css') {
      c.header('content-type', 'text/css; charset=utf-8');
      c.header('cache-control', 'public, max-age=3600');
      return c.body(ADVISOR_CSS);
    }
    const manifest = /^manifest\.(fi|sv|en)\.webmanifest$/.exec(file);
    if (manifest) {
      c.header('content-type', 'application/manifest+json; charset=utf-8');
      c.header('cache-control', 'public, max-age=3600');
      return c.body(JSON.stringify(advisorManifest(manifest[1] as Lang)));
    }
    if (file === 'sw.js') {
      const body = await serviceWorker();
      if (body === null) return c.notFound();
      c.header('content-type', 'text/javascript; charset=utf-8');
      // The worker lives with the assets but controls the app's pages: /advisor/, /sv/advisor/, /en/advisor/.
      c.header('service-worker-allowed', '/');
      c.header('cache-control', 'no-cache');
      return c.body(body);
    }
    const type = ICONS[file];
    if (!type) return c.notFound();
    c.header('content-type', type);
    c.header('cache-control', 'public, max-age=86400');
    return c.body(await readFile(`${ICON_DIR}${file}`));
  });
  return app;
}
