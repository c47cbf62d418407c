import type { Knex } from 'knex';
import { NetRavenError } from '../errors.js';
import type { KeyringSource } from './keyring-source.js';
import { activeKey, findKey, type KeyEntry, type Keyring } from './keyring.js';

type Db = Knex | Knex.Transaction;

/**
 * How a database and a keyring recognise each other: `sealing_keys` records the id of every
 * key the database's credentials were sealed with, one of them active. A keyring that does not
 * hold the active one belongs to another installation (or is a backup from before a rotation):
 * sealing with it would split the credentials across two unrelated keyrings, and a rotation
 * would retire keys the database still needs.
 */

/** The id of the key this database seals with, or null when it has recorded none yet. */
export async function databaseActiveKeyId(db: Db): Promise<string | null> {
  const { rows } = await db.raw<{ rows: Array<{ key_id: string }> }>("SELECT key_id FROM sealing_keys WHERE state = 'active'");
  return rows[0]?.key_id ?? null;
}

// A database that never recorded a key (created before anything was sealed through this
// code path): the keys its credentials name stand for it. The key_id index answers this.
async function keyIdsInUse(db: Db): Promise<string[]> {
  const { rows } = await db.raw<{ rows: Array<{ key_id: string }> }>('SELECT DISTINCT key_id FROM credentials ORDER BY key_id');
  return rows.map((row) => row.key_id);
}

function foreign(keyring: Keyring, databaseKeyId: string): NetRavenError {
  const held = activeKey(keyring).id;
  return new NetRavenError(
    'KEYRING_FOREIGN',
    `keyring ${keyring.file} (active key ${held}) does not hold this database's active key ${databaseKeyId}: it belongs to another installation or predates a key rotation; set NETRAVEN_KEY_FILE to the keyring that holds ${databaseKeyId} (nothing was changed)`,
    { details: { file: keyring.file, keyringKeyId: held, databaseKeyId } },
  );
}

/**
 * Checks, changing nothing, that the keyring holds the database's active key (or, when none
 * is recorded, at least one key its credentials are sealed with). Throws KEYRING_FOREIGN naming
 * both key ids; returns the database's active key id (null when the database is unbound).
 */
export async function assertKeyringBelongs(db: Db, keyring: KeyringSource, ring: Keyring = keyring.load()): Promise<string | null> {
  const recorded = await databaseActiveKeyId(db);
  if (recorded !== null) {
    if (findKey(ring, recorded) === undefined) throw foreign(ring, recorded);
    return recorded;
  }
  const used = await keyIdsInUse(db);
  if (used.length > 0 && !used.some((id) => findKey(ring, id) !== undefined)) throw foreign(ring, used[0]!);
  return null;
}

/**
 * For a transaction that seals (it holds the shared keyring lock): checks the keyring belongs
 * to the database and, when the database has recorded no key yet, records the keyring's active
 * key as its own. Returns the key to seal with.
 */
export async function bindKeyring(trx: Knex.Transaction, keyring: KeyringSource): Promise<KeyEntry> {
  const ring = keyring.load();
  const key = activeKey(ring);
  if ((await assertKeyringBelongs(trx, keyring, ring)) !== null) return key;
  // Two first sealers with different keyrings: the partial unique index on the active row lets
  // only one insert (the other's savepoint rolls back); the loser sees the winner's key and is
  // refused if its keyring lacks it.
  await trx
    .transaction((savepoint) => recordActiveKey(savepoint, key.id, 'retired'))
    .catch((err: unknown) => {
      if ((err as { code?: string }).code !== '23505') throw err;
    });
  await assertKeyringBelongs(trx, keyring, ring);
  return key;
}

/**
 * Records `keyId` as the database's active key, the previous active one as `previousState`
 * ('retiring' during a rotation, 'retired' when a new keyring replaced an unused one).
 */
export async function recordActiveKey(db: Db, keyId: string, previousState: 'retiring' | 'retired'): Promise<void> {
  await db.raw("UPDATE sealing_keys SET state = ? WHERE state = 'active' AND key_id <> ?", [previousState, keyId]);
  await db.raw("INSERT INTO sealing_keys (key_id, state) VALUES (?, 'active') ON CONFLICT (key_id) DO UPDATE SET state = 'active'", [keyId]);
}

/** Marks keys removed from the keyring by a rotation as retired (their ids stay: the database used them). */
export async function recordRetiredKeys(db: Db, keyIds: readonly string[]): Promise<void> {
  if (keyIds.length === 0) return;
  await db.raw("UPDATE sealing_keys SET state = 'retired' WHERE key_id = ANY(?::text[]) AND state <> 'active'", [[...keyIds]]);
}
