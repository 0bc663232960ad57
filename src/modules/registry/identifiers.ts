/**
 * Organization identifiers in the org-id.guide form `<scheme>-<value>` (`UA-EDR-14360570`,
 * `XI-LEI-5493001KJTIIGC8Y1R12`, `GB-COH-09506232`).
 *
 * Known schemes get a value pattern and, where the register publishes one, a check-digit test
 * (EDRPOU, LEI). Other codes of the org-id.guide shape are accepted as "other" with a conservative
 * value alphabet, because a member from a country not listed here must still be able to register;
 * staff can review those by hand. Every refusal is an English sentence that says what to fix.
 */
import { z } from 'zod';
import { isCleanText } from '../../core/schemas.ts';

export interface IdentifierScheme {
  name: string;
  pattern: RegExp;
  example: string;
}

// Codes checked against the org-id.guide register (org-id/register, lists/<cc>/*.json), all
// "confirmed" and not deprecated. SE-BLV and IT-RI are deprecated there in favour of SE-ON and
// IT-CF, so the successors are listed; the old codes still parse as "other". Examples are published
// numbers (the register's own examples or well-known companies), except TR-MERSIS, whose example
// only shows the 16-digit form.
/** Org-id.guide schemes the platform knows, with the shape of a normalized value and an example. */
export const IDENTIFIER_SCHEMES: Record<string, IdentifierScheme> = {
  'UA-EDR': { name: 'Unified State Register of Ukraine (EDRPOU code)', pattern: /^\d{8}$/, example: '14360570' },
  'XI-LEI': { name: 'Global Legal Entity Identifier Index (LEI, ISO 17442)', pattern: /^[0-9A-Z]{18}\d{2}$/, example: '5493001KJTIIGC8Y1R12' },
  'GB-COH': { name: 'Companies House (United Kingdom)', pattern: /^(\d{8}|[A-Z]{2}\d{6})$/, example: '09506232' },
  'US-EIN': { name: 'Employer Identification Number (United States, IRS)', pattern: /^\d{9}$/, example: '030413726' },
  'DE-CR': {
    name: 'Common Register Portal of the German Federal States (Handelsregister)',
    pattern: /^RA\d{6}-[A-Za-z]{2,3}\d{1,7}[A-Z]{0,3}$/,
    example: 'RA000351-HRB758147',
  },
  'FR-RCS': { name: 'Trade and Companies Register (France, SIREN)', pattern: /^\d{9}$/, example: '799640131' },
  'PL-KRS': { name: 'National Court Register (Poland, KRS)', pattern: /^\d{10}$/, example: '0000359730' },
  'CZ-ICO': { name: 'Registers of Economic Subjects (Czechia, IČO)', pattern: /^\d{8}$/, example: '28179609' },
  'SK-ORSR': { name: 'Business Register of the Slovak Republic (IČO)', pattern: /^\d{8}$/, example: '35919043' },
  'SE-ON': { name: 'Organisation number (Sweden, Organisationsnummer)', pattern: /^\d{10}$/, example: '5560912148' },
  'NO-BRC': { name: 'Brønnøysund Register Centre (Norway)', pattern: /^\d{9}$/, example: '943753709' },
  'DK-CVR': { name: 'Central Business Register (Denmark, CVR)', pattern: /^\d{8}$/, example: '41881828' },
  'FI-PRO': { name: 'Finnish Patent and Registration Office (Business ID)', pattern: /^\d{7}-\d$/, example: '1680140-0' },
  'NL-KVK': { name: 'Chamber of Commerce (Netherlands, KvK)', pattern: /^\d{8}$/, example: '41202535' },
  'BE-BCE_KBO': { name: 'Crossroads Bank for Enterprises (Belgium)', pattern: /^\d{10}$/, example: '0521749439' },
  'IT-CF': { name: 'Italian tax code / VAT number (Codice Fiscale)', pattern: /^\d{11}$/, example: '80078410588' },
  'ES-NIF': { name: 'Tax Identification Number (Spain, NIF)', pattern: /^[A-Z]\d{7}[0-9A-Z]$/, example: 'G02766913' },
  'LT-RC': { name: 'Register of Legal Entities (Lithuania)', pattern: /^\d{9}$/, example: '111484678' },
  'LV-RE': { name: 'Register of Enterprises (Latvia)', pattern: /^\d{11}$/, example: '40003108882' },
  'EE-RIK': { name: 'Centre of Registers and Information Systems (Estonia)', pattern: /^\d{8}$/, example: '10483761' },
  'RO-CUI': { name: 'National Trade Register Office (Romania, CUI)', pattern: /^\d{2,10}$/, example: '18547290' },
  'TR-MERSIS': { name: 'Central Trade Registry System (Türkiye, MERSIS number)', pattern: /^\d{16}$/, example: '0123456789000015' },
  'CA-CRA_ACR': { name: 'Canada Revenue Agency (Business Number)', pattern: /^\d{9}$/, example: '101182509' },
  'AU-ABN': { name: 'Australian Business Number', pattern: /^\d{11}$/, example: '51824753556' },
  'JP-JCN': { name: 'Corporate Number (Japan, National Tax Agency)', pattern: /^\d{13}$/, example: '3000020278670' },
};

