/** `devices import FILE.csv`: every row is validated before any is written; a bad file imports nothing. */
import fs from 'node:fs/promises';
import type { Knex } from 'knex';
import { replaceDeviceTags } from '../../db/queries/replace-device-tags.js';
import { upsertDevices } from '../../db/queries/upsert-devices.js';
import { inTransaction } from '../../db/transactions.js';
import { assertWithinLimit } from '../../config/input-limits.js';
import { NetRavenError } from '../../errors.js';
import { readCsvRecords } from './csv-records.js';
import { shown, validateDeviceFields, type DeviceInput } from './device-input.js';

export const MAX_IMPORT_BYTES = 32 * 1024 * 1024;
export const MAX_IMPORT_ROWS = 100_000;
const COLUMNS = ['hostname', 'ip', 'port', 'device_type', 'tags'] as const;
const REQUIRED = ['hostname', 'ip', 'device_type'] as const;
const BATCH = 1000;

export interface LineProblem {
  line: number;
  problems: string[];
}

export type CsvCheck = { ok: true; devices: DeviceInput[]; hasTags: boolean } | { ok: false; problems: LineProblem[] };
export type ImportResult = { ok: true; rows: number; inserted: number; updated: number } | { ok: false; problems: LineProblem[] };

function headerProblems(header: string[]): string[] {
  const problems: string[] = [];
  const seen = new Set<string>();
  for (const name of header) {
    if (!(COLUMNS as readonly string[]).includes(name)) problems.push(`unknown column ${shown(name)}`);
    if (seen.has(name)) problems.push(`column ${shown(name)} appears twice`);
    seen.add(name);
  }
  for (const name of REQUIRED) if (!seen.has(name)) problems.push(`missing column ${name}`);
  if (problems.length > 0) problems.push(`the header must be ${COLUMNS.join(',')} (port and tags may be left out)`);
  return problems;
}

/** One problem per field longer than INPUT_LIMITS.csvField (its value is not repeated). */
function fieldsTooLong(header: string[], fields: string[]): string[] {
  const problems: string[] = [];
  fields.forEach((field, i) => {
    try {
      assertWithinLimit(`field ${header[i]}`, field, 'csvField');
    } catch (err) {
      problems.push((err as Error).message);
    }
  });
  return problems;
}

/** Parses and validates CSV text: the devices when every line is good, else every bad line with its reasons. */
export function checkDevicesCsv(text: string): CsvCheck {
  const parsed = readCsvRecords(text);
  const problems: LineProblem[] = [];
  const [head, ...rows] = parsed.records;
  const syntax: LineProblem[] = parsed.errors.map((error) => ({ line: error.line, problems: [error.message] }));
  if (head === undefined && syntax.length === 0) return { ok: false, problems: [{ line: 1, problems: [`the file is empty: the first line must be the header ${COLUMNS.join(',')}`] }] };
  if (head === undefined || (syntax[0] !== undefined && syntax[0].line < head.line)) {
    return { ok: false, problems: [{ line: 1, problems: [`the first line must be the header ${COLUMNS.join(',')}`] }, ...syntax] };
  }
  const header = head.fields.map((name) => name.trim().toLowerCase());
  const bad = headerProblems(header);
  if (bad.length > 0) return { ok: false, problems: [{ line: head.line, problems: bad }] };
  if (rows.length > MAX_IMPORT_ROWS) return { ok: false, problems: [{ line: rows[MAX_IMPORT_ROWS]!.line, problems: [`more than ${MAX_IMPORT_ROWS} devices: split the file`] }] };
  const devices: DeviceInput[] = [];
  const firstLineOf = new Map<string, number>();
  for (const row of rows) {
    if (row.fields.length !== header.length) {
      problems.push({ line: row.line, problems: [`${row.fields.length} fields where the header has ${header.length}`] });
      continue;
    }
    const tooLong = fieldsTooLong(header, row.fields);
    if (tooLong.length > 0) {
      problems.push({ line: row.line, problems: tooLong });
      continue;
    }
    const cell = (name: string) => row.fields[header.indexOf(name)] ?? '';
    const result = validateDeviceFields({ hostname: cell('hostname'), ip: cell('ip'), port: cell('port'), deviceType: cell('device_type'), tags: cell('tags') });
    const hostname = cell('hostname').trim().toLowerCase();
    const first = firstLineOf.get(hostname);
    if (first !== undefined && hostname !== '') result.problems.push(`hostname ${shown(cell('hostname').trim())} is already on line ${first} (hostnames ignore case)`);
    else firstLineOf.set(hostname, row.line);
    if (result.problems.length > 0) problems.push({ line: row.line, problems: result.problems });
    else devices.push(result.device!);
  }
  // Quoting errors among the lines checked, in line order: every bad line is listed.
  problems.push(...syntax);
  problems.sort((a, b) => a.line - b.line);
  if (problems.length === 0 && devices.length === 0) problems.push({ line: head.line, problems: ['the file has a header but no devices'] });
  return problems.length > 0 ? { ok: false, problems } : { ok: true, devices, hasTags: header.includes('tags') };
}

/** Reads a CSV file as strict UTF-8 text, refusing what is not a regular file or too large. */
export async function readImportFile(file: string): Promise<string> {
  const stat = await fs.stat(file).catch((err: NodeJS.ErrnoException) => {
    throw new NetRavenError('NOT_FOUND', `cannot read ${file}: ${err.code === 'ENOENT' ? 'no such file' : err.message}`, { details: { file } });
  });
  if (!stat.isFile()) throw new NetRavenError('INPUT_INVALID', `${file} is not a regular file`, { details: { file } });
  if (stat.size > MAX_IMPORT_BYTES) {
    throw new NetRavenError('INPUT_INVALID', `${file} is ${stat.size} bytes; the import takes at most ${MAX_IMPORT_BYTES} bytes: split the file`, { details: { file } });
  }
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(await fs.readFile(file));
  } catch {
    throw new NetRavenError('INPUT_INVALID', `${file} is not UTF-8 text: save it as "CSV UTF-8"`, { details: { file } });
  }
}

/** Imports (inserts or updates by hostname) every device of the file in one transaction, or nothing. */
export async function importDevicesCsv(knex: Knex, file: string): Promise<ImportResult> {
  const check = checkDevicesCsv(await readImportFile(file));
  if (!check.ok) return check;
  return inTransaction(knex, async (trx) => {
    let inserted = 0;
    for (let start = 0; start < check.devices.length; start += BATCH) {
      const batch = check.devices.slice(start, start + BATCH);
      const rows = await upsertDevices(trx, batch);
      const tagsByHostname = new Map(batch.map((device) => [device.hostname.toLowerCase(), device.tags]));
      // The file is the truth for the tags of the devices it names: their tag set is replaced.
      // Without a tags column, existing devices keep theirs and new ones get the default tag.
      const tagged = check.hasTags ? rows : rows.filter((row) => row.inserted);
      await replaceDeviceTags(trx, new Map(tagged.map((row) => [row.id, tagsByHostname.get(row.hostname.toLowerCase()) ?? []])));
      inserted += rows.filter((row) => row.inserted).length;
    }
    return { ok: true, rows: check.devices.length, inserted, updated: check.devices.length - inserted };
  });
}
