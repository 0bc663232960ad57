/**
 * Company legal forms in the languages and scripts sanctions lists use. A legal form is noise for
 * name matching ("ООО БАЙ" and "ООО БАЙКАЛ" share only it), so it is removed before comparison;
 * what kind of form it was is kept, because two different kinds (AG against GmbH) is evidence of
 * two different companies.
 *
 * Entries are written as people write them; they pass through the same normalization,
 * transliteration and word rules as names, so every spelling a name can take is matched.
 */
import { normalizeName } from './normalize.ts';
import { joinDottedAbbreviations, orgWords } from './tokens.ts';
import { latinVariants } from './transliterate.ts';

/**
 * Kinds of legal form. 'generic' forms (Co., Inc., Ltd, Corporation) say little and never
 * contradict another form; the others contradict each other.
 */
export type LegalFormKind = 'generic' | 'limited' | 'joint_stock' | 'partnership' | 'non_profit' | 'state' | 'sole';

const FORMS: Record<LegalFormKind, string[]> = {
  generic: [
    'co', 'company', 'corp', 'corporation', 'inc', 'incorporated', 'ltd', 'limited', 'co ltd', 'company limited',
    'pty', 'pty ltd', 'proprietary limited', 'pte', 'pte ltd', 'pvt', 'pvt ltd', 'private limited', 'sdn bhd', 'bhd', 'berhad',
    'public company limited', 'tbk', 'pt', 'kk', 'kabushiki kaisha', 'godo kaisha', 'plc', 'public limited company',
    'na', 'national association', 'sti', 'ltd sti', 'sirketi', 'limited sirketi',
  ],
  limited: [
    'llc', 'l.l.c.', 'limited liability company', 'gmbh', 'g.m.b.h.', 'gesellschaft mit beschränkter haftung', 'ug', 'ug haftungsbeschränkt',
    'sarl', 's.a.r.l.', 'société à responsabilité limitée', 'eurl', 'srl', 's.r.l.', 'società a responsabilità limitata',
    'societatea cu răspundere limitată', 'sl', 's.l.', 'slu', 'sociedad limitada', 'sociedad de responsabilidad limitada',
    's de rl', 's. de r.l.', 's de rl de cv', 's. de r.l. de c.v.', 'ltda', 'limitada', 'bv', 'b.v.', 'besloten vennootschap', 'bvba', 'sprl',
    'sp. z o.o.', 'sp z oo', 'spzoo', 'sp. z.o.o.', 'spółka z ograniczoną odpowiedzialnością', 'sro', 's.r.o.', 'spol. s r.o.',
    'doo', 'd.o.o.', 'ood', 'eood', 'kft', 'aps', 'ooo', 'ооо', 'общество с ограниченной ответственностью', 'tov', 'тов',
    'товариство з обмеженою відповідальністю', 'тдв', 'товариство з додатковою відповідальністю', 'одо', 'ltd liability company',
  ],
  joint_stock: [
    'ag', 'aktiengesellschaft', 'sa', 's.a.', 'société anonyme', 'sociedad anónima', 'sociedade anónima', 'sociedade anônima',
    'sa de cv', 's.a. de c.v.', 'sab de cv', 'sapi de cv', 'spa', 's.p.a.', 'società per azioni', 'societate pe acțiuni', 'sas', 'sasu',
    'société par actions simplifiée', 'nv', 'n.v.', 'naamloze vennootschap', 'ab', 'aktiebolag', 'publ', 'oy', 'oyj', 'osakeyhtiö',
    'as', 'a/s', 'asa', 'a.s.', 'akciová společnost', 'spółka akcyjna', 'zrt', 'nyrt', 'dd', 'd.d.', 'ad', 'a.d.', 'ead',
    'anonim şirketi', 'jsc', 'joint stock company', 'joint-stock company', 'ojsc', 'open joint stock company', 'cjsc',
    'closed joint stock company', 'pjsc', 'public joint stock company', 'private joint stock company', 'prjsc', 'pao', 'ao', 'oao',
    'zao', 'nao', 'pat', 'prat', 'zat', 'vat', 'ат', 'ао', 'оао', 'зао', 'пао', 'нао', 'пат', 'прат', 'зат', 'ват',
    'акционерное общество', 'открытое акционерное общество', 'закрытое акционерное общество', 'публичное акционерное общество',
    'непубличное акционерное общество', 'акціонерне товариство', 'публічне акціонерне товариство', 'приватне акціонерне товариство',
    'відкрите акціонерне товариство', 'закрите акціонерне товариство', 'se', 'societas europaea',
  ],
  partnership: [
    'lp', 'l.p.', 'limited partnership', 'llp', 'l.l.p.', 'limited liability partnership', 'lllp', 'kg', 'kommanditgesellschaft',
    'gmbh & co kg', 'gmbh & co. kg', 'ohg', 'offene handelsgesellschaft', 'snc', 'vof', 'general partnership',
  ],
  non_profit: [
    'ano', 'ано', 'автономная некоммерческая организация', 'nko', 'нко', 'некоммерческая организация', 'e.v.', 'ev', 'eingetragener verein',
    'non-profit organization', 'nonprofit organization', 'autonomous non-profit organization', 'gemeinnützige gmbh', 'ggmbh',
  ],
  state: [
    'fgup', 'фгуп', 'федеральное государственное унитарное предприятие', 'federal state unitary enterprise', 'gup', 'гуп',
    'государственное унитарное предприятие', 'state unitary enterprise', 'mup', 'муп', 'муниципальное унитарное предприятие',
    'municipal unitary enterprise', 'державне підприємство', 'казенне підприємство', 'fgbu', 'фгбу', 'федеральное государственное бюджетное учреждение',
  ],
  sole: [
    'ип', 'индивидуальный предприниматель', 'individual entrepreneur', 'фоп', 'fop', 'фізична особа підприємець', 'sole proprietor',
    'чп', 'частное предприятие', 'пп', 'приватне підприємство', 'private enterprise',
  ],
};

