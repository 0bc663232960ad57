/**
 * FollowTheMoney entities, one JSON object per line, as OpenSanctions publishes them
 * (`entities.ftm.json`): {"id", "schema", "properties": {"name": [...], ...}, "caption"?}.
 */
import path from 'node:path';
import type { EntitySchema, ListEntity } from '../types.ts';
import { isPartialDate } from './dates.ts';
import { EntityBuilder } from './entity-builder.ts';
import { ListFormatError, ProgressCounter, readLines, totalFileSize, type ParseOptions } from './reading.ts';

/** FtM schemata that are listed entities, and what they become. */
const ENTITY_SCHEMATA: Readonly<Record<string, EntitySchema>> = {
  Person: 'Person',
  Organization: 'Organization',
  Company: 'Company',
  LegalEntity: 'LegalEntity',
  Vessel: 'Vessel',
  Aircraft: 'Aircraft',
  // FtM's own name for aircraft.
  Airplane: 'Aircraft',
  PublicBody: 'Organization',
};

/** FtM identifier properties → our schemes. */
const IDENTIFIER_PROPERTIES: Readonly<Record<string, string>> = {
  innCode: 'INN',
  ogrnCode: 'OGRN',
  registrationNumber: 'REGISTRATION',
  taxNumber: 'TAX',
  imoNumber: 'IMO',
  passportNumber: 'PASSPORT',
  idNumber: 'NATIONAL_ID',
  leiCode: 'LEI',
  swiftBic: 'SWIFT',
};

/** FtM codes for places that are not ISO countries but belong to one or are a former one. */
const FTM_COUNTRY_CODES: Readonly<Record<string, string>> = { suhh: 'SU', csxx: 'CS', yucs: 'YU', ddde: 'DD' };

/** An FtM country code → alpha-2: "ru" → "RU", "ua-cri" (Crimea) → "UA", "suhh" → "SU"; undefined if not a country. */
export function ftmCountry(code: string): string | undefined {
  const lower = code.trim().toLowerCase();
  if (FTM_COUNTRY_CODES[lower]) return FTM_COUNTRY_CODES[lower];
  // "zz" is FtM's "global"/unknown, not a place.
  if (lower === 'zz') return undefined;
  const match = /^([a-z]{2})(?:-[a-z0-9]+)?$/.exec(lower);
  return match ? match[1]!.toUpperCase() : undefined;
}

/** Parses FtM JSON-lines files into entities; relationship records (Ownership, Sanction, Address, …) are skipped and reported. */
export async function* parseFtmJson(files: string[], options: ParseOptions): AsyncGenerator<ListEntity> {
  const progress = new ProgressCounter(await totalFileSize(files), options.onProgress);
  for (const file of files) {
    const name = path.basename(file);
    for await (const lines of readLines(file, progress)) {
      for (const { line, text } of lines) {
        if (!text.trim()) continue;
        let parsed: unknown;
        try {
          parsed = JSON.parse(text);
        } catch (err) {
          throw new ListFormatError(name, `invalid JSON: ${(err as Error).message}`, { line, cause: err });
        }
        const entity = toEntity(parsed, options, name, line);
        if (entity) yield entity;
      }
    }
  }
}

/** One FtM object → a ListEntity, or undefined for a schema that is not a listed entity. */
function toEntity(parsed: unknown, options: ParseOptions, file: string, line: number): ListEntity | undefined {
  const fail = (detail: string, field?: string): never => {
    throw new ListFormatError(file, detail, { line, field });
  };
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return fail('expected a JSON object');
  const object = parsed as Record<string, unknown>;
  if (typeof object.id !== 'string' || !object.id.trim()) return fail('"id" must be a non-empty string', 'id');
  if (typeof object.schema !== 'string' || !object.schema) return fail('"schema" must be a non-empty string', 'schema');
  const schema = ENTITY_SCHEMATA[object.schema];
  if (!schema) {
    options.onWarning?.({ kind: 'skipped-record', file, line, value: object.schema, message: `${object.schema} ${object.id} skipped: not a listed entity` });
    return undefined;
  }
  const properties = object.properties ?? {};
  if (typeof properties !== 'object' || properties === null || Array.isArray(properties)) return fail('"properties" must be an object', 'properties');
  const values = (property: string): string[] => {
    const list = (properties as Record<string, unknown>)[property];
    if (list === undefined) return [];
    if (!Array.isArray(list) || !list.every((item) => typeof item === 'string')) return fail(`"${property}" must be an array of strings`, `properties.${property}`);
    return list as string[];
  };

  const entity = new EntityBuilder(`${options.source}:${object.id.trim()}`, schema);
  for (const name of values('name')) entity.addName(name, 'primary');
  // OpenSanctions always gives a caption; an entity known by no name at all is a broken record.
  if (!entity.hasPrimaryName()) {
    if (typeof object.caption === 'string' && object.caption.trim()) entity.addName(object.caption, 'primary');
    else return fail(`${object.schema} ${object.id} has no name and no caption`, 'properties.name');
  }
  for (const name of values('alias')) entity.addName(name, 'alias');
  for (const name of values('weakAlias')) entity.addName(name, 'weak');

  for (const date of values('birthDate')) {
    // FtM dates may carry a time ("1960-01-01T00:00:00"); the date part is what matters.
    const day = /^\d{4}(-\d{2}(-\d{2})?)?/.exec(date.trim())?.[0];
    if (day && isPartialDate(day)) entity.addBirthDate(day);
    else options.onWarning?.({ kind: 'unparsed-value', file, line, value: date, message: `birthDate ${JSON.stringify(date)} of ${object.id} is not an ISO date` });
  }
  // A vessel's flag is its country, as for OFAC's Vess_flag.
  for (const property of ['country', 'nationality', 'jurisdiction', 'flag']) {
    for (const code of values(property)) {
      const country = ftmCountry(code);
      if (country) entity.addCountry(country);
      else if (code.trim().toLowerCase() !== 'zz') {
        options.onWarning?.({ kind: 'unmapped-country', file, line, value: code, message: `${property} ${JSON.stringify(code)} of ${object.id} is not a country code` });
      }
    }
  }
  for (const [property, scheme] of Object.entries(IDENTIFIER_PROPERTIES)) {
    for (const raw of values(property)) {
      // OpenSanctions writes IMO numbers both as "IMO 9187629" and as "9187629".
      const value = scheme === 'IMO' ? raw.replace(/^IMO\s*/i, '') : scheme === 'SWIFT' ? raw.toUpperCase() : raw;
      entity.addIdentifier({ scheme, value });
    }
  }
  for (const gender of values('gender')) {
    const lower = gender.toLowerCase();
    if (lower === 'male' || lower === 'female') entity.gender = lower;
  }
  for (const program of values('program')) entity.addProgram(program);
  for (const url of values('sourceUrl')) entity.addSourceUrl(url);
  for (const note of values('notes')) entity.addNote(note);
  return entity.build();
}
