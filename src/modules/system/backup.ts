import fs from 'node:fs';
import path from 'node:path';
import readline from 'node:readline';
import { createGunzip, createGzip } from 'node:zlib';
import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { SECRET_KEY_FILE } from '../../core/secret-box.ts';
import * as repo from './repo.ts';

/** Tables that migrations fill with starter reference data: a restore replaces their rows instead of refusing. */
const SEEDED_TABLES = ['capability_categories', 'membership_deadlines', 'ledger_accounts', 'regime_settings', 'regime_rule_sets', 'fund_program_settings', 'portal_faq'];

/** The first line of a backup file. */
interface BackupHeader {
  format: 'adi-backup/1';
  createdAt: string;
  migrations: string[];
  tables: Array<{ name: string; rows: number }>;
  /** The data-folder key that signs audit checkpoints, so a restored installation keeps signing as itself. */
  auditSigningKey?: { seed: string; publicKey: string };
  /** The data-folder key that encrypts stored secrets, without which restored TOTP seeds cannot be read. */
  secretKey?: { key: string };
}

const PAGE = 2_000;

/** Progress callback: table name, rows done in it, rows in it. */
export type BackupProgress = (table: string, done: number, total: number) => void;

/**
 * Writes a logical backup (gzip, JSON lines: a header, then one line per row) that restores into an
 * empty database of either kind. Reads in one transaction so the copy is consistent.
 */
export async function backupDatabase(db: Kysely<Database>, file: string, options: { dataDir: string; onProgress?: BackupProgress }) {
  const keyFile = path.join(options.dataDir, 'audit-signing-key.json');
  const auditSigningKey = fs.existsSync(keyFile) ? (JSON.parse(fs.readFileSync(keyFile, 'utf8')) as { seed: string; publicKey: string }) : undefined;
  const secretFile = path.join(options.dataDir, SECRET_KEY_FILE);
  const secretKey = fs.existsSync(secretFile) ? (JSON.parse(fs.readFileSync(secretFile, 'utf8')) as { key: string }) : undefined;
  return db.transaction().setIsolationLevel('repeatable read').execute(async (trx) => {
    const names = await repo.tablesInDependencyOrder(trx);
    const tables: BackupHeader['tables'] = [];
    for (const name of names) tables.push({ name, rows: await repo.countRows(trx, name) });
    const header: BackupHeader = {
      format: 'adi-backup/1',
      createdAt: new Date().toISOString(),
      migrations: await repo.appliedMigrations(trx),
      tables,
      ...(auditSigningKey ? { auditSigningKey: { seed: auditSigningKey.seed, publicKey: auditSigningKey.publicKey } } : {}),
      ...(secretKey ? { secretKey: { key: secretKey.key } } : {}),
    };
    async function* lines() {
      yield `${JSON.stringify(header)}\n`;
      for (const table of tables) {
        const order = await repo.primaryKeyColumns(trx, table.name);
        for (let offset = 0; offset < table.rows; offset += PAGE) {
          const rows = await repo.tableRowsAsJson(trx, table.name, order, offset, PAGE);
          yield rows.map((row) => `{"t":${JSON.stringify(table.name)},"r":${row}}\n`).join('');
          options.onProgress?.(table.name, Math.min(offset + PAGE, table.rows), table.rows);
        }
      }
    }
    const temporary = `${file}.partial`;
    await pipeline(Readable.from(lines()), createGzip(), fs.createWriteStream(temporary, { mode: 0o600 }));
    fs.renameSync(temporary, file);
    return { tables: tables.length, rows: tables.reduce((sum, t) => sum + t.rows, 0) };
  });
}

/** Thrown when a backup cannot be restored (bad file, non-empty target, newer schema). */
export class RestoreError extends Error {}

/**
 * Restores a backup into an empty, migrated database in one transaction: all or nothing. Writes the
 * backed-up checkpoint signing key into the data folder when it has none.
 */
