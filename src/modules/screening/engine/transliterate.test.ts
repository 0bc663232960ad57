import { describe, expect, it } from 'vitest';
import { normalizeName } from './normalize.ts';
import {
  cyrillicLanguages,
  latinVariants,
  transliterateOther,
  transliterateRussian,
  transliterateSerbian,
  transliterateUkrainian,
} from './transliterate.ts';

const uk = (name: string) => transliterateUkrainian(normalizeName(name));
const ru = (name: string) => transliterateRussian(normalizeName(name));

describe('Ukrainian national system (2010)', () => {
  it('romanizes as Ukrainian passports do', () => {
    expect(uk('Володимир Зеленський')).toBe('volodymyr zelenskyi');
    expect(uk('Олександр')).toBe('oleksandr');
    expect(uk('Харків')).toBe('kharkiv');
    expect(uk('Григорій')).toBe('hryhorii');
    expect(uk('Ґалаґан')).toBe('galagan');
    expect(uk('Щербина')).toBe('shcherbyna');
  });

  it('writes є ї й ю я with y at the start of a word and with i inside it', () => {
    expect(uk('Юлія')).toBe('yuliia');
    expect(uk('Євген Їжакевич')).toBe('yevhen yizhakevych');
    expect(uk('Йосип Андрій')).toBe('yosyp andrii');
    expect(uk('Яна Костянтин')).toBe('yana kostiantyn');
  });

  it('writes зг as zgh, so it is not read as ж', () => {
    expect(uk('Згурський')).toBe('zghurskyi');
  });
});

describe('Russian (BGN/PCGN without diacritics)', () => {
  it('romanizes Russian letters, г as g, и as i, ы as y', () => {
    expect(ru('Владимир Путин')).toBe('vladimir putin');
    expect(ru('Хрущёв')).toBe('khrushchev');
    expect(ru('Крылов')).toBe('krylov');
    expect(ru('Григорий')).toBe('grigoriy');
  });

  it('writes е as ye at the start of a word and after a vowel or a sign', () => {
    expect(ru('Елена Андреева')).toBe('yelena andreyeva');
    expect(ru('Евгений')).toBe('yevgeniy');
  });
});

describe('script and language detection', () => {
  it('reads і ї є ґ as Ukrainian, ы ъ э ё as Russian, and a name with neither as either', () => {
    expect(cyrillicLanguages('олексій')).toEqual(['uk']);
    expect(cyrillicLanguages('крылов')).toEqual(['ru']);
    expect(cyrillicLanguages('иван петров')).toEqual(['uk', 'ru']);
    expect(cyrillicLanguages('вучић')).toEqual(['sr']);
  });

  it('gives one Latin reading per possible language', () => {
    expect(latinVariants(normalizeName('Іван'))).toEqual(['ivan']);
    expect(latinVariants(normalizeName('Иван Григорьев'))).toEqual(['yvan hryhorev', 'ivan grigoryev']);
    expect(latinVariants(normalizeName('John Smith'))).toEqual(['john smith']);
  });

  it('romanizes Serbian, Greek, Armenian and Georgian; leaves other scripts alone', () => {
    expect(transliterateSerbian('александар вучић')).toBe('aleksandar vucic');
    expect(transliterateOther(normalizeName('Κυριάκος Μητσοτάκης'))).toBe('kyriakos mitsotakis');
    expect(transliterateOther(normalizeName('Բարակ Օբամա'))).toBe('barak obama');
    expect(transliterateOther(normalizeName('ბარაკ ობამა'))).toBe('barak obama');
    expect(transliterateOther('محمد')).toBe('محمد');
  });
});
