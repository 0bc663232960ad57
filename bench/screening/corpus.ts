// The screening speed corpus: real OFAC SDN names (parsed here, simply) interleaved with a seeded,
// deterministic expansion of generated people and companies in Latin and Cyrillic script.
// The corpus is prefix-stable: the first 10,000 names of the 1,000,000-name corpus are the
// 10,000-name corpus, so one query set serves every size.
import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { seededRandom } from '../../src/core/random.ts';
import type { EntitySchema, ListEntity } from '../../src/modules/screening/types.ts';


/** Seeded PRNG: the same seed gives the same corpus on every run. */
export const prng = seededRandom;

const pick = <T>(random: () => number, list: readonly T[]): T => list[Math.floor(random() * list.length)];

const OFAC_DIR = path.resolve(import.meta.dirname, '..', '..', '..', 'shared', 'data', 'sanctions', 'ofac');

/** OFAC SDN entities from the legacy CSV files (sdn.csv + alt.csv; "-0-" means empty). */
export function loadOfac(): ListEntity[] {
  const clean = (value: string | undefined) => {
    const trimmed = (value ?? '').trim();
    return trimmed === '-0-' ? '' : trimmed;
  };
  const sdn = parse(fs.readFileSync(path.join(OFAC_DIR, 'sdn.csv'), 'utf8'), { relax_column_count: true, relax_quotes: true, skip_empty_lines: true }) as string[][];
  const alt = parse(fs.readFileSync(path.join(OFAC_DIR, 'alt.csv'), 'utf8'), { relax_column_count: true, relax_quotes: true, skip_empty_lines: true }) as string[][];
  const byId = new Map<string, ListEntity>();
  for (const row of sdn) {
    const [entNum, name, type, program] = row.map(clean);
    if (!entNum || !name || !/^\d+$/.test(entNum)) continue;
    const schema: EntitySchema = type === 'individual' ? 'Person' : type === 'vessel' ? 'Vessel' : type === 'aircraft' ? 'Aircraft' : 'Organization';
    byId.set(entNum, {
      id: `ofac:${entNum}`,
      schema,
      caption: name,
      names: [{ value: name, kind: 'primary' }],
      birthDates: [],
      countries: [],
      identifiers: [],
      programs: program ? program.split(/\]\s*\[|[[\]]/).map((p) => p.trim()).filter(Boolean) : [],
      sourceUrls: [],
    });
  }
  for (const row of alt) {
    const [entNum, , altType, altName] = row.map(clean);
    const entity = byId.get(entNum);
    if (!entity || !altName) continue;
    entity.names.push({ value: altName, kind: altType === 'aka' ? 'alias' : 'weak' });
  }
  return [...byId.values()];
}

