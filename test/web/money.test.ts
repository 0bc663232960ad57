import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatMoney, minorToMajorString, parseMajorAmount } from '../../web/src/money.ts';

// The web app takes amounts in major units and sends integer minor units: these checks pin the
// conversion down without floating-point arithmetic anywhere.

const currencies = fc.constantFrom('UAH', 'EUR', 'USD', 'JPY', 'KRW', 'GBP');
const minor = fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER });

describe('amounts typed in major units', () => {
  it('reads the usual ways of writing an amount in each language', () => {
    expect(parseMajorAmount('1,250,000.50', 'EUR', 'en')).toEqual({ ok: true, minor: 125_000_050 });
    expect(parseMajorAmount('1 250 000,50', 'EUR', 'uk')).toEqual({ ok: true, minor: 125_000_050 });
    expect(parseMajorAmount('1\u00a0250\u00a0000,5', 'UAH', 'uk')).toEqual({ ok: true, minor: 125_000_050 });
    expect(parseMajorAmount('1.250.000,50', 'EUR', 'uk')).toEqual({ ok: true, minor: 125_000_050 });
    expect(parseMajorAmount('1250000.5', 'EUR', 'uk')).toEqual({ ok: true, minor: 125_000_050 });
    expect(parseMajorAmount('0,07', 'UAH', 'uk')).toEqual({ ok: true, minor: 7 });
    expect(parseMajorAmount('1,250', 'EUR', 'en')).toEqual({ ok: true, minor: 125_000 });
    expect(parseMajorAmount('12,345', 'JPY', 'en')).toEqual({ ok: true, minor: 12_345 });
  });

  it('refuses what it cannot read exactly', () => {
    expect(parseMajorAmount('1,250', 'EUR', 'uk')).toEqual({ ok: false, reason: 'precision' });
    expect(parseMajorAmount('12.5', 'JPY', 'en')).toEqual({ ok: false, reason: 'precision' });
    expect(parseMajorAmount('1,2,3', 'EUR', 'uk')).toEqual({ ok: false, reason: 'format' });
    expect(parseMajorAmount('-5', 'EUR', 'en')).toEqual({ ok: false, reason: 'format' });
    expect(parseMajorAmount('1e6', 'EUR', 'en')).toEqual({ ok: false, reason: 'format' });
    expect(parseMajorAmount('', 'EUR', 'en')).toEqual({ ok: false, reason: 'format' });
    expect(parseMajorAmount('90071992547409.92', 'USD', 'en')).toEqual({ ok: false, reason: 'range' });
  });

  it('round-trips every safe integer of minor units through the edit field and the display', () => {
    fc.assert(
      fc.property(minor, currencies, fc.constantFrom('uk' as const, 'en' as const), (value, currency, language) => {
        expect(parseMajorAmount(minorToMajorString(value, currency), currency, language)).toEqual({ ok: true, minor: value });
        const shown = formatMoney(value, currency, language).replace(` ${currency}`, '');
        expect(parseMajorAmount(shown, currency, language)).toEqual({ ok: true, minor: value });
      }),
    );
  });
});
