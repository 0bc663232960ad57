/**
 * The in-memory screening index: every name of every listed entity, prepared once, with a
 * vocabulary of distinct words and, per word, the names that contain it.
 *
 * A query is answered in four steps:
 * 1. its words (in every Latin reading, read as a person's and as an organization's name) are
 *    looked up in the vocabulary: exactly, one edit away (a deletion table over the words), by
 *    phonetic skeleton, by first or last four letters, as a given-name equivalent, and split or
 *    joined with a neighbour;
 * 2. the names containing those words are collected, with which query words each one matched and
 *    how much of its own weight was matched;
 * 3. from that, an upper bound of each name's score (compare.ts's formula with every found pair
 *    perfect) drops names that cannot reach the threshold and orders the rest, best bound first;
 * 4. names are scored exactly as compareNames scores them, birth date, country, gender, schema and
 *    identifiers adjust the score, each entity keeps its best name, and scoring stops once the
 *    next bound cannot beat the limit-th best entity.
 *
 * Layout is columnar (typed arrays and string arrays, no object per name) so that a million names
 * fit in a few hundred megabytes. One index serves one thread: queries share scratch arrays.
 */
import type { EntityIdentifier, EntitySchema, ListEntity, MatchEvidence, ScreeningMatch, ScreeningQuery } from '../types.ts';
import { credit, EXTRA_ALPHA, NAME_ONLY_CAP, PAIR_FLOOR, scoreReadings, SUBSTITUTION_FACTOR, tokenSimilarity } from './compare.ts';
import { legalFormMask } from './legal-forms.ts';
import { InvalidQueryError, isBlankName } from './normalize.ts';
import { givenNameEquivalents } from './phonetic.ts';
import { makeToken, nameReadings, prepareName, TokenKind, type NameToken, type PreparedName, type PreparedReading } from './prepare.ts';
import { nameClassOf, type NameClass } from './tokens.ts';

/** Options of ScreeningIndex.match. */
export interface MatchOptions {
  /** Minimum score of a returned match (default 0.70). */
  threshold?: number;
  /** Maximum number of matches (default 10). */
  limit?: number;
}

/** Tuning of ScreeningIndex.build, for tests and benchmarks; the defaults suit lists of any size. */
export interface BuildOptions {
  /** Words in more names than this are "frequent" (see collect()); default 1000. */
  frequentPostings?: number;
}

/** Default minimum score of a match. */
export const DEFAULT_THRESHOLD = 0.7;
/** Default number of matches returned. */
export const DEFAULT_LIMIT = 10;

const SCHEMAS: EntitySchema[] = ['Person', 'Organization', 'Company', 'LegalEntity', 'Vessel', 'Aircraft'];
const CLASSES: NameClass[] = ['person', 'org', 'vessel'];
// Vocabulary kind for the acronym of an organization name (not a token kind: only for lookups).
const KIND_ACRONYM = 5;
// Query words per name class that get a bit in the candidate masks (person, org, vessel).
const SLOT_BITS = 10;
const SLOT_MASK = (1 << SLOT_BITS) - 1;
// Bit 31 marks a word as touched even when the query word has no slot bit of its own.
const TOUCHED = 1 << 31;
// Numbers kept per query-word mask in a bound table (see QueryReading).
const TABLE_WIDTH = 5;
// Scores can rise by at most this much after the name score (matching birth year and country).
const MAX_BOOST = 0.04;
const IDENTIFIER_FLOOR = 0.95;
const WEAK_ALIAS_FACTOR = 0.9;
const SCHEMA_MISMATCH_FACTOR = 0.5;
const GENDER_MISMATCH_FACTOR = 0.8;
const COUNTRY_MISMATCH_FACTOR = 0.9;
const BIRTH_MONTH_MISMATCH_FACTOR = 0.9;
const BIRTH_YEAR_NEAR_FACTOR = 0.85;
const BIRTH_YEAR_MISMATCH_FACTOR = 0.7;
const FACT_MATCH_BOOST = 0.02;

const ALIAS_KINDS = { primary: 0, alias: 1, weak: 2 } as const;

/** Growable Int32 array (build-time only). */
class IntBuffer {
  data = new Int32Array(1024);
  length = 0;
  push(value: number): void {
    if (this.length === this.data.length) {
      const bigger = new Int32Array(this.data.length * 2);
      bigger.set(this.data);
      this.data = bigger;
    }
    this.data[this.length++] = value;
  }
  toArray(): Int32Array {
    return this.data.slice(0, this.length);
  }
}

/** Growable Float32 array (build-time only). */
class FloatBuffer {
  data = new Float32Array(1024);
  length = 0;
  push(value: number): void {
    if (this.length === this.data.length) {
      const bigger = new Float32Array(this.data.length * 2);
      bigger.set(this.data);
      this.data = bigger;
    }
    this.data[this.length++] = value;
  }
  toArray(): Float32Array {
    return this.data.slice(0, this.length);
  }
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/** Strings kept as UTF-8 in one growing buffer: a million names without a million heap objects. */
class PackedStrings {
  private bytes = new Uint8Array(1 << 16);
  private used = 0;
  private building: IntBuffer | undefined = new IntBuffer();
  private ends: Int32Array = new Int32Array(0);

  get count(): number {
    return this.building ? this.building.length : this.ends.length;
  }

  push(text: string): void {
    const room = text.length * 3;
    if (this.used + room > this.bytes.length) {
      const bigger = new Uint8Array(Math.max(this.bytes.length * 2, this.used + room));
      bigger.set(this.bytes.subarray(0, this.used));
      this.bytes = bigger;
    }
    this.used += encoder.encodeInto(text, this.bytes.subarray(this.used)).written;
    this.building!.push(this.used);
  }

  /** Trims the buffer; no push after this. */
  finish(): void {
    this.bytes = this.bytes.slice(0, this.used);
    this.ends = this.building!.toArray();
    this.building = undefined;
  }

