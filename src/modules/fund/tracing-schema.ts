import { z } from 'zod';
import { zPageQuery } from '../../core/schemas.ts';
import { REFERENCE_TYPES, zBookingDate, zCurrency } from './schema.ts';

/** Kinds of source; `unknown` marks money tracing could not place (a gap in the pools' history). */
export const SOURCE_KINDS = ['asset_sale', 'donation', 'budget', 'clawback', 'other', 'unknown'] as const;

const zMoney = z.int().describe('minor units');

/** One source's part of a use. */
const ZShare = z.object({
  sourceEntryId: z.string().describe('the ledger entry that brought the money in ("unknown" when tracing could not place it)'),
  kind: z.enum(SOURCE_KINDS),
  referenceId: z.string().nullable().describe('the asset id of an asset sale, the donation id of a donation'),
  label: z.string().describe('the donor, the asset sold, or the entry description'),
  currency: z.string().describe('currency of the source'),
  originAmount: zMoney.describe('the share in minor units of the source currency'),
  amount: zMoney.describe('the share in minor units of the use currency'),
});

/** A use of fund money and the sources that paid it. */
export const ZTracedUse = z
  .object({
    entryId: z.uuid(),
    entrySeq: z.int(),
    date: z.iso.date(),
    referenceType: z.enum(REFERENCE_TYPES),
    referenceId: z.string().nullable(),
    description: z.string(),
    purpose: z.object({ program: z.string().nullable(), capability: z.string().nullable() }).nullable(),
    currency: z.string(),
    amount: zMoney,
    reversedByEntryId: z.uuid().nullable().describe('set when the money came back by a reversal'),
    sources: z.array(ZShare),
  })
  .meta({ id: 'TracedUse' });
/** A presented traced use. */
export type TTracedUse = z.infer<typeof ZTracedUse>;

/** A source of fund money and where it went. */
export const ZTracedSource = z
  .object({
    entryId: z.uuid(),
    entrySeq: z.int(),
    date: z.iso.date(),
    kind: z.enum(SOURCE_KINDS),
    referenceId: z.string().nullable(),
    label: z.string(),
    currency: z.string(),
    amount: zMoney,
    account: z.string().describe('the cash account it arrived in (an earmarked account for earmarked money)'),
    spent: zMoney.describe('minor units of the source currency paid out so far'),
    unspent: zMoney.describe('minor units of the source currency still held'),
    uses: z.array(
      z.object({
        entryId: z.uuid(),
        date: z.iso.date(),
        referenceType: z.enum(REFERENCE_TYPES),
        referenceId: z.string().nullable(),
        description: z.string(),
        currency: z.string(),
        amount: zMoney.describe('minor units of the use currency'),
        originAmount: zMoney.describe('minor units of the source currency'),
      }),
    ),
    remaining: z.array(z.object({ account: z.string(), currency: z.string(), amount: zMoney, originAmount: zMoney })),
  })
  .meta({ id: 'TracedSource' });
/** A presented traced source. */
export type TTracedSource = z.infer<typeof ZTracedSource>;

/** Filters of the traced uses. */
export const ZTracedUseQuery = z.strictObject({
  from: zBookingDate.optional(),
  to: zBookingDate.optional(),
  referenceType: z.enum(REFERENCE_TYPES).optional(),
  program: z.string().max(64).optional(),
  ...zPageQuery,
});
/** A validated traced-use query. */
export type TTracedUseQuery = z.infer<typeof ZTracedUseQuery>;

/** Filters of the traced sources. */
export const ZTracedSourceQuery = z.strictObject({
  from: zBookingDate.optional(),
  to: zBookingDate.optional(),
  kind: z.enum(SOURCE_KINDS).optional(),
  ...zPageQuery,
});
/** A validated traced-source query. */
export type TTracedSourceQuery = z.infer<typeof ZTracedSourceQuery>;

/** The trace of one entry. */
export const ZTracedEntry = z.object({
  entryId: z.uuid(),
  use: ZTracedUse.nullable(),
  source: ZTracedSource.nullable(),
});
/** A presented trace of one entry. */
export type TTracedEntry = z.infer<typeof ZTracedEntry>;

/** Query of the public flows. */
export const ZFlowsQuery = z.strictObject({
  currency: zCurrency.default('UAH'),
  from: zBookingDate.optional().describe('uses booked from this date (all when absent)'),
  to: zBookingDate.optional(),
});

/** Sources → programs → awards, as a Sankey diagram's nodes and links. */
export const ZFlows = z
  .object({
    currency: z.string(),
    from: z.iso.date().nullable(),
    to: z.iso.date().nullable(),
    nodes: z.array(
      z.object({
        id: z.string(),
        column: z.int().min(0).max(2).describe('0 source kind, 1 program or capability, 2 award'),
        kind: z.enum(['source', 'program', 'capability', 'general', 'award', 'unspent']),
        label: z.string(),
      }),
    ),
    links: z.array(z.object({ source: z.string(), target: z.string(), amount: zMoney })),
  })
  .meta({ id: 'FundFlows' });
/** Presented flows. */
export type TFlows = z.infer<typeof ZFlows>;
