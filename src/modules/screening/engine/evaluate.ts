/**
 * Evaluation against labelled name pairs (the quality benchmark and its test share this): parse
 * the CSV, score every pair the way a name-only query is scored, count precision and recall.
 */
import { parse } from 'csv-parse/sync';
import type { EntitySchema, ListEntity } from '../types.ts';
import { ScreeningIndex } from './screening-index.ts';

/** One row of name-pairs.csv. */
export interface LabelledPair {
  caseGroup: string;
  schema: EntitySchema;
  name1: string;
  name2: string;
  isMatch: boolean;
  quality: string;
  category: string;
  notes: string;
}

/** Parses name-pairs.csv (header: case_group,schema,name1,name2,is_match,quality,category,notes). */
export function parseLabelledPairs(csv: string): LabelledPair[] {
  const rows = parse(csv, { columns: true, skip_empty_lines: true }) as Array<Record<string, string>>;
  return rows.map((row) => ({
    caseGroup: row.case_group,
    schema: row.schema as EntitySchema,
    name1: row.name1,
    name2: row.name2,
    isMatch: row.is_match === 'true',
    quality: row.quality,
    category: row.category,
    notes: row.notes,
  }));
}

/**
 * The engine's score for a pair as a name-only screening: name2 is the only entity of an index
 * (with the row's schema), name1 the query. 0 when the index does not return it at all.
 */
export function scorePair(pair: LabelledPair): number {
  const entity: ListEntity = {
    id: 'pair:1',
    schema: pair.schema,
    caption: pair.name2,
    names: [{ value: pair.name2, kind: 'primary' }],
    birthDates: [],
    countries: [],
    identifiers: [],
    programs: [],
    sourceUrls: [],
  };
  const index = ScreeningIndex.build([entity]);
  const [match] = index.match({ name: pair.name1, schema: pair.schema }, { threshold: 0, limit: 1 });
  return match?.score ?? 0;
}

/** Counts of a binary decision. */
export interface Confusion {
  tp: number;
  fp: number;
  fn: number;
  tn: number;
}

/** Precision, recall and F1 of a confusion count (0 where undefined). */
export function metrics(c: Confusion): { precision: number; recall: number; f1: number } {
  const precision = c.tp + c.fp === 0 ? 0 : c.tp / (c.tp + c.fp);
  const recall = c.tp + c.fn === 0 ? 0 : c.tp / (c.tp + c.fn);
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { precision, recall, f1 };
}

/** Confusion counts at a threshold: overall, per case_group and per category. */
export function confusion(pairs: readonly LabelledPair[], scores: readonly number[], threshold: number) {
  const empty = (): Confusion => ({ tp: 0, fp: 0, fn: 0, tn: 0 });
  const overall = empty();
  const byGroup = new Map<string, Confusion>();
  const byCategory = new Map<string, Confusion>();
  pairs.forEach((pair, i) => {
    const predicted = scores[i] >= threshold;
    const key: keyof Confusion = predicted ? (pair.isMatch ? 'tp' : 'fp') : pair.isMatch ? 'fn' : 'tn';
    overall[key] += 1;
    for (const [map, name] of [[byGroup, pair.caseGroup], [byCategory, pair.category || '(none)']] as const) {
      const counts = map.get(name) ?? empty();
      counts[key] += 1;
      map.set(name, counts);
    }
  });
  return { overall, byGroup, byCategory };
}

/** The threshold (in steps of 0.01) with the best overall F1. */
export function bestThreshold(pairs: readonly LabelledPair[], scores: readonly number[]): { threshold: number; f1: number } {
  let best = { threshold: 0, f1: -1 };
  for (let step = 1; step < 100; step++) {
    const threshold = step / 100;
    const { f1 } = metrics(confusion(pairs, scores, threshold).overall);
    if (f1 > best.f1) best = { threshold, f1 };
  }
  return best;
}
