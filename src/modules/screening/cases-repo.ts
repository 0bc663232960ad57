import { type Kysely, type Transaction, sql } from 'kysely';
import type { Database, ScreeningCaseStatus } from '../../db/schema.ts';
import { escapeLike } from '../../db/like.ts';

type Db = Kysely<Database> | Transaction<Database>;

/** A case row. */
export type CaseRow = NonNullable<Awaited<ReturnType<typeof findCase>>>;

/** The case with this id, or undefined. */
export async function findCase(db: Db, id: string) {
  return db.selectFrom('screening_cases').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Locks a case until the transaction ends. */
export async function lockCase(trx: Transaction<Database>, id: string) {
  return trx.selectFrom('screening_cases').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
}

/** The existing cases of the given records (any entity), locked: re-screening updates them. */
export async function lockCasesOfSubjects(trx: Transaction<Database>, subjectIds: string[]) {
  if (subjectIds.length === 0) return [];
  return trx.selectFrom('screening_cases').selectAll().where('subject_id', 'in', subjectIds).orderBy('id').forUpdate().execute();
}

/** A case as first opened. */
export interface NewCase {
  id: string;
  subject_type: 'organization' | 'person';
  subject_id: string;
  subject_name: string;
  subject: unknown;
  entity_id: string;
  entity_caption: string;
  list_source: string;
  entity_hash: string;
  entity: unknown;
  score: number;
  matched_name: string;
  evidence: unknown;
  created_at: Date;
}

/** Inserts an open case. */
export async function insertCase(trx: Transaction<Database>, row: NewCase): Promise<void> {
  await trx
    .insertInto('screening_cases')
    .values({
      ...row,
      subject: JSON.stringify(row.subject),
      entity: JSON.stringify(row.entity),
      evidence: JSON.stringify(row.evidence),
      status: 'open',
      decision_reason: null,
      decided_by: null,
      reopened_because: null,
      updated_at: row.created_at,
    })
    .execute();
}

/** Updates what re-screening found for a case (and its status when it reopens). */
export async function refreshCase(
  trx: Transaction<Database>,
  id: string,
  change: { score: number; matched_name: string; evidence: unknown; subject: unknown; subject_name: string; entity: unknown; entity_hash: string; entity_caption: string; reopen?: string },
  at: Date,
): Promise<void> {
  await trx
    .updateTable('screening_cases')
    .set((eb) => ({
      score: change.score,
      matched_name: change.matched_name,
      evidence: JSON.stringify(change.evidence),
      subject: JSON.stringify(change.subject),
      subject_name: change.subject_name,
      entity: JSON.stringify(change.entity),
      entity_hash: change.entity_hash,
      entity_caption: change.entity_caption,
      updated_at: at,
      version: eb('version', '+', 1),
      ...(change.reopen ? { status: 'open' as const, reopened_because: change.reopen, decided_at: null, decided_by: null } : {}),
    }))
    .where('id', '=', id)
    .execute();
}

/** Records an analyst's decision. */
export async function decideCase(trx: Transaction<Database>, id: string, status: Exclude<ScreeningCaseStatus, 'open'>, reason: string, by: string, at: Date): Promise<void> {
  await trx
    .updateTable('screening_cases')
    .set((eb) => ({ status, decision_reason: reason, decided_by: by, decided_at: at, updated_at: at, version: eb('version', '+', 1) }))
    .where('id', '=', id)
    .execute();
}

/** Links cases to the organization they concern (already linked ones are kept). */
export async function linkCases(trx: Transaction<Database>, caseIds: string[], organizationId: string): Promise<void> {
  if (caseIds.length === 0) return;
  await trx
    .insertInto('screening_case_organizations')
    .values(caseIds.map((id) => ({ case_id: id, organization_id: organizationId })))
    .onConflict((oc) => oc.doNothing())
    .execute();
}

/** Records that an organization was screened. */
export async function recordRun(trx: Transaction<Database>, row: { organization_id: string; screened_at: Date; subjects: number; hits: number; list_versions: string }): Promise<void> {
  await trx
    .insertInto('screening_runs')
    .values(row)
    .onConflict((oc) => oc.column('organization_id').doUpdateSet({ screened_at: row.screened_at, subjects: row.subjects, hits: row.hits, list_versions: row.list_versions }))
    .execute();
}

/** Filters of the case list. */
export interface CaseFilter {
  status?: ScreeningCaseStatus;
  organizationId?: string;
  subjectType?: 'organization' | 'person';
  q?: string;
}

/** A page of cases (open first, then newest) with the total, and the organizations each concerns. */
export async function listCases(db: Db, filter: CaseFilter, limit: number, offset: number) {
  let query = db.selectFrom('screening_cases as c');
  if (filter.status) query = query.where('c.status', '=', filter.status);
  if (filter.subjectType) query = query.where('c.subject_type', '=', filter.subjectType);
  if (filter.organizationId) {
    const organizationId = filter.organizationId;
    query = query.where((eb) => eb.exists(eb.selectFrom('screening_case_organizations as o').select('o.case_id').whereRef('o.case_id', '=', 'c.id').where('o.organization_id', '=', organizationId)));
  }
  if (filter.q) {
    const pattern = `%${escapeLike(filter.q.toLowerCase())}%`;
    query = query.where((eb) => eb.or([eb(sql`lower(c.subject_name)`, 'like', pattern), eb(sql`lower(c.entity_caption)`, 'like', pattern), eb('c.entity_id', '=', filter.q!)]));
  }
  const items = await query
    .selectAll('c')
    .orderBy(sql`case c.status when 'open' then 0 else 1 end`)
    .orderBy('c.updated_at', 'desc')
    .orderBy('c.id')
    .limit(limit)
    .offset(offset)
    .execute();
  const { total } = await query.select(sql<number>`count(*)::int`.as('total')).executeTakeFirstOrThrow();
  return { items, total: Number(total) };
}

/** The organizations (id and name) each of the cases concerns. */
export async function organizationsOfCases(db: Db, caseIds: string[]) {
  if (caseIds.length === 0) return [];
  return db
    .selectFrom('screening_case_organizations as o')
    .innerJoin('organizations as g', 'g.id', 'o.organization_id')
    .select(['o.case_id', 'g.id', 'g.name'])
    .where('o.case_id', 'in', caseIds)
    .orderBy('g.name')
    .execute();
}

/** Case counts per status for an organization, and when it was last screened. */
export async function organizationStatus(db: Db, organizationId: string) {
  const counts = await db
    .selectFrom('screening_cases as c')
    .innerJoin('screening_case_organizations as o', 'o.case_id', 'c.id')
    .select(['c.status', sql<number>`count(*)::int`.as('n')])
    .where('o.organization_id', '=', organizationId)
    .groupBy('c.status')
    .execute();
  const run = await db.selectFrom('screening_runs').selectAll().where('organization_id', '=', organizationId).executeTakeFirst();
  return { counts: new Map(counts.map((c) => [c.status, Number(c.n)])), run };
}

/** Unlinks from an organization the cases not among `keep` (records that no longer match it); their ids. */
export async function unlinkOtherCases(trx: Transaction<Database>, organizationId: string, keep: string[]): Promise<string[]> {
  let query = trx.deleteFrom('screening_case_organizations').where('organization_id', '=', organizationId);
  if (keep.length) query = query.where('case_id', 'not in', keep);
  return (await query.returning('case_id').execute()).map((r) => r.case_id);
}
