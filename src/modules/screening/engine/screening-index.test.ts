import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { EntitySchema, ListEntity } from '../types.ts';
import { compareNames, comparePrepared } from './compare.ts';
import { prepareName } from './prepare.ts';
import { InvalidQueryError } from './normalize.ts';
import { compareBirthDates, normalizeIdentifier, ScreeningIndex, schemasCompatible } from './screening-index.ts';

function entity(id: string, schema: EntitySchema, names: string[], extra: Partial<ListEntity> = {}): ListEntity {
  return {
    id,
    schema,
    caption: names[0],
    names: names.map((value, i) => ({ value, kind: i === 0 ? 'primary' : 'alias' })),
    birthDates: [],
    countries: [],
    identifiers: [],
    programs: ['RUSSIA-EO14024'],
    sourceUrls: [],
    ...extra,
  };
}

const LIST: ListEntity[] = [
  entity('ofac:1', 'Person', ['ZELENSKYY, Volodymyr Oleksandrovych', 'Зеленський Володимир Олександрович'], { birthDates: ['1978-01-25'], countries: ['UA'], gender: 'male' }),
  entity('ofac:2', 'Person', ['Vladimir Vladimirovich PUTIN', 'Владимир Владимирович Путин'], { birthDates: ['1952-10-07'], countries: ['RU'], gender: 'male' }),
  entity('un:3', 'Person', ['Olena Volodymyrivna Zelenska'], { birthDates: ['1978'], gender: 'female' }),
  entity('ofac:4', 'Company', ['ООО "БАЙКАЛ"', 'Baikal LLC'], { identifiers: [{ scheme: 'INN', value: '7701234567' }], countries: ['RU'] }),
  entity('ofac:5', 'Company', ['TACTICAL MISSILES CORPORATION JOINT STOCK COMPANY', 'АО "Корпорация Тактическое Ракетное Вооружение"'], {
    identifiers: [{ scheme: 'OGRN', value: '1035009568736' }],
  }),
  entity('ofac:6', 'Vessel', ['HELLENIC SPIRIT'], { identifiers: [{ scheme: 'IMO', value: '9281932' }] }),
  entity('eu:7', 'Person', ['Sergey Viktorovich LAVROV']),
  entity('eu:8', 'Organization', ['People’s Liberation Army']),
];
const index = ScreeningIndex.build(LIST);

describe('ScreeningIndex.build', () => {
  it('counts entities and names, and takes the source from the id prefix unless told otherwise', () => {
    expect(index.size).toBe(8);
    expect(index.aliasCount).toBe(12);
    expect(index.match({ name: 'Sergey Lavrov' })[0].source).toBe('eu');
    const custom = ScreeningIndex.build(LIST, (e) => (e.id.startsWith('ofac') ? 'us-ofac' : 'other'));
    expect(custom.match({ name: 'Volodymyr Zelenskyy' })[0].source).toBe('us-ofac');
  });

  it('accepts any iterable, including a generator', () => {
    function* entities() {
      yield* LIST;
    }
    expect(ScreeningIndex.build(entities()).size).toBe(LIST.length);
    expect(ScreeningIndex.build([]).match({ name: 'anyone' })).toEqual([]);
  });
});

