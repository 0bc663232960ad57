/**
 * Word-level rules shared by the legal-form table and name preparation: dotted abbreviations,
 * stop words, number words and Roman numerals. Everything here works on normalized Latin text.
 */

/** How a name is read: a person's name, an organization's, or a vessel's/aircraft's. */
export type NameClass = 'person' | 'org' | 'vessel';

/** The name class of a FollowTheMoney schema (LegalEntity may be either and is read as an organization). */
export function nameClassOf(schema: string | undefined): NameClass {
  if (schema === 'Person') return 'person';
  if (schema === 'Vessel' || schema === 'Aircraft') return 'vessel';
  return 'org';
}

const DOTTED = /(?<![\p{L}\p{N}])(?:\p{L}\.\s?){1,}\p{L}(?![\p{L}\p{N}])\.?/gu;

/**
 * Joins dotted abbreviations before punctuation is lost: "S.A.R.L." → "SARL", "J.P." → "JP",
 * "o.O.O." → "oOO", so they compare equal to their undotted spellings.
 */
export function joinDottedAbbreviations(raw: string): string {
  if (!raw.includes('.')) return raw;
  return raw.replace(DOTTED, (match) => {
    // "J. Smith" has one letter only: that is an initial, not an abbreviation.
    const letters = match.replace(/[.\s]/g, '');
    return letters.length >= 2 ? `${letters} ` : match;
  });
}

/** Words that carry no identity in organization names. */
export const ORG_STOP_WORDS = new Set(['the', 'of', 'and', 'for', 'in', 'at', 'on', 'und', 'et', 'der', 'die', 'das', 'des', 'de', 'du', 'la', 'le', 'les', 'el', 'los', 'las', 'del', 'di', 'da', 'do', 'dos', 'y', 'e']);

const UNITS: Record<string, number> = {
  zero: 0, one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10,
  eleven: 11, twelve: 12, thirteen: 13, fourteen: 14, fifteen: 15, sixteen: 16, seventeen: 17,
  eighteen: 18, nineteen: 19,
};
const TENS: Record<string, number> = { twenty: 20, thirty: 30, forty: 40, fourty: 40, fifty: 50, sixty: 60, seventy: 70, eighty: 80, ninety: 90 };
const ORDINALS: Record<string, number> = {
  first: 1, second: 2, third: 3, fourth: 4, fifth: 5, sixth: 6, seventh: 7, eighth: 8, ninth: 9, tenth: 10,
  eleventh: 11, twelfth: 12, twentieth: 20,
};

function numberValue(token: string): number | undefined {
  const first = token.charCodeAt(0);
  if (first >= 48 && first <= 57) {
    if (/^\d+$/.test(token)) return Number(token);
    const ordinal = /^(\d+)(st|nd|rd|th)$/.exec(token);
    return ordinal ? Number(ordinal[1]) : undefined;
  }
  return UNITS[token] ?? ORDINALS[token] ?? TENS[token];
}

/** Replaces English number words and ordinals by digits and joins "forty four" / "forty 4" into "44". */
export function normalizeNumbers(tokens: string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i];
    const value = numberValue(token);
    if (value === undefined) {
      out.push(token);
      continue;
    }
    if (TENS[token] !== undefined) {
      const next = tokens[i + 1] !== undefined ? numberValue(tokens[i + 1]) : undefined;
      if (next !== undefined && next > 0 && next < 10) {
        out.push(String(value + next));
        i += 1;
        continue;
      }
    }
    out.push(String(value));
  }
  return out;
}

const ROMAN = /^(x{0,3})(ix|iv|v?i{0,3})$/;
const ROMAN_VALUES: Record<string, number> = { i: 1, ii: 2, iii: 3, iv: 4, v: 5, vi: 6, vii: 7, viii: 8, ix: 9 };

/** The value of a Roman numeral from I to XXXIX, or undefined. */
export function romanValue(token: string): number | undefined {
  if (token === '') return undefined;
  const match = ROMAN.exec(token);
  if (!match) return undefined;
  const tens = match[1].length * 10;
  const units = match[2] === '' ? 0 : ROMAN_VALUES[match[2]];
  return tens + units || undefined;
}

/** Joins runs of single letters ("h m hennes" → "hm hennes"): how acronyms look once dots are gone. */
export function collapseLetterRuns(tokens: string[]): string[] {
  const out: string[] = [];
  let run = '';
  for (const token of tokens) {
    if (token.length === 1 && /\p{L}/u.test(token)) {
      run += token;
      continue;
    }
    if (run) out.push(run);
    run = '';
    out.push(token);
  }
  if (run) out.push(run);
  return out;
}

/** The organization-name word pipeline up to (not including) legal-form removal. */
export function orgWords(normalizedLatin: string): string[] {
  let tokens = normalizedLatin.split(' ').filter((token) => token !== '' && !ORG_STOP_WORDS.has(token));
  // A Roman numeral after the first word is a series number: "Trust II", "Partners VI".
  tokens = tokens.map((token, index) => {
    if (index === 0) return token;
    const value = romanValue(token);
    return value === undefined ? token : String(value);
  });
  tokens = normalizeNumbers(tokens);
  return collapseLetterRuns(tokens);
}
