import type { Knex } from 'knex';
import { runPrepared, type PreparedStatement } from '../prepared.js';

export interface ClaimedJob {
  id: string;
  kind: string;
  parentJobId: string | null;
  deviceId: string | null;
  target: Record<string, unknown>;
  attempts: number;
}

// SKIP LOCKED lets every worker take different rows without waiting on each other; the
// lease (owner + expiry) is what lets another worker reclaim the row if this one dies.
// Schedule definitions (schedule IS NOT NULL) are never claimed, only the jobs they fire.
const CLAIM_JOBS: PreparedStatement = {
  name: 'claim_jobs',
  text: `WITH next AS (
           SELECT id FROM jobs
           WHERE status = 'queued' AND schedule IS NULL AND run_at <= now() AND kind = ANY($2::text[])
           ORDER BY run_at, created_at
           LIMIT $3
           FOR UPDATE SKIP LOCKED
         )
         UPDATE jobs AS j
         SET status = 'running', lease_owner = $1, lease_expires_at = now() + make_interval(secs => $4),
             started_at = coalesce(j.started_at, now()), attempts = j.attempts + 1
         FROM next WHERE j.id = next.id
         RETURNING j.id, j.kind, j.parent_job_id AS "parentJobId", j.device_id AS "deviceId", j.target, j.attempts`,
};

/** Claims up to `limit` queued jobs of the given kinds for `owner`, leased for `leaseSeconds`. */
export function claimJobs(db: Knex | Knex.Transaction, owner: string, kinds: readonly string[], limit: number, leaseSeconds: number): Promise<ClaimedJob[]> {
  return runPrepared<ClaimedJob>(db, CLAIM_JOBS, [owner, kinds, limit, leaseSeconds]);
}
