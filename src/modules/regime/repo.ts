import { type Insertable, type Kysely, type Transaction, type Updateable, sql } from 'kysely';
import { escapeLike } from '../../db/like.ts';
import type {
  Database,
  RegimeAppealsTable,
  RegimeApplicationsTable,
  RegimeReportsTable,
  RegimeResidentsTable,
  RegimeRuleSetsTable,
  RegimeSettingsTable,
  RegimeSuspensionProposalsTable,
  RegimeTransitionsTable,
} from '../../db/schema.ts';

type Db = Kysely<Database>;
type Trx = Transaction<Database>;

// Settings ----------------------------------------------------------------------------------------

export function getSettings(db: Db) {
  return db.selectFrom('regime_settings').selectAll().executeTakeFirstOrThrow();
}

export function lockSettings(trx: Trx) {
  return trx.selectFrom('regime_settings').selectAll().forUpdate().executeTakeFirstOrThrow();
}

export async function updateSettings(trx: Trx, patch: Updateable<RegimeSettingsTable>) {
  await trx.updateTable('regime_settings').set(patch).execute();
}

/** The next certificate sequence number (serialized by the settings row lock). */
export async function nextCertificateSeq(trx: Trx): Promise<number> {
  const row = await trx.updateTable('regime_settings').set((eb) => ({ last_certificate_seq: eb('last_certificate_seq', '+', 1) })).returning('last_certificate_seq').executeTakeFirstOrThrow();
  return row.last_certificate_seq;
}

// Rule sets ---------------------------------------------------------------------------------------

export function listRuleSets(db: Db) {
  return db.selectFrom('regime_rule_sets').selectAll().orderBy('version', 'desc').execute();
}

export function findRuleSet(db: Db, id: string) {
  return db.selectFrom('regime_rule_sets').selectAll().where('id', '=', id).executeTakeFirst();
}

/** The rule set in force on a date: the latest version effective on or before it. */
export function ruleSetInForce(db: Db, onDate: string) {
  return db.selectFrom('regime_rule_sets').selectAll().where('effective_from', '<=', onDate).orderBy('effective_from', 'desc').orderBy('version', 'desc').limit(1).executeTakeFirst();
}

export async function lastRuleSetVersion(trx: Trx): Promise<number> {
  // Locks the table's newest row so two administrators saving at once get versions n+1 and n+2.
  await sql`lock table regime_rule_sets in share row exclusive mode`.execute(trx);
  const row = await trx.selectFrom('regime_rule_sets').select((eb) => eb.fn.max('version').as('version')).executeTakeFirst();
  return Number(row?.version ?? 0);
}

export async function insertRuleSet(trx: Trx, row: Insertable<RegimeRuleSetsTable>) {
  await trx.insertInto('regime_rule_sets').values(row).execute();
}

// Organizations (read-only views the regime needs) -------------------------------------------------

export function organizationNames(db: Db, ids: string[]) {
  if (ids.length === 0) return Promise.resolve([]);
  return db.selectFrom('organizations').select(['id', 'name']).where('id', 'in', ids).execute();
}

export function documentOwner(db: Db, documentId: string) {
  return db.selectFrom('documents').select(['id', 'organization_id']).where('id', '=', documentId).executeTakeFirst();
}

// Applications ------------------------------------------------------------------------------------

const applicationColumns = [
  'a.id',
  'a.organization_id',
  'a.status',
  'a.figures',
  'a.auditor_report_document_id',
  'a.document_ids',
  'a.rule_set_id',
  'a.evaluation',
  'a.submitted_at',
  'a.decision_due_at',
  'a.decided_at',
  'a.decision_reason',
  'a.version',
  'a.created_at',
  'a.updated_at',
  'o.name as organization_name',
  'r.id as resident_id',
] as const;

function applicationQuery(db: Db) {
  return db
    .selectFrom('regime_applications as a')
    .innerJoin('organizations as o', 'o.id', 'a.organization_id')
    .leftJoin('regime_residents as r', 'r.application_id', 'a.id')
    .select(applicationColumns);
}

export type ApplicationRow = Awaited<ReturnType<typeof findApplication>> & {};

export function findApplication(db: Db, id: string) {
  return applicationQuery(db).where('a.id', '=', id).executeTakeFirst();
}

