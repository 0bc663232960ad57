import { describe, expect, it } from 'vitest';
import { CsvRecordParser, ListFormatError, type CsvRecord } from './reading.ts';

/** Parses text fed in pieces of the given size, as a file arrives in chunks. */
function parseCsv(text: string, pieceSize = text.length || 1): CsvRecord[] {
  const parser = new CsvRecordParser('t.csv');
  const records: CsvRecord[] = [];
  for (let i = 0; i < text.length; i += pieceSize) records.push(...parser.push(text.slice(i, i + pieceSize)));
  records.push(...parser.end());
  return records;
}

describe('CSV record parser', () => {
  const sample = '1,"SMITH, John","said ""hi""",-0- \r\n2,"two\r\nlines",x\r\n\r\n3,,\r\n\x1a';

  it('reads quotes, escaped quotes, line breaks in quotes, CRLF, blank lines and the DOS end-of-file byte', () => {
    expect(parseCsv(sample)).toEqual([
      { line: 1, fields: ['1', 'SMITH, John', 'said "hi"', '-0- '] },
      { line: 2, fields: ['2', 'two\r\nlines', 'x'] },
      { line: 5, fields: ['3', '', ''] },
    ]);
  });

  it('gives the same records whatever the chunk boundaries', () => {
    for (const size of [1, 2, 3, 5, 7]) expect(parseCsv(sample, size)).toEqual(parseCsv(sample));
  });

  it('keeps the last record of a file without a final line break', () => {
    expect(parseCsv('a,b\nc,"d"')).toEqual([
      { line: 1, fields: ['a', 'b'] },
      { line: 2, fields: ['c', 'd'] },
    ]);
  });

  it('rejects text after a closing quote and a quote that is never closed, naming the line', () => {
    expect(() => parseCsv('a,b\n"x"y,z\n')).toThrow(ListFormatError);
    expect(() => parseCsv('a,b\n"x"y,z\n')).toThrow(/^t\.csv line 2: unexpected "y" after a closing quote in column 1$/);
    expect(() => parseCsv('a,b\nc,"d\ne\n')).toThrow(/^t\.csv line 2: quoted field in column 2 is never closed/);
  });

  it('keeps a quote inside an unquoted field as text', () => {
    expect(parseCsv('5 1/2",x\n')).toEqual([{ line: 1, fields: ['5 1/2"', 'x'] }]);
  });
});
