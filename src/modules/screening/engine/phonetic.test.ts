import { describe, expect, it } from 'vitest';
import { givenNameEquivalents, givenNameGroup, skeleton } from './phonetic.ts';

describe('skeleton', () => {
  it('gives the romanizations of one Ukrainian or Russian name one key', () => {
    const zelensky = ['zelenskyi', 'zelenskyy', 'zelensky', 'selenskyj', 'zelenskiy', 'zelenskij'].map(skeleton);
    expect(new Set(zelensky).size).toBe(1);
    expect(skeleton('wolodymyr')).toBe(skeleton('volodymyr'));
    expect(skeleton('khrushchev')).toBe(skeleton('chruschtschow'.replace(/w$/, 'v')));
  });

  it('collapses the spellings of Ж (zh, j, z) and of Х (kh, h, ch)', () => {
    expect(skeleton('zhukov')).toBe(skeleton('jukov'));
    expect(skeleton('zhukov')).toBe(skeleton('zukov'));
    expect(skeleton('kharkiv')).toBe(skeleton('harkiv'));
    expect(skeleton('kharkiv')).toBe(skeleton('charkiv'));
  });

  it('collapses doubled letters and vowel runs, keeps digits, leaves other scripts alone', () => {
    expect(skeleton('mohammed')).toBe(skeleton('muhamad'));
    expect(skeleton('hussein')).toBe(skeleton('husayn'));
    expect(skeleton('2004')).toBe('2004');
    expect(skeleton('محمد')).toBe('محمد');
  });

  it('keeps names that merely share vowels apart', () => {
    expect(skeleton('petrov')).not.toBe(skeleton('ivanov'));
    expect(skeleton('olga')).not.toBe(skeleton('oleg'));
  });
});

describe('given-name equivalents', () => {
  it('knows the Russian and Ukrainian forms of common given names', () => {
    for (const [a, b] of [['vladimir', 'volodymyr'], ['aleksandr', 'oleksandr'], ['alexey', 'oleksiy'], ['sergey', 'serhiy'], ['dmitry', 'dmytro'],
      ['nikolay', 'mykola'], ['mikhail', 'mykhailo'], ['andrey', 'andriy'], ['yuri', 'yuriy'], ['pavel', 'pavlo'], ['grigory', 'hryhoriy'],
      ['yevgeny', 'yevhen'], ['olga', 'olha'], ['elena', 'olena'], ['natalia', 'nataliya'], ['tatiana', 'tetiana']]) {
      expect(givenNameGroup(a), `${a} / ${b}`).toBeGreaterThanOrEqual(0);
      expect(givenNameGroup(a), `${a} / ${b}`).toBe(givenNameGroup(b));
    }
    expect(givenNameGroup('vladimir')).not.toBe(givenNameGroup('oleksandr'));
    expect(givenNameGroup('zelensky')).toBe(-1);
    expect(givenNameEquivalents('wolodymyr')).toContain('vladimir');
    expect(givenNameEquivalents('smith')).toEqual([]);
  });
});
