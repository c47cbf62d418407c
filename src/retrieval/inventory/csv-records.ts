/**
 * A strict RFC 4180 reader: BOM, CRLF/LF, quoted fields with "" escapes; each record keeps its
 * line number. A quoting error does not stop it: the faulty record is dropped, the error kept,
 * and reading goes on at the next line, so every bad line of a file is listed at once.
 */
import { INPUT_LIMITS } from '../../config/input-limits.js';

export interface CsvRecord {
  /** 1-based line on which the record starts. */
  line: number;
  fields: string[];
}

export interface CsvError {
  line: number;
  message: string;
}

export interface CsvParse {
  records: CsvRecord[];
  /** Quoting errors, in file order; their records are not in `records`. */
  errors: CsvError[];
}

const AFTER_CLOSING_QUOTE = 'unexpected text after a closing quote (a quote inside a quoted field is written "")';
const QUOTE_IN_FIELD = 'a quote in the middle of an unquoted field: quote the whole field and write inner quotes as ""';
const NEVER_CLOSED = `a quoted field is never closed (or is longer than ${INPUT_LIMITS.csvField} characters)`;

/** Splits text into records; blank lines are skipped. Linear in the size of the text, also when quotes are broken. */
export function readCsvRecords(input: string): CsvParse {
  const text = input.charCodeAt(0) === 0xfeff ? input.slice(1) : input;
  const records: CsvRecord[] = [];
  const errors: CsvError[] = [];
  let fields: string[] = [];
  let field = '';
  let fieldStarted = false;
  let line = 1;
  let recordLine = 1;
  // An open quote: where it is, and where its line ends (reading resumes there if it never closes).
  let quote: { line: number; lineEnd: number } | undefined;

  const reset = () => {
    fields = [];
    field = '';
    fieldStarted = false;
    quote = undefined;
  };
  const endRecord = () => {
    fields.push(field);
    if (!(fields.length === 1 && fields[0] === '' && !fieldStarted)) records.push({ line: recordLine, fields });
    reset();
  };
  /** Drops the record in progress and resumes after the newline at or after `from` (on line `atLine`). */
  const resumeAfter = (from: number, atLine: number, error: CsvError): number => {
    errors.push(error);
    reset();
    const end = from === -1 ? -1 : text.indexOf('\n', from);
    line = atLine + 1;
    recordLine = line;
    return end === -1 ? text.length : end + 1;
  };

  for (let i = 0; ; ) {
    if (i >= text.length) {
      if (!quote) break;
      // The quote swallowed the rest of the file: report it where it opened, read on after its line.
      i = resumeAfter(quote.lineEnd, quote.line, { line: quote.line, message: NEVER_CLOSED });
      continue;
    }
    const ch = text[i]!;
    if (quote) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i += 2;
      } else if (ch === '"') {
        quote = undefined;
        const after = text[i + 1];
        i = after === undefined || after === ',' || after === '\n' || after === '\r' ? i + 1 : resumeAfter(i, line, { line, message: AFTER_CLOSING_QUOTE });
      } else if (field.length >= INPUT_LIMITS.csvField) {
        // Bounded, so a stray quote costs one field's worth of reading, not the rest of the file.
        i = resumeAfter(quote.lineEnd, quote.line, { line: quote.line, message: NEVER_CLOSED });
      } else {
        if (ch === '\n') {
          if (quote.lineEnd === -1) quote.lineEnd = i;
          line++;
        }
        field += ch;
        i++;
      }
      continue;
    }
    if (ch === '"') {
      if (field.length > 0) {
        i = resumeAfter(i, line, { line, message: QUOTE_IN_FIELD });
        continue;
      }
      quote = { line, lineEnd: -1 };
      fieldStarted = true;
    } else if (ch === ',') {
      fields.push(field);
      field = '';
      fieldStarted = true;
    } else if (ch === '\r' || ch === '\n') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      endRecord();
      line++;
      recordLine = line;
    } else {
      field += ch;
    }
    i++;
  }
  if (field.length > 0 || fields.length > 0 || fieldStarted) endRecord();
  return { records, errors };
}
