import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Caller, type TestApp, createTestApp, makeOrganization, makeUser, signedInCaller } from '../../../test/support/app.ts';
import { insertTestDocument } from '../../../test/support/membership.ts';
import { parseIdentifier } from '../registry/identifiers.ts';
import { runQueuedJobs } from '../jobs/service.ts';
import { queueComplianceSweep, runComplianceSweep } from './reports-service.ts';
import { addWorkingDays } from './service.ts';
import { PASSING_REGIME_FIGURES } from '../../../test/support/regime.ts';

// The regime through the real stack: applications checked against the rules in force, decisions by
// officers, residents with signed certificates anyone can verify, annual reports that fail into
// suspension proposals, appeals to a commission, the benefits estimate and the public register.

let t: TestApp;
let admin: Caller;
let officer: Caller;
let secondOfficer: Caller;
let auditor: Caller;
let commissionMember: Caller;

let keyCounter = 0;
function send(caller: Caller | null, method: 'GET' | 'POST' | 'PATCH' | 'PUT', url: string, payload?: unknown) {
  const headers = caller ? (method === 'GET' ? { cookie: caller.cookie } : { ...caller.headers, 'idempotency-key': `regime-${++keyCounter}` }) : {};
  return t.app.inject({ method, url, headers, ...(payload === undefined ? {} : { payload: payload as object }) });
}
async function ok(caller: Caller | null, method: 'GET' | 'POST' | 'PATCH' | 'PUT', url: string, payload?: unknown, status = 200) {
  const response = await send(caller, method, url, payload);
  expect(response.statusCode, `${method} ${url}: ${response.body}`).toBe(status);
  return response.json();
}

let edrCounter = 1_000_000;
/** A fresh EDRPOU code with a valid check digit. */
function edrpou() {
  const stem = String(++edrCounter + 3_000_000);
  for (let digit = 0; digit <= 9; digit++) {
    const parsed = parseIdentifier(`UA-EDR-${stem}${digit}`);
    if (parsed.ok) return { scheme: parsed.scheme, value: parsed.value, identifier: parsed.identifier };
  }
  throw new Error(`no check digit for ${stem}`);
}

const PASSING = PASSING_REGIME_FIGURES;

/** A Ukrainian company with a confirmed identifier, a disclosed beneficial owner, an auditor's report and a signed-in user. */
async function eligibleCompany(name: string) {
  const organization = await makeOrganization(t, name, { identifiers: [edrpou()] as never, website: 'https://example.com.ua', addresses: [{ type: 'production', street: 'вул. Сумська, 1', city: 'Харків', region: 'UA-63', country: 'UA' }] });
  await ok(officer, 'POST', `/api/v1/organizations/${organization.id}/owners`, { owner: { kind: 'new_person', person: { names: [{ fullName: `${name} Owner`, script: 'Latn' }], nationalities: ['UA'] } }, sharePercent: 100 }, 201);
  const user = await signedInCaller(t, ['company'], { organizationId: organization.id });
  const documentId = await insertTestDocument(t, organization.id, "Auditor's report 2025");
  return { organizationId: organization.id, user, documentId };
}

async function submittedApplication(company: Awaited<ReturnType<typeof eligibleCompany>>, figures: Record<string, unknown> = PASSING) {
  const draft = await ok(company.user, 'POST', '/api/v1/regime/applications', { figures, auditorReportDocumentId: company.documentId }, 201);
  return ok(company.user, 'POST', `/api/v1/regime/applications/${draft.id}/transitions`, { action: 'submit', version: draft.version });
}

async function grantedResident(name: string) {
  const company = await eligibleCompany(name);
  const application = await submittedApplication(company);
  const granted = await ok(officer, 'POST', `/api/v1/regime/applications/${application.id}/transitions`, { action: 'grant', version: application.version });
  return { company, application: granted, resident: await ok(officer, 'GET', `/api/v1/regime/residents/${granted.residentId}`) };
}

beforeAll(async () => {
  t = await createTestApp();
  [admin, officer, secondOfficer, auditor, commissionMember] = await Promise.all([
    signedInCaller(t, ['admin']),
    signedInCaller(t, ['officer']),
    signedInCaller(t, ['officer']),
    signedInCaller(t, ['auditor']),
    signedInCaller(t, ['analyst']),
  ]);
});
afterAll(async () => t?.close());