describe('ScreeningIndex.match', () => {
  it('finds a person across scripts and spellings, best first, with the matched name and programs', () => {
    const [first, ...rest] = index.match({ name: 'Wolodymyr Selenskyj', schema: 'Person' });
    expect(first.entityId).toBe('ofac:1');
    expect(first.caption).toBe('ZELENSKYY, Volodymyr Oleksandrovych');
    expect(first.programs).toEqual(['RUSSIA-EO14024']);
    expect(first.score).toBeGreaterThanOrEqual(0.7);
    for (const other of rest) expect(other.score).toBeLessThanOrEqual(first.score);
    expect(index.match({ name: 'Володимир Зеленський' })[0].entityId).toBe('ofac:1');
    expect(index.match({ name: 'Vladimir Putin' })[0].matchedName).toBe('Vladimir Vladimirovich PUTIN');
    expect(index.match({ name: 'Путин Владимир' })[0].entityId).toBe('ofac:2');
  });

  it('returns only scores at or above the threshold (0.70 by default) and at most `limit` matches', () => {
    const loose = index.match({ name: 'Zelensky' }, { threshold: 0.3, limit: 10 });
    expect(loose.length).toBeGreaterThanOrEqual(2);
    for (const match of loose) expect(match.score).toBeGreaterThanOrEqual(0.3);
    expect(index.match({ name: 'Zelensky' }, { threshold: 0.3, limit: 1 })).toHaveLength(1);
    for (const match of index.match({ name: 'Zelensky' })) expect(match.score).toBeGreaterThanOrEqual(0.7);
    expect(index.match({ name: 'Zelensky' }, { limit: 0 })).toEqual([]);
    expect(index.match({ name: 'Angela Merkel' })).toEqual([]);
  });

  it('explains each score with evidence', () => {
    const [match] = index.match({ name: 'Volodymyr Zelenskyy', birthDate: '1978', country: 'UA', gender: 'male' });
    expect(match.evidence[0]).toMatchObject({ feature: 'name', queryValue: 'Volodymyr Zelenskyy', entityValue: 'ZELENSKYY, Volodymyr Oleksandrovych' });
    expect(match.evidence.map((e) => e.feature)).toEqual(['name', 'birth_date', 'country']);
    expect(match.evidence[1].weight).toBeGreaterThan(0);
  });

  it('lowers the score for a different birth year, country or gender', () => {
    const plain = index.match({ name: 'Vladimir Putin' })[0].score;
    const wrongYear = index.match({ name: 'Vladimir Putin', birthDate: '1970' }, { threshold: 0 })[0];
    const wrongCountry = index.match({ name: 'Vladimir Putin', country: 'FR' }, { threshold: 0 })[0];
    const wrongGender = index.match({ name: 'Vladimir Putin', gender: 'female' }, { threshold: 0 })[0];
    for (const match of [wrongYear, wrongCountry, wrongGender]) {
      expect(match.entityId).toBe('ofac:2');
      expect(match.score).toBeLessThan(plain);
      expect(match.evidence.at(-1)!.weight).toBeLessThan(0);
    }
    expect(wrongYear.score).toBeLessThan(0.7);
    // The year before or after is a smaller penalty than a decade off; a same-year date with another month smaller still.
    expect(compareBirthDates('1953', ['1952-10-07'])).toBe('near');
    expect(compareBirthDates('1952-11', ['1952-10-07'])).toBe('month');
    expect(compareBirthDates('1952', ['1952-10-07'])).toBe('match');
    expect(compareBirthDates('1970', ['1952-10-07'])).toBe('far');
  });

  it('treats an identical identifier as near-certain even with a weak name', () => {
    const [byInn] = index.match({ name: 'Baykal Trading', schema: 'Company', identifiers: [{ scheme: 'INN', value: '77-0123 4567' }] });
    expect(byInn.entityId).toBe('ofac:4');
    expect(byInn.score).toBeGreaterThanOrEqual(0.95);
    expect(byInn.evidence.map((e) => e.feature)).toContain('identifier');
    const [byOgrn] = index.match({ name: 'Something else entirely', identifiers: [{ scheme: 'OGRN', value: '1035009568736' }] });
    expect(byOgrn.entityId).toBe('ofac:5');
    expect(byOgrn.score).toBeGreaterThanOrEqual(0.95);
    const [exact] = index.match({ name: 'HELLENIC SPIRIT', schema: 'Vessel', identifiers: [{ scheme: 'IMO', value: 'imo 9281932'.replace('imo ', '') }] });
    expect(exact.score).toBe(1);
    // A value under another register's scheme is not the same identifier.
    expect(index.match({ name: 'Nobody', identifiers: [{ scheme: 'PASSPORT', value: '7701234567' }] })).toEqual([]);
    expect(normalizeIdentifier(' 77-01 234.567 ')).toBe('770123456' + '7');
  });

  it('matches by identifier an entity whose name is only a legal form', () => {
    const odd = ScreeningIndex.build([entity('x:1', 'Company', ['ООО'], { identifiers: [{ scheme: 'EDRPOU', value: '12345678' }] }), ...LIST]);
    const [match] = odd.match({ name: 'Romashka', identifiers: [{ scheme: 'EDRPOU', value: '1234-5678' }] });
    expect(match).toMatchObject({ entityId: 'x:1', matchedName: 'ООО', caption: 'ООО' });
    expect(match.score).toBeGreaterThanOrEqual(0.95);
  });

  it('never gives a name alone a score of 1', () => {
    const [match] = index.match({ name: 'Sergey Viktorovich LAVROV' });
    expect(match.score).toBeLessThan(1);
  });

  it('strongly lowers or excludes an entity of an incompatible schema', () => {
    expect(index.match({ name: 'Baikal', schema: 'Person' })).toEqual([]);
    const [company] = index.match({ name: 'Baikal', schema: 'Person' }, { threshold: 0 });
    expect(company.entityId).toBe('ofac:4');
    expect(company.score).toBeLessThanOrEqual(0.5);
    expect(company.evidence.some((e) => e.feature === 'schema' && e.weight < 0)).toBe(true);
    expect(index.match({ name: 'Baikal', schema: 'Company' })[0].entityId).toBe('ofac:4');
    expect(schemasCompatible('LegalEntity', 'Person')).toBe(true);
    expect(schemasCompatible('Person', 'Vessel')).toBe(false);
  });

  it('treats legal forms as noise', () => {
    expect(index.match({ name: 'ООО "БАЙ"', schema: 'Company' })).toEqual([]);
    expect(index.match({ name: 'ТОВ "Байкал"', schema: 'Company' })[0].entityId).toBe('ofac:4');
    expect(index.match({ name: 'JSC Tactical Missiles Corp.', schema: 'Company' })[0].entityId).toBe('ofac:5');
    expect(index.match({ name: 'ООО' })).toEqual([]);
    expect(index.match({ name: 'Limited Liability Company' })).toEqual([]);
  });

  it('finds organizations by acronym and vessels without their prefix', () => {
    expect(index.match({ name: 'PLA', schema: 'Organization' })[0].entityId).toBe('eu:8');
    expect(index.match({ name: 'MV Hellenic Spirit', schema: 'Vessel' })[0].entityId).toBe('ofac:6');
  });
});

