import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Caller, type TestApp, createTestApp, makeOrganization, signedInCaller } from '../../../test/support/app.ts';
import { insertTestDocument } from '../../../test/support/membership.ts';
import { uuidv7 } from '../../core/ids.ts';
import { SYSTEM_ACTOR } from '../audit/service.ts';
import { createEntry, verifyLedger } from './service.ts';

// A call through the real stack: the budget is reserved in the ledger, members apply, evaluators
// declare and score, a consensus is recorded, the ranking funds within the budget, awards reserve each
// milestone, and a second fund officer's approval posts the payment.

let t: TestApp;
let officer: Caller;
let secondOfficer: Caller;
let thirdOfficer: Caller;
let admin: Caller;
let auditor: Caller;
let evaluators: Caller[];

let keyCounter = 0;
function send(caller: Caller | null, method: 'GET' | 'POST' | 'PATCH' | 'PUT', url: string, payload?: unknown) {
  const headers = caller ? (method === 'GET' ? { cookie: caller.cookie } : { ...caller.headers, 'idempotency-key': `programs-${++keyCounter}` }) : {};
  return t.app.inject({ method, url, headers, ...(payload === undefined ? {} : { payload: payload as object }) });
}
async function ok(caller: Caller | null, method: 'GET' | 'POST' | 'PATCH' | 'PUT', url: string, payload?: unknown, status = 200) {
  const response = await send(caller, method, url, payload);
  expect(response.statusCode, `${method} ${url}: ${response.body}`).toBe(status);
  return response.json();
}

/** A company that is a member of the Alliance, with a signed-in user and a document. */
async function member(name: string) {
  const organization = await makeOrganization(t, name);
  const now = new Date();
  await t.database.db
    .insertInto('membership_applications')
    .values({ id: uuidv7(), organization_id: organization.id, status: 'member', capabilities: ['ammunition'], document_ids: [], screening_mode: 'automatic', status_changed_at: now, member_since: now, version: 1, created_at: now, updated_at: now })
    .execute();
  const user = await signedInCaller(t, ['company'], { organizationId: organization.id });
  const documentId = await insertTestDocument(t, organization.id, 'Production plan');
  return { organizationId: organization.id, user, documentId };
}

async function fundAvailable(): Promise<bigint> {
  const row = await t.database.db.selectFrom('ledger_accounts').select(['debits_posted', 'credits_posted', 'credits_pending']).where('code', '=', '1000.UAH.fund').executeTakeFirstOrThrow();
  return BigInt(row.debits_posted) - BigInt(row.credits_posted) - BigInt(row.credits_pending);
}

const CRITERIA = [
  { key: 'capacity', label: { en: 'Capacity added', uk: 'Додана потужність' }, weight: 3, thresholdTenths: 20 },
  { key: 'price', label: { en: 'Price per unit', uk: 'Ціна за одиницю' }, weight: 2, thresholdTenths: 15 },
  { key: 'local_content', label: { en: 'Local content', uk: 'Локалізація' }, weight: 1, thresholdTenths: 0 },
];

function callBody(code: string, budgetMinor: number) {
  return {
    code,
    titleEn: 'Artillery shells 155 mm',
    titleUk: 'Артилерійські снаряди 155 мм',
    textEn: 'Capacity for 155 mm shells in 2027.',
    textUk: 'Потужності для снарядів 155 мм у 2027 році.',
    currency: 'UAH',
    budgetMinor,
    capabilities: ['ammunition'],
    eligibility: 'members',
    opensAt: new Date(Date.now() - 3_600_000).toISOString(),
    closesAt: new Date(Date.now() + 3_600_000).toISOString(),
    requiredDocuments: ['localization_plan'],
    criteria: CRITERIA,
    overallThresholdTenths: 25,
    evaluatorsPerProposal: 3,
    disagreementLimitTenths: 15,
    minPartialPercent: 50,
  };
}

