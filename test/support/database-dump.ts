import type { Knex } from 'knex';

/**
 * Every row of every table in the public schema as text, three ways: the row's text form
 * with bytea as hex, the same with bytea as escape, and each bytea column decoded as UTF-8
 * (where it is valid UTF-8). A secret stored in any readable form shows up in one of them.
 */
export async function dumpDatabaseAsText(knex: Knex): Promise<string> {
  const { rows: tables } = await knex.raw<{ rows: Array<{ table_name: string }> }>(
    "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY 1",
  );
  const parts: string[] = [];
  await knex.transaction(async (trx) => {
    for (const format of ['hex', 'escape']) {
      await trx.raw(`SET LOCAL bytea_output = '${format}'`);
      for (const { table_name: table } of tables) {
        const { rows } = await trx.raw<{ rows: Array<{ line: string }> }>(`SELECT t::text AS line FROM "${table}" t`);
        parts.push(`-- ${table} (${format})`, ...rows.map((row) => row.line));
      }
    }
    const { rows: columns } = await trx.raw<{ rows: Array<{ table_name: string; column_name: string }> }>(
      "SELECT table_name, column_name FROM information_schema.columns WHERE table_schema = 'public' AND data_type = 'bytea'",
    );
    for (const { table_name: table, column_name: column } of columns) {
      const { rows } = await trx.raw<{ rows: Array<{ value: Buffer | null }> }>(`SELECT "${column}" AS value FROM "${table}"`);
      parts.push(`-- ${table}.${column} (utf-8)`, ...rows.map((row) => (row.value ? row.value.toString('utf8') : '')));
    }
  });
  return parts.join('\n');
}

/** The ways a secret could appear in a dump: as is, hex, base64 and base64url. */
export function encodingsOf(secret: string): string[] {
  const bytes = Buffer.from(secret, 'utf8');
  return [secret, bytes.toString('hex'), bytes.toString('base64'), bytes.toString('base64url')];
}
