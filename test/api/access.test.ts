/**
 * The access table (src/api/access.ts) covers every route: each route the app registers is
 * either public or has a row, each row names a route the app has, and for every row a request
 * without a session gets 401 (a page: the login page with the way back) and one with a role the
 * row does not name gets 403. One app, three sessions; the guard answers before any handler.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type AccessRule,
  isPublicPath,
  matchesPattern,
  routePath,
  rulesFor,
  STAFF_ACCESS,
} from '../../src/api/access.ts';
import { createApp } from '../../src/app.ts';
import { STAFF_ROLES, type StaffRole } from '../../src/core/model/staff.ts';
import { createRepositories } from '../../src/db/repositories.ts';
import { createAuthService } from '../../src/services/auth-service.ts';
import { TUESDAY_2026_12_01 } from '../helpers/espoo.ts';
import { createTestStore, type TestStore } from '../helpers/store.ts';

let store: TestStore;
let app: ReturnType<typeof createApp>;
const sessions = new Map<StaffRole, string>();
const UUID = '00000000-0000-4000-8000-000000000000';

beforeAll(async () => {
  store = await createTestStore();
  const auth = createAuthService({
    store,
    repos: createRepositories(store.db),
    now: () => TUESDAY_2026_12_01,
  });
  for (const role of STAFF_ROLES) {
    await auth.addUser({
      email: `${role}@example.org`,
      displayName: role,
      roles: [role],
      password: 'correct horse battery',
    });
    const r = await auth.login(`${role}@example.org`, 'correct horse battery');
    if (!r.ok) throw new Error('login failed');
    sessions.set(role, `neuvo_session=${r.token}`);
  }
  app = createApp({ store, now: () => TUESDAY_2026_12_01, logError: () => {} });
});
afterAll(async () => {
  await store?.destroy();
});

/** A concrete path for a pattern: every parameter a well-formed id. */
const concrete = (pattern: string) =>
  pattern
    .split('/')
    .map((s) => (s.startsWith(':') ? UUID : s))
    .join('/');

const call = (rule: AccessRule, cookie?: string, lang: '' | '/sv' | '/en' = '') => {
  const api = rule.path.startsWith('/api/');
  return app.request(`http://localhost${api ? '' : lang}${concrete(rule.path)}`, {
    method: rule.method,
    headers: {
      ...(cookie ? { cookie } : {}),
      origin: 'http://localhost',
      accept: api ? 'application/json' : 'text/html',
      ...(rule.method === 'GET' ? {} : { 'content-type': 'application/x-www-form-urlencoded' }),
    },
    ...(rule.method === 'GET' ? {} : { body: '' }),
  });
};

