/**
 * One interface for every way a message leaves neuvo: the dispatcher hands each message to the
 * configured driver (SMTP e-mail in production, the local log in the demo and tests). A driver
 * delivers one message or throws: a `PermanentDeliveryError` when trying again cannot help (the
 * server refused the address for good), anything else to be tried again later.
 */
import type { Lang } from '../../core/i18n.ts';

export type Channel = 'email' | 'sms';

export interface OutgoingMessage {
  readonly channel: Channel;
  /** An e-mail address or a phone number. */
  readonly recipient: string;
  readonly subject: string;
  /** Plain text, written in `lang`. */
  readonly body: string;
  readonly lang: Lang;
}

export interface MessageDriver {
  /** `smtp`, `log` … */
  readonly name: string;
  /** What it does, for the server's start-up line (never a password). */
  readonly description?: string;
  supports(channel: Channel): boolean;
  deliver(m: OutgoingMessage): Promise<void>;
}

/** A delivery that would fail again however often it was tried; `reason` holds no personal data. */
export class PermanentDeliveryError extends Error {
  constructor(readonly reason: string) {
    super(reason);
    this.name = 'PermanentDeliveryError';
  }
}

/**
 * A recipient as it may appear in a log: `r***@example.com`, `+358 40 *** 67`, `040 *** 67`;
 * never the whole address or number.
 */
export function maskRecipient(channel: Channel, recipient: string): string {
  const value = recipient.trim();
  if (channel === 'email') {
    const at = value.lastIndexOf('@');
    if (at < 1 || at === value.length - 1) return '***';
    return `${value[0]}***${value.slice(at)}`;
  }
  const compact = value.replace(/[\s\-().]/g, '');
  if (!/^\+?\d{6,}$/.test(compact)) return '***';
  const last = compact.slice(-2);
  if (compact.startsWith('+358')) return `+358 ${compact.slice(4, 6)} *** ${last}`;
  return `${compact.slice(0, 3)} *** ${last}`;
}

/**
 * An error as a log line or `last_error` may show it: its code, SMTP reply code and command, or
 * its kind; never its message, which may hold an address or the text.
 */
export function describeDeliveryError(e: unknown): string {
  if (e instanceof PermanentDeliveryError) return e.reason;
  if (typeof e !== 'object' || e === null) return 'error';
  const { code, responseCode, command, name } = e as {
    code?: unknown;
    responseCode?: unknown;
    command?: unknown;
    name?: unknown;
  };
  const parts: string[] = [];
  parts.push(typeof code === 'string' && /^[A-Z0-9_]{2,40}$/.test(code) ? code : safeName(name));
  if (typeof responseCode === 'number' && Number.isInteger(responseCode)) parts.push(String(responseCode));
  if (typeof command === 'string') {
    const verb = /^[A-Za-z]+(?: [A-Za-z]+)?/.exec(command.split(':')[0] ?? '')?.[0];
    if (verb) parts.push(`on ${verb.toUpperCase()}`);
  }
  return parts.join(' ');
}

function safeName(name: unknown): string {
  return typeof name === 'string' && /^[A-Za-z]{1,60}$/.test(name) ? name : 'Error';
}
