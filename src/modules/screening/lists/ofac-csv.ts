/**
 * OFAC SDN list in the legacy CSV layout: sdn.csv (one row per entry), alt.csv (aliases) and
 * add.csv (addresses), no header, "-0-" for an empty value.
 */
import path from 'node:path';
import type { EntitySchema, ListEntity } from '../types.ts';
import { countryCode, countryOfPlace, isNoCountry } from './countries.ts';
import { EntityBuilder } from './entity-builder.ts';
import { parseOfacRemarks } from './ofac-remarks.ts';
import { ListFormatError, ProgressCounter, readCsvRecords, totalFileSize, type CsvRecord, type ParseOptions } from './reading.ts';

/** sdn.csv: ent_num, SDN_Name, SDN_Type, Program, Title, Call_Sign, Vess_type, Tonnage, GRT, Vess_flag, Vess_owner, Remarks. */
const SDN_COLUMNS = 12;
/** alt.csv: ent_num, alt_num, alt_type, alt_name, alt_remarks. */
const ALT_COLUMNS = 5;
/** add.csv: ent_num, add_num, address, city/state/postal, country, add_remarks. */
const ADD_COLUMNS = 6;

const SCHEMA_BY_SDN_TYPE: Record<string, EntitySchema> = {
  individual: 'Person',
  vessel: 'Vessel',
  aircraft: 'Aircraft',
  // OFAC's blank type covers companies, organizations and groups alike; FtM calls that LegalEntity.
  '': 'LegalEntity',
};

const ALT_TYPES = new Set(['aka', 'fka', 'nka']);

/** Checks the column count and gives the values, OFAC's "-0-" (often padded with a space) as "". */
function values(record: CsvRecord, count: number, file: string): string[] {
  if (record.fields.length !== count) {
    throw new ListFormatError(file, `expected ${count} columns, got ${record.fields.length}`, { line: record.line });
  }
  return record.fields.map((raw) => {
    const trimmed = raw.trim();
    return trimmed === '-0-' ? '' : trimmed;
  });
}

/** ent_num links the three files, so anything but a positive integer is a broken file. */
function entNum(raw: string, file: string, line: number): string {
  if (!/^\d+$/.test(raw)) throw new ListFormatError(file, `ent_num must be a number, got ${JSON.stringify(raw)}`, { line, field: 'ent_num' });
  return String(Number(raw));
}

/** A row of alt.csv or add.csv, kept until its entry in sdn.csv streams past. */
interface Linked<T> {
  line: number;
  value: T;
}

/** Reads alt.csv or add.csv into lists keyed by ent_num (the first column of both). */
async function readLinkedFile<T>(file: string, columnCount: number, progress: ProgressCounter, read: (row: string[], line: number) => T): Promise<Map<string, Linked<T>[]>> {
  const name = path.basename(file);
  const byEntity = new Map<string, Linked<T>[]>();
  for await (const batch of readCsvRecords(file, progress)) {
    for (const record of batch) {
      const row = values(record, columnCount, name);
      const id = entNum(row[0]!, name, record.line);
      const list = byEntity.get(id) ?? [];
      list.push({ line: record.line, value: read(row, record.line) });
      byEntity.set(id, list);
    }
  }
  return byEntity;
}

/** Picks sdn.csv, alt.csv and add.csv out of the given paths by their names (any case, any order). */
function classifyFiles(files: string[]): { sdn: string; alt?: string; add?: string } {
  const found: Record<string, string> = {};
  for (const file of files) {
    const name = path.basename(file).toLowerCase();
    if (name !== 'sdn.csv' && name !== 'alt.csv' && name !== 'add.csv') {
      throw new ListFormatError(path.basename(file), 'not an OFAC legacy CSV file: expected sdn.csv, alt.csv or add.csv');
    }
    if (found[name]) throw new ListFormatError(path.basename(file), `given twice (${found[name]} and ${file})`);
    found[name] = file;
  }
  if (!found['sdn.csv']) throw new ListFormatError('sdn.csv', 'missing: an OFAC import needs sdn.csv (alt.csv and add.csv are optional)');
  return { sdn: found['sdn.csv'], alt: found['alt.csv'], add: found['add.csv'] };
}

/** Everything toEntity needs besides the row. */
interface Context {
  sdnName: string;
  addName: string;
  aliases: Map<string, Linked<string>[]>;
  addresses: Map<string, Linked<string>[]>;
  options: ParseOptions;
}

