import type { Knex } from 'knex';
import type { JobStatus } from '../db/models/job.model.js';
import { inTransaction } from '../db/transactions.js';
import { notifyJobStatus } from './job-channels.js';

export type FinalStatus = Extract<JobStatus, 'succeeded' | 'partially_succeeded' | 'failed' | 'cancelled'>;

export interface FinalOutcome {
  status: FinalStatus;
  progress?: { total: number; done: number; failed: number };
  errorCode?: string | null;
  error?: string | null;
}

/** A parent sweep that its last child just finished. */
export interface FinishedParent {
  id: string;
  status: FinalStatus;
  total: number;
  done: number;
  failed: number;
}

export interface FinishResult {
  id: string;
  parentJobId: string | null;
  deviceId: string | null;
  parentFinished?: FinishedParent;
}

/** The status of a sweep from its children's counters. */
export function sweepStatus(parent: { cancelRequested: boolean; done: number; failed: number }): FinalStatus {
  if (parent.cancelRequested) return 'cancelled';
  if (parent.failed === 0) return 'succeeded';
  return parent.done === 0 ? 'failed' : 'partially_succeeded';
}

/**
 * Adds a finished child to its parent's counters and, when no child is left queued or
 * running, finishes the parent. Callers hold the child's row; the parent row lock taken by
 * the UPDATE serialises siblings, so exactly one of them sees "no child left" and closes it.
 * Parents that are schedule definitions have no counters and never finish.
 */
export async function rollUpIntoParent(trx: Knex.Transaction, parentId: string, childStatus: FinalStatus): Promise<FinishedParent | undefined> {
  const done = childStatus === 'succeeded' || childStatus === 'partially_succeeded' ? 1 : 0;
  const failed = childStatus === 'failed' ? 1 : 0;
  const { rows } = await trx.raw<{ rows: Array<{ status: string; cancel_requested: boolean; progress_total: number; progress_done: number; progress_failed: number }> }>(
    `UPDATE jobs SET progress_done = progress_done + ?, progress_failed = progress_failed + ?
     WHERE id = ? AND schedule IS NULL
     RETURNING status, cancel_requested, progress_total, progress_done, progress_failed`,
    [done, failed, parentId],
  );
  const parent = rows[0];
  if (!parent || parent.status !== 'running') return undefined;
  return closeParentIfDone(trx, parentId, parent);
}

/** Finishes a running parent whose children are all finished; returns it, or undefined while children remain. */
export async function closeParentIfDone(
  trx: Knex.Transaction,
  parentId: string,
  parent: { cancel_requested: boolean; progress_total: number; progress_done: number; progress_failed: number },
): Promise<FinishedParent | undefined> {
  const { rows: open } = await trx.raw<{ rows: Array<{ n: number }> }>(
    "SELECT count(*)::int AS n FROM jobs WHERE parent_job_id = ? AND status IN ('queued', 'running')",
    [parentId],
  );
  if ((open[0]?.n ?? 0) > 0) return undefined;
  const counts = { cancelRequested: parent.cancel_requested, done: parent.progress_done, failed: parent.progress_failed };
  const status = sweepStatus(counts);
  const error = parent.progress_failed > 0 ? `${parent.progress_failed} of ${parent.progress_total} devices failed` : null;
  await trx.raw(
    `UPDATE jobs SET status = ?, finished_at = now(), lease_owner = NULL, lease_expires_at = NULL,
            error_code = ?, error = ?
     WHERE id = ? AND status = 'running'`,
    [status, error && status !== 'cancelled' ? 'DEVICES_FAILED' : null, error, parentId],
  );
  await notifyJobStatus(trx, parentId, null, status);
  return { id: parentId, status, total: parent.progress_total, done: parent.progress_done, failed: parent.progress_failed };
}

/** finishJob inside the caller's transaction (the reaper finishes many in one). */
export async function finishJobIn(trx: Knex.Transaction, jobId: string, owner: string, outcome: FinalOutcome): Promise<FinishResult | undefined> {
  const progress = outcome.progress;
  const { rows } = await trx.raw<{ rows: Array<{ id: string; parent_job_id: string | null; device_id: string | null }> }>(
    `UPDATE jobs SET status = ?, finished_at = now(), lease_owner = NULL, lease_expires_at = NULL,
            error_code = ?, error = ?,
            progress_total = coalesce(?, progress_total), progress_done = coalesce(?, progress_done),
            progress_failed = coalesce(?, progress_failed)
     WHERE id = ? AND lease_owner = ? AND status = 'running'
     RETURNING id, parent_job_id, device_id`,
    [outcome.status, outcome.errorCode ?? null, outcome.error ?? null, progress?.total ?? null, progress?.done ?? null, progress?.failed ?? null, jobId, owner],
  );
  const row = rows[0];
  if (!row) return undefined;
  await notifyJobStatus(trx, row.id, row.parent_job_id, outcome.status);
  const parentFinished = row.parent_job_id ? await rollUpIntoParent(trx, row.parent_job_id, outcome.status) : undefined;
  return { id: row.id, parentJobId: row.parent_job_id, deviceId: row.device_id, parentFinished };
}

/**
 * Stores a job's outcome if `owner` still holds it, and rolls it up into its sweep.
 * Undefined means the lease was lost (another worker took the job over): nothing is written.
 */
export function finishJob(db: Knex, jobId: string, owner: string, outcome: FinalOutcome): Promise<FinishResult | undefined> {
  return inTransaction(db, (trx) => finishJobIn(trx, jobId, owner, outcome));
}

/**
 * Puts a job `owner` holds back in the queue (graceful shutdown, database trouble while
 * running it). The attempt is given back: releasing is not a failure of the job.
 */
export async function releaseJob(db: Knex, jobId: string, owner: string): Promise<boolean> {
  const count = await db('jobs')
    .where({ id: jobId, leaseOwner: owner, status: 'running' })
    .update({ status: 'queued', leaseOwner: null, leaseExpiresAt: null, attempts: db.raw('greatest(attempts - 1, 0)') });
  return count > 0;
}
