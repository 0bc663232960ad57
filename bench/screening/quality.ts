// Name-matching quality on labelled pairs (../shared/data/sanctions/labelled/name-pairs.csv, from
// OpenSanctions' nomenklatura checks and synthetic deviations): precision, recall and F1 at the
// default threshold, overall, per case_group and per category, and the best threshold.
// Goal: F1 ≥ 0.80 at 0.70 (OpenSanctions' best logic reaches about 0.79 on these pairs).
// Each pair is scored as a name-only screening: name2 alone in an index (with the row's schema),
// name1 the query; a pair the index does not return scores 0.
// Run: npx tsx bench/screening/quality.ts [--errors]   (--errors lists false positives and negatives)
import fs from 'node:fs';
import path from 'node:path';
import { bestThreshold, confusion, metrics, parseLabelledPairs, scorePair, type Confusion } from '../../src/modules/screening/engine/evaluate.ts';
import { DEFAULT_THRESHOLD } from '../../src/modules/screening/engine/screening-index.ts';

const root = path.resolve(import.meta.dirname, '..', '..');
const file = path.resolve(root, '..', 'shared', 'data', 'sanctions', 'labelled', 'name-pairs.csv');
const pairs = parseLabelledPairs(fs.readFileSync(file, 'utf8'));
const showErrors = process.argv.includes('--errors');

const started = performance.now();
const scores = pairs.map((pair) => scorePair(pair));
const elapsed = performance.now() - started;

const { overall, byGroup, byCategory } = confusion(pairs, scores, DEFAULT_THRESHOLD);
const pct = (value: number) => (value * 100).toFixed(1);
const row = (name: string, c: Confusion) => {
  const m = metrics(c);
  return `| ${name} | ${c.tp + c.fp + c.fn + c.tn} | ${c.tp} | ${c.fp} | ${c.fn} | ${c.tn} | ${pct(m.precision)} | ${pct(m.recall)} | ${m.f1.toFixed(3)} |`;
};
const header = '| | pairs | TP | FP | FN | TN | precision % | recall % | F1 |\n|---|---|---|---|---|---|---|---|---|';

console.log(`# Screening name-matching quality (${pairs.length} labelled pairs, threshold ${DEFAULT_THRESHOLD})\n`);
console.log(header);
console.log(row('**overall**', overall));
console.log('\nPer case_group:\n');
console.log(header);
for (const [name, c] of [...byGroup].sort()) console.log(row(name, c));
console.log('\nPer category (categories with at least 5 pairs; the rest together):\n');
console.log(header);
const rest: Confusion = { tp: 0, fp: 0, fn: 0, tn: 0 };
for (const [name, c] of [...byCategory].sort((a, b) => b[1].tp + b[1].fp + b[1].fn + b[1].tn - (a[1].tp + a[1].fp + a[1].fn + a[1].tn))) {
  if (c.tp + c.fp + c.fn + c.tn >= 5) console.log(row(name, c));
  else for (const key of ['tp', 'fp', 'fn', 'tn'] as const) rest[key] += c[key];
}
console.log(row('(other categories)', rest));
const best = bestThreshold(pairs, scores);
console.log(`\nBest threshold: ${best.threshold.toFixed(2)} (F1 ${best.f1.toFixed(3)}); at the default ${DEFAULT_THRESHOLD}: F1 ${metrics(overall).f1.toFixed(3)} — goal ≥ 0.80`);
console.log(`Scored in ${elapsed.toFixed(0)} ms (${((elapsed * 1000) / pairs.length).toFixed(0)} µs a pair, including a one-entity index build each).`);

if (showErrors) {
  console.log('\nFalse positives (score ≥ threshold, labelled different):');
  pairs.forEach((pair, i) => {
    if (!pair.isMatch && scores[i] >= DEFAULT_THRESHOLD) console.log(`  ${scores[i].toFixed(3)}  [${pair.caseGroup}/${pair.schema}] ${pair.name1}  |  ${pair.name2}   (${pair.notes || pair.category})`);
  });
  console.log('\nFalse negatives (score < threshold, labelled same):');
  pairs.forEach((pair, i) => {
    if (pair.isMatch && scores[i] < DEFAULT_THRESHOLD) console.log(`  ${scores[i].toFixed(3)}  [${pair.caseGroup}/${pair.schema}] ${pair.name1}  |  ${pair.name2}   (${pair.notes || pair.category})`);
  });
}
