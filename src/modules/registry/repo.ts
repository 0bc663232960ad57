import { type Insertable, type Kysely, type Transaction, sql } from 'kysely';
import type { Database, OrganizationsTable } from '../../db/schema.ts';

type Db = Kysely<Database> | Transaction<Database>;

/** The organization with this id, or undefined. */
export async function findOrganization(db: Db, id: string) {
  return db.selectFrom('organizations').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Inserts an organization. */
export async function insertOrganization(trx: Transaction<Database>, row: Insertable<OrganizationsTable>): Promise<void> {
  await trx.insertInto('organizations').values(row).execute();
}

/** A page of organizations by name (optionally only those whose name contains `q`), with the total. */
export async function listOrganizations(db: Db, filter: { q?: string; onlyId?: string }, limit: number, offset: number) {
  let query = db.selectFrom('organizations');
  if (filter.q) query = query.where(sql`lower(name)`, 'like', `%${filter.q.toLowerCase().replace(/[\\%_]/g, '\\$&')}%`);
  if (filter.onlyId) query = query.where('id', '=', filter.onlyId);
  const items = await query.selectAll().orderBy(sql`lower(name)`).orderBy('id').limit(limit).offset(offset).execute();
  const { total } = await query.select(sql<number>`count(*)::int`.as('total')).executeTakeFirstOrThrow();
  return { items, total: Number(total) };
}
