/** `netraven db restore FILE`: an archive of `netraven db backup` into an empty database, all or nothing. */
import type { Knex } from 'knex';
import { DEFAULT_TAGS } from '../../config/default-tags.js';
import { NetRavenError } from '../../errors.js';
import { initDatabase } from '../init.js';
import { CODE_SCHEMA_VERSION, readSchemaState } from '../migrations.js';
import { readArchive, verifyArchive, type ArchiveHeader } from './archive-format.js';
import { backupTables, quoteIdent, type BackupTable } from './backup-tables.js';

// What `db init` seeds: a database holding only these is still empty; the archive's rows replace them.
const SEEDED_TABLES = ['system_settings'];
const DEFAULT_TAG_NAMES = DEFAULT_TAGS.map((tag) => tag.name.toLowerCase());

export interface RestoreResult {
  file: string;
  schemaVersion: string;
  createdAt: string;
  rows: Record<string, number>;
}

function mismatch(file: string, what: string): NetRavenError {
  return new NetRavenError('BACKUP_SCHEMA_MISMATCH', `${file} ${what}: restore it with the NetRaven release that made it (into an empty database), then upgrade with \`netraven db init\`; nothing was changed`, { details: { file } });
}

function assertSameTables(file: string, header: ArchiveHeader, tables: BackupTable[]): void {
  const here = new Map(tables.map((t) => [t.name, t.columns.join(',')]));
  const there = new Map(header.tables.map((t) => [t.name, t.columns.join(',')]));
  for (const [name, columns] of there) {
    if (!here.has(name)) throw mismatch(file, `holds a table ${name} this database does not have`);
    if (here.get(name) !== columns) throw mismatch(file, `has other columns in table ${name} than this database`);
  }
  const missing = [...here.keys()].filter((name) => !there.has(name));
  if (missing.length > 0) throw mismatch(file, `lacks the table(s) ${missing.join(', ')} of this database`);
}

/** Refuses a target with any row an operator made (seeded settings and default tags do not count). */
async function assertEmpty(trx: Knex.Transaction, tables: BackupTable[]): Promise<void> {
  const held: string[] = [];
  for (const table of tables) {
    if (SEEDED_TABLES.includes(table.name)) continue;
    const where = table.name === 'tags' ? ' WHERE NOT (lower(name) = ANY(?))' : '';
    const { rows } = await trx.raw<{ rows: Array<{ n: string }> }>(`SELECT count(*) AS n FROM ${quoteIdent(table.name)}${where}`, where ? [DEFAULT_TAG_NAMES] : []);
    if (Number(rows[0]!.n) > 0) held.push(`${rows[0]!.n} ${table.name}`);
  }
  if (held.length > 0) {
    throw new NetRavenError('RESTORE_TARGET_NOT_EMPTY', `the database already holds data (${held.slice(0, 4).join(', ')}${held.length > 4 ? ', …' : ''}): restore into a new, empty database (docs/operations.md, "Restore"); nothing was changed`);
  }
}

async function insertRows(trx: Knex.Transaction, file: string, table: BackupTable, rows: unknown[]): Promise<void> {
  const name = quoteIdent(table.name);
  const columns = table.columns.map(quoteIdent).join(', ');
  const overriding = table.alwaysIdentity ? ' OVERRIDING SYSTEM VALUE' : '';
  await trx.raw(`INSERT INTO ${name} (${columns})${overriding} SELECT ${columns} FROM json_populate_recordset(NULL::${name}, ?::json)`, [JSON.stringify(rows)]).catch((err: { code?: string; message?: string }) => {
    if (/^2[23]/.test(err.code ?? '')) {
      throw new NetRavenError('BACKUP_INVALID', `${file} has rows table ${table.name} refuses (${String(err.message).split(' - ').pop()}): use another backup; nothing was changed`, { cause: err });
    }
    throw err;
  });
}

/**
 * Restores an archive into this database in one transaction. The archive's schema version
 * must be this NetRaven's; an uninitialised database is initialised first (`db init`); a
 * database with data is refused. The keyring is not in the archive: the caller reminds.
 * @throws BACKUP_INVALID (unreadable, damaged, truncated, checksum), BACKUP_SCHEMA_MISMATCH,
 *   RESTORE_TARGET_NOT_EMPTY; nothing is changed in any of these cases
 */
export async function restoreBackup(knex: Knex, file: string): Promise<RestoreResult> {
  // The whole file is checked before the database is looked at: a damaged archive is named as such.
  const header = await verifyArchive(file);
  if (header.schemaVersion !== CODE_SCHEMA_VERSION) {
    throw mismatch(file, `was made from schema ${header.schemaVersion}; this NetRaven has schema ${CODE_SCHEMA_VERSION}`);
  }
  if (!(await readSchemaState(knex)).initialised) await initDatabase(knex);
  const rows: Record<string, number> = Object.fromEntries(header.tables.map((t) => [t.name, 0]));
  const entries = readArchive(file);
  try {
    await knex.transaction(async (trx) => {
      const state = await readSchemaState(trx);
      if (state.version !== header.schemaVersion) throw mismatch(file, `was made from schema ${header.schemaVersion}; this database has ${state.version ?? 'none'}`);
      const tables = await backupTables(trx);
      assertSameTables(file, header, tables);
      // No daemon or console may write while the tables fill; released at commit or rollback.
      await trx.raw(`LOCK TABLE ${tables.map((t) => quoteIdent(t.name)).join(', ')} IN ACCESS EXCLUSIVE MODE`);
      await assertEmpty(trx, tables);
      await trx.raw('DELETE FROM tags');
      for (const name of SEEDED_TABLES) await trx.raw(`DELETE FROM ${quoteIdent(name)}`);
      const byName = new Map(tables.map((t) => [t.name, t]));
      for await (const entry of entries) {
        if (entry.kind !== 'rows') continue;
        await insertRows(trx, file, byName.get(entry.table)!, entry.rows);
        rows[entry.table] = (rows[entry.table] ?? 0) + entry.rows.length;
      }
      for (const table of tables) {
        for (const column of table.identity) {
          await trx.raw(`SELECT setval(pg_get_serial_sequence(?, ?), coalesce(max(${quoteIdent(column)}), 0) + 1, false) FROM ${quoteIdent(table.name)}`, [quoteIdent(table.name), column]);
        }
      }
    });
  } finally {
    await entries.return(undefined);
  }
  return { file, schemaVersion: header.schemaVersion, createdAt: header.createdAt, rows };
}
