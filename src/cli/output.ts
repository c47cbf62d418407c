/** Where a command writes; tests pass their own to capture output. */
export interface Output {
  out(text: string): void;
  err(text: string): void;
  isTTY: boolean;
  /** stderr is a terminal too (progress bars go there); absent means no. */
  errIsTTY?: boolean;
  /** Aborted when the reader of `out` went away (a closed pipe): stop producing output. */
  closed?: AbortSignal;
}

/** Writes a value as indented JSON, one document per call. */
export function printJson(output: Output, value: unknown): void {
  output.out(`${JSON.stringify(value, null, 2)}\n`);
}

function cell(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

/** Writes rows as an aligned plain-text table with the given columns. */
export function printTable<T extends object>(output: Output, rows: T[], columns: Array<{ header: string; value: (row: T) => unknown }>): void {
  const cells = rows.map((row) => columns.map((column) => cell(column.value(row)).replace(/[\x00-\x1f\x7f]/g, ' ')));
  const widths = columns.map((column, i) => Math.max(column.header.length, ...cells.map((r) => r[i]!.length)));
  const line = (values: string[]) => values.map((v, i) => v.padEnd(widths[i]!)).join('  ').trimEnd();
  output.out(`${line(columns.map((c) => c.header.toUpperCase()))}\n`);
  for (const row of cells) output.out(`${line(row)}\n`);
}

/** Tells a person how to get the next page of a keyset-paginated list. */
export function printNextPage(output: Output, next: string | null): void {
  if (next) output.err(`more results: add --after ${next}\n`);
}
