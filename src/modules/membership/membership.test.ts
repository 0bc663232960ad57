import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Caller, type TestApp, createTestApp, makeOrganization, signedInCaller } from '../../../test/support/app.ts';
import { act, completePlan, insertTestDocument, makeApplicant } from '../../../test/support/membership.ts';
import { purgeExpiredIdempotencyKeys } from '../../core/idempotency.ts';
import { deliverPendingEmails, settleBackgroundDelivery } from '../notifications/service.ts';
import { csvCell } from '../../core/tabular.ts';

let t: TestApp;
let officer: Caller;
let analyst: Caller;
let admin: Caller;
let auditor: Caller;

beforeAll(async () => {
  t = await createTestApp();
  [officer, analyst, admin, auditor] = await Promise.all([
    signedInCaller(t, ['officer']),
    signedInCaller(t, ['analyst']),
    signedInCaller(t, ['admin']),
    signedInCaller(t, ['auditor']),
  ]);
});
afterAll(async () => t?.close());

const url = '/api/v1/membership/applications';

async function createDraft(caller: Caller, payload: Record<string, unknown>) {
  const response = await t.app.inject({ method: 'POST', url, headers: caller.headers, payload });
  expect(response.statusCode, response.body).toBe(201);
  return response.json();
}

/** A company with a complete plan, submitted: the application is in screening. */
async function submittedApplication(name?: string) {
  const applicant = await makeApplicant(t, name);
  const draft = await createDraft(applicant.user, completePlan([applicant.documentId]));
  const submitted = await act(t, applicant.user, draft.id, { action: 'submit', version: draft.version });
  expect(submitted.statusCode, submitted.body).toBe(200);
  return { ...applicant, application: submitted.json() };
}

/** An application taken all the way to membership. */
async function memberApplication(name?: string) {
  const { application, ...rest } = await submittedApplication(name);
  const cleared = (await act(t, analyst, application.id, { action: 'clear_screening', version: application.version })).json();
  const approved = await act(t, officer, application.id, { action: 'approve', version: cleared.version });
  expect(approved.statusCode, approved.body).toBe(200);
  return { ...rest, application: approved.json() };
}

async function auditActionsFor(targetId: string): Promise<string[]> {
  const rows = await t.database.db.selectFrom('audit_events').select('action').where('target_id', '=', targetId).orderBy('seq').execute();
  return rows.map((r) => r.action);
}

