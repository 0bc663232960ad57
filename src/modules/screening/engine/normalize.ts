/**
 * Name normalization: the first step of every comparison, applied the same way to list names and
 * to queries. Output is lower case, Latin letters without diacritics, Cyrillic kept as Cyrillic
 * (its letters are transliterated later, by language, in transliterate.ts), other scripts with
 * their combining marks removed, and every run of punctuation or whitespace reduced to one space.
 */
import { AppError } from '../../../core/errors.ts';

/** Names longer than this (in UTF-16 code units) are cut before matching; the rest is ignored. */
export const MAX_NAME_LENGTH = 500;

/** Tokens beyond this count are ignored: alignment cost grows with the product of token counts. */
export const MAX_NAME_TOKENS = 40;

/** A query the engine cannot screen (an empty name); an AppError so the HTTP layer answers 400. */
export class InvalidQueryError extends AppError {
  constructor(message: string) {
    super('validation_failed', { detail: message, errors: [{ field: 'name', message }] });
    this.name = 'InvalidQueryError';
  }
}

// Latin letters that NFKD does not decompose into a base letter plus marks.
const SPECIAL_LETTERS: Record<string, string> = {
  ß: 'ss', ẞ: 'ss', æ: 'ae', œ: 'oe', ø: 'o', ł: 'l', đ: 'd', ð: 'd', þ: 'th', ı: 'i', ħ: 'h',
  ŧ: 't', ŋ: 'ng', ĸ: 'k', ſ: 's', ƒ: 'f', ə: 'e', ɨ: 'i', ŀ: 'l', ʒ: 'z', ɛ: 'e', ɔ: 'o',
};

// Apostrophes and similar marks join what they separate: O'Brien, Qa'ida, 'Ndrangheta.
const JOINERS = new Set(["'", '’', '‘', '`', '´', 'ʼ', 'ʻ', 'ʹ', '′', 'ʾ', 'ʿ', '\u00ad']);

const LETTER_OR_NUMBER = /[\p{L}\p{N}]/u;
const CYRILLIC = /\p{Script=Cyrillic}/u;
const MARKS = /\p{M}/gu;
const FORMAT = /\p{Cf}/u;

// Folding non-ASCII characters is the slow part; the set of distinct characters met is small.
const foldCache = new Map<string, string>();
const FOLD_CACHE_LIMIT = 20_000;

function foldChar(ch: string): string {
  const cached = foldCache.get(ch);
  if (cached !== undefined) return cached;
  let out: string;
  const lower = ch.toLowerCase();
  if (JOINERS.has(ch) || FORMAT.test(ch)) {
    // Format characters (zero-width joiners, bidi marks) carry no letters: drop them.
    out = '';
  } else if (SPECIAL_LETTERS[lower] !== undefined) {
    out = SPECIAL_LETTERS[lower];
  } else if (CYRILLIC.test(ch) && LETTER_OR_NUMBER.test(ch)) {
    // Keep й, ё, ї whole: their marks decide the transliteration. (Cyrillic combining letters such as
    // U+2DE0 are marks, not letters: they fall through and are dropped with the other marks.)
    out = lower;
  } else if (ch === '&') {
    out = ' and ';
  } else {
    let folded = '';
    for (const part of lower.normalize('NFKD').replace(MARKS, '')) {
      const special = SPECIAL_LETTERS[part];
      if (special !== undefined) folded += special;
      else if (LETTER_OR_NUMBER.test(part)) folded += part;
      else if (JOINERS.has(part)) continue;
      else folded += ' ';
    }
    out = folded;
  }
  if (foldCache.size < FOLD_CACHE_LIMIT) foldCache.set(ch, out);
  return out;
}

/** Cuts a name to MAX_NAME_LENGTH without splitting a surrogate pair. */
export function truncateName(raw: string): string {
  if (raw.length <= MAX_NAME_LENGTH) return raw;
  let end = MAX_NAME_LENGTH;
  const code = raw.charCodeAt(end - 1);
  if (code >= 0xd800 && code <= 0xdbff) end -= 1;
  return raw.slice(0, end);
}

/** Normalizes a name for matching: lower case, no diacritics, Cyrillic kept, punctuation as single spaces. */
export function normalizeName(raw: string): string {
  const text = truncateName(raw).normalize('NFC');
  let out = '';
  for (const ch of text) {
    const code = ch.charCodeAt(0);
    if (code < 128) {
      if ((code >= 97 && code <= 122) || (code >= 48 && code <= 57)) out += ch;
      else if (code >= 65 && code <= 90) out += String.fromCharCode(code + 32);
      else if (code === 39 || code === 96) continue; // apostrophe, backtick
      else if (code === 38) out += ' and ';
      else out += ' ';
    } else {
      out += foldChar(ch);
    }
  }
  return out.replace(/\s+/g, ' ').trim();
}

/** True when the name has no letter or digit at all (empty, whitespace, punctuation, control characters). */
export function isBlankName(raw: string): boolean {
  return normalizeName(raw) === '';
}