describe('applications for residency', () => {
  it('previews a draft against the rules in force, checks it on submission and lets an officer grant it', async () => {
    const company = await eligibleCompany('Kharkiv Shells LLC');
    const draft = await ok(company.user, 'POST', '/api/v1/regime/applications', { figures: { currency: 'UAH', employees: 120 } }, 201);
    expect(draft).toMatchObject({ status: 'draft', evaluationIsPreview: true, allowedActions: ['submit', 'withdraw'] });
    const byKey = Object.fromEntries(draft.evaluation.criteria.map((c: { key: string; outcome: string }) => [c.key, c.outcome]));
    expect(byKey).toMatchObject({ ukrainian_legal_entity: 'pass', employees: 'pass', defense_income_share: 'missing', owners_disclosed: 'pass', auditor_report: 'missing' });

    // Submitting an incomplete application names what is missing, and changes nothing.
    const incomplete = await send(company.user, 'POST', `/api/v1/regime/applications/${draft.id}/transitions`, { action: 'submit', version: 1 });
    expect(incomplete.statusCode).toBe(400);
    expect(incomplete.json().detail).toContain('figures.revenueMinor');

    const filled = await ok(company.user, 'PATCH', `/api/v1/regime/applications/${draft.id}`, { version: 1, figures: PASSING, auditorReportDocumentId: company.documentId });
    // Not screened until submission: the sanctions criterion lacks evidence in the preview.
    expect(filled.evaluation.outcome).toBe('missing');
    expect(filled.evaluation.criteria.filter((c: { outcome: string }) => c.outcome !== 'pass').map((c: { key: string }) => c.key)).toEqual(['no_sanctions_hit']);
    const submitted = await ok(company.user, 'POST', `/api/v1/regime/applications/${draft.id}/transitions`, { action: 'submit', version: filled.version });
    expect(submitted).toMatchObject({ status: 'checks', evaluationIsPreview: false, allowedActions: ['withdraw'] });
    expect(submitted.evaluation).toMatchObject({ outcome: 'pass', ruleSetVersion: 1 });
    expect(submitted.transitions.map((s: { to: string }) => s.to)).toEqual(['draft', 'submitted', 'checks']);
    expect(Date.parse(submitted.decisionDueAt)).toBe(addWorkingDays(new Date(submitted.submittedAt), 30).getTime());
    // Figures stay as given: percentages as exact decimal text.
    expect(submitted.figures).toMatchObject({ stateOwnershipPct: '0', localContentPct: '64.5' });

    // A company cannot grant its own application; a refusal needs reasons.
    expect((await send(company.user, 'POST', `/api/v1/regime/applications/${draft.id}/transitions`, { action: 'grant', version: submitted.version })).statusCode).toBe(403);
    expect((await send(officer, 'POST', `/api/v1/regime/applications/${draft.id}/transitions`, { action: 'refuse', version: submitted.version })).statusCode).toBe(400);
    expect((await send(auditor, 'POST', `/api/v1/regime/applications/${draft.id}/transitions`, { action: 'grant', version: submitted.version })).statusCode).toBe(403);

    const granted = await ok(officer, 'POST', `/api/v1/regime/applications/${draft.id}/transitions`, { action: 'grant', version: submitted.version, reason: 'All criteria met.' });
    expect(granted).toMatchObject({ status: 'granted', decisionReason: 'All criteria met.', allowedActions: [] });
    const resident = await ok(company.user, 'GET', `/api/v1/regime/residents/${granted.residentId}`);
    expect(resident).toMatchObject({ status: 'active', ruleSetVersion: 1, organizationName: 'Kharkiv Shells LLC', allowedActions: ['exit'] });
    expect(resident.certificateNumber).toMatch(/^ADI-SR-\d{4}-\d{6}$/);
    expect(resident.transitions.map((s: { to: string }) => s.to)).toEqual(['active']);

    // A second application while a resident is refused; the state change is audited and the company notified.
    expect((await send(company.user, 'POST', '/api/v1/regime/applications', {})).statusCode).toBe(409);
    const audit = await sql<{ action: string }>`select action from audit_events where target_id = ${granted.residentId} order by seq`.execute(t.database.db);
    expect(audit.rows.map((r) => r.action)).toEqual(['regime.resident_granted']);
    const mail = await sql<{ n: number }>`select count(*)::int as n from email_outbox where organization_id = ${company.organizationId} and body like '%granted residency%'`.execute(t.database.db);
    expect(Number(mail.rows[0].n)).toBe(1);
  });

  it('refuses to grant an application that fails a criterion, and keeps other companies out', async () => {
    const company = await eligibleCompany('Mostly Civil Ltd');
    const submitted = await submittedApplication(company, { ...PASSING, qualifiedDefenseIncomeMinor: 299_999_999_99 });
    expect(submitted.evaluation.outcome).toBe('fail');
    const share = submitted.evaluation.criteria.find((c: { key: string }) => c.key === 'defense_income_share');
    expect(share).toMatchObject({ outcome: 'fail', expected: '≥ 75 %' });
    const refused = await send(officer, 'POST', `/api/v1/regime/applications/${submitted.id}/transitions`, { action: 'grant', version: submitted.version });
    expect(refused.statusCode).toBe(409);
    expect(refused.json()).toMatchObject({ code: 'eligibility_failed' });
    expect(refused.json().detail).toContain('defense_income_share (fail)');

    const stranger = await eligibleCompany('Nosy Neighbour LLC');
    expect((await send(stranger.user, 'GET', `/api/v1/regime/applications/${submitted.id}`)).statusCode).toBe(404);
    const list = await ok(stranger.user, 'GET', '/api/v1/regime/applications');
    expect(list.items.every((a: { organizationId: string }) => a.organizationId === stranger.organizationId)).toBe(true);
  });

  it('sends an appeal against a refusal to the commission, whose members alone decide it', async () => {
    const company = await eligibleCompany('Appealing Optics LLC');
    const submitted = await submittedApplication(company, { ...PASSING, employees: 8 });
    const refused = await ok(officer, 'POST', `/api/v1/regime/applications/${submitted.id}/transitions`, { action: 'refuse', version: submitted.version, reason: 'Fewer than 9 employees.' });
    expect(refused).toMatchObject({ status: 'refused', decisionReason: 'Fewer than 9 employees.' });

    const appeal = await ok(company.user, 'POST', '/api/v1/regime/appeals', { subjectType: 'application', subjectId: submitted.id, grounds: 'Nine people work for us; the tenth started in January.' }, 201);
    expect(appeal.status).toBe('pending');
    expect((await send(company.user, 'POST', '/api/v1/regime/appeals', { subjectType: 'application', subjectId: submitted.id, grounds: 'again' })).statusCode).toBe(409);

    // Not on the commission yet: refused. The officer who refused may not sit on the appeal.
    expect((await send(commissionMember, 'POST', `/api/v1/regime/appeals/${appeal.id}/decision`, { decision: 'uphold', reason: 'x', version: 1 })).statusCode).toBe(403);
    const officerMe = await ok(officer, 'GET', '/api/v1/auth/me');
    const memberMe = await ok(commissionMember, 'GET', '/api/v1/auth/me');
    await ok(admin, 'PUT', '/api/v1/regime/commission', { userIds: [officerMe.user.id, memberMe.user.id] });
    expect((await send(officer, 'POST', `/api/v1/regime/appeals/${appeal.id}/decision`, { decision: 'uphold', reason: 'x', version: 1 })).statusCode).toBe(403);
    const companyUser = await makeUser(t, ['company']);
    expect((await send(admin, 'PUT', '/api/v1/regime/commission', { userIds: [companyUser.user.id] })).statusCode).toBe(400);

    const upheld = await ok(commissionMember, 'POST', `/api/v1/regime/appeals/${appeal.id}/decision`, { decision: 'uphold', reason: 'Payroll records show nine employees.', version: 1 });
    expect(upheld.status).toBe('upheld');
    const application = await ok(company.user, 'GET', `/api/v1/regime/applications/${submitted.id}`);
    expect(application.status).toBe('granted');
    expect(application.transitions.map((s: { to: string }) => s.to)).toEqual(['draft', 'submitted', 'checks', 'refused', 'granted']);
    const resident = await ok(company.user, 'GET', `/api/v1/regime/residents/${application.residentId}`);
    expect(resident.status).toBe('active');
    expect(resident.appeals.map((a: { status: string }) => a.status)).toEqual(['upheld']);
  });
});