function proposalBody(documentId: string, requestedMinor: number) {
  const first = Math.floor(requestedMinor / 2);
  return {
    title: 'Shell line in Kharkiv',
    summary: 'A second line for 155 mm shells.',
    requestedMinor,
    cofinancingMinor: 10_000_00,
    capacity: [{ capability: 'ammunition', period: '2027', quantity: 12_000 }],
    milestones: [
      { deliverable: 'Line installed', dueDate: '2027-03-31', amountMinor: first },
      { deliverable: 'First 6,000 shells delivered', dueDate: '2027-09-30', amountMinor: requestedMinor - first },
    ],
    budgetLines: [{ item: 'Press', amountMinor: requestedMinor }],
    documentIds: [documentId],
  };
}

beforeAll(async () => {
  t = await createTestApp();
  [officer, secondOfficer, thirdOfficer, admin, auditor] = await Promise.all([
    signedInCaller(t, ['fund_officer']),
    signedInCaller(t, ['fund_officer']),
    signedInCaller(t, ['fund_officer']),
    signedInCaller(t, ['admin']),
    signedInCaller(t, ['auditor']),
  ]);
  evaluators = await Promise.all([1, 2, 3, 4].map(() => signedInCaller(t, ['evaluator'])));
  // The fund holds 5,000,000.00 UAH of budget money.
  await createEntry(t.database.db, SYSTEM_ACTOR, {
    currency: 'UAH',
    description: 'Budget allocation',
    referenceType: 'budget',
    clientKey: 'programs-test-budget',
    postings: [
      { account: '1000.UAH.fund', direction: 'debit', amount: 5_000_000_00 },
      { account: '4200.UAH.budget', direction: 'credit', amount: 5_000_000_00 },
    ],
  });
});
afterAll(async () => t?.close());

