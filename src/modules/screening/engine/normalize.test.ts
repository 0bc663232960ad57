import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../../core/errors.ts';
import { InvalidQueryError, isBlankName, MAX_NAME_LENGTH, normalizeName, truncateName } from './normalize.ts';

describe('normalizeName', () => {
  it('lower-cases, strips diacritics and folds letters NFKD leaves alone (ß, ø, ł, æ, đ)', () => {
    expect(normalizeName('Recep Tayyip ERDOĞAN')).toBe('recep tayyip erdogan');
    expect(normalizeName('Aleksandar Vučić')).toBe('aleksandar vucic');
    expect(normalizeName('Straße')).toBe('strasse');
    expect(normalizeName('Jonas Gahr Støre')).toBe('jonas gahr store');
    expect(normalizeName('Łukasz Wałęsa')).toBe('lukasz walesa');
    expect(normalizeName('Ægir Đoković')).toBe('aegir dokovic');
    expect(normalizeName('Ｍｏｈａｍｍｅｄ')).toBe('mohammed'); // full-width letters
  });

  it('keeps Cyrillic letters whole (й, ё, ї decide the transliteration)', () => {
    expect(normalizeName('Зеленський Володимир')).toBe('зеленський володимир');
    expect(normalizeName('Хрущёв')).toBe('хрущёв');
    expect(normalizeName('Ї')).toBe('ї');
    // Decomposed input (и + combining breve) is composed first.
    expect(normalizeName('Андрии\u0306')).toBe('андрий');
  });

  it('joins what apostrophes separate and turns other punctuation into single spaces', () => {
    expect(normalizeName("'Ndrangheta")).toBe('ndrangheta');
    expect(normalizeName('Al-Qa’ida')).toBe('al qaida');
    expect(normalizeName('  PUTIN,   Vladimir (Vladimirovich)  ')).toBe('putin vladimir vladimirovich');
    expect(normalizeName('AT&T')).toBe('at and t');
  });

  it('drops control and format characters instead of failing on them', () => {
    expect(normalizeName('Ivan\u0000\u0007 Petrov\u200b\u200e')).toBe('ivan petrov');
    expect(normalizeName('\t\n\r')).toBe('');
  });

  it('cuts names longer than the documented limit, without splitting a surrogate pair', () => {
    const long = 'a'.repeat(10_000);
    expect(truncateName(long)).toHaveLength(MAX_NAME_LENGTH);
    expect(normalizeName(long)).toHaveLength(MAX_NAME_LENGTH);
    const emoji = 'a'.repeat(MAX_NAME_LENGTH - 1) + '😀';
    expect(truncateName(emoji)).toHaveLength(MAX_NAME_LENGTH - 1);
  });

  it('drops combining marks that stand alone, Cyrillic ones included', () => {
    expect(normalizeName('\u2de0')).toBe('');
    expect(normalizeName('Іван\u2de0 Петренко')).toBe('іван петренко');
    expect(normalizeName('й')).toBe('й');
  });

  it('never throws and yields only letters, digits and single spaces', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 600 }), (raw) => {
        const out = normalizeName(raw);
        expect(out).toBe(out.trim());
        expect(out).not.toMatch(/\s{2}/);
        expect(out).toMatch(/^[\p{L}\p{N} ]*$/u);
        expect(out.length).toBeLessThanOrEqual(MAX_NAME_LENGTH * 4);
      }),
    );
  });
});

describe('isBlankName and InvalidQueryError', () => {
  it('treats empty, whitespace-only and punctuation-only names as blank', () => {
    for (const name of ['', '   ', '\u0000\u0001', '---', '\u200b']) expect(isBlankName(name)).toBe(true);
    expect(isBlankName('X')).toBe(false);
    expect(isBlankName('Иван')).toBe(false);
  });

  it('is an AppError answered as a 400 with the failing field', () => {
    const error = new InvalidQueryError('The name to screen is empty');
    expect(error).toBeInstanceOf(Error);
    expect(error).toBeInstanceOf(AppError);
    expect(error.status).toBe(400);
    expect(error.details.errors).toEqual([{ field: 'name', message: 'The name to screen is empty' }]);
  });
});
