import fc from 'fast-check';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../db/database.ts';
import { createTestDatabase } from '../../../test/support/database.ts';
import { TEST_AUDIT_SEED } from '../../../test/support/app.ts';
import { GENESIS_HASH, canonicalJson, chainHash } from '../../core/audit-chain.ts';
import { SYSTEM_ACTOR, recordAuditBatch, signCheckpoint, verifyAuditLog } from './service.ts';
import { type CheckpointSigner, signerFromSeed } from './signing.ts';

let database: DatabaseHandle;
let signer: CheckpointSigner;

beforeAll(async () => {
  database = await createTestDatabase();
  signer = await signerFromSeed(TEST_AUDIT_SEED);
});
afterAll(async () => database?.close());

async function append(count: number, label = 'test') {
  return database.db.transaction().execute((trx) =>
    recordAuditBatch(trx, SYSTEM_ACTOR, Array.from({ length: count }, (_, i) => ({ action: `${label}.event`, targetType: 'thing', targetId: String(i), details: { i, label } }))),
  );
}

/** Runs `work` as an attacker with table-owner rights: the append-only triggers switched off. */
async function asAttacker(work: (db: typeof database.db) => Promise<unknown>) {
  await database.db.connection().execute(async (conn) => {
    await sql`alter table audit_events disable trigger user`.execute(conn);
    try {
      await work(conn);
    } finally {
      await sql`alter table audit_events enable trigger user`.execute(conn);
    }
  });
}

async function resetLog() {
  await database.db.connection().execute(async (conn) => {
    await sql`alter table audit_events disable trigger user`.execute(conn);
    await sql`alter table audit_checkpoints disable trigger user`.execute(conn);
    await sql`delete from audit_events`.execute(conn);
    await sql`delete from audit_checkpoints`.execute(conn);
    await sql`alter table audit_events enable trigger user`.execute(conn);
    await sql`alter table audit_checkpoints enable trigger user`.execute(conn);
  });
}

/** Recomputes stored hashes from `fromSeq` on, as an attacker who wants the chain to look intact. */
async function recomputeChainFrom(db: typeof database.db, fromSeq: number) {
  const rows = await db.selectFrom('audit_events').select(['seq', 'payload']).where('seq', '>=', BigInt(fromSeq)).orderBy('seq').execute();
  const previous = await db.selectFrom('audit_events').select('hash').where('seq', '=', BigInt(fromSeq - 1)).executeTakeFirst();
  let prev = previous?.hash ?? GENESIS_HASH;
  for (const row of rows) {
    const hash = chainHash(prev, Number(row.seq), row.payload);
    await db.updateTable('audit_events').set({ hash }).where('seq', '=', row.seq).execute();
    prev = hash;
  }
}

/** Rewrites one field of an event's payload (the generated columns follow). */
async function forgePayload(db: typeof database.db, seq: number, change: (payload: Record<string, unknown>) => void) {
  const row = await db.selectFrom('audit_events').select('payload').where('seq', '=', BigInt(seq)).executeTakeFirstOrThrow();
  const payload = JSON.parse(row.payload) as Record<string, unknown>;
  change(payload);
  await db.updateTable('audit_events').set({ payload: canonicalJson(payload) }).where('seq', '=', BigInt(seq)).execute();
}

