import { type Insertable, type Kysely, type Transaction, sql } from 'kysely';
import type { Database, EmailOutboxTable } from '../../db/schema.ts';

type Db = Kysely<Database> | Transaction<Database>;

/** Inserts outbox rows. */
export async function insertMessages(trx: Transaction<Database>, rows: Insertable<EmailOutboxTable>[]): Promise<void> {
  if (rows.length > 0) await trx.insertInto('email_outbox').values(rows).execute();
}

/** E-mail addresses of the active users linked to an organization, in a stable order. */
export async function activeUserAddresses(db: Db, organizationId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('users')
    .select('email')
    .where('organization_id', '=', organizationId)
    .where('status', '=', 'active')
    .orderBy('email')
    .execute();
  return rows.map((r) => r.email);
}

/**
 * Locks the oldest undelivered message that no other worker holds and that has attempts left,
 * skipping `exclude` (those already tried in this run). The lock lasts until the transaction ends.
 */
export async function claimNextPending(trx: Transaction<Database>, maxAttempts: number, exclude: string[]) {
  let query = trx
    .selectFrom('email_outbox')
    .selectAll()
    .where('delivered_at', 'is', null)
    .where('attempts', '<', maxAttempts);
  if (exclude.length > 0) query = query.where('id', 'not in', exclude);
  return query.orderBy('created_at').orderBy('id').limit(1).forUpdate().skipLocked().executeTakeFirst();
}

/** Marks a message delivered. */
export async function markDelivered(trx: Transaction<Database>, id: string, delivery: 'smtp' | 'file', at: Date): Promise<void> {
  await trx
    .updateTable('email_outbox')
    .set({ delivered_at: at, delivery, attempts: sql`attempts + 1`, last_error: null })
    .where('id', '=', id)
    .execute();
}

/** Records a failed delivery attempt. */
export async function markFailed(trx: Transaction<Database>, id: string, error: string): Promise<void> {
  await trx.updateTable('email_outbox').set({ attempts: sql`attempts + 1`, last_error: error }).where('id', '=', id).execute();
}

/** A page of messages, newest first (optionally of one organization), with the total. */
export async function listMessages(db: Db, filter: { organizationId?: string }, limit: number, offset: number) {
  let query = db.selectFrom('email_outbox');
  if (filter.organizationId) query = query.where('organization_id', '=', filter.organizationId);
  const items = await query.selectAll().orderBy('created_at', 'desc').orderBy('id', 'desc').limit(limit).offset(offset).execute();
  const { total } = await query.select(sql<number>`count(*)::int`.as('total')).executeTakeFirstOrThrow();
  return { items, total: Number(total) };
}
