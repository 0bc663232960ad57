import type { Kysely, Transaction } from 'kysely';
import type { AuthContext } from '../../core/access.ts';
import { AppError, invalidFields as invalid, staleVersion as versionConflict } from '../../core/errors.ts';
import { inTransaction } from '../../core/idempotency.ts';
import { uuidv7 } from '../../core/ids.ts';
import { registerPage, sortOrder } from '../../core/registers.ts';
import type { Table } from '../../core/tabular.ts';
import type { CapacityLine, Database } from '../../db/schema.ts';
import { type AuditActor, recordAuditBatch } from '../audit/service.ts';
import { enqueueOrganizationEmail } from '../notifications/service.ts';
import { PROGRAM_STAFF, holdsAny, programScope } from './policy.ts';
import * as repo from './programs-repo.ts';
import { AWARD_SORT_NATURAL, type TPublicAward, type TPublicAwardQuery } from './programs-schema.ts';
import { createEntry, resolvePending } from './service.ts';

type Db = Kysely<Database>;
type Trx = Transaction<Database>;



/** Capacity delivered so far: the sum per category and period over verified and paid milestones. */
function deliveredCapacity(milestones: Awaited<ReturnType<typeof repo.milestonesOf>>): CapacityLine[] {
  const totals = new Map<string, CapacityLine>();
  for (const m of milestones) {
    if (m.status !== 'verified' && m.status !== 'paid') continue;
    for (const line of m.capacity_delivered) {
      const key = `${line.capability}|${line.period}`;
      const current = totals.get(key) ?? { capability: line.capability, period: line.period, quantity: 0 };
      current.quantity += line.quantity;
      totals.set(key, current);
    }
  }
  return [...totals.values()].sort((a, b) => a.capability.localeCompare(b.capability) || a.period.localeCompare(b.period));
}

export function presentAward(row: repo.AwardRow, milestones: Awaited<ReturnType<typeof repo.milestonesOf>>) {
  return {
    id: row.id,
    callId: row.call_id,
    callCode: row.call_code,
    callTitleEn: row.call_title_en,
    callTitleUk: row.call_title_uk,
    proposalId: row.proposal_id,
    organizationId: row.organization_id,
    organizationName: row.organization_name,
    agreementNumber: row.agreement_number,
    title: row.title,
    currency: row.currency,
    amountMinor: Number(row.amount_minor),
    disbursedMinor: Number(row.disbursed_minor ?? 0),
    clawedBackMinor: Number(row.clawed_back_minor ?? 0),
    status: row.status,
    awardedAt: row.awarded_at.toISOString(),
    endedAt: row.ended_at ? row.ended_at.toISOString() : null,
    endReason: row.end_reason,
    capacityPromised: row.capacity_promised,
    capacityDelivered: deliveredCapacity(milestones.filter((m) => m.award_id === row.id)),
    version: row.version,
  };
}

function presentMilestone(m: Awaited<ReturnType<typeof repo.milestonesOf>>[number]) {
  return {
    id: m.id,
    seq: m.seq,
    deliverable: m.deliverable,
    dueDate: m.due_date,
    amountMinor: Number(m.amount_minor),
    status: m.status,
    reservationEntryId: m.reservation_entry_id,
    reportText: m.report_text,
    evidenceDocumentIds: m.evidence_document_ids,
    capacityDelivered: m.capacity_delivered,
    reportedAt: m.reported_at ? m.reported_at.toISOString() : null,
    verifiedAt: m.verified_at ? m.verified_at.toISOString() : null,
    verificationNote: m.verification_note,
    version: m.version,
  };
}

export function presentDisbursement(d: NonNullable<Awaited<ReturnType<typeof repo.findDisbursement>>>) {
  return {
    id: d.id,
    awardId: d.award_id,
    milestoneId: d.milestone_id,
    currency: d.currency,
    amountMinor: Number(d.amount_minor),
    status: d.status,
    requiredApprovals: d.required_approvals,
    preparedBy: d.prepared_by_label,
    preparedAt: d.prepared_at.toISOString(),
    approvals: d.approvals.map((a) => ({ label: a.label, at: a.at })),
    entryId: d.entry_id,
    paidAt: d.paid_at ? d.paid_at.toISOString() : null,
    version: d.version,
  };
}

