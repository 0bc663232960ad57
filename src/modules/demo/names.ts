// Word lists and spelling helpers for the demo data set. Every company and person is invented: the
// roots are made-up words or plain Ukrainian adjective–noun pairs, combined by the seeded generator,
// so no generated name is a real firm's. What is real is the structure: legal forms per country,
// Ukrainian names in Cyrillic with their official romanization (Cabinet of Ministers resolution 55 of
// 2010, the system the screening engine also uses), addresses and phone formats of each country.

import { transliterateUkrainian } from '../screening/engine/transliterate.ts';

/** A random pick from a list, with the seeded generator. */
export function pick<T>(random: () => number, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)] as T;
}

/** A whole number from min to max inclusive, with the seeded generator. */
export function between(random: () => number, min: number, max: number): number {
  return min + Math.floor(random() * (max - min + 1));
}

/** The items in a seeded random order (Fisher–Yates). */
export function shuffled<T>(random: () => number, items: readonly T[]): T[] {
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [copy[i], copy[j]] = [copy[j] as T, copy[i] as T];
  }
  return copy;
}

function capitalizeWords(text: string): string {
  return text.replace(/(^|[\s\-'’«"])(\p{L})/gu, (_all, before: string, letter: string) => before + letter.toUpperCase());
}

/** Ukrainian Cyrillic in the official Latin romanization, with each word capitalized (`Олена Коваленко` → `Olena Kovalenko`). */
export function romanizeUkrainian(text: string): string {
  // The romanizer maps lower-case letters (and applies the word-initial forms); capitals are put back after.
  return capitalizeWords(transliterateUkrainian(text.toLowerCase()).replace(/[ʼ’']/g, ''));
}

// Latin letters (English or a Russian name's BGN-style romanization) to Ukrainian Cyrillic, the way
// a Ukrainian register writes a foreign name. Longest sequences first.
const LATIN_TO_CYRILLIC: Array<[string, string]> = [
  ['shch', 'щ'], ['sch', 'ш'], ['kh', 'х'], ['zh', 'ж'], ['ch', 'ч'], ['sh', 'ш'], ['ts', 'ц'], ['tz', 'ц'],
  ['yu', 'ю'], ['iu', 'ю'], ['ya', 'я'], ['ia', 'я'], ['yo', 'йо'], ['yi', 'ї'], ['ph', 'ф'], ['th', 'т'],
  ['ck', 'к'], ['qu', 'кв'], ['w', 'в'], ['x', 'кс'], ['q', 'к'],
  ['a', 'а'], ['b', 'б'], ['c', 'к'], ['d', 'д'], ['e', 'е'], ['f', 'ф'], ['g', 'г'], ['h', 'х'], ['i', 'і'],
  ['j', 'й'], ['k', 'к'], ['l', 'л'], ['m', 'м'], ['n', 'н'], ['o', 'о'], ['p', 'п'], ['r', 'р'], ['s', 'с'],
  ['t', 'т'], ['u', 'у'], ['v', 'в'], ['z', 'з'],
];
const VOWELS = new Set(['a', 'e', 'i', 'o', 'u', 'y']);

function cyrillicWord(word: string): string {
  const lower = word.toLowerCase().normalize('NFD').replace(/\p{M}/gu, '');
  let out = '';
  let i = 0;
  while (i < lower.length) {
    const rest = lower.slice(i);
    const atStart = i === 0;
    const previous = lower[i - 1] ?? '';
    // Word-final "-iy", "-yy", "-y" after a consonant: the Russian adjectival and name endings (Arkady → Аркадій).
    if (rest === 'iy' || rest === 'yy') {
      out += rest === 'iy' ? 'ій' : 'ий';
      break;
    }
    if (rest === 'y') {
      out += VOWELS.has(previous) ? 'й' : 'ій';
      break;
    }
    if (rest === 'ei' || rest === 'ey') {
      out += 'ей';
      i += 2;
      continue;
    }
    if (rest.startsWith('i') && VOWELS.has(previous)) {
      out += 'ї';
      i += 1;
      continue;
    }
    if (rest.startsWith('ye')) {
      out += atStart || VOWELS.has(previous) ? 'є' : 'е';
      i += 2;
      continue;
    }
    const iotated = ({ ya: 'я', yu: 'ю', yo: 'йо', yi: 'ї' } as Record<string, string>)[rest.slice(0, 2)];
    if (iotated) {
      out += iotated;
      i += 2;
      continue;
    }
    if (rest.startsWith('y')) {
      out += VOWELS.has(previous) || atStart ? 'й' : 'и';
      i += 1;
      continue;
    }
    if (rest.startsWith('e') && atStart) {
      out += 'е';
      i += 1;
      continue;
    }
    const rule = LATIN_TO_CYRILLIC.find(([latin]) => rest.startsWith(latin));
    if (rule) {
      out += rule[1];
      i += rule[0].length;
    } else {
      if (/\p{L}|\d/u.test(lower[i] ?? '')) out += lower[i];
      else if (lower[i] === '-' || lower[i] === '.') out += lower[i];
      i += 1;
    }
  }
  return out;
}

/** A Latin-script name written in Ukrainian Cyrillic, word by word (`Rotenberg, Arkady` style input is not reordered). */
export function cyrillicSpelling(latin: string): string {
  return latin
    .split(/\s+/)
    .filter(Boolean)
    .map((word) => capitalizeWords(cyrillicWord(word)))
    .join(' ');
}

/**
 * Russian given names as Ukrainian texts write them (the Ukrainian form of the name, not a letter by
 * letter transcription): Sergei → Сергій, Dmitry → Дмитро, Yelena → Олена.
 */
export const UKRAINIAN_FORM_OF_GIVEN_NAME: Record<string, string> = {
  Sergei: 'Сергій', Sergey: 'Сергій', Dmitry: 'Дмитро', Dmitri: 'Дмитро', Dmitriy: 'Дмитро', Andrei: 'Андрій', Andrey: 'Андрій',
  Vladimir: 'Володимир', Igor: 'Ігор', Aleksandr: 'Олександр', Alexander: 'Олександр', Aleksei: 'Олексій', Alexey: 'Олексій',
  Aleksey: 'Олексій', Nikolai: 'Микола', Nikolay: 'Микола', Mikhail: 'Михайло', Yuri: 'Юрій', Yury: 'Юрій', Yuriy: 'Юрій',
  Viktor: 'Віктор', Victor: 'Віктор', Gennady: 'Геннадій', Gennadiy: 'Геннадій', Arkady: 'Аркадій', Boris: 'Борис', Oleg: 'Олег',
  Pavel: 'Павло', Konstantin: 'Костянтин', Yevgeny: 'Євген', Evgeny: 'Євген', Evgeni: 'Євген', Vladislav: 'Владислав',
  Vyacheslav: 'Вʼячеслав', Ivan: 'Іван', Pyotr: 'Петро', Petr: 'Петро', Roman: 'Роман', Anatoly: 'Анатолій', Anatoliy: 'Анатолій',
  Valentin: 'Валентин', Valery: 'Валерій', Valeriy: 'Валерій', Grigory: 'Григорій', Grigoriy: 'Григорій', Leonid: 'Леонід',
  Maxim: 'Максим', Denis: 'Денис', Ilya: 'Ілля', Kirill: 'Кирило', Stanislav: 'Станіслав', Vadim: 'Вадим', Vasily: 'Василь',
  Vasiliy: 'Василь', Fedor: 'Федір', Fyodor: 'Федір', Artem: 'Артем', Ruslan: 'Руслан', Timur: 'Тимур',
  Yelena: 'Олена', Elena: 'Олена', Olga: 'Ольга', Natalya: 'Наталія', Natalia: 'Наталія', Svetlana: 'Світлана', Irina: 'Ірина',
  Tatyana: 'Тетяна', Tatiana: 'Тетяна', Valentina: 'Валентина', Lyudmila: 'Людмила', Anna: 'Анна', Maria: 'Марія', Galina: 'Галина',
};

// People --------------------------------------------------------------------------------------------

/** Ukrainian given names (Cyrillic), men's and women's. */
export const UA_GIVEN = {
  m: ['Олександр', 'Андрій', 'Богдан', 'Василь', 'Дмитро', 'Іван', 'Михайло', 'Олег', 'Петро', 'Сергій', 'Тарас', 'Юрій', 'Ярослав', 'Віктор', 'Роман', 'Степан', 'Остап', 'Максим'],
  f: ['Олена', 'Оксана', 'Наталія', 'Ірина', 'Тетяна', 'Юлія', 'Марія', 'Світлана', 'Галина', 'Людмила', 'Катерина', 'Ганна', 'Дарина', 'Соломія'],
} as const;

/** Ukrainian family names that are the same for men and women. */
export const UA_FAMILY = [
  'Коваленко', 'Бондаренко', 'Ткаченко', 'Кравченко', 'Шевчук', 'Поліщук', 'Бойко', 'Мельник', 'Лисенко', 'Руденко',
  'Марченко', 'Савчук', 'Гончаренко', 'Кушнір', 'Остапчук', 'Дячук', 'Гнатюк', 'Мороз', 'Литвиненко', 'Приходько',
  'Павленко', 'Олійник', 'Яременко', 'Білоус', 'Гуменюк', 'Заїка', 'Стасюк', 'Якименко', 'Федорчук', 'Зозуля',
];

/** Ukrainian patronymics by the father's name, men's and women's forms. */
const UA_PATRONYMIC_ROOTS = ['Олександр', 'Андрій', 'Іван', 'Михайл', 'Петр', 'Степан', 'Богдан', 'Юрій', 'Василь', 'Роман'];
const UA_PATRONYMIC_STEMS: Record<string, string> = { Андрій: 'Андрі', Юрій: 'Юрі' };

/** A Ukrainian patronymic (`Іванович`, `Іванівна`). */
export function ukrainianPatronymic(random: () => number, gender: 'm' | 'f'): string {
  const root = pick(random, UA_PATRONYMIC_ROOTS);
  const stem = UA_PATRONYMIC_STEMS[root] ?? root;
  if (stem.endsWith('і')) return gender === 'm' ? `${stem}йович` : `${stem}ївна`;
  return gender === 'm' ? `${stem}ович` : `${stem}івна`;
}

/** How each partner country's people, places, companies and phone numbers look. */
export interface CountryProfile {
  code: string;
  nameEn: string;
  /** The legal forms companies there usually take: [English text, Ukrainian spelling]. */
  legalForms: Array<[string, string]>;
  given: string[];
  family: string[];
  /** Cities with a postal code and a street pattern (`{n}` is the house number). */
  cities: Array<{ city: string; postalCode: string; street: string }>;
  /** The international dialling prefix and a digit pattern. */
  phone: string;
  /** Invented company name roots. */
  roots: string[];
}

/** The 29 partner countries (the 30th is Ukraine), with how many of the forum's foreign companies come from each. */
export const PARTNER_COUNTRIES: Array<CountryProfile & { companies: number }> = [
  {
    code: 'US', nameEn: 'United States', companies: 10, legalForms: [['Inc.', 'Інк.'], ['LLC', 'ЛЛС'], ['Corp.', 'Корп.']],
    given: ['James', 'Michael', 'Robert', 'Jennifer', 'Linda', 'David', 'Sarah', 'Daniel', 'Karen', 'Brian'], family: ['Whitaker', 'Holloway', 'Brennan', 'Castillo', 'Thornton', 'McAllister', 'Delgado', 'Sorensen', 'Prescott', 'Langley'],
    cities: [{ city: 'Huntsville', postalCode: 'AL 35801', street: '{n} Governors Drive' }, { city: 'Arlington', postalCode: 'VA 22202', street: '{n} Crystal Drive' }, { city: 'Tucson', postalCode: 'AZ 85706', street: '{n} East Valencia Road' }, { city: 'Dayton', postalCode: 'OH 45402', street: '{n} Monument Avenue' }],
    phone: '+1 256 5## ####', roots: ['Ridgeline', 'Bluewater', 'Ironbrook', 'Stonegate', 'Falconridge', 'Redcliff', 'Westmark', 'Halvard', 'Copperfield', 'Northstead', 'Granton', 'Silverpine', 'Eastwind'],
  },
  {
    code: 'GB', nameEn: 'United Kingdom', companies: 8, legalForms: [['Ltd', 'Лтд'], ['plc', 'ПЛС']],
    given: ['Oliver', 'Harry', 'George', 'Charlotte', 'Amelia', 'Thomas', 'Emily', 'William', 'Sophie', 'Edward'], family: ['Ashworth', 'Pemberton', 'Hargreaves', 'Whitcombe', 'Fairbairn', 'Lockwood', 'Kingsley', 'Radcliffe', 'Bramley', 'Ellison'],
    cities: [{ city: 'Bristol', postalCode: 'BS1 6QH', street: '{n} Temple Way' }, { city: 'Farnborough', postalCode: 'GU14 6YU', street: '{n} Lynchford Road' }, { city: 'Glasgow', postalCode: 'G2 5QR', street: '{n} Bothwell Street' }, { city: 'Derby', postalCode: 'DE1 1RY', street: '{n} Victoria Street' }],
    phone: '+44 117 ### ####', roots: ['Thamesfield', 'Greyhaven', 'Oakridge', 'Kestrel Moor', 'Ravensholt', 'Holbeck', 'Wyvern Cross', 'Marlow Keep', 'Ashcombe', 'Penhallow', 'Brackwater'],
  },
  {
    code: 'DE', nameEn: 'Germany', companies: 9, legalForms: [['GmbH', 'ГмбХ'], ['AG', 'АГ'], ['GmbH & Co. KG', 'ГмбХ енд Ко. КГ']],
    given: ['Lukas', 'Jonas', 'Stefan', 'Katrin', 'Sabine', 'Matthias', 'Anja', 'Tobias', 'Julia', 'Florian'], family: ['Brandauer', 'Kessler', 'Hofstetter', 'Lindemann', 'Reinhold', 'Vogtmann', 'Ebersbach', 'Kranich', 'Wendland', 'Falkner'],
    cities: [{ city: 'Kiel', postalCode: '24103', street: 'Holstenstraße {n}' }, { city: 'Ulm', postalCode: '89073', street: 'Neue Straße {n}' }, { city: 'Kassel', postalCode: '34117', street: 'Wilhelmsstraße {n}' }, { city: 'Bremen', postalCode: '28195', street: 'Am Wall {n}' }],
    phone: '+49 431 ### ####', roots: ['Eibenwald', 'Falkenstein', 'Nordheider', 'Steinbrück', 'Adlerfeld', 'Hagenau', 'Wettermark', 'Rotmühle', 'Lindenhof', 'Eisentor', 'Brunnwald', 'Kranfeld'],
  },
  {
    code: 'FR', nameEn: 'France', companies: 8, legalForms: [['SAS', 'САС'], ['SA', 'СА']],
    given: ['Julien', 'Camille', 'Antoine', 'Claire', 'Mathieu', 'Élodie', 'Nicolas', 'Sophie', 'Laurent', 'Amélie'], family: ['Marchand', 'Delacroix', 'Fontaine', 'Rousseau', 'Lefèvre', 'Garnier', 'Chevalier', 'Moreau', 'Vasseur', 'Beaumont'],
    cities: [{ city: 'Toulouse', postalCode: '31000', street: '{n} rue d’Alsace-Lorraine' }, { city: 'Bourges', postalCode: '18000', street: '{n} avenue Jean Jaurès' }, { city: 'Brest', postalCode: '29200', street: '{n} rue de Siam' }, { city: 'Saint-Étienne', postalCode: '42000', street: '{n} cours Fauriel' }],
    phone: '+33 5 ## ## ## ##', roots: ['Valmorel', 'Châtelbrune', 'Rochemaure', 'Ventadour', 'Aubrac', 'Belcastel', 'Montferrand', 'Clairvaux', 'Saint-Ardan', 'Vaudrelle'],
  },
  {
    code: 'PL', nameEn: 'Poland', companies: 8, legalForms: [['Sp. z o.o.', 'Сп. з о.о.'], ['S.A.', 'С.А.']],
    given: ['Piotr', 'Tomasz', 'Krzysztof', 'Agnieszka', 'Katarzyna', 'Marek', 'Anna', 'Paweł', 'Magdalena', 'Jakub'], family: ['Nowicki', 'Zieliński', 'Wróblewski', 'Kaczmarek', 'Jabłoński', 'Pawlak', 'Sobczak', 'Wilczek', 'Górecki', 'Malinowski'],
    cities: [{ city: 'Rzeszów', postalCode: '35-001', street: 'ul. Grunwaldzka {n}' }, { city: 'Lublin', postalCode: '20-002', street: 'ul. Narutowicza {n}' }, { city: 'Gliwice', postalCode: '44-100', street: 'ul. Zwycięstwa {n}' }, { city: 'Radom', postalCode: '26-600', street: 'ul. Żeromskiego {n}' }],
    phone: '+48 17 ### ## ##', roots: ['Wisłomet', 'Sokolnik', 'Borowiec', 'Kormoran-Tech', 'Grodzisk', 'Zbrojmar', 'Lipnicki', 'Wrzosowa', 'Bielany', 'Orlik'],
  },
  {
    code: 'CZ', nameEn: 'Czechia', companies: 6, legalForms: [['s.r.o.', 'с.р.о.'], ['a.s.', 'а.с.']],
    given: ['Jan', 'Petr', 'Tomáš', 'Lucie', 'Jana', 'Martin', 'Eva', 'Ondřej'], family: ['Dvořák', 'Procházka', 'Kučera', 'Horák', 'Němec', 'Marek', 'Pokorný', 'Hájek'],
    cities: [{ city: 'Brno', postalCode: '602 00', street: 'Masarykova {n}' }, { city: 'Plzeň', postalCode: '301 00', street: 'Klatovská {n}' }, { city: 'Ostrava', postalCode: '702 00', street: 'Nádražní {n}' }],
    phone: '+420 5## ### ###', roots: ['Vltavin', 'Krkonoš', 'Boreta', 'Moravek', 'Sokolov-Tech', 'Hradek', 'Lesnov'],
  },
  {
    code: 'SK', nameEn: 'Slovakia', companies: 4, legalForms: [['s.r.o.', 'с.р.о.'], ['a.s.', 'а.с.']],
    given: ['Peter', 'Juraj', 'Miroslav', 'Zuzana', 'Katarína', 'Marek', 'Lucia'], family: ['Kováč', 'Horváth', 'Baláž', 'Tóth', 'Vargová', 'Molnár', 'Šimko'],
    cities: [{ city: 'Trenčín', postalCode: '911 01', street: 'Štúrovo námestie {n}' }, { city: 'Žilina', postalCode: '010 01', street: 'Hurbanova {n}' }, { city: 'Košice', postalCode: '040 01', street: 'Hlavná {n}' }],
    phone: '+421 32 ### ####', roots: ['Tatrameč', 'Dubnica-Tech', 'Považan', 'Strečno', 'Hronex'],
  },
  {
    code: 'SE', nameEn: 'Sweden', companies: 4, legalForms: [['AB', 'АБ']],
    given: ['Erik', 'Lars', 'Anders', 'Karin', 'Ingrid', 'Johan', 'Maja', 'Nils'], family: ['Lindqvist', 'Bergström', 'Holmberg', 'Sandberg', 'Nyström', 'Ekholm', 'Wallin', 'Forsberg'],
    cities: [{ city: 'Karlskoga', postalCode: '691 31', street: 'Storgatan {n}' }, { city: 'Linköping', postalCode: '582 24', street: 'Drottninggatan {n}' }, { city: 'Göteborg', postalCode: '411 05', street: 'Kungsgatan {n}' }],
    phone: '+46 13 ### ## ##', roots: ['Nordvik', 'Stålberg', 'Fjällmark', 'Havsö', 'Granlund', 'Björkvall'],
  },
  {
    code: 'NO', nameEn: 'Norway', companies: 4, legalForms: [['AS', 'АС'], ['ASA', 'АСА']],
    given: ['Ole', 'Magnus', 'Ingrid', 'Sigrid', 'Henrik', 'Kari', 'Eirik'], family: ['Haugland', 'Solberg', 'Brekke', 'Nygaard', 'Strand', 'Aasen', 'Lunde'],
    cities: [{ city: 'Kongsberg', postalCode: '3611', street: 'Storgata {n}' }, { city: 'Raufoss', postalCode: '2830', street: 'Industriveien {n}' }, { city: 'Trondheim', postalCode: '7011', street: 'Munkegata {n}' }],
    phone: '+47 32 ## ## ##', roots: ['Fjordvakt', 'Nordkapp-Tech', 'Skarvik', 'Hardangen', 'Ulvøy'],
  },
  {
    code: 'DK', nameEn: 'Denmark', companies: 4, legalForms: [['A/S', 'А/С'], ['ApS', 'АпС']],
    given: ['Mads', 'Søren', 'Mette', 'Anne', 'Rasmus', 'Louise', 'Jesper'], family: ['Kjærgaard', 'Mortensen', 'Vestergaard', 'Holm', 'Lauridsen', 'Dalsgaard', 'Bruun'],
    cities: [{ city: 'Aarhus', postalCode: '8000', street: 'Søndergade {n}' }, { city: 'Odense', postalCode: '5000', street: 'Vestergade {n}' }, { city: 'Aalborg', postalCode: '9000', street: 'Boulevarden {n}' }],
    phone: '+45 86 ## ## ##', roots: ['Vesterhav', 'Skovbjerg', 'Limfjord-Tech', 'Dannevang', 'Ravnsborg'],
  },
  {
    code: 'FI', nameEn: 'Finland', companies: 4, legalForms: [['Oy', 'Ой'], ['Oyj', 'Ойй']],
    given: ['Mikko', 'Jukka', 'Anna', 'Laura', 'Timo', 'Sanna', 'Ville'], family: ['Virtanen', 'Mäkelä', 'Heikkinen', 'Laaksonen', 'Koskinen', 'Salminen', 'Lehtonen'],
    cities: [{ city: 'Tampere', postalCode: '33100', street: 'Hämeenkatu {n}' }, { city: 'Oulu', postalCode: '90100', street: 'Kirkkokatu {n}' }, { city: 'Jyväskylä', postalCode: '40100', street: 'Kauppakatu {n}' }],
    phone: '+358 3 ### ####', roots: ['Kivijärvi', 'Revontuli', 'Lumikko', 'Karhula', 'Pohjola-Tech', 'Hirvensalo'],
  },
  {
    code: 'NL', nameEn: 'Netherlands', companies: 4, legalForms: [['B.V.', 'Б.В.'], ['N.V.', 'Н.В.']],
    given: ['Daan', 'Sem', 'Sanne', 'Lotte', 'Bram', 'Femke', 'Joost'], family: ['de Vries', 'van Dijk', 'Bakker', 'Visser', 'Meijer', 'van den Berg', 'Smit'],
    cities: [{ city: 'Hengelo', postalCode: '7554 PA', street: 'Marktstraat {n}' }, { city: 'Eindhoven', postalCode: '5611 AB', street: 'Stratumseind {n}' }, { city: 'Delft', postalCode: '2611 HA', street: 'Oude Delft {n}' }],
    phone: '+31 74 ### ####', roots: ['Dijkmeer', 'Zeewolde-Tech', 'Oostervaart', 'Valkenhorst', 'Brederode'],
  },
  {
    code: 'BE', nameEn: 'Belgium', companies: 4, legalForms: [['NV', 'НВ'], ['SA', 'СА'], ['BV', 'БВ']],
    given: ['Lucas', 'Louis', 'Emma', 'Marie', 'Pieter', 'Elise', 'Thomas'], family: ['Peeters', 'Janssens', 'Maes', 'Dubois', 'Lambert', 'Wouters', 'Claes'],
    cities: [{ city: 'Herstal', postalCode: '4040', street: 'Rue Large-Voie {n}' }, { city: 'Gent', postalCode: '9000', street: 'Kortrijksesteenweg {n}' }, { city: 'Charleroi', postalCode: '6000', street: 'Boulevard Tirou {n}' }],
    phone: '+32 4 ### ## ##', roots: ['Meuselaar', 'Ardenval', 'Scheldewerk', 'Brabanthal', 'Vlaanderen-Tech'],
  },
  {
    code: 'IT', nameEn: 'Italy', companies: 5, legalForms: [['S.p.A.', 'С.п.А.'], ['S.r.l.', 'С.р.л.']],
    given: ['Marco', 'Luca', 'Giulia', 'Francesca', 'Alessandro', 'Chiara', 'Matteo'], family: ['Ferraresi', 'Colombo', 'Bianchini', 'Marchetti', 'Santoro', 'Galli', 'Benedetti'],
    cities: [{ city: 'La Spezia', postalCode: '19121', street: 'Via del Prione {n}' }, { city: 'Torino', postalCode: '10121', street: 'Via Roma {n}' }, { city: 'Brescia', postalCode: '25121', street: 'Corso Zanardelli {n}' }],
    phone: '+39 0187 ######', roots: ['Valtellina', 'Montecrio', 'Aquilonia', 'Serravento', 'Castelmarino', 'Ferrolago'],
  },
  {
    code: 'ES', nameEn: 'Spain', companies: 5, legalForms: [['S.A.', 'С.А.'], ['S.L.', 'С.Л.']],
    given: ['Javier', 'Carlos', 'María', 'Lucía', 'Pablo', 'Elena', 'Diego'], family: ['Navarro', 'Ortega', 'Vidal', 'Serrano', 'Castaño', 'Iglesias', 'Morales'],
    cities: [{ city: 'Sevilla', postalCode: '41001', street: 'Calle Sierpes {n}' }, { city: 'Zaragoza', postalCode: '50001', street: 'Paseo Independencia {n}' }, { city: 'Oviedo', postalCode: '33003', street: 'Calle Uría {n}' }],
    phone: '+34 954 ### ###', roots: ['Guadarreal', 'Montealto', 'Sierrafuerte', 'Castilmar', 'Aragonesa-Tec'],
  },
  {
    code: 'LT', nameEn: 'Lithuania', companies: 5, legalForms: [['UAB', 'УАБ']],
    given: ['Mantas', 'Tomas', 'Rūta', 'Eglė', 'Darius', 'Jurgita', 'Lukas'], family: ['Kazlauskas', 'Petrauskas', 'Jankauskas', 'Stankevičius', 'Vasiliauskas', 'Žukauskas', 'Butkus'],
    cities: [{ city: 'Kaunas', postalCode: 'LT-44280', street: 'Laisvės al. {n}' }, { city: 'Vilnius', postalCode: 'LT-01103', street: 'Gedimino pr. {n}' }, { city: 'Klaipėda', postalCode: 'LT-92231', street: 'Taikos pr. {n}' }],
    phone: '+370 37 ### ###', roots: ['Nemunas-Tech', 'Žalgiris', 'Baltavis', 'Vytenis', 'Giruliai'],
  },
  {
    code: 'LV', nameEn: 'Latvia', companies: 4, legalForms: [['SIA', 'СІА'], ['AS', 'АС']],
    given: ['Jānis', 'Andris', 'Līga', 'Inese', 'Mārtiņš', 'Ilze'], family: ['Bērziņš', 'Kalniņš', 'Ozoliņš', 'Liepiņa', 'Krūmiņš', 'Vītols'],
    cities: [{ city: 'Rīga', postalCode: 'LV-1050', street: 'Brīvības iela {n}' }, { city: 'Daugavpils', postalCode: 'LV-5401', street: 'Rīgas iela {n}' }, { city: 'Liepāja', postalCode: 'LV-3401', street: 'Lielā iela {n}' }],
    phone: '+371 67 ### ###', roots: ['Daugava-Tech', 'Gaujas', 'Ventavis', 'Kurzemes'],
  },
  {
    code: 'EE', nameEn: 'Estonia', companies: 4, legalForms: [['OÜ', 'ОЮ'], ['AS', 'АС']],
    given: ['Andres', 'Margus', 'Kadri', 'Liis', 'Tanel', 'Kristi'], family: ['Tamm', 'Saar', 'Sepp', 'Mägi', 'Kask', 'Rebane'],
    cities: [{ city: 'Tallinn', postalCode: '10111', street: 'Narva mnt {n}' }, { city: 'Tartu', postalCode: '51004', street: 'Riia tn {n}' }, { city: 'Pärnu', postalCode: '80010', street: 'Rüütli tn {n}' }],
    phone: '+372 6## ####', roots: ['Peipsi-Tech', 'Toomvalve', 'Läänemere', 'Kalevipoeg'],
  },
  {
    code: 'RO', nameEn: 'Romania', companies: 5, legalForms: [['S.A.', 'С.А.'], ['S.R.L.', 'С.Р.Л.']],
    given: ['Andrei', 'Mihai', 'Ioana', 'Elena', 'Cristian', 'Alina', 'Bogdan'], family: ['Popescu', 'Ionescu', 'Constantinescu', 'Dumitrescu', 'Stanciu', 'Moldovan', 'Barbu'],
    cities: [{ city: 'Brașov', postalCode: '500030', street: 'Strada Republicii {n}' }, { city: 'Cugir', postalCode: '515600', street: 'Strada Victoriei {n}' }, { city: 'Iași', postalCode: '700259', street: 'Bulevardul Ștefan cel Mare {n}' }],
    phone: '+40 268 ### ###', roots: ['Carpatina', 'Dunărea-Tech', 'Făgăraș', 'Bucegi', 'Mureșana'],
  },
  {
    code: 'TR', nameEn: 'Türkiye', companies: 5, legalForms: [['A.Ş.', 'А.Ш.'], ['Ltd. Şti.', 'Лтд. Шті.']],
    given: ['Mehmet', 'Emre', 'Ayşe', 'Zeynep', 'Burak', 'Elif', 'Kerem'], family: ['Yılmaz', 'Demirci', 'Aydın', 'Karaca', 'Öztürk', 'Çelikkaya', 'Aksoy'],
    cities: [{ city: 'Ankara', postalCode: '06510', street: 'Eskişehir Yolu No: {n}' }, { city: 'Kocaeli', postalCode: '41400', street: 'Gebze OSB No: {n}' }, { city: 'Konya', postalCode: '42050', street: 'Organize Sanayi No: {n}' }],
    phone: '+90 312 ### ## ##', roots: ['Anadolu Kartal', 'Toroslar', 'Karadağ', 'Bozkır', 'Kızılırmak', 'Yıldırımtek'],
  },
  {
    code: 'CA', nameEn: 'Canada', companies: 4, legalForms: [['Inc.', 'Інк.'], ['Ltd.', 'Лтд.']],
    given: ['Liam', 'Noah', 'Olivia', 'Chloé', 'Ethan', 'Madison', 'Gabriel'], family: ['Tremblay', 'MacDonald', 'Gagnon', 'Campbell', 'Bouchard', 'Fraser', 'Leblanc'],
    cities: [{ city: 'Ottawa', postalCode: 'K1P 5J9', street: '{n} Sparks Street' }, { city: 'London', postalCode: 'N6A 1H3', street: '{n} Dundas Street' }, { city: 'Halifax', postalCode: 'B3J 1S9', street: '{n} Hollis Street' }],
    phone: '+1 613 5## ####', roots: ['Maplecrest', 'Northhollow', 'Laurentia', 'Caribou Ridge', 'Fundy Bay'],
  },
  {
    code: 'AU', nameEn: 'Australia', companies: 4, legalForms: [['Pty Ltd', 'Пті Лтд']],
    given: ['Jack', 'Lachlan', 'Chloe', 'Isla', 'Cooper', 'Matilda'], family: ['Mitchell', 'Henderson', 'Fitzgerald', 'Blackwood', 'Sutherland', 'Kilpatrick'],
    cities: [{ city: 'Adelaide', postalCode: 'SA 5000', street: '{n} Grenfell Street' }, { city: 'Brisbane', postalCode: 'QLD 4000', street: '{n} Adelaide Street' }, { city: 'Geelong', postalCode: 'VIC 3220', street: '{n} Moorabool Street' }],
    phone: '+61 8 #### ####', roots: ['Southerncross', 'Wattlebrook', 'Kookaburra', 'Red Gum'],
  },
  {
    code: 'JP', nameEn: 'Japan', companies: 4, legalForms: [['K.K.', 'К.К.'], ['Co., Ltd.', 'Ко., Лтд.']],
    given: ['Hiroshi', 'Takeshi', 'Yuki', 'Haruka', 'Kenji', 'Aiko'], family: ['Takahashi', 'Nakamura', 'Kobayashi', 'Yamamoto', 'Inoue', 'Matsuda'],
    cities: [{ city: 'Nagoya', postalCode: '460-0008', street: 'Sakae 3-{n}' }, { city: 'Kobe', postalCode: '650-0001', street: 'Kano-cho 4-{n}' }, { city: 'Yokohama', postalCode: '220-0012', street: 'Minatomirai 2-{n}' }],
    phone: '+81 52 ### ####', roots: ['Kazehaya', 'Tsurugi', 'Hoshimori', 'Akatsuki'],
  },
  {
    code: 'AT', nameEn: 'Austria', companies: 4, legalForms: [['GmbH', 'ГмбХ'], ['AG', 'АГ']],
    given: ['Maximilian', 'Paul', 'Lena', 'Hannah', 'Fabian', 'Theresa'], family: ['Gruber', 'Huber', 'Pichler', 'Steiner', 'Moser', 'Leitner'],
    cities: [{ city: 'Graz', postalCode: '8010', street: 'Herrengasse {n}' }, { city: 'Linz', postalCode: '4020', street: 'Landstraße {n}' }, { city: 'Steyr', postalCode: '4400', street: 'Stadtplatz {n}' }],
    phone: '+43 316 ######', roots: ['Alpenwehr', 'Steirerfeld', 'Donaustein', 'Tauernblick'],
  },
  {
    code: 'BG', nameEn: 'Bulgaria', companies: 4, legalForms: [['AD', 'АД'], ['EOOD', 'ЕООД']],
    given: ['Georgi', 'Dimitar', 'Maria', 'Elena', 'Nikolai', 'Desislava'], family: ['Petrov', 'Georgiev', 'Dimitrov', 'Stoyanov', 'Todorova', 'Ivanova'],
    cities: [{ city: 'Kazanlak', postalCode: '6100', street: 'bul. Rozova dolina {n}' }, { city: 'Sopot', postalCode: '4330', street: 'ul. Ivan Vazov {n}' }, { city: 'Plovdiv', postalCode: '4000', street: 'bul. Ruski {n}' }],
    phone: '+359 431 ## ###', roots: ['Balkantech', 'Rodopa-Mash', 'Stara Planina', 'Maritsa'],
  },
  {
    code: 'HR', nameEn: 'Croatia', companies: 3, legalForms: [['d.o.o.', 'д.о.о.'], ['d.d.', 'д.д.']],
    given: ['Ivan', 'Luka', 'Ana', 'Petra', 'Marko', 'Maja'], family: ['Horvat', 'Kovačević', 'Babić', 'Marić', 'Jurić', 'Novak'],
    cities: [{ city: 'Karlovac', postalCode: '47000', street: 'Ulica Ivana Gorana Kovačića {n}' }, { city: 'Split', postalCode: '21000', street: 'Ulica Kralja Zvonimira {n}' }, { city: 'Zagreb', postalCode: '10000', street: 'Ilica {n}' }],
    phone: '+385 47 ### ###', roots: ['Jadranvoj', 'Velebit', 'Dinarica'],
  },
  {
    code: 'PT', nameEn: 'Portugal', companies: 3, legalForms: [['S.A.', 'С.А.'], ['Lda.', 'Лда.']],
    given: ['João', 'Miguel', 'Inês', 'Beatriz', 'Tiago', 'Rita'], family: ['Ferreira', 'Carvalho', 'Almeida', 'Sousa', 'Ribeiro', 'Pinto'],
    cities: [{ city: 'Porto', postalCode: '4000-322', street: 'Rua de Santa Catarina {n}' }, { city: 'Braga', postalCode: '4700-035', street: 'Avenida da Liberdade {n}' }, { city: 'Aveiro', postalCode: '3800-200', street: 'Rua João Mendonça {n}' }],
    phone: '+351 22 ### ####', roots: ['Atlantimar', 'Serra da Estrela', 'Lusitânia-Tec'],
  },
  {
    code: 'KR', nameEn: 'South Korea', companies: 3, legalForms: [['Co., Ltd.', 'Ко., Лтд.']],
    given: ['Min-jun', 'Seo-yeon', 'Ji-ho', 'Ha-eun', 'Jun-seo', 'Ye-jin'], family: ['Kim', 'Park', 'Choi', 'Jung', 'Kang', 'Yoon'],
    cities: [{ city: 'Changwon', postalCode: '51529', street: 'Jungang-daero {n}' }, { city: 'Daejeon', postalCode: '34126', street: 'Daehak-ro {n}' }, { city: 'Gumi', postalCode: '39270', street: 'Sanho-daero {n}' }],
    phone: '+82 55 ### ####', roots: ['Hanbit', 'Daehwa', 'Saebyeok'],
  },
  {
    code: 'GR', nameEn: 'Greece', companies: 3, legalForms: [['S.A.', 'С.А.']],
    given: ['Georgios', 'Konstantinos', 'Maria', 'Eleni', 'Dimitrios', 'Katerina'], family: ['Papadopoulos', 'Nikolaidis', 'Georgiou', 'Vlachou', 'Antoniou', 'Karamanlis'],
    cities: [{ city: 'Thessaloniki', postalCode: '546 25', street: 'Tsimiski {n}' }, { city: 'Patra', postalCode: '262 21', street: 'Maizonos {n}' }, { city: 'Elefsina', postalCode: '192 00', street: 'Pagkalou {n}' }],
    phone: '+30 231 ### ####', roots: ['Aigaion', 'Olympos-Tech', 'Thermopylae'],
  },
];

/** What a foreign company makes, in its name: [English, Ukrainian spelling, capability codes it suggests]. */
export const SECTOR_WORDS: Array<[string, string, string[]]> = [
  ['Defence Systems', 'Дефенс Системз', ['air_defense.interceptors', 'missiles', 'electronic_warfare.jammers']],
  ['Aerospace', 'Аероспейс', ['uav.long_range', 'uav.strike', 'missiles']],
  ['Munitions', 'Мьюнішнз', ['ammunition.artillery.shells_155', 'ammunition.mortar', 'ammunition.propellants']],
  ['Optronics', 'Оптронікс', ['optics', 'components']],
  ['Robotics', 'Роботікс', ['ugv', 'demining.machines', 'uav.reconnaissance']],
  ['Electronics', 'Електронікс', ['components', 'communications.radios', 'electronic_warfare.sigint']],
  ['Dynamics', 'Дайнемікс', ['missiles', 'air_defense.interceptors']],
  ['Marine', 'Марін', ['naval', 'maritime_drones']],
  ['Armour', 'Армор', ['armored_vehicles.apc', 'protective_equipment']],
  ['Precision', 'Прецижн', ['small_arms', 'ammunition.small_arms', 'optics']],
  ['Radar', 'Радар', ['air_defense.radars', 'electronic_warfare.sigint']],
  ['Unmanned Systems', 'Анменнд Системз', ['uav.fpv', 'uav.reconnaissance', 'ugv']],
  ['Signals', 'Сігналз', ['communications.radios', 'software']],
  ['Field Medical', 'Філд Медікал', ['medical', 'protective_equipment']],
  ['Heavy Industries', 'Хеві Індастріз', ['artillery.howitzers', 'artillery.barrels', 'armored_vehicles.repair']],
  ['Cyber', 'Сайбер', ['software', 'communications']],
];

/** Ukrainian company names: adjective and noun (both masculine, so they agree), in Ukrainian and English. */
export const UA_ADJECTIVES: Array<[string, string]> = [
  ['Сталевий', 'Steel'], ['Північний', 'Northern'], ['Степовий', 'Steppe'], ['Козацький', 'Cossack'], ['Надійний', 'Reliable'],
  ['Вільний', 'Free'], ['Блакитний', 'Azure'], ['Залізний', 'Iron'], ['Світлий', 'Bright'], ['Швидкий', 'Swift'],
  ['Дніпровський', 'Dnipro'], ['Карпатський', 'Carpathian'], ['Поліський', 'Polissia'], ['Південний', 'Southern'],
];
export const UA_NOUNS: Array<[string, string]> = [
  ['Сокіл', 'Falcon'], ['Щит', 'Shield'], ['Вітер', 'Wind'], ['Бастіон', 'Bastion'], ['Горизонт', 'Horizon'],
  ['Сигнал', 'Signal'], ['Рубіж', 'Frontier'], ['Промінь', 'Ray'], ['Вовк', 'Wolf'], ['Беркут', 'Golden Eagle'],
  ['Оберіг', 'Amulet'], ['Кордон', 'Border'], ['Стриж', 'Swift'], ['Меч', 'Sword'],
];

/** Ukrainian legal forms: [Ukrainian abbreviation, English]. */
export const UA_LEGAL_FORMS: Array<[string, string]> = [
  ['ТОВ', 'LLC'],
  ['ТОВ', 'LLC'],
  ['ТОВ', 'LLC'],
  ['ПрАТ', 'PrJSC'],
  ['НВП', 'Research and Production Enterprise'],
];

/** Ukrainian cities with their region (ISO 3166-2:UA), a postal code and a street. */
export const UA_CITIES: Array<{ city: string; cityEn: string; region: string; postalCode: string; street: string }> = [
  { city: 'Київ', cityEn: 'Kyiv', region: 'UA-30', postalCode: '01001', street: 'вул. Хрещатик, {n}' },
  { city: 'Київ', cityEn: 'Kyiv', region: 'UA-30', postalCode: '03150', street: 'вул. Велика Васильківська, {n}' },
  { city: 'Харків', cityEn: 'Kharkiv', region: 'UA-63', postalCode: '61002', street: 'вул. Сумська, {n}' },
  { city: 'Дніпро', cityEn: 'Dnipro', region: 'UA-12', postalCode: '49000', street: 'просп. Дмитра Яворницького, {n}' },
  { city: 'Львів', cityEn: 'Lviv', region: 'UA-46', postalCode: '79000', street: 'вул. Городоцька, {n}' },
  { city: 'Запоріжжя', cityEn: 'Zaporizhzhia', region: 'UA-23', postalCode: '69000', street: 'просп. Соборний, {n}' },
  { city: 'Житомир', cityEn: 'Zhytomyr', region: 'UA-18', postalCode: '10001', street: 'вул. Київська, {n}' },
  { city: 'Вінниця', cityEn: 'Vinnytsia', region: 'UA-05', postalCode: '21050', street: 'вул. Соборна, {n}' },
  { city: 'Миколаїв', cityEn: 'Mykolaiv', region: 'UA-48', postalCode: '54001', street: 'вул. Адміральська, {n}' },
  { city: 'Одеса', cityEn: 'Odesa', region: 'UA-51', postalCode: '65014', street: 'вул. Дерибасівська, {n}' },
  { city: 'Полтава', cityEn: 'Poltava', region: 'UA-53', postalCode: '36000', street: 'вул. Соборності, {n}' },
  { city: 'Черкаси', cityEn: 'Cherkasy', region: 'UA-71', postalCode: '18000', street: 'бул. Шевченка, {n}' },
  { city: 'Івано-Франківськ', cityEn: 'Ivano-Frankivsk', region: 'UA-26', postalCode: '76018', street: 'вул. Незалежності, {n}' },
  { city: 'Бровари', cityEn: 'Brovary', region: 'UA-32', postalCode: '07400', street: 'вул. Незалежності, {n}' },
  { city: 'Кременчук', cityEn: 'Kremenchuk', region: 'UA-53', postalCode: '39600', street: 'вул. Соборна, {n}' },
  { city: 'Шостка', cityEn: 'Shostka', region: 'UA-59', postalCode: '41100', street: 'вул. Садовий бульвар, {n}' },
  { city: 'Хмельницький', cityEn: 'Khmelnytskyi', region: 'UA-68', postalCode: '29000', street: 'вул. Проскурівська, {n}' },
  { city: 'Рівне', cityEn: 'Rivne', region: 'UA-56', postalCode: '33028', street: 'вул. Соборна, {n}' },
];

/** Capability codes a Ukrainian producer of each broad kind offers. */
export const UA_PROFILES: string[][] = [
  ['uav.fpv', 'components'],
  ['uav.strike', 'uav.long_range'],
  ['uav.reconnaissance', 'software'],
  ['electronic_warfare.jammers', 'communications'],
  ['electronic_warfare.sigint', 'software'],
  ['ammunition.artillery.shells_155', 'ammunition.propellants'],
  ['ammunition.mortar', 'ammunition.artillery.shells_152'],
  ['ammunition.small_arms', 'small_arms'],
  ['armored_vehicles.repair', 'repair.field'],
  ['armored_vehicles.apc', 'repair.logistics'],
  ['ugv', 'demining.machines'],
  ['maritime_drones', 'naval'],
  ['optics', 'components'],
  ['protective_equipment', 'medical'],
  ['artillery.barrels', 'artillery.howitzers'],
  ['air_defense.radars', 'software'],
  ['missiles', 'ammunition.propellants'],
  ['communications.radios', 'software'],
];

/** Phone digits for a pattern (`#` is a random digit). */
export function phoneNumber(random: () => number, pattern: string): string {
  return pattern.replace(/#/g, () => String(Math.floor(random() * 10)));
}

/** A lower-case ASCII slug of a name, for e-mail addresses and web sites. */
export function slugOf(text: string): string {
  const latin = /\p{Script=Cyrillic}/u.test(text) ? romanizeUkrainian(text) : text;
  return latin
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/[łŁ]/g, 'l')
    .replace(/[øØ]/g, 'o')
    .replace(/[æÆ]/g, 'ae')
    .replace(/[ßẞ]/g, 'ss')
    .replace(/[ıİ]/g, 'i')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}
