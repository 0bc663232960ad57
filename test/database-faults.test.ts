import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { sql } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config.ts';
import { DATABASE_RETRY_AFTER_SECONDS, type App } from '../src/core/http.ts';
import { SecretBox } from '../src/core/secret-box.ts';
import { type DatabaseHandle, isDatabaseUnavailableError, startDatabase } from '../src/db/database.ts';
import { buildApp } from '../src/main.ts';
import { verifyAuditLog } from '../src/modules/audit/service.ts';
import { signerFromSeed } from '../src/modules/audit/signing.ts';
import { verifyLedger } from '../src/modules/fund/service.ts';
import { type Caller, type TestApp, TEST_AUDIT_SEED, TEST_SECRET_KEY, createTestApp, signedInCaller } from './support/app.ts';
import { databaseChecksum } from './support/db-checksum.ts';

// Database faults (issue #11): a lost or unreachable database answers 503 problem+json with
// Retry-After (never 500), the pool reconnects by itself, /readyz reflects it, and nothing is
// half-written. The classification and an app whose database does not answer run on every engine;
// dropping live connections needs a PostgreSQL server (PGlite is embedded: it has no connections).

/** A server error as node-postgres builds it (pg's DatabaseError carries `severity` and the SQLSTATE in `code`). */
function serverError(code: string, message = 'server said no'): Error {
  return Object.assign(new Error(message), { code, severity: 'FATAL' });
}
/** A Node socket error as `net` raises it. */
function socketError(code: string, syscall = 'connect'): Error {
  return Object.assign(new Error(`${syscall} ${code} 127.0.0.1:5432`), { code, syscall, errno: -1 });
}

describe('which errors mean the database is unavailable', () => {
  it('recognizes lost connections, an unreachable server, and a server shutting down, starting or full', () => {
    const unavailable: Array<[string, unknown]> = [
      ['connection refused', socketError('ECONNREFUSED')],
      ['connection reset', socketError('ECONNRESET', 'read')],
      ['TCP timeout', socketError('ETIMEDOUT', 'read')],
      ['broken pipe', socketError('EPIPE', 'write')],
      ['host unreachable', socketError('EHOSTUNREACH')],
      ['network unreachable', socketError('ENETUNREACH')],
      ['DNS lookup failing for now', socketError('EAI_AGAIN', 'getaddrinfo')],
      ['several addresses refused (Node happy eyeballs)', Object.assign(new AggregateError([socketError('ECONNREFUSED')]), { code: 'ECONNREFUSED' })],
      ['pg: server closed the connection', new Error('Connection terminated unexpectedly')],
      ['pg: connection ended', new Error('Connection terminated')],
      ['pg: client dead after an error', new Error('Client has encountered a connection error and is not queryable')],
      ['pg: client closed', new Error('Client was closed and is not queryable')],
      ['pg-pool: no free connection in time', new Error('timeout exceeded when trying to connect')],
      ['pg-pool: connect timed out (wrapped)', new Error('Connection terminated due to connection timeout', { cause: new Error('Connection terminated unexpectedly') })],
      ['a wrapper around a lost connection', new Error('booking failed', { cause: socketError('ECONNRESET', 'read') })],
      ['08006 connection_failure', serverError('08006')],
      ['08003 connection_does_not_exist', serverError('08003')],
      ['08001 sqlclient_unable_to_establish_sqlconnection', serverError('08001')],
      ['57P01 admin_shutdown (pg_terminate_backend, fast shutdown)', serverError('57P01', 'terminating connection due to administrator command')],
      ['57P02 crash_shutdown', serverError('57P02')],
      ['57P03 cannot_connect_now (starting up, shutting down)', serverError('57P03', 'the database system is starting up')],
      ['53300 too_many_connections', serverError('53300', 'too many connections for database "adi"')],
      ['25006 read_only_sql_transaction (a standby answers during a failover)', serverError('25006', 'cannot execute INSERT in a read-only transaction')],
    ];
    for (const [what, error] of unavailable) expect(isDatabaseUnavailableError(error), what).toBe(true);
  });

  it('leaves alone errors about the request or the data, other failures, and look-alike codes', () => {
    const other: Array<[string, unknown]> = [
      ['23505 unique_violation', serverError('23505')],
      ['23503 foreign_key_violation', serverError('23503')],
      ['40001 serialization_failure (retried as 409)', serverError('40001')],
      ['40P01 deadlock', serverError('40P01')],
      ['57014 query_canceled (statement timeout)', serverError('57014')],
      ['42P01 undefined_table (a bug, not an outage)', serverError('42P01')],
      ['53100 disk_full', serverError('53100')],
      ['an 08… code on something that is not a server message', Object.assign(new Error('x'), { code: '08006' })],
      ['a file error', socketError('ENOENT', 'open')],
      ['an unresolvable host name (configuration, not an outage)', socketError('ENOTFOUND', 'getaddrinfo')],
      ['a plain error', new Error('boom')],
      ['a message that merely mentions a connection', new Error('Connection terminated unexpectedly, said the user')],
      ['a thrown string', 'Connection terminated unexpectedly'],
      ['nothing', undefined],
      ['null', null],
    ];
    for (const [what, error] of other) expect(isDatabaseUnavailableError(error), what).toBe(false);
  });

  it('stops following causes after a few levels (a cyclic cause chain ends)', () => {
    const cyclic = new Error('outer') as Error & { cause?: unknown };
    cyclic.cause = cyclic;
    expect(isDatabaseUnavailableError(cyclic)).toBe(false);
  });
});

