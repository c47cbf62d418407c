import type { Knex } from 'knex';

/** The hostname of a device by id, or null when it no longer exists. */
export async function deviceHostname(db: Knex | Knex.Transaction, deviceId: string): Promise<string | null> {
  const row = (await db('devices').where({ id: deviceId }).first('hostname')) as { hostname: string } | undefined;
  return row?.hostname ?? null;
}
