import type { Kysely, Transaction } from 'kysely';
import { GENESIS_HASH, auditPayload, canonicalJson, chainHash, sha256Hex } from '../../core/audit-chain.ts';
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
  const occurredAt = new Date().toISOString();
  const rows = events.map((event) => {
    seq += 1;
    // Normalize through canonical JSON so the hashed value is exactly what jsonb gives back.
    const details = JSON.parse(canonicalJson(event.details ?? {})) as unknown;
    const payload = auditPayload({
      id: uuidv7(),
      occurredAt,
      actorId: actor.actorId,
      actorLabel: actor.actorLabel,
      action: event.action,
      targetType: event.targetType ?? null,
      targetId: event.targetId ?? null,
      requestId: actor.requestId,
      details,
    });
    const hash = chainHash(prevHash, seq, payload);
    const row = { seq, hash, payload };
    prevHash = hash;
    return row;
  });
  await repo.insertEvents(trx, rows);
  return rows.map((r) => r.seq);
}

/** The public shape of an event, with the payload its hash covers. */
export function presentEvent(row: AuditEventRow & { prev_hash: string | null }) {
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
    payload: row.payload,
    prevHash: row.prev_hash ?? GENESIS_HASH,
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

/**
 * The public checkpoint page as JSON text (the shape of ZCheckpointPage), composed from the text
 * PostgreSQL builds: the hot public route sends it as it is.
 */
export async function checkpointPageJson(db: Kysely<Database>, signer: CheckpointSigner, before: number | undefined, limit: number): Promise<string> {
  const page = await repo.checkpointPageJson(db, before, limit);
  return `{"items":${page.itemsJson},"publicKey":${JSON.stringify(signer.publicKeyHex)},"keyId":${JSON.stringify(signer.keyId)},"nextBefore":${page.nextBefore ?? 'null'}}`;
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
 * Recomputes the whole chain from the payloads and checks every checkpoint: its signature by a
 * trusted key, its range, and the hash of each event it covers. The database's own columns are
 * checked too (no gaps, stored hashes equal to the recomputed ones, every column still generated
 * from the payload). Reports the smallest bad sequence number, in one consistent snapshot.
 */
export async function verifyAuditLog(
  db: Kysely<Database>,
  trustedPublicKeys: string[],
  onProgress?: (checked: number, total: number) => void,
): Promise<AuditVerification> {
  return db
    .transaction()
    .setIsolationLevel('repeatable read')
    .execute((trx) => verifySnapshot(trx, trustedPublicKeys, onProgress));
}

async function verifySnapshot(
  db: Transaction<Database>,
  trustedPublicKeys: string[],
  onProgress?: (checked: number, total: number) => void,
): Promise<AuditVerification> {
  const trusted = new Set(trustedPublicKeys.map((k) => k.toLowerCase()));
  const checkpoints = await repo.allCheckpointSummaries(db);
  const total = await repo.countEvents(db);
  const fail = (events: number, firstBadSeq: number | undefined, problem: string): AuditVerification => ({
    ok: false,
    events,
    checkpoints: checkpoints.length,
    unsignedTail: 0,
    firstBadSeq,
    problem,
  });

  let previousCheckpoint = 0;
  for (const cp of checkpoints) {
    const seq = Number(cp.seq);
    const fromSeq = Number(cp.from_seq);
    if (fromSeq !== previousCheckpoint + 1 || seq < fromSeq) return fail(0, fromSeq, `checkpoint ${seq} does not continue checkpoint ${previousCheckpoint}`);
    if (!trusted.has(cp.public_key.toLowerCase())) return fail(0, fromSeq, `checkpoint ${seq} is signed by an untrusted key ${cp.key_id}`);
    const message = checkpointMessage({ seq, fromSeq, headHash: cp.head_hash, rangeDigest: cp.range_digest, signedAt: cp.signed_at.toISOString() });
    if (!(await verifySignature(cp.signature, message, cp.public_key))) return fail(0, fromSeq, `checkpoint ${seq} has an invalid signature`);
    previousCheckpoint = seq;
  }
  const coveredUpTo = previousCheckpoint;

  const underived = await repo.underivedAuditColumns(db);
  if (underived.length > 0) return fail(0, 1, `columns ${underived.join(', ')} are no longer generated from the hashed payload`);

  // Walk the chain. Each checkpoint's range digest is recomputed from the recomputed hashes; only when
  // something is wrong inside a signed range is its stored hash list read, to name the first bad event
  // (an earlier event may have been forged with every later hash recomputed).
  let checkpointIndex = 0;
  let rangeHashes: string[] = [];
  const firstForgedInRange = async (upTo: number): Promise<number | null> => {
    const cp = checkpoints[checkpointIndex];
    if (!cp || rangeHashes.length === 0) return null;
    const fromSeq = Number(cp.from_seq);
    const signed = await repo.checkpointEventHashes(db, Number(cp.seq));
    if (sha256Hex(signed) !== cp.range_digest) return fromSeq; // the stored list itself was altered
    for (let at = fromSeq; at <= upTo && at - fromSeq < rangeHashes.length; at++) {
      if (signed.toString('hex', (at - fromSeq) * 32, (at - fromSeq + 1) * 32) !== rangeHashes[at - fromSeq]) return at;
    }
    return null;
  };
  const failInRange = async (seq: number, problem: string) => {
    const forged = seq <= coveredUpTo ? await firstForgedInRange(seq - 1) : null;
    if (forged !== null) return fail(forged - 1, forged, `event ${forged} was changed: it does not hash to the signed checkpoint that covers it`);
    return fail(seq - 1, seq, problem);
  };

  let expectedSeq = 1;
  let prevHash = GENESIS_HASH;
  for (;;) {
    const page = await repo.verificationPage(db, expectedSeq - 1, VERIFY_PAGE);
    if (page.length === 0) break;
    let start = 0;
    while (start < page.length) {
      let end = page.indexOf('\n', start);
      if (end === -1) end = page.length;
      const tab1 = page.indexOf('\t', start);
      const tab2 = page.indexOf('\t', tab1 + 1);
      const seq = Number(page.slice(start, tab1));
      if (seq !== expectedSeq) return failInRange(expectedSeq, `event ${expectedSeq} is missing (next stored event is ${seq})`);
      const hash = chainHash(prevHash, seq, page.slice(tab2 + 1, end));
      if (page.slice(tab1 + 1, tab2) !== hash) return failInRange(seq, `event ${seq} was changed: its content does not match its stored hash`);
      if (seq <= coveredUpTo) {
        rangeHashes.push(hash);
        const cp = checkpoints[checkpointIndex];
        if (seq === Number(cp.seq)) {
          if (sha256Hex(Buffer.from(rangeHashes.join(''), 'hex')) !== cp.range_digest || hash !== cp.head_hash) {
            const forged = await firstForgedInRange(seq);
            return fail(forged ? forged - 1 : seq - 1, forged ?? seq, `event ${forged ?? seq} was changed: it does not hash to the signed checkpoint that covers it`);
          }
          checkpointIndex += 1;
          rangeHashes = [];
        }
      }
      prevHash = hash;
      expectedSeq += 1;
      start = end + 1;
    }
    onProgress?.(expectedSeq - 1, total);
  }
  const events = expectedSeq - 1;
  if (events < coveredUpTo) return failInRange(events + 1, `events ${events + 1}..${coveredUpTo} are signed by a checkpoint but missing`);
  return { ok: true, events, checkpoints: checkpoints.length, unsignedTail: events - coveredUpTo };
}
