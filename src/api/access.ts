/**
 * WHO MAY CALL WHAT — the one table of staff routes.
 *
 * EVERY staff route (pages under /planner, /admin, /advisor and the staff JSON API under
 * /api/v1) MUST have a row in {@link STAFF_ACCESS}: its method, its Hono path pattern as
 * registered (without the /sv or /en prefix of a page: one row covers all three languages) and
 * the roles that may call it. Admin may do everything (`hasRole`). One middleware
 * ({@link createAccessGuard}, registered in src/app.ts before every route) enforces the table:
 * no session → 401 (a page: 303 to /login?next=…), a role not listed → 403, a write from
 * another site → 403. Routes anyone may call are listed in {@link PUBLIC_ROUTES}.
 * test/api/access.test.ts enumerates every route the app registers and fails when one is in
 * neither list, and checks 401 and 403 for every row.
 *
 * Handlers read the signed-in user with `c.get('user')`; they need no guard of their own.
 */
import type { Context, MiddlewareHandler } from 'hono';
import { getCookie } from 'hono/cookie';
import { hasRole, type StaffRole, type StaffUser } from '../core/model/staff.ts';
import { type AuthService, isSameSite, SESSION_COOKIE } from '../services/auth-service.ts';
import type { AppEnv } from './app-env.ts';
import { problem } from './problem.ts';

export type AccessMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface AccessRule {
  readonly method: AccessMethod;
  /** Hono pattern as registered (`/planner/plans/:id`); a page's row covers `/sv…` and `/en…` too. */
  readonly path: string;
  /** Who may call it (any one of them; admin always may). */
  readonly roles: readonly StaffRole[];
}

const PLANNER: readonly StaffRole[] = ['planner'];
const ADMIN: readonly StaffRole[] = ['admin'];
const PLANNER_OR_ADMIN: readonly StaffRole[] = ['planner', 'admin'];
const ADVISOR: readonly StaffRole[] = ['advisor'];

