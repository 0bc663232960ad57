import { type ExpressionBuilder, type Kysely, type Transaction, sql } from 'kysely';
import type { Database } from '../../db/schema.ts';
import type { OpenAward, OpenCall, OpenDataSnapshot } from './open-data.ts';

type Db = Kysely<Database>;
type Trx = Transaction<Database>;

// A call is public once published; a cancelled call was published if its budget was ever reserved
// (publication reserves it, and the reservation id stays when the cancellation voids the entry).
function isPublicCall(eb: ExpressionBuilder<Database, 'fund_calls'>) {
  return eb.or([eb('fund_calls.status', 'in', ['published', 'ranked', 'awarded']), eb.and([eb('fund_calls.status', '=', 'cancelled'), eb('fund_calls.reservation_entry_id', 'is not', null)])]);
}

function publicCallIds(trx: Trx) {
  return trx.selectFrom('fund_calls').select('fund_calls.id').where(isPublicCall);
}

// Calls keep no timestamp per status; the audit log, written in the same transaction as each
// transition, says when it happened.
function transitionAt(action: string) {
  return sql<Date | null>`(select min(e.occurred_at) from audit_events e where e.target_type = 'fund_call' and e.target_id = fund_calls.id::text and e.action = ${action})`;
}

async function publicCalls(trx: Trx) {
  return trx
    .selectFrom('fund_calls')
    .select([
      'id',
      'code',
      'title_en',
      'title_uk',
      'text_en',
      'text_uk',
      'currency',
      'budget_minor',
      'capabilities',
      'criteria',
      'overall_threshold_tenths',
      'eligibility',
      'opens_at',
      'closes_at',
      'status',
      'created_at',
      sql<number>`(select count(*)::int from fund_proposals p where p.call_id = fund_calls.id and p.status = 'submitted')`.as('submitted_proposals'),
      transitionAt('fund.call_published').as('published_at'),
      transitionAt('fund.call_ranked').as('ranked_at'),
      transitionAt('fund.call_awarded').as('awarded_at'),
      transitionAt('fund.call_cancelled').as('cancelled_at'),
    ])
    .where(isPublicCall)
    .orderBy('id')
    .execute();
}

function capabilityNames(trx: Trx, codes: string[]) {
  if (codes.length === 0) return Promise.resolve([]);
  return trx.selectFrom('capability_categories').select(['code', 'name_en', 'name_uk']).where('code', 'in', codes).execute();
}

function publicAwards(trx: Trx) {
  return trx
    .selectFrom('fund_awards as w')
    .innerJoin('organizations as o', 'o.id', 'w.organization_id')
    .innerJoin('fund_proposals as p', 'p.id', 'w.proposal_id')
    .select(['w.id', 'w.call_id', 'w.agreement_number', 'w.currency', 'w.amount_minor', 'w.status', 'w.awarded_at', 'w.ended_at', 'w.capacity_promised', 'w.organization_id', 'o.name as organization_name', 'p.title'])
    .where('w.call_id', 'in', publicCallIds(trx))
    .orderBy('w.id')
    .execute();
}

// Confirmed identifiers are facts; one whose removal is requested stays confirmed until an officer
// decides, as on the public register.
function confirmedIdentifiers(trx: Trx) {
  return trx
    .selectFrom('organization_identifiers as i')
    .select(['i.organization_id', 'i.scheme', 'i.value'])
    .where('i.status', 'in', ['confirmed', 'removal_pending'])
    .where('i.organization_id', 'in', trx.selectFrom('fund_awards').select('organization_id').where('call_id', 'in', publicCallIds(trx)))
    .execute();
}

function awardIdsOfPublicCalls(trx: Trx) {
  return trx.selectFrom('fund_awards').select('id').where('call_id', 'in', publicCallIds(trx));
}

function milestones(trx: Trx) {
  return trx.selectFrom('fund_award_milestones').select(['id', 'award_id', 'seq', 'due_date', 'amount_minor', 'status', 'verified_at']).where('award_id', 'in', awardIdsOfPublicCalls(trx)).orderBy('award_id').orderBy('seq').execute();
}

function paidDisbursements(trx: Trx) {
  return trx.selectFrom('fund_disbursements').select(['id', 'award_id', 'milestone_id', 'amount_minor', 'paid_at']).where('status', '=', 'paid').where('award_id', 'in', awardIdsOfPublicCalls(trx)).execute();
}

