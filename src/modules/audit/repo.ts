import { escapeLike } from '../../db/like.ts';
import { type Insertable, type Kysely, type Transaction, sql } from 'kysely';
import type { AuditCheckpointsTable, Database } from '../../db/schema.ts';

type Db = Kysely<Database> | Transaction<Database>;

// Any constant works; it only has to be the same for every node so that appends are serialized.
const AUDIT_APPEND_LOCK = 7_310_001;
const INSERT_CHUNK = 1_000;

/** Serializes appends to the log until the transaction ends (works across app nodes). */
export async function lockAuditHead(trx: Transaction<Database>): Promise<void> {
  await sql`select pg_advisory_xact_lock(${AUDIT_APPEND_LOCK})`.execute(trx);
}

/** The newest event's sequence number and hash, if any. */
export async function latestEvent(db: Db): Promise<{ seq: number; hash: string } | undefined> {
  const row = await db.selectFrom('audit_events').select(['seq', 'hash']).orderBy('seq', 'desc').limit(1).executeTakeFirst();
  return row ? { seq: Number(row.seq), hash: row.hash } : undefined;
}

/** A new event as stored: the hashed payload and its place in the chain. */
export interface NewAuditEventRow {
  seq: number;
  hash: string;
  payload: string;
}

/** Appends events in multi-row inserts (measured faster than unnest arrays on PGlite). */
export async function insertEvents(trx: Transaction<Database>, rows: NewAuditEventRow[]): Promise<void> {
  for (let i = 0; i < rows.length; i += INSERT_CHUNK) {
    const chunk = rows.slice(i, i + INSERT_CHUNK).map((r) => ({ seq: BigInt(r.seq), hash: r.hash, payload: r.payload }));
    await trx.insertInto('audit_events').values(chunk).execute();
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

/** Events newest first, matching the filter, at most `limit`, each with the hash of the event before it. */
export async function listEvents(db: Db, filter: AuditEventFilter, limit: number) {
  let query = db
    .selectFrom('audit_events as e')
    .selectAll('e')
    .select((eb) => eb.selectFrom('audit_events as p').select('p.hash').whereRef('p.seq', '=', sql<bigint>`e.seq - 1`).as('prev_hash'));
  if (filter.action) query = query.where('e.action', 'like', `${escapeLike(filter.action)}%`);
  if (filter.actorId) query = query.where('e.actor_id', '=', filter.actorId);
  if (filter.targetType) query = query.where('e.target_type', '=', filter.targetType);
  if (filter.targetId) query = query.where('e.target_id', '=', filter.targetId);
  if (filter.from) query = query.where('e.occurred_at', '>=', filter.from);
  if (filter.to) query = query.where('e.occurred_at', '<', filter.to);
  if (filter.before !== undefined) query = query.where('e.seq', '<', BigInt(filter.before));
  return query.orderBy('e.seq', 'desc').limit(limit).execute();
}

/**
 * Events after `afterSeq` in sequence order as one text, a line per event: seq, hash and payload
 * separated by tabs (canonical JSON never holds a raw tab or line break). One text per page is
 * several times faster to read from PGlite than rows, which is what lets verification reach its goal.
 */
export async function verificationPage(db: Db, afterSeq: number, limit: number): Promise<string> {
  const result = await sql<{ page: string | null }>`
    select string_agg(line, e'\n') as page from (
      select seq::text || e'\t' || hash || e'\t' || payload as line
      from audit_events where seq > ${afterSeq} order by seq limit ${limit}
    ) ordered`.execute(db);
  return result.rows[0]?.page ?? '';
}

/** Columns of audit_events that should be generated from the payload but are not (any longer). */
export async function underivedAuditColumns(db: Db): Promise<string[]> {
  const result = await sql<{ name: string }>`
    select attname as name from pg_attribute
    where attrelid = 'audit_events'::regclass and attnum > 0 and not attisdropped
      and attname not in ('seq', 'hash', 'payload') and attgenerated <> 's'
    order by attnum`.execute(db);
  return result.rows.map((r) => r.name);
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

/**
 * A page of checkpoints, newest first, as the JSON text of the public answer's `items` (built by
 * PostgreSQL, so the hot public route sends it without decoding rows or serializing objects), and the
 * cursor of the next page.
 */
export async function checkpointPageJson(db: Db, before: number | undefined, limit: number) {
  const result = await sql<{ items: string; next_before: string | null }>`
    select coalesce(json_agg(json_build_object(
             'seq', seq, 'fromSeq', from_seq, 'headHash', head_hash, 'rangeDigest', range_digest,
             'signedAt', to_char(signed_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
             'keyId', key_id, 'signature', signature) order by seq desc)
             filter (where position <= ${limit}), '[]')::text as items,
           case when count(*) > ${limit} then (min(seq) filter (where position <= ${limit}))::text end as next_before
    from (
      select *, row_number() over (order by seq desc) as position from audit_checkpoints
      where seq < ${before ?? Number.MAX_SAFE_INTEGER} order by seq desc limit ${limit + 1}
    ) page`.execute(db);
  const row = result.rows[0];
  return { itemsJson: row?.items ?? '[]', nextBefore: row?.next_before ? Number(row.next_before) : null };
}

/** Every checkpoint in sequence order, without the hash lists (verification recomputes them). */
export async function allCheckpointSummaries(db: Db) {
  return db
    .selectFrom('audit_checkpoints')
    .select(['seq', 'from_seq', 'head_hash', 'range_digest', 'signed_at', 'key_id', 'public_key', 'signature'])
    .orderBy('seq')
    .execute();
}

/** The signed hash list of one checkpoint (read only to locate a mismatch). */
export async function checkpointEventHashes(db: Db, seq: number): Promise<Buffer> {
  const row = await db.selectFrom('audit_checkpoints').select('event_hashes').where('seq', '=', BigInt(seq)).executeTakeFirstOrThrow();
  return Buffer.from(row.event_hashes);
}
