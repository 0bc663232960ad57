import fs from 'node:fs';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { Kysely, PostgresDialect, sql } from 'kysely';
import { PGliteDialect } from 'kysely-pglite-dialect';
import pg from 'pg';
import type { Database } from './schema.ts';

const INT8_OID = 20;

// Both drivers return int8 as a JS bigint, so money and sequence numbers never pass through a float
// and code behaves the same on PGlite and PostgreSQL.
pg.types.setTypeParser(INT8_OID, (value: string) => BigInt(value));

/** Which database engine a connection runs on. */
export type DatabaseKind = 'pglite' | 'postgres';

/** A Kysely handle plus what it runs on and how to close it. */
export interface DatabaseHandle {
  db: Kysely<Database>;
  kind: DatabaseKind;
  /** The embedded engine, when kind is 'pglite' (used for backups and templates in tests). */
  pglite?: PGlite;
  close(): Promise<void>;
}

/** Where to connect: a PostgreSQL URL, an embedded data folder, or an in-memory PGlite image. */
export type DatabaseTarget =
  | { kind: 'postgres'; url: string; poolSize?: number }
  | { kind: 'pglite'; dataDir?: string; loadDataDir?: Blob | File };

/** Opens the database the target names. The caller must `close()` it, or the process will not exit. */
export async function openDatabase(target: DatabaseTarget): Promise<DatabaseHandle> {
  if (target.kind === 'postgres') {
    const pool = new pg.Pool({ connectionString: target.url, max: target.poolSize ?? 10 });
    // An idle client losing its server must not crash the process; the next query reports it.
    pool.on('error', () => {});
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
    return { db, kind: 'postgres', close: () => db.destroy() };
  }
  if (target.dataDir) fs.mkdirSync(path.dirname(target.dataDir), { recursive: true });
  const pglite = await PGlite.create({
    dataDir: target.dataDir,
    loadDataDir: target.loadDataDir,
    parsers: { [INT8_OID]: (value: string) => BigInt(value) },
  });
  const db = new Kysely<Database>({ dialect: new PGliteDialect(pglite) });
  let closed = false;
  return {
    db,
    kind: 'pglite',
    pglite,
    close: async () => {
      if (closed) return;
      closed = true;
      await db.destroy(); // the dialect closes the PGlite instance
    },
  };
}

/** The target for a configuration: DATABASE_URL if set, else PGlite in `<dataDir>/pgdata`. */
export function databaseTargetFor(config: { databaseUrl?: string; dataDir: string }): DatabaseTarget {
  if (config.databaseUrl) return { kind: 'postgres', url: config.databaseUrl };
  return { kind: 'pglite', dataDir: path.join(config.dataDir, 'pgdata') };
}

/** True when the database answers a trivial query. */
export async function isDatabaseReachable(db: Kysely<Database>): Promise<boolean> {
  try {
    await sql`select 1`.execute(db);
    return true;
  } catch {
    return false;
  }
}
