import type { Knex } from 'knex';
import { inTransaction } from '../db/transactions.js';
import { isNetRavenError } from '../errors.js';
import { quote } from './credential-input.js';
import { openSecrets, SEALED_FIELDS, type SealedSecrets } from './credential-opening.js';
import { faultPoint } from './fault-points.js';
import type { KeyringSource } from './keyring-source.js';
import type { KeyEntry } from './keyring.js';
import { addJobProgress, logJob } from './rotation-job.js';
import { seal } from './sealing.js';

/** A credential rotation could not re-seal; it keeps its old value (and key). */
export interface RotationFailure {
  id: string;
  name: string;
  code: string;
  message: string;
}

export interface BatchResult {
  /** The last id looked at, for the next batch; null when nothing was left. */
  lastId: string | null;
  resealed: number;
  failures: RotationFailure[];
}

interface Resealed {
  id: string;
  /** The new sealed value of each column of SEALED_FIELDS, in that order (null where the credential has none). */
  values: Array<Buffer | null>;
  oldKeyId: string;
}

// Only the columns the keyrotation role may read. FOR UPDATE keeps an operator's
// concurrent change of the same credential from being overwritten with the old secret.
const SELECT_BATCH = `
  SELECT id, name, secret, enable_secret AS "enableSecret", private_key AS "privateKey", key_passphrase AS "keyPassphrase", key_id AS "keyId"
  FROM credentials
  WHERE key_id <> ? AND (?::uuid IS NULL OR id > ?::uuid)
  ORDER BY id LIMIT ? FOR UPDATE`;

// One statement per batch; key_id = the old key makes it a compare-and-swap per row. Every
// sealed column is written, so no field of a row is left under the old key.
const UPDATE_BATCH = `
  UPDATE credentials AS c SET secret = v.secret, enable_secret = v.enable_secret,
    private_key = v.private_key, key_passphrase = v.key_passphrase, key_id = ?
  FROM unnest(?::uuid[], ?::bytea[], ?::bytea[], ?::bytea[], ?::bytea[], ?::text[])
    AS v(id, secret, enable_secret, private_key, key_passphrase, old_key_id)
  WHERE c.id = v.id AND c.key_id = v.old_key_id`;

function reseal(row: SealedSecrets, keyring: KeyringSource, target: KeyEntry): Resealed {
  const opened = openSecrets(row, keyring);
  const values = SEALED_FIELDS.map(({ field, opened: name }) => {
    const plain = opened[name];
    return plain === null ? null : seal(plain, target, { credentialId: row.id, credentialName: row.name, field });
  });
  return { id: row.id, values, oldKeyId: row.keyId };
}

/**
 * Re-seals the next batch of credentials not yet under `target`, in one transaction with
 * the job's progress: a crash rolls back the whole batch, and each row is updated with
 * its new ciphertext and key id at once, so every row always opens with some key.
 */
export async function resealBatch(knex: Knex, keyring: KeyringSource, target: KeyEntry, jobId: string, after: string | null, limit: number): Promise<BatchResult> {
  return inTransaction(knex, async (trx) => {
    const { rows } = await trx.raw<{ rows: SealedSecrets[] }>(SELECT_BATCH, [target.id, after, after, limit]);
    if (rows.length === 0) return { lastId: null, resealed: 0, failures: [] };
    const done: Resealed[] = [];
    const failures: RotationFailure[] = [];
    for (const row of rows) {
      try {
        done.push(reseal(row, keyring, target));
      } catch (err) {
        if (!isNetRavenError(err)) throw err;
        failures.push({ id: row.id, name: row.name, code: err.code, message: err.message });
      }
    }
    if (done.length > 0) {
      const columns = [done.map((r) => r.id), ...SEALED_FIELDS.map((_, i) => done.map((r) => r.values[i] ?? null)), done.map((r) => r.oldKeyId)];
      // pg turns JS arrays (Buffers included, as \\x hex) into array literals; knex's types do not know.
      await trx.raw(UPDATE_BATCH, [target.id, ...columns] as unknown as Knex.RawBinding[]);
    }
    faultPoint('rotation.mid-batch');
    await addJobProgress(trx, jobId, done.length, failures.length);
    await logJob(trx, jobId, 'info', `re-sealed ${done.length} credentials under key ${target.id}`, { resealed: done.length, failed: failures.length });
    for (const failure of failures) {
      await logJob(trx, jobId, 'error', `credential ${quote(failure.name, 100)} was not re-sealed: ${failure.code}`, { credentialId: failure.id, code: failure.code });
    }
    return { lastId: rows[rows.length - 1]!.id, resealed: done.length, failures };
  });
}
