import type { Knex } from 'knex';
import * as baseline from '../../knex/migrations/20261128000000_baseline.js';
import { NetRavenError } from '../errors.js';

interface ShippedMigration { name: string; module: { up(knex: Knex): Promise<void>; down(knex: Knex): Promise<void> } }

// Imported statically (not read from a folder at run time) so the installed CLI, tests and
// a bundled image all run exactly the migrations this code was built with. Names match
// what the knex CLI records, so both can be used on one database.
const SHIPPED: ShippedMigration[] = [{ name: '20261128000000_baseline.ts', module: baseline }];

/** The knex migration source of the shipped schema. */
export const migrationSource: Knex.MigrationSource<ShippedMigration> = {
  getMigrations: async () => SHIPPED,
  getMigrationName: (migration) => migration.name,
  getMigration: async (migration) => migration.module,
};

/** The schema version this code expects: the newest shipped migration. */
export const CODE_SCHEMA_VERSION = SHIPPED[SHIPPED.length - 1]!.name.replace(/\.[jt]s$/, '');

export interface SchemaState {
  initialised: boolean;
  applied: string[];
  /** Applied in the database but unknown to this code: the database is newer. */
  unknown: string[];
  pending: string[];
  version: string | null;
}

/** Reads which migrations the database has applied, compared with the shipped ones. */
export async function readSchemaState(db: Knex | Knex.Transaction): Promise<SchemaState> {
  const { rows } = await db.raw<{ rows: Array<{ exists: boolean }> }>("SELECT to_regclass('public.knex_migrations') IS NOT NULL AS exists");
  const applied: string[] = rows[0]?.exists
    ? (await db.raw<{ rows: Array<{ name: string }> }>('SELECT name FROM knex_migrations ORDER BY id')).rows.map((row) => row.name)
    : [];
  const shipped = SHIPPED.map((m) => m.name);
  const unknown = applied.filter((name) => !shipped.includes(name));
  const last = applied[applied.length - 1];
  return {
    initialised: applied.length > 0,
    applied,
    unknown,
    pending: shipped.filter((name) => !applied.includes(name)),
    version: last ? last.replace(/\.[jt]s$/, '') : null,
  };
}

/** Refuses a database whose schema this code does not know (newer) or that is not initialised. */
export function assertSchemaUsable(state: SchemaState, options: { allowUninitialised?: boolean } = {}): void {
  if (state.unknown.length > 0) {
    throw new NetRavenError('SCHEMA_TOO_NEW', `the database schema (${state.version}) is newer than this NetRaven (${CODE_SCHEMA_VERSION}): upgrade NetRaven before using this database`);
  }
  if (!options.allowUninitialised && (!state.initialised || state.pending.length > 0)) {
    throw new NetRavenError('DATABASE_NOT_INITIALISED', 'the database has no NetRaven schema yet (or an older one): run `netraven db init`');
  }
}