describe('every transition and refused role', () => {
  it('withdraws, returns and refuses applications only as the machine allows, and keeps officers from deciding their own filings', async () => {
    const analyst = await signedInCaller(t, ['analyst']);
    const company = await eligibleCompany('Machine Works LLC');
    const submitted = await submittedApplication(company);
    const actOn = (caller: Caller, body: Record<string, unknown>) => send(caller, 'POST', `/api/v1/regime/applications/${submitted.id}/transitions`, { version: submitted.version, ...body });
    expect((await actOn(analyst, { action: 'grant' })).statusCode).toBe(403);
    expect((await actOn(admin, { action: 'grant' })).statusCode).toBe(403);
    expect((await actOn(officer, { action: 'withdraw' })).statusCode).toBe(403);
    expect((await actOn(officer, { action: 'return' })).statusCode).toBe(400);
    expect((await actOn(officer, { action: 'submit' })).json()).toMatchObject({ code: 'invalid_transition', allowed: ['grant', 'refuse', 'return'] });
    expect((await actOn(officer, { action: 'grant', version: submitted.version + 7 })).statusCode).toBe(409);
    const returned = await ok(officer, 'POST', `/api/v1/regime/applications/${submitted.id}/transitions`, { action: 'return', version: submitted.version, reason: 'Figures are for the wrong year.' });
    expect(returned).toMatchObject({ status: 'returned', decisionReason: 'Figures are for the wrong year.', allowedActions: [] });
    // Returned without consideration is final: the company starts a new application.
    expect((await send(company.user, 'POST', `/api/v1/regime/applications/${submitted.id}/transitions`, { action: 'submit', version: returned.version })).json()).toMatchObject({ code: 'invalid_transition' });
    const again = await submittedApplication(company);
    const withdrawn = await ok(company.user, 'POST', `/api/v1/regime/applications/${again.id}/transitions`, { action: 'withdraw', version: again.version });
    expect(withdrawn.status).toBe('withdrawn');

    // An officer who files for a company may not decide that application; another officer may.
    const paper = await eligibleCompany('Paper Filing LLC');
    const draft = await ok(officer, 'POST', '/api/v1/regime/applications', { organizationId: paper.organizationId, figures: PASSING, auditorReportDocumentId: paper.documentId }, 201);
    const filed = await ok(officer, 'POST', `/api/v1/regime/applications/${draft.id}/transitions`, { action: 'submit', version: draft.version });
    expect((await send(officer, 'POST', `/api/v1/regime/applications/${draft.id}/transitions`, { action: 'grant', version: filed.version })).statusCode).toBe(403);
    expect((await ok(secondOfficer, 'POST', `/api/v1/regime/applications/${draft.id}/transitions`, { action: 'grant', version: filed.version })).status).toBe('granted');
  });

  it('suspends, reinstates, terminates and exits residents only as the machine allows, and reinstates on an upheld appeal against termination', async () => {
    const { resident, company } = await grantedResident('Machine Residents LLC');
    const actOn = (caller: Caller, body: Record<string, unknown>) => send(caller, 'POST', `/api/v1/regime/residents/${resident.id}/transitions`, { version: resident.version, ...body });
    expect((await actOn(company.user, { action: 'suspend', reason: 'x' })).statusCode).toBe(403);
    expect((await actOn(officer, { action: 'exit' })).statusCode).toBe(403);
    expect((await actOn(auditor, { action: 'terminate', reason: 'x' })).statusCode).toBe(403);
    expect((await actOn(officer, { action: 'suspend' })).statusCode).toBe(400);
    expect((await actOn(officer, { action: 'suspend', reason: 'x', cureDeadline: '2020-01-01' })).statusCode).toBe(400);
    expect((await actOn(officer, { action: 'terminate', reason: 'x', cureDeadline: '2099-01-01' })).statusCode).toBe(400);
    expect((await actOn(officer, { action: 'reinstate' })).json()).toMatchObject({ code: 'invalid_transition', allowed: ['suspend', 'terminate'] });
    const stranger = await eligibleCompany('Other Residents LLC');
    expect((await send(stranger.user, 'GET', `/api/v1/regime/residents/${resident.id}`)).statusCode).toBe(404);
    expect((await send(stranger.user, 'GET', `/api/v1/regime/residents/${resident.id}/certificate.pdf`)).statusCode).toBe(404);
    expect((await send(stranger.user, 'POST', `/api/v1/regime/residents/${resident.id}/transitions`, { action: 'exit', version: resident.version })).statusCode).toBe(404);

    const terminated = await ok(officer, 'POST', `/api/v1/regime/residents/${resident.id}/transitions`, { action: 'terminate', version: resident.version, reason: 'Defense production stopped.' });
    expect(terminated.status).toBe('terminated');
    expect((await send(stranger.user, 'POST', '/api/v1/regime/appeals', { subjectType: 'resident', subjectId: resident.id, grounds: 'not mine' })).statusCode).toBe(404);
    const appeal = await ok(company.user, 'POST', '/api/v1/regime/appeals', { subjectType: 'resident', subjectId: resident.id, grounds: 'Production moved to a new site; it did not stop.' }, 201);
    const memberMe = await ok(commissionMember, 'GET', '/api/v1/auth/me');
    await ok(admin, 'PUT', '/api/v1/regime/commission', { userIds: [memberMe.user.id] });
    expect((await send(commissionMember, 'POST', `/api/v1/regime/appeals/${appeal.id}/decision`, { decision: 'uphold', reason: 'x', version: 9 })).statusCode).toBe(409);
    await ok(commissionMember, 'POST', `/api/v1/regime/appeals/${appeal.id}/decision`, { decision: 'uphold', reason: 'The site moved; production went on.', version: 1 });
    const back = await ok(company.user, 'GET', `/api/v1/regime/residents/${resident.id}`);
    expect(back).toMatchObject({ status: 'active', endedAt: null, endGrounds: null });
    expect(back.transitions.map((s: { to: string }) => s.to)).toEqual(['active', 'terminated', 'active']);
    // Staff names stay hidden from the company.
    expect(back.transitions[1].actorLabel).toBe('ADI staff');
  });
});