describe('membership applications: drafts', () => {
  it('lets a company start a draft for its own organization and staff file on its behalf', async () => {
    const applicant = await makeApplicant(t);
    const draft = await createDraft(applicant.user, { siteOblast: 'UA-32', capabilities: ['uav'] });
    expect(draft).toMatchObject({
      organizationId: applicant.organizationId,
      status: 'draft',
      version: 1,
      siteOblast: 'UA-32',
      capabilities: ['uav'],
      documentIds: [],
      screening: { mode: 'manual', note: expect.stringContaining('screened when the application is submitted') },
      allowedActions: ['submit', 'withdraw'],
      transitions: [{ from: null, to: 'draft' }],
    });
    // One open application per organization.
    const again = await t.app.inject({ method: 'POST', url, headers: applicant.user.headers, payload: {} });
    expect(again.statusCode).toBe(409);
    expect(again.json()).toMatchObject({ code: 'conflict', applicationId: draft.id });

    const other = await makeOrganization(t);
    const onBehalf = await createDraft(officer, { organizationId: other.id });
    expect(onBehalf).toMatchObject({ organizationId: other.id, status: 'draft' });
    const noOrganization = await t.app.inject({ method: 'POST', url, headers: admin.headers, payload: {} });
    expect(noOrganization.statusCode).toBe(400);
    expect(noOrganization.json().errors).toEqual([{ field: 'body.organizationId', message: expect.any(String) }]);
    expect(await auditActionsFor(draft.id)).toEqual(['membership.created']);
  });

  it('refuses analysts, auditors and anonymous callers as applicants, and a company filing for another organization', async () => {
    const applicant = await makeApplicant(t);
    const other = await makeOrganization(t);
    for (const caller of [analyst, auditor]) {
      expect((await t.app.inject({ method: 'POST', url, headers: caller.headers, payload: { organizationId: other.id } })).statusCode).toBe(403);
    }
    expect((await t.app.inject({ method: 'POST', url, payload: {} })).statusCode).toBe(401);
    const foreign = await t.app.inject({ method: 'POST', url, headers: applicant.user.headers, payload: { organizationId: other.id } });
    expect(foreign.statusCode).toBe(404);
    const visitor = await signedInCaller(t, ['public']);
    expect((await t.app.inject({ method: 'POST', url, headers: visitor.headers, payload: {} })).statusCode).toBe(403);
  });

  it('validates the plan: regions, money, dates, capability codes, documents of the same organization, the partner', async () => {
    const applicant = await makeApplicant(t);
    const stranger = await makeApplicant(t);
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ siteOblast: 'UA-99' }, 'body.siteOblast'],
      [{ siteOblast: 'Kharkiv' }, 'body.siteOblast'],
      [{ investmentMinor: 10.5 }, 'body.investmentMinor'],
      [{ investmentMinor: -1 }, 'body.investmentMinor'],
      [{ investmentMinor: 2 ** 53 + 2 }, 'body.investmentMinor'],
      [{ investmentMinor: '100' }, 'body.investmentMinor'],
      [{ investmentCurrency: 'XYZ' }, 'body.investmentCurrency'],
      [{ jobs: -3 }, 'body.jobs'],
      [{ plannedStart: '2027-02-30' }, 'body.plannedStart'],
      [{ plannedStart: '0001-01-01' }, 'body.plannedStart'],
      [{ capabilities: ['uav', 'uav'] }, 'body.capabilities'],
      [{ capabilities: ['no_such_capability'] }, 'body.capabilities'],
      [{ documentIds: [stranger.documentId] }, 'body.documentIds'],
      [{ documentIds: ['01900000-0000-7000-8000-000000000000'] }, 'body.documentIds'],
      [{ localPartnerOrganizationId: '01900000-0000-7000-8000-000000000000' }, 'body.localPartnerOrganizationId'],
      [{ localPartnerOrganizationId: applicant.organizationId }, 'body.localPartnerOrganizationId'],
      [{ planSummary: 'x'.repeat(5001) }, 'body.planSummary'],
      [{ status: 'member' }, 'body.status'],
    ];
    for (const [payload, field] of cases) {
      const response = await t.app.inject({ method: 'POST', url, headers: applicant.user.headers, payload });
      expect(response.statusCode, JSON.stringify(payload)).toBe(400);
      expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(response.json().errors.map((e: { field: string }) => e.field), JSON.stringify(payload)).toContain(field);
    }
    // Nothing was created by the refused requests.
    const list = await t.app.inject({ method: 'GET', url, headers: { cookie: applicant.user.cookie } });
    expect(list.json().total).toBe(0);
    const partner = await makeOrganization(t, 'Partner LLC');
    const ok = await createDraft(applicant.user, { localPartnerOrganizationId: partner.id, investmentMinor: Number.MAX_SAFE_INTEGER, investmentCurrency: 'UAH' });
    expect(ok).toMatchObject({ localPartnerOrganizationId: partner.id, investmentMinor: Number.MAX_SAFE_INTEGER, investmentCurrency: 'UAH' });
  });

  it('edits a draft with optimistic concurrency: a stale version is a 409', async () => {
    const applicant = await makeApplicant(t);
    const draft = await createDraft(applicant.user, {});
    const edited = await t.app.inject({ method: 'PATCH', url: `${url}/${draft.id}`, headers: applicant.user.headers, payload: { version: 1, jobs: 12, siteCity: '  Львів ' } });
    expect(edited.statusCode, edited.body).toBe(200);
    expect(edited.json()).toMatchObject({ version: 2, jobs: 12, siteCity: 'Львів' });
    const stale = await t.app.inject({ method: 'PATCH', url: `${url}/${draft.id}`, headers: applicant.user.headers, payload: { version: 1, jobs: 13 } });
    expect(stale.statusCode).toBe(409);
    expect(stale.json()).toMatchObject({ code: 'conflict', currentVersion: 2 });
    const cleared = await t.app.inject({ method: 'PATCH', url: `${url}/${draft.id}`, headers: applicant.user.headers, payload: { version: 2, jobs: null } });
    expect(cleared.json()).toMatchObject({ version: 3, jobs: null });
    expect(await auditActionsFor(draft.id)).toEqual(['membership.created', 'membership.updated', 'membership.updated']);
    const stranger = await makeApplicant(t);
    expect((await t.app.inject({ method: 'PATCH', url: `${url}/${draft.id}`, headers: stranger.user.headers, payload: { version: 3, jobs: 1 } })).statusCode).toBe(404);
    expect((await t.app.inject({ method: 'PATCH', url: `${url}/${draft.id}`, headers: analyst.headers, payload: { version: 3, jobs: 1 } })).statusCode).toBe(403);
  });
});

