import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compareNames, editDistance, NAME_ONLY_CAP, spellingSimilarity } from './compare.ts';

const THRESHOLD = 0.7;
const person = (a: string, b: string) => compareNames(a, b, 'Person');
const company = (a: string, b: string) => compareNames(a, b, 'Company');

describe('editDistance', () => {
  it('counts insertions, deletions, substitutions and adjacent transpositions', () => {
    expect(editDistance('scholz', 'scholz')).toBe(0);
    expect(editDistance('scholz', 'schloz')).toBe(1);
    expect(editDistance('kitten', 'sitting')).toBe(3);
    expect(editDistance('', 'abc')).toBe(3);
    expect(spellingSimilarity('merkel', 'merkur')).toBeCloseTo(4 / 6);
  });
});

describe('compareNames: scripts and spelling systems', () => {
  it('matches Cyrillic with every Latin spelling of a Ukrainian name', () => {
    for (const latin of ['Volodymyr Zelenskyy', 'Volodymyr Zelenskyi', 'Volodymyr Zelensky', 'Wolodymyr Selenskyj', 'Vladimir Zelenskiy']) {
      expect(person('Володимир Зеленський', latin), latin).toBeGreaterThanOrEqual(THRESHOLD);
    }
  });

  it('matches the Latin spellings with each other', () => {
    expect(person('Wolodymyr Selenskyj', 'Volodymyr Zelenskyy')).toBeGreaterThanOrEqual(THRESHOLD);
    expect(person('Volodymyr Zelensky', 'Volodymyr Zelenskyy')).toBeGreaterThanOrEqual(0.9);
  });

  it('knows Vladimir and Volodymyr (and other Russian/Ukrainian given names) are one name', () => {
    expect(person('Vladimir Zelenskiy', 'Volodymyr Zelenskyy')).toBeGreaterThanOrEqual(0.8);
    expect(person('Aleksandr Kovalenko', 'Oleksandr Kovalenko')).toBeGreaterThanOrEqual(0.9);
    expect(person('Sergey Marchenko', 'Serhiy Marchenko')).toBeGreaterThanOrEqual(0.9);
    expect(person('Olga Bondarenko', 'Olha Bondarenko')).toBeGreaterThanOrEqual(0.9);
  });

  it('reads Ж as zh, j or z and Х as kh, h or ch', () => {
    expect(person('Георгий Жуков', 'Georgy Zhukov')).toBeGreaterThanOrEqual(0.9);
    expect(person('Georgy Zhukov', 'Georgy Joukov')).toBeGreaterThanOrEqual(THRESHOLD);
    expect(person('Georgy Zhukov', 'Georgy Zukov')).toBeGreaterThanOrEqual(THRESHOLD);
    expect(person('Mykhailo Khomenko', 'Mychajlo Chomenko')).toBeGreaterThanOrEqual(THRESHOLD);
    expect(person('Mykhailo Khomenko', 'Mykhailo Homenko')).toBeGreaterThanOrEqual(THRESHOLD);
  });

  it('reads a Cyrillic name without Ukrainian or Russian letters both ways', () => {
    // "Григорий" has no marker letter: the Russian reading (Grigoriy) and the Ukrainian (Hryhorii) both count.
    expect(person('Григорий Сковорода', 'Grigoriy Skovoroda')).toBeGreaterThanOrEqual(0.9);
    expect(person('Григорий Сковорода', 'Hryhoriy Skovoroda')).toBeGreaterThanOrEqual(0.9);
  });

  it('matches Cyrillic with Cyrillic and Greek with Latin', () => {
    expect(person('Владимир Пулин', 'Владимир Путин')).toBeGreaterThanOrEqual(THRESHOLD);
    expect(person('Kyriakos Mitsotakis', 'Κυριάκος Μητσοτάκης')).toBeGreaterThanOrEqual(0.9);
  });
});

