import type { Knex } from 'knex';
import { inTransaction } from '../db/transactions.js';
import { closeParentIfDone, finishJobIn, type FinishedParent, type FinishResult } from './job-completion.js';

/** A job the reaper gave up on, with what to write in its log. */
export interface ExpiredJob extends FinishResult {
  status: 'failed' | 'cancelled';
  previousOwner: string;
  attempts: number;
  reason: string;
}

/** The error code stored on a job whose workers kept dying. */
export const LEASE_EXPIRED = 'JOB_LEASE_EXPIRED';

/**
 * Ends running jobs whose lease expired and that must not be claimed again: tried
 * jobs.max_attempts times already (failed, with the reason), or cancelled meanwhile.
 * Expired jobs below the limit are left to claimJobs, which retries them. Any worker may
 * run this; SKIP LOCKED keeps two reapers (and claimers) apart.
 */
export function expireJobs(db: Knex, maxAttempts: number, limit = 100): Promise<ExpiredJob[]> {
  return inTransaction(db, async (trx) => {
    const { rows } = await trx.raw<{ rows: Array<{ id: string; lease_owner: string; attempts: number; cancel_requested: boolean }> }>(
      `SELECT id, lease_owner, attempts, cancel_requested FROM jobs
       WHERE status = 'running' AND lease_expires_at < now() AND (attempts >= ? OR cancel_requested)
       ORDER BY lease_expires_at LIMIT ? FOR UPDATE SKIP LOCKED`,
      [maxAttempts, limit],
    );
    const expired: ExpiredJob[] = [];
    for (const row of rows) {
      const cancelled = row.cancel_requested;
      const reason = cancelled
        ? `cancelled: its worker ${row.lease_owner} stopped renewing the lease`
        : `given up after ${row.attempts} attempts: the worker running it (last ${row.lease_owner}) stopped renewing its lease each time (jobs.max_attempts = ${maxAttempts})`;
      const status = cancelled ? 'cancelled' : 'failed';
      const result = await finishJobIn(trx, row.id, row.lease_owner, { status, errorCode: cancelled ? null : LEASE_EXPIRED, error: cancelled ? null : reason });
      if (result) expired.push({ ...result, status, previousOwner: row.lease_owner, attempts: row.attempts, reason });
    }
    return expired;
  });
}

/**
 * Closes sweeps whose device jobs are all finished but which nobody closed: the worker that
 * recorded the last device died before rolling it up. Without this such a sweep would stay
 * running forever (it has no lease to expire).
 */
export function closeOrphanedSweeps(db: Knex, limit = 20): Promise<FinishedParent[]> {
  return inTransaction(db, async (trx) => {
    const { rows } = await trx.raw<{ rows: Array<{ id: string; cancel_requested: boolean; progress_total: number }> }>(
      `SELECT p.id, p.cancel_requested, p.progress_total FROM jobs p
       WHERE p.status = 'running' AND p.lease_owner IS NULL AND p.schedule IS NULL
         AND p.updated_at < now() - interval '5 seconds'
         AND EXISTS (SELECT 1 FROM jobs c WHERE c.parent_job_id = p.id)
         AND NOT EXISTS (SELECT 1 FROM jobs c WHERE c.parent_job_id = p.id AND c.status IN ('queued', 'running'))
       LIMIT ? FOR UPDATE SKIP LOCKED`,
      [limit],
    );
    const closed: FinishedParent[] = [];
    for (const row of rows) {
      const parent = await closeParentIfDone(trx, row.id, row);
      if (parent) closed.push(parent);
    }
    return closed;
  });
}