/** A legal form found in a name: its words (normalized) and its kind. */
export interface LegalFormMatch {
  words: string[];
  kind: LegalFormKind;
}

interface Phrase {
  words: string[];
  kind: LegalFormKind;
}

// Phrases by their first word, longest first, so "open joint stock company" wins over "company".
const BY_FIRST_WORD = new Map<string, Phrase[]>();
// Long words of phrases, for matching them with one typo ("Aktiengeselschaft").
const LONG_WORDS = new Set<string>();

for (const [kind, spellings] of Object.entries(FORMS) as Array<[LegalFormKind, string[]]>) {
  for (const spelling of spellings) {
    for (const latin of latinVariants(normalizeName(joinDottedAbbreviations(spelling)))) {
      const words = orgWords(latin);
      if (words.length === 0) continue;
      const list = BY_FIRST_WORD.get(words[0]) ?? [];
      if (!list.some((phrase) => phrase.words.join(' ') === words.join(' '))) list.push({ words, kind });
      BY_FIRST_WORD.set(words[0], list);
      for (const word of words) if (word.length >= 8) LONG_WORDS.add(word);
    }
  }
}
for (const list of BY_FIRST_WORD.values()) list.sort((a, b) => b.words.length - a.words.length);

// Long legal-form words by length, so a word is only compared with those one letter longer or shorter.
const LONG_WORDS_BY_LENGTH = new Map<number, string[]>();
for (const word of LONG_WORDS) {
  for (const length of [word.length - 1, word.length, word.length + 1]) {
    const list = LONG_WORDS_BY_LENGTH.get(length) ?? [];
    list.push(word);
    LONG_WORDS_BY_LENGTH.set(length, list);
  }
}

// A word one edit away from a legal-form word of at least 8 letters is that word misspelt.
function closeLongWord(word: string): string | undefined {
  for (const candidate of LONG_WORDS_BY_LENGTH.get(word.length) ?? []) {
    // Cheap test first: a misspelling keeps the first letter.
    if (candidate.charCodeAt(0) === word.charCodeAt(0) && withinOneEdit(word, candidate)) return candidate;
  }
  return undefined;
}