describe('compareNames: how names are written', () => {
  it('ignores name order, with or without a comma', () => {
    expect(person('Putin, Vladimir', 'Vladimir Putin')).toBeGreaterThanOrEqual(0.95);
    expect(person('PUTIN Vladimir', 'Vladimir Putin')).toBeGreaterThanOrEqual(0.95);
    expect(person('Зеленський Володимир Олександрович', 'Volodymyr Zelenskyy')).toBeGreaterThanOrEqual(0.8);
  });

  it('tolerates a missing middle name or patronymic, but not a different one', () => {
    expect(person('Sergey Viktorovich Lavrov', 'Sergey Lavrov')).toBeGreaterThanOrEqual(0.85);
    expect(person('Boris Johnson', 'Alexander Boris de Pfeffel Johnson')).toBeGreaterThanOrEqual(THRESHOLD);
    expect(person('Sergey Ivanovich Lavrov', 'Sergey Viktorovich Lavrov')).toBeLessThan(THRESHOLD);
  });

  it('matches initials with the names they abbreviate, and not with others', () => {
    expect(person('V. Putin', 'Vladimir Putin')).toBeGreaterThanOrEqual(0.8);
    expect(person('Hans J. Friedrich', 'Hans Joachim Friedrich')).toBeGreaterThanOrEqual(0.9);
    expect(person('J.-C. Juncker', 'Jean-Claude Juncker')).toBeGreaterThanOrEqual(THRESHOLD);
    expect(person('Hans O. Friedrich', 'Hans Joachim Friedrich')).toBeLessThan(THRESHOLD);
    expect(person('A. Nazarbayev', 'Nursultan Nazarbayev')).toBeLessThan(THRESHOLD);
    // Initials alone identify nobody.
    expect(person('N. N.', 'Nursultan Nazarbayev')).toBeLessThan(THRESHOLD);
  });

  it('tolerates one or two typos', () => {
    expect(person('Vladimir Putn', 'Vladimir Putin')).toBeGreaterThanOrEqual(0.85);
    expect(person('Angela Merkl', 'Angela Merkel')).toBeGreaterThanOrEqual(0.85);
    expect(person('Olaf Schloz', 'Olaf Scholz')).toBeGreaterThanOrEqual(0.85);
    expect(person('Aleksandr Lukashnko', 'Alexander Lukashenko')).toBeGreaterThanOrEqual(THRESHOLD);
    expect(person('Mikhail Khordorovsky', 'Mikhail Khodorkovsky')).toBeGreaterThanOrEqual(THRESHOLD);
    expect(person('Ig0r Sech1n', 'Igor Sechin')).toBeGreaterThanOrEqual(0.9);
  });

  it('matches joined and split words', () => {
    expect(person('VladimirPutin', 'Vladimir Putin')).toBeGreaterThanOrEqual(0.9);
    expect(person('Alisher Usmanov', 'AlisherUsmanov')).toBeGreaterThanOrEqual(0.9);
    expect(person('Nikolai Patr ushev', 'Nikolai Platonovich Patrushev')).toBeGreaterThanOrEqual(THRESHOLD);
    expect(company('Good Will Company', 'Goodwill Company')).toBeGreaterThanOrEqual(0.9);
    expect(company('PricewaterhouseCoopers LLP', 'Pricewaterhouse Coopers LLP')).toBeGreaterThanOrEqual(0.9);
  });

  it('ignores diacritics and special letters', () => {
    expect(person('Aleksandar Vucic', 'Aleksandar Vučić')).toBeGreaterThanOrEqual(0.95);
    expect(person('Jonas Gahr Store', 'Jonas Gahr Støre')).toBeGreaterThanOrEqual(0.95);
    expect(person('Lech Walesa', 'Lech Wałęsa')).toBeGreaterThanOrEqual(0.95);
    expect(company('Grosse Strasse GmbH', 'Große Straße GmbH')).toBeGreaterThanOrEqual(0.95);
  });

  it('drops courtesy titles', () => {
    expect(person('Mr. Recep Tayyip Erdoğan', 'Recep Tayyip Erdogan')).toBeGreaterThanOrEqual(0.95);
  });
});

describe('compareNames: different people and companies', () => {
  it('keeps people apart who share a first name or a surname only', () => {
    expect(person('Barack Obama', 'Michelle Obama')).toBeLessThan(THRESHOLD);
    expect(person('Bashar al-Assad', 'Hafez al-Assad')).toBeLessThan(THRESHOLD);
    expect(person('Volodymyr Groysman', 'Volodymyr Zelenskyy')).toBeLessThan(THRESHOLD);
    expect(person('Oleksandr Zelenskyy', 'Volodymyr Oleksandrovych Zelenskyy')).toBeLessThan(THRESHOLD);
  });

  it('reads "X bin Y" as X son of Y', () => {
    expect(person('Salman bin Muhammad', 'Muhammad bin Salman')).toBeLessThan(THRESHOLD);
    expect(person('bin Salman, Mohammed', 'Mohammed bin Salman')).toBeGreaterThanOrEqual(0.9);
  });

  it('never gives a name alone a perfect score', () => {
    expect(person('Vladimir Putin', 'Vladimir Putin')).toBe(NAME_ONLY_CAP);
    expect(NAME_ONLY_CAP).toBeLessThan(1);
  });
});

