/** Maps ssh2 and socket errors onto NetRaven error codes with messages an operator can act on. */
import { NetRavenError } from '../errors.js';
import type { HostKeyCheck } from './host-key.js';

interface Where {
  label: string;
  host: string;
  port: number;
  hostKeyFingerprint: string | null;
}

const NETWORK_CODES: Record<string, string> = {
  ECONNREFUSED: 'the connection was refused (nothing listens on that port)',
  EHOSTUNREACH: 'the host is unreachable',
  ENETUNREACH: 'the network is unreachable',
  ENOTFOUND: 'the host name does not resolve',
  EAI_AGAIN: 'the host name could not be resolved right now',
  ECONNRESET: 'the connection was reset by the host',
  EPIPE: 'the connection was closed by the host',
  ETIMEDOUT: 'the TCP connection timed out',
};

/** Converts an error emitted by ssh2 Client during connect/authentication into a NetRavenError. */
export function classifyConnectionError(err: Error & { code?: string; level?: string }, where: Where, hostKey: HostKeyCheck): NetRavenError {
  const details = { host: where.host, port: where.port, stage: 'connect' as string };
  if (hostKey.mismatch) {
    return new NetRavenError(
      'HOST_KEY_MISMATCH',
      `${where.label}: the SSH host key changed (expected ${where.hostKeyFingerprint}, device presented ${hostKey.seen}); no credential was sent. If the device was replaced or re-keyed, clear its stored fingerprint; otherwise investigate a possible impostor`,
      { details: { ...details, stage: 'host-key', expected: where.hostKeyFingerprint, seen: hostKey.seen } },
    );
  }
  if (err.level === 'client-authentication') {
    return new NetRavenError('AUTH_FAILED', `${where.label}: the device refused this login (all offered authentication methods failed); check the username and password or key`, {
      details: { ...details, stage: 'authentication' },
    });
  }
  const code = err.code ?? '';
  if (code === 'ETIMEDOUT' || err.level === 'client-timeout') {
    return new NetRavenError('TIMEOUT', `${where.label}: ${NETWORK_CODES.ETIMEDOUT}; check routing and firewalls to port ${where.port}`, { details: { ...details, cause: code } });
  }
  const network = NETWORK_CODES[code];
  if (network !== undefined) {
    return new NetRavenError('UNREACHABLE', `${where.label}: ${network}; check the address, port ${where.port} and that SSH is enabled on the device`, {
      details: { ...details, cause: code },
    });
  }
  if (err.level === 'handshake' || /handshake|no matching/i.test(err.message)) {
    return new NetRavenError(
      'UNREACHABLE',
      `${where.label}: SSH negotiation failed (${err.message}); the device may only offer algorithms not enabled for it: set algorithm overrides for this device`,
      { details: { ...details, stage: 'handshake', cause: err.message } },
    );
  }
  return new NetRavenError('UNREACHABLE', `${where.label}: SSH connection failed (${err.message}); check the address and that SSH is enabled on the device`, {
    details: { ...details, cause: err.message },
  });
}
