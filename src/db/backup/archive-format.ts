/**
 * The `netraven db backup` archive: gzip-compressed JSON lines, readable with `zcat` and
 * independent of PostgreSQL's version (no pg_dump needed). Every line is a JSON array whose
 * first element says what it is:
 *
 *   ["H", header]           format, format version, schema version, time, the tables and columns
 *   ["T", table]            the rows of this table follow
 *   ["R", {column: value}]  one row, values in PostgreSQL's text forms (bytea as \x hex, times in UTC)
 *   ["E", table, rows]      end of the table and how many rows it had
 *   ["Z", {sha256}]         SHA-256 of every byte before this line: a changed or cut file is refused
 *
 * Tables come parents first, so a restore can insert them in file order.
 */
import { createHash, type Hash } from 'node:crypto';
import fs from 'node:fs';
import { createGunzip } from 'node:zlib';
import { NetRavenError } from '../../errors.js';

export const ARCHIVE_FORMAT = 'netraven-backup';
export const ARCHIVE_FORMAT_VERSION = 1;
/** Longer than any row NetRaven stores (configurations are limited to 64 MiB); a longer line is damage. */
const MAX_LINE_CHARS = 256 * 1024 * 1024;
/** A batch of rows is handed on at this many characters even when it has fewer rows than asked. */
const BATCH_CHARS = 16 * 1024 * 1024;

export interface ArchiveHeader {
  format: typeof ARCHIVE_FORMAT;
  formatVersion: number;
  /** The newest applied migration of the database it was made from (knex_migrations). */
  schemaVersion: string;
  createdAt: string;
  serverVersion: string;
  /** In file order; columns are those a restore inserts (generated columns are left out). */
  tables: Array<{ name: string; columns: string[] }>;
}

export type ArchiveRow = Record<string, unknown>;

/** What a reader yields: the header, then each table's rows. */
export type ArchiveEntry = { kind: 'header'; header: ArchiveHeader } | { kind: 'rows'; table: string; rows: ArchiveRow[] };

/** The lines of an archive with their running checksum; the writer's half. */
export class ArchiveLines {
  private readonly hash: Hash = createHash('sha256');

  /** One line (with its newline), counted in the checksum. */
  line(value: unknown[]): string {
    const text = `${JSON.stringify(value)}\n`;
    this.hash.update(text);
    return text;
  }

  /** A row line around rowJson, JSON text PostgreSQL already made (no parse and stringify again). */
  row(rowJson: string): string {
    const text = `["R",${rowJson}]\n`;
    this.hash.update(text);
    return text;
  }

  /** The closing line; nothing may follow it. */
  close(): string {
    return `${JSON.stringify(['Z', { sha256: this.hash.digest('hex') }])}\n`;
  }
}

function invalid(file: string, what: string): NetRavenError {
  return new NetRavenError('BACKUP_INVALID', `${file} ${what}: it cannot be restored; use another backup (nothing was changed)`, { details: { file } });
}

async function* textLines(file: string): AsyncGenerator<string> {
  const input = fs.createReadStream(file);
  const gunzip = createGunzip();
  input.on('error', (err) => gunzip.destroy(err));
  input.pipe(gunzip).setEncoding('utf8');
  let partial = '';
  try {
    for await (const chunk of gunzip as AsyncIterable<string>) {
      partial += chunk;
      if (partial.length > MAX_LINE_CHARS) throw invalid(file, 'holds a line longer than any NetRaven row (damaged)');
      const lines = partial.split('\n');
      partial = lines.pop()!;
      yield* lines;
    }
  } catch (err) {
    if (err instanceof NetRavenError) throw err;
    const e = err as NodeJS.ErrnoException;
    if (e.code === 'ENOENT' || e.code === 'EACCES' || e.code === 'EISDIR') {
      throw new NetRavenError('BACKUP_INVALID', `cannot read ${file} (${e.code}): name a backup file this user can read`, { cause: err, details: { file } });
    }
    throw invalid(file, `is not a complete gzip file (${e.message})`);
  } finally {
    input.destroy();
  }
  if (partial !== '') throw invalid(file, 'ends in the middle of a line (truncated)');
}