  get(index: number): string {
    if (index < 0) return '';
    return decoder.decode(this.bytes.subarray(index === 0 ? 0 : this.ends[index - 1], this.ends[index]));
  }
}

// FNV-1a over UTF-16 code units, folded to 30 bits so that hash · 2^23 + word id fits a double exactly.
function hash30(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 2) & 0x3fffffff;
}
const ID_SPACE = 2 ** 23;
const BUCKET_SHIFT = 14;
const BUCKETS = 1 << (30 - BUCKET_SHIFT);
const FORM_SPACE = 2 ** 32;
const SKELETON_PREFIX = '\u0002';
const ACRONYM_PREFIX = '\u0003';
const PREFIX_PREFIX = '\u0004';
const SUFFIX_PREFIX = '\u0005';
const DOUBLE_DELETION_PREFIX = '\u0006';
// Words at least this long, where two edits still leave a pairable similarity (1 − 2/7 ≥ 0.7),
// are also keyed by their two-letter deletions ("Krets" finds "Kravets").
const DOUBLE_DELETION_MIN_LENGTH = 7;
// A two-edit or affix key shared by more words than this is skipped: what such a generic key
// (a common surname ending) finds is many weak neighbours, and verifying them all was most of the
// cost of the slowest queries.
const CROWDED_KEY = 32;
// Words at least this long are also found by their first or last four letters and a length within
// two, which catches two-letter differences the one-deletion table misses (Stellaris / Stellantis).
const AFFIX_MIN_LENGTH = 6;
// A query word with a vocabulary word at least this similar is not tried split in two.
const GOOD_ENOUGH = 0.85;
// A query word that is itself in the vocabulary is not searched two edits away: searching every
// word that far triples the words a query reaches (measured: p50 ×3 at a million names), and a
// correctly spelt word rarely stands for a different name two letters off.
const SEARCH_FURTHER_BELOW = 1;
// Words in more names than this are "frequent" (common given names, generic words): see collect().
const FREQUENT_POSTINGS = 1000;
// The least and most a name word can weigh (prepare.ts's makeToken).
const MIN_WORD_WEIGHT = 2;
const MAX_WORD_WEIGHT = 10;

function affixKeys(text: string, length: number): string[] {
  return [`${PREFIX_PREFIX}${text.slice(0, 4)}${length}`, `${SUFFIX_PREFIX}${text.slice(-4)}${length}`];
}

function deletions(text: string): string[] {
  const out = new Set<string>();
  for (let i = 0; i < text.length; i++) out.add(text.slice(0, i) + text.slice(i + 1));
  return [...out];
}

function doubleDeletions(text: string): string[] {
  const out = new Set<string>();
  for (let i = 0; i < text.length; i++) {
    for (let j = i + 1; j < text.length; j++) out.add(text.slice(0, i) + text.slice(i + 1, j) + text.slice(j + 1));
  }
  return [...out];
}

// Token kinds that get postings: the words that identify a name.
function indexed(kind: number): boolean {
  return kind === TokenKind.name || kind === TokenKind.patronymic || kind === TokenKind.number || kind === KIND_ACRONYM;
}

function significant(kind: number): boolean {
  return kind === TokenKind.name || kind === TokenKind.patronymic;
}

/**
 * The bound counts every found word as paired. A word that ends up unpaired instead costs alpha ×
 * its left-over weight; counting it as paired at this credit or more never understates the score
 * (with N ≤ D: (N + c·w) / (D + w) ≥ N / (D + α·l) whenever c ≥ 1 − α·l/w).
 */
function creditFloor(token: NameToken, alpha: number): number {
  return 1 - (alpha * leftOverWeight(token)) / token.weight;
}

// Same left-over weights as compare.ts.
function leftOverWeight(token: NameToken): number {
  if (token.kind === TokenKind.patronymic) return token.weight * 0.5;
  if (token.kind === TokenKind.particle) return 0.3;
  if (token.kind === TokenKind.initial) return 0.5;
  return token.weight;
}

function acronymOf(words: readonly string[], kinds: readonly number[]): string | undefined {
  if (words.length < 3 || words.length > 6) return undefined;
  for (let i = 0; i < words.length; i++) if (kinds[i] !== TokenKind.name || !/^[a-z]{2,}$/.test(words[i])) return undefined;
  return words.map((word) => word[0]).join('');
}

/** Normalizes an identifier value for comparison: no spaces, dashes, dots or slashes, upper case. */
export function normalizeIdentifier(value: string): string {
  return value.replace(/[\s\-‐‑–—./\\_]/g, '').toUpperCase();
}

// Schemes that say "some registration number" without saying which register.
const GENERIC_SCHEMES = new Set(['OTHER', 'REGISTRATION', 'NATIONAL_ID', '']);

function schemesAgree(a: string, b: string): boolean {
  const x = (a ?? '').toUpperCase();
  const y = (b ?? '').toUpperCase();
  return x === y || GENERIC_SCHEMES.has(x) || GENERIC_SCHEMES.has(y);
}

/** Whether a query of one schema may be the same thing as an entity of another. */
export function schemasCompatible(query: EntitySchema | undefined, entity: EntitySchema): boolean {
  if (query === undefined || query === entity) return true;
  if (query === 'LegalEntity') return entity !== 'Vessel' && entity !== 'Aircraft';
  if (entity === 'LegalEntity') return query !== 'Vessel' && query !== 'Aircraft';
  const org = (schema: EntitySchema) => schema === 'Organization' || schema === 'Company';
  return org(query) && org(entity);
}

/** Compares a query birth date with an entity's: 'match' when they agree at their common precision. */
export function compareBirthDates(query: string, listed: readonly string[]): 'match' | 'month' | 'near' | 'far' {
  const q = query.split('-');
  let verdict: 'month' | 'near' | 'far' = 'far';
  for (const date of listed) {
    const d = date.split('-');
    if (q[0] !== d[0]) {
      if (Math.abs(Number(q[0]) - Number(d[0])) === 1 && verdict === 'far') verdict = 'near';
      continue;
    }
    const common = Math.min(q.length, d.length);
    let agree = true;
    for (let k = 1; k < common; k++) if (q[k] !== d[k]) agree = false;
    if (agree) return 'match';
    verdict = 'month';
  }
  return verdict;
}

/** The query, prepared for one name class, with what the score bound needs per query-word mask. */
interface QueryReading {
  reading: PreparedReading;
  /** Per 10-bit mask of found query words (filled on first use): matched weight of looked-up words, the same weighted by their credit floor, of other words, left-over weight, contradiction. */
  table: Float64Array;
  /** Which entries of `table` belong to this query (entries stamped with another query's number are stale). */
  stamps: Int32Array;
}

interface ClassQuery {
  prepared: PreparedName;
  readings: QueryReading[];
  /** Whether every reading fits the slot bits (else no bound: every found name is scored). */
  boundable: boolean;
}

interface IdentifierHit {
  query: EntityIdentifier;
  entity: EntityIdentifier;
}

