/**
 * Booking a support time on the public site, in Finnish, Swedish and English, without
 * JavaScript: the form at /visits/{id}/book and its post; the booker's own page by the private
 * link /bookings/{token} with its calendar file and the change, cancel and delete posts. Every
 * post checks that it comes from this site, is counted by the per-client rate limit (over it,
 * the page again with what was typed kept and the wait in words), and answers a problem with
 * the form again, the problem next to its field. A honeypot field catches form-filling bots.
 * The pages use the booking service, as the JSON API does.
 *
 * The private link's pages are never cached or indexed; app.ts sends them with
 * `Referrer-Policy: same-origin`, so the token does not leak to another site (no-referrer would
 * make the browser send `Origin: null` with the page's own posts, refused as cross-site).
 */
import { type Context, Hono } from 'hono';
import type { Child } from 'hono/jsx';
import { LANGS, type Lang } from '../core/i18n.ts';
import { wallClockToEpochMs } from '../core/time/civil-time.ts';
import { isSameSite } from '../services/auth-service.ts';
import { checkBookingInput } from '../services/booking/booking-input.ts';
import type { BookingService, Slot, VisitRefusal } from '../services/booking/booking-service.ts';
import type { CityService } from '../services/city/city-service.ts';
import { NotFoundError } from '../services/errors.ts';
import { languageName, type PublicService, type PublicVisit } from '../services/public-service.ts';
import { rateLimitedOf } from '../services/rate-limit.ts';
import { bookingCalendar } from './booking-calendar.ts';
import { localePath } from './layout.tsx';
import { BookingFormPage, type BookingFormValues } from './pages/booking-form-page.tsx';
import { BookingPage, type BookingPageProps } from './pages/booking-page.tsx';
import { bookingPath, bookPath } from './pages/booking-parts.tsx';
import { BookingMessagePage, VisitRefusalPage } from './pages/booking-refusal-pages.tsx';
import { ErrorPage } from './pages/error-page.tsx';
import { inCity } from './public-page.tsx';
import type { WebEnv } from './web-env.ts';

