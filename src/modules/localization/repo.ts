import { type Insertable, type Kysely, type Transaction, type Updateable, sql } from 'kysely';
import { escapeLike } from '../../db/like.ts';
import type { CapabilityCategoriesTable, CapacityReportsTable, CapacityReportStatus, Database, LocalizationNeedVersionsTable, LocalizationNeedsTable } from '../../db/schema.ts';

type Db = Kysely<Database>;
type Trx = Transaction<Database>;

// Taxonomy ----------------------------------------------------------------------------------------

export function listCategories(db: Db) {
  return db.selectFrom('capability_categories').selectAll().orderBy('sort_order').orderBy('code').execute();
}

export function findCategory(db: Db, code: string) {
  return db.selectFrom('capability_categories').selectAll().where('code', '=', code).executeTakeFirst();
}

export function lockCategory(trx: Trx, code: string) {
  return trx.selectFrom('capability_categories').selectAll().where('code', '=', code).forUpdate().executeTakeFirst();
}

export async function insertCategory(trx: Trx, row: Insertable<CapabilityCategoriesTable>) {
  await trx.insertInto('capability_categories').values(row).execute();
}

export async function updateCategory(trx: Trx, code: string, patch: Updateable<CapabilityCategoriesTable>) {
  await trx.updateTable('capability_categories').set(patch).where('code', '=', code).execute();
}

/** Sets the unit of every sub-category of a top-level category (they count in its unit). */
export async function setUnitOfDescendants(trx: Trx, topCode: string, unitUk: string, unitEn: string) {
  await trx
    .updateTable('capability_categories')
    .set({ unit_uk: unitUk, unit_en: unitEn })
    .where(sql<boolean>`starts_with(code, ${`${topCode}.`})`)
    .execute();
}

/** Codes of a category and its sub-categories, as a SQL condition on a column. */
function inSubtree(column: string, code: string) {
  return sql<boolean>`(${sql.ref(column)} = ${code} or starts_with(${sql.ref(column)}, ${`${code}.`}))`;
}

// Needs -------------------------------------------------------------------------------------------

const needColumns = [
  'n.id',
  'n.category_code',
  'n.period',
  'n.quantity',
  'n.note',
  'n.version',
  'n.created_by',
  'n.created_at',
  'n.updated_at',
  'c.name_uk as category_name_uk',
  'c.name_en as category_name_en',
  'c.unit_uk',
  'c.unit_en',
] as const;

function needQuery(db: Db) {
  return db.selectFrom('localization_needs as n').innerJoin('capability_categories as c', 'c.code', 'n.category_code').select(needColumns);
}
export type NeedRow = Awaited<ReturnType<typeof findNeed>> & {};

export async function listNeeds(db: Db, filter: { period?: string; category?: string }, limit: number, offset: number) {
  let query = needQuery(db);
  if (filter.period) query = query.where('n.period', '=', filter.period);
  if (filter.category) query = query.where(inSubtree('n.category_code', filter.category));
  const [items, count] = await Promise.all([
    query.orderBy('n.period', 'desc').orderBy('c.sort_order').orderBy('n.category_code').limit(limit).offset(offset).execute(),
    query.clearSelect().select((eb) => eb.fn.countAll<string>().as('total')).executeTakeFirstOrThrow(),
  ]);
  return { items, total: Number(count.total) };
}

export function findNeed(db: Db, id: string) {
  return needQuery(db).where('n.id', '=', id).executeTakeFirst();
}

export function findNeedByCategoryPeriod(db: Db, categoryCode: string, period: string) {
  return db.selectFrom('localization_needs').select(['id']).where('category_code', '=', categoryCode).where('period', '=', period).executeTakeFirst();
}

export function lockNeed(trx: Trx, id: string) {
  return trx.selectFrom('localization_needs').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
}

export async function insertNeed(trx: Trx, row: Insertable<LocalizationNeedsTable>) {
  await trx.insertInto('localization_needs').values(row).execute();
}

export async function updateNeed(trx: Trx, id: string, patch: Updateable<LocalizationNeedsTable>) {
  await trx.updateTable('localization_needs').set(patch).where('id', '=', id).execute();
}

