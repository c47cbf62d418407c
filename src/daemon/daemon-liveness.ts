import os from 'node:os';
import type { Knex } from 'knex';

/** application_name prefix of a daemon's control connection: how daemons are seen alive. */
export const DAEMON_APPLICATION_PREFIX = 'netraven-daemon:';

/**
 * The application_name of a daemon's control connection (PostgreSQL keeps 63 characters):
 * `netraven-daemon:<pid>@<host>`, or `netraven-daemon:!<CODE>:<pid>@<host>` while its keyring
 * cannot open credentials (the marker comes first so a long host name cannot cut it off).
 */
export function daemonApplicationName(pid = process.pid, host = os.hostname(), keyringFault: string | null = null): string {
  const marker = keyringFault === null ? '' : `!${keyringFault}:`;
  return `${DAEMON_APPLICATION_PREFIX}${marker}${pid}@${host}`.slice(0, 63);
}

/** A daemon as PostgreSQL sees it. */
export interface LiveDaemon {
  applicationName: string;
  pid: number;
  host: string;
  /** Seconds since its last heartbeat query finished; null when the server hides it (another role). */
  heartbeatAgeSeconds: number | null;
  /** The error code while its keyring cannot open credentials (it then takes no retrieval jobs); null when it can. */
  keyringFault: string | null;
}

/**
 * Daemons connected to this database, from pg_stat_activity. A daemon runs a heartbeat
 * query on its control connection every few seconds, so state_change tells a daemon whose
 * event loop is stuck from a working one; a killed daemon's session disappears at once.
 * Liveness needs no table: nothing to clean up after a crash, nothing stale to believe.
 * (Seeing state_change of another role's session needs that role or pg_read_all_stats.)
 */
export async function liveDaemons(db: Knex): Promise<LiveDaemon[]> {
  const { rows } = await db.raw<{ rows: Array<{ application_name: string; age: number | null }> }>(
    `SELECT application_name, extract(epoch FROM now() - state_change)::float8 AS age
     FROM pg_stat_activity
     WHERE datname = current_database() AND application_name LIKE ? AND backend_type = 'client backend'`,
    [`${DAEMON_APPLICATION_PREFIX}%`],
  );
  return rows.map((row) => {
    let rest = row.application_name.slice(DAEMON_APPLICATION_PREFIX.length);
    const fault = /^!([A-Z_]+):/.exec(rest);
    if (fault) rest = rest.slice(fault[0].length);
    const at = rest.indexOf('@');
    return { applicationName: row.application_name, pid: Number(rest.slice(0, at)), host: rest.slice(at + 1), heartbeatAgeSeconds: row.age, keyringFault: fault?.[1] ?? null };
  });
}

/**
 * True when at least one daemon that can retrieve (its keyring opens credentials) has a heartbeat
 * younger than maxAgeSeconds: `retrieve` enqueues then, instead of running in-process.
 */
export async function isDaemonAlive(db: Knex, maxAgeSeconds = 30): Promise<boolean> {
  return (await liveDaemons(db)).some((d) => d.keyringFault === null && d.heartbeatAgeSeconds !== null && d.heartbeatAgeSeconds <= maxAgeSeconds);
}
