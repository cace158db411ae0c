/**
 * Sign-in through the city's OpenID Connect provider (Microsoft Entra ID, Keycloak, a
 * Suomi.fi-style broker …), configured by the environment. Without NEUVO_OIDC_ISSUER there is
 * none, and local accounts (e-mail and password) are the only way in.
 *
 * Roles come from the provider's groups at every sign-in: NEUVO_OIDC_ROLES maps groups to
 * roles (`planner=<group>,advisor=<group>,admin=<group>`, a role may be named more than
 * once); a person in none of the mapped groups is refused.
 */
import { createHash, hkdfSync } from 'node:crypto';
import { STAFF_ROLES, type StaffRole } from '../../core/model/staff.ts';

export interface OidcSettings {
  /** The issuer identifier; discovery reads `<issuer>/.well-known/openid-configuration`. */
  readonly issuer: string;
  readonly clientId: string;
  /** Null for a public client (PKCE alone). */
  readonly clientSecret: string | null;
  /** The registered redirect URI; null: `<NEUVO_PUBLIC_URL>/login/oidc/callback`. */
  readonly redirectUri: string | null;
  /** The ID token (or userinfo) claim that lists the user's groups; a dotted path reaches into objects. */
  readonly groupsClaim: string;
  /** Which groups give which role. */
  readonly roleGroups: readonly { readonly role: StaffRole; readonly group: string }[];
  /** Shown on the login page: "Sign in with <name>". */
  readonly providerName: string;
  /** Space-separated scopes asked for. */
  readonly scopes: string;
  /** Plain-HTTP issuer allowed (NEUVO_OIDC_ALLOW_HTTP=1): local testing only. */
  readonly allowHttp: boolean;
  /**
   * Take the `email` claim as verified without `email_verified: true` (NEUVO_OIDC_TRUST_EMAIL=1):
   * only for a provider whose e-mail addresses users cannot change themselves.
   */
  readonly trustEmail: boolean;
  /** 32 bytes that seal the sign-in's state cookie; the same on every server process. */
  readonly stateKey: Buffer;
}

/** The callback's path; the redirect URI registered at the provider must end in it. */
export const OIDC_CALLBACK_PATH = '/login/oidc/callback';

/** `planner=g1,advisor=g2,admin=g3` → role and group pairs; a message naming the bad part otherwise. */
export function parseRoleGroups(text: string): { role: StaffRole; group: string }[] | string {
  const pairs: { role: StaffRole; group: string }[] = [];
  for (const part of text.split(',')) {
    const trimmed = part.trim();
    if (!trimmed) continue;
    const at = trimmed.indexOf('=');
    const role = trimmed.slice(0, at).trim();
    const group = trimmed.slice(at + 1).trim();
    if (at < 0 || !group || !(STAFF_ROLES as readonly string[]).includes(role))
      return `expected role=group pairs separated by commas (roles: ${STAFF_ROLES.join(', ')}), got "${trimmed}"`;
    pairs.push({ role: role as StaffRole, group });
  }
  return pairs.length > 0 ? pairs : 'expected at least one role=group pair';
}

/** The roles a user's groups give, in the product's order. */
export function rolesFromGroups(
  groups: readonly string[],
  roleGroups: OidcSettings['roleGroups'],
): StaffRole[] {
  const mine = new Set(groups);
  const roles = new Set(roleGroups.filter((p) => mine.has(p.group)).map((p) => p.role));
  return STAFF_ROLES.filter((r) => roles.has(r));
}

/** The groups in a claims object at `path` (`groups`, `realm_access.roles`): strings only. */
export function groupsIn(claims: Readonly<Record<string, unknown>>, path: string): string[] | null {
  let value: unknown = claims;
  for (const key of path.split('.')) {
    if (typeof value !== 'object' || value === null || !(key in value)) return null;
    value = (value as Record<string, unknown>)[key];
  }
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.filter((v): v is string => typeof v === 'string');
  return null;
}

