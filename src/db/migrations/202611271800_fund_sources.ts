import { type Kysely, sql } from 'kysely';

// Sources of money of the special defense fund: the confiscated-asset register (valuations, status
// history, sale) and donations. Proceeds and donations are booked in the ledger; the ledger entry's
// reference (asset_sale/donation + id) and the id stored here link both ways.
const statements = [
  sql`create table fund_assets (
    id uuid primary key,
    kind text not null check (kind in ('real_estate', 'company_shares', 'vessel', 'aircraft', 'securities', 'cash', 'other')),
    description text not null,
    former_owner_type text check (former_owner_type in ('person', 'organization')),
    former_owner_id uuid,
    former_owner_name text,
    legal_court text not null,
    legal_decision_number text not null,
    legal_decision_date date not null,
    custodian text,
    status text not null check (status in ('seized', 'confiscated', 'in_management', 'for_sale', 'sold', 'proceeds_received')),
    version int not null default 1,
    created_by text not null,
    created_at timestamptz not null,
    updated_at timestamptz not null,
    check (former_owner_id is null or former_owner_type is not null)
  )`,
  sql`create index fund_assets_status_idx on fund_assets (status, created_at)`,
  sql`create index fund_assets_former_owner_idx on fund_assets (former_owner_id)`,

  sql`create table fund_asset_valuations (
    id uuid primary key,
    asset_id uuid not null references fund_assets (id),
    valued_on date not null,
    amount bigint not null check (amount >= 0),
    currency char(3) not null check (currency ~ '^[A-Z]{3}$'),
    valuer text not null,
    created_by text not null,
    created_at timestamptz not null
  )`,
  sql`create index fund_asset_valuations_asset_idx on fund_asset_valuations (asset_id, valued_on)`,

  sql`create table fund_asset_transitions (
    id uuid primary key,
    asset_id uuid not null references fund_assets (id),
    from_status text,
    to_status text not null,
    note text,
    actor text not null,
    at timestamptz not null
  )`,
  sql`create index fund_asset_transitions_asset_idx on fund_asset_transitions (asset_id, at)`,

  // One sale per asset; the proceeds entry is filled in by the step sold → proceeds_received.
  sql`create table fund_asset_sales (
    asset_id uuid primary key references fund_assets (id),
    sale_date date not null,
    method text not null check (method in ('auction', 'direct', 'tender')),
    lot_reference text,
    buyer_name text not null,
    price bigint not null check (price > 0),
    costs bigint not null default 0 check (costs >= 0),
    currency char(3) not null check (currency ~ '^[A-Z]{3}$'),
    proceeds_entry_id uuid unique references ledger_entries (id),
    created_by text not null,
    created_at timestamptz not null,
    check (costs < price)
  )`,

  sql`create table fund_donations (
    id uuid primary key,
    donor_kind text not null check (donor_kind in ('state', 'organization', 'person')),
    donor_name text not null,
    donor_registry_id uuid,
    amount bigint not null check (amount > 0),
    currency char(3) not null check (currency ~ '^[A-Z]{3}$'),
    donated_on date not null,
    earmark_type text not null check (earmark_type in ('none', 'program', 'capability')),
    earmark_code text,
    agreement_document_id uuid,
    ledger_entry_id uuid not null unique references ledger_entries (id),
    created_by text not null,
    created_at timestamptz not null,
    check ((earmark_type = 'none') = (earmark_code is null)),
    check (donor_kind <> 'state' or donor_registry_id is null)
  )`,
  sql`create index fund_donations_date_idx on fund_donations (donated_on, id)`,

  // Asset-sale income in every currency the fund has a bank account in (UAH was seeded with the ledger).
  sql`insert into ledger_accounts (id, code, name_uk, name_en, type, currency, opened_at) values
    ('01900000-0000-7000-8000-000000004002', '4000.EUR.asset_sales', 'Надходження від продажу конфіскованих активів (євро)', 'Confiscated-asset proceeds (EUR)', 'income', 'EUR', now()),
    ('01900000-0000-7000-8000-000000004003', '4000.USD.asset_sales', 'Надходження від продажу конфіскованих активів (долар США)', 'Confiscated-asset proceeds (USD)', 'income', 'USD', now())
    on conflict (code) do nothing`,
];

/** Creates the asset register and donation tables and the EUR/USD asset-sale income accounts. */
export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) await statement.execute(db);
}

/** Drops what `up` created (only safe before any proceeds or donations were booked). */
export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ['fund_donations', 'fund_asset_sales', 'fund_asset_transitions', 'fund_asset_valuations', 'fund_assets']) await sql`drop table if exists ${sql.raw(table)}`.execute(db);
  await sql`delete from ledger_accounts where code in ('4000.EUR.asset_sales', '4000.USD.asset_sales') and debits_posted = 0 and credits_posted = 0`.execute(db);
}
