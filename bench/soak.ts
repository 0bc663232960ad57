// Issue #11, sustained load: a soak of `adi serve` (a child process, as operators run it) on a fresh database
// at a steady mixed load with a fixed request rate. Every 10 s it records the server's memory (RSS and V8 heap,
// from its /metrics), the p50/p99 latency, requests and errors of those 10 s, the job queue, the server's CPU
// and the machine's load; at the end it fits a line to RSS, heap and p99 over the second half of the run and
// says whether anything grows.
//
//   npx tsx bench/soak.ts [seconds = 600] [requests per second = 20]
//   DATABASE_URL=postgres://user:pass@host/db npx tsx bench/soak.ts   # on a fresh database made on that server
//   npx tsx bench/soak.ts --render bench/results/soak-pglite.json       # redraw the chart of a saved run
//
// Writes bench/results/soak-<engine>.json (and .svg) and the chart: docs/soak.png (PGlite) or
// docs/soak-postgres.png. Not part of `npm run bench` (it takes ten minutes); docs/reliability.md has the figures.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import { chromium } from 'playwright-core';
import { databaseTargetFor, openDatabase } from '../src/db/database.ts';
import { migrateToLatest } from '../src/db/migrate.ts';
import { SYSTEM_ACTOR } from '../src/modules/audit/service.ts';
import { createUser } from '../src/modules/identity/service.ts';
import { createOrganization } from '../src/modules/registry/service.ts';
import { createApiToken, serveAdi, signInOverHttp } from '../test/support/serve.ts';
import { prng, unlistedName } from './screening/corpus.ts';

const SAMPLE_MS = 10_000;
/** Requests allowed in flight before the generator skips a slot (counted: the server fell behind). */
const MAX_IN_FLIGHT = 200;
const COMPANIES = 3;
const SUPPLIERS = 30;
const PASSWORD = 'a very good soak-test password';
const OFAC_DIR = path.resolve(import.meta.dirname, '..', '..', 'shared', 'data', 'sanctions', 'ofac');
const root = path.resolve(import.meta.dirname, '..');

/** What the sampler records every 10 s. */
interface Sample {
  t: number; // seconds since the load started
  rssMb: number;
  heapUsedMb: number;
  heapTotalMb: number;
  externalMb: number; // ArrayBuffers outside the V8 heap: PGlite's WebAssembly memory is most of it
  vmRssMb: number | null; // /proc/<pid>/status, to check the server's own figure
  requests: number;
  errors: number; // 5xx answers and failed connections
  unexpected: number; // other answers than the request expects (a 4xx)
  skipped: number; // slots not sent because MAX_IN_FLIGHT requests were waiting
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  jobsQueued: number;
  oldestQueuedSeconds: number;
  serverCpuPercent: number; // of one core, over the window
  eventLoopMaxMs: number; // the longest the server's event loop was blocked in the window (PGlite runs SQL on it)
  loadAverage: number; // the machine's 1-minute load average (other work on the shared VM shows here)
  kinds: Record<string, [number, number, number]>; // per kind of request: count, p50 ms, p99 ms in the window
}

/** A run, as bench/results/soak-<engine>.json keeps it. */
interface SoakResult {
  engine: 'pglite' | 'postgres';
  date: string;
  command: string;
  seconds: number;
  ratePerSecond: number;
  setupSeconds: number;
  machine: string;
  serverExitCode: number | null;
  totals: { requests: number; errors: number; unexpected: number; skipped: number; p50Ms: number; p99Ms: number };
  trend: Trend;
  perKind: Record<string, { requests: number; errors: number; unexpected: number; p50Ms: number; p99Ms: number; p50SlopeMsPerMin: number }>;
  problems: string[];
  samples: Sample[];
}

interface Trend {
  rssSlopeMbPerMin: number;
  heapSlopeMbPerMin: number;
  /** The heap just after each major collection (a drop of more than 25 MB between samples): a leak raises it. */
  heapAfterCollections: Array<[number, number]>;
  heapAfterCollectionsSlopeMbPerMin: number | null;
  p99SlopeMsPerMin: number;
  p99MedianSecondHalfMs: number;
  verdict: 'no growth trend' | 'growth trend';
  method: string;
}

const round = (value: number, digits = 1) => Number(value.toFixed(digits));
const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length === 0 ? 0 : sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};
const quantile = (sorted: number[], q: number) => (sorted.length === 0 ? 0 : sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)]);
const minutes = (s: Sample) => s.t / 60;

/**
 * The Theil–Sen slope (the median of the slopes between every two points): one 10 s window in which other
 * work had the shared machine moves it far less than it moves a least-squares line.
 */
function slope(points: Array<[number, number]>): number {
  const slopes: number[] = [];
  for (let i = 0; i < points.length; i++) for (let j = i + 1; j < points.length; j++) if (points[j][0] !== points[i][0]) slopes.push((points[j][1] - points[i][1]) / (points[j][0] - points[i][0]));
  return slopes.length === 0 ? 0 : median(slopes);
}

