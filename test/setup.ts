/**
 * Runs in every test file before its tests. New password hashes are cheap here (scrypt with
 * N = 2^12, p = 1) so the suite's many sign-ins stay fast; the production cost has its own test
 * (test/db/auth.test.ts), and servers the tests start as processes use it.
 *
 * A test process runs several files one after another (vitest.config.ts), so each file starts
 * here from what a fresh process has: @hono/node-server, once a file served the app on a port
 * (a browser test, `neuvo start` in-process), puts its own Request and Response in place of the
 * global ones, and `app.request()` in a later file would answer with those.
 */
// The API's routes give zod its OpenAPI metadata (`.openapi`) as they load, and schemas made
// before that lack it. In production the API loads first (src/cli/main.ts); a test process runs
// several files, and one that loads a service schema without the app (a database test) must
// not leave it without the metadata for a later file's app.
import '@hono/zod-openapi';
import { setHashCost } from '../src/services/auth/password.ts';

setHashCost({ N: 2 ** 12, r: 8, p: 1 });

const FRESH = Symbol.for('neuvo.test.freshGlobals');
const store = globalThis as { [FRESH]?: { Request: typeof Request; Response: typeof Response } };
// The first file in a process sees the globals as Node made them.
store[FRESH] ??= { Request: globalThis.Request, Response: globalThis.Response };
for (const [name, value] of Object.entries(store[FRESH])) {
  if ((globalThis as Record<string, unknown>)[name] !== value)
    Object.defineProperty(globalThis, name, { value, writable: true, configurable: true });
}
