import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { type RawBuilder, sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../src/core/access.ts';
import { type DatabaseHandle, openDatabase } from '../src/db/database.ts';
import { SYSTEM_ACTOR, verifyAuditLog } from '../src/modules/audit/service.ts';
import { signerFromSeed } from '../src/modules/audit/signing.ts';
import { createUser } from '../src/modules/identity/service.ts';
import { createOrganization } from '../src/modules/registry/service.ts';
import { totpCode } from './support/app.ts';
import { createCliEnvironment } from './support/database.ts';
import { type HttpSession, type ServedNode, sendJson, serveAdi, sessionCookie, signInOverHttp } from './support/serve.ts';

// Issue #11: two `adi serve` processes on one PostgreSQL database, as behind a load balancer. Sessions,
// background jobs, audit checkpoints and state transitions must not depend on which node answers.

const ORGANIZATIONS = 40;
const REPORTS = 8;
const PASSWORD = 'a very good two-node password';
// Every node of an installation gets the same keys (docs/operations.md, "Scaling out").
const KEYS = { ADI_AUDIT_KEY: randomBytes(32).toString('hex'), ADI_SECRET_KEY: randomBytes(32).toString('hex') };
const WATCH_LIST_HEADER = 'id,schema,name,aliases,birth_date,countries,identifiers';
const WATCHED_PERSON = 'p1,Person,Зеленський Олександр Петрович,Zelenskyi Oleksandr,1971-03-14,UA,';
const WATCHED_COMPANY = 'c1,Organization,ТОВ «Байкал Трейд»,Baikal Trade LLC,,RU,';

let workDir: string;
let env: Record<string, string>;
let cleanup: (() => Promise<void>) | undefined;
let database: DatabaseHandle | undefined;
let nodeA: ServedNode;
let nodeB: ServedNode;
let a: string;
let b: string;
let companyOrganizationId: string;
let watchedOrganizationId: string;
let officer: HttpSession;
const started = Date.now();

const email = (who: string) => `${who}.two-nodes@test.adi.example`;
const count = async (query: RawBuilder<{ n: number }>) => Number((await query.execute(database!.db)).rows[0].n);

async function makeUser(who: string, roles: Role[], organizationId: string | null = null) {
  await createUser(database!.db, SYSTEM_ACTOR, { email: email(who), displayName: who, roles, organizationId, password: PASSWORD });
}

/** Waits until no background job is queued (both nodes' workers poll every 2 s). */
async function jobsDrained() {
  await expect.poll(() => count(sql`select count(*)::int as n from background_jobs where status = 'queued'`), { timeout: 30_000, interval: 250 }).toBe(0);
}

/**
 * A test-only trigger logs every job a worker marks done, with the node (its connection's
 * application_name) that ran it, and holds the job 50 ms longer: a batch then outlasts a node's 2 s
 * poll interval, so both nodes' workers are on the queue at once.
 */
async function recordJobRuns(handle: DatabaseHandle) {
  await sql`create table test_job_runs (job_id uuid not null, node text not null)`.execute(handle.db);
  await sql`create function test_record_job_run() returns trigger language plpgsql as $$
    begin
      insert into test_job_runs values (new.id, current_setting('application_name'));
      perform pg_sleep(0.05);
      return null;
    end $$`.execute(handle.db);
  await sql`create trigger test_record_job_run after update on background_jobs for each row when (new.status = 'done') execute function test_record_job_run()`.execute(handle.db);
}

describe.skipIf(!process.env.TEST_DATABASE_URL)('two app nodes on one PostgreSQL database (needs TEST_DATABASE_URL: an embedded database has one process)', { timeout: 120_000 }, () => {
  beforeAll(async () => {
    workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'adi-two-nodes-'));
    ({ env, cleanup } = await createCliEnvironment(path.join(workDir, 'data')));
    env = { ...env, ...KEYS, ADI_CHECKPOINT_INTERVAL_SECONDS: '1' };
    database = await openDatabase({ kind: 'postgres', url: env.DATABASE_URL, poolSize: 2 });
    await recordJobRuns(database);
    // Both nodes start while the fixtures are written: their start-up (migrations check, the daily
    // compliance sweep queued by each) runs concurrently, as when a load balancer's pool restarts.
    // Each names itself to PostgreSQL, so the job log can tell which node ran what.
    const named = (name: string) => {
      const url = new URL(env.DATABASE_URL);
      url.searchParams.set('application_name', name);
      return { ...env, DATABASE_URL: url.toString() };
    };
    nodeA = serveAdi(named('node-a'));
    nodeB = serveAdi(named('node-b'));
    const company = await createOrganization(database.db, SYSTEM_ACTOR, { name: 'Two Nodes Works LLC', nameUk: 'Два Вузли', country: 'UA', kind: 'manufacturer', addresses: [], contacts: [], capabilities: [], identifiers: [] });
    companyOrganizationId = company.id;
    for (let i = 1; i < ORGANIZATIONS; i++) {
      const name = i === 1 ? 'Baikal Trade LLC' : `Two Nodes Supplier ${String(i).padStart(3, '0')}`;
      const organization = await createOrganization(database.db, SYSTEM_ACTOR, { name, nameUk: name, country: i === 1 ? 'CY' : 'UA', kind: 'manufacturer', addresses: [], contacts: [], capabilities: [], identifiers: [] });
      if (i === 1) watchedOrganizationId = organization.id;
    }
    await makeUser('company', ['company'], company.id);
    await makeUser('officer', ['officer']);
    await makeUser('admin', ['admin']);
    [a, b] = await Promise.all([nodeA.address, nodeB.address]);
  });
  afterAll(async () => {
    nodeA?.kill();
    nodeB?.kill();
    await Promise.all([nodeA?.exited, nodeB?.exited]);
    await database?.close();
    await cleanup?.();
    if (workDir) fs.rmSync(workDir, { recursive: true, force: true });
  });

  it('a session signed in on node A works on node B, and signing out on B ends it on A', async () => {
    expect(a).not.toBe(b);
    const company = await signInOverHttp(a, email('company'), PASSWORD);
    const onB = await sendJson(b, 'GET', '/api/v1/auth/me', { cookie: company.cookie });
    expect(onB.status, onB.text).toBe(200);
    expect(onB.body).toMatchObject({ user: { email: email('company') }, session: { stage: 'full', csrfToken: company.csrf } });
    // A write on B with the cookie and CSRF token that A issued.
    const token = await sendJson(b, 'POST', '/api/v1/auth/tokens', company.headers, { name: 'made on node B' });
    expect(token.status, token.text).toBe(201);

    const out = await sendJson(b, 'POST', '/api/v1/auth/logout', company.headers);
    expect(out.status, out.text).toBe(204);
    for (const base of [a, b]) {
      const after = await sendJson(base, 'GET', '/api/v1/auth/me', { cookie: company.cookie });
      expect(after.status).toBe(401);
      expect(after.body.code).toBe('unauthenticated');
    }
    expect(await count(sql`select count(*)::int as n from audit_events where action = 'auth.logout' and actor_label like ${`%${email('company')}%`}`)).toBe(1);
  });

  it('two-factor enrolment started on A finishes on B, and one TOTP code signs in once even when sent to both nodes at the same moment', async () => {
    const login = await fetch(`${a}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: email('officer'), password: PASSWORD }) });
    expect(login.status).toBe(200);
    const enrolling = { cookie: sessionCookie(login), csrf: ((await login.json()) as { session: { csrfToken: string } }).session.csrfToken };
    const headers = { cookie: enrolling.cookie, 'x-csrf-token': enrolling.csrf };
    const setup = await sendJson(a, 'POST', '/api/v1/auth/totp/setup', headers);
    expect(setup.status, setup.text).toBe(200);
    const secret = setup.body.secret as string;
    const enabled = await fetch(`${b}/api/v1/auth/totp/enable`, { method: 'POST', headers: { ...headers, 'content-type': 'application/json' }, body: JSON.stringify({ code: await totpCode(secret) }) });
    expect(enabled.status).toBe(200);

    // The next code (one step ahead: the current one was just used to enable), sent to both nodes at once.
    const code = await totpCode(secret, 1);
    const attempts = await Promise.all(
      [a, b].map((base) => fetch(`${base}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: email('officer'), password: PASSWORD, totp: code }) })),
    );
    expect(attempts.map((r) => r.status).sort()).toEqual([200, 401]);
    const won = attempts.find((r) => r.status === 200)!;
    const me = (await won.json()) as { session: { stage: string; csrfToken: string } };
    expect(me.session.stage).toBe('full');
    const cookie = sessionCookie(won);
    officer = { cookie, csrf: me.session.csrfToken, totpSecret: secret, headers: { cookie, 'x-csrf-token': me.session.csrfToken } };
    expect(await count(sql`select count(*)::int as n from audit_events where action = 'auth.login_failed' and details ->> 'email' = ${email('officer')} and details ->> 'reason' = 'replayed_totp'`)).toBe(1);
  });

  it('the same transition sent to both nodes at the same moment with the same version: one 200, one 409, one audit event', async () => {
    const company = await signInOverHttp(b, email('company'), PASSWORD);
    const periods = ['2026-Q1', '2026-Q2', '2026-Q3', '2026-Q4', '2027-Q1', '2027-Q2', '2027-Q3', '2027-Q4'].slice(0, REPORTS);
    const outcomes: Array<{ id: string; winner: 'A' | 'B'; decision: string }> = [];
    for (const [i, period] of periods.entries()) {
      // Filing: one request sent to both nodes with the same Idempotency-Key books one report.
      const body = { categoryCode: 'uav.strike', period, domesticOutput: 10 + i, capacity: 20 + i, importedContentPercent: 15 };
      const filed = await Promise.all([a, b].map((base) => sendJson(base, 'POST', '/api/v1/localization/capacity-reports', { ...company.headers, 'idempotency-key': `file-${period}` }, body)));
      expect(filed.map((r) => r.status), filed.map((r) => r.text).join('\n')).toEqual([201, 201]);
      expect(filed[0].body.id).toBe(filed[1].body.id);
      expect(filed.filter((r) => r.replayed)).toHaveLength(1);
      const { id, version } = filed[0].body as { id: string; version: number };

      // The race: A confirms, B confirms (even rounds) or returns (odd rounds), both from version 1.
      const decisionB = i % 2 === 0 ? { path: 'confirm', body: { version } } : { path: 'return', body: { version, reason: 'Attach the production log.' } };
      const [onA, onB] = await Promise.all([
        sendJson(a, 'POST', `/api/v1/localization/capacity-reports/${id}/confirm`, { ...officer.headers, 'idempotency-key': `confirm-A-${period}` }, { version }),
        sendJson(b, 'POST', `/api/v1/localization/capacity-reports/${id}/${decisionB.path}`, { ...officer.headers, 'idempotency-key': `${decisionB.path}-B-${period}` }, decisionB.body),
      ]);
      expect([onA.status, onB.status].sort(), `${onA.text}\n${onB.text}`).toEqual([200, 409]);
      const loser = onA.status === 409 ? onA : onB;
      expect(['conflict', 'invalid_transition']).toContain(loser.body.code);
      const winner = onA.status === 200 ? onA : onB;
      expect(winner.body).toMatchObject({ id, version: version + 1 });
      outcomes.push({ id, winner: onA.status === 200 ? 'A' : 'B', decision: winner.body.status });

      const stored = await sendJson(a, 'GET', `/api/v1/localization/capacity-reports/${id}`, { cookie: officer.cookie });
      expect(stored.body).toMatchObject({ status: winner.body.status, version: version + 1 });
      expect(await count(sql`select count(*)::int as n from audit_events where target_id = ${id} and action in ('localization.capacity_confirmed', 'localization.capacity_returned')`)).toBe(1);
      expect(await count(sql`select count(*)::int as n from audit_events where target_id = ${id} and action = 'localization.capacity_reported'`)).toBe(1);
    }
    // One message to the company per decided report, none for the refused requests.
    expect(await count(sql`select count(*)::int as n from email_outbox where organization_id = ${companyOrganizationId} and subject like '%Capacity report%'`)).toBe(REPORTS);
    console.info(`two nodes, transitions: ${REPORTS} races, node A won ${outcomes.filter((o) => o.winner === 'A').length}, node B ${outcomes.filter((o) => o.winner === 'B').length}`);
  });

  it('background jobs queued by list imports on both nodes run exactly once; checkpoints never sign a range twice; the audit log verifies', async () => {
    const admin = await signInOverHttp(a, email('admin'), PASSWORD);
    const importList = async (base: string, rows: string[], key: string) => {
      const content = [WATCH_LIST_HEADER, ...rows].join('\n');
      const imported = await sendJson(base, 'POST', '/api/v1/screening/lists', { ...admin.headers, 'idempotency-key': key }, { format: 'simple-csv', source: 'watch', files: [{ name: 'watch.csv', content }] });
      expect(imported.status, imported.text).toBe(201);
      return imported.body.list.versionId as string;
    };
    const screeningJobCount = () => count(sql`select count(*)::int as n from background_jobs where queue = 'screening.organization'`);
    // New organizations were queued for screening when created; wait for those first.
    await jobsDrained();
    const before = await screeningJobCount();
    // Version 1 through A: every organization is queued for re-screening; both nodes' workers take them
    // and build their screening index for version 1.
    await importList(a, [WATCHED_PERSON], 'list-v1');
    expect(await screeningJobCount()).toBe(before + ORGANIZATIONS);
    await jobsDrained();
    // Version 2 through B adds an entry that names one organization: each node must notice that its
    // index is stale (it reads the current versions from the database) and open one case.
    const v2 = await importList(b, [WATCHED_PERSON, WATCHED_COMPANY], 'list-v2');
    expect(await screeningJobCount()).toBe(before + 2 * ORGANIZATIONS);
    await jobsDrained();

    const jobs = (await sql<{ id: string; queue: string; job_key: string; status: string; attempts: number; last_error: string | null }>`
      select id, queue, job_key, status, attempts, last_error from background_jobs`.execute(database!.db)).rows;
    const screeningJobs = jobs.filter((j) => j.queue === 'screening.organization');
    expect(jobs.filter((j) => j.status !== 'done' || j.attempts !== 1 || j.last_error !== null)).toEqual([]);
    // Marked done once each, and both nodes did part of the work.
    const runs = (await sql<{ job_id: string; node: string }>`select job_id, node from test_job_runs`.execute(database!.db)).rows;
    expect(runs).toHaveLength(jobs.length);
    expect(new Set(runs.map((r) => r.job_id)).size).toBe(jobs.length);
    const perNode = Object.fromEntries(['node-a', 'node-b'].map((node) => [node, runs.filter((r) => r.node === node).length]));
    expect(perNode['node-a'] + perNode['node-b']).toBe(jobs.length);
    expect(perNode['node-a']).toBeGreaterThan(0);
    expect(perNode['node-b']).toBeGreaterThan(0);
    // Each screening job ran once: one 'screened' event per job, per organization; the last one read version 2.
    const screened = (await sql<{ target_id: string; n: number; last_versions: string[] }>`
      select target_id, count(*)::int as n, (array_agg(details -> 'listVersions' order by seq desc))[1] as last_versions
      from audit_events where action = 'screening.organization.screened' group by target_id`.execute(database!.db)).rows;
    const jobsPerOrganization = new Map<string, number>();
    for (const job of screeningJobs) jobsPerOrganization.set(job.job_key, (jobsPerOrganization.get(job.job_key) ?? 0) + 1);
    expect(new Map(screened.map((r) => [r.target_id, Number(r.n)]))).toEqual(jobsPerOrganization);
    expect(screened.filter((r) => JSON.stringify(r.last_versions) !== JSON.stringify([v2])).map((r) => r.target_id)).toEqual([]);
    expect(await count(sql`select count(*)::int as n from screening_runs`)).toBe(ORGANIZATIONS);
    expect(await count(sql`select count(*)::int as n from screening_cases`)).toBe(1);
    expect(await count(sql`select count(*)::int as n from screening_case_organizations where organization_id = ${watchedOrganizationId}`)).toBe(1);
    expect(await count(sql`select count(*)::int as n from audit_events where action = 'screening.case.opened'`)).toBe(1);
    // Each node queued the day's compliance sweep at start-up: one row while it waited, two if the first
    // had already run; each ran once (the sweep's own records make a second run change nothing).
    const sweeps = jobs.filter((j) => j.queue === 'regime.compliance_sweep');
    expect(sweeps.length).toBeGreaterThanOrEqual(1);
    expect(sweeps.length).toBeLessThanOrEqual(2);

    // Both nodes sign a checkpoint every second when the log has grown: the ranges follow one another
    // with no overlap and no gap.
    const checkpoints = (await sql<{ seq: string; from_seq: string }>`select c.seq::text as seq, c.from_seq::text as from_seq from audit_checkpoints c order by c.seq`.execute(database!.db)).rows;
    expect(checkpoints.length).toBeGreaterThanOrEqual(2);
    checkpoints.forEach((cp, i) => expect(Number(cp.from_seq), `checkpoint ${cp.seq}`).toBe(i === 0 ? 1 : Number(checkpoints[i - 1].seq) + 1));

    expect(await nodeA.stop()).toBe(0);
    expect(await nodeB.stop()).toBe(0);
    // What `adi audit verify` checks (in process: a CLI start costs seconds), with the nodes' key.
    const signer = await signerFromSeed(Buffer.from(KEYS.ADI_AUDIT_KEY, 'hex'));
    const verified = await verifyAuditLog(database!.db, [signer.publicKeyHex]);
    expect(verified).toMatchObject({ ok: true });
    expect(verified.checkpoints).toBeGreaterThanOrEqual(checkpoints.length);
    console.info(
      `two nodes, jobs: ${jobs.length} jobs (${screeningJobs.length} screening, ${sweeps.length} sweep), each done once, ${perNode['node-a']} by node A and ${perNode['node-b']} by node B; ${verified.checkpoints} checkpoints over ${verified.events} events in ${((Date.now() - started) / 1000).toFixed(1)} s`,
    );
  });
});
