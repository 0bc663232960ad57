import type { Kysely, Transaction } from 'kysely';
import { type AuthContext, isStaff } from '../../core/access.ts';
import { AppError, type FieldError, invalidFields as invalid, staleVersion as versionConflict } from '../../core/errors.ts';
import { inTransaction } from '../../core/idempotency.ts';
import { uuidv7 } from '../../core/ids.ts';
import type { Database } from '../../db/schema.ts';
import { type AuditActor, recordAuditBatch } from '../audit/service.ts';
import { enqueueOrganizationEmail } from '../notifications/service.ts';
import { organizationExists } from '../registry/service.ts';
import { organizationScreening } from '../screening/cases-service.ts';
import { PROGRAM_STAFF, holdsAny, programScope } from './policy.ts';
import * as repo from './programs-repo.ts';
import * as ledgerRepo from './repo.ts';
import type { TCall, TCreateCall, TCreateProposal, TProposal, TUpdateProposal } from './programs-schema.ts';
import { type RankingResult, rankProposals } from './ranking.ts';
import { createEntry, resolvePending } from './service.ts';

type Db = Kysely<Database>;
type Trx = Transaction<Database>;

/** The ranking rule as the API states it (ranking.ts implements it). */
export const RANKING_RULE =
  'Fundable: every criterion at or above its threshold and the weighted score at or above the overall threshold. ' +
  'Ranked by weighted score; ties go to the smaller request, then the earlier submission. Funded in rank order while the budget covers the full request; ' +
  'otherwise the remainder is offered as partial funding when it is at least the call’s minimum partial share of the request, else the proposal waits on the reserve list and the next one is considered.';



const money = (value: bigint | null | undefined) => (value === null || value === undefined ? null : Number(value));

// Calls -------------------------------------------------------------------------------------------

function phaseOf(row: repo.CallRow, now = new Date()): TCall['phase'] {
  if (row.status !== 'published') return row.status;
  if (now < row.opens_at) return 'upcoming';
  return now <= row.closes_at ? 'open' : 'closed';
}

export function presentCall(row: repo.CallRow, now = new Date()): TCall {
  return {
    id: row.id,
    code: row.code,
    titleEn: row.title_en,
    titleUk: row.title_uk,
    textEn: row.text_en,
    textUk: row.text_uk,
    currency: row.currency,
    budgetMinor: Number(row.budget_minor),
    capabilities: row.capabilities,
    eligibility: row.eligibility,
    opensAt: row.opens_at.toISOString(),
    closesAt: row.closes_at.toISOString(),
    requiredDocuments: row.required_documents,
    criteria: row.criteria,
    overallThresholdTenths: row.overall_threshold_tenths,
    evaluatorsPerProposal: row.evaluators_per_proposal,
    disagreementLimitTenths: row.disagreement_limit_tenths,
    minPartialPercent: row.min_partial_percent,
    status: row.status,
    phase: phaseOf(row, now),
    reservationEntryId: row.reservation_entry_id,
    proposals: Number(row.submitted_proposals ?? 0),
    version: row.version,
  };
}

async function findCallOr404(db: Db, id: string, auth: AuthContext | null): Promise<repo.CallRow> {
  const row = await repo.findCall(db, id);
  // Drafts are the fund officers' working copies; everyone else sees published calls only.
  if (!row || (row.status === 'draft' && !(auth && holdsAny(auth, PROGRAM_STAFF)))) throw new AppError('not_found', 'no such call');
  return row;
}

export async function createCall(db: Db, actor: AuditActor, input: TCreateCall) {
  const total = input.criteria.reduce((sum, c) => sum + c.weight, 0);
  if (total <= 0) throw invalid([{ field: 'body.criteria', message: 'weights must add up to more than zero' }]);
  return inTransaction(db, async (trx) => {
    if (await repo.callByCode(trx, input.code)) throw new AppError('already_exists', `a call with the code ${input.code} exists`);
    const id = uuidv7();
    const now = new Date();
    await repo.insertCall(trx, {
      id,
      code: input.code,
      title_en: input.titleEn,
      title_uk: input.titleUk,
      text_en: input.textEn,
      text_uk: input.textUk,
      currency: input.currency,
      budget_minor: BigInt(input.budgetMinor),
      capabilities: input.capabilities,
      eligibility: input.eligibility,
      opens_at: new Date(input.opensAt),
      closes_at: new Date(input.closesAt),
      required_documents: input.requiredDocuments,
      criteria: JSON.stringify(input.criteria),
      overall_threshold_tenths: input.overallThresholdTenths,
      evaluators_per_proposal: input.evaluatorsPerProposal,
      disagreement_limit_tenths: input.disagreementLimitTenths,
      min_partial_percent: input.minPartialPercent,
      status: 'draft',
      created_by: actor.actorLabel,
      version: 1,
      created_at: now,
      updated_at: now,
    });
    await recordAuditBatch(trx, actor, [{ action: 'fund.call_created', targetType: 'fund_call', targetId: id, details: { code: input.code, currency: input.currency, budgetMinor: input.budgetMinor } }]);
    return presentCall((await repo.findCall(trx, id))!);
  });
}

