/**
 * A TCP proxy in front of the PostgreSQL server that can freeze: while frozen it passes no
 * bytes either way (as a hung server or a broken network would) and holds new connections;
 * thawed, everything flows again.
 */
import { createConnection, createServer, type Socket } from 'node:net';

export interface FreezableProxy {
  /** The database URL through the proxy. */
  readonly url: string;
  freeze(): void;
  thaw(): void;
  close(): Promise<void>;
}

export async function startFreezableProxy(databaseUrl: string): Promise<FreezableProxy> {
  const target = new URL(databaseUrl);
  let frozen = false;
  const pairs: [Socket, Socket][] = [];
  const waiting: Socket[] = [];
  const connect = (client: Socket) => {
    const upstream = createConnection({ host: target.hostname, port: Number(target.port || 5432) });
    client.on('error', () => upstream.destroy());
    upstream.on('error', () => client.destroy());
    client.pipe(upstream);
    upstream.pipe(client);
    pairs.push([client, upstream]);
  };
  const server = createServer((client) => {
    client.on('error', () => {});
    if (frozen) {
      client.pause();
      waiting.push(client);
    } else connect(client);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as import('node:net').AddressInfo;
  const url = new URL(databaseUrl);
  url.hostname = '127.0.0.1';
  url.port = String(port);
  return {
    url: url.toString(),
    freeze() {
      frozen = true;
      for (const [a, b] of pairs) {
        a.unpipe(b);
        b.unpipe(a);
        a.pause();
        b.pause();
      }
    },
    thaw() {
      frozen = false;
      for (const [a, b] of pairs) {
        if (a.destroyed || b.destroyed) continue;
        a.pipe(b);
        b.pipe(a);
        a.resume();
        b.resume();
      }
      for (const client of waiting.splice(0)) {
        client.resume();
        connect(client);
      }
    },
    async close() {
      for (const [a, b] of pairs) {
        a.destroy();
        b.destroy();
      }
      for (const c of waiting) c.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