export interface BookingWebDeps {
  readonly bookings: BookingService;
  readonly publicSite: PublicService;
  readonly city: CityService;
  readonly now: () => number;
  /** The site's public origin (NEUVO_PUBLIC_URL), for the calendar file's link to the place. */
  readonly publicUrl: () => string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

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
function valuesOf(form: Form): BookingFormValues {
  return {
    start: text(form, 'start'),
    topicId: text(form, 'topicId'),
    language: text(form, 'language'),
    needs: list(form, 'needs').slice(0, 10),
    firstName: text(form, 'firstName'),
    contact: text(form, 'contact'),
  };
}

const refusalStatus = (refusal: VisitRefusal) => (refusal === 'unknown' ? 404 : 409);

interface Languages {
  readonly here: readonly string[];
  readonly other: readonly string[];
  readonly all: readonly string[];
}

/** What the form's pages and the private link's pages share. */
function bookingPageParts(deps: BookingWebDeps) {
  const { publicSite } = deps;
  /** A public page in its city, with the customer-service contact in its footer. */
  const view = async (body: Child) => `<!doctype html>${String(await inCity(deps, body))}`;
  const forbidden = async (c: Context, lang: Lang) =>
    c.html(await view(<ErrorPage lang={lang} title="bkForbiddenTitle" text="bkForbiddenText" />), 403);

  /** The published (or cancelled) visit as the public pages show it, or null. */
  const visitOf = async (id: string): Promise<PublicVisit | null> => {
    if (!UUID.test(id)) return null;
    try {
      return await publicSite.visit(id);
    } catch (e) {
      if (e instanceof NotFoundError) return null;
      throw e;
    }
  };
  return { view, forbidden, visitOf };
}
type BookingPageParts = ReturnType<typeof bookingPageParts>;

const noStore = (c: Context) => c.header('cache-control', 'no-store');
/** A page behind the private link: never stored, never indexed. */
const privatePage = (c: Context) => {
  c.header('cache-control', 'no-store');
  c.header('x-robots-tag', 'noindex');
};
const fromThisSite = (c: Context) => isSameSite(c.req.header('origin') ?? c.req.header('referer'), c.req.url);

/** The booking pages in every language: the form, then the booker's own pages. */
export function createBookingPages(deps: BookingWebDeps): Hono<WebEnv> {
  const app = new Hono<WebEnv>();
  const parts = bookingPageParts(deps);
  for (const lang of LANGS) {
    app.route('/', createBookingFormRoutes(deps, parts, lang));
    app.route('/', createPrivateLinkRoutes(deps, parts, lang));
  }
  return app;
}

/** The form at /visits/{id}/book, its post, and what a bot that filled the hidden field is shown. */
function createBookingFormRoutes(deps: BookingWebDeps, parts: BookingPageParts, lang: Lang): Hono<WebEnv> {
  const app = new Hono<WebEnv>();
  const { bookings, publicSite } = deps;
  const { view, forbidden, visitOf } = parts;

  /** The languages the service offers: the visit's advisors' first, each group by name. */
  const languagesFor = async (item: PublicVisit): Promise<Languages> => {
    const offered = (await publicSite.reference()).languages;
    const collator = new Intl.Collator(lang);
    const byName = (a: string, b: string) => collator.compare(languageName(lang, a), languageName(lang, b));
    const here = item.languages.filter((l) => offered.includes(l)).sort(byName);
    const other = offered.filter((l) => !here.includes(l)).sort(byName);
    return { here, other, all: offered };
  };

  const refusalPage = async (c: Context, refusal: VisitRefusal, id: string, item?: PublicVisit) =>
    c.html(
      await view(<VisitRefusalPage lang={lang} refusal={refusal} item={item} path={bookPath(id)} />),
      refusalStatus(refusal),
    );

  const formPage = async (
    c: Context,
    item: PublicVisit,
    slots: readonly Slot[],
    languages: Languages,
    values: BookingFormValues,
    extra: Pick<Parameters<typeof BookingFormPage>[0], 'problems' | 'waitSeconds'> = {},
    status: 200 | 400 | 409 | 429 = 200,
  ) =>
    c.html(
      await view(
        <BookingFormPage
          lang={lang}
          item={item}
          slots={slots}
          languages={languages}
          values={values}
          problems={extra.problems ?? []}
          waitSeconds={extra.waitSeconds}
          retentionDays={bookings.retentionDays}
        />,
      ),
      status,
    );

  const formPath = localePath(lang, '/visits/:id/book');

  app.get(formPath, async (c) => {
    noStore(c);
    const id = c.req.param('id') ?? '';
    const item = await visitOf(id);
    if (!item) return refusalPage(c, 'unknown', id);
    const slots = await bookings.slots(id);
    if (!slots.ok) return refusalPage(c, slots.refusal, id, item);
    const languages = await languagesFor(item);
    const { here, other } = languages;
    const start = c.req.query('start') ?? '';
    return formPage(c, item, slots.items, languages, {
      start: /^\d{2}:\d{2}$/.test(start) ? start : '',
      topicId: '',
      // The page's language where the service offers it at all (the hint tells when an
      // interpreter is needed), else the first the visit's advisors speak.
      language: languages.all.includes(lang) ? lang : (here[0] ?? other[0] ?? ''),
      needs: [],
      firstName: '',
      contact: '',
    });
  });

  app.post(formPath, async (c) => {
    noStore(c);
    if (!fromThisSite(c)) return forbidden(c, lang);
    const id = c.req.param('id') ?? '';
    const form = await c.req.parseBody({ all: true });
    const values = valuesOf(form);
    const item = await visitOf(id);
    if (!item) return refusalPage(c, 'unknown', id);
    const slots = await bookings.slots(id);
    if (!slots.ok) return refusalPage(c, slots.refusal, id, item);
    const languages = await languagesFor(item);
    const waitSeconds = rateLimitedOf(c);
    if (waitSeconds !== undefined)
      return formPage(c, item, slots.items, languages, values, { waitSeconds }, 429);
    // A bot filled the field people never see: answer as if booked, store nothing.
    if (text(form, 'website').trim() !== '') return c.redirect(localePath(lang, '/bookings/received'), 303);
    const input = { ...values, lang };
    // The topic must be one the visit's advisors help with, not only one the city knows.
    const checked = checkBookingInput(input, { languages: languages.all, topicIds: item.topicIds });
    if (!checked.ok)
      return formPage(c, item, slots.items, languages, values, { problems: checked.problems }, 400);
    const result = await bookings.book(id, input);
    if (result.ok) return c.redirect(localePath(lang, bookingPath(result.token)), 303);
    const visitProblem = result.problems.find((p) => p.field === 'visit');
    if (visitProblem) return refusalPage(c, visitProblem.problem as VisitRefusal, id, item);
    // The times as they are now: the one chosen may have just filled up or started.
    const now = await bookings.slots(id);
    if (!now.ok) return refusalPage(c, now.refusal, id, item);
    const taken = result.problems.some(
      (p) => p.field === 'start' && (p.problem === 'full' || p.problem === 'past'),
    );
    return formPage(c, item, now.items, languages, values, { problems: result.problems }, taken ? 409 : 400);
  });

  // What a bot that filled the hidden field is shown: no token, nothing stored.
  app.get(localePath(lang, '/bookings/received'), async (c) => {
    noStore(c);
    return c.html(
      await view(
        <BookingMessagePage
          lang={lang}
          title="bkReceivedTitle"
          text="bkReceivedText"
          path="/bookings/received"
        />,
      ),
    );
  });
  return app;
}

/**
 * The booker's own pages by the private link /bookings/{token}: the booking, its calendar file,
 * and the change, cancel and delete posts; and the page after deleting.
 */
function createPrivateLinkRoutes(deps: BookingWebDeps, parts: BookingPageParts, lang: Lang): Hono<WebEnv> {
  const app = new Hono<WebEnv>();
  const { bookings, publicSite } = deps;
  const { view, forbidden, visitOf } = parts;

  app.get(localePath(lang, '/bookings/deleted'), async (c) => {
    noStore(c);
    return c.html(
      await view(
        <BookingMessagePage
          lang={lang}
          title="bkDeletedTitle"
          text="bkDeletedText"
          path="/bookings/deleted"
        />,
      ),
    );
  });

  const notFound = async (c: Context, token: string) =>
    c.html(
      await view(
        <BookingMessagePage
          lang={lang}
          title="bkNotFoundTitle"
          text="bkNotFoundText"
          path={bookingPath(token)}
          noindex
        />,
      ),
      404,
    );

  /** The booker's page, with what just happened or went wrong. */
  const bookingPage = async (
    c: Context,
    token: string,
    extra: Pick<BookingPageProps, 'changed' | 'problems' | 'waitSeconds'> = {},
    status: 200 | 400 | 409 | 429 = 200,
  ) => {
    const found = await bookings.byToken(token);
    const item = found ? await visitOf(found.booking.visitId) : null;
    if (!found || !item) return notFound(c, token);
    const { booking } = found;
    const ahead =
      booking.status === 'booked' && wallClockToEpochMs(item.visit.date, booking.start) > deps.now();
    return c.html(
      await view(
        <BookingPage
          lang={lang}
          token={token}
          booking={booking}
          item={item}
          slots={found.slots}
          topics={await publicSite.topics()}
          ahead={ahead}
          {...extra}
        />,
      ),
      status,
    );
  };

  const tokenPath = localePath(lang, '/bookings/:token');

  app.get(tokenPath, async (c) => {
    privatePage(c);
    return bookingPage(c, c.req.param('token') ?? '', { changed: c.req.query('changed') === '1' });
  });

  app.get(`${tokenPath}/booking.ics`, async (c) => {
    privatePage(c);
    const token = c.req.param('token') ?? '';
    const found = await bookings.byToken(token);
    const item = found ? await visitOf(found.booking.visitId) : null;
    if (!found || !item) return notFound(c, token);
    c.header('content-type', 'text/calendar; charset=utf-8');
    c.header('content-disposition', `attachment; filename="booking-${item.visit.date}.ics"`);
    return c.body(
      bookingCalendar(found.booking, item, {
        lang,
        origin: deps.publicUrl(),
        nowMs: deps.now(),
        swedishNames: (await deps.city.profile())?.swedishPlaceNames ?? {},
      }),
    );
  });

  app.post(`${tokenPath}/change`, async (c) => {
    privatePage(c);
    if (!fromThisSite(c)) return forbidden(c, lang);
    const token = c.req.param('token') ?? '';
    const form = await c.req.parseBody();
    const waitSeconds = rateLimitedOf(c);
    if (waitSeconds !== undefined) return bookingPage(c, token, { waitSeconds }, 429);
    const result = await bookings.change(token, text(form, 'start'));
    if ('unknown' in result) return notFound(c, token);
    if (result.ok) return c.redirect(`${localePath(lang, bookingPath(token))}?changed=1`, 303);
    const conflict = result.problems.some(
      (p) => p.field === 'visit' || p.problem === 'full' || p.problem === 'past',
    );
    return bookingPage(c, token, { problems: result.problems }, conflict ? 409 : 400);
  });

  app.post(`${tokenPath}/cancel`, async (c) => {
    privatePage(c);
    if (!fromThisSite(c)) return forbidden(c, lang);
    const token = c.req.param('token') ?? '';
    const waitSeconds = rateLimitedOf(c);
    if (waitSeconds !== undefined) return bookingPage(c, token, { waitSeconds }, 429);
    const result = await bookings.cancel(token);
    if (result === 'unknown') return notFound(c, token);
    if (result === 'past')
      return bookingPage(c, token, { problems: [{ field: 'visit', problem: 'past' }] }, 409);
    return c.redirect(localePath(lang, bookingPath(token)), 303);
  });

  app.post(`${tokenPath}/delete`, async (c) => {
    privatePage(c);
    if (!fromThisSite(c)) return forbidden(c, lang);
    const token = c.req.param('token') ?? '';
    const waitSeconds = rateLimitedOf(c);
    if (waitSeconds !== undefined) return bookingPage(c, token, { waitSeconds }, 429);
    if (!(await bookings.erase(token))) return notFound(c, token);
    return c.redirect(localePath(lang, '/bookings/deleted'), 303);
  });
  return app;
}
