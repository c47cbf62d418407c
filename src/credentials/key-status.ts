import type { Knex } from 'knex';
import { credentialsPerKey } from './credential-queries.js';
import { databaseActiveKeyId } from './keyring-identity.js';
import type { KeyringSource } from './keyring-source.js';
import { activeKey, type KeyState } from './keyring.js';

export interface KeyStatus {
  file: string;
  activeKeyId: string;
  keys: Array<{ id: string; state: KeyState; createdAt: string; credentials: number }>;
  /** Key ids credentials are sealed with that the keyring does not hold: those credentials cannot be opened. */
  missingKeys: Array<{ id: string; credentials: number }>;
  /** The key the database records as its active one (null before anything was sealed); not in `keys` means a foreign keyring. */
  databaseActiveKeyId: string | null;
}

/**
 * The keyring's keys with the number of credentials each seals (no key material), and the
 * database's active key. It only reports (a foreign keyring is shown, not refused), so it can
 * diagnose a wrong NETRAVEN_KEY_FILE.
 */
export async function keyStatus(knex: Knex, keyring: KeyringSource): Promise<KeyStatus> {
  const ring = keyring.load();
  const counts = await credentialsPerKey(knex);
  const databaseKey = await databaseActiveKeyId(knex);
  const known = new Set(ring.keys.map((key) => key.id));
  return {
    file: ring.file,
    activeKeyId: activeKey(ring).id,
    keys: ring.keys.map((key) => ({ id: key.id, state: key.state, createdAt: key.createdAt, credentials: counts.get(key.id) ?? 0 })),
    missingKeys: [...counts].filter(([id]) => !known.has(id)).map(([id, credentials]) => ({ id, credentials })),
    databaseActiveKeyId: databaseKey,
  };
}
