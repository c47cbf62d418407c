import os from 'node:os';
import type { Knex } from 'knex';

/** application_name prefix of a daemon's control connection: how daemons are seen alive. */
export const DAEMON_APPLICATION_PREFIX = 'netraven-daemon:';

/** The application_name of a daemon's control connection (PostgreSQL keeps 63 characters). */
export function daemonApplicationName(pid = process.pid, host = os.hostname()): string {
  return `${DAEMON_APPLICATION_PREFIX}${pid}@${host}`.slice(0, 63);
}

/** A daemon as PostgreSQL sees it. */
export interface LiveDaemon {
  applicationName: string;
  pid: number;
  host: string;
  /** Seconds since its last heartbeat query finished; null when the server hides it (another role). */
  heartbeatAgeSeconds: number | null;
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
    const rest = row.application_name.slice(DAEMON_APPLICATION_PREFIX.length);
    const at = rest.indexOf('@');
    return { applicationName: row.application_name, pid: Number(rest.slice(0, at)), host: rest.slice(at + 1), heartbeatAgeSeconds: row.age };
  });
}

/** True when at least one daemon's heartbeat is younger than maxAgeSeconds (`retrieve` enqueues then). */
export async function isDaemonAlive(db: Knex, maxAgeSeconds = 30): Promise<boolean> {
  return (await liveDaemons(db)).some((d) => d.heartbeatAgeSeconds !== null && d.heartbeatAgeSeconds <= maxAgeSeconds);
}
