/**
 * Transliteration into Latin of the scripts sanctions lists mix with Latin: Cyrillic (Ukrainian,
 * Russian and Serbian rules kept apart, because the same letter is romanized differently: г is
 * "h" in Ukrainian and "g" in Russian, и is "y" and "i"), Greek, Armenian and Georgian.
 * Input is normalizeName's output (lower case). Other scripts pass through unchanged and are only
 * compared with names in the same script.
 *
 * One romanization per language is enough here: the spelling systems in use (national 2010, ICAO,
 * BGN/PCGN, GOST 7.79 B, ISO 9 after diacritics are removed, German style) differ in ways the
 * phonetic skeleton and the fuzzy token comparison absorb (see phonetic.ts).
 */

/** Which Cyrillic romanization applies to a name. */
export type CyrillicLanguage = 'uk' | 'ru' | 'sr';

// Letters the three tables share; the per-language tables override these.
const CYRILLIC_COMMON: Record<string, string> = {
  а: 'a', б: 'b', в: 'v', д: 'd', е: 'e', ж: 'zh', з: 'z', к: 'k', л: 'l', м: 'm', н: 'n', о: 'o',
  п: 'p', р: 'r', с: 's', т: 't', у: 'u', ф: 'f', х: 'kh', ц: 'ts', ч: 'ch', ш: 'sh', щ: 'shch',
  ь: '', ъ: '', ю: 'yu', я: 'ya', ё: 'e', ы: 'y', э: 'e', и: 'i', й: 'y', г: 'g', ґ: 'g', є: 'ye',
  і: 'i', ї: 'yi',
  // Belarusian, Serbian, Macedonian, Kazakh, Kyrgyz, Mongolian, Tajik letters.
  ў: 'u', ђ: 'dj', ј: 'j', љ: 'lj', њ: 'nj', ћ: 'c', џ: 'dz', ѓ: 'gj', ќ: 'kj', ѕ: 'dz', ә: 'a',
  ғ: 'gh', қ: 'k', ң: 'ng', ө: 'o', ұ: 'u', ү: 'u', һ: 'h', ҳ: 'h', ҷ: 'j', ӣ: 'i', ӯ: 'u', ҫ: 's',
  ӑ: 'a', ӗ: 'e', ӳ: 'u', ҡ: 'k', ҙ: 'z', ҝ: 'g',
};

// Ukrainian national system (Cabinet of Ministers resolution 55 of 2010), used in passports.
const UKRAINIAN: Record<string, string> = { ...CYRILLIC_COMMON, г: 'h', ґ: 'g', е: 'e', є: 'ie', и: 'y', і: 'i', ї: 'i', й: 'i', ю: 'iu', я: 'ia', х: 'kh', щ: 'shch' };
// At the start of a word these letters take their "y" forms.
const UKRAINIAN_INITIAL: Record<string, string> = { є: 'ye', ї: 'yi', й: 'y', ю: 'yu', я: 'ya' };

// Russian: BGN/PCGN without its diacritics (the common form in English-language lists).
const RUSSIAN: Record<string, string> = { ...CYRILLIC_COMMON, г: 'g', е: 'e', ё: 'e', и: 'i', й: 'y', ы: 'y', э: 'e', ю: 'yu', я: 'ya', ъ: '', ь: '' };
const RUSSIAN_VOWELS = new Set(['а', 'е', 'ё', 'и', 'о', 'у', 'ы', 'э', 'ю', 'я', 'ъ', 'ь']);

// Serbian and Macedonian: the official Latin alphabet, whose č ć š ž lose their marks like any other.
const SERBIAN: Record<string, string> = { ...CYRILLIC_COMMON, ч: 'c', ћ: 'c', ш: 's', ж: 'z', ц: 'c', х: 'h', ј: 'j', џ: 'dz', ђ: 'dj', г: 'g', и: 'i' };

const UKRAINIAN_MARKERS = /[ієїґ]/;
const RUSSIAN_MARKERS = /[ыъэё]/;
const SERBIAN_MARKERS = /[ђјљњћџѓќѕ]/;
const HAS_CYRILLIC = /[\u0400-\u04ff\u0500-\u052f]/;

/** True when the text contains a Cyrillic letter. */
export function hasCyrillic(text: string): boolean {
  return HAS_CYRILLIC.test(text);
}

/**
 * The romanizations a Cyrillic name may need: і ї є ґ only occur in Ukrainian, ы ъ э ё only in
 * Russian (and Belarusian, which has both kinds and gets both), ђ ј љ њ ћ џ in Serbian and
 * Macedonian. A name with none of them could be either Ukrainian or Russian.
 */
export function cyrillicLanguages(text: string): CyrillicLanguage[] {
  if (SERBIAN_MARKERS.test(text)) return ['sr'];
  const uk = UKRAINIAN_MARKERS.test(text);
  const ru = RUSSIAN_MARKERS.test(text);
  if (uk && !ru) return ['uk'];
  if (ru && !uk) return ['ru'];
  return ['uk', 'ru'];
}

function isWordStart(text: string, index: number): boolean {
  if (index === 0) return true;
  const before = text[index - 1];
  return !/[\p{L}\p{N}]/u.test(before);
}

