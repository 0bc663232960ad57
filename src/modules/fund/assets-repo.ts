import { type Insertable, type Kysely, type Transaction, sql } from 'kysely';
import type { Database, FundAssetSalesTable, FundAssetStatus, FundAssetTransitionsTable, FundAssetValuationsTable, FundAssetsTable } from '../../db/schema.ts';

type Db = Kysely<Database> | Transaction<Database>;

/** An asset row. */
export type AssetRow = NonNullable<Awaited<ReturnType<typeof findAsset>>>;

/** The asset with this id, or undefined. */
export async function findAsset(db: Db, id: string) {
  return db.selectFrom('fund_assets').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Locks the asset's row until the transaction ends and returns it, or undefined. */
export async function lockAsset(trx: Transaction<Database>, id: string) {
  return trx.selectFrom('fund_assets').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
}

/** Inserts an asset. */
export async function insertAsset(trx: Transaction<Database>, row: Insertable<FundAssetsTable>): Promise<void> {
  await trx.insertInto('fund_assets').values(row).execute();
}

/** Sets the asset's status, bumping its version. */
export async function setAssetStatus(trx: Transaction<Database>, id: string, status: FundAssetStatus, at: Date): Promise<void> {
  await trx
    .updateTable('fund_assets')
    .set((eb) => ({ status, updated_at: at, version: eb('version', '+', 1) }))
    .where('id', '=', id)
    .execute();
}

/** Bumps the asset's version (a valuation or sale changed what a reader saw). */
export async function touchAsset(trx: Transaction<Database>, id: string, at: Date): Promise<void> {
  await trx
    .updateTable('fund_assets')
    .set((eb) => ({ updated_at: at, version: eb('version', '+', 1) }))
    .where('id', '=', id)
    .execute();
}

/** Filters of the asset list. */
export interface AssetFilter {
  kind?: string;
  status?: string;
  formerOwnerId?: string;
}

/** A page of assets, newest first, with the total. */
export async function listAssets(db: Db, filter: AssetFilter, limit: number, offset: number) {
  let query = db.selectFrom('fund_assets');
  if (filter.kind) query = query.where('kind', '=', filter.kind as FundAssetsTable['kind']);
  if (filter.status) query = query.where('status', '=', filter.status as FundAssetStatus);
  if (filter.formerOwnerId) query = query.where('former_owner_id', '=', filter.formerOwnerId);
  const items = await query.selectAll().orderBy('created_at', 'desc').orderBy('id', 'desc').limit(limit).offset(offset).execute();
  const { total } = await query.select(sql<number>`count(*)::int`.as('total')).executeTakeFirstOrThrow();
  return { items, total: Number(total) };
}

/** Inserts a valuation. */
export async function insertValuation(trx: Transaction<Database>, row: Insertable<FundAssetValuationsTable>): Promise<void> {
  await trx.insertInto('fund_asset_valuations').values(row).execute();
}

/** The asset's valuations, by date. */
export async function listValuations(db: Db, assetId: string) {
  return db.selectFrom('fund_asset_valuations').selectAll().where('asset_id', '=', assetId).orderBy('valued_on').orderBy('id').execute();
}

/** Inserts a status-history line. */
export async function insertTransition(trx: Transaction<Database>, row: Insertable<FundAssetTransitionsTable>): Promise<void> {
  await trx.insertInto('fund_asset_transitions').values(row).execute();
}

/** The asset's status history, oldest first. */
export async function listTransitions(db: Db, assetId: string) {
  return db.selectFrom('fund_asset_transitions').selectAll().where('asset_id', '=', assetId).orderBy('at').orderBy('id').execute();
}

/** The asset's sale, or undefined. */
export async function findSale(db: Db, assetId: string) {
  return db.selectFrom('fund_asset_sales').selectAll().where('asset_id', '=', assetId).executeTakeFirst();
}

/** Inserts the asset's sale. */
export async function insertSale(trx: Transaction<Database>, row: Insertable<FundAssetSalesTable>): Promise<void> {
  await trx.insertInto('fund_asset_sales').values(row).execute();
}

/** Links the sale to the ledger entry that booked its net proceeds. */
export async function setProceedsEntry(trx: Transaction<Database>, assetId: string, entryId: string): Promise<void> {
  await trx.updateTable('fund_asset_sales').set({ proceeds_entry_id: entryId }).where('asset_id', '=', assetId).execute();
}
