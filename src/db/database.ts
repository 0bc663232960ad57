import fs from 'node:fs';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { Kysely, PostgresDialect, sql } from 'kysely';
import { PGliteDialect } from 'kysely-pglite-dialect';
import pg from 'pg';
import type { Database } from './schema.ts';

const INT8_OID = 20;
const DATE_OID = 1082;

// Both drivers return int8 as a JS bigint, so money and sequence numbers never pass through a float
// and code behaves the same on PGlite and PostgreSQL.
pg.types.setTypeParser(INT8_OID, (value: string) => BigInt(value));
// Calendar dates stay `YYYY-MM-DD` text: a JS Date would shift them by the server's time zone.
pg.types.setTypeParser(DATE_OID, (value: string) => value);

/** Which database engine a connection runs on. */
export type DatabaseKind = 'pglite' | 'postgres';

/** A Kysely handle plus what it runs on and how to close it. */
export interface DatabaseHandle {
  db: Kysely<Database>;
  kind: DatabaseKind;
  /** The embedded engine, when kind is 'pglite' (used for backups and templates in tests). */
  pglite?: PGlite;
  /** Settles when the engine has started (queries sent before then wait for it). */
  ready: Promise<void>;
  close(): Promise<void>;
}

/** Where to connect: a PostgreSQL URL, an embedded data folder, or an in-memory PGlite image. */
export type DatabaseTarget =
  | { kind: 'postgres'; url: string; poolSize?: number }
  | { kind: 'pglite'; dataDir?: string; loadDataDir?: Blob | File };

/** Thrown when another live process holds the embedded database's data folder. */
export class DataFolderInUseError extends Error {
  override name = 'DataFolderInUseError';
}

function processIsAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists but belongs to someone else; ESRCH: it is gone.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Claims an embedded data folder for this process with a `<folder>.lock` file holding our pid. PGlite
 * has no postmaster.pid: two processes on one folder would silently overwrite each other's writes,
 * so a second `adi` command is refused while a server runs. A lock left by a killed process (its pid
 * is gone) is taken over. Returns the release function.
 */
function lockDataFolder(dataDir: string): () => void {
  const lockFile = `${path.resolve(dataDir)}.lock`;
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      fs.writeFileSync(lockFile, String(process.pid), { flag: 'wx' });
      return () => {
        try {
          if (fs.readFileSync(lockFile, 'utf8') === String(process.pid)) fs.rmSync(lockFile, { force: true });
        } catch {
          // already gone
        }
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const holder = Number.parseInt(fs.readFileSync(lockFile, 'utf8'), 10);
      if (Number.isInteger(holder) && holder !== process.pid && processIsAlive(holder)) {
        throw new DataFolderInUseError(`the data folder ${dataDir} is in use by process ${holder} (a running \`adi serve\`?): stop it first, or point DATABASE_URL at a PostgreSQL server to share one database`);
      }
      if (holder === process.pid) throw new DataFolderInUseError(`the data folder ${dataDir} is already open in this process`);
      fs.rmSync(lockFile, { force: true }); // stale: its process is gone
    }
  }
  throw new DataFolderInUseError(`could not lock the data folder ${dataDir}`);
}

/** Opens the database the target names and waits until it answers. The caller must `close()` it. */
export async function openDatabase(target: DatabaseTarget): Promise<DatabaseHandle> {
  const handle = startDatabase(target);
  try {
    await handle.ready;
  } catch (error) {
    await handle.close().catch(() => {});
    throw error;
  }
  return handle;
}

/**
 * Starts opening the database and returns at once: the embedded engine boots in the background
 * (about a second) while the caller does other work; queries wait for it. Check `ready` for failures.
 */
export function startDatabase(target: DatabaseTarget): DatabaseHandle {
  if (target.kind === 'postgres') {
    const pool = new pg.Pool({ connectionString: target.url, max: target.poolSize ?? 10 });
    // An idle client losing its server must not crash the process; the next query reports it.
    pool.on('error', () => {});
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
    return { db, kind: 'postgres', ready: Promise.resolve(), close: () => db.destroy() };
  }
  if (target.dataDir) fs.mkdirSync(path.dirname(target.dataDir), { recursive: true });
  const release = target.dataDir ? lockDataFolder(target.dataDir) : () => {};
  let pglite: PGlite;
  try {
    pglite = new PGlite({
      dataDir: target.dataDir,
      loadDataDir: target.loadDataDir,
      parsers: { [INT8_OID]: (value: string) => BigInt(value), [DATE_OID]: (value: string) => value },
      extensions: { pg_trgm },
    });
  } catch (error) {
    release();
    throw error;
  }
  const ready = pglite.waitReady;
  ready.catch(() => {}); // reported to whoever awaits `ready`
  const db = new Kysely<Database>({ dialect: new PGliteDialect(pglite) });
  let closed = false;
  return {
    db,
    kind: 'pglite',
    pglite,
    ready,
    close: async () => {
      if (closed) return;
      closed = true;
      await ready.catch(() => {});
      try {
        await db.destroy(); // the dialect closes the PGlite instance
      } finally {
        release();
      }
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
