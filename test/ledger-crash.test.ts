import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseTargetFor, openDatabase } from '../src/db/database.ts';
import { runAdi } from './support/cli.ts';
import { createCliEnvironment } from './support/database.ts';
import { type ServedNode, createApiToken, serveAdi, signInOverHttp } from './support/serve.ts';

// Issue #6, the crash test of the fund ledger: kill -9 the server while a load of entries is being
// booked, restart it on the same data, retry every request with its Idempotency-Key, and check that
// each entry exists exactly once, that acknowledged answers replay unchanged, and that
// `adi ledger verify` passes.

const ENTRIES = 300;
const CLIENTS = 8;
const KILL_AFTER_ACKS = 100;
const SEED_FUNDING = 100_000_000; // kopiykas on 1000.UAH.fund before the load, so no move overdraws it
const RUN = `crash-${process.pid}-${Date.now()}`;

let workDir: string;
let env: Record<string, string>;
let cleanup: () => Promise<void>;
const servers: ServedNode[] = [];

beforeAll(async () => {
  workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'adi-ledger-crash-'));
  ({ env, cleanup } = await createCliEnvironment(path.join(workDir, 'data')));
});
afterAll(async () => {
  for (const server of servers) server.kill();
  await Promise.all(servers.map((server) => server.exited));
  await cleanup?.();
  fs.rmSync(workDir, { recursive: true, force: true });
});

/** Starts `adi serve` on the test environment and keeps it for the clean-up. */
function serve(): ServedNode {
  const server = serveAdi(env);
  servers.push(server);
  return server;
}

const OFFICER = { email: 'crash.officer@test.adi.example', password: 'a very good crash-test password' };

/**
 * Creates the fund officer with `adi user create` (before the server starts: on PGlite the data
 * folder belongs to one process at a time); its user id.
 */
async function createFundOfficer(): Promise<string> {
  const { email, password } = OFFICER;
  const created = await runAdi(['user', 'create', '--email', email, '--role', 'fund_officer', '--name', 'Crash Officer', '--password-stdin'], env, `${password}\n`);
  if (created.code !== 0) throw new Error(`adi user create failed: ${created.stderr}`);
  return /with id (\S+)/.exec(created.stdout)![1];
}

/** Signs the fund officer in over HTTP with two-factor enrolment and returns a new API token. */
async function fundOfficerToken(base: string): Promise<string> {
  return createApiToken(base, await signInOverHttp(base, OFFICER.email, OFFICER.password), 'crash test load');
}

interface Planned {
  key: string;
  body: Record<string, unknown>;
  /** The first 2xx answer's entry id before the crash, if the client saw one. */
  ackedId?: string;
  ackedStatus?: number;
  /** The entry id and status of the 2xx answer after the restart. */
  retryId?: string;
  retryStatus?: number;
  retryReplayed?: boolean;
}

/** The load: mostly funding (debit the bank, credit the budget), every third a small disbursement out of the bank. */
function plan(): Planned[] {
  return Array.from({ length: ENTRIES }, (_, i) => {
    const key = `${RUN}-${String(i).padStart(4, '0')}`;
    const amount = 100 + i;
    const postings =
      i % 3 === 2
        ? [
            { account: '5000.UAH.disbursements', direction: 'debit', amount },
            { account: '1000.UAH.fund', direction: 'credit', amount },
          ]
        : [
            { account: '1000.UAH.fund', direction: 'debit', amount },
            { account: '4200.UAH.budget', direction: 'credit', amount },
          ];
    return { key, body: { currency: 'UAH', description: `crash test ${key}`, referenceType: i % 3 === 2 ? 'disbursement' : 'budget', postings } };
  });
}

async function postEntry(base: string, token: string, key: string, body: unknown) {
  const response = await fetch(`${base}/api/v1/fund/ledger/entries`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, 'idempotency-key': key },
    body: JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, replayed: response.headers.get('idempotent-replayed') === 'true', text };
}

/** Runs `work` over the items with `clients` concurrent workers until `stop()` says so. */
async function pool<T>(items: T[], clients: number, work: (item: T) => Promise<void>, stop: () => boolean = () => false) {
  let next = 0;
  await Promise.all(
    Array.from({ length: clients }, async () => {
      while (!stop() && next < items.length) await work(items[next++]);
    }),
  );
}