export async function listCalls(db: Db, auth: AuthContext | null, query: { status?: TCall['status']; q?: string; limit: number; offset: number }) {
  const staff = auth !== null && holdsAny(auth, PROGRAM_STAFF);
  const filter = staff ? { status: query.status, q: query.q } : { status: query.status === 'draft' ? undefined : query.status, statuses: query.status ? undefined : (['published', 'ranked', 'awarded'] as TCall['status'][]), q: query.q };
  if (!staff && query.status === 'draft') return { items: [], total: 0, limit: query.limit, offset: query.offset };
  const { items, total } = await repo.listCalls(db, filter, query.limit, query.offset);
  return { items: items.map((row) => presentCall(row)), total, limit: query.limit, offset: query.offset };
}

export async function getCall(db: Db, auth: AuthContext | null, id: string) {
  return presentCall(await findCallOr404(db, id, auth));
}

/** The expense account awards of a currency are paid to (opened with the currency's first call). */
async function disbursementAccount(trx: Trx, currency: string): Promise<string> {
  const code = `5000.${currency}.disbursements`;
  if ((await ledgerRepo.findAccountsByRef(trx, [code])).length) return code;
  await ledgerRepo.insertAccountIfAbsent(trx, { id: uuidv7(), code, name_uk: `Виплати за грантами (${currency})`, name_en: `Award disbursements (${currency})`, type: 'expense', currency, opened_at: new Date() });
  return code;
}

/**
 * Reserves money in the ledger as a pending entry from the fund's bank account to award
 * disbursements: the fund's available balance drops at once, and the ledger refuses a reservation the
 * fund cannot cover (409 naming the account).
 */
export async function reserve(trx: Trx, actor: AuditActor, input: { currency: string; amountMinor: bigint; description: string; referenceId: string; program: string; capability?: string | null; clientKey: string }) {
  const booked = await createEntry(trx, actor, {
    currency: input.currency as 'UAH',
    description: input.description,
    referenceType: 'disbursement',
    referenceId: input.referenceId,
    pending: true,
    clientKey: input.clientKey,
    purpose: { program: input.program, capability: input.capability ?? undefined },
    postings: [
      { account: await disbursementAccount(trx, input.currency), direction: 'debit', amount: Number(input.amountMinor) },
      { account: `1000.${input.currency}.fund`, direction: 'credit', amount: Number(input.amountMinor) },
    ],
  });
  return booked.entry.id;
}

/**
 * Publishes a draft (its budget is reserved in the ledger) or cancels a call that has no awards (the
 * reservation is released). `now` is the moment the step is taken: the HTTP API always takes it now;
 * the demo data set records a call's history at the dates it tells (src/modules/demo/fund.ts).
 */
export async function transitionCall(db: Db, actor: AuditActor, id: string, input: { action: 'publish' | 'cancel'; version: number; reason?: string }, now = new Date()) {
  return inTransaction(db, async (trx) => {
    await repo.lockCall(trx, id);
    const row = await repo.findCall(trx, id);
    if (!row) throw new AppError('not_found', 'no such call');
    if (row.version !== input.version) throw versionConflict(row.version, 'call');
    if (input.action === 'publish') {
      if (row.status !== 'draft') throw new AppError('invalid_transition', { detail: `a ${row.status} call cannot be published`, extra: { currentStatus: row.status, allowed: row.status === 'published' ? ['cancel'] : [] } });
      if (row.closes_at <= now) throw invalid([{ field: 'closesAt', message: 'the call would already be closed; change the dates first' }]);
      const entryId = await reserve(trx, actor, { currency: row.currency, amountMinor: row.budget_minor, description: `Budget of call ${row.code}`, referenceId: row.id, program: row.code, clientKey: `call-budget:${row.id}` });
      await repo.updateCall(trx, id, { status: 'published', reservation_entry_id: entryId, version: row.version + 1, updated_at: now });
    } else {
      if (row.status !== 'draft' && row.status !== 'published' && row.status !== 'ranked') {
        throw new AppError('invalid_transition', { detail: `a ${row.status} call cannot be cancelled`, extra: { currentStatus: row.status, allowed: [] } });
      }
      if (!input.reason) throw invalid([{ field: 'body.reason', message: 'is required to cancel' }]);
      if (row.reservation_entry_id) await resolvePending(trx, actor, row.reservation_entry_id, 'void');
      await repo.updateCall(trx, id, { status: 'cancelled', version: row.version + 1, updated_at: now });
    }
    await recordAuditBatch(trx, actor, [{ action: `fund.call_${input.action === 'publish' ? 'published' : 'cancelled'}`, targetType: 'fund_call', targetId: id, details: { code: row.code, ...(input.reason ? { reason: input.reason } : {}) } }]);
    return presentCall((await repo.findCall(trx, id))!);
  });
}

// Proposals ---------------------------------------------------------------------------------------

type ProposalRow = repo.ProposalRow;

export function presentProposal(row: ProposalRow, options: { showScores: boolean }): TProposal {
  return {
    id: row.id,
    callId: row.call_id,
    callTitleEn: row.call_title_en,
    callTitleUk: row.call_title_uk,
    organizationId: row.organization_id,
    organizationName: row.organization_name,
    status: row.status,
    title: row.title,
    summary: row.summary,
    currency: row.currency,
    requestedMinor: Number(row.requested_minor),
    cofinancingMinor: Number(row.cofinancing_minor),
    capacity: row.capacity,
    milestones: row.milestones,
    budgetLines: row.budget_lines,
    documentIds: row.document_ids,
    eligibility: row.eligibility,
    submittedAt: row.submitted_at ? row.submitted_at.toISOString() : null,
    finalScores: options.showScores ? row.final_scores : null,
    weightedScoreMilli: options.showScores ? row.weighted_score_milli : null,
    rank: options.showScores ? row.rank : null,
    outcome: options.showScores ? row.outcome : null,
    awardedMinor: options.showScores ? money(row.awarded_minor) : null,
    contentHidden: false,
    version: row.version,
  };
}

