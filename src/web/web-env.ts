/**
 * What the app's middleware leaves on a request for the pages to read, as the types of the
 * pages' Hono apps: who is asking (always), how long a form post over its rate limit must wait
 * (then its page answers with what was typed kept), and on staff routes the signed-in user the
 * access table's guard found (src/api/access.ts) before any handler ran.
 */
import type { StaffUser } from '../core/model/staff.ts';
import { CLIENT_VARIABLE, type ClientInfo } from '../services/client.ts';
import { RATE_LIMITED_VARIABLE } from '../services/rate-limit.ts';

export interface WebVariables {
  [CLIENT_VARIABLE]: ClientInfo;
  [RATE_LIMITED_VARIABLE]?: number;
}

/** Public pages, the sign-in and the site's files. */
export type WebEnv = { Variables: WebVariables };

/** Pages behind a sign-in: handlers read the user with `c.get('user')`. */
export type StaffEnv = { Variables: WebVariables & { user: StaffUser } };
