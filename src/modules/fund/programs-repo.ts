import { type Insertable, type Kysely, type Transaction, type Updateable, sql } from 'kysely';
import { escapeLike } from '../../db/like.ts';
import type {
  Database,
  FundAwardMilestonesTable,
  FundAwardsTable,
  FundCallsTable,
  FundClawbacksTable,
  FundDisbursementsTable,
  FundEvaluatorAssignmentsTable,
  FundProposalsTable,
} from '../../db/schema.ts';

type Db = Kysely<Database>;
type Trx = Transaction<Database>;

// Settings ----------------------------------------------------------------------------------------

export function getProgramSettings(db: Db) {
  return db.selectFrom('fund_program_settings').selectAll().executeTakeFirstOrThrow();
}

export function lockProgramSettings(trx: Trx) {
  return trx.selectFrom('fund_program_settings').selectAll().forUpdate().executeTakeFirstOrThrow();
}

export async function updateProgramSettings(trx: Trx, secondApprovalAbove: Record<string, number>, version: number) {
  await trx.updateTable('fund_program_settings').set({ second_approval_above: JSON.stringify(secondApprovalAbove), version, updated_at: new Date() }).execute();
}

// Calls -------------------------------------------------------------------------------------------

function callQuery(db: Db) {
  return db
    .selectFrom('fund_calls as c')
    .selectAll('c')
    .select((eb) => eb.selectFrom('fund_proposals as p').select(eb.fn.countAll<string>().as('n')).whereRef('p.call_id', '=', 'c.id').where('p.status', '=', 'submitted').as('submitted_proposals'));
}

export type CallRow = Awaited<ReturnType<typeof findCall>> & {};

export function findCall(db: Db, id: string) {
  return callQuery(db).where('c.id', '=', id).executeTakeFirst();
}

export async function lockCall(trx: Trx, id: string) {
  await trx.selectFrom('fund_calls').select('id').where('id', '=', id).forUpdate().executeTakeFirst();
}

export function callByCode(db: Db, code: string) {
  return db.selectFrom('fund_calls').select('id').where('code', '=', code).executeTakeFirst();
}

export async function listCalls(db: Db, filter: { status?: FundCallsTable['status']; statuses?: FundCallsTable['status'][]; q?: string }, limit: number, offset: number) {
  let query = callQuery(db);
  if (filter.status) query = query.where('c.status', '=', filter.status);
  if (filter.statuses) query = query.where('c.status', 'in', filter.statuses);
  if (filter.q) {
    const pattern = `%${escapeLike(filter.q.toLowerCase())}%`;
    query = query.where((eb) => eb.or([eb(sql`lower(c.title_en)`, 'like', pattern), eb(sql`lower(c.title_uk)`, 'like', pattern), eb('c.code', 'like', pattern)]));
  }
  const [items, count] = await Promise.all([
    query.orderBy('c.opens_at', 'desc').orderBy('c.id').limit(limit).offset(offset).execute(),
    db
      .selectFrom('fund_calls as c')
      .select((eb) => eb.fn.countAll<string>().as('total'))
      .$if(!!filter.status, (qb) => qb.where('c.status', '=', filter.status!))
      .$if(!!filter.statuses, (qb) => qb.where('c.status', 'in', filter.statuses!))
      .executeTakeFirstOrThrow(),
  ]);
  return { items, total: Number(count.total) };
}

export async function insertCall(trx: Trx, row: Insertable<FundCallsTable>) {
  await trx.insertInto('fund_calls').values(row).execute();
}

export async function updateCall(trx: Trx, id: string, patch: Updateable<FundCallsTable>) {
  await trx.updateTable('fund_calls').set(patch).where('id', '=', id).execute();
}

// Proposals ---------------------------------------------------------------------------------------

function proposalQuery(db: Db) {
  return db
    .selectFrom('fund_proposals as p')
    .innerJoin('fund_calls as c', 'c.id', 'p.call_id')
    .innerJoin('organizations as o', 'o.id', 'p.organization_id')
    .selectAll('p')
    .select(['c.title_en as call_title_en', 'c.title_uk as call_title_uk', 'c.currency', 'c.status as call_status', 'o.name as organization_name']);
}

