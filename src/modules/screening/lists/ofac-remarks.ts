/**
 * The Remarks column of OFAC's legacy sdn.csv: "; "-separated statements such as
 * "DOB 22 May 1964; POB Lamerd, Iran; nationality Iran; Gender Male; Passport A2463775 (Iran);
 * Tax ID No. 7831000122 (Russia); a.k.a. 'RNCB'." The legacy layout has no other place for
 * dates of birth, identifiers or weak aliases, so they are read from here.
 */
import type { EntityIdentifier } from '../types.ts';
import { countryCode } from './countries.ts';
import { parseOfacBirthDate } from './dates.ts';

/** What the remarks of one SDN entry say, with country names still as written where the caller must check them. */
export interface OfacRemarks {
  birthDates: string[];
  /** "DOB …" statements in a form parseOfacBirthDate does not know. */
  unparsedBirthDates: string[];
  placesOfBirth: string[];
  /** "nationality X", "citizen X" and, for companies, "Nationality of Registration X"; X as written. */
  nationalities: string[];
  gender?: 'male' | 'female';
  identifiers: EntityIdentifier[];
  /** a.k.a./f.k.a./n.k.a. in the remarks: OFAC's low-quality ("weak") aliases, which alt.csv does not carry. */
  weakAliases: string[];
}

type IdentifierKind = 'PASSPORT' | 'NATIONAL_ID' | 'TAX' | 'REGISTRATION' | 'IMO' | 'SWIFT';

/**
 * Remark labels read as identifiers. Besides the brief's core set, the national equivalents that
 * are frequent in the list (Colombian cédula and NIT, Mexican CURP and RFC, Peruvian RUC, company
 * registers) are included: each is the main document number of the person or company it names.
 */
export const OFAC_IDENTIFIER_LABELS: Readonly<Record<string, IdentifierKind>> = {
  'Passport': 'PASSPORT',
  'Diplomatic Passport': 'PASSPORT',
  'National ID No.': 'NATIONAL_ID',
  'Cedula No.': 'NATIONAL_ID',
  'D.N.I.': 'NATIONAL_ID',
  'C.U.R.P.': 'NATIONAL_ID',
  'C.U.R.P. #': 'NATIONAL_ID',
  'Tax ID No.': 'TAX',
  'NIT #': 'TAX',
  'R.F.C.': 'TAX',
  'RFC': 'TAX',
  'RUC #': 'TAX',
  'C.U.I.T.': 'TAX',
  'US FEIN': 'TAX',
  'Italian Fiscal Code': 'TAX',
  'Registration Number': 'REGISTRATION',
  'Registration ID': 'REGISTRATION',
  'Business Registration Number': 'REGISTRATION',
  'Public Registration Number': 'REGISTRATION',
  'Company Number': 'REGISTRATION',
  'UK Company Number': 'REGISTRATION',
  'Commercial Registry Number': 'REGISTRATION',
  'Chamber of Commerce Number': 'REGISTRATION',
  'Certificate of Incorporation Number': 'REGISTRATION',
  'Unified Social Credit Code (USCC)': 'REGISTRATION',
  'United Social Credit Code Certificate (USCCC)': 'REGISTRATION',
  'Vessel Registration Identification IMO': 'IMO',
  'Identification Number IMO': 'IMO',
  'Company Number IMO': 'IMO',
  'IMO': 'IMO',
  'SWIFT/BIC': 'SWIFT',
};

// Longest label first, so "Company Number IMO" wins over "Company Number".
const LABELS_LONGEST_FIRST = Object.keys(OFAC_IDENTIFIER_LABELS).sort((a, b) => b.length - a.length);

/**
 * The scheme an identifier gets: Russian tax numbers are INN (10 or 12 digits) and registration
 * numbers OGRN (13 digits); a Ukrainian 8-digit company number is the EDRPOU code.
 */
function schemeOf(kind: IdentifierKind, value: string, country: string | undefined): string {
  if (kind === 'TAX' && country === 'RU' && /^(\d{10}|\d{12})$/.test(value)) return 'INN';
  if (kind === 'REGISTRATION' && country === 'RU' && /^\d{13}$/.test(value)) return 'OGRN';
  if ((kind === 'REGISTRATION' || kind === 'TAX') && country === 'UA' && /^\d{8}$/.test(value)) return 'EDRPOU';
  return kind;
}

/** "Passport A2463775 (Iran) issued 01 Apr 2003 expires …" → the identifier, or undefined. */
function parseIdentifier(statement: string): EntityIdentifier | undefined {
  const label = LABELS_LONGEST_FIRST.find((candidate) => statement.startsWith(`${candidate} `));
  if (label === undefined) return undefined;
  const kind = OFAC_IDENTIFIER_LABELS[label]!;
  let rest = statement.slice(label.length).trim().replace(/\s+(issued|expires)\b.*$/i, '');
  let country: string | undefined;
  // Trailing brackets name the issuing country, sometimes after a state: "(Texas) (United States)".
  for (let bracket = /\s*\(([^()]*)\)\s*$/.exec(rest); bracket; bracket = /\s*\(([^()]*)\)\s*$/.exec(rest)) {
    country ??= countryCode(bracket[1]!);
    rest = rest.slice(0, bracket.index);
  }
  let value = rest.trim();
  if (kind === 'IMO') value = value.replace(/^IMO\s*/i, '');
  if (kind === 'SWIFT') value = value.toUpperCase();
  if (!value) return undefined;
  const scheme = schemeOf(kind, value, country);
  return country ? { scheme, value, country } : { scheme, value };
}

/** Reads the statements of one Remarks value ("-0-" already removed by the caller). */
export function parseOfacRemarks(remarks: string): OfacRemarks {
  const result: OfacRemarks = { birthDates: [], unparsedBirthDates: [], placesOfBirth: [], nationalities: [], identifiers: [], weakAliases: [] };
  const statements = remarks.split(';').map((statement) => statement.trim());
  const text = remarks.trim();
  // The legacy layout cuts remarks at 1,000 characters; a complete one ends with a full stop.
  // A cut-off last statement could hold half a passport number, so it is not read.
  if (text && !text.endsWith('.')) statements.pop();
  else if (statements.length > 0) statements[statements.length - 1] = statements.at(-1)!.replace(/\.$/, '');

  for (const raw of statements) {
    const statement = raw.replace(/^alt\.\s+/i, '');
    let match: RegExpExecArray | null;
    if ((match = /^[afn]\.k\.a\.\s+'(.*)'$/.exec(statement))) {
      result.weakAliases.push(match[1]!);
    } else if ((match = /^DOB\s+(.+)$/.exec(statement))) {
      const dates = parseOfacBirthDate(match[1]!);
      if (dates) result.birthDates.push(...dates);
      else result.unparsedBirthDates.push(match[1]!);
    } else if ((match = /^POB\s+(.+)$/.exec(statement))) {
      result.placesOfBirth.push(match[1]!);
    } else if ((match = /^(?:nationality(?: of registration)?|citizen)\s+(.+)$/i.exec(statement))) {
      result.nationalities.push(match[1]!.trim());
    } else if ((match = /^Gender\s+(Male|Female)$/i.exec(statement))) {
      result.gender = match[1]!.toLowerCase() as 'male' | 'female';
    } else {
      const identifier = parseIdentifier(statement);
      if (identifier) result.identifiers.push(identifier);
    }
  }
  return result;
}