/**
 * What an evaluator sees of a proposal before declaring: enough to judge a conflict of interest (the
 * call, the title, the applicant), none of its content.
 */
function hideContent(proposal: TProposal): TProposal {
  return { ...proposal, summary: null, requestedMinor: 0, cofinancingMinor: 0, capacity: [], milestones: [], budgetLines: [], documentIds: [], eligibility: null, contentHidden: true };
}

/** Whether the caller may see a proposal at all; an evaluator must first declare no conflict of interest. */
async function visibleProposal(db: Db, auth: AuthContext, id: string): Promise<{ row: ProposalRow; role: 'staff' | 'evaluator' | 'applicant' }> {
  const row = await repo.findProposal(db, id);
  if (!row) throw new AppError('not_found', 'no such proposal');
  if (holdsAny(auth, PROGRAM_STAFF)) return { row, role: 'staff' };
  if (holdsAny(auth, ['evaluator']) && auth.user) {
    const assignment = await repo.findAssignment(db, id, auth.user.id);
    if (assignment && assignment.status !== 'conflict') {
      if (assignment.status === 'assigned') throw new AppError('forbidden', { detail: 'declare whether you have a conflict of interest before you see the proposal', extra: { assignmentId: assignment.id, assignmentVersion: assignment.version, mustDeclare: true } });
      return { row, role: 'evaluator' };
    }
  }
  const scope = programScope(auth);
  if (scope !== null && scope !== 'none' && row.organization_id === scope) return { row, role: 'applicant' };
  throw new AppError('not_found', 'no such proposal');
}

function spread(row: ProposalRow, assignments: Awaited<ReturnType<typeof repo.assignmentsOf>>, limitTenths: number, criteria: Array<{ key: string }>) {
  const submitted = assignments.filter((a) => a.status === 'submitted' && a.scores);
  return criteria.map(({ key }) => {
    const values = submitted.map((a) => a.scores![key]?.scoreTenths).filter((v): v is number => typeof v === 'number');
    const min = values.length ? Math.min(...values) : 0;
    const max = values.length ? Math.max(...values) : 0;
    return { key, minTenths: min, maxTenths: max, spreadTenths: max - min, flagged: values.length > 1 && max - min > limitTenths };
  });
}

export async function proposalDetail(db: Db, auth: AuthContext, id: string) {
  const { row, role } = await visibleProposal(db, auth, id);
  const call = (await repo.findCall(db, row.call_id))!;
  const assignments = await repo.assignmentsOf(db, id);
  const decided = call.status === 'awarded';
  // Applicants see their scores and the evaluators' comments once the call is decided, never who gave them.
  const shown = role === 'staff' ? assignments : role === 'evaluator' ? assignments.filter((a) => a.evaluator_id === auth.user?.id) : decided ? assignments.filter((a) => a.status === 'submitted') : [];
  return {
    ...presentProposal(row, { showScores: role !== 'applicant' || decided }),
    assignments: shown.map((a, index) => ({
      id: a.id,
      proposalId: a.proposal_id,
      evaluatorId: role === 'applicant' ? '00000000-0000-0000-0000-000000000000' : a.evaluator_id,
      evaluatorLabel: role === 'applicant' ? `Evaluator ${index + 1}` : a.evaluator_name,
      status: a.status,
      declaredAt: a.declared_at ? a.declared_at.toISOString() : null,
      conflictReason: role === 'staff' ? a.conflict_reason : null,
      scores: a.scores,
      submittedAt: a.submitted_at ? a.submitted_at.toISOString() : null,
      version: a.version,
    })),
    disagreement: role === 'applicant' ? [] : spread(row, assignments, call.disagreement_limit_tenths, call.criteria),
  };
}

export async function listProposals(db: Db, auth: AuthContext, query: { callId?: string; status?: TProposal['status']; limit: number; offset: number }) {
  const staff = holdsAny(auth, PROGRAM_STAFF);
  const evaluator = !staff && holdsAny(auth, ['evaluator']);
  const scope = programScope(auth);
  if (!staff && !evaluator && (scope === 'none' || scope === null)) return { items: [], total: 0, limit: query.limit, offset: query.offset };
  const filter = { callId: query.callId, status: query.status, ...(staff ? {} : evaluator ? { evaluatorId: auth.user!.id } : { organizationId: scope as string }) };
  const { items, total } = await repo.listProposals(db, filter, query.limit, query.offset);
  const undeclared = new Set(
    evaluator ? (await repo.assignmentStatuses(db, auth.user!.id, items.map((row) => row.id))).filter((a) => a.status === 'assigned').map((a) => a.proposal_id) : [],
  );
  return {
    items: items.map((row) => (undeclared.has(row.id) ? hideContent(presentProposal(row, { showScores: false })) : presentProposal(row, { showScores: staff || evaluator || row.call_status === 'awarded' }))),
    total,
    limit: query.limit,
    offset: query.offset,
  };
}

function proposalColumns(input: TCreateProposal | TUpdateProposal) {
  return {
    title: input.title,
    summary: input.summary ?? null,
    requested_minor: BigInt(input.requestedMinor),
    cofinancing_minor: BigInt(input.cofinancingMinor),
    capacity: JSON.stringify(input.capacity),
    milestones: JSON.stringify(input.milestones),
    budget_lines: JSON.stringify(input.budgetLines),
    document_ids: input.documentIds,
  };
}