describe('a call for proposals from publication to payment', () => {
  it('reserves the budget, takes eligible proposals, evaluates, ranks within the budget, awards and pays with four eyes', async () => {
    // A call beyond the fund's money cannot be published: the ledger refuses the reservation.
    const tooBig = await ok(officer, 'POST', '/api/v1/fund/calls', callBody('too-big', 9_000_000_00), 201);
    expect((await send(officer, 'POST', `/api/v1/fund/calls/${tooBig.id}/transitions`, { action: 'publish', version: 1 })).statusCode).toBe(409);

    const before = await fundAvailable();
    const draft = await ok(officer, 'POST', '/api/v1/fund/calls', callBody('shells-155', 1_000_000_00), 201);
    expect(draft).toMatchObject({ status: 'draft', phase: 'draft' });
    expect((await send(null, 'GET', `/api/v1/fund/calls/${draft.id}`)).statusCode).toBe(404);
    expect((await send(auditor, 'POST', '/api/v1/fund/calls', callBody('not-mine', 1_00))).statusCode).toBe(403);
    const call = await ok(officer, 'POST', `/api/v1/fund/calls/${draft.id}/transitions`, { action: 'publish', version: 1 });
    expect(call).toMatchObject({ status: 'published', phase: 'open' });
    expect(before - (await fundAvailable())).toBe(1_000_000_00n);
    expect((await ok(null, 'GET', `/api/v1/fund/calls/${call.id}`)).titleUk).toBe('Артилерійські снаряди 155 мм');

    // Two members apply; a company that is not a member cannot.
    const a = await member('Kharkiv Shells LLC');
    const b = await member('Dnipro Munitions JSC');
    const outsider = await member('Not A Member Ltd');
    await sql`update membership_applications set status = 'terminated' where organization_id = ${outsider.organizationId}`.execute(t.database.db);
    const pa = await ok(a.user, 'POST', `/api/v1/fund/calls/${call.id}/proposals`, proposalBody(a.documentId, 700_000_00), 201);
    const pb = await ok(b.user, 'POST', `/api/v1/fund/calls/${call.id}/proposals`, proposalBody(b.documentId, 600_000_00), 201);
    const po = await ok(outsider.user, 'POST', `/api/v1/fund/calls/${call.id}/proposals`, proposalBody(outsider.documentId, 100_000_00), 201);
    const badSum = await send(a.user, 'PATCH', `/api/v1/fund/proposals/${pa.id}`, { ...proposalBody(a.documentId, 700_000_00), requestedMinor: 800_000_00, version: 1 });
    expect(badSum.statusCode).toBe(400);
    expect(badSum.json().detail).toContain('milestone amounts add up to');
    expect((await ok(a.user, 'POST', `/api/v1/fund/proposals/${pa.id}/transitions`, { action: 'submit', version: 1 })).status).toBe('submitted');
    expect((await ok(b.user, 'POST', `/api/v1/fund/proposals/${pb.id}/transitions`, { action: 'submit', version: 1 })).eligibility).toMatchObject({ membership: 'member' });
    const refused = await send(outsider.user, 'POST', `/api/v1/fund/proposals/${po.id}/transitions`, { action: 'submit', version: 1 });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().detail).toContain('not a member');
    // Companies never see each other's proposals.
    expect((await send(b.user, 'GET', `/api/v1/fund/proposals/${pa.id}`)).statusCode).toBe(404);

    // Evaluators: drawn from the pool; each declares before seeing the proposal; a conflict ends the assignment.
    const assigned = await ok(officer, 'POST', `/api/v1/fund/proposals/${pa.id}/evaluators`, {});
    expect(assigned.assignments).toHaveLength(3);
    const ids = await Promise.all(evaluators.map(async (e) => (await ok(e, 'GET', '/api/v1/auth/me')).user.id as string));
    const onA = evaluators.filter((_, i) => assigned.assignments.some((x: { evaluatorId: string }) => x.evaluatorId === ids[i]));
    const spare = evaluators.find((_, i) => !assigned.assignments.some((x: { evaluatorId: string }) => x.evaluatorId === ids[i]))!;
    const peek = await send(onA[0], 'GET', `/api/v1/fund/proposals/${pa.id}`);
    expect(peek.statusCode).toBe(403);
    expect(peek.json()).toMatchObject({ mustDeclare: true, assignmentVersion: 1 });
    // The evaluator's list names the proposal (to judge a conflict) and hides its content.
    const listed = (await ok(onA[0], 'GET', '/api/v1/fund/proposals')).items.find((p: { id: string }) => p.id === pa.id);
    expect(listed).toMatchObject({ title: 'Shell line in Kharkiv', organizationName: 'Kharkiv Shells LLC', contentHidden: true, summary: null, milestones: [], requestedMinor: 0 });
    expect((await send(spare, 'GET', `/api/v1/fund/proposals/${pa.id}`)).statusCode).toBe(404);
    // The proposal's documents too: an evaluator reads them only once cleared.
    const attachedDocument = (await ok(officer, 'GET', `/api/v1/fund/proposals/${pa.id}`)).documentIds[0];
    expect((await send(onA[0], 'GET', `/api/v1/documents/${attachedDocument}/content`)).json().detail).toBe('no such document');
    const conflict = await ok(onA[0], 'POST', `/api/v1/fund/proposals/${pa.id}/declaration`, { conflict: true, reason: 'I advised the applicant in 2025.', version: 1 });
    expect(conflict).toMatchObject({ status: 'conflict', proposal: null });
    expect((await send(onA[0], 'GET', `/api/v1/fund/proposals/${pa.id}`)).statusCode).toBe(404);
    expect((await send(onA[0], 'GET', `/api/v1/documents/${attachedDocument}/content`)).json().detail).toBe('no such document');
    const refilled = await ok(officer, 'POST', `/api/v1/fund/proposals/${pa.id}/evaluators`, {});
    expect(refilled.assignments.map((x: { status: string }) => x.status).sort()).toEqual(['assigned', 'assigned', 'assigned', 'conflict']);
    const panelA = [onA[1], onA[2], spare];

    const scores = (capacity: number, price: number, local: number) => ({
      capacity: { scoreTenths: capacity, comment: 'Adds a full line.' },
      price: { scoreTenths: price, comment: 'Price is near the market.' },
      local_content: { scoreTenths: local, comment: 'Steel is imported.' },
    });
    for (const [index, evaluator] of panelA.entries()) {
      const declared = await ok(evaluator, 'POST', `/api/v1/fund/proposals/${pa.id}/declaration`, { conflict: false, version: 1 });
      expect(declared.proposal.title).toBe('Shell line in Kharkiv');
      if (index === 0) {
        // Past the access check (the test document has no stored file: the next 404 says so).
        const download = await send(evaluator, 'GET', `/api/v1/documents/${attachedDocument}/content`);
        expect(download.json().detail).toContain('missing from storage');
        const documents = await ok(evaluator, 'GET', `/api/v1/organizations/${declared.proposal.organizationId}/documents`);
        expect(documents.items.map((d: { id: string }) => d.id)).toEqual([attachedDocument]);
      }
      await ok(evaluator, 'PUT', `/api/v1/fund/proposals/${pa.id}/scores`, { version: 2, scores: scores(index === 0 ? 20 : 45, 40, 30) });
    }
    const disagreement = (await ok(officer, 'GET', `/api/v1/fund/proposals/${pa.id}`)).disagreement;
    expect(disagreement.find((d: { key: string }) => d.key === 'capacity')).toMatchObject({ minTenths: 20, maxTenths: 45, spreadTenths: 25, flagged: true });
    expect(disagreement.find((d: { key: string }) => d.key === 'price')).toMatchObject({ flagged: false });

    // The consensus waits for every evaluation; then it is recorded with reasons.
    await ok(officer, 'POST', `/api/v1/fund/proposals/${pb.id}/evaluators`, { evaluatorIds: [ids[0], ids[1], ids[2]].filter((id) => id) });
    const consensusEarly = await send(officer, 'POST', `/api/v1/fund/proposals/${pb.id}/consensus`, { version: 2, scores: { capacity: { scoreTenths: 30, reason: 'x' }, price: { scoreTenths: 30, reason: 'x' }, local_content: { scoreTenths: 30, reason: 'x' } } });
    expect(consensusEarly.statusCode).toBe(409);
    const pbAssignments = (await ok(officer, 'GET', `/api/v1/fund/proposals/${pb.id}`)).assignments;
    for (const assignment of pbAssignments) {
      const evaluator = evaluators[ids.indexOf(assignment.evaluatorId)];
      await ok(evaluator, 'POST', `/api/v1/fund/proposals/${pb.id}/declaration`, { conflict: false, version: 1 });
      await ok(evaluator, 'PUT', `/api/v1/fund/proposals/${pb.id}/scores`, { version: 2, scores: scores(35, 30, 30) });
    }
    const final = (capacity: number, price: number) => ({
      capacity: { scoreTenths: capacity, reason: 'The panel agreed after discussing the second press.' },
      price: { scoreTenths: price, reason: 'Unit price checked against two quotes.' },
      local_content: { scoreTenths: 30, reason: 'Steel imported, assembly local.' },
    });
    const paVersion = (await ok(officer, 'GET', `/api/v1/fund/proposals/${pa.id}`)).version;
    await ok(officer, 'POST', `/api/v1/fund/proposals/${pa.id}/consensus`, { version: paVersion, scores: final(40, 40) });
    const pbVersion = (await ok(officer, 'GET', `/api/v1/fund/proposals/${pb.id}`)).version;
    await ok(officer, 'POST', `/api/v1/fund/proposals/${pb.id}/consensus`, { version: pbVersion, scores: final(35, 30) });
    // Before the decision the applicant sees neither scores nor evaluators.
    const early = await ok(a.user, 'GET', `/api/v1/fund/proposals/${pa.id}`);
    expect(early).toMatchObject({ finalScores: null, rank: null, assignments: [] });

    // Ranking waits for the close; then the budget funds A in full and B in part (300,000 of 600,000 ≥ 50 %).
    const openCall = await ok(officer, 'GET', `/api/v1/fund/calls/${call.id}`);
    expect((await send(officer, 'POST', `/api/v1/fund/calls/${call.id}/rank`, { version: openCall.version })).statusCode).toBe(409);
    await sql`update fund_calls set closes_at = now() - interval '1 second' where id = ${call.id}`.execute(t.database.db);
    expect((await send(a.user, 'POST', `/api/v1/fund/proposals/${pa.id}/transitions`, { action: 'withdraw', version: (await ok(a.user, 'GET', `/api/v1/fund/proposals/${pa.id}`)).version })).json().detail).toContain('closed');
    const ranking = await ok(officer, 'POST', `/api/v1/fund/calls/${call.id}/rank`, { version: openCall.version });
    expect(ranking.items.map((i: { proposalId: string; rank: number; outcome: string; awardedMinor: number }) => [i.proposalId, i.rank, i.outcome, i.awardedMinor])).toEqual([
      [pa.id, 1, 'funded', 700_000_00],
      [pb.id, 2, 'partially_funded', 300_000_00],
    ]);
    expect(ranking.fundedMinor).toBe(1_000_000_00);

    // Once ranked, the consensus is final.
    const rankedProposal = await ok(officer, 'GET', `/api/v1/fund/proposals/${pb.id}`);
    expect((await send(officer, 'POST', `/api/v1/fund/proposals/${pb.id}/consensus`, { version: rankedProposal.version, scores: final(0, 0) })).statusCode).toBe(409);
    const ranked = await ok(officer, 'GET', `/api/v1/fund/calls/${call.id}`);
    const awarded = await ok(officer, 'POST', `/api/v1/fund/calls/${call.id}/award`, { version: ranked.version });
    expect(awarded.status).toBe('awarded');
    // The ranking of an awarded call is the one recorded.
    expect((await ok(auditor, 'GET', `/api/v1/fund/calls/${call.id}/ranking`)).items.map((i: { outcome: string; awardedMinor: number }) => [i.outcome, i.awardedMinor])).toEqual([
      ['funded', 700_000_00],
      ['partially_funded', 300_000_00],
    ]);
    // The call's reservation became the milestones' reservations: the same money is held.
    expect(before - (await fundAvailable())).toBe(1_000_000_00n);
    const afterAward = await ok(a.user, 'GET', `/api/v1/fund/proposals/${pa.id}`);
    expect(afterAward).toMatchObject({ rank: 1, outcome: 'funded', finalScores: { capacity: { scoreTenths: 40 } } });
    expect(afterAward.assignments.map((x: { evaluatorLabel: string }) => x.evaluatorLabel)).toEqual(['Evaluator 1', 'Evaluator 2', 'Evaluator 3']);

    const list = await ok(a.user, 'GET', '/api/v1/fund/awards');
    expect(list.items).toHaveLength(1);
    const award = await ok(a.user, 'GET', `/api/v1/fund/awards/${list.items[0].id}`);
    expect(award).toMatchObject({ amountMinor: 700_000_00, status: 'active', capacityPromised: [{ capability: 'ammunition', period: '2027', quantity: 12_000 }] });
    const partial = (await ok(b.user, 'GET', '/api/v1/fund/awards')).items[0];
    expect(partial.capacityPromised).toEqual([{ capability: 'ammunition', period: '2027', quantity: 6_000 }]);
    const partialDetail = await ok(b.user, 'GET', `/api/v1/fund/awards/${partial.id}`);
    expect(partialDetail.milestones.map((m: { amountMinor: number }) => m.amountMinor)).toEqual([150_000_00, 150_000_00]);

    // Milestone 1: reported with evidence, verified, prepared by one officer, approved by another.
    const [m1, m2] = award.milestones;
    const evidence = await insertTestDocument(t, a.organizationId, 'Acceptance certificate');
    await ok(a.user, 'POST', `/api/v1/fund/awards/${award.id}/milestones/${m1.id}/report`, { version: 1, reportText: 'The line is installed and tested.', evidenceDocumentIds: [evidence], capacityDelivered: [{ capability: 'ammunition', period: '2027', quantity: 1_000 }] });
    expect((await send(officer, 'POST', `/api/v1/fund/awards/${award.id}/disbursements`, { milestoneId: m1.id })).statusCode).toBe(409);
    await ok(officer, 'POST', `/api/v1/fund/awards/${award.id}/milestones/${m1.id}/verification`, { version: 2, decision: 'verified', note: 'Seen on site.' });
    const prepared = await ok(officer, 'POST', `/api/v1/fund/awards/${award.id}/disbursements`, { milestoneId: m1.id }, 201);
    expect(prepared).toMatchObject({ status: 'prepared', requiredApprovals: 1, amountMinor: 350_000_00 });
    const selfApproval = await send(officer, 'POST', `/api/v1/fund/disbursements/${prepared.id}/approval`, { version: 1 });
    expect(selfApproval.statusCode).toBe(403);
    expect(selfApproval.json().detail).toContain('four eyes');
    expect((await send(a.user, 'POST', `/api/v1/fund/disbursements/${prepared.id}/approval`, { version: 1 })).statusCode).toBe(403);
    const paid = await ok(secondOfficer, 'POST', `/api/v1/fund/disbursements/${prepared.id}/approval`, { version: 1 });
    expect(paid).toMatchObject({ status: 'paid', entryId: m1.reservationEntryId });
    const entry = await ok(secondOfficer, 'GET', `/api/v1/fund/ledger/entries/${m1.reservationEntryId}`);
    expect(entry).toMatchObject({ status: 'posted', referenceType: 'disbursement', referenceId: award.id });

    // Above the limit, two approvers other than the preparer.
    const settings = await ok(admin, 'GET', '/api/v1/fund/program-settings');
    expect((await send(officer, 'PUT', '/api/v1/fund/program-settings', { version: settings.version, secondApprovalAbove: { UAH: 1 } })).statusCode).toBe(403);
    await ok(admin, 'PUT', '/api/v1/fund/program-settings', { version: settings.version, secondApprovalAbove: { UAH: 100_000_00 } });
    await ok(a.user, 'POST', `/api/v1/fund/awards/${award.id}/milestones/${m2.id}/report`, { version: 1, reportText: 'Delivered 6,000 shells.', evidenceDocumentIds: [evidence], capacityDelivered: [{ capability: 'ammunition', period: '2027', quantity: 6_000 }] });
    await ok(officer, 'POST', `/api/v1/fund/awards/${award.id}/milestones/${m2.id}/verification`, { version: 2, decision: 'verified', note: 'Acceptance acts signed.' });
    const big = await ok(officer, 'POST', `/api/v1/fund/awards/${award.id}/disbursements`, { milestoneId: m2.id }, 201);
    expect(big.requiredApprovals).toBe(2);
    const firstApproval = await ok(secondOfficer, 'POST', `/api/v1/fund/disbursements/${big.id}/approval`, { version: 1 });
    expect(firstApproval).toMatchObject({ status: 'prepared', approvals: [{ label: expect.any(String) }] });
    expect((await send(secondOfficer, 'POST', `/api/v1/fund/disbursements/${big.id}/approval`, { version: 2 })).statusCode).toBe(403);
    expect((await ok(thirdOfficer, 'POST', `/api/v1/fund/disbursements/${big.id}/approval`, { version: 2 })).status).toBe('paid');
    const done = await ok(a.user, 'GET', `/api/v1/fund/awards/${award.id}`);
    expect(done).toMatchObject({ status: 'completed', disbursedMinor: 700_000_00, capacityDelivered: [{ capability: 'ammunition', period: '2027', quantity: 7_000 }] });

    // A clawback returns money, never more than was paid.
    expect((await send(officer, 'POST', `/api/v1/fund/awards/${award.id}/clawbacks`, { amountMinor: 700_000_01, reason: 'Too much.' })).statusCode).toBe(400);
    const clawed = await ok(officer, 'POST', `/api/v1/fund/awards/${award.id}/clawbacks`, { amountMinor: 50_000_00, reason: '500 shells failed acceptance tests.', milestoneId: m2.id });
    expect(clawed).toMatchObject({ clawedBackMinor: 50_000_00, clawbacks: [{ amountMinor: 50_000_00, reason: '500 shells failed acceptance tests.' }] });

    // B's first milestone fails: its reservation is released; terminating the award releases the rest.
    const bMilestone = partialDetail.milestones[0];
    await ok(officer, 'POST', `/api/v1/fund/awards/${partial.id}/milestones/${bMilestone.id}/verification`, { version: 1, decision: 'failed', note: 'No line by the due date.' });
    expect((await ok(officer, 'GET', `/api/v1/fund/ledger/entries/${bMilestone.reservationEntryId}`)).status).toBe('voided');
    const terminated = await ok(officer, 'POST', `/api/v1/fund/awards/${partial.id}/termination`, { version: 1, reason: 'The company left the Alliance.' });
    expect(terminated).toMatchObject({ status: 'terminated', milestones: [{ status: 'failed' }, { status: 'cancelled' }] });
    // Paid 700,000 less 50,000 returned: the rest of the budget is free again.
    expect(before - (await fundAvailable())).toBe(650_000_00n);

    // The public sees the awards and the money out by program and capability, net of the clawback.
    const publicAwards = await ok(null, 'GET', `/api/v1/public/fund/awards?callId=${call.id}`);
    expect(publicAwards.items.map((w: { organizationName: string; amountMinor: number; disbursedMinor: number; status: string }) => [w.organizationName, w.amountMinor, w.disbursedMinor, w.status]).sort()).toEqual([
      ['Dnipro Munitions JSC', 300_000_00, 0, 'terminated'],
      ['Kharkiv Shells LLC', 700_000_00, 700_000_00, 'completed'],
    ]);
    // The public flows name the award by its agreement number.
    const flows = await ok(null, 'GET', '/api/v1/public/fund/flows?currency=UAH');
    expect(flows.nodes.filter((n: { kind: string; label: string }) => n.kind === 'award').map((n: { label: string }) => n.label)).toContain(award.agreementNumber);
    const uses = await ok(null, 'GET', '/api/v1/public/fund/uses');
    expect(uses.items).toContainEqual({ currency: 'UAH', program: 'shells-155', programTitleEn: 'Artillery shells 155 mm', programTitleUk: 'Артилерійські снаряди 155 мм', capability: 'ammunition', amountMinor: 650_000_00 });

    const verification = await verifyLedger(t.database.db);
    expect(verification.ok).toBe(true);
    const audit = await sql<{ action: string }>`select distinct action from audit_events where action like 'fund.%' order by action`.execute(t.database.db);
    expect(audit.rows.map((r) => r.action)).toEqual(
      expect.arrayContaining(['fund.call_published', 'fund.proposal_submitted', 'fund.conflict_declared', 'fund.consensus_recorded', 'fund.call_ranked', 'fund.award_made', 'fund.disbursement_paid', 'fund.clawback_booked', 'fund.award_terminated']),
    );
  });
});

