/**
 * Sign-in through the city's OpenID Connect provider with `openid-client`: the authorization
 * code flow with PKCE, state and nonce. Servers keep nothing in memory between the two legs
 * (several processes share one database): the flow's secrets travel in a short-lived HttpOnly
 * cookie sealed with AES-256-GCM under a key every process shares (NEUVO_OIDC_STATE_KEY, or one
 * derived from the client secret), scoped to /login/oidc and read once.
 *
 * - GET /login/oidc?next=… (also /sv, /en): a new state, nonce and PKCE verifier, sealed into
 *   the cookie, and a redirect to the provider.
 * - GET /login/oidc/callback: the provider's answer. openid-client checks the state, exchanges
 *   the code with the verifier, checks the ID token's signature (the provider's JWKS), issuer,
 *   audience, times and nonce. The identity then signs in like a password does
 *   (`auth.signInWithIdentity`: same session, same cookie); any refusal is a page in the
 *   language the sign-in started in.
 *
 * The provider's metadata is discovered once per process (again after a failure). ID token
 * times are checked on the app's clock (`now`), so a test's fixed clock holds here too.
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { type Context, Hono } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import * as client from 'openid-client';
import { isLang, type Lang } from '../../core/i18n.ts';
import { hasRole } from '../../core/model/staff.ts';
import {
  groupsIn,
  OIDC_CALLBACK_PATH,
  type OidcSettings,
  rolesFromGroups,
} from '../../services/auth/oidc-settings.ts';
import type { AuthService } from '../../services/auth-service.ts';
import { clientOf } from '../../services/client.ts';
import { localePath } from '../layout.tsx';
import type { MessageKey } from '../messages.ts';
import type { WebEnv } from '../web-env.ts';
import { OidcRefusalPage } from './login-page.tsx';
import { safeNext, setSessionCookie } from './session.ts';

/** The cookie that carries one sign-in's state from the redirect to the callback. */
export const OIDC_FLOW_COOKIE = 'neuvo_oidc';
/** A sign-in must come back from the provider within this time. */
export const OIDC_FLOW_MINUTES = 10;

export interface OidcFlow {
  readonly state: string;
  readonly nonce: string;
  readonly verifier: string;
  /** Where to go after signing in (a local path). */
  readonly next: string;
  readonly lang: Lang;
  /** The flow's end, epoch ms on the app's clock. */
  readonly expiresAtMs: number;
}

/** The flow sealed (AES-256-GCM, the cookie's name as associated data) as base64url. */
export function sealFlow(key: Buffer, flow: OidcFlow): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(Buffer.from(OIDC_FLOW_COOKIE));
  const body = Buffer.concat([cipher.update(JSON.stringify(flow), 'utf8'), cipher.final()]);
  return Buffer.concat([iv, body, cipher.getAuthTag()]).toString('base64url');
}

/** The flow from a sealed cookie, or null when it was altered, sealed under another key or has ended. */
export function openFlow(key: Buffer, sealed: string | undefined, nowMs: number): OidcFlow | null {
  if (!sealed || sealed.length > 2000) return null;
  try {
    const raw = Buffer.from(sealed, 'base64url');
    if (raw.length < 12 + 16 + 2) return null;
    const decipher = createDecipheriv('aes-256-gcm', key, raw.subarray(0, 12));
    decipher.setAAD(Buffer.from(OIDC_FLOW_COOKIE));
    decipher.setAuthTag(raw.subarray(raw.length - 16));
    const text = Buffer.concat([decipher.update(raw.subarray(12, raw.length - 16)), decipher.final()]);
    const flow = JSON.parse(text.toString('utf8')) as OidcFlow;
    const strings = [flow.state, flow.nonce, flow.verifier, flow.next];
    if (strings.some((s) => typeof s !== 'string') || !isLang(flow.lang)) return null;
    if (typeof flow.expiresAtMs !== 'number' || flow.expiresAtMs <= nowMs) return null;
    return flow;
  } catch {
    return null;
  }
}

/** What the provider vouched for, before it is matched to an account. */
export interface ProviderIdentity {
  readonly issuer: string;
  readonly subject: string;
  readonly email: string | null;
  readonly displayName: string | null;
  /** Null: the provider named no groups at all. */
  readonly groups: readonly string[] | null;
}

