/**
 * Notifications: one driver interface (driver.ts) with two drivers, SMTP e-mail (smtp-driver.ts)
 * and the local log (log-driver.ts), and the dispatcher that delivers the outbox (dispatcher.ts).
 * Services queue messages with `tx.outbox.enqueue` in their own transaction; the server process
 * runs `startDispatcher`.
 */
import type { MessageDriver } from './driver.ts';
import { createLogDriver } from './log-driver.ts';
import { createSmtpDriver } from './smtp-driver.ts';

export * from './dispatcher.ts';
export * from './driver.ts';
export * from './log-driver.ts';
export * from './smtp-driver.ts';

/** A plain sender address, or `Name <address>`. */
const MAIL_FROM = /^(?:[^<>\r\n]*<[^\s@<>]+@[^\s@<>]+\.[^\s@<>]+>|[^\s@<>]+@[^\s@<>]+\.[^\s@<>]+)$/;

/** A setting that is missing or malformed; the message names the variable. */
export class NotifySettingsError extends Error {
  override name = 'NotifySettingsError';
}

/**
 * The driver the environment asks for: SMTP e-mail when `NEUVO_SMTP_URL` is set (then
 * `NEUVO_MAIL_FROM` is required), else the local log, which writes one masked line per message
 * to `log`. A bad value throws a `NotifySettingsError` naming the variable.
 */
export function createDriverFromEnv(env: NodeJS.ProcessEnv, log: (line: string) => void): MessageDriver {
  const url = env.NEUVO_SMTP_URL?.trim() ?? '';
  if (!url) return createLogDriver(log);
  let parsed: URL | null = null;
  try {
    parsed = new URL(url);
  } catch {
    parsed = null;
  }
  if (!parsed || !/^smtps?:$/.test(parsed.protocol) || !parsed.hostname)
    throw new NotifySettingsError(
      'NEUVO_SMTP_URL must be an SMTP server URL like smtp://user:password@smtp.example.fi:587 or smtps://…:465',
    );
  const from = env.NEUVO_MAIL_FROM?.trim() ?? '';
  if (!from)
    throw new NotifySettingsError(
      'NEUVO_MAIL_FROM is required with NEUVO_SMTP_URL: the sender, like neuvonta@kaupunki.fi',
    );
  if (!MAIL_FROM.test(from))
    throw new NotifySettingsError(
      `NEUVO_MAIL_FROM must be an e-mail address or "Name <address>", got "${from.replace(/[\r\n]/g, ' ')}"`,
    );
  return createSmtpDriver({ url, from });
}
