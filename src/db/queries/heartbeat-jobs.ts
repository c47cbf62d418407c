import type { Knex } from 'knex';
import { runPrepared, type PreparedStatement } from '../prepared.js';

export interface HeartbeatRow {
  id: string;
  cancelRequested: boolean;
}

// Runs every lease/3 seconds for every job a worker holds, so it is prepared once per
// connection. Only rows still leased to this owner are extended: a job missing from the
// answer was taken over by another worker (our lease had expired) and must be abandoned.
// The answer also carries cancel_requested, so cancellation reaches a worker without a
// query of its own. An expired lease nobody took over yet is extended too: after a database
// outage the worker simply carries on with its claimed work.
const HEARTBEAT_JOBS: PreparedStatement = {
  name: 'heartbeat_jobs',
  text: `UPDATE jobs SET lease_expires_at = now() + make_interval(secs => $3)
         WHERE id = ANY($1::uuid[]) AND lease_owner = $2 AND status = 'running'
         RETURNING id, cancel_requested AS "cancelRequested"`,
};

/** Extends the lease of the given jobs held by `owner`; returns those still held, with their cancel flag. */
export async function heartbeatJobs(db: Knex, owner: string, jobIds: readonly string[], leaseSeconds: number): Promise<HeartbeatRow[]> {
  if (jobIds.length === 0) return [];
  return runPrepared<HeartbeatRow>(db, HEARTBEAT_JOBS, [jobIds, owner, leaseSeconds]);
}