export async function lockApplication(trx: Trx, id: string) {
  await trx.selectFrom('regime_applications').select('id').where('id', '=', id).forUpdate().executeTakeFirst();
}

export function findOpenApplication(db: Db, organizationId: string) {
  return db.selectFrom('regime_applications').select(['id', 'status']).where('organization_id', '=', organizationId).where('status', 'in', ['draft', 'submitted', 'checks']).executeTakeFirst();
}

export interface ApplicationFilter {
  organizationId?: string;
  status?: string;
  q?: string;
}

export async function listApplications(db: Db, filter: ApplicationFilter, limit: number, offset: number) {
  let query = applicationQuery(db);
  if (filter.organizationId) query = query.where('a.organization_id', '=', filter.organizationId);
  if (filter.status) query = query.where('a.status', '=', filter.status as RegimeApplicationsTable['status']);
  if (filter.q) query = query.where('o.search_text', 'ilike', `%${escapeLike(filter.q.toLowerCase())}%`);
  const [items, count] = await Promise.all([
    query.orderBy(sql`a.decision_due_at asc nulls last`).orderBy('a.created_at', 'desc').limit(limit).offset(offset).execute(),
    query.clearSelect().select((eb) => eb.fn.countAll<string>().as('total')).executeTakeFirstOrThrow(),
  ]);
  return { items, total: Number(count.total) };
}

export async function insertApplication(trx: Trx, row: Insertable<RegimeApplicationsTable>) {
  await trx.insertInto('regime_applications').values(row).execute();
}

export async function updateApplication(trx: Trx, id: string, patch: Updateable<RegimeApplicationsTable>) {
  await trx.updateTable('regime_applications').set(patch).where('id', '=', id).execute();
}

// Transitions -------------------------------------------------------------------------------------

export async function insertTransitions(trx: Trx, rows: Insertable<RegimeTransitionsTable>[]) {
  if (rows.length) await trx.insertInto('regime_transitions').values(rows).execute();
}

export function listTransitions(db: Db, subjectType: 'application' | 'resident', subjectId: string) {
  return db.selectFrom('regime_transitions').selectAll().where('subject_type', '=', subjectType).where('subject_id', '=', subjectId).orderBy('occurred_at').orderBy('id').execute();
}

// Residents ---------------------------------------------------------------------------------------

const residentColumns = [
  'r.id',
  'r.organization_id',
  'r.application_id',
  'r.status',
  'r.rule_set_id',
  'r.granted_at',
  'r.certificate_id',
  'r.certificate_number',
  'r.certificate',
  'r.signature',
  'r.key_id',
  'r.public_key',
  'r.suspended_at',
  'r.cure_deadline',
  'r.suspension_reason',
  'r.ended_at',
  'r.end_grounds',
  'r.hidden_fields',
  'r.version',
  'r.created_at',
  'r.updated_at',
  'o.name as organization_name',
  's.version as rule_set_version',
] as const;

function residentQuery(db: Db) {
  return db
    .selectFrom('regime_residents as r')
    .innerJoin('organizations as o', 'o.id', 'r.organization_id')
    .innerJoin('regime_rule_sets as s', 's.id', 'r.rule_set_id')
    .select(residentColumns);
}

export type ResidentRow = Awaited<ReturnType<typeof findResident>> & {};

export function findResident(db: Db, id: string) {
  return residentQuery(db).where('r.id', '=', id).executeTakeFirst();
}

export function findResidentByCertificate(db: Db, certificateId: string) {
  return residentQuery(db).where('r.certificate_id', '=', certificateId).executeTakeFirst();
}

export async function lockResident(trx: Trx, id: string) {
  await trx.selectFrom('regime_residents').select('id').where('id', '=', id).forUpdate().executeTakeFirst();
}

export function currentResidentOf(db: Db, organizationId: string) {
  return db.selectFrom('regime_residents').select(['id', 'status']).where('organization_id', '=', organizationId).where('status', 'in', ['active', 'suspended']).executeTakeFirst();
}

export interface ResidentFilter {
  organizationId?: string;
  statuses?: RegimeResidentsTable['status'][];
  q?: string;
}

/** How the public register of residents is sorted: a column and its direction. */
export interface ResidentSort {
  sort: 'name' | 'since' | 'status';
  order: 'asc' | 'desc';
}

