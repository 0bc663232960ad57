import fs from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ListEntity } from '../types.ts';
import { ListFormatError, parseList } from './formats.ts';
import type { ListWarning } from './reading.ts';
import { UN_FILE, collect, entityInvariantViolations, formatError, warningLog, writeTempFiles } from './test-helpers.ts';
import { cleanUnDocumentNumber } from './un-xml.ts';

describe('UN consolidated list, the real snapshot', () => {
  let entities: ListEntity[];
  let warnings: ListWarning[];
  const byId = (id: string) => entities.find((entity) => entity.id === id);

  beforeAll(async () => {
    const log = warningLog();
    entities = await collect(parseList('un-xml', [UN_FILE], { source: 'un', onWarning: log.onWarning }));
    warnings = log.warnings;
  });

  it('parses 730 individuals and 273 entities', () => {
    expect(entities).toHaveLength(1003);
    expect(entities.filter((entity) => entity.schema === 'Person')).toHaveLength(730);
    expect(entities.filter((entity) => entity.schema === 'LegalEntity')).toHaveLength(273);
  });

  it('reads an individual with an Arabic original-script name and a passport', () => {
    expect(byId('un:6908706')).toEqual({
      id: 'un:6908706',
      schema: 'Person',
      caption: 'Mohammed Al Amin Al-Arabi Kashlaf',
      names: [
        { value: 'Mohammed Al Amin Al-Arabi Kashlaf', kind: 'primary' },
        { value: 'محمد الأمين العربي كشلاف', kind: 'alias' },
        { value: 'Kashlaf', kind: 'alias' },
        { value: 'Koshlaf', kind: 'alias' },
        { value: 'al-Qasab', kind: 'alias' },
        { value: 'Keslaf', kind: 'weak' },
      ],
      birthDates: ['1985-12-02'],
      countries: ['LY'],
      // The document names no issuing country.
      identifiers: [{ scheme: 'PASSPORT', value: 'C17HLRL3' }],
      programs: ['Libya', 'LYi'],
      sourceUrls: ['https://scsanctions.un.org/'],
      notes: 'Listed pursuant to paragraphs 15 and 17 of resolution 1970 (Travel Ban, Asset Freeze)',
    });
  });

  it('reads Cyrillic names of an individual and of his aliases, and a document with its country', () => {
    const entity = byId('un:6908489')!;
    expect(entity).toMatchObject({
      schema: 'Person',
      caption: 'AKHMED RAJAPOVICH CHATAEV',
      names: [
        { value: 'AKHMED RAJAPOVICH CHATAEV', kind: 'primary' },
        { value: 'Ахмед Ражапович Чатаев', kind: 'alias' },
        { value: 'Akhmad Shishani', kind: 'alias' },
        { value: 'Ахмад Шишани', kind: 'alias' },
        { value: 'David Mayer', kind: 'alias' },
        { value: 'Давид Майер', kind: 'alias' },
        { value: 'Elmir Sene', kind: 'alias' },
        { value: 'Эльмир Сене', kind: 'alias' },
        { value: 'Odnorukiy', kind: 'weak' },
        { value: 'Однорукий', kind: 'weak' },
      ],
      birthDates: ['1980-07-04'],
      // Nationality and birth: Russian Federation; addresses: Syrian Arab Republic, Iraq.
      countries: ['RU', 'SY', 'IQ'],
      identifiers: [{ scheme: 'NATIONAL_ID', value: '9600133195', country: 'RU' }],
      programs: ['Al-Qaida', 'QDi'],
    });
    expect(entity.gender).toBeUndefined();
    expect(entity.notes).toMatch(/^As at Aug\. 2015, one of the leaders/);
  });

  it('reads a birth date given as a year only', () => {
    expect(byId('un:6908663')).toMatchObject({ caption: 'LUCIEN NZAMBAMWITA', birthDates: ['1966'], countries: ['RW'], programs: ['DRC', 'CDi'] });
  });

  it('reads a birth year range as every year in it', () => {
    expect(byId('un:3012888')!.birthDates).toEqual(['1977', '1978', '1979', '1980', '1981', '1982']);
  });

  it('reads an entity with its original-script name', () => {
    expect(byId('un:113457')).toMatchObject({
      schema: 'LegalEntity',
      caption: 'AL-ITIHAAD AL-ISLAMIYA / AIAI',
      names: [
        { value: 'AL-ITIHAAD AL-ISLAMIYA / AIAI', kind: 'primary' },
        { value: 'الاتحاد الاسلامي', kind: 'alias' },
      ],
      programs: ['Al-Qaida', 'QDe'],
    });
  });

  it('gives every entity the invariants of ListEntity', () => {
    expect(entityInvariantViolations(entities)).toEqual([]);
  });

  it('maps every country name and reads every date in the file', () => {
    expect(warnings).toEqual([]);
  });
});