export async function restoreDatabase(db: Kysely<Database>, file: string, options: { dataDir: string; onProgress?: BackupProgress }) {
  if (!fs.existsSync(file)) throw new RestoreError(`no such file: ${file}`);
  const input = readline.createInterface({ input: fs.createReadStream(file).pipe(createGunzip()), crlfDelay: Infinity });
  const iterator = input[Symbol.asyncIterator]();
  let header: BackupHeader;
  try {
    const first = await iterator.next();
    header = JSON.parse(first.value ?? '') as BackupHeader;
  } catch {
    throw new RestoreError(`${file} is not an ADI backup (gzip JSON lines)`);
  }
  if (header.format !== 'adi-backup/1') throw new RestoreError(`${file} has unknown format ${String(header.format)}`);
  const applied = await repo.appliedMigrations(db);
  const unknown = header.migrations.filter((m) => !applied.includes(m));
  if (unknown.length > 0) throw new RestoreError(`the backup needs newer migrations than this version has: ${unknown.join(', ')}`);

  const result = await db.transaction().execute(async (trx) => {
    for (const table of await repo.tablesInDependencyOrder(trx)) {
      if (SEEDED_TABLES.includes(table)) continue;
      if ((await repo.countRows(trx, table)) > 0) throw new RestoreError(`the target database is not empty (table ${table} has rows); restore into a fresh data folder or database`);
    }
    // Reference data that migrations seed is replaced by the backup's copy, which may have been edited since.
    for (const table of SEEDED_TABLES) if (header.tables.some((t) => t.name === table)) await repo.deleteAllRows(trx, table);
    const expected = new Map(header.tables.map((t) => [t.name, t.rows]));
    const columns = new Map<string, string[]>();
    for (const table of expected.keys()) columns.set(table, await repo.insertableColumns(trx, table));
    const done = new Map<string, number>();
    let batchTable = '';
    let batch: string[] = [];
    const flush = async () => {
      if (batch.length === 0) return;
      await repo.insertJsonRows(trx, batchTable, columns.get(batchTable) ?? [], `[${batch.join(',')}]`);
      done.set(batchTable, (done.get(batchTable) ?? 0) + batch.length);
      options.onProgress?.(batchTable, done.get(batchTable) ?? 0, expected.get(batchTable) ?? 0);
      batch = [];
    };
    for (;;) {
      const next = await iterator.next();
      if (next.done) break;
      if (!next.value) continue;
      const line = JSON.parse(next.value) as { t: string; r: unknown };
      if (!expected.has(line.t)) throw new RestoreError(`the backup has rows for an undeclared table ${line.t}`);
      if (line.t !== batchTable || batch.length >= PAGE) {
        await flush();
        batchTable = line.t;
      }
      batch.push(JSON.stringify(line.r));
    }
    await flush();
    for (const [table, rows] of expected) {
      if ((done.get(table) ?? 0) !== rows) throw new RestoreError(`the backup is truncated: table ${table} has ${done.get(table) ?? 0} of ${rows} rows`);
    }
    await repo.advanceSequences(trx);
    return { tables: expected.size, rows: [...done.values()].reduce((a, b) => a + b, 0) };
  });

  const keyFile = path.join(options.dataDir, 'audit-signing-key.json');
  if (header.auditSigningKey && !fs.existsSync(keyFile)) {
    fs.mkdirSync(options.dataDir, { recursive: true });
    fs.writeFileSync(keyFile, `${JSON.stringify({ ...header.auditSigningKey, restoredAt: new Date().toISOString() }, null, 2)}\n`, { mode: 0o600 });
  }
  const secretFile = path.join(options.dataDir, SECRET_KEY_FILE);
  if (header.secretKey && !fs.existsSync(secretFile)) {
    fs.mkdirSync(options.dataDir, { recursive: true });
    fs.writeFileSync(secretFile, `${JSON.stringify({ ...header.secretKey, restoredAt: new Date().toISOString() }, null, 2)}\n`, { mode: 0o600 });
  }
  return result;
}