/** The intercept that goes with a Theil–Sen slope: the median of y − slope·x. */
function intercept(points: Array<[number, number]>, m: number): number {
  return median(points.map(([x, y]) => y - m * x));
}

/** The samples after half the run, where the trend is measured (the first half includes the warm-up). */
function secondHalfOf(samples: Sample[], seconds: number): Sample[] {
  return samples.filter((s) => s.t > seconds / 2);
}

/**
 * The trend per minute over the second half. Flat: RSS and heap grow by less than 1 MB a minute, and the
 * fitted p99 moves by less than a quarter of its median (or 2 ms) over that half.
 */
function trendOf(samples: Sample[], seconds: number): Trend {
  const half = secondHalfOf(samples, seconds);
  const rss = slope(half.map((s) => [minutes(s), s.rssMb]));
  const heap = slope(half.map((s) => [minutes(s), s.heapUsedMb]));
  const p99 = slope(half.map((s) => [minutes(s), s.p99Ms]));
  const p99Median = median(half.map((s) => s.p99Ms));
  const flat = rss < 1 && heap < 1 && Math.abs(p99 * (seconds / 2 / 60)) < Math.max(2, 0.25 * p99Median);
  // V8 lets the heap grow to a few hundred MB before a major collection, so over a few minutes the heap (and
  // RSS) can rise with no leak at all; what a collection leaves is the figure a leak would raise.
  const afterCollections = samples.filter((s, i) => i > 0 && samples[i - 1].heapUsedMb - s.heapUsedMb > 25).map((s) => [s.t, s.heapUsedMb] as [number, number]);
  return {
    rssSlopeMbPerMin: round(rss, 2),
    heapSlopeMbPerMin: round(heap, 2),
    heapAfterCollections: afterCollections,
    heapAfterCollectionsSlopeMbPerMin: afterCollections.length >= 3 ? round(slope(afterCollections.map(([t, mb]) => [t / 60, mb])), 2) : null,
    p99SlopeMsPerMin: round(p99, 2),
    p99MedianSecondHalfMs: round(p99Median),
    verdict: flat ? 'no growth trend' : 'growth trend',
    method: 'Theil–Sen slopes over the samples after half the run (the heap after collections: over the whole run)',
  };
}

// ---------------------------------------------------------------------------------------------------------
// The chart: an SVG drawn here and rasterized by Chromium (playwright-core, already a dev dependency).

