import { sql } from 'kysely';
import { uuidv7 } from '../../src/core/ids.ts';
import { SYSTEM_ACTOR } from '../../src/modules/audit/service.ts';
import { createEntry } from '../../src/modules/fund/service.ts';
import { type Caller, type TestApp, makeOrganization, signedInCaller } from './app.ts';
import { insertTestDocument } from './membership.ts';

// Drives a call for proposals through the HTTP API from publication to awards, for tests that need
// awarded calls without testing the programme workflow itself (programs.test.ts does that).

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH';

/** Calls the API as a signed-in user (or anonymously) and insists on the status. */
export function apiClient(t: TestApp, keyPrefix: string) {
  let keys = 0;
  async function call(caller: Caller | null, method: Method, url: string, payload?: unknown, status = 200) {
    const headers = caller ? (method === 'GET' ? { cookie: caller.cookie } : { ...caller.headers, 'idempotency-key': `${keyPrefix}-${++keys}` }) : {};
    const response = await t.app.inject({ method, url, headers, ...(payload === undefined ? {} : { payload: payload as object }) });
    if (response.statusCode !== status) throw new Error(`${method} ${url}: expected ${status}, got ${response.statusCode}: ${response.body}`);
    return response.json();
  }
  return call;
}

/** Puts budget money in the fund's bank account so calls can be published. */
export async function fundTheFund(t: TestApp, currency: 'UAH' | 'EUR' | 'USD', amountMinor: number, clientKey: string): Promise<void> {
  await createEntry(t.database.db, SYSTEM_ACTOR, {
    currency,
    description: 'Budget allocation',
    referenceType: 'budget',
    clientKey,
    postings: [
      { account: `1000.${currency}.fund`, direction: 'debit', amount: amountMinor },
      { account: `4200.${currency}.budget`, direction: 'credit', amount: amountMinor },
    ],
  });
}

/** A member of the Alliance with a signed-in company user; identifiers given here are confirmed (registered by the system). */
export async function memberCompany(t: TestApp, name: string, identifiers: string[] = []) {
  const organization = await makeOrganization(t, name, {
    identifiers: identifiers.map((identifier) => {
      const [country, register, ...value] = identifier.split('-');
      return { scheme: `${country}-${register}`, value: value.join('-'), identifier };
    }),
  });
  const now = new Date();
  await t.database.db
    .insertInto('membership_applications')
    .values({ id: uuidv7(), organization_id: organization.id, status: 'member', capabilities: ['ammunition'], document_ids: [], screening_mode: 'automatic', status_changed_at: now, member_since: now, version: 1, created_at: now, updated_at: now })
    .execute();
  const user = await signedInCaller(t, ['company'], { organizationId: organization.id });
  return { organizationId: organization.id, name, user };
}
export type MemberCompany = Awaited<ReturnType<typeof memberCompany>>;

/** A call body: one criterion, one evaluator per proposal, no required documents, open now. */
export function simpleCallBody(code: string, budgetMinor: number) {
  return {
    code,
    titleEn: `Call ${code}`,
    titleUk: `Конкурс ${code}`,
    textEn: `Production capacity wanted for ${code}.`,
    textUk: `Потрібні виробничі потужності: ${code}.`,
    currency: 'UAH',
    budgetMinor,
    capabilities: ['ammunition'],
    eligibility: 'members',
    opensAt: new Date(Date.now() - 3_600_000).toISOString(),
    closesAt: new Date(Date.now() + 3_600_000).toISOString(),
    requiredDocuments: [],
    criteria: [{ key: 'quality', label: { en: 'Quality', uk: 'Якість' }, weight: 1, thresholdTenths: 10 }],
    overallThresholdTenths: 10,
    evaluatorsPerProposal: 1,
    disagreementLimitTenths: 15,
    minPartialPercent: 50,
  };
}

/** The people a call needs: a fund officer, a second one to approve payments, an evaluator. */
export async function programStaff(t: TestApp) {
  const [officer, secondOfficer, evaluator] = await Promise.all([signedInCaller(t, ['fund_officer']), signedInCaller(t, ['fund_officer']), signedInCaller(t, ['evaluator'])]);
  return { officer, secondOfficer, evaluator };
}
export type ProgramStaff = Awaited<ReturnType<typeof programStaff>>;

/**
 * Publishes a call, has each applicant submit a proposal with two equal milestones, evaluates them
 * all at 4.0, closes, ranks and awards the call. Returns the call and each applicant's award detail.
 */
