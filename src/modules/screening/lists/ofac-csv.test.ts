import { beforeAll, describe, expect, it } from 'vitest';
import type { ListEntity } from '../types.ts';
import { parseList } from './formats.ts';
import { parseOfacRemarks } from './ofac-remarks.ts';
import type { ListWarning } from './reading.ts';
import { OFAC_FILES, collect, entityInvariantViolations, formatError, warningLog, writeTempFiles } from './test-helpers.ts';

describe('OFAC SDN legacy CSV, the real snapshot', () => {
  let entities: ListEntity[];
  let warnings: ListWarning[];
  const byId = (id: string) => entities.find((entity) => entity.id === id);

  beforeAll(async () => {
    const log = warningLog();
    // Given in a different order than OFAC's own, to show files are told apart by name.
    entities = await collect(parseList('ofac-csv', [OFAC_FILES[2]!, OFAC_FILES[0]!, OFAC_FILES[1]!], { source: 'ofac', onWarning: log.onWarning }));
    warnings = log.warnings;
  });

  it('parses every one of the 8,976 sdn.csv entries', () => {
    expect(entities).toHaveLength(8976);
    const counts: Record<string, number> = {};
    for (const entity of entities) counts[entity.schema] = (counts[entity.schema] ?? 0) + 1;
    expect(counts).toEqual({ Person: 4620, LegalEntity: 3673, Vessel: 406, Aircraft: 277 });
  });

  it('attaches the aliases of alt.csv and the weak a.k.a.s of the remarks', () => {
    // alt.csv has 11,910 rows for 4,139 entries. Two rows repeat an alias of the same entry and
    // four repeat the primary name; for ent_num 20125 ("KIM, Kyong Ok") that is its only alias.
    expect(entities.filter((entity) => entity.names.some((name) => name.kind === 'alias'))).toHaveLength(4138);
    expect(entities.flatMap((entity) => entity.names).filter((name) => name.kind === 'alias').length).toBe(11910 - 2 - 4);
    expect(byId('ofac:20125')!.names).toEqual([{ value: 'KIM, Kyong Ok', kind: 'primary' }]);
    expect(entities.flatMap((entity) => entity.names).filter((name) => name.kind === 'weak').length).toBe(2438);
  });

  it('reads an individual with dates of birth, passports, nationality and addresses', () => {
    // sdn.csv line 2745; aliases alt.csv lines 4303-4310; addresses add.csv lines 5331-5332.
    expect(byId('ofac:12625')).toEqual({
      id: 'ofac:12625',
      schema: 'Person',
      caption: 'KOLBAYEV, Kamchybek Asanbekovich',
      names: [
        { value: 'KOLBAYEV, Kamchybek Asanbekovich', kind: 'primary' },
        { value: 'KOLBAEV, Kamchibek', kind: 'alias' },
        { value: 'KOLBAYEV, Kamchy', kind: 'alias' },
        { value: 'KOLBAYEV, Kamchi', kind: 'alias' },
        { value: 'KOLBAYEV, Kamchibek', kind: 'alias' },
        { value: 'KOLBAEV, Kamchi', kind: 'alias' },
        { value: 'ASANBEK, Kamchy', kind: 'alias' },
        { value: 'ASANBEK, Kamchi', kind: 'alias' },
        { value: 'KAMCHI, Asanbeka', kind: 'alias' },
        { value: 'KAMCHI BISHKEKSKIY', kind: 'weak' },
        { value: 'KOLYA-KYRGYZ', kind: 'weak' },
      ],
      birthDates: ['1974-08-03', '1973-01-01'],
      // UAE from both addresses, Kyrgyzstan from nationality and place of birth.
      countries: ['AE', 'KG'],
      identifiers: [
        { scheme: 'PASSPORT', value: 'AC2499982', country: 'KG' },
        { scheme: 'PASSPORT', value: 'AC732709', country: 'KG' },
      ],
      gender: 'male',
      programs: ['SDNTK', 'TCO'],
      sourceUrls: ['https://sanctionssearch.ofac.treas.gov/Details.aspx?id=12625'],
      notes:
        "DOB 03 Aug 1974; alt. DOB 01 Jan 1973; POB Cholpon-Ata, Kyrgyzstan; nationality Kyrgyzstan; Gender Male; Passport AC2499982 (Kyrgyzstan); alt. Passport AC732709 (Kyrgyzstan); Identification Number 20308197410028 (Kyrgyzstan); alt. Identification Number 1002001 (Kyrgyzstan); a.k.a. 'KAMCHI BISHKEKSKIY'; a.k.a. 'KOLYA-KYRGYZ'; Linked To: THIEVES-IN-LAW.",
    });
  });

  it('reads a vessel with its IMO number and flag', () => {
    const vessel = byId('ofac:15036')!;
    expect(vessel).toMatchObject({
      schema: 'Vessel',
      caption: 'ARTAVIL',
      names: [
        { value: 'ARTAVIL', kind: 'primary' },
        { value: 'ABADAN', kind: 'alias' },
        { value: 'SHONA', kind: 'alias' },
        { value: 'ALPHA', kind: 'weak' },
      ],
      birthDates: [],
      // The current flag only: former flags (Malta, Tuvalu, Tanzania) are history.
      countries: ['IR'],
      identifiers: [{ scheme: 'IMO', value: '9187629' }],
      programs: ['IRAN'],
    });
    expect(vessel.gender).toBeUndefined();
  });

  it('reads a Russian bank: Tax ID → INN, Registration ID → OGRN, SWIFT/BIC', () => {
    expect(byId('ofac:16681')).toMatchObject({
      schema: 'LegalEntity',
      caption: 'BANK ROSSIYA',
      names: [
        { value: 'BANK ROSSIYA', kind: 'primary' },
        { value: 'AKTSIONERNY BANK RUSSIAN FEDERATION', kind: 'alias' },
        { value: 'AB ROSSIYA, OAO', kind: 'alias' },
        { value: 'OTKRYTOE AKTSIONERNOE OBSHCHESTVO AKTSIONERNY BANK ROSSIYA', kind: 'alias' },
      ],
      countries: ['RU'],
      identifiers: [
        { scheme: 'SWIFT', value: 'ROSYRU2P' },
        { scheme: 'OGRN', value: '1027800000084', country: 'RU' },
        { scheme: 'INN', value: '7831000122', country: 'RU' },
      ],
      programs: ['UKRAINE-EO13661'],
    });
  });

  it('splits multi-program entries', () => {
    // 11786 QASEMI, Rostam: "SDGT] [NPWMD] [IRGC] [IFSR"
    expect(byId('ofac:11786')!.programs).toEqual(['SDGT', 'NPWMD', 'IRGC', 'IFSR']);
  });

  it('gives every entity the invariants of ListEntity', () => {
    expect(entityInvariantViolations(entities)).toEqual([]);
  });

  it('maps every country name in the files except a disputed region', () => {
    // Kafia Kingi is claimed by both Sudan and South Sudan; picking one would be a guess.
    expect(warnings.map((warning) => `${warning.kind} ${warning.value}`)).toEqual(Array(6).fill('unmapped-country Region: Kafia Kingi'));
  });
});