const RESIDENT_SORT_COLUMNS = {
  name: sql`lower(o.name)`,
  since: sql`r.granted_at`,
  // The life of a residency: active, suspended, then the former ones.
  status: sql`case r.status when 'active' then 0 when 'suspended' then 1 when 'terminated' then 2 else 3 end`,
} as const;

/**
 * A page of residents with the total. Sorted as asked by the column, then by name, then by the
 * resident's id, all in the one direction (desc is asc reversed; equal values keep one order across
 * pages); without a sort, by name and the latest grant first (the staff list).
 */
export async function listResidents(db: Db, filter: ResidentFilter, limit: number, offset: number, sort?: ResidentSort) {
  let query = residentQuery(db);
  if (filter.organizationId) query = query.where('r.organization_id', '=', filter.organizationId);
  if (filter.statuses?.length) query = query.where('r.status', 'in', filter.statuses);
  if (filter.q) {
    const pattern = `%${escapeLike(filter.q.toLowerCase())}%`;
    query = query.where((eb) =>
      eb.or([
        eb('o.search_text', 'ilike', pattern),
        eb(sql`lower(r.certificate_number)`, 'like', pattern),
        eb.exists(eb.selectFrom('organization_identifiers as i').select('i.id').whereRef('i.organization_id', '=', 'r.organization_id').where('i.status', '=', 'confirmed').where(sql`lower(i.identifier)`, 'like', pattern)),
      ]),
    );
  }
  const [items, count] = await Promise.all([
    (sort
      ? query
          .orderBy(RESIDENT_SORT_COLUMNS[sort.sort], sort.order)
          .$if(sort.sort !== 'name', (q) => q.orderBy(RESIDENT_SORT_COLUMNS.name, sort.order))
          .orderBy('r.id', sort.order)
      : query.orderBy('o.name').orderBy('r.granted_at', 'desc')
    )
      .limit(limit)
      .offset(offset)
      .execute(),
    query.clearSelect().select((eb) => eb.fn.countAll<string>().as('total')).executeTakeFirstOrThrow(),
  ]);
  return { items, total: Number(count.total) };
}

export function residentsInStatus(db: Db, statuses: RegimeResidentsTable['status'][]) {
  return residentQuery(db).where('r.status', 'in', statuses).orderBy('o.name').execute();
}

export async function insertResident(trx: Trx, row: Insertable<RegimeResidentsTable>) {
  await trx.insertInto('regime_residents').values(row).execute();
}

export async function updateResident(trx: Trx, id: string, patch: Updateable<RegimeResidentsTable>) {
  await trx.updateTable('regime_residents').set(patch).where('id', '=', id).execute();
}

/** Confirmed identifiers of many organizations at once (for the public register). */
export async function identifiersOf(db: Db, organizationIds: string[]) {
  if (organizationIds.length === 0) return new Map<string, string[]>();
  const rows = await db
    .selectFrom('organization_identifiers')
    .select(['organization_id', 'identifier'])
    .where('organization_id', 'in', organizationIds)
    .where('status', 'in', ['confirmed', 'removal_pending'])
    .orderBy('identifier')
    .execute();
  const map = new Map<string, string[]>();
  for (const row of rows) map.set(row.organization_id, [...(map.get(row.organization_id) ?? []), row.identifier]);
  return map;
}

export function publicProfiles(db: Db, organizationIds: string[]) {
  if (organizationIds.length === 0) return Promise.resolve([]);
  return db.selectFrom('organizations').select(['id', 'name_uk', 'website', 'addresses', 'capabilities']).where('id', 'in', organizationIds).execute();
}

// Reports -----------------------------------------------------------------------------------------

function reportQuery(db: Db) {
  return db.selectFrom('regime_reports as p').innerJoin('organizations as o', 'o.id', 'p.organization_id').selectAll('p').select('o.name as organization_name');
}

export type ReportRow = Awaited<ReturnType<typeof findReport>> & {};

export function findReport(db: Db, id: string) {
  return reportQuery(db).where('p.id', '=', id).executeTakeFirst();
}

export async function lockReport(trx: Trx, id: string) {
  await trx.selectFrom('regime_reports').select('id').where('id', '=', id).forUpdate().executeTakeFirst();
}

export function findReportFor(db: Db, residentId: string, year: number) {
  return db.selectFrom('regime_reports').select(['id', 'status']).where('resident_id', '=', residentId).where('year', '=', year).executeTakeFirst();
}