async function checkProposalContent(trx: Trx, call: repo.CallRow, organizationId: string, input: TCreateProposal | TUpdateProposal) {
  const errors: FieldError[] = [];
  const milestoneTotal = input.milestones.reduce((sum, m) => sum + BigInt(m.amountMinor), 0n);
  if (milestoneTotal !== BigInt(input.requestedMinor)) errors.push({ field: 'body.milestones', message: `milestone amounts add up to ${milestoneTotal}, not the requested ${input.requestedMinor}` });
  const outside = input.capacity.filter((line) => !call.capabilities.some((code) => line.capability === code || line.capability.startsWith(`${code}.`)));
  if (outside.length) errors.push({ field: 'body.capacity', message: `not categories of this call: ${[...new Set(outside.map((l) => l.capability))].join(', ')}` });
  const documents = await repo.documentsOf(trx, organizationId, input.documentIds);
  const foreign = input.documentIds.filter((id) => !documents.some((d) => d.id === id));
  if (foreign.length) errors.push({ field: 'body.documentIds', message: `not documents of this organization: ${foreign.join(', ')}` });
  if (errors.length) throw invalid(errors);
  return documents;
}

export async function createProposal(db: Db, auth: AuthContext, actor: AuditActor, callId: string, input: TCreateProposal) {
  const scope = programScope(auth);
  if (scope === 'none') throw new AppError('forbidden', 'your account is not linked to an organization');
  const organizationId = scope ?? input.organizationId;
  if (!organizationId) throw invalid([{ field: 'body.organizationId', message: 'is required when staff file for a company' }]);
  if (scope !== null && input.organizationId !== undefined && input.organizationId !== scope) throw new AppError('not_found', 'no such organization');
  return inTransaction(db, async (trx) => {
    const call = await findCallOr404(trx, callId, auth);
    if (call.status !== 'published') throw new AppError('conflict', `the call is ${call.status}: it takes no proposals`);
    if (!(await organizationExists(trx, organizationId))) throw invalid([{ field: 'body.organizationId', message: 'is not an organization in the registry' }]);
    const existing = await repo.proposalOf(trx, callId, organizationId);
    if (existing) throw new AppError('already_exists', { detail: `the organization has a proposal for this call already (${existing.status})`, extra: { proposalId: existing.id } });
    await checkProposalContent(trx, call, organizationId, input);
    const id = uuidv7();
    const now = new Date();
    await repo.insertProposal(trx, { id, call_id: callId, organization_id: organizationId, status: 'draft', ...proposalColumns(input), version: 1, created_at: now, updated_at: now });
    await recordAuditBatch(trx, actor, [{ action: 'fund.proposal_created', targetType: 'fund_proposal', targetId: id, details: { callId, organizationId, requestedMinor: input.requestedMinor } }]);
    return proposalDetail(trx, auth, id);
  });
}

export async function updateProposal(db: Db, auth: AuthContext, actor: AuditActor, id: string, input: TUpdateProposal) {
  return inTransaction(db, async (trx) => {
    const { row, role } = await visibleProposal(trx, auth, id);
    if (role === 'evaluator') throw new AppError('forbidden', 'evaluators do not edit proposals');
    await repo.lockProposal(trx, id);
    const current = (await repo.findProposal(trx, id))!;
    if (current.version !== input.version) throw versionConflict(current.version, 'proposal');
    if (current.status !== 'draft') throw new AppError('conflict', { detail: `a ${current.status} proposal cannot be edited`, extra: { currentStatus: current.status } });
    const call = (await repo.findCall(trx, row.call_id))!;
    await checkProposalContent(trx, call, row.organization_id, input);
    await repo.updateProposal(trx, id, { ...proposalColumns(input), version: current.version + 1, updated_at: new Date() });
    await recordAuditBatch(trx, actor, [{ action: 'fund.proposal_updated', targetType: 'fund_proposal', targetId: id, details: { version: current.version + 1 } }]);
    return proposalDetail(trx, auth, id);
  });
}

/** Whether the organization may apply to the call: membership or residency as the call requires, and no confirmed sanctions hit. */
async function eligibilityOf(trx: Trx, call: repo.CallRow, organizationId: string) {
  const [membership, residency, screening] = await Promise.all([repo.membershipStatusOf(trx, organizationId), repo.residencyStatusOf(trx, organizationId), organizationScreening(trx, organizationId)]);
  const member = membership?.status === 'member';
  const resident = residency?.status === 'active';
  const reasons: string[] = [];
  if (call.eligibility === 'members' && !member) reasons.push('the call is for Alliance members, and the organization is not a member in good standing');
  if (call.eligibility === 'residents' && !resident) reasons.push('the call is for residents of the special regime, and the organization is not an active resident');
  if (call.eligibility === 'both' && !member && !resident) reasons.push('the call is for Alliance members and regime residents, and the organization is neither in good standing');
  return { snapshot: { membership: membership?.status ?? null, residency: residency?.status ?? null, screening: screening.status }, reasons, blocked: screening.status === 'confirmed_hit' };
}

