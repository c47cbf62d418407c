/** `netraven db backup`: every table of the database into one archive (archive-format.ts), from one snapshot. */
import fs from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGzip } from 'node:zlib';
import type { Knex } from 'knex';
import { NetRavenError } from '../../errors.js';
import { readSchemaState } from '../migrations.js';
import { ARCHIVE_FORMAT, ARCHIVE_FORMAT_VERSION, ArchiveLines, verifyArchive, type ArchiveHeader } from './archive-format.js';
import { backupTables, exportQuery } from './backup-tables.js';

// Rows per FETCH adapt to their size: 10,000 small job log rows at once, but a few large
// configurations (up to retrieval.max_output_bytes each), so memory stays near 8-32 MiB.
const FETCH = { first: 100, min: 1, max: 10_000, lowBytes: 8 * 1024 * 1024, highBytes: 32 * 1024 * 1024 };

export interface BackupResult {
  file: string;
  bytes: number;
  schemaVersion: string;
  /** Rows per table, in file order. */
  rows: Record<string, number>;
}

/** `netraven-20261130T090500Z.jsonl.gz`: sorts by time, says what is inside. */
export function backupFileName(now = new Date()): string {
  return `netraven-${now.toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z')}.jsonl.gz`;
}

function writeFailed(file: string, err: NodeJS.ErrnoException): NetRavenError {
  const uid = process.getuid?.() ?? 1000;
  const denied = `cannot be written (${err.code}): make ${path.dirname(file)} writable by uid ${uid} (the ./backups mount: chown ${uid} backups), or choose another --out`;
  const fixes: Record<string, string> = {
    EEXIST: 'already exists: choose another --out (backups are never overwritten)',
    EACCES: denied,
    EPERM: denied,
    EROFS: denied,
    ENOTDIR: 'cannot be written (ENOTDIR): a part of its path is a file, not a folder; choose another --out',
    ENOSPC: 'cannot be written: the disk is full; free space or choose another --out',
  };
  const fix = fixes[err.code ?? ''] ?? `cannot be written (${err.code ?? err.message}): choose another --out`;
  return new NetRavenError('BACKUP_WRITE_FAILED', `${file} ${fix}`, { cause: err, details: { file } });
}

async function* archiveText(trx: Knex.Transaction, header: ArchiveHeader, rows: Record<string, number>): AsyncGenerator<string> {
  const lines = new ArchiveLines();
  yield lines.line(['H', header]);
  const tables = await backupTables(trx);
  for (const table of tables) {
    yield lines.line(['T', table.name]);
    await trx.raw(`DECLARE netraven_backup NO SCROLL CURSOR FOR ${exportQuery(table)}`);
    let count = 0;
    let fetch = FETCH.first;
    for (;;) {
      const { rows: batch } = await trx.raw<{ rows: Array<{ row: string }> }>(`FETCH ${fetch} FROM netraven_backup`);
      let bytes = 0;
      for (const { row } of batch) {
        bytes += row.length;
        yield lines.row(row);
      }
      count += batch.length;
      if (batch.length < fetch) break;
      if (bytes > FETCH.highBytes) fetch = Math.max(FETCH.min, fetch >> 1);
      else if (bytes < FETCH.lowBytes) fetch = Math.min(FETCH.max, fetch * 2);
    }
    await trx.raw('CLOSE netraven_backup');
    rows[table.name] = count;
    yield lines.line(['E', table.name, count]);
  }
  yield lines.close();
}

/**
 * Writes the whole database to `file` (gzip, mode 0600: it holds sealed credentials and
 * configurations) from one REPEATABLE READ snapshot, then reads the file back to check it.
 * The file appears only when complete; it is never overwritten. The keyring is not in it.
 * @throws BACKUP_WRITE_FAILED when the file exists or cannot be written; DATABASE_NOT_INITIALISED
 */
export async function writeBackup(knex: Knex, file: string): Promise<BackupResult> {
  const target = path.resolve(file);
  if (fs.existsSync(target)) throw writeFailed(target, Object.assign(new Error('exists'), { code: 'EEXIST' }));
  const partial = `${target}.partial-${process.pid}`;
  let out: fs.WriteStream;
  try {
    fs.mkdirSync(path.dirname(target), { recursive: true, mode: 0o700 });
    fs.writeFileSync(partial, '', { flag: 'wx', mode: 0o600 });
    out = fs.createWriteStream(partial, { flags: 'r+', mode: 0o600 });
  } catch (err) {
    const e = err as NodeJS.ErrnoException;
    // mkdir reports a file standing where a folder of the path should be as EEXIST.
    throw writeFailed(target, e.code === 'EEXIST' ? Object.assign(e, { code: 'ENOTDIR' }) : e);
  }
  const rows: Record<string, number> = {};
  try {
    const schemaVersion = await knex.transaction(async (trx) => {
      await trx.raw("SET LOCAL bytea_output = 'hex'");
      await trx.raw("SET LOCAL TimeZone = 'UTC'");
      const state = await readSchemaState(trx);
      if (!state.version) throw new NetRavenError('DATABASE_NOT_INITIALISED', 'the database has no NetRaven schema: there is nothing to back up');
      const { rows: version } = await trx.raw<{ rows: Array<{ server_version: string }> }>('SHOW server_version');
      const tables = await backupTables(trx);
      const header: ArchiveHeader = {
        format: ARCHIVE_FORMAT,
        formatVersion: ARCHIVE_FORMAT_VERSION,
        schemaVersion: state.version,
        createdAt: new Date().toISOString(),
        serverVersion: version[0]?.server_version ?? 'unknown',
        tables: tables.map((t) => ({ name: t.name, columns: t.columns })),
      };
      await pipeline(Readable.from(archiveText(trx, header, rows)), createGzip(), out).catch((err: NodeJS.ErrnoException) => {
        throw err instanceof NetRavenError || !err.syscall ? err : writeFailed(target, err);
      });
      return state.version;
    }, { isolationLevel: 'repeatable read', readOnly: true });
    await verifyArchive(partial);
    // link, not rename: fails instead of replacing a file that appeared meanwhile.
    try {
      fs.linkSync(partial, target);
    } catch (err) {
      throw writeFailed(target, err as NodeJS.ErrnoException);
    }
    fs.rmSync(partial, { force: true });
    return { file: target, bytes: fs.statSync(target).size, schemaVersion, rows };
  } catch (err) {
    out.destroy();
    fs.rmSync(partial, { force: true });
    throw err;
  }
}
