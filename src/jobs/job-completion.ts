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
 * Adds a finished child to its parent's progress counters and, when no child is left queued
 * or running, finishes the parent. Callers have committed or hold the child's new status; the
 * parent row lock taken by the UPDATE serialises siblings, so exactly one of them sees "no
 * child left" and closes it. Parents that are schedule definitions have no counters and never finish.
 */
export async function rollUpIntoParent(trx: Knex.Transaction, parentId: string, childStatus: FinalStatus): Promise<FinishedParent | undefined> {
  const done = childStatus === 'succeeded' || childStatus === 'partially_succeeded' ? 1 : 0;
  const failed = childStatus === 'failed' ? 1 : 0;
  const { rows } = await trx.raw<{ rows: Array<{ status: string; cancel_requested: boolean; progress_total: number }> }>(
    `UPDATE jobs SET progress_done = progress_done + ?, progress_failed = progress_failed + ?
     WHERE id = ? AND schedule IS NULL AND status = 'running'
     RETURNING status, cancel_requested, progress_total`,
    [done, failed, parentId],
  );
  const parent = rows[0];
  if (!parent) return undefined;
  return closeParentIfDone(trx, parentId, parent);
}

/**
 * Finishes a running parent whose children are all finished; undefined while some remain. The
 * final numbers are counted from the children, not taken from the running counters: a child
 * recorded by a worker that died before rolling it up is still counted right.
 */
export async function closeParentIfDone(
  trx: Knex.Transaction,
  parentId: string,
  parent: { cancel_requested: boolean; progress_total: number },
): Promise<FinishedParent | undefined> {
  const { rows } = await trx.raw<{ rows: Array<{ open: number; done: number; failed: number; total: number }> }>(
    `SELECT count(*) FILTER (WHERE status IN ('queued', 'running'))::int AS open,
            count(*) FILTER (WHERE status IN ('succeeded', 'partially_succeeded'))::int AS done,
            count(*) FILTER (WHERE status = 'failed')::int AS failed,
            count(*)::int AS total
     FROM jobs WHERE parent_job_id = ?`,
    [parentId],
  );
  const children = rows[0]!;
  if (children.open > 0) return undefined;
  const total = Math.max(parent.progress_total, children.total);
  const status = sweepStatus({ cancelRequested: parent.cancel_requested, done: children.done, failed: children.failed });
  const error = children.failed > 0 ? `${children.failed} of ${total} devices failed` : null;
  await trx.raw(
    `UPDATE jobs SET status = ?, finished_at = now(), lease_owner = NULL, lease_expires_at = NULL,
            progress_total = ?, progress_done = ?, progress_failed = ?, error_code = ?, error = ?
     WHERE id = ? AND status = 'running'`,
    [status, total, children.done, children.failed, error && status !== 'cancelled' ? 'DEVICES_FAILED' : null, error, parentId],
  );
  await notifyJobStatus(trx, parentId, null, status);
  return { id: parentId, status, total, done: children.done, failed: children.failed };
}

/**
 * For a job whose handler stored its own final status (a device retrieval records its outcome
 * with the device): announces it and rolls it up into its sweep. `attempt` guards against
 * counting a device twice when a worker that lost its lease finishes after the one that took over.
 */
export function rollUpRecorded(db: Knex, jobId: string, attempt: number): Promise<FinishResult | undefined> {
  return inTransaction(db, async (trx) => {
    const { rows } = await trx.raw<{ rows: Array<{ id: string; parent_job_id: string | null; device_id: string | null; status: FinalStatus }> }>(
      `SELECT id, parent_job_id, device_id, status FROM jobs
       WHERE id = ? AND attempts = ? AND status IN ('succeeded', 'partially_succeeded', 'failed', 'cancelled') FOR UPDATE`,
      [jobId, attempt],
    );
    const row = rows[0];
    if (!row) return undefined;
    await notifyJobStatus(trx, row.id, row.parent_job_id, row.status);
    const parentFinished = row.parent_job_id ? await rollUpIntoParent(trx, row.parent_job_id, row.status) : undefined;
    return { id: row.id, parentJobId: row.parent_job_id, deviceId: row.device_id, parentFinished };
  });
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
