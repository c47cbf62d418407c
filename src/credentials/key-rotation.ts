import { randomUUID } from 'node:crypto';
import type { Knex } from 'knex';
import type { JobStatus } from '../db/models/index.js';
import { inTransaction } from '../db/transactions.js';
import { NetRavenError, isNetRavenError } from '../errors.js';
import { faultPoint } from './fault-points.js';
import { assertKeyringBelongs, recordActiveKey, recordRetiredKeys } from './keyring-identity.js';
import { lockKeyringExclusive, tryLockRotation } from './keyring-lock.js';
import type { KeyringSource } from './keyring-source.js';
import { activeKey, generateKey, retiringKeys, withActiveKey, withoutKeys, type KeyEntry } from './keyring.js';
import { resealBatch, type RotationFailure } from './rotation-batch.js';
import { rotationBatchSize } from './rotation-batch-size.js';
import { failInterruptedJobs, finishJob, logJob, setJobTotal, startJob } from './rotation-job.js';

export interface RotationProgress {
  jobId: string;
  keyId: string;
  /** Credentials to re-seal, re-sealed, and not re-sealed (they keep their old value). */
  total: number;
  done: number;
  failed: number;
  /** Credentials per batch (one transaction each), and batches done. */
  batchSize: number;
  batches: number;
}

export interface RotationOptions {
  /** The app's or the keyrotation role's connection. */
  knex: Knex;
  /** Must be writable: rotation adds and removes keys. */
  keyring: KeyringSource;
  /** Credentials per transaction; default keys.rotation_batch_size (or its default when settings are not readable). */
  batchSize?: number;
  requestedBy?: string;
  onProgress?: (progress: RotationProgress) => void;
}

export interface RotationResult {
  jobId: string;
  /** The key every credential is now sealed with. */
  keyId: string;
  /** True when this run finished an interrupted rotation instead of making a new key. */
  resumed: boolean;
  total: number;
  resealed: number;
  failures: RotationFailure[];
  retiredKeyIds: string[];
  /** Retiring keys still used by some credential (those that failed). */
  remainingKeyIds: string[];
  status: Extract<JobStatus, 'succeeded' | 'partially_succeeded'>;
}

/**
 * Step 1: the new key becomes active, the old one retiring, in one atomic keyring write; the
 * database records the new key in the same transaction, written before the file and committed
 * after it. A crash in between leaves a keyring with the new key and the old one (retiring)
 * and a database still naming the old one: the keyring still belongs, and the next run resumes.
 */
async function installKey(knex: Knex, keyring: KeyringSource, key: KeyEntry): Promise<void> {
  await inTransaction(knex, async (trx) => {
    await lockKeyringExclusive(trx);
    await recordActiveKey(trx, key.id, 'retiring');
    keyring.save(withActiveKey(keyring.load(), key));
  });
  faultPoint('rotation.after-keyring-write');
}

/** Step 3: drops retiring keys no row uses, counted under the lock every sealer takes. */
async function retireUnusedKeys(knex: Knex, keyring: KeyringSource): Promise<{ retired: string[]; remaining: string[] }> {
  return inTransaction(knex, async (trx) => {
    await lockKeyringExclusive(trx);
    const { rows } = await trx.raw<{ rows: Array<{ key_id: string }> }>('SELECT DISTINCT key_id FROM credentials');
    const used = new Set(rows.map((row) => row.key_id));
    const current = keyring.load();
    const retiring = retiringKeys(current).map((key) => key.id);
    const retired = retiring.filter((id) => !used.has(id));
    if (retired.length > 0) {
      await recordRetiredKeys(trx, retired);
      keyring.save(withoutKeys(current, retired));
    }
    return { retired, remaining: retiring.filter((id) => used.has(id)) };
  });
}

async function countToReseal(knex: Knex, keyId: string): Promise<number> {
  const { rows } = await knex.raw<{ rows: Array<{ n: number }> }>('SELECT count(*)::int AS n FROM credentials WHERE key_id <> ?', [keyId]);
  return rows[0]?.n ?? 0;
}