export type ProposalRow = Awaited<ReturnType<typeof findProposal>> & {};

export function findProposal(db: Db, id: string) {
  return proposalQuery(db).where('p.id', '=', id).executeTakeFirst();
}

export async function lockProposal(trx: Trx, id: string) {
  await trx.selectFrom('fund_proposals').select('id').where('id', '=', id).forUpdate().executeTakeFirst();
}

export function proposalOf(db: Db, callId: string, organizationId: string) {
  return db.selectFrom('fund_proposals').select(['id', 'status']).where('call_id', '=', callId).where('organization_id', '=', organizationId).executeTakeFirst();
}

export async function listProposals(db: Db, filter: { callId?: string; organizationId?: string; status?: FundProposalsTable['status']; evaluatorId?: string }, limit: number, offset: number) {
  let query = proposalQuery(db);
  if (filter.callId) query = query.where('p.call_id', '=', filter.callId);
  if (filter.organizationId) query = query.where('p.organization_id', '=', filter.organizationId);
  if (filter.status) query = query.where('p.status', '=', filter.status);
  if (filter.evaluatorId) {
    query = query.where((eb) => eb.exists(eb.selectFrom('fund_evaluator_assignments as a').select('a.id').whereRef('a.proposal_id', '=', 'p.id').where('a.evaluator_id', '=', filter.evaluatorId!).where('a.status', '!=', 'conflict')));
  }
  const [items, count] = await Promise.all([
    query.orderBy(sql`p.rank asc nulls last`).orderBy('p.submitted_at').orderBy('p.id').limit(limit).offset(offset).execute(),
    query.clearSelect().select((eb) => eb.fn.countAll<string>().as('total')).executeTakeFirstOrThrow(),
  ]);
  return { items, total: Number(count.total) };
}

export function submittedProposals(db: Db, callId: string) {
  return proposalQuery(db).where('p.call_id', '=', callId).where('p.status', '=', 'submitted').orderBy('p.submitted_at').execute();
}

export async function insertProposal(trx: Trx, row: Insertable<FundProposalsTable>) {
  await trx.insertInto('fund_proposals').values(row).execute();
}

export async function updateProposal(trx: Trx, id: string, patch: Updateable<FundProposalsTable>) {
  await trx.updateTable('fund_proposals').set(patch).where('id', '=', id).execute();
}

// Evaluators ----------------------------------------------------------------------------------------

export function assignmentsOf(db: Db, proposalId: string) {
  return db
    .selectFrom('fund_evaluator_assignments as a')
    .innerJoin('users as u', 'u.id', 'a.evaluator_id')
    .selectAll('a')
    .select(['u.display_name as evaluator_name', 'u.email as evaluator_email'])
    .where('a.proposal_id', '=', proposalId)
    .orderBy('a.created_at')
    .orderBy('a.id')
    .execute();
}

export function findAssignment(db: Db, proposalId: string, evaluatorId: string) {
  return db.selectFrom('fund_evaluator_assignments').selectAll().where('proposal_id', '=', proposalId).where('evaluator_id', '=', evaluatorId).executeTakeFirst();
}

/** One evaluator's assignment status on each of these proposals. */
export function assignmentStatuses(db: Db, evaluatorId: string, proposalIds: string[]) {
  if (proposalIds.length === 0) return Promise.resolve([]);
  return db.selectFrom('fund_evaluator_assignments').select(['proposal_id', 'status']).where('evaluator_id', '=', evaluatorId).where('proposal_id', 'in', proposalIds).execute();
}

export async function lockAssignment(trx: Trx, id: string) {
  await trx.selectFrom('fund_evaluator_assignments').select('id').where('id', '=', id).forUpdate().executeTakeFirst();
}

