import type { Knex } from 'knex';
import { inReadOnlyTransaction } from '../db/transactions.js';
import { isNetRavenError } from '../errors.js';
import { openSecrets, type SealedSecrets } from './credential-opening.js';
import { assertKeyringBelongs } from './keyring-identity.js';
import type { KeyringSource } from './keyring-source.js';
import type { RotationFailure } from './rotation-batch.js';

export interface VerifyResult {
  total: number;
  failures: RotationFailure[];
}

const PAGE = 1000;

/**
 * Opens every sealed field of every credential (password, enable secret, private key and its
 * passphrase) with the keyring, dropping the plaintext at once; lists those that do not open, by
 * name. A keyring that does not hold the database's active key is refused first (KEYRING_FOREIGN).
 */
export async function verifyCredentials(knex: Knex, keyring: KeyringSource): Promise<VerifyResult> {
  await assertKeyringBelongs(knex, keyring, keyring.load());
  const result: VerifyResult = { total: 0, failures: [] };
  for (let after: string | null = null; ; ) {
    const rows: SealedSecrets[] = await inReadOnlyTransaction(knex, async (trx) => {
      const { rows: page } = await trx.raw<{ rows: SealedSecrets[] }>(
        `SELECT id, name, secret, enable_secret AS "enableSecret", private_key AS "privateKey", key_passphrase AS "keyPassphrase", key_id AS "keyId"
         FROM credentials
         WHERE ?::uuid IS NULL OR id > ?::uuid ORDER BY id LIMIT ?`,
        [after, after, PAGE],
      );
      return page;
    });
    if (rows.length === 0) {
      result.failures.sort((a, b) => a.name.localeCompare(b.name));
      return result;
    }
    for (const row of rows) {
      result.total += 1;
      try {
        openSecrets(row, keyring);
      } catch (err) {
        if (!isNetRavenError(err)) throw err;
        result.failures.push({ id: row.id, name: row.name, code: err.code, message: err.message });
      }
    }
    after = rows[rows.length - 1]!.id;
  }
}