/** Three panels over time: server memory, latency (log scale), and the server's CPU with the machine's load. */
function chartSvg(result: SoakResult): string {
  const { samples, trend } = result;
  const half = secondHalfOf(samples, result.seconds);
  const width = 1000;
  const margin = { left: 70, right: 180, top: 64, gap: 62, bottom: 40 };
  const heights = [240, 240, 130];
  const plotWidth = width - margin.left - margin.right;
  const height = margin.top + heights.reduce((a, b) => a + b, 0) + margin.gap * heights.length + margin.bottom - margin.gap + 20;
  const maxT = Math.max(result.seconds, ...samples.map((s) => s.t)) / 60;
  const x = (t: number) => margin.left + (t / 60 / maxT) * plotWidth;
  const parts: string[] = [];
  const text = (px: number, py: number, content: string, attrs = '') => parts.push(`<text x="${px.toFixed(1)}" y="${py.toFixed(1)}" ${attrs}>${content}</text>`);
  const loads = samples.map((s) => s.loadAverage);
  const engineName = result.engine === 'pglite' ? 'PGlite' : 'PostgreSQL';
  text(margin.left, 22, `adi serve soak on ${engineName}: ${result.ratePerSecond} req/s mixed load for ${round(result.seconds / 60)} min (${result.date.slice(0, 10)}) — ${trend.verdict}`, 'font-size="15" font-weight="bold"');
  text(
    margin.left,
    40,
    `second half, Theil–Sen slopes: RSS ${trend.rssSlopeMbPerMin} MB/min, heap ${trend.heapSlopeMbPerMin} MB/min, p99 ${trend.p99SlopeMsPerMin} ms/min; heap after major GCs ${trend.heapAfterCollections.map(([, mb]) => Math.round(mb)).join(', ') || '–'} MB; ${result.totals.requests} requests, ${result.totals.errors} errors`,
    'font-size="12" fill="#444"',
  );
  type Series = { label: string; color: string; values: number[]; fit?: boolean; width?: number };
  const panel = (top: number, panelHeight: number, title: string, series: Series[], scale: 'linear' | 'log') => {
    const all = series.flatMap((s) => s.values).filter((v) => Number.isFinite(v));
    let y: (v: number) => number;
    let ticks: number[];
    if (scale === 'log') {
      const lo = 10 ** Math.floor(Math.log10(Math.max(0.1, Math.min(...all.filter((v) => v > 0)))));
      const hi = 10 ** Math.ceil(Math.log10(Math.max(...all, lo * 10)));
      y = (v) => top + panelHeight - ((Math.log10(Math.max(v, lo)) - Math.log10(lo)) / (Math.log10(hi) - Math.log10(lo))) * panelHeight;
      ticks = [];
      for (let v = lo; v <= hi; v *= 10) ticks.push(v);
    } else {
      const step = 10 ** Math.floor(Math.log10(Math.max(Math.max(...all), 1)));
      const hi = Math.ceil((Math.max(...all) * 1.1) / step) * step;
      y = (v) => top + panelHeight - (v / hi) * panelHeight;
      ticks = Array.from({ length: 6 }, (_, i) => (hi / 5) * i);
    }
    parts.push(`<rect x="${margin.left}" y="${top}" width="${plotWidth}" height="${panelHeight}" fill="#fafafa" stroke="#999"/>`);
    for (const v of ticks) {
      parts.push(`<line x1="${margin.left}" x2="${margin.left + plotWidth}" y1="${y(v).toFixed(1)}" y2="${y(v).toFixed(1)}" stroke="#ddd"/>`);
      text(margin.left - 8, y(v) + 4, String(round(v, v < 10 && v % 1 ? 1 : 0)), 'font-size="12" text-anchor="end"');
    }
    for (let m = 0; m <= Math.floor(maxT); m += maxT > 20 ? 5 : 1) {
      const px = margin.left + (m / maxT) * plotWidth;
      parts.push(`<line x1="${px}" x2="${px}" y1="${top}" y2="${top + panelHeight}" stroke="#eee"/>`);
      text(px, top + panelHeight + 16, String(m), 'font-size="12" text-anchor="middle"');
    }
    text(margin.left + plotWidth / 2, top + panelHeight + 32, 'minutes', 'font-size="12" text-anchor="middle"');
    text(margin.left, top - 8, title, 'font-size="13" font-weight="bold"');
    parts.push(`<line x1="${x(result.seconds / 2)}" x2="${x(result.seconds / 2)}" y1="${top}" y2="${top + panelHeight}" stroke="#bbb" stroke-dasharray="4 4"/>`);
    series.forEach((s, i) => {
      const points = samples.map((sample, j) => `${x(sample.t).toFixed(1)},${y(s.values[j]).toFixed(1)}`).join(' ');
      parts.push(`<polyline points="${points}" fill="none" stroke="${s.color}" stroke-width="${s.width ?? 2}"/>`);
      if (s.fit && half.length > 1) {
        const pointsOfHalf = half.map((sample) => [minutes(sample), s.values[samples.indexOf(sample)]] as [number, number]);
        const m = slope(pointsOfHalf);
        const b = intercept(pointsOfHalf, m);
        const [x0, x1] = [pointsOfHalf[0][0], pointsOfHalf[pointsOfHalf.length - 1][0]];
        parts.push(`<line x1="${x(x0 * 60)}" x2="${x(x1 * 60)}" y1="${y(b + m * x0).toFixed(1)}" y2="${y(b + m * x1).toFixed(1)}" stroke="#000" stroke-width="1.5" stroke-dasharray="6 3" opacity="0.7"/>`);
      }
      const ly = top + 18 + i * 20;
      parts.push(`<line x1="${margin.left + plotWidth + 14}" x2="${margin.left + plotWidth + 38}" y1="${ly - 4}" y2="${ly - 4}" stroke="${s.color}" stroke-width="3"/>`);
      text(margin.left + plotWidth + 44, ly, s.label, 'font-size="12"');
    });
    if (series.some((s) => s.fit)) text(margin.left + plotWidth + 14, top + panelHeight - 6, 'dashed: fit, 2nd half', 'font-size="11" fill="#666"');
  };
  let top = margin.top + 10;
  panel(top, heights[0], 'Server memory (MB)', [
    { label: 'RSS', color: '#1f77b4', values: samples.map((s) => s.rssMb), fit: true },
    { label: 'V8 heap used', color: '#2ca02c', values: samples.map((s) => s.heapUsedMb), fit: true },
    { label: 'external (PGlite)', color: '#9467bd', values: samples.map((s) => s.externalMb), width: 1.5 },
  ], 'linear');
  top += heights[0] + margin.gap;
  panel(top, heights[1], 'Latency of each 10 s (ms, log scale)', [
    { label: 'p99', color: '#d62728', values: samples.map((s) => s.p99Ms), fit: true },
    { label: 'p50', color: '#ff7f0e', values: samples.map((s) => s.p50Ms) },
  ], 'log');
  top += heights[1] + margin.gap;
  panel(top, heights[2], 'Server CPU (cores) and the shared machine’s load average (2 cores)', [
    { label: 'server CPU', color: '#17becf', values: samples.map((s) => s.serverCpuPercent / 100) },
    { label: 'load average', color: '#7f7f7f', values: samples.map((s) => s.loadAverage), width: 1.5 },
  ], 'linear');
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" font-family="DejaVu Sans, sans-serif"><rect width="100%" height="100%" fill="white"/>${parts.join('')}</svg>`;
}