// Syllables as [Latin, Ukrainian Cyrillic, Russian Cyrillic], so one generated stem has a
// consistent spelling in every script.
const SYLLABLES: Array<[string, string, string]> = [
  ['ko', 'ко', 'ко'], ['va', 'ва', 'ва'], ['le', 'ле', 'ле'], ['pe', 'пе', 'пе'], ['tro', 'тро', 'тро'], ['shev', 'шев', 'шев'],
  ['chen', 'чен', 'чен'], ['bo', 'бо', 'бо'], ['hda', 'гда', 'гда'], ['ma', 'ма', 'ма'], ['ri', 'рі', 'ри'], ['sa', 'са', 'са'],
  ['no', 'но', 'но'], ['vy', 'ви', 'вы'], ['ra', 'ра', 'ра'], ['du', 'ду', 'ду'], ['zi', 'зі', 'зи'], ['ha', 'га', 'га'],
  ['ly', 'ли', 'лы'], ['mo', 'мо', 'мо'], ['kra', 'кра', 'кра'], ['zhu', 'жу', 'жу'], ['khar', 'хар', 'хар'], ['sto', 'сто', 'сто'],
  ['lu', 'лу', 'лу'], ['de', 'де', 'де'], ['bar', 'бар', 'бар'], ['tym', 'тим', 'тым'], ['zo', 'зо', 'зо'], ['ky', 'ки', 'кы'],
  ['pro', 'про', 'про'], ['sy', 'си', 'сы'], ['nyk', 'ник', 'ник'], ['tu', 'ту', 'ту'], ['dan', 'дан', 'дан'], ['hor', 'гор', 'гор'],
  ['kul', 'кул', 'кул'], ['myr', 'мир', 'мир'], ['sla', 'сла', 'сла'], ['fe', 'фе', 'фе'], ['ya', 'я', 'я'], ['shu', 'шу', 'шу'],
];
const UA_SURNAME_SUFFIXES: Array<[string, string]> = [['enko', 'енко'], ['chuk', 'чук'], ['skyi', 'ський'], ['uk', 'ук'], ['yshyn', 'ишин'], ['ovych', 'ович'], ['iak', 'як']];
const RU_SURNAME_SUFFIXES: Array<[string, string]> = [['ov', 'ов'], ['ev', 'ев'], ['in', 'ин'], ['skiy', 'ский'], ['ovskiy', 'овский'], ['kin', 'кин']];
const EN_SURNAME_SUFFIXES = ['son', 'ton', 'ley', 'ford', 'man', 'well', 'er', 'by'];
const UA_GIVEN: Array<[string, string]> = [
  ['Oleksandr', 'Олександр'], ['Volodymyr', 'Володимир'], ['Andrii', 'Андрій'], ['Serhii', 'Сергій'], ['Dmytro', 'Дмитро'], ['Mykola', 'Микола'],
  ['Mykhailo', 'Михайло'], ['Yurii', 'Юрій'], ['Ivan', 'Іван'], ['Pavlo', 'Павло'], ['Hryhorii', 'Григорій'], ['Viktor', 'Віктор'], ['Yevhen', 'Євген'],
  ['Oleh', 'Олег'], ['Ihor', 'Ігор'], ['Vasyl', 'Василь'], ['Bohdan', 'Богдан'], ['Taras', 'Тарас'], ['Stepan', 'Степан'], ['Olha', 'Ольга'],
  ['Olena', 'Олена'], ['Nataliia', 'Наталія'], ['Tetiana', 'Тетяна'], ['Iryna', 'Ірина'], ['Oksana', 'Оксана'], ['Halyna', 'Галина'], ['Yuliia', 'Юлія'],
];
const RU_GIVEN: Array<[string, string]> = [
  ['Aleksandr', 'Александр'], ['Vladimir', 'Владимир'], ['Andrey', 'Андрей'], ['Sergey', 'Сергей'], ['Dmitriy', 'Дмитрий'], ['Nikolay', 'Николай'],
  ['Mikhail', 'Михаил'], ['Yuriy', 'Юрий'], ['Ivan', 'Иван'], ['Pavel', 'Павел'], ['Grigoriy', 'Григорий'], ['Viktor', 'Виктор'], ['Yevgeniy', 'Евгений'],
  ['Oleg', 'Олег'], ['Igor', 'Игорь'], ['Aleksey', 'Алексей'], ['Maksim', 'Максим'], ['Olga', 'Ольга'], ['Yelena', 'Елена'], ['Natalya', 'Наталья'],
  ['Tatyana', 'Татьяна'], ['Irina', 'Ирина'], ['Svetlana', 'Светлана'], ['Yuliya', 'Юлия'], ['Anna', 'Анна'], ['Yekaterina', 'Екатерина'],
];
const EN_GIVEN = ['John', 'James', 'Michael', 'David', 'Robert', 'William', 'Richard', 'Thomas', 'Mary', 'Elizabeth', 'Sarah', 'Emma', 'George', 'Peter', 'Susan', 'Laura'];
const AR_GIVEN = ['Mohammed', 'Ahmed', 'Ali', 'Omar', 'Hassan', 'Hussein', 'Khalid', 'Yusuf', 'Ibrahim', 'Abdullah', 'Mustafa', 'Tariq', 'Fatima', 'Aisha', 'Layla', 'Karim'];
const INDUSTRY: Array<[string, string]> = [
  ['Trading', 'Трейдинг'], ['Logistics', 'Логістик'], ['Energy', 'Енерджі'], ['Systems', 'Системс'], ['Technologies', 'Технолоджіс'], ['Holding', 'Холдинг'],
  ['Invest', 'Інвест'], ['Agro', 'Агро'], ['Metal', 'Метал'], ['Oil', 'Ойл'], ['Shipping', 'Шиппінг'], ['Defence', 'Дефенс'], ['Capital', 'Капітал'],
];
const LATIN_FORMS = ['LLC', 'Ltd', 'Limited', 'GmbH', 'JSC', 'OOO', 'TOV', 'PJSC', 'S.A.', 'Sp. z o.o.', 'Inc.', 'Corp.', 'AG', 'B.V.', 'PLC', 'LLP'];
const CYRILLIC_FORMS = ['ТОВ', 'ООО', 'АТ', 'АО', 'ПАО', 'ПрАТ', 'ЗАО', 'ОАО'];
const COUNTRIES = ['UA', 'RU', 'BY', 'GB', 'US', 'AE', 'SY', 'IR', 'DE', 'CY', 'TR', 'KZ'];

function stem(random: () => number, syllables: number): [string, string, string] {
  let latin = '';
  let uk = '';
  let ru = '';
  for (let i = 0; i < syllables; i++) {
    const [l, u, r] = pick(random, SYLLABLES);
    latin += l;
    uk += u;
    ru += r;
  }
  return [latin, uk, ru];
}

const capitalize = (word: string) => word.charAt(0).toUpperCase() + word.slice(1);

