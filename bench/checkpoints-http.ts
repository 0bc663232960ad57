// GET /api/v1/audit/checkpoints (a real database read) against a bare Fastify "hello" route, both served
// from this process on loopback and loaded by autocannon in a separate process (50 connections, 10 s each).
// Goal: at least 50 % of the hello route's requests/s. Run: npx tsx bench/checkpoints-http.ts [seconds]
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import Fastify from 'fastify';
import { loadConfig } from '../src/config.ts';
import { startPlatform } from '../src/main.ts';
import { SYSTEM_ACTOR, recordAuditBatch, signCheckpoint } from '../src/modules/audit/service.ts';
import { loadCheckpointSigner } from '../src/modules/audit/signing.ts';

const duration = Number(process.argv[2] ?? 10);
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'adi-bench-http-'));

const hello = Fastify({ logger: false });
hello.get('/hello', async () => ({ hello: 'world' }));
await hello.listen({ port: 4201, host: '127.0.0.1' });

// Production settings except logging (a log line per request would measure the terminal) and the
// per-address rate limit (all load comes from one address here).
const config = loadConfig({ ADI_DATA_DIR: dataDir, PORT: '4200', LOG_LEVEL: 'warn', ADI_RATE_LIMIT_PER_MINUTE: '1000000000', ADI_CHECKPOINT_INTERVAL_SECONDS: '0' });
const platform = await startPlatform(config);
const signer = await loadCheckpointSigner(config);
for (let i = 0; i < 30; i++) {
  await platform.database.db.transaction().execute((trx) => recordAuditBatch(trx, SYSTEM_ACTOR, [{ action: 'bench.event', details: { i } }]));
  await signCheckpoint(platform.database.db, signer);
}

interface LoadResult {
  requests: { average: number };
  latency: { p99: number };
  non2xx: number;
  errors: number;
}

const checkpointsBytes = (await (await fetch('http://127.0.0.1:4200/api/v1/audit/checkpoints')).text()).length;

async function load(url: string, seconds = duration): Promise<LoadResult> {
  const bin = path.resolve(import.meta.dirname, '../node_modules/.bin/autocannon');
  const { stdout } = await promisify(execFile)(bin, ['--json', '-c', '50', '-d', String(seconds), url], { maxBuffer: 64 * 1024 * 1024 });
  const result = JSON.parse(stdout) as LoadResult;
  if (result.non2xx > 0 || result.errors > 0) throw new Error(`${url}: ${result.non2xx} non-2xx, ${result.errors} errors`);
  return result;
}

await load('http://127.0.0.1:4201/hello', 3); // warm-up of both servers' code paths
await load('http://127.0.0.1:4200/api/v1/audit/checkpoints', 3);
const baseline = await load('http://127.0.0.1:4201/hello');
const checkpoints = await load('http://127.0.0.1:4200/api/v1/audit/checkpoints');

const rps = (r: LoadResult) => r.requests.average;
console.log(`bare Fastify hello:            ${rps(baseline).toFixed(0)} req/s, p99 ${baseline.latency.p99} ms`);
console.log(`GET /api/v1/audit/checkpoints: ${rps(checkpoints).toFixed(0)} req/s, p99 ${checkpoints.latency.p99} ms (default page: 10 checkpoints, ${checkpointsBytes} bytes, PGlite)`);
console.log(`ratio: ${((rps(checkpoints) / rps(baseline)) * 100).toFixed(0)} % of hello — goal ≥ 50 %`);
await platform.stop();
await hello.close();
fs.rmSync(dataDir, { recursive: true, force: true });
