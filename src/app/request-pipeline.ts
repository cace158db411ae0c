/**
 * The steps every request passes before its route, in the order src/app.ts registers them: who
 * is asking, the public-page cache, a readable address, the body limit, the database being
 * there and the client's rate limits. A refused request is answered by src/app/refusals.ts.
 */
import { getConnInfo } from '@hono/node-server/conninfo';
import type { MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { isPublicPath } from '../api/access.ts';
import type { AppEnv } from '../api/app-env.ts';
import type { OutageGuard } from '../api/outage-guard.ts';
import { CLIENT_VARIABLE, clientOf, resolveClient } from '../services/client.ts';
import { RATE_LIMITED_VARIABLE, type RateLimiter } from '../services/rate-limit.ts';
import { hasControlCharacter } from '../services/text.ts';
import { pageCache } from '../web/page-cache.ts';
import { acceptsHtml, refuse } from './refusals.ts';

/** Who is asking: the client's address and whether it came over HTTPS, through trusted proxies only. */
export function identifyClient(deps: {
  readonly trustedProxies?: number;
  readonly cookieSecure?: boolean;
}): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    let socketAddress: string | undefined;
    try {
      socketAddress = getConnInfo(c).remote.address;
    } catch {
      // A request made in-process (tests) has no socket.
    }
    c.set(
      CLIENT_VARIABLE,
      resolveClient({
        socketAddress,
        forwardedFor: c.req.header('x-forwarded-for'),
        forwardedProto: c.req.header('x-forwarded-proto'),
        protocol: new URL(c.req.url).protocol,
        trustedProxies: deps.trustedProxies ?? 0,
        alwaysSecure: deps.cookieSecure ?? false,
      }),
    );
    await next();
  };
}

/**
 * Public GETs carry a validator and, with a cache time, are rendered at most once per that time;
 * a cached answer keeps the security headers it was rendered with.
 */
export function cachePublicPages(ttlSeconds: number): MiddlewareHandler {
  return pageCache({
    ttlSeconds,
    skip: (path) =>
      /^\/(api|health)|^\/(sv\/|en\/)?(planner|advisor|login|logout|feedback|partners\/requests\/)/.test(
        path,
      ) ||
      // Booking forms show the seats free now; a booking's page is private.
      /^\/(sv\/|en\/)?(bookings\/|visits\/[^/]+\/book)/.test(path) ||
      // Nothing behind a sign-in is ever cached (the access guard runs after the cache).
      !isPublicPath(path),
  });
}

/** An address with a control character (%00 …) or a broken escape names no page: 400. */
export const rejectUnreadableAddress: MiddlewareHandler = async (c, next) => {
  const url = new URL(c.req.url);
  let decoded: string;
  try {
    decoded = decodeURIComponent(url.pathname) + decodeURIComponent(url.search.replace(/\+/g, ' '));
  } catch {
    return refuse(c, { status: 400 });
  }
  if (hasControlCharacter(decoded, false)) return refuse(c, { status: 400 });
  await next();
  return undefined;
};

/** A body over `maxKb` is refused (413) without reading the rest of it. */
export function limitBodySize(maxKb: number): MiddlewareHandler {
  return bodyLimit({
    maxSize: maxKb * 1024,
    onError: (c) => refuse(c, { status: 413, maxKb }),
  });
}

/** While the database is known to be away, everything but /health and the assets is a 503 at once. */
export function refuseWhileDatabaseDown(outage: OutageGuard): MiddlewareHandler {
  return async (c, next) => {
    const path = new URL(c.req.url).pathname;
    if (path !== '/health' && !path.startsWith('/assets/') && (await outage.refuseNow()))
      return refuse(c, { status: 503 });
    await next();
    return undefined;
  };
}

/**
 * A client over a rule's limit is refused (429), except a browser's form post that its page
 * answers itself: that one is passed on, marked with the seconds to wait.
 */
export function enforceRateLimits(limiter: RateLimiter): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const rule = limiter.ruleFor(c.req.method, new URL(c.req.url).pathname);
    if (rule) {
      const verdict = await limiter.hit(rule, clientOf(c).address);
      if (!verdict.allowed) {
        // A browser's form post is answered by its own page, with what was typed kept.
        if (!(rule.formKeepsInput && acceptsHtml(c)))
          return refuse(c, { status: 429, retryAfterSeconds: verdict.retryAfterSeconds });
        c.header('retry-after', String(verdict.retryAfterSeconds));
        c.set(RATE_LIMITED_VARIABLE, verdict.retryAfterSeconds);
      }
    }
    await next();
    return undefined;
  };
}