describe('fund ledger crash test (issue #6)', { timeout: 300_000 }, () => {
  it('books every entry exactly once after kill -9 and a retry of every request with its Idempotency-Key; adi ledger verify passes', async () => {
    const requests = plan();

    // 1–2. A server on a fresh database, a fund officer with an API token, and funds on the bank account.
    const userId = await createFundOfficer();
    const first = serve();
    const base1 = await first.address;
    const token = await fundOfficerToken(base1);
    const seed = await postEntry(base1, token, `${RUN}-seed`, {
      currency: 'UAH',
      description: `crash test ${RUN}-seed`,
      referenceType: 'budget',
      postings: [
        { account: '1000.UAH.fund', direction: 'debit', amount: SEED_FUNDING },
        { account: '4200.UAH.budget', direction: 'credit', amount: SEED_FUNDING },
      ],
    });
    expect(seed.status, seed.text).toBe(201);

    // 3–4. The load from several clients; kill -9 once enough answers came back, with requests in flight.
    let acked = 0;
    let killed = false;
    let inFlightAtKill = 0;
    let inFlight = 0;
    let connectionErrors = 0;
    const otherAnswers: string[] = [];
    await pool(
      requests,
      CLIENTS,
      async (request) => {
        inFlight += 1;
        try {
          const answer = await postEntry(base1, token, request.key, request.body);
          if (answer.status >= 200 && answer.status < 300) {
            request.ackedStatus = answer.status;
            request.ackedId = (JSON.parse(answer.text) as { id: string }).id;
            acked += 1;
          } else {
            otherAnswers.push(`${request.key}: ${answer.status} ${answer.text}`);
          }
        } catch {
          connectionErrors += 1; // the server died under this request: its outcome is unknown
        } finally {
          inFlight -= 1;
        }
        if (!killed && acked >= KILL_AFTER_ACKS) {
          killed = true;
          inFlightAtKill = inFlight;
          process.kill(first.child.pid!, 'SIGKILL');
        }
      },
      () => killed,
    );
    expect(killed).toBe(true);
    await first.exited;
    expect(first.child.signalCode).toBe('SIGKILL');
    // Before the kill no request should have failed for another reason than the crash.
    expect(otherAnswers).toEqual([]);
    expect(acked).toBeGreaterThanOrEqual(KILL_AFTER_ACKS);
    expect(acked).toBeLessThan(ENTRIES);

    // 5. Restart on the same data and retry every request (acknowledged or not) until it gets a 2xx.
    const second = serve();
    const base2 = await second.address.catch((error: Error) => {
      throw new Error(`the server did not come back after kill -9 (data recovery failed): ${error.message}`);
    });
    const failures: string[] = [];
    await pool(requests, CLIENTS, async (request) => {
      let last = '';
      for (let attempt = 0; attempt < 20; attempt++) {
        try {
          const answer = await postEntry(base2, token, request.key, request.body);
          if (answer.status >= 200 && answer.status < 300) {
            request.retryStatus = answer.status;
            request.retryReplayed = answer.replayed;
            request.retryId = (JSON.parse(answer.text) as { id: string }).id;
            return;
          }
          last = `${answer.status} ${answer.text}`;
          // A 4xx other than a transient conflict or rate limit will not change on a retry.
          if (answer.status >= 400 && answer.status < 500 && answer.status !== 409 && answer.status !== 429) break;
        } catch (error) {
          last = String(error);
        }
        await new Promise((resolve) => setTimeout(resolve, 50 * (attempt + 1)));
      }
      failures.push(`${request.key}: ${last}`);
    });
    expect(failures).toEqual([]);

    // Acknowledged requests replay their first answer (same entry, marked as replayed).
    const ackedRequests = requests.filter((r) => r.ackedId);
    expect(ackedRequests.filter((r) => r.retryId !== r.ackedId).map((r) => `${r.key}: first ${r.ackedId}, retry ${r.retryId}`)).toEqual([]);
    expect(ackedRequests.filter((r) => !r.retryReplayed || r.retryStatus !== r.ackedStatus).map((r) => r.key)).toEqual([]);
    expect(new Set(requests.map((r) => r.retryId)).size).toBe(ENTRIES);

    // Stop the server cleanly so the data can be opened directly.
    second.kill('SIGTERM');
    expect(await second.exited).toBe(0);

    // 6. Exactly one entry per key, with the id every retry answered, and nothing else booked by the load.
    const database = await openDatabase(databaseTargetFor({ databaseUrl: env.DATABASE_URL, dataDir: env.ADI_DATA_DIR }));
    try {
      const rows = await sql<{ description: string; id: string; client_key: string }>`
        select description, id, client_key from ledger_entries where description like ${`crash test ${RUN}-%`}`.execute(database.db);
      const byDescription = new Map<string, Array<{ id: string; client_key: string }>>();
      for (const row of rows.rows) byDescription.set(row.description, [...(byDescription.get(row.description) ?? []), row]);
      expect(rows.rows.length, `entries booked for ${ENTRIES} requests and the seed`).toBe(ENTRIES + 1);
      const wrong = requests.flatMap((r) => {
        const found = byDescription.get(`crash test ${r.key}`) ?? [];
        if (found.length !== 1) return [`${r.key}: ${found.length} entries`];
        if (found[0].id !== r.retryId) return [`${r.key}: entry ${found[0].id}, answered ${r.retryId}`];
        if (found[0].client_key !== `http:${userId}:${r.key}`) return [`${r.key}: client key ${found[0].client_key}`];
        return [];
      });
      expect(wrong).toEqual([]);
    } finally {
      await database.close();
    }

    const verify = await runAdi(['ledger', 'verify'], env);
    expect(verify.code, `${verify.stdout}\n${verify.stderr}`).toBe(0);
    expect(verify.stdout).toMatch(new RegExp(`verified \\d+ accounts, ${ENTRIES + 1} entries and ${2 * (ENTRIES + 1)} postings`));

    console.info(
      `crash test: ${acked} acknowledged before kill -9, ${inFlightAtKill} in flight at the kill, ${connectionErrors} connection errors; after restart ` +
        `${requests.filter((r) => r.retryReplayed).length} replayed, ${requests.filter((r) => !r.retryReplayed).length} booked anew`,
    );
  });
});
