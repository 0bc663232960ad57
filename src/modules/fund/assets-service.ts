import type { Kysely, Transaction } from 'kysely';
import type { AuthContext } from '../../core/access.ts';
import { AppError, type FieldError, invalidFields as invalid } from '../../core/errors.ts';
import { inTransaction } from '../../core/idempotency.ts';
import { uuidv7 } from '../../core/ids.ts';
import type { Database, FundAssetStatus } from '../../db/schema.ts';
import { type AuditActor, recordAudit } from '../audit/service.ts';
import { getPerson, organizationExists } from '../registry/service.ts';
import * as repo from './assets-repo.ts';
import { ASSET_STATUSES, type TAsset, type TAssetListQuery, type TAssetSummary, type TAssetTransition, type TCreateAsset, type TSale, type TValuation } from './assets-schema.ts';
import type { TCurrency } from './schema.ts';
import { createEntry, todayUtc } from './service.ts';

type Db = Kysely<Database>;

const NOT_FOUND = 'no such asset';

/**
 * The register's state machine: an asset moves one step at a time along seized → confiscated →
 * in_management → for_sale → sold → proceeds_received, never back (a court reversal is a new record
 * decision, outside this register's scope).
 */
export function allowedAssetTransitions(status: FundAssetStatus): FundAssetStatus[] {
  const next = ASSET_STATUSES[ASSET_STATUSES.indexOf(status) + 1];
  return next ? [next] : [];
}


function notInFuture(date: string, field: string, errors: FieldError[]): void {
  if (date > todayUtc()) errors.push({ field, message: 'must not be in the future' });
}

