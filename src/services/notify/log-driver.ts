/**
 * The demo's and the tests' driver: nothing leaves the machine. Each message becomes one line in
 * the server's log with the recipient masked (`r***@example.com`, `+358 40 *** 67`), its channel,
 * language, subject and length, never the text; the last few messages are kept in memory so a
 * test can read what would have been sent.
 */
import { type Channel, type MessageDriver, maskRecipient, type OutgoingMessage } from './driver.ts';

export interface LogDriver extends MessageDriver {
  /** The last messages delivered, oldest first (at most `keep`). */
  readonly delivered: readonly OutgoingMessage[];
}

export function createLogDriver(log: (line: string) => void, options: { keep?: number } = {}): LogDriver {
  const keep = options.keep ?? 20;
  const delivered: OutgoingMessage[] = [];
  return {
    name: 'log',
    description:
      'the local log (NEUVO_SMTP_URL unset): one line here per message, the recipient masked; nothing is sent',
    delivered,
    supports: (_channel: Channel) => true,
    async deliver(m) {
      const subject = m.subject.replace(/[\r\n\t]+/g, ' ').slice(0, 120);
      log(
        `message (${m.channel}, ${m.lang}) to ${maskRecipient(m.channel, m.recipient)}: "${subject}" (${m.body.length} characters; log driver, not sent)\n`,
      );
      if (keep <= 0) return;
      delivered.push(m);
      if (delivered.length > keep) delivered.splice(0, delivered.length - keep);
    },
  };
}
