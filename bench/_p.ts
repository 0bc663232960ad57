import { openDatabase } from '../src/db/database.ts';
import { migrateToLatest } from '../src/db/migrate.ts';
import { SYSTEM_ACTOR, recordAuditBatch, signCheckpoint, verifyAuditLog } from '../src/modules/audit/service.ts';
import { signerFromSeed } from '../src/modules/audit/signing.ts';
const database = await openDatabase({ kind: 'pglite' });
await migrateToLatest(database.db);
const signer = await signerFromSeed(Buffer.alloc(32, 1));
const N = 100000;
for (let d = 0; d < N; d += 10000) { await database.db.transaction().execute((trx) => recordAuditBatch(trx, SYSTEM_ACTOR, Array.from({ length: 10000 }, (_, i) => ({ action: 'bench.x', targetType: 'organization', targetId: `id-${i}`, details: { field: 'name', from: `Old ${i}`, to: `New ${i}`, reason: 'benchmark' } })))); if (d % 50000 === 0) await signCheckpoint(database.db, signer); }
await signCheckpoint(database.db, signer);
const { Session } = await import('node:inspector/promises');
const session = new Session(); session.connect(); await session.post('Profiler.enable'); await session.post('Profiler.start');
for (let i = 0; i < 3; i++) {
  const t = performance.now();
  const r = await verifyAuditLog(database.db, [signer.publicKeyHex]);
  console.log('verify', (performance.now() - t).toFixed(0), r.ok, r.events);
}
const { profile } = await session.post('Profiler.stop');
(await import('node:fs')).writeFileSync('/tmp/verify.cpuprofile', JSON.stringify(profile));
await database.close();