describe('certificates', () => {
  it('lets anyone verify a certificate, and shows the status of today and any tampering', async () => {
    const { resident, company } = await grantedResident('Verified Armour LLC');
    const status = await ok(null, 'GET', `/api/v1/public/regime/certificates/${resident.certificateId}`);
    expect(status).toMatchObject({ status: 'active', signatureValid: true, certificate: { number: resident.certificateNumber, legalName: 'Verified Armour LLC', ruleSetVersion: 1 } });
    expect(status.message.split('\n')[0]).toBe('adi-regime-certificate/v1');

    const pdf = await send(company.user, 'GET', `/api/v1/regime/residents/${resident.id}/certificate.pdf`);
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');

    // The holder's copy checks out; a copy with one field changed does not.
    expect(await ok(null, 'POST', '/api/v1/public/regime/certificates/verify', { certificate: status.certificate, signature: status.signature })).toEqual({ valid: true, known: true, matchesIssued: true });
    const forged = { ...status.certificate, legalName: 'Forged Armour LLC' };
    expect(await ok(null, 'POST', '/api/v1/public/regime/certificates/verify', { certificate: forged, signature: status.signature })).toEqual({ valid: false, known: true, matchesIssued: false });
    expect(await ok(null, 'POST', '/api/v1/public/regime/certificates/verify', { certificate: { ...status.certificate, certificateId: '019aa000-0000-7000-8000-0000000000ff' }, signature: status.signature })).toMatchObject({ valid: false, known: false });
    expect((await send(null, 'GET', '/api/v1/public/regime/certificates/019aa000-0000-7000-8000-0000000000ff')).statusCode).toBe(404);

    // Suspended, then terminated: the verify answer follows today's status.
    const suspended = await ok(officer, 'POST', `/api/v1/regime/residents/${resident.id}/transitions`, { action: 'suspend', version: resident.version, reason: 'Audit found unpaid wages.', cureDeadline: '2099-01-31' });
    expect(suspended).toMatchObject({ status: 'suspended', cureDeadline: '2099-01-31', allowedActions: ['reinstate', 'terminate'] });
    expect(await ok(null, 'GET', `/api/v1/public/regime/certificates/${resident.certificateId}`)).toMatchObject({ status: 'suspended', cureDeadline: '2099-01-31', signatureValid: true });
    const terminated = await ok(officer, 'POST', `/api/v1/regime/residents/${resident.id}/transitions`, { action: 'terminate', version: suspended.version, reason: 'Breach not cured.' });
    expect(terminated).toMatchObject({ status: 'terminated', endGrounds: 'Breach not cured.' });
    expect(await ok(null, 'GET', `/api/v1/public/regime/certificates/${resident.certificateId}`)).toMatchObject({ status: 'terminated', endGrounds: 'Breach not cured.' });
    expect((await send(officer, 'POST', `/api/v1/regime/residents/${resident.id}/transitions`, { action: 'reinstate', version: terminated.version })).json()).toMatchObject({ code: 'invalid_transition' });

    // Someone edits the stored certificate: the signature no longer holds, and the page says so.
    await sql`update regime_residents set certificate = jsonb_set(certificate, '{legalName}', '"Tampered LLC"') where id = ${resident.id}`.execute(t.database.db);
    expect(await ok(null, 'GET', `/api/v1/public/regime/certificates/${resident.certificateId}`)).toMatchObject({ signatureValid: false });
  });
});

