/**
 * How sign-in attempts are slowed, per account and per client address. An attempt is counted
 * before the password is checked (atomically, so parallel guesses are counted one by one) and
 * both counts are cleared by a success. Attempts inside the wait are refused without being
 * counted, so an attacker cannot keep an account's wait growing: the real user, from another
 * address, waits at most the account's cap.
 *
 * - An account (an e-mail, whether or not it exists, so the answers do not tell which do):
 *   5 attempts, then 2, 4, 8 … seconds after the previous one, at most 60 s. A browser the
 *   account's user signed in with before (its device cookie) is not counted or slowed here,
 *   so an attack on the account does not keep its user out.
 * - A client address: 10 attempts, then 2, 4, 8 … seconds, at most 15 minutes.
 * - A count is forgotten after an hour without attempts.
 */
import { createHash } from 'node:crypto';
import type { DelayPolicy } from '../../db/repositories/throttle-repository.ts';

export const ACCOUNT_POLICY: DelayPolicy = { free: 5, capSeconds: 60, forgetSeconds: 3600 };
export const ADDRESS_POLICY: DelayPolicy = { free: 10, capSeconds: 15 * 60, forgetSeconds: 3600 };

/** A short SHA-256 digest: counters are keyed by it, so no typed e-mail or address is stored. */
export const keyDigest = (text: string) => createHash('sha256').update(text).digest('base64url').slice(0, 32);

/** Keys as stored: hashed, so no typed e-mail or address is kept in the clear. */
export const accountKey = (email: string) => `account:${keyDigest(email.trim().toLowerCase())}`;
export const addressKey = (address: string) => `address:${keyDigest(address)}`;