async function visibleAward(db: Db, auth: AuthContext | null, id: string) {
  const row = await repo.findAward(db, id);
  if (!row) throw new AppError('not_found', 'no such award');
  if (auth && holdsAny(auth, PROGRAM_STAFF)) return row;
  const scope = auth ? programScope(auth) : 'none';
  if (scope !== row.organization_id) throw new AppError('not_found', 'no such award');
  return row;
}

export async function awardDetail(db: Db, auth: AuthContext, id: string) {
  const row = await visibleAward(db, auth, id);
  const [milestones, disbursements, clawbacks] = await Promise.all([repo.milestonesOf(db, [id]), repo.disbursementsOf(db, [id]), repo.clawbacksOf(db, [id])]);
  return {
    ...presentAward(row, milestones),
    milestones: milestones.map(presentMilestone),
    disbursements: disbursements.map(presentDisbursement),
    clawbacks: clawbacks.map((k) => ({ id: k.id, milestoneId: k.milestone_id, currency: k.currency, amountMinor: Number(k.amount_minor), reason: k.reason, entryId: k.entry_id, createdAt: k.created_at.toISOString() })),
  };
}

export async function listAwards(db: Db, auth: AuthContext, query: { callId?: string; status?: 'active' | 'completed' | 'terminated'; limit: number; offset: number }) {
  const scope = programScope(auth);
  if (scope === 'none') return { items: [], total: 0, limit: query.limit, offset: query.offset };
  const { items, total } = await repo.listAwards(db, { callId: query.callId, status: query.status, organizationId: scope ?? undefined }, query.limit, query.offset);
  const milestones = await repo.milestonesOf(db, items.map((a) => a.id));
  return { items: items.map((row) => presentAward(row, milestones)), total, limit: query.limit, offset: query.offset };
}

async function lockedMilestone(trx: Trx, awardId: string, milestoneId: string) {
  await repo.lockMilestone(trx, milestoneId);
  const milestone = await repo.findMilestone(trx, milestoneId);
  if (!milestone || milestone.award_id !== awardId) throw new AppError('not_found', 'no such milestone');
  return milestone;
}

/** The company reports a milestone as done, with evidence (its documents) and the capacity delivered. */
export async function reportMilestone(db: Db, auth: AuthContext, actor: AuditActor, awardId: string, milestoneId: string, input: { version: number; reportText: string; evidenceDocumentIds: string[]; capacityDelivered: CapacityLine[] }) {
  return inTransaction(db, async (trx) => {
    const award = await visibleAward(trx, auth, awardId);
    if (!holdsAny(auth, ['company'])) throw new AppError('forbidden', 'the company reports its milestones');
    if (award.status !== 'active') throw new AppError('conflict', `the award is ${award.status}`);
    const milestone = await lockedMilestone(trx, awardId, milestoneId);
    if (milestone.version !== input.version) throw versionConflict(milestone.version, 'milestone');
    if (milestone.status !== 'planned' && milestone.status !== 'reported') throw new AppError('invalid_transition', { detail: `a ${milestone.status} milestone cannot be reported`, extra: { currentStatus: milestone.status, allowed: [] } });
    const documents = await repo.documentsOf(trx, award.organization_id, input.evidenceDocumentIds);
    const foreign = input.evidenceDocumentIds.filter((id) => !documents.some((d) => d.id === id));
    if (foreign.length) throw invalid([{ field: 'body.evidenceDocumentIds', message: `not documents of this organization: ${foreign.join(', ')}` }]);
    await repo.updateMilestone(trx, milestoneId, { status: 'reported', report_text: input.reportText, evidence_document_ids: input.evidenceDocumentIds, capacity_delivered: JSON.stringify(input.capacityDelivered), reported_at: new Date(), version: milestone.version + 1 });
    await recordAuditBatch(trx, actor, [{ action: 'fund.milestone_reported', targetType: 'fund_award', targetId: awardId, details: { milestoneId, seq: milestone.seq } }]);
    return awardDetail(trx, auth, awardId);
  });
}

