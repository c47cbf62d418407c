import net from 'node:net';
import { afterEach } from 'vitest';

/** A TCP proxy in front of PostgreSQL that a test can take down (every connection cut, new ones refused) and bring back. */
export interface TcpProxy {
  port: number;
  /** The database URL rewritten to go through the proxy. */
  url(databaseUrl: string): string;
  down(): Promise<void>;
  up(): Promise<void>;
  close(): Promise<void>;
}

const open: TcpProxy[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((p) => p.close()));
});

/** Starts a proxy to host:port on a free local port. */
export async function startTcpProxy(target: { host: string; port: number }): Promise<TcpProxy> {
  const sockets = new Set<net.Socket>();
  let server: net.Server | undefined;
  let port = 0;
  const listen = () =>
    new Promise<void>((resolve, reject) => {
      server = net.createServer((client) => {
        const upstream = net.connect(target.port, target.host);
        for (const s of [client, upstream]) {
          sockets.add(s);
          s.on('error', () => s.destroy());
          s.on('close', () => sockets.delete(s));
        }
        client.pipe(upstream).pipe(client);
        client.on('close', () => upstream.destroy());
        upstream.on('close', () => client.destroy());
      });
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => {
        port = (server!.address() as net.AddressInfo).port;
        resolve();
      });
    });
  const stop = async () => {
    for (const s of sockets) s.destroy();
    sockets.clear();
    if (server) await new Promise((resolve) => server!.close(resolve));
    server = undefined;
  };
  await listen();
  const proxy: TcpProxy = {
    get port() {
      return port;
    },
    url(databaseUrl) {
      const parsed = new URL(databaseUrl);
      parsed.hostname = '127.0.0.1';
      parsed.port = String(port);
      return parsed.toString();
    },
    down: stop,
    up: listen,
    close: stop,
  };
  open.push(proxy);
  return proxy;
}
