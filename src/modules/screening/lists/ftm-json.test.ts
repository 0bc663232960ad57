import { describe, expect, it } from 'vitest';
import { parseList } from './formats.ts';
import { ftmCountry } from './ftm-json.ts';
import { collect, entityInvariantViolations, formatError, warningLog, writeTempFiles } from './test-helpers.ts';

/** A few entities as OpenSanctions exports them (entities.ftm.json), with the relationship records around them. */
const FTM_LINES = [
  {
    id: 'ru-inn-7707083893',
    schema: 'Company',
    caption: 'ПАО Сбербанк',
    properties: {
      name: ['ПАО Сбербанк', 'Sberbank of Russia'],
      alias: ['Сбербанк России', 'SBERBANK'],
      innCode: ['7707083893'],
      ogrnCode: ['1027700132195'],
      swiftBic: ['sabrrumm'],
      leiCode: ['549300WE6TAF5EEWQS81'],
      jurisdiction: ['ru'],
      country: ['ru'],
      program: ['UKRAINE-EO13662', 'RUSSIA-EO14024'],
      topics: ['sanction'],
      sourceUrl: ['https://sanctionssearch.ofac.treas.gov/Details.aspx?id=20019'],
      notes: ['Largest bank of Russia.'],
    },
    datasets: ['us_ofac_sdn', 'ua_nsdc_sanctions'],
  },
  {
    id: 'Q7747',
    schema: 'Person',
    caption: 'Vladimir Putin',
    properties: {
      name: ['Владимир Владимирович Путин'],
      alias: ['Vladimir Vladimirovich PUTIN', 'Путін Володимир Володимирович'],
      weakAlias: ['VVP'],
      birthDate: ['1952-10-07'],
      nationality: ['ru', 'suhh'],
      country: ['ru'],
      gender: ['male'],
      topics: ['role.pep', 'sanction'],
    },
  },
  { id: 'ofac-own-1', schema: 'Ownership', properties: { owner: ['Q7747'], asset: ['ru-inn-7707083893'], percentage: ['50'] } },
  {
    id: 'imo-9187629',
    schema: 'Vessel',
    caption: 'ARTAVIL',
    properties: { name: ['ARTAVIL'], previousName: ['ALPHA'], imoNumber: ['IMO 9187629'], flag: ['ir'], program: ['IRAN'] },
  },
  { id: 'ofac-sanction-1', schema: 'Sanction', properties: { entity: ['Q7747'], program: ['RUSSIA-EO14024'] } },
  {
    id: 'ua-mod-ru',
    schema: 'PublicBody',
    properties: { name: ['Министерство обороны Российской Федерации'], alias: ['Міноборони РФ'], country: ['ru', 'ua-cri'] },
  },
  // A Person with no name property: OpenSanctions' caption stands in.
  { id: 'NK-x1', schema: 'Person', caption: 'Ivan Petrov', properties: { birthDate: ['1970-05-01T00:00:00'], passportNumber: ['7512345678'], idNumber: ['AB123'] } },
  { id: 'addr-1', schema: 'Address', caption: 'Moscow', properties: { full: ['Moscow, Russia'], country: ['ru'] } },
];