/** A fund officer verifies a reported milestone, or finds it failed: its reservation is then released. */
export async function verifyMilestone(db: Db, auth: AuthContext, actor: AuditActor, awardId: string, milestoneId: string, input: { version: number; decision: 'verified' | 'failed'; note: string }) {
  return inTransaction(db, async (trx) => {
    const award = await visibleAward(trx, auth, awardId);
    const milestone = await lockedMilestone(trx, awardId, milestoneId);
    if (milestone.version !== input.version) throw versionConflict(milestone.version, 'milestone');
    const allowedFrom = input.decision === 'verified' ? ['reported'] : ['planned', 'reported'];
    if (!allowedFrom.includes(milestone.status)) throw new AppError('invalid_transition', { detail: `a ${milestone.status} milestone cannot be ${input.decision}`, extra: { currentStatus: milestone.status, allowed: [] } });
    const now = new Date();
    await repo.updateMilestone(trx, milestoneId, { status: input.decision, verified_by: actor.actorLabel, verified_at: now, verification_note: input.note, version: milestone.version + 1 });
    if (input.decision === 'failed') await resolvePending(trx, actor, milestone.reservation_entry_id, 'void');
    await recordAuditBatch(trx, actor, [{ action: `fund.milestone_${input.decision}`, targetType: 'fund_award', targetId: awardId, details: { milestoneId, seq: milestone.seq } }]);
    await enqueueOrganizationEmail(trx, {
      organizationId: award.organization_id,
      subject: 'Етап гранту / Award milestone',
      body:
        input.decision === 'verified'
          ? `Етап ${milestone.seq} («${milestone.deliverable}») підтверджено.\n\n---\n\nMilestone ${milestone.seq} (“${milestone.deliverable}”) was verified.\n`
          : `Етап ${milestone.seq} («${milestone.deliverable}») не виконано: ${input.note}\n\n---\n\nMilestone ${milestone.seq} (“${milestone.deliverable}”) failed: ${input.note}\n`,
    });
    return awardDetail(trx, auth, awardId);
  });
}

/** Disbursements awaiting approval and paid ones (fund staff). */
export async function listDisbursements(db: Db, query: { status?: 'prepared' | 'paid' | 'cancelled'; limit: number; offset: number }) {
  const { items, total } = await repo.listDisbursements(db, query.status, query.limit, query.offset);
  return { items: items.map(presentDisbursement), total, limit: query.limit, offset: query.offset };
}

/** A fund officer prepares the payment of a verified milestone; another must approve it (two others above the limit). */
export async function prepareDisbursement(db: Db, auth: AuthContext, actor: AuditActor, awardId: string, milestoneId: string) {
  return inTransaction(db, async (trx) => {
    const award = await visibleAward(trx, auth, awardId);
    if (award.status !== 'active') throw new AppError('conflict', `the award is ${award.status}`);
    const milestone = await lockedMilestone(trx, awardId, milestoneId);
    if (milestone.status !== 'verified') throw new AppError('invalid_transition', { detail: `only a verified milestone is paid; this one is ${milestone.status}`, extra: { currentStatus: milestone.status, allowed: [] } });
    const existing = await repo.disbursementOfMilestone(trx, milestoneId);
    if (existing && existing.status !== 'cancelled') throw new AppError('already_exists', { detail: 'the milestone has a disbursement already', extra: { disbursementId: existing.id } });
    const settings = await repo.getProgramSettings(trx);
    const limit = settings.second_approval_above[award.currency];
    const id = uuidv7();
    await repo.insertDisbursement(trx, {
      id,
      award_id: awardId,
      milestone_id: milestoneId,
      currency: award.currency,
      amount_minor: milestone.amount_minor,
      status: 'prepared',
      required_approvals: limit !== undefined && milestone.amount_minor > BigInt(limit) ? 2 : 1,
      prepared_by: auth.user!.id,
      prepared_by_label: actor.actorLabel,
      prepared_at: new Date(),
      approvals: '[]',
      version: 1,
    });
    await recordAuditBatch(trx, actor, [{ action: 'fund.disbursement_prepared', targetType: 'fund_disbursement', targetId: id, details: { awardId, milestoneId, amountMinor: Number(milestone.amount_minor), currency: award.currency } }]);
    return presentDisbursement((await repo.findDisbursement(trx, id))!);
  });
}