/** An in-memory index of list entities answering name screening queries. */
export class ScreeningIndex {
  // Entities. Lists of strings (programs, birth dates, countries) are shared: entities keep an index into `lists`.
  private readonly entityIds = new PackedStrings();
  /** The alias that is the entity's caption. */
  private entityCaption!: Int32Array;
  private schemas!: Uint8Array;
  /** Which schemas (SCHEMAS order) occur in the index. */
  private readonly schemaPresent = new Uint8Array(SCHEMAS.length);
  private readonly sourceNames: string[] = [];
  private entitySource!: Int32Array;
  private readonly lists: (readonly string[])[] = [Object.freeze([])];
  private entityPrograms!: Int32Array;
  private entityBirthDates!: Int32Array;
  private entityCountries!: Int32Array;
  private genders!: Uint8Array;
  private readonly identifiers = new Map<number, readonly EntityIdentifier[]>();
  private readonly identifierIndex = new Map<string, number | number[]>();
  private entityFirstForm!: Int32Array;
  // Names (aliases) and their readings ("forms": one per Latin reading of a name).
  private readonly aliasNames = new PackedStrings();
  private aliasKinds!: Uint8Array;
  private formAlias!: Int32Array;
  private formEntity!: Int32Array;
  private formClasses!: Uint8Array;
  private formOffsets!: Int32Array;
  private formTokens!: Int32Array;
  private formLegal!: Uint8Array;
  private formSignificant!: Uint8Array;
  private formIndexedWeight!: Float32Array;
  /** What the looked-up words weigh when left over (compare.ts counts a patronymic half). */
  private formIndexedLeftOver!: Float32Array;
  private formFreeWeight!: Float32Array;
  // Vocabulary.
  private readonly vocab: NameToken[] = [];
  private vocabKinds!: Uint8Array;
  private postingOffsets!: Int32Array;
  private postings!: Int32Array;
  private vocabFrequent!: Uint8Array;
  // For frequent words: only the forms whose significant words are all frequent.
  private soloOffsets!: Int32Array;
  private soloPostings!: Int32Array;
  private formAllFrequent!: Uint8Array;
  private lookupKeys!: Float64Array;
  // Where each of the 65,536 leading-hash buckets starts in lookupKeys (binary search within one).
  private lookupBuckets!: Int32Array;
  // Per-query scratch space.
  private candidateMasks!: Uint32Array;
  private candidateHits!: Uint8Array;
  private candidateWeight!: Float32Array;
  private candidateCredit!: Float32Array;
  private candidateBestCredit!: Float32Array;
  private vocabMasks!: Uint32Array;
  private vocabSims!: Float32Array;
  // Which words a similarWords call has already verified (entries equal to seenStamp).
  private vocabSeen!: Int32Array;
  private seenStamp = 0;
  private readonly tablePool: Array<{ table: Float64Array; stamps: Int32Array }> = [];
  private queryNumber = 0;

  private constructor() {}

  /** Number of entities indexed. */
  get size(): number {
    return this.entityIds.count;
  }

  /** Number of names (primary names and aliases) indexed. */
  get aliasCount(): number {
    return this.aliasNames.count;
  }

  /** Number of distinct words in the vocabulary (for benchmarks). */
  get vocabularySize(): number {
    return this.vocab.length;
  }

  /** Builds an index; the source of an entity is the prefix of its id before ':' unless sourceOf says otherwise. */
  static build(entities: Iterable<ListEntity>, sourceOf: (entity: ListEntity) => string = defaultSource, options: BuildOptions = {}): ScreeningIndex {
    const index = new ScreeningIndex();
    index.load(entities, sourceOf, options.frequentPostings ?? FREQUENT_POSTINGS);
    return index;
  }

