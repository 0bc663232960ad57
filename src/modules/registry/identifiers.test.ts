import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { IDENTIFIER_SCHEMES, edrpouCheckDigit, isValidLei, leiCheckDigits, parseIdentifier, zIdentifier } from './identifiers.ts';

function parsedOk(text: string) {
  const parsed = parseIdentifier(text);
  if (!parsed.ok) throw new Error(`expected ${text} to parse, got: ${parsed.message}`);
  return parsed;
}

function refusal(text: string): string {
  const parsed = parseIdentifier(text);
  if (parsed.ok) throw new Error(`expected ${text} to be refused, got ${parsed.identifier}`);
  return parsed.message;
}

describe('IDENTIFIER_SCHEMES', () => {
  it('lists 15 to 25 org-id.guide codes, each with an example that parses to itself', () => {
    const codes = Object.keys(IDENTIFIER_SCHEMES);
    expect(codes.length).toBeGreaterThanOrEqual(15);
    expect(codes.length).toBeLessThanOrEqual(25);
    for (const [code, scheme] of Object.entries(IDENTIFIER_SCHEMES)) {
      expect(code).toMatch(/^[A-Z]{2}-[A-Z0-9_]+$/);
      expect(scheme.example).toMatch(scheme.pattern);
      expect(parsedOk(`${code}-${scheme.example}`)).toEqual({
        ok: true,
        scheme: code,
        value: scheme.example,
        identifier: `${code}-${scheme.example}`,
      });
    }
  });
});

describe('edrpouCheckDigit', () => {
  // Published codes of well-known Ukrainian legal entities, worked by hand:
  // 14360570 (PrivatBank): prefix < 3000000, weights 1..7: 1+8+9+24+0+30+49 = 121, 121 mod 11 = 0.
  // 20077720 (Naftogaz of Ukraine): weights 1..7: 2+0+0+28+35+42+14 = 121 → 0.
  // 00032129 (Oschadbank): weights 1..7: 0+0+0+12+10+6+14 = 42, 42 mod 11 = 9.
  // 14307529 (Antonov): weights 1..7: 1+8+9+0+35+30+14 = 97, 97 mod 11 = 9.
  // 40075815 (Ukrzaliznytsia): 3000000 ≤ prefix < 6000000, weights 7,1..6: 28+0+0+21+20+40+6 = 115 → 5.
  // 38422948 (org-id.guide example): weights 7,1..6 give 120 mod 11 = 10, so weights 9,3..8:
  //   27+24+16+10+12+63+32 = 184, 184 mod 11 = 8.
  // 19280108 (org-id.guide example): weights 1..7: 1+18+6+32+0+6+0 = 63 → 8.
  const published = ['14360570', '20077720', '00032129', '14307529', '40075815', '38422948', '19280108'];

  it.each(published)('gives the published check digit of %s', (code) => {
    expect(edrpouCheckDigit(code.slice(0, 7))).toBe(Number(code[7]));
    expect(parsedOk(`UA-EDR-${code}`).identifier).toBe(`UA-EDR-${code}`);
  });

  it('falls back to 0 when the second weighting also leaves 10', () => {
    // 0003973: weights 1..7 give 12+45+42+21 = 120 → 10; weights 3..9 give 18+63+56+27 = 164 → 10; so 0.
    expect(edrpouCheckDigit('0003973')).toBe(0);
    expect(parsedOk('UA-EDR-00039730').value).toBe('00039730');
  });

  it('uses the outer weights for codes from 60000001 up (60000006 is the only valid 6000000x)', () => {
    // 6000000 with weights 1..7: 6 → 6 (60000006 > 60000000 is consistent); weights 7,1..6 would give 42 → 9,
    // but 60000009 is above 60000000 and so uses the outer weights: inconsistent.
    expect(edrpouCheckDigit('6000000')).toBe(6);
    // Either side of 30000000: 2999999 with weights 1..7: 2 + 9·27 = 245 → 3;
    // 3000000 with weights 7,1..6: 21 → 10, then weights 9,3..8: 27 → 5; 5999999: 35 + 9·21 = 224 → 4.
    expect(edrpouCheckDigit('2999999')).toBe(3);
    expect(edrpouCheckDigit('3000000')).toBe(5);
    expect(edrpouCheckDigit('5999999')).toBe(4);
  });

  it('refuses anything but seven digits', () => {
    expect(() => edrpouCheckDigit('123456')).toThrow(RangeError);
    expect(() => edrpouCheckDigit('12345678')).toThrow(RangeError);
    expect(() => edrpouCheckDigit('12345a7')).toThrow(RangeError);
  });

  it.each(published)('refuses %s with any other check digit and says which digit is expected', (code) => {
    for (let digit = 0; digit <= 9; digit++) {
      if (digit === Number(code[7])) continue;
      expect(refusal(`UA-EDR-${code.slice(0, 7)}${digit}`)).toBe(`EDRPOU check digit should be ${code[7]}, not ${digit}`);
    }
  });

  it('round-trips every 7-digit prefix and refuses every other last digit (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 9_999_999 }), (n) => {
        const first7 = String(n).padStart(7, '0');
        const check = edrpouCheckDigit(first7);
        expect(check).toBeGreaterThanOrEqual(0);
        expect(check).toBeLessThanOrEqual(9);
        expect(parsedOk(`UA-EDR-${first7}${check}`).value).toBe(`${first7}${check}`);
        const wrong = (check + 1 + (n % 9)) % 10;
        expect(refusal(`UA-EDR-${first7}${wrong}`)).toBe(`EDRPOU check digit should be ${check}, not ${wrong}`);
      }),
      { numRuns: 300 },
    );
  });

  it('says what is wrong with the length', () => {
    expect(refusal('UA-EDR-1436057')).toBe('EDRPOU code must be 8 digits, got 7 characters "1436057"');
    expect(refusal('UA-EDR-')).toMatch(/no value/);
    expect(refusal('UA-EDR')).toMatch(/no value/);
  });

  it('normalizes case and spaces', () => {
    expect(parsedOk('  ua-edr-1436 0570 ')).toEqual({ ok: true, scheme: 'UA-EDR', value: '14360570', identifier: 'UA-EDR-14360570' });
  });
});

