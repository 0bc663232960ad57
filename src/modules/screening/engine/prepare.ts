/**
 * Turns a raw name into the tokens the comparison works on, once per Latin reading of the name
 * (a Cyrillic name with no Ukrainian- or Russian-only letter has two readings).
 *
 * Each token has a kind, because not every word counts the same: particles (al, bin, de, van)
 * and honorifics barely identify anyone, an initial only agrees or disagrees with a first letter,
 * a patronymic is often left out, and numbers in company names are series markers.
 */
import { legalFormMask, stripLegalForms, type LegalFormMatch } from './legal-forms.ts';
import { MAX_NAME_TOKENS, normalizeName, truncateName } from './normalize.ts';
import { givenNameGroup, skeleton } from './phonetic.ts';
import { joinDottedAbbreviations, nameClassOf, orgWords, type NameClass } from './tokens.ts';
import { latinVariants } from './transliterate.ts';

export { nameClassOf, type NameClass };

/** Token kinds. */
export const TokenKind = { name: 0, particle: 1, initial: 2, number: 3, patronymic: 4 } as const;
/** One of the TokenKind values. */
export type TokenKind = (typeof TokenKind)[keyof typeof TokenKind];

/** One word of a prepared name. */
export interface NameToken {
  text: string;
  /** Phonetic skeleton (phonetic.ts). */
  skel: string;
  kind: TokenKind;
  /** How much the word identifies: its length, bounded, less for particles and initials. */
  weight: number;
  /** Given-name equivalence group, or -1. */
  group: number;
  /** Particle family ("bin"/"ibn"/"ben" are one), or -1. */
  particle: number;
}

/** One Latin reading of a name, as words with kinds (what the index stores). */
export interface NameReading {
  words: string[];
  kinds: TokenKind[];
  forms: LegalFormMatch[];
}

/** A name ready for comparison: one token list per Latin reading. */
export interface PreparedName {
  raw: string;
  nameClass: NameClass;
  readings: PreparedReading[];
}

/** One reading ready for comparison. */
export interface PreparedReading {
  tokens: NameToken[];
  /** legalFormMask of the legal forms removed from it. */
  formMask: number;
}

// Families of particles that are spellings of the same word.
const PARTICLE_FAMILIES: string[][] = [
  ['al', 'el', 'ul', 'ol', 'il', 'ad', 'ar', 'as', 'ash', 'at', 'az', 'an', 'ud', 'ur', 'uz'],
  ['bin', 'ben', 'ibn', 'ibnu', 'bint', 'binti', 'bte', 'bn', 'ould', 'wuld', 'ap'],
  ['abu', 'abou', 'abo', 'umm', 'um'],
  ['de', 'di', 'da', 'do', 'du', 'des', 'del', 'della', 'dos', 'das', 'der', 'den', 'von', 'van', 'vom', 'zu', 'ter', 'ten'],
  ['la', 'le', 'les', 'lo', 'los', 'las'],
  ['y', 'e', 'i'],
  ['oglu', 'ogly', 'uly', 'kyzy', 'gyzy', 'qizi', 'kizi'],
  // Honorifics and religious titles written as part of a name.
  ['haji', 'hajji', 'hadji', 'haj', 'hajj', 'alhaj', 'alhaji'],
  ['mullah', 'mulla', 'mawlawi', 'maulvi', 'mawlavi', 'molvi', 'maulana', 'mawlana'],
  ['sheikh', 'shaikh', 'shaykh', 'sheik'],
  // (Hafiz, Hafez and Said are given names too often to be read as titles.)
  ['qari', 'imam', 'sayyid', 'sayyed'],
];
/** The particle family of "bin"/"ibn"/"ben": the word after it is the father's name. */
export const FATHER_PARTICLE_FAMILY = 1;
const PARTICLE_FAMILY = new Map<string, number>();
PARTICLE_FAMILIES.forEach((family, index) => family.forEach((word) => PARTICLE_FAMILY.set(word, index)));
// Particles that are also common words or names: read as particles only in names of three words or more.
const AMBIGUOUS_PARTICLES = new Set(['i', 'e', 'y', 'as', 'at', 'an', 'ar', 'do', 'um', 'ap', 'ten']);

// Courtesy and office titles, dropped from person names ("Mr. Recep Tayyip Erdoğan", "President Erdoğan").
const TITLES = new Set([
  'mr', 'mrs', 'ms', 'miss', 'mister', 'dr', 'doctor', 'prof', 'professor', 'sir', 'dame', 'lord', 'lady',
  'president', 'prasident', 'presidente', 'monsieur', 'madame', 'mme', 'mlle', 'herr', 'frau', 'senor', 'senora',
  'jr', 'sr', 'junior', 'senior', 'phd', 'esq', 'honorable', 'rev', 'reverend',
]);
// (Not "Md", which abbreviates Mohammed in South Asian names, nor "Hon", a given name.)

// Russian, Ukrainian and Belarusian patronymic endings.
const PATRONYMIC = /(?:ovich|evich|ovych|evych|ovitch|evitch|ovna|evna|ivna|ichna)$/;

// Abbreviations organizations write both ways.
const ABBREVIATIONS: Record<string, string> = {
  intl: 'international', natl: 'national', mfg: 'manufacturing', bros: 'brothers', assn: 'association',
  dept: 'department', govt: 'government', univ: 'university', mgmt: 'management', svcs: 'services',
  inst: 'institute', ctr: 'center', centre: 'center', organisation: 'organization',
};

// Prefixes of vessel names: motor vessel, motor tanker, steam ship.
const VESSEL_PREFIXES = new Set(['mv', 'mt', 'ms', 'ss', 'mts', 'fv', 'my', 'sy']);

