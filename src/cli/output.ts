import { sanitiseLine } from '../sanitise.js';

/** Where a command writes; tests pass their own to capture output. */
export interface Output {
  out(text: string): void;
  err(text: string): void;
  isTTY: boolean;
  /** stderr is a terminal too (progress bars go there); absent means no. */
  errIsTTY?: boolean;
  /** Aborted when the reader of `out` went away (a closed pipe): stop producing output. */
  closed?: AbortSignal;
  /** Resolves once what `out` buffered has been handed on (backpressure for long streamed output); absent: at once. */
  drained?: () => Promise<void>;
}

// What JSON.stringify leaves as it is but a terminal acts on or hides: DEL and C1 controls,
// format characters (bidirectional overrides, zero-width…) and the line/paragraph separators.
const UNSAFE_IN_JSON = /[\x7f-\x9f\p{Cf}\u2028\u2029]/gu;

function unicodeEscape(ch: string): string {
  // Characters beyond the BMP (tag characters) are escaped as their UTF-16 surrogate pair, as JSON wants.
  return [...Array(ch.length).keys()].map((i) => `\\u${ch.charCodeAt(i).toString(16).padStart(4, '0')}`).join('');
}

/**
 * JSON text safe on a terminal and still exact: the characters a terminal would act on or hide
 * are written as \u escapes, which any JSON parser turns back into the same string.
 */
export function terminalJson(value: unknown, indent?: number): string {
  return JSON.stringify(value, null, indent).replace(UNSAFE_IN_JSON, unicodeEscape);
}

/** Writes a value as indented JSON, one document per call (see terminalJson). */
export function printJson(output: Output, value: unknown): void {
  output.out(`${terminalJson(value, 2)}\n`);
}

function cell(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

/**
 * Writes rows as an aligned plain-text table with the given columns. Every cell goes through
 * the terminal sanitiser: tables show device and database text (models, errors, names).
 */
export function printTable<T extends object>(output: Output, rows: T[], columns: Array<{ header: string; value: (row: T) => unknown }>): void {
  const cells = rows.map((row) => columns.map((column) => sanitiseLine(cell(column.value(row)))));
  const widths = columns.map((column, i) => Math.max(column.header.length, ...cells.map((r) => r[i]!.length)));
  const line = (values: string[]) => values.map((v, i) => v.padEnd(widths[i]!)).join('  ').trimEnd();
  output.out(`${line(columns.map((c) => c.header.toUpperCase()))}\n`);
  for (const row of cells) output.out(`${line(row)}\n`);
}

/** Tells a person how to get the next page of a keyset-paginated list. */
export function printNextPage(output: Output, next: string | null): void {
  if (next) output.err(`more results: add --after ${sanitiseLine(next)}\n`);
}
