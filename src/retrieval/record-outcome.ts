/** Writes one device's outcome in one transaction: new version if changed, device status, child job, job logs. */
import { createHash } from 'node:crypto';
import type { Knex } from 'knex';
import { appendJobLogs } from '../db/queries/append-job-logs.js';
import { latestConfigurationHash } from '../db/queries/latest-configuration-hash.js';
import { inTransaction } from '../db/transactions.js';
import type { FetchedConfiguration } from '../devices/fetch-configuration.js';
import type { DeviceLog } from './device-log.js';
import type { DeviceOutcome } from './device-outcome.js';

const MAX_ERROR_CHARS = 2000;

interface Attempt {
  jobId: string;
  deviceId: string;
  hostname: string;
  startedAt: Date;
  /** Host key seen once authenticated: stored only when the device has none yet (trust on first use). */
  seenFingerprint: string | null;
}

/** sha256 of the stored text, lowercase hex: what change detection compares. */
export function contentHash(content: string): string {
  return createHash('sha256').update(content, 'utf8').digest('hex');
}

function firstUseFingerprint(trx: Knex.Transaction, seen: string | null): Record<string, unknown> {
  return seen === null ? {} : { hostKeyFingerprint: trx.raw('coalesce(host_key_fingerprint, ?)', [seen]) };
}

async function finishJob(trx: Knex.Transaction, attempt: Attempt, finishedAt: Date, failure: { code: string; message: string } | null): Promise<void> {
  await trx('jobs')
    .where({ id: attempt.jobId })
    .update({
      status: failure === null ? 'succeeded' : 'failed',
      runAt: attempt.startedAt,
      startedAt: attempt.startedAt,
      finishedAt,
      errorCode: failure?.code ?? null,
      error: failure?.message ?? null,
      progressTotal: 1,
      progressDone: 1,
      progressFailed: failure === null ? 0 : 1,
      leaseOwner: null,
      leaseExpiresAt: null,
    });
}

/**
 * Stores a successful retrieval. The device row is locked first so two retrievals of the same device
 * cannot both decide "changed" from the same previous hash; the content only travels to PostgreSQL when
 * its hash differs from the latest stored one.
 */
export async function recordSuccess(knex: Knex, attempt: Attempt, fetched: FetchedConfiguration, credential: string, log: DeviceLog): Promise<DeviceOutcome> {
  const hash = contentHash(fetched.content);
  const sizeBytes = Buffer.byteLength(fetched.content, 'utf8');
  return inTransaction(knex, async (trx) => {
    const exists = await trx('devices').where({ id: attempt.deviceId }).forUpdate().first('id');
    if (exists === undefined) return recordGone(attempt);
    const changed = (await latestConfigurationHash(trx, attempt.deviceId)) !== hash;
    let configurationId: string | null = null;
    if (changed) {
      const metadata = { ...fetched.metadata, credential, facts: fetched.facts };
      const [row] = await trx('device_configurations')
        .insert({ deviceId: attempt.deviceId, jobId: attempt.jobId, content: fetched.content, contentHash: hash, sizeBytes, metadata })
        .returning('id');
      configurationId = (row as { id: string }).id;
      log.add('info', 'stored', `stored new version ${configurationId} (${sizeBytes} bytes, sha256 ${hash.slice(0, 12)})`, { configurationId, sizeBytes, contentHash: hash });
    } else {
      log.add('info', 'unchanged', `configuration unchanged (${sizeBytes} bytes, sha256 ${hash.slice(0, 12)}): no new version`, { sizeBytes, contentHash: hash });
    }
    const finishedAt = new Date();
    const durationMs = finishedAt.getTime() - attempt.startedAt.getTime();
    log.add('info', 'done', `done in ${(durationMs / 1000).toFixed(2)} s`, { durationMs, status: changed ? 'changed' : 'unchanged' });
    const facts = Object.fromEntries(Object.entries(fetched.facts).filter(([, value]) => value !== undefined && value !== ''));
    await trx('devices')
      .where({ id: attempt.deviceId })
      .update({
        lastRetrievalAt: finishedAt,
        lastRetrievalStatus: changed ? 'changed' : 'unchanged',
        lastRetrievalErrorCode: null,
        lastRetrievalError: null,
        ...facts,
        ...firstUseFingerprint(trx, attempt.seenFingerprint ?? fetched.hostKeyFingerprint),
      });
    await finishJob(trx, attempt, finishedAt, null);
    await appendJobLogs(trx, log.entries);
    return {
      ...outcomeBase(attempt, finishedAt),
      status: changed ? 'changed' : 'unchanged',
      configurationId,
      contentHash: hash,
      sizeBytes,
      credential,
      errorCode: null,
      error: null,
    };
  });
}

/** Stores a failed retrieval: device status and error, the child job's error, the log lines. */
export async function recordFailure(knex: Knex, attempt: Attempt, code: string, message: string, credential: string | null, log: DeviceLog): Promise<DeviceOutcome> {
  const error = message.length > MAX_ERROR_CHARS ? `${message.slice(0, MAX_ERROR_CHARS)}…` : message;
  const finishedAt = new Date();
  const durationMs = finishedAt.getTime() - attempt.startedAt.getTime();
  log.add('error', 'failed', `failed after ${(durationMs / 1000).toFixed(2)} s: ${code}: ${error}`, { code, durationMs });
  return inTransaction(knex, async (trx) => {
    const updated = await trx('devices')
      .where({ id: attempt.deviceId })
      .update({ lastRetrievalAt: finishedAt, lastRetrievalStatus: 'failed', lastRetrievalErrorCode: code, lastRetrievalError: error, ...firstUseFingerprint(trx, attempt.seenFingerprint) });
    if (updated === 0) return recordGone(attempt);
    await finishJob(trx, attempt, finishedAt, { code, message: error });
    await appendJobLogs(trx, log.entries);
    return { ...outcomeBase(attempt, finishedAt), status: 'failed', configurationId: null, contentHash: null, sizeBytes: null, credential, errorCode: code, error };
  });
}

function outcomeBase(attempt: Attempt, finishedAt: Date): Pick<DeviceOutcome, 'jobId' | 'deviceId' | 'hostname' | 'startedAt' | 'finishedAt' | 'durationMs'> {
  return {
    jobId: attempt.jobId,
    deviceId: attempt.deviceId,
    hostname: attempt.hostname,
    startedAt: attempt.startedAt,
    finishedAt,
    durationMs: finishedAt.getTime() - attempt.startedAt.getTime(),
  };
}

// The device was removed while it was being retrieved: its child job and logs went with it (cascade).
function recordGone(attempt: Attempt): DeviceOutcome {
  const finishedAt = new Date();
  return {
    ...outcomeBase(attempt, finishedAt),
    status: 'failed',
    configurationId: null,
    contentHash: null,
    sizeBytes: null,
    credential: null,
    errorCode: 'NOT_FOUND',
    error: `${attempt.hostname} was removed while it was being retrieved; nothing was stored`,
  };
}