/** Active users holding the evaluator role, with how many live assignments each has (fewest first). */
export async function evaluatorPool(db: Db) {
  return db
    .selectFrom('users as u')
    .select(['u.id', 'u.organization_id'])
    .select((eb) => eb.selectFrom('fund_evaluator_assignments as a').select(eb.fn.countAll<string>().as('n')).whereRef('a.evaluator_id', '=', 'u.id').where('a.status', '!=', 'conflict').as('load'))
    .where('u.status', '=', 'active')
    .where(sql<boolean>`'evaluator' = any(u.roles)`)
    .orderBy('load')
    .orderBy('u.id')
    .execute();
}

export function evaluatorUsers(db: Db, ids: string[]) {
  if (ids.length === 0) return Promise.resolve([]);
  return db.selectFrom('users').select(['id', 'roles', 'status', 'organization_id']).where('id', 'in', ids).execute();
}

export async function insertAssignments(trx: Trx, rows: Insertable<FundEvaluatorAssignmentsTable>[]) {
  if (rows.length) await trx.insertInto('fund_evaluator_assignments').values(rows).execute();
}

export async function updateAssignment(trx: Trx, id: string, patch: Updateable<FundEvaluatorAssignmentsTable>) {
  await trx.updateTable('fund_evaluator_assignments').set(patch).where('id', '=', id).execute();
}

// Awards ------------------------------------------------------------------------------------------

function awardQuery(db: Db) {
  return db
    .selectFrom('fund_awards as w')
    .innerJoin('fund_calls as c', 'c.id', 'w.call_id')
    .innerJoin('fund_proposals as p', 'p.id', 'w.proposal_id')
    .innerJoin('organizations as o', 'o.id', 'w.organization_id')
    .selectAll('w')
    .select(['c.code as call_code', 'c.title_en as call_title_en', 'c.title_uk as call_title_uk', 'p.title', 'p.summary', 'o.name as organization_name'])
    .select((eb) => [
      eb.selectFrom('fund_disbursements as d').select(sql<string>`coalesce(sum(d.amount_minor), 0)`.as('s')).whereRef('d.award_id', '=', 'w.id').where('d.status', '=', 'paid').as('disbursed_minor'),
      eb.selectFrom('fund_clawbacks as k').select(sql<string>`coalesce(sum(k.amount_minor), 0)`.as('s')).whereRef('k.award_id', '=', 'w.id').as('clawed_back_minor'),
    ]);
}

export type AwardRow = Awaited<ReturnType<typeof findAward>> & {};

export function findAward(db: Db, id: string) {
  return awardQuery(db).where('w.id', '=', id).executeTakeFirst();
}

export async function lockAward(trx: Trx, id: string) {
  await trx.selectFrom('fund_awards').select('id').where('id', '=', id).forUpdate().executeTakeFirst();
}

export async function listAwards(db: Db, filter: { callId?: string; organizationId?: string; status?: FundAwardsTable['status'] }, limit: number, offset: number) {
  let query = awardQuery(db);
  if (filter.callId) query = query.where('w.call_id', '=', filter.callId);
  if (filter.organizationId) query = query.where('w.organization_id', '=', filter.organizationId);
  if (filter.status) query = query.where('w.status', '=', filter.status);
  const [items, count] = await Promise.all([
    query.orderBy('w.awarded_at', 'desc').orderBy('w.id').limit(limit).offset(offset).execute(),
    query.clearSelect().select((eb) => eb.fn.countAll<string>().as('total')).executeTakeFirstOrThrow(),
  ]);
  return { items, total: Number(count.total) };
}

/** What the public register of awards filters on. */
export interface PublicAwardFilter {
  q?: string;
  callId?: string;
  status?: FundAwardsTable['status'];
  currency?: string;
}

/** How the public register of awards is sorted: a column and its direction. */
export interface AwardSort {
  sort: 'recipient' | 'amount' | 'date' | 'call';
  order: 'asc' | 'desc';
}

const AWARD_SORT_COLUMNS = {
  recipient: sql`lower(o.name)`,
  // Minor units compared as numbers; across currencies filter by currency to compare like with like.
  amount: sql`w.amount_minor`,
  date: sql`w.awarded_at`,
  call: sql`c.code`,
} as const;

