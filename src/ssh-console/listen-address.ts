/**
 * `--listen HOST:PORT` of serve-ssh, and `--check`: does an SSH server answer there with its
 * identification line (RFC 4253 4.2: `SSH-2.0-…`)? The container's HEALTHCHECK runs it.
 */
import net from 'node:net';
import { NetRavenError } from '../errors.js';

export const DEFAULT_LISTEN = '127.0.0.1:2222';

export interface ListenAddress {
  host: string;
  port: number;
}

/** `HOST:PORT`, `[IPv6]:PORT` or `:PORT` (all addresses); INPUT_INVALID otherwise. Port 0 picks a free port. */
export function parseListen(text: string): ListenAddress {
  const match = /^(?:\[([0-9a-fA-F:.]+)\]|([^:\s[\]]*)):(\d{1,5})$/.exec(text.trim());
  const port = match ? Number(match[3]) : NaN;
  if (!match || port > 65_535) {
    throw new NetRavenError('INPUT_INVALID', `--listen ${JSON.stringify(text.slice(0, 80))} is not HOST:PORT (for example 127.0.0.1:2222, 0.0.0.0:2222 or [::1]:2222)`);
  }
  const host = match[1] ?? match[2] ?? '';
  return { host: host === '' ? '0.0.0.0' : host, port };
}

/** Where a check of a server listening on `address` connects: the loopback for the wildcard addresses. */
export function checkTarget(address: ListenAddress): ListenAddress {
  if (address.host === '0.0.0.0') return { host: '127.0.0.1', port: address.port };
  if (address.host === '::') return { host: '::1', port: address.port };
  return address;
}

/**
 * Connects and reads the server's identification line. Resolves with it (`SSH-2.0-NetRaven`);
 * SSH_CHECK_FAILED when nothing listens, the line does not come within `timeoutMs`, or it is
 * not SSH.
 */
export function checkSshBanner(address: ListenAddress, timeoutMs = 5_000): Promise<string> {
  const where = address.host.includes(':') ? `[${address.host}]:${address.port}` : `${address.host}:${address.port}`;
  return new Promise((resolve, reject) => {
    const socket = net.connect({ host: address.host, port: address.port });
    let received = '';
    const fail = (why: string) => {
      socket.destroy();
      reject(new NetRavenError('SSH_CHECK_FAILED', `no SSH console answers on ${where}: ${why}`, { details: { address: where } }));
    };
    socket.setTimeout(timeoutMs, () => fail(`no SSH identification within ${timeoutMs / 1000} s`));
    socket.on('error', (err: NodeJS.ErrnoException) => fail(err.code === 'ECONNREFUSED' ? 'connection refused (is `netraven serve-ssh` running?)' : (err.code ?? err.message)));
    socket.on('data', (chunk: Buffer) => {
      received += chunk.toString('latin1');
      // Servers may send other lines before the identification (RFC 4253 4.2).
      const line = received.split('\r\n').find((l) => l.startsWith('SSH-'));
      if (line) {
        socket.destroy();
        if (line.startsWith('SSH-2.0-')) resolve(line);
        else fail(`it speaks ${line.slice(0, 40)}, not SSH 2`);
      } else if (received.length > 8_192) fail('it does not speak SSH');
    });
    socket.on('end', () => fail('the connection closed before an SSH identification'));
  });
}
