import type { Knex } from 'knex';
import { runPrepared, type PreparedStatement } from '../prepared.js';

// Asked once per device per retrieval: the (device_id, retrieved_at DESC) index answers it.
const LATEST_HASH: PreparedStatement = {
  name: 'latest_configuration_hash',
  text: 'SELECT content_hash FROM device_configurations WHERE device_id = $1 ORDER BY retrieved_at DESC, id DESC LIMIT 1',
};

/** The content hash of a device's newest stored configuration, or null when it has none. */
export async function latestConfigurationHash(db: Knex | Knex.Transaction, deviceId: string): Promise<string | null> {
  const rows = await runPrepared<{ content_hash: string }>(db, LATEST_HASH, [deviceId]);
  return rows[0]?.content_hash ?? null;
}