function presentSummary(row: repo.AssetRow): TAssetSummary {
  return {
    id: row.id,
    kind: row.kind,
    description: row.description,
    formerOwner: row.former_owner_type ? { type: row.former_owner_type, registryId: row.former_owner_id, name: row.former_owner_name } : null,
    legalBasis: { court: row.legal_court, decisionNumber: row.legal_decision_number, decisionDate: row.legal_decision_date },
    custodian: row.custodian,
    status: row.status,
    allowedTransitions: allowedAssetTransitions(row.status),
    version: row.version,
    createdBy: row.created_by,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}

async function presentAsset(db: Db | Transaction<Database>, row: repo.AssetRow): Promise<TAsset> {
  const [valuations, transitions, sale] = await Promise.all([repo.listValuations(db, row.id), repo.listTransitions(db, row.id), repo.findSale(db, row.id)]);
  return {
    ...presentSummary(row),
    valuations: valuations.map((v) => ({ id: v.id, date: v.valued_on, amount: Number(v.amount), currency: v.currency, valuer: v.valuer, recordedBy: v.created_by, recordedAt: v.created_at.toISOString() })),
    statusHistory: transitions.map((t) => ({ from: t.from_status, to: t.to_status, note: t.note, by: t.actor, at: t.at.toISOString() })),
    sale: sale
      ? {
          date: sale.sale_date,
          method: sale.method,
          lotReference: sale.lot_reference,
          buyerName: sale.buyer_name,
          price: Number(sale.price),
          costs: Number(sale.costs),
          netProceeds: Number(sale.price - sale.costs),
          currency: sale.currency,
          proceedsEntryId: sale.proceeds_entry_id,
          recordedBy: sale.created_by,
          recordedAt: sale.created_at.toISOString(),
        }
      : null,
  };
}

/** A page of assets, filtered by kind, status or former owner. */
export async function listAssets(db: Db, query: TAssetListQuery) {
  const { items, total } = await repo.listAssets(db, { kind: query.kind, status: query.status, formerOwnerId: query.formerOwnerId }, query.limit, query.offset);
  return { items: items.map(presentSummary), total };
}

/** One asset with its valuation and status histories and its sale; 404 when there is none. */
export async function getAsset(db: Db, id: string): Promise<TAsset> {
  const row = await repo.findAsset(db, id);
  if (!row) throw new AppError('not_found', NOT_FOUND);
  return presentAsset(db, row);
}

/** True when the registry holds the person or organization (read through the registry's service). */
export async function registryPartyExists(db: Db, auth: AuthContext, type: 'person' | 'organization', id: string): Promise<boolean> {
  if (type === 'organization') return organizationExists(db, id);
  try {
    await getPerson(db, auth, id);
    return true;
  } catch (error) {
    if (error instanceof AppError && error.code === 'not_found') return false;
    throw error;
  }
}

/** Registers a seized asset (status `seized`, with its first status-history line), audited. */
export async function createAsset(db: Db, auth: AuthContext, actor: AuditActor, input: TCreateAsset): Promise<TAsset> {
  const errors: FieldError[] = [];
  notInFuture(input.legalBasis.decisionDate, 'body.legalBasis.decisionDate', errors);
  const owner = input.formerOwner;
  if (owner?.registryId && !(await registryPartyExists(db, auth, owner.type, owner.registryId))) errors.push({ field: 'body.formerOwner.registryId', message: `is not a ${owner.type} in the registry` });
  if (errors.length) throw invalid(errors);
  return inTransaction(db, async (trx) => {
    const id = uuidv7();
    const now = new Date();
    await repo.insertAsset(trx, {
      id,
      kind: input.kind,
      description: input.description,
      former_owner_type: owner?.type ?? null,
      former_owner_id: owner?.registryId ?? null,
      former_owner_name: owner?.name ?? null,
      legal_court: input.legalBasis.court,
      legal_decision_number: input.legalBasis.decisionNumber,
      legal_decision_date: input.legalBasis.decisionDate,
      custodian: input.custodian ?? null,
      status: 'seized',
      created_by: actor.actorLabel,
      created_at: now,
      updated_at: now,
    });
    await repo.insertTransition(trx, { id: uuidv7(), asset_id: id, from_status: null, to_status: 'seized', note: null, actor: actor.actorLabel, at: now });
    await recordAudit(trx, actor, { action: 'fund.asset.registered', targetType: 'fund_asset', targetId: id, details: { kind: input.kind, decisionNumber: input.legalBasis.decisionNumber } });
    return presentAsset(trx, (await repo.findAsset(trx, id))!);
  });
}

/** Adds a valuation to the asset's history, audited. */
export async function addValuation(db: Db, actor: AuditActor, id: string, input: TValuation): Promise<TAsset> {
  const errors: FieldError[] = [];
  notInFuture(input.date, 'body.date', errors);
  if (errors.length) throw invalid(errors);
  return inTransaction(db, async (trx) => {
    const row = await repo.lockAsset(trx, id);
    if (!row) throw new AppError('not_found', NOT_FOUND);
    const now = new Date();
    await repo.insertValuation(trx, { id: uuidv7(), asset_id: id, valued_on: input.date, amount: BigInt(input.amount), currency: input.currency, valuer: input.valuer, created_by: actor.actorLabel, created_at: now });
    await repo.touchAsset(trx, id, now);
    await recordAudit(trx, actor, { action: 'fund.asset.valued', targetType: 'fund_asset', targetId: id, details: { date: input.date, amount: input.amount, currency: input.currency } });
    return presentAsset(trx, (await repo.findAsset(trx, id))!);
  });
}

/** Records the sale of an asset that is for sale (one sale per asset); the step to `sold` follows. */
export async function recordSale(db: Db, actor: AuditActor, id: string, input: TSale): Promise<TAsset> {
  const errors: FieldError[] = [];
  notInFuture(input.date, 'body.date', errors);
  if (input.costs >= input.price) errors.push({ field: 'body.costs', message: 'must be less than the price (the net proceeds must be positive)' });
  if (errors.length) throw invalid(errors);
  return inTransaction(db, async (trx) => {
    const row = await repo.lockAsset(trx, id);
    if (!row) throw new AppError('not_found', NOT_FOUND);
    if (row.status !== 'for_sale') {
      throw new AppError('invalid_transition', { detail: `a sale is recorded only while the asset is for_sale; it is ${row.status}`, extra: { currentStatus: row.status, allowed: allowedAssetTransitions(row.status) } });
    }
    if (await repo.findSale(trx, id)) throw new AppError('already_exists', 'this asset already has a sale on record');
    const now = new Date();
    await repo.insertSale(trx, {
      asset_id: id,
      sale_date: input.date,
      method: input.method,
      lot_reference: input.lotReference ?? null,
      buyer_name: input.buyerName,
      price: BigInt(input.price),
      costs: BigInt(input.costs),
      currency: input.currency,
      created_by: actor.actorLabel,
      created_at: now,
    });
    await repo.touchAsset(trx, id, now);
    await recordAudit(trx, actor, { action: 'fund.asset.sale_recorded', targetType: 'fund_asset', targetId: id, details: { method: input.method, price: input.price, costs: input.costs, currency: input.currency } });
    return presentAsset(trx, (await repo.findAsset(trx, id))!);
  });
}

/**
 * Moves the asset one step, audited. `sold` needs the sale on record; `proceeds_received` books the
 * net proceeds (price − costs) in the same transaction: debit the fund bank account, credit the
 * asset-sale income account of the sale currency, referenced `asset_sale`/asset id, under the client
 * key `asset_sale:<id>` so the ledger itself refuses a second booking.
 */
export async function transitionAsset(db: Db, actor: AuditActor, id: string, input: TAssetTransition): Promise<TAsset> {
  return inTransaction(db, async (trx) => {
    const row = await repo.lockAsset(trx, id);
    if (!row) throw new AppError('not_found', NOT_FOUND);
    const allowed = allowedAssetTransitions(row.status);
    if (!allowed.includes(input.to)) {
      throw new AppError('invalid_transition', {
        detail: `an asset that is ${row.status} cannot move to ${input.to}; allowed now: ${allowed.join(', ') || 'none'}`,
        extra: { currentStatus: row.status, allowed },
      });
    }
    if (row.version !== input.version) throw new AppError('conflict', { detail: `the asset changed since you read it (version ${row.version}, you sent ${input.version})`, extra: { currentVersion: row.version } });
    const sale = await repo.findSale(trx, id);
    let proceedsEntryId: string | null = null;
    if (input.to === 'sold' && !sale) throw new AppError('conflict', 'record the sale (POST …/sale) before marking the asset sold');
    if (input.to === 'proceeds_received') {
      if (!sale) throw new AppError('conflict', 'the asset has no sale on record');
      const net = sale.price - sale.costs;
      const booked = await createEntry(trx, actor, {
        currency: sale.currency as TCurrency,
        description: `Net proceeds of asset sale ${sale.lot_reference ?? id} (${sale.method}, buyer ${sale.buyer_name})`.slice(0, 500),
        referenceType: 'asset_sale',
        referenceId: id,
        clientKey: `asset_sale:${id}`,
        postings: [
          { account: `1000.${sale.currency}.fund`, direction: 'debit', amount: Number(net) },
          { account: `4000.${sale.currency}.asset_sales`, direction: 'credit', amount: Number(net) },
        ],
      });
      proceedsEntryId = booked.entry.id;
      await repo.setProceedsEntry(trx, id, proceedsEntryId);
    }
    const now = new Date();
    await repo.setAssetStatus(trx, id, input.to, now);
    await repo.insertTransition(trx, { id: uuidv7(), asset_id: id, from_status: row.status, to_status: input.to, note: input.note ?? null, actor: actor.actorLabel, at: now });
    await recordAudit(trx, actor, {
      action: 'fund.asset.transitioned',
      targetType: 'fund_asset',
      targetId: id,
      details: { from: row.status, to: input.to, ...(proceedsEntryId ? { proceedsEntryId } : {}) },
    });
    return presentAsset(trx, (await repo.findAsset(trx, id))!);
  });
}