function withinOneEdit(a: string, b: string): boolean {
  if (a === b) return true;
  if (a.length === b.length) {
    let diff = 0;
    for (let i = 0; i < a.length; i++) if (a[i] !== b[i] && ++diff > 1) return false;
    return true;
  }
  const [short, long] = a.length < b.length ? [a, b] : [b, a];
  let i = 0;
  let j = 0;
  let skipped = false;
  while (i < short.length && j < long.length) {
    if (short[i] === long[j]) {
      i += 1;
      j += 1;
    } else if (skipped) {
      return false;
    } else {
      skipped = true;
      j += 1;
    }
  }
  return true;
}

function canonicalWord(word: string): string {
  if (word.length < 7 || BY_FIRST_WORD.has(word) || LONG_WORDS.has(word)) return word;
  return closeLongWord(word) ?? word;
}

function phraseAt(words: string[], start: number): Phrase | undefined {
  const first = canonicalWord(words[start]);
  const candidates = BY_FIRST_WORD.get(first);
  if (!candidates) return undefined;
  for (const phrase of candidates) {
    if (start + phrase.words.length > words.length) continue;
    let ok = true;
    for (let k = 0; k < phrase.words.length; k++) {
      const word = k === 0 ? first : words[start + k];
      if (word !== phrase.words[k] && (phrase.words[k].length < 8 || canonicalWord(word) !== phrase.words[k])) {
        ok = false;
        break;
      }
    }
    if (ok) return phrase;
  }
  return undefined;
}

/** The result of removing legal forms from a name's words. */
export interface StrippedName {
  /** The words that are the name itself. */
  words: string[];
  forms: LegalFormMatch[];
}

/**
 * Removes legal forms from normalized organization words (orgWords output), wherever they stand.
 * With `endsOnly` (person names: "Nicolás Maduro SA") only a form at the end is removed.
 */
export function stripLegalForms(words: string[], endsOnly = false): StrippedName {
  const kept: string[] = [];
  const forms: LegalFormMatch[] = [];
  if (endsOnly) {
    // Try every start position so the longest phrase that ends the name is found.
    for (let start = 0; start < words.length; start++) {
      const phrase = phraseAt(words, start);
      if (phrase && start + phrase.words.length === words.length && start > 0) {
        return { words: words.slice(0, start), forms: [{ words: phrase.words, kind: phrase.kind }] };
      }
    }
    return { words: [...words], forms };
  }
  for (let i = 0; i < words.length; ) {
    const phrase = phraseAt(words, i);
    if (phrase) {
      forms.push({ words: phrase.words, kind: phrase.kind });
      i += phrase.words.length;
    } else {
      kept.push(words[i]);
      i += 1;
    }
  }
  return { words: kept, forms };
}

/** Strips legal forms from a raw organization name: a convenience over the word-level function. */
export function stripLegalFormsFromName(raw: string): StrippedName {
  const latin = latinVariants(normalizeName(joinDottedAbbreviations(raw)))[0] ?? '';
  return stripLegalForms(orgWords(latin));
}

const KIND_BITS: Record<LegalFormKind, number> = { generic: 0, limited: 1, joint_stock: 2, partnership: 4, non_profit: 8, state: 16, sole: 32 };

/** The kinds of the legal forms found, as a bit mask ('generic' has no bit: it contradicts nothing). */
export function legalFormMask(forms: readonly LegalFormMatch[]): number {
  let mask = 0;
  for (const form of forms) mask |= KIND_BITS[form.kind];
  return mask;
}

/** True when two names carry legal forms of kinds that cannot both be right (AG against GmbH). */
export function legalFormsConflict(maskA: number, maskB: number): boolean {
  return maskA !== 0 && maskB !== 0 && (maskA & maskB) === 0;
}
