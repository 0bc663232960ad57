/**
 * The in-process sanctions name-matching engine: pure functions and an in-memory index, no
 * database and no I/O. The screening service builds a ScreeningIndex from the list entities it
 * loads and answers queries with it; the pieces are exported for tests and for other uses of
 * name comparison (for example deduplicating imported list entries).
 */
export { compareNames, editDistance, NAME_ONLY_CAP, PAIR_FLOOR, tokenSimilarity } from './compare.ts';
export { legalFormMask, legalFormsConflict, stripLegalForms, stripLegalFormsFromName, type LegalFormKind, type LegalFormMatch } from './legal-forms.ts';
export { InvalidQueryError, isBlankName, MAX_NAME_LENGTH, MAX_NAME_TOKENS, normalizeName, truncateName } from './normalize.ts';
export { givenNameEquivalents, givenNameGroup, skeleton } from './phonetic.ts';
export { nameReadings, prepareName, type NameToken, type PreparedName } from './prepare.ts';
export {
  DEFAULT_LIMIT,
  DEFAULT_THRESHOLD,
  normalizeIdentifier,
  ScreeningIndex,
  schemasCompatible,
  type BuildOptions,
  type MatchOptions,
} from './screening-index.ts';
export { nameClassOf, type NameClass } from './tokens.ts';
export {
  cyrillicLanguages,
  latinVariants,
  transliterateOther,
  transliterateRussian,
  transliterateSerbian,
  transliterateUkrainian,
  type CyrillicLanguage,
} from './transliterate.ts';