describe('membership workflow', () => {
  it('refuses to submit an incomplete plan, naming every missing field', async () => {
    const applicant = await makeApplicant(t);
    const draft = await createDraft(applicant.user, { siteOblast: 'UA-46', capabilities: ['artillery'] });
    const response = await act(t, applicant.user, draft.id, { action: 'submit', version: 1 });
    expect(response.statusCode).toBe(400);
    expect(response.json().errors.map((e: { field: string }) => e.field)).toEqual(['siteCity', 'investmentMinor', 'investmentCurrency', 'jobs', 'plannedStart', 'documentIds']);
    const unchanged = await t.app.inject({ method: 'GET', url: `${url}/${draft.id}`, headers: { cookie: applicant.user.cookie } });
    expect(unchanged.json()).toMatchObject({ status: 'draft', version: 1 });
  });

  it('runs returned → fixed → resubmitted → cleared → approved → member, then the public register shows it', async () => {
    const applicant = await makeApplicant(t, 'Kharkiv Drone Works LLC');
    await t.database.db.updateTable('organizations').set({ name_uk: 'ТОВ «Харківські дрони», Україна' }).where('id', '=', applicant.organizationId).execute();
    const draft = await createDraft(applicant.user, completePlan([applicant.documentId]));

    const submitted = await act(t, applicant.user, draft.id, { action: 'submit', version: 1 });
    expect(submitted.statusCode, submitted.body).toBe(200);
    const afterSubmit = submitted.json();
    expect(afterSubmit).toMatchObject({ status: 'screening', version: 2, allowedActions: ['withdraw'], screening: { mode: 'automatic' } });
    expect(afterSubmit.submittedAt).not.toBeNull();
    expect(afterSubmit.transitions.map((x: { from: string; to: string }) => `${x.from}→${x.to}`)).toEqual(['null→draft', 'draft→submitted', 'submitted→screening']);
    // Screening has a 10-day deadline by default.
    expect(Date.parse(afterSubmit.dueAt) - Date.parse(afterSubmit.statusChangedAt)).toBe(10 * 86_400_000);
    expect(afterSubmit.transitions[2]).toMatchObject({ actorLabel: 'system', actorId: null });

    const analystView = (await t.app.inject({ method: 'GET', url: `${url}/${draft.id}`, headers: { cookie: analyst.cookie } })).json();
    expect(analystView.allowedActions).toEqual(['clear_screening', 'reject']);
    const cleared = await act(t, analyst, draft.id, { action: 'clear_screening', version: 2 });
    expect(cleared.json()).toMatchObject({ status: 'under_review', version: 3 });

    const noReason = await act(t, officer, draft.id, { action: 'return', version: 3 });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json().errors).toEqual([{ field: 'body.reason', message: 'is required to return' }]);
    const returned = await act(t, officer, draft.id, { action: 'return', version: 3, reason: 'Додайте довідку про виробничу площу.\nAdd the site lease.' });
    expect(returned.json()).toMatchObject({ status: 'returned', decisionReason: 'Додайте довідку про виробничу площу.\nAdd the site lease.' });

    // The company sees the reason, not the officer's identity.
    const companyView = (await t.app.inject({ method: 'GET', url: `${url}/${draft.id}`, headers: { cookie: applicant.user.cookie } })).json();
    expect(companyView).toMatchObject({ status: 'returned', decisionReason: expect.stringContaining('site lease'), allowedActions: ['submit', 'withdraw'] });
    const returnStep = companyView.transitions.find((x: { to: string }) => x.to === 'returned');
    expect(returnStep).toMatchObject({ actorLabel: 'ADI staff', actorId: null, reason: expect.stringContaining('site lease') });
    expect(JSON.stringify(companyView)).not.toContain(officer.email);
    expect(companyView.transitions[1]).toMatchObject({ actorLabel: applicant.user.email });
    const officerView = (await t.app.inject({ method: 'GET', url: `${url}/${draft.id}`, headers: { cookie: officer.cookie } })).json();
    expect(officerView.transitions.find((x: { to: string }) => x.to === 'returned').actorLabel).toBe(officer.email);

    const lease = await insertTestDocument(t, applicant.organizationId, 'Site lease');
    const fixed = await t.app.inject({ method: 'PATCH', url: `${url}/${draft.id}`, headers: applicant.user.headers, payload: { version: 4, documentIds: [applicant.documentId, lease] } });
    expect(fixed.statusCode, fixed.body).toBe(200);
    const resubmitted = await act(t, applicant.user, draft.id, { action: 'submit', version: 5 });
    expect(resubmitted.json()).toMatchObject({ status: 'screening', decisionReason: null });
    const clearedAgain = await act(t, analyst, draft.id, { action: 'clear_screening', version: 6 });
    expect(clearedAgain.statusCode).toBe(200);
    const approved = await act(t, officer, draft.id, { action: 'approve', version: 7 });
    expect(approved.statusCode, approved.body).toBe(200);
    const member = approved.json();
    expect(member).toMatchObject({ status: 'member', version: 8, dueAt: null, overdue: false, allowedActions: ['suspend', 'terminate'] });
    expect(member.memberSince).not.toBeNull();
    expect(member.transitions.slice(-2).map((x: { from: string; to: string }) => `${x.from}→${x.to}`)).toEqual(['under_review→approved', 'approved→member']);

    expect(await auditActionsFor(draft.id)).toEqual([
      'membership.created',
      'membership.submit',
      'membership.screening_started',
      'membership.clear_screening',
      'membership.return',
      'membership.updated',
      'membership.submit',
      'membership.screening_started',
      'membership.clear_screening',
      'membership.approve',
      'membership.admitted',
    ]);

    // The public register: no sign-in, public fields only.
    const register = await t.app.inject({ method: 'GET', url: `/api/v1/public/members?q=${encodeURIComponent('харківські')}` });
    expect(register.statusCode).toBe(200);
    expect(register.json()).toMatchObject({ total: 1, items: [{ name: 'Kharkiv Drone Works LLC', nameUk: 'ТОВ «Харківські дрони», Україна', country: 'UA' }] });
    const entry = register.json().items[0];
    expect(Object.keys(entry).sort()).toEqual(['capabilities', 'country', 'memberSince', 'name', 'nameUk']);
    expect(entry.capabilities).toEqual([
      { code: 'uav.fpv', nameUk: 'FPV-дрони', nameEn: 'FPV drones' },
      { code: 'electronic_warfare', nameUk: 'Радіоелектронна боротьба', nameEn: 'Electronic warfare' },
    ]);
    for (const leak of ['Харків"', 'UA-63', '12500000000', '"jobs"', 'planSummary', applicant.organizationId]) expect(register.body).not.toContain(leak);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/public/members?capability=uav' })).json().items.map((m: { name: string }) => m.name)).toContain('Kharkiv Drone Works LLC');
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/public/members?capability=ugv' })).json().items.map((m: { name: string }) => m.name)).not.toContain('Kharkiv Drone Works LLC');
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/public/members?country=DE' })).json().total).toBe(0);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/public/members?country=ua&q=kharkiv%20drone' })).json().total).toBe(1);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/public/members?country=UKR' })).statusCode).toBe(400);

    const csv = await t.app.inject({ method: 'GET', url: '/api/v1/public/members.csv' });
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(csv.headers['content-disposition']).toBe('attachment; filename="adi-members.csv"');
    const bytes = csv.rawPayload;
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = bytes.subarray(3).toString('utf8');
    const lines = text.split('\r\n');
    expect(lines[0]).toBe('name,name_uk,country,capability_codes,capabilities_en,capabilities_uk,member_since');
    expect(lines).toContain(
      `Kharkiv Drone Works LLC,"ТОВ «Харківські дрони», Україна",UA,uav.fpv; electronic_warfare,FPV drones; Electronic warfare,FPV-дрони; Радіоелектронна боротьба,${member.memberSince.slice(0, 10)}`,
    );
    expect(text).not.toContain('UA-63');

    // Suspension takes the company off the register; reinstatement puts it back; termination ends it.
    const suspended = await act(t, officer, draft.id, { action: 'suspend', version: 8, reason: 'Licence expired' });
    expect(suspended.json()).toMatchObject({ status: 'suspended', decisionReason: 'Licence expired', allowedActions: ['reinstate', 'terminate'] });
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/public/members?q=kharkiv%20drone' })).json().total).toBe(0);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/public/members.csv' })).body).not.toContain('Kharkiv Drone Works');
    const reinstated = await act(t, officer, draft.id, { action: 'reinstate', version: 9 });
    expect(reinstated.json()).toMatchObject({ status: 'member', memberSince: member.memberSince, decisionReason: null });
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/public/members?q=kharkiv%20drone' })).json().total).toBe(1);
    expect((await act(t, officer, draft.id, { action: 'terminate', version: 10 })).statusCode).toBe(400);
    const terminated = await act(t, officer, draft.id, { action: 'terminate', version: 10, reason: 'Left the Alliance' });
    expect(terminated.json()).toMatchObject({ status: 'terminated', allowedActions: [] });
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/public/members?q=kharkiv%20drone' })).json().total).toBe(0);
    // A terminated membership closes the application: the company may apply again.
    expect((await t.app.inject({ method: 'POST', url, headers: applicant.user.headers, payload: {} })).statusCode).toBe(201);
  });

  it('lets an analyst reject at screening and an officer reject under review, with reasons', async () => {
    const first = await submittedApplication();
    const rejected = await act(t, analyst, first.application.id, { action: 'reject', version: first.application.version, reason: 'Sanctions list match' });
    expect(rejected.json()).toMatchObject({ status: 'rejected', decisionReason: 'Sanctions list match', dueAt: null });
    const second = await submittedApplication();
    const cleared = (await act(t, analyst, second.application.id, { action: 'clear_screening', version: second.application.version })).json();
    const byOfficer = await act(t, officer, second.application.id, { action: 'reject', version: cleared.version, reason: 'No production capacity' });
    expect(byOfficer.json()).toMatchObject({ status: 'rejected' });
    expect(await auditActionsFor(second.application.id)).toContain('membership.reject');
  });

  it('lets the company withdraw before a decision (not staff, not after admission), and apply again afterwards', async () => {
    const { application, user, organizationId, documentId } = await submittedApplication();
    expect(application.allowedActions).toContain('withdraw');
    expect((await act(t, officer, application.id, { action: 'withdraw', version: application.version })).statusCode).toBe(403);
    const withdrawn = await act(t, user, application.id, { action: 'withdraw', version: application.version, reason: 'We will apply with a new partner' });
    expect(withdrawn.statusCode, withdrawn.body).toBe(200);
    expect(withdrawn.json()).toMatchObject({ status: 'withdrawn', allowedActions: [], dueAt: null });
    expect(await auditActionsFor(application.id)).toContain('membership.withdraw');
    const again = await createDraft(user, completePlan([documentId]));
    expect(again).toMatchObject({ organizationId, status: 'draft' });
    const member = await memberApplication();
    const tooLate = await act(t, member.user, member.application.id, { action: 'withdraw', version: member.application.version });
    expect(tooLate.statusCode).toBe(409);
    expect(tooLate.json().allowed).toEqual([]);
  });

  it('does not let an officer approve an application they filed on the company’s behalf (separation of duties)', async () => {
    const { organizationId, documentId } = await makeApplicant(t);
    const filed = await createDraft(officer, { organizationId, ...completePlan([documentId]) });
    const submitted = (await act(t, officer, filed.id, { action: 'submit', version: filed.version })).json();
    const cleared = (await act(t, analyst, filed.id, { action: 'clear_screening', version: submitted.version })).json();
    const own = await act(t, officer, filed.id, { action: 'approve', version: cleared.version });
    expect(own.statusCode).toBe(403);
    expect(own.json().detail).toContain('separation of duties');
    const colleague = await signedInCaller(t, ['officer']);
    const approved = await act(t, colleague, filed.id, { action: 'approve', version: cleared.version });
    expect(approved.statusCode, approved.body).toBe(200);
    expect(approved.json().status).toBe('member');
  });

  it('refuses each role outside its part of the workflow with 403, and audits the refusal', async () => {
    const { application, user } = await submittedApplication();
    const id = application.id;
    const refusals: Array<[Caller, string]> = [
      [user, 'approve'],
      [user, 'clear_screening'],
      [analyst, 'approve'],
      [officer, 'clear_screening'],
      [admin, 'clear_screening'],
      [admin, 'approve'],
      [user, 'suspend'],
    ];
    for (const [caller, action] of refusals) {
      const response = await act(t, caller, id, { action, version: application.version, reason: 'x' });
      expect(response.statusCode, `${action}: ${response.body}`).toBe(403);
      expect(response.json().code).toBe('forbidden');
    }
    // The officer may reject, but not at screening: that is the analyst's decision.
    expect((await act(t, officer, id, { action: 'reject', version: application.version, reason: 'x' })).statusCode).toBe(403);
    // Auditors and evaluators may not call the endpoint at all.
    expect((await act(t, auditor, id, { action: 'approve', version: application.version })).statusCode).toBe(403);
    const evaluator = await signedInCaller(t, ['evaluator']);
    expect((await act(t, evaluator, id, { action: 'approve', version: application.version })).statusCode).toBe(403);
    const denials = await t.database.db.selectFrom('audit_events').select('details').where('action', '=', 'access.denied').where('actor_id', '=', analyst.userId).execute();
    expect(denials.length).toBeGreaterThanOrEqual(1);
    const still = (await t.app.inject({ method: 'GET', url: `${url}/${id}`, headers: { cookie: officer.cookie } })).json();
    expect(still).toMatchObject({ status: 'screening', version: application.version });
  });

  it('answers an action the state does not allow with 409 invalid_transition listing what is allowed now', async () => {
    const applicant = await makeApplicant(t);
    const draft = await createDraft(applicant.user, {});
    const early = await act(t, officer, draft.id, { action: 'approve', version: 1 });
    expect(early.statusCode).toBe(409);
    expect(early.json()).toMatchObject({ code: 'invalid_transition', currentStatus: 'draft', allowed: ['submit'] });
    const { application, user } = await memberApplication();
    const resubmit = await act(t, user, application.id, { action: 'submit', version: application.version });
    expect(resubmit.json()).toMatchObject({ code: 'invalid_transition', currentStatus: 'member', allowed: [] });
    const reinstate = await act(t, officer, application.id, { action: 'reinstate', version: application.version });
    expect(reinstate.json()).toMatchObject({ code: 'invalid_transition', allowed: ['suspend', 'terminate'] });
    const stale = await act(t, officer, application.id, { action: 'suspend', version: application.version - 1, reason: 'x' });
    expect(stale.statusCode).toBe(409);
    expect(stale.json()).toMatchObject({ code: 'conflict', currentVersion: application.version });
    const notEditable = await t.app.inject({ method: 'PATCH', url: `${url}/${application.id}`, headers: user.headers, payload: { version: application.version, jobs: 1 } });
    expect(notEditable.statusCode).toBe(409);
  });

  it("keeps one company out of another's applications (404), and shows it only its own", async () => {
    const a = await submittedApplication('Alpha Defence LLC');
    const b = await makeApplicant(t, 'Beta Defence LLC');
    const id = a.application.id;
    expect((await t.app.inject({ method: 'GET', url: `${url}/${id}`, headers: { cookie: b.user.cookie } })).statusCode).toBe(404);
    const attempt = await act(t, b.user, id, { action: 'submit', version: a.application.version });
    expect(attempt.statusCode).toBe(404);
    expect(attempt.body).not.toContain('Alpha');
    expect((await t.app.inject({ method: 'GET', url: `${url}/01900000-0000-7000-8000-000000000000`, headers: { cookie: b.user.cookie } })).statusCode).toBe(404);
    const own = await t.app.inject({ method: 'GET', url, headers: { cookie: a.user.cookie } });
    expect(own.json()).toMatchObject({ total: 1, items: [{ id }] });
    expect((await t.app.inject({ method: 'GET', url, headers: { cookie: b.user.cookie } })).json().total).toBe(0);
    expect((await t.app.inject({ method: 'GET', url: `${url}?organizationId=${a.organizationId}`, headers: { cookie: b.user.cookie } })).statusCode).toBe(404);
    const staff = await t.app.inject({ method: 'GET', url: `${url}?q=alpha%20defence`, headers: { cookie: auditor.cookie } });
    expect(staff.json()).toMatchObject({ total: 1, items: [{ id, organizationName: 'Alpha Defence LLC', allowedActions: [] }] });
  });
});