/**
 * A page of awards for the public register, with the total: filtered, and sorted by the column, then
 * by the recipient's name, then by the award's id, all in the one direction (desc is asc reversed;
 * equal values keep one order across pages).
 */
export async function listPublicAwards(db: Db, filter: PublicAwardFilter, sort: AwardSort, limit: number, offset: number) {
  let query = awardQuery(db);
  if (filter.callId) query = query.where('w.call_id', '=', filter.callId);
  if (filter.status) query = query.where('w.status', '=', filter.status);
  if (filter.currency) query = query.where('w.currency', '=', filter.currency);
  if (filter.q) {
    const pattern = `%${escapeLike(filter.q.toLowerCase())}%`;
    query = query.where((eb) =>
      eb.or([
        eb('o.search_text', 'like', pattern),
        eb(sql`lower(c.title_en)`, 'like', pattern),
        eb(sql`lower(c.title_uk)`, 'like', pattern),
        eb(sql`lower(c.code)`, 'like', pattern),
        eb(sql`lower(w.agreement_number)`, 'like', pattern),
      ]),
    );
  }
  let page = query.orderBy(AWARD_SORT_COLUMNS[sort.sort], sort.order);
  if (sort.sort !== 'recipient') page = page.orderBy(AWARD_SORT_COLUMNS.recipient, sort.order);
  const [items, count] = await Promise.all([
    page.orderBy('w.id', sort.order).limit(limit).offset(offset).execute(),
    query.clearSelect().select((eb) => eb.fn.countAll<string>().as('total')).executeTakeFirstOrThrow(),
  ]);
  return { items, total: Number(count.total) };
}

export function allAwards(db: Db) {
  return awardQuery(db).orderBy('w.awarded_at').orderBy('w.id').execute();
}

export async function insertAward(trx: Trx, row: Insertable<FundAwardsTable>) {
  await trx.insertInto('fund_awards').values(row).execute();
}

export async function updateAward(trx: Trx, id: string, patch: Updateable<FundAwardsTable>) {
  await trx.updateTable('fund_awards').set(patch).where('id', '=', id).execute();
}

export function milestonesOf(db: Db, awardIds: string[]) {
  if (awardIds.length === 0) return Promise.resolve([]);
  return db.selectFrom('fund_award_milestones').selectAll().where('award_id', 'in', awardIds).orderBy('award_id').orderBy('seq').execute();
}

