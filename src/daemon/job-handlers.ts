import type { Knex } from 'knex';
import type { KeyringSource } from '../credentials/keyring-source.js';
import { NetRavenError, isNetRavenError } from '../errors.js';
import type { JobHandler } from '../jobs/job-handler.js';
import { JobHandlerRegistry } from '../jobs/job-handler.js';
import type { Logger } from '../jobs/logger.js';
import { purgeJobHandler } from '../jobs/purge.js';
import { retrievalJobHandler, type SelectDeviceIds } from '../jobs/sweep.js';
import { credentialLogins } from '../retrieval/credential-logins.js';
import { parseFilterTarget } from '../retrieval/filter-target.js';
import { DEVICE_TARGET_COLUMNS, type DeviceTarget } from '../retrieval/device-target.js';
import type { Settings } from '../config/settings.js';
import { limitsFromSettings, loadRetrievalContext, type RetrievalContext } from '../retrieval/retrieval-context.js';
import { retrieveDevice } from '../retrieval/retrieve-device.js';
import { selectDevices, type SweepTarget } from '../retrieval/select-devices.js';

/** A job's target as the retrieval service's sweep target (schedules store { tag } or nothing; the console may store a filter). */
export function toSweepTarget(target: Record<string, unknown>): SweepTarget {
  if (target.kind === 'filter') return parseFilterTarget(target);
  if (Array.isArray(target.hostnames)) return { kind: 'hostnames', hostnames: target.hostnames.map(String) };
  if (typeof target.tag === 'string') return { kind: 'tag', tag: target.tag };
  return { kind: 'all' };
}

/** The devices of a sweep job, selected exactly as `netraven retrieve` selects them. */
export const selectSweepDevices: SelectDeviceIds = async (db, target) => (await selectDevices(db, toSweepTarget(target))).map((d) => d.id);

/**
 * One device of a sweep: the retrieval service records the outcome on the device and on this
 * job row itself (a device failure is an outcome, not an exception), its lines go through the
 * worker's log writer, and the worker rolls the job up into its sweep. When this daemon's keyring
 * cannot open credentials (KEYRING_UNUSABLE) nothing is recorded: the job is released for
 * another daemon, since the device is not at fault.
 */
export function deviceJobHandler(ctx: RetrievalContext): JobHandler {
  return async (context) => {
    const device = (await context.db('devices').where({ id: context.job.deviceId }).first(...DEVICE_TARGET_COLUMNS)) as DeviceTarget | undefined;
    if (!device) throw new NetRavenError('NOT_FOUND', `device ${context.job.deviceId} no longer exists`, { details: { jobId: context.job.id } });
    try {
      await retrieveDevice(ctx, device, context.job.id, { logSink: { add: (rows) => context.writeLogs(rows) } });
    } catch (err) {
      if (isNetRavenError(err, 'KEYRING_UNUSABLE')) return { status: 'released', reason: err.message };
      throw err;
    }
    return { status: 'recorded' };
  };
}

export interface DaemonHandlerOptions {
  knex: Knex;
  workerId: string;
  logger: Logger;
  /** The keyring logins are opened with (checked at start by the keyring monitor). */
  keyring: KeyringSource;
  /** After a credential failed to open: what is wrong with this daemon's keyring (the job is then released), or null. */
  keyringFault?: (err: NetRavenError) => Promise<NetRavenError | null>;
}

export interface DaemonHandlers {
  registry: JobHandlerRegistry;
  /** Applies changed settings to retrievals that start from now on (timeouts, output limit, redaction). */
  applySettings(settings: Settings): void;
}

/** The handlers a daemon runs: retrieval sweeps and devices, and the retention purge (which reads its settings when it runs). */
export async function daemonHandlers(options: DaemonHandlerOptions): Promise<DaemonHandlers> {
  const logins = credentialLogins(options.knex, options.keyring, { keyringFault: options.keyringFault });
  const ctx = await loadRetrievalContext(options.knex, logins, { workerId: options.workerId });
  const registry = new JobHandlerRegistry()
    .register('retrieval', retrievalJobHandler(deviceJobHandler(ctx), selectSweepDevices))
    .register('purge', purgeJobHandler);
  // Every retrieval reads ctx when it starts: one already running keeps the limits it began with.
  return { registry, applySettings: (settings) => void Object.assign(ctx, limitsFromSettings(settings)) };
}
