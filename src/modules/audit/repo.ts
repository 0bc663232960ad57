import { type Insertable, type Kysely, type Transaction, sql } from 'kysely';
import type { AuditCheckpointsTable, AuditEventsTable, Database } from '../../db/schema.ts';

type Db = Kysely<Database> | Transaction<Database>;

// Any constant works; it only has to be the same for every node so that appends are serialized.
const AUDIT_APPEND_LOCK = 7_310_001;
const INSERT_CHUNK = 500;

/** Serializes appends to the log until the transaction ends (works across app nodes). */
export async function lockAuditHead(trx: Transaction<Database>): Promise<void> {
  await sql`select pg_advisory_xact_lock(${AUDIT_APPEND_LOCK})`.execute(trx);
}

/** The newest event's sequence number and hash, if any. */
export async function latestEvent(db: Db): Promise<{ seq: number; hash: string } | undefined> {
  const row = await db.selectFrom('audit_events').select(['seq', 'hash']).orderBy('seq', 'desc').limit(1).executeTakeFirst();
  return row ? { seq: Number(row.seq), hash: row.hash } : undefined;
}

/** Appends events in multi-row inserts. */
export async function insertEvents(trx: Transaction<Database>, rows: Insertable<AuditEventsTable>[]): Promise<void> {
  for (let i = 0; i < rows.length; i += INSERT_CHUNK) {
    await trx.insertInto('audit_events').values(rows.slice(i, i + INSERT_CHUNK)).execute();
  }
}

/** Filters for browsing the log. */
export interface AuditEventFilter {
  action?: string;
  actorId?: string;
  targetType?: string;
  targetId?: string;
  from?: Date;
  to?: Date;
  before?: number;
}

/** Events newest first, matching the filter, at most `limit`. */
export async function listEvents(db: Db, filter: AuditEventFilter, limit: number) {
  let query = db.selectFrom('audit_events').selectAll();
  if (filter.action) query = query.where('action', 'like', `${filter.action.replace(/[\\%_]/g, '\\$&')}%`);
  if (filter.actorId) query = query.where('actor_id', '=', filter.actorId);
  if (filter.targetType) query = query.where('target_type', '=', filter.targetType);
  if (filter.targetId) query = query.where('target_id', '=', filter.targetId);
  if (filter.from) query = query.where('occurred_at', '>=', filter.from);
  if (filter.to) query = query.where('occurred_at', '<', filter.to);
  if (filter.before !== undefined) query = query.where('seq', '<', BigInt(filter.before));
  return query.orderBy('seq', 'desc').limit(limit).execute();
}

/** Events in sequence order after `afterSeq`, for verification. */
export async function eventsAfter(db: Db, afterSeq: number, limit: number) {
  return db
    .selectFrom('audit_events')
    .select(['seq', 'id', 'occurred_at', 'actor_id', 'actor_label', 'action', 'target_type', 'target_id', 'request_id', 'details', 'prev_hash', 'hash'])
    .where('seq', '>', BigInt(afterSeq))
    .orderBy('seq')
    .limit(limit)
    .execute();
}

/** The stored hashes of events fromSeq..toSeq, in order. */
export async function eventHashesBetween(db: Db, fromSeq: number, toSeq: number): Promise<string[]> {
  const rows = await db
    .selectFrom('audit_events')
    .select('hash')
    .where('seq', '>=', BigInt(fromSeq))
    .where('seq', '<=', BigInt(toSeq))
    .orderBy('seq')
    .execute();
  return rows.map((r) => r.hash);
}

/** Number of events in the log. */
export async function countEvents(db: Db): Promise<number> {
  const row = await db.selectFrom('audit_events').select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow();
  return Number(row.n);
}

/** The newest checkpoint, if any. */
export async function latestCheckpoint(db: Db) {
  return db.selectFrom('audit_checkpoints').selectAll().orderBy('seq', 'desc').limit(1).executeTakeFirst();
}

/** Stores a signed checkpoint. */
export async function insertCheckpoint(trx: Transaction<Database>, row: Insertable<AuditCheckpointsTable>): Promise<void> {
  await trx.insertInto('audit_checkpoints').values(row).execute();
}

/** Checkpoints newest first, without their hash lists (the public listing). */
export async function listCheckpoints(db: Db, before: number | undefined, limit: number) {
  let query = db
    .selectFrom('audit_checkpoints')
    .select(['seq', 'from_seq', 'head_hash', 'range_digest', 'signed_at', 'key_id', 'public_key', 'signature']);
  if (before !== undefined) query = query.where('seq', '<', BigInt(before));
  return query.orderBy('seq', 'desc').limit(limit).execute();
}

/** Every checkpoint in sequence order, with the hash lists (for verification). */
export async function allCheckpoints(db: Db) {
  return db.selectFrom('audit_checkpoints').selectAll().orderBy('seq').execute();
}