const silentLog = () => new Writable({ write: (_chunk, _encoding, done) => done() });

/** The real app (all hooks and routes) over a database handle, without migrating or checking it first. */
async function appOver(database: DatabaseHandle, dataDir: string, logLines?: string[]): Promise<App> {
  const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'info', ADI_RATE_LIMIT_PER_MINUTE: '100000', ADI_RATE_LIMIT_SIGNED_IN_PER_MINUTE: '100000', ADI_DATA_DIR: dataDir }, {});
  const logStream = logLines
    ? new Writable({
        write(chunk, _encoding, done) {
          logLines.push(String(chunk));
          done();
        },
      })
    : silentLog();
  const app = await buildApp({ db: database.db, config, signer: await signerFromSeed(TEST_AUDIT_SEED), secrets: new SecretBox(TEST_SECRET_KEY) }, { logStream, serveWeb: false });
  await app.ready();
  return app;
}

/** Expects a 503 `unavailable` problem with Retry-After. */
function expectUnavailable(response: { statusCode: number; headers: Record<string, unknown>; json(): unknown; body: string }, what: string) {
  expect(response.statusCode, `${what}: ${response.body}`).toBe(503);
  expect(response.headers['content-type'], what).toMatch(/^application\/problem\+json/);
  expect(response.headers['retry-after'], what).toBe(String(DATABASE_RETRY_AFTER_SECONDS));
  expect(response.json(), what).toMatchObject({ status: 503, code: 'unavailable', detail: expect.stringMatching(/database/) });
}

