import type { Kysely, Transaction } from 'kysely';
import { GENESIS_HASH, canonicalJson, chainHash, sha256Hex } from '../../core/audit-chain.ts';
import { uuidv7 } from '../../core/ids.ts';
import type { AuditCheckpointRow, AuditEventRow, Database } from '../../db/schema.ts';
import * as repo from './repo.ts';
import { type CheckpointSigner, checkpointMessage, verifySignature } from './signing.ts';

/** Who caused a change: a user, the CLI or the system, and the request it came with. */
export interface AuditActor {
  actorId: string | null;
  actorLabel: string;
  requestId: string | null;
}

/** One change to record. `details` must never hold secrets or sensitive personal data. */
export interface AuditEventInput {
  action: string;
  targetType?: string | null;
  targetId?: string | null;
  details?: Record<string, unknown>;
}

/** The system itself (timers, migrations) as an actor. */
export const SYSTEM_ACTOR: AuditActor = { actorId: null, actorLabel: 'system', requestId: null };

/** Records one event in the caller's transaction (so it commits or rolls back with the change). */
export async function recordAudit(trx: Transaction<Database>, actor: AuditActor, event: AuditEventInput): Promise<number> {
  const [seq] = await recordAuditBatch(trx, actor, [event]);
  return seq;
}

/**
 * Appends events to the hash chain in the caller's transaction. Appends are serialized by a
 * transaction-scoped advisory lock, so sequence numbers have no gaps even with several app nodes.
 */
export async function recordAuditBatch(trx: Transaction<Database>, actor: AuditActor, events: AuditEventInput[]): Promise<number[]> {
  if (!trx.isTransaction) throw new Error('audit events must be recorded inside the transaction of the change');
  if (events.length === 0) return [];
  await repo.lockAuditHead(trx);
  const head = await repo.latestEvent(trx);
  let seq = head?.seq ?? 0;
  let prevHash = head?.hash ?? GENESIS_HASH;
  const occurredAt = new Date();
  const rows = events.map((event) => {
    seq += 1;
    // Normalize through canonical JSON so the hashed value is exactly what jsonb gives back.
    const details = JSON.parse(canonicalJson(event.details ?? {})) as unknown;
    const fields = {
      seq,
      id: uuidv7(occurredAt.getTime()),
      occurredAt: occurredAt.toISOString(),
      actorId: actor.actorId,
      actorLabel: actor.actorLabel,
      action: event.action,
      targetType: event.targetType ?? null,
      targetId: event.targetId ?? null,
      requestId: actor.requestId,
      details,
    };
    const hash = chainHash(prevHash, fields);
    const row = {
      seq: BigInt(seq),
      id: fields.id,
      occurred_at: occurredAt,
      actor_id: fields.actorId,
      actor_label: fields.actorLabel,
      action: fields.action,
      target_type: fields.targetType,
      target_id: fields.targetId,
      request_id: fields.requestId,
      details: JSON.stringify(details),
      prev_hash: prevHash,
      hash,
    };
    prevHash = hash;
    return row;
  });
  await repo.insertEvents(trx, rows);
  return rows.map((r) => Number(r.seq));
}

/** The public shape of an event. */
export function presentEvent(row: AuditEventRow) {
  return {
    seq: Number(row.seq),
    id: row.id,
    occurredAt: row.occurred_at.toISOString(),
    actorId: row.actor_id,
    actorLabel: row.actor_label,
    action: row.action,
    targetType: row.target_type,
    targetId: row.target_id,
    requestId: row.request_id,
    details: row.details as Record<string, unknown>,
    prevHash: row.prev_hash,
    hash: row.hash,
  };
}

/** A page of events, newest first, with the cursor of the next page. */
export async function listAuditEvents(db: Kysely<Database>, filter: repo.AuditEventFilter, limit: number) {
  const rows = await repo.listEvents(db, filter, limit + 1);
  const page = rows.slice(0, limit);
  return { items: page.map(presentEvent), nextBefore: rows.length > limit ? Number(page[page.length - 1].seq) : null };
}

/** The newest event's sequence number and hash (0 and the genesis hash for an empty log). */
export async function auditHead(db: Kysely<Database>) {
  const head = await repo.latestEvent(db);
  return { seq: head?.seq ?? 0, hash: head?.hash ?? GENESIS_HASH };
}

type CheckpointSummary = Omit<AuditCheckpointRow, 'event_hashes'>;

/** The public shape of a checkpoint. */
export function presentCheckpoint(row: CheckpointSummary) {
  return {
    seq: Number(row.seq),
    fromSeq: Number(row.from_seq),
    headHash: row.head_hash,
    rangeDigest: row.range_digest,
    signedAt: row.signed_at.toISOString(),
    keyId: row.key_id,
    publicKey: row.public_key,
    signature: row.signature,
  };
}

/** Checkpoints newest first with the cursor of the next page. */
export async function listAuditCheckpoints(db: Kysely<Database>, before: number | undefined, limit: number) {
  const rows = await repo.listCheckpoints(db, before, limit + 1);
  const page = rows.slice(0, limit);
  return { items: page.map(presentCheckpoint), nextBefore: rows.length > limit ? Number(page[page.length - 1].seq) : null };
}

/**
 * Signs a checkpoint over every event since the previous one: the head hash and a digest of each
 * event's hash, so verification can name the first event that differs even when an attacker
 * recomputed the chain after it. Returns the newest checkpoint unchanged when the log has not grown,
 * and null when the log is empty.
 */
