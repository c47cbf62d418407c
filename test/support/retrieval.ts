/** Shared set-up for retrieval tests: a context with small limits, simulated devices in the inventory. */
import type { Knex } from 'knex';
import { addDevice } from '../../src/retrieval/inventory/device-inventory.js';
import type { DeviceSummary } from '../../src/retrieval/inventory/device-inventory.js';
import type { LoginSource } from '../../src/retrieval/login-source.js';
import type { RetrievalContext } from '../../src/retrieval/retrieval-context.js';
import type { SimulatedDevice } from './device-simulator/index.js';

/** Small limits so failure tests stay fast; a healthy local device answers in milliseconds. */
export function testContext(knex: Knex, logins: LoginSource, overrides: Partial<RetrievalContext> = {}): RetrievalContext {
  return {
    knex,
    logins,
    limits: { connectTimeoutMs: 5_000, loginTimeoutMs: 5_000, idleTimeoutMs: 5_000, overallTimeoutMs: 20_000, maxOutputBytes: 64 * 1024 * 1024 },
    redactSecrets: false,
    credentialFallback: 'first-contact-only',
    concurrency: 10,
    leaseSeconds: 30,
    logFlushRows: 500,
    logFlushMs: 200,
    workerId: 'test-worker',
    ...overrides,
  };
}

/** Adds a simulated device to the inventory under `hostname` with the given tags. */
export function addSimulated(knex: Knex, dev: SimulatedDevice, hostname: string, tags: string[] = ['lab'], sshOptions: unknown = {}): Promise<DeviceSummary> {
  return addDevice(knex, { hostname, ipAddress: dev.host, port: dev.port, deviceType: dev.driver, tags }, sshOptions);
}

/** The columns of a device a test checks after a retrieval. */
export async function deviceRow(knex: Knex, hostname: string): Promise<Record<string, unknown>> {
  return (await knex('devices')
    .where({ hostname })
    .first('id', 'vendor', 'model', 'osVersion', 'serial', 'lastRetrievalAt', 'lastRetrievalStatus', 'lastRetrievalErrorCode', 'lastRetrievalError', 'hostKeyFingerprint', 'lastGoodCredentialId')) as Record<string, unknown>;
}

/** Stored versions of a device, oldest first (never the search_words column). */
export async function versions(knex: Knex, deviceId: string): Promise<Array<{ id: string; content: string; contentHash: string; sizeBytes: number; jobId: string | null; metadata: Record<string, unknown> }>> {
  return knex('device_configurations').where({ deviceId }).orderBy('retrievedAt').select('id', 'content', 'contentHash', 'sizeBytes', 'jobId', 'metadata');
}

/** Log lines of a job, in order. */
export async function jobLogs(knex: Knex, jobId: string): Promise<Array<{ level: string; message: string; data: Record<string, unknown>; deviceId: string | null }>> {
  return knex('job_logs').where({ jobId }).orderBy('id').select('level', 'message', 'data', 'deviceId');
}
