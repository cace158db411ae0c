/**
 * Per-client rate limits, counted in the database so every server process shares them: a
 * fixed window per rule and client address (hashed), one atomic count per request.
 */
import { inTransaction } from '../db/repositories.ts';
import type { Store } from '../db/store.ts';
import { keyDigest } from './auth/throttle.ts';

export interface RateRule {
  /** Names the counter (and the rule in the README's table). */
  readonly name: string;
  readonly method: 'GET' | 'POST';
  readonly path: RegExp;
  /** Requests allowed per client per window. */
  readonly limit: number;
  readonly windowSeconds: number;
  /**
   * A form whose page answers the refusal itself, keeping what was typed (a browser's post is
   * passed on marked with {@link RATE_LIMITED_VARIABLE} instead of being refused outright).
   */
  readonly formKeepsInput?: boolean;
}

export const RATE_LIMITED_VARIABLE = 'rateLimitedSeconds';

/** Seconds to wait when the request was over its limit and passed on to its form; else undefined. */
export function rateLimitedOf(c: {
  get(key: typeof RATE_LIMITED_VARIABLE): number | undefined;
}): number | undefined {
  return c.get(RATE_LIMITED_VARIABLE);
}

const LANG = '(?:/sv|/en)?';

/**
 * What one client may send. Public writes: feedback and sign-in; expensive reads: the travel-time
 * answers, the map data and the API's comparisons and optimisation.
 */
export const RATE_RULES: readonly RateRule[] = [
  {
    name: 'feedback',
    method: 'POST',
    path: new RegExp(`^${LANG}/feedback$`),
    limit: 10,
    windowSeconds: 600,
    formKeepsInput: true,
  },
  {
    // Booking a time: the form and the API share one count per client.
    name: 'booking',
    method: 'POST',
    path: new RegExp(
      `^(${LANG}/visits/[^/]+/book|${LANG}/bookings/[^/]+/(change|cancel|delete)|/api/v1/visits/[^/]+/bookings)$`,
    ),
    limit: 20,
    windowSeconds: 600,
    formKeepsInput: true,
  },
  {
    // Partner organisations' visit requests: a few a day is plenty for one organisation.
    name: 'partner-request',
    method: 'POST',
    path: new RegExp(`^${LANG}/partners$`),
    limit: 10,
    windowSeconds: 3600,
    formKeepsInput: true,
  },
  {
    name: 'login',
    method: 'POST',
    path: new RegExp(`^${LANG}/login$`),
    limit: 30,
    windowSeconds: 600,
    formKeepsInput: true,
  },
  {
    name: 'near',
    method: 'GET',
    path: new RegExp(`^(${LANG}/near|/map/[a-z]+\\.geojson)$`),
    limit: 120,
    windowSeconds: 60,
  },
  {
    name: 'api-heavy',
    method: 'GET',
    path: /^\/api\/v1\/(scenarios\/compare|network\/optimize)$/,
    limit: 30,
    windowSeconds: 60,
  },
];

export type RateVerdict =
  | { readonly allowed: true }
  | { readonly allowed: false; readonly retryAfterSeconds: number };

export function createRateLimiter(deps: { store: Store; now: () => number; rules?: readonly RateRule[] }) {
  const rules = deps.rules ?? RATE_RULES;
  return {
    /** The rule a request falls under, if any. */
    ruleFor(method: string, path: string): RateRule | undefined {
      return rules.find((r) => r.method === method && r.path.test(path));
    },

    /** Counts the request against the rule for this client. */
    async hit(rule: RateRule, address: string): Promise<RateVerdict> {
      const t = deps.now();
      const windowMs = rule.windowSeconds * 1000;
      const windowStart = Math.floor(t / windowMs) * windowMs;
      const key = `${rule.name}:${keyDigest(address)}`;
      const count = await inTransaction(deps.store, (tx) => tx.throttle.upsertHit(key, windowStart));
      if (count <= rule.limit) return { allowed: true };
      return {
        allowed: false,
        retryAfterSeconds: Math.max(1, Math.ceil((windowStart + windowMs - t) / 1000)),
      };
    },
  };
}

export type RateLimiter = ReturnType<typeof createRateLimiter>;
