// Runs a Vitest suite and ends with the plain line CI reads: "N passed, N failed" (and skipped).
// `unit` (npm test) type-checks first, then runs every test that needs no browser; `e2e` runs the
// browser journeys in test/e2e against Debian's Chromium.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const suite = process.argv[2] ?? 'unit';
const root = path.resolve(import.meta.dirname, '..');
const run = (cmd, args) => spawnSync(cmd, args, { cwd: root, stdio: 'inherit', env: { ...process.env } }).status ?? 1;

if (suite === 'unit') {
  console.log('Type-checking (tsc --noEmit)…');
  const typecheck = run('npx', ['tsc', '--noEmit', '-p', '.']) || run('npx', ['tsc', '--noEmit', '-p', 'web/tsconfig.json']);
  if (typecheck !== 0) {
    console.log('0 passed, 1 failed');
    process.exit(1);
  }
}

const results = path.join(os.tmpdir(), `adi-vitest-${suite}-${process.pid}.json`);
const config = suite === 'e2e' ? 'vitest.e2e.config.ts' : 'vitest.config.ts';
const engine = process.env.TEST_DATABASE_URL ? 'PostgreSQL (TEST_DATABASE_URL)' : 'PGlite';
console.log(`Running the ${suite} tests on ${engine}…`);
const status = run('npx', ['vitest', 'run', '--config', config, '--reporter=default', '--reporter=json', `--outputFile.json=${results}`, ...process.argv.slice(3)]);

let passed = 0;
let failed = 0;
let skipped = 0;
if (fs.existsSync(results)) {
  const report = JSON.parse(fs.readFileSync(results, 'utf8'));
  passed = report.numPassedTests ?? 0;
  failed = (report.numFailedTests ?? 0) + (report.testResults ?? []).filter((file) => file.status === 'failed' && file.assertionResults.length === 0).length;
  skipped = (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0);
  fs.rmSync(results, { force: true });
} else {
  failed = 1;
}
if (status !== 0 && failed === 0) failed = 1;
console.log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
process.exit(status !== 0 || failed > 0 ? 1 : 0);