export async function awardedCall(
  t: TestApp,
  staff: ProgramStaff,
  code: string,
  budgetMinor: number,
  applicants: Array<{ company: MemberCompany; requestedMinor: number; title: string }>,
  /** Changes to the call's body (its currency, titles). */
  callOverrides: Partial<ReturnType<typeof simpleCallBody>> = {},
) {
  const api = apiClient(t, `awarded-call-${code}`);
  const draft = await api(staff.officer, 'POST', '/api/v1/fund/calls', { ...simpleCallBody(code, budgetMinor), ...callOverrides }, 201);
  const call = await api(staff.officer, 'POST', `/api/v1/fund/calls/${draft.id}/transitions`, { action: 'publish', version: draft.version });

  for (const { company, requestedMinor, title } of applicants) {
    const half = Math.floor(requestedMinor / 2);
    const proposal = await api(
      company.user,
      'POST',
      `/api/v1/fund/calls/${call.id}/proposals`,
      {
        title,
        summary: `Confidential plan of ${company.name}.`,
        requestedMinor,
        capacity: [{ capability: 'ammunition', period: '2027', quantity: 4_321 }],
        milestones: [
          { deliverable: `Secret deliverable A of ${company.name}`, dueDate: '2027-03-31', amountMinor: half },
          { deliverable: `Secret deliverable B of ${company.name}`, dueDate: '2027-09-30', amountMinor: requestedMinor - half },
        ],
        budgetLines: [{ item: 'Press', amountMinor: requestedMinor }],
      },
      201,
    );
    await api(company.user, 'POST', `/api/v1/fund/proposals/${proposal.id}/transitions`, { action: 'submit', version: proposal.version });
    await api(staff.officer, 'POST', `/api/v1/fund/proposals/${proposal.id}/evaluators`, {});
    await api(staff.evaluator, 'POST', `/api/v1/fund/proposals/${proposal.id}/declaration`, { conflict: false, version: 1 });
    await api(staff.evaluator, 'PUT', `/api/v1/fund/proposals/${proposal.id}/scores`, { version: 2, scores: { quality: { scoreTenths: 40, comment: 'Solid.' } } });
    const scored = await api(staff.officer, 'GET', `/api/v1/fund/proposals/${proposal.id}`);
    await api(staff.officer, 'POST', `/api/v1/fund/proposals/${proposal.id}/consensus`, { version: scored.version, scores: { quality: { scoreTenths: 40, reason: 'Agreed.' } } });
  }

  // Calls close by date: move this one's close into the past.
  await sql`update fund_calls set closes_at = now() - interval '1 second' where id = ${call.id}`.execute(t.database.db);
  const open = await api(staff.officer, 'GET', `/api/v1/fund/calls/${call.id}`);
  await api(staff.officer, 'POST', `/api/v1/fund/calls/${call.id}/rank`, { version: open.version });
  const ranked = await api(staff.officer, 'GET', `/api/v1/fund/calls/${call.id}`);
  const awarded = await api(staff.officer, 'POST', `/api/v1/fund/calls/${call.id}/award`, { version: ranked.version });
  const list = await api(staff.officer, 'GET', `/api/v1/fund/awards?callId=${call.id}`);
  const awards = new Map<string, AwardDetail>();
  for (const item of list.items as Array<{ id: string; organizationId: string }>) awards.set(item.organizationId, await api(staff.officer, 'GET', `/api/v1/fund/awards/${item.id}`));
  return { call: awarded as { id: string; code: string; titleEn: string }, awards };
}

/** The parts of an award detail the helpers below use. */
export interface AwardDetail {
  id: string;
  agreementNumber: string;
  amountMinor: number;
  milestones: Array<{ id: string; seq: number; amountMinor: number; version: number; reservationEntryId: string }>;
}

/** A milestone reported with evidence, verified, prepared by one officer and paid on another's approval. */
export async function payMilestone(t: TestApp, staff: ProgramStaff, company: MemberCompany, award: AwardDetail, seq: number) {
  const api = apiClient(t, `pay-${award.id}-${seq}`);
  const milestone = award.milestones.find((m) => m.seq === seq)!;
  const evidence = await insertTestDocument(t, company.organizationId, 'Acceptance certificate');
  await api(company.user, 'POST', `/api/v1/fund/awards/${award.id}/milestones/${milestone.id}/report`, { version: 1, reportText: 'Done and tested.', evidenceDocumentIds: [evidence] });
  await api(staff.officer, 'POST', `/api/v1/fund/awards/${award.id}/milestones/${milestone.id}/verification`, { version: 2, decision: 'verified', note: 'Internal verification note.' });
  const prepared = await api(staff.officer, 'POST', `/api/v1/fund/awards/${award.id}/disbursements`, { milestoneId: milestone.id }, 201);
  return api(staff.secondOfficer, 'POST', `/api/v1/fund/disbursements/${prepared.id}/approval`, { version: prepared.version });
}
