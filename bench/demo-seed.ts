// The demo data set's load time (issue #12: "loading takes ≤ 30 s on PGlite"): `adi demo seed` on a
// fresh data folder, as a new user runs it, timed from the outside, with the steps the command reports.
// The baseline in the same run is `adi migrate` on another fresh folder: creating and migrating an
// empty embedded database, which every load pays before the seed starts.
// Run: npx tsx bench/demo-seed.ts
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const sanctionsDir = path.resolve(root, '../shared/data/sanctions');

function timed(args: string[]): { seconds: number; output: string } {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'adi-bench-demo-'));
  const started = performance.now();
  try {
    const output = execFileSync(process.execPath, [path.join(root, 'bin/adi.js'), ...args], { cwd: root, env: { ...process.env, ADI_DATA_DIR: dataDir, LOG_LEVEL: 'warn' }, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 64 * 1024 * 1024 });
    return { seconds: (performance.now() - started) / 1000, output };
  } finally {
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

const migrate = timed(['migrate']);
const seed = timed(['demo', 'seed', '--sanctions-dir', sanctionsDir]);
const loaded = /Demo data set loaded in ([\d.]+) s/.exec(seed.output)?.[1];
const steps = /^Steps: (.*)$/m.exec(seed.output)?.[1];
console.log(`adi migrate (fresh database, baseline):  ${migrate.seconds.toFixed(1)} s`);
console.log(`adi demo seed (fresh database):          ${seed.seconds.toFixed(1)} s for the whole command, ${(seed.seconds / migrate.seconds).toFixed(1)}× the baseline`);
console.log(`  the load itself:                       ${loaded} s — goal ≤ 30 s: ${Number(loaded) <= 30 ? 'meets it' : 'MISSES it'}`);
console.log(`  steps: ${steps}`);
console.log(`  ${seed.output.split('\n')[0]}`);
