/**
 * UN Security Council consolidated sanctions list (consolidated.xml): CONSOLIDATED_LIST with
 * INDIVIDUALS/INDIVIDUAL and ENTITIES/ENTITY records. Read with a streaming (SAX) parser, one
 * record at a time, so the size of the file does not matter.
 */
import path from 'node:path';
import { SaxesParser } from 'saxes';
import type { ListEntity } from '../types.ts';
import { countryCode, isNoCountry } from './countries.ts';
import { isPartialDate, parseMonthYear, yearsBetween } from './dates.ts';
import { EntityBuilder, cleanText } from './entity-builder.ts';
import { ListFormatError, ProgressCounter, readTextChunks, totalFileSize, type ListWarning, type ParseOptions } from './reading.ts';

const UN_LIST_URL = 'https://scsanctions.un.org/';

/** An element of a record that has children (INDIVIDUAL_ALIAS, NATIONALITY, INDIVIDUAL_DOCUMENT, …): child tag → texts. */
interface UnGroup {
  tag: string;
  values: Map<string, string[]>;
}

/** One INDIVIDUAL or ENTITY as read, before it is interpreted. */
interface UnRecord {
  kind: 'INDIVIDUAL' | 'ENTITY';
  line: number;
  /** Leaf children (DATAID, FIRST_NAME, COMMENTS1, …): tag → texts. */
  fields: Map<string, string[]>;
  groups: UnGroup[];
}

const RECORD_PARENTS: Record<string, UnRecord['kind']> = { INDIVIDUALS: 'INDIVIDUAL', ENTITIES: 'ENTITY' };

const first = (values: Map<string, string[]>, tag: string): string => values.get(tag)?.find((text) => text !== '') ?? '';
const all = (values: Map<string, string[]>, tag: string): string[] => (values.get(tag) ?? []).filter((text) => text !== '');

/**
 * A document number as the UN writes it, cleaned of the words around it: "Afghan passport number
 * SE 012820" → "SE 012820", "Libya B/002210" → "B/002210", "381110042 (Expired 25 Jan. 2016)" →
 * "381110042", "R00012098, South Sudan" → "R00012098".
 */
export function cleanUnDocumentNumber(raw: string): string {
  let number = cleanText(raw).replace(/\([^()]*\)/g, ' ');
  const comma = number.lastIndexOf(',');
  if (comma >= 0 && countryCode(number.slice(comma + 1))) number = number.slice(0, comma);
  // Text up to the first "number", "no." or ":" describes the document, not its number.
  const marker = /\b(?:number|no\.|no\b|n°)\s*:?|:/i.exec(number);
  if (marker) number = number.slice(marker.index + marker[0].length);
  number = number.replace(/\bno\.\s*/gi, '');
  // Leading words ("Libya", "Diplomatic Passport") describe it too; a short prefix like "SE" is part of the number.
  const words = number.trim().split(/\s+/);
  while (words.length > 1 && /^\p{L}{3,}$/u.test(words[0]!) && words.slice(1).some((word) => /\d/.test(word))) words.shift();
  return words.join(' ').trim();
}

/** The identifier scheme of a UN TYPE_OF_DOCUMENT ("Passport", "Numéro de passeport", "National Identification Number", …). */
function documentScheme(type: string): string {
  if (/pass(port|eport)|pasaporte/i.test(type)) return 'PASSPORT';
  if (/national|identity card|identification (card|number)/i.test(type)) return 'NATIONAL_ID';
  return 'OTHER';
}

