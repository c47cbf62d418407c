import type { Knex } from 'knex';
import { loadSettings } from '../config/settings-store.js';

/**
 * keys.rotation_batch_size. The netraven_keyrotation role sees only the keyring identity record
 * of system_settings (row-level security), so it gets the setting's default.
 */
export async function rotationBatchSize(knex: Knex): Promise<number> {
  return (await loadSettings(knex))['keys.rotation_batch_size'];
}