export interface ReportFilter {
  organizationId?: string;
  residentId?: string;
  year?: number;
  status?: RegimeReportsTable['status'];
}

export async function listReports(db: Db, filter: ReportFilter, limit: number, offset: number) {
  let query = reportQuery(db);
  if (filter.organizationId) query = query.where('p.organization_id', '=', filter.organizationId);
  if (filter.residentId) query = query.where('p.resident_id', '=', filter.residentId);
  if (filter.year !== undefined) query = query.where('p.year', '=', filter.year);
  if (filter.status) query = query.where('p.status', '=', filter.status);
  const [items, count] = await Promise.all([
    query.orderBy('p.year', 'desc').orderBy('o.name').limit(limit).offset(offset).execute(),
    query.clearSelect().select((eb) => eb.fn.countAll<string>().as('total')).executeTakeFirstOrThrow(),
  ]);
  return { items, total: Number(count.total) };
}

/** Submitted reports (accepted or failed) of a year, for the benefits estimate. */
export function submittedReportsOfYear(db: Db, year: number) {
  return reportQuery(db).where('p.year', '=', year).where('p.status', 'in', ['accepted', 'failed']).orderBy('o.name').execute();
}

/** Each resident's latest submitted report (for previewing a rule set). */
export function latestSubmittedReports(db: Db, residentIds: string[]) {
  if (residentIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('regime_reports')
    .selectAll()
    .distinctOn('resident_id')
    .where('resident_id', 'in', residentIds)
    .where('status', 'in', ['accepted', 'failed'])
    .orderBy('resident_id')
    .orderBy('year', 'desc')
    .execute();
}

export async function insertReport(trx: Trx, row: Insertable<RegimeReportsTable>) {
  await trx.insertInto('regime_reports').values(row).execute();
}

export async function updateReport(trx: Trx, id: string, patch: Updateable<RegimeReportsTable>) {
  await trx.updateTable('regime_reports').set(patch).where('id', '=', id).execute();
}

export function reportsOfResident(db: Db, residentId: string) {
  return reportQuery(db).where('p.resident_id', '=', residentId).orderBy('p.year', 'desc').execute();
}

// Suspension proposals ----------------------------------------------------------------------------

function proposalQuery(db: Db) {
  return db
    .selectFrom('regime_suspension_proposals as s')
    .innerJoin('regime_residents as r', 'r.id', 's.resident_id')
    .innerJoin('organizations as o', 'o.id', 'r.organization_id')
    .selectAll('s')
    .select(['r.organization_id', 'o.name as organization_name']);
}

export type ProposalRow = Awaited<ReturnType<typeof findProposal>> & {};

export function findProposal(db: Db, id: string) {
  return proposalQuery(db).where('s.id', '=', id).executeTakeFirst();
}

export async function lockProposal(trx: Trx, id: string) {
  await trx.selectFrom('regime_suspension_proposals').select('id').where('id', '=', id).forUpdate().executeTakeFirst();
}

export async function listProposals(db: Db, filter: { status?: RegimeSuspensionProposalsTable['status']; residentId?: string; organizationId?: string }, limit: number, offset: number) {
  let query = proposalQuery(db);
  if (filter.status) query = query.where('s.status', '=', filter.status);
  if (filter.residentId) query = query.where('s.resident_id', '=', filter.residentId);
  if (filter.organizationId) query = query.where('r.organization_id', '=', filter.organizationId);
  const [items, count] = await Promise.all([
    query.orderBy('s.created_at', 'desc').limit(limit).offset(offset).execute(),
    query.clearSelect().select((eb) => eb.fn.countAll<string>().as('total')).executeTakeFirstOrThrow(),
  ]);
  return { items, total: Number(count.total) };
}

/** Inserts a proposal unless one for the same resident, year and cause exists; true when inserted. */
export async function insertProposalOnce(trx: Trx, row: Insertable<RegimeSuspensionProposalsTable>): Promise<boolean> {
  const result = await trx.insertInto('regime_suspension_proposals').values(row).onConflict((oc) => oc.columns(['resident_id', 'year', 'cause']).doNothing()).executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0n) > 0;
}

export async function updateProposal(trx: Trx, id: string, patch: Updateable<RegimeSuspensionProposalsTable>) {
  await trx.updateTable('regime_suspension_proposals').set(patch).where('id', '=', id).execute();
}

