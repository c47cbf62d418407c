import { isIPv6 } from 'node:net';

/**
 * An address and port as people and tools write them: `192.0.2.10:22`, `core.example.net:22`,
 * and an IPv6 literal in brackets, `[2001:db8::1]:22` (RFC 3986 §3.2.2, RFC 5952 §6), which is
 * otherwise ambiguous (`2001:db8::1:22`). The one formatter for every message, log and table.
 */
export function hostPort(host: string, port: number): string {
  return `${isIPv6(host) ? `[${host}]` : host}:${port}`;
}
