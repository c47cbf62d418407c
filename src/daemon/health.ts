import os from 'node:os';
import type { Knex } from 'knex';
import { NetRavenError } from '../errors.js';
import { daemonApplicationName, liveDaemons, type LiveDaemon } from './daemon-liveness.js';

/** How old a heartbeat may be for `daemon --check`: three missed beats. */
export const HEARTBEAT_FRESH_SECONDS = 15;

export interface HealthReport {
  host: string;
  /** Daemons of this host, freshest first. */
  local: LiveDaemon[];
  /** Every daemon on the database. */
  all: LiveDaemon[];
}

/**
 * `netraven daemon --check` (the container HEALTHCHECK): the database answers, a daemon of this
 * host has a fresh heartbeat, and no daemon of this host has lost its keyring (it would take no
 * retrieval jobs). Throws DAEMON_UNHEALTHY saying what is missing; database failures surface as
 * DATABASE_UNREACHABLE from the query itself.
 */
export async function checkHealth(db: Knex, host = os.hostname(), maxAgeSeconds = HEARTBEAT_FRESH_SECONDS): Promise<HealthReport> {
  const all = await liveDaemons(db);
  const local = all
    .filter((d) => d.applicationName === daemonApplicationName(d.pid, host, d.keyringFault))
    .sort((a, b) => (a.heartbeatAgeSeconds ?? Infinity) - (b.heartbeatAgeSeconds ?? Infinity));
  const freshest = local[0];
  if (!freshest) {
    throw new NetRavenError('DAEMON_UNHEALTHY', `no netraven daemon of host ${host} is connected to the database (${all.length} on other hosts): start \`netraven daemon\``);
  }
  if (freshest.heartbeatAgeSeconds === null) {
    throw new NetRavenError('DAEMON_UNHEALTHY', `the daemon's heartbeat is hidden from this database user: run the check as the daemon's user (or grant pg_read_all_stats)`);
  }
  const keyless = local.find((d) => d.keyringFault !== null);
  if (keyless) {
    throw new NetRavenError(
      'DAEMON_UNHEALTHY',
      `the daemon (pid ${keyless.pid}) cannot open credentials with its keyring (${keyless.keyringFault}) and takes no retrieval jobs: fix its keyring (NETRAVEN_KEY_FILE, the mount, the file's permissions); its log says more`,
    );
  }
  if (freshest.heartbeatAgeSeconds > maxAgeSeconds) {
    throw new NetRavenError('DAEMON_UNHEALTHY', `the daemon (pid ${freshest.pid}) last beat ${freshest.heartbeatAgeSeconds.toFixed(0)} s ago (limit ${maxAgeSeconds} s): it is stuck; restart it`);
  }
  return { host, local, all };
}
