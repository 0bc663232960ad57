import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { type RawBuilder, sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../src/core/access.ts';
import { sha256Hex } from '../src/core/audit-chain.ts';
import { seededRandom } from '../src/core/random.ts';
import { databaseTargetFor, openDatabase } from '../src/db/database.ts';
import { SYSTEM_ACTOR } from '../src/modules/audit/service.ts';
import { createUser } from '../src/modules/identity/service.ts';
import { BlobStore } from '../src/modules/registry/blob-store.ts';
import { createOrganization } from '../src/modules/registry/service.ts';
import { type CliResult, runAdi } from './support/cli.ts';
import { TEST_ENGINE, createCliEnvironment } from './support/database.ts';
import { minimalPdf } from './support/documents.ts';
import { completePlan } from './support/membership.ts';
import { type ServedNode, buildServerBundle, createApiToken, sendJson, serveAdi, signInOverHttp } from './support/serve.ts';

// Issue #11, crash safety: `adi serve` as a child process under a mixed write load from several
// clients (membership applications and their submission, capacity reports, fund ledger entries and
// document uploads, each request with an Idempotency-Key) is killed with SIGKILL at seeded random
// moments, KILLS times, and restarted on the same data; every client retries each request whose
// answer it did not get, with the same key and body, until it is acknowledged. Afterwards
// `adi audit verify` and `adi ledger verify` pass, every acknowledged write is in the database
// exactly once with the id it was answered with, replayed keys answer as the first time, and the
// uploaded files' bytes are stored. Set ADI_CRASH_SEED to replay a run's kill moments.
//
// The server (and the verify commands) run from a bundle of the current sources, as `adi` does after
// `npm run build`: each start then takes about half as long as through tsx, and there are KILLS + 1.

/** SIGKILLs per run, on each engine (the issue asks for at least 20). */
const KILLS = 20;
const ON_POSTGRES = TEST_ENGINE === 'postgres';
/**
 * How long the load runs after each restart, from the first write the new server acknowledges to the
 * next kill (ms, seeded, uniform). An embedded server restarts more slowly than one on PostgreSQL (it
 * boots the engine and recovers the data folder), so on PGlite the load between kills is shorter, to
 * keep the run in the CI budget.
 */
const LOAD_BEFORE_KILL_MS: readonly [number, number] = ON_POSTGRES ? [300, 1500] : [100, 800];
const SEED = Number(process.env.ADI_CRASH_SEED ?? Math.floor(Math.random() * 2 ** 31));
/** Organizations the officer files membership applications for (one open application each); the membership clients stop when they run out. */
const APPLICANTS = ON_POSTGRES ? 160 : 40;
/** Company users, each filing capacity reports (with uploaded evidence) for its own organization. */
const COMPANIES = 2;
const LEDGER_CLIENTS = 2;
const MEMBERSHIP_CLIENTS = 2;
/** Attempts per request before the test gives up on it (each waits for the server to be back). */
const MAX_ATTEMPTS = 100;
/** Kopiykas on 1000.UAH.fund before the load, so that no disbursement overdraws it. */
const SEED_FUNDING = 100_000_000;
const CATEGORIES = ['uav', 'uav.fpv', 'uav.strike', 'uav.reconnaissance'];
const RUN = `crash-safety-${process.pid}-${Date.now()}`;
const PASSWORD = 'a very good crash-safety password';

let workDir: string;
let env: Record<string, string>;
let cleanup: (() => Promise<void>) | undefined;
let bundle: Awaited<ReturnType<typeof buildServerBundle>> | undefined;
const servers: ServedNode[] = [];

beforeAll(async () => {
  workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'adi-crash-safety-'));
  [{ env, cleanup }, bundle] = await Promise.all([createCliEnvironment(path.join(workDir, 'data')), buildServerBundle()]);
});
afterAll(async () => {
  for (const server of servers) server.kill();
  await Promise.all(servers.map((server) => server.exited));
  await cleanup?.();
  bundle?.remove();
  if (workDir) fs.rmSync(workDir, { recursive: true, force: true });
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

// The server ---------------------------------------------------------------------------------------

/** Milliseconds from spawning `adi serve` to its "listening" line, per start (the first included). */
const startTimes: number[] = [];
let node: ServedNode;
/** The address of the server running now, or (while it restarts after a kill) of the next one. */
let serverAddress: Promise<string>;

/** Starts `adi serve` on the test's data and keeps it for the clean-up. */
function startServer(): Promise<string> {
  const began = performance.now();
  node = serveAdi(env, [], bundle!.entry);
  servers.push(node);
  serverAddress = node.address.then((address) => {
    startTimes.push(performance.now() - began);
    return address;
  });
  return serverAddress;
}

/**
 * SIGKILLs the server and starts another on the same data. Clients see the next address as soon as
 * the kill is sent, so that a request that lost its answer waits for the new server.
 */
async function killAndRestart(): Promise<void> {
  const dying = node;
  let restarted!: (address: Promise<string>) => void;
  serverAddress = new Promise<string>((resolve) => (restarted = resolve));
  dying.kill('SIGKILL');
  await dying.exited;
  if (dying.child.signalCode !== 'SIGKILL') throw new Error(`the server ended by ${dying.child.exitCode ?? dying.child.signalCode}, not by the kill: ${dying.output()}`);
  const next = startServer();
  restarted(next);
  await next.catch((error: Error) => {
    throw new Error(`the server did not come back after SIGKILL (data recovery failed): ${error.message}`);
  });
}

// Writes and their acknowledgements -------------------------------------------------------------------

type Kind = 'entry' | 'document' | 'application' | 'submission' | 'report';
const KINDS: readonly Kind[] = ['entry', 'document', 'application', 'submission', 'report'];

/** One state-changing request: JSON, or a file as the body (an upload). */
interface WriteRequest {
  kind: Kind;
  key: string;
  token: string;
  url: string;
  json?: unknown;
  file?: Buffer;
}

/** A request the server answered with a 2xx, and that answer. */
interface Acknowledged extends WriteRequest {
  status: number;
  body: any;
  id: string;
  attempts: number;
}

const acknowledged: Acknowledged[] = [];
const failures: string[] = [];
const tally = { connectionErrors: 0, lostAnswersReplayed: 0, transient: 0 };
let inFlight = 0;

/** Sends a write with its Idempotency-Key; the status, parsed body and whether the answer was replayed. */
function send(base: string, request: WriteRequest) {
  const headers = { authorization: `Bearer ${request.token}`, 'idempotency-key': request.key };
  if (!request.file) return sendJson(base, 'POST', request.url, headers, request.json);
  return sendJson(base, 'POST', request.url, { ...headers, 'content-type': 'application/pdf' }, request.file);
}

/**
 * Sends the request, with the same key and body, until the server answers it with a 2xx: a
 * connection error (the server died under it, or is restarting) leaves its outcome unknown, so it is
 * sent again to whichever server runs by then. Any other answer is recorded as a failure.
 */
async function untilAcknowledged(request: WriteRequest): Promise<Acknowledged | undefined> {
  let last = '';
  for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
    const base = await serverAddress;
    let answer: Awaited<ReturnType<typeof send>>;
    inFlight += 1;
    try {
      answer = await send(base, request);
    } catch (error) {
      tally.connectionErrors += 1;
      last = String(error);
      await sleep(20);
      continue;
    } finally {
      inFlight -= 1;
    }
    if (answer.status >= 200 && answer.status < 300) {
      // A replay on a retry: the first attempt was committed, but its answer was lost in the crash.
      if (answer.replayed) tally.lostAnswersReplayed += 1;
      const ack: Acknowledged = { ...request, status: answer.status, body: answer.body, id: answer.body.id, attempts: attempt };
      acknowledged.push(ack);
      return ack;
    }
    last = `${answer.status} ${answer.text}`;
    // Unavailable, or a same-key request of the killed server still holding the key: try again.
    if (answer.status === 503 || (answer.status === 409 && answer.body?.code === 'conflict' && /Idempotency-Key/.test(answer.body?.detail ?? ''))) {
      tally.transient += 1;
      await sleep(50);
      continue;
    }
    break;
  }
  failures.push(`${request.kind} ${request.key}: ${last}`);
  return undefined;
}

// The clients ------------------------------------------------------------------------------------

let loadRunning = true;
const counters = { entry: 0, application: 0, report: new Array<number>(COMPANIES).fill(0) };

/** A ledger entry: mostly funding (debit the bank, credit the budget), every third a small disbursement out of the bank. */
function ledgerEntry(token: string, n: number): WriteRequest {
  const key = `${RUN}-entry-${n}`;
  const amount = 100 + n;
  const disbursement = n % 3 === 2;
  const postings = disbursement
    ? [
        { account: '5000.UAH.disbursements', direction: 'debit', amount },
        { account: '1000.UAH.fund', direction: 'credit', amount },
      ]
    : [
        { account: '1000.UAH.fund', direction: 'debit', amount },
        { account: '4200.UAH.budget', direction: 'credit', amount },
      ];
  return { kind: 'entry', key, token, url: '/api/v1/fund/ledger/entries', json: { currency: 'UAH', description: `crash-safety ${key}`, referenceType: disbursement ? 'disbursement' : 'budget', postings } };
}

/** An upload whose file name is its key (the marker the database check looks for) and whose bytes are unique to it. */
function upload(token: string, organizationId: string, key: string, type: string): WriteRequest {
  return { kind: 'document', key, token, url: `/api/v1/organizations/${organizationId}/documents?type=${type}&fileName=${key}.pdf`, file: minimalPdf(key) };
}

/** The fund officer books entries until the load stops. */
async function ledgerClient(token: string) {
  while (loadRunning) await untilAcknowledged(ledgerEntry(token, counters.entry++));
}

/** The officer files for one company after another: uploads its plan, starts the application, submits it. */
async function membershipClient(token: string, applicants: string[]) {
  while (loadRunning) {
    const n = counters.application++;
    if (n >= applicants.length) return;
    const key = `${RUN}-application-${n}`;
    const plan = await untilAcknowledged(upload(token, applicants[n], `${key}-plan`, 'localization_plan'));
    if (!plan) continue;
    const body = { organizationId: applicants[n], ...completePlan([plan.id]), planSummary: `crash-safety ${key}` };
    const application = await untilAcknowledged({ kind: 'application', key, token, url: '/api/v1/membership/applications', json: body });
    if (!application) continue;
    await untilAcknowledged({ kind: 'submission', key: `${key}-submit`, token, url: `/api/v1/membership/applications/${application.id}/transitions`, json: { action: 'submit', version: application.body.version } });
  }
}

/** A company reports capacity per category and quarter, every other report with a piece of evidence uploaded first. */
async function companyClient(token: string, c: number, organizationId: string) {
  while (loadRunning) {
    const n = counters.report[c]++;
    const key = `${RUN}-company${c}-report-${n}`;
    let evidenceDocumentIds: string[] = [];
    if (n % 2 === 0) {
      const evidence = await untilAcknowledged(upload(token, organizationId, `${key}-evidence`, 'other'));
      if (!evidence) continue;
      evidenceDocumentIds = [evidence.id];
    }
    const period = `${2000 + Math.floor(n / 16)}-Q${(Math.floor(n / 4) % 4) + 1}`;
    const body = { categoryCode: CATEGORIES[n % 4], period, domesticOutput: 10 + n, capacity: 20 + n, importedContentPercent: n % 100, evidenceDocumentIds, note: `crash-safety ${key}` };
    await untilAcknowledged({ kind: 'report', key, token, url: '/api/v1/localization/capacity-reports', json: body });
  }
}

// Set-up -----------------------------------------------------------------------------------------

const emailOf = (who: string) => `${who}.crash-safety@test.adi.example`;

/**
 * Writes the actors straight into the database before the server starts (on PGlite the data folder
 * belongs to one process at a time; and each `adi user create` would cost a process start): the
 * applicant organizations, a company user with an organization of its own per company, an officer
 * and a fund officer. The applicants' and the companies' organization ids.
 */
async function createActors(): Promise<{ applicants: string[]; companies: string[] }> {
  const database = await openDatabase(databaseTargetFor({ databaseUrl: env.DATABASE_URL, dataDir: env.ADI_DATA_DIR }));
  try {
    const organizations: string[] = [];
    // Ten at a time (PostgreSQL's pool takes them side by side; PGlite's one connection in turn).
    for (let i = 0; i < APPLICANTS + COMPANIES; i += 10) {
      const names = Array.from({ length: Math.min(10, APPLICANTS + COMPANIES - i) }, (_, j) => `${RUN} Works ${String(i + j).padStart(3, '0')}`);
      const created = await Promise.all(names.map((name) => createOrganization(database.db, SYSTEM_ACTOR, { name, nameUk: name, country: 'UA', kind: 'manufacturer', addresses: [], contacts: [], capabilities: [], identifiers: [] })));
      organizations.push(...created.map((organization) => organization.id));
    }
    const companies = organizations.slice(APPLICANTS);
    const users: Array<{ who: string; roles: Role[]; organizationId: string | null }> = [
      { who: 'officer', roles: ['officer'], organizationId: null },
      { who: 'fund', roles: ['fund_officer'], organizationId: null },
      ...companies.map((organizationId, c) => ({ who: `company${c}`, roles: ['company'] as Role[], organizationId })),
    ];
    for (const { who, roles, organizationId } of users) await createUser(database.db, SYSTEM_ACTOR, { email: emailOf(who), displayName: who, roles, organizationId, password: PASSWORD });
    return { applicants: organizations.slice(0, APPLICANTS), companies };
  } finally {
    await database.close();
  }
}

/** Resolves once more than `count` writes are acknowledged (the load runs on the server now up). */
async function loadRuns(count: number): Promise<void> {
  for (let waited = 0; acknowledged.length <= count; waited += 10) {
    if (waited > 60_000) throw new Error(`no write was acknowledged within a minute of a restart: ${failures.join('\n')}`);
    await sleep(10);
  }
}

/** The middle value of a list of numbers. */
function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

function expectCliOk(result: CliResult, what: string) {
  expect.soft(result.code, `${what}: ${result.stdout}\n${result.stderr}`).toBe(0);
}

describe('crash safety (issue #11)', { timeout: 600_000 }, () => {
  it(`keeps every acknowledged write exactly once through ${KILLS} SIGKILLs under a mixed load retried with Idempotency-Keys; audit and ledger verify`, async () => {
    const began = performance.now();
    const { applicants, companies } = await createActors();
    const actorsWritten = performance.now();
    const base = await startServer();
    const tokenOf = async (who: string) => createApiToken(base, await signInOverHttp(base, emailOf(who), PASSWORD), 'crash-safety load');
    const [officer, fund, ...companyTokens] = await Promise.all(['officer', 'fund', ...companies.map((_, c) => `company${c}`)].map(tokenOf));
    const seed = await untilAcknowledged({
      kind: 'entry',
      key: `${RUN}-entry-seed`,
      token: fund,
      url: '/api/v1/fund/ledger/entries',
      json: {
        currency: 'UAH',
        description: `crash-safety ${RUN}-entry-seed`,
        referenceType: 'budget',
        postings: [
          { account: '1000.UAH.fund', direction: 'debit', amount: SEED_FUNDING },
          { account: '4200.UAH.budget', direction: 'credit', amount: SEED_FUNDING },
        ],
      },
    });
    expect(seed?.status, failures.join('\n')).toBe(201);
    const setUp = performance.now();

    // The load, and the kills: once a new server has acknowledged a write, the load runs on for a
    // seeded random while, then SIGKILL.
    const random = seededRandom(SEED);
    const loadBeforeKill = () => LOAD_BEFORE_KILL_MS[0] + Math.floor(random() * (LOAD_BEFORE_KILL_MS[1] - LOAD_BEFORE_KILL_MS[0]));
    const inFlightAtKills: number[] = [];
    const ackedBetweenKills: number[] = [];
    const chaos = async () => {
      let ackedBefore = acknowledged.length;
      for (let kill = 0; kill < KILLS; kill++) {
        await serverAddress;
        await loadRuns(ackedBefore);
        await sleep(loadBeforeKill());
        inFlightAtKills.push(inFlight);
        ackedBetweenKills.push(acknowledged.length - ackedBefore);
        ackedBefore = acknowledged.length;
        await killAndRestart();
      }
      // The load goes on a while on the last server, so that every retry lands, then stops.
      await loadRuns(ackedBefore);
      await sleep(loadBeforeKill());
      loadRunning = false;
    };
    const clients = [
      ...Array.from({ length: LEDGER_CLIENTS }, () => ledgerClient(fund)),
      ...Array.from({ length: MEMBERSHIP_CLIENTS }, () => membershipClient(officer, applicants)),
      ...companies.map((organizationId, c) => companyClient(companyTokens[c], c, organizationId)),
    ];
    await Promise.all([chaos(), ...clients]);
    const loadEnded = performance.now();
    // Soft assertions from here on: a failing run reports every kind of damage at once.
    expect.soft(failures).toEqual([]);
    expect(inFlightAtKills).toHaveLength(KILLS);
    const count = (kind: Kind) => acknowledged.filter((ack) => ack.kind === kind).length;
    for (const kind of KINDS) expect(count(kind), `acknowledged ${kind} writes`).toBeGreaterThan(0);

    // Replays: acknowledged keys answer the first answer again, marked as replayed; an upload's key
    // with other bytes or another file name is refused (the same key for a different request).
    const finalBase = await serverAddress;
    const samples = KINDS.flatMap((kind) => {
      const ofKind = acknowledged.filter((ack) => ack.kind === kind);
      return [ofKind[0], ofKind[Math.floor(ofKind.length / 2)], ofKind[ofKind.length - 1]];
    });
    for (const sample of samples) {
      const again = await send(finalBase, sample);
      expect.soft({ key: sample.key, status: again.status, replayed: again.replayed, body: again.body }).toEqual({ key: sample.key, status: sample.status, replayed: true, body: sample.body });
    }
    const uploaded = acknowledged.find((ack) => ack.kind === 'document')!;
    for (const changed of [{ ...uploaded, file: minimalPdf(`${uploaded.key}-changed`) }, { ...uploaded, url: uploaded.url.replace('.pdf', '-renamed.pdf') }]) {
      const refused = await send(finalBase, changed);
      expect.soft({ status: refused.status, code: refused.body.code }).toEqual({ status: 409, code: 'idempotency_conflict' });
    }
    expect(await node.stop(), node.output()).toBe(0);
    const stopped = performance.now();

    // The data verifies with the server stopped.
    const verify = () => runAdi(['audit', 'verify'], env, undefined, bundle!.entry);
    const books = () => runAdi(['ledger', 'verify'], env, undefined, bundle!.entry);
    const [audit, ledger] = ON_POSTGRES ? await Promise.all([verify(), books()]) : [await verify(), await books()];
    expectCliOk(audit, 'adi audit verify');
    expectCliOk(ledger, 'adi ledger verify');
    // The ledger holds the run's entries only (a fresh database): one per acknowledged entry.
    expect.soft(ledger.stdout).toMatch(new RegExp(`verified \\d+ accounts, ${count('entry')} entries and `));
    const verified = performance.now();

    // Every acknowledged write is stored exactly once, with the id it was answered with, and nothing
    // else of the run is: a write done twice (a retry that did not replay) shows as a second row with
    // its marker, or as a refusal the client recorded (a second application for one organization, a
    // submission of a version that moved on, a second report for one quarter).
    const database = await openDatabase(databaseTargetFor({ databaseUrl: env.DATABASE_URL, dataDir: env.ADI_DATA_DIR }));
    try {
      const db = database.db;
      const like = (prefix: string) => `${prefix}${RUN}-%`;
      const stored: Record<Kind, RawBuilder<{ marker: string; id: string }>> = {
        entry: sql`select description as marker, id::text as id from ledger_entries where description like ${like('crash-safety ')}`,
        document: sql`select file_name as marker, id::text as id from documents where file_name like ${like('')}`,
        application: sql`select plan_summary as marker, id::text as id from membership_applications where plan_summary like ${like('crash-safety ')}`,
        // One transition into `submitted` per submitted application.
        submission: sql`select t.application_id::text as marker, t.application_id::text as id from membership_transitions t join membership_applications a on a.id = t.application_id
          where t.to_status = 'submitted' and a.plan_summary like ${like('crash-safety ')}`,
        report: sql`select note as marker, id::text as id from capacity_reports where note like ${like('crash-safety ')}`,
      };
      const markerOf = (ack: Acknowledged): string =>
        ({ entry: `crash-safety ${ack.key}`, document: `${ack.key}.pdf`, application: `crash-safety ${ack.key}`, submission: ack.id, report: `crash-safety ${ack.key}` })[ack.kind];
      for (const kind of KINDS) {
        const rows = (await stored[kind].execute(db)).rows;
        const byMarker = new Map<string, string[]>();
        for (const row of rows) byMarker.set(row.marker, [...(byMarker.get(row.marker) ?? []), row.id]);
        const acks = acknowledged.filter((ack) => ack.kind === kind);
        const wrong = acks.flatMap((ack) => {
          const ids = byMarker.get(markerOf(ack)) ?? [];
          const sampled = samples.includes(ack) ? ' (a replayed sample)' : '';
          return ids.length === 1 && ids[0] === ack.id ? [] : [`${ack.key}${sampled}: answered ${ack.id}, stored ${JSON.stringify(ids)}`];
        });
        expect.soft(wrong, `${kind} writes not stored exactly once`).toEqual([]);
        expect.soft(rows.length, `${kind} rows of the run against acknowledged ${kind} writes`).toBe(acks.length);
      }

      // Each write's audit event is in the log once (no side effect of a write happened twice).
      const auditAction: Record<Kind, string> = {
        entry: 'fund.ledger.entry_posted',
        document: 'document.uploaded',
        application: 'membership.created',
        submission: 'membership.submit',
        report: 'localization.capacity_reported',
      };
      const events = await sql<{ target_id: string; action: string; n: number }>`select target_id, action, count(*)::int as n from audit_events
        where action in (${sql.join(Object.values(auditAction))}) and target_id in (${sql.join(acknowledged.map((ack) => ack.id))}) group by target_id, action`.execute(db);
      const eventCount = new Map(events.rows.map((row) => [`${row.action} ${row.target_id}`, row.n]));
      expect.soft(acknowledged.filter((ack) => eventCount.get(`${auditAction[ack.kind]} ${ack.id}`) !== 1).map((ack) => `${ack.kind} ${ack.key}: ${eventCount.get(`${auditAction[ack.kind]} ${ack.id}`) ?? 0} events`)).toEqual([]);

      // Each acknowledged key keeps the answer it was acknowledged with (stored in the write's own
      // transaction), so any later retry replays it instead of writing again.
      const keys = new Map(
        (await sql<{ key: string; status_code: number; response_body: string }>`select key, status_code, response_body from idempotency_keys where key like ${like('')}`.execute(db)).rows.map((row) => [row.key, row]),
      );
      expect
        .soft(acknowledged.filter((ack) => keys.get(ack.key)?.status_code !== ack.status || JSON.parse(keys.get(ack.key)?.response_body ?? '{}').id !== ack.id).map((ack) => `${ack.kind} ${ack.key}`))
        .toEqual([]);

      // Each application is in the state its last acknowledged answer gave.
      const applications = new Map(
        (await sql<{ id: string; status: string; version: number }>`select id::text as id, status, version from membership_applications where plan_summary like ${like('crash-safety ')}`.execute(db)).rows.map((row) => [row.id, row]),
      );
      const lastAnswer = new Map(acknowledged.filter((ack) => ack.kind === 'application' || ack.kind === 'submission').map((ack) => [ack.id, ack.body as { status: string; version: number }]));
      expect.soft([...lastAnswer].filter(([id, answer]) => applications.get(id)?.status !== answer.status || applications.get(id)?.version !== answer.version)).toEqual([]);

      // Every uploaded file's bytes are stored under their hash.
      const blobs = new BlobStore(env.ADI_DATA_DIR);
      const hashes = new Map((await sql<{ id: string; sha256: string }>`select id::text as id, sha256 from documents where file_name like ${like('')}`.execute(db)).rows.map((row) => [row.id, row.sha256]));
      const badFiles = acknowledged
        .filter((ack) => ack.kind === 'document')
        .flatMap((ack) => {
          const expected = sha256Hex(ack.file!);
          if (hashes.get(ack.id) !== expected) return [`${ack.key}: stored hash ${hashes.get(ack.id)}, sent ${expected}`];
          const file = blobs.pathOf(expected);
          return fs.existsSync(file) && sha256Hex(fs.readFileSync(file)) === expected ? [] : [`${ack.key}: the file ${file} is missing or altered`];
        });
      expect.soft(badFiles).toEqual([]);
    } finally {
      await database.close();
    }

    const retries = acknowledged.reduce((sum, ack) => sum + ack.attempts - 1, 0);
    const restarts = startTimes.slice(1);
    console.info(
      `crash safety (${TEST_ENGINE}, ADI_CRASH_SEED=${SEED}): ${KILLS} kills (${inFlightAtKills.filter((n) => n > 0).length} with requests in flight, ` +
        `${Math.min(...ackedBetweenKills)}–${Math.max(...ackedBetweenKills)} writes acknowledged between kills); acknowledged ` +
        `${KINDS.map((kind) => `${count(kind)} ${kind === 'entry' ? 'entries' : `${kind}s`}`).join(', ')}; ${retries} retries ` +
        `(${tally.connectionErrors} connection errors, ${tally.lostAnswersReplayed} lost answers replayed, ${tally.transient} transient refusals); ` +
        `restart ${seconds(median(restarts))} median (${seconds(Math.min(...restarts))}–${seconds(Math.max(...restarts))}); ` +
        `set-up ${seconds(setUp - began)} (actors ${seconds(actorsWritten - began)}), load ${seconds(loadEnded - setUp)}, checks ${seconds(performance.now() - loadEnded)} ` +
        `(verify ${seconds(verified - stopped)}); load average ${os.loadavg()[0].toFixed(1)}`,
    );
  });
});