function parse(file: string, text: string, n: number): unknown[] {
  try {
    const value: unknown = JSON.parse(text);
    if (Array.isArray(value) && typeof value[0] === 'string') return value;
  } catch {
    // reported below
  }
  throw invalid(file, `is damaged at line ${n}`);
}

function isHeader(value: unknown): value is ArchiveHeader {
  const h = value as ArchiveHeader;
  return typeof h === 'object' && h !== null && h.format === ARCHIVE_FORMAT && typeof h.schemaVersion === 'string' && Array.isArray(h.tables)
    && h.tables.every((t) => typeof t?.name === 'string' && Array.isArray(t.columns) && t.columns.every((c) => typeof c === 'string'));
}

/**
 * Reads an archive, checking its structure as it goes and its checksum at the end: the header
 * first, then each table's rows in batches of up to `batch` rows (or 16 MiB of text). A caller that writes what it
 * reads must do so in a transaction it rolls back on any error, since the checksum is only
 * known at the end.
 * @throws BACKUP_INVALID when the file cannot be read, is not an archive, is truncated, damaged
 *   or fails its checksum, or has a format version this NetRaven does not read
 */
export async function* readArchive(file: string, batch = 500): AsyncGenerator<ArchiveEntry> {
  const hash = createHash('sha256');
  let header: ArchiveHeader | undefined;
  let table: string | undefined;
  let tableIndex = 0;
  let rows: ArchiveRow[] = [];
  let rowChars = 0;
  let count = 0;
  let n = 0;
  let closed = false;
  for await (const text of textLines(file)) {
    n += 1;
    if (closed) throw invalid(file, `has data after its checksum line (line ${n})`);
    const line = parse(file, text, n);
    const [kind] = line;
    if (header === undefined) {
      if (kind !== 'H' || !isHeader(line[1])) throw invalid(file, 'is not a NetRaven backup (no netraven-backup header)');
      header = line[1];
      if (header.formatVersion !== ARCHIVE_FORMAT_VERSION) throw invalid(file, `has archive format ${String(header.formatVersion)}, this NetRaven reads ${ARCHIVE_FORMAT_VERSION}`);
      yield { kind: 'header', header };
    } else if (kind === 'T' && table === undefined && line[1] === header.tables[tableIndex]?.name) {
      table = line[1] as string;
      count = 0;
    } else if (kind === 'R' && table !== undefined && typeof line[1] === 'object' && line[1] !== null && !Array.isArray(line[1])) {
      rows.push(line[1] as ArchiveRow);
      count += 1;
      rowChars += text.length;
      if (rows.length >= batch || rowChars >= BATCH_CHARS) {
        rowChars = 0;
        yield { kind: 'rows', table, rows: rows.splice(0) };
      }
    } else if (kind === 'E' && table !== undefined && line[1] === table && line[2] === count) {
      if (rows.length > 0) yield { kind: 'rows', table, rows: rows.splice(0) };
      rowChars = 0;
      table = undefined;
      tableIndex += 1;
    } else if (kind === 'Z' && table === undefined && tableIndex === header.tables.length) {
      if ((line[1] as { sha256?: unknown })?.sha256 !== hash.digest('hex')) throw invalid(file, 'fails its checksum (changed or damaged)');
      closed = true;
      continue;
    } else {
      throw invalid(file, `is damaged at line ${n} (unexpected ${JSON.stringify(kind).slice(0, 12)})`);
    }
    hash.update(`${text}\n`);
  }
  if (n === 0) throw invalid(file, 'is empty');
  if (!closed) throw invalid(file, 'is truncated (it has no closing checksum line)');
}

/**
 * Reads the whole archive once and returns its header: the checks of readArchive without
 * doing anything with the rows.
 * @throws BACKUP_INVALID as readArchive
 */
export async function verifyArchive(file: string): Promise<ArchiveHeader> {
  let header: ArchiveHeader | undefined;
  for await (const entry of readArchive(file, 5_000)) if (entry.kind === 'header') header = entry.header;
  return header!;
}
