/**
 * Name comparison: a score in [0, 1] for two prepared names.
 *
 * 1. Every word of one name is compared with every word of the other (tokenSimilarity: edit
 *    distance on the spelling, a discounted edit distance on the phonetic skeleton, given-name
 *    equivalence, initials against first letters).
 * 2. Words are paired greedily, best pair first. When words are left over, a second pass may
 *    also pair a run of adjacent words with one word ("Good Will" / "Goodwill", "Patr ushev") or
 *    an acronym with the initials of a run ("PLA" / "People's Liberation Army").
 * 3. The score is the weighted similarity of the pairs over the weight of all words, where a
 *    left-over word counts little when only one name has left-overs (a missing middle name or
 *    patronymic) and fully when both have (a different first name or surname: another person).
 */
import { skeleton } from './phonetic.ts';
import { legalFormsConflict } from './legal-forms.ts';
import { FATHER_PARTICLE_FAMILY, prepareName, TokenKind, type NameClass, type NameToken, type PreparedName, type PreparedReading } from './prepare.ts';
import { nameClassOf } from './tokens.ts';

/** Word pairs less similar than this are not pairs at all. */
export const PAIR_FLOOR = 0.7;
/** A name alone never proves identity: without identifier evidence a score stops here. */
export const NAME_ONLY_CAP = 0.99;

// Below the knee a pair earns less than its similarity (see credit()).
const KNEE = 0.85;
const KNEE_SLOPE = 1.5;
const FATHER_CONFLICT_FACTOR = 0.6;
const INITIAL_SIMILARITY = 0.8;
const GROUP_SIMILARITY = 0.95;
const PARTICLE_SIMILARITY = 0.95;
const SKELETON_FACTOR = 0.9;
const SOUND_BLEND = 0.5;
const ACRONYM_SIMILARITY = 0.9;
const MERGE_FLOOR = 0.8;
/** How much a left-over word weighs when only one of the names has left-overs. */
export const EXTRA_ALPHA: Record<NameClass, number> = { person: 0.35, org: 0.6, vessel: 0.6 };
/** Factor on the score when both names have words the other lacks (another first name or surname). */
export const SUBSTITUTION_FACTOR = 0.7;
const ONLY_INITIALS_CAP = 0.5;
/** The most a one-word person name can score against a name of several words (below the default threshold). */
const SINGLE_WORD_PERSON_CAP = 0.65;
const LEGAL_FORM_CONFLICT_FACTOR = 0.65;

// Reused rows for the edit distance (single-threaded, so sharing is safe).
let rowPrevPrev = new Int32Array(64);
let rowPrev = new Int32Array(64);
let rowCurr = new Int32Array(64);

/** Optimal-string-alignment edit distance (Levenshtein plus adjacent transpositions). */
export function editDistance(a: string, b: string): number {
  if (a === b) return 0;
  const n = a.length;
  const m = b.length;
  if (n === 0) return m;
  if (m === 0) return n;
  if (rowPrev.length <= m) {
    rowPrevPrev = new Int32Array(m + 1);
    rowPrev = new Int32Array(m + 1);
    rowCurr = new Int32Array(m + 1);
  }
  for (let j = 0; j <= m; j++) rowPrev[j] = j;
  for (let i = 1; i <= n; i++) {
    rowCurr[0] = i;
    const ai = a.charCodeAt(i - 1);
    const aPrev = i > 1 ? a.charCodeAt(i - 2) : -1;
    for (let j = 1; j <= m; j++) {
      const bj = b.charCodeAt(j - 1);
      let value = rowPrev[j - 1] + (ai === bj ? 0 : 1);
      const deletion = rowPrev[j] + 1;
      if (deletion < value) value = deletion;
      const insertion = rowCurr[j - 1] + 1;
      if (insertion < value) value = insertion;
      if (j > 1 && ai === b.charCodeAt(j - 2) && aPrev === bj) {
        const transposition = rowPrevPrev[j - 2] + 1;
        if (transposition < value) value = transposition;
      }
      rowCurr[j] = value;
    }
    const spare = rowPrevPrev;
    rowPrevPrev = rowPrev;
    rowPrev = rowCurr;
    rowCurr = spare;
  }
  return rowPrev[m];
}

/** Similarity of two spellings in [0, 1]: 1 − edit distance / longer length. */
export function spellingSimilarity(a: string, b: string): number {
  if (a === b) return 1;
  const longer = Math.max(a.length, b.length);
  return 1 - editDistance(a, b) / longer;
}