/**
 * Approves a prepared disbursement. Four eyes, enforced here whatever the client sends: the user who
 * prepared it can never approve it, and no one approves twice. The last required approval posts the
 * milestone's ledger reservation: the money leaves the fund.
 */
export async function approveDisbursement(db: Db, auth: AuthContext, actor: AuditActor, id: string, version: number) {
  return inTransaction(db, async (trx) => {
    await repo.lockDisbursement(trx, id);
    const disbursement = await repo.findDisbursement(trx, id);
    if (!disbursement) throw new AppError('not_found', 'no such disbursement');
    if (disbursement.version !== version) throw versionConflict(disbursement.version, 'disbursement');
    if (disbursement.status !== 'prepared') throw new AppError('invalid_transition', { detail: `the disbursement is ${disbursement.status}`, extra: { currentStatus: disbursement.status, allowed: [] } });
    const userId = auth.user!.id;
    if (disbursement.prepared_by === userId) throw new AppError('forbidden', 'you prepared this disbursement: another fund officer must approve it (four eyes)');
    if (disbursement.approvals.some((a) => a.userId === userId)) throw new AppError('forbidden', 'you approved this disbursement already: it needs a different approver');
    const now = new Date();
    const approvals = [...disbursement.approvals, { userId, label: actor.actorLabel, at: now.toISOString() }];
    const done = approvals.length >= disbursement.required_approvals;
    const milestone = (await repo.findMilestone(trx, disbursement.milestone_id))!;
    if (done) {
      await repo.lockMilestone(trx, milestone.id);
      await resolvePending(trx, actor, milestone.reservation_entry_id, 'post');
      await repo.updateMilestone(trx, milestone.id, { status: 'paid', version: milestone.version + 1 });
    }
    await repo.updateDisbursement(trx, id, { approvals: JSON.stringify(approvals), status: done ? 'paid' : 'prepared', entry_id: done ? milestone.reservation_entry_id : null, paid_at: done ? now : null, version: disbursement.version + 1 });
    await recordAuditBatch(trx, actor, [{ action: done ? 'fund.disbursement_paid' : 'fund.disbursement_approved', targetType: 'fund_disbursement', targetId: id, details: { awardId: disbursement.award_id, approvals: approvals.length, required: disbursement.required_approvals } }]);
    if (done) await completeIfDone(trx, actor, disbursement.award_id, now);
    return presentDisbursement((await repo.findDisbursement(trx, id))!);
  });
}

/** An award whose milestones are all paid, failed or cancelled is complete. */
async function completeIfDone(trx: Trx, actor: AuditActor, awardId: string, now: Date) {
  const milestones = await repo.milestonesOf(trx, [awardId]);
  if (milestones.every((m) => m.status === 'paid' || m.status === 'failed' || m.status === 'cancelled')) {
    const award = (await repo.findAward(trx, awardId))!;
    await repo.updateAward(trx, awardId, { status: 'completed', ended_at: now, version: award.version + 1 });
    await recordAuditBatch(trx, actor, [{ action: 'fund.award_completed', targetType: 'fund_award', targetId: awardId, details: {} }]);
  }
}

/**
 * Money paid on an award comes back (a failed milestone, a terminated resident): a posted entry from
 * award disbursements back to the fund's bank account, with reasons, never more than was paid and not
 * yet returned.
 */
