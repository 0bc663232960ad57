import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../../db/schema.ts';

/** A stored answer to an idempotent request. */
export interface StoredIdempotentAnswer {
  route: string;
  request_hash: string;
  status_code: number;
  response_body: string;
}

/**
 * Inserts the placeholder row for (user, key) unless one exists; true when this request now owns
 * the key. On PostgreSQL an insert that meets an uncommitted row with the same key waits for that
 * transaction to end, which is what serializes two concurrent requests with one key.
 */
export async function claimIdempotencyKey(
  trx: Transaction<Database>,
  row: { userId: string; key: string; route: string; requestHash: string; createdAt: Date },
): Promise<boolean> {
  const inserted = await trx
    .insertInto('idempotency_keys')
    .values({ user_id: row.userId, key: row.key, route: row.route, request_hash: row.requestHash, status_code: 0, response_body: '', created_at: row.createdAt })
    .onConflict((oc) => oc.columns(['user_id', 'key']).doNothing())
    .returning('key')
    .executeTakeFirst();
  return inserted !== undefined;
}

/** The stored answer for (user, key), or undefined. */
export async function findIdempotentAnswer(trx: Transaction<Database>, userId: string, key: string): Promise<StoredIdempotentAnswer | undefined> {
  return trx
    .selectFrom('idempotency_keys')
    .select(['route', 'request_hash', 'status_code', 'response_body'])
    .where('user_id', '=', userId)
    .where('key', '=', key)
    .executeTakeFirst();
}

/** Fills the placeholder row with the answer to keep. */
export async function storeIdempotentAnswer(trx: Transaction<Database>, userId: string, key: string, statusCode: number, responseBody: string): Promise<void> {
  await trx.updateTable('idempotency_keys').set({ status_code: statusCode, response_body: responseBody }).where('user_id', '=', userId).where('key', '=', key).execute();
}

/** Deletes one user's keys created before `before` (cheap: the primary key starts with user_id). */
export async function deleteExpiredKeysOfUser(trx: Transaction<Database>, userId: string, before: Date): Promise<void> {
  await trx.deleteFrom('idempotency_keys').where('user_id', '=', userId).where('created_at', '<', before).execute();
}

/** Deletes every key created before `before`; the number deleted. */
export async function deleteExpiredKeys(db: Kysely<Database>, before: Date): Promise<number> {
  const result = await db.deleteFrom('idempotency_keys').where('created_at', '<', before).executeTakeFirst();
  return Number(result.numDeletedRows ?? 0);
}
