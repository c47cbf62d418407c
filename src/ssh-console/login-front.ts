/**
 * The TCP side of the SSH console, in front of ssh2 (which takes each socket through
 * `injectSocket`): a blocked address, or one with too many connections waiting to log in, is
 * closed before the SSH handshake (login-guard.ts), and a connection that has not logged in
 * within the grace time is cut — ssh2 has no login grace time, so a silent TCP connection
 * would otherwise stay forever.
 */
import net from 'node:net';
import type { Logger } from 'pino';
import type { LoginGuard } from './login-guard.js';

/** A connection must log in within this (ms), like OpenSSH's LoginGraceTime (120 s there). */
export const LOGIN_GRACE_MS = 30_000;

/** `192.0.2.7:50432`, `[2001:db8::7]:50432`: how the logs and the audit name a client. */
export function addressOf(socket: { remoteAddress?: string; remotePort?: number }): string {
  const ip = socket.remoteAddress ?? 'unknown';
  return ip.includes(':') ? `[${ip}]:${socket.remotePort}` : `${ip}:${socket.remotePort}`;
}

export interface LoginFront {
  server: net.Server;
  /** The function that tells the guard this connection logged in (by addressOf), while it waits. */
  loggedIn(clientAddress: string): (() => void) | undefined;
  /** Ends every connection (gracefully, then cut after `graceMs`). */
  closeAll(graceMs: number): Promise<void>;
}

export function createLoginFront(options: { guard: LoginGuard; logger: Logger; stopping(): boolean; inject(socket: net.Socket): void }): LoginFront {
  const { guard, logger } = options;
  const waiting = new Map<string, () => void>();
  const sockets = new Set<net.Socket>();
  const server = net.createServer((socket) => {
    const address = socket.remoteAddress ?? 'unknown';
    const clientAddress = addressOf(socket);
    const admitted = options.stopping() ? 'busy' : guard.admit(address);
    if (admitted !== 'ok') {
      logger.info({ clientAddress, reason: admitted }, 'ssh: connection refused before login');
      socket.destroy();
      return;
    }
    sockets.add(socket);
    let pending = true;
    const settle = () => {
      if (!pending) return;
      pending = false;
      waiting.delete(clientAddress);
      guard.settled(address);
      clearTimeout(grace);
    };
    waiting.set(clientAddress, settle);
    const grace = setTimeout(() => {
      logger.info({ clientAddress }, 'ssh: no login within the grace time; connection closed');
      socket.destroy();
    }, LOGIN_GRACE_MS);
    socket.on('error', () => undefined);
    socket.on('close', () => {
      settle();
      sockets.delete(socket);
    });
    options.inject(socket);
  });
  return {
    server,
    loggedIn: (clientAddress) => waiting.get(clientAddress),
    async closeAll(graceMs) {
      for (const socket of sockets) socket.end();
      await new Promise((resolve) => setTimeout(resolve, graceMs).unref());
      for (const socket of sockets) socket.destroy();
    },
  };
}
