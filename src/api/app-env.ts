/**
 * What the app's middleware leaves on a request for the handlers after it, as Hono's typed
 * environment: the app and the API routes are built with it, so `c.get('user')` has a type
 * and a misspelt variable does not compile.
 */
import type { Context } from 'hono';
import type { StaffUser } from '../core/model/staff.ts';
import type { ClientInfo } from '../services/client.ts';

export interface AppVariables {
  /** Who is asking (`CLIENT_VARIABLE`): set first of all, for every request. */
  readonly client: ClientInfo;
  /** The signed-in user (`USER_VARIABLE`): set by the access guard on staff pages and routes only. */
  readonly user?: StaffUser;
  /**
   * Seconds to wait (`RATE_LIMITED_VARIABLE`): set only on a browser's form post over its rate
   * limit, which its page answers itself with what was typed kept.
   */
  readonly rateLimitedSeconds?: number;
}

export interface AppEnv {
  readonly Variables: AppVariables;
}

/**
 * The user the access guard let through: every route with a row in the access table has one
 * (src/api/access.ts), so a route without it is a bug and throws.
 */
export function signedInUser(c: Context<AppEnv>): StaffUser {
  const user = c.get('user');
  if (!user)
    throw new Error(`no signed-in user on ${c.req.method} ${c.req.path}: is the route in the access table?`);
  return user;
}
