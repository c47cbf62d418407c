import { redactUrl } from '../config/environment.js';
import { NetRavenError, isNetRavenError } from '../errors.js';

interface PgLikeError { code?: string; message?: string; address?: string; port?: number }

/** The server's own message: knex prefixes the whole SQL text ("<sql> - <message>"), which no operator needs. */
export function serverMessage(err: unknown): string {
  const message = (err as Error)?.message ?? String(err);
  const cut = message.lastIndexOf(' - ');
  return (cut >= 0 ? message.slice(cut + 3) : message).replace(/\s*\n\s*/g, ' ').trim();
}

/** Turns a driver or server error into one an operator can act on; passes NetRavenErrors through. */
export function toDatabaseError(err: unknown, url: string): NetRavenError {
  if (isNetRavenError(err)) return err;
  const e = (err ?? {}) as PgLikeError;
  const where = redactUrl(url);
  switch (e.code) {
    case 'ECONNREFUSED':
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
    case 'ETIMEDOUT':
    case 'ECONNRESET':
      return new NetRavenError('DATABASE_UNREACHABLE', `cannot reach PostgreSQL at ${where} (${e.code}): check that the server runs and DATABASE_URL is right`, { cause: err });
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return new NetRavenError('DATABASE_UNREACHABLE', `cannot resolve the host in ${where} (${e.code}): check DATABASE_URL`, { cause: err });
    case '28P01':
    case '28000':
      return new NetRavenError('DATABASE_AUTH_FAILED', `PostgreSQL refused the login for ${where}: check the user and password in DATABASE_URL`, { cause: err });
    case '3D000':
      return new NetRavenError('DATABASE_UNREACHABLE', `the database in ${where} does not exist: create it (createdb) or fix DATABASE_URL`, { cause: err });
    case '42501':
      return new NetRavenError('DATABASE_PERMISSION_DENIED', `PostgreSQL denied an operation for the user in ${where}: ${serverMessage(err)}; grant the role it needs (see docs/operations.md)`, { cause: err });
    case '57P03':
      return new NetRavenError('DATABASE_UNREACHABLE', `PostgreSQL at ${where} is starting up or shutting down: try again in a moment`, { cause: err });
    default:
      if (/timeout/i.test(e.message ?? '')) {
        return new NetRavenError('DATABASE_UNREACHABLE', `PostgreSQL at ${where} did not answer in time: check the network and the server`, { cause: err });
      }
      return new NetRavenError('INTERNAL', `database error: ${serverMessage(err)}`, { cause: err });
  }
}