  private load(entities: Iterable<ListEntity>, sourceOf: (entity: ListEntity) => string, frequentPostings: number): void {
    const vocabIds = new Map<string, number>();
    const sourceIds = new Map<string, number>();
    const listIds = new Map<string, number>([['', 0]]);
    const intern = (list: readonly string[] | undefined): number => {
      if (!list?.length) return 0;
      const key = list.join('\u0000');
      let found = listIds.get(key);
      if (found === undefined) {
        found = this.lists.length;
        this.lists.push(Object.freeze([...list]));
        listIds.set(key, found);
      }
      return found;
    };
    const entityCaption = new IntBuffer();
    const entitySource = new IntBuffer();
    const entityPrograms = new IntBuffer();
    const entityBirthDates = new IntBuffer();
    const entityCountries = new IntBuffer();
    const schemas = new IntBuffer();
    const genders = new IntBuffer();
    const entityFirstForm = new IntBuffer();
    const aliasKinds = new IntBuffer();
    const formAlias = new IntBuffer();
    const formEntity = new IntBuffer();
    const formClasses = new IntBuffer();
    const formOffsets = new IntBuffer();
    const formTokens = new IntBuffer();
    const formLegal = new IntBuffer();
    const formSignificant = new IntBuffer();
    const formIndexedWeight = new FloatBuffer();
    const formIndexedLeftOver = new FloatBuffer();
    const formFreeWeight = new FloatBuffer();
    const vocabKinds = new IntBuffer();
    const postingCounts = new IntBuffer();

    const wordId = (text: string, kind: number): number => {
      const key = kind + text;
      let id = vocabIds.get(key);
      if (id === undefined) {
        id = this.vocab.length;
        vocabIds.set(key, id);
        this.vocab.push(makeToken(text, (kind === KIND_ACRONYM ? TokenKind.name : kind) as TokenKind));
        vocabKinds.push(kind);
        postingCounts.push(0);
      }
      return id;
    };
    const acronymForms: Array<[number, number]> = [];

    for (const entity of entities) {
      const entityIndex = this.entityIds.count;
      this.entityIds.push(String(entity.id));
      const schemaCode = SCHEMAS.indexOf(entity.schema);
      schemas.push(schemaCode < 0 ? SCHEMAS.indexOf('LegalEntity') : schemaCode);
      const source = sourceOf(entity);
      let sourceId = sourceIds.get(source);
      if (sourceId === undefined) {
        sourceId = this.sourceNames.length;
        this.sourceNames.push(source);
        sourceIds.set(source, sourceId);
      }
      entitySource.push(sourceId);
      entityPrograms.push(intern(entity.programs));
      entityBirthDates.push(intern(entity.birthDates));
      entityCountries.push(intern(entity.countries?.map((c) => c.toUpperCase())));
      genders.push(entity.gender === 'male' ? 1 : entity.gender === 'female' ? 2 : 0);
      if (entity.identifiers?.length) this.identifiers.set(entityIndex, entity.identifiers);
      for (const identifier of entity.identifiers ?? []) {
        const value = normalizeIdentifier(String(identifier.value ?? ''));
        if (value.length < 4) continue;
        // Most values belong to one entity: keep a number, an array only when shared.
        const existing = this.identifierIndex.get(value);
        if (existing === undefined) this.identifierIndex.set(value, entityIndex);
        else if (typeof existing === 'number') {
          if (existing !== entityIndex) this.identifierIndex.set(value, [existing, entityIndex]);
        } else if (!existing.includes(entityIndex)) existing.push(entityIndex);
      }
      entityFirstForm.push(formAlias.length);
      const nameClass = nameClassOf(entity.schema);
      const classCode = CLASSES.indexOf(nameClass);
      const names = entity.names?.length ? [...entity.names] : [];
      if (entity.caption && !names.some((name) => name.value === entity.caption)) names.unshift({ value: entity.caption, kind: 'primary' });
      const seen = new Set<string>();
      let caption = -1;
      for (const name of names) {
        if (typeof name.value !== 'string' || seen.has(name.value)) continue;
        seen.add(name.value);
        const aliasIndex = this.aliasNames.count;
        this.aliasNames.push(name.value);
        // The caption is one of the names (added above when missing); without a caption, the first name.
        if (caption < 0 || name.value === entity.caption) caption = aliasIndex;
        aliasKinds.push(ALIAS_KINDS[name.kind] ?? ALIAS_KINDS.alias);
        for (const reading of nameReadings(name.value, nameClass)) {
          if (reading.words.length === 0) continue;
          const form = formAlias.length;
          formAlias.push(aliasIndex);
          formEntity.push(entityIndex);
          formClasses.push(classCode);
          formOffsets.push(formTokens.length);
          formLegal.push(legalFormMask(reading.forms));
          let significantCount = 0;
          let indexedWeight = 0;
          let indexedLeftOver = 0;
          let freeWeight = 0;
          reading.words.forEach((word, i) => {
            const kind = reading.kinds[i];
            const id = wordId(word, kind);
            formTokens.push(id);
            if (significant(kind)) significantCount += 1;
            if (indexed(kind)) {
              postingCounts.data[id] += 1;
              indexedWeight += this.vocab[id].weight;
              indexedLeftOver += leftOverWeight(this.vocab[id]);
            } else {
              freeWeight += this.vocab[id].weight;
            }
          });
          formSignificant.push(Math.min(significantCount, 255));
          formIndexedWeight.push(indexedWeight);
          formIndexedLeftOver.push(indexedLeftOver);
          formFreeWeight.push(freeWeight);
          // An organization name is also found by its acronym ("PLA" finds People's Liberation Army).
          const acronym = nameClass === 'person' ? undefined : acronymOf(reading.words, reading.kinds);
          if (acronym) {
            const acronymId = wordId(acronym, KIND_ACRONYM);
            postingCounts.data[acronymId] += 1;
            acronymForms.push([acronymId, form]);
          }
        }
      }
      entityCaption.push(caption);
    }
    entityFirstForm.push(formAlias.length);
    formOffsets.push(formTokens.length);
    this.entityIds.finish();
    this.aliasNames.finish();
    this.entityCaption = entityCaption.toArray();
    this.entitySource = entitySource.toArray();
    this.entityPrograms = entityPrograms.toArray();
    this.entityBirthDates = entityBirthDates.toArray();
    this.entityCountries = entityCountries.toArray();

    this.schemas = Uint8Array.from(schemas.toArray());
    for (const code of this.schemas) this.schemaPresent[code] = 1;
    this.genders = Uint8Array.from(genders.toArray());
    this.entityFirstForm = entityFirstForm.toArray();
    this.aliasKinds = Uint8Array.from(aliasKinds.toArray());
    this.formAlias = formAlias.toArray();
    this.formEntity = formEntity.toArray();
    this.formClasses = Uint8Array.from(formClasses.toArray());
    this.formOffsets = formOffsets.toArray();
    this.formTokens = formTokens.toArray();
    this.formLegal = Uint8Array.from(formLegal.toArray());
    this.formSignificant = Uint8Array.from(formSignificant.toArray());
    this.formIndexedWeight = formIndexedWeight.toArray();
    this.formIndexedLeftOver = formIndexedLeftOver.toArray();
    this.formFreeWeight = formFreeWeight.toArray();
    this.vocabKinds = Uint8Array.from(vocabKinds.toArray());
    if (this.vocab.length >= ID_SPACE) throw new RangeError(`vocabulary of ${this.vocab.length} words exceeds ${ID_SPACE}`);

    // Postings (compressed rows): the forms containing each indexed word, in form order.
    const counts = postingCounts.toArray();
    const offsets = new Int32Array(this.vocab.length + 1);
    for (let v = 0; v < this.vocab.length; v++) offsets[v + 1] = offsets[v] + counts[v];
    const postings = new Int32Array(offsets[this.vocab.length]);
    const fill = offsets.slice(0, this.vocab.length);
    const formCount = this.formAlias.length;
    let acronymAt = 0;
    for (let f = 0; f < formCount; f++) {
      for (let k = this.formOffsets[f]; k < this.formOffsets[f + 1]; k++) {
        const v = this.formTokens[k];
        if (indexed(this.vocabKinds[v])) postings[fill[v]++] = f;
      }
      while (acronymAt < acronymForms.length && acronymForms[acronymAt][1] === f) postings[fill[acronymForms[acronymAt++][0]]++] = f;
    }
    this.postingOffsets = offsets;
    this.postings = postings;

    // Frequent words, and the forms made only of them (found through the words' short "solo" lists).
    this.vocabFrequent = new Uint8Array(this.vocab.length);
    for (let v = 0; v < this.vocab.length; v++) {
      if (counts[v] > frequentPostings && this.vocabKinds[v] !== KIND_ACRONYM) this.vocabFrequent[v] = 1;
    }
    this.formAllFrequent = new Uint8Array(formCount);
    const soloCounts = new Int32Array(this.vocab.length);
    for (let f = 0; f < formCount; f++) {
      let all = 1;
      for (let k = this.formOffsets[f]; k < this.formOffsets[f + 1]; k++) {
        const v = this.formTokens[k];
        if (significant(this.vocabKinds[v]) && !this.vocabFrequent[v]) all = 0;
      }
      this.formAllFrequent[f] = all;
      if (all) for (let k = this.formOffsets[f]; k < this.formOffsets[f + 1]; k++) if (this.vocabFrequent[this.formTokens[k]]) soloCounts[this.formTokens[k]] += 1;
    }
    this.soloOffsets = new Int32Array(this.vocab.length + 1);
    for (let v = 0; v < this.vocab.length; v++) this.soloOffsets[v + 1] = this.soloOffsets[v] + soloCounts[v];
    this.soloPostings = new Int32Array(this.soloOffsets[this.vocab.length]);
    const soloFill = this.soloOffsets.slice(0, this.vocab.length);
    for (let f = 0; f < formCount; f++) {
      if (!this.formAllFrequent[f]) continue;
      for (let k = this.formOffsets[f]; k < this.formOffsets[f + 1]; k++) {
        const v = this.formTokens[k];
        // A word twice in one form (a number repeated) is listed once.
        if (this.vocabFrequent[v] && (soloFill[v] === this.soloOffsets[v] || this.soloPostings[soloFill[v] - 1] !== f)) this.soloPostings[soloFill[v]++] = f;
      }
    }

    // Lookup table: hashes of each word, its one-letter deletions, skeleton and affixes → word id.
    const keyList: number[] = [];
    const add = (text: string, id: number) => keyList.push(hash30(text) * ID_SPACE + id);
    for (let id = 0; id < this.vocab.length; id++) {
      const kind = this.vocabKinds[id];
      const token = this.vocab[id];
      if (kind === KIND_ACRONYM) {
        add(ACRONYM_PREFIX + token.text, id);
        continue;
      }
      if (!indexed(kind)) continue;
      add(token.text, id);
      if (kind === TokenKind.number) continue;
      if (token.text.length >= 4) for (const variant of deletions(token.text)) add(variant, id);
      add(SKELETON_PREFIX + token.skel, id);
      if (token.text.length >= AFFIX_MIN_LENGTH) for (const key of affixKeys(token.text, token.text.length)) add(key, id);
      if (token.text.length >= DOUBLE_DELETION_MIN_LENGTH) for (const variant of doubleDeletions(token.text)) add(DOUBLE_DELETION_PREFIX + variant, id);
    }
    this.lookupKeys = Float64Array.from(keyList).sort();
    this.lookupBuckets = new Int32Array(BUCKETS + 1);
    for (let i = 0, b = 0; b <= BUCKETS; b++) {
      while (i < this.lookupKeys.length && Math.floor(this.lookupKeys[i] / ID_SPACE) >>> BUCKET_SHIFT < b) i += 1;
      this.lookupBuckets[b] = i;
    }

    this.candidateMasks = new Uint32Array(formCount);
    this.candidateHits = new Uint8Array(formCount);
    this.candidateWeight = new Float32Array(formCount);
    this.candidateCredit = new Float32Array(formCount);
    this.candidateBestCredit = new Float32Array(formCount);
    this.vocabMasks = new Uint32Array(this.vocab.length);
    this.vocabSims = new Float32Array(this.vocab.length);
    this.vocabSeen = new Int32Array(this.vocab.length);
  }