describe('OFAC remarks', () => {
  it('reads dates of birth in all the forms the list uses', () => {
    const dates = (text: string) => parseOfacRemarks(`DOB ${text}.`).birthDates;
    expect(dates('12 Jan 1960')).toEqual(['1960-01-12']);
    expect(dates('Jan 1960')).toEqual(['1960-01']);
    expect(dates('1960')).toEqual(['1960']);
    // Approximate and ranged dates are only as precise as their year.
    expect(dates('circa 1960')).toEqual(['1960']);
    expect(dates('circa 07 Jul 1966')).toEqual(['1966']);
    expect(dates('1960 to 1962')).toEqual(['1960', '1961', '1962']);
    expect(dates('01 Jan 1973 to 31 Dec 1973')).toEqual(['1973']);
    expect(dates('Mar 1962 to Feb 1963')).toEqual(['1962', '1963']);
    expect(dates('circa 1979-1982')).toEqual(['1979', '1980', '1981', '1982']);
  });

  it('reports a date of birth it cannot read instead of guessing', () => {
    expect(parseOfacRemarks('DOB 31 Feb 1960; alt. DOB sometime in the sixties.')).toMatchObject({
      birthDates: [],
      unparsedBirthDates: ['31 Feb 1960', 'sometime in the sixties'],
    });
  });

  it('reads identifiers with their country and without issue or expiry dates', () => {
    const remarks = parseOfacRemarks(
      'Passport G55296890 (China) issued 15 Sep 2011 expires 14 Sep 2021; National ID No. 6579726970 (Iran); Tax ID No. 32071216470 (Texas) (United States); Registration Number 1149102099640 (Russia); Registration ID 01125548 (Ukraine); Registration Number 11231070006000476 (Ukraine); Identification Number IMO 5342883; SWIFT/BIC havigb2l; MMSI 572469210.',
    );
    expect(remarks.identifiers).toEqual([
      { scheme: 'PASSPORT', value: 'G55296890', country: 'CN' },
      { scheme: 'NATIONAL_ID', value: '6579726970', country: 'IR' },
      { scheme: 'TAX', value: '32071216470', country: 'US' },
      { scheme: 'OGRN', value: '1149102099640', country: 'RU' },
      { scheme: 'EDRPOU', value: '01125548', country: 'UA' },
      { scheme: 'REGISTRATION', value: '11231070006000476', country: 'UA' },
      { scheme: 'IMO', value: '5342883' },
      { scheme: 'SWIFT', value: 'HAVIGB2L' },
    ]);
  });

  it('reads nationality, citizenship, gender, place of birth and weak aliases', () => {
    expect(parseOfacRemarks("POB Kinshasa, Congo, Democratic Republic of the; nationality Korea, North; alt. citizen possibly Palestinian; Nationality of Registration Man, Isle of; Gender Female; a.k.a. 'ABU-'UMAR'; f.k.a. 'ALPHA'.")).toMatchObject({
      placesOfBirth: ['Kinshasa, Congo, Democratic Republic of the'],
      nationalities: ['Korea, North', 'possibly Palestinian', 'Man, Isle of'],
      gender: 'female',
      // Apostrophes inside the quoted name stay.
      weakAliases: ["ABU-'UMAR", 'ALPHA'],
    });
  });

  it('does not read the last statement of remarks cut off at 1,000 characters', () => {
    // A complete remark ends with a full stop; this one stops inside a passport number.
    expect(parseOfacRemarks('DOB 1960; Passport A12').identifiers).toEqual([]);
    expect(parseOfacRemarks('DOB 1960; Passport A12.').identifiers).toEqual([{ scheme: 'PASSPORT', value: 'A12' }]);
  });
});