describe('annual reports', () => {
  it('accepts a passing report, turns a failing one into a suspension proposal an officer accepts, and estimates the benefits', async () => {
    const passing = await grantedResident('Reporting Rockets LLC');
    const failing = await grantedResident('Slipping Sensors LLC');
    const year = new Date().getUTCFullYear();

    const good = await ok(passing.company.user, 'POST', `/api/v1/regime/residents/${passing.resident.id}/reports`, { year, figures: { ...PASSING, fiscalYear: year }, auditorReportDocumentId: passing.company.documentId }, 201);
    expect(good).toMatchObject({ status: 'draft', evaluationIsPreview: true, dueOn: `${year + 1}-04-28` });
    expect(await ok(passing.company.user, 'POST', `/api/v1/regime/reports/${good.id}/submit`, { version: good.version })).toMatchObject({ status: 'accepted', evaluation: { outcome: 'pass' } });
    expect((await send(passing.company.user, 'POST', `/api/v1/regime/residents/${passing.resident.id}/reports`, { year })).statusCode).toBe(409);
    expect((await send(passing.company.user, 'POST', `/api/v1/regime/residents/${passing.resident.id}/reports`, { year: year - 5 })).statusCode).toBe(400);

    const bad = await ok(failing.company.user, 'POST', `/api/v1/regime/residents/${failing.resident.id}/reports`, { year, figures: { ...PASSING, fiscalYear: year, qualifiedDefenseIncomeMinor: 100_000_000_00, reinvestedProfitMinor: 0 }, auditorReportDocumentId: failing.company.documentId }, 201);
    const submitted = await ok(failing.company.user, 'POST', `/api/v1/regime/reports/${bad.id}/submit`, { version: bad.version });
    expect(submitted.status).toBe('failed');
    expect(submitted.evaluation.criteria.find((c: { key: string }) => c.key === 'defense_income_share')).toMatchObject({ outcome: 'fail', actual: '25.00 % (100000000.00 of 400000000.00)' });

    const proposals = await ok(officer, 'GET', '/api/v1/regime/proposals?status=open');
    const proposal = proposals.items.find((p: { residentId: string }) => p.residentId === failing.resident.id);
    expect(proposal).toMatchObject({ cause: 'report_failed', year, reportId: bad.id, details: { failed: ['defense_income_share'] } });
    // The company sees its own proposal only; it cannot decide it.
    const own = await ok(failing.company.user, 'GET', '/api/v1/regime/proposals');
    expect(own.items.map((p: { id: string }) => p.id)).toEqual([proposal.id]);
    expect((await send(failing.company.user, 'POST', `/api/v1/regime/proposals/${proposal.id}/decision`, { decision: 'accept', reason: 'x' })).statusCode).toBe(403);

    const accepted = await ok(officer, 'POST', `/api/v1/regime/proposals/${proposal.id}/decision`, { decision: 'accept', reason: 'Defense income share 25 % in the report.' });
    expect(accepted.status).toBe('accepted');
    const suspended = await ok(officer, 'GET', `/api/v1/regime/residents/${failing.resident.id}`);
    expect(suspended).toMatchObject({ status: 'suspended', suspensionReason: 'Defense income share 25 % in the report.', allowedActions: ['reinstate', 'terminate'] });
    expect(suspended.cureDeadline > new Date().toISOString().slice(0, 10)).toBe(true);
    expect((await send(officer, 'POST', `/api/v1/regime/proposals/${proposal.id}/decision`, { decision: 'dismiss', reason: 'x' })).statusCode).toBe(409);
    const reinstated = await ok(secondOfficer, 'POST', `/api/v1/regime/residents/${failing.resident.id}/transitions`, { action: 'reinstate', version: suspended.version });
    expect(reinstated).toMatchObject({ status: 'active', cureDeadline: null });

    // Relief = reinvested profit × 18 % + land, property and environmental tax × 100 %, rounded half up per line.
    const estimate = await ok(auditor, 'GET', `/api/v1/regime/benefits?year=${year}`);
    const row = estimate.items.find((i: { residentId: string }) => i.residentId === passing.resident.id);
    expect(row).toMatchObject({ reportStatus: 'accepted', currency: 'UAH', corporateIncomeTaxMinor: 3_600_000_00, landTaxMinor: 1_000_000_00, propertyTaxMinor: 2_500_000_00, environmentalTaxMinor: 333_33, totalMinor: 7_100_333_33 });
    const other = estimate.items.find((i: { residentId: string }) => i.residentId === failing.resident.id);
    expect(other).toMatchObject({ reportStatus: 'failed', corporateIncomeTaxMinor: 0 });
    const uah = estimate.totals.find((x: { currency: string }) => x.currency === 'UAH');
    expect(uah.totalMinor).toBe(estimate.items.filter((i: { currency: string }) => i.currency === 'UAH').reduce((sum: number, i: { totalMinor: number }) => sum + i.totalMinor, 0));
    const csv = await send(auditor, 'GET', `/api/v1/regime/benefits?year=${year}&format=csv`);
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.body).toContain('Reporting Rockets LLC');
    expect((await send(passing.company.user, 'GET', `/api/v1/regime/benefits?year=${year}`)).statusCode).toBe(403);
  });

  it('reminds before the due date once per reminder, and proposes suspension after the grace period', async () => {
    const { resident, company } = await grantedResident('Forgetful Fuses LLC');
    const grantYear = new Date(resident.grantedAt).getUTCFullYear();
    const mails = async () => Number((await sql<{ n: number }>`select count(*)::int as n from email_outbox where organization_id = ${company.organizationId} and subject like '%Annual report for%'`.execute(t.database.db)).rows[0].n);

    // Due on 28 April of the next year; reminders 30 and 7 days before.
    await runComplianceSweep(t.database.db, new Date(`${grantYear + 1}-03-20T09:00:00Z`));
    expect(await mails()).toBe(0);
    await runComplianceSweep(t.database.db, new Date(`${grantYear + 1}-04-01T09:00:00Z`));
    await runComplianceSweep(t.database.db, new Date(`${grantYear + 1}-04-02T09:00:00Z`));
    expect(await mails()).toBe(1);
    await runComplianceSweep(t.database.db, new Date(`${grantYear + 1}-04-25T09:00:00Z`));
    expect(await mails()).toBe(2);

    // Overdue but within the grace period: flagged, no proposal yet; after it: one proposal, however often the sweep runs.
    const compliance = await ok(officer, 'GET', `/api/v1/regime/compliance?year=${grantYear}`);
    expect(compliance.items.find((i: { residentId: string }) => i.residentId === resident.id)).toMatchObject({ reportStatus: 'not_started', dueOn: `${grantYear + 1}-04-28`, graceEndsOn: `${grantYear + 1}-05-28` });
    await runComplianceSweep(t.database.db, new Date(`${grantYear + 1}-05-20T09:00:00Z`));
    const proposalsOf = async () => (await ok(officer, 'GET', '/api/v1/regime/proposals')).items.filter((p: { residentId: string }) => p.residentId === resident.id);
    expect(await proposalsOf()).toEqual([]);
    await runComplianceSweep(t.database.db, new Date(`${grantYear + 1}-06-01T09:00:00Z`));
    await runComplianceSweep(t.database.db, new Date(`${grantYear + 1}-06-02T09:00:00Z`));
    // The server queues the sweep as a background job; whichever node claims it runs it.
    await queueComplianceSweep(t.database.db);
    expect(await runQueuedJobs(t.database.db, { queues: ['regime.compliance_sweep'] })).toEqual({ done: 1, failed: 0 });
    expect(await proposalsOf()).toMatchObject([{ cause: 'report_overdue', year: grantYear, status: 'open', details: { dueOn: `${grantYear + 1}-04-28`, graceEndedOn: `${grantYear + 1}-05-28` } }]);
  });
});