describe('ScreeningIndex.match: bad input', () => {
  it('throws InvalidQueryError (a 400) for an empty or whitespace-only name', () => {
    for (const name of ['', '   ', '\u0000\t', '...']) {
      expect(() => index.match({ name })).toThrow(InvalidQueryError);
    }
    expect(() => index.match({ name: undefined as unknown as string })).toThrow(InvalidQueryError);
  });

  it('answers 10,000-character, control-character and mixed-script names without failing', () => {
    expect(Array.isArray(index.match({ name: 'Zelenskyy '.repeat(1000) }))).toBe(true);
    expect(Array.isArray(index.match({ name: 'x'.repeat(10_000) }))).toBe(true);
    expect(index.match({ name: 'Volo\u0000dymyr\u0007 Zelen\u200bskyy' })[0].entityId).toBe('ofac:1');
    expect(index.match({ name: 'Володимир Zelenskyy' })[0].entityId).toBe('ofac:1');
    expect(index.match({ name: 'محمد بن سلمان 习近平 Ζελένσκι' })).toEqual([]);
  });

  it('never throws on arbitrary input', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', minLength: 1, maxLength: 300 }), (name) => {
        try {
          for (const match of index.match({ name })) expect(match.score).toBeLessThanOrEqual(1);
        } catch (error) {
          expect(error).toBeInstanceOf(InvalidQueryError);
        }
      }),
      { numRuns: 300 },
    );
  });
});

