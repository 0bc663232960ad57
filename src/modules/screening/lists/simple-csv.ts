/**
 * Our own one-file CSV for lists that come in no standard format (a national list typed up from a
 * gazette, an internal watch list). Header `id,schema,name,aliases,birth_date,countries,identifiers`
 * in any order; lists inside a cell are ";"-separated; identifiers are `SCHEME:VALUE`.
 */
import path from 'node:path';
import type { EntitySchema, ListEntity } from '../types.ts';
import { isPartialDate } from './dates.ts';
import { EntityBuilder } from './entity-builder.ts';
import { ListFormatError, ProgressCounter, readCsvRecords, totalFileSize, type CsvRecord, type ParseOptions } from './reading.ts';

/** The columns, all required. */
export const SIMPLE_CSV_COLUMNS = ['id', 'schema', 'name', 'aliases', 'birth_date', 'countries', 'identifiers'] as const;
type Column = (typeof SIMPLE_CSV_COLUMNS)[number];

const SCHEMATA: Readonly<Record<string, EntitySchema>> = Object.fromEntries(
  (['Person', 'Organization', 'Company', 'LegalEntity', 'Vessel', 'Aircraft'] as const).map((schema) => [schema.toLowerCase(), schema]),
);

const splitList = (cell: string): string[] => cell.split(';').map((item) => item.trim()).filter(Boolean);

/** Maps header names to their positions; every column must be there and nothing else. */
function readHeader(fields: string[], file: string, line: number): Record<Column, number> {
  const names = fields.map((field) => field.trim().toLowerCase());
  const unknown = names.find((name) => !(SIMPLE_CSV_COLUMNS as readonly string[]).includes(name));
  // An unknown column is most likely a misspelt one whose data would otherwise be dropped silently.
  if (unknown !== undefined) throw new ListFormatError(file, `unknown column ${JSON.stringify(unknown)}; the header must be ${SIMPLE_CSV_COLUMNS.join(',')}`, { line, field: unknown });
  const positions = {} as Record<Column, number>;
  for (const column of SIMPLE_CSV_COLUMNS) {
    const position = names.indexOf(column);
    if (position < 0) throw new ListFormatError(file, `header is missing column "${column}"; it must be ${SIMPLE_CSV_COLUMNS.join(',')}`, { line, field: column });
    if (names.indexOf(column, position + 1) >= 0) throw new ListFormatError(file, `column "${column}" appears twice in the header`, { line, field: column });
    positions[column] = position;
  }
  return positions;
}

/** Turns one data row into a ListEntity. */
function toEntity(record: CsvRecord, header: Record<Column, number>, file: string, source: string): ListEntity {
  const { line, fields } = record;
  if (fields.length !== SIMPLE_CSV_COLUMNS.length) {
    throw new ListFormatError(file, `expected ${SIMPLE_CSV_COLUMNS.length} columns, got ${fields.length}`, { line });
  }
  const cell = (column: Column): string => fields[header[column]]!.trim();
  const fail = (column: Column, detail: string): never => {
    throw new ListFormatError(file, detail, { line, field: column });
  };

  const id = cell('id');
  if (!id) fail('id', 'id is empty');
  const primary = cell('name');
  if (!primary) fail('name', 'name is empty');
  const schemaCell = cell('schema');
  // An empty schema is allowed: a list that does not say what it lists gets FtM's most general type.
  const schema = schemaCell ? SCHEMATA[schemaCell.toLowerCase()] : 'LegalEntity';
  if (!schema) return fail('schema', `schema must be one of ${Object.values(SCHEMATA).join(', ')}, got ${JSON.stringify(schemaCell)}`);

  const entity = new EntityBuilder(`${source}:${id}`, schema);
  entity.addName(primary, 'primary');
  for (const alias of splitList(cell('aliases'))) entity.addName(alias, 'alias');
  for (const date of splitList(cell('birth_date'))) {
    if (!isPartialDate(date)) fail('birth_date', `birth date must be YYYY, YYYY-MM or YYYY-MM-DD, got ${JSON.stringify(date)}`);
    entity.addBirthDate(date);
  }
  for (const country of splitList(cell('countries'))) {
    if (!/^[A-Za-z]{2}$/.test(country)) fail('countries', `countries must be ISO 3166-1 alpha-2 codes, got ${JSON.stringify(country)}`);
    entity.addCountry(country.toUpperCase());
  }
  for (const identifier of splitList(cell('identifiers'))) {
    // The value may itself contain ":" (some registers use it), so only the first one separates.
    const colon = identifier.indexOf(':');
    const scheme = colon > 0 ? identifier.slice(0, colon).trim().toUpperCase() : '';
    const value = colon > 0 ? identifier.slice(colon + 1).trim() : '';
    if (!/^[A-Z][A-Z0-9_]*$/.test(scheme) || !value) fail('identifiers', `identifiers must be SCHEME:VALUE, got ${JSON.stringify(identifier)}`);
    entity.addIdentifier({ scheme, value });
  }
  return entity.build();
}

/** Parses simple-CSV files into entities. */
export async function* parseSimpleCsv(files: string[], options: ParseOptions): AsyncGenerator<ListEntity> {
  const progress = new ProgressCounter(await totalFileSize(files), options.onProgress);
  for (const file of files) {
    const name = path.basename(file);
    let header: Record<Column, number> | undefined;
    // Two rows with one id would silently overwrite each other when the list is stored.
    const firstLineOfId = new Map<string, number>();
    for await (const records of readCsvRecords(file, progress)) {
      for (const record of records) {
        if (!header) {
          header = readHeader(record.fields, name, record.line);
          continue;
        }
        const entity = toEntity(record, header, name, options.source);
        const earlier = firstLineOfId.get(entity.id);
        if (earlier !== undefined) throw new ListFormatError(name, `id ${JSON.stringify(entity.id.slice(options.source.length + 1))} is already used on line ${earlier}`, { line: record.line, field: 'id' });
        firstLineOfId.set(entity.id, record.line);
        yield entity;
      }
    }
    if (!header) throw new ListFormatError(name, 'file is empty; expected a header line');
  }
}