/** Writes the chart as SVG beside the results and as PNG (rasterized by Debian's Chromium). */
async function writeChart(result: SoakResult, svgFile: string, pngFile: string): Promise<void> {
  const svg = chartSvg(result);
  fs.writeFileSync(svgFile, svg);
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] });
  try {
    const page = await browser.newPage({ viewport: { width: 1000, height: 900 } });
    await page.setContent(`<!doctype html><html><body style="margin:0">${svg}</body></html>`);
    await page.locator('svg').screenshot({ path: pngFile });
  } finally {
    await browser.close();
  }
}

const chartFile = (engine: string) => path.join(root, 'docs', engine === 'pglite' ? 'soak.png' : `soak-${engine}.png`);

if (process.argv[2] === '--render') {
  const file = path.resolve(process.argv[3] ?? path.join(root, 'bench', 'results', 'soak-pglite.json'));
  const result = JSON.parse(fs.readFileSync(file, 'utf8')) as SoakResult;
  result.trend = trendOf(result.samples, result.seconds);
  fs.writeFileSync(file, `${JSON.stringify(result, null, 1)}\n`);
  await writeChart(result, file.replace(/\.json$/, '.svg'), chartFile(result.engine));
  console.log(`${path.relative(root, chartFile(result.engine))} from ${path.relative(root, file)}`);
} else {
  await soak(Number(process.argv[2] ?? 600), Number(process.argv[3] ?? 20));
}

// ---------------------------------------------------------------------------------------------------------