// The skeleton is coarse (all vowels are one symbol, sh and s are one), so sounding alike only
// lifts a spelling part of the way: halfway towards SKELETON_FACTOR × the skeleton similarity.
function spellingOrSound(a: string, b: string, skelA: string, skelB: string): number {
  const spelling = spellingSimilarity(a, b);
  if (spelling >= SKELETON_FACTOR) return spelling;
  const sound = (skelA === skelB ? 1 : spellingSimilarity(skelA, skelB)) * SKELETON_FACTOR;
  const blended = SOUND_BLEND * sound + (1 - SOUND_BLEND) * spelling;
  return blended > spelling ? blended : spelling;
}

/** Similarity of two words in [0, 1], by kind: spelling or sound for names, first letter for initials. */
export function tokenSimilarity(a: NameToken, b: NameToken): number {
  if (a.text === b.text) return 1;
  if (a.kind === TokenKind.number || b.kind === TokenKind.number) return 0;
  if (a.kind === TokenKind.particle || b.kind === TokenKind.particle) {
    return a.particle >= 0 && a.particle === b.particle ? PARTICLE_SIMILARITY : 0;
  }
  if (a.kind === TokenKind.initial || b.kind === TokenKind.initial) {
    if (a.kind === b.kind) return 0;
    const [initial, word] = a.kind === TokenKind.initial ? [a, b] : [b, a];
    return word.text[0] === initial.text ? INITIAL_SIMILARITY : 0;
  }
  if (a.group >= 0 && a.group === b.group) return GROUP_SIMILARITY;
  return spellingOrSound(a.text, b.text, a.skel, b.skel);
}

interface Pair {
  sim: number;
  q: number[];
  e: number[];
  /** Sum of the words' weights, for tie-breaking toward covering more. */
  weight: number;
}

// Weight of a word nobody paired with.
function leftOverWeight(token: NameToken): number {
  switch (token.kind) {
    case TokenKind.particle:
      return 0.3;
    case TokenKind.initial:
      return 0.5;
    case TokenKind.patronymic:
      return token.weight * 0.5;
    default:
      return token.weight;
  }
}

// Left-over words of these kinds on both sides mean the names disagree, not that one is shorter.
function contradicts(token: NameToken): boolean {
  return token.kind === TokenKind.name || token.kind === TokenKind.patronymic || token.kind === TokenKind.initial;
}

/**
 * Credit for a pair's similarity: full above the knee, falling steeply below it, so that two words
 * that are merely alike (Sancho / Sanchez) count much less than one typo (Sanchez / Sanches).
 */
export function credit(sim: number): number {
  return sim >= KNEE ? sim : sim - (KNEE - sim) * KNEE_SLOPE;
}

function greedy(pairs: Pair[], n: number, m: number): { chosen: Pair[]; usedQ: Uint8Array; usedE: Uint8Array } {
  pairs.sort((x, y) => y.sim - x.sim || y.weight - x.weight);
  const usedQ = new Uint8Array(n);
  const usedE = new Uint8Array(m);
  const chosen: Pair[] = [];
  for (const pair of pairs) {
    if (pair.q.some((i) => usedQ[i]) || pair.e.some((j) => usedE[j])) continue;
    for (const i of pair.q) usedQ[i] = 1;
    for (const j of pair.e) usedE[j] = 1;
    chosen.push(pair);
  }
  return { chosen, usedQ, usedE };
}

function alignmentScore(q: readonly NameToken[], e: readonly NameToken[], nameClass: NameClass, result: ReturnType<typeof greedy>): number {
  let numerator = 0;
  let denominator = 0;
  for (const pair of result.chosen) {
    let weight = 0;
    for (const i of pair.q) weight += q[i].weight;
    for (const j of pair.e) weight += e[j].weight;
    numerator += weight * credit(pair.sim);
    denominator += weight;
  }
  let leftOver = 0;
  let contradictQ = false;
  let contradictE = false;
  for (let i = 0; i < q.length; i++) {
    if (result.usedQ[i]) continue;
    leftOver += leftOverWeight(q[i]);
    if (contradicts(q[i])) contradictQ = true;
  }
  for (let j = 0; j < e.length; j++) {
    if (result.usedE[j]) continue;
    leftOver += leftOverWeight(e[j]);
    if (contradicts(e[j])) contradictE = true;
  }
  const substitution = contradictQ && contradictE;
  const fatherConflict = fatherOrderConflict(q, e, result.chosen);
  const alpha = substitution ? 1 : EXTRA_ALPHA[nameClass];
  const total = denominator + alpha * leftOver;
  if (total === 0) return 0;
  let score = numerator / total;
  if (substitution) score *= SUBSTITUTION_FACTOR;
  if (fatherConflict) score *= FATHER_CONFLICT_FACTOR;
  return score;
}