/** Turns one record into a ListEntity. */
function toEntity(record: UnRecord, file: string, warn: (warning: Omit<ListWarning, 'file'>) => void): ListEntity {
  const dataId = first(record.fields, 'DATAID');
  if (!/^\d+$/.test(dataId)) {
    throw new ListFormatError(file, `${record.kind} without a numeric DATAID (got ${JSON.stringify(dataId)})`, { line: record.line, field: 'DATAID' });
  }
  // The UN does not tell companies from organizations; FtM calls that LegalEntity.
  const entity = new EntityBuilder(`un:${dataId}`, record.kind === 'INDIVIDUAL' ? 'Person' : 'LegalEntity');
  const primary = ['FIRST_NAME', 'SECOND_NAME', 'THIRD_NAME', 'FOURTH_NAME'].map((tag) => first(record.fields, tag)).filter(Boolean).join(' ');
  if (!cleanText(primary)) throw new ListFormatError(file, `${record.kind} ${dataId} has no name`, { line: record.line, field: 'FIRST_NAME' });
  entity.addName(primary, 'primary');
  for (const name of all(record.fields, 'NAME_ORIGINAL_SCRIPT')) entity.addName(name, 'alias');

  const addCountry = (name: string): void => {
    const code = countryCode(name);
    if (code) entity.addCountry(code);
    else if (!isNoCountry(name)) warn({ kind: 'unmapped-country', line: record.line, value: name, message: `no ISO code for country ${JSON.stringify(name)} (DATAID ${dataId})` });
  };
  const addBirthDate = (date: string, approximate: boolean): void => {
    if (isPartialDate(date)) entity.addBirthDate(approximate ? date.slice(0, 4) : date);
    else warn({ kind: 'unparsed-value', line: record.line, value: date, message: `date of birth in an unknown form: ${JSON.stringify(date)} (DATAID ${dataId})` });
  };

  for (const group of record.groups) {
    const { values } = group;
    switch (group.tag) {
      case 'INDIVIDUAL_ALIAS':
      case 'ENTITY_ALIAS': {
        // Good, a.k.a. and f.k.a. (or no quality at all) are aliases the UN stands by; Low is weak.
        const kind = first(values, 'QUALITY').toLowerCase() === 'low' ? 'weak' : 'alias';
        entity.addName(first(values, 'ALIAS_NAME'), kind);
        // The alias as written in its own script hides in the note: "original script: Ахмад Шишани", "In Arabic: …".
        const originalScript = /\b(?:original script|in arabic(?: script)?)\s*:\s*([^;]+)$/i.exec(cleanText(first(values, 'NOTE')))?.[1];
        if (originalScript) entity.addName(originalScript, kind);
        // Some aliases come with the birth date and country used under that name.
        for (const date of all(values, 'DATE_OF_BIRTH')) addBirthDate(date, false);
        for (const country of all(values, 'COUNTRY_OF_BIRTH')) addCountry(country);
        break;
      }
      case 'INDIVIDUAL_DATE_OF_BIRTH': {
        const approximate = first(values, 'TYPE_OF_DATE').toUpperCase() === 'APPROXIMATELY';
        for (const date of all(values, 'DATE')) addBirthDate(date, approximate);
        for (const year of all(values, 'YEAR')) addBirthDate(year, approximate);
        const from = first(values, 'FROM_YEAR');
        const to = first(values, 'TO_YEAR');
        if (from && to) {
          if (isPartialDate(from) && isPartialDate(to) && from.length === 4 && to.length === 4) {
            for (const year of yearsBetween(Number(from), Number(to))) entity.addBirthDate(year);
          } else {
            warn({ kind: 'unparsed-value', line: record.line, value: `${from}-${to}`, message: `birth year range in an unknown form (DATAID ${dataId})` });
          }
        }
        // A date given only as a note ("Nov. 1973") is still a date; other notes ("30-35 years old") are not.
        if (!values.has('DATE') && !values.has('YEAR') && !from) {
          const fromNote = parseMonthYear(first(values, 'NOTE'));
          if (fromNote) entity.addBirthDate(fromNote);
        }
        break;
      }
      case 'NATIONALITY':
        for (const name of all(values, 'VALUE')) addCountry(name);
        break;
      case 'INDIVIDUAL_ADDRESS':
      case 'ENTITY_ADDRESS':
        for (const name of all(values, 'COUNTRY')) addCountry(name);
        break;
      case 'INDIVIDUAL_PLACE_OF_BIRTH':
        // Country of birth counts among the entity's countries, as for OFAC (see ofac-csv.ts).
        for (const name of all(values, 'COUNTRY')) addCountry(name);
        break;
      case 'INDIVIDUAL_DOCUMENT': {
        const number = cleanUnDocumentNumber(first(values, 'NUMBER'));
        // A document without a number (only a note about it) cannot be matched on.
        if (!number) break;
        const countryName = first(values, 'COUNTRY_OF_ISSUE') || first(values, 'ISSUING_COUNTRY');
        const country = countryName ? countryCode(countryName) : undefined;
        if (countryName && !country) addCountry(countryName); // reports it as unmapped
        const type = first(values, 'TYPE_OF_DOCUMENT') || first(values, 'TYPE_OF_DOCUMENT2');
        entity.addIdentifier(country ? { scheme: documentScheme(type), value: number, country } : { scheme: documentScheme(type), value: number });
        break;
      }
    }
  }

  const gender = first(record.fields, 'GENDER').toLowerCase();
  if (gender === 'male' || gender === 'female') entity.gender = gender;
  entity.addProgram(first(record.fields, 'UN_LIST_TYPE'));
  // The reference number's prefix names the regime and the kind: QDi = ISIL/Al-Qaida individual.
  const reference = /^([A-Za-z]+)\./.exec(first(record.fields, 'REFERENCE_NUMBER'))?.[1];
  if (reference) entity.addProgram(reference);
  entity.addNote(first(record.fields, 'COMMENTS1'));
  entity.addSourceUrl(UN_LIST_URL);
  return entity.build();
}

