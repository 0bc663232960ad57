import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Caller, type TestApp, createTestApp, makeOrganization, signedInCaller } from '../../../test/support/app.ts';
import { act, completePlan, makeApplicant } from '../../../test/support/membership.ts';
import { runQueuedJobs } from '../jobs/service.ts';

// Cases through the real stack: an organization is screened with its holding companies, owners and
// officers; hits become cases an analyst decides; a confirmed hit blocks applications; list imports
// and registry changes re-screen in the background, and a dismissal survives unless the entry changed.

let t: TestApp;
let admin: Caller;
let analyst: Caller;
let officer: Caller;
let auditor: Caller;

beforeAll(async () => {
  t = await createTestApp();
  [admin, analyst, officer, auditor] = await Promise.all([signedInCaller(t, ['admin']), signedInCaller(t, ['analyst']), signedInCaller(t, ['officer']), signedInCaller(t, ['auditor'])]);
});
afterAll(async () => t?.close());

let keyCounter = 0;
function post(caller: Caller, url: string, payload?: unknown) {
  return t.app.inject({ method: 'POST', url, headers: { ...caller.headers, 'idempotency-key': `cases-${++keyCounter}` }, ...(payload === undefined ? {} : { payload: payload as object }) });
}
function get(caller: Caller, url: string) {
  return t.app.inject({ method: 'GET', url, headers: { cookie: caller.cookie } });
}
async function importList(rows: string[]) {
  const content = ['id,schema,name,aliases,birth_date,countries,identifiers', ...rows].join('\n');
  const response = await post(admin, '/api/v1/screening/lists', { format: 'simple-csv', source: 'watch', files: [{ name: 'watch.csv', content }] });
  expect(response.statusCode, response.body).toBe(201);
}
async function queued(organizationId?: string): Promise<number> {
  const { rows } = await sql<{ n: number }>`select count(*)::int as n from background_jobs where status = 'queued' and (${organizationId ?? null}::text is null or job_key = ${organizationId ?? null})`.execute(t.database.db);
  return Number(rows[0].n);
}
async function casesOf(organizationId: string) {
  const response = await get(analyst, `/api/v1/screening/cases?organizationId=${organizationId}`);
  expect(response.statusCode, response.body).toBe(200);
  return response.json().items as Array<{ id: string; status: string; version: number; subject: { type: string; role: string; name: string }; entity: { id: string; names: unknown[] }; evidence: unknown[]; reopenedBecause: string | null }>;
}

const PERSON = 'p1,Person,Зеленський Олександр Петрович,Zelenskyi Oleksandr,1971-03-14,UA,';
const HOLDING = 'c1,Organization,ТОВ «Байкал Трейд»,Baikal Trade LLC,,RU,INN:7701234567';