describe('UN document numbers', () => {
  it('drops the words around the number', () => {
    expect(cleanUnDocumentNumber('Afghan passport number SE 012820')).toBe('SE 012820');
    expect(cleanUnDocumentNumber('Libya B/002210')).toBe('B/002210');
    expect(cleanUnDocumentNumber('381110042 (Expired 25 Jan. 2016)')).toBe('381110042');
    expect(cleanUnDocumentNumber('R00012098, South Sudan')).toBe('R00012098');
    expect(cleanUnDocumentNumber('German travel document (“Reiseausweis”) A 0139243')).toBe('A 0139243');
    expect(cleanUnDocumentNumber('Russian passport number 8208 No. 555627')).toBe('8208 555627');
    expect(cleanUnDocumentNumber('C17HLRL3')).toBe('C17HLRL3');
  });
});

describe('UN XML that is broken', () => {
  it('rejects a truncated file, naming the line where it stops, after yielding what came before', async () => {
    const whole = fs.readFileSync(UN_FILE, 'utf8');
    // Cut inside the second half of the file, in the middle of some record.
    const truncated = whole.slice(0, Math.floor(whole.length * 0.6));
    const lastLine = truncated.split('\n').length;
    const [file] = writeTempFiles({ 'consolidated.xml': truncated });

    const yielded: ListEntity[] = [];
    let error: unknown;
    try {
      for await (const entity of parseList('un-xml', [file!], { source: 'un' })) yielded.push(entity);
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(ListFormatError);
    expect(error).toMatchObject({ file: 'consolidated.xml', line: lastLine });
    expect((error as Error).message).toMatch(new RegExp(`^consolidated\\.xml line ${lastLine}: malformed XML: .*unclosed tag`));
    // Streaming means entities before the cut were already handed out: the caller must discard them.
    expect(yielded.length).toBeGreaterThan(0);
    expect(yielded.length).toBeLessThan(1003);
  });

  it('rejects XML that is not a UN list', async () => {
    const [file] = writeTempFiles({ 'list.xml': '<?xml version="1.0"?>\n<sdnList><sdnEntry/></sdnList>\n' });
    expect(await formatError(parseList('un-xml', [file!], { source: 'un' }))).toMatchObject({ file: 'list.xml', line: 2 });
  });

  it('rejects a record without DATAID, naming its line', async () => {
    const xml = '<CONSOLIDATED_LIST>\n<INDIVIDUALS>\n<INDIVIDUAL>\n<FIRST_NAME>X</FIRST_NAME>\n</INDIVIDUAL>\n</INDIVIDUALS>\n</CONSOLIDATED_LIST>\n';
    const [file] = writeTempFiles({ 'consolidated.xml': xml });
    expect(await formatError(parseList('un-xml', [file!], { source: 'un' }))).toMatchObject({ line: 3, field: 'DATAID' });
  });

  it('rejects bytes that are not UTF-8', async () => {
    const [file] = writeTempFiles({ 'consolidated.xml': Buffer.from([...Buffer.from('<CONSOLIDATED_LIST>'), 0xff, 0xfe, ...Buffer.from('</CONSOLIDATED_LIST>')]) });
    expect((await formatError(parseList('un-xml', [file!], { source: 'un' }))).message).toMatch(/not valid UTF-8/);
  });
});