/** Closes the open proposals of a resident (it was suspended or ended another way). */
export async function closeOpenProposals(trx: Trx, residentId: string, reason: string, decidedBy: string, at: Date) {
  await trx.updateTable('regime_suspension_proposals').set({ status: 'accepted', decision_reason: reason, decided_by: decidedBy, decided_at: at }).where('resident_id', '=', residentId).where('status', '=', 'open').execute();
}

// Notices -----------------------------------------------------------------------------------------

/** Records a notice; true when it was not sent before (so it is sent exactly once). */
export async function claimNotice(trx: Trx, residentId: string, year: number, kind: string, at: Date): Promise<boolean> {
  const result = await trx.insertInto('regime_notices').values({ resident_id: residentId, year, kind, sent_at: at }).onConflict((oc) => oc.columns(['resident_id', 'year', 'kind']).doNothing()).executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0n) > 0;
}

// Commission and appeals --------------------------------------------------------------------------

export function commissionMembers(db: Db) {
  return db
    .selectFrom('regime_commission_members as c')
    .innerJoin('users as u', 'u.id', 'c.user_id')
    .select(['c.user_id', 'u.email', 'c.added_at', 'c.added_by'])
    .orderBy('u.email')
    .execute();
}

export async function isCommissionMember(db: Db, userId: string): Promise<boolean> {
  return (await db.selectFrom('regime_commission_members').select('user_id').where('user_id', '=', userId).executeTakeFirst()) !== undefined;
}

export function staffUsers(db: Db, ids: string[]) {
  if (ids.length === 0) return Promise.resolve([]);
  return db.selectFrom('users').select(['id', 'email', 'roles', 'status']).where('id', 'in', ids).execute();
}

export async function replaceCommission(trx: Trx, userIds: string[], addedBy: string, at: Date) {
  await trx.deleteFrom('regime_commission_members').where(userIds.length ? (eb) => eb('user_id', 'not in', userIds) : sql<boolean>`true`).execute();
  if (userIds.length) {
    await trx
      .insertInto('regime_commission_members')
      .values(userIds.map((user_id) => ({ user_id, added_by: addedBy, added_at: at })))
      .onConflict((oc) => oc.column('user_id').doNothing())
      .execute();
  }
}

function appealQuery(db: Db) {
  return db.selectFrom('regime_appeals as p').innerJoin('organizations as o', 'o.id', 'p.organization_id').selectAll('p').select('o.name as organization_name');
}

export type AppealRow = Awaited<ReturnType<typeof findAppeal>> & {};

export function findAppeal(db: Db, id: string) {
  return appealQuery(db).where('p.id', '=', id).executeTakeFirst();
}

export async function lockAppeal(trx: Trx, id: string) {
  await trx.selectFrom('regime_appeals').select('id').where('id', '=', id).forUpdate().executeTakeFirst();
}

export function pendingAppealFor(db: Db, subjectType: 'application' | 'resident', subjectId: string) {
  return db.selectFrom('regime_appeals').select('id').where('subject_type', '=', subjectType).where('subject_id', '=', subjectId).where('status', '=', 'pending').executeTakeFirst();
}

export async function listAppeals(db: Db, filter: { status?: RegimeAppealsTable['status']; organizationId?: string; subjectIds?: string[] }, limit: number, offset: number) {
  let query = appealQuery(db);
  if (filter.status) query = query.where('p.status', '=', filter.status);
  if (filter.organizationId) query = query.where('p.organization_id', '=', filter.organizationId);
  if (filter.subjectIds) query = filter.subjectIds.length ? query.where('p.subject_id', 'in', filter.subjectIds) : query.where(sql<boolean>`false`);
  const [items, count] = await Promise.all([
    query.orderBy('p.created_at', 'desc').limit(limit).offset(offset).execute(),
    query.clearSelect().select((eb) => eb.fn.countAll<string>().as('total')).executeTakeFirstOrThrow(),
  ]);
  return { items, total: Number(count.total) };
}

export async function insertAppeal(trx: Trx, row: Insertable<RegimeAppealsTable>) {
  await trx.insertInto('regime_appeals').values(row).execute();
}

export async function updateAppeal(trx: Trx, id: string, patch: Updateable<RegimeAppealsTable>) {
  await trx.updateTable('regime_appeals').set(patch).where('id', '=', id).execute();
}
