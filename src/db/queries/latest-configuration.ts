import type { Knex } from 'knex';

/**
 * A device's newest stored configuration with its content, or null when it has none: read only
 * when a retrieval brought a changed configuration (the unchanged path reads the hash alone,
 * latest-configuration-hash.ts). Served by device_configurations_device_retrieved_idx.
 */
export async function latestConfiguration(db: Knex | Knex.Transaction, deviceId: string): Promise<{ contentHash: string; content: string } | null> {
  const row = (await db('device_configurations')
    .where({ deviceId })
    .orderBy([{ column: 'retrievedAt', order: 'desc' }, { column: 'id', order: 'desc' }])
    .first('contentHash', 'content')) as { contentHash: string; content: string } | undefined;
  return row ?? null;
}
