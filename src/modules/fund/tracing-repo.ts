import { type Kysely, type Transaction, sql } from 'kysely';
import type { Database, LedgerDirection, LedgerReferenceType } from '../../db/schema.ts';

type Db = Kysely<Database> | Transaction<Database>;

/** One posting of a posted entry on a cash pool account, with what tracing needs to know of its entry. */
export interface PoolMovementRow {
  entry_id: string;
  entry_seq: bigint;
  effective_date: string;
  currency: string;
  description: string;
  reference_type: LedgerReferenceType;
  reference_id: string | null;
  reverses_entry_id: string | null;
  purpose_program: string | null;
  purpose_capability: string | null;
  account_code: string;
  direction: LedgerDirection;
  amount: bigint;
  /** Who gave the money, when the entry books a donation. */
  donor_name: string | null;
  /** What was sold, when the entry books the proceeds of a confiscated asset. */
  asset_description: string | null;
  /** The income account the entry credits (asset_sales, donations, budget…), which names the kind of source. */
  income_category: string | null;
}

/**
 * Every posting of a posted entry on a cash pool account (`1000.*` bank accounts and `1100.*`
 * earmarked cash), in booking order (entry sequence, then posting order): the whole history tracing
 * replays. Pending and voided entries moved no money and are left out.
 */
export async function poolMovements(db: Db): Promise<PoolMovementRow[]> {
  const result = await sql<PoolMovementRow>`
    select e.id as entry_id, e.entry_seq, e.effective_date::text as effective_date, e.currency, e.description, e.reference_type,
      e.reference_id, e.reverses_entry_id, e.purpose_program, e.purpose_capability,
      a.code as account_code, p.direction, p.amount,
      d.donor_name, fa.description as asset_description,
      (select split_part(ia.code, '.', 3) from ledger_postings ip join ledger_accounts ia on ia.id = ip.account_id
        where ip.entry_id = e.id and ia.type = 'income' and ip.direction = 'credit' order by ip.seq limit 1) as income_category
    from ledger_entries e
      join ledger_postings p on p.entry_id = e.id
      join ledger_accounts a on a.id = p.account_id
      left join fund_donations d on d.ledger_entry_id = e.id
      left join fund_asset_sales s on s.proceeds_entry_id = e.id
      left join fund_assets fa on fa.id = s.asset_id
    where e.status = 'posted' and (a.code like '1000.%' or a.code like '1100.%')
    order by e.entry_seq, p.seq`.execute(db);
  return result.rows.map((r) => ({ ...r, entry_seq: BigInt(r.entry_seq), amount: BigInt(r.amount) }));
}