/** Submits or withdraws a proposal while its call is open at `now` (always now over HTTP; the demo data set tells a call's history at its own dates). */
export async function transitionProposal(db: Db, auth: AuthContext, actor: AuditActor, id: string, input: { action: 'submit' | 'withdraw'; version: number }, now = new Date()) {
  return inTransaction(db, async (trx) => {
    const { role } = await visibleProposal(trx, auth, id);
    if (role === 'evaluator' || !holdsAny(auth, ['company', 'fund_officer'])) throw new AppError('forbidden', `your roles do not allow the action ${input.action}`);
    await repo.lockProposal(trx, id);
    const row = (await repo.findProposal(trx, id))!;
    if (row.version !== input.version) throw versionConflict(row.version, 'proposal');
    const call = (await repo.findCall(trx, row.call_id))!;
    if (call.status !== 'published' || now < call.opens_at || now > call.closes_at) {
      throw new AppError('conflict', { detail: now > call.closes_at ? `the call closed at ${call.closes_at.toISOString()}` : `the call is not open (${phaseOf(call, now)})`, extra: { phase: phaseOf(call, now) } });
    }
    if (input.action === 'submit') {
      if (row.status !== 'draft') throw new AppError('invalid_transition', { detail: `a ${row.status} proposal cannot be submitted`, extra: { currentStatus: row.status, allowed: row.status === 'submitted' ? ['withdraw'] : [] } });
      const documents = await repo.documentsOf(trx, row.organization_id, row.document_ids);
      const missing = call.required_documents.filter((type) => !documents.some((d) => d.document_type === type));
      if (missing.length) throw invalid([{ field: 'documentIds', message: `the call requires documents of type: ${missing.join(', ')}` }]);
      const eligibility = await eligibilityOf(trx, call, row.organization_id);
      if (eligibility.blocked) {
        if (!isStaff(auth.user?.roles ?? [])) throw new AppError('on_hold', 'the proposal cannot be submitted at the moment; the fund secretariat will contact you');
        throw new AppError('screening_blocked', { detail: 'the organization has a confirmed sanctions hit: it cannot apply for funding', extra: { screening: eligibility.snapshot.screening } });
      }
      if (eligibility.reasons.length) throw new AppError('conflict', { detail: eligibility.reasons.join('; '), extra: { eligibility: eligibility.snapshot } });
      await repo.updateProposal(trx, id, { status: 'submitted', submitted_at: now, eligibility: JSON.stringify(eligibility.snapshot), version: row.version + 1, updated_at: now });
    } else {
      if (row.status === 'withdrawn') throw new AppError('invalid_transition', { detail: 'the proposal was withdrawn already', extra: { currentStatus: row.status, allowed: [] } });
      await repo.updateProposal(trx, id, { status: 'withdrawn', version: row.version + 1, updated_at: now });
    }
    await recordAuditBatch(trx, actor, [{ action: `fund.proposal_${input.action === 'submit' ? 'submitted' : 'withdrawn'}`, targetType: 'fund_proposal', targetId: id, details: { callId: row.call_id, organizationId: row.organization_id } }]);
    return proposalDetail(trx, auth, id);
  });
}

// Evaluation --------------------------------------------------------------------------------------

/**
 * Assigns evaluators to a submitted proposal: the ones named, or the configured number drawn from the
 * pool (fewest live assignments first), never a user of the applicant organization.
 */
export async function assignEvaluators(db: Db, auth: AuthContext, actor: AuditActor, proposalId: string, evaluatorIds: string[] | undefined) {
  return inTransaction(db, async (trx) => {
    await repo.lockProposal(trx, proposalId);
    const row = await repo.findProposal(trx, proposalId);
    if (!row) throw new AppError('not_found', 'no such proposal');
    if (row.status !== 'submitted') throw new AppError('conflict', `a ${row.status} proposal is not evaluated`);
    if (row.final_scores) throw new AppError('conflict', 'the consensus is recorded: evaluation is over');
    const call = (await repo.findCall(trx, row.call_id))!;
    const current = await repo.assignmentsOf(trx, proposalId);
    const taken = new Set(current.map((a) => a.evaluator_id));
    let chosen: string[];
    if (evaluatorIds?.length) {
      const users = await repo.evaluatorUsers(trx, evaluatorIds);
      const refused = evaluatorIds.filter((id) => {
        const user = users.find((u) => u.id === id);
        return !user || user.status !== 'active' || !user.roles.includes('evaluator') || user.organization_id === row.organization_id;
      });
      if (refused.length) throw invalid([{ field: 'body.evaluatorIds', message: `not active evaluators independent of the applicant: ${refused.join(', ')}` }]);
      const again = evaluatorIds.filter((id) => taken.has(id));
      if (again.length) throw new AppError('already_exists', `already assigned (or withdrawn for a conflict): ${again.join(', ')}`);
      chosen = evaluatorIds;
    } else {
      const active = current.filter((a) => a.status !== 'conflict').length;
      const needed = Math.max(0, call.evaluators_per_proposal - active);
      const pool = (await repo.evaluatorPool(trx)).filter((u) => !taken.has(u.id) && u.organization_id !== row.organization_id);
      if (pool.length < needed) throw new AppError('conflict', `the pool has ${pool.length} free evaluator(s); ${needed} more are needed`);
      chosen = pool.slice(0, needed).map((u) => u.id);
    }
    const now = new Date();
    await repo.insertAssignments(trx, chosen.map((evaluator_id) => ({ id: uuidv7(), proposal_id: proposalId, evaluator_id, status: 'assigned' as const, assigned_by: actor.actorLabel, created_at: now, version: 1 })));
    if (chosen.length) await recordAuditBatch(trx, actor, [{ action: 'fund.evaluators_assigned', targetType: 'fund_proposal', targetId: proposalId, details: { evaluatorIds: chosen } }]);
    return proposalDetail(trx, auth, proposalId);
  });
}