/** Every staff route. Add a row with every new staff route (test/api/access.test.ts checks). */
export const STAFF_ACCESS: readonly AccessRule[] = [
  // The planner's pages.
  { method: 'GET', path: '/planner', roles: PLANNER },
  { method: 'GET', path: '/planner/feedback', roles: PLANNER },
  { method: 'GET', path: '/planner/network', roles: PLANNER },
  { method: 'GET', path: '/planner/plans', roles: PLANNER },
  { method: 'POST', path: '/planner/plans', roles: PLANNER },
  { method: 'POST', path: '/planner/plans/repair', roles: PLANNER },
  { method: 'GET', path: '/planner/plans/jobs/:id', roles: PLANNER },
  { method: 'POST', path: '/planner/plans/jobs/:id/cancel', roles: PLANNER },
  { method: 'GET', path: '/planner/plans/:id', roles: PLANNER },
  { method: 'POST', path: '/planner/plans/:id/pins', roles: PLANNER },
  { method: 'POST', path: '/planner/plans/:id/pins/:pin/delete', roles: PLANNER },
  { method: 'POST', path: '/planner/plans/:id/publish', roles: PLANNER },
  // Partner requests: the inbox, one request, and the planner's three decisions.
  { method: 'GET', path: '/planner/requests', roles: PLANNER },
  { method: 'GET', path: '/planner/requests/:id', roles: PLANNER },
  { method: 'POST', path: '/planner/requests/:id/accept', roles: PLANNER },
  { method: 'POST', path: '/planner/requests/:id/decline', roles: PLANNER },
  { method: 'POST', path: '/planner/requests/:id/ask', roles: PLANNER },
  // Bookings: the week's fill rates and the venues' booking rules.
  { method: 'GET', path: '/planner/bookings', roles: PLANNER },
  { method: 'POST', path: '/planner/bookings/rules', roles: PLANNER },
  // Reports: the dashboard and the printable report.
  { method: 'GET', path: '/planner/reports', roles: PLANNER },
  { method: 'GET', path: '/planner/reports/print', roles: PLANNER },

  // Administration: staff accounts (admin), the audit log (planners and admins).
  { method: 'GET', path: '/admin/staff', roles: ADMIN },
  { method: 'POST', path: '/admin/staff', roles: ADMIN },
  { method: 'GET', path: '/admin/staff/:id', roles: ADMIN },
  { method: 'POST', path: '/admin/staff/:id', roles: ADMIN },
  { method: 'POST', path: '/admin/staff/:id/deactivate', roles: ADMIN },
  { method: 'POST', path: '/admin/staff/:id/reactivate', roles: ADMIN },
  { method: 'GET', path: '/admin/audit', roles: PLANNER_OR_ADMIN },

  // The advisors' app: the day view (also /advisor/, the service worker's scope), check-in and
  // check-out, the contact form and its undo; its static files are under /assets/advisor/.
  { method: 'GET', path: '/advisor', roles: ADVISOR },
  { method: 'POST', path: '/advisor/visits/:id/check-in', roles: ADVISOR },
  { method: 'POST', path: '/advisor/visits/:id/check-out', roles: ADVISOR },
  { method: 'POST', path: '/advisor/bookings/:id/mark', roles: ADVISOR },
  { method: 'GET', path: '/advisor/contacts/new', roles: ADVISOR },
  { method: 'POST', path: '/advisor/contacts/new', roles: ADVISOR },
  { method: 'POST', path: '/advisor/contacts/undo', roles: ADVISOR },

  // The staff JSON API.
  { method: 'GET', path: '/api/v1/network/optimize', roles: PLANNER },
  { method: 'POST', path: '/api/v1/plan-jobs', roles: PLANNER },
  { method: 'GET', path: '/api/v1/plan-jobs', roles: PLANNER },
  { method: 'GET', path: '/api/v1/plan-jobs/:id', roles: PLANNER },
  { method: 'GET', path: '/api/v1/plan-jobs/:id/events', roles: PLANNER },
  { method: 'POST', path: '/api/v1/plan-jobs/:id/cancel', roles: PLANNER },
  { method: 'GET', path: '/api/v1/plans', roles: PLANNER },
  { method: 'GET', path: '/api/v1/plans/:id', roles: PLANNER },
  { method: 'GET', path: '/api/v1/plans/:id/geojson', roles: PLANNER },
  { method: 'POST', path: '/api/v1/plans/:id/publish', roles: PLANNER },
  { method: 'GET', path: '/api/v1/series-pins', roles: PLANNER },
  { method: 'POST', path: '/api/v1/series-pins', roles: PLANNER },
  { method: 'DELETE', path: '/api/v1/series-pins/:id', roles: PLANNER },
  { method: 'POST', path: '/api/v1/contacts', roles: ADVISOR },
  { method: 'GET', path: '/api/v1/contacts', roles: ADVISOR },
  // Reports: counts of the contact log (suppressed below the threshold), reach, capacity, bookings.
  { method: 'GET', path: '/api/v1/reports/contacts', roles: PLANNER },
  { method: 'GET', path: '/api/v1/reports/contacts/export', roles: PLANNER },
  { method: 'GET', path: '/api/v1/reports/reach', roles: PLANNER },
  { method: 'GET', path: '/api/v1/reports/capacity', roles: PLANNER },
  { method: 'GET', path: '/api/v1/reports/bookings', roles: PLANNER },
  { method: 'GET', path: '/api/v1/reports/trend', roles: PLANNER },
  { method: 'GET', path: '/api/v1/reports/before-after', roles: PLANNER },
  // A visit's own booking rule (slot length, walk-in share).
  { method: 'PUT', path: '/api/v1/visits/:visitId/booking-rule', roles: PLANNER },
];

/**
 * Routes anyone may call, any method: resident pages (also under /sv and /en), feeds, assets,
 * sign-in and the public API. A pattern ending in `/*` covers everything below it.
 */