const VOWEL = /[aeiouy]/;

function particleFamily(word: string): number {
  return PARTICLE_FAMILY.get(word) ?? -1;
}

/** "Putin, Vladimir" → "Vladimir Putin": person names written surname first with a comma. */
export function reorderSurnameFirst(raw: string): string {
  if (!raw.includes(',')) return raw;
  const parts = raw.split(',');
  if (parts.length !== 2) return raw.replaceAll(',', ' ');
  const [surname, given] = parts.map((part) => part.trim());
  if (!surname || !given) return raw.replaceAll(',', ' ');
  const givenNormalized = normalizeName(given);
  if (TITLES.has(givenNormalized) || /^(?:[ivx]+|jr|sr)$/.test(givenNormalized)) return `${surname} ${given}`;
  return `${given} ${surname}`;
}

// Digits standing for letters inside a person's name ("Ig0r Sech1n").
const LEET: Record<string, string> = { '0': 'o', '1': 'i', '2': 'z', '3': 'e', '4': 'a', '5': 's', '6': 'b', '7': 't', '8': 'b', '9': 'g' };

function unleet(word: string): string {
  if (!/\d/.test(word) || !/[a-z]/.test(word)) return word;
  return word.replace(/\d/g, (digit) => LEET[digit]);
}

function personReading(latin: string): NameReading {
  let words = latin.split(' ').filter((word) => word !== '' && !TITLES.has(word)).map(unleet);
  const stripped = stripLegalForms(words, true);
  words = stripped.words;
  const outWords: string[] = [];
  const kinds: TokenKind[] = [];
  const push = (word: string, kind: TokenKind) => {
    // A repeated word ("Sergey Sergey Shoigu") says nothing twice; repeated particles keep the
    // structure of the name ("bin Muhammad ibn Awad ibn Ladin").
    if (kind !== TokenKind.particle && outWords.includes(word)) return;
    outWords.push(word);
    kinds.push(kind);
  };
  for (let i = 0; i < words.length; i++) {
    const word = words[i];
    if (/^\d+$/.test(word)) push(word, TokenKind.number);
    else if (word.length === 1) push(word, TokenKind.initial);
    else if (word.length <= 3 && /^[a-z]+$/.test(word) && !VOWEL.test(word) && particleFamily(word) < 0) {
      // "JC Juncker", "N.N.": letters without a vowel are initials written together.
      for (const letter of word) push(letter, TokenKind.initial);
    } else if (particleFamily(word) >= 0 && (!AMBIGUOUS_PARTICLES.has(word) || words.length > 2)) push(word, TokenKind.particle);
    else if (word.length >= 7 && PATRONYMIC.test(word)) push(word, TokenKind.patronymic);
    else push(word, TokenKind.name);
  }
  return { words: outWords.slice(0, MAX_NAME_TOKENS), kinds: kinds.slice(0, MAX_NAME_TOKENS), forms: stripped.forms };
}

function orgReading(latin: string, nameClass: NameClass): NameReading {
  let words = orgWords(latin).map((word) => ABBREVIATIONS[word] ?? word);
  if (nameClass === 'vessel' && words.length > 1 && VESSEL_PREFIXES.has(words[0])) words = words.slice(1);
  const stripped = nameClass === 'vessel' ? { words, forms: [] } : stripLegalForms(words);
  const outWords: string[] = [];
  const kinds: TokenKind[] = [];
  for (const word of stripped.words) {
    if (outWords.includes(word)) continue;
    outWords.push(word);
    kinds.push(/^\d+$/.test(word) ? TokenKind.number : TokenKind.name);
  }
  return { words: outWords.slice(0, MAX_NAME_TOKENS), kinds: kinds.slice(0, MAX_NAME_TOKENS), forms: stripped.forms };
}

/** The Latin readings of a raw name as words with kinds; empty words mean nothing is left to match. */
export function nameReadings(raw: string, nameClass: NameClass): NameReading[] {
  // "SiemensAG", "AlisherUsmanov": a capital after two small letters starts a new word when a
  // letter follows it ("GmbH", "McKesson" and "LeBron" stay whole).
  let text = joinDottedAbbreviations(truncateName(raw)).replace(/(\p{Ll}{2})(?=\p{Lu}\p{L})/gu, '$1 ');
  if (nameClass === 'person') text = reorderSurnameFirst(text);
  const readings: NameReading[] = [];
  for (const latin of latinVariants(normalizeName(text))) {
    const reading = nameClass === 'person' ? personReading(latin) : orgReading(latin, nameClass);
    if (!readings.some((other) => other.words.join(' ') === reading.words.join(' '))) readings.push(reading);
  }
  return readings;
}

/** Builds the token for a word of a given kind (pure: the index shares one token per distinct word). */
export function makeToken(text: string, kind: TokenKind): NameToken {
  const length = text.length;
  let weight: number;
  if (kind === TokenKind.particle) weight = 1;
  else if (kind === TokenKind.initial) weight = 1;
  else if (kind === TokenKind.number) weight = 1.5;
  else weight = Math.min(Math.max(length, 2), 10);
  return {
    text,
    skel: skeleton(text),
    kind,
    weight,
    group: kind === TokenKind.name ? givenNameGroup(text) : -1,
    particle: kind === TokenKind.particle ? particleFamily(text) : -1,
  };
}

/** Prepares a raw name for compareNames / the index: readings → tokens. */
export function prepareName(raw: string, nameClass: NameClass): PreparedName {
  return {
    raw,
    nameClass,
    readings: nameReadings(raw, nameClass).map((reading) => ({
      tokens: reading.words.map((word, i) => makeToken(word, reading.kinds[i])),
      formMask: legalFormMask(reading.forms),
    })),
  };
}