export function createOidcClient(
  settings: OidcSettings,
  deps: { readonly now: () => number; readonly redirectUri: () => string },
) {
  let discovered: Promise<client.Configuration> | null = null;
  const discover = () => {
    discovered ??= client
      .discovery(
        new URL(settings.issuer),
        settings.clientId,
        settings.clientSecret ?? undefined,
        settings.clientSecret ? undefined : client.None(),
        settings.allowHttp ? { execute: [client.allowInsecureRequests] } : undefined,
      )
      .catch((e: unknown) => {
        discovered = null;
        throw e;
      });
    return discovered;
  };
  /** The configuration with the app's clock: ID token times are checked against `now`. */
  const configuration = async () => {
    const found = await discover();
    const skew = Math.round((deps.now() - Date.now()) / 1000);
    if (skew === 0) return found;
    const config = new client.Configuration(
      found.serverMetadata(),
      settings.clientId,
      {
        ...(settings.clientSecret ? { client_secret: settings.clientSecret } : {}),
        [client.clockSkew]: skew,
      },
      settings.clientSecret ? undefined : client.None(),
    );
    if (settings.allowHttp) client.allowInsecureRequests(config);
    const jwks = client.getJwksCache(found);
    if (jwks) client.setJwksCache(config, jwks);
    return config;
  };

  return {
    settings,

    /** Where to send the browser, and the sealed flow for the cookie. */
    async start(lang: Lang, next: string): Promise<{ url: URL; sealed: string }> {
      const config = await configuration();
      const verifier = client.randomPKCECodeVerifier();
      const flow: OidcFlow = {
        state: client.randomState(),
        nonce: client.randomNonce(),
        verifier,
        next,
        lang,
        expiresAtMs: deps.now() + OIDC_FLOW_MINUTES * 60_000,
      };
      const url = client.buildAuthorizationUrl(config, {
        redirect_uri: deps.redirectUri(),
        scope: settings.scopes,
        code_challenge: await client.calculatePKCECodeChallenge(verifier),
        code_challenge_method: 'S256',
        state: flow.state,
        nonce: flow.nonce,
        ui_locales: lang,
      });
      return { url, sealed: sealFlow(settings.stateKey, flow) };
    },

    /**
     * Checks the provider's answer (state, code with the PKCE verifier, the ID token and its
     * nonce) and reads who it is. Throws when anything does not hold.
     */
    async finish(query: URLSearchParams, flow: OidcFlow): Promise<ProviderIdentity> {
      const config = await configuration();
      // The answer as it came to the registered redirect URI (behind a proxy the request's own
      // URL may differ); the token request names that URI.
      const current = new URL(deps.redirectUri());
      current.search = query.toString();
      const tokens = await client.authorizationCodeGrant(config, current, {
        pkceCodeVerifier: flow.verifier,
        expectedState: flow.state,
        expectedNonce: flow.nonce,
        idTokenExpected: true,
      });
      const claims = tokens.claims();
      if (!claims) throw new Error('the provider returned no ID token');
      let groups = groupsIn(claims, settings.groupsClaim);
      let emailClaims: Record<string, unknown> = claims;
      // Some providers put groups (or the e-mail) only into the userinfo answer.
      if (
        (groups === null || typeof claims.email !== 'string') &&
        config.serverMetadata().userinfo_endpoint
      ) {
        const info = await client.fetchUserInfo(config, tokens.access_token, claims.sub);
        groups ??= groupsIn(info, settings.groupsClaim);
        if (typeof claims.email !== 'string') emailClaims = info;
      }
      const email =
        typeof emailClaims.email === 'string' && (emailClaims.email_verified === true || settings.trustEmail)
          ? emailClaims.email
          : null;
      const name =
        typeof claims.name === 'string'
          ? claims.name
          : [claims.given_name, claims.family_name].filter((s) => typeof s === 'string').join(' ') || null;
      return { issuer: claims.iss, subject: claims.sub, email, displayName: name, groups };
    },
  };
}

export type OidcClient = ReturnType<typeof createOidcClient>;

const REFUSALS = {
  'no-role': { key: 'oidcNoRole', status: 403 },
  'no-email': { key: 'oidcNoEmail', status: 403 },
  inactive: { key: 'oidcInactive', status: 403 },
  expired: { key: 'oidcExpired', status: 400 },
  failed: { key: 'oidcFailed', status: 400 },
  cancelled: { key: 'oidcCancelled', status: 400 },
  unavailable: { key: 'oidcUnavailable', status: 502 },
} as const satisfies Record<string, { key: MessageKey; status: number }>;
export type OidcRefusal = keyof typeof REFUSALS;