/**
 * The settings from the environment, or null when NEUVO_OIDC_ISSUER is unset. Throws an Error
 * naming the variable when one is missing or bad.
 */
export function oidcSettingsFromEnv(env: Readonly<Record<string, string | undefined>>): OidcSettings | null {
  const get = (name: string) => env[name]?.trim() ?? '';
  const issuer = get('NEUVO_OIDC_ISSUER');
  if (!issuer) return null;
  const flag = (name: string) => {
    const v = get(name);
    if (!['', '0', '1'].includes(v)) throw new Error(`${name} must be 1 or 0, got "${v}"`);
    return v === '1';
  };
  const allowHttp = flag('NEUVO_OIDC_ALLOW_HTTP');
  const url = (name: string, value: string) => {
    let parsed: URL;
    try {
      parsed = new URL(value);
    } catch {
      throw new Error(`${name} must be an absolute URL, got "${value}"`);
    }
    if (parsed.protocol !== 'https:' && !(allowHttp && parsed.protocol === 'http:'))
      throw new Error(
        `${name} must be an https:// URL (plain http only with NEUVO_OIDC_ALLOW_HTTP=1, for local testing), got "${value}"`,
      );
    return parsed;
  };
  url('NEUVO_OIDC_ISSUER', issuer);
  const clientId = get('NEUVO_OIDC_CLIENT_ID');
  if (!clientId) throw new Error('NEUVO_OIDC_CLIENT_ID must be set with NEUVO_OIDC_ISSUER');
  const clientSecret = get('NEUVO_OIDC_CLIENT_SECRET') || null;
  const redirect = get('NEUVO_OIDC_REDIRECT_URI');
  if (redirect && !url('NEUVO_OIDC_REDIRECT_URI', redirect).pathname.endsWith(OIDC_CALLBACK_PATH))
    throw new Error(`NEUVO_OIDC_REDIRECT_URI must end in ${OIDC_CALLBACK_PATH}, got "${redirect}"`);
  const rolesText = get('NEUVO_OIDC_ROLES');
  if (!rolesText)
    throw new Error(
      'NEUVO_OIDC_ROLES must map groups to roles, like "planner=<group>,advisor=<group>,admin=<group>"',
    );
  const roleGroups = parseRoleGroups(rolesText);
  if (typeof roleGroups === 'string') throw new Error(`NEUVO_OIDC_ROLES: ${roleGroups}`);
  const keyText = get('NEUVO_OIDC_STATE_KEY');
  if (keyText && keyText.length < 32)
    throw new Error(
      'NEUVO_OIDC_STATE_KEY must have at least 32 characters (random, the same on every server)',
    );
  if (!keyText && !clientSecret)
    throw new Error(
      'NEUVO_OIDC_STATE_KEY must be set (at least 32 random characters, the same on every server) when there is no NEUVO_OIDC_CLIENT_SECRET',
    );
  // The key that seals the state cookie: its own, or one derived from the client secret.
  const stateKey = Buffer.from(
    hkdfSync(
      'sha256',
      keyText || (clientSecret as string),
      createHash('sha256').update(`neuvo:${issuer}:${clientId}`).digest(),
      'neuvo oidc state cookie',
      32,
    ),
  );
  const scopes = get('NEUVO_OIDC_SCOPES') || 'openid email profile';
  if (!scopes.split(/\s+/).includes('openid'))
    throw new Error(`NEUVO_OIDC_SCOPES must include openid, got "${scopes}"`);
  return {
    issuer,
    clientId,
    clientSecret,
    redirectUri: redirect || null,
    groupsClaim: get('NEUVO_OIDC_GROUPS_CLAIM') || 'groups',
    roleGroups,
    providerName: get('NEUVO_OIDC_NAME') || new URL(issuer).host,
    scopes,
    allowHttp,
    trustEmail: flag('NEUVO_OIDC_TRUST_EMAIL'),
    stateKey,
  };
}
