import { describe, expect, it } from 'vitest';
import { readCsvRecords } from '../../../src/retrieval/inventory/csv-records.js';

describe('readCsvRecords', () => {
  it('reads plain records with their line numbers, skipping blank lines', () => {
    const parsed = readCsvRecords('a,b\n\n1,2\n\n\n3,4\n');
    expect(parsed.errors).toEqual([]);
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

  it('an unclosed quote is an error naming the line where it opened; the lines after it are read', () => {
    const parsed = readCsvRecords('a,b\n1,"open\n2,3\n');
    expect(parsed.errors).toEqual([{ line: 2, message: 'a quoted field is never closed (or is longer than 4096 characters)' }]);
    expect(parsed.records).toEqual([{ line: 1, fields: ['a', 'b'] }, { line: 3, fields: ['2', '3'] }]);
  });

  it('a quote inside an unquoted field, or text after a closing quote, is an error', () => {
    expect(readCsvRecords('a,b"c\n').errors[0]?.message).toMatch(/middle of an unquoted field/);
    expect(readCsvRecords('"a"b,c\n').errors[0]?.message).toMatch(/after a closing quote/);
  });

  it('after a quoting error reading goes on: every broken line is reported, every good one kept', () => {
    const parsed = readCsvRecords('h1,h2\n1,"x"y\n2,3\n4,b"c\n5,"ok"\n"6","never closed\n7,8\n');
    expect(parsed.errors.map((e) => e.line)).toEqual([2, 4, 6]);
    expect(parsed.records).toEqual([
      { line: 1, fields: ['h1', 'h2'] },
      { line: 3, fields: ['2', '3'] },
      { line: 5, fields: ['5', 'ok'] },
      { line: 7, fields: ['7', '8'] },
    ]);
  });

  it('a stray quote near the top: the 20,000 lines after it are still read (a quoted field ends within 4096 characters)', () => {
    const parsed = readCsvRecords(`h\n"stray\n${'y\n'.repeat(20_000)}`);
    expect(parsed.errors).toEqual([{ line: 2, message: 'a quoted field is never closed (or is longer than 4096 characters)' }]);
    expect(parsed.records).toHaveLength(20_001);
    expect(parsed.records[20_000]).toEqual({ line: 20_002, fields: ['y'] });
  });
});