describe('what a call refuses', () => {
  it('refuses proposals that lack the required documents, come from a sanctioned company or arrive late, and evaluators who have not declared', async () => {
    const draft = await ok(officer, 'POST', '/api/v1/fund/calls', { ...callBody('refusals', 10_000_00), eligibility: 'both' }, 201);
    const call = await ok(officer, 'POST', `/api/v1/fund/calls/${draft.id}/transitions`, { action: 'publish', version: 1 });
    expect((await send(officer, 'POST', `/api/v1/fund/calls/${call.id}/transitions`, { action: 'publish', version: call.version })).json()).toMatchObject({ code: 'invalid_transition' });

    // The call requires a localization plan; an acceptance certificate alone does not do.
    const company = await member('Paperless Drones LLC');
    const other = await t.database.db.selectFrom('documents').select('id').where('organization_id', '=', company.organizationId).executeTakeFirstOrThrow();
    await sql`update documents set document_type = 'other' where id = ${other.id}`.execute(t.database.db);
    const proposal = await ok(company.user, 'POST', `/api/v1/fund/calls/${call.id}/proposals`, proposalBody(company.documentId, 10_000_00), 201);
    const missing = await send(company.user, 'POST', `/api/v1/fund/proposals/${proposal.id}/transitions`, { action: 'submit', version: 1 });
    expect(missing.statusCode).toBe(400);
    expect(missing.json().detail).toContain('localization_plan');
    await sql`update documents set document_type = 'localization_plan' where id = ${other.id}`.execute(t.database.db);

    // A confirmed sanctions hit blocks; the company is told only that it cannot proceed.
    const sanctioned = await member('Listed Shells LLC');
    const listed = await ok(sanctioned.user, 'POST', `/api/v1/fund/calls/${call.id}/proposals`, proposalBody(sanctioned.documentId, 10_000_00), 201);
    const caseId = uuidv7();
    const now = new Date();
    await t.database.db
      .insertInto('screening_cases')
      .values({ id: caseId, subject_type: 'organization', subject_id: sanctioned.organizationId, subject_name: 'Listed Shells LLC', subject: '{}', entity_id: 'test:1', entity_caption: 'LISTED SHELLS', list_source: 'test', entity_hash: 'x', entity: '{}', score: 0.95, matched_name: 'LISTED SHELLS', evidence: '[]', status: 'confirmed', decision_reason: 'Same company, same registry number.', decided_by: 'analyst', decided_at: now, version: 2, created_at: now, updated_at: now })
      .execute();
    await t.database.db.insertInto('screening_case_organizations').values({ case_id: caseId, organization_id: sanctioned.organizationId }).execute();
    expect((await send(sanctioned.user, 'POST', `/api/v1/fund/proposals/${listed.id}/transitions`, { action: 'submit', version: 1 })).json()).toMatchObject({ code: 'on_hold' });

    // Evaluators: an unassigned evaluator sees nothing; scores before a declaration are refused; a company user is never an evaluator.
    const submitted = await ok(company.user, 'POST', `/api/v1/fund/proposals/${proposal.id}/transitions`, { action: 'submit', version: 1 });
    const evaluatorIds = await Promise.all(evaluators.slice(0, 3).map(async (e) => (await ok(e, 'GET', '/api/v1/auth/me')).user.id as string));
    expect((await send(officer, 'POST', `/api/v1/fund/proposals/${proposal.id}/evaluators`, { evaluatorIds: [(await ok(company.user, 'GET', '/api/v1/auth/me')).user.id] })).statusCode).toBe(400);
    await ok(officer, 'POST', `/api/v1/fund/proposals/${proposal.id}/evaluators`, { evaluatorIds });
    expect((await send(evaluators[0], 'PUT', `/api/v1/fund/proposals/${proposal.id}/scores`, { version: 1, scores: { capacity: { scoreTenths: 30, comment: 'x' }, price: { scoreTenths: 30, comment: 'x' }, local_content: { scoreTenths: 30, comment: 'x' } } })).statusCode).toBe(403);
    await ok(evaluators[0], 'POST', `/api/v1/fund/proposals/${proposal.id}/declaration`, { conflict: false, version: 1 });
    const partialScores = await send(evaluators[0], 'PUT', `/api/v1/fund/proposals/${proposal.id}/scores`, { version: 2, scores: { capacity: { scoreTenths: 30, comment: 'x' } } });
    expect(partialScores.statusCode).toBe(400);
    expect(partialScores.json().detail).toContain('score every criterion');
    expect((await send(evaluators[0], 'PUT', `/api/v1/fund/proposals/${proposal.id}/scores`, { version: 2, scores: { capacity: { scoreTenths: 33, comment: 'x' }, price: { scoreTenths: 30, comment: 'x' }, local_content: { scoreTenths: 30, comment: 'x' } } })).statusCode).toBe(400);
    expect((await send(evaluators[0], 'POST', `/api/v1/fund/proposals/${proposal.id}/consensus`, { version: submitted.version, scores: {} })).statusCode).toBe(403);

    // Late: after the close nothing is submitted; the call can still be cancelled, releasing its budget.
    const late = await member('Late Shells LLC');
    const lateProposal = await ok(late.user, 'POST', `/api/v1/fund/calls/${call.id}/proposals`, proposalBody(late.documentId, 10_000_00), 201);
    await sql`update fund_calls set closes_at = now() - interval '1 second' where id = ${call.id}`.execute(t.database.db);
    const refused = await send(late.user, 'POST', `/api/v1/fund/proposals/${lateProposal.id}/transitions`, { action: 'submit', version: 1 });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().detail).toContain('closed');
    const before = await fundAvailable();
    expect((await send(officer, 'POST', `/api/v1/fund/calls/${call.id}/transitions`, { action: 'cancel', version: call.version })).statusCode).toBe(400);
    await ok(officer, 'POST', `/api/v1/fund/calls/${call.id}/transitions`, { action: 'cancel', version: call.version, reason: 'Merged into the next call.' });
    expect((await fundAvailable()) - before).toBe(10_000_00n);
  });
});
