import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { confusion, metrics, parseLabelledPairs, scorePair } from './evaluate.ts';
import { DEFAULT_THRESHOLD } from './screening-index.ts';

// The labelled pairs live next to the repository (../shared), read-only: 825 pairs of persons and
// companies in several scripts (OpenSanctions nomenklatura checks plus synthetic deviations).
const repoRoot = path.resolve(import.meta.dirname, '..', '..', '..', '..');
const file = path.resolve(repoRoot, '..', 'shared', 'data', 'sanctions', 'labelled', 'name-pairs.csv');

describe('name-matching quality on labelled pairs', () => {
  const pairs = parseLabelledPairs(fs.readFileSync(file, 'utf8'));

  it('reads every labelled pair', () => {
    expect(pairs.length).toBeGreaterThanOrEqual(825);
    expect(pairs.filter((pair) => pair.isMatch).length).toBeGreaterThan(300);
    expect(pairs.filter((pair) => !pair.isMatch).length).toBeGreaterThan(300);
  });

  it('reaches F1 ≥ 0.80 at the default threshold (OpenSanctions: about 0.79)', () => {
    const scores = pairs.map((pair) => scorePair(pair));
    const { overall } = confusion(pairs, scores, DEFAULT_THRESHOLD);
    const { precision, recall, f1 } = metrics(overall);
    expect({ precision: precision > 0.75, recall: recall > 0.75 }).toEqual({ precision: true, recall: true });
    expect(f1).toBeGreaterThanOrEqual(0.8);
  });
});