// Longest first, so that a longer code is never shadowed by a shorter one sharing its prefix.
const KNOWN_CODES = Object.keys(IDENTIFIER_SCHEMES).sort((a, b) => b.length - a.length);

// Registers print these numbers with spaces, dots or dashes for readability; the number is the digits.
const DIGITS_ONLY = new Set([
  'UA-EDR', 'US-EIN', 'FR-RCS', 'PL-KRS', 'CZ-ICO', 'SK-ORSR', 'SE-ON', 'NO-BRC', 'DK-CVR', 'NL-KVK', 'BE-BCE_KBO',
  'IT-CF', 'LT-RC', 'LV-RE', 'EE-RIK', 'RO-CUI', 'TR-MERSIS', 'CA-CRA_ACR', 'AU-ABN', 'JP-JCN',
]);

// German register types are written with one lower-case letter in the middle (GnR, GsR); after
// upper-casing the rest of the value they are put back so the same company has one spelling.
const GERMAN_REGISTER_TYPES: Record<string, string> = { GNR: 'GnR', GSR: 'GsR' };

const OTHER_SCHEME_SHAPE = /^([A-Za-z]{2}-[A-Za-z0-9_]+)-(.*)$/;
const OTHER_VALUE = /^[A-Za-z0-9./_-]{1,100}$/;

export type ParsedIdentifier = { ok: true; scheme: string; value: string; identifier: string } | { ok: false; message: string };

/** ISO 7064 MOD 97-10 remainder of a string of digits and upper-case letters (A=10 … Z=35). */
function mod97(text: string): number {
  let remainder = 0;
  for (const ch of text) {
    const code = ch.charCodeAt(0);
    const digits = code <= 57 ? ch : String(code - 55);
    for (const d of digits) remainder = (remainder * 10 + (d.charCodeAt(0) - 48)) % 97;
  }
  return remainder;
}

/** True if `lei` is a well-formed ISO 17442 LEI: 18 upper-case letters or digits, 2 check digits, MOD 97-10 = 1. */
export function isValidLei(lei: string): boolean {
  return /^[0-9A-Z]{18}\d{2}$/.test(lei) && mod97(lei) === 1;
}

/** The two LEI check digits that complete an 18-character LEI prefix (ISO 7064 MOD 97-10); the demo data set makes its LEIs with it. */
export function leiCheckDigits(first18: string): string {
  return String(98 - mod97(`${first18}00`)).padStart(2, '0');
}

function weightedMod11(digits: string, weights: number[]): number {
  let sum = 0;
  for (let i = 0; i < weights.length; i++) sum += (digits.charCodeAt(i) - 48) * weights[i];
  return sum % 11;
}

/** The EDRPOU control digit for the first 7 digits of a Ukrainian legal-entity code (RangeError unless 7 digits). */
export function edrpouCheckDigit(first7: string): number {
  if (!/^\d{7}$/.test(first7)) throw new RangeError('EDRPOU check digit needs exactly 7 digits');
  const prefix = Number(first7);
  // The register picks the weights by the whole 8-digit code (< 30000000 or > 60000000). In terms of
  // the first seven digits that is prefix < 3000000 or prefix >= 6000000: for prefix 6000000 only the
  // outer weights give a consistent digit (60000006 > 60000000), the inner ones would give 9.
  const outer = prefix < 3_000_000 || prefix >= 6_000_000;
  const weights = outer ? [1, 2, 3, 4, 5, 6, 7] : [7, 1, 2, 3, 4, 5, 6];
  let remainder = weightedMod11(first7, weights);
  if (remainder === 10) {
    remainder = weightedMod11(first7, weights.map((w) => w + 2));
    if (remainder === 10) remainder = 0;
  }
  return remainder;
}

function normalizeValue(scheme: string, raw: string): string {
  if (DIGITS_ONLY.has(scheme)) {
    const digits = raw.replace(/[\s.\-/]/g, '');
    // KRS numbers are often quoted without their leading zeros; the register's form has ten digits.
    if (scheme === 'PL-KRS' && /^\d{1,9}$/.test(digits)) return digits.padStart(10, '0');
    return digits;
  }
  const compact = raw.replace(/\s/g, '');
  switch (scheme) {
    case 'FI-PRO':
      return /^\d{8}$/.test(compact) ? `${compact.slice(0, 7)}-${compact.slice(7)}` : compact;
    case 'DE-CR':
      return compact.toUpperCase().replace(/-(GNR|GSR)(?=\d)/, (_, type: string) => `-${GERMAN_REGISTER_TYPES[type]}`);
    default:
      return compact.toUpperCase();
  }
}