describe('isValidLei', () => {
  // Published LEIs: Bloomberg Finance L.P. (GLEIF's usual example), GLEIF itself, Deutsche Bank AG, Apple Inc.
  const published = ['5493001KJTIIGC8Y1R12', '506700GE1G29325QX363', '7LTWFZYICNSX8D621K86', 'HWUPKR0MPOU8FGXBT394'];
  const DIGITS = '0123456789';
  const LETTERS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';

  it.each(published)('accepts %s', (lei) => {
    expect(isValidLei(lei)).toBe(true);
    expect(parsedOk(`XI-LEI-${lei.toLowerCase()}`).identifier).toBe(`XI-LEI-${lei}`);
  });

  it.each(published)('refuses every single-character substitution of %s', (lei) => {
    // MOD 97-10 catches every substitution that keeps the character class (digit for digit, letter for
    // letter): the number changes by (a - b)·10^k with 0 < |a - b| < 97, and 97 is prime.
    for (let i = 0; i < lei.length; i++) {
      const alphabet = DIGITS.includes(lei[i]) ? DIGITS : LETTERS;
      for (const ch of alphabet) {
        if (ch === lei[i]) continue;
        const corrupted = `${lei.slice(0, i)}${ch}${lei.slice(i + 1)}`;
        expect(isValidLei(corrupted), corrupted).toBe(false);
      }
    }
  });

  it.each(published)('leiCheckDigits gives back the check digits of %s', (lei) => {
    expect(leiCheckDigits(lei.slice(0, 18))).toBe(lei.slice(18));
  });

  it('leiCheckDigits completes any 18-character prefix into an LEI the validator accepts (the demo data set makes its LEIs so)', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom(...DIGITS, ...LETTERS), minLength: 18, maxLength: 18 }), (prefix) => {
        expect(isValidLei(`${prefix}${leiCheckDigits(prefix)}`)).toBe(true);
      }),
    );
  });

  it('refuses wrong shapes', () => {
    expect(isValidLei('5493001KJTIIGC8Y1R1')).toBe(false);
    expect(isValidLei('5493001KJTIIGC8Y1R123')).toBe(false);
    expect(isValidLei('5493001kjtiigc8y1r12')).toBe(false);
    expect(isValidLei('5493001KJTIIGC8Y1RAB')).toBe(false);
  });

  it('names the expected check digits', () => {
    expect(refusal('XI-LEI-5493001KJTIIGC8Y1R13')).toBe('LEI check digits should be 12, not 13 (or another character is mistyped)');
    expect(refusal('XI-LEI-5493001KJTIIGC8Y1R')).toMatch(/^LEI must be 20 letters or digits, got 18 characters/);
  });
});

