/**
 * A neuvo server process: migrate the database, load the demo into an empty one (its data, a
 * published schedule, the synthetic contact history, one account per role), serve the app, and
 * run what every server process runs beside its requests: retention, the outbox's messages,
 * booking reminders and planning jobs. `neuvo start` (src/cli/main.ts) parses its options and
 * settings and calls `startServer`; a failure the operator can act on is a `ServerStartError`.
 */
import { randomBytes } from 'node:crypto';
import { serve } from '@hono/node-server';
import { createApp } from './app.ts';
import { isoDateAt, startOfIsoWeek } from './core/time/civil-time.ts';
import { createRepositories } from './db/repositories.ts';
import { openStore, type Store, storeConfigFromEnv } from './db/store.ts';
import { createAccessService } from './services/access-service.ts';
import type { OidcSettings } from './services/auth/oidc-settings.ts';
import { createAuthService } from './services/auth-service.ts';
import { startBookingJobs } from './services/booking/booking-jobs.ts';
import { createServerBookingService } from './services/booking/booking-service.ts';
import { cityFileReader, cityFolderName } from './services/city/city-folders.ts';
import { CITY_SETTING, type CityProfile, storedCityId } from './services/city/city-profile.ts';
import { createFeedbackService } from './services/feedback-service.ts';
import { formatIssue } from './services/import/issues.ts';
import { createImportService, type ImportOutcome } from './services/import-service.ts';
import {
  createDispatcher,
  createDriverFromEnv,
  NotifySettingsError,
  startDispatcher,
} from './services/notify/index.ts';
import { createPartnerRequestService } from './services/partner-request-service.ts';
import { createPlanningService, startPlanWorker } from './services/planning/planning-service.ts';
import { generateDemoHistory } from './services/reports/demo-history.ts';
import { createRetentionService, startRetention } from './services/retention-service.ts';

export const DEMO_PLANNER = 'planner@demo.invalid';
export const DEMO_ADVISOR = 'advisor@demo.invalid';
export const DEMO_ADMIN = 'admin@demo.invalid';

/** A failure the operator can act on (a port in use, bad settings, a failed import). */
export class ServerStartError extends Error {}

/** What a server reads and writes outside its database: the environment and a log. */
export interface ServerIo {
  readonly env: NodeJS.ProcessEnv;
  readonly stderr: (text: string) => void;
}

/** The server's settings from the environment (src/cli/settings.ts reads and checks them). */
export interface ServerSettings {
  readonly trustedProxies: number;
  readonly cookieSecure: boolean;
  readonly sessionIdleMinutes: number;
  readonly feedbackRetentionDays: number;
  /** Days after its visit a booking's first name, contact and link are erased. */
  readonly bookingRetentionDays: number;
  /** Days a partner request's contact details are kept after its weeks or last decision. */
  readonly partnerRequestRetentionDays: number;
  /** The public origin (`https://palvelut.example.fi`), or null to use the server's own address. */
  readonly publicUrl: string | null;
  /** Reports show no count of contacts below this (NEUVO_REPORT_THRESHOLD; default 5). */
  readonly reportThreshold: number;
  /** Sign-in through the city's OpenID Connect provider (NEUVO_OIDC_*), or null: local accounts only. */
  readonly oidc: OidcSettings | null;
}

export interface ServerOptions {
  readonly port: number;
  readonly host: string;
  /** The city served (its profile, from `data/<id>/city.json`; src/services/city/city-folders.ts). */
  readonly city: CityProfile;
  /** Load the city's demo dataset into an empty database. */
  readonly demo: boolean;
  /** With the demo, also its synthetic contact history. */
  readonly demoHistory: boolean;
  readonly demoPlanSeconds: number;
  readonly pageCacheSeconds: number;
}

export interface RunningServer {
  readonly url: string;
  close(): Promise<void>;
}

/**
 * Writes what an import did; false (after listing every problem) when it changed nothing
 * because of them.
 */
export function reportImport(write: (text: string) => void, outcome: ImportOutcome, what: string): boolean {
  if (!outcome.ok) {
    write(
      `Import of ${what} failed with ${outcome.issues.length} problem${outcome.issues.length === 1 ? '' : 's'}; nothing was changed:\n`,
    );
    for (const issue of outcome.issues) write(`  ${formatIssue(issue)}\n`);
    return false;
  }
  // `demandPoints` → "demand points", `closureRules` → "closure rules".
  const words = (k: string) => k.replace(/[A-Z]/g, (c) => ` ${c.toLowerCase()}`);
  const counts = Object.entries(outcome.counts).map(([k, v]) => `${v} ${words(k)}`);
  write(`Imported ${what}: ${counts.join(', ')}.\n`);
  return true;
}

/**
 * The demo's public schedule: four weeks from this week's Monday, planned by the heuristic
 * and published, so the residents' pages show visits on first start.
 */
