// Builds what `adi serve` runs: the web app (web/dist, Vite) and the server bundle (dist/server,
// esbuild: the TypeScript sources in one ESM bundle with packages left external, so the `adi`
// command starts without compiling TypeScript; see docs/decisions/0001-stack-and-layout.md).
// `--if-stale` builds only what is missing or older than its sources (used by `npm start`).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { build } from 'esbuild';

const root = path.resolve(import.meta.dirname, '..');
const ifStale = process.argv.includes('--if-stale');

function newestMtime(dir) {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'dist' || entry.name === 'node_modules' || entry.name.endsWith('.test.ts')) continue;
    const full = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(full) : fs.statSync(full).mtimeMs);
  }
  return newest;
}

function stale(output, sourceDir) {
  return !ifStale || !fs.existsSync(output) || fs.statSync(output).mtimeMs < newestMtime(sourceDir);
}

if (stale(path.join(root, 'web', 'dist', 'index.html'), path.join(root, 'web'))) {
  console.log('Building the web app (web/dist)…');
  const result = spawnSync('npx', ['vite', 'build', '--config', 'web/vite.config.ts', '--logLevel', 'warn'], { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

if (stale(path.join(root, 'dist', 'server', 'main.js'), path.join(root, 'src'))) {
  console.log('Building the server bundle (dist/server)…');
  fs.rmSync(path.join(root, 'dist', 'server'), { recursive: true, force: true });
  await build({
    entryPoints: [path.join(root, 'src', 'cli', 'main.ts')],
    outdir: path.join(root, 'dist', 'server'),
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    packages: 'external',
    sourcemap: true,
    logLevel: 'warning',
  });
}
