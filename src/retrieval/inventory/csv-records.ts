/** A strict RFC 4180 reader: BOM, CRLF/LF, quoted fields with "" escapes; each record keeps its line number. */

export interface CsvRecord {
  /** 1-based line on which the record starts. */
  line: number;
  fields: string[];
}

export interface CsvParse {
  records: CsvRecord[];
  /** A quote problem stops the reader: everything after it would be misread. */
  error?: { line: number; message: string };
}

/** Splits text into records; blank lines are skipped. */
export function readCsvRecords(input: string): CsvParse {
  const text = input.charCodeAt(0) === 0xfeff ? input.slice(1) : input;
  const records: CsvRecord[] = [];
  let fields: string[] = [];
  let field = '';
  let line = 1;
  let recordLine = 1;
  let inQuotes = false;
  let quoteLine = 0;
  let fieldStarted = false;
  const endRecord = () => {
    fields.push(field);
    const blank = fields.length === 1 && fields[0] === '' && !fieldStarted;
    if (!blank) records.push({ line: recordLine, fields });
    fields = [];
    field = '';
    fieldStarted = false;
  };
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (inQuotes) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i++;
        } else {
          inQuotes = false;
          const after = text[i + 1];
          if (after !== undefined && after !== ',' && after !== '\n' && after !== '\r') {
            return { records, error: { line, message: `unexpected text after a closing quote (a quote inside a quoted field is written "")` } };
          }
        }
      } else {
        if (ch === '\n') line++;
        field += ch;
      }
      continue;
    }
    if (ch === '"') {
      if (field.length > 0) return { records, error: { line, message: 'a quote in the middle of an unquoted field: quote the whole field and write inner quotes as ""' } };
      inQuotes = true;
      quoteLine = line;
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
  }
  if (inQuotes) return { records, error: { line: quoteLine, message: 'a quoted field is never closed' } };
  if (field.length > 0 || fields.length > 0 || fieldStarted) endRecord();
  return { records };
}