describe('ScreeningIndex.match: the score bound never drops a match', () => {
  // Words no two of which are similar: retrieval finds every word of a query exactly, so a match
  // compareNames scores at least the threshold can only be lost by the bound or the frequent-word skip.
  const given = ['Boris', 'Gleb', 'Zinaida', 'Platon', 'Ulyana', 'Yefim', 'Dorofei', 'Kuzma'];
  const fathers = ['Afanasyevich', 'Trofimovich', 'Yermolayevna', 'Savelyevich', 'Nikanorovna'];
  const families = ['Shuvalov', 'Golitsyn', 'Dashkova', 'Rumyantsev', 'Vorontsova', 'Obolensky', 'Lopukhin', 'Tatishchev', 'Bezborodko'];
  const arabic = ['Haitham', 'Qusay', 'Zuhair', 'Marwan', 'Nizar'];
  const people: ListEntity[] = [];
  let serial = 0;
  for (let i = 0; i < 1500; i++) {
    const g = given[i % given.length];
    const f = fathers[(i * 7) % fathers.length];
    const s = families[(i * 3) % families.length];
    const a = arabic[(i * 5) % arabic.length];
    const b = arabic[(i * 11) % arabic.length];
    const shape = i % 5;
    const names =
      shape === 0 ? [`${g} ${f} ${s}`] : shape === 1 ? [`${s.toUpperCase()}, ${g}`] : shape === 2 ? [`${a} bin ${b} Al-${s}`] : shape === 3 ? [g] : [`${g} ${s}`, `${s} ${g} ${f}`];
    people.push(entity(`b:${serial++}`, 'Person', names));
  }
  const words = [...given, ...fathers, ...families, ...arabic, 'bin', 'al'];
  // Brute force over names prepared once (compareNames would prepare both names on every call).
  const prepared = people.map((e) => ({ id: e.id, names: e.names.map((n) => prepareName(n.value, 'person')) }));

  // With words in 150–750 names each, these thresholds make none, some or most of them "frequent".
  it.each([1000, 300, 170, 100])('returns every entity scoring at least the threshold, for queries of known words (frequent above %i names)', (frequentPostings) => {
    const index = ScreeningIndex.build(people, undefined, { frequentPostings });
    const query = fc.array(fc.constantFrom(...words), { minLength: 1, maxLength: 5 });
    fc.assert(
      fc.property(query, (parts) => {
        const name = parts.join(' ');
        const query = prepareName(name, 'person');
        const expected = prepared
          .map((e) => ({ id: e.id, score: Math.max(...e.names.map((n) => comparePrepared(query, n))) }))
          .filter((e) => e.score >= 0.7);
        let actual: ReturnType<typeof index.match> = [];
        try {
          actual = index.match({ name, schema: 'Person' }, { limit: 5000 });
        } catch (error) {
          expect(error).toBeInstanceOf(InvalidQueryError); // "bin al" leaves no name
          return;
        }
        expect(actual.map((m) => m.entityId).sort(), name).toEqual(expected.map((e) => e.id).sort());
      }),
      { numRuns: 100 },
    );
  });
});