describe('parseIdentifier for other known schemes', () => {
  it('takes Companies House numbers as 8 digits or 2 letters and 6 digits', () => {
    expect(parsedOk('GB-COH-09506232').value).toBe('09506232');
    expect(parsedOk('gb-coh-sc 123456').identifier).toBe('GB-COH-SC123456');
    expect(parsedOk('GB-COH-NI012345').value).toBe('NI012345');
    expect(parsedOk('GB-COH-OC301234').value).toBe('OC301234');
    expect(refusal('GB-COH-9506232')).toMatch(/GB-COH value "9506232" does not have the form of a Companies House/);
    expect(refusal('GB-COH-S1234567')).toMatch(/^GB-COH value/);
  });

  it('stores an EIN without its hyphen', () => {
    expect(parsedOk('US-EIN-12-3456789')).toEqual({ ok: true, scheme: 'US-EIN', value: '123456789', identifier: 'US-EIN-123456789' });
    expect(refusal('US-EIN-12-345678')).toMatch(/US-EIN/);
  });

  it('normalizes numbers printed with separators', () => {
    expect(parsedOk('BE-BCE_KBO-0521.749.439').value).toBe('0521749439');
    expect(parsedOk('SE-ON-556091-2148').value).toBe('5560912148');
    expect(parsedOk('FR-RCS-799 640 131').value).toBe('799640131');
    expect(parsedOk('PL-KRS-359730').value).toBe('0000359730');
    expect(parsedOk('FI-PRO-16801400').value).toBe('1680140-0');
    expect(parsedOk('DE-CR-RA000220-VR 8726').value).toBe('RA000220-VR8726');
    expect(parsedOk('de-cr-ra000220-gnr123').value).toBe('RA000220-GnR123');
  });

  it('asks for the nine-digit Canadian Business Number only', () => {
    expect(refusal('CA-CRA_ACR-123456789RP0001')).toBe(
      'CA-CRA_ACR takes only the nine-digit Business Number, without the program account: 123456789',
    );
  });
});