describe('idempotent submission', () => {
  it('replays the first answer for a retry with the same key and refuses the key with another body', async () => {
    const applicant = await makeApplicant(t);
    const draft = await createDraft(applicant.user, completePlan([applicant.documentId]));
    const key = { 'idempotency-key': `submit-${draft.id}` };
    const first = await act(t, applicant.user, draft.id, { action: 'submit', version: 1 }, key);
    expect(first.statusCode).toBe(200);
    expect(first.headers['idempotent-replayed']).toBeUndefined();
    const retry = await act(t, applicant.user, draft.id, { action: 'submit', version: 1 }, key);
    expect(retry.statusCode).toBe(200);
    expect(retry.headers['idempotent-replayed']).toBe('true');
    expect(retry.json()).toEqual(first.json());
    const history = (await t.app.inject({ method: 'GET', url: `${url}/${draft.id}`, headers: { cookie: applicant.user.cookie } })).json();
    expect(history.transitions.filter((x: { to: string }) => x.to === 'submitted')).toHaveLength(1);
    const outbox = await t.database.db.selectFrom('email_outbox').select('id').where('organization_id', '=', applicant.organizationId).execute();
    expect(outbox).toHaveLength(1);

    const different = await act(t, applicant.user, draft.id, { action: 'submit', version: 2 }, key);
    expect(different.statusCode).toBe(409);
    expect(different.json().code).toBe('idempotency_conflict');
    // The key belongs to its user: another user's identical key is a different request.
    const colleague = await signedInCaller(t, ['company'], { organizationId: applicant.organizationId });
    const theirs = await act(t, colleague, draft.id, { action: 'submit', version: 2 }, key);
    expect(theirs.json()).toMatchObject({ code: 'invalid_transition' });
    for (const bad of ['', 'x'.repeat(201), 'with\ttab']) {
      const response = await act(t, applicant.user, draft.id, { action: 'submit', version: 2 }, { 'idempotency-key': bad });
      expect(response.statusCode, JSON.stringify(bad)).toBe(400);
      expect(response.json().code).toBe('validation_failed');
      expect(response.json().errors[0].field).toBe('headers.idempotency-key');
    }
  });

  it('does not keep failed answers: a retry after fixing the cause runs', async () => {
    const applicant = await makeApplicant(t);
    const draft = await createDraft(applicant.user, {});
    const key = { 'idempotency-key': 'incomplete-then-complete' };
    expect((await act(t, applicant.user, draft.id, { action: 'submit', version: 1 }, key)).statusCode).toBe(400);
    const filled = await t.app.inject({ method: 'PATCH', url: `${url}/${draft.id}`, headers: applicant.user.headers, payload: { version: 1, ...completePlan([applicant.documentId]) } });
    expect(filled.statusCode).toBe(200);
    const submitted = await act(t, applicant.user, draft.id, { action: 'submit', version: 2 }, key);
    expect(submitted.statusCode, submitted.body).toBe(200);
    expect(submitted.json().status).toBe('screening');
  });

  it('executes concurrent requests with the same key once', async () => {
    const applicant = await makeApplicant(t);
    const draft = await createDraft(applicant.user, completePlan([applicant.documentId]));
    const key = { 'idempotency-key': 'concurrent' };
    const answers = await Promise.all([1, 2, 3].map(() => act(t, applicant.user, draft.id, { action: 'submit', version: 1 }, key)));
    expect(answers.map((a) => a.statusCode)).toEqual([200, 200, 200]);
    expect(answers.filter((a) => a.headers['idempotent-replayed'] === 'true')).toHaveLength(2);
    const rows = await t.database.db.selectFrom('membership_transitions').select('id').where('application_id', '=', draft.id).where('to_status', '=', 'submitted').execute();
    expect(rows).toHaveLength(1);
  });

  it('treats a key older than 24 hours as new', async () => {
    const applicant = await makeApplicant(t);
    const first = await t.app.inject({ method: 'POST', url, headers: { ...applicant.user.headers, 'idempotency-key': 'create-1' }, payload: {} });
    expect(first.statusCode).toBe(201);
    const replay = await t.app.inject({ method: 'POST', url, headers: { ...applicant.user.headers, 'idempotency-key': 'create-1' }, payload: {} });
    expect(replay.statusCode).toBe(201);
    expect(replay.headers['idempotent-replayed']).toBe('true');
    await t.database.db.updateTable('idempotency_keys').set({ created_at: new Date(Date.now() - 25 * 3_600_000) }).where('user_id', '=', applicant.user.userId).execute();
    const afterExpiry = await t.app.inject({ method: 'POST', url, headers: { ...applicant.user.headers, 'idempotency-key': 'create-1' }, payload: {} });
    // Runs again, and so meets the open application the first request created.
    expect(afterExpiry.statusCode).toBe(409);
    expect(afterExpiry.json().code).toBe('conflict');
    // That failed request rolled back, so the expired row is still there until housekeeping purges it.
    expect(await purgeExpiredIdempotencyKeys(t.database.db)).toBeGreaterThanOrEqual(1);
    expect(await t.database.db.selectFrom('idempotency_keys').select('key').where('user_id', '=', applicant.user.userId).execute()).toEqual([]);
  });
});

