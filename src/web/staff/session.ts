/**
 * Staff sessions on the web: the session cookie, the login requirement with roles, and a
 * same-origin check on every form post.
 */
import type { Context, MiddlewareHandler } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { hasRole, type StaffRole } from '../../core/model/staff.ts';
import {
  type AuthService,
  DEVICE_COOKIE,
  DEVICE_DAYS,
  isSameSite,
  SESSION_COOKIE,
} from '../../services/auth-service.ts';
import { clientOf } from '../../services/client.ts';
import { localePath } from '../layout.tsx';
import { langOfPath } from '../messages.ts';
import type { StaffEnv } from '../web-env.ts';

export { SESSION_COOKIE };

/** Over HTTPS (directly, by a trusted proxy's word, or as configured) the cookie is `Secure`. */
const secure = (c: Context) => clientOf(c).https;

/**
 * The cookie's lifetime is relative (Max-Age), never an absolute date from the server's clock:
 * the browser counts it from when it receives the cookie on its own clock, so a server clock
 * that differs from the browser's (a skewed host, a test's fixed clock) cannot expire it early
 * or keep it late. The database's session expiry, on the server's clock, stays the authority.
 */
export function setSessionCookie(c: Context, token: string, maxAgeSeconds: number): void {
  setCookie(c, SESSION_COOKIE, token, {
    httpOnly: true,
    sameSite: 'Lax',
    path: '/',
    secure: secure(c),
    maxAge: maxAgeSeconds,
  });
}

/** Remembers this browser for the user who signed in (it is let past an attack on the account). */
export function setDeviceCookie(c: Context, token: string): void {
  setCookie(c, DEVICE_COOKIE, token, {
    httpOnly: true,
    sameSite: 'Lax',
    path: '/',
    secure: secure(c),
    maxAge: DEVICE_DAYS * 86_400,
  });
}

export const deviceToken = (c: Context) => getCookie(c, DEVICE_COOKIE);

export function clearSessionCookie(c: Context): void {
  deleteCookie(c, SESSION_COOKIE, { path: '/', secure: secure(c) });
}

export const sessionToken = (c: Context) => getCookie(c, SESSION_COOKIE);

/**
 * Only a logged-in user with `role` passes; others go to the login page (or get 403 for a
 * missing role). The access table (src/api/access.ts) is what decides who may open a staff
 * route, before any handler; this check adds nothing to a route with a row there (it reuses the
 * user the table's guard found) and is kept for routes that still name their role themselves.
 */
export function requireRole(
  auth: AuthService,
  role: StaffRole,
  forbidden: (c: Context) => Response,
): MiddlewareHandler<StaffEnv> {
  return async (c, next) => {
    const user = c.get('user') ?? (await auth.userForToken(sessionToken(c)));
    if (!user) {
      const url = new URL(c.req.url);
      const next = encodeURIComponent(url.pathname + url.search);
      return c.redirect(`${localePath(langOfPath(url.pathname), '/login')}?next=${next}`, 303);
    }
    if (!hasRole(user, role)) return forbidden(c);
    c.set('user', user);
    c.header('cache-control', 'private, no-store');
    await next();
    return undefined;
  };
}

/**
 * Cross-site request forgery defence for form posts: the session cookie is SameSite=Lax,
 * and a post whose Origin (or Referer) is another site is refused.
 */
export function isSameOrigin(c: Context): boolean {
  return isSameSite(c.req.header('origin') ?? c.req.header('referer'), c.req.url);
}

/** Only local paths may be redirected to after login. */
export function safeNext(next: string | undefined, fallback: string): string {
  return next && /^\/(?!\/)[^\s\\]*$/.test(next) ? next : fallback;
}