/**
 * The sign-in's routes. Without a provider (`oidc` null) they exist but answer 404, so the
 * route table is the same however the server is configured.
 */
export function createOidcRoutes(deps: {
  readonly oidc: OidcClient | null;
  readonly auth: AuthService;
  readonly now: () => number;
  /** One line per failed exchange: the error's kind, never a token or personal data. */
  readonly log: (line: string) => void;
}): Hono<WebEnv> {
  const app = new Hono<WebEnv>();
  const { oidc } = deps;
  const refuse = (c: Context, lang: Lang, why: OidcRefusal) => {
    const provider = oidc?.settings.providerName ?? '';
    const { key, status } = REFUSALS[why];
    c.header('cache-control', 'private, no-store');
    return c.html(`<!doctype html>${String(OidcRefusalPage({ lang, provider, message: key }))}`, status);
  };
  const cookieOptions = (c: Context) => ({ path: '/login/oidc', secure: clientOf(c).https });

  for (const lang of ['fi', 'sv', 'en'] as Lang[]) {
    app.get(localePath(lang, '/login/oidc'), async (c) => {
      if (!oidc) return c.notFound();
      const next = safeNext(c.req.query('next'), localePath(lang, '/planner'));
      let started: { url: URL; sealed: string };
      try {
        started = await oidc.start(lang, next);
      } catch (e) {
        deps.log(`OpenID Connect discovery failed: ${describe(e)}`);
        return refuse(c, lang, 'unavailable');
      }
      setCookie(c, OIDC_FLOW_COOKIE, started.sealed, {
        ...cookieOptions(c),
        httpOnly: true,
        sameSite: 'Lax',
        maxAge: OIDC_FLOW_MINUTES * 60,
      });
      c.header('cache-control', 'no-store');
      return c.redirect(started.url.href, 303);
    });
  }

  app.get(OIDC_CALLBACK_PATH, async (c) => {
    if (!oidc) return c.notFound();
    const flow = openFlow(oidc.settings.stateKey, getCookie(c, OIDC_FLOW_COOKIE), deps.now());
    // Read once: a callback replayed with the same cookie finds none.
    deleteCookie(c, OIDC_FLOW_COOKIE, cookieOptions(c));
    const query = new URL(c.req.url).searchParams;
    const lang = flow?.lang ?? 'fi';
    if (query.has('error') && !query.has('code')) return refuse(c, lang, 'cancelled');
    if (!flow) return refuse(c, lang, 'expired');
    let identity: ProviderIdentity;
    try {
      identity = await oidc.finish(query, flow);
    } catch (e) {
      deps.log(`OpenID Connect sign-in refused: ${describe(e)}`);
      return refuse(c, lang, 'failed');
    }
    const result = await deps.auth.signInWithIdentity({
      issuer: identity.issuer,
      subject: identity.subject,
      email: identity.email,
      displayName: identity.displayName,
      roles: rolesFromGroups(identity.groups ?? [], oidc.settings.roleGroups),
    });
    if (!result.ok) return refuse(c, lang, result.reason);
    setSessionCookie(c, result.token, result.maxAgeSeconds);
    // As after a password: without a page to return to, an advisor who is no planner lands on the app.
    const advisorOnly = !hasRole(result.user, 'planner') && hasRole(result.user, 'advisor');
    const landing =
      advisorOnly && flow.next === localePath(flow.lang, '/planner')
        ? localePath(flow.lang, '/advisor/')
        : flow.next;
    return c.redirect(landing, 303);
  });
  return app;
}

/**
 * An error's kind, code and message for the log (openid-client's say what did not hold, such
 * as 'unexpected JWT "nonce" claim value'); never the claims or tokens the error also carries.
 */
function describe(e: unknown): string {
  if (!(e instanceof Error)) return 'unknown error';
  const code = (e as { code?: unknown }).code;
  const error = (e as { error?: unknown }).error;
  const cause = e.cause instanceof Error ? e.cause.message : null;
  return [
    e.name,
    typeof code === 'string' ? code : null,
    typeof error === 'string' ? error : null,
    e.message,
    cause,
  ]
    .filter((s) => s)
    .join(': ')
    .slice(0, 300);
}