describe('ScreeningIndex.match agrees with compareNames', () => {
  // A corpus of look-alike names, so that many names compete for each query.
  const given = ['Ivan', 'Olena', 'Oleksandr', 'Serhii', 'Mykola', 'Andrii', 'Ivanna', 'Olga', 'Iryna', 'Petro'];
  const family = ['Kovalenko', 'Kovalchuk', 'Bondarenko', 'Bondar', 'Shevchenko', 'Shevchuk', 'Tkachenko', 'Tkachuk', 'Melnyk', 'Melnychenko', 'Kravets', 'Kravchenko'];
  const people: ListEntity[] = [];
  let serial = 0;
  for (const g of given) for (const f of family) people.push(entity(`t:${serial++}`, 'Person', serial % 3 ? [`${g} ${f}`] : [`${g} ${f}`, `${f.toUpperCase()}, ${g}`]));
  const small = ScreeningIndex.build(people);

  // Perturbs a name by a few deterministic letter deletions.
  const perturb = (name: string, edits: number, seed: number) => {
    for (let k = 0; k < edits; k++) {
      const at = 1 + ((seed >> (k * 3)) % (name.length - 2));
      name = name.slice(0, at) + name.slice(at + 1);
    }
    return name;
  };
  const bruteForce = (name: string) =>
    people.map((e) => ({ id: e.id, score: Math.max(...e.names.map((n) => compareNames(name, n.value, 'Person'))) })).filter((e) => e.score >= 0.7);

  it('scores what it returns exactly as compareNames does, and misses nothing scoring 0.9 or more', () => {
    const query = fc.tuple(fc.constantFrom(...given), fc.constantFrom(...family), fc.integer({ min: 0, max: 3 }), fc.nat());
    fc.assert(
      fc.property(query, ([g, f, edits, seed]) => {
        const name = perturb(`${g} ${f}`, edits, seed);
        const expected = new Map(bruteForce(name).map((e) => [e.id, e.score]));
        const actual = small.match({ name, schema: 'Person' }, { limit: 200 });
        for (const match of actual) expect(match.score).toBeCloseTo(expected.get(match.entityId)!, 4);
        const found = new Set(actual.map((m) => m.entityId));
        for (const [id, score] of expected) if (score >= 0.9) expect(found.has(id), `${name} → ${id} (${score})`).toBe(true);
      }),
      { numRuns: 150 },
    );
  });

  it('finds nearly all weaker matches (retrieval looks two edits away only for unknown words)', () => {
    // Measured on this corpus of look-alikes: 100 % of ≥ 0.9, 99 % of 0.8–0.9, 85 % of 0.7–0.8.
    const recall = { strong: [0, 0], weak: [0, 0] };
    for (let n = 0; n < 400; n++) {
      const name = perturb(`${given[n % given.length]} ${family[(n * 7) % family.length]}`, n % 4, n * 2654435761);
      const found = new Set(small.match({ name, schema: 'Person' }, { limit: 200 }).map((m) => m.entityId));
      for (const { id, score } of bruteForce(name)) {
        const bucket = score >= 0.8 ? recall.strong : recall.weak;
        bucket[1] += 1;
        if (found.has(id)) bucket[0] += 1;
      }
    }
    expect(recall.strong[0] / recall.strong[1]).toBeGreaterThanOrEqual(0.97);
    expect(recall.weak[0] / recall.weak[1]).toBeGreaterThanOrEqual(0.75);
  });

  it('finds a word two edits away when the query word is not a known word', () => {
    expect(small.match({ name: 'Serhii Krets', schema: 'Person' }).map((m) => m.matchedName)).toContain('Serhii Kravets');
  });

  it('returns the same top matches with a small limit as with a large one', () => {
    const names = ['Olena Kovalenko', 'Kovalchuk', 'Ivan Bondar', 'Shevchenko Serhii'];
    for (let n = 0; n < 120; n++) names.push(perturb(`${given[n % given.length]} ${family[(n * 5) % family.length]}`, n % 3, n * 40503));
    for (const name of names) {
      const all = small.match({ name, schema: 'Person' }, { limit: 500, threshold: 0.5 });
      for (const limit of [1, 3]) {
        const top = small.match({ name, schema: 'Person' }, { limit, threshold: 0.5 });
        expect(top.map((m) => m.score), `${name}, limit ${limit}`).toEqual(all.slice(0, limit).map((m) => m.score));
      }
    }
  });
});
