/** Writes one device's outcome: a new version only if the content changed, device status, child job, job logs. */
import { createHash } from 'node:crypto';
import type { Knex } from 'knex';
import { appendJobLogs } from '../db/queries/append-job-logs.js';
import { finishDeviceRetrieval, finishIfUnchanged } from '../db/queries/finish-device-retrieval.js';
import { insertConfiguration } from '../db/queries/insert-configuration.js';
import { latestConfiguration } from '../db/queries/latest-configuration.js';
import { latestConfigurationHash } from '../db/queries/latest-configuration-hash.js';
import { inTransaction } from '../db/transactions.js';
import type { FetchedConfiguration } from '../devices/fetch-configuration.js';
import { lineChanges } from './configs/line-changes.js';
import type { DeviceLog, LogSink } from './device-log.js';
import type { DeviceOutcome } from './device-outcome.js';

const MAX_ERROR_CHARS = 2000;

export interface Attempt {
  jobId: string;
  deviceId: string;
  hostname: string;
  startedAt: Date;
  /** Host key seen once authenticated: stored only when the device has none yet (trust on first use). */
  seenFingerprint: string | null;
  /** The key presented instead of the trusted one (HOST_KEY_MISMATCH), kept for the operator to accept. */
  presentedFingerprint?: string | null;
  /** Where the log lines go; without one they are written with the outcome, in the same round of statements. */
  logSink?: LogSink;
}

async function writeLogs(db: Knex | Knex.Transaction, attempt: Attempt, log: DeviceLog): Promise<void> {
  if (attempt.logSink !== undefined) attempt.logSink.add(log.entries);
  else await appendJobLogs(db, log.entries);
}

// Hashed in pieces: a whole 100 MB string would be copied to UTF-8 at once.
const HASH_PIECE_CHARS = 1 << 20;

/** sha256 of the stored text (UTF-8), lowercase hex: what change detection compares. */
export function contentHash(content: string): string {
  const hash = createHash('sha256');
  let at = 0;
  while (at < content.length) {
    let end = Math.min(content.length, at + HASH_PIECE_CHARS);
    // Never between the two halves of a surrogate pair: each half alone would hash as U+FFFD.
    if (end < content.length && content.charCodeAt(end - 1) >= 0xd800 && content.charCodeAt(end - 1) <= 0xdbff) end += 1;
    hash.update(at === 0 && end === content.length ? content : content.slice(at, end), 'utf8');
    at = end;
  }
  return hash.digest('hex');
}

function base(attempt: Attempt, finishedAt: Date): Pick<DeviceOutcome, 'jobId' | 'deviceId' | 'hostname' | 'startedAt' | 'finishedAt' | 'durationMs'> {
  const { jobId, deviceId, hostname, startedAt } = attempt;
  return { jobId, deviceId, hostname, startedAt, finishedAt, durationMs: finishedAt.getTime() - startedAt.getTime() };
}

function logDone(log: DeviceLog, attempt: Attempt, status: string, finishedAt = new Date()): Date {
  const durationMs = finishedAt.getTime() - attempt.startedAt.getTime();
  log.add('info', 'done', `done in ${(durationMs / 1000).toFixed(2)} s`, { durationMs, status });
  return finishedAt;
}

/**
 * Stores a successful retrieval. A new version records in its metadata `lineChanges`: the lines
 * it adds and removes against the version before it (null for a device's first version). The common case, an unchanged configuration, costs one statement
 * and no transaction: the device/job update guarded by the latest hash (plus the log lines, batched by the sweep). A changed one is written in
 * a transaction that locks the device row and checks the hash again, so two retrievals of the same
 * device can never both store the same new version; its content only travels when it changed.
 */
