import { describe, expect, it } from 'vitest';
import { parseList } from './formats.ts';
import { collect, entityInvariantViolations, formatError, writeTempFiles } from './test-helpers.ts';

const HEADER = 'id,schema,name,aliases,birth_date,countries,identifiers';

describe('simple CSV', () => {
  it('reads a small national list with Cyrillic names, lists inside cells and quoted commas', async () => {
    const [file] = writeTempFiles({
      'watchlist.csv': [
        HEADER,
        'p1,Person,Іваненко Петро Миколайович,"Ivanenko Petro; Иваненко Пётр Николаевич",1975-03-12,UA;ru,PASSPORT:FE123456;INN:1234567890',
        'c1,company,"ТОВ ""Ромашка-Трейд"", Київ",Romashka Trade LLC,,UA,EDRPOU:12345678;REGISTRATION:1-074-000123:7',
        'v1,Vessel,SEA STAR,,1998,pa,imo:9187629',
        'x1,,UNKNOWN HOLDING,,,,',
      ].join('\r\n'),
    });
    const entities = await collect(parseList('simple-csv', [file!], { source: 'ua-nsdc' }));
    expect(entityInvariantViolations(entities)).toEqual([]);
    expect(entities).toEqual([
      {
        id: 'ua-nsdc:p1',
        schema: 'Person',
        caption: 'Іваненко Петро Миколайович',
        names: [
          { value: 'Іваненко Петро Миколайович', kind: 'primary' },
          { value: 'Ivanenko Petro', kind: 'alias' },
          { value: 'Иваненко Пётр Николаевич', kind: 'alias' },
        ],
        birthDates: ['1975-03-12'],
        countries: ['UA', 'RU'],
        identifiers: [
          { scheme: 'PASSPORT', value: 'FE123456' },
          { scheme: 'INN', value: '1234567890' },
        ],
        programs: [],
        sourceUrls: [],
      },
      {
        id: 'ua-nsdc:c1',
        schema: 'Company',
        caption: 'ТОВ "Ромашка-Трейд", Київ',
        names: [
          { value: 'ТОВ "Ромашка-Трейд", Київ', kind: 'primary' },
          { value: 'Romashka Trade LLC', kind: 'alias' },
        ],
        birthDates: [],
        countries: ['UA'],
        // Only the first colon separates scheme from value.
        identifiers: [
          { scheme: 'EDRPOU', value: '12345678' },
          { scheme: 'REGISTRATION', value: '1-074-000123:7' },
        ],
        programs: [],
        sourceUrls: [],
      },
      expect.objectContaining({ id: 'ua-nsdc:v1', schema: 'Vessel', birthDates: ['1998'], countries: ['PA'], identifiers: [{ scheme: 'IMO', value: '9187629' }] }),
      expect.objectContaining({ id: 'ua-nsdc:x1', schema: 'LegalEntity', caption: 'UNKNOWN HOLDING' }),
    ]);
  });

  it('accepts the columns in any order', async () => {
    const [file] = writeTempFiles({ 'l.csv': 'name,id,identifiers,countries,birth_date,aliases,schema\nACME,a1,,,,,Company\n' });
    expect(await collect(parseList('simple-csv', [file!], { source: 'x' }))).toMatchObject([{ id: 'x:a1', caption: 'ACME', schema: 'Company' }]);
  });

  it('names a missing column', async () => {
    const [file] = writeTempFiles({ 'l.csv': 'id,schema,name,aliases,birth_date,identifiers\na1,Person,A,,,\n' });
    const error = await formatError(parseList('simple-csv', [file!], { source: 'x' }));
    expect(error).toMatchObject({ file: 'l.csv', line: 1, field: 'countries' });
    expect(error.message).toMatch(/missing column "countries"/);
  });

  it('names an unknown (misspelt) column', async () => {
    const [file] = writeTempFiles({ 'l.csv': 'id,schema,name,aliases,birthdate,countries,identifiers\n' });
    expect(await formatError(parseList('simple-csv', [file!], { source: 'x' }))).toMatchObject({ line: 1, field: 'birthdate' });
  });

  it('names line 4 when the name on line 4 is empty', async () => {
    const [file] = writeTempFiles({ 'l.csv': `${HEADER}\na1,Person,A,,,,\na2,Person,B,,,,\na3,Person,,,,,\na4,Person,D,,,,\n` });
    const error = await formatError(parseList('simple-csv', [file!], { source: 'x' }));
    expect(error).toMatchObject({ file: 'l.csv', line: 4, field: 'name' });
    expect(error.message).toBe('l.csv line 4, name: name is empty');
  });

  it('counts line breaks inside quoted cells when naming a line', async () => {
    const [file] = writeTempFiles({ 'l.csv': `${HEADER}\na1,Person,"A\nB",,,,\n,Person,C,,,,\n` });
    expect(await formatError(parseList('simple-csv', [file!], { source: 'x' }))).toMatchObject({ line: 4, field: 'id' });
  });

  it('rejects bad cells, naming the line and the column', async () => {
    const cases: Array<[string, string]> = [
      ['a1,Robot,A,,,,', 'schema'],
      ['a1,Person,A,,12.03.1975,,', 'birth_date'],
      ['a1,Person,A,,1975-02-30,,', 'birth_date'],
      ['a1,Person,A,,,Ukraine,', 'countries'],
      ['a1,Person,A,,,,FE123456', 'identifiers'],
    ];
    for (const [row, field] of cases) {
      const [file] = writeTempFiles({ 'l.csv': `${HEADER}\n${row}\n` });
      expect(await formatError(parseList('simple-csv', [file!], { source: 'x' }))).toMatchObject({ line: 2, field });
    }
    const [short] = writeTempFiles({ 'l.csv': `${HEADER}\na1,Person,A\n` });
    expect((await formatError(parseList('simple-csv', [short!], { source: 'x' }))).message).toBe('l.csv line 2: expected 7 columns, got 3');
  });

  it('rejects an id used twice', async () => {
    const [file] = writeTempFiles({ 'l.csv': `${HEADER}\na1,Person,A,,,,\na1,Person,B,,,,\n` });
    expect((await formatError(parseList('simple-csv', [file!], { source: 'x' }))).message).toBe('l.csv line 3, id: id "a1" is already used on line 2');
  });

  it('rejects an empty file', async () => {
    const [file] = writeTempFiles({ 'l.csv': '' });
    expect((await formatError(parseList('simple-csv', [file!], { source: 'x' }))).message).toMatch(/empty/);
  });
});