/** A generated entity with its names (1–4), built only from the PRNG. */
function generatedEntity(random: () => number, serial: number): ListEntity {
  const kind = random();
  const names: ListEntity['names'] = [];
  let schema: EntitySchema = 'Person';
  const birthYear = 1940 + Math.floor(random() * 65);
  if (kind < 0.3) {
    // Ukrainian person: Cyrillic name, national-system romanization, sometimes reordered.
    const [given, givenCyr] = pick(random, UA_GIVEN);
    const [latin, uk] = stem(random, 1 + Math.floor(random() * 2));
    const [suffix, suffixCyr] = pick(random, UA_SURNAME_SUFFIXES);
    names.push({ value: `${capitalize(uk)}${suffixCyr} ${givenCyr}`, kind: 'primary' });
    names.push({ value: `${given} ${capitalize(latin)}${suffix}`, kind: 'alias' });
    if (random() < 0.4) names.push({ value: `${(latin + suffix).toUpperCase()}, ${given}`, kind: 'alias' });
  } else if (kind < 0.55) {
    // Russian person with a patronymic.
    const [given, givenCyr] = pick(random, RU_GIVEN);
    const [father, fatherCyr] = pick(random, RU_GIVEN);
    const [latin, , ru] = stem(random, 1 + Math.floor(random() * 2));
    const [suffix, suffixCyr] = pick(random, RU_SURNAME_SUFFIXES);
    const patronymic = `${father.replace(/[iy]y$|[aeiouy]$/, '')}ovich`;
    const patronymicCyr = `${fatherCyr.replace(/[ийь]$|[аеиоуыя]$/, '')}ович`;
    names.push({ value: `${capitalize(ru)}${suffixCyr} ${givenCyr} ${patronymicCyr}`, kind: 'primary' });
    names.push({ value: `${given} ${patronymic} ${capitalize(latin)}${suffix}`, kind: 'alias' });
    if (random() < 0.5) names.push({ value: `${given} ${capitalize(latin)}${suffix}`, kind: 'weak' });
  } else if (kind < 0.65) {
    const given = pick(random, EN_GIVEN);
    const middle = random() < 0.4 ? ` ${pick(random, EN_GIVEN)}` : '';
    names.push({ value: `${given}${middle} ${capitalize(stem(random, 1 + Math.floor(random() * 2))[0])}${pick(random, EN_SURNAME_SUFFIXES)}`, kind: 'primary' });
  } else if (kind < 0.75) {
    const given = pick(random, AR_GIVEN);
    const father = pick(random, AR_GIVEN);
    const family = capitalize(stem(random, 2 + Math.floor(random() * 2))[0]);
    names.push({ value: `${given} bin ${father} Al-${family}`, kind: 'primary' });
    names.push({ value: `${given} ${father} ${family}`, kind: 'alias' });
  } else {
    // Company: brand stem, industry word, legal form; Ukrainian-registered ones also in Cyrillic.
    schema = random() < 0.7 ? 'Company' : 'Organization';
    const [latin, uk] = stem(random, 2 + Math.floor(random() * 2));
    const [industry, industryCyr] = pick(random, INDUSTRY);
    const withIndustry = random() < 0.6;
    const brand = capitalize(latin);
    names.push({ value: `${brand}${withIndustry ? ` ${industry}` : ''} ${pick(random, LATIN_FORMS)}`, kind: 'primary' });
    if (random() < 0.5) names.push({ value: `${pick(random, CYRILLIC_FORMS)} "${uk.toUpperCase()}${withIndustry ? ` ${industryCyr.toUpperCase()}` : ''}"`, kind: 'alias' });
    if (random() < 0.2) names.push({ value: `${brand} ${industry} Group`, kind: 'alias' });
  }
  return {
    id: `gen:${serial}`,
    schema,
    caption: names[0].value,
    names,
    birthDates: schema === 'Person' && random() < 0.6 ? [String(birthYear)] : [],
    countries: random() < 0.7 ? [pick(random, COUNTRIES)] : [],
    identifiers: schema !== 'Person' && random() < 0.5 ? [{ scheme: 'REGISTRATION', value: String(10_000_000 + serial) }] : [],
    programs: ['GEN'],
    sourceUrls: [],
  };
}

/**
 * The corpus up to `aliases` names: OFAC entities interleaved with generated ones (one OFAC entity
 * after every two generated ones until OFAC runs out). A generator, so the caller's memory does
 * not hold the corpus while the index is built.
 */
export function* corpus(aliases: number, ofac: readonly ListEntity[], seed = 20261127): Generator<ListEntity> {
  const random = prng(seed);
  let count = 0;
  let serial = 0;
  let next = 0;
  while (count < aliases) {
    const entity = serial % 3 === 2 && next < ofac.length ? ofac[next++] : generatedEntity(random, serial);
    serial += 1;
    count += entity.names.length;
    yield entity;
  }
}

/** A name that should match nothing: syllables the generator never uses. */
export function unlistedName(random: () => number): string {
  const syllables = ['qua', 'xo', 'pil', 'gre', 'wen', 'thu', 'ble', 'fro', 'spi', 'oon'];
  const word = (n: number) => capitalize(Array.from({ length: n }, () => pick(random, syllables)).join(''));
  return `${word(2)} ${word(3)}`;
}
