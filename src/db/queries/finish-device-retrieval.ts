import type { Knex } from 'knex';
import { runPrepared, type PreparedStatement } from '../prepared.js';

export interface DeviceRetrievalFinish {
  deviceId: string;
  jobId: string;
  status: 'changed' | 'unchanged' | 'failed';
  startedAt: Date;
  finishedAt: Date;
  errorCode: string | null;
  error: string | null;
  /** Facts the driver parsed; a missing one keeps the stored value. */
  facts: { vendor?: string; model?: string; osVersion?: string; serial?: string };
  /** Host key seen; stored only when the device has none yet (trust on first use). */
  seenFingerprint: string | null;
  /**
   * The key a device presented instead of its trusted one (HOST_KEY_MISMATCH): kept until it is
   * accepted, or until a retrieval succeeds (the trusted key was presented again). A failure
   * for another reason keeps the one already noted.
   */
  presentedFingerprint?: string | null;
  /** Driver detected for a device_type 'auto' device: stored only while the device is still 'auto'. */
  detectedDriver?: string | null;
}

// Once per device per retrieval: the device's status, facts and first-use host key, and its child
// job's outcome, in one round trip (data-modifying CTEs) instead of two updates in a transaction.
const FINISH: PreparedStatement = {
  name: 'finish_device_retrieval',
  text: `WITH device AS (
           UPDATE devices SET last_retrieval_at = $3, last_retrieval_status = $5, last_retrieval_error_code = $6, last_retrieval_error = $7,
             vendor = coalesce($8, vendor), model = coalesce($9, model), os_version = coalesce($10, os_version), serial = coalesce($11, serial),
             host_key_fingerprint = coalesce(host_key_fingerprint, $12),
             presented_host_key_fingerprint = CASE WHEN $5 = 'failed' THEN coalesce($13, presented_host_key_fingerprint) END,
             device_type = CASE WHEN device_type = 'auto' AND $14::text IS NOT NULL THEN $14::text ELSE device_type END
           WHERE id = $1 RETURNING id
         ), job AS (
           UPDATE jobs SET status = CASE WHEN $5 = 'failed' THEN 'failed' ELSE 'succeeded' END, run_at = $4, started_at = $4, finished_at = $3,
             error_code = $6, error = $7, progress_total = 1, progress_done = 1, progress_failed = CASE WHEN $5 = 'failed' THEN 1 ELSE 0 END,
             lease_owner = NULL, lease_expires_at = NULL
           WHERE id = $2 RETURNING id
         )
         SELECT (SELECT count(*) FROM device)::int AS devices`,
};

/** Records a device's retrieval outcome on the device and its child job; false when the device no longer exists. */
export async function finishDeviceRetrieval(db: Knex | Knex.Transaction, finish: DeviceRetrievalFinish): Promise<boolean> {
  const rows = await runPrepared<{ devices: number }>(db, FINISH, [
    finish.deviceId,
    finish.jobId,
    finish.finishedAt,
    finish.startedAt,
    finish.status,
    finish.errorCode,
    finish.error,
    finish.facts.vendor ?? null,
    finish.facts.model ?? null,
    finish.facts.osVersion ?? null,
    finish.facts.serial ?? null,
    finish.seenFingerprint,
    finish.presentedFingerprint ?? null,
    finish.detectedDriver ?? null,
  ]);
  return rows[0]?.devices === 1;
}
