/** Retrieve one device as part of job J: the function a sweep and (later) every job-queue worker calls. */
import type { DeviceEndpoint, JumpHost } from '../devices/fetch-configuration.js';
import { asDatabaseError, isServerError } from '../db/pg-errors.js';
import { NetRavenError, isNetRavenError } from '../errors.js';
import { DEVICE_TARGET_COLUMNS, endpointOf, parseSshOptions, type DeviceTarget, type SshOptions } from './device-target.js';
import { DeviceLog, type LogSink } from './device-log.js';
import type { DeviceOutcome } from './device-outcome.js';
import { recordFailure, recordSuccess } from './record-outcome.js';
import type { RetrievalContext } from './retrieval-context.js';
import { tryLogins, type AttemptState } from './try-logins.js';
import { hostPort } from '../devices/host-port.js';

async function jumpHostOf(ctx: RetrievalContext, options: SshOptions, log: DeviceLog): Promise<JumpHost | undefined> {
  const jump = options.jumpHost;
  if (jump === undefined) return undefined;
  if (jump.hostKeyFingerprint == null) {
    log.add('warn', 'jump-host', `jump host ${hostPort(jump.host, jump.port)} has no pinned host key fingerprint: any key is accepted; set ssh_options.jumpHost.hostKeyFingerprint`, { host: jump.host });
  }
  return { host: jump.host, port: jump.port, login: await ctx.logins.openByName(jump.credential), hostKeyFingerprint: jump.hostKeyFingerprint ?? null };
}

/** The key the device itself (not its jump host) presented instead of the trusted one, or null. */
function presentedKey(err: unknown, device: DeviceTarget): string | null {
  if (!isNetRavenError(err, 'HOST_KEY_MISMATCH')) return null;
  const { seen, host, port } = err.details;
  return typeof seen === 'string' && host === device.ipAddress && port === device.port ? seen : null;
}

/**
 * Retrieves `device` and records the outcome under child job `jobId` (which must exist): tries the
 * device's credentials in order, stores a new version only when the content hash changed, updates the
 * device's status, facts and first-use host key, finishes the job row and writes its log lines.
 * Device failures are returned as a 'failed' outcome, never thrown; only a failure to write the
 * outcome itself (the database is gone) rejects, and KEYRING_UNUSABLE: this process's keyring
 * cannot open credentials, which is no fault of the device, so nothing is recorded and the
 * caller hands the job to another process. With a `logSink` the log lines are handed to it
 * (a sweep batches them across devices) instead of being written here.
 */
export async function retrieveDevice(ctx: RetrievalContext, device: DeviceTarget, jobId: string, options: { logSink?: LogSink } = {}): Promise<DeviceOutcome> {
  const startedAt = new Date();
  const log = new DeviceLog(jobId, device.id, device.hostname);
  const state: AttemptState = { seenFingerprint: null, credential: null };
  const attempt = () => ({ jobId, deviceId: device.id, hostname: device.hostname, startedAt, seenFingerprint: state.seenFingerprint, logSink: options.logSink });
  try {
    const options = parseSshOptions(device.hostname, device.sshOptions);
    const endpoint: DeviceEndpoint = { ...endpointOf(device, options), jumpHost: await jumpHostOf(ctx, options, log) };
    const candidates = await ctx.logins.candidates(device.id);
    const success = await tryLogins(ctx, endpoint, device.id, candidates, log, state);
    return await recordSuccess(ctx.knex, attempt(), success.fetched, success.credential.name, log);
  } catch (err) {
    if (isNetRavenError(err, 'KEYRING_UNUSABLE')) throw err;
    // Only what the server reported is a database error: a raw socket error here may be the device's.
    const mapped = isServerError(err) ? (asDatabaseError(err) ?? err) : err;
    const code = isNetRavenError(mapped) ? mapped.code : 'INTERNAL';
    const message = mapped instanceof Error ? mapped.message : String(mapped);
    return recordFailure(ctx.knex, { ...attempt(), presentedFingerprint: presentedKey(mapped, device) }, code, message, state.credential?.name ?? null, log);
  }
}

/** Loads the device of job `jobId` (a retrieval child job) and retrieves it as part of that job. */
export async function retrieveDeviceForJob(ctx: RetrievalContext, jobId: string): Promise<DeviceOutcome> {
  const job = (await ctx.knex('jobs').where({ id: jobId }).first('id', 'kind', 'deviceId')) as { id: string; kind: string; deviceId: string | null } | undefined;
  if (job === undefined) throw new NetRavenError('JOB_NOT_FOUND', `no job with id ${jobId}`, { details: { jobId } });
  if (job.kind !== 'retrieval' || job.deviceId === null) {
    throw new NetRavenError('INPUT_INVALID', `job ${jobId} is not a per-device retrieval job (kind ${job.kind}, device ${job.deviceId ?? 'none'})`, { details: { jobId } });
  }
  const device = (await ctx.knex('devices').where({ id: job.deviceId }).first(...DEVICE_TARGET_COLUMNS)) as DeviceTarget | undefined;
  if (device === undefined) throw new NetRavenError('NOT_FOUND', `the device of job ${jobId} no longer exists`, { details: { jobId } });
  return retrieveDevice(ctx, device, jobId);
}