/** Runs the soak for `seconds` at `rate` requests a second, then writes and prints the results. */
async function soak(seconds: number, rate: number): Promise<void> {
  const adminUrl = process.env.DATABASE_URL;
  const engine = adminUrl ? 'postgres' : 'pglite';
  const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'adi-soak-'));
  const dataDir = path.join(workDir, 'data');
  const random = prng(20261128);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)];

  // 1. A fresh database: an embedded one in a new data folder, or a new database on the PostgreSQL server.
  let databaseUrl: string | undefined;
  let dropDatabase = async () => {};
  if (adminUrl) {
    const name = `adi_soak_${process.pid}`;
    const admin = new pg.Client({ connectionString: adminUrl });
    await admin.connect();
    await admin.query(`create database ${name}`);
    await admin.end();
    const url = new URL(adminUrl);
    url.pathname = `/${name}`;
    databaseUrl = url.toString();
    dropDatabase = async () => {
      const dropper = new pg.Client({ connectionString: adminUrl });
      await dropper.connect();
      await dropper.query(`drop database if exists ${name} with (force)`);
      await dropper.end();
    };
  }

  // 2. Users and organizations, written before the server starts (an embedded data folder belongs to one process).
  const email = (who: string) => `${who}.soak@bench.adi.example`;
  const setupStarted = performance.now();
  const database = await openDatabase(databaseTargetFor({ databaseUrl, dataDir }));
  await migrateToLatest(database.db);
  const organization = (name: string, kind: 'manufacturer' | 'investor', country = 'UA') =>
    createOrganization(database.db, SYSTEM_ACTOR, { name, nameUk: name, country, kind, addresses: [], contacts: [], capabilities: ['uav.fpv'], identifiers: [] });
  const companyIds: string[] = [];
  for (let i = 0; i < COMPANIES; i++) companyIds.push((await organization(`Soak Investor ${i + 1} GmbH`, 'investor', 'DE')).id);
  const supplierIds: string[] = [];
  for (let i = 0; i < SUPPLIERS; i++) supplierIds.push((await organization(`Soak Supplier ${String(i + 1).padStart(2, '0')} LLC`, 'manufacturer')).id);
  await createUser(database.db, SYSTEM_ACTOR, { email: email('admin'), displayName: 'Soak Admin', roles: ['admin'], organizationId: null, password: PASSWORD });
  await createUser(database.db, SYSTEM_ACTOR, { email: email('staff'), displayName: 'Soak Staff', roles: ['officer', 'analyst', 'fund_officer'], organizationId: null, password: PASSWORD });
  for (const [i, id] of companyIds.entries()) {
    await createUser(database.db, SYSTEM_ACTOR, { email: email(`company${i + 1}`), displayName: `Soak Company ${i + 1}`, roles: ['company'], organizationId: id, password: PASSWORD });
  }
  await database.close();

  // 3. The server, API tokens, the OFAC list (so screening matches against a real index) and money on the fund's account.
  // One staff token sends most of the load: its per-user budget (1,200 a minute by default) is lifted like the per-address one.
  const server = serveAdi({ ADI_DATA_DIR: dataDir, ADI_RATE_LIMIT_SIGNED_IN_PER_MINUTE: '1000000', ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}) });
  const stopEverything = async () => {
    server.kill();
    await server.exited;
    await dropDatabase().catch(() => {});
    fs.rmSync(workDir, { recursive: true, force: true });
  };
  process.on('SIGINT', () => void stopEverything().then(() => process.exit(130)));
  const base = await server.address;
  const pid = server.child.pid!;
  const token = async (who: string) => createApiToken(base, await signInOverHttp(base, email(who), PASSWORD), 'soak');
  const adminToken = await token('admin');
  const staffToken = await token('staff');
  const companyTokens = await Promise.all(companyIds.map((_, i) => token(`company${i + 1}`)));

  async function call(method: string, url: string, bearer: string | null, body?: unknown, extra: Record<string, string> = {}) {
    const headers: Record<string, string> = { ...extra };
    if (bearer) headers.authorization = `Bearer ${bearer}`;
    if (body !== undefined) headers['content-type'] = 'application/json';
    const response = await fetch(`${base}${url}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    const text = await response.text();
    return { status: response.status, text };
  }
  async function mustSucceed(what: string, answer: Promise<{ status: number; text: string }>) {
    const { status, text } = await answer;
    if (status >= 300) throw new Error(`${what}: ${status} ${text.slice(0, 500)}`);
    return JSON.parse(text) as any;
  }

  const files = ['sdn.csv', 'alt.csv', 'add.csv'].map((name) => ({ name, content: fs.readFileSync(path.join(OFAC_DIR, name), 'latin1') }));
  const list = await mustSucceed('OFAC list import', call('POST', '/api/v1/screening/lists', adminToken, { format: 'ofac-csv', source: 'ofac', files }, { 'idempotency-key': 'soak-list' }));
  const listedNames = (fs.readFileSync(path.join(OFAC_DIR, 'sdn.csv'), 'latin1').match(/^\d+,"([^"]+)"/gm) ?? []).map((line) => line.replace(/^\d+,"|"$/g, ''));
  await mustSucceed(
    'fund seed',
    call('POST', '/api/v1/fund/ledger/entries', staffToken, {
      currency: 'UAH',
      description: 'soak seed',
      referenceType: 'budget',
      postings: [
        { account: '1000.UAH.fund', direction: 'debit', amount: 10_000_000_000 },
        { account: '4200.UAH.budget', direction: 'credit', amount: 10_000_000_000 },
      ],
    }, { 'idempotency-key': 'soak-seed' }),
  );
  // One draft membership application per company, which the load keeps editing (version by version).
  const drafts = await Promise.all(
    companyTokens.map(async (bearer) => {
      const created = await mustSucceed('draft', call('POST', '/api/v1/membership/applications', bearer, { siteOblast: 'UA-63', siteCity: 'Харків', jobs: 10, planSummary: 'Soak plan' }, { 'idempotency-key': `soak-draft-${bearer.slice(-8)}` }));
      return { id: created.id as string, version: created.version as number, bearer, busy: false };
    }),
  );
  const organizations = supplierIds.map((id) => ({ id, version: 1, busy: false }));
  // The first match builds the node's screening index (a one-off start cost, in docs/benchmarks.md), and
  // the list import queued every organization for screening: both are done before the clock starts.
  await mustSucceed('first match', call('POST', '/api/v1/screening/match', staffToken, { queries: { q: { name: listedNames[0] } } }));
  for (let waited = 0; waited < 120; waited++) {
    const metrics = await fetch(`${base}/metrics`).then((r) => r.text());
    if (![...metrics.matchAll(/^adi_jobs\{[^}]*status="queued"[^}]*\} (\d+)$/gm)].some((m) => Number(m[1]) > 0)) break;
    await new Promise((resolve) => setTimeout(resolve, 1000));
  }
  const setupSeconds = (performance.now() - setupStarted) / 1000;
  console.log(`soak: ${engine}, ${rate} req/s for ${seconds} s; set-up ${setupSeconds.toFixed(0)} s (OFAC list: ${list.entityCount} entities); server pid ${pid} at ${base}`);

  // 4. The mix: what one slot of the schedule sends. Weights are per cent of the requests.
  type Outcome = { status: number; text: string };
  type Operation = { kind: string; weight: number; run: () => Promise<Outcome>; ok: (status: number) => boolean };
  let sequence = 0;
  const is2xx = (status: number) => status >= 200 && status < 300;
  const operations: Operation[] = [
    // Public register and open data (anonymous).
    { kind: 'public members', weight: 8, ok: is2xx, run: () => call('GET', pick(['/api/v1/public/members', '/api/v1/public/members?q=drone', '/api/v1/public/members?capability=uav']), null) },
    { kind: 'public open data', weight: 14, ok: is2xx, run: () => call('GET', pick(['/api/v1/public/fund/flows', '/api/v1/public/fund/sources-and-uses', '/api/v1/public/fund/uses', '/api/v1/public/localization', '/api/v1/public/regime/residents', '/api/v1/capabilities']), null) },
    { kind: 'public audit head', weight: 4, ok: is2xx, run: () => call('GET', '/api/v1/audit/head', null) },
    // Signed-in reads.
    {
      kind: 'staff reads',
      weight: 14,
      ok: is2xx,
      run: () =>
        call('GET', pick(['/api/v1/organizations?limit=50', `/api/v1/organizations/${pick(supplierIds)}`, '/api/v1/organizations/directory', '/api/v1/fund/ledger/accounts', '/api/v1/fund/ledger/entries?limit=20', '/api/v1/screening/cases']), staffToken),
    },
    {
      kind: 'company reads',
      weight: 10,
      ok: is2xx,
      run: () => {
        const i = Math.floor(random() * COMPANIES);
        return call('GET', pick(['/api/v1/membership/applications', '/api/v1/notifications', `/api/v1/organizations/${companyIds[i]}`]), companyTokens[i]);
      },
    },
    // Membership application drafts: a company edits its draft with the version it last read.
    {
      kind: 'membership draft',
      weight: 10,
      ok: is2xx,
      run: async () => {
        const draft = pick(drafts);
        if (draft.busy) return call('GET', `/api/v1/membership/applications/${draft.id}`, draft.bearer);
        draft.busy = true;
        try {
          const n = ++sequence;
          const answer = await call('PATCH', `/api/v1/membership/applications/${draft.id}`, draft.bearer, { version: draft.version, jobs: 10 + (n % 500), planSummary: `Soak plan, revision ${n}` }, { 'idempotency-key': `soak-draft-${n}` });
          if (answer.status === 200) draft.version = (JSON.parse(answer.text) as { version: number }).version;
          return answer;
        } finally {
          draft.busy = false;
        }
      },
    },
    // Ledger entries as in test/ledger-crash.test.ts: funding, and every third a small disbursement.
    {
      kind: 'ledger entry',
      weight: 15,
      ok: (status) => status === 201,
      run: () => {
        const n = ++sequence;
        const amount = 100 + (n % 1000);
        const postings =
          n % 3 === 0
            ? [{ account: '5000.UAH.disbursements', direction: 'debit', amount }, { account: '1000.UAH.fund', direction: 'credit', amount }]
            : [{ account: '1000.UAH.fund', direction: 'debit', amount }, { account: '4200.UAH.budget', direction: 'credit', amount }];
        return call('POST', '/api/v1/fund/ledger/entries', staffToken, { currency: 'UAH', description: `soak ${n}`, referenceType: n % 3 === 0 ? 'disbursement' : 'budget', postings }, { 'idempotency-key': `soak-entry-${n}` });
      },
    },
    // Screening: names against the OFAC index (listed and unlisted), and an organization screened now.
    {
      kind: 'screening match',
      weight: 12,
      ok: is2xx,
      run: () => {
        const queries: Record<string, unknown> = {};
        for (let i = 0; i < 1 + Math.floor(random() * 5); i++) queries[`q${i}`] = { name: random() < 0.5 ? pick(listedNames) : unlistedName(random) };
        return call('POST', '/api/v1/screening/match', staffToken, { queries });
      },
    },
    { kind: 'screen organization', weight: 4, ok: is2xx, run: () => call('POST', `/api/v1/screening/organizations/${pick(supplierIds)}/screen`, staffToken, undefined, { 'idempotency-key': `soak-screen-${++sequence}` }) },
    // Registry changes: each queues the organization's re-screening (a background job).
    {
      kind: 'registry change',
      weight: 9,
      ok: is2xx,
      run: async () => {
        const target = pick(organizations);
        if (target.busy) return call('GET', `/api/v1/organizations/${target.id}`, staffToken);
        target.busy = true;
        try {
          const n = ++sequence;
          const answer = await call('PATCH', `/api/v1/organizations/${target.id}`, staffToken, { version: target.version, shortName: `Soak ${n}` }, { 'idempotency-key': `soak-org-${n}` });
          if (answer.status === 200) target.version = (JSON.parse(answer.text) as { version: number }).version;
          return answer;
        } finally {
          target.busy = false;
        }
      },
    },
  ];
  const totalWeight = operations.reduce((sum, op) => sum + op.weight, 0);
  function chooseOperation(): Operation {
    let r = random() * totalWeight;
    for (const op of operations) if ((r -= op.weight) < 0) return op;
    return operations[operations.length - 1];
  }

  // 5. The load (open loop: a slot every 1000/rate ms whether or not earlier requests have answered) and the sampler.
  const samples: Sample[] = [];
  let window: number[] = [];
  let windowByKind = new Map<string, number[]>();
  let windowErrors = 0;
  let windowUnexpected = 0;
  let windowSkipped = 0;
  let inFlight = 0;
  const perKind = new Map<string, { requests: number; errors: number; unexpected: number; latencies: number[] }>(operations.map((op) => [op.kind, { requests: 0, errors: 0, unexpected: 0, latencies: [] }]));
  const problems: string[] = [];

  function fire(op: Operation) {
    inFlight += 1;
    const started = performance.now();
    const stats = perKind.get(op.kind)!;
    op
      .run()
      .then(
        (answer) => {
          if (answer.status >= 500) {
            windowErrors += 1;
            stats.errors += 1;
            if (problems.length < 20) problems.push(`${op.kind}: ${answer.status} ${answer.text.slice(0, 300)}`);
          } else if (!op.ok(answer.status)) {
            windowUnexpected += 1;
            stats.unexpected += 1;
            if (problems.length < 20) problems.push(`${op.kind}: ${answer.status} ${answer.text.slice(0, 300)}`);
          }
        },
        (error: Error) => {
          windowErrors += 1;
          stats.errors += 1;
          if (problems.length < 20) problems.push(`${op.kind}: ${error.message}`);
        },
      )
      .finally(() => {
        const ms = performance.now() - started;
        window.push(ms);
        windowByKind.set(op.kind, [...(windowByKind.get(op.kind) ?? []), ms]);
        stats.requests += 1;
        stats.latencies.push(ms);
        inFlight -= 1;
      });
  }


  function metric(text: string, name: string): number {
    const match = new RegExp(`^${name} ([0-9.e+-]+)$`, 'm').exec(text);
    return match ? Number(match[1]) : Number.NaN;
  }
  function metricSum(text: string, pattern: RegExp): number {
    let sum = 0;
    for (const match of text.matchAll(pattern)) sum += Number(match[1]);
    return sum;
  }
  function vmRssMb(): number | null {
    try {
      const kb = /^VmRSS:\s+(\d+) kB$/m.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
      return kb ? Number(kb) / 1024 : null;
    } catch {
      return null;
    }
  }

  let loadStarted = 0;
  let lastCpu = { seconds: 0, at: 0 };
  async function sample() {
    const latencies = window.sort((a, b) => a - b);
    const entry = { requests: latencies.length, errors: windowErrors, unexpected: windowUnexpected, skipped: windowSkipped };
    const kinds = Object.fromEntries(
      [...windowByKind].map(([kind, values]) => {
        const sorted = values.sort((a, b) => a - b);
        return [kind, [sorted.length, round(quantile(sorted, 0.5)), round(quantile(sorted, 0.99))] as [number, number, number]];
      }),
    );
    windowByKind = new Map();
    window = [];
    windowErrors = 0;
    windowUnexpected = 0;
    windowSkipped = 0;
    const metrics = await fetch(`${base}/metrics`).then((r) => r.text());
    const mb = (bytes: number) => round(bytes / 1024 / 1024);
    const procRss = vmRssMb();
    const cpuSeconds = metric(metrics, 'process_cpu_seconds_total');
    const now = performance.now();
    const serverCpuPercent = lastCpu.at ? round(((cpuSeconds - lastCpu.seconds) / ((now - lastCpu.at) / 1000)) * 100, 0) : 0;
    lastCpu = { seconds: cpuSeconds, at: now };
    const s: Sample = {
      t: round((performance.now() - loadStarted) / 1000, 0),
      rssMb: mb(metric(metrics, 'process_resident_memory_bytes')),
      heapUsedMb: mb(metric(metrics, 'nodejs_heap_size_used_bytes')),
      heapTotalMb: mb(metric(metrics, 'nodejs_heap_size_total_bytes')),
      externalMb: mb(metric(metrics, 'nodejs_external_memory_bytes')),
      vmRssMb: procRss === null ? null : round(procRss),
      ...entry,
      p50Ms: round(quantile(latencies, 0.5)),
      p99Ms: round(quantile(latencies, 0.99)),
      maxMs: round(latencies[latencies.length - 1] ?? 0),
      jobsQueued: metricSum(metrics, /^adi_jobs\{[^}]*status="queued"[^}]*\} (\d+)$/gm),
      oldestQueuedSeconds: round(Math.max(0, ...[...metrics.matchAll(/^adi_job_oldest_queued_seconds\{[^}]*\} ([0-9.e+-]+)$/gm)].map((m) => Number(m[1]))), 0),
      serverCpuPercent,
      eventLoopMaxMs: round(metric(metrics, 'nodejs_eventloop_lag_max_seconds') * 1000, 0),
      loadAverage: round(os.loadavg()[0]),
      kinds,
    };
    samples.push(s);
    console.log(
      `${String(s.t).padStart(4)} s  rss ${s.rssMb.toFixed(0).padStart(4)} MB  heap ${s.heapUsedMb.toFixed(0).padStart(3)}/${s.heapTotalMb.toFixed(0)} MB  ` +
        `${String(s.requests).padStart(4)} req  p50 ${s.p50Ms.toFixed(1).padStart(6)} ms  p99 ${s.p99Ms.toFixed(1).padStart(6)} ms  ` +
        `errors ${s.errors}  unexpected ${s.unexpected}  skipped ${s.skipped}  jobs queued ${s.jobsQueued}  server cpu ${s.serverCpuPercent} %  loop max ${s.eventLoopMaxMs} ms  load ${s.loadAverage}`,
    );
  }

  loadStarted = performance.now();
  lastCpu = { seconds: metric(await fetch(`${base}/metrics`).then((r) => r.text()), 'process_cpu_seconds_total'), at: performance.now() };
  const slotMs = 1000 / rate;
  let issued = 0;
  const generator = setInterval(() => {
    const due = Math.min(Math.floor((performance.now() - loadStarted) / slotMs), Math.floor((seconds * 1000) / slotMs));
    while (issued < due) {
      issued += 1;
      if (inFlight >= MAX_IN_FLIGHT) windowSkipped += 1;
      else fire(chooseOperation());
    }
  }, 5);
  // One sample every 10 s of the schedule, one at a time (a slow /metrics answer delays the next, never overlaps it).
  const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, Math.max(0, ms)));
  for (let k = 1; k * SAMPLE_MS <= seconds * 1000; k++) {
    await sleep(loadStarted + k * SAMPLE_MS - performance.now());
    await sample().catch((error) => problems.push(`sample: ${error}`));
  }
  clearInterval(generator);
  while (inFlight > 0) await sleep(50);
  if (samples.length === 0 || samples[samples.length - 1].t < seconds - 1) await sample();
  const exitCode = await server.stop();

  // 6. The results: totals, the trend, per kind of request, and the chart.
  const all = [...perKind.values()].flatMap((k) => k.latencies).sort((a, b) => a - b);
  const half = secondHalfOf(samples, seconds);
  const result: SoakResult = {
    engine,
    date: new Date().toISOString(),
    command: `${adminUrl ? 'DATABASE_URL=… ' : ''}npx tsx bench/soak.ts ${seconds} ${rate}`,
    seconds: seconds,
    ratePerSecond: rate,
    setupSeconds: round(setupSeconds, 0),
    machine: `${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, Node ${process.version}`,
    serverExitCode: exitCode,
    totals: {
      requests: all.length,
      errors: samples.reduce((s, x) => s + x.errors, 0),
      unexpected: samples.reduce((s, x) => s + x.unexpected, 0),
      skipped: samples.reduce((s, x) => s + x.skipped, 0),
      p50Ms: round(quantile(all, 0.5)),
      p99Ms: round(quantile(all, 0.99)),
    },
    trend: trendOf(samples, seconds),
    perKind: Object.fromEntries(
      [...perKind].map(([kind, k]) => {
        const sorted = k.latencies.sort((a, b) => a - b);
        // Whether this kind of request slows down as the data grows: its p50 per window over the second half.
        const p50Slope = slope(half.filter((s) => s.kinds[kind]).map((s) => [minutes(s), s.kinds[kind][1]]));
        return [kind, { requests: k.requests, errors: k.errors, unexpected: k.unexpected, p50Ms: round(quantile(sorted, 0.5)), p99Ms: round(quantile(sorted, 0.99)), p50SlopeMsPerMin: round(p50Slope, 2) }];
      }),
    ),
    problems,
    samples,
  };
  fs.mkdirSync(path.join(root, 'bench', 'results'), { recursive: true });
  const jsonFile = path.join(root, 'bench', 'results', `soak-${engine}.json`);
  fs.writeFileSync(jsonFile, `${JSON.stringify(result, null, 1)}\n`);
  await writeChart(result, jsonFile.replace(/\.json$/, '.svg'), chartFile(engine));

  const { totals, trend } = result;
  const first = samples[0];
  const last = samples[samples.length - 1];
  console.log(`\nrequests ${totals.requests} (${(totals.requests / seconds).toFixed(1)}/s), errors ${totals.errors}, unexpected answers ${totals.unexpected}, skipped slots ${totals.skipped}; p50 ${totals.p50Ms} ms, p99 ${totals.p99Ms} ms over the run`);
  for (const [kind, k] of Object.entries(result.perKind)) {
    console.log(`  ${kind.padEnd(20)} ${String(k.requests).padStart(6)} req  p50 ${k.p50Ms} ms  p99 ${k.p99Ms} ms  errors ${k.errors}  unexpected ${k.unexpected}  p50 trend ${k.p50SlopeMsPerMin} ms/min`);
  }
  console.log(`RSS ${first.rssMb} MB at ${first.t} s → ${last.rssMb} MB at ${last.t} s (max ${Math.max(...samples.map((s) => s.rssMb))}); heap used ${first.heapUsedMb} → ${last.heapUsedMb} MB`);
  console.log(`second half: RSS ${trend.rssSlopeMbPerMin} MB/min, heap ${trend.heapSlopeMbPerMin} MB/min, p99 ${trend.p99SlopeMsPerMin} ms/min (median p99 ${trend.p99MedianSecondHalfMs} ms) → ${trend.verdict}`);
  console.log(`heap after major collections: ${trend.heapAfterCollections.map(([t, mb]) => `${mb} MB at ${t} s`).join(', ') || 'none'}; slope ${trend.heapAfterCollectionsSlopeMbPerMin ?? '–'} MB/min`);
  if (problems.length) console.log(`first problems:\n  ${problems.join('\n  ')}`);
  console.log(`server exit code ${exitCode}; ${path.relative(root, jsonFile)}, ${path.relative(root, chartFile(engine))}`);
  await dropDatabase().catch(() => {});
  fs.rmSync(workDir, { recursive: true, force: true });
}
