import { type Kysely, sql } from 'kysely';

// The special defense fund's double-entry ledger (docs/decisions/0008-fund-ledger.md): accounts with
// running totals kept in the transaction of every posting, entries (two-phase: pending → posted or
// voided), and postings. Entries and postings are history: the database refuses to change them, except
// the one status change a pending entry may make.
const statements = [
  sql`create table ledger_accounts (
    id uuid primary key,
    code text not null unique check (code ~ '^[0-9]{4}\\.[A-Z]{3}\\.[a-z][a-z0-9_]{0,59}$'),
    name_uk text not null,
    name_en text not null,
    type text not null check (type in ('asset', 'liability', 'equity', 'income', 'expense')),
    currency char(3) not null check (currency ~ '^[A-Z]{3}$'),
    debits_must_not_exceed_credits boolean not null default false,
    credits_must_not_exceed_debits boolean not null default false,
    owner_type text not null default 'fund' check (owner_type in ('fund', 'program', 'award', 'organization')),
    owner_id uuid,
    debits_posted bigint not null default 0 check (debits_posted >= 0),
    credits_posted bigint not null default 0 check (credits_posted >= 0),
    debits_pending bigint not null default 0 check (debits_pending >= 0),
    credits_pending bigint not null default 0 check (credits_pending >= 0),
    opened_at timestamptz not null,
    closed_at timestamptz,
    version int not null default 1,
    -- The account code names the currency; both must agree so a code never lies.
    check (substr(code, 6, 3) = currency),
    check (not (debits_must_not_exceed_credits and credits_must_not_exceed_debits)),
    check (owner_type = 'fund' or owner_id is not null),
    -- Last line of defence behind the service's checks (TigerBeetle's balance flags): a pending
    -- reservation counts against what the account may still give.
    constraint ledger_accounts_debits_within_credits
      check (not debits_must_not_exceed_credits or debits_posted + debits_pending <= credits_posted),
    constraint ledger_accounts_credits_within_debits
      check (not credits_must_not_exceed_debits or credits_posted + credits_pending <= debits_posted)
  )`,
  sql`create index ledger_accounts_owner_idx on ledger_accounts (owner_type, owner_id)`,

  sql`create table ledger_entries (
    id uuid primary key,
    entry_seq bigserial not null unique,
    currency char(3) not null check (currency ~ '^[A-Z]{3}$'),
    description text not null,
    reference_type text not null
      check (reference_type in ('asset_sale', 'donation', 'budget', 'disbursement', 'clawback', 'fx', 'reversal', 'other')),
    reference_id text,
    reverses_entry_id uuid unique references ledger_entries (id),
    status text not null check (status in ('posted', 'pending', 'voided')),
    effective_date date not null,
    client_key text not null unique,
    content_hash text not null,
    fx_rate numeric(24, 12),
    fx_rate_source text,
    fx_rate_date date,
    created_by_id uuid,
    created_by text not null,
    created_at timestamptz not null,
    resolved_by text,
    resolved_at timestamptz,
    check ((reference_type = 'reversal') = (reverses_entry_id is not null)),
    check ((fx_rate is null) = (fx_rate_source is null) and (fx_rate is null) = (fx_rate_date is null)),
    check (status <> 'pending' or resolved_at is null)
  )`,
  sql`create index ledger_entries_effective_idx on ledger_entries (effective_date, entry_seq)`,
  sql`create index ledger_entries_reference_idx on ledger_entries (reference_type, reference_id)`,

  sql`create table ledger_postings (
    id uuid primary key,
    entry_id uuid not null references ledger_entries (id),
    account_id uuid not null references ledger_accounts (id),
    direction text not null check (direction in ('debit', 'credit')),
    amount bigint not null check (amount > 0),
    seq int not null check (seq >= 0),
    unique (entry_id, seq)
  )`,
  sql`create index ledger_postings_account_idx on ledger_postings (account_id, entry_id)`,

  // Postings never change. Entries change only once: a pending entry is posted or voided, and nothing
  // else about it may change on the way.
  sql`create function ledger_entry_guard() returns trigger language plpgsql as $$
    begin
      if tg_op = 'UPDATE' and old.status = 'pending' and new.status in ('posted', 'voided')
        and (to_jsonb(new) - 'status' - 'resolved_by' - 'resolved_at') = (to_jsonb(old) - 'status' - 'resolved_by' - 'resolved_at') then
        return new;
      end if;
      raise exception 'ledger entries are append-only: % of entry % (status %) is not allowed', tg_op, old.id, old.status
        using errcode = 'insufficient_privilege';
    end
  $$`,
  sql`create trigger ledger_entries_guard before update or delete on ledger_entries
    for each row execute function ledger_entry_guard()`,
  sql`create trigger ledger_entries_no_truncate before truncate on ledger_entries
    for each statement execute function refuse_history_change()`,
  sql`create trigger ledger_postings_append_only before update or delete on ledger_postings
    for each row execute function refuse_history_change()`,
  sql`create trigger ledger_postings_no_truncate before truncate on ledger_postings
    for each statement execute function refuse_history_change()`,

  // The starting chart of accounts. Bank accounts may not pay out more than they hold; awards payable
  // may not be paid beyond what was awarded. FX clearing carries the fund's position in each currency
  // between the two legs of an exchange, so it has no flag.
  sql`insert into ledger_accounts (id, code, name_uk, name_en, type, currency, debits_must_not_exceed_credits, credits_must_not_exceed_debits, opened_at) values
    ('01900000-0000-7000-8000-000000001001', '1000.UAH.fund', 'Рахунок фонду в банку (гривня)', 'Fund bank account (UAH)', 'asset', 'UAH', false, true, now()),
    ('01900000-0000-7000-8000-000000001002', '1000.EUR.fund', 'Рахунок фонду в банку (євро)', 'Fund bank account (EUR)', 'asset', 'EUR', false, true, now()),
    ('01900000-0000-7000-8000-000000001003', '1000.USD.fund', 'Рахунок фонду в банку (долар США)', 'Fund bank account (USD)', 'asset', 'USD', false, true, now()),
    ('01900000-0000-7000-8000-000000001901', '1900.UAH.fx', 'Валютний клірінг (гривня)', 'FX clearing (UAH)', 'asset', 'UAH', false, false, now()),
    ('01900000-0000-7000-8000-000000001902', '1900.EUR.fx', 'Валютний клірінг (євро)', 'FX clearing (EUR)', 'asset', 'EUR', false, false, now()),
    ('01900000-0000-7000-8000-000000001903', '1900.USD.fx', 'Валютний клірінг (долар США)', 'FX clearing (USD)', 'asset', 'USD', false, false, now()),
    ('01900000-0000-7000-8000-000000002001', '2000.UAH.awards_payable', 'Зобов’язання за грантами', 'Awards payable', 'liability', 'UAH', true, false, now()),
    ('01900000-0000-7000-8000-000000004001', '4000.UAH.asset_sales', 'Надходження від продажу конфіскованих активів', 'Confiscated-asset proceeds', 'income', 'UAH', false, false, now()),
    ('01900000-0000-7000-8000-000000004101', '4100.UAH.donations', 'Благодійні внески (гривня)', 'Donations (UAH)', 'income', 'UAH', false, false, now()),
    ('01900000-0000-7000-8000-000000004102', '4100.EUR.donations', 'Благодійні внески (євро)', 'Donations (EUR)', 'income', 'EUR', false, false, now()),
    ('01900000-0000-7000-8000-000000004103', '4100.USD.donations', 'Благодійні внески (долар США)', 'Donations (USD)', 'income', 'USD', false, false, now()),
    ('01900000-0000-7000-8000-000000004201', '4200.UAH.budget', 'Бюджетні асигнування', 'Budget allocations', 'income', 'UAH', false, false, now()),
    ('01900000-0000-7000-8000-000000005001', '5000.UAH.disbursements', 'Виплати за грантами', 'Award disbursements', 'expense', 'UAH', false, false, now())`,
];

/** Creates the ledger tables, their immutability triggers and the starting chart of accounts. */
export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) await statement.execute(db);
}

/** Drops what `up` created (only safe before any real money was booked). */
export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ['ledger_postings', 'ledger_entries', 'ledger_accounts']) await sql`drop table if exists ${sql.raw(table)}`.execute(db);
  await sql`drop function if exists ledger_entry_guard()`.execute(db);
}
