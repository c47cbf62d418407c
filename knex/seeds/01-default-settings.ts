import type { Knex } from 'knex';
import { SETTINGS } from '../../src/config/settings.js';

/** Adds every setting that is missing with its default; never overwrites an operator's value. Returns the keys added. */
export async function seed(knex: Knex): Promise<string[]> {
  const rows = Object.entries(SETTINGS).map(([key, def]) => ({ key, value: def.default, description: def.description }));
  const result = await knex.raw<{ rows: Array<{ key: string }> }>(
    `INSERT INTO system_settings (key, value, description)
     SELECT key, value, description FROM json_populate_recordset(NULL::system_settings, ?::json)
     ON CONFLICT (key) DO NOTHING RETURNING key`,
    [JSON.stringify(rows)],
  );
  return result.rows.map((row) => row.key);
}