describe('the access table', () => {
  it('has a row for every staff route the app registers, and every row names one', () => {
    const registered = app.routes
      .filter((r) => r.method !== 'ALL')
      .map((r) => ({ method: r.method, path: r.path.replace(/\{(\w+)\}/g, ':$1') }));
    // A row's pattern covers the path with a trailing slash too (`/advisor` and `/advisor/`).
    const rowFor = (r: { method: string; path: string }) =>
      STAFF_ACCESS.find(
        (row) =>
          row.method === r.method && (row.path === routePath(r.path) || `${row.path}/` === routePath(r.path)),
      );
    const missing = [
      ...new Set(
        registered.filter((r) => !isPublicPath(r.path) && !rowFor(r)).map((r) => `${r.method} ${r.path}`),
      ),
    ];
    expect(missing, 'routes with no row in src/api/access.ts').toEqual([]);
    const stale = STAFF_ACCESS.filter((row) => !registered.some((r) => rowFor(r) === row)).map(
      (row) => `${row.method} ${row.path}`,
    );
    expect(stale, 'rows naming no registered route').toEqual([]);
    // A staff route is never also public.
    expect(STAFF_ACCESS.filter((row) => isPublicPath(row.path))).toEqual([]);
    // Every page row exists in all three languages.
    for (const row of STAFF_ACCESS.filter((r) => !r.path.startsWith('/api/')))
      for (const lang of ['/sv', '/en'])
        expect(
          registered.some((r) => r.method === row.method && r.path === `${lang}${row.path}`),
          `${row.method} ${lang}${row.path}`,
        ).toBe(true);
  });

  it('matches Hono patterns and strips the language of pages only', () => {
    expect(matchesPattern('/planner/plans/:id', '/planner/plans/abc')).toBe(true);
    expect(matchesPattern('/planner/plans/:id', '/planner/plans/abc/publish')).toBe(false);
    expect(matchesPattern('/places/*', '/places/a/b')).toBe(true);
    expect(routePath('/sv/admin/staff')).toBe('/admin/staff');
    expect(routePath('/sv')).toBe('/');
    expect(routePath('/api/v1/plans')).toBe('/api/v1/plans');
    expect(rulesFor('HEAD', '/en/admin/audit').map((r) => r.roles)).toEqual([['planner', 'admin']]);
  });

  it('answers 401 without a session and 403 with a role the row does not name, for every row', async () => {
    const failures: string[] = [];
    for (const rule of STAFF_ACCESS) {
      const api = rule.path.startsWith('/api/');
      const anonymous = await call(rule);
      if (api ? anonymous.status !== 401 : anonymous.status !== 303)
        failures.push(`${rule.method} ${rule.path} without a session: ${anonymous.status}`);
      if (!api) {
        const to = anonymous.headers.get('location') ?? '';
        if (!to.startsWith(`/login?next=${encodeURIComponent(concrete(rule.path))}`))
          failures.push(`${rule.method} ${rule.path} sends to ${to}`);
      }
      // Every role but admin (who may do everything) that the row does not name.
      for (const role of STAFF_ROLES.filter((r) => r !== 'admin' && !rule.roles.includes(r))) {
        const res = await call(rule, sessions.get(role));
        if (res.status !== 403) failures.push(`${rule.method} ${rule.path} as ${role}: ${res.status}`);
        if (api && !(res.headers.get('content-type') ?? '').startsWith('application/problem+json'))
          failures.push(`${rule.method} ${rule.path} as ${role}: not a problem`);
      }
    }
    expect(failures).toEqual([]);
  });

  it('lets an admin past every row, and refuses writes from another site', async () => {
    const failures: string[] = [];
    for (const rule of STAFF_ACCESS.filter((r) => r.method === 'GET')) {
      const res = await call(rule, sessions.get('admin'));
      if ([401, 403, 500].includes(res.status)) failures.push(`${rule.method} ${rule.path}: ${res.status}`);
      await res.body?.cancel();
    }
    expect(failures).toEqual([]);
    for (const rule of STAFF_ACCESS.filter((r) => r.method !== 'GET')) {
      const res = await app.request(`http://localhost${concrete(rule.path)}`, {
        method: rule.method,
        headers: { cookie: sessions.get('admin') ?? '', origin: 'https://evil.example' },
      });
      expect(res.status, `${rule.method} ${rule.path}`).toBe(403);
    }
  });

  it('the pages answer in their language, and a path under a staff area with no route still needs a sign-in', async () => {
    const row = STAFF_ACCESS.find((r) => r.path === '/admin/staff' && r.method === 'GET') as AccessRule;
    const sv = await call(row, undefined, '/sv');
    expect(sv.headers.get('location')).toBe('/sv/login?next=%2Fsv%2Fadmin%2Fstaff');
    const forbidden = await call(row, sessions.get('planner'), '/en');
    expect(forbidden.status).toBe(403);
    expect(await forbidden.text()).toContain('No access');
    const unknown = await app.request('http://localhost/admin/nothing-here', {
      headers: { accept: 'text/html' },
    });
    expect(unknown.status).toBe(303);
    const known = await app.request('http://localhost/admin/nothing-here', {
      headers: { accept: 'text/html', cookie: sessions.get('advisor') ?? '' },
    });
    expect(known.status).toBe(404);
    // Public pages and the public API stay open.
    for (const path of ['/', '/sv/schedule', '/api/v1/areas', '/login', '/en/login', '/health'])
      expect((await app.request(`http://localhost${path}`)).status, path).not.toBe(401);
  });
});
