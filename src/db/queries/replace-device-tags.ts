import type { Knex } from 'knex';
import { ensureTags } from './ensure-tags.js';

/** Sets the tags of each device to exactly the names given (creating missing tags); three statements in all. */
export async function replaceDeviceTags(trx: Knex.Transaction, tagsOf: ReadonlyMap<string, readonly string[]>): Promise<void> {
  if (tagsOf.size === 0) return;
  const ids = await ensureTags(trx, [...tagsOf.values()].flat());
  await trx('device_tags').whereIn('deviceId', [...tagsOf.keys()]).delete();
  const deviceIds: string[] = [];
  const tagIds: string[] = [];
  for (const [deviceId, names] of tagsOf) {
    for (const name of new Set(names.map((n) => n.toLowerCase()))) {
      deviceIds.push(deviceId);
      tagIds.push(ids.get(name)!);
    }
  }
  if (deviceIds.length === 0) return;
  await trx.raw('INSERT INTO device_tags (device_id, tag_id) SELECT * FROM unnest(CAST(? AS uuid[]), CAST(? AS uuid[]))', [deviceIds, tagIds]);
}
