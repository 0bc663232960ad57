// National company numbers for the demo's foreign companies, with the check digits their registers
// publish. The registry checks only the shape of these schemes (identifiers.ts checks the digits of
// EDRPOU and LEI only), so the algorithms are here, each tested against a published number in
// national-ids.test.ts; the numbers are generated, not real companies'.

import { between, pick } from './names.ts';

type Random = () => number;

function digits(random: Random, count: number): string {
  let out = '';
  for (let i = 0; i < count; i++) out += String(Math.floor(random() * 10));
  return out;
}

function weightedSum(text: string, weights: readonly number[]): number {
  let sum = 0;
  for (let i = 0; i < weights.length; i++) sum += (text.charCodeAt(i) - 48) * (weights[i] as number);
  return sum;
}

/** The Luhn check digit for a string of digits. */
export function luhnCheckDigit(body: string): number {
  let sum = 0;
  for (let i = 0; i < body.length; i++) {
    let d = body.charCodeAt(body.length - 1 - i) - 48;
    if (i % 2 === 0) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return (10 - (sum % 10)) % 10;
}

/** Czech and Slovak IČO: weights 8…2, modulus 11. */
export function icoCheckDigit(first7: string): number {
  const r = weightedSum(first7, [8, 7, 6, 5, 4, 3, 2]) % 11;
  return r === 0 ? 1 : r === 1 ? 0 : 11 - r;
}

/** Norwegian organisation number: weights 3 2 7 6 5 4 3 2, modulus 11 (null when no digit fits). */
export function norwegianCheckDigit(first8: string): number | null {
  const r = 11 - (weightedSum(first8, [3, 2, 7, 6, 5, 4, 3, 2]) % 11);
  return r === 11 ? 0 : r === 10 ? null : r;
}

/** Danish CVR: weights 2 7 6 5 4 3 2 1 give a sum divisible by 11 (null when no digit fits). */
export function danishCheckDigit(first7: string): number | null {
  const d = (11 - (weightedSum(first7, [2, 7, 6, 5, 4, 3, 2]) % 11)) % 11;
  return d === 10 ? null : d;
}

/** Finnish business ID: weights 7 9 10 5 8 4 2, modulus 11 (null when the remainder is 1). */
export function finnishCheckDigit(first7: string): number | null {
  const r = weightedSum(first7, [7, 9, 10, 5, 8, 4, 2]) % 11;
  return r === 0 ? 0 : r === 1 ? null : 11 - r;
}

/** Belgian enterprise number: the last two digits are 97 minus the first eight modulo 97. */
export function belgianCheckDigits(first8: string): string {
  return String(97 - (Number(first8) % 97)).padStart(2, '0');
}

/** Spanish CIF of a company (types A and B): a digit from the seven before it. */
export function spanishCifCheckDigit(body7: string): number {
  let sum = 0;
  for (let i = 0; i < 7; i++) {
    const d = body7.charCodeAt(i) - 48;
    if (i % 2 === 0) {
      const doubled = d * 2;
      sum += Math.floor(doubled / 10) + (doubled % 10);
    } else sum += d;
  }
  return (10 - (sum % 10)) % 10;
}

/** Lithuanian and Estonian company codes: weights 1… then 3…, modulus 11. */
function balticCheckDigit(body: string): number {
  const first = body.split('').map((_, i) => (i % 9) + 1);
  const second = body.split('').map((_, i) => ((i + 2) % 9) + 1);
  let r = weightedSum(body, first) % 11;
  if (r === 10) r = weightedSum(body, second) % 11;
  return r === 10 ? 0 : r;
}

/** Lithuanian legal-entity code (9 digits). */
export function lithuanianCheckDigit(first8: string): number {
  return balticCheckDigit(first8);
}

/** Estonian registry code (8 digits). */
export function estonianCheckDigit(first7: string): number {
  return balticCheckDigit(first7);
}

/** Bulgarian EIK/BULSTAT (9 digits): weights 1…8, then 3…10, modulus 11. */
export function bulgarianCheckDigit(first8: string): number {
  let r = weightedSum(first8, [1, 2, 3, 4, 5, 6, 7, 8]) % 11;
  if (r === 10) r = weightedSum(first8, [3, 4, 5, 6, 7, 8, 9, 10]) % 11;
  return r === 10 ? 0 : r;
}

/** Latvian registration number of a legal person: weighted sum of all eleven digits ≡ 3 (mod 11) (null when no digit fits). */
export function latvianCheckDigit(first10: string): number | null {
  const d = (((3 - weightedSum(first10, [9, 1, 4, 8, 3, 10, 2, 5, 7, 6])) % 11) + 11) % 11;
  return d === 10 ? null : d;
}

/** Romanian CUI: key 753217532 over the number padded to nine digits, times ten, modulus 11. */
export function romanianCheckDigit(body: string): number {
  const padded = body.padStart(9, '0');
  const r = (weightedSum(padded, [7, 5, 3, 2, 1, 7, 5, 3, 2]) * 10) % 11;
  return r === 10 ? 0 : r;
}

/** Australian Business Number: the two leading check digits for a nine-digit body (weighted sum modulus 89). */
export function australianCheckDigits(body9: string): string {
  const weights = [10, 1, 3, 5, 7, 9, 11, 13, 15, 17, 19];
  for (let check = 10; check <= 99; check++) {
    const candidate = `${check}${body9}`;
    const sum = weightedSum(String(Number(candidate[0]) - 1) + candidate.slice(1), weights);
    if (sum % 89 === 0) return String(check);
  }
  throw new RangeError('no ABN check digits fit');
}

/** Japanese corporate number: the leading check digit for twelve base digits. */
export function japaneseCheckDigit(base12: string): number {
  let sum = 0;
  for (let n = 1; n <= 12; n++) sum += (base12.charCodeAt(12 - n) - 48) * (n % 2 === 1 ? 1 : 2);
  return 9 - (sum % 9);
}

// Court register codes for the German common register portal's identifier form (RAxxxxxx).
const GERMAN_COURTS = ['RA000351', 'RA000412', 'RA000127', 'RA000520', 'RA000268'];
// IRS campus prefixes of Employer Identification Numbers.
const EIN_PREFIXES = ['10', '12', '20', '26', '27', '30', '45', '46', '47', '81', '82', '84', '86', '87', '88'];

/** Countries whose companies get a national identifier (the others carry only their LEI). */
export const NATIONAL_SCHEME_COUNTRIES: ReadonlySet<string> = new Set(['GB', 'US', 'DE', 'FR', 'PL', 'CZ', 'SK', 'SE', 'NO', 'DK', 'FI', 'NL', 'BE', 'IT', 'ES', 'LT', 'LV', 'EE', 'RO', 'TR', 'CA', 'AU', 'JP', 'BG']);

/**
 * A national identifier (org-id.guide form) for a company of the country, or null when the registry
 * knows no scheme for it (the company then carries only its LEI).
 */
export function nationalIdentifier(random: Random, country: string): string | null {
  for (;;) {
    const id = attempt(random, country);
    if (id !== undefined) return id;
  }
}

function attempt(random: Random, country: string): string | null | undefined {
  switch (country) {
    case 'GB':
      return `GB-COH-${String(between(random, 1_000_000, 14_999_999)).padStart(8, '0')}`;
    case 'US':
      return `US-EIN-${pick(random, EIN_PREFIXES)}${digits(random, 7)}`;
    case 'DE':
      return `DE-CR-${pick(random, GERMAN_COURTS)}-HRB${between(random, 1000, 999_999)}`;
    case 'FR': {
      const body = `${between(random, 3, 9)}${digits(random, 7)}`;
      return `FR-RCS-${body}${luhnCheckDigit(body)}`;
    }
    case 'PL':
      return `PL-KRS-${String(between(random, 100_000, 999_999)).padStart(10, '0')}`;
    case 'CZ':
    case 'SK': {
      const body = `${between(random, 2, 5)}${digits(random, 6)}`;
      return `${country === 'CZ' ? 'CZ-ICO' : 'SK-ORSR'}-${body}${icoCheckDigit(body)}`;
    }
    case 'SE': {
      const body = `556${digits(random, 6)}`;
      return `SE-ON-${body}${luhnCheckDigit(body)}`;
    }
    case 'NO': {
      const body = `9${digits(random, 7)}`;
      const d = norwegianCheckDigit(body);
      return d === null ? undefined : `NO-BRC-${body}${d}`;
    }
    case 'DK': {
      const body = `${between(random, 1, 4)}${digits(random, 6)}`;
      const d = danishCheckDigit(body);
      return d === null ? undefined : `DK-CVR-${body}${d}`;
    }
    case 'FI': {
      const body = `${between(random, 1, 3)}${digits(random, 6)}`;
      const d = finnishCheckDigit(body);
      return d === null ? undefined : `FI-PRO-${body}-${d}`;
    }
    case 'NL':
      return `NL-KVK-${between(random, 10_000_000, 99_999_999)}`;
    case 'BE': {
      const body = `0${between(random, 2, 8)}${digits(random, 6)}`;
      return `BE-BCE_KBO-${body}${belgianCheckDigits(body)}`;
    }
    case 'IT': {
      const body = `0${digits(random, 9)}`;
      return `IT-CF-${body}${luhnCheckDigit(body)}`;
    }
    case 'ES': {
      const body = digits(random, 7);
      return `ES-NIF-${pick(random, ['A', 'B'])}${body}${spanishCifCheckDigit(body)}`;
    }
    case 'LT': {
      const body = `${pick(random, ['1', '3'])}${digits(random, 7)}`;
      return `LT-RC-${body}${lithuanianCheckDigit(body)}`;
    }
    case 'LV': {
      const body = `4000${digits(random, 6)}`;
      const d = latvianCheckDigit(body);
      return d === null ? undefined : `LV-RE-${body}${d}`;
    }
    case 'EE': {
      const body = `1${digits(random, 6)}`;
      return `EE-RIK-${body}${estonianCheckDigit(body)}`;
    }
    case 'RO': {
      const body = `${between(random, 1, 4)}${digits(random, 6)}`;
      return `RO-CUI-${body}${romanianCheckDigit(body)}`;
    }
    case 'TR':
      return `TR-MERSIS-0${digits(random, 15)}`;
    case 'CA': {
      const body = `${between(random, 1, 8)}${digits(random, 7)}`;
      return `CA-CRA_ACR-${body}${luhnCheckDigit(body)}`;
    }
    case 'AU': {
      const body = digits(random, 9);
      return `AU-ABN-${australianCheckDigits(body)}${body}`;
    }
    case 'JP': {
      const base = `${between(random, 1, 9)}${digits(random, 11)}`;
      return `JP-JCN-${japaneseCheckDigit(base)}${base}`;
    }
    case 'BG': {
      const body = `${between(random, 1, 2)}${digits(random, 7)}`;
      return `BG-EIK-${body}${bulgarianCheckDigit(body)}`;
    }
    default:
      return null;
  }
}
