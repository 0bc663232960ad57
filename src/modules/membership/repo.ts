import { escapeLike } from '../../db/like.ts';
import { type Insertable, type Kysely, type Transaction, type Updateable, sql } from 'kysely';
import type { Database, MembershipApplicationsTable, MembershipStatus, MembershipTransitionsTable } from '../../db/schema.ts';

type Db = Kysely<Database> | Transaction<Database>;

/** States after which an organization may apply again (the one-open-application index excludes them). */
const CLOSED_STATUSES: MembershipStatus[] = ['rejected', 'terminated', 'withdrawn'];

/** `%text%` for LIKE, with the wildcards in the text escaped. */
function containsPattern(text: string): string {
  return `%${escapeLike(text)}%`;
}

function applicationsWithOrganization(db: Db) {
  return db
    .selectFrom('membership_applications as a')
    .innerJoin('organizations as o', 'o.id', 'a.organization_id')
    .selectAll('a')
    .select('o.name as organization_name');
}

/** An application row with its organization's name. */
export type ApplicationRow = NonNullable<Awaited<ReturnType<typeof findApplication>>>;

/** The application with this id (with its organization's name), or undefined. */
export async function findApplication(db: Db, id: string) {
  return applicationsWithOrganization(db).where('a.id', '=', id).executeTakeFirst();
}

/** Locks the application's row until the transaction ends; false when there is none. */
export async function lockApplication(trx: Transaction<Database>, id: string): Promise<boolean> {
  return (await trx.selectFrom('membership_applications').select('id').where('id', '=', id).forUpdate().executeTakeFirst()) !== undefined;
}

/** The organization's application that is still open (not rejected, terminated or withdrawn), if any. */
export async function findOpenApplication(db: Db, organizationId: string) {
  return db
    .selectFrom('membership_applications')
    .select(['id', 'status'])
    .where('organization_id', '=', organizationId)
    .where('status', 'not in', CLOSED_STATUSES)
    .executeTakeFirst();
}

/** Inserts an application. */
export async function insertApplication(trx: Transaction<Database>, row: Insertable<MembershipApplicationsTable>): Promise<void> {
  await trx.insertInto('membership_applications').values(row).execute();
}

/** Updates an application's columns. */
export async function updateApplication(trx: Transaction<Database>, id: string, patch: Updateable<MembershipApplicationsTable>): Promise<void> {
  await trx.updateTable('membership_applications').set(patch).where('id', '=', id).execute();
}

/** Inserts history rows. */
export async function insertTransitions(trx: Transaction<Database>, rows: Insertable<MembershipTransitionsTable>[]): Promise<void> {
  if (rows.length > 0) await trx.insertInto('membership_transitions').values(rows).execute();
}

/** An application's history, oldest first, with the organization of each acting user. */
export async function listTransitions(db: Db, applicationId: string) {
  return db
    .selectFrom('membership_transitions as t')
    .leftJoin('users as u', 'u.id', 't.actor_id')
    .selectAll('t')
    .select('u.organization_id as actor_organization_id')
    .where('t.application_id', '=', applicationId)
    .orderBy('t.occurred_at')
    .orderBy('t.id')
    .execute();
}

/** Filters of the work queue. */
export interface ApplicationFilter {
  status?: MembershipStatus;
  overdue?: boolean;
  q?: string;
  organizationId?: string;
  now: Date;
}

/** A page of applications, nearest deadline first (overdue ones lead), with the total. */
export async function listApplications(db: Db, filter: ApplicationFilter, limit: number, offset: number) {
  let query = db.selectFrom('membership_applications as a').innerJoin('organizations as o', 'o.id', 'a.organization_id');
  if (filter.status) query = query.where('a.status', '=', filter.status);
  if (filter.organizationId) query = query.where('a.organization_id', '=', filter.organizationId);
  if (filter.overdue === true) query = query.where('a.due_at', '<', filter.now);
  if (filter.overdue === false) query = query.where((eb) => eb.or([eb('a.due_at', 'is', null), eb('a.due_at', '>=', filter.now)]));
  if (filter.q) query = query.where('o.search_text', 'like', sql<string>`lower(${containsPattern(filter.q)})`);
  const items = await query
    .selectAll('a')
    .select('o.name as organization_name')
    .orderBy(sql`a.due_at asc nulls last`)
    .orderBy('a.status_changed_at')
    .orderBy('a.id')
    .limit(limit)
    .offset(offset)
    .execute();
  const { total } = await query.select(sql<number>`count(*)::int`.as('total')).executeTakeFirstOrThrow();
  return { items, total: Number(total) };
}

