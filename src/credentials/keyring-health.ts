import type { Knex } from 'knex';
import { inReadOnlyTransaction } from '../db/transactions.js';
import { isNetRavenError, NetRavenError } from '../errors.js';
import { openSecrets, type SealedSecrets } from './credential-opening.js';
import { assertKeyringBelongs } from './keyring-identity.js';
import type { KeyringSource } from './keyring-source.js';
import { activeKey } from './keyring.js';

/** Credentials sealed with the active key that the check tries to open; one that opens is enough. */
const SAMPLE = 5;

/** The error codes that say "this process's keyring cannot open credentials" (not one credential's own damage). */
export const KEYRING_FAULT_CODES: ReadonlySet<string> = new Set([
  'KEYRING_MISSING',
  'KEYRING_UNREADABLE',
  'KEYRING_INVALID',
  'KEYRING_INSECURE',
  'KEYRING_FOREIGN',
  'KEY_NOT_FOUND',
  'CIPHERTEXT_INVALID',
]);

/** True for an error that may come from this process's keyring (a check decides whether it does). */
export function mayBeKeyringFault(err: unknown): boolean {
  return isNetRavenError(err) && KEYRING_FAULT_CODES.has(err.code);
}

/**
 * For a process that logs into devices (the daemon): reads the keyring file afresh, checks it
 * holds the database's active key (KEYRING_FOREIGN otherwise), and opens credentials sealed with
 * that key. Up to SAMPLE are tried and one that opens is enough, so one tampered credential does
 * not condemn a good keyring; when every one tried fails, the first failure is thrown
 * (CIPHERTEXT_INVALID: the key has the right id but not the right material). Returns the key id
 * checked. Throws the keyring's own codes (KEYRING_MISSING, _UNREADABLE, _INVALID, _INSECURE).
 */
export async function checkKeyringOpens(knex: Knex, keyring: KeyringSource): Promise<string> {
  const ring = keyring.load();
  const keyId = (await assertKeyringBelongs(knex, keyring, ring)) ?? activeKey(ring).id;
  const rows = await inReadOnlyTransaction(knex, async (trx) => {
    const { rows: sample } = await trx.raw<{ rows: SealedSecrets[] }>(
      `SELECT id, name, secret, enable_secret AS "enableSecret", private_key AS "privateKey", key_passphrase AS "keyPassphrase", key_id AS "keyId"
       FROM credentials WHERE key_id = ? ORDER BY id LIMIT ?`,
      [keyId, SAMPLE],
    );
    return sample;
  });
  let first: unknown;
  for (const row of rows) {
    try {
      openSecrets(row, keyring);
      return keyId;
    } catch (err) {
      first ??= err;
    }
  }
  if (first === undefined) return keyId;
  if (isNetRavenError(first)) {
    throw new NetRavenError(first.code, `keyring ${ring.file} holds key ${keyId} but opens none of the ${rows.length} credentials sealed with it: ${first.message}`, {
      details: { file: ring.file, keyId },
    });
  }
  throw first;
}
