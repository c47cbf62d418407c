import { describe, expect, it } from 'vitest';
import { readCsvRecords } from '../../../src/retrieval/inventory/csv-records.js';

describe('readCsvRecords', () => {
  it('reads plain records with their line numbers, skipping blank lines', () => {
    const parsed = readCsvRecords('a,b\n\n1,2\n\n\n3,4\n');
    expect(parsed.error).toBeUndefined();
    expect(parsed.records).toEqual([
      { line: 1, fields: ['a', 'b'] },
      { line: 3, fields: ['1', '2'] },
      { line: 6, fields: ['3', '4'] },
    ]);
  });

  it('drops a UTF-8 BOM and accepts CRLF and a missing final newline', () => {
    const parsed = readCsvRecords('\ufeffhostname,ip\r\ncore-1,10.0.0.1\r\ncore-2,10.0.0.2');
    expect(parsed.records.map((r) => r.fields)).toEqual([['hostname', 'ip'], ['core-1', '10.0.0.1'], ['core-2', '10.0.0.2']]);
  });

  it('keeps commas, doubled quotes and line breaks inside quoted fields; the next record keeps its real line', () => {
    const parsed = readCsvRecords('"a,b","say ""hi""","two\nlines"\nnext,x,y\n');
    expect(parsed.records[0]).toEqual({ line: 1, fields: ['a,b', 'say "hi"', 'two\nlines'] });
    expect(parsed.records[1]).toEqual({ line: 3, fields: ['next', 'x', 'y'] });
  });

  it('keeps empty fields, including a trailing one', () => {
    expect(readCsvRecords('a,,c,\n').records[0]!.fields).toEqual(['a', '', 'c', '']);
    expect(readCsvRecords('""\n').records[0]!.fields).toEqual(['']);
  });

  it('an unclosed quote is an error naming the line where it opened', () => {
    const parsed = readCsvRecords('a,b\n1,"open\n2,3\n');
    expect(parsed.error).toEqual({ line: 2, message: 'a quoted field is never closed' });
    expect(parsed.records).toHaveLength(1);
  });

  it('a quote inside an unquoted field, or text after a closing quote, is an error', () => {
    expect(readCsvRecords('a,b"c\n').error?.message).toMatch(/middle of an unquoted field/);
    expect(readCsvRecords('"a"b,c\n').error?.message).toMatch(/after a closing quote/);
  });
});
