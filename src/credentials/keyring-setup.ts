import fs from 'node:fs';
import type { Knex } from 'knex';
import { inTransaction } from '../db/transactions.js';
import { NetRavenError } from '../errors.js';
import { createFileAtomic } from './atomic-file.js';
import { bindKeyring, recordActiveKey } from './keyring-identity.js';
import { lockKeyringShared } from './keyring-lock.js';
import { serialiseKeyring } from './keyring-file.js';
import type { KeyringSource } from './keyring-source.js';
import { generateKey } from './keyring.js';

export interface KeyringSetup {
  created: boolean;
  file: string;
  activeKeyId: string;
}

async function sealedCredentials(knex: Knex): Promise<number> {
  const { rows } = await knex.raw<{ rows: Array<{ n: number }> }>(
    "SELECT CASE WHEN to_regclass('public.credentials') IS NULL THEN 0 ELSE (SELECT count(*)::int FROM credentials) END AS n",
  );
  return rows[0]?.n ?? 0;
}

/**
 * Creates the keyring with one active key when it is missing (`db init`, `start`), or
 * checks the existing one. A missing keyring is not replaced by a new one while the
 * database holds credentials: a new key could not open them, the backup is needed. The
 * database records the keyring's active key as its own (a new keyring replaces the record of
 * an unused one); an existing keyring that does not hold the database's key is KEYRING_FOREIGN.
 */
export async function ensureKeyring(knex: Knex, keyring: KeyringSource): Promise<KeyringSetup> {
  if (!fs.existsSync(keyring.file)) {
    const count = await sealedCredentials(knex);
    if (count > 0) {
      throw new NetRavenError('KEYRING_MISSING', `keyring ${keyring.file} does not exist but the database holds ${count} sealed credentials: restore the keyring from your backup (or set NETRAVEN_KEY_FILE to it); a new keyring could not open them`, {
        details: { file: keyring.file },
      });
    }
    const key = generateKey();
    if (createFileAtomic(keyring.file, serialiseKeyring({ file: keyring.file, keys: [key] }))) {
      await recordActiveKey(knex, key.id, 'retired');
      return { created: true, file: keyring.file, activeKeyId: key.id };
    }
  }
  const key = await inTransaction(knex, async (trx) => {
    await lockKeyringShared(trx);
    return bindKeyring(trx, keyring);
  });
  return { created: false, file: keyring.file, activeKeyId: key.id };
}
