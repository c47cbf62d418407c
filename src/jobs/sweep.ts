import type { Knex } from 'knex';
import { inTransaction } from '../db/transactions.js';
import { notifyJobsQueued } from './job-channels.js';
import type { JobContext, JobHandler, JobOutcome } from './job-handler.js';

/** Which devices a sweep covers, from its target: listed ids, a tag, or every enabled device. */
export interface SweepTarget {
  deviceIds?: string[];
  tag?: string;
}

/** The ids of the enabled devices a sweep target names, in hostname order. */
export async function devicesOfTarget(db: Knex | Knex.Transaction, target: SweepTarget): Promise<string[]> {
  const query = db('devices').where('devices.enabled', true).orderByRaw('lower(devices.hostname)').select('devices.id');
  if (Array.isArray(target.deviceIds)) query.whereIn('devices.id', target.deviceIds);
  if (typeof target.tag === 'string') {
    query.whereExists(
      db('device_tags').join('tags', 'tags.id', 'device_tags.tag_id')
        .whereRaw('device_tags.device_id = devices.id').whereRaw('lower(tags.name) = lower(?)', [target.tag]),
    );
  }
  return (await query).map((row: { id: string }) => row.id);
}

/**
 * Splits a sweep into one child job per device, so every live daemon claims a share. Done in
 * one transaction with giving up the sweep's lease: a sweep is either not split (and is
 * reclaimed if this worker dies) or split and left running without a lease until its last
 * child finishes it (job-completion.ts). A cancelled or empty sweep ends here.
 */
export async function splitSweep(context: JobContext, childKind: 'retrieval' = 'retrieval'): Promise<JobOutcome> {
  const { job, workerId } = context;
  return inTransaction(context.db, async (trx) => {
    const { rows } = await trx.raw<{ rows: Array<{ lease_owner: string | null; cancel_requested: boolean }> }>(
      'SELECT lease_owner, cancel_requested FROM jobs WHERE id = ? FOR UPDATE',
      [job.id],
    );
    if (rows[0]?.lease_owner !== workerId) return { status: 'delegated' as const };
    if (rows[0].cancel_requested) return { status: 'cancelled' as const };
    const deviceIds = await devicesOfTarget(trx, job.target as SweepTarget);
    if (deviceIds.length === 0) {
      context.log('warn', `no enabled device matches ${describeTarget(job.target as SweepTarget)}: nothing to retrieve`);
      return { status: 'succeeded' as const, progress: { total: 0, done: 0, failed: 0 } };
    }
    await trx.raw(
      `INSERT INTO jobs (kind, parent_job_id, device_id, requested_by)
       SELECT ?, ?, device_id, ? FROM unnest(?::uuid[]) AS device_id`,
      [childKind, job.id, `sweep ${job.id}`, deviceIds],
    );
    await trx.raw(
      'UPDATE jobs SET progress_total = ?, progress_done = 0, progress_failed = 0, lease_owner = NULL, lease_expires_at = NULL WHERE id = ?',
      [deviceIds.length, job.id],
    );
    await notifyJobsQueued(trx, childKind);
    context.log('info', `split into ${deviceIds.length} device jobs (${describeTarget(job.target as SweepTarget)}); every daemon claims a share`, { devices: deviceIds.length });
    return { status: 'delegated' as const };
  });
}

/** Words for a sweep target in a log line. */
export function describeTarget(target: SweepTarget): string {
  if (Array.isArray(target.deviceIds)) return `${target.deviceIds.length} listed device(s)`;
  if (typeof target.tag === 'string') return `tag ${target.tag}`;
  return 'all enabled devices';
}

/**
 * The handler of `retrieval` jobs: a job without a device is a sweep and is split; a job
 * with one runs `retrieveDevice` for it (supplied by the composition: the retrieval service).
 */
export function retrievalJobHandler(retrieveDevice: JobHandler): JobHandler {
  return (context) => (context.job.deviceId === null ? splitSweep(context) : retrieveDevice(context));
}
