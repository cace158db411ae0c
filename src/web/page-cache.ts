/**
 * A short-lived cache of rendered public responses, per server process ("micro-caching"):
 * a page is rendered from the database at most once per `ttlSeconds` per URL, and every answer
 * carries a strong validator (ETag) so browsers revalidate with a 304. The database stays the
 * only state: an entry is a copy that expires by itself, so several server processes agree
 * again within `ttlSeconds` of a change (the public schedule changes when a planner publishes).
 * With `ttlSeconds` 0 nothing is kept and every response is rendered and tagged.
 *
 * When an entry expires, one request renders the page again while the others are still
 * answered from the expired copy (at most `2 × ttlSeconds` old), so a busy page is rendered
 * once per period instead of once per waiting request.
 */
import { createHash } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import type { MiddlewareHandler } from 'hono';

interface Entry {
  readonly expires: number;
  readonly status: number;
  /** Final headers as a plain record (the server writes it as it is), without and with gzip. */
  readonly headers: Readonly<Record<string, string>>;
  readonly gzipHeaders: Readonly<Record<string, string>> | null;
  readonly body: Uint8Array<ArrayBuffer>;
  readonly gzip: Uint8Array<ArrayBuffer> | null;
  readonly etag: string;
}

const CACHED_TYPES =
  /^(text\/html|text\/calendar|application\/xml|application\/json|text\/css|text\/javascript)/;

export interface PageCacheOptions {
  readonly ttlSeconds: number;
  /** Most entries kept; the oldest go first. */
  readonly maxEntries?: number;
  /** Paths never cached or tagged (forms, staff pages, the API). */
  readonly skip: (path: string) => boolean;
  /**
   * Milliseconds on a clock that only moves forward (default `performance.now`): an entry's
   * life is a duration, so neither a change of the wall clock nor the app's date moves it.
   */
  readonly clock?: () => number;
}

const tagOf = (body: Uint8Array) => `"${createHash('sha1').update(body).digest('base64url')}"`;

function matches(ifNoneMatch: string | undefined, etag: string): boolean {
  if (!ifNoneMatch) return false;
  return ifNoneMatch.split(',').some((t) => {
    const v = t.trim().replace(/^W\//, '');
    return v === etag || v === '*';
  });
}

export function pageCache({
  ttlSeconds,
  maxEntries = 2000,
  skip,
  clock = () => performance.now(),
}: PageCacheOptions): MiddlewareHandler {
  const entries = new Map<string, Entry>();
  /** Pages being rendered now, by key: other requests for them wait or take the stale copy. */
  const rendering = new Map<string, Promise<void>>();
  const ttlMs = ttlSeconds * 1000;

  const respond = (entry: Entry, acceptEncoding: string, ifNoneMatch: string | undefined) => {
    const gzip = entry.gzip && entry.gzipHeaders && /\bgzip\b/.test(acceptEncoding);
    const headers = { ...(gzip ? entry.gzipHeaders : entry.headers) } as Record<string, string>;
    if (matches(ifNoneMatch, entry.etag)) {
      delete headers['content-length'];
      delete headers['content-encoding'];
      return new Response(null, { status: 304, headers });
    }
    return new Response(gzip ? entry.gzip : entry.body, { status: entry.status, headers });
  };

  return async (c, next) => {
    const url = new URL(c.req.url);
    if ((c.req.method !== 'GET' && c.req.method !== 'HEAD') || skip(url.pathname)) return next();
    const key = url.pathname + url.search;
    const now = clock();
    const acceptEncoding = c.req.header('accept-encoding') ?? '';
    const ifNoneMatch = c.req.header('if-none-match');
    let hit = ttlMs > 0 ? entries.get(key) : undefined;
    const inFlight = ttlMs > 0 ? rendering.get(key) : undefined;
    if (!hit && inFlight) {
      await inFlight;
      hit = entries.get(key);
    }
    if (hit && (hit.expires > now || (inFlight && hit.expires + ttlMs > now))) {
      c.res = respond(hit, acceptEncoding, ifNoneMatch);
      return;
    }
    let done = () => {};
    if (ttlMs > 0)
      rendering.set(
        key,
        new Promise<void>((resolve) => {
          done = resolve;
        }),
      );
    try {
      await next();
      const res = c.res;
      const type = res.headers.get('content-type') ?? '';
      if (res.status !== 200 || !CACHED_TYPES.test(type) || res.headers.has('content-encoding')) return;
      const body = new Uint8Array(await res.arrayBuffer());
      const etag = tagOf(body);
      const headers: Record<string, string> = {};
      for (const [k, v] of res.headers.entries()) if (k !== 'content-length') headers[k] = v;
      headers.etag = etag;
      headers.vary = headers.vary ? `${headers.vary}, accept-encoding` : 'accept-encoding';
      // Compressed once per entry (not per request); only worth it above a packet or two.
      const gzip = ttlMs > 0 && body.byteLength > 1400 ? new Uint8Array(gzipSync(body, { level: 6 })) : null;
      const entry: Entry = {
        expires: now + ttlMs,
        status: res.status,
        headers: { ...headers, 'content-length': String(body.byteLength) },
        gzipHeaders: gzip
          ? { ...headers, 'content-encoding': 'gzip', 'content-length': String(gzip.byteLength) }
          : null,
        body,
        gzip,
        etag,
      };
      if (ttlMs > 0) {
        entries.delete(key);
        entries.set(key, entry);
        while (entries.size > maxEntries) {
          const oldest = entries.keys().next().value;
          if (oldest === undefined) break;
          entries.delete(oldest);
        }
      }
      // Replace the response outright (assigning over it would merge the old headers).
      c.res = undefined as unknown as Response;
      c.res = respond(entry, acceptEncoding, ifNoneMatch);
    } finally {
      if (ttlMs > 0) rendering.delete(key);
      done();
    }
  };
}