describe('the public register', () => {
  it('lists current and former residents with their identifiers, hides the optional fields a resident chooses, and downloads as CSV', async () => {
    const { resident, company } = await grantedResident('Open Register Drones LLC');
    const find = async (query: string) => (await ok(null, 'GET', `/api/v1/public/regime/residents?${query}`)).items.find((r: { certificateId: string }) => r.certificateId === resident.certificateId);
    const entry = await find('status=current&q=open register');
    expect(entry).toMatchObject({ name: 'Open Register Drones LLC', status: 'active', website: 'https://example.com.ua', address: 'Харків, UA-63' });
    expect(entry.identifiers[0]).toMatch(/^UA-EDR-\d{8}$/);
    expect(await find('status=former')).toBeUndefined();

    const hidden = await ok(company.user, 'PUT', `/api/v1/regime/residents/${resident.id}/visibility`, { hiddenFields: ['website', 'address'], version: resident.version });
    expect(hidden.hiddenFields).toEqual(['address', 'website']);
    expect(await find('q=open register')).toMatchObject({ website: null, address: null, capabilities: [] });
    // Identifiers and status are never hideable.
    expect((await send(company.user, 'PUT', `/api/v1/regime/residents/${resident.id}/visibility`, { hiddenFields: ['identifiers'], version: hidden.version })).statusCode).toBe(400);

    const exited = await ok(company.user, 'POST', `/api/v1/regime/residents/${resident.id}/transitions`, { action: 'exit', version: hidden.version });
    expect(exited).toMatchObject({ status: 'exited', endGrounds: 'voluntary exit' });
    expect(await find('status=former&q=open register')).toMatchObject({ status: 'exited', endGrounds: 'voluntary exit' });
    const csv = await send(null, 'GET', '/api/v1/public/regime/residents?format=csv&q=open register');
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.body).toContain('Open Register Drones LLC');
    expect(csv.body.split('\r\n')[0]).toBe('\uFEFFname,name_uk,identifiers,status,certificate_number,granted_at,suspended_at,ended_at,end_grounds,website,address,capabilities');
  });
});