function clawbacks(trx: Trx) {
  return trx.selectFrom('fund_clawbacks').select(['id', 'award_id', 'milestone_id', 'amount_minor', 'created_at']).where('award_id', 'in', awardIdsOfPublicCalls(trx)).execute();
}

function groupBy<T, K>(rows: T[], key: (row: T) => K): Map<K, T[]> {
  const map = new Map<K, T[]>();
  for (const row of rows) map.set(key(row), [...(map.get(key(row)) ?? []), row]);
  return map;
}

/**
 * Everything the open data publishes, read in one repeatable-read transaction so that a payment
 * committed halfway through cannot appear without its milestone.
 */
export async function loadOpenDataSnapshot(db: Db): Promise<OpenDataSnapshot> {
  return db
    .transaction()
    .setIsolationLevel('repeatable read')
    .setAccessMode('read only')
    .execute(async (trx) => {
      const callRows = await publicCalls(trx);
      const awardRows = await publicAwards(trx);
      // Promised capacity is sensitive: only its categories leave this function, never the quantities.
      const awardCategories = new Map(awardRows.map((w) => [w.id, [...new Set(w.capacity_promised.map((line) => line.capability))]]));
      const names = new Map((await capabilityNames(trx, [...new Set([...callRows.flatMap((c) => c.capabilities), ...[...awardCategories.values()].flat()])])).map((r) => [r.code, r]));
      const category = (code: string) => ({ code, nameEn: names.get(code)?.name_en ?? code, nameUk: names.get(code)?.name_uk ?? code });
      const identifiers = groupBy(await confirmedIdentifiers(trx), (r) => r.organization_id);
      const milestonesOf = groupBy(await milestones(trx), (r) => r.award_id);
      const paymentsOf = groupBy(await paidDisbursements(trx), (r) => r.award_id);
      const clawbacksOf = groupBy(await clawbacks(trx), (r) => r.award_id);

      const calls: OpenCall[] = callRows.map((c) => ({
        id: c.id,
        code: c.code,
        titleEn: c.title_en,
        titleUk: c.title_uk,
        textEn: c.text_en,
        textUk: c.text_uk,
        currency: c.currency,
        budgetMinor: BigInt(c.budget_minor),
        capabilities: c.capabilities.map(category),
        criteria: c.criteria,
        overallThresholdTenths: c.overall_threshold_tenths,
        eligibility: c.eligibility,
        opensAt: c.opens_at,
        closesAt: c.closes_at,
        status: c.status as OpenCall['status'],
        submittedProposals: Number(c.submitted_proposals),
        // Every transition is audited; creation time is a floor for data that predates the audit trail.
        publishedAt: c.published_at ?? c.created_at,
        rankedAt: c.ranked_at,
        awardedAt: c.awarded_at,
        cancelledAt: c.cancelled_at,
      }));
      const awards: OpenAward[] = awardRows.map((w) => ({
        id: w.id,
        callId: w.call_id,
        agreementNumber: w.agreement_number,
        title: w.title,
        capabilities: (awardCategories.get(w.id) ?? []).map(category),
        currency: w.currency,
        amountMinor: BigInt(w.amount_minor),
        status: w.status,
        awardedAt: w.awarded_at,
        endedAt: w.ended_at,
        recipient: { organizationId: w.organization_id, name: w.organization_name, identifiers: (identifiers.get(w.organization_id) ?? []).map((i) => ({ scheme: i.scheme, value: i.value })) },
        milestones: (milestonesOf.get(w.id) ?? []).map((m) => ({ id: m.id, seq: m.seq, dueDate: m.due_date, amountMinor: BigInt(m.amount_minor), status: m.status, verifiedAt: m.verified_at })),
        payments: (paymentsOf.get(w.id) ?? []).filter((d) => d.paid_at !== null).map((d) => ({ id: d.id, milestoneId: d.milestone_id, amountMinor: BigInt(d.amount_minor), paidAt: d.paid_at! })),
        clawbacks: (clawbacksOf.get(w.id) ?? []).map((k) => ({ id: k.id, milestoneId: k.milestone_id, amountMinor: BigInt(k.amount_minor), createdAt: k.created_at })),
      }));
      return { calls, awards };
    });
}
