/**
 * Which tables a backup holds and in what order, read from the database's catalog so that a
 * table added to the baseline is backed up without a list to keep in step: every table of the
 * public schema except knex's bookkeeping, parents before children (foreign keys).
 */
import type { Knex } from 'knex';

/** One table as a backup sees it. */
export interface BackupTable {
  name: string;
  /** Columns a restore inserts, in table order. */
  columns: string[];
  /** Stored generated columns: left out of the archive, computed again on restore. */
  generated: string[];
  /** Identity columns, whose sequences a restore moves past the restored values. */
  identity: string[];
  /** GENERATED ALWAYS identity columns, which need OVERRIDING SYSTEM VALUE to be restored. */
  alwaysIdentity: boolean;
  primaryKey: string[];
  /** A single-column foreign key to the table itself (jobs.parent_job_id): parents are exported first. */
  selfParent?: string;
}

const BOOKKEEPING = ['knex_migrations', 'knex_migrations_lock'];

export const quoteIdent = (name: string) => `"${name.replace(/"/g, '""')}"`;

/** The tables of the public schema in an order that satisfies every foreign key. */
export async function backupTables(db: Knex | Knex.Transaction): Promise<BackupTable[]> {
  const { rows: columns } = await db.raw<{ rows: Array<{ table: string; column: string; generated: string; identity: string; pk: number | null }> }>(`
    SELECT c.relname AS table, a.attname AS column, a.attgenerated AS generated, a.attidentity AS identity,
           array_position(i.indkey::int2[], a.attnum) AS pk
      FROM pg_class c
      JOIN pg_namespace n ON n.oid = c.relnamespace AND n.nspname = 'public'
      JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
      LEFT JOIN pg_index i ON i.indrelid = c.oid AND i.indisprimary
     WHERE c.relkind IN ('r', 'p') AND NOT (c.relname = ANY(?))
     ORDER BY c.relname, a.attnum`, [BOOKKEEPING]);
  const { rows: keys } = await db.raw<{ rows: Array<{ child: string; parent: string; columns: string[] }> }>(`
    SELECT cl.relname AS child, pl.relname AS parent,
           ARRAY(SELECT attname FROM pg_attribute WHERE attrelid = k.conrelid AND attnum = ANY(k.conkey)) AS columns
      FROM pg_constraint k
      JOIN pg_class cl ON cl.oid = k.conrelid
      JOIN pg_class pl ON pl.oid = k.confrelid
     WHERE k.contype = 'f' AND k.connamespace = 'public'::regnamespace`);

  const tables = new Map<string, BackupTable>();
  for (const row of columns) {
    const table = tables.get(row.table) ?? { name: row.table, columns: [], generated: [], identity: [], alwaysIdentity: false, primaryKey: [] };
    tables.set(row.table, table);
    if (row.generated === 's') {
      table.generated.push(row.column);
      continue;
    }
    table.columns.push(row.column);
    if (row.identity !== '') table.identity.push(row.column);
    if (row.identity === 'a') table.alwaysIdentity = true;
    if (row.pk !== null) table.primaryKey[row.pk - 1] = row.column;
  }
  const parents = new Map<string, Set<string>>([...tables.keys()].map((name) => [name, new Set<string>()]));
  for (const key of keys) {
    if (!tables.has(key.child) || !tables.has(key.parent)) continue;
    if (key.child === key.parent) {
      if (key.columns.length === 1) tables.get(key.child)!.selfParent = key.columns[0];
    } else {
      parents.get(key.child)!.add(key.parent);
    }
  }
  // Kahn's algorithm, alphabetical among tables that are ready, so the order is stable.
  const ordered: BackupTable[] = [];
  const done = new Set<string>();
  while (ordered.length < tables.size) {
    const ready = [...tables.keys()].filter((name) => !done.has(name) && [...parents.get(name)!].every((p) => done.has(p))).sort();
    if (ready.length === 0) throw new Error(`foreign keys form a cycle among ${[...tables.keys()].filter((n) => !done.has(n)).join(', ')}`);
    for (const name of ready) {
      done.add(name);
      ordered.push(tables.get(name)!);
    }
  }
  return ordered;
}

/**
 * The query that exports a table's rows as JSON text, in primary-key order (parents first for a
 * self-referencing table). Values come out in PostgreSQL's own text forms, which its input
 * functions read back exactly: the caller sets bytea_output = hex and TimeZone = UTC.
 */
export function exportQuery(table: BackupTable): string {
  const name = quoteIdent(table.name);
  const order = (table.primaryKey.length > 0 ? table.primaryKey : table.columns).map((c) => `t.${quoteIdent(c)}`).join(', ');
  const generated = table.generated.map((c) => `'${c.replace(/'/g, "''")}'`).join(', ');
  const json = `(to_jsonb(t)${generated ? ` - ARRAY[${generated}]::text[]` : ''})::text AS row`;
  if (table.selfParent === undefined || table.primaryKey.length !== 1) return `SELECT ${json} FROM ${name} t ORDER BY ${order}`;
  const pk = quoteIdent(table.primaryKey[0]!);
  const parent = quoteIdent(table.selfParent);
  return `WITH RECURSIVE tree AS (
      SELECT ${pk} AS key, 0 AS depth FROM ${name} WHERE ${parent} IS NULL
      UNION ALL SELECT c.${pk}, tree.depth + 1 FROM ${name} c JOIN tree ON c.${parent} = tree.key)
    SELECT ${json} FROM ${name} t JOIN tree ON tree.key = t.${pk} ORDER BY tree.depth, ${order}`;
}
