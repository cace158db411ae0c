/**
 * How the app answers a request it refuses or cannot serve: a page in the path's language for
 * a browser, a problem (RFC 9457) for the API and every other client.
 */
import type { Context, ErrorHandler } from 'hono';
import { handleApiError } from '../api/http.ts';
import { problem } from '../api/problem.ts';
import { isDatabaseUnavailable } from '../db/store.ts';
import { renderNotFoundPage } from '../web/public-page.tsx';
import { type Refusal, refusalDetail, renderRefusalPage } from '../web/routes.tsx';

/** Whether the client asks for a page (a browser) rather than data. */
export const acceptsHtml = (c: Context) => (c.req.header('accept') ?? '').includes('text/html');

/** A refusal as an HTML page for a browser, else a problem in the path's language. */
export function refuse(c: Context, refusal: Refusal) {
  const path = new URL(c.req.url).pathname;
  if (refusal.status === 429) c.header('retry-after', String(refusal.retryAfterSeconds));
  // The rest of an oversized body is not read: the connection closes after the answer.
  if (refusal.status === 413) c.header('connection', 'close');
  if (!path.startsWith('/api/') && acceptsHtml(c)) return renderRefusalPage(c, refusal);
  return problem(c, refusal.status, refusalDetail(path, refusal).detail);
}

/** No route has this address: a page for a browser, else (and always under /api/) a problem. */
export function answerNotFound(c: Context) {
  const path = new URL(c.req.url).pathname;
  if (path.startsWith('/api/') || !acceptsHtml(c)) {
    return problem(c, 404, `no route for ${c.req.method} ${path}`);
  }
  return renderNotFoundPage(c, path);
}

/**
 * An error no route answered: the database away or hanging is a 503 (and the outage guard is
 * told); anything else goes to the API's error mapping, which logs what is a bug.
 */
export function createErrorHandler(deps: {
  reportOutage: (error: unknown) => void;
  logError: (error: unknown) => void;
}): ErrorHandler {
  return (error, c) => {
    if (isDatabaseUnavailable(error)) {
      // The database is away or hangs: say so (an HTML page or a problem).
      deps.reportOutage(error);
      return refuse(c, { status: 503 });
    }
    return handleApiError(error, c, deps.logError);
  };
}