async function ownAssignment(trx: Trx, auth: AuthContext, proposalId: string) {
  const userId = auth.user?.id;
  const assignment = userId ? await repo.findAssignment(trx, proposalId, userId) : undefined;
  if (!assignment) throw new AppError('not_found', 'you are not assigned to this proposal');
  await repo.lockAssignment(trx, assignment.id);
  return (await repo.findAssignment(trx, proposalId, userId!))!;
}

/** An evaluator declares a conflict of interest (the assignment ends, recorded) or none (the proposal opens to them). */
export async function declare(db: Db, auth: AuthContext, actor: AuditActor, proposalId: string, input: { conflict: boolean; reason?: string; version: number }) {
  return inTransaction(db, async (trx) => {
    const assignment = await ownAssignment(trx, auth, proposalId);
    if (assignment.version !== input.version) throw versionConflict(assignment.version, 'assignment');
    if (assignment.status !== 'assigned') throw new AppError('invalid_transition', { detail: `you declared already (${assignment.status})`, extra: { currentStatus: assignment.status, allowed: [] } });
    if (input.conflict && !input.reason) throw invalid([{ field: 'body.reason', message: 'is required when declaring a conflict of interest' }]);
    const now = new Date();
    await repo.updateAssignment(trx, assignment.id, { status: input.conflict ? 'conflict' : 'declared', declared_at: now, conflict_reason: input.conflict ? input.reason! : null, version: assignment.version + 1 });
    // The reason may name people: the audit log keeps that a conflict was declared, not why.
    await recordAuditBatch(trx, actor, [{ action: input.conflict ? 'fund.conflict_declared' : 'fund.no_conflict_declared', targetType: 'fund_proposal', targetId: proposalId, details: { assignmentId: assignment.id } }]);
    if (input.conflict) return { assignmentId: assignment.id, status: 'conflict' as const, proposal: null };
    return { assignmentId: assignment.id, status: 'declared' as const, proposal: await proposalDetail(trx, auth, proposalId) };
  });
}

/** An evaluator scores every criterion with a comment; they may revise until the consensus is recorded. */
export async function submitScores(db: Db, auth: AuthContext, actor: AuditActor, proposalId: string, input: { version: number; scores: Record<string, { scoreTenths: number; comment: string }> }) {
  return inTransaction(db, async (trx) => {
    const assignment = await ownAssignment(trx, auth, proposalId);
    if (assignment.version !== input.version) throw versionConflict(assignment.version, 'assignment');
    if (assignment.status === 'assigned') throw new AppError('forbidden', { detail: 'declare whether you have a conflict of interest first', extra: { mustDeclare: true } });
    if (assignment.status === 'conflict') throw new AppError('forbidden', 'you declared a conflict of interest: you do not score this proposal');
    const proposal = (await repo.findProposal(trx, proposalId))!;
    if (proposal.final_scores) throw new AppError('conflict', 'the consensus is recorded: scores can no longer change');
    const call = (await repo.findCall(trx, proposal.call_id))!;
    checkScoreKeys(call.criteria.map((c) => c.key), Object.keys(input.scores));
    await repo.updateAssignment(trx, assignment.id, { status: 'submitted', scores: JSON.stringify(input.scores), submitted_at: new Date(), version: assignment.version + 1 });
    await recordAuditBatch(trx, actor, [{ action: 'fund.scores_submitted', targetType: 'fund_proposal', targetId: proposalId, details: { assignmentId: assignment.id } }]);
    return proposalDetail(trx, auth, proposalId);
  });
}

function checkScoreKeys(expected: string[], given: string[]) {
  const missing = expected.filter((key) => !given.includes(key));
  const unknown = given.filter((key) => !expected.includes(key));
  const errors = [...missing.map((key) => ({ field: `body.scores.${key}`, message: 'is required: score every criterion' })), ...unknown.map((key) => ({ field: `body.scores.${key}`, message: 'is not a criterion of this call' }))];
  if (errors.length) throw invalid(errors);
}

/** A fund officer records the final scores with reasons, once the required number of evaluators have scored and none is pending. */
export async function recordConsensus(db: Db, auth: AuthContext, actor: AuditActor, proposalId: string, input: { version: number; scores: Record<string, { scoreTenths: number; reason: string }> }) {
  return inTransaction(db, async (trx) => {
    await repo.lockProposal(trx, proposalId);
    const row = await repo.findProposal(trx, proposalId);
    if (!row) throw new AppError('not_found', 'no such proposal');
    if (row.version !== input.version) throw versionConflict(row.version, 'proposal');
    const call = (await repo.findCall(trx, row.call_id))!;
    // Once ranked, the outcome rests on these scores: they can no longer change.
    if (call.status !== 'published') throw new AppError('conflict', { detail: `the call is ${call.status}: the final scores can no longer change`, extra: { callStatus: call.status } });
    const assignments = (await repo.assignmentsOf(trx, proposalId)).filter((a) => a.status !== 'conflict');
    const submitted = assignments.filter((a) => a.status === 'submitted').length;
    if (submitted < call.evaluators_per_proposal || submitted < assignments.length) {
      throw new AppError('conflict', { detail: `${submitted} of ${Math.max(call.evaluators_per_proposal, assignments.length)} evaluations are in; all must be before the consensus`, extra: { submitted, required: call.evaluators_per_proposal } });
    }
    checkScoreKeys(call.criteria.map((c) => c.key), Object.keys(input.scores));
    const now = new Date();
    await repo.updateProposal(trx, proposalId, { final_scores: JSON.stringify(input.scores), consensus_by: actor.actorLabel, consensus_at: now, version: row.version + 1, updated_at: now });
    await recordAuditBatch(trx, actor, [{ action: 'fund.consensus_recorded', targetType: 'fund_proposal', targetId: proposalId, details: { scores: Object.fromEntries(Object.entries(input.scores).map(([k, v]) => [k, v.scoreTenths])) } }]);
    return proposalDetail(trx, auth, proposalId);
  });
}

