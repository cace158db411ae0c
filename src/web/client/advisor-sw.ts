/**
 * The advisors' app's service worker, one per language (scope /advisor/, /sv/advisor/,
 * /en/advisor/). It keeps the app shell (the day view, the contact form, the stylesheets, the
 * script, the icon) so the app opens without a connection: pages network first (the copy is
 * refreshed on every visit online), static files cache first (the cache's name carries the
 * version the server puts before this file, so a new release fills a new cache). The API is
 * left alone: the page's outbox (advisor.ts) sends contacts and sees when that fails.
 * Self-contained on purpose: it imports nothing, so the bundle is one classic script.
 */
/// <reference lib="dom" />

interface ExtendableEventLike extends Event {
  waitUntil(promise: Promise<unknown>): void;
}
interface FetchEventLike extends ExtendableEventLike {
  readonly request: Request;
  respondWith(response: Response | Promise<Response>): void;
}
interface WorkerScope {
  readonly registration: { readonly scope: string };
  readonly location: Location;
  readonly NEUVO_VERSION?: string;
  skipWaiting(): Promise<void>;
  readonly clients: { claim(): Promise<void> };
  addEventListener(type: 'install' | 'activate', listener: (event: ExtendableEventLike) => void): void;
  addEventListener(type: 'fetch', listener: (event: FetchEventLike) => void): void;
}

const worker = self as unknown as WorkerScope;
const scope = new URL(worker.registration.scope).pathname;
const PREFIX = `neuvo-advisor:${scope}:`;
const CACHE = `${PREFIX}${worker.NEUVO_VERSION ?? 'dev'}`;

/** What the app needs to open offline; pages are cached as visited too. */
const SHELL = [
  scope,
  `${scope}contacts/new`,
  '/assets/site.css',
  '/assets/advisor/advisor.css',
  '/assets/client/advisor.js',
  '/assets/advisor/icon.svg',
];

/** A page or file worth keeping: this site's own full answer, not a redirect (e.g. to sign in). */
const keepable = (res: Response) => res.status === 200 && res.type === 'basic' && !res.redirected;

/** A page's key: the contact form keeps its preselected visit, nothing else of the query. */
function pageKey(url: URL): string {
  const visit = url.searchParams.get('visit');
  return `${url.origin}${url.pathname}${visit ? `?visit=${encodeURIComponent(visit)}` : ''}`;
}

worker.addEventListener('install', (event) => {
  event.waitUntil(
    (async () => {
      const cache = await caches.open(CACHE);
      await Promise.all(
        SHELL.map(async (path) => {
          try {
            const res = await fetch(path, { credentials: 'same-origin', cache: 'no-store' });
            if (keepable(res)) await cache.put(new URL(path, worker.location.href).href, res);
          } catch {
            // Offline while installing: the pages are kept when next visited.
          }
        }),
      );
      await worker.skipWaiting();
    })(),
  );
});

worker.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      for (const key of await caches.keys())
        if (key.startsWith(PREFIX) && key !== CACHE) await caches.delete(key);
      await worker.clients.claim();
    })(),
  );
});

async function networkFirst(request: Request, url: URL): Promise<Response> {
  const cache = await caches.open(CACHE);
  try {
    const res = await fetch(request);
    if (keepable(res)) await cache.put(pageKey(url), res.clone());
    return res;
  } catch (error) {
    const kept =
      (await cache.match(pageKey(url))) ??
      (await cache.match(`${url.origin}${url.pathname}`)) ??
      (await cache.match(new URL(scope, url).href));
    if (kept) return kept;
    throw error;
  }
}

async function cacheFirst(request: Request): Promise<Response> {
  const cache = await caches.open(CACHE);
  const kept = await cache.match(request, { ignoreSearch: true });
  if (kept) return kept;
  const res = await fetch(request);
  if (keepable(res)) await cache.put(request, res.clone());
  return res;
}

worker.addEventListener('fetch', (event) => {
  const { request } = event;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (url.origin !== worker.location.origin || url.pathname.startsWith('/api/')) return;
  if (request.mode === 'navigate') {
    if (url.pathname.startsWith(scope)) event.respondWith(networkFirst(request, url));
    return;
  }
  if (url.pathname.startsWith('/assets/')) event.respondWith(cacheFirst(request));
});
