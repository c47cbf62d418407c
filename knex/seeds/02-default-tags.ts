import type { Knex } from 'knex';
import { DEFAULT_TAGS } from '../../src/config/default-tags.js';

/** Adds each default tag that is missing (names ignore case); never changes an operator's tag. Returns the names added. */
export async function seed(knex: Knex): Promise<string[]> {
  const result = await knex.raw<{ rows: Array<{ name: string }> }>(
    `INSERT INTO tags (name, description)
     SELECT name, description FROM json_populate_recordset(NULL::tags, ?::json)
     ON CONFLICT ((lower(name))) DO NOTHING RETURNING name`,
    [JSON.stringify(DEFAULT_TAGS)],
  );
  return result.rows.map((row) => row.name);
}