describe('OFAC files that are broken', () => {
  const sdnRow = (id: number, name: string) => `${id},"${name}","individual","SDGT",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,"DOB 1960."`;

  it('names the line and the column count of a short row', async () => {
    const [sdn] = writeTempFiles({ 'sdn.csv': `${sdnRow(1, 'ONE, Person')}\r\n2,"TWO","individual"\r\n` });
    const error = await formatError(parseList('ofac-csv', [sdn!], { source: 'ofac' }));
    expect(error.message).toBe('sdn.csv line 2: expected 12 columns, got 3');
    expect(error).toMatchObject({ file: 'sdn.csv', line: 2 });
  });

  it('rejects a non-numeric ent_num and an unknown SDN_Type, naming the field', async () => {
    const [bad] = writeTempFiles({ 'SDN.CSV': 'X1,"A",-0- ,"SDGT",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- \n' });
    expect(await formatError(parseList('ofac-csv', [bad!], { source: 'ofac' }))).toMatchObject({ file: 'SDN.CSV', line: 1, field: 'ent_num' });
    const [robot] = writeTempFiles({ 'sdn.csv': '7,"A","robot","SDGT",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- \n' });
    expect(await formatError(parseList('ofac-csv', [robot!], { source: 'ofac' }))).toMatchObject({ line: 1, field: 'SDN_Type' });
  });

  it('rejects an alias of an entry that sdn.csv does not have (files from different downloads)', async () => {
    const files = writeTempFiles({ 'sdn.csv': `${sdnRow(1, 'ONE, Person')}\n`, 'alt.csv': '1,10,"aka","UNO",-0- \n99,11,"aka","GHOST",-0- \n' });
    expect(await formatError(parseList('ofac-csv', files, { source: 'ofac' }))).toMatchObject({ file: 'alt.csv', line: 2, field: 'ent_num' });
  });

  it('needs sdn.csv and nothing but the three OFAC files', async () => {
    const [alt] = writeTempFiles({ 'alt.csv': '1,10,"aka","UNO",-0- \n' });
    expect((await formatError(parseList('ofac-csv', [alt!], { source: 'ofac' }))).message).toMatch(/^sdn\.csv: missing/);
    const [other] = writeTempFiles({ 'sdn_comments.csv': '' });
    expect(await formatError(parseList('ofac-csv', [other!], { source: 'ofac' }))).toMatchObject({ file: 'sdn_comments.csv' });
  });

  it('rejects a quoted field that is never closed', async () => {
    const [sdn] = writeTempFiles({ 'sdn.csv': `${sdnRow(1, 'ONE')}\n2,"TWO,"individual",-0- ` });
    expect(await formatError(parseList('ofac-csv', [sdn!], { source: 'ofac' }))).toMatchObject({ file: 'sdn.csv', line: 2 });
  });
});