describe('notifications of transitions', () => {
  it('queues a bilingual e-mail to every active user of the company per action and delivers them as .eml files', async () => {
    const applicant = await makeApplicant(t, 'Outbox Test LLC');
    const colleague = await signedInCaller(t, ['company'], { organizationId: applicant.organizationId });
    const disabled = await signedInCaller(t, ['company'], { organizationId: applicant.organizationId });
    await t.database.db.updateTable('users').set({ status: 'disabled' }).where('id', '=', disabled.userId).execute();
    const draft = await createDraft(applicant.user, completePlan([applicant.documentId]));
    const submitted = (await act(t, applicant.user, draft.id, { action: 'submit', version: 1 })).json();
    const cleared = (await act(t, analyst, draft.id, { action: 'clear_screening', version: submitted.version })).json();
    await act(t, officer, draft.id, { action: 'return', version: cleared.version, reason: 'Уточніть кількість робочих місць / State the jobs' });
    await settleBackgroundDelivery(t.database.db);
    await deliverPendingEmails(t.deps);

    const rows = await t.database.db.selectFrom('email_outbox').selectAll().where('organization_id', '=', applicant.organizationId).orderBy('created_at').orderBy('id').execute();
    expect(rows.map((r) => r.to_address).sort()).toEqual([applicant.user.email, applicant.user.email, applicant.user.email, colleague.email, colleague.email, colleague.email].sort());
    expect(rows.map((r) => r.to_address)).not.toContain(disabled.email);
    const returned = rows.filter((r) => r.subject.includes('returned'));
    expect(returned).toHaveLength(2);
    expect(returned[0].subject).toBe('ADI: Заявку повернуто на доопрацювання / Application returned for changes');
    expect(returned[0].body).toContain('Причина: Уточніть кількість робочих місць / State the jobs');
    expect(returned[0].body).toContain('Reason: Уточніть кількість робочих місць / State the jobs');
    expect(returned[0].body).toContain('Outbox Test LLC');
    for (const row of rows) {
      expect(row).toMatchObject({ delivery: 'file', attempts: 1, last_error: null });
      expect(row.delivered_at).not.toBeNull();
      const file = path.join(t.deps.config.dataDir, 'outbox', `${row.id}.eml`);
      const eml = fs.readFileSync(file, 'utf8');
      expect(eml).toMatch(/^(.+\r\n)+\r\n/);
      expect(eml).toContain(`To: ${row.to_address}\r\n`);
      expect(eml).toContain('From: ADI Platform <no-reply@adi.localhost>\r\n');
      expect(eml).toMatch(/\r\nSubject: =\?UTF-8\?/);
      expect(eml).toContain(`Message-ID: <${row.id}@adi.localhost>`);
    }
    // Delivered once: a second run finds nothing.
    expect(await deliverPendingEmails(t.deps)).toEqual({ delivered: 0, failed: 0 });

    const companyList = await t.app.inject({ method: 'GET', url: '/api/v1/notifications?limit=2', headers: { cookie: colleague.cookie } });
    expect(companyList.statusCode).toBe(200);
    expect(companyList.json()).toMatchObject({ total: 6, limit: 2 });
    expect(companyList.json().items[0]).toMatchObject({ subject: returned[0].subject, delivery: 'file', lastError: null });
    const stranger = await makeApplicant(t);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/notifications', headers: { cookie: stranger.user.cookie } })).json().total).toBe(0);
    expect((await t.app.inject({ method: 'GET', url: `/api/v1/notifications?organizationId=${applicant.organizationId}`, headers: { cookie: stranger.user.cookie } })).statusCode).toBe(404);
    const staff = await t.app.inject({ method: 'GET', url: `/api/v1/notifications?organizationId=${applicant.organizationId}`, headers: { cookie: auditor.cookie } });
    expect(staff.json().total).toBe(6);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/notifications', headers: { cookie: analyst.cookie } })).statusCode).toBe(403);
  });
});

