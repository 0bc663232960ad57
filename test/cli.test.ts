import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseTargetFor, openDatabase } from '../src/db/database.ts';
import { runAdi } from './support/cli.ts';
import { createCliEnvironment } from './support/database.ts';

let workDir: string;
let env: Record<string, string>;
let cleanup: () => Promise<void>;

beforeAll(async () => {
  workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'adi-cli-'));
  ({ env, cleanup } = await createCliEnvironment(path.join(workDir, 'data')));
});
afterAll(async () => {
  await cleanup?.();
  fs.rmSync(workDir, { recursive: true, force: true });
});

/** Opens the CLI's database directly (as an attacker with database access would). */
async function withCliDatabase(work: (db: Awaited<ReturnType<typeof openDatabase>>['db']) => Promise<void>) {
  const database = await openDatabase(databaseTargetFor({ databaseUrl: env.DATABASE_URL, dataDir: env.ADI_DATA_DIR }));
  try {
    await work(database.db);
  } finally {
    await database.close();
  }
}

describe('adi command line', { timeout: 240_000 }, () => {
  it('migrates, creates the first administrator from stdin, and refuses bad input with exit code 2', async () => {
    const migrate = await runAdi(['migrate'], env);
    expect(migrate.code, migrate.stderr).toBe(0);
    expect(migrate.stdout).toMatch(/schema is current|applied/);

    const created = await runAdi(['user', 'create', '--email', 'First.Admin@Example.org', '--role', 'admin', '--name', 'First Admin', '--password-stdin'], env, 'a very good password\n');
    expect(created.code, created.stderr).toBe(0);
    expect(created.stdout).toMatch(/created user first.admin@example.org \(admin\)/);
    expect(created.stdout + created.stderr).not.toContain('a very good password');

    const duplicate = await runAdi(['user', 'create', '--email', 'first.admin@example.org', '--role', 'admin', '--password-stdin'], env, 'a very good password\n');
    expect(duplicate.code).toBe(1);
    expect(duplicate.stderr).toMatch(/exists/);

    const badEmail = await runAdi(['user', 'create', '--email', 'not-an-email', '--role', 'admin', '--password-stdin'], env, 'a very good password\n');
    expect(badEmail.code).toBe(2);
    expect(badEmail.stderr).toMatch(/email/);
    const shortPassword = await runAdi(['user', 'create', '--email', 'x@example.org', '--role', 'admin', '--password-stdin'], env, 'short\n');
    expect(shortPassword.code).toBe(2);
    expect(shortPassword.stderr).toMatch(/password: must be at least 12/);
    const badRole = await runAdi(['user', 'create', '--email', 'x@example.org', '--role', 'emperor', '--password-stdin'], env, 'a very good password\n');
    expect(badRole.code).toBe(2);
    const noRole = await runAdi(['user', 'create', '--email', 'x@example.org', '--password-stdin'], env, 'a very good password\n');
    expect(noRole.code).toBe(2);
    const badConfig = await runAdi(['migrate'], { ...env, PORT: 'not-a-port' });
    expect(badConfig.code).toBe(2);
    expect(badConfig.stderr).toMatch(/PORT/);
    const unknown = await runAdi(['frobnicate'], env);
    expect(unknown.code).toBe(2);
  });

  it('signs checkpoints, verifies the log, and names the first bad sequence number after tampering', async () => {
    const checkpoint = await runAdi(['audit', 'checkpoint'], env);
    expect(checkpoint.code, checkpoint.stderr).toBe(0);
    expect(checkpoint.stdout).toMatch(/signed checkpoint at sequence number \d+/);
    const verified = await runAdi(['audit', 'verify'], env);
    expect(verified.code, verified.stderr).toBe(0);
    expect(verified.stdout).toMatch(/^verified \d+ events? and 1 checkpoint in/);
    const json = await runAdi(['audit', 'verify', '--json'], env);
    expect(JSON.parse(json.stdout)).toMatchObject({ ok: true, checkpoints: 1 });

    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'adi-backup-'));
    const file = path.join(dir, 'backup.adi.gz');
    try {
      const backup = await runAdi(['backup', file], env);
      expect(backup.code, backup.stderr).toBe(0);
      expect(backup.stdout).toMatch(/backed up \d+ rows/);
      expect((await runAdi(['backup', file], env)).code).toBe(2);

      // Restore into a fresh data folder (and a fresh database on PostgreSQL runs): same verification.
      const restoredDir = path.join(dir, 'restored');
      const target = await createCliEnvironment(restoredDir);
      try {
        const restore = await runAdi(['restore', file], target.env);
        expect(restore.code, restore.stderr).toBe(0);
        const again = await runAdi(['audit', 'verify', '--json'], target.env);
        expect(again.code, again.stderr).toBe(0);
        const original = JSON.parse(json.stdout);
        expect(JSON.parse(again.stdout)).toMatchObject({ ok: true, events: original.events, checkpoints: original.checkpoints });
        const twice = await runAdi(['restore', file], target.env);
        expect(twice.code).toBe(1);
        expect(twice.stderr).toMatch(/not empty/);
      } finally {
        await target.cleanup();
      }
      const missing = await runAdi(['restore', path.join(dir, 'nope.gz')], env);
      expect(missing.code).toBe(1);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }

    await withCliDatabase(async (db) => {
      await sql`alter table audit_events disable trigger user`.execute(db);
      await sql`update audit_events set payload = replace(payload, '"action":"user.created"', '"action":"user.forged"') where seq = 1`.execute(db);
      await sql`alter table audit_events enable trigger user`.execute(db);
    });
    const tampered = await runAdi(['audit', 'verify'], env);
    expect(tampered.code).toBe(1);
    expect(tampered.stderr).toMatch(/FAILED at sequence number 1\b/);
  });
});
