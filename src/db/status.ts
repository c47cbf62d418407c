import type { Knex } from 'knex';
import { CODE_SCHEMA_VERSION, readSchemaState } from './migrations.js';
import { inReadOnlyTransaction } from './transactions.js';

/** The nine tables of the schema, in the order status lists them. */
export const TABLES = [
  'devices',
  'device_configurations',
  'credentials',
  'tags',
  'device_tags',
  'credential_tags',
  'jobs',
  'job_logs',
  'system_settings',
] as const;

export interface DatabaseStatus {
  serverVersion: string;
  schemaVersion: string | null;
  codeSchemaVersion: string;
  initialised: boolean;
  rowCounts: Record<string, number> | null;
}

/** Server version, schema version and exact row counts per table, read in one read-only transaction. */
export async function readDatabaseStatus(db: Knex): Promise<DatabaseStatus> {
  return inReadOnlyTransaction(db, async (trx) => {
    const { rows } = await trx.raw<{ rows: Array<{ server_version: string }> }>('SHOW server_version');
    const schema = await readSchemaState(trx);
    let rowCounts: Record<string, number> | null = null;
    if (schema.initialised) {
      const select = TABLES.map((table) => `(SELECT count(*)::int FROM ${table}) AS ${table}`).join(', ');
      const counts = await trx.raw<{ rows: Array<Record<string, number>> }>(`SELECT ${select}`);
      const row = counts.rows[0] ?? {};
      rowCounts = Object.fromEntries(TABLES.map((table) => [table, Number(row[table] ?? 0)]));
    }
    return {
      serverVersion: rows[0]?.server_version ?? 'unknown',
      schemaVersion: schema.version,
      codeSchemaVersion: CODE_SCHEMA_VERSION,
      initialised: schema.initialised,
      rowCounts,
    };
  });
}