// Ranking and awards --------------------------------------------------------------------------------

function rankingInput(call: repo.CallRow, proposals: ProposalRow[]) {
  return {
    budgetMinor: call.budget_minor,
    overallThresholdTenths: call.overall_threshold_tenths,
    minPartialPercent: call.min_partial_percent,
    criteria: call.criteria.map((c) => ({ key: c.key, weight: c.weight, thresholdTenths: c.thresholdTenths })),
    proposals: proposals.map((p) => ({
      id: p.id,
      requestedMinor: p.requested_minor,
      submittedAt: p.submitted_at!.toISOString(),
      scoresTenths: Object.fromEntries(Object.entries(p.final_scores ?? {}).map(([k, v]) => [k, v.scoreTenths])),
    })),
  };
}

function presentRanking(call: repo.CallRow, proposals: ProposalRow[], result: RankingResult) {
  const byId = new Map(proposals.map((p) => [p.id, p]));
  return {
    callId: call.id,
    budgetMinor: Number(call.budget_minor),
    fundedMinor: Number(result.fundedMinor),
    remainingMinor: Number(result.remainingMinor),
    rule: RANKING_RULE,
    items: result.proposals.map((r) => ({
      proposalId: r.id,
      organizationName: byId.get(r.id)!.organization_name,
      title: byId.get(r.id)!.title,
      requestedMinor: Number(byId.get(r.id)!.requested_minor),
      weightedScoreMilli: r.weightedScoreMilli,
      rank: r.rank,
      outcome: r.outcome,
      awardedMinor: Number(r.awardedMinor),
      failedThresholds: r.failedThresholds,
    })),
  };
}

/** Ranks a closed call's proposals (every one must have its consensus) and records the outcome. */
export async function rankCall(db: Db, actor: AuditActor, callId: string, version: number) {
  return inTransaction(db, async (trx) => {
    await repo.lockCall(trx, callId);
    const call = await repo.findCall(trx, callId);
    if (!call) throw new AppError('not_found', 'no such call');
    if (call.version !== version) throw versionConflict(call.version, 'call');
    if (call.status !== 'published' && call.status !== 'ranked') throw new AppError('invalid_transition', { detail: `a ${call.status} call cannot be ranked`, extra: { currentStatus: call.status, allowed: [] } });
    if (new Date() <= call.closes_at) throw new AppError('conflict', `the call is open until ${call.closes_at.toISOString()}`);
    const proposals = await repo.submittedProposals(trx, callId);
    const pending = proposals.filter((p) => !p.final_scores);
    if (pending.length) throw new AppError('conflict', { detail: `${pending.length} proposal(s) have no consensus yet`, extra: { proposalIds: pending.map((p) => p.id) } });
    const result = rankProposals(rankingInput(call, proposals));
    const now = new Date();
    for (const ranked of result.proposals) {
      await repo.updateProposal(trx, ranked.id, { rank: ranked.rank, outcome: ranked.outcome, weighted_score_milli: ranked.weightedScoreMilli, awarded_minor: ranked.awardedMinor, updated_at: now });
    }
    await repo.updateCall(trx, callId, { status: 'ranked', version: call.version + 1, updated_at: now });
    await recordAuditBatch(trx, actor, [{ action: 'fund.call_ranked', targetType: 'fund_call', targetId: callId, details: { proposals: proposals.length, fundedMinor: Number(result.fundedMinor) } }]);
    return presentRanking((await repo.findCall(trx, callId))!, proposals, result);
  });
}

/** The ranking: as recorded once the call is ranked or awarded, else a preview of the proposals with a consensus. */
export async function ranking(db: Db, callId: string) {
  const call = await repo.findCall(db, callId);
  if (!call) throw new AppError('not_found', 'no such call');
  const proposals = await repo.submittedProposals(db, callId);
  if (call.status === 'ranked' || call.status === 'awarded') {
    const recorded = proposals.filter((p) => p.outcome !== null).sort((a, b) => (a.rank ?? Number.MAX_SAFE_INTEGER) - (b.rank ?? Number.MAX_SAFE_INTEGER));
    const funded = recorded.reduce((sum, p) => sum + (p.awarded_minor ?? 0n), 0n);
    const weights = call.criteria;
    return presentRanking(call, recorded, {
      fundedMinor: funded,
      remainingMinor: call.budget_minor - funded,
      proposals: recorded.map((p) => ({
        id: p.id,
        rank: p.rank,
        weightedScoreMilli: p.weighted_score_milli ?? 0,
        outcome: p.outcome!,
        awardedMinor: p.awarded_minor ?? 0n,
        failedThresholds: p.outcome === 'below_threshold' ? failedThresholdsOf(weights, call.overall_threshold_tenths, p) : [],
      })),
    });
  }
  const ready = proposals.filter((p) => p.final_scores);
  return presentRanking(call, ready, rankProposals(rankingInput(call, ready)));
}