/** Every configured deadline (state → days). */
export async function listDeadlines(db: Db): Promise<Map<string, number>> {
  const rows = await db.selectFrom('membership_deadlines').selectAll().execute();
  return new Map(rows.map((r) => [r.status, r.days]));
}

/** Days an application may stay in the state, or undefined when the state has no deadline. */
export async function deadlineDays(db: Db, status: MembershipStatus): Promise<number | undefined> {
  const row = await db.selectFrom('membership_deadlines').select('days').where('status', '=', status).executeTakeFirst();
  return row?.days;
}

/** Sets (or, with null, removes) the deadline of a state. */
export async function setDeadline(trx: Transaction<Database>, status: string, days: number | null): Promise<void> {
  if (days === null) {
    await trx.deleteFrom('membership_deadlines').where('status', '=', status).execute();
    return;
  }
  await trx
    .insertInto('membership_deadlines')
    .values({ status, days })
    .onConflict((oc) => oc.column('status').doUpdateSet({ days }))
    .execute();
}

/** Recomputes the due time of every application in the state from when it entered the state; the number changed. */
export async function recomputeDueAt(trx: Transaction<Database>, status: MembershipStatus, days: number | null): Promise<number> {
  const result = await trx
    .updateTable('membership_applications')
    .set({ due_at: days === null ? null : sql<Date>`status_changed_at + make_interval(days => ${days}::int)` })
    .where('status', '=', status)
    .executeTakeFirst();
  return Number(result.numUpdatedRows ?? 0);
}

/** Filters of the public register. */
export interface MemberFilter {
  q?: string;
  country?: string;
  capability?: string;
}

// The register shows members only (suspended and terminated companies drop out), and only the
// public columns: nothing of the localization plan but its capability codes.
function membersQuery(db: Db, filter: MemberFilter) {
  let query = db
    .selectFrom('membership_applications as a')
    .innerJoin('organizations as o', 'o.id', 'a.organization_id')
    .where('a.status', '=', 'member');
  if (filter.q) query = query.where('o.search_text', 'like', sql<string>`lower(${containsPattern(filter.q)})`);
  if (filter.country) query = query.where('o.country', '=', filter.country);
  if (filter.capability) {
    const code = filter.capability;
    query = query.where(sql<boolean>`exists (select 1 from unnest(a.capabilities) as c(code) where c.code = ${code} or starts_with(c.code, ${`${code}.`}))`);
  }
  return query;
}

/** Members per country, most first (the transparency dashboard). */
export function membersByCountry(db: Db) {
  return membersQuery(db, {}).select(['o.country', sql<string>`count(*)`.as('count')]).groupBy('o.country').orderBy(sql`count(*)`, 'desc').orderBy('o.country').execute();
}

/** How the public register is sorted: a column and its direction. */
export interface MemberSort {
  sort: 'name' | 'country' | 'member_since';
  order: 'asc' | 'desc';
}

const MEMBER_SORT_COLUMNS = {
  name: sql`lower(o.name)`,
  country: sql`o.country`,
  member_since: sql`a.member_since`,
} as const;

/**
 * A page of members (or every member when limit is undefined), with the total. Sorted by the column,
 * then by name, then by the membership's id, all in the one direction: desc is asc reversed, and equal
 * values keep one order from page to page.
 */
export async function listMembers(db: Db, filter: MemberFilter, limit?: number, offset = 0, sort: MemberSort = { sort: 'name', order: 'asc' }) {
  let page = membersQuery(db, filter).select(['o.name', 'o.name_uk', 'o.country', 'a.capabilities', 'a.member_since']).orderBy(MEMBER_SORT_COLUMNS[sort.sort], sort.order);
  if (sort.sort !== 'name') page = page.orderBy(MEMBER_SORT_COLUMNS.name, sort.order);
  page = page.orderBy('a.id', sort.order);
  if (limit !== undefined) page = page.limit(limit).offset(offset);
  const items = await page.execute();
  const { total } = await membersQuery(db, filter).select(sql<number>`count(*)::int`.as('total')).executeTakeFirstOrThrow();
  return { items, total: Number(total) };
}
