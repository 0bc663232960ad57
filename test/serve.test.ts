import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runAdi } from './support/cli.ts';
import { createCliEnvironment } from './support/database.ts';
import { serveAdi } from './support/serve.ts';
import { SecretBox } from '../src/core/secret-box.ts';
import { openDatabase } from '../src/db/database.ts';
import { SYSTEM_ACTOR } from '../src/modules/audit/service.ts';
import { createStaffAccounts } from '../src/modules/demo/accounts.ts';

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

  it('with --demo on a database that holds the demo accounts: gives them a new password, lists them with codes, and a staff account signs in with one', async () => {
    // Loading the whole data set is tested in src/modules/demo/demo.test.ts; here the staff accounts
    // are made directly, so the server finds a demo and starts at once (restarting a demo).
    const secretKey = 'ab'.repeat(32);
    const database = await openDatabase(env.DATABASE_URL ? { kind: 'postgres', url: env.DATABASE_URL } : { kind: 'pglite', dataDir: path.join(env.ADI_DATA_DIR!, 'pgdata') });
    try {
      await createStaffAccounts(database.db, new SecretBox(Buffer.from(secretKey, 'hex')), SYSTEM_ACTOR, 'the password of an earlier run', 'serve-test');
    } finally {
      await database.close();
    }
    const server = serveAdi({ ...env, ADI_SECRET_KEY: secretKey }, ['--demo']);
    const base = await server.address;
    await expect.poll(() => server.output(), { timeout: 60_000 }).toMatch(/Demo mode: the sign-in page/);
    const [, password] = /new password: (\S+)/.exec(server.output())!;
    const listed = await fetch(`${base}/api/v1/demo/accounts`);
    expect(listed.status).toBe(200);
    const { accounts } = (await listed.json()) as { accounts: Array<{ email: string; password: string; totpCode: string | null }> };
    const officer = accounts.find((a) => a.email === 'officer@demo.adi.example')!;
    expect(officer.password).toBe(password);
    const login = await fetch(`${base}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: officer.email, password, totp: officer.totpCode }) });
    expect(login.status).toBe(200);
    expect(((await login.json()) as { session: { stage: string } }).session.stage).toBe('full');
    expect(await server.stop()).toBe(0);
    // Demo mode belongs to that process: a server started without --demo lists nothing.
    const plain = serve([]);
    const plainBase = await plain.address;
    expect((await fetch(`${plainBase}/api/v1/demo/accounts`)).status).toBe(404);
    expect(await plain.stop()).toBe(0);
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
