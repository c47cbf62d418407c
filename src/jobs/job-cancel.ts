import type { Knex } from 'knex';
import { inTransaction } from '../db/transactions.js';
import { NetRavenError } from '../errors.js';
import { closeParentIfDone, rollUpIntoParent, type FinishedParent } from './job-completion.js';
import { notifyJobStatus } from './job-channels.js';
import { assertJobId } from './job-queue.js';

export interface CancelResult {
  id: string;
  /** cancelled: done now; requested: a worker stops it at the next device; finished: nothing to cancel. */
  outcome: 'cancelled' | 'requested' | 'finished';
  status: string;
  /** Queued device jobs of a sweep that were cancelled with it. */
  childrenCancelled: number;
  parentFinished?: FinishedParent;
}

const FINISHED = new Set(['succeeded', 'partially_succeeded', 'failed', 'cancelled']);

/**
 * Cancels a job: a queued one at once; a running one is flagged and its worker stops at the
 * next device (a sweep's queued devices are cancelled now, the running ones finish). A sweep
 * whose devices are all finished or cancelled is closed here as cancelled.
 */
export function cancelJob(db: Knex, id: string): Promise<CancelResult> {
  const jobId = assertJobId(id);
  return inTransaction(db, async (trx) => {
    const { rows } = await trx.raw<{ rows: Array<{ id: string; status: string; schedule: string | null; parent_job_id: string | null; lease_owner: string | null }> }>(
      'SELECT id, status, schedule, parent_job_id, lease_owner FROM jobs WHERE id = ? FOR UPDATE',
      [jobId],
    );
    const job = rows[0];
    if (!job) throw new NetRavenError('JOB_NOT_FOUND', `no job with id ${jobId}: see \`netraven jobs list\``, { details: { jobId } });
    if (job.schedule !== null) {
      throw new NetRavenError('INPUT_INVALID', `${jobId} is a schedule, not a job: remove it with \`netraven schedules remove ${jobId}\``);
    }
    if (FINISHED.has(job.status)) return { id: jobId, outcome: 'finished', status: job.status, childrenCancelled: 0 };

    await trx.raw('UPDATE jobs SET cancel_requested = true WHERE id = ?', [jobId]);
    const { rows: cancelled } = await trx.raw<{ rows: Array<{ n: number }> }>(
      `WITH changed AS (
         UPDATE jobs SET cancel_requested = true,
                status = CASE WHEN status = 'queued' THEN 'cancelled' ELSE status END,
                finished_at = CASE WHEN status = 'queued' THEN now() ELSE finished_at END
         WHERE parent_job_id = ? AND status IN ('queued', 'running')
         RETURNING status
       )
       SELECT count(*) FILTER (WHERE status = 'cancelled')::int AS n FROM changed`,
      [jobId],
    );
    const childrenCancelled = cancelled[0]?.n ?? 0;

    if (job.status === 'queued') {
      await trx.raw("UPDATE jobs SET status = 'cancelled', finished_at = now() WHERE id = ?", [jobId]);
      await notifyJobStatus(trx, jobId, job.parent_job_id, 'cancelled');
      const parentFinished = job.parent_job_id ? await rollUpIntoParent(trx, job.parent_job_id, 'cancelled') : undefined;
      return { id: jobId, outcome: 'cancelled', status: 'cancelled', childrenCancelled, parentFinished };
    }
    if (job.lease_owner === null) {
      // A sweep that handed its devices to child jobs: close it if none is still running.
      const { rows: counters } = await trx.raw<{ rows: Array<{ progress_total: number; progress_done: number; progress_failed: number }> }>(
        'SELECT progress_total, progress_done, progress_failed FROM jobs WHERE id = ?',
        [jobId],
      );
      const closed = await closeParentIfDone(trx, jobId, { cancel_requested: true, ...counters[0]! });
      if (closed) return { id: jobId, outcome: 'cancelled', status: closed.status, childrenCancelled };
    }
    return { id: jobId, outcome: 'requested', status: job.status, childrenCancelled };
  });
}
