import type { Knex } from 'knex';
import { afterAll, beforeAll } from 'vitest';
import { setSetting } from '../../src/config/settings-store.js';
import { startSimulatedFleet, type SimulatedFleet } from './device-simulator/index.js';
import { createTestLogins } from './logins.js';
import { addSimulated } from './retrieval.js';
import type { TestDatabase } from './database.js';

/** Simulated devices in the inventory, a credential for them, and what a daemon process needs to log in. */
export interface DaemonFleet {
  fleet: SimulatedFleet;
  hostnames: string[];
  /** Environment for daemon and CLI child processes: the database and the keyring the credential is sealed with. */
  env: Record<string, string>;
}

/**
 * Registers hooks that start `n` simulated Arista devices (tag `fleet`, `latencyMs` per reply so a
 * device takes a noticeable time) with a credential, and short leases for crash tests.
 */
export function useDaemonFleet(db: TestDatabase, n: number, options: { latencyMs: number; leaseSeconds?: number; prefix?: string }): DaemonFleet {
  const handle = {} as DaemonFleet;
  beforeAll(async () => {
    const logins = createTestLogins(db.knex);
    await logins.add({ name: 'fleet', username: 'admin', password: 'admin-pass', enableSecret: 'enable-pass', tags: ['fleet'] });
    handle.fleet = await startSimulatedFleet(n, { driver: 'arista_eos', enableSecret: 'enable-pass', hostnamePrefix: options.prefix ?? 'leaf', latencyMs: options.latencyMs });
    for (const sim of handle.fleet.devices) await addSimulated(db.knex, sim, sim.hostname, ['fleet']);
    handle.hostnames = handle.fleet.devices.map((d) => d.hostname);
    await setSetting(db.knex, 'jobs.lease_seconds', options.leaseSeconds ?? 3);
    handle.env = { DATABASE_URL: db.url, NETRAVEN_KEY_FILE: logins.keyring.file };
  });
  afterAll(async () => {
    await handle.fleet?.close();
  });
  return handle;
}

/** Device jobs of a sweep with their hostname, status and attempts. */
export async function deviceJobs(knex: Knex, sweepId: string): Promise<Array<{ id: string; hostname: string; status: string; attempts: number }>> {
  return knex('jobs as j').join('devices as d', 'd.id', 'j.device_id').where('j.parent_job_id', sweepId).orderBy('d.hostname').select('j.id', 'd.hostname', 'j.status', 'j.attempts');
}

/** Stored configuration versions per hostname. */
export async function versionsPerDevice(knex: Knex, hostnames: string[]): Promise<Record<string, number>> {
  const rows = await knex('devices as d').leftJoin('device_configurations as c', 'c.device_id', 'd.id').whereIn('d.hostname', hostnames)
    .groupBy('d.hostname').select('d.hostname').count<Array<{ hostname: string; count: string }>>('c.id as count');
  return Object.fromEntries(rows.map((r) => [r.hostname, Number(r.count)]));
}