export async function recordSuccess(knex: Knex, attempt: Attempt, fetched: FetchedConfiguration, credential: string, log: DeviceLog): Promise<DeviceOutcome> {
  if (fetched.detection !== undefined) {
    // Stored with the outcome, so only a retrieval that the detected driver completed sets the device_type.
    log.add('info', 'device-type', `device_type set to ${fetched.detection.driver} (was auto)`, { driver: fetched.detection.driver });
  }
  const hash = contentHash(fetched.content);
  const sizeBytes = Buffer.byteLength(fetched.content, 'utf8');
  const finish = (db: Knex | Knex.Transaction, status: 'changed' | 'unchanged', finishedAt: Date) =>
    finishDeviceRetrieval(db, { deviceId: attempt.deviceId, jobId: attempt.jobId, status, startedAt: attempt.startedAt, finishedAt, errorCode: null, error: null, facts: fetched.facts, seenFingerprint: attempt.seenFingerprint ?? fetched.hostKeyFingerprint, detectedDriver: fetched.detection?.driver ?? null });
  const outcome = (status: 'changed' | 'unchanged', finishedAt: Date, configurationId: string | null): DeviceOutcome => ({
    ...base(attempt, finishedAt),
    status,
    configurationId,
    contentHash: hash,
    sizeBytes,
    credential,
    errorCode: null,
    error: null,
  });
  const logUnchanged = (finishedAt: Date): void => {
    log.add('info', 'unchanged', `configuration unchanged (${sizeBytes} bytes, sha256 ${hash.slice(0, 12)}): no new version`, { sizeBytes, contentHash: hash });
    logDone(log, attempt, 'unchanged', finishedAt);
  };
  const unchanged = async (db: Knex | Knex.Transaction): Promise<DeviceOutcome> => {
    const finishedAt = new Date();
    logUnchanged(finishedAt);
    if (!(await finish(db, 'unchanged', finishedAt))) return gone(attempt);
    await writeLogs(db, attempt, log);
    return outcome('unchanged', finishedAt, null);
  };

  // One round trip for the common case: finished as unchanged only if the newest stored version has this hash.
  const finishedAt = new Date();
  const common = { deviceId: attempt.deviceId, jobId: attempt.jobId, startedAt: attempt.startedAt, finishedAt, errorCode: null, error: null, facts: fetched.facts, seenFingerprint: attempt.seenFingerprint ?? fetched.hostKeyFingerprint, detectedDriver: fetched.detection?.driver ?? null };
  if (await finishIfUnchanged(knex, common, hash)) {
    logUnchanged(finishedAt);
    await writeLogs(knex, attempt, log);
    return outcome('unchanged', finishedAt, null);
  }
  // Before the transaction: the diff may take a while and must not hold the device row locked.
  const previous = await latestConfiguration(knex, attempt.deviceId);
  const changes = previous === null ? null : await lineChanges(previous.content, fetched.content);
  return inTransaction(knex, async (trx) => {
    const exists = await trx('devices').where({ id: attempt.deviceId }).forUpdate().first('id');
    if (exists === undefined) return gone(attempt);
    const latestHash = await latestConfigurationHash(trx, attempt.deviceId);
    if (latestHash === hash) return unchanged(trx);
    // Another retrieval stored a version meanwhile: the counts would be against the wrong one.
    const lines = latestHash === (previous?.contentHash ?? null) ? changes : undefined;
    const metadata = {
      ...fetched.metadata,
      credential,
      facts: fetched.facts,
      ...(fetched.detection === undefined ? {} : { detection: fetched.detection }),
      ...(lines === undefined ? {} : { lineChanges: lines }),
    };
    const configurationId = await insertConfiguration(trx, { deviceId: attempt.deviceId, jobId: attempt.jobId, content: fetched.content, contentHash: hash, sizeBytes, metadata });
    log.add('info', 'stored', `stored new version ${configurationId} (${sizeBytes} bytes, sha256 ${hash.slice(0, 12)})`, { configurationId, sizeBytes, contentHash: hash });
    const finishedAt = logDone(log, attempt, 'changed');
    await finish(trx, 'changed', finishedAt);
    await writeLogs(trx, attempt, log);
    return outcome('changed', finishedAt, configurationId);
  });
}

/** Stores a failed retrieval: device status and error, the child job's error, the log lines (two statements). */
export async function recordFailure(knex: Knex, attempt: Attempt, code: string, message: string, credential: string | null, log: DeviceLog): Promise<DeviceOutcome> {
  const error = message.length > MAX_ERROR_CHARS ? `${message.slice(0, MAX_ERROR_CHARS)}…` : message;
  const finishedAt = new Date();
  const durationMs = finishedAt.getTime() - attempt.startedAt.getTime();
  log.add('error', 'failed', `failed after ${(durationMs / 1000).toFixed(2)} s: ${code}: ${error}`, { code, durationMs });
  const found = await finishDeviceRetrieval(knex, {
    deviceId: attempt.deviceId,
    jobId: attempt.jobId,
    status: 'failed',
    startedAt: attempt.startedAt,
    finishedAt,
    errorCode: code,
    error,
    facts: {},
    seenFingerprint: attempt.seenFingerprint,
    presentedFingerprint: attempt.presentedFingerprint ?? null,
  });
  if (!found) return gone(attempt);
  await writeLogs(knex, attempt, log);
  return { ...base(attempt, finishedAt), status: 'failed', configurationId: null, contentHash: null, sizeBytes: null, credential, errorCode: code, error };
}

// The device was removed while it was being retrieved: its child job and logs went with it (cascade).
function gone(attempt: Attempt): DeviceOutcome {
  return {
    ...base(attempt, new Date()),
    status: 'failed',
    configurationId: null,
    contentHash: null,
    sizeBytes: null,
    credential: null,
    errorCode: 'NOT_FOUND',
    error: `${attempt.hostname} was removed while it was being retrieved; nothing was stored`,
  };
}