describe('parseIdentifier for unknown schemes', () => {
  it('accepts org-id.guide-shaped codes as other schemes', () => {
    expect(parsedOk('IL-ROC-520036872')).toEqual({ ok: true, scheme: 'IL-ROC', value: '520036872', identifier: 'IL-ROC-520036872' });
    expect(parsedOk('xm-foo_bar-AB/12.3-x')).toEqual({ ok: true, scheme: 'XM-FOO_BAR', value: 'AB/12.3-x', identifier: 'XM-FOO_BAR-AB/12.3-x' });
    // A deprecated code is no longer "known" and so is not pattern-checked.
    expect(parsedOk('SE-BLV-556036-0793').scheme).toBe('SE-BLV');
  });

  it('prefers a known scheme over the generic shape, but only on a whole code', () => {
    expect(parsedOk('SE-ON-5560912148').scheme).toBe('SE-ON');
    expect(parsedOk('SE-ONX-1').scheme).toBe('SE-ONX');
  });

  it('refuses values that are empty, too long or use other characters', () => {
    expect(refusal('XM-FOO-')).toBe('XM-FOO identifier has no value after the scheme');
    expect(refusal(`XM-FOO-${'A'.repeat(101)}`)).toBe('XM-FOO value is 101 characters long; at most 100 are allowed');
    expect(parsedOk(`XM-FOO-${'A'.repeat(100)}`).value).toHaveLength(100);
    expect(refusal('XM-FOO-AB 12')).toBe('XM-FOO value may contain only Latin letters, digits and . / _ -');
    expect(refusal('XM-FOO-ÄB')).toMatch(/only Latin letters/);
  });

  it('refuses text that is not scheme-qualified', () => {
    expect(refusal('')).toMatch(/empty/);
    expect(refusal('14360570')).toMatch(/is not an org-id.guide identifier/);
    expect(refusal('UAEDR-14360570')).toMatch(/is not an org-id.guide identifier/);
    expect(refusal('U1-EDR-14360570')).toMatch(/is not an org-id.guide identifier/);
  });

  it('refuses control characters and line breaks instead of throwing', () => {
    expect(refusal('UA-EDR-1436\u00000570')).toBe('identifier must not contain control characters or broken Unicode');
    expect(refusal('UA-EDR-\u001b14360570')).toBe('identifier must not contain control characters or broken Unicode');
    expect(refusal('UA-EDR-1436\n0570')).toBe('identifier must be a single line without tabs');
    expect(refusal('UA-EDR-\ud80014360570')).toBe('identifier must not contain control characters or broken Unicode');
  });
});

describe('zIdentifier', () => {
  it('outputs the parsed parts', () => {
    expect(zIdentifier.parse(' xi-lei-5493001kjtiigc8y1r12 ')).toEqual({
      scheme: 'XI-LEI',
      value: '5493001KJTIIGC8Y1R12',
      identifier: 'XI-LEI-5493001KJTIIGC8Y1R12',
    });
  });

  it('fails with the parser message', () => {
    const result = zIdentifier.safeParse('UA-EDR-14360571');
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((issue) => issue.message)).toEqual(['EDRPOU check digit should be 0, not 1']);
  });

  it('refuses over-long and non-string input', () => {
    expect(zIdentifier.safeParse(`XM-FOO-${'A'.repeat(124)}`).success).toBe(false);
    expect(zIdentifier.safeParse(42).success).toBe(false);
    expect(zIdentifier.safeParse(null).success).toBe(false);
  });

  it('never throws on generated garbage, and whatever it accepts parses back to itself (property)', () => {
    const interesting = fc.oneof(
      fc.string({ unit: 'binary', maxLength: 140 }),
      fc.string({ unit: 'grapheme', maxLength: 60 }),
      fc
        .tuple(fc.constantFrom(...Object.keys(IDENTIFIER_SCHEMES), 'XM-ABC', 'ua-edr', 'xi-lei'), fc.string({ maxLength: 30 }))
        .map(([scheme, rest]) => `${scheme}-${rest}`),
      fc.tuple(fc.integer({ min: 0, max: 99_999_999 })).map(([n]) => `UA-EDR-${String(n).padStart(8, '0')}`),
    );
    fc.assert(
      fc.property(interesting, (text) => {
        const parsed = parseIdentifier(text);
        const viaZod = zIdentifier.safeParse(text);
        if (text.length <= 130) expect(viaZod.success).toBe(parsed.ok);
        if (parsed.ok) {
          expect(parsed.identifier).toBe(`${parsed.scheme}-${parsed.value}`);
          expect(parseIdentifier(parsed.identifier)).toEqual(parsed);
        } else {
          expect(parsed.message.length).toBeGreaterThan(0);
        }
      }),
      { numRuns: 500 },
    );
  });
});
