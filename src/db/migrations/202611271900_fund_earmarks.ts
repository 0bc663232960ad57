import { type Kysely, sql } from 'kysely';

// Earmarked money (docs/decisions/0009-fund-earmarks-and-tracing.md). Money given for a program or a
// capability category is held in its own cash account (`1100.<CUR>.…`) that carries the earmark; an
// entry that takes money out of such an account must state a purpose that matches it. The service
// checks this first and answers with a clear 409; the trigger below is the ledger's own guard, so no
// code path can spend earmarked money on something else.
const statements = [
  sql`alter table ledger_accounts
    add column earmark_type text check (earmark_type in ('program', 'capability')),
    add column earmark_code text,
    add constraint ledger_accounts_earmark_pair check ((earmark_type is null) = (earmark_code is null))`,
  sql`create unique index ledger_accounts_earmark_idx on ledger_accounts (earmark_type, earmark_code, currency) where earmark_type is not null`,
  sql`alter table ledger_entries
    add column purpose_program text,
    add column purpose_capability text`,

  // A capability earmark covers its sub-categories (`uav` covers `uav.fpv`). Reversals mirror an entry
  // that was itself allowed; exchange legs keep the earmark (the service only exchanges into an
  // account with the same earmark).
  sql`create function ledger_earmark_guard() returns trigger language plpgsql as $$
    declare
      account record;
      entry record;
    begin
      if new.direction <> 'credit' then return new; end if;
      select code, earmark_type, earmark_code into account from ledger_accounts where id = new.account_id;
      if account.earmark_type is null then return new; end if;
      select reference_type, purpose_program, purpose_capability into entry from ledger_entries where id = new.entry_id;
      if entry.reference_type in ('reversal', 'fx') then return new; end if;
      if account.earmark_type = 'program' and entry.purpose_program = account.earmark_code then return new; end if;
      if account.earmark_type = 'capability' and (entry.purpose_capability = account.earmark_code
        or starts_with(entry.purpose_capability, account.earmark_code || '.')) then return new; end if;
      raise exception 'account % holds money earmarked for % %; entry % does not state that purpose',
        account.code, account.earmark_type, account.earmark_code, new.entry_id
        using errcode = 'check_violation';
    end
  $$`,
  sql`create trigger ledger_postings_earmark_guard before insert on ledger_postings
    for each row execute function ledger_earmark_guard()`,
];

/** Adds earmarks to accounts, purposes to entries, and the guard that keeps earmarked money to its purpose. */
export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) await statement.execute(db);
}

/** Removes the earmark guard and columns (only safe before any earmarked money was booked). */
export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop trigger if exists ledger_postings_earmark_guard on ledger_postings`.execute(db);
  await sql`drop function if exists ledger_earmark_guard()`.execute(db);
  await sql`alter table ledger_entries drop column if exists purpose_program, drop column if exists purpose_capability`.execute(db);
  await sql`drop index if exists ledger_accounts_earmark_idx`.execute(db);
  await sql`alter table ledger_accounts drop constraint if exists ledger_accounts_earmark_pair, drop column if exists earmark_type, drop column if exists earmark_code`.execute(db);
}
