/**
 * E-mail through an SMTP server (nodemailer), the production driver: `NEUVO_SMTP_URL`
 * (`smtp://user:pass@host:587`, STARTTLS when the server offers it; `smtps://…:465` for TLS from
 * the first byte) and `NEUVO_MAIL_FROM`. Plain-text UTF-8 mail, one recipient per message, with
 * the text's language in `Content-Language`. E-mail only: an SMS has no driver here.
 *
 * A refusal the server gives for good (a 5xx reply to the recipient or the message) is a
 * `PermanentDeliveryError`; every other error (connection, timeout, 4xx, sign-in) is tried again.
 */
import nodemailer from 'nodemailer';
import { type MessageDriver, PermanentDeliveryError } from './driver.ts';

export interface SmtpSettings {
  /** `smtp://user:pass@host:587` or `smtps://user:pass@host:465` (query options as nodemailer reads them). */
  readonly url: string;
  /** The sender: `neuvonta@kaupunki.fi` or `Kaupungin neuvonta <neuvonta@kaupunki.fi>`. */
  readonly from: string;
}

/** Waits in ms: a server that does not answer fails the attempt well within the outbox's lease. */
const TIMEOUTS = {
  connectionTimeout: 10_000,
  greetingTimeout: 10_000,
  socketTimeout: 30_000,
  dnsTimeout: 10_000,
};

/** `host:port` of an SMTP URL, for logs (never the user or password). */
export function smtpServerOf(url: string): string {
  const u = new URL(url);
  return `${u.hostname}:${u.port || (u.protocol === 'smtps:' ? '465' : '587')}`;
}

export function createSmtpDriver(settings: SmtpSettings): MessageDriver {
  const transport = nodemailer.createTransport({ url: settings.url, ...TIMEOUTS });
  return {
    name: 'smtp',
    description: `SMTP e-mail through ${smtpServerOf(settings.url)} from ${settings.from}`,
    supports: (channel) => channel === 'email',
    async deliver(m) {
      if (m.channel !== 'email') throw new PermanentDeliveryError(`no ${m.channel} driver configured`);
      let rejected: readonly unknown[] = [];
      try {
        const info = await transport.sendMail({
          from: settings.from,
          // An address object: the recipient is one address, never a list parsed from the text.
          to: { name: '', address: m.recipient.trim() },
          subject: m.subject.replace(/[\r\n]+/g, ' '),
          text: m.body,
          headers: { 'Content-Language': m.lang },
        });
        rejected = info.rejected ?? [];
      } catch (e) {
        const err = e as { code?: unknown; permanent?: unknown; responseCode?: unknown };
        if (err.permanent === true && (err.code === 'EENVELOPE' || err.code === 'EMESSAGE'))
          throw new PermanentDeliveryError(
            `SMTP server refused the ${err.code === 'EENVELOPE' ? 'recipient' : 'message'} (${String(err.responseCode)})`,
          );
        throw e;
      }
      if (rejected.length > 0) throw new PermanentDeliveryError('SMTP server refused the recipient');
    },
  };
}