/**
 * Rotates the keyring: a new active key, every credential re-sealed under it in batches,
 * then the old keys removed once no row uses them. Safe to kill at any point; running it
 * again after an interruption finishes that rotation (no second new key). A keyring that does
 * not hold the database's active key is refused before anything changes (KEYRING_FOREIGN).
 */
export async function rotateKeys(options: RotationOptions): Promise<RotationResult> {
  const { knex, keyring } = options;
  keyring.load();
  keyring.assertWritable();
  const lock = await tryLockRotation(knex);
  if (!lock) throw new NetRavenError('ROTATION_IN_PROGRESS', 'another key rotation is running on this database: wait for it to finish (see its key_rotation job)');
  const jobId = randomUUID();
  let started = false;
  try {
    const batchSize = options.batchSize ?? (await rotationBatchSize(knex));
    const before = keyring.load();
    // Before anything is written (no job, no new key): a keyring of another installation must
    // not get a new key while this database's credentials stay under keys it does not hold.
    await assertKeyringBelongs(knex, keyring, before);
    const resumed = retiringKeys(before).length > 0;
    const key = resumed ? activeKey(before) : generateKey();
    const fromKeyIds = before.keys.filter((k) => k.id !== key.id).map((k) => k.id);
    const interrupted = await failInterruptedJobs(knex, jobId);
    await startJob(knex, jobId, { keyId: key.id, fromKeyIds, resumed, interruptedJobIds: interrupted, batchSize }, options.requestedBy ?? null);
    started = true;
    if (resumed) await recordActiveKey(knex, key.id, 'retiring');
    else await installKey(knex, keyring, key);
    await logJob(knex, jobId, 'info', resumed ? `resuming the rotation to key ${key.id}` : `new active key ${key.id}; retiring ${fromKeyIds.join(', ')}`, { keyId: key.id, fromKeyIds });

    const progress: RotationProgress = { jobId, keyId: key.id, total: await countToReseal(knex, key.id), done: 0, failed: 0, batchSize, batches: 0 };
    await setJobTotal(knex, jobId, progress.total);
    options.onProgress?.({ ...progress });
    const failures: RotationFailure[] = [];
    for (let after: string | null = null; ; ) {
      const batch = await resealBatch(knex, keyring, key, jobId, after, batchSize);
      if (batch.lastId === null) break;
      after = batch.lastId;
      failures.push(...batch.failures);
      progress.done += batch.resealed;
      progress.failed += batch.failures.length;
      progress.batches += 1;
      faultPoint('rotation.after-batch');
      options.onProgress?.({ ...progress });
    }

    faultPoint('rotation.before-retire');
    const { retired, remaining } = await retireUnusedKeys(knex, keyring);
    const status = failures.length === 0 && remaining.length === 0 ? 'succeeded' : 'partially_succeeded';
    const summary = `re-sealed ${progress.done} of ${progress.total} credentials; retired ${retired.join(', ') || 'no key'}${remaining.length ? `; still in use: ${remaining.join(', ')}` : ''}`;
    await logJob(knex, jobId, status === 'succeeded' ? 'info' : 'warn', summary, { retired, remaining, failed: failures.length });
    await finishJob(knex, jobId, status, status === 'succeeded' ? undefined : { code: 'ROTATION_INCOMPLETE', message: summary });
    return { jobId, keyId: key.id, resumed, total: progress.total, resealed: progress.done, failures, retiredKeyIds: retired, remainingKeyIds: remaining, status };
  } catch (err) {
    if (started) {
      const code = isNetRavenError(err) ? err.code : 'INTERNAL';
      await finishJob(knex, jobId, 'failed', { code, message: (err as Error).message }).catch(() => undefined);
    }
    throw err;
  } finally {
    await lock.release();
  }
}
