import type { Knex } from 'knex';
import { inTransaction } from '../db/transactions.js';
import { isNetRavenError } from '../errors.js';
import { notifyJobsQueued } from './job-channels.js';
import type { JobContext, JobHandler, JobOutcome } from './job-handler.js';

/** Which device ids a sweep target covers: the retrieval service's selection, supplied by the composition. */
export type SelectDeviceIds = (db: Knex, target: Record<string, unknown>) => Promise<string[]>;

/**
 * Splits a sweep into one child job per device, so every live daemon claims a share. Done in
 * one transaction with giving up the sweep's lease: a sweep is either not split (and is
 * reclaimed if this worker dies) or split and left running without a lease until its last
 * child finishes it (job-completion.ts). A cancelled or empty sweep ends here. A sweep that
 * already has device jobs (an in-process `retrieve` whose process died) is adopted: its
 * unstarted devices are handed to the queue.
 */
export async function splitSweep(context: JobContext, select: SelectDeviceIds): Promise<JobOutcome> {
  const { job, workerId } = context;
  const deviceIds = await select(context.db, job.target).catch((err: unknown) => {
    if (isNetRavenError(err, 'NOT_FOUND')) return [];
    throw err;
  });
  return inTransaction(context.db, async (trx) => {
    const { rows } = await trx.raw<{ rows: Array<{ lease_owner: string | null; cancel_requested: boolean }> }>(
      'SELECT lease_owner, cancel_requested FROM jobs WHERE id = ? FOR UPDATE',
      [job.id],
    );
    if (rows[0]?.lease_owner !== workerId) return { status: 'delegated' as const };
    if (rows[0].cancel_requested) return { status: 'cancelled' as const };
    const { rows: existing } = await trx.raw<{ rows: Array<{ n: number }> }>('SELECT count(*)::int AS n FROM jobs WHERE parent_job_id = ?', [job.id]);
    if ((existing[0]?.n ?? 0) > 0) return adopt(trx, context, existing[0]!.n);
    if (deviceIds.length === 0) {
      context.log('warn', `no enabled device matches ${describeTarget(job.target)}: nothing to retrieve`);
      return { status: 'succeeded' as const, progress: { total: 0, done: 0, failed: 0 } };
    }
    await trx.raw(
      `INSERT INTO jobs (kind, parent_job_id, device_id, requested_by)
       SELECT 'retrieval', ?, device_id, ? FROM unnest(?::uuid[]) AS device_id`,
      [job.id, `sweep ${job.id}`, deviceIds],
    );
    await trx.raw(
      'UPDATE jobs SET progress_total = ?, progress_done = 0, progress_failed = 0, lease_owner = NULL, lease_expires_at = NULL WHERE id = ?',
      [deviceIds.length, job.id],
    );
    await notifyJobsQueued(trx, 'retrieval');
    context.log('info', `split into ${deviceIds.length} device jobs (${describeTarget(job.target)}); every daemon claims a share`, { devices: deviceIds.length });
    return { status: 'delegated' as const };
  });
}

async function adopt(trx: Knex.Transaction, context: JobContext, children: number): Promise<JobOutcome> {
  const released = await trx('jobs').where({ parentJobId: context.job.id, status: 'queued' }).update({ runAt: trx.fn.now() });
  await trx.raw('UPDATE jobs SET progress_total = greatest(progress_total, ?), lease_owner = NULL, lease_expires_at = NULL WHERE id = ?', [children, context.job.id]);
  await notifyJobsQueued(trx, 'retrieval');
  context.log('warn', `adopted a sweep whose process stopped: ${released} of its ${children} device jobs had not started and are queued now`, { released, children });
  return { status: 'delegated' };
}

/** Words for a sweep target in a log line. */
export function describeTarget(target: Record<string, unknown>): string {
  if (typeof target.description === 'string') return target.description;
  if (Array.isArray(target.hostnames)) return target.hostnames.join(', ');
  if (Array.isArray(target.deviceIds)) return `${target.deviceIds.length} listed device(s)`;
  if (typeof target.tag === 'string') return `tag ${target.tag}`;
  return 'all enabled devices';
}

/**
 * The handler of `retrieval` jobs: a job without a device is a sweep and is split; a job
 * with one runs `retrieveDevice` for it (supplied by the composition: the retrieval service).
 */
export function retrievalJobHandler(retrieveDevice: JobHandler, select: SelectDeviceIds): JobHandler {
  return (context) => (context.job.deviceId === null ? splitSweep(context, select) : retrieveDevice(context));
}
