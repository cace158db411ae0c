/** Who may call the staff API: the session cookie's user with the planner role. */
import type { MiddlewareHandler } from 'hono';
import { getCookie } from 'hono/cookie';
import { hasRole } from '../core/model/staff.ts';
import { type AuthService, isSameSite, SESSION_COOKIE } from '../services/auth-service.ts';
import type { AppEnv } from './app-env.ts';
import { problem } from './problem.ts';

/** The OpenAPI security of a route behind {@link plannerOnly}. */
export const SESSION_SECURITY = [{ session: [] }];

/** Planner role by session cookie; writes only from this site's pages (Origin check). */
export function plannerOnly(auth: AuthService): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const user = await auth.userForToken(getCookie(c, SESSION_COOKIE));
    if (!user) return problem(c, 401, 'log in as a planner first (POST /login)');
    if (!hasRole(user, 'planner')) return problem(c, 403, 'this needs the planner role');
    if (c.req.method !== 'GET' && !isSameSite(c.req.header('origin') ?? c.req.header('referer'), c.req.url))
      return problem(c, 403, 'cross-site requests are refused');
    c.set('user', user);
    c.header('cache-control', 'private, no-store');
    await next();
    return undefined;
  };
}
