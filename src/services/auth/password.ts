/**
 * Password hashing with scrypt (RFC 7914) from Node's crypto: a random 16-byte salt per
 * password, N = 2^15, r = 8, p = 3 — one of the equivalent settings OWASP's Password Storage
 * Cheat Sheet recommends as the minimum (N = 2^17, r = 8, p = 1 costs as much but needs 128 MiB
 * per hash; this one needs 32 MiB, so parallel sign-ins cannot exhaust the server's memory).
 * Each hash is stored with its parameters; a hash with older ones is replaced at the next
 * successful sign-in ({@link needsRehash}).
 */
import { randomBytes, scrypt as scryptCallback, timingSafeEqual } from 'node:crypto';

export interface HashCost {
  readonly N: number;
  readonly r: number;
  readonly p: number;
}
export const PRODUCTION_COST: HashCost = { N: 2 ** 15, r: 8, p: 3 };
let cost = PRODUCTION_COST;
const KEY_LENGTH = 32;

/**
 * Sets the cost of new hashes. Only the test suite calls it (test/setup.ts), so that hundreds of
 * sign-ins do not each cost a production hash; verifying always uses the stored parameters, and
 * the production cost is tested on its own.
 */
export function setHashCost(next: HashCost): void {
  cost = next;
}

function scrypt(password: string, salt: Buffer, n: number, r: number, p: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    scryptCallback(
      password.normalize('NFC'),
      salt,
      KEY_LENGTH,
      { N: n, r, p, maxmem: 256 * n * r * 2 },
      (err, key) => (err ? reject(err) : resolve(key)),
    );
  });
}

export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await scrypt(password, salt, cost.N, cost.r, cost.p);
  return `scrypt$${cost.N}$${cost.r}$${cost.p}$${salt.toString('base64url')}$${key.toString('base64url')}`;
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, n, r, p, salt, hash] = stored.split('$');
  if (scheme !== 'scrypt' || !n || !r || !p || !salt || !hash) return false;
  const expected = Buffer.from(hash, 'base64url');
  const key = await scrypt(password, Buffer.from(salt, 'base64url'), Number(n), Number(r), Number(p));
  return key.length === expected.length && timingSafeEqual(key, expected);
}

/** Whether `stored` was made with other parameters than today's (it is then hashed again). */
export function needsRehash(stored: string): boolean {
  const [scheme, n, r, p] = stored.split('$');
  return scheme !== 'scrypt' || Number(n) !== cost.N || Number(r) !== cost.r || Number(p) !== cost.p;
}

/** Rules for a new password: long enough to resist guessing, nothing more. */
export function passwordProblem(password: string): string | undefined {
  if (password.length < 12) return 'a password needs at least 12 characters';
  if (password.length > 200) return 'a password may have at most 200 characters';
  return undefined;
}