describe('FollowTheMoney JSON lines', () => {
  it('reads entities, maps PublicBody to Organization, skips and reports relationship records', async () => {
    const [file] = writeTempFiles({ 'entities.ftm.json': `${FTM_LINES.map((line) => JSON.stringify(line)).join('\n')}\n` });
    const log = warningLog();
    const entities = await collect(parseList('ftm-json', [file!], { source: 'opensanctions', onWarning: log.onWarning }));

    expect(entities.map((entity) => [entity.id, entity.schema])).toEqual([
      ['opensanctions:ru-inn-7707083893', 'Company'],
      ['opensanctions:Q7747', 'Person'],
      ['opensanctions:imo-9187629', 'Vessel'],
      ['opensanctions:ua-mod-ru', 'Organization'],
      ['opensanctions:NK-x1', 'Person'],
    ]);
    expect(log.warnings.map((warning) => [warning.kind, warning.value, warning.line])).toEqual([
      ['skipped-record', 'Ownership', 3],
      ['skipped-record', 'Sanction', 5],
      ['skipped-record', 'Address', 8],
    ]);
    expect(entityInvariantViolations(entities)).toEqual([]);

    const [bank, putin, vessel, ministry, petrov] = entities;
    expect(bank).toEqual({
      id: 'opensanctions:ru-inn-7707083893',
      schema: 'Company',
      caption: 'ПАО Сбербанк',
      names: [
        { value: 'ПАО Сбербанк', kind: 'primary' },
        { value: 'Sberbank of Russia', kind: 'primary' },
        { value: 'Сбербанк России', kind: 'alias' },
        { value: 'SBERBANK', kind: 'alias' },
      ],
      birthDates: [],
      countries: ['RU'],
      identifiers: [
        { scheme: 'INN', value: '7707083893' },
        { scheme: 'OGRN', value: '1027700132195' },
        { scheme: 'LEI', value: '549300WE6TAF5EEWQS81' },
        { scheme: 'SWIFT', value: 'SABRRUMM' },
      ],
      programs: ['UKRAINE-EO13662', 'RUSSIA-EO14024'],
      sourceUrls: ['https://sanctionssearch.ofac.treas.gov/Details.aspx?id=20019'],
      notes: 'Largest bank of Russia.',
    });
    expect(putin).toMatchObject({
      caption: 'Владимир Владимирович Путин',
      names: [
        { value: 'Владимир Владимирович Путин', kind: 'primary' },
        { value: 'Vladimir Vladimirovich PUTIN', kind: 'alias' },
        { value: 'Путін Володимир Володимирович', kind: 'alias' },
        { value: 'VVP', kind: 'weak' },
      ],
      birthDates: ['1952-10-07'],
      // "suhh" is FtM's code for the Soviet Union.
      countries: ['RU', 'SU'],
      gender: 'male',
    });
    expect(vessel).toMatchObject({ countries: ['IR'], identifiers: [{ scheme: 'IMO', value: '9187629' }], programs: ['IRAN'] });
    // Crimea ("ua-cri") is Ukraine.
    expect(ministry!.countries).toEqual(['RU', 'UA']);
    expect(petrov).toMatchObject({
      caption: 'Ivan Petrov',
      birthDates: ['1970-05-01'],
      identifiers: [
        { scheme: 'PASSPORT', value: '7512345678' },
        { scheme: 'NATIONAL_ID', value: 'AB123' },
      ],
    });
  });

  it('names line 3 when line 3 is not JSON', async () => {
    const lines = [JSON.stringify(FTM_LINES[0]), JSON.stringify(FTM_LINES[1]), '{"id": "broken", "schema": "Person", "properties": {"name": ["X"]', JSON.stringify(FTM_LINES[3])];
    const [file] = writeTempFiles({ 'entities.ftm.json': lines.join('\n') });
    const error = await formatError(parseList('ftm-json', [file!], { source: 'os' }));
    expect(error).toMatchObject({ file: 'entities.ftm.json', line: 3 });
    expect(error.message).toMatch(/^entities\.ftm\.json line 3: invalid JSON/);
  });

  it('counts blank lines in line numbers and skips them', async () => {
    const [file] = writeTempFiles({ 'e.json': `\n${JSON.stringify(FTM_LINES[1])}\r\n\r\n[1, 2]\n` });
    expect(await formatError(parseList('ftm-json', [file!], { source: 'os' }))).toMatchObject({ line: 4 });
  });

  it('rejects records without id, with a property that is not a list of strings, or without any name', async () => {
    const cases: Array<[object, string]> = [
      [{ schema: 'Person', properties: { name: ['X'] } }, 'id'],
      [{ id: 'a', schema: 'Person', properties: { name: 'Ivan' } }, 'properties.name'],
      [{ id: 'a', schema: 'Person', properties: { name: ['X'], birthDate: [1970] } }, 'properties.birthDate'],
      [{ id: 'a', schema: 'Company', properties: { country: ['ru'] } }, 'properties.name'],
    ];
    for (const [record, field] of cases) {
      const [file] = writeTempFiles({ 'e.json': `${JSON.stringify(record)}\n` });
      expect(await formatError(parseList('ftm-json', [file!], { source: 'os' }))).toMatchObject({ line: 1, field });
    }
  });

  it('maps FtM country codes', () => {
    expect(['ru', 'UA', 'ua-cri', 'ge-ab', 'suhh', 'csxx', 'zz', 'xx-yy-zz', 'russia'].map(ftmCountry)).toEqual(['RU', 'UA', 'UA', 'GE', 'SU', 'CS', undefined, undefined, undefined]);
  });
});