describe('an app whose database does not answer', () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'adi-db-faults-'));
  afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

  // A fake session is enough: looking it up is the first thing that needs the database.
  const sessionHeaders = { cookie: '__Host-adi_session=not-a-real-session-token', 'x-csrf-token': 'x', 'idempotency-key': 'unreachable-1' };
  const entry = {
    currency: 'UAH',
    description: 'Donation while the database is away',
    referenceType: 'donation',
    postings: [
      { account: '1000.UAH.fund', direction: 'debit', amount: 100 },
      { account: '4100.UAH.donations', direction: 'credit', amount: 100 },
    ],
  };

  it('answers 503 with Retry-After at once when nothing listens at the database address, and keeps /healthz up', async () => {
    const database = startDatabase({ kind: 'postgres', url: 'postgres://adi:adi@127.0.0.1:1/adi' });
    const logLines: string[] = [];
    const app = await appOver(database, dataDir, logLines);
    try {
      expect((await app.inject({ method: 'GET', url: '/healthz' })).statusCode).toBe(200);
      expectUnavailable(await app.inject({ method: 'GET', url: '/readyz' }), '/readyz');
      expectUnavailable(await app.inject({ method: 'GET', url: '/api/v1/audit/head' }), 'an anonymous read');
      expectUnavailable(await app.inject({ method: 'POST', url: '/api/v1/fund/ledger/entries', headers: sessionHeaders, payload: entry }), 'a signed-in write (the session lookup fails)');
      const metrics = await app.inject({ method: 'GET', url: '/metrics' });
      expect(metrics.body).toMatch(/^adi_database_unavailable_total 2$/m);
      expect(logLines.some((line) => line.includes('the database is unavailable') && line.includes('ECONNREFUSED'))).toBe(true);
      expect(logLines.filter((line) => line.includes('unexpected error'))).toEqual([]);
    } finally {
      await app.close();
      await database.close();
    }
  });

  it('answers 503 within the connect timeout, not the TCP timeout, when the server accepts but never answers', async () => {
    // A black hole: the TCP connection opens, the PostgreSQL start-up message is never answered.
    const sockets = new Set<net.Socket>();
    const server = net.createServer((socket) => {
      sockets.add(socket);
      socket.on('error', () => {});
      socket.on('close', () => sockets.delete(socket));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as net.AddressInfo;
    const connectTimeoutMs = 300;
    const database = startDatabase({ kind: 'postgres', url: `postgres://adi:adi@127.0.0.1:${port}/adi`, connectTimeoutMs });
    const app = await appOver(database, dataDir);
    try {
      for (const [what, request] of [
        ['/readyz', { method: 'GET' as const, url: '/readyz' }],
        ['a signed-in write', { method: 'POST' as const, url: '/api/v1/fund/ledger/entries', headers: sessionHeaders, payload: entry }],
      ] as const) {
        const started = performance.now();
        const response = await app.inject(request);
        const took = performance.now() - started;
        expectUnavailable(response, what);
        // Not a performance goal: without the connect timeout this waits until the test times out.
        expect(took, what).toBeGreaterThanOrEqual(connectTimeoutMs - 50);
        expect(took, what).toBeLessThan(connectTimeoutMs * 10);
      }
    } finally {
      await app.close();
      await database.close();
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => server.close(resolve));
    }
  });
});

const POSTGRES_URL = process.env.TEST_DATABASE_URL;