function afterFatherParticle(tokens: readonly NameToken[], i: number): boolean {
  return i > 0 && tokens[i - 1].particle === FATHER_PARTICLE_FAMILY;
}

// "Salman bin Muhammad" is not "Muhammad bin Salman": in names built with bin/ibn/ben the word after
// the particle is the father's. Both names must use the particle for the order to say anything.
function fatherOrderConflict(q: readonly NameToken[], e: readonly NameToken[], chosen: readonly Pair[]): boolean {
  // A particle counts only where a name follows it ("Salman Mohammed bin" is just reordered).
  const uses = (tokens: readonly NameToken[]) =>
    tokens.some((token, i) => token.particle === FATHER_PARTICLE_FAMILY) &&
    tokens.every((token, i) => token.particle !== FATHER_PARTICLE_FAMILY || tokens[i + 1]?.kind === TokenKind.name);
  if (!uses(q) || !uses(e)) return false;
  for (const pair of chosen) {
    if (pair.q.length !== 1 || pair.e.length !== 1 || q[pair.q[0]].kind !== TokenKind.name) continue;
    if (afterFatherParticle(q, pair.q[0]) !== afterFatherParticle(e, pair.e[0])) return true;
  }
  return false;
}

function joinable(token: NameToken): boolean {
  return token.kind === TokenKind.name || token.kind === TokenKind.particle;
}

// Runs of 2–3 adjacent words of one side against single words of the other, and acronyms; only
// among words the first pass left unpaired (a merge can only help where nothing paired).
function secondPassPairs(a: readonly NameToken[], b: readonly NameToken[], freeA: Uint8Array, freeB: Uint8Array, flip: boolean, out: Pair[]): void {
  for (let start = 0; start < a.length; start++) {
    if (!freeA[start] || !joinable(a[start])) continue;
    let joined = a[start].text;
    for (let end = start + 1; end < Math.min(a.length, start + 3); end++) {
      if (!freeA[end] || !joinable(a[end])) break;
      joined += a[end].text;
      let joinedSkeleton: string | undefined;
      for (let j = 0; j < b.length; j++) {
        const other = b[j];
        if (!freeB[j] || (other.kind !== TokenKind.name && other.kind !== TokenKind.patronymic) || other.text.length < 4) continue;
        const longer = Math.max(joined.length, other.text.length);
        if (Math.abs(joined.length - other.text.length) > longer * (1 - MERGE_FLOOR)) continue;
        joinedSkeleton ??= skeleton(joined);
        const sim = spellingOrSound(joined, other.text, joinedSkeleton, other.skel);
        if (sim < MERGE_FLOOR) continue;
        const run: number[] = [];
        let weight = other.weight;
        for (let i = start; i <= end; i++) {
          run.push(i);
          weight += a[i].weight;
        }
        out.push(flip ? { sim, q: [j], e: run, weight } : { sim, q: run, e: [j], weight });
      }
    }
  }
  // Acronyms: a short word of one side spelled by the first letters of a run of the other.
  for (let j = 0; j < b.length; j++) {
    const acronym = b[j].text;
    if (!freeB[j] || b[j].kind !== TokenKind.name || acronym.length < 3 || acronym.length > 6 || !/^[a-z]+$/.test(acronym)) continue;
    for (let start = 0; start + acronym.length <= a.length; start++) {
      let ok = true;
      for (let k = 0; k < acronym.length; k++) {
        const word = a[start + k];
        if (!freeA[start + k] || word.kind !== TokenKind.name || word.text[0] !== acronym[k] || word.text.length < 2) {
          ok = false;
          break;
        }
      }
      if (!ok) continue;
      const run = Array.from({ length: acronym.length }, (_, k) => start + k);
      let weight = b[j].weight;
      for (const i of run) weight += a[i].weight;
      out.push(flip ? { sim: ACRONYM_SIMILARITY, q: [j], e: run, weight } : { sim: ACRONYM_SIMILARITY, q: run, e: [j], weight });
    }
  }
}

