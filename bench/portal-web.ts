// The public portal's first page in a real browser (issue #10): the platform serves the built web app
// (run `npm run build` first; this script builds nothing) with three published posts, and headless
// Chromium loads the home page with an empty cache, in Ukrainian (the default language, whose messages
// are the larger) and in English. Printed:
//   1. every JS and CSS file the first page loads, its size and its gzipped size (zlib level 6, what a
//      compressing proxy sends), and their total: goal ≤ 250 KB gzipped;
//   2. first paint and first contentful paint (performance.getEntriesByType('paint')), median of 5 loads.
// Run: npm run build && npx tsx bench/portal-web.ts [loads]
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { type Response, chromium } from 'playwright-core';
import { loadConfig } from '../src/config.ts';
import { WEB_DIST, startPlatform } from '../src/main.ts';
import { SYSTEM_ACTOR } from '../src/modules/audit/service.ts';
import { createPost, transitionPost } from '../src/modules/portal/service.ts';

const LOADS = Number(process.argv[2] ?? 5);
const BUDGET_KB = 250;
const PORT = 4320;
const BASE = `http://127.0.0.1:${PORT}`;

if (!fs.existsSync(path.join(WEB_DIST, 'index.html'))) {
  console.error('web/dist is missing: run `npm run build` first');
  process.exit(1);
}

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'adi-bench-portal-web-'));
const config = loadConfig({ ADI_DATA_DIR: dataDir, PORT: String(PORT), LOG_LEVEL: 'warn', ADI_RATE_LIMIT_PER_MINUTE: '1000000', ADI_CHECKPOINT_INTERVAL_SECONDS: '0' });
const platform = await startPlatform(config);
const db = platform.database.db;
for (const [slug, titleUk, titleEn] of [
  ['founding-forum-kyiv', 'Установчий форум у Києві', 'The founding forum in Kyiv'],
  ['fund-first-call', 'Перший конкурс фонду', 'The fund’s first call'],
  ['register-open-data', 'Реєстри стали відкритими даними', 'The registers are open data'],
]) {
  const post = await createPost(db, SYSTEM_ACTOR, { slug, titleUk, titleEn, summaryUk: '', summaryEn: '', bodyUk: `**${titleUk}.** 252 компанії з 30 країн.`, bodyEn: `**${titleEn}.** 252 companies from 30 countries.`, tags: ['forum'] });
  await transitionPost(db, SYSTEM_ACTOR, post.id, { version: post.version, action: 'publish' });
}

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});

interface Asset {
  file: string;
  bytes: number;
  gzipped: number;
}

interface Load {
  assets: Asset[];
  firstPaint: number;
  firstContentfulPaint: number;
}

/** One cold load of the home page in a language: the JS and CSS it fetched, and its paint times. */
async function loadHome(language: 'uk' | 'en'): Promise<Load> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  await context.addInitScript({ content: `window.localStorage.setItem('adi.lang', '${language}')` });
  const page = await context.newPage();
  const responses: Response[] = [];
  page.on('response', (response) => {
    if (/\.(js|css)$/.test(new URL(response.url()).pathname)) responses.push(response);
  });
  await page.goto(`${BASE}/`, { waitUntil: 'networkidle' });
  // The home page is complete when its news has arrived.
  await page.getByTestId('news-link').first().waitFor();
  const paints = JSON.parse(await page.evaluate<string>(`JSON.stringify(performance.getEntriesByType('paint').map((e) => [e.name, e.startTime]))`)) as [string, number][];
  const assets = await Promise.all(
    responses.map(async (response) => {
      const body = await response.body();
      return { file: new URL(response.url()).pathname, bytes: body.length, gzipped: zlib.gzipSync(body).length };
    }),
  );
  await context.close();
  const paint = (name: string) => paints.find(([n]) => n === name)?.[1] ?? Number.NaN;
  return { assets: assets.sort((a, b) => b.gzipped - a.gzipped), firstPaint: paint('first-paint'), firstContentfulPaint: paint('first-contentful-paint') };
}

const median = (values: number[]) => {
  const known = values.filter((value) => Number.isFinite(value)).sort((a, b) => a - b);
  return known.length ? known[Math.floor(known.length / 2)]! : Number.NaN;
};
const kb = (bytes: number) => (bytes / 1024).toFixed(1);

console.log(`${os.cpus().length} cores, load average ${os.loadavg()[0]!.toFixed(1)} (the paint times depend on it)`);
await loadHome('uk'); // warm-up: the server's first answers, Chromium's start
let over = false;
for (const language of ['uk', 'en'] as const) {
  const loads: Load[] = [];
  for (let i = 0; i < LOADS; i++) loads.push(await loadHome(language));
  const { assets } = loads[0]!;
  const total = assets.reduce((sum, asset) => sum + asset.gzipped, 0);
  const raw = assets.reduce((sum, asset) => sum + asset.bytes, 0);
  over ||= total / 1024 > BUDGET_KB;
  console.log(`\nhome page in ${language === 'uk' ? 'Ukrainian' : 'English'}: ${assets.length} JS/CSS files`);
  for (const asset of assets) console.log(`  ${asset.file.padEnd(44)} ${kb(asset.bytes).padStart(7)} KB  ${kb(asset.gzipped).padStart(6)} KB gzipped`);
  console.log(`  ${'total'.padEnd(44)} ${kb(raw).padStart(7)} KB  ${kb(total).padStart(6)} KB gzipped — goal ≤ ${BUDGET_KB} KB: ${total / 1024 <= BUDGET_KB ? 'meets it' : 'MISSES it'}`);
  console.log(
    `  first paint ${median(loads.map((l) => l.firstPaint)).toFixed(0)} ms, first contentful paint ${median(loads.map((l) => l.firstContentfulPaint)).toFixed(0)} ms (median of ${LOADS} cold loads, loopback)`,
  );
}

await browser.close();
await platform.stop();
fs.rmSync(dataDir, { recursive: true, force: true });
process.exit(over ? 1 : 0);