async function publishDemoSchedule(store: Store, io: ServerIo, seconds: number): Promise<void> {
  const repos = createRepositories(store.db);
  const planning = createPlanningService({
    store,
    repos,
    access: createAccessService({ repos, now: () => Date.now() }),
  });
  const from = startOfIsoWeek(isoDateAt(Date.now()));
  io.stderr(`Planning the demo's mobile service schedule (4 weeks from ${from}, ${seconds} s)…\n`);
  const job = await planning.enqueue(
    { kind: 'plan', from, weeks: 4, solver: 'heuristic', timeLimitSeconds: seconds, whatIfSeconds: 0 },
    'demo',
  );
  const done = await planning.runJobNow(job.id);
  if (done?.status !== 'succeeded' || !done.planId) {
    io.stderr(`The demo schedule was not planned: ${done?.error ?? 'the job did not run'}\n`);
    return;
  }
  await planning.publish(done.planId);
  io.stderr('Published the demo schedule.\n');
}

/** One account per role, each password printed once (only its hash is kept). */
async function addDemoAccounts(store: Store, io: ServerIo, city: CityProfile): Promise<void> {
  const repos = createRepositories(store.db);
  if ((await repos.staff.count()) > 0) return;
  const auth = createAuthService({ store, repos, now: () => Date.now() });
  const advisors = (await repos.advisors.list()).filter((a) => a.active);
  const advisor = advisors.find((a) => a.id === city.demoAdvisorId) ?? advisors[0];
  const accounts = [
    { role: 'planner', email: DEMO_PLANNER, displayName: 'Demo planner', advisorId: null, note: '' },
    ...(advisor
      ? [
          {
            role: 'advisor',
            email: DEMO_ADVISOR,
            displayName: `Demo advisor (${advisor.displayName})`,
            advisorId: advisor.id as string,
            note: ` (works as the demo advisor ${advisor.displayName}, ${advisor.id})`,
          },
        ]
      : []),
    { role: 'admin', email: DEMO_ADMIN, displayName: 'Demo admin', advisorId: null, note: '' },
  ] as const;
  for (const account of accounts) {
    const password = randomBytes(12).toString('base64url');
    await auth.addUser({
      email: account.email,
      displayName: account.displayName,
      roles: [account.role],
      password,
      advisorId: account.advisorId,
    });
    io.stderr(
      `Demo ${account.role} login (shown once): ${account.email} / ${password}  at /login${account.note}.\n`,
    );
  }
  io.stderr(
    'To add staff or set a password, sign in as the demo admin and open /admin/staff, or stop the server and run `npx neuvo user add` (README).\n',
  );
}

/** Any constant; the same for every neuvo process on one database. */
const DEMO_LOCK_KEY = 7_261_884_302;

/**
 * The demo on an empty database: its data, a published schedule, the synthetic contact history
 * and the demo accounts. Several servers starting at once on one PostgreSQL database take turns
 * under a lock; the first does it, the others find the data and go on serving.
 */
async function loadDemoOnce(
  store: Store,
  io: ServerIo,
  city: CityProfile,
  planSeconds: number,
  history: boolean,
): Promise<void> {
  await store.exclusively(DEMO_LOCK_KEY, async () => {
    const imports = createImportService(store);
    if (await imports.hasData()) return;
    const what = `the ${city.name.en} demo`;
    io.stderr(`Empty database: loading ${what} (${cityFolderName(city.id)})…\n`);
    if (
      !reportImport(
        io.stderr,
        await imports.importCity(cityFileReader(city.id), cityFolderName(city.id)),
        what,
      )
    )
      throw new ServerStartError(`import of ${what} failed`);
    await publishDemoSchedule(store, io, planSeconds);
    const made = history ? await generateDemoHistory(store, { now: Date.now() }) : null;
    if (made)
      io.stderr(
        `Generated synthetic contact history for the demo: ${made.contacts} contacts over ${made.weeks} weeks (labelled synthetic in the reports).\n`,
      );
    await addDemoAccounts(store, io, city);
  });
}

/**
 * A database holds one city: serving it as another is refused before anything is written. A
 * database with data but no city (loaded file by file, or before cities had profiles) is served
 * with the pages' generic words, and the log says how to give it its city.
 */
async function checkCityOfDatabase(store: Store, io: ServerIo, city: CityProfile): Promise<void> {
  const repos = createRepositories(store.db);
  const held = storedCityId(await repos.access.getSetting(CITY_SETTING));
  if (held && held !== city.id)
    throw new ServerStartError(
      `this database holds the city "${held}", not "${city.id}"; start with NEUVO_CITY=${held}, or give "${city.id}" its own database (NEUVO_DATA_DIR or DATABASE_URL)`,
    );
  if (!held && (await repos.areas.count()) > 0)
    io.stderr(
      `This database holds no city profile: the pages use generic words. \`neuvo import ${city.id}\` loads ${cityFolderName(city.id)} with its profile (or see docs/city-profile.md).\n`,
    );
}

/**
 * What every server process runs beside its requests; `stop` ends them all. Each takes its own
 * claims in the database, so several processes on one database share the work safely.
 */