/** The words that carry a person's name: names, initials and patronymics (not particles or titles). */
function nameWords(tokens: readonly NameToken[]): NameToken[] {
  return tokens.filter((token) => token.kind === TokenKind.name || token.kind === TokenKind.initial || token.kind === TokenKind.patronymic);
}

function hasNameWord(tokens: readonly NameToken[]): boolean {
  return tokens.some((token) => token.kind === TokenKind.name || token.kind === TokenKind.patronymic);
}

/**
 * Scores two token lists with a supplied word-similarity function (the index passes a cached one;
 * compareNames passes tokenSimilarity). Not capped: callers apply NAME_ONLY_CAP.
 */
export function scoreTokens(
  q: readonly NameToken[],
  e: readonly NameToken[],
  nameClass: NameClass,
  similarity: (i: number, j: number) => number,
): number {
  const n = q.length;
  const m = e.length;
  if (n === 0 || m === 0) return 0;
  const pairs: Pair[] = [];
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < m; j++) {
      const sim = similarity(i, j);
      if (sim >= PAIR_FLOOR) pairs.push({ sim, q: [i], e: [j], weight: q[i].weight + e[j].weight });
    }
  }
  const first = greedy(pairs.slice(), n, m);
  let score = alignmentScore(q, e, nameClass, first);
  if (first.usedQ.includes(0) && first.usedE.includes(0)) {
    // Words are left over on both sides: try pairing them as runs or acronyms, keep the better alignment.
    const freeQ = first.usedQ.map((used) => (used ? 0 : 1));
    const freeE = first.usedE.map((used) => (used ? 0 : 1));
    const more: Pair[] = [];
    secondPassPairs(q, e, freeQ, freeE, false, more);
    secondPassPairs(e, q, freeE, freeQ, true, more);
    if (more.length > 0) score = Math.max(score, alignmentScore(q, e, nameClass, greedy(more.concat(pairs), n, m)));
  }
  // Names made only of initials and particles ("N.N.", "Al Bin") cannot identify anyone.
  if (!hasNameWord(q) || !hasNameWord(e)) score = Math.min(score, ONLY_INITIALS_CAP);
  // A person's one-word name (a list's weak alias "VLADIMIR", a bare surname) against a full name
  // agrees on one word at most: the rest of the full name is unexplained, so it is never a hit alone.
  // Joined words ("Ramimakhlouf") are not one-word names: the single word must be clearly shorter.
  if (nameClass === 'person' && score > SINGLE_WORD_PERSON_CAP) {
    const [short, long] = nameWords(q).length <= nameWords(e).length ? [nameWords(q), nameWords(e)] : [nameWords(e), nameWords(q)];
    const letters = (words: NameToken[]) => words.reduce((sum, w) => sum + w.text.length, 0);
    if (short.length === 1 && long.length >= 2 && letters(short) < 0.75 * letters(long)) score = SINGLE_WORD_PERSON_CAP;
  }
  return score;
}

/** Scores one reading of each name, including the legal-form check. Not capped. */
export function scoreReadings(
  q: PreparedReading,
  e: PreparedReading,
  nameClass: NameClass,
  similarity: (i: number, j: number) => number = (i, j) => tokenSimilarity(q.tokens[i], e.tokens[j]),
): number {
  let score = scoreTokens(q.tokens, e.tokens, nameClass, similarity);
  if (legalFormsConflict(q.formMask, e.formMask)) score *= LEGAL_FORM_CONFLICT_FACTOR;
  return score;
}

/** The name score of two prepared names: the best over their readings, capped at NAME_ONLY_CAP. */
export function comparePrepared(a: PreparedName, b: PreparedName): number {
  let best = 0;
  for (const q of a.readings) {
    for (const e of b.readings) {
      const score = scoreReadings(q, e, a.nameClass);
      if (score > best) best = score;
    }
  }
  return Math.min(best, NAME_ONLY_CAP);
}

/** Compares two raw names of the given schema (Person, Company, …) and returns a score in [0, 1]. */
export function compareNames(a: string, b: string, schema?: string): number {
  const nameClass = nameClassOf(schema);
  return comparePrepared(prepareName(a, nameClass), prepareName(b, nameClass));
}