describe.skipIf(!POSTGRES_URL)('a PostgreSQL server dropping and refusing connections (needs TEST_DATABASE_URL: PGlite is embedded and cannot drop connections)', () => {
  let t: TestApp;
  let officer: Caller;
  let admin: pg.Client;
  let databaseUrl: string;
  let databaseName: string;
  const lost: Error[] = [];

  beforeAll(async () => {
    t = await createTestApp();
    t.database.onConnectionLost((error) => lost.push(error));
    officer = await signedInCaller(t, ['fund_officer']);
    // A separate connection as the same role (PostgreSQL lets a role terminate its own sessions).
    databaseUrl = (t.database as DatabaseHandle & { url?: string }).url!;
    databaseName = new URL(databaseUrl).pathname.slice(1);
    admin = new pg.Client({ connectionString: databaseUrl });
    await admin.connect();
  });
  afterAll(async () => {
    await admin?.query(`alter database ${databaseName} connection limit -1`).catch(() => {});
    await admin?.end();
    await t?.close();
  });

  /**
   * Terminates every session of the app on the test database (never this admin connection, never
   * other databases), waiting until they have ended.
   */
  async function terminateAppConnections(sparePid: number | null = null): Promise<number> {
    const result = await admin.query<{ terminated: boolean }>(
      `select pg_terminate_backend(pid, 5000) as terminated from pg_stat_activity
       where datname = current_database() and pid <> pg_backend_pid() and pid is distinct from $1 and usename = current_user and backend_type = 'client backend'`,
      [sparePid],
    );
    return result.rows.filter((row) => row.terminated).length;
  }

  async function waitUntil(what: string, check: () => Promise<boolean> | boolean, timeoutMs = 10_000): Promise<void> {
    const until = Date.now() + timeoutMs;
    while (!(await check())) {
      if (Date.now() > until) throw new Error(`timed out waiting until ${what}`);
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  }

  async function counts() {
    const { rows } = await sql<{ entries: number; postings: number; events: number; keys: number }>`
      select (select count(*)::int from ledger_entries) as entries, (select count(*)::int from ledger_postings) as postings,
             (select count(*)::int from audit_events) as events, (select count(*)::int from idempotency_keys) as keys`.execute(t.database.db);
    return rows[0];
  }

  function donation(description: string, amount: number) {
    return {
      currency: 'UAH',
      description,
      referenceType: 'donation',
      postings: [
        { account: '1000.UAH.fund', direction: 'debit', amount },
        { account: '4100.UAH.donations', direction: 'credit', amount },
      ],
    };
  }
  function book(key: string, description: string, amount: number) {
    return t.app.inject({ method: 'POST', url: '/api/v1/fund/ledger/entries', headers: { ...officer.headers, 'idempotency-key': key }, payload: donation(description, amount) });
  }
  async function entriesDescribed(prefix: string) {
    const { rows } = await sql<{ description: string; n: number }>`
      select description, count(*)::int as n from ledger_entries where description like ${`${prefix}%`} group by description order by description`.execute(t.database.db);
    return rows;
  }

  it('answers 2xx or 503 (never 500) when connections drop mid-transaction, writes nothing half-way, and books each retried write once', async () => {
    const before = await counts();
    const lostBefore = lost.length;
    const burst = Array.from({ length: 12 }, (_, i) => ({ key: `drop-${i}`, description: `burst ${String(i).padStart(2, '0')}`, amount: 100 + i }));

    // Hold the audit log's append lock (from a connection of its own: the admin's view of
    // pg_stat_activity would stay frozen inside a transaction), so every write blocks inside its
    // transaction after it has inserted its idempotency key, entry and postings: the drop then
    // surely hits requests half-way.
    const locker = new pg.Client({ connectionString: databaseUrl });
    const answers: ReturnType<typeof book>[] = [];
    let terminated: number;
    try {
      await locker.connect();
      const lockerPid = (await locker.query<{ pid: number }>('select pg_backend_pid() as pid')).rows[0].pid;
      await locker.query('begin');
      await locker.query('select pg_advisory_xact_lock(7310001)');
      answers.push(...burst.map((b) => book(b.key, b.description, b.amount)));
      await waitUntil('the pool is busy with blocked writes', async () => {
        const { rows } = await admin.query<{ n: number }>(
          `select count(*)::int as n from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock'`,
        );
      return rows[0].n >= 5; // createTestDatabase's pool size on PostgreSQL
    });
      terminated = await terminateAppConnections(lockerPid);
      await locker.query('commit');
    } finally {
      await locker.end();
    }
    const responses = await Promise.all(answers);

    expect(terminated).toBeGreaterThanOrEqual(5);
    const statuses = responses.map((r) => r.statusCode);
    expect(statuses.every((s) => s === 201 || s === 503), statuses.join(',')).toBe(true);
    const failed = burst.filter((_, i) => statuses[i] === 503);
    expect(failed.length, 'the drop hit requests in flight').toBeGreaterThanOrEqual(1);
    responses.filter((r) => r.statusCode === 503).forEach((r) => expectUnavailable(r, 'a dropped write'));
    expect(t.logLines.filter((line) => line.includes('unexpected error'))).toEqual([]);
    await waitUntil('the lost connections were reported', () => lost.length - lostBefore >= 1);

    // Nothing half-written: exactly the acknowledged writes are there, each complete.
    const acknowledged = statuses.filter((s) => s === 201).length;
    const after = await counts();
    expect(after).toEqual({
      entries: before.entries + acknowledged,
      postings: before.postings + 2 * acknowledged,
      events: before.events + acknowledged,
      keys: before.keys + acknowledged,
    });

    // The app reconnected by itself.
    expect((await t.app.inject({ method: 'GET', url: '/readyz' })).statusCode).toBe(200);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/fund/ledger/entries?limit=5', headers: { cookie: officer.cookie } })).statusCode).toBe(200);

    // Retrying every request with its key: the failed ones book now, the others replay their first answer.
    const retries = await Promise.all(burst.map((b) => book(b.key, b.description, b.amount)));
    burst.forEach((b, i) => {
      const retry = retries[i];
      expect(retry.statusCode, `${b.key}: ${retry.body}`).toBe(201);
      if (statuses[i] === 201) {
        expect(retry.headers['idempotent-replayed'], b.key).toBe('true');
        expect(retry.json().id, b.key).toBe(responses[i].json().id);
      } else {
        expect(retry.headers['idempotent-replayed'], b.key).toBeUndefined();
      }
    });
    expect(await entriesDescribed('burst ')).toEqual(burst.map((b) => ({ description: b.description, n: 1 })));
    expect(await counts()).toMatchObject({ entries: before.entries + burst.length, postings: before.postings + 2 * burst.length, events: before.events + burst.length });
    expect(await verifyLedger(t.database.db)).toMatchObject({ ok: true, problems: [] });
    expect(await verifyAuditLog(t.database.db, [t.signer.publicKeyHex])).toMatchObject({ ok: true });

    const metrics = await t.app.inject({ method: 'GET', url: '/metrics' });
    expect(Number(/^adi_database_unavailable_total (\d+)$/m.exec(metrics.body)?.[1])).toBeGreaterThanOrEqual(failed.length);
  });

  it('replaces idle connections the server dropped: the next request succeeds without a 503', async () => {
    // Warm the pool: several requests at once open several connections.
    await Promise.all(Array.from({ length: 5 }, () => t.app.inject({ method: 'GET', url: '/api/v1/fund/ledger/accounts', headers: { cookie: officer.cookie } })));
    const lostBefore = lost.length;
    const terminated = await terminateAppConnections();
    expect(terminated).toBeGreaterThanOrEqual(1);
    // The pool learns of each drop from its connection's error event; then it hands out new ones.
    await waitUntil('every dropped connection was reported', () => lost.length - lostBefore >= terminated);
    const response = await t.app.inject({ method: 'GET', url: '/api/v1/fund/ledger/accounts', headers: { cookie: officer.cookie } });
    expect(response.statusCode, response.body).toBe(200);
    expect((await t.app.inject({ method: 'GET', url: '/readyz' })).statusCode).toBe(200);
  });

  it('answers 503 while the server refuses connections (as during a restart), changes nothing, and recovers when it accepts them again', async () => {
    const checksum = await databaseChecksum(t.database.db);
    // Our own database only (created for this file): no new sessions, and the current ones dropped.
    await admin.query(`alter database ${databaseName} connection limit 0`);
    try {
      const lostBefore = lost.length;
      const terminated = await terminateAppConnections();
      await waitUntil('every dropped connection was reported', () => lost.length - lostBefore >= terminated);
      const readiness = await t.app.inject({ method: 'GET', url: '/readyz' });
      expectUnavailable(readiness, '/readyz while refused');
      const refused = await book('refused-1', 'while refused', 555);
      expectUnavailable(refused, 'a write while refused');
      expect(t.logLines.some((line) => line.includes('the database is unavailable') && line.includes('53300'))).toBe(true);
    } finally {
      await admin.query(`alter database ${databaseName} connection limit -1`);
    }
    expect(await databaseChecksum(t.database.db)).toBe(checksum);
    expect((await t.app.inject({ method: 'GET', url: '/readyz' })).statusCode).toBe(200);
    const retried = await book('refused-1', 'while refused', 555);
    expect(retried.statusCode, retried.body).toBe(201);
    expect((await book('refused-1', 'while refused', 555)).headers['idempotent-replayed']).toBe('true');
    expect(await entriesDescribed('while refused')).toEqual([{ description: 'while refused', n: 1 }]);
    expect(t.logLines.filter((line) => line.includes('unexpected error'))).toEqual([]);
  });
});