describe('settings', () => {
  it('lets administrators tune the regime with optimistic versions, audited, and no one else', async () => {
    const settings = await ok(officer, 'GET', '/api/v1/regime/settings');
    expect(settings).toMatchObject({ decisionWorkingDays: 30, reportDueMonth: 4, reportDueDay: 28, reminderDaysBefore: [30, 7], hideableFields: ['website', 'address', 'capabilities'] });
    expect((await send(officer, 'PUT', '/api/v1/regime/settings', { version: settings.version, cureDays: 90 })).statusCode).toBe(403);
    expect((await send(admin, 'PUT', '/api/v1/regime/settings', { version: settings.version, reportDueDay: 31 })).statusCode).toBe(400);
    expect((await send(admin, 'PUT', '/api/v1/regime/settings', { version: settings.version, benefitRates: { ...settings.benefitRates, corporateIncomeTaxPct: 'eighteen' } })).statusCode).toBe(400);
    const changed = await ok(admin, 'PUT', '/api/v1/regime/settings', { version: settings.version, cureDays: 90, reminderDaysBefore: [7, 45] });
    expect(changed).toMatchObject({ cureDays: 90, reminderDaysBefore: [45, 7], version: settings.version + 1 });
    expect((await send(admin, 'PUT', '/api/v1/regime/settings', { version: settings.version, cureDays: 60 })).statusCode).toBe(409);
    const restored = await ok(admin, 'PUT', '/api/v1/regime/settings', { version: changed.version, cureDays: 60, reminderDaysBefore: [30, 7] });
    expect(restored.cureDays).toBe(60);
    const audit = await sql<{ n: number }>`select count(*)::int as n from audit_events where action = 'regime.settings_changed'`.execute(t.database.db);
    expect(Number(audit.rows[0].n)).toBe(2);
  });
});