export async function insertNeedVersion(trx: Trx, row: Insertable<LocalizationNeedVersionsTable>) {
  await trx.insertInto('localization_need_versions').values(row).execute();
}

export function needVersions(db: Db, id: string) {
  return db.selectFrom('localization_need_versions').selectAll().where('need_id', '=', id).orderBy('version', 'desc').execute();
}

/** Every need (the current versions), for the gap arithmetic. */
export function allNeeds(db: Db) {
  return db.selectFrom('localization_needs').select(['category_code', 'period', 'quantity']).execute();
}

// Capacity reports --------------------------------------------------------------------------------

function reportQuery(db: Db) {
  return db
    .selectFrom('capacity_reports as r')
    .innerJoin('organizations as o', 'o.id', 'r.organization_id')
    .innerJoin('capability_categories as c', 'c.code', 'r.category_code')
    .selectAll('r')
    .select(['o.name as organization_name', 'o.country as organization_country', 'c.name_uk as category_name_uk', 'c.name_en as category_name_en', 'c.unit_uk', 'c.unit_en']);
}
export type ReportRow = Awaited<ReturnType<typeof findReport>> & {};

export interface ReportFilter {
  organizationId?: string;
  category?: string;
  period?: string;
  status?: CapacityReportStatus;
  q?: string;
}

export async function listReports(db: Db, filter: ReportFilter, limit: number, offset: number) {
  let query = reportQuery(db);
  if (filter.organizationId) query = query.where('r.organization_id', '=', filter.organizationId);
  if (filter.category) query = query.where(inSubtree('r.category_code', filter.category));
  if (filter.period) query = query.where('r.period', '=', filter.period);
  if (filter.status) query = query.where('r.status', '=', filter.status);
  if (filter.q) query = query.where('o.search_text', 'ilike', `%${escapeLike(filter.q.toLowerCase())}%`);
  const [items, count] = await Promise.all([
    query.orderBy('r.submitted_at', 'desc').orderBy('r.id').limit(limit).offset(offset).execute(),
    query.clearSelect().select((eb) => eb.fn.countAll<string>().as('total')).executeTakeFirstOrThrow(),
  ]);
  return { items, total: Number(count.total) };
}

export function findReport(db: Db, id: string) {
  return reportQuery(db).where('r.id', '=', id).executeTakeFirst();
}

export function findReportOf(db: Db, organizationId: string, categoryCode: string, period: string) {
  return db.selectFrom('capacity_reports').select(['id']).where('organization_id', '=', organizationId).where('category_code', '=', categoryCode).where('period', '=', period).executeTakeFirst();
}

export function lockReport(trx: Trx, id: string) {
  return trx.selectFrom('capacity_reports').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
}

export async function insertReport(trx: Trx, row: Insertable<CapacityReportsTable>) {
  await trx.insertInto('capacity_reports').values(row).execute();
}

export async function updateReport(trx: Trx, id: string, patch: Updateable<CapacityReportsTable>) {
  await trx.updateTable('capacity_reports').set(patch).where('id', '=', id).execute();
}

/** Every confirmed report's figures, for the gap arithmetic. */
export function confirmedReports(db: Db) {
  return db
    .selectFrom('capacity_reports as r')
    .innerJoin('organizations as o', 'o.id', 'r.organization_id')
    .select(['r.organization_id', 'o.name as organization_name', 'o.country as organization_country', 'r.category_code', 'r.period', 'r.domestic_output', 'r.capacity', 'r.imported_content_pct'])
    .where('r.status', '=', 'confirmed')
    .execute();
}

/** Reports filed and not yet confirmed, per category and period. */
export function pendingReportCounts(db: Db) {
  return db
    .selectFrom('capacity_reports')
    .select(['category_code', 'period', (eb) => eb.fn.countAll<string>().as('pending')])
    .where('status', '=', 'submitted')
    .groupBy(['category_code', 'period'])
    .execute();
}

/** True when the organization exists (an officer filing on paper names it). */
export async function organizationExists(db: Db, id: string): Promise<boolean> {
  return (await db.selectFrom('organizations').select('id').where('id', '=', id).executeTakeFirst()) !== undefined;
}
