// Screening index speed and memory: build time, memory, and query latency percentiles on one core,
// at 10,000, 100,000 and N names (default 1,000,000), on real OFAC names plus a seeded generated
// expansion (bench/screening/corpus.ts); the same queries against fuse.js and PostgreSQL pg_trgm, with
// recall side by side.
// Goals at 1M names: build ≤ 30 s, memory (heapUsed + external) ≤ 400 MB, query p50 ≤ 1 ms,
// p95 ≤ 5 ms, p99 ≤ 15 ms, p50 growing sub-linearly with the corpus.
// Run: npx tsx bench/screening/speed.ts [--aliases 1000000] [--queries 2000] [--fuse-max 100000] [--pg-trgm-max 100000] [--slowest 0]
import v8 from 'node:v8';
import vm from 'node:vm';
import Fuse from 'fuse.js';
import { ScreeningIndex } from '../../src/modules/screening/engine/screening-index.ts';
import type { EntitySchema, ListEntity } from '../../src/modules/screening/types.ts';
import { corpus, loadOfac, prng, unlistedName } from './corpus.ts';

function argument(name: string, fallback: number): number {
  const at = process.argv.indexOf(`--${name}`);
  return at >= 0 ? Number(process.argv[at + 1]) : fallback;
}
const MAX_ALIASES = argument('aliases', 1_000_000);
const QUERY_COUNT = argument('queries', 2000);
// fuse.js scans every name for every query: beyond this corpus size it runs on a query subset.
const FUSE_MAX = argument('fuse-max', 100_000);
const FUSE_SUBSET = 200;
// pg_trgm runs on embedded PostgreSQL up to this corpus size, on this many queries beyond 10,000 names.
const PG_TRGM_MAX = argument('pg-trgm-max', 100_000);
const PG_TRGM_SUBSET = 500;
// Print this many of the slowest queries at the largest size (to see what the tail is made of).
const SLOWEST = argument('slowest', 0);
const SIZES = [...new Set([10_000, 100_000, MAX_ALIASES].filter((size) => size <= MAX_ALIASES))];

v8.setFlagsFromString('--expose-gc');
const gc = vm.runInNewContext('gc') as () => void;
const memory = () => {
  gc();
  gc();
  const usage = process.memoryUsage();
  // `external` already includes the typed arrays' buffers (`arrayBuffers`).
  return usage.heapUsed + usage.external;
};

// ---- Queries: taken from the first 10,000 names, so they exist in every corpus size. ----
type QueryKind = 'exact' | 'transliterated' | 'reordered' | 'typo' | 'unlisted';
interface BenchQuery {
  kind: QueryKind;
  name: string;
  schema: EntitySchema;
  expected?: string;
}

// German-style and other romanizations the corpus does not contain (Володимир → Wolodymyr).
const GERMAN: Record<string, string> = {
  а: 'a', б: 'b', в: 'w', г: 'h', ґ: 'g', д: 'd', е: 'e', є: 'je', ж: 'sch', з: 's', и: 'i', і: 'i', ї: 'ji', й: 'j', к: 'k', л: 'l',
  м: 'm', н: 'n', о: 'o', п: 'p', р: 'r', с: 's', т: 't', у: 'u', ф: 'f', х: 'ch', ц: 'z', ч: 'tsch', ш: 'sch', щ: 'schtsch', ь: '',
  ю: 'ju', я: 'ja', ы: 'y', э: 'e', ё: 'jo', ъ: '',
};
function otherRomanization(name: string): string {
  if (/[\u0400-\u04ff]/.test(name)) {
    // Ukrainian и is y in German spelling too (Wolodymyr), Russian и is i (Wladimir).
    const table: Record<string, string> = /[ієїґ]/i.test(name) ? { ...GERMAN, и: 'y', г: 'h' } : { ...GERMAN, г: 'g' };
    const chars = [...name];
    return chars.map((ch, i) => {
      const lower = ch.toLowerCase();
      const latin = table[lower];
      if (latin === undefined) return ch;
      if (ch === lower) return latin;
      // Inside an upper-case word the whole digraph is upper case (ЖУК → SCHUK, Жук → Schuk).
      const next = chars[i + 1] ?? '';
      return next && next !== next.toLowerCase() ? latin.toUpperCase() : latin.charAt(0).toUpperCase() + latin.slice(1);
    }).join('');
  }
  // Latin: respell the way German-style systems do (v → w, kh → ch, y before a vowel → j, -iy/-yi → -ij).
  return name.replace(/kh/g, 'ch').replace(/KH/g, 'CH').replace(/Kh/g, 'Ch').replace(/v/g, 'w').replace(/V/g, 'W').replace(/iy\b|yi\b/g, 'ij').replace(/y(?=[aeiou])/g, 'j').replace(/Y(?=[aeiou])/g, 'J');
}