export async function clawBack(db: Db, auth: AuthContext, actor: AuditActor, awardId: string, input: { amountMinor: number; reason: string; milestoneId?: string }) {
  return inTransaction(db, async (trx) => {
    await repo.lockAward(trx, awardId);
    const award = await visibleAward(trx, auth, awardId);
    const paid = BigInt(award.disbursed_minor ?? 0) - BigInt(award.clawed_back_minor ?? 0);
    if (BigInt(input.amountMinor) > paid) throw invalid([{ field: 'body.amountMinor', message: `at most ${paid} can be clawed back: that is what was paid and not yet returned` }]);
    if (input.milestoneId) {
      const milestone = await repo.findMilestone(trx, input.milestoneId);
      if (!milestone || milestone.award_id !== awardId) throw invalid([{ field: 'body.milestoneId', message: 'is not a milestone of this award' }]);
    }
    const id = uuidv7();
    const call = (await repo.findCall(trx, award.call_id))!;
    const booked = await createEntry(trx, actor, {
      currency: award.currency as 'UAH',
      description: `Clawback on award ${award.agreement_number}: ${input.reason}`.slice(0, 500),
      referenceType: 'clawback',
      referenceId: awardId,
      clientKey: `clawback:${id}`,
      // The same purpose as the payments it returns, so money out by program and category nets out.
      purpose: { program: call.code, capability: award.capacity_promised[0]?.capability ?? call.capabilities[0] },
      postings: [
        { account: `1000.${award.currency}.fund`, direction: 'debit', amount: input.amountMinor },
        { account: `5000.${award.currency}.disbursements`, direction: 'credit', amount: input.amountMinor },
      ],
    });
    await repo.insertClawback(trx, { id, award_id: awardId, milestone_id: input.milestoneId ?? null, currency: award.currency, amount_minor: BigInt(input.amountMinor), reason: input.reason, entry_id: booked.entry.id, created_by: actor.actorLabel, created_at: new Date() });
    await recordAuditBatch(trx, actor, [{ action: 'fund.clawback_booked', targetType: 'fund_award', targetId: awardId, details: { clawbackId: id, amountMinor: input.amountMinor, entryId: booked.entry.id } }]);
    await enqueueOrganizationEmail(trx, { organizationId: award.organization_id, subject: 'Повернення коштів гранту / Award clawback', body: `${input.reason}\n\n---\n\n${input.reason}\n` });
    return awardDetail(trx, auth, awardId);
  });
}

/** Ends an award early (a terminated resident, a broken agreement): reservations of unpaid milestones are released. */
export async function terminateAward(db: Db, auth: AuthContext, actor: AuditActor, awardId: string, input: { version: number; reason: string }) {
  return inTransaction(db, async (trx) => {
    await repo.lockAward(trx, awardId);
    const award = await visibleAward(trx, auth, awardId);
    if (award.version !== input.version) throw versionConflict(award.version, 'award');
    if (award.status !== 'active') throw new AppError('invalid_transition', { detail: `the award is ${award.status}`, extra: { currentStatus: award.status, allowed: [] } });
    const now = new Date();
    for (const milestone of await repo.milestonesOf(trx, [awardId])) {
      if (milestone.status === 'paid' || milestone.status === 'failed' || milestone.status === 'cancelled') continue;
      const disbursement = await repo.disbursementOfMilestone(trx, milestone.id);
      if (disbursement?.status === 'prepared') await repo.updateDisbursement(trx, disbursement.id, { status: 'cancelled', version: disbursement.version + 1 });
      await resolvePending(trx, actor, milestone.reservation_entry_id, 'void');
      await repo.updateMilestone(trx, milestone.id, { status: 'cancelled', version: milestone.version + 1 });
    }
    await repo.updateAward(trx, awardId, { status: 'terminated', ended_at: now, end_reason: input.reason, version: award.version + 1 });
    await recordAuditBatch(trx, actor, [{ action: 'fund.award_terminated', targetType: 'fund_award', targetId: awardId, details: { organizationId: award.organization_id } }]);
    return awardDetail(trx, auth, awardId);
  });
}

export async function getProgramSettings(db: Db) {
  const row = await repo.getProgramSettings(db);
  return { secondApprovalAbove: row.second_approval_above, version: row.version };
}

export async function putProgramSettings(db: Db, actor: AuditActor, input: { version: number; secondApprovalAbove: Partial<Record<string, number>> }) {
  return inTransaction(db, async (trx) => {
    const row = await repo.lockProgramSettings(trx);
    if (row.version !== input.version) throw versionConflict(row.version, 'settings');
    const next = { ...row.second_approval_above, ...(input.secondApprovalAbove as Record<string, number>) };
    await repo.updateProgramSettings(trx, next, row.version + 1);
    await recordAuditBatch(trx, actor, [{ action: 'fund.program_settings_changed', targetType: 'fund_program_settings', targetId: null, details: { secondApprovalAbove: next } }]);
    return getProgramSettings(trx);
  });
}

// Public ------------------------------------------------------------------------------------------

