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
  /**
   * Adds a listener told when the server drops one of the pool's connections (PostgreSQL only; the
   * server logs them). The pool replaces the connection on the next query; the query that held it fails.
   */
  onConnectionLost(listener: (error: Error) => void): void;
  close(): Promise<void>;
}

/** Where to connect: a PostgreSQL URL, an embedded data folder, or an in-memory PGlite image. */
export type DatabaseTarget =
  | { kind: 'postgres'; url: string; poolSize?: number; connectTimeoutMs?: number }
  | { kind: 'pglite'; dataDir?: string; loadDataDir?: Blob | File };

/**
 * How long a query waits for a connection (a new one, or a free one from the pool) before it fails.
 * While the server is down or unreachable a request then answers 503 within this time instead of
 * hanging for the operating system's TCP timeout (minutes); a pool that stays busy this long is
 * overloaded, and shedding the request is the right answer then too.
 */
export const DATABASE_CONNECT_TIMEOUT_MS = 5_000;

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
    const pool = new pg.Pool({ connectionString: target.url, max: target.poolSize ?? 10, connectionTimeoutMillis: target.connectTimeoutMs ?? DATABASE_CONNECT_TIMEOUT_MS });
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
    const listeners: Array<(error: Error) => void> = [];
    // A connection the server drops (restart, pg_terminate_backend, network) makes its client emit
    // 'error'. The pool listens only while the client is idle and removes it then; while Kysely holds
    // it (mid-request) nobody does, and an unheard 'error' event would crash the process. So every
    // client gets a listener for its whole life: the query that held it fails (503) and the pool,
    // seeing it is no longer queryable, replaces it on the next request.
    pool.on('connect', (client) => client.on('error', (error) => listeners.forEach((listener) => listener(error))));
    pool.on('error', () => {}); // the same error for an idle client, already reported above
    return { db, kind: 'postgres', ready: Promise.resolve(), onConnectionLost: (listener) => listeners.push(listener), close: () => db.destroy() };
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
    onConnectionLost: () => {}, // one in-process engine: no connection to lose
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

// Socket errors while connecting to or talking with the server. The database is the only network
// peer a request waits on (mail is sent in the background and its failures are caught there), so
// these codes in a request's error mean the database.
const CONNECTION_ERRNO_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH', 'ENETUNREACH', 'EAI_AGAIN']);
// node-postgres and pg-pool raise these as plain Errors, told apart only by their message.
const CONNECTION_LOST_MESSAGES = new Set([
  'Connection terminated unexpectedly',
  'Connection terminated',
  'Connection terminated due to connection timeout',
  'timeout exceeded when trying to connect',
  'Client has encountered a connection error and is not queryable',
  'Client was closed and is not queryable',
]);
// Class 08 (connection exceptions) is matched by prefix; these are the server shutting down, starting
// up or full: 57P01 admin_shutdown, 57P02 crash_shutdown, 57P03 cannot_connect_now, 53300 too_many_connections;
// and 25006 read_only_sql_transaction: the address now reaches a standby (a failover in progress), so a
// write must wait for the new primary rather than fail as a bug.
const UNAVAILABLE_SQLSTATES = new Set(['57P01', '57P02', '57P03', '53300', '25006']);

/**
 * True when an error means the database server is unreachable or the connection to it was lost (a
 * fault that passes: answer 503 and let the client retry), not that the request or the data is
 * wrong. Follows `cause` a few levels (pg-pool wraps its connection timeout).
 */
export function isDatabaseUnavailableError(error: unknown): boolean {
  let current: unknown = error;
  for (let depth = 0; current instanceof Error && depth < 5; depth++) {
    const { code, severity } = current as { code?: unknown; severity?: unknown };
    if (typeof code === 'string') {
      // SQLSTATEs only from server messages (they carry a severity), so an unrelated `code` never matches.
      if (typeof severity === 'string' && (code.startsWith('08') || UNAVAILABLE_SQLSTATES.has(code))) return true;
      if (CONNECTION_ERRNO_CODES.has(code)) return true;
    }
    if (CONNECTION_LOST_MESSAGES.has(current.message)) return true;
    current = current.cause;
  }
  return false;
}