describe('rule sets', () => {
  it('publishes new versions that never change past decisions, previews who would fail, and refuses bad or retroactive rules', async () => {
    const { resident, application } = await grantedResident('Versioned Vehicles LLC');
    const current = await ok(null, 'GET', '/api/v1/regime/rule-sets');
    const inForce = current.items.find((r: { inForce: boolean }) => r.inForce);
    const stricter = inForce.criteria.map((c: { key: string }) => (c.key === 'defense_income_share' ? { ...c, value: '80' } : c));

    const preview = await ok(admin, 'POST', '/api/v1/regime/rule-sets/preview', { criteria: stricter });
    const failing = preview.items.find((i: { residentId: string }) => i.residentId === resident.id);
    expect(failing).toMatchObject({ basis: 'application', evaluation: { outcome: 'fail' } });

    const today = new Date().toISOString().slice(0, 10);
    const yesterday = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);
    expect((await send(admin, 'POST', '/api/v1/regime/rule-sets', { title: 'Retroactive', effectiveFrom: yesterday, criteria: stricter })).statusCode).toBe(400);
    const wrongType = await send(admin, 'POST', '/api/v1/regime/rule-sets', { title: 'Bad', effectiveFrom: today, criteria: [{ key: 'x_hit', label: { en: 'x', uk: 'x' }, fact: 'confirmedSanctionsHit', op: 'gte', value: '1' }] });
    expect(wrongType.statusCode).toBe(400);
    expect(wrongType.json().detail).toContain('yes/no');
    expect((await send(officer, 'POST', '/api/v1/regime/rule-sets', { title: 'Not mine', effectiveFrom: today, criteria: stricter })).statusCode).toBe(403);

    const published = await ok(admin, 'POST', '/api/v1/regime/rule-sets', { title: 'Stricter share', effectiveFrom: today, criteria: stricter }, 201);
    expect(published).toMatchObject({ version: inForce.version + 1, inForce: true });
    // The decision already taken keeps the version it used.
    expect((await ok(officer, 'GET', `/api/v1/regime/applications/${application.id}`)).evaluation.ruleSetVersion).toBe(inForce.version);
    expect((await ok(officer, 'GET', `/api/v1/regime/residents/${resident.id}`)).ruleSetVersion).toBe(inForce.version);
    // A new application is checked against the new version.
    const company = await eligibleCompany('Late Applicant LLC');
    const submitted = await submittedApplication(company);
    expect(submitted.evaluation).toMatchObject({ outcome: 'fail', ruleSetVersion: published.version });
  });
});