function failedThresholdsOf(criteria: Array<{ key: string; thresholdTenths: number }>, overallTenths: number, proposal: ProposalRow): string[] {
  const scores = proposal.final_scores ?? {};
  const failed = criteria.filter((c) => (scores[c.key]?.scoreTenths ?? 0) < c.thresholdTenths).map((c) => c.key);
  if ((proposal.weighted_score_milli ?? 0) < overallTenths * 100) failed.push('overall');
  return failed;
}

/** A milestone plan scaled to a partial award: each amount in proportion, the rounding remainder on the last one. */
export function scaleMilestones<T extends { amountMinor: number }>(milestones: T[], requested: bigint, awarded: bigint): Array<T & { amountMinor: number }> {
  if (awarded === requested) return milestones.map((m) => ({ ...m }));
  const scaled = milestones.map((m) => ({ ...m, amountMinor: Number((BigInt(m.amountMinor) * awarded) / requested) }));
  const rest = awarded - scaled.reduce((sum, m) => sum + BigInt(m.amountMinor), 0n);
  scaled[scaled.length - 1].amountMinor += Number(rest);
  return scaled.filter((m) => m.amountMinor > 0);
}

/**
 * Awards a ranked call: an agreement per funded proposal with its milestones, each milestone reserved
 * in the ledger (a pending entry the disbursement later posts); the call's budget reservation is
 * released in the same transaction, so the fund's available money never dips below what is promised.
 */
export async function awardCall(db: Db, actor: AuditActor, callId: string, version: number) {
  return inTransaction(db, async (trx) => {
    await repo.lockCall(trx, callId);
    const call = await repo.findCall(trx, callId);
    if (!call) throw new AppError('not_found', 'no such call');
    if (call.version !== version) throw versionConflict(call.version, 'call');
    if (call.status !== 'ranked') throw new AppError('invalid_transition', { detail: `a ${call.status} call cannot be awarded; rank it first`, extra: { currentStatus: call.status, allowed: [] } });
    if (call.reservation_entry_id) await resolvePending(trx, actor, call.reservation_entry_id, 'void');
    const winners = (await repo.submittedProposals(trx, callId)).filter((p) => (p.outcome === 'funded' || p.outcome === 'partially_funded') && (p.awarded_minor ?? 0n) > 0n);
    const now = new Date();
    let seq = 0;
    for (const proposal of winners) {
      const awardId = uuidv7();
      const amount = proposal.awarded_minor!;
      await repo.insertAward(trx, {
        id: awardId,
        call_id: callId,
        proposal_id: proposal.id,
        organization_id: proposal.organization_id,
        agreement_number: `ADI-F-${call.code.toUpperCase()}-${String(++seq).padStart(3, '0')}`,
        currency: call.currency,
        amount_minor: amount,
        status: 'active',
        // A partial award promises capacity in proportion.
        capacity_promised: JSON.stringify(proposal.capacity.map((line) => ({ ...line, quantity: Number((BigInt(line.quantity) * amount) / proposal.requested_minor) }))),
        awarded_at: now,
        awarded_by: actor.actorLabel,
        version: 1,
      });
      const capability = proposal.capacity[0]?.capability ?? call.capabilities[0] ?? null;
      const milestones = scaleMilestones(proposal.milestones, proposal.requested_minor, amount);
      const rows = [];
      for (const [index, milestone] of milestones.entries()) {
        const milestoneId = uuidv7();
        const entryId = await reserve(trx, actor, { currency: call.currency, amountMinor: BigInt(milestone.amountMinor), description: `Award ${awardId} milestone ${index + 1}: ${milestone.deliverable}`.slice(0, 500), referenceId: awardId, program: call.code, capability, clientKey: `milestone:${milestoneId}` });
        rows.push({ id: milestoneId, award_id: awardId, seq: index + 1, deliverable: milestone.deliverable, due_date: milestone.dueDate, amount_minor: BigInt(milestone.amountMinor), status: 'planned' as const, reservation_entry_id: entryId, evidence_document_ids: [], capacity_delivered: '[]', version: 1 });
      }
      await repo.insertMilestones(trx, rows);
      await recordAuditBatch(trx, actor, [{ action: 'fund.award_made', targetType: 'fund_award', targetId: awardId, details: { callId, proposalId: proposal.id, organizationId: proposal.organization_id, amountMinor: Number(amount), milestones: rows.length } }]);
      await enqueueOrganizationEmail(trx, {
        organizationId: proposal.organization_id,
        subject: 'Грант фонду / Fund award',
        body: `Вашій пропозиції «${proposal.title}» надано фінансування.\n\n---\n\nYour proposal “${proposal.title}” was awarded funding.\n`,
      });
    }
    await repo.updateCall(trx, callId, { status: 'awarded', version: call.version + 1, updated_at: now });
    await recordAuditBatch(trx, actor, [{ action: 'fund.call_awarded', targetType: 'fund_call', targetId: callId, details: { awards: winners.length } }]);
    return presentCall((await repo.findCall(trx, callId))!);
  });
}


/** The documents an evaluator may read: those of the proposals it is cleared for (the registry asks, for evaluators only). */
export function documentsClearedForEvaluator(db: Db, evaluatorId: string, organizationId?: string): Promise<Set<string>> {
  return repo.documentIdsClearedForEvaluator(db, evaluatorId, organizationId);
}
