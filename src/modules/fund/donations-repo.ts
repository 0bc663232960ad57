import { type Insertable, type Kysely, type Transaction, sql } from 'kysely';
import type { Database, FundDonationsTable } from '../../db/schema.ts';

type Db = Kysely<Database> | Transaction<Database>;

/** The donation with this id, or undefined. */
export async function findDonation(db: Db, id: string) {
  return db.selectFrom('fund_donations').selectAll().where('id', '=', id).executeTakeFirst();
}

/** A donation row. */
export type DonationRow = NonNullable<Awaited<ReturnType<typeof findDonation>>>;

/** Inserts a donation. */
export async function insertDonation(trx: Transaction<Database>, row: Insertable<FundDonationsTable>): Promise<void> {
  await trx.insertInto('fund_donations').values(row).execute();
}

/** Filters of the donation list. */
export interface DonationFilter {
  currency?: string;
  donorKind?: string;
  earmarkType?: string;
  from?: string;
  to?: string;
}

/** A page of donations, newest date first, with the total. */
export async function listDonations(db: Db, filter: DonationFilter, limit: number, offset: number) {
  let query = db.selectFrom('fund_donations');
  if (filter.currency) query = query.where('currency', '=', filter.currency);
  if (filter.donorKind) query = query.where('donor_kind', '=', filter.donorKind as FundDonationsTable['donor_kind']);
  if (filter.earmarkType) query = query.where('earmark_type', '=', filter.earmarkType as FundDonationsTable['earmark_type']);
  if (filter.from) query = query.where('donated_on', '>=', filter.from);
  if (filter.to) query = query.where('donated_on', '<=', filter.to);
  const items = await query.selectAll().orderBy('donated_on', 'desc').orderBy('id', 'desc').limit(limit).offset(offset).execute();
  const { total } = await query.select(sql<number>`count(*)::int`.as('total')).executeTakeFirstOrThrow();
  return { items, total: Number(total) };
}