function startBackgroundJobs(
  store: Store,
  io: ServerIo,
  settings: ServerSettings,
  driver: ReturnType<typeof createDriverFromEnv>,
  origin: () => string,
): () => Promise<void> {
  const repos = createRepositories(store.db);
  const now = () => Date.now();
  // The retention periods, hourly.
  const retention = startRetention(
    createRetentionService({
      store,
      auth: createAuthService({ store, repos, now, idleMinutes: settings.sessionIdleMinutes }),
      feedback: createFeedbackService({ store, retentionDays: settings.feedbackRetentionDays }),
      partnerRequests: createPartnerRequestService({
        store,
        repos,
        now,
        retentionDays: settings.partnerRequestRetentionDays,
      }),
      now,
    }),
    { log: io.stderr },
  );
  // The outbox's messages (claims are safe side by side).
  io.stderr(`Notifications: ${driver.description ?? driver.name}.\n`);
  const notifications = startDispatcher(createDispatcher({ store, driver, now, log: io.stderr }), {
    log: io.stderr,
  });
  // Booking reminders the day before, and bookings' personal fields erased after their time.
  const bookingJobs = startBookingJobs(
    createServerBookingService({ store, repos, now, origin, retentionDays: settings.bookingRetentionDays }),
    { log: io.stderr },
  );
  // Planning jobs queued through the API (any process on this database may take one).
  const worker = startPlanWorker(
    createPlanningService({ store, repos, access: createAccessService({ repos, now }) }),
    { log: io.stderr },
  );
  return async () => {
    await retention.stop();
    await notifications.stop();
    await bookingJobs.stop();
    await worker.stop();
  };
}

/** Listens on the port; a port in use is the operator's to fix. */
async function listen(app: ReturnType<typeof createApp>, opts: ServerOptions) {
  const server = serve({ fetch: app.fetch, port: opts.port, hostname: opts.host });
  await new Promise<void>((resolve, reject) => {
    server.once('listening', () => resolve());
    server.once('error', (e: NodeJS.ErrnoException) =>
      reject(
        e.code === 'EADDRINUSE'
          ? new ServerStartError(`port ${opts.port} is already in use; set PORT to another port`)
          : e,
      ),
    );
  });
  const address = server.address();
  return { server, port: typeof address === 'object' && address ? address.port : opts.port };
}

/** Starts a server process; resolves once it listens, with how to stop it. */
export async function startServer(
  io: ServerIo,
  settings: ServerSettings,
  opts: ServerOptions,
): Promise<RunningServer> {
  const started = performance.now();
  // Notifications: SMTP e-mail with NEUVO_SMTP_URL, else the local log; checked before anything starts.
  const driver = (() => {
    try {
      return createDriverFromEnv(io.env, io.stderr);
    } catch (e) {
      throw e instanceof NotifySettingsError ? new ServerStartError(e.message) : e;
    }
  })();
  const store = await openStore(storeConfigFromEnv(io.env));
  try {
    const { applied } = await store.migrate();
    if (applied > 0)
      io.stderr(
        `Applied ${applied} migration${applied === 1 ? '' : 's'} (${store.kind}: ${store.location}).\n`,
      );
    await checkCityOfDatabase(store, io, opts.city);
    if (opts.demo) await loadDemoOnce(store, io, opts.city, opts.demoPlanSeconds, opts.demoHistory);
  } catch (e) {
    await store.close();
    throw e;
  }
  // Known once the server listens (0 asks the system for a free port).
  let listeningPort = opts.port;
  const origin = () => settings.publicUrl ?? `http://localhost:${listeningPort}`;
  const app = createApp({
    store,
    // The city's tiles unless the environment names others.
    map: io.env.NEUVO_MAP_TILES?.trim()
      ? { tiles: io.env.NEUVO_MAP_TILES.trim(), attribution: io.env.NEUVO_MAP_ATTRIBUTION?.trim() ?? '' }
      : {
          tiles: opts.city.map.tiles,
          attribution: io.env.NEUVO_MAP_ATTRIBUTION?.trim() ?? opts.city.map.attribution,
          hosts: opts.city.map.hosts,
        },
    pageCacheSeconds: opts.pageCacheSeconds,
    trustedProxies: settings.trustedProxies,
    cookieSecure: settings.cookieSecure,
    sessionIdleMinutes: settings.sessionIdleMinutes,
    feedbackRetentionDays: settings.feedbackRetentionDays,
    partnerRequestRetentionDays: settings.partnerRequestRetentionDays,
    reportThreshold: settings.reportThreshold,
    publicUrl: settings.publicUrl ?? (() => `http://localhost:${listeningPort}`),
    oidc: settings.oidc,
  });
  const { server, port } = await listen(app, opts).catch(async (e) => {
    await store.close();
    throw e;
  });
  listeningPort = port;
  const shownHost = opts.host === '0.0.0.0' ? 'localhost' : opts.host;
  store.announceServer(`http://${shownHost}:${port}`);
  io.stderr(
    `neuvo is serving http://${shownHost}:${port} (${store.kind}: ${store.location}; ready in ${Math.round(performance.now() - started)} ms)\n`,
  );
  const stopJobs = startBackgroundJobs(store, io, settings, driver, origin);
  return {
    url: `http://127.0.0.1:${port}`,
    async close() {
      await stopJobs();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await store.close();
    },
  };
}
