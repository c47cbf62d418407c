import type { Knex } from 'knex';
import { z } from 'zod';
import { INTERNAL_KEY_PREFIX } from '../config/settings.js';
import { NetRavenError } from '../errors.js';
import type { KeyringSource } from './keyring-source.js';
import { activeKey, findKey, KEY_ID_PATTERN, type KeyEntry, type Keyring } from './keyring.js';

type Db = Knex | Knex.Transaction;

/**
 * How a database and a keyring recognise each other: the system_settings row
 * `internal.sealing_keys` records the id of every key the database's credentials were sealed
 * with, one of them active. A keyring that does not hold the active one belongs to another
 * installation (or is a backup from before a rotation): sealing with it would split the
 * credentials across two unrelated keyrings, and a rotation would retire keys the database
 * still needs. The row is internal: no settings command shows or accepts it, and changing it
 * wakes no daemon (the settings NOTIFY trigger skips internal rows).
 */
export const SEALING_KEYS_ROW = `${INTERNAL_KEY_PREFIX}sealing_keys`;

const DESCRIPTION = "NetRaven's own record, not a setting: ids of the keyring keys this database's credentials were sealed with (docs/architecture.md, Keyring identity)";

/** The states a key goes through in this database: the active one seals, the others did. */
export type SealingKeyState = 'active' | 'retiring' | 'retired';

/** One key id the database has sealed with (never the key itself); `recordedAt` is ISO 8601. */
export interface SealingKey {
  id: string;
  state: SealingKeyState;
  recordedAt: string;
}

// The stored form (snake_case like the keyring file). The table's CHECK enforces one active key,
// known states and key id shapes; this parse turns a hand-edited row into a clear error.
const storedRecord = z.object({
  keys: z.array(z.object({ id: z.string().regex(KEY_ID_PATTERN), state: z.enum(['active', 'retiring', 'retired']), recorded_at: z.string() })),
});

function damaged(): NetRavenError {
  return new NetRavenError(
    'INTERNAL',
    `the keyring identity record (system_settings row ${SEALING_KEYS_ROW}) is not in NetRaven's form: restore it from a database backup, or delete the row as the database owner (the database is then known by the key ids its credentials use, and the next seal records the keyring again)`,
  );
}

/**
 * The keys this database recorded, in the order they were first recorded; empty when it has
 * recorded none yet. `forUpdate` locks the row until the transaction ends (writers).
 */
export async function readSealingKeys(db: Db, options: { forUpdate?: boolean } = {}): Promise<SealingKey[]> {
  const lock = options.forUpdate === true ? ' FOR UPDATE' : '';
  const { rows } = await db.raw<{ rows: Array<{ value: unknown }> }>(`SELECT value FROM system_settings WHERE key = ?${lock}`, [SEALING_KEYS_ROW]);
  if (rows[0] === undefined) return [];
  const parsed = storedRecord.safeParse(rows[0].value);
  if (!parsed.success) throw damaged();
  return parsed.data.keys.map((key) => ({ id: key.id, state: key.state, recordedAt: key.recorded_at }));
}

function stored(keys: readonly SealingKey[]): string {
  return JSON.stringify({ keys: keys.map((key) => ({ id: key.id, state: key.state, recorded_at: key.recordedAt })) });
}

/** Inserts the record unless one exists (then does nothing, after waiting for an uncommitted insert of it). True when this call inserted it. */
async function insertRecord(db: Db, keys: readonly SealingKey[]): Promise<boolean> {
  const { rows } = await db.raw<{ rows: unknown[] }>('INSERT INTO system_settings (key, value, description) VALUES (?, ?, ?) ON CONFLICT (key) DO NOTHING RETURNING key', [
    SEALING_KEYS_ROW,
    stored(keys),
    DESCRIPTION,
  ]);
  return rows.length > 0;
}

/**
 * Read-modify-write of the record under its row lock, so two writers never lose each other's
 * change. `change` gets the recorded keys (empty when none are) and returns the new list.
 */
async function changeRecord(db: Db, change: (keys: SealingKey[]) => SealingKey[]): Promise<void> {
  await db.transaction(async (trx) => {
    // No record yet: this is it. When another transaction inserted it first, the INSERT waits
    // for that one, does nothing, and the row is then locked and changed below.
    const initial = change([]);
    if (initial.length > 0 && (await insertRecord(trx, initial))) return;
    const current = await readSealingKeys(trx, { forUpdate: true });
    if (current.length === 0) return;
    await trx.raw('UPDATE system_settings SET value = ? WHERE key = ?', [stored(change(current)), SEALING_KEYS_ROW]);
  });
}

/** The id of the key this database seals with, or null when it has recorded none yet. */
export async function databaseActiveKeyId(db: Db): Promise<string | null> {
  return (await readSealingKeys(db)).find((key) => key.state === 'active')?.id ?? null;
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
  // Two first sealers with different keyrings: the row's primary key lets only one insert; the
  // other's INSERT waits for it to commit and does nothing, and the check after it (a new
  // statement, so it sees the winner's row) refuses a keyring that lacks the winner's key.
  await insertRecord(trx, [{ id: key.id, state: 'active', recordedAt: new Date().toISOString() }]);
  await assertKeyringBelongs(trx, keyring, ring);
  return key;
}

/**
 * Records `keyId` as the database's active key, the previous active one as `previousState`
 * ('retiring' during a rotation, 'retired' when a new keyring replaced an unused one).
 */
export async function recordActiveKey(db: Db, keyId: string, previousState: 'retiring' | 'retired'): Promise<void> {
  await changeRecord(db, (keys) => {
    const next = keys.map((key): SealingKey => (key.id === keyId ? { ...key, state: 'active' } : key.state === 'active' ? { ...key, state: previousState } : key));
    if (!next.some((key) => key.id === keyId)) next.push({ id: keyId, state: 'active', recordedAt: new Date().toISOString() });
    return next;
  });
}

/** Marks keys removed from the keyring by a rotation as retired (their ids stay: the database used them). */
export async function recordRetiredKeys(db: Db, keyIds: readonly string[]): Promise<void> {
  if (keyIds.length === 0) return;
  await changeRecord(db, (keys) => keys.map((key): SealingKey => (keyIds.includes(key.id) && key.state !== 'active' ? { ...key, state: 'retired' } : key)));
}
