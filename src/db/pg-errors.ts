/**
 * PostgreSQL and driver errors as errors an operator can act on: one stable code per class of
 * cause (SQLSTATE classes, https://www.postgresql.org/docs/current/errcodes-appendix.html) and
 * one line saying what to do. Messages carry the server's own words (which name tables and
 * settings, never parameter values) and never the SQL text: that is `--verbose`'s job
 * (src/db/query-details.ts).
 */
import { redactUrl } from '../config/environment.js';
import { NetRavenError, isNetRavenError, type ErrorCode } from '../errors.js';

interface PgLikeError { code?: string; message?: string; severity?: string }

const ROLES_DOC = 'see "Roles" in docs/architecture.md';

/** The server's message on one line (knex's statement prefix is already gone, see query-details.ts). */
export function serverMessage(err: unknown): string {
  return String((err as Error)?.message ?? err).replace(/\s*\n\s*/g, ' ').trim();
}

type Rule = { code: ErrorCode; message: (server: string, where: string) => string };

// Socket-level errors of the connection itself, before or during a command.
const SOCKET: Record<string, Rule> = Object.fromEntries(
  ['ECONNREFUSED', 'EHOSTUNREACH', 'ENETUNREACH', 'ETIMEDOUT'].map((code) => [code, {
    code: 'DATABASE_UNREACHABLE',
    message: (_s, where) => `cannot reach PostgreSQL at ${where} (${code}): check that the server runs and DATABASE_URL is right`,
  }]),
);
for (const code of ['ENOTFOUND', 'EAI_AGAIN']) {
  SOCKET[code] = { code: 'DATABASE_UNREACHABLE', message: (_s, where) => `cannot resolve the host in ${where} (${code}): check DATABASE_URL` };
}

const CONNECTION_LOST: Rule = {
  code: 'DATABASE_CONNECTION_LOST',
  message: (server, where) => `the connection to PostgreSQL${where ? ` at ${where}` : ''} was lost mid-command (${server}): check whether the change was made (list it), then run the command again`,
};

// By full SQLSTATE first, then by its two-character class.
const BY_STATE: Record<string, Rule> = {
  '28P01': { code: 'DATABASE_AUTH_FAILED', message: (_s, where) => `PostgreSQL refused the login for ${where}: check the user and password in DATABASE_URL` },
  '28000': { code: 'DATABASE_AUTH_FAILED', message: (server, where) => `PostgreSQL refused the login for ${where} (${server}): check the user in DATABASE_URL and pg_hba.conf` },
  '3D000': { code: 'DATABASE_UNREACHABLE', message: (_s, where) => `the database in ${where} does not exist: create it (createdb) or fix DATABASE_URL` },
  '57P03': { code: 'DATABASE_UNREACHABLE', message: (_s, where) => `PostgreSQL${where ? ` at ${where}` : ''} is starting up or shutting down: try again in a moment` },
  '42501': { code: 'DATABASE_PERMISSION_DENIED', message: (server) => `PostgreSQL refused it: ${server}: the database login lacks the role this command needs (netraven_app to change data, netraven_keyrotation for keys rotate; ${ROLES_DOC})` },
  '25006': { code: 'DATABASE_READ_ONLY', message: (server) => `PostgreSQL refused a write: ${server}: the server is a read-only standby or default_transaction_read_only is on for this login or database; point DATABASE_URL at the primary, or turn it off` },
  '53100': { code: 'DATABASE_DISK_FULL', message: (server) => `PostgreSQL is out of disk space (${server}): free space or grow the database server's volume, then run the command again; nothing was changed` },
  '53300': { code: 'DATABASE_TOO_MANY_CONNECTIONS', message: (server) => `PostgreSQL refused a connection: ${server}: stop idle clients or lower database.pool_size, or raise max_connections or the login's CONNECTION LIMIT` },
  '57014': { code: 'DATABASE_TIMEOUT', message: (server) => `PostgreSQL cancelled a statement: ${server} (statement_timeout of this login or database, or pg_cancel_backend): run the command again when the database is less busy, or raise the timeout for the NetRaven login` },
  '55P03': { code: 'DATABASE_TIMEOUT', message: (server) => `PostgreSQL gave up waiting for a lock: ${server} (lock_timeout): run the command again when the other work is done` },
  '25P03': { code: 'DATABASE_TIMEOUT', message: (server) => `PostgreSQL ended an idle transaction: ${server} (idle_in_transaction_session_timeout): run the command again` },
  '40001': { code: 'DATABASE_CONFLICT', message: (server) => `a concurrent change to the same rows won: ${server}; nothing was changed: run the command again` },
  '40P01': { code: 'DATABASE_CONFLICT', message: (server) => `a concurrent command deadlocked with this one: ${server}; nothing was changed: run the command again` },
  '23505': { code: 'ALREADY_EXISTS', message: (server) => `${server}: that name is taken (names ignore case)` },
  '57P01': CONNECTION_LOST,
  '57P02': CONNECTION_LOST,
};

