import type { Knex } from 'knex';
import { runPrepared, type PreparedStatement } from '../prepared.js';

export interface ClaimedJob {
  id: string;
  kind: string;
  parentJobId: string | null;
  deviceId: string | null;
  target: Record<string, unknown>;
  attempts: number;
  /** The worker that held the lease before, when this claim took over an expired one. */
  previousOwner: string | null;
}

// SKIP LOCKED lets every worker take different rows without waiting on each other; the
// lease (owner + expiry) is what lets another worker reclaim the row if this one dies.
// Schedule definitions (schedule IS NOT NULL) are never claimed, only the jobs they fire.
//
// A running job whose lease ran out belongs to a worker that died (or lost the database for
// longer than the lease): it is claimable again while attempts < $5 (jobs.max_attempts).
// Past that limit the reaper fails it with the reason instead (see expire-jobs.ts). A job
// whose cancellation was requested is never claimed again: the reaper cancels it.
// A sweep that has handed its devices to child jobs is running without a lease
// (lease_expires_at NULL): it is finished by its last child, never reclaimed.
const CLAIM_JOBS: PreparedStatement = {
  name: 'claim_jobs',
  text: `WITH next AS (
           SELECT id, lease_owner AS previous_owner FROM jobs
           WHERE schedule IS NULL AND kind = ANY($2::text[]) AND NOT cancel_requested
             AND ((status = 'queued' AND run_at <= now())
               OR (status = 'running' AND lease_expires_at < now() AND attempts < $5))
           ORDER BY run_at, created_at
           LIMIT $3
           FOR UPDATE SKIP LOCKED
         )
         UPDATE jobs AS j
         SET status = 'running', lease_owner = $1, lease_expires_at = now() + make_interval(secs => $4),
             started_at = coalesce(j.started_at, now()), attempts = j.attempts + 1
         FROM next WHERE j.id = next.id
         RETURNING j.id, j.kind, j.parent_job_id AS "parentJobId", j.device_id AS "deviceId", j.target, j.attempts,
                   next.previous_owner AS "previousOwner"`,
};

/**
 * Claims up to `limit` jobs of the given kinds for `owner`, leased for `leaseSeconds`: queued
 * ones, and running ones whose lease expired with fewer than `maxAttempts` attempts so far.
 */
export function claimJobs(
  db: Knex | Knex.Transaction,
  owner: string,
  kinds: readonly string[],
  limit: number,
  leaseSeconds: number,
  maxAttempts = 3,
): Promise<ClaimedJob[]> {
  return runPrepared<ClaimedJob>(db, CLAIM_JOBS, [owner, kinds, limit, leaseSeconds, maxAttempts]);
}
