import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApp, createTestApp, signedInCaller } from '../../../test/support/app.ts';
import { createTestDatabase } from '../../../test/support/database.ts';
import { databaseChecksum } from '../../../test/support/db-checksum.ts';
import { SYSTEM_ACTOR, signCheckpoint, verifyAuditLog } from '../audit/service.ts';
import { createEntry } from '../fund/service.ts';
import { RestoreError, backupDatabase, restoreDatabase } from './backup.ts';

/** A budget allocation into the fund's hryvnia account. */
function bookingOf(amount: number) {
  return {
    currency: 'UAH' as const,
    description: 'budget allocation',
    referenceType: 'budget' as const,
    postings: [
      { account: '1000.UAH.fund', direction: 'debit' as const, amount },
      { account: '4200.UAH.budget', direction: 'credit' as const, amount },
    ],
  };
}

let t: TestApp;
let dir: string;
beforeAll(async () => {
  t = await createTestApp();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'adi-backup-test-'));
});
afterAll(async () => {
  await t?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('backup and restore', () => {
  it('restores every row into a fresh database, with the same audit verification', async () => {
    const admin = await signedInCaller(t, ['admin']);
    await t.app.inject({ method: 'POST', url: '/api/v1/organizations', headers: admin.headers, payload: { name: 'Backup «Test» LLC — ТОВ', nameUk: 'Backup «Test» LLC — ТОВ', country: 'UA', kind: 'manufacturer' } });
    await t.app.inject({ method: 'POST', url: '/api/v1/auth/tokens', headers: admin.headers, payload: { name: 'backup token' } });
    await createEntry(t.database.db, SYSTEM_ACTOR, bookingOf(1000));
    await signCheckpoint(t.database.db, t.signer);
    const file = path.join(dir, 'one.adi.gz');
    const progress: string[] = [];
    const written = await backupDatabase(t.database.db, file, { dataDir: dir, onProgress: (table) => progress.push(table) });
    expect(written.rows).toBeGreaterThan(5);
    expect(progress).toContain('audit_events');

    const target = await createTestDatabase();
    try {
      const restored = await restoreDatabase(target.db, file, { dataDir: path.join(dir, 'target') });
      expect(restored.rows).toBe(written.rows);
      expect(await databaseChecksum(target.db)).toBe(await databaseChecksum(t.database.db));
      const before = await verifyAuditLog(t.database.db, [t.signer.publicKeyHex]);
      const after = await verifyAuditLog(target.db, [t.signer.publicKeyHex]);
      expect(after).toEqual(before);
      expect(after.ok).toBe(true);
      await expect(restoreDatabase(target.db, file, { dataDir: dir })).rejects.toThrow(RestoreError);
      // Serial numbers continue after the restored ones: the next ledger entry books, and numbers on.
      const next = await createEntry(target.db, SYSTEM_ACTOR, bookingOf(500));
      const seqs = await target.db.selectFrom('ledger_entries').select('entry_seq').orderBy('entry_seq').execute();
      expect(seqs.map((r) => Number(r.entry_seq))).toEqual([1, 2]);
      expect(next).toBeTruthy();
    } finally {
      await target.close();
    }
  });

  it('refuses a file that is not a backup, and a truncated one, changing nothing', async () => {
    const target = await createTestDatabase();
    try {
      const junk = path.join(dir, 'junk.gz');
      fs.writeFileSync(junk, 'not gzip at all');
      await expect(restoreDatabase(target.db, junk, { dataDir: dir })).rejects.toThrow(/not an ADI backup/);
      const full = path.join(dir, 'full.adi.gz');
      await backupDatabase(t.database.db, full, { dataDir: dir });
      const { gunzipSync, gzipSync } = await import('node:zlib');
      const lines = gunzipSync(fs.readFileSync(full)).toString('utf8').trimEnd().split('\n');
      const truncated = path.join(dir, 'truncated.adi.gz');
      fs.writeFileSync(truncated, gzipSync(`${lines.slice(0, -2).join('\n')}\n`));
      const before = await databaseChecksum(target.db);
      await expect(restoreDatabase(target.db, truncated, { dataDir: dir })).rejects.toThrow(/truncated/);
      expect(await databaseChecksum(target.db)).toBe(before);
    } finally {
      await target.close();
    }
  });
});
