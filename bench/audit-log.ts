// Audit log throughput on embedded PGlite: appending events in one transaction batch, and verifying the
// whole chain (what `adi audit verify` does). Goals: ≥ 5,000 appends/s and ≥ 200,000 verified events/s.
// Run: npx tsx bench/audit-log.ts [events]   (default 200000)
import { openDatabase } from '../src/db/database.ts';
import { migrateToLatest } from '../src/db/migrate.ts';
import { SYSTEM_ACTOR, recordAuditBatch, signCheckpoint, verifyAuditLog } from '../src/modules/audit/service.ts';
import { signerFromSeed } from '../src/modules/audit/signing.ts';

const total = Number(process.argv[2] ?? 200_000);
const BATCH = 10_000;

const database = await openDatabase({ kind: 'pglite' });
await migrateToLatest(database.db);
const signer = await signerFromSeed(Buffer.alloc(32, 1));

const events = (from: number, count: number) =>
  Array.from({ length: count }, (_, i) => ({
    action: 'bench.record_changed',
    targetType: 'organization',
    targetId: `0190a000-0000-7000-8000-${String(from + i).padStart(12, '0')}`,
    details: { field: 'name', from: `Old name ${from + i}`, to: `New name ${from + i}`, reason: 'benchmark' },
  }));

let appendMs = 0;
for (let done = 0; done < total; done += BATCH) {
  const count = Math.min(BATCH, total - done);
  const started = performance.now();
  await database.db.transaction().execute((trx) => recordAuditBatch(trx, SYSTEM_ACTOR, events(done, count)));
  appendMs += performance.now() - started;
  if (done % 50_000 === 0) await signCheckpoint(database.db, signer);
}
await signCheckpoint(database.db, signer);

const verifyStarted = performance.now();
const result = await verifyAuditLog(database.db, [signer.publicKeyHex]);
const verifyMs = performance.now() - verifyStarted;
if (!result.ok) throw new Error(`verification failed: ${result.problem}`);

const appendRate = total / (appendMs / 1000);
const verifyRate = result.events / (verifyMs / 1000);
console.log(`events: ${total} (batches of ${BATCH}, checkpoints: ${result.checkpoints})`);
console.log(`append: ${appendRate.toFixed(0)} events/s (${(appendMs / 1000).toFixed(2)} s) — goal 5,000/s, ratio ${(appendRate / 5000).toFixed(2)}`);
console.log(`verify: ${verifyRate.toFixed(0)} events/s (${(verifyMs / 1000).toFixed(2)} s) — goal 200,000/s, ratio ${(verifyRate / 200_000).toFixed(2)}`);
await database.close();
