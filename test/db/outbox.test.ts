/**
 * The outbox and its dispatcher: a message is queued once per key and only with its transaction,
 * delivered by the configured driver (the log, or SMTP e-mail to a small SMTP server written here
 * on node:net), tried again after 1 min, 5 min, 30 min and 2 h and then given up, made undeliverable
 * when the driver cannot carry its channel, and never delivered twice by two dispatchers at once.
 * Sent and given-up messages lose their recipient and text.
 */
import { once } from 'node:events';
import { createServer, type Server, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { NewOutboxMessage } from '../../src/db/repositories/outbox-repository.ts';
import { createRepositories, inTransaction } from '../../src/db/repositories.ts';
import {
  createDispatcher,
  createDriverFromEnv,
  createLogDriver,
  createSmtpDriver,
  MAX_ATTEMPTS,
  type MessageDriver,
  maskRecipient,
  RETRY_DELAYS_MS,
  startDispatcher,
} from '../../src/services/notify/index.ts';
import { createTestStore, type TestStore } from '../helpers/store.ts';

const T0 = Date.UTC(2026, 11, 1, 8); // Tuesday 1 December 2026, 10:00 in Helsinki
let store: TestStore;
beforeAll(async () => {
  store = await createTestStore();
});
afterAll(async () => {
  await store?.destroy();
});

let seq = 0;
function message(over: Partial<NewOutboxMessage> = {}): NewOutboxMessage {
  seq += 1;
  return {
    dedupeKey: `test:${seq}`,
    kind: 'booking-confirmed',
    channel: 'email',
    lang: 'fi',
    recipient: `resident${seq}@example.com`,
    subject: 'Neuvonta-aikasi on varattu',
    body: 'Tervetuloa tiistaina klo 10.00.',
    ...over,
  };
}

const enqueue = (m: NewOutboxMessage) => inTransaction(store, (tx) => tx.outbox.enqueue(m));
const byKey = async (dedupeKey: string) => {
  const [row] = await createRepositories(store.db).outbox.list({ dedupeKey });
  if (!row) throw new Error(`no message ${dedupeKey}`);
  return row;
};

describe('the outbox', () => {
  it('queues a key once, and only with a committed transaction', async () => {
    const m = message({ dedupeKey: 'booking-confirmed:b1' });
    expect(await enqueue(m)).toBe(true);
    expect(await enqueue({ ...m, subject: 'another text' })).toBe(false);
    const rows = await createRepositories(store.db).outbox.list({ dedupeKeyPrefix: 'booking-confirmed:b1' });
    expect(rows.map((r) => [r.status, r.subject, r.attempts])).toEqual([['pending', m.subject, 0]]);

    const rolledBack = message({ dedupeKey: 'booking-confirmed:b2' });
    await expect(
      inTransaction(store, async (tx) => {
        expect(await tx.outbox.enqueue(rolledBack)).toBe(true);
        throw new Error('the booking failed');
      }),
    ).rejects.toThrow('the booking failed');
    expect(await createRepositories(store.db).outbox.list({ dedupeKey: rolledBack.dedupeKey })).toEqual([]);

    // Queuing and claiming are writes: reachable only inside a transaction.
    const read = createRepositories(store.db).outbox;
    // @ts-expect-error enqueue is a write method
    void read.enqueue;
    // @ts-expect-error claimDue is a write method
    void read.claimDue;
    expect(await inTransaction(store, (tx) => tx.outbox.deletePending(m.dedupeKey))).toBe(true);
  });

  it('delivers through the log driver with the recipient masked, and erases the personal fields', async () => {
    const lines: string[] = [];
    const driver = createLogDriver((line) => lines.push(line));
    const email = message({
      lang: 'sv',
      recipient: 'riikka.virtanen@example.com',
      subject: 'Din tid är bokad',
    });
    const sms = message({ channel: 'sms', recipient: '+358 40 123 4567', body: 'Muistutus huomisesta.' });
    const reminder = message({ kind: 'booking-reminder', sendAfterMs: T0 + 3_600_000 });
    for (const m of [email, sms, reminder]) await enqueue(m);
    let clock = T0;
    const dispatcher = createDispatcher({ store, driver, now: () => clock });

    expect(await dispatcher.runOnce()).toEqual({ sent: 2, failed: 0, undeliverable: 0 });
    expect(driver.delivered.map((d) => [d.channel, d.lang, d.recipient, d.subject])).toEqual([
      ['email', 'sv', email.recipient, email.subject],
      ['sms', 'fi', sms.recipient, sms.subject],
    ]);
    expect(lines).toHaveLength(2);
    expect(lines[0]).toContain('r***@example.com');
    expect(lines[1]).toContain('+358 40 *** 67');
    const log = lines.join('');
    for (const secret of [email.recipient, 'virtanen', '123 4567', '1234567', email.body, sms.body])
      expect(log).not.toContain(secret);

    for (const m of [email, sms]) {
      const row = await byKey(m.dedupeKey);
      expect(row).toMatchObject({ status: 'sent', sentAtMs: T0, recipient: null, subject: null, body: null });
    }
    // The reminder waits for its time.
    expect((await byKey(reminder.dedupeKey)).status).toBe('pending');
    clock = T0 + 3_600_000;
    expect(await dispatcher.runOnce()).toEqual({ sent: 1, failed: 0, undeliverable: 0 });
    expect(await byKey(reminder.dedupeKey)).toMatchObject({ status: 'sent', recipient: null });
    expect(await dispatcher.runOnce()).toEqual({ sent: 0, failed: 0, undeliverable: 0 });
  });

  it('tries a failing delivery again after 1 min, 5 min, 30 min and 2 h, then gives it up', async () => {
    const m = message({ recipient: 'failing.person@example.com' });
    await enqueue(m);
    let attempts = 0;
    const driver: MessageDriver = {
      name: 'broken',
      supports: () => true,
      async deliver(out) {
        attempts += 1;
        // A message that names the recipient, as servers' messages do: it must not be stored.
        throw Object.assign(new Error(`connection lost while sending to ${out.recipient}`), {
          code: 'ECONNECTION',
        });
      },
    };
    const lines: string[] = [];
    let clock = T0;
    const dispatcher = createDispatcher({ store, driver, now: () => clock, log: (l) => lines.push(l) });
    for (const [i, delay] of RETRY_DELAYS_MS.entries()) {
      expect(await dispatcher.runOnce()).toEqual({ sent: 0, failed: 1, undeliverable: 0 });
      const row = await byKey(m.dedupeKey);
      expect(row).toMatchObject({ status: 'pending', attempts: i + 1, lastError: 'ECONNECTION' });
      expect(row.nextAttemptAtMs).toBe(clock + delay);
      expect(row.recipient).toBe(m.recipient);
      // Not a moment before its time.
      clock += delay - 1000;
      expect(await dispatcher.runOnce()).toEqual({ sent: 0, failed: 0, undeliverable: 0 });
      clock += 1000;
    }
    expect(await dispatcher.runOnce()).toEqual({ sent: 0, failed: 1, undeliverable: 0 });
    expect(attempts).toBe(MAX_ATTEMPTS);
    expect(await byKey(m.dedupeKey)).toMatchObject({
      status: 'failed',
      attempts: 5,
      lastError: 'ECONNECTION',
      recipient: null,
      subject: null,
      body: null,
    });
    expect(lines.at(-1)).toContain('given up after 5 attempts');
    expect(lines.join('')).not.toContain('failing.person');
    clock += 86_400_000;
    expect(await dispatcher.runOnce()).toEqual({ sent: 0, failed: 0, undeliverable: 0 });
  });

  it('never delivers a message twice with two dispatchers at once', async () => {
    const keys = Array.from({ length: 40 }, (_, i) => `race:${i}`);
    await inTransaction(store, async (tx) => {
      for (const key of keys)
        await tx.outbox.enqueue(message({ dedupeKey: key, recipient: `${key}@example.com` }));
    });
    const deliveries = new Map<string, number>();
    const driver: MessageDriver = {
      name: 'counting',
      supports: () => true,
      async deliver(m) {
        await new Promise((resolve) => setTimeout(resolve, 2));
        deliveries.set(m.recipient, (deliveries.get(m.recipient) ?? 0) + 1);
      },
    };
    const make = () => createDispatcher({ store, driver, now: () => T0, batchSize: 4 });
    const reports = await Promise.all([make().runOnce(), make().runOnce(), make().runOnce()]);
    expect(reports.reduce((n, r) => n + r.sent, 0)).toBe(40);
    expect(deliveries.size).toBe(40);
    expect([...deliveries.values()].every((n) => n === 1)).toBe(true);
    const rows = await createRepositories(store.db).outbox.list({ dedupeKeyPrefix: 'race:' });
    expect(rows.every((r) => r.status === 'sent')).toBe(true);
  });

  it('deletes finished messages after the retention period, never pending ones', async () => {
    const old = message({ dedupeKey: 'retention:old' });
    const recent = message({ dedupeKey: 'retention:recent' });
    const waiting = message({ dedupeKey: 'retention:pending', sendAfterMs: T0 + 365 * 86_400_000 });
    for (const m of [old, recent, waiting]) await enqueue(m);
    const at = async (key: string, ms: number) => {
      await inTransaction(store, async (tx) => {
        const row = (await tx.outbox.list({ dedupeKey: key }))[0];
        if (row) await tx.outbox.markSent(row.id, ms);
      });
    };
    await at(old.dedupeKey, T0 - 91 * 86_400_000);
    await at(recent.dedupeKey, T0 - 10 * 86_400_000);
    const deleted = await inTransaction(store, (tx) => tx.outbox.deleteOlderThan(T0 - 90 * 86_400_000));
    expect(deleted).toBe(1);
    const left = await createRepositories(store.db).outbox.list({ dedupeKeyPrefix: 'retention:' });
    expect(left.map((r) => r.dedupeKey).sort()).toEqual(['retention:pending', 'retention:recent']);
  });

  it('runs on a schedule and stops', async () => {
    const m = message({ dedupeKey: 'scheduled:1' });
    await enqueue(m);
    const lines: string[] = [];
    const running = startDispatcher(
      createDispatcher({ store, driver: createLogDriver(() => {}), now: () => T0 }),
      { everyMs: 3_600_000, log: (l) => lines.push(l) },
    );
    await running.stop();
    expect((await byKey(m.dedupeKey)).status).toBe('sent');
    expect(lines.join('')).toMatch(/notifications: \d+ sent/);
  });
});

describe('masking a recipient', () => {
  it('shows the first letter and the domain of an address, the start and end of a number', () => {
    expect(maskRecipient('email', 'riikka@example.com')).toBe('r***@example.com');
    expect(maskRecipient('email', 'not an address')).toBe('***');
    expect(maskRecipient('sms', '+358 40 123 4567')).toBe('+358 40 *** 67');
    expect(maskRecipient('sms', '040-123 4567')).toBe('040 *** 67');
    expect(maskRecipient('sms', '+46 70 123 45 67')).toBe('+46 *** 67');
    expect(maskRecipient('sms', '12')).toBe('***');
  });
});

describe('the driver from the environment', () => {
  it('is the log without NEUVO_SMTP_URL, else SMTP with a checked sender', () => {
    expect(createDriverFromEnv({}, () => {}).name).toBe('log');
    const smtp = createDriverFromEnv(
      {
        NEUVO_SMTP_URL: 'smtp://user:s3cret@smtp.example.fi:587',
        NEUVO_MAIL_FROM: 'Neuvonta <neuvonta@example.fi>',
      },
      () => {},
    );
    expect(smtp.name).toBe('smtp');
    expect(smtp.supports('email')).toBe(true);
    expect(smtp.supports('sms')).toBe(false);
    expect(smtp.description).toContain('smtp.example.fi:587');
    expect(smtp.description).not.toContain('s3cret');
    expect(() => createDriverFromEnv({ NEUVO_SMTP_URL: 'smtp://smtp.example.fi' }, () => {})).toThrow(
      /NEUVO_MAIL_FROM/,
    );
    expect(() =>
      createDriverFromEnv({ NEUVO_SMTP_URL: 'smtp://smtp.example.fi', NEUVO_MAIL_FROM: 'nobody' }, () => {}),
    ).toThrow(/NEUVO_MAIL_FROM/);
    const bad = () =>
      createDriverFromEnv({ NEUVO_SMTP_URL: 'http://u:s3cret@x', NEUVO_MAIL_FROM: 'a@example.fi' }, () => {});
    expect(bad).toThrow(/NEUVO_SMTP_URL/);
    expect(bad).not.toThrow(/s3cret/);
  });
});

/** What the fake server received: one mail transaction. */
interface Received {
  from: string;
  to: string[];
  data: string;
}

/**
 * A minimal SMTP server (RFC 5321): EHLO/HELO, MAIL FROM, RCPT TO, DATA, RSET, NOOP, QUIT. It
 * refuses recipients whose address starts with `refused` (550), as a server refuses an unknown user.
 */
async function startFakeSmtp(): Promise<{ port: number; mails: Received[]; close(): Promise<void> }> {
  const mails: Received[] = [];
  const sockets = new Set<Socket>();
  const server: Server = createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.setEncoding('latin1');
    let buffer = '';
    let inData = false;
    let current: Received = { from: '', to: [], data: '' };
    const reply = (line: string) => socket.write(`${line}\r\n`);
    reply('220 fake.test ESMTP ready');
    socket.on('data', (chunk: string) => {
      buffer += chunk;
      for (;;) {
        if (inData) {
          const end = buffer.indexOf('\r\n.\r\n');
          if (end < 0) return;
          current.data = buffer.slice(0, end + 2).replace(/^\.\./gm, '.');
          buffer = buffer.slice(end + 5);
          inData = false;
          mails.push(current);
          current = { from: '', to: [], data: '' };
          reply('250 2.0.0 queued');
          continue;
        }
        const eol = buffer.indexOf('\r\n');
        if (eol < 0) return;
        const line = buffer.slice(0, eol);
        buffer = buffer.slice(eol + 2);
        const verb = line.slice(0, 4).toUpperCase();
        if (verb === 'EHLO') reply('250-fake.test\r\n250-8BITMIME\r\n250 SMTPUTF8');
        else if (verb === 'HELO') reply('250 fake.test');
        else if (verb === 'MAIL') {
          current = { from: /<([^>]*)>/.exec(line)?.[1] ?? '', to: [], data: '' };
          reply('250 2.1.0 ok');
        } else if (verb === 'RCPT') {
          const address = /<([^>]*)>/.exec(line)?.[1] ?? '';
          if (address.startsWith('refused')) reply(`550 5.1.1 <${address}>: no such user`);
          else {
            current.to.push(address);
            reply('250 2.1.5 ok');
          }
        } else if (verb === 'DATA') {
          inData = true;
          reply('354 end with <CRLF>.<CRLF>');
        } else if (verb === 'RSET' || verb === 'NOOP') reply('250 ok');
        else if (verb === 'QUIT') {
          reply('221 bye');
          socket.end();
        } else reply('502 5.5.2 not implemented');
      }
    });
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    port,
    mails,
    async close() {
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** The header block and the decoded body of a received message (RFC 2045/2047, enough for one text part). */
function parseMail(raw: string): { headers: Map<string, string>; body: string } {
  const split = raw.indexOf('\r\n\r\n');
  const headerText = raw.slice(0, split).replace(/\r\n[ \t]+/g, ' ');
  const headers = new Map<string, string>();
  for (const line of headerText.split('\r\n')) {
    const colon = line.indexOf(':');
    headers.set(line.slice(0, colon).toLowerCase(), decodeWords(line.slice(colon + 1).trim()));
  }
  const bytes = Buffer.from(raw.slice(split + 4), 'latin1');
  const encoding = (headers.get('content-transfer-encoding') ?? '7bit').toLowerCase();
  let body: Buffer;
  if (encoding === 'base64') body = Buffer.from(bytes.toString('latin1').replace(/\s+/g, ''), 'base64');
  else if (encoding === 'quoted-printable') body = quotedPrintable(bytes.toString('latin1'));
  else body = bytes;
  return { headers, body: body.toString('utf8').replace(/\r\n$/, '') };
}

function quotedPrintable(text: string): Buffer {
  const unfolded = text.replace(/=\r\n/g, '');
  const out: number[] = [];
  for (let i = 0; i < unfolded.length; i++) {
    const c = unfolded[i] ?? '';
    if (c === '=' && /^[0-9A-F]{2}$/i.test(unfolded.slice(i + 1, i + 3))) {
      out.push(Number.parseInt(unfolded.slice(i + 1, i + 3), 16));
      i += 2;
    } else out.push(c.charCodeAt(0));
  }
  return Buffer.from(out);
}

/** RFC 2047 encoded words (`=?UTF-8?B?…?=`, `=?UTF-8?Q?…?=`); the space between two is dropped. */
function decodeWords(value: string): string {
  return value
    .replace(/(\?=)\s+(=\?)/g, '$1$2')
    .replace(/=\?([^?]+)\?([BbQq])\?([^?]*)\?=/g, (_all, _charset: string, kind: string, text: string) =>
      (kind.toUpperCase() === 'B'
        ? Buffer.from(text, 'base64')
        : quotedPrintable(text.replace(/_/g, ' '))
      ).toString('utf8'),
    );
}

describe('the SMTP driver', () => {
  it('delivers UTF-8 mail to the recipient, refuses SMS, and makes a refused address undeliverable', async () => {
    const smtp = await startFakeSmtp();
    try {
      const driver = createSmtpDriver({
        url: `smtp://127.0.0.1:${smtp.port}`,
        from: 'Espoon neuvonta <neuvonta@example.fi>',
      });
      const subject = 'Påminnelse: din rådgivningstid är i morgon – Leppävaara';
      const body =
        'Hyvä asiakas,\n\nneuvonta-aikasi on huomenna klo 10.00 Sellon kirjastossa (Äijänpöytä).\n' +
        'Välkommen! Öppet även på lördag.\n';
      const m = message({ lang: 'sv', recipient: 'asiakas@example.fi', subject, body });
      const sms = message({ channel: 'sms', recipient: '+358401234567' });
      const refused = message({ recipient: 'refused.person@example.fi' });
      for (const x of [m, sms, refused]) await enqueue(x);
      const lines: string[] = [];
      const dispatcher = createDispatcher({ store, driver, now: () => T0, log: (l) => lines.push(l) });
      expect(await dispatcher.runOnce()).toEqual({ sent: 1, failed: 0, undeliverable: 2 });

      expect(smtp.mails).toHaveLength(1);
      const [mail] = smtp.mails as [Received];
      expect(mail.from).toBe('neuvonta@example.fi');
      expect(mail.to).toEqual(['asiakas@example.fi']);
      const parsed = parseMail(mail.data);
      expect(parsed.headers.get('to')).toContain('asiakas@example.fi');
      expect(parsed.headers.get('from')).toContain('neuvonta@example.fi');
      expect(parsed.headers.get('subject')).toBe(subject);
      expect(parsed.headers.get('content-language')).toBe('sv');
      expect(parsed.headers.get('content-type')?.toLowerCase()).toContain('charset=utf-8');
      expect(parsed.body.replace(/\r\n/g, '\n').trimEnd()).toBe(body.trimEnd());

      expect(await byKey(m.dedupeKey)).toMatchObject({ status: 'sent', recipient: null, body: null });
      expect(await byKey(sms.dedupeKey)).toMatchObject({
        status: 'undeliverable',
        lastError: 'no sms driver configured',
        recipient: null,
      });
      const refusedRow = await byKey(refused.dedupeKey);
      expect(refusedRow).toMatchObject({ status: 'undeliverable', recipient: null, subject: null });
      expect(refusedRow.lastError).toContain('550');
      expect(`${refusedRow.lastError} ${lines.join('')}`).not.toContain('refused.person');
    } finally {
      await smtp.close();
    }
  });

  it('counts an unreachable server as a failed attempt to try again', async () => {
    const smtp = await startFakeSmtp();
    const port = smtp.port;
    await smtp.close();
    const m = message({ dedupeKey: 'smtp:down' });
    await enqueue(m);
    const driver = createSmtpDriver({ url: `smtp://127.0.0.1:${port}`, from: 'neuvonta@example.fi' });
    const dispatcher = createDispatcher({ store, driver, now: () => T0 });
    expect(await dispatcher.runOnce()).toEqual({ sent: 0, failed: 1, undeliverable: 0 });
    const row = await byKey(m.dedupeKey);
    expect(row).toMatchObject({ status: 'pending', attempts: 1, recipient: m.recipient });
    expect(row.lastError).toMatch(/^[A-Z]/);
    expect(row.lastError).not.toContain('example');
  });
});