function typo(name: string, random: () => number): string {
  const words = name.split(' ');
  const candidates = words.map((word, i) => [word, i] as const).filter(([word]) => word.length >= 5);
  if (candidates.length === 0) return name;
  const [word, i] = candidates[Math.floor(random() * candidates.length)];
  const at = 1 + Math.floor(random() * (word.length - 2));
  const letters = 'aeiourstnlkm';
  const edit = Math.floor(random() * 4);
  const changed =
    edit === 0 ? word.slice(0, at) + word.slice(at + 1)
    : edit === 1 ? word.slice(0, at) + letters[Math.floor(random() * letters.length)] + word.slice(at)
    : edit === 2 ? word.slice(0, at) + letters[Math.floor(random() * letters.length)] + word.slice(at + 1)
    : word.slice(0, at) + word[at + 1] + word[at] + word.slice(at + 2);
  words[i] = changed;
  return words.join(' ');
}

function buildQueries(sample: ListEntity[]): BenchQuery[] {
  const random = prng(7);
  const kinds: QueryKind[] = ['exact', 'transliterated', 'reordered', 'typo', 'unlisted'];
  const queries: BenchQuery[] = [];
  for (let i = 0; queries.length < QUERY_COUNT; i++) {
    const kind = kinds[i % kinds.length];
    if (kind === 'unlisted') {
      queries.push({ kind, name: unlistedName(random), schema: random() < 0.7 ? 'Person' : 'Company' });
      continue;
    }
    const entity = sample[Math.floor(random() * sample.length)];
    const name = entity.names[Math.floor(random() * entity.names.length)].value;
    let text = name;
    if (kind === 'transliterated') text = otherRomanization(name);
    if (kind === 'reordered') {
      const words = name.replace(',', '').split(' ');
      text = words.length > 1 ? [words[words.length - 1], ...words.slice(0, -1)].join(' ') : name;
    }
    if (kind === 'typo') text = typo(name, random);
    queries.push({ kind, name: text, schema: entity.schema, expected: entity.id });
  }
  return queries;
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
const ms = (value: number) => value.toFixed(value < 10 ? 3 : 1);

interface Run {
  aliases: number;
  entities: number;
  vocabulary: number;
  buildMs: number;
  memoryMb: number;
  p50: number;
  p95: number;
  p99: number;
  recall: Record<QueryKind, [number, number]>;
  kinds: string[];
  slowest: Array<[number, BenchQuery]>;
}

function timeQueries(search: (query: BenchQuery) => string[], queries: BenchQuery[], warmUp = queries.length) {
  const times: number[] = [];
  const byKind = new Map<QueryKind, number[]>();
  const slowest: Array<[number, BenchQuery]> = [];
  const recall = Object.fromEntries(['exact', 'transliterated', 'reordered', 'typo', 'unlisted'].map((k) => [k, [0, 0]])) as Record<QueryKind, [number, number]>;
  // Warm-up (the JIT compiles the paths each kind of query takes) on the same queries.
  for (const query of queries.slice(0, warmUp)) search(query);
  for (const query of queries) {
    const started = performance.now();
    const found = search(query);
    const elapsed = performance.now() - started;
    times.push(elapsed);
    const list = byKind.get(query.kind) ?? [];
    list.push(elapsed);
    byKind.set(query.kind, list);
    slowest.push([elapsed, query]);
    const counts = recall[query.kind];
    counts[1] += 1;
    // For unlisted names "recall" counts answers with no match at all (no false alarm).
    if (query.expected ? found.includes(query.expected) : found.length === 0) counts[0] += 1;
  }
  times.sort((a, b) => a - b);
  const kinds = [...byKind].map(([kind, list]) => {
    list.sort((a, b) => a - b);
    return `${kind} ${ms(percentile(list, 50))} / ${ms(percentile(list, 95))}`;
  });
  slowest.sort((a, b) => b[0] - a[0]);
  return { p50: percentile(times, 50), p95: percentile(times, 95), p99: percentile(times, 99), recall, kinds, slowest: slowest.slice(0, SLOWEST) };
}

const ofac = loadOfac();
const sampleEntities: ListEntity[] = [];
{
  let count = 0;
  for (const entity of corpus(10_000, ofac)) {
    count += entity.names.length;
    if (count <= 10_000) sampleEntities.push(entity);
  }
}
const queries = buildQueries(sampleEntities);
console.log(`# Screening index speed (Node ${process.version}, one core; ${queries.length} queries: exact, transliterated, reordered, typo'd, unlisted in equal parts)\n`);
console.log(`OFAC SDN: ${ofac.length} entities, ${ofac.reduce((n, e) => n + e.names.length, 0)} names; the rest is generated (seeded).\n`);

// Phase 1: the engine alone at every size (nothing else alive, so the memory figure is the index's).
const runs: Run[] = [];
for (const size of SIZES) {
  // Memory: everything the index keeps (its own arrays and the name strings it copies from the
  // input), measured after the input entities are dropped. Build time excludes generating them.
  const before = memory();
  let entities: ListEntity[] | undefined = [...corpus(size, ofac)];
  const started = performance.now();
  const index = ScreeningIndex.build(entities);
  const buildMs = performance.now() - started;
  entities = undefined;
  const memoryMb = (memory() - before) / 1024 / 1024;
  const timing = timeQueries((query) => index.match({ name: query.name, schema: query.schema }).map((m) => m.entityId), queries);
  runs.push({ aliases: index.aliasCount, entities: index.size, vocabulary: index.vocabularySize, buildMs, memoryMb, ...timing });
  console.error(`built ${index.aliasCount} names in ${(buildMs / 1000).toFixed(1)} s, ${memoryMb.toFixed(0)} MB; p50 ${ms(timing.p50)} ms`);
}

// Phase 2: fuse.js over the same names (it has no transliteration: Cyrillic names are searched as
// written), next to the engine on the same queries.
const fuseRows: string[] = [];
for (const size of SIZES) {
  if (size > FUSE_MAX) {
    fuseRows.push(`| ${size.toLocaleString('en')} | – | – | not run: fuse.js scans every name per query (about 0.5 s a query at 100,000 names, growing linearly) | – | – | – | – |`);
    continue;
  }
  const index = ScreeningIndex.build(corpus(size, ofac));
  const names: Array<{ name: string; id: string }> = [];
  for (const entity of corpus(size, ofac)) for (const name of entity.names) names.push({ name: name.value, id: entity.id });
  const fuseStarted = performance.now();
  const fuse = new Fuse(names, { keys: ['name'], includeScore: true, ignoreLocation: true, threshold: 0.3 });
  const fuseBuild = performance.now() - fuseStarted;
  // The first queries cycle through the five kinds, so a prefix keeps the mix.
  const subset = size > 10_000 ? queries.slice(0, FUSE_SUBSET) : queries;
  const fuseTiming = timeQueries((query) => [...new Set(fuse.search(query.name, { limit: 10 }).map((r) => r.item.id))], subset, size > 10_000 ? 10 : 200);
  const ours = timeQueries((query) => index.match({ name: query.name, schema: query.schema }).map((m) => m.entityId), subset);
  fuseRows.push(
    `| ${names.length.toLocaleString('en')} | ${subset.length} | ${ms(ours.p50)} / ${ms(ours.p95)} | ${ms(fuseTiming.p50)} / ${ms(fuseTiming.p95)} | ${(fuseTiming.p50 / ours.p50).toFixed(0)}× | ${recallCell(ours.recall)} | ${recallCell(fuseTiming.recall)} | ${(fuseBuild / 1000).toFixed(1)} s |`,
  );
}

function recallCell(recall: Record<QueryKind, [number, number]>): string {
  const kinds: QueryKind[] = ['exact', 'transliterated', 'reordered', 'typo'];
  const found = kinds.reduce((n, k) => n + recall[k][0], 0);
  const total = kinds.reduce((n, k) => n + recall[k][1], 0);
  const label: Record<QueryKind, string> = { exact: 'exact', transliterated: 'translit.', reordered: 'reordered', typo: 'typo', unlisted: 'unlisted' };
  const parts = kinds.map((k) => `${label[k]} ${((recall[k][0] / Math.max(1, recall[k][1])) * 100).toFixed(0)}`).join(', ');
  return `${((found / Math.max(1, total)) * 100).toFixed(1)} % (${parts}; clean on unlisted ${((recall.unlisted[0] / Math.max(1, recall.unlisted[1])) * 100).toFixed(0)} %)`;
}

console.log('## Engine\n');
console.log('| names | entities | words | build | memory | p50 | p95 | p99 | recall@10, threshold 0.70 |');
console.log('|---|---|---|---|---|---|---|---|---|');
for (const run of runs) {
  console.log(`| ${run.aliases.toLocaleString('en')} | ${run.entities.toLocaleString('en')} | ${run.vocabulary.toLocaleString('en')} | ${(run.buildMs / 1000).toFixed(1)} s | ${run.memoryMb.toFixed(0)} MB | ${ms(run.p50)} ms | ${ms(run.p95)} ms | ${ms(run.p99)} ms | ${recallCell(run.recall)} |`);
}
console.log(`\nLatency by query kind at ${runs[runs.length - 1].aliases.toLocaleString('en')} names (p50 / p95 ms): ${runs[runs.length - 1].kinds.join('; ')}.`);
for (const [elapsed, query] of runs[runs.length - 1].slowest) console.log(`  slow: ${ms(elapsed)} ms  ${query.kind}  ${query.name}`);
if (runs.length > 1) {
  const first = runs[0];
  const last = runs[runs.length - 1];
  console.log(`\np50 growth: ${(last.aliases / first.aliases).toFixed(0)}× the names → ${(last.p50 / first.p50).toFixed(1)}× the p50 (sub-linear when well below ${(last.aliases / first.aliases).toFixed(0)}×).`);
}
const last = runs[runs.length - 1];
if (last.aliases >= 1_000_000) {
  const verdict = (ok: boolean) => (ok ? 'met' : 'NOT met');
  console.log(`Goals at ${last.aliases.toLocaleString('en')} names: build ≤ 30 s ${verdict(last.buildMs <= 30_000)}, memory ≤ 400 MB ${verdict(last.memoryMb <= 400)}, p50 ≤ 1 ms ${verdict(last.p50 <= 1)}, p95 ≤ 5 ms ${verdict(last.p95 <= 5)}, p99 ≤ 15 ms ${verdict(last.p99 <= 15)}.`);
}

console.log('\n## Against fuse.js 7.5.0 (threshold 0.3, ignoreLocation; same names, same queries)\n');
console.log('| names | queries | engine p50 / p95 ms | fuse.js p50 / p95 ms | fuse.js / engine (p50) | engine recall | fuse.js recall | fuse.js build |');
console.log('|---|---|---|---|---|---|---|---|');
for (const row of fuseRows) console.log(row);
console.log('\n(fuse.js indexes every name as given; the engine keeps a name repeated within one entity once. Recall: the expected entity among the first 10 results.)');
console.log('\n## Against PostgreSQL pg_trgm\n');
console.log('| names | queries | engine p50 / p95 ms | pg_trgm p50 / p95 ms | pg_trgm / engine (p50) | engine recall | pg_trgm recall | load + index |');
console.log('|---|---|---|---|---|---|---|---|');
for (const row of await pgTrgmRows()) console.log(row);
console.log('\n(PGlite 0.4 in this process, GIN gin_trgm_ops index, `name % $1` at similarity ≥ 0.3 ordered by similarity, first 10; Cyrillic names searched as written, lower-cased.)');

/**
 * Phase 3: the PostgreSQL answer a developer would reach for: the same names in a table with a GIN
 * trigram index, each query `where name % $1 order by similarity desc limit 10`. Run on embedded
 * PostgreSQL (PGlite) in this process, so no network time is counted.
 */
async function pgTrgmRows(): Promise<string[]> {
  const { PGlite } = await import('@electric-sql/pglite');
  const { pg_trgm } = await import('@electric-sql/pglite/contrib/pg_trgm');
  const rows: string[] = [];
  for (const size of SIZES.filter((s) => s <= PG_TRGM_MAX)) {
    const db = await PGlite.create({ extensions: { pg_trgm } });
    try {
      await db.exec('create extension pg_trgm; create table names (entity_id text not null, name text not null);');
      const loadStarted = performance.now();
      const names: Array<[string, string]> = [];
      for (const entity of corpus(size, ofac)) for (const name of entity.names) names.push([entity.id, name.value.toLowerCase()]);
      for (let i = 0; i < names.length; i += 5000) {
        const chunk = names.slice(i, i + 5000);
        await db.query('insert into names select * from unnest($1::text[], $2::text[])', [chunk.map((n) => n[0]), chunk.map((n) => n[1])]);
      }
      await db.exec("create index names_trgm on names using gin (name gin_trgm_ops); analyze names; set pg_trgm.similarity_threshold = 0.3;");
      const loadSeconds = (performance.now() - loadStarted) / 1000;
      const subset = size > 10_000 ? queries.slice(0, PG_TRGM_SUBSET) : queries;
      const search = async (query: BenchQuery) => {
        const result = await db.query<{ entity_id: string }>('select entity_id from names where name % $1 order by similarity(name, $1) desc limit 10', [query.name.toLowerCase()]);
        return [...new Set(result.rows.map((r) => r.entity_id))];
      };
      for (const query of subset.slice(0, 20)) await search(query);
      const found = new Map<BenchQuery, string[]>();
      const times: number[] = [];
      for (const query of subset) {
        const started = performance.now();
        found.set(query, await search(query));
        times.push(performance.now() - started);
      }
      // Recall and percentiles computed the way timeQueries does, from the answers already fetched.
      const trgm = timeQueries((query) => found.get(query) ?? [], subset, 0);
      times.sort((a, b) => a - b);
      const index = ScreeningIndex.build(corpus(size, ofac));
      const ours = timeQueries((query) => index.match({ name: query.name, schema: query.schema }).map((m) => m.entityId), subset);
      const p50 = percentile(times, 50);
      rows.push(
        `| ${names.length.toLocaleString('en')} | ${subset.length} | ${ms(ours.p50)} / ${ms(ours.p95)} | ${ms(p50)} / ${ms(percentile(times, 95))} | ${(p50 / ours.p50).toFixed(0)}× | ${recallCell(ours.recall)} | ${recallCell(trgm.recall)} | ${loadSeconds.toFixed(1)} s |`,
      );
    } finally {
      await db.close();
    }
  }
  for (const size of SIZES.filter((s) => s > PG_TRGM_MAX)) rows.push(`| ${size.toLocaleString('en')} | – | – | not run (raise --pg-trgm-max; loading and indexing a million names in PGlite takes minutes) | – | – | – | – |`);
  return rows;
}