/** Romanizes Cyrillic by the Ukrainian national system (2010); other characters pass through. */
export function transliterateUkrainian(text: string): string {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    // "зг" is written "zgh" so that it is not read as "ж" (zh).
    if (ch === 'г' && i > 0 && text[i - 1] === 'з') {
      out += 'gh';
      continue;
    }
    const initial = isWordStart(text, i) ? UKRAINIAN_INITIAL[ch] : undefined;
    out += initial ?? UKRAINIAN[ch] ?? ch;
  }
  return out;
}

/** Romanizes Cyrillic by Russian BGN/PCGN rules without diacritics; other characters pass through. */
export function transliterateRussian(text: string): string {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    // BGN writes е as "ye" at the start of a word and after a vowel or a sign: Yelena, Andreyev.
    if (ch === 'е' && (isWordStart(text, i) || RUSSIAN_VOWELS.has(text[i - 1]))) {
      out += 'ye';
      continue;
    }
    out += RUSSIAN[ch] ?? ch;
  }
  return out;
}

/** Romanizes Serbian or Macedonian Cyrillic into the Serbian Latin alphabet without diacritics. */
export function transliterateSerbian(text: string): string {
  let out = '';
  for (const ch of text) out += SERBIAN[ch] ?? ch;
  return out;
}

const GREEK: Record<string, string> = {
  α: 'a', β: 'v', γ: 'g', δ: 'd', ε: 'e', ζ: 'z', η: 'i', θ: 'th', ι: 'i', κ: 'k', λ: 'l', μ: 'm',
  ν: 'n', ξ: 'x', ο: 'o', π: 'p', ρ: 'r', σ: 's', ς: 's', τ: 't', υ: 'y', φ: 'f', χ: 'ch', ψ: 'ps', ω: 'o',
};
// ELOT 743 digraphs that read as one sound.
const GREEK_DIGRAPHS: Record<string, string> = { ου: 'ou', αι: 'ai', ει: 'ei', οι: 'oi', μπ: 'b', ντ: 'd', γκ: 'g', γγ: 'ng', αυ: 'av', ευ: 'ev' };

const ARMENIAN: Record<string, string> = {
  ա: 'a', բ: 'b', գ: 'g', դ: 'd', ե: 'e', զ: 'z', է: 'e', ը: 'y', թ: 't', ժ: 'zh', ի: 'i', լ: 'l',
  խ: 'kh', ծ: 'ts', կ: 'k', հ: 'h', ձ: 'dz', ղ: 'gh', ճ: 'ch', մ: 'm', յ: 'y', ն: 'n', շ: 'sh', ո: 'o',
  չ: 'ch', պ: 'p', ջ: 'j', ռ: 'r', ս: 's', վ: 'v', տ: 't', ր: 'r', ց: 'ts', ւ: 'v', փ: 'p', ք: 'k',
  օ: 'o', ֆ: 'f', և: 'ev',
};

// Georgian national system (2002).
const GEORGIAN: Record<string, string> = {
  ა: 'a', ბ: 'b', გ: 'g', დ: 'd', ე: 'e', ვ: 'v', ზ: 'z', თ: 't', ი: 'i', კ: 'k', ლ: 'l', მ: 'm',
  ნ: 'n', ო: 'o', პ: 'p', ჟ: 'zh', რ: 'r', ს: 's', ტ: 't', უ: 'u', ფ: 'p', ქ: 'k', ღ: 'gh', ყ: 'q',
  შ: 'sh', ჩ: 'ch', ც: 'ts', ძ: 'dz', წ: 'ts', ჭ: 'ch', ხ: 'kh', ჯ: 'j', ჰ: 'h',
};

const OTHER_SCRIPTS = /[\u0370-\u03ff\u0530-\u058f\u10a0-\u10ff]/;

/** Romanizes Greek, Armenian and Georgian letters; other characters pass through. */
export function transliterateOther(text: string): string {
  if (!OTHER_SCRIPTS.test(text)) return text;
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const pair = text.slice(i, i + 2);
    const greek = GREEK_DIGRAPHS[pair];
    if (greek !== undefined) {
      out += greek;
      i += 1;
      continue;
    }
    // Armenian "ու" is the vowel u; "ո" starting a word is "vo".
    if (pair === 'ու') {
      out += 'u';
      i += 1;
      continue;
    }
    const ch = text[i];
    if (ch === 'ո' && isWordStart(text, i)) {
      out += 'vo';
      continue;
    }
    if (ch === 'ե' && isWordStart(text, i)) {
      out += 'ye';
      continue;
    }
    out += GREEK[ch] ?? ARMENIAN[ch] ?? GEORGIAN[ch] ?? ch;
  }
  return out;
}

/**
 * Every Latin reading of a normalized name: one for Latin or non-transliterated scripts, one per
 * possible Cyrillic language otherwise (Ukrainian and Russian when the letters do not tell).
 */
export function latinVariants(normalized: string): string[] {
  const base = transliterateOther(normalized);
  if (!hasCyrillic(base)) return [base];
  const out: string[] = [];
  for (const language of cyrillicLanguages(base)) {
    const latin = language === 'uk' ? transliterateUkrainian(base) : language === 'ru' ? transliterateRussian(base) : transliterateSerbian(base);
    if (!out.includes(latin)) out.push(latin);
  }
  return out;
}