const BY_CLASS: Record<string, Rule> = {
  '08': CONNECTION_LOST,
  '22': { code: 'INPUT_INVALID', message: (server) => `PostgreSQL cannot store a value: ${server}: shorten or correct it (limits: "Input limits" in README.md)` },
  '23': { code: 'INPUT_INVALID', message: (server) => `PostgreSQL refused the change: ${server}` },
  '54': { code: 'INPUT_INVALID', message: (server) => `too large or too complex for PostgreSQL: ${server}: shorten the input (limits: "Input limits" in README.md)` },
};

const LOST_MESSAGES = [/connection terminated/i, /server closed the connection/i, /Connection terminated unexpectedly/i, /terminating connection/i];

function ruleFor(e: PgLikeError): Rule | undefined {
  const code = e.code ?? '';
  if (SOCKET[code]) return SOCKET[code];
  if (code === 'ECONNRESET' || code === 'EPIPE') return CONNECTION_LOST;
  if (/^[0-9A-Z]{5}$/.test(code)) return BY_STATE[code] ?? BY_CLASS[code.slice(0, 2)];
  if (LOST_MESSAGES.some((pattern) => pattern.test(e.message ?? ''))) return CONNECTION_LOST;
  return undefined;
}

/** The driver's own error inside objection's wrapper (db-errors' DBError keeps it as `nativeError`). */
export function nativeError(err: unknown): unknown {
  const native = (err as { nativeError?: unknown } | null)?.nativeError;
  return typeof native === 'object' && native !== null ? native : err;
}

/** True when the server itself reported err (it has an SQLSTATE and a severity), as opposed to a socket error. */
export function isServerError(err: unknown): boolean {
  const e = (nativeError(err) ?? {}) as PgLikeError;
  return /^[0-9A-Z]{5}$/.test(e.code ?? '') && typeof e.severity === 'string';
}

/** True when err came from PostgreSQL or its driver (an SQLSTATE, a socket error, a lost connection). */
function looksLikeDatabaseError(e: PgLikeError): boolean {
  return ruleFor(e) !== undefined || isServerError(e);
}

/**
 * The NetRavenError for a database or driver error, or undefined when err is not one (a
 * NetRavenError is returned as it is). `url` (redacted) names the server in connection messages.
 */
export function asDatabaseError(error: unknown, url?: string): NetRavenError | undefined {
  if (isNetRavenError(error)) return error;
  const err = nativeError(error);
  const e = (err ?? {}) as PgLikeError;
  if (!looksLikeDatabaseError(e)) return undefined;
  const where = url ? redactUrl(url) : '';
  const server = serverMessage(err);
  const rule = ruleFor(e);
  if (rule) return new NetRavenError(rule.code, rule.message(server, where), { cause: err, details: { sqlstate: e.code } });
  return new NetRavenError('INTERNAL', `database error ${e.code}: ${server}`, { cause: err, details: { sqlstate: e.code } });
}

/** Turns a driver or server error met while connecting into one an operator can act on; passes NetRavenErrors through. */
export function toDatabaseError(err: unknown, url: string): NetRavenError {
  const mapped = asDatabaseError(err, url);
  if (mapped) return mapped;
  if (/timeout/i.test((err as Error)?.message ?? '')) {
    return new NetRavenError('DATABASE_UNREACHABLE', `PostgreSQL at ${redactUrl(url)} did not answer in time: check the network and the server`, { cause: err });
  }
  return new NetRavenError('INTERNAL', `database error: ${serverMessage(err)}`, { cause: err });
}
