import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ListFormatError, parseList, type ListFormat } from './formats.ts';
import { UN_FILE, collect, formatError, writeTempFiles } from './test-helpers.ts';

describe('parseList', () => {
  it('reports progress in bytes across all files, up to their total size', async () => {
    const files = writeTempFiles({
      'sdn.csv': '1,"ONE, Person","individual","SDGT",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,"DOB 1960."\r\n',
      'alt.csv': '1,10,"aka","UNO, Persona",-0- \r\n',
      'add.csv': '1,20,-0- ,"Kyiv","Ukraine",-0- \r\n',
    });
    const reports: Array<[number, number]> = [];
    await collect(parseList('ofac-csv', files, { source: 'ofac', onProgress: (read, total) => reports.push([read, total]) }));
    const sizes = files.map((file) => fs.statSync(file).size);
    const total = sizes.reduce((sum, size) => sum + size, 0);
    // One chunk per small file, alt.csv and add.csv first because sdn.csv entries need them.
    expect(reports).toEqual([
      [sizes[1]!, total],
      [sizes[1]! + sizes[2]!, total],
      [total, total],
    ]);
  });

  it('reports progress through a large file as it streams', async () => {
    const reads: number[] = [];
    await collect(parseList('un-xml', [UN_FILE], { source: 'un', onProgress: (read) => reads.push(read) }));
    expect(reads.length).toBeGreaterThan(3);
    expect(reads.every((read, i) => i === 0 || read > reads[i - 1]!)).toBe(true);
    expect(reads.at(-1)).toBe(fs.statSync(UN_FILE).size);
  });

  it.each<ListFormat>(['ofac-csv', 'un-xml', 'ftm-json', 'simple-csv'])('%s: a file that does not exist is a ListFormatError naming it', async (format) => {
    const missing = path.join(path.dirname(UN_FILE), 'sdn.csv');
    const error = await formatError(parseList(format, [missing], { source: 'x' }));
    expect(error).toMatchObject({ file: 'sdn.csv' });
    expect(error.message).toBe(`sdn.csv: file not found: ${missing}`);
  });

  it('a folder is not a list file', async () => {
    expect((await formatError(parseList('un-xml', [path.dirname(UN_FILE)], { source: 'un' }))).message).toMatch(/not a regular file/);
  });

  it('refuses a source name that would make ids ambiguous, and calls with no files', async () => {
    await expect(collect(parseList('un-xml', [UN_FILE], { source: 'un:1' }))).rejects.toThrow(/list source/);
    await expect(collect(parseList('un-xml', [], { source: 'un' }))).rejects.toThrow(/no files/);
    await expect(collect(parseList('pdf' as ListFormat, [UN_FILE], { source: 'un' }))).rejects.toThrow(/unknown list format/);
  });

  it('ListFormatError carries file, line and field', () => {
    const error = new ListFormatError('sdn.csv', 'expected 12 columns, got 3', { line: 17 });
    expect(error).toBeInstanceOf(Error);
    expect(error).toMatchObject({ name: 'ListFormatError', file: 'sdn.csv', line: 17, field: undefined, message: 'sdn.csv line 17: expected 12 columns, got 3' });
    expect(new ListFormatError('l.csv', 'name is empty', { line: 4, field: 'name' }).message).toBe('l.csv line 4, name: name is empty');
  });
});