describe('compareNames: legal forms are noise', () => {
  it('matches a company across legal-form spellings, languages and scripts', () => {
    expect(company('OOO Oboronnye Initsiativy', 'Oboronnye Initsiativy o.O.O.')).toBeGreaterThanOrEqual(0.95);
    expect(company('OAO Gazprom', 'Open Joint Stock Company Gazprom')).toBeGreaterThanOrEqual(0.95);
    expect(company('ТОВ "Світанок"', 'Svitanok LLC')).toBeGreaterThanOrEqual(0.9);
    expect(company('Siemens Aktiengesellschaft', 'Siemens AG')).toBeGreaterThanOrEqual(0.95);
    expect(company('SiemensAG', 'Siemens AG')).toBeGreaterThanOrEqual(0.9);
  });

  it('does not let a shared legal form make a match', () => {
    expect(company('ООО "БАЙ"', 'ООО "БАЙКАЛ"')).toBeLessThan(THRESHOLD);
    expect(company('ОБЩЕСТВО С ОГРАНИЧЕННОЙ ОТВЕТСТВЕННОСТЬЮ "БАЙ"', 'ОБЩЕСТВО С ОГРАНИЧЕННОЙ ОТВЕТСТВЕННОСТЬЮ "БАЙКАЛ"')).toBeLessThan(THRESHOLD);
    expect(company('Volkswagen AG', 'Siemens AG')).toBeLessThan(THRESHOLD);
  });

  it('matches nothing with a name made only of a legal form', () => {
    expect(company('ООО', 'ООО')).toBe(0);
    expect(company('LLC', 'LLC Romashka')).toBe(0);
    expect(company('Limited Liability Company', 'Limited')).toBe(0);
  });

  it('lowers the score when the two legal forms are of different kinds', () => {
    expect(company('Deutsche Bank AG', 'Deutsche Bank GmbH')).toBeLessThan(company('Deutsche Bank AG', 'Deutsche Bank Aktiengesellschaft'));
    expect(company('Deutsche Bank AG', 'Deutsche Bank GmbH')).toBeLessThan(THRESHOLD);
  });
});

describe('compareNames: bad input', () => {
  it('returns a score in [0, 0.99] and never throws, whatever the input', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 200 }), fc.string({ unit: 'grapheme', maxLength: 200 }), fc.constantFrom('Person', 'Company', 'Vessel', undefined), (a, b, schema) => {
        const score = compareNames(a, b, schema);
        expect(score).toBeGreaterThanOrEqual(0);
        expect(score).toBeLessThanOrEqual(NAME_ONLY_CAP);
      }),
      { numRuns: 300 },
    );
  });

  it('handles empty, 10,000-character, control-character and mixed-script names', () => {
    expect(person('', 'Vladimir Putin')).toBe(0);
    expect(person('   ', '   ')).toBe(0);
    const long = 'Vladimir Putin '.repeat(700);
    expect(long.length).toBeGreaterThan(10_000);
    expect(person(long, 'Vladimir Putin')).toBeGreaterThan(0);
    expect(person('x'.repeat(10_000), 'y'.repeat(10_000))).toBeLessThan(THRESHOLD);
    expect(person('Vladi\u0000mir\u0007 Pu\u200btin', 'Vladimir Putin')).toBeGreaterThanOrEqual(0.95);
    expect(person('Vlаdimir Putin', 'Vladimir Putin')).toBeGreaterThanOrEqual(0.95); // Cyrillic "а" inside a Latin word
  });

  it('scores realistic identical names as near-certain', () => {
    const word = fc.stringMatching(/^[A-Z][a-z]{3,9}$/);
    fc.assert(
      fc.property(fc.array(word, { minLength: 1, maxLength: 4 }), (words) => {
        const name = words.join(' ');
        expect(person(name, name)).toBeGreaterThanOrEqual(0.95);
      }),
      { numRuns: 200 },
    );
  });
});

describe('one-word person names', () => {
  it('never lets a one-word name (a weak alias, a bare given name) hit a full name, but keeps joined words', () => {
    expect(compareNames('Владимир Путин', 'VLADIMIR', 'Person')).toBeLessThan(0.7);
    expect(compareNames('Ivan Petrov', 'Petrov', 'Person')).toBeLessThan(0.7);
    expect(compareNames('Ramimakhlouf', 'Rami Makhlouf', 'Person')).toBeGreaterThanOrEqual(0.7);
    expect(compareNames('A. Khamenei', 'Ali Khamenei', 'Person')).toBeGreaterThanOrEqual(0.7);
  });
});
