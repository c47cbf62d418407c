import type { Knex } from 'knex';
import { loadSettings } from '../config/settings-store.js';
import { SETTINGS } from '../config/settings.js';

/**
 * keys.rotation_batch_size, or its default for a role that may not read system_settings
 * (netraven_keyrotation): asking first avoids a permission error in the server log.
 */
export async function rotationBatchSize(knex: Knex): Promise<number> {
  const { rows } = await knex.raw<{ rows: Array<{ readable: boolean }> }>("SELECT has_table_privilege('system_settings', 'SELECT') AS readable");
  if (!rows[0]?.readable) return SETTINGS['keys.rotation_batch_size'].default;
  return (await loadSettings(knex))['keys.rotation_batch_size'];
}