export async function signCheckpoint(db: Kysely<Database>, signer: CheckpointSigner) {
  return db.transaction().execute(async (trx) => {
    await repo.lockAuditHead(trx);
    const head = await repo.latestEvent(trx);
    if (!head) return null;
    const last = await repo.latestCheckpoint(trx);
    if (last && Number(last.seq) >= head.seq) return { checkpoint: presentCheckpoint(last), created: false };
    const fromSeq = last ? Number(last.seq) + 1 : 1;
    const hashes = await repo.eventHashesBetween(trx, fromSeq, head.seq);
    const eventHashes = Buffer.from(hashes.join(''), 'hex');
    const rangeDigest = sha256Hex(eventHashes);
    const signedAt = new Date();
    const message = checkpointMessage({ seq: head.seq, fromSeq, headHash: head.hash, rangeDigest, signedAt: signedAt.toISOString() });
    const row = {
      seq: BigInt(head.seq),
      from_seq: BigInt(fromSeq),
      head_hash: head.hash,
      range_digest: rangeDigest,
      event_hashes: eventHashes,
      signed_at: signedAt,
      key_id: signer.keyId,
      public_key: signer.publicKeyHex,
      signature: await signer.sign(message),
    };
    await repo.insertCheckpoint(trx, row);
    return { checkpoint: presentCheckpoint(row), created: true };
  });
}

/** The outcome of `adi audit verify`. */
export interface AuditVerification {
  ok: boolean;
  events: number;
  checkpoints: number;
  /** Events after the newest checkpoint: chained, but not yet covered by a signature. */
  unsignedTail: number;
  firstBadSeq?: number;
  problem?: string;
}

const VERIFY_PAGE = 10_000;

/**
 * Recomputes the whole chain and checks every checkpoint: its signature by a trusted key, its range
 * and the hash of each event it covers. Stops at the first problem and names its sequence number.
 */
export async function verifyAuditLog(
  db: Kysely<Database>,
  trustedPublicKeys: string[],
  onProgress?: (checked: number, total: number) => void,
): Promise<AuditVerification> {
  const trusted = new Set(trustedPublicKeys.map((k) => k.toLowerCase()));
  const checkpoints = await repo.allCheckpoints(db);
  const total = await repo.countEvents(db);
  const fail = (events: number, firstBadSeq: number | undefined, problem: string): AuditVerification => ({
    ok: false,
    events,
    checkpoints: checkpoints.length,
    unsignedTail: 0,
    firstBadSeq,
    problem,
  });

  // Signed hashes of events 1..coveredUpTo, 32 bytes each, from the checkpoints.
  let coveredUpTo = 0;
  const signedHashes: Buffer[] = [];
  for (const cp of checkpoints) {
    const seq = Number(cp.seq);
    const fromSeq = Number(cp.from_seq);
    if (fromSeq !== coveredUpTo + 1 || seq < fromSeq) return fail(0, fromSeq, `checkpoint ${seq} does not continue checkpoint ${coveredUpTo}`);
    if (!trusted.has(cp.public_key.toLowerCase())) return fail(0, fromSeq, `checkpoint ${seq} is signed by an untrusted key ${cp.key_id}`);
    const hashes = Buffer.from(cp.event_hashes);
    const message = checkpointMessage({ seq, fromSeq, headHash: cp.head_hash, rangeDigest: cp.range_digest, signedAt: cp.signed_at.toISOString() });
    const signatureValid = await verifySignature(cp.signature, message, cp.public_key);
    if (!signatureValid) return fail(0, fromSeq, `checkpoint ${seq} has an invalid signature`);
    if (sha256Hex(hashes) !== cp.range_digest || hashes.length !== (seq - fromSeq + 1) * 32) {
      return fail(0, fromSeq, `checkpoint ${seq} hash list does not match its signed digest`);
    }
    if (hashes.subarray(hashes.length - 32).toString('hex') !== cp.head_hash) return fail(0, seq, `checkpoint ${seq} head does not match its hash list`);
    signedHashes.push(hashes);
    coveredUpTo = seq;
  }
  const signed = Buffer.concat(signedHashes);

  let expectedSeq = 1;
  let prevHash = GENESIS_HASH;
  for (;;) {
    const page = await repo.eventsAfter(db, expectedSeq - 1, VERIFY_PAGE);
    if (page.length === 0) break;
    for (const row of page) {
      const seq = Number(row.seq);
      const checked = expectedSeq - 1;
      if (seq !== expectedSeq) return fail(checked, expectedSeq, `event ${expectedSeq} is missing (next stored event is ${seq})`);
      if (row.prev_hash !== prevHash) return fail(checked, seq, `event ${seq} does not link to the event before it`);
      const hash = chainHash(prevHash, {
        seq,
        id: row.id,
        occurredAt: row.occurred_at.toISOString(),
        actorId: row.actor_id,
        actorLabel: row.actor_label,
        action: row.action,
        targetType: row.target_type,
        targetId: row.target_id,
        requestId: row.request_id,
        details: row.details,
      });
      if (hash !== row.hash) return fail(checked, seq, `event ${seq} was changed (its hash does not match its content)`);
      if (seq <= coveredUpTo && signed.toString('hex', (seq - 1) * 32, seq * 32) !== hash) {
        return fail(checked, seq, `event ${seq} differs from the signed checkpoint that covers it`);
      }
      prevHash = hash;
      expectedSeq += 1;
    }
    onProgress?.(expectedSeq - 1, total);
  }
  const events = expectedSeq - 1;
  if (events < coveredUpTo) return fail(events, events + 1, `events ${events + 1}..${coveredUpTo} are signed by a checkpoint but missing`);
  return { ok: true, events, checkpoints: checkpoints.length, unsignedTail: events - coveredUpTo };
}
