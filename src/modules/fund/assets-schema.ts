import { z } from 'zod';
import { zPageQuery, zText } from '../../core/schemas.ts';
import { zAmount, zCurrency } from './schema.ts';

/** Kinds of confiscated asset. */
export const ASSET_KINDS = ['real_estate', 'company_shares', 'vessel', 'aircraft', 'securities', 'cash', 'other'] as const;
/** Statuses of a confiscated asset, in the order it moves through them. */
export const ASSET_STATUSES = ['seized', 'confiscated', 'in_management', 'for_sale', 'sold', 'proceeds_received'] as const;
/** How an asset was sold. */
export const SALE_METHODS = ['auction', 'direct', 'tender'] as const;
/** Currencies the fund holds a bank account and an income account in: proceeds and donations are booked only in these. */
export const BOOKABLE_CURRENCIES = ['UAH', 'EUR', 'USD'] as const;
/** A currency in which money can be received into the fund. */
export const zBookableCurrency = z.enum(BOOKABLE_CURRENCIES).describe('ISO 4217 currency of a fund bank account');

/** A calendar date in a request: not before 1990, not after 2100 (the service refuses future dates where that matters). */
export const zRecordDate = z.iso.date('must be a date as YYYY-MM-DD').refine((v) => v >= '1990-01-01' && v <= '2100-12-31', 'must be between 1990 and 2100');

/** A registry party: a person or an organization id, and the name as written in the source. */
const ZFormerOwner = z.strictObject({
  type: z.enum(['person', 'organization']),
  registryId: z.uuid('must be a UUID').optional().describe('the registry person or organization id, when the owner is on record'),
  name: zText(300).describe('the name as written in the court decision'),
});

/** Body of a new asset. */
export const ZCreateAssetBody = z.strictObject({
  kind: z.enum(ASSET_KINDS),
  description: zText(2000),
  formerOwner: ZFormerOwner.optional(),
  legalBasis: z.strictObject({ court: zText(300), decisionNumber: zText(100), decisionDate: zRecordDate }),
  custodian: zText(300).optional().describe('who holds or manages the asset'),
});
/** A validated new asset. */
export type TCreateAsset = z.infer<typeof ZCreateAssetBody>;

/** Body of a valuation. */
export const ZValuationBody = z.strictObject({
  date: zRecordDate,
  amount: zAmount,
  currency: zCurrency,
  valuer: zText(300),
});
/** A validated valuation. */
export type TValuation = z.infer<typeof ZValuationBody>;

/** Body of a status step. */
export const ZAssetTransitionBody = z.strictObject({
  to: z.enum(ASSET_STATUSES).describe('the next status; only the next step in the order is allowed'),
  version: z.int().min(1).describe('the version you read; a different current version is a 409'),
  note: zText(1000).optional(),
});
/** A validated status step. */
export type TAssetTransition = z.infer<typeof ZAssetTransitionBody>;

/** Body of a sale record (while the asset is for sale). */
export const ZSaleBody = z.strictObject({
  date: zRecordDate,
  method: z.enum(SALE_METHODS),
  lotReference: zText(200).optional(),
  buyerName: zText(300),
  price: zAmount,
  costs: z.int().min(0).max(Number.MAX_SAFE_INTEGER).default(0).describe('minor units: sale costs deducted before the proceeds reach the fund'),
  currency: zBookableCurrency,
});
/** A validated sale. */
export type TSale = z.infer<typeof ZSaleBody>;

/** Filters of the asset list. */
export const ZAssetListQuery = z.strictObject({
  kind: z.enum(ASSET_KINDS).optional(),
  status: z.enum(ASSET_STATUSES).optional(),
  formerOwnerId: z.uuid('must be a UUID').optional(),
  ...zPageQuery,
});
/** A validated asset-list query. */
export type TAssetListQuery = z.infer<typeof ZAssetListQuery>;

const ZSale = z.object({
  date: z.iso.date(),
  method: z.enum(SALE_METHODS),
  lotReference: z.string().nullable(),
  buyerName: z.string(),
  price: z.int(),
  costs: z.int(),
  netProceeds: z.int().describe('price less costs: what is booked into the ledger'),
  currency: z.string(),
  proceedsEntryId: z.uuid().nullable().describe('the ledger entry that booked the net proceeds'),
  recordedBy: z.string(),
  recordedAt: z.iso.datetime(),
});

/** An asset in a list. */
export const ZAssetSummary = z.object({
  id: z.uuid(),
  kind: z.enum(ASSET_KINDS),
  description: z.string(),
  formerOwner: z.object({ type: z.enum(['person', 'organization']), registryId: z.uuid().nullable(), name: z.string().nullable() }).nullable(),
  legalBasis: z.object({ court: z.string(), decisionNumber: z.string(), decisionDate: z.iso.date() }),
  custodian: z.string().nullable(),
  status: z.enum(ASSET_STATUSES),
  allowedTransitions: z.array(z.enum(ASSET_STATUSES)),
  version: z.int(),
  createdBy: z.string(),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
});
/** A presented asset summary. */
export type TAssetSummary = z.infer<typeof ZAssetSummary>;

/** An asset with its valuation and status histories and its sale. */
export const ZAsset = ZAssetSummary.extend({
  valuations: z.array(z.object({ id: z.uuid(), date: z.iso.date(), amount: z.int(), currency: z.string(), valuer: z.string(), recordedBy: z.string(), recordedAt: z.iso.datetime() })),
  statusHistory: z.array(z.object({ from: z.enum(ASSET_STATUSES).nullable(), to: z.enum(ASSET_STATUSES), note: z.string().nullable(), by: z.string(), at: z.iso.datetime() })),
  sale: ZSale.nullable(),
}).meta({ id: 'FundAsset' });
/** A presented asset. */
export type TAsset = z.infer<typeof ZAsset>;

/** A page of assets. */
export const ZAssetList = z.object({ items: z.array(ZAssetSummary), total: z.int() });
