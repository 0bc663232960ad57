// Fund ledger throughput: booking entries through the service (one client on PGlite; 16 concurrent
// clients on PostgreSQL when DATABASE_URL is set), reading an account's balance, and verifying the
// whole ledger (what `adi ledger verify` runs). Goals (issue #6): ≥ 3,000 entries/s on PostgreSQL,
// balance read p95 ≤ 5 ms, verify ≥ 500,000 postings/s.
// Run: npx tsx bench/ledger.ts [entries] [bulk postings]   (default 3000 and 500000)
//      DATABASE_URL=postgres://… npx tsx bench/ledger.ts   (use a scratch database: the bench writes to it)
import { sql } from 'kysely';
import { type DatabaseHandle, openDatabase } from '../src/db/database.ts';
import { migrateToLatest } from '../src/db/migrate.ts';
import { SYSTEM_ACTOR } from '../src/modules/audit/service.ts';
import { createEntry, getAccount, openAccount, verifyLedger } from '../src/modules/fund/service.ts';

const entries = Number(process.argv[2] ?? 3000);
const bulkPostings = Number(process.argv[3] ?? 500_000);
const url = process.env.DATABASE_URL;
const CLIENTS = url ? 16 : 1;

const database: DatabaseHandle = url ? await openDatabase({ kind: 'postgres', url, poolSize: CLIENTS }) : await openDatabase({ kind: 'pglite' });
await migrateToLatest(database.db);
const db = database.db;
const engine = url ? 'PostgreSQL' : 'PGlite';
const stamp = Date.now().toString(36);

// Each client books donations into its own pair of accounts: row locks never collide, so the figure
// measures the ledger's own cost (the audit chain's append lock is still shared by every entry).
const pairs = [];
for (let c = 0; c < CLIENTS; c++) {
  const bank = await openAccount(db, SYSTEM_ACTOR, { code: `1500.UAH.bench_${stamp}_${c}`, nameUk: 'Бенчмарк', nameEn: 'Bench bank', type: 'asset', currency: 'UAH', creditsMustNotExceedDebits: true });
  const income = await openAccount(db, SYSTEM_ACTOR, { code: `4500.UAH.bench_${stamp}_${c}`, nameUk: 'Бенчмарк', nameEn: 'Bench income', type: 'income', currency: 'UAH' });
  pairs.push({ bank: bank.id, income: income.id });
}

const perClient = Math.ceil(entries / CLIENTS);
const bookStarted = performance.now();
await Promise.all(
  pairs.map(async ({ bank, income }, c) => {
    for (let i = 0; i < perClient; i++) {
      await createEntry(db, SYSTEM_ACTOR, {
        currency: 'UAH',
        description: `bench donation ${i}`,
        referenceType: 'donation',
        clientKey: `bench-${stamp}-${c}-${i}`,
        postings: [
          { account: bank, direction: 'debit', amount: 100 + (i % 1000) },
          { account: income, direction: 'credit', amount: 100 + (i % 1000) },
        ],
      });
    }
  }),
);
const bookSeconds = (performance.now() - bookStarted) / 1000;
const booked = perClient * CLIENTS;
const bookRate = booked / bookSeconds;

const reads: number[] = [];
for (let i = 0; i < 2000; i++) {
  const started = performance.now();
  await getAccount(db, pairs[i % pairs.length].bank);
  reads.push(performance.now() - started);
}
reads.sort((x, y) => x - y);
const p50 = reads[Math.floor(reads.length * 0.5)];
const p95 = reads[Math.floor(reads.length * 0.95)];

// Verify needs volume: load entries in bulk with SQL (two postings each) and bring the running totals
// along, as if they had been booked one by one.
const bulkEntries = Math.floor(bulkPostings / 2);
const loadStarted = performance.now();
const [{ bank, income }] = pairs;
for (let from = 0; from < bulkEntries; from += 100_000) {
  const to = Math.min(bulkEntries, from + 100_000) - 1;
  await sql`insert into ledger_entries (id, currency, description, reference_type, status, effective_date, client_key, content_hash, created_by, created_at)
    select md5(${stamp} || i::text)::uuid, 'UAH', 'bulk donation', 'donation', 'posted', current_date, 'bulk-' || ${stamp} || '-' || i, 'bench', 'bench', now()
    from generate_series(${from}::int, ${to}::int) i`.execute(db);
  await sql`insert into ledger_postings (id, entry_id, account_id, direction, amount, seq)
    select md5(${stamp} || i::text || s::text)::uuid, md5(${stamp} || i::text)::uuid, case s when 0 then ${bank}::uuid else ${income}::uuid end,
      case s when 0 then 'debit' else 'credit' end, 100 + i % 1000, s
    from generate_series(${from}::int, ${to}::int) i, generate_series(0, 1) s`.execute(db);
}
const bulkTotal = await sql<{ total: bigint }>`select coalesce(sum(100 + i % 1000), 0)::bigint as total from generate_series(0, ${bulkEntries - 1}::int) i`.execute(db);
const added = bulkTotal.rows[0].total.toString();
await sql`update ledger_accounts set debits_posted = debits_posted + ${added}::bigint where id = ${bank}`.execute(db);
await sql`update ledger_accounts set credits_posted = credits_posted + ${added}::bigint where id = ${income}`.execute(db);
await sql`analyze`.execute(db);
const loadSeconds = (performance.now() - loadStarted) / 1000;

const verifyStarted = performance.now();
const result = await verifyLedger(db);
const verifySeconds = (performance.now() - verifyStarted) / 1000;
if (!result.ok) throw new Error(`verification failed: ${result.problems.join('; ')}`);
const verifyRate = result.postings / verifySeconds;

console.log(`engine: ${engine}, ${CLIENTS} client(s)`);
console.log(`booking: ${booked} entries in ${bookSeconds.toFixed(2)} s = ${bookRate.toFixed(0)} entries/s — goal 3,000/s on PostgreSQL, ratio ${(bookRate / 3000).toFixed(2)}`);
console.log(`balance read: p50 ${p50.toFixed(2)} ms, p95 ${p95.toFixed(2)} ms (2000 reads) — goal p95 ≤ 5 ms, ratio ${(5 / p95).toFixed(2)}`);
console.log(`verify: ${result.postings} postings (${result.entries} entries, loaded in bulk in ${loadSeconds.toFixed(1)} s) in ${verifySeconds.toFixed(2)} s = ${verifyRate.toFixed(0)} postings/s — goal 500,000/s, ratio ${(verifyRate / 500_000).toFixed(2)}`);
await database.close();
