/**
 * The booker's secret link: its token is 32 random bytes (base64url); only the token's SHA-256 is
 * stored, so the table alone cannot open anyone's booking.
 */
import { createHash, randomBytes } from 'node:crypto';

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** Whether a string can be a booking link's token (43 base64url characters). */
export function isBookingToken(token: string): boolean {
  return /^[A-Za-z0-9_-]{43}$/.test(token);
}

/** A new link's token. */
export const newBookingToken = (): string => randomBytes(32).toString('base64url');