/** Parses UN consolidated-list XML files into entities. */
export async function* parseUnXml(files: string[], options: ParseOptions): AsyncGenerator<ListEntity> {
  const progress = new ProgressCounter(await totalFileSize(files), options.onProgress);
  for (const file of files) yield* parseOneFile(file, options, progress);
}

async function* parseOneFile(file: string, options: ParseOptions, progress: ProgressCounter): AsyncGenerator<ListEntity> {
  const name = path.basename(file);
  const parser = new SaxesParser({ position: true });
  const ready: ListEntity[] = [];
  const open: string[] = [];
  let text = '';
  let record: UnRecord | undefined;
  let recordDepth = 0;
  let group: (UnGroup & { hasChildren: boolean }) | undefined;
  const warn = (warning: Omit<ListWarning, 'file'>) => options.onWarning?.({ ...warning, file: name });

  parser.on('opentag', (tag) => {
    if (open.length === 0 && tag.name !== 'CONSOLIDATED_LIST') {
      throw new ListFormatError(name, `root element is <${tag.name}>, expected <CONSOLIDATED_LIST> (not a UN consolidated list)`, { line: parser.line });
    }
    const parent = open.at(-1);
    open.push(tag.name);
    text = '';
    if (!record) {
      if (parent !== undefined && RECORD_PARENTS[parent] === tag.name) {
        record = { kind: RECORD_PARENTS[parent]!, line: parser.line, fields: new Map(), groups: [] };
        recordDepth = open.length;
      }
      return;
    }
    const depth = open.length - recordDepth;
    if (depth === 1) group = { tag: tag.name, values: new Map(), hasChildren: false };
    else if (depth === 2 && group) group.hasChildren = true;
  });
  parser.on('text', (chunk) => {
    text += chunk;
  });
  parser.on('cdata', (chunk) => {
    text += chunk;
  });
  parser.on('closetag', (tag) => {
    if (record) {
      const depth = open.length - recordDepth;
      const value = text.trim();
      if (depth === 0) {
        ready.push(toEntity(record, name, warn));
        record = undefined;
      } else if (depth === 1 && group) {
        if (group.hasChildren) record.groups.push(group);
        else push(record.fields, tag.name, value);
        group = undefined;
      } else if (depth === 2 && group) {
        push(group.values, tag.name, value);
      }
    }
    open.pop();
    text = '';
  });

  const write = (chunk: string | null): void => {
    try {
      if (chunk === null) parser.close();
      else parser.write(chunk);
    } catch (err) {
      if (err instanceof ListFormatError) throw err;
      // saxes prefixes its messages with "line:column: "; the line goes into the error's own field.
      const detail = (err as Error).message.replace(/^\d+:\d+:\s*/, '');
      throw new ListFormatError(name, `malformed XML: ${detail}`, { line: parser.line, cause: err });
    }
  };
  for await (const chunk of readTextChunks(file, progress)) {
    write(chunk);
    yield* ready.splice(0);
  }
  // close() is where saxes notices a truncated file ("unclosed tag").
  write(null);
  yield* ready.splice(0);
}

function push(map: Map<string, string[]>, key: string, value: string): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