function describeLength(value: string): string {
  return `${value.length} character${value.length === 1 ? '' : 's'}`;
}

// Echo at most 40 characters of what was typed: enough to spot the mistake, short enough for a form.
function quote(value: string): string {
  return `"${value.length > 40 ? `${value.slice(0, 40)}…` : value}"`;
}

function checkKnownValue(scheme: string, value: string): string | null {
  const spec = IDENTIFIER_SCHEMES[scheme];
  if (value === '') return `${scheme} identifier has no value after the scheme, e.g. ${scheme}-${spec.example}`;
  if (scheme === 'UA-EDR') {
    if (!/^\d{8}$/.test(value)) return `EDRPOU code must be 8 digits, got ${describeLength(value)} ${quote(value)}`;
    const expected = edrpouCheckDigit(value.slice(0, 7));
    const actual = Number(value[7]);
    return expected === actual ? null : `EDRPOU check digit should be ${expected}, not ${actual}`;
  }
  if (scheme === 'XI-LEI') {
    if (!/^[0-9A-Z]{20}$/.test(value)) return `LEI must be 20 letters or digits, got ${describeLength(value)} ${quote(value)}`;
    if (!/^\d{2}$/.test(value.slice(18))) return 'LEI must end in two check digits';
    if (isValidLei(value)) return null;
    return `LEI check digits should be ${leiCheckDigits(value.slice(0, 18))}, not ${value.slice(18)} (or another character is mistyped)`;
  }
  if (scheme === 'CA-CRA_ACR' && /^\d{9}[A-Z]{2}\d{4}$/.test(value)) {
    return `CA-CRA_ACR takes only the nine-digit Business Number, without the program account: ${value.slice(0, 9)}`;
  }
  if (spec.pattern.test(value)) return null;
  return `${scheme} value ${quote(value)} does not have the form of a ${spec.name} number, e.g. ${scheme}-${spec.example}`;
}

/** Parses and normalizes a scheme-qualified organization identifier, or says in English why it is refused. */
export function parseIdentifier(text: string): ParsedIdentifier {
  if (typeof text !== 'string') return { ok: false, message: 'identifier must be text' };
  if (!isCleanText(text)) return { ok: false, message: 'identifier must not contain control characters or broken Unicode' };
  if (/[\r\n\t]/.test(text)) return { ok: false, message: 'identifier must be a single line without tabs' };
  const trimmed = text.trim();
  if (trimmed === '') return { ok: false, message: 'identifier is empty; write it as <scheme>-<value>, e.g. UA-EDR-14360570' };
  const upper = trimmed.toUpperCase();

  const known = KNOWN_CODES.find((code) => upper.startsWith(`${code}-`) || upper === code);
  if (known !== undefined) {
    const value = normalizeValue(known, trimmed.slice(known.length + 1));
    const problem = checkKnownValue(known, value);
    if (problem !== null) return { ok: false, message: problem };
    return { ok: true, scheme: known, value, identifier: `${known}-${value}` };
  }

  const match = OTHER_SCHEME_SHAPE.exec(trimmed);
  if (match === null) {
    return {
      ok: false,
      message: `${quote(trimmed)} is not an org-id.guide identifier; write it as <scheme>-<value>, e.g. UA-EDR-14360570 or GB-COH-09506232`,
    };
  }
  const scheme = match[1].toUpperCase();
  const value = match[2].trim();
  if (value === '') return { ok: false, message: `${scheme} identifier has no value after the scheme` };
  if (value.length > 100) return { ok: false, message: `${scheme} value is ${value.length} characters long; at most 100 are allowed` };
  if (!OTHER_VALUE.test(value)) {
    return { ok: false, message: `${scheme} value may contain only Latin letters, digits and . / _ -` };
  }
  return { ok: true, scheme, value, identifier: `${scheme}-${value}` };
}

/** Zod schema: a string that parses as an organization identifier, output as its normalized parts. */
export const zIdentifier = z
  .string()
  .max(130)
  .transform((text, ctx) => {
    const parsed = parseIdentifier(text);
    if (!parsed.ok) {
      ctx.addIssue({ code: 'custom', message: parsed.message });
      return z.NEVER;
    }
    return { scheme: parsed.scheme, value: parsed.value, identifier: parsed.identifier };
  });