/** Awards as the public sees them: who got how much under which call, paid so far, and the status; filtered, sorted and paged as asked. */
export async function publicAwards(db: Db, query: Partial<TPublicAwardQuery> & { limit: number; offset: number }) {
  const { limit, offset } = registerPage({ scope: query.scope ?? 'page', limit: query.limit, offset: query.offset });
  const sort = query.sort ?? 'date';
  const filter = { q: query.q, callId: query.callId, status: query.status, currency: query.currency };
  const { items, total } = await repo.listPublicAwards(db, filter, { sort, order: sortOrder(sort, query.order, AWARD_SORT_NATURAL) }, limit, offset);
  return {
    items: items.map(
      (row): TPublicAward => ({
        id: row.id,
        agreementNumber: row.agreement_number,
        callId: row.call_id,
        callCode: row.call_code,
        callTitleEn: row.call_title_en,
        callTitleUk: row.call_title_uk,
        organizationName: row.organization_name,
        title: row.title,
        currency: row.currency,
        amountMinor: Number(row.amount_minor),
        disbursedMinor: Number(row.disbursed_minor ?? 0),
        clawedBackMinor: Number(row.clawed_back_minor ?? 0),
        capabilities: [...new Set(row.capacity_promised.map((line) => line.capability))],
        status: row.status,
        awardedAt: row.awarded_at.toISOString(),
      }),
    ),
    total,
    limit,
    offset,
  };
}

/** Public awards as a table for CSV: money in minor units beside its currency, capability codes joined with "; ". */
export function publicAwardsTable(awards: TPublicAward[]): Table {
  return {
    name: 'Fund awards',
    columns: [
      { key: 'id', header: 'Award' },
      { key: 'agreement_number', header: 'Agreement' },
      { key: 'organization_name', header: 'Recipient' },
      { key: 'title', header: 'Project' },
      { key: 'call_id', header: 'Call id' },
      { key: 'call_code', header: 'Call' },
      { key: 'call_title_en', header: 'Call title' },
      { key: 'call_title_uk', header: 'Call title (uk)' },
      { key: 'currency', header: 'Currency' },
      { key: 'amount_minor', header: 'Amount', kind: 'money' },
      { key: 'disbursed_minor', header: 'Paid', kind: 'money' },
      { key: 'clawed_back_minor', header: 'Clawed back', kind: 'money' },
      { key: 'capabilities', header: 'Capabilities' },
      { key: 'status', header: 'Status' },
      { key: 'awarded_at', header: 'Awarded' },
    ],
    rows: awards.map((award) => ({
      id: award.id,
      agreement_number: award.agreementNumber,
      organization_name: award.organizationName,
      title: award.title,
      call_id: award.callId,
      call_code: award.callCode,
      call_title_en: award.callTitleEn,
      call_title_uk: award.callTitleUk,
      currency: award.currency,
      amount_minor: award.amountMinor,
      disbursed_minor: award.disbursedMinor,
      clawed_back_minor: award.clawedBackMinor,
      capabilities: award.capabilities.join('; '),
      status: award.status,
      awarded_at: award.awardedAt,
    })),
  };
}

/** Money out by program (the call) and capability category, per currency, net of clawbacks. */
export async function publicUses(db: Db) {
  const rows = await repo.usesByPurpose(db);
  const titles = new Map((await repo.callTitles(db, [...new Set(rows.map((r) => r.program).filter((p): p is string => !!p))])).map((c) => [c.code, c]));
  return {
    items: rows.map((r) => ({
      currency: r.currency,
      program: r.program,
      programTitleEn: r.program ? (titles.get(r.program)?.title_en ?? null) : null,
      programTitleUk: r.program ? (titles.get(r.program)?.title_uk ?? null) : null,
      capability: r.capability,
      amountMinor: Number(r.amount),
    })),
  };
}

/** Every award's promised and delivered capacity, for localization's gaps and forecasts (restricted figures). */
export async function awardCapacity(db: Db) {
  const awards = await repo.allAwards(db);
  const milestones = await repo.milestonesOf(db, awards.map((row) => row.id));
  return awards.map((row) => ({
    awardId: row.id,
    agreementNumber: row.agreement_number,
    organizationId: row.organization_id,
    organizationName: row.organization_name,
    status: row.status,
    promised: row.capacity_promised,
    delivered: deliveredCapacity(milestones.filter((m) => m.award_id === row.id)),
  }));
}
