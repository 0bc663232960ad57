// Time from `adi serve` process start to its first /healthz answer (process up) and first /readyz 200
// (database open and migrated), on an existing data folder. Goal: /healthz within 2 s. Baseline in the same run: a bare Node process that serves /healthz with node:http.
// Run: npx tsx bench/startup.ts [runs]   (default 5)
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const runs = Number(process.argv[2] ?? 5);
const root = path.resolve(import.meta.dirname, '..');
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'adi-bench-startup-'));

async function waitFor(url: string, started: number): Promise<number> {
  for (;;) {
    try {
      const response = await fetch(url);
      if (response.ok) return performance.now() - started;
    } catch {
      // not listening yet
    }
    if (performance.now() - started > 60_000) throw new Error(`no answer from ${url} within 60 s`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

async function timeToHealthy(args: string[], port: number, env: Record<string, string> = {}, readyPath?: string): Promise<number> {
  const started = performance.now();
  const child = spawn(process.execPath, args, { cwd: root, env: { ...process.env, ...env }, stdio: 'ignore' });
  try {
    const healthy = await waitFor(`http://127.0.0.1:${port}/healthz`, started);
    if (readyPath) ready.push(await waitFor(`http://127.0.0.1:${port}${readyPath}`, started));
    return healthy;
  } finally {
    child.kill('SIGTERM');
    await new Promise((r) => child.once('exit', r));
  }
}

const bare = `require('node:http').createServer((q, s) => s.end('{"status":"ok"}')).listen(${4101}, '127.0.0.1')`;
const env = { ADI_DATA_DIR: dataDir, LOG_LEVEL: 'warn', ADI_CHECKPOINT_INTERVAL_SECONDS: '0' };
// The first start creates and migrates the database (and builds nothing: run `npm run build` first so
// `adi` runs the server bundle); the measured starts reopen it.
const ready: number[] = [];
await timeToHealthy(['bin/adi.js', 'serve', '--port', '4100'], 4100, env);

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const adi: number[] = [];
ready.length = 0;
const baseline: number[] = [];
for (let i = 0; i < runs; i++) {
  baseline.push(await timeToHealthy(['-e', bare], 4101));
  adi.push(await timeToHealthy(['bin/adi.js', 'serve', '--port', '4100'], 4100, env, '/readyz'));
}
fs.rmSync(dataDir, { recursive: true, force: true });
console.log(`adi serve (existing PGlite data dir) to first /healthz: median ${median(adi).toFixed(0)} ms [${adi.map((x) => x.toFixed(0)).join(', ')}] — goal 2000 ms`);
console.log(`adi serve to first /readyz 200 (database open, migrations current): median ${median(ready).toFixed(0)} ms [${ready.map((x) => x.toFixed(0)).join(', ')}]`);
console.log(`bare node:http server to first answer: median ${median(baseline).toFixed(0)} ms [${baseline.map((x) => x.toFixed(0)).join(', ')}]`);
console.log(`ratio adi / bare node: ${(median(adi) / median(baseline)).toFixed(1)}`);
