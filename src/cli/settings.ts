/**
 * The server's settings from the environment, checked at start: a bad value stops the start
 * with the variable's name and what was expected, never a surprise later.
 */

import type { ServerSettings } from '../server.ts';
import { type OidcSettings, oidcSettingsFromEnv } from '../services/auth/oidc-settings.ts';
import { DEFAULT_BOOKING_RETENTION_DAYS } from '../services/booking/booking-service.ts';
import type { CityProfile } from '../services/city/city-profile.ts';
import { DEFAULT_FEEDBACK_RETENTION_DAYS } from '../services/feedback-service.ts';
import { DEFAULT_PARTNER_REQUEST_RETENTION_DAYS } from '../services/partner-request-service.ts';
import { CliFailure } from './failure.ts';

export type { ServerSettings };

function integer(env: NodeJS.ProcessEnv, name: string, min: number, max: number, fallback: number): number {
  const raw = env[name]?.trim();
  if (!raw) return fallback;
  const n = Number(raw);
  if (!/^\d+$/.test(raw) || n < min || n > max)
    throw new CliFailure(`${name} must be a whole number from ${min} to ${max}, got "${raw}"`);
  return n;
}

/**
 * The server's settings from the environment; the retention periods default to the city
 * profile's (`retentionDays`), else the product's.
 */
export function serverSettingsFromEnv(
  env: NodeJS.ProcessEnv,
  retention: Partial<CityProfile['retentionDays']> = {},
): ServerSettings {
  const secure = env.NEUVO_COOKIE_SECURE?.trim() ?? '';
  if (!['', '0', '1'].includes(secure))
    throw new CliFailure(`NEUVO_COOKIE_SECURE must be 1 or 0, got "${secure}"`);
  const rawUrl = env.NEUVO_PUBLIC_URL?.trim() ?? '';
  let publicUrl: string | null = null;
  if (rawUrl) {
    let url: URL | null = null;
    try {
      url = new URL(rawUrl);
    } catch {
      url = null;
    }
    if (
      !url ||
      !/^https?:$/.test(url.protocol) ||
      url.username ||
      url.pathname !== '/' ||
      url.search ||
      url.hash
    )
      throw new CliFailure(
        `NEUVO_PUBLIC_URL must be the site's origin, like https://palvelut.example.fi (no path), got "${rawUrl}"`,
      );
    publicUrl = url.origin;
  }
  return {
    trustedProxies: integer(env, 'NEUVO_TRUST_PROXY', 0, 10, 0),
    cookieSecure: secure === '1',
    sessionIdleMinutes: integer(env, 'NEUVO_SESSION_IDLE_MINUTES', 1, 24 * 60, 60),
    feedbackRetentionDays: integer(
      env,
      'NEUVO_FEEDBACK_RETENTION_DAYS',
      30,
      3650,
      retention.feedback ?? DEFAULT_FEEDBACK_RETENTION_DAYS,
    ),
    bookingRetentionDays: integer(
      env,
      'NEUVO_BOOKING_RETENTION_DAYS',
      1,
      365,
      retention.bookings ?? DEFAULT_BOOKING_RETENTION_DAYS,
    ),
    partnerRequestRetentionDays: integer(
      env,
      'NEUVO_PARTNER_RETENTION_DAYS',
      30,
      3650,
      retention.partnerRequests ?? DEFAULT_PARTNER_REQUEST_RETENTION_DAYS,
    ),
    publicUrl,
    reportThreshold: integer(env, 'NEUVO_REPORT_THRESHOLD', 2, 100, 5),
    oidc: oidcFromEnv(env),
  };
}

function oidcFromEnv(env: NodeJS.ProcessEnv): OidcSettings | null {
  try {
    return oidcSettingsFromEnv(env);
  } catch (e) {
    throw new CliFailure(e instanceof Error ? e.message : String(e));
  }
}