export function findMilestone(db: Db, id: string) {
  return db.selectFrom('fund_award_milestones').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function lockMilestone(trx: Trx, id: string) {
  await trx.selectFrom('fund_award_milestones').select('id').where('id', '=', id).forUpdate().executeTakeFirst();
}

export async function insertMilestones(trx: Trx, rows: Insertable<FundAwardMilestonesTable>[]) {
  if (rows.length) await trx.insertInto('fund_award_milestones').values(rows).execute();
}

export async function updateMilestone(trx: Trx, id: string, patch: Updateable<FundAwardMilestonesTable>) {
  await trx.updateTable('fund_award_milestones').set(patch).where('id', '=', id).execute();
}

export function disbursementsOf(db: Db, awardIds: string[]) {
  if (awardIds.length === 0) return Promise.resolve([]);
  return db.selectFrom('fund_disbursements').selectAll().where('award_id', 'in', awardIds).orderBy('prepared_at').execute();
}

export function findDisbursement(db: Db, id: string) {
  return db.selectFrom('fund_disbursements').selectAll().where('id', '=', id).executeTakeFirst();
}

export function disbursementOfMilestone(db: Db, milestoneId: string) {
  return db.selectFrom('fund_disbursements').selectAll().where('milestone_id', '=', milestoneId).executeTakeFirst();
}

export async function lockDisbursement(trx: Trx, id: string) {
  await trx.selectFrom('fund_disbursements').select('id').where('id', '=', id).forUpdate().executeTakeFirst();
}

export async function listDisbursements(db: Db, status: FundDisbursementsTable['status'] | undefined, limit: number, offset: number) {
  let query = db.selectFrom('fund_disbursements').selectAll();
  if (status) query = query.where('status', '=', status);
  const [items, count] = await Promise.all([
    query.orderBy('prepared_at', 'desc').limit(limit).offset(offset).execute(),
    query.clearSelect().select((eb) => eb.fn.countAll<string>().as('total')).executeTakeFirstOrThrow(),
  ]);
  return { items, total: Number(count.total) };
}

export async function insertDisbursement(trx: Trx, row: Insertable<FundDisbursementsTable>) {
  await trx.insertInto('fund_disbursements').values(row).execute();
}

export async function updateDisbursement(trx: Trx, id: string, patch: Updateable<FundDisbursementsTable>) {
  await trx.updateTable('fund_disbursements').set(patch).where('id', '=', id).execute();
}

export function clawbacksOf(db: Db, awardIds: string[]) {
  if (awardIds.length === 0) return Promise.resolve([]);
  return db.selectFrom('fund_clawbacks').selectAll().where('award_id', 'in', awardIds).orderBy('created_at').execute();
}

export async function insertClawback(trx: Trx, row: Insertable<FundClawbacksTable>) {
  await trx.insertInto('fund_clawbacks').values(row).execute();
}

// Eligibility facts from other domains ---------------------------------------------------------------

export function membershipStatusOf(db: Db, organizationId: string) {
  return db.selectFrom('membership_applications').select('status').where('organization_id', '=', organizationId).where('status', 'in', ['member', 'suspended']).orderBy('created_at', 'desc').executeTakeFirst();
}

export function residencyStatusOf(db: Db, organizationId: string) {
  return db.selectFrom('regime_residents').select('status').where('organization_id', '=', organizationId).where('status', 'in', ['active', 'suspended']).executeTakeFirst();
}

export function documentsOf(db: Db, organizationId: string, ids: string[]) {
  if (ids.length === 0) return Promise.resolve([]);
  return db.selectFrom('documents').select(['id', 'document_type']).where('organization_id', '=', organizationId).where('id', 'in', ids).execute();
}

/**
 * Money out by program and capability: posted postings on expense accounts (award disbursements), net
 * of clawbacks, grouped by the purpose their entries state.
 */
export async function usesByPurpose(db: Db) {
  const result = await sql<{ currency: string; program: string | null; capability: string | null; amount: bigint }>`
    select a.currency, e.purpose_program as program, e.purpose_capability as capability,
      sum(case when p.direction = 'debit' then p.amount else -p.amount end)::bigint as amount
    from ledger_postings p
      join ledger_entries e on e.id = p.entry_id
      join ledger_accounts a on a.id = p.account_id
    where e.status = 'posted' and a.type = 'expense'
    group by 1, 2, 3
    order by 1, 2 nulls last, 3 nulls last`.execute(db);
  return result.rows;
}

export function callTitles(db: Db, codes: string[]) {
  if (codes.length === 0) return Promise.resolve([]);
  return db.selectFrom('fund_calls').select(['code', 'title_en', 'title_uk']).where('code', 'in', codes).execute();
}

export function agreementNumbers(db: Db, awardIds: string[]) {
  if (awardIds.length === 0) return Promise.resolve([]);
  return db.selectFrom('fund_awards').select(['id', 'agreement_number']).where('id', 'in', awardIds).execute();
}

/** Documents attached to the proposals an evaluator may read (assigned, and declared no conflict of interest). */
export async function documentIdsClearedForEvaluator(db: Db, evaluatorId: string, organizationId?: string): Promise<Set<string>> {
  let query = db
    .selectFrom('fund_evaluator_assignments as a')
    .innerJoin('fund_proposals as p', 'p.id', 'a.proposal_id')
    .select('p.document_ids')
    .where('a.evaluator_id', '=', evaluatorId)
    .where('a.status', 'in', ['declared', 'submitted']);
  if (organizationId) query = query.where('p.organization_id', '=', organizationId);
  return new Set((await query.execute()).flatMap((row) => row.document_ids));
}
