import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseTargetFor, openDatabase } from '../src/db/database.ts';
import { SYSTEM_ACTOR } from '../src/modules/audit/service.ts';
import { createEntry, reverseEntry } from '../src/modules/fund/service.ts';
import { runAdi } from './support/cli.ts';
import { createCliEnvironment } from './support/database.ts';

let workDir: string;
let env: Record<string, string>;
let cleanup: () => Promise<void>;

beforeAll(async () => {
  workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'adi-ledger-cli-'));
  ({ env, cleanup } = await createCliEnvironment(path.join(workDir, 'data')));
});
afterAll(async () => {
  await cleanup?.();
  fs.rmSync(workDir, { recursive: true, force: true });
});

async function withCliDatabase(work: (db: Awaited<ReturnType<typeof openDatabase>>['db']) => Promise<void>) {
  const database = await openDatabase(databaseTargetFor({ databaseUrl: env.DATABASE_URL, dataDir: env.ADI_DATA_DIR }));
  try {
    await work(database.db);
  } finally {
    await database.close();
  }
}

describe('adi ledger', { timeout: 240_000 }, () => {
  it('prints the trial balance and verifies the ledger, then names the account whose running total was tampered with', async () => {
    await withCliDatabase(async (db) => {
      const gift = await createEntry(db, SYSTEM_ACTOR, {
        currency: 'UAH',
        description: 'Donation',
        referenceType: 'donation',
        postings: [
          { account: '1000.UAH.fund', direction: 'debit', amount: 50_000 },
          { account: '4100.UAH.donations', direction: 'credit', amount: 50_000 },
        ],
      });
      await createEntry(db, SYSTEM_ACTOR, {
        currency: 'UAH',
        description: 'Reserved payout',
        referenceType: 'disbursement',
        pending: true,
        postings: [
          { account: '5000.UAH.disbursements', direction: 'debit', amount: 20_000 },
          { account: '1000.UAH.fund', direction: 'credit', amount: 20_000 },
        ],
      });
      await reverseEntry(db, SYSTEM_ACTOR, (await createEntry(db, SYSTEM_ACTOR, { currency: 'EUR', description: 'Mistake', referenceType: 'other', postings: [{ account: '1000.EUR.fund', direction: 'debit', amount: 5 }, { account: '4100.EUR.donations', direction: 'credit', amount: 5 }] })).entry.id);
      expect(gift.entry.status).toBe('posted');
    });

    const tb = await runAdi(['ledger', 'trial-balance'], env);
    expect(tb.code, tb.stderr).toBe(0);
    expect(tb.stdout).toMatch(/1000\.UAH\.fund\s+50000\s+0/);
    expect(tb.stdout).toMatch(/UAH at .*\n(.*\n)*\s+total\s+50000\s+50000\s+balanced/);
    const json = await runAdi(['ledger', 'trial-balance', '--json', '--at', '2000-01-01'], env);
    expect(JSON.parse(json.stdout)).toMatchObject({ at: '2000-01-01', balanced: true });
    const badDate = await runAdi(['ledger', 'trial-balance', '--at', 'tomorrow'], env);
    expect(badDate.code).toBe(2);

    const verified = await runAdi(['ledger', 'verify'], env);
    expect(verified.code, verified.stderr).toBe(0);
    expect(verified.stdout).toMatch(/^verified \d+ accounts, 4 entries and 8 postings in [\d.]+ s/);

    await withCliDatabase(async (db) => {
      await sql`update ledger_accounts set debits_posted = debits_posted + 1 where code = '4100.UAH.donations'`.execute(db);
    });
    const tampered = await runAdi(['ledger', 'verify'], env);
    expect(tampered.code).toBe(1);
    expect(tampered.stderr).toMatch(/account 4100\.UAH\.donations: debits_posted is 1, postings give 0/);
    expect(tampered.stderr).toMatch(/ledger verification FAILED: 1 discrepancies/);
    const asJson = JSON.parse((await runAdi(['ledger', 'verify', '--json'], env)).stdout);
    expect(asJson).toMatchObject({ ok: false, postings: 8 });
  });
});