/** Turns one sdn.csv row, with its aliases and addresses, into a ListEntity. */
function toEntity(record: CsvRecord, id: string, row: string[], context: Context): ListEntity {
  const { sdnName, options } = context;
  const [, primaryName, type, programs, title, , , , , flag, , remarksText] = row as [string, string, string, string, ...string[]];
  if (!primaryName) throw new ListFormatError(sdnName, 'SDN_Name is empty', { line: record.line, field: 'SDN_Name' });
  const schema = SCHEMA_BY_SDN_TYPE[type.toLowerCase()];
  if (!schema) {
    throw new ListFormatError(sdnName, `SDN_Type must be individual, vessel, aircraft or empty, got ${JSON.stringify(type)}`, { line: record.line, field: 'SDN_Type' });
  }

  const entity = new EntityBuilder(`ofac:${id}`, schema);
  entity.addName(primaryName, 'primary');
  for (const alias of context.aliases.get(id) ?? []) entity.addName(alias.value, 'alias');
  // "SDGT] [IRGC": the legacy layout keeps the brackets of OFAC's "[SDGT] [IRGC]" between codes.
  for (const program of programs.split(']')) entity.addProgram(program.replace(/\[/g, ''));
  entity.addSourceUrl(`https://sanctionssearch.ofac.treas.gov/Details.aspx?id=${id}`);

  const addCountry = (name: string, file: string, line: number): void => {
    const code = countryCode(name);
    if (code) entity.addCountry(code);
    else if (!isNoCountry(name)) options.onWarning?.({ kind: 'unmapped-country', file, line, value: name, message: `no ISO code for country ${JSON.stringify(name)} (ent_num ${id})` });
  };
  if (flag) addCountry(flag, sdnName, record.line);
  for (const address of context.addresses.get(id) ?? []) if (address.value) addCountry(address.value, context.addName, address.line);

  // The title ("Minister of Finance") helps an analyst; the remarks often repeat it.
  if (title && !remarksText?.includes(title)) entity.addNote(title);
  if (remarksText) {
    const remarks = parseOfacRemarks(remarksText);
    for (const name of remarks.weakAliases) entity.addName(name, 'weak');
    for (const date of remarks.birthDates) entity.addBirthDate(date);
    for (const text of remarks.unparsedBirthDates) {
      options.onWarning?.({ kind: 'unparsed-value', file: sdnName, line: record.line, value: text, message: `date of birth in an unknown form: ${JSON.stringify(text)} (ent_num ${id})` });
    }
    for (const name of remarks.nationalities) addCountry(name, sdnName, record.line);
    // The country of birth is evidence of the same kind as nationality for screening (FtM
    // counts birthCountry among an entity's countries); the place itself has no field.
    for (const place of remarks.placesOfBirth) {
      const code = countryOfPlace(place);
      if (code) entity.addCountry(code);
    }
    for (const identifier of remarks.identifiers) entity.addIdentifier(identifier);
    if (remarks.gender) entity.gender = remarks.gender;
    entity.addNote(remarksText);
  }
  return entity.build();
}

/** Parses the OFAC SDN legacy CSV files into entities, aliases and addresses attached. */
export async function* parseOfacCsv(files: string[], options: ParseOptions): AsyncGenerator<ListEntity> {
  const { sdn, alt, add } = classifyFiles(files);
  const progress = new ProgressCounter(await totalFileSize(files), options.onProgress);
  const sdnName = path.basename(sdn);
  const altName = alt ? path.basename(alt) : 'alt.csv';
  const addName = add ? path.basename(add) : 'add.csv';

  // Aliases and addresses are attached to their entry as it streams past, so they are read first;
  // both files are a fraction of sdn.csv.
  const aliases = alt
    ? await readLinkedFile(alt, ALT_COLUMNS, progress, ([, , type, name], line) => {
        if (!ALT_TYPES.has(type!.toLowerCase())) {
          throw new ListFormatError(altName, `alt_type must be aka, fka or nka, got ${JSON.stringify(type)}`, { line, field: 'alt_type' });
        }
        if (!name) throw new ListFormatError(altName, 'alt_name is empty', { line, field: 'alt_name' });
        return name;
      })
    : new Map<string, Linked<string>[]>();
  const addresses = add ? await readLinkedFile(add, ADD_COLUMNS, progress, ([, , , , country]) => country!) : new Map<string, Linked<string>[]>();
  const context: Context = { sdnName, addName, aliases, addresses, options };

  const seen = new Set<string>();
  for await (const batch of readCsvRecords(sdn, progress)) {
    for (const record of batch) {
      const row = values(record, SDN_COLUMNS, sdnName);
      const id = entNum(row[0]!, sdnName, record.line);
      if (seen.has(id)) throw new ListFormatError(sdnName, `ent_num ${id} appears twice`, { line: record.line, field: 'ent_num' });
      seen.add(id);
      const entity = toEntity(record, id, row, context);
      aliases.delete(id);
      addresses.delete(id);
      yield entity;
    }
  }

  // Rows of alt.csv or add.csv without an entry mean the files come from different downloads.
  for (const [linked, name] of [[aliases, altName], [addresses, addName]] as const) {
    for (const [id, rows] of linked) {
      throw new ListFormatError(name, `ent_num ${id} is not in ${sdnName} (files from different downloads?)`, { line: rows[0]!.line, field: 'ent_num' });
    }
  }
}
