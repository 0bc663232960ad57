import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runAdi } from './support/cli.ts';
import { createCliEnvironment } from './support/database.ts';
import { serveAdi } from './support/serve.ts';

const ADI = path.resolve(import.meta.dirname, '../bin/adi.js');
let workDir: string;
let env: Record<string, string>;
let cleanup: () => Promise<void>;

beforeAll(async () => {
  workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'adi-serve-'));
  ({ env, cleanup } = await createCliEnvironment(path.join(workDir, 'data')));
});
afterAll(async () => {
  await cleanup?.();
  fs.rmSync(workDir, { recursive: true, force: true });
});

/** Starts `adi serve` on the test environment. */
function serve(args: string[]) {
  return serveAdi(env, args);
}

describe('adi serve', { timeout: 180_000 }, () => {
  it('prints how to create the first administrator on an empty database, serves health, and stops cleanly', async () => {
    const server = serve([]);
    const base = await server.address;
    expect(base).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect((await fetch(`${base}/healthz`)).status).toBe(200);
    expect((await fetch(`${base}/readyz`)).status).toBe(200);
    await expect.poll(() => server.output()).toMatch(/adi user create --email .* --role admin/);
    expect(await server.stop()).toBe(0);
  });

  it('with --demo prints demo administrator credentials that sign in', async () => {
    const server = serve(['--demo']);
    const base = await server.address;
    await expect.poll(() => server.output()).toMatch(/Demo administrator: \S+ \/ \S+/);
    const [, email, password] = /Demo administrator: (\S+) \/ (\S+)/.exec(server.output())!;
    const login = await fetch(`${base}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password }) });
    expect(login.status).toBe(200);
    expect(((await login.json()) as { session: { stage: string } }).session.stage).toBe('totp_enrolment');
    expect(await server.stop()).toBe(0);
  });

  it('refuses a second process on the same embedded data folder while the server runs, and allows it after', async () => {
    if (env.DATABASE_URL) return; // a PostgreSQL server is made to be shared: nothing to lock
    const server = serve([]);
    await server.address;
    const second = await runAdi(['migrate'], env);
    expect(second.code).toBe(1);
    expect(second.stderr).toMatch(/the data folder .* is in use by process \d+/);
    expect(await server.stop()).toBe(0);
    const after = await runAdi(['migrate'], env);
    expect(after.code, after.stderr).toBe(0);
  });

  it('refuses a bad port with exit code 2', async () => {
    const child = spawn(process.execPath, [ADI, 'serve', '--port', 'eighty'], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    const code = await new Promise((resolve) => child.on('exit', resolve));
    expect(code).toBe(2);
    expect(stderr).toMatch(/--port/);
  });
});