  // Word ids whose lookup key hashes like `key` (callers verify: hashes collide); none when more than `crowded`.
  private lookup(key: string, out: number[], crowded = Infinity): void {
    const hash = hash30(key);
    const h = hash * ID_SPACE;
    const keys = this.lookupKeys;
    const bucket = hash >>> BUCKET_SHIFT;
    let lo = this.lookupBuckets[bucket];
    let hi = this.lookupBuckets[bucket + 1];
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (keys[mid] < h) lo = mid + 1;
      else hi = mid;
    }
    let end = lo;
    while (end < keys.length && keys[end] < h + ID_SPACE) end += 1;
    if (end - lo > crowded) return;
    for (let i = lo; i < end; i++) out.push(keys[i] - h);
  }

  // Vocabulary words similar enough to a query word to pair with it, and the best similarity seen.
  private similarWords(token: NameToken): { ids: number[]; sims: number[]; best: number } {
    const raw: number[] = [];
    this.lookup(token.text, raw);
    if (token.kind !== TokenKind.number) {
      if (token.text.length >= 3) for (const variant of deletions(token.text)) this.lookup(variant, raw);
      this.lookup(SKELETON_PREFIX + token.skel, raw);
      for (const equivalent of givenNameEquivalents(token.text)) this.lookup(equivalent, raw);
    }
    const ids: number[] = [];
    const sims: number[] = [];
    const seen = this.vocabSeen;
    const stamp = (this.seenStamp = (this.seenStamp + 1) & 0x3fffffff || 1);
    let best = 0;
    const verify = (candidates: number[]) => {
      for (const id of candidates) {
        if (seen[id] === stamp) continue;
        seen[id] = stamp;
        if (this.vocabKinds[id] === KIND_ACRONYM) continue;
        const sim = tokenSimilarity(token, this.vocab[id]);
        if (sim >= PAIR_FLOOR) {
          ids.push(id);
          sims.push(sim);
        }
        if (sim > best) best = sim;
      }
    };
    verify(raw);
    if (best < SEARCH_FURTHER_BELOW && token.kind !== TokenKind.number && token.text.length >= AFFIX_MIN_LENGTH - 1) {
      // No close word: look two edits away, and by first or last four letters.
      const more: number[] = [];
      for (let length = token.text.length - 2; length <= token.text.length + 2; length++) {
        if (length >= AFFIX_MIN_LENGTH) for (const key of affixKeys(token.text, length)) this.lookup(key, more, CROWDED_KEY);
      }
      // Two edits: the query is the word less two letters, or less one after one letter more or
      // different, or both lost two (two substitutions, an insertion and a substitution, …).
      this.lookup(DOUBLE_DELETION_PREFIX + token.text, more, CROWDED_KEY);
      for (const variant of deletions(token.text)) this.lookup(DOUBLE_DELETION_PREFIX + variant, more, CROWDED_KEY);
      if (token.text.length >= DOUBLE_DELETION_MIN_LENGTH - 2) {
        for (const variant of doubleDeletions(token.text)) {
          this.lookup(variant, more, CROWDED_KEY);
          this.lookup(DOUBLE_DELETION_PREFIX + variant, more, CROWDED_KEY);
        }
      }
      verify(more);
    }
    return { ids, sims, best };
  }

  private exactWord(text: string): boolean {
    const raw: number[] = [];
    this.lookup(text, raw);
    return raw.some((id) => this.vocabKinds[id] !== KIND_ACRONYM && this.vocab[id].text === text);
  }

  /** Screens a query; matches scoring at least the threshold, best first. Throws InvalidQueryError for an empty name. */
  match(query: ScreeningQuery, options: MatchOptions = {}): ScreeningMatch[] {
    if (typeof query?.name !== 'string' || isBlankName(query.name)) throw new InvalidQueryError('The name to screen is empty');
    const threshold = options.threshold ?? DEFAULT_THRESHOLD;
    const limit = options.limit ?? DEFAULT_LIMIT;
    if (!(limit > 0)) return [];

    this.queryNumber = (this.queryNumber + 1) & 0x3fffffff || 1;
    let tablesUsed = 0;
    const classQueries: (ClassQuery | undefined)[] = [undefined, undefined, undefined];
    const classQuery = (code: number): ClassQuery => {
      let found = classQueries[code];
      if (!found) {
        const prepared = prepareName(query.name, CLASSES[code]);
        found = {
          prepared,
          readings: prepared.readings.map((reading) => ({ reading, ...this.boundTable(tablesUsed++) })),
          boundable: prepared.readings.every((reading) => reading.tokens.length <= SLOT_BITS),
        };
        classQueries[code] = found;
      }
      return found;
    };

    const best = new Map<number, { name: number; form: number; final: number }>();
    const simCache = new Map<number, number>();

    // Identifier matches are found and kept whatever the name says.
    const identifierHits = this.identifierMatches(query);
    for (const entity of identifierHits.keys()) {
      // An entity without any name to compare (only a legal form, say) still matches by identifier.
      let top = { name: -1, form: -1, final: 0 };
      for (let form = this.entityFirstForm[entity]; form < this.entityFirstForm[entity + 1]; form++) {
        const score = this.scoreForm(form, classQuery(this.formClasses[form]), simCache);
        if (score > top.name) top = { name: score, form, final: 0 };
      }
      top.final = this.facts(query, entity, Math.max(0, top.name), identifierHits.get(entity), undefined);
      best.set(entity, top);
    }

    // Steps 1 and 2.
    const touchedForms = this.collect(query, classQuery, threshold - MAX_BOOST);

    // Step 3: bound every found form; keep those that may reach the threshold, best bound first.
    const floor = threshold - MAX_BOOST;
    const schemaFactor = SCHEMAS.map((schema) => (schemasCompatible(query.schema, schema) ? 1 : SCHEMA_MISMATCH_FACTOR));
    const ordered: number[] = [];
    for (const form of touchedForms) {
      const code = this.formClasses[form];
      const cq = classQuery(code);
      const bound = (cq.boundable ? this.bound(form, code, cq) : 1) * schemaFactor[this.schemas[this.formEntity[form]]];
      // Bound (rounded up) and form packed in one number, so a typed-array sort orders them; the
      // form is stored inverted so that among equal bounds the earlier name (the primary) comes first.
      if (bound >= floor) ordered.push(Math.ceil(bound * 4096) * FORM_SPACE + (FORM_SPACE - 1 - form));
    }
    for (const form of touchedForms) {
      this.candidateMasks[form] = 0;
      this.candidateHits[form] = 0;
      this.candidateWeight[form] = 0;
      this.candidateCredit[form] = 0;
      this.candidateBestCredit[form] = 0;
    }
    const byBound = Float64Array.from(ordered).sort().reverse();

    // Step 4: score in bound order until the limit-th best entity cannot be beaten. `top` holds the
    // best final scores, one per entity, highest first.
    const top: Array<{ entity: number; final: number }> = [];
    const kth = () => (top.length >= limit ? top[limit - 1].final : -Infinity);
    const remember = (entity: number, final: number) => {
      const previous = top.findIndex((entry) => entry.entity === entity);
      if (previous >= 0) top.splice(previous, 1);
      let at = top.length;
      while (at > 0 && top[at - 1].final < final) at -= 1;
      top.splice(at, 0, { entity, final });
      if (top.length > limit) top.pop();
    };
    for (const [entity, value] of best) remember(entity, value.final);
    for (const key of byBound) {
      const bound = Math.floor(key / FORM_SPACE) / 4096;
      if (bound + MAX_BOOST < kth()) break;
      const form = FORM_SPACE - 1 - (key % FORM_SPACE);
      const entity = this.formEntity[form];
      const score = this.scoreForm(form, classQuery(this.formClasses[form]), simCache);
      const current = best.get(entity);
      if (current && current.name >= score) continue;
      const final = this.facts(query, entity, score, identifierHits.get(entity), undefined);
      if (!current || final > current.final) {
        best.set(entity, { name: score, form, final });
        if (final >= threshold) remember(entity, final);
      }
    }

    const winners = [...best].filter(([, candidate]) => candidate.final >= threshold);
    winners.sort(([a, x], [b, y]) => y.final - x.final || (this.entityIds.get(a) < this.entityIds.get(b) ? -1 : 1));
    // Evidence only for what is returned.
    return winners.slice(0, limit).map(([entity, candidate]) => {
      const matchedName = candidate.form >= 0 ? this.aliasNames.get(this.formAlias[candidate.form]) : this.aliasNames.get(this.entityCaption[entity]);
      const evidence: MatchEvidence[] = [];
      this.facts(query, entity, Math.max(0, candidate.name), identifierHits.get(entity), evidence, matchedName);
      return {
        entityId: this.entityIds.get(entity),
        caption: this.aliasNames.get(this.entityCaption[entity]),
        score: round(candidate.final),
        matchedName,
        source: this.sourceNames[this.entitySource[entity]],
        programs: [...this.lists[this.entityPrograms[entity]]],
        evidence,
      };
    });
  }

  // A reusable bound table (TABLE_WIDTH numbers per 10-bit mask); entries are valid for the query whose number they carry.
  private boundTable(slot: number): { table: Float64Array; stamps: Int32Array } {
    while (this.tablePool.length <= slot) this.tablePool.push({ table: new Float64Array(TABLE_WIDTH << SLOT_BITS), stamps: new Int32Array(1 << SLOT_BITS) });
    return this.tablePool[slot];
  }

  private identifierMatches(query: ScreeningQuery): Map<number, IdentifierHit> {
    const hits = new Map<number, IdentifierHit>();
    for (const identifier of query.identifiers ?? []) {
      const value = normalizeIdentifier(String(identifier?.value ?? ''));
      if (value.length < 4) continue;
      const found = this.identifierIndex.get(value);
      const entities = found === undefined ? [] : typeof found === 'number' ? [found] : found;
      for (const entity of entities) {
        const listed = this.identifiers.get(entity)?.find((candidate) => normalizeIdentifier(String(candidate.value)) === value && schemesAgree(candidate.scheme, identifier.scheme));
        if (listed && !hits.has(entity)) hits.set(entity, { query: identifier, entity: listed });
      }
    }
    return hits;
  }

  // Steps 1 and 2: the query's words → similar vocabulary words → forms; fills the scratch arrays.
  private collect(query: ScreeningQuery, classQuery: (code: number) => ClassQuery, floor: number): number[] {
    const touchedVocab: number[] = [];
    // Each word found keeps the query words it answers (bits) and its best similarity to any of them.
    const mark = (id: number, bits: number, sim: number) => {
      if (this.vocabMasks[id] === 0) {
        touchedVocab.push(id);
        this.vocabSims[id] = 0;
      }
      this.vocabMasks[id] |= bits | TOUCHED;
      if (sim > this.vocabSims[id]) this.vocabSims[id] = sim;
    };
    // The same word recurs across readings and name classes: look it up once.
    const similarCache = new Map<string, { ids: number[]; sims: number[]; best: number }>();
    const similar = (text: string, kind: TokenKind) => {
      const key = kind + text;
      let found = similarCache.get(key);
      if (!found) {
        found = this.similarWords(makeToken(text, kind));
        similarCache.set(key, found);
      }
      return found;
    };
    // Runs, splits and acronyms pair words in the second pass of compare.ts: count them as perfect.
    const markAll = (ids: number[], bits: number) => {
      for (const id of ids) mark(id, bits, 1);
    };

    const wantedClasses: number[] = [];
    for (let code = 0; code < CLASSES.length; code++) {
      const nameClass = CLASSES[code];
      // Names are read by the class of schemas that are in the index and compatible with the query's.
      const wanted = SCHEMAS.some((schema, at) => this.schemaPresent[at] && nameClassOf(schema) === nameClass && schemasCompatible(query.schema, schema));
      if (!wanted) continue;
      wantedClasses.push(code);
      const shift = code * SLOT_BITS;
      const bit = (i: number) => (i < SLOT_BITS ? 1 << (shift + i) : 0);
      for (const { reading } of classQuery(code).readings) {
        const tokens = reading.tokens;
        tokens.forEach((token, i) => {
          if (!indexed(token.kind)) return;
          const found = similar(token.text, token.kind);
          found.ids.forEach((id, k) => mark(id, bit(i), found.sims[k]));
          if (token.kind !== TokenKind.name) return;
          // Joined with the next word ("Good Will" finds "Goodwill").
          const next = tokens[i + 1];
          if (next && (next.kind === TokenKind.name || next.kind === TokenKind.particle)) markAll(similar(token.text + next.text, TokenKind.name).ids, bit(i) | bit(i + 1));
          // Split in two where either half is a known word ("VladimirPutin"), unless the word is known.
          if (found.best < GOOD_ENOUGH && token.text.length >= 6) {
            for (let cut = 2; cut <= token.text.length - 2; cut++) {
              const left = token.text.slice(0, cut);
              const right = token.text.slice(cut);
              if ((left.length >= 3 && this.exactWord(left)) || (right.length >= 3 && this.exactWord(right))) {
                for (const half of [left, right]) markAll(similar(half, TokenKind.name).ids, bit(i));
              }
            }
          }
          // An acronym finds the names it abbreviates.
          if (nameClass !== 'person' && /^[a-z]{3,6}$/.test(token.text)) {
            const raw: number[] = [];
            this.lookup(ACRONYM_PREFIX + token.text, raw);
            markAll(raw.filter((id) => this.vocabKinds[id] === KIND_ACRONYM && this.vocab[id].text === token.text), bit(i));
          }
        });
        // All words run together find a name written as one word ("van der bilt" finds "Vanderbilt").
        const nameWords = tokens.filter((t) => t.kind === TokenKind.name);
        if (nameWords.length >= 2 && nameWords.length <= 4) {
          let all = 0;
          tokens.forEach((t, i) => (all |= t.kind === TokenKind.name ? bit(i) : 0));
          markAll(similar(nameWords.map((t) => t.text).join(''), TokenKind.name).ids, all);
        }
        // The query's own acronym finds names written as one ("People's Liberation Army" finds "PLA").
        const acronym = nameClass === 'person' ? undefined : acronymOf(tokens.map((t) => t.text), tokens.map((t) => t.kind));
        if (acronym) {
          const raw: number[] = [];
          this.lookup(acronym, raw);
          let all = 0;
          tokens.forEach((_, i) => (all |= bit(i)));
          markAll(raw.filter((id) => this.vocabKinds[id] === TokenKind.name && this.vocab[id].text === acronym), all);
        }
      }
    }

    // Frequent words (a common given name is in a large share of all names) are the cost of a
    // query. Take them largest first into a "skipped" set while this stays provable: a form
    // reached only through skipped words, and not made only of frequent words, cannot reach the
    // floor (skippedBound). Skipped words then list only their solo forms (made only of frequent
    // words); their share of other forms is added by looking at those forms' own words.
    const skipped = new Set<number>();
    const frequent = touchedVocab.filter((id) => this.vocabFrequent[id]);
    frequent.sort((a, b) => this.postingOffsets[b + 1] - this.postingOffsets[b] - (this.postingOffsets[a + 1] - this.postingOffsets[a]));
    for (const id of frequent) {
      skipped.add(id);
      const provable = wantedClasses.every((code) => classQuery(code).readings.every(({ reading }) => this.skippedBound(reading, code, skipped) < floor));
      if (!provable) skipped.delete(id);
    }

    // Postings: which query words each form matched, and how much of its own weight (raw and credited).
    const touchedForms: number[] = [];
    const masks = this.candidateMasks;
    const hits = this.candidateHits;
    const weights = this.candidateWeight;
    const credits = this.candidateCredit;
    const bestCredits = this.candidateBestCredit;
    const add = (id: number, start: number, end: number, list: Int32Array) => {
      const bits = this.vocabMasks[id];
      const acronym = this.vocabKinds[id] === KIND_ACRONYM;
      const counts = significant(this.vocabKinds[id]) ? 1 : 0;
      const weight = this.vocab[id].weight;
      const earned = credit(this.vocabSims[id]);
      const rankPerson = Math.max(earned, creditFloor(this.vocab[id], EXTRA_ALPHA.person));
      const rankOther = Math.max(earned, creditFloor(this.vocab[id], EXTRA_ALPHA.org));
      for (let p = start; p < end; p++) {
        const form = list[p];
        if (masks[form] === 0) touchedForms.push(form);
        masks[form] |= bits;
        if (acronym) {
          // An acronym stands for every word of the name.
          hits[form] = 255;
          weights[form] = this.formIndexedWeight[form];
          credits[form] = this.formIndexedWeight[form];
          bestCredits[form] = 1;
        } else {
          const rank = this.formClasses[form] === 0 ? rankPerson : rankOther;
          if (hits[form] < 254) hits[form] += counts;
          weights[form] += weight;
          credits[form] += weight * rank;
          if (rank > bestCredits[form]) bestCredits[form] = rank;
        }
      }
    };
    for (const id of touchedVocab) {
      if (!skipped.has(id)) add(id, this.postingOffsets[id], this.postingOffsets[id + 1], this.postings);
    }
    if (skipped.size > 0) {
      const viaLists = touchedForms.length;
      const one = new Int32Array(1);
      for (let t = 0; t < viaLists; t++) {
        const form = touchedForms[t];
        if (this.formAllFrequent[form]) continue;
        for (let k = this.formOffsets[form]; k < this.formOffsets[form + 1]; k++) {
          const id = this.formTokens[k];
          if (skipped.has(id)) {
            one[0] = form;
            add(id, 0, 1, one);
          }
        }
      }
      for (const id of skipped) add(id, this.soloOffsets[id], this.soloOffsets[id + 1], this.soloPostings);
    }
    for (const id of touchedVocab) this.vocabMasks[id] = 0;
    return touchedForms;
  }

  // The best score of a form reached only through `skipped` words that has a significant word of
  // its own no query word found (it is not made only of frequent words, and its rare words were
  // not found). Each query word pairs at best with the heaviest skipped word that answers it.
  private skippedBound(reading: PreparedReading, code: number, skipped: Set<number>): number {
    const alpha = EXTRA_ALPHA[CLASSES[code]];
    let numerator = 0;
    let paired = 0;
    let leftOver = 0;
    let contradicts = false;
    reading.tokens.forEach((token, i) => {
      const bit = i < SLOT_BITS ? 1 << (code * SLOT_BITS + i) : 0;
      if (!indexed(token.kind)) {
        numerator += token.weight + 1;
        paired += token.weight + 1;
        return;
      }
      if (bit === 0) {
        numerator += token.weight + MAX_WORD_WEIGHT;
        paired += token.weight + MAX_WORD_WEIGHT;
        return;
      }
      let bestCredit = -1;
      let heaviest = 0;
      for (const id of skipped) {
        if ((this.vocabMasks[id] & bit) === 0) continue;
        bestCredit = Math.max(bestCredit, credit(this.vocabSims[id]), creditFloor(token, alpha), creditFloor(this.vocab[id], alpha));
        heaviest = Math.max(heaviest, this.vocab[id].weight);
      }
      if (bestCredit < 0) {
        leftOver += leftOverWeight(token);
        if (significant(token.kind)) contradicts = true;
      } else {
        numerator += (token.weight + heaviest) * Math.min(1, bestCredit);
        paired += token.weight + heaviest;
      }
    });
    return contradicts
      ? (SUBSTITUTION_FACTOR * numerator) / (paired + leftOver + MIN_WORD_WEIGHT)
      : numerator / (paired + alpha * (leftOver + MIN_WORD_WEIGHT));
  }

  // Upper bound of a form's name score: compare.ts's formula with every found word paired, at the
  // best credit its similarity allows (a query word pairs with one of the form's found words, so it
  // earns at most the best credit among them).
  private bound(form: number, code: number, cq: ClassQuery): number {
    const bits = (this.candidateMasks[form] >>> (code * SLOT_BITS)) & SLOT_MASK;
    const indexedWeight = this.formIndexedWeight[form];
    const free = this.formFreeWeight[form];
    const rawEntity = Math.min(this.candidateWeight[form], indexedWeight) + free;
    const creditedEntity = Math.min(this.candidateCredit[form], indexedWeight) + free;
    // Found words weigh at least their left-over weight, so this never overstates what is left over.
    const unmatchedEntity = Math.max(0, this.formIndexedLeftOver[form] - this.candidateWeight[form]);
    const contradictEntity = this.candidateHits[form] < this.formSignificant[form];
    const alpha = EXTRA_ALPHA[CLASSES[code]];
    const bestCredit = this.candidateBestCredit[form];
    let best = 0;
    for (const { reading, table, stamps } of cq.readings) {
      const at = bits * TABLE_WIDTH;
      if (stamps[bits] !== this.queryNumber) {
        stamps[bits] = this.queryNumber;
        // Matched and left-over query weight for this set of found words (particles and initials
        // are counted as matched: they are never looked up).
        let matched = 0;
        let floored = 0;
        let other = 0;
        let unmatched = 0;
        let contradicts = 0;
        reading.tokens.forEach((token, i) => {
          if (!indexed(token.kind)) other += token.weight;
          else if ((bits & (1 << i)) === 0) {
            unmatched += leftOverWeight(token);
            if (significant(token.kind)) contradicts = 1;
          } else {
            matched += token.weight;
            floored += token.weight * creditFloor(token, alpha);
          }
        });
        table[at] = matched;
        table[at + 1] = floored;
        table[at + 2] = other;
        table[at + 3] = unmatched;
        table[at + 4] = contradicts;
      }
      // A query word earns at most the best credit among the form's found words, and at least its floor.
      const numerator = Math.max(table[at] * bestCredit, table[at + 1]) + table[at + 2] + creditedEntity;
      const paired = table[at] + table[at + 2] + rawEntity;
      const bound = table[at + 4] && contradictEntity
        ? (SUBSTITUTION_FACTOR * numerator) / (paired + table[at + 3] + unmatchedEntity)
        : numerator / (paired + alpha * (table[at + 3] + unmatchedEntity));
      if (bound > best) best = bound;
    }
    return Math.min(1, best);
  }

  private readingOf(form: number): PreparedReading {
    const tokens: NameToken[] = [];
    for (let k = this.formOffsets[form]; k < this.formOffsets[form + 1]; k++) tokens.push(this.vocab[this.formTokens[k]]);
    return { tokens, formMask: this.formLegal[form] };
  }

  // The capped name score of one form against the query prepared for its class; word similarities cached per query.
  private scoreForm(form: number, cq: ClassQuery, cache: Map<number, number>): number {
    const reading = this.readingOf(form);
    const code = this.formClasses[form];
    const base = this.formOffsets[form];
    let best = 0;
    cq.readings.forEach(({ reading: queryReading }, r) => {
      const similarity = (i: number, j: number) => {
        const key = this.formTokens[base + j] * 256 + code * 80 + r * 40 + i;
        let sim = cache.get(key);
        if (sim === undefined) {
          sim = tokenSimilarity(queryReading.tokens[i], reading.tokens[j]);
          cache.set(key, sim);
        }
        return sim;
      };
      const score = scoreReadings(queryReading, reading, cq.prepared.nameClass, similarity);
      if (score > best) best = score;
    });
    let score = Math.min(best, NAME_ONLY_CAP);
    if (this.aliasKinds[this.formAlias[form]] === ALIAS_KINDS.weak) score *= WEAK_ALIAS_FACTOR;
    return score;
  }

  // Applies schema, birth date, country, gender and identifier evidence to a name score; explains it into `evidence` when given.
  private facts(query: ScreeningQuery, entity: number, nameScore: number, identifier: IdentifierHit | undefined, evidence: MatchEvidence[] | undefined, matchedName = ''): number {
    let score = nameScore;
    evidence?.push({ feature: 'name', queryValue: query.name, entityValue: matchedName, weight: round(nameScore) });
    const adjust = (feature: string, queryValue: string, entityValue: string, next: number) => {
      evidence?.push({ feature, queryValue, entityValue, weight: round(next - score) });
      score = next;
    };
    const schema = SCHEMAS[this.schemas[entity]];
    if (!schemasCompatible(query.schema, schema)) adjust('schema', query.schema ?? '', schema, score * SCHEMA_MISMATCH_FACTOR);
    const birthDates = this.lists[this.entityBirthDates[entity]];
    if (query.birthDate && birthDates.length) {
      const verdict = compareBirthDates(query.birthDate, birthDates);
      const next =
        verdict === 'match' ? Math.min(NAME_ONLY_CAP, score + FACT_MATCH_BOOST)
        : score * (verdict === 'month' ? BIRTH_MONTH_MISMATCH_FACTOR : verdict === 'near' ? BIRTH_YEAR_NEAR_FACTOR : BIRTH_YEAR_MISMATCH_FACTOR);
      adjust('birth_date', query.birthDate, birthDates.join(', '), next);
    }
    const countries = this.lists[this.entityCountries[entity]];
    if (query.country && countries.length) {
      const agrees = countries.includes(query.country.toUpperCase());
      adjust('country', query.country, countries.join(', '), agrees ? Math.min(NAME_ONLY_CAP, score + FACT_MATCH_BOOST) : score * COUNTRY_MISMATCH_FACTOR);
    }
    const gender = this.genders[entity];
    if (query.gender && gender !== 0) {
      const listed = gender === 1 ? 'male' : 'female';
      if (listed !== query.gender) adjust('gender', query.gender, listed, score * GENDER_MISMATCH_FACTOR);
    }
    if (identifier) {
      // A shared identifier is near-certain whatever the name: at least 0.95, 1.0 with an exact name.
      const next = Math.max(score, IDENTIFIER_FLOOR + (1 - IDENTIFIER_FLOOR) * Math.min(1, nameScore / NAME_ONLY_CAP));
      adjust('identifier', `${identifier.query.scheme} ${identifier.query.value}`, `${identifier.entity.scheme} ${identifier.entity.value}`, next);
    }
    return score;
  }
}

function defaultSource(entity: ListEntity): string {
  const colon = entity.id.indexOf(':');
  return colon > 0 ? entity.id.slice(0, colon) : 'unknown';
}

function round(value: number): number {
  return Math.round(value * 10_000) / 10_000;
}
