/**
 * The security headers on every answer, chosen by the kind of page: a Content-Security-Policy
 * that allows this site only (and the map tiles' origin for images), inline styles on staff
 * pages alone, and a stricter referrer policy where the address holds a private link.
 */
import type { MiddlewareHandler } from 'hono';
import { secureHeaders } from 'hono/secure-headers';
import { type MapConfig, tileOrigin } from '../web/staff/routes.tsx';

type ReferrerPolicy = 'strict-origin-when-cross-origin' | 'same-origin';

function contentSecurityHeaders(
  map: MapConfig,
  staff: boolean,
  referrerPolicy: ReferrerPolicy = 'strict-origin-when-cross-origin',
): MiddlewareHandler {
  const tiles = tileOrigin(map.tiles);
  return secureHeaders({
    contentSecurityPolicy: {
      defaultSrc: ["'self'"],
      imgSrc: ["'self'", 'data:', ...(tiles ? [tiles] : []), ...(map.hosts ?? [])],
      // Staff charts set SVG style attributes; public pages allow no inline style at all.
      styleSrc: staff ? ["'self'", "'unsafe-inline'"] : ["'self'"],
      scriptSrc: ["'self'"],
      connectSrc: ["'self'"],
      objectSrc: ["'none'"],
      frameAncestors: ["'none'"],
      baseUri: ["'self'"],
      formAction: ["'self'"],
    },
    referrerPolicy,
    crossOriginEmbedderPolicy: false,
  });
}

/** The planner's pages get the staff policy, a booking's pages the private-link one, the rest the public one. */
export function securityHeaders(map: MapConfig): MiddlewareHandler {
  const publicHeaders = contentSecurityHeaders(map, false);
  const staffHeaders = contentSecurityHeaders(map, true);
  // A booking's private link is in its pages' address: no other site may learn it. (Not
  // no-referrer: the browser would then send `Origin: null` with the page's own form posts.)
  const privateLinkHeaders = contentSecurityHeaders(map, false, 'same-origin');
  return (c, next) => {
    const path = new URL(c.req.url).pathname;
    if (/^\/(sv\/|en\/)?planner(\/|$)/.test(path)) return staffHeaders(c, next);
    if (/^\/(sv\/|en\/)?bookings\//.test(path)) return privateLinkHeaders(c, next);
    return publicHeaders(c, next);
  };
}