describe('audit log', () => {
  it('appends a gapless hash chain and verifies it', async () => {
    await resetLog();
    const seqs = await append(5);
    expect(seqs).toEqual([1, 2, 3, 4, 5]);
    const result = await verifyAuditLog(database.db, [signer.publicKeyHex]);
    expect(result).toMatchObject({ ok: true, events: 5, checkpoints: 0, unsignedTail: 5 });
  });

  it('refuses UPDATE, DELETE and TRUNCATE in the database itself', async () => {
    await expect(sql`update audit_events set payload = payload where seq = 1`.execute(database.db)).rejects.toThrow(/append-only/);
    await expect(sql`delete from audit_events where seq = 1`.execute(database.db)).rejects.toThrow(/append-only/);
    await expect(sql`truncate audit_events`.execute(database.db)).rejects.toThrow(/append-only/);
    await signCheckpoint(database.db, signer);
    await expect(sql`update audit_checkpoints set head_hash = 'x'`.execute(database.db)).rejects.toThrow(/append-only/);
    await expect(sql`delete from audit_checkpoints`.execute(database.db)).rejects.toThrow(/append-only/);
  });

  it('refuses to record outside a transaction', async () => {
    await expect(recordAuditBatch(database.db as never, SYSTEM_ACTOR, [{ action: 'x' }])).rejects.toThrow(/inside the transaction/);
  });

  it('signs checkpoints only when the log grew, each continuing the last', async () => {
    await resetLog();
    expect(await signCheckpoint(database.db, signer)).toBeNull();
    await append(3);
    const first = await signCheckpoint(database.db, signer);
    expect(first).toMatchObject({ created: true, checkpoint: { seq: 3, fromSeq: 1 } });
    expect(await signCheckpoint(database.db, signer)).toMatchObject({ created: false, checkpoint: { seq: 3 } });
    await append(2);
    expect(await signCheckpoint(database.db, signer)).toMatchObject({ created: true, checkpoint: { seq: 5, fromSeq: 4 } });
    expect(await verifyAuditLog(database.db, [signer.publicKeyHex])).toMatchObject({ ok: true, events: 5, checkpoints: 2, unsignedTail: 0 });
  });

  it('refuses checkpoints signed by a key it does not trust', async () => {
    const other = await signerFromSeed(Buffer.alloc(32, 9));
    const result = await verifyAuditLog(database.db, [other.publicKeyHex]);
    expect(result.ok).toBe(false);
    expect(result.problem).toMatch(/untrusted key/);
  });

  const tamperings: Array<[string, number, (db: typeof database.db) => Promise<unknown>, RegExp]> = [
    ['a changed event', 4, (db) => forgePayload(db, 4, (p) => (p.action = 'forged')), /changed/],
    [
      'a changed event with every later hash recomputed',
      3,
      async (db) => {
        await forgePayload(db, 3, (p) => (p.actorLabel = 'someone else'));
        await recomputeChainFrom(db, 3);
      },
      /does not hash to the signed checkpoint/,
    ],
    ['a deleted event', 6, (db) => db.deleteFrom('audit_events').where('seq', '=', 6n).execute(), /missing/],
    [
      'a deleted event with the rest renumbered and rehashed',
      2,
      async (db) => {
        await db.deleteFrom('audit_events').where('seq', '=', 2n).execute();
        const rows = await db.selectFrom('audit_events').select('seq').where('seq', '>', 2n).orderBy('seq').execute();
        for (const row of rows) await db.updateTable('audit_events').set({ seq: row.seq - 1n }).where('seq', '=', row.seq).execute();
        await recomputeChainFrom(db, 2);
      },
      /does not hash to the signed checkpoint/,
    ],
    [
      'two events swapped',
      5,
      async (db) => {
        await db.updateTable('audit_events').set({ seq: 1000n }).where('seq', '=', 5n).execute();
        await db.updateTable('audit_events').set({ seq: 5n }).where('seq', '=', 6n).execute();
        await db.updateTable('audit_events').set({ seq: 6n }).where('seq', '=', 1000n).execute();
      },
      /link|changed/,
    ],
  ];

  for (const [what, badSeq, tamper, problem] of tamperings) {
    it(`names sequence number ${badSeq} for ${what}`, async () => {
      await resetLog();
      await append(8);
      await signCheckpoint(database.db, signer);
      await asAttacker(tamper);
      const result = await verifyAuditLog(database.db, [signer.publicKeyHex]);
      expect(result.ok).toBe(false);
      expect(result.firstBadSeq).toBe(badSeq);
      expect(result.problem).toMatch(problem);
    });
  }

  it('names the first bad event for any position of a rehashed forgery (property)', async () => {
    await resetLog();
    await append(30);
    await signCheckpoint(database.db, signer);
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: 30 }), fc.string({ minLength: 1, maxLength: 20 }), async (seq, forged) => {
        let original: string | undefined;
        await asAttacker(async (db) => {
          original = (await db.selectFrom('audit_events').select('payload').where('seq', '=', BigInt(seq)).executeTakeFirstOrThrow()).payload;
          await forgePayload(db, seq, (p) => (p.actorLabel = `${String(p.actorLabel)}${forged}`));
          await recomputeChainFrom(db, seq);
        });
        const result = await verifyAuditLog(database.db, [signer.publicKeyHex]);
        await asAttacker(async (db) => {
          await db.updateTable('audit_events').set({ payload: original! }).where('seq', '=', BigInt(seq)).execute();
          await recomputeChainFrom(db, seq);
        });
        expect(result.ok).toBe(false);
        expect(result.firstBadSeq).toBe(seq);
      }),
      { numRuns: 15 },
    );
    expect((await verifyAuditLog(database.db, [signer.publicKeyHex])).ok).toBe(true);
  });

  it('detects events removed from the end of a signed range', async () => {
    await resetLog();
    await append(6);
    await signCheckpoint(database.db, signer);
    await asAttacker((db) => db.deleteFrom('audit_events').where('seq', '>', 4n).execute());
    const result = await verifyAuditLog(database.db, [signer.publicKeyHex]);
    expect(result).toMatchObject({ ok: false, firstBadSeq: 5 });
  });
  it('keeps every column derived from the hashed payload, and notices when one is not', async () => {
    await resetLog();
    await append(2);
    await expect(sql`update audit_events set action = 'forged' where seq = 1`.execute(database.db)).rejects.toThrow();
    const [row] = await database.db.selectFrom('audit_events').selectAll().where('seq', '=', 1n).execute();
    expect(JSON.parse(row.payload)).toMatchObject({ action: row.action, actorLabel: row.actor_label, id: row.id, details: row.details });
    expect(JSON.parse(row.payload).occurredAt).toBe(row.occurred_at.toISOString());
    await asAttacker(async (db) => {
      await sql`alter table audit_events alter column action drop expression`.execute(db);
      await sql`update audit_events set action = 'forged' where seq = 1`.execute(db);
    });
    const result = await verifyAuditLog(database.db, [signer.publicKeyHex]);
    expect(result.ok).toBe(false);
    expect(result.problem).toMatch(/action are no longer generated/);
  });

});