export const PUBLIC_ROUTES: readonly string[] = [
  '/',
  '/near',
  '/schedule',
  '/places/*',
  '/services',
  '/print/*',
  '/accessibility',
  '/feedback',
  // Partner requests: the form, and a request's status by its private link.
  '/partners',
  '/partners/requests/*',
  // Booking a support time: the form of a visit, and the booker's own page by its private link.
  '/visits/*',
  '/bookings/*',
  '/calendar/*',
  '/map/*',
  '/sitemap.xml',
  '/robots.txt',
  '/assets/*',
  '/health',
  // Sign-in and sign-out (password and OpenID Connect).
  '/login',
  '/login/*',
  '/logout',
  // The public JSON API and its description.
  '/api/openapi.json',
  '/api/v1/areas',
  '/api/v1/areas/*',
  '/api/v1/sites',
  '/api/v1/sites/*',
  '/api/v1/advisors',
  '/api/v1/topics',
  '/api/v1/calendar/*',
  '/api/v1/scenarios',
  '/api/v1/scenarios/compare',
  // Booking a support time: slots, booking, and the booker's own booking by its secret token.
  '/api/v1/visits/*/slots',
  '/api/v1/visits/*/bookings',
  '/api/v1/bookings/*',
];

/** Page areas that are staff only as a whole: a path under them with no row still needs a sign-in. */
const STAFF_AREAS = /^\/(planner|admin|advisor)(\/|$)/;

/** A page's path without its language prefix (`/sv/planner` → `/planner`); API paths as they are. */
export function routePath(path: string): string {
  if (path.startsWith('/api/')) return path;
  const stripped = path.replace(/^\/(sv|en)(?=\/|$)/, '');
  return stripped === '' ? '/' : stripped;
}

const compiled = new Map<string, RegExp>();
/** Whether a request path matches a Hono pattern (`:name` one segment, a trailing `/*` anything below). */
export function matchesPattern(pattern: string, path: string): boolean {
  let re = compiled.get(pattern);
  if (!re) {
    const body = pattern
      .split('/')
      .map((part) => {
        if (part === '*') return '.*';
        if (part.startsWith(':')) return '[^/]+';
        return part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      })
      .join('/');
    re = new RegExp(`^${body}/?$`);
    compiled.set(pattern, re);
  }
  return re.test(path);
}

/** The rows that apply to a request (HEAD is a GET); several rows must all be satisfied. */
export function rulesFor(method: string, path: string): AccessRule[] {
  const m = method === 'HEAD' ? 'GET' : method;
  const p = routePath(path);
  return STAFF_ACCESS.filter((r) => r.method === m && matchesPattern(r.path, p));
}

export function isPublicPath(path: string): boolean {
  const p = routePath(path);
  return PUBLIC_ROUTES.some((pattern) => matchesPattern(pattern, p));
}

/** Whether `user` may call a route with these rows (one of each row's roles; admin always). */
export function allowedBy(user: StaffUser, rules: readonly AccessRule[]): boolean {
  return rules.every((r) => r.roles.some((role) => hasRole(user, role)));
}

export interface AccessPages {
  /** A page's answer without a session (the login page, with the way back). */
  readonly unauthorized: (c: Context) => Response | Promise<Response>;
  /** A page's answer for a signed-in user without the role, or a cross-site form post. */
  readonly forbidden: (c: Context) => Response | Promise<Response>;
}

/** The user the access guard found for this request (staff routes only). */
export const USER_VARIABLE = 'user';

/**
 * Enforces {@link STAFF_ACCESS} on every request: one middleware for pages and API alike.
 * Public routes and unknown paths outside the staff areas pass untouched.
 */
export function createAccessGuard(auth: AuthService, pages: AccessPages): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const path = new URL(c.req.url).pathname;
    const api = path.startsWith('/api/');
    const rules = rulesFor(c.req.method, path);
    if (rules.length === 0 && !(STAFF_AREAS.test(routePath(path)) && !api)) {
      await next();
      return undefined;
    }
    const user = await auth.userForToken(getCookie(c, SESSION_COOKIE));
    if (!user) return api ? problem(c, 401, 'sign in first (POST /login)') : pages.unauthorized(c);
    if (!allowedBy(user, rules)) {
      const needs = [...new Set(rules.flatMap((r) => r.roles))].join(' or ');
      return api ? problem(c, 403, `this needs the ${needs} role`) : pages.forbidden(c);
    }
    const write = !['GET', 'HEAD', 'OPTIONS'].includes(c.req.method);
    if (write && !isSameSite(c.req.header('origin') ?? c.req.header('referer'), c.req.url))
      return api ? problem(c, 403, 'cross-site requests are refused') : pages.forbidden(c);
    c.set(USER_VARIABLE, user);
    c.header('cache-control', 'private, no-store');
    await next();
    return undefined;
  };
}
