import { type Insertable, type Kysely, type Transaction, sql } from 'kysely';
import type { Database, LedgerAccountsTable, LedgerEntriesTable, LedgerEntryStatus, LedgerPostingsTable } from '../../db/schema.ts';

type Db = Kysely<Database> | Transaction<Database>;

/** A ledger account row. */
export type AccountRow = NonNullable<Awaited<ReturnType<typeof findAccount>>>;
/** A ledger entry row. */
export type EntryRow = NonNullable<Awaited<ReturnType<typeof findEntry>>>;

const UUID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;

/** The account with this id, or undefined. */
export async function findAccount(db: Db, id: string) {
  return db.selectFrom('ledger_accounts').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Accounts named by id or by code (a reference that is neither matches nothing). */
export async function findAccountsByRef(db: Db, refs: string[]) {
  const ids = refs.filter((r) => UUID.test(r));
  const codes = refs.filter((r) => !UUID.test(r));
  if (refs.length === 0) return [];
  return db
    .selectFrom('ledger_accounts')
    .selectAll()
    .where((eb) => eb.or([...(ids.length ? [eb('id', 'in', ids)] : []), ...(codes.length ? [eb('code', 'in', codes)] : [])]))
    .execute();
}

/**
 * Locks the accounts' rows until the transaction ends, in id order: every writer takes its locks in
 * the same order, so two entries touching the same accounts wait for each other but never deadlock.
 */
export async function lockAccounts(trx: Transaction<Database>, ids: string[]) {
  return trx.selectFrom('ledger_accounts').selectAll().where('id', 'in', ids).orderBy('id').forUpdate().execute();
}

/** Changes of an account's running totals (each may be negative). */
export interface TotalsDelta {
  accountId: string;
  debitsPosted: bigint;
  creditsPosted: bigint;
  debitsPending: bigint;
  creditsPending: bigint;
}

/** Adds the deltas to the accounts' running totals in one statement. */
export async function applyTotals(trx: Transaction<Database>, deltas: TotalsDelta[]): Promise<void> {
  if (deltas.length === 0) return;
  // Arrays of decimal text, cast in SQL: both drivers pass text arrays the same way.
  const text = (pick: (d: TotalsDelta) => bigint) => deltas.map((d) => pick(d).toString());
  await sql`
    update ledger_accounts a set
      debits_posted = a.debits_posted + d.dp,
      credits_posted = a.credits_posted + d.cp,
      debits_pending = a.debits_pending + d.dpe,
      credits_pending = a.credits_pending + d.cpe
    from unnest(${deltas.map((d) => d.accountId)}::uuid[], ${text((d) => d.debitsPosted)}::bigint[], ${text((d) => d.creditsPosted)}::bigint[],
                ${text((d) => d.debitsPending)}::bigint[], ${text((d) => d.creditsPending)}::bigint[]) as d(id, dp, cp, dpe, cpe)
    where a.id = d.id`.execute(trx);
}

/** Inserts an account. */
export async function insertAccount(trx: Transaction<Database>, row: Insertable<LedgerAccountsTable>): Promise<void> {
  await trx.insertInto('ledger_accounts').values(row).execute();
}

/**
 * Inserts an account unless one with its code or earmark exists (two first donations for the same
 * earmark may race; the loser then reads the winner's account).
 */
export async function insertAccountIfAbsent(trx: Transaction<Database>, row: Insertable<LedgerAccountsTable>): Promise<boolean> {
  const inserted = await trx.insertInto('ledger_accounts').values(row).onConflict((oc) => oc.doNothing()).returning('id').executeTakeFirst();
  return inserted !== undefined;
}

/** The cash account that holds money earmarked for this program or capability in this currency. */
export async function findEarmarkAccount(db: Db, earmarkType: 'program' | 'capability', earmarkCode: string, currency: string) {
  return db.selectFrom('ledger_accounts').selectAll().where('earmark_type', '=', earmarkType).where('earmark_code', '=', earmarkCode).where('currency', '=', currency).executeTakeFirst();
}

/** Marks an account closed. */
export async function closeAccount(trx: Transaction<Database>, id: string, at: Date): Promise<void> {
  await trx
    .updateTable('ledger_accounts')
    .set((eb) => ({ closed_at: at, version: eb('version', '+', 1) }))
    .where('id', '=', id)
    .execute();
}

/** Filters of the account list. */
export interface AccountFilter {
  currency?: string;
  type?: string;
}

/** A page of accounts in code order, with the total. */
export async function listAccounts(db: Db, filter: AccountFilter, limit: number, offset: number) {
  let query = db.selectFrom('ledger_accounts');
  if (filter.currency) query = query.where('currency', '=', filter.currency);
  if (filter.type) query = query.where('type', '=', filter.type as LedgerAccountsTable['type']);
  const items = await query.selectAll().orderBy('code').limit(limit).offset(offset).execute();
  const { total } = await query.select(sql<number>`count(*)::int`.as('total')).executeTakeFirstOrThrow();
  return { items, total: Number(total) };
}

/**
 * Inserts the entry unless one with its client key exists; its sequence number when inserted. A concurrent insert
 * of the same key waits on the unique index until the other transaction ends, so a retry racing its
 * original sees the original's outcome (committed: not inserted; rolled back: inserted).
 */
export async function claimEntry(trx: Transaction<Database>, row: Insertable<LedgerEntriesTable>): Promise<{ entry_seq: bigint } | undefined> {
  return trx.insertInto('ledger_entries').values(row).onConflict((oc) => oc.column('client_key').doNothing()).returning('entry_seq').executeTakeFirst();
}

/** The entry with this id, or undefined. */
export async function findEntry(db: Db, id: string) {
  return db.selectFrom('ledger_entries').selectAll().where('id', '=', id).executeTakeFirst();
}

/** The entry with this client key, or undefined. */
export async function findEntryByClientKey(db: Db, clientKey: string) {
  return db.selectFrom('ledger_entries').selectAll().where('client_key', '=', clientKey).executeTakeFirst();
}

/** Locks the entry's row until the transaction ends (post, void and reverse of one entry are serialized). */
export async function lockEntry(trx: Transaction<Database>, id: string) {
  return trx.selectFrom('ledger_entries').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
}

/** The id of the entry that reverses this one, if any. */
export async function findReversalId(db: Db, id: string): Promise<string | undefined> {
  return (await db.selectFrom('ledger_entries').select('id').where('reverses_entry_id', '=', id).executeTakeFirst())?.id;
}

/** Resolves a pending entry (the only change the immutability trigger lets through). */
export async function resolveEntry(trx: Transaction<Database>, id: string, status: Exclude<LedgerEntryStatus, 'pending'>, by: string, at: Date): Promise<void> {
  await trx.updateTable('ledger_entries').set({ status, resolved_by: by, resolved_at: at }).where('id', '=', id).where('status', '=', 'pending').execute();
}

/** Filters of the journal. */
export interface EntryFilter {
  currency?: string;
  status?: LedgerEntryStatus;
  referenceType?: LedgerEntriesTable['reference_type'];
  referenceId?: string;
  from?: string;
  to?: string;
}

/** A page of the journal, newest first (by sequence), with the total. */
export async function listEntries(db: Db, filter: EntryFilter, limit: number, offset: number) {
  let query = db.selectFrom('ledger_entries');
  if (filter.currency) query = query.where('currency', '=', filter.currency);
  if (filter.status) query = query.where('status', '=', filter.status);
  if (filter.referenceType) query = query.where('reference_type', '=', filter.referenceType);
  if (filter.referenceId) query = query.where('reference_id', '=', filter.referenceId);
  if (filter.from) query = query.where('effective_date', '>=', filter.from);
  if (filter.to) query = query.where('effective_date', '<=', filter.to);
  const items = await query.selectAll().orderBy('entry_seq', 'desc').limit(limit).offset(offset).execute();
  const { total } = await query.select(sql<number>`count(*)::int`.as('total')).executeTakeFirstOrThrow();
  return { items, total: Number(total) };
}

/** For each of the entries, the reversal that reverses it (entry id → reversal id). */
export async function reversalsOf(db: Db, entryIds: string[]): Promise<Map<string, string>> {
  if (entryIds.length === 0) return new Map();
  const rows = await db.selectFrom('ledger_entries').select(['id', 'reverses_entry_id']).where('reverses_entry_id', 'in', entryIds).execute();
  return new Map(rows.map((r) => [r.reverses_entry_id!, r.id]));
}

/** Inserts postings in one statement. */
export async function insertPostings(trx: Transaction<Database>, rows: Insertable<LedgerPostingsTable>[]): Promise<void> {
  if (rows.length > 0) await trx.insertInto('ledger_postings').values(rows).execute();
}

/** The entries' postings with their account codes, in entry and posting order. */
export async function postingsOf(db: Db, entryIds: string[]) {
  if (entryIds.length === 0) return [];
  return db
    .selectFrom('ledger_postings as p')
    .innerJoin('ledger_accounts as a', 'a.id', 'p.account_id')
    .select(['p.id', 'p.entry_id', 'p.account_id', 'p.direction', 'p.amount', 'p.seq', 'a.code as account_code'])
    .where('p.entry_id', 'in', entryIds)
    .orderBy('p.entry_id')
    .orderBy('p.seq')
    .execute();
}

/**
 * A page of an account's statement: posted lines in booking order (date, then entry order) with the
 * running balance on the normal side (`sign` is 1 for debit-normal accounts, -1 otherwise), the
 * balance before the range and the number of lines in it.
 */
export async function statement(db: Db, accountId: string, sign: 1 | -1, from: string | null, to: string | null, limit: number, offset: number) {
  const lower = from ?? '0001-01-01';
  const upper = to ?? '9999-12-31';
  const lines = await sql<{
    entry_id: string;
    entry_seq: bigint;
    effective_date: string;
    description: string;
    reference_type: LedgerEntriesTable['reference_type'];
    reference_id: string | null;
    direction: 'debit' | 'credit';
    amount: bigint;
    balance: bigint;
  }>`
    select * from (
      select e.id as entry_id, e.entry_seq, e.effective_date, e.description, e.reference_type, e.reference_id, p.direction, p.amount,
        (${sign}::int * sum(case when p.direction = 'debit' then p.amount else -p.amount end)
          over (order by e.effective_date, e.entry_seq, p.seq rows unbounded preceding))::bigint as balance,
        p.seq
      from ledger_postings p join ledger_entries e on e.id = p.entry_id
      where p.account_id = ${accountId} and e.status = 'posted' and e.effective_date <= ${upper}::date
    ) l
    where l.effective_date >= ${lower}::date
    order by l.effective_date, l.entry_seq, l.seq
    limit ${limit} offset ${offset}`.execute(db);
  const summary = await sql<{ opening: bigint; closing: bigint; total: number }>`
    select
      (${sign}::int * coalesce(sum(case when p.direction = 'debit' then p.amount else -p.amount end) filter (where e.effective_date < ${lower}::date), 0))::bigint as opening,
      (${sign}::int * coalesce(sum(case when p.direction = 'debit' then p.amount else -p.amount end), 0))::bigint as closing,
      (count(*) filter (where e.effective_date >= ${lower}::date))::int as total
    from ledger_postings p join ledger_entries e on e.id = p.entry_id
    where p.account_id = ${accountId} and e.status = 'posted' and e.effective_date <= ${upper}::date`.execute(db);
  return { lines: lines.rows, ...summary.rows[0] };
}

/** Every account with its posted debits and credits from entries booked up to the date. */
export async function trialBalance(db: Db, at: string) {
  const result = await sql<{
    id: string;
    code: string;
    name_uk: string;
    name_en: string;
    type: LedgerAccountsTable['type'];
    currency: string;
    debits: bigint;
    credits: bigint;
  }>`
    with sums as (
      select p.account_id,
        coalesce(sum(p.amount) filter (where p.direction = 'debit'), 0)::bigint as debits,
        coalesce(sum(p.amount) filter (where p.direction = 'credit'), 0)::bigint as credits
      from ledger_postings p join ledger_entries e on e.id = p.entry_id
      where e.status = 'posted' and e.effective_date <= ${at}::date
      group by p.account_id
    )
    select a.id, a.code, a.name_uk, a.name_en, a.type, a.currency, coalesce(s.debits, 0)::bigint as debits, coalesce(s.credits, 0)::bigint as credits
    from ledger_accounts a left join sums s on s.account_id = a.id
    order by a.currency, a.code`.execute(db);
  return result.rows;
}

/** Counts of what `verify` covers. */
export async function ledgerCounts(db: Db) {
  const result = await sql<{ accounts: number; entries: number; postings: number }>`
    select (select count(*) from ledger_accounts)::int as accounts, (select count(*) from ledger_entries)::int as entries,
      (select count(*) from ledger_postings)::int as postings`.execute(db);
  return result.rows[0];
}

/**
 * Every account with its stored running totals beside the totals recomputed from its postings: one
 * pass over the postings. The caller compares them, checks the flags, and sums per currency (the
 * zero-sum check needs only these per-account figures, not another pass).
 */
export async function accountTotalsFromPostings(db: Db) {
  const result = await sql<{
    code: string;
    currency: string;
    debits_posted: bigint;
    credits_posted: bigint;
    debits_pending: bigint;
    credits_pending: bigint;
    sum_debits_posted: bigint;
    sum_credits_posted: bigint;
    sum_debits_pending: bigint;
    sum_credits_pending: bigint;
    debits_must_not_exceed_credits: boolean;
    credits_must_not_exceed_debits: boolean;
  }>`
    with sums as (
      select p.account_id,
        coalesce(sum(p.amount) filter (where p.direction = 'debit' and e.status = 'posted'), 0)::bigint as dp,
        coalesce(sum(p.amount) filter (where p.direction = 'credit' and e.status = 'posted'), 0)::bigint as cp,
        coalesce(sum(p.amount) filter (where p.direction = 'debit' and e.status = 'pending'), 0)::bigint as dpe,
        coalesce(sum(p.amount) filter (where p.direction = 'credit' and e.status = 'pending'), 0)::bigint as cpe
      from ledger_postings p join ledger_entries e on e.id = p.entry_id
      group by p.account_id
    )
    select a.code, a.currency, a.debits_posted, a.credits_posted, a.debits_pending, a.credits_pending,
      a.debits_must_not_exceed_credits, a.credits_must_not_exceed_debits,
      coalesce(s.dp, 0)::bigint as sum_debits_posted, coalesce(s.cp, 0)::bigint as sum_credits_posted,
      coalesce(s.dpe, 0)::bigint as sum_debits_pending, coalesce(s.cpe, 0)::bigint as sum_credits_pending
    from ledger_accounts a left join sums s on s.account_id = a.id
    order by a.code`.execute(db);
  return result.rows;
}

/** Entries that do not balance, have fewer than two postings, or post to an account in another currency. */
export async function unbalancedEntries(db: Db) {
  const result = await sql<{ id: string; entry_seq: bigint; debits: bigint; credits: bigint; postings: number; foreign_postings: number }>`
    select e.id, e.entry_seq,
      coalesce(sum(p.amount) filter (where p.direction = 'debit'), 0)::bigint as debits,
      coalesce(sum(p.amount) filter (where p.direction = 'credit'), 0)::bigint as credits,
      count(p.id)::int as postings,
      (count(*) filter (where a.currency <> e.currency))::int as foreign_postings
    from ledger_entries e
      left join ledger_postings p on p.entry_id = e.id
      left join ledger_accounts a on a.id = p.account_id
    group by e.id, e.entry_seq
    having coalesce(sum(p.amount) filter (where p.direction = 'debit'), 0) <> coalesce(sum(p.amount) filter (where p.direction = 'credit'), 0)
      or count(p.id) < 2 or count(*) filter (where a.currency <> e.currency) > 0
    order by e.entry_seq
    limit 1000`.execute(db);
  return result.rows;
}

/**
 * Postings that took earmarked money for another purpose (the service and the trigger refuse them;
 * this finds any that got in around both, e.g. with triggers disabled during a restore).
 */
export async function earmarkBreaches(db: Db) {
  const result = await sql<{ id: string; entry_seq: bigint; code: string; earmark_type: string; earmark_code: string }>`
    select e.id, e.entry_seq, a.code, a.earmark_type, a.earmark_code
    from ledger_postings p
      join ledger_accounts a on a.id = p.account_id
      join ledger_entries e on e.id = p.entry_id
    where p.direction = 'credit' and a.earmark_type is not null and e.reference_type not in ('reversal', 'fx')
      and not (a.earmark_type = 'program' and e.purpose_program is not distinct from a.earmark_code)
      and not (a.earmark_type = 'capability' and coalesce(e.purpose_capability = a.earmark_code or starts_with(e.purpose_capability, a.earmark_code || '.'), false))
    order by e.entry_seq
    limit 1000`.execute(db);
  return result.rows;
}

/** Reversals that are not the exact mirror of a posted original (same accounts and amounts, sides swapped). */
export async function badReversals(db: Db) {
  const result = await sql<{ id: string; entry_seq: bigint; problem: string }>`
    with pairs as (
      select r.id as rid, r.entry_seq, r.reverses_entry_id as oid, r.currency as rcur, r.status as rstatus, o.currency as ocur, o.status as ostatus
      from ledger_entries r join ledger_entries o on o.id = r.reverses_entry_id
    ), mirrored as (
      select pr.rid, p.account_id, case p.direction when 'debit' then 'credit' else 'debit' end as direction, sum(p.amount) as amount
      from pairs pr join ledger_postings p on p.entry_id = pr.oid group by 1, 2, 3
    ), actual as (
      select pr.rid, p.account_id, p.direction, sum(p.amount) as amount
      from pairs pr join ledger_postings p on p.entry_id = pr.rid group by 1, 2, 3
    ), mismatched as (
      select distinct coalesce(m.rid, x.rid) as rid
      from mirrored m full join actual x on x.rid = m.rid and x.account_id = m.account_id and x.direction = m.direction and x.amount = m.amount
      where m.rid is null or x.rid is null
    )
    select pr.rid as id, pr.entry_seq,
      case when pr.ostatus <> 'posted' then 'reverses an entry that is ' || pr.ostatus
           when pr.rstatus <> 'posted' then 'the reversal is ' || pr.rstatus
           when pr.rcur <> pr.ocur then 'the reversal is in another currency'
           else 'postings do not mirror the original' end as problem
    from pairs pr
    where pr.ostatus <> 'posted' or pr.rstatus <> 'posted' or pr.rcur <> pr.ocur or pr.rid in (select rid from mismatched)
    order by pr.entry_seq
    limit 1000`.execute(db);
  return result.rows;
}

/**
 * Posted money into the fund by source (income accounts, net credits) and out of it by use (expense
 * accounts, net debits), per currency and category (the last part of the account code), for booking
 * dates in [from, to]: the aggregate the public may see.
 */
export async function sourcesAndUses(db: Db, from: string, to: string) {
  const result = await sql<{ side: 'source' | 'use'; currency: string; category: string; amount: bigint }>`
    select case a.type when 'income' then 'source' else 'use' end as side, a.currency, split_part(a.code, '.', 3) as category,
      sum(case when (a.type = 'income') = (p.direction = 'credit') then p.amount else -p.amount end)::bigint as amount
    from ledger_postings p
      join ledger_entries e on e.id = p.entry_id
      join ledger_accounts a on a.id = p.account_id
    where e.status = 'posted' and a.type in ('income', 'expense') and e.effective_date between ${from}::date and ${to}::date
    group by 1, 2, 3
    order by 1 desc, 2, 3`.execute(db);
  return result.rows;
}