describe('deadlines and the work queue', () => {
  it('lets staff read deadlines and only administrators change them (audited)', async () => {
    const read = await t.app.inject({ method: 'GET', url: '/api/v1/membership/deadlines', headers: { cookie: analyst.cookie } });
    expect(read.statusCode).toBe(200);
    expect(read.json().items).toContainEqual({ status: 'screening', days: 10 });
    expect(read.json().items).toContainEqual({ status: 'draft', days: null });
    const company = await makeApplicant(t);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/membership/deadlines', headers: { cookie: company.user.cookie } })).statusCode).toBe(403);
    expect((await t.app.inject({ method: 'PUT', url: '/api/v1/membership/deadlines', headers: officer.headers, payload: { deadlines: { screening: 5 } } })).statusCode).toBe(403);
    expect((await t.app.inject({ method: 'PUT', url: '/api/v1/membership/deadlines', headers: admin.headers, payload: { deadlines: { screening: 0 } } })).statusCode).toBe(400);
    expect((await t.app.inject({ method: 'PUT', url: '/api/v1/membership/deadlines', headers: admin.headers, payload: { deadlines: { member: 5 } } })).statusCode).toBe(400);
  });

  it('flags overdue applications and lists them first', async () => {
    const late = await submittedApplication('Late Filings LLC');
    const fresh = await submittedApplication('Fresh Filings LLC');
    // The late one entered screening 3 days ago; a 2-day screening deadline makes it overdue.
    await t.database.db
      .updateTable('membership_applications')
      .set({ status_changed_at: new Date(Date.now() - 3 * 86_400_000) })
      .where('id', '=', late.application.id)
      .execute();
    const changed = await t.app.inject({ method: 'PUT', url: '/api/v1/membership/deadlines', headers: admin.headers, payload: { deadlines: { screening: 2, draft: 30 } } });
    expect(changed.statusCode, changed.body).toBe(200);
    expect(changed.json().items).toContainEqual({ status: 'screening', days: 2 });
    expect(changed.json().items).toContainEqual({ status: 'draft', days: 30 });
    const audit = await t.database.db.selectFrom('audit_events').select('details').where('action', '=', 'membership.deadlines_changed').execute();
    expect(audit.at(-1)?.details).toMatchObject({ changes: { screening: { from: 10, to: 2 }, draft: { from: null, to: 30 } } });

    const overdue = await t.app.inject({ method: 'GET', url: `${url}?overdue=true&status=screening`, headers: { cookie: officer.cookie } });
    expect(overdue.json().items.map((a: { id: string }) => a.id)).toContain(late.application.id);
    expect(overdue.json().items.map((a: { id: string }) => a.id)).not.toContain(fresh.application.id);
    expect(overdue.json().items.every((a: { overdue: boolean }) => a.overdue)).toBe(true);
    const queue = (await t.app.inject({ method: 'GET', url: `${url}?status=screening&limit=200`, headers: { cookie: officer.cookie } })).json();
    const ids = queue.items.map((a: { id: string }) => a.id);
    expect(ids.indexOf(late.application.id)).toBeLessThan(ids.indexOf(fresh.application.id));
    const dues = queue.items.map((a: { dueAt: string }) => Date.parse(a.dueAt));
    expect(dues).toEqual([...dues].sort((x, y) => x - y));
    const notOverdue = (await t.app.inject({ method: 'GET', url: `${url}?overdue=false&status=screening&limit=200`, headers: { cookie: officer.cookie } })).json();
    expect(notOverdue.items.map((a: { id: string }) => a.id)).toContain(fresh.application.id);
    expect(notOverdue.items.every((a: { overdue: boolean }) => !a.overdue)).toBe(true);
    // The company sees the flag on its own application too.
    expect((await t.app.inject({ method: 'GET', url: `${url}/${late.application.id}`, headers: { cookie: late.user.cookie } })).json().overdue).toBe(true);
    await t.app.inject({ method: 'PUT', url: '/api/v1/membership/deadlines', headers: admin.headers, payload: { deadlines: { screening: 10, draft: null } } });
  });
});

describe('CSV cells', () => {
  it('quotes per RFC 4180 and defuses formulas', () => {
    expect(csvCell('plain')).toBe('plain');
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('two\r\nlines')).toBe('"two\r\nlines"');
    for (const formula of ['=1+1', '+1', '-1', '@SUM(A1)', '\t=1']) expect(csvCell(formula).replace(/^"/, '').startsWith("'")).toBe(true);
    expect(csvCell('=HYPERLINK("http://x","y")')).toBe('"\'=HYPERLINK(""http://x"",""y"")"');
  });

  it('defuses a member name that looks like a formula in the CSV export', async () => {
    const { organizationId } = await memberApplication('=cmd|\' /C calc\'!A0');
    const csv = (await t.app.inject({ method: 'GET', url: '/api/v1/public/members.csv' })).body;
    expect(csv).toContain("\n'=cmd|' /C calc'!A0,");
    expect(csv).not.toMatch(/\n=cmd/);
    expect(organizationId).toBeTruthy();
  });
});
