/**
 * The staff pages' answers when the access table (src/api/access.ts) refuses a request: without
 * a session, the login page with the way back (`?next=`); with a session but not the role (or a
 * form posted from another site), the "no access" page, in the path's language.
 */
import type { Context } from 'hono';
import { localePath } from '../layout.tsx';
import { langOfPath } from '../messages.ts';
import { ForbiddenPage } from './login-page.tsx';

export const staffAccessPages = {
  unauthorized(c: Context): Response {
    const url = new URL(c.req.url);
    const next = encodeURIComponent(url.pathname + url.search);
    c.header('cache-control', 'private, no-store');
    return c.redirect(`${localePath(langOfPath(url.pathname), '/login')}?next=${next}`, 303);
  },
  forbidden(c: Context): Response | Promise<Response> {
    c.header('cache-control', 'private, no-store');
    return c.html(
      `<!doctype html>${String(<ForbiddenPage lang={langOfPath(new URL(c.req.url).pathname)} />)}`,
      403,
    );
  },
};
