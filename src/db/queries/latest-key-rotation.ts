import type { Knex } from 'knex';
import type { JobStatus } from '../models/job.model.js';

/** A key rotation job as the keys screen shows it. */
export interface KeyRotationJob {
  id: string;
  status: JobStatus;
  requestedBy: string | null;
  /** Credentials to re-seal, re-sealed, not re-sealed. */
  total: number;
  done: number;
  failed: number;
  /** From the job's target: the key it rotates to, and credentials per batch (null for jobs older than this field). */
  keyId: string | null;
  batchSize: number | null;
  errorCode: string | null;
  error: string | null;
  startedAt: Date | null;
  finishedAt: Date | null;
  /** A running job whose lease ran out: its process died; the next rotation takes it over. */
  leaseExpired: boolean;
}

/** The newest key_rotation job, or null when keys were never rotated (one step of jobs_key_rotation_created_idx). */
export async function latestKeyRotation(db: Knex | Knex.Transaction): Promise<KeyRotationJob | null> {
  const { rows } = await db.raw<{ rows: KeyRotationJob[] }>(
    `SELECT id, status, requested_by AS "requestedBy", progress_total AS total, progress_done AS done, progress_failed AS failed,
            target->>'keyId' AS "keyId", (target->>'batchSize')::int AS "batchSize", error_code AS "errorCode", error,
            started_at AS "startedAt", finished_at AS "finishedAt",
            (status = 'running' AND lease_expires_at < now()) AS "leaseExpired"
     FROM jobs WHERE kind = 'key_rotation' ORDER BY created_at DESC, id DESC LIMIT 1`,
  );
  return rows[0] ?? null;
}
