import type { Knex } from 'knex';

/**
 * Creates the tags that do not exist yet (names are unique ignoring case) and returns every id by
 * lower-cased name; two statements whatever the number of tags.
 */
export async function ensureTags(trx: Knex.Transaction, names: readonly string[]): Promise<Map<string, string>> {
  const unique = [...new Map(names.map((name) => [name.toLowerCase(), name])).values()];
  if (unique.length === 0) return new Map();
  await trx.raw('INSERT INTO tags (name) SELECT unnest(CAST(? AS text[])) ON CONFLICT ((lower(name))) DO NOTHING', [unique]);
  const rows = (await trx('tags').whereRaw('lower(name) = ANY(?)', [unique.map((name) => name.toLowerCase())]).select('id', 'name')) as Array<{ id: string; name: string }>;
  return new Map(rows.map((row) => [row.name.toLowerCase(), row.id]));
}