describe('screening cases', () => {
  it('screens an organization with its holding company, owners and officers, and opens a case per hit', async () => {
    await importList([PERSON, HOLDING]);
    const org = await makeOrganization(t, 'Acme Drones LLC');
    const holding = await post(officer, `/api/v1/organizations/${org.id}/owners`, {
      owner: { kind: 'new_organization', organization: { name: 'Baykal Trade Limited', nameUk: 'Байкал Трейд', country: 'CY', kind: 'investor', identifiers: [], addresses: [], contacts: [], capabilities: [] } },
      sharePercent: 60,
    });
    expect(holding.statusCode, holding.body).toBe(201);
    const holdingId = holding.json().owners.find((o: { owner: { kind: string } }) => o.owner.kind === 'organization').owner.id;
    const owner = await post(officer, `/api/v1/organizations/${holdingId}/owners`, {
      owner: { kind: 'new_person', person: { names: [{ fullName: 'Oleksandr Zelenskyy', script: 'Latn' }], birthDate: '1971-03-14', nationalities: ['UA'] } },
      sharePercent: 100,
    });
    expect(owner.statusCode, owner.body).toBe(201);
    // Both registry changes queued re-screening of the organization below them.
    expect(await queued(org.id)).toBe(1);

    const run = await post(officer, `/api/v1/screening/organizations/${org.id}/screen`);
    expect(run.statusCode, run.body).toBe(200);
    expect(run.json()).toMatchObject({ subjects: 3, hits: 2, opened: 2, status: { status: 'open_cases', openCases: 2, confirmedCases: 0 } });
    const cases = await casesOf(org.id);
    expect(cases.map((c) => [c.subject.type, c.subject.role, c.entity.id, c.status]).sort()).toEqual([
      ['organization', 'holding_company', 'watch:c1', 'open'],
      ['person', 'owner', 'watch:p1', 'open'],
    ]);
    expect(cases.every((c) => c.evidence.length > 0 && c.entity.names.length > 0)).toBe(true);
    // Screening again changes nothing, not even the cases' versions.
    expect((await post(officer, `/api/v1/screening/organizations/${org.id}/screen`)).json()).toMatchObject({ hits: 2, opened: 0 });
    expect((await casesOf(org.id)).map((c) => c.version)).toEqual(cases.map((c) => c.version));
    expect((await get(auditor, `/api/v1/screening/cases/${cases[0].id}`)).statusCode).toBe(200);
  });

  it('lets only analysts decide, with a reason and the current version, once', async () => {
    const org = await makeOrganization(t, 'Decision Test LLC');
    await post(officer, `/api/v1/organizations/${org.id}/owners`, { owner: { kind: 'new_person', person: { names: [{ fullName: 'Олександр Зеленський', script: 'Cyrl' }], birthDate: '1971-03-14' } }, sharePercent: 30 });
    await post(officer, `/api/v1/screening/organizations/${org.id}/screen`);
    const [open] = await casesOf(org.id);
    const url = `/api/v1/screening/cases/${open.id}/decision`;
    // Decisions are offered to analysts only: an officer, auditor or administrator reads the case without them.
    expect((await get(analyst, `/api/v1/screening/cases/${open.id}`)).json().allowedDecisions).toEqual(['confirm', 'dismiss']);
    for (const reader of [officer, auditor, admin]) expect((await get(reader, `/api/v1/screening/cases/${open.id}`)).json().allowedDecisions).toEqual([]);
    expect((await get(admin, `/api/v1/screening/cases?organizationId=${org.id}`)).json().items[0].allowedDecisions).toEqual([]);
    expect((await post(officer, url, { decision: 'dismiss', reason: 'Different person, other birthplace', version: open.version })).statusCode).toBe(403);
    expect((await post(analyst, url, { decision: 'dismiss', reason: 'no', version: open.version })).statusCode).toBe(400);
    expect((await post(analyst, url, { decision: 'maybe', reason: 'Different person entirely', version: open.version })).statusCode).toBe(400);
    expect((await post(analyst, url, { decision: 'dismiss', reason: 'Different person entirely', version: open.version + 5 })).statusCode).toBe(409);
    const decided = await post(analyst, url, { decision: 'dismiss', reason: 'Different person: passport and birthplace differ', version: open.version });
    expect(decided.statusCode, decided.body).toBe(200);
    expect(decided.json()).toMatchObject({ status: 'dismissed', allowedDecisions: [], decision: { reason: 'Different person: passport and birthplace differ' } });
    const again = await post(analyst, url, { decision: 'confirm', reason: 'Changed my mind about it', version: decided.json().version });
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe('invalid_transition');
    const { rows } = await sql<{ details: Record<string, unknown> }>`select details from audit_events where target_id = ${open.id} and action = 'screening.case.dismissed'`.execute(t.database.db);
    expect(rows).toHaveLength(1);
    expect(JSON.stringify(rows[0].details)).not.toMatch(/passport|Zelensk|Зеленськ/i);
    // A dismissed case stays dismissed when screened again.
    await post(officer, `/api/v1/screening/organizations/${org.id}/screen`);
    expect((await casesOf(org.id))[0].status).toBe('dismissed');
  });

  it('blocks an application: open cases stop clearing screening, a confirmed hit stops everything', async () => {
    const applicant = await makeApplicant(t, 'Applicant With Owner LLC');
    await post(officer, `/api/v1/organizations/${applicant.organizationId}/owners`, { owner: { kind: 'new_person', person: { names: [{ fullName: 'Zelenskyi Oleksandr Petrovych', script: 'Latn' }], birthDate: '1971-03-14' } }, sharePercent: 51 });
    const draft = await t.app.inject({ method: 'POST', url: '/api/v1/membership/applications', headers: applicant.user.headers, payload: { organizationId: applicant.organizationId, ...completePlan([applicant.documentId]) } });
    expect(draft.statusCode, draft.body).toBe(201);
    const submitted = await act(t, applicant.user, draft.json().id, { action: 'submit', version: 1 });
    expect(submitted.statusCode, submitted.body).toBe(200);
    expect(submitted.json()).toMatchObject({ status: 'screening', screening: { mode: 'automatic' } });
    const [hit] = await casesOf(applicant.organizationId);
    expect(hit).toMatchObject({ status: 'open', subject: { role: 'owner' } });

    const blocked = await act(t, analyst, draft.json().id, { action: 'clear_screening', version: 2 });
    expect(blocked.statusCode, blocked.body).toBe(409);
    expect(blocked.json()).toMatchObject({ code: 'screening_blocked', screening: { status: 'open_cases', openCases: 1 } });
    expect((await post(analyst, `/api/v1/screening/cases/${hit.id}/decision`, { decision: 'confirm', reason: 'Same person: name, birth date and nationality match', version: hit.version })).statusCode).toBe(200);
    const stillBlocked = await act(t, analyst, draft.json().id, { action: 'clear_screening', version: 2 });
    expect(stillBlocked.statusCode).toBe(409);
    expect(stillBlocked.json().screening).toMatchObject({ status: 'confirmed_hit', confirmedCases: 1 });
    // The company is not told why: a screening outcome is never tipped off to the party screened.
    const resubmit = await act(t, applicant.user, draft.json().id, { action: 'withdraw', version: 2 });
    expect(resubmit.statusCode, resubmit.body).toBe(200);
    const again = await t.app.inject({ method: 'POST', url: '/api/v1/membership/applications', headers: applicant.user.headers, payload: { organizationId: applicant.organizationId, ...completePlan([applicant.documentId]) } });
    const refused = await act(t, applicant.user, again.json().id, { action: 'submit', version: 1 });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().code).toBe('on_hold');
    expect(refused.body).not.toMatch(/sanction|hit|confirmed|screening"/i);
    expect((await get(officer, `/api/v1/screening/organizations/${applicant.organizationId}`)).json()).toMatchObject({ status: 'confirmed_hit' });

  });

  it('re-screens in the background after a list import, reopening a dismissed case only when its entry changed', async () => {
    const org = await makeOrganization(t, 'Rescreen Test LLC');
    await post(officer, `/api/v1/organizations/${org.id}/owners`, { owner: { kind: 'new_person', person: { names: [{ fullName: 'Oleksandr Zelenskyi', script: 'Latn' }], birthDate: '1971-03-14' } }, sharePercent: 40 });
    await runQueuedJobs(t.database.db);
    expect(await queued()).toBe(0);
    const [found] = await casesOf(org.id);
    expect(found.status).toBe('open');
    await post(analyst, `/api/v1/screening/cases/${found.id}/decision`, { decision: 'dismiss', reason: 'Namesake: different tax number on file', version: found.version });

    // The same entries again: every organization is queued, and the dismissal holds.
    await importList([PERSON, HOLDING]);
    expect(await queued(org.id)).toBe(1);
    expect((await runQueuedJobs(t.database.db)).failed).toBe(0);
    expect((await casesOf(org.id))[0].status).toBe('dismissed');

    // The person's entry changed (a new alias): the case reopens, saying why.
    await importList([PERSON.replace('Zelenskyi Oleksandr', 'Zelenskyi Oleksandr;Selenskyj Alexander'), HOLDING]);
    await runQueuedJobs(t.database.db);
    const reopened = (await casesOf(org.id))[0];
    expect(reopened).toMatchObject({ status: 'open', reopenedBecause: expect.stringContaining('list entry changed') });
  });

  it('runs each queued job once even with several workers at the same time', async () => {
    const orgs = await Promise.all(Array.from({ length: 6 }, (_, i) => makeOrganization(t, `Parallel ${i} LLC`)));
    await sql`update background_jobs set status = 'done' where status = 'queued'`.execute(t.database.db);
    await importList([PERSON, HOLDING]);
    const before = await queued();
    expect(before).toBeGreaterThanOrEqual(orgs.length);
    const results = await Promise.all([runQueuedJobs(t.database.db), runQueuedJobs(t.database.db), runQueuedJobs(t.database.db)]);
    expect(results.reduce((sum, r) => sum + r.done, 0)).toBe(before);
    expect(results.reduce((sum, r) => sum + r.failed, 0)).toBe(0);
    expect(await queued()).toBe(0);
    const { rows } = await sql<{ n: number }>`select count(*)::int as n from audit_events where action = 'screening.organization.screened' and target_id = ${orgs[0].id}`.execute(t.database.db);
    expect(Number(rows[0].n)).toBe(1);
  });

  it('keeps cases from companies and anonymous callers', async () => {
    const own = await makeOrganization(t, 'Own Company LLC');
    const company = await signedInCaller(t, ['company'], { organizationId: own.id });
    expect((await get(company, '/api/v1/screening/cases')).statusCode).toBe(403);
    expect((await get(company, `/api/v1/screening/organizations/${own.id}`)).statusCode).toBe(403);
    expect((await post(company, `/api/v1/screening/organizations/${own.id}/screen`)).statusCode).toBe(403);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/screening/cases' })).statusCode).toBe(401);
    expect((await post(officer, '/api/v1/screening/organizations/01900000-0000-7000-8000-00000000dead/screen')).statusCode).toBe(404);
  });
});
