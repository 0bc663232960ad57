import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../core/random.ts';
import { IDENTIFIER_SCHEMES, parseIdentifier } from '../registry/identifiers.ts';
import { PARTNER_COUNTRIES, cyrillicSpelling, romanizeUkrainian } from './names.ts';
import {
  australianCheckDigits,
  belgianCheckDigits,
  danishCheckDigit,
  estonianCheckDigit,
  finnishCheckDigit,
  icoCheckDigit,
  japaneseCheckDigit,
  latvianCheckDigit,
  lithuanianCheckDigit,
  luhnCheckDigit,
  NATIONAL_SCHEME_COUNTRIES,
  nationalIdentifier,
  norwegianCheckDigit,
  romanianCheckDigit,
  spanishCifCheckDigit,
} from './national-ids.ts';

// Each check-digit function gives back the check digits of the register's own published example
// (the registry's IDENTIFIER_SCHEMES examples are real numbers), and every generated identifier is one
// the registry's parser accepts unchanged.

const example = (scheme: string) => IDENTIFIER_SCHEMES[scheme]!.example;

describe('national check digits, against published numbers', () => {
  it.each([
    ['FR-RCS (Luhn)', () => String(luhnCheckDigit(example('FR-RCS').slice(0, 8))), example('FR-RCS').slice(8)],
    ['SE-ON (Luhn)', () => String(luhnCheckDigit(example('SE-ON').slice(0, 9))), example('SE-ON').slice(9)],
    ['IT-CF (Luhn)', () => String(luhnCheckDigit(example('IT-CF').slice(0, 10))), example('IT-CF').slice(10)],
    ['CA-CRA_ACR (Luhn)', () => String(luhnCheckDigit(example('CA-CRA_ACR').slice(0, 8))), example('CA-CRA_ACR').slice(8)],
    ['CZ-ICO', () => String(icoCheckDigit(example('CZ-ICO').slice(0, 7))), example('CZ-ICO').slice(7)],
    ['SK-ORSR', () => String(icoCheckDigit(example('SK-ORSR').slice(0, 7))), example('SK-ORSR').slice(7)],
    ['NO-BRC', () => String(norwegianCheckDigit(example('NO-BRC').slice(0, 8))), example('NO-BRC').slice(8)],
    ['DK-CVR', () => String(danishCheckDigit(example('DK-CVR').slice(0, 7))), example('DK-CVR').slice(7)],
    ['FI-PRO', () => String(finnishCheckDigit(example('FI-PRO').slice(0, 7))), example('FI-PRO').slice(8)],
    ['BE-BCE_KBO', () => belgianCheckDigits(example('BE-BCE_KBO').slice(0, 8)), example('BE-BCE_KBO').slice(8)],
    ['ES-NIF', () => String(spanishCifCheckDigit(example('ES-NIF').slice(1, 8))), example('ES-NIF').slice(8)],
    ['LT-RC', () => String(lithuanianCheckDigit(example('LT-RC').slice(0, 8))), example('LT-RC').slice(8)],
    ['LV-RE', () => String(latvianCheckDigit(example('LV-RE').slice(0, 10))), example('LV-RE').slice(10)],
    ['EE-RIK', () => String(estonianCheckDigit(example('EE-RIK').slice(0, 7))), example('EE-RIK').slice(7)],
    ['RO-CUI', () => String(romanianCheckDigit(example('RO-CUI').slice(0, -1))), example('RO-CUI').slice(-1)],
    ['AU-ABN', () => australianCheckDigits(example('AU-ABN').slice(2)), example('AU-ABN').slice(0, 2)],
    ['JP-JCN', () => String(japaneseCheckDigit(example('JP-JCN').slice(1))), example('JP-JCN').slice(0, 1)],
  ])('%s', (_scheme, computed, published) => {
    expect(computed()).toBe(published);
  });
});

describe('nationalIdentifier', () => {
  it('makes identifiers the registry parses unchanged, for every partner country it has a scheme for', () => {
    const random = seededRandom(7);
    let withScheme = 0;
    for (const { code } of PARTNER_COUNTRIES) {
      for (let i = 0; i < 200; i++) {
        const id = nationalIdentifier(random, code);
        expect(id !== null, code).toBe(NATIONAL_SCHEME_COUNTRIES.has(code));
        if (id === null) continue;
        withScheme += 1;
        const parsed = parseIdentifier(id);
        expect(parsed, id).toMatchObject({ ok: true, identifier: id });
      }
    }
    expect(withScheme).toBeGreaterThanOrEqual(200 * 23);
  });
});

describe('spelling helpers', () => {
  it('romanizes Ukrainian by the official system and writes Russian names in Ukrainian Cyrillic', () => {
    expect(romanizeUkrainian('Олена Яременко')).toBe('Olena Yaremenko');
    expect(romanizeUkrainian('Ярослав Гнатюк')).toBe('Yaroslav Hnatiuk');
    expect(cyrillicSpelling('Ovsyannikov')).toBe('Овсянніков');
    expect(cyrillicSpelling('Yakunin')).toBe('Якунін');
    expect(cyrillicSpelling('Shein')).toBe('Шеїн');
  });
});
