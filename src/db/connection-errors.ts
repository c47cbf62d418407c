import { isNetRavenError } from '../errors.js';

// Socket-level failures and the SQLSTATEs of a server that went away or is restarting
// (class 08 connection exception, 57P01-03 shutdown/crash/starting up, 53300 no free connection slot).
const CONNECTION_CODES = new Set([
  'ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN',
  '57P01', '57P02', '57P03', '08000', '08001', '08003', '08004', '08006', '53300',
]);

const CONNECTION_MESSAGES = [
  /connection terminated/i,
  /not queryable/i,
  /timeout acquiring a connection/i,
  /connection timeout/i,
  /server closed the connection/i,
  /the database system is (starting up|shutting down)/i,
];

/**
 * True when err says the database could not be reached or the connection broke, as opposed
 * to a query the server refused: the first kind is retried after the outage, the second is a bug
 * or bad data and is reported.
 */
export function isConnectionError(err: unknown): boolean {
  // A NetRavenError says what it is: a device that refused SSH (UNREACHABLE, with an
  // ECONNREFUSED as its cause) is not a database outage.
  if (isNetRavenError(err)) return err.code === 'DATABASE_UNREACHABLE' || err.code === 'DATABASE_CONNECTION_LOST' || err.code === 'DATABASE_TOO_MANY_CONNECTIONS';
  const e = err as { code?: string; message?: string; cause?: unknown } | undefined;
  if (!e) return false;
  if (e.code && CONNECTION_CODES.has(e.code)) return true;
  if (CONNECTION_MESSAGES.some((pattern) => pattern.test(e.message ?? ''))) return true;
  return e.cause !== undefined && e.cause !== err && isConnectionError(e.cause);
}
