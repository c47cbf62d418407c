import type { Knex } from 'knex';
import { keyringFromEnvironment } from '../credentials/keyring-source.js';
import { NetRavenError } from '../errors.js';
import type { JobHandler } from '../jobs/job-handler.js';
import { JobHandlerRegistry } from '../jobs/job-handler.js';
import type { Logger } from '../jobs/logger.js';
import { purgeJobHandler } from '../jobs/purge.js';
import { retrievalJobHandler, type SelectDeviceIds } from '../jobs/sweep.js';
import { credentialLogins } from '../retrieval/credential-logins.js';
import { DEVICE_TARGET_COLUMNS, type DeviceTarget } from '../retrieval/device-target.js';
import type { Settings } from '../config/settings.js';
import { limitsFromSettings, loadRetrievalContext, type RetrievalContext } from '../retrieval/retrieval-context.js';
import { retrieveDevice } from '../retrieval/retrieve-device.js';
import { selectDevices, type SweepTarget } from '../retrieval/select-devices.js';

/** A job's target as the retrieval service's sweep target (schedules store { tag } or nothing). */
export function toSweepTarget(target: Record<string, unknown>): SweepTarget {
  if (Array.isArray(target.hostnames)) return { kind: 'hostnames', hostnames: target.hostnames.map(String) };
  if (typeof target.tag === 'string') return { kind: 'tag', tag: target.tag };
  return { kind: 'all' };
}

/** The devices of a sweep job, selected exactly as `netraven retrieve` selects them. */
export const selectSweepDevices: SelectDeviceIds = async (db, target) => (await selectDevices(db, toSweepTarget(target))).map((d) => d.id);

/**
 * One device of a sweep: the retrieval service records the outcome on the device and on this
 * job row itself (a device failure is an outcome, not an exception), its lines go through the
 * worker's log writer, and the worker rolls the job up into its sweep.
 */
export function deviceJobHandler(ctx: RetrievalContext): JobHandler {
  return async (context) => {
    const device = (await context.db('devices').where({ id: context.job.deviceId }).first(...DEVICE_TARGET_COLUMNS)) as DeviceTarget | undefined;
    if (!device) throw new NetRavenError('NOT_FOUND', `device ${context.job.deviceId} no longer exists`, { details: { jobId: context.job.id } });
    await retrieveDevice(ctx, device, context.job.id, { logSink: { add: (rows) => context.writeLogs(rows) } });
    return { status: 'recorded' };
  };
}

export interface DaemonHandlers {
  registry: JobHandlerRegistry;
  /** Applies changed settings to retrievals that start from now on (timeouts, output limit, redaction). */
  applySettings(settings: Settings): void;
}

/** The handlers a daemon runs: retrieval sweeps and devices, and the retention purge (which reads its settings when it runs). */
export async function daemonHandlers(options: { knex: Knex; workerId: string; logger: Logger }): Promise<DaemonHandlers> {
  // Read lazily (at the first login): a daemon starts, and purges, even before credentials exist.
  const keyring = keyringFromEnvironment({ warn: (message) => options.logger.warn({ component: 'keyring' }, message) });
  const ctx = await loadRetrievalContext(options.knex, credentialLogins(options.knex, keyring), { workerId: options.workerId });
  const registry = new JobHandlerRegistry()
    .register('retrieval', retrievalJobHandler(deviceJobHandler(ctx), selectSweepDevices))
    .register('purge', purgeJobHandler);
  // Every retrieval reads ctx when it starts: one already running keeps the limits it began with.
  return { registry, applySettings: (settings) => void Object.assign(ctx, limitsFromSettings(settings)) };
}
