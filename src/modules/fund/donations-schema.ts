import { z } from 'zod';
import { zPageQuery, zText } from '../../core/schemas.ts';
import { zBookableCurrency, zRecordDate } from './assets-schema.ts';
import { zAmount, zCapabilityCode, zProgramCode } from './schema.ts';

/** Kinds of donor. */
export const DONOR_KINDS = ['state', 'organization', 'person'] as const;
/** Kinds of earmark. */
export const EARMARK_TYPES = ['none', 'program', 'capability'] as const;

/** What a donation is earmarked for: nothing, a program (by its code) or a capability category of the registry. */
const ZEarmark = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('none') }),
  z.strictObject({ type: z.literal('program'), code: zProgramCode }),
  z.strictObject({ type: z.literal('capability'), code: zCapabilityCode.describe('a capability category code from the registry') }),
]);

/** Body of a new donation. */
export const ZCreateDonationBody = z.strictObject({
  donor: z.strictObject({
    kind: z.enum(DONOR_KINDS),
    name: zText(300),
    registryId: z.uuid('must be a UUID').optional().describe('the registry organization or person id; not for states'),
  }),
  amount: zAmount,
  currency: zBookableCurrency,
  date: zRecordDate.describe('when the donation arrived; also the booking date'),
  earmark: ZEarmark.default({ type: 'none' }),
  agreementDocumentId: z.uuid('must be a UUID').optional(),
});
/** A validated new donation. */
export type TCreateDonation = z.infer<typeof ZCreateDonationBody>;

/** Filters of the donation list. */
export const ZDonationListQuery = z.strictObject({
  currency: zBookableCurrency.optional(),
  donorKind: z.enum(DONOR_KINDS).optional(),
  earmarkType: z.enum(EARMARK_TYPES).optional(),
  from: zRecordDate.optional(),
  to: zRecordDate.optional(),
  ...zPageQuery,
});
/** A validated donation-list query. */
export type TDonationListQuery = z.infer<typeof ZDonationListQuery>;

/** A donation with the ledger entry that booked it. */
export const ZDonation = z
  .object({
    id: z.uuid(),
    donor: z.object({ kind: z.enum(DONOR_KINDS), name: z.string(), registryId: z.uuid().nullable() }),
    amount: z.int().describe('minor units'),
    currency: z.string(),
    date: z.iso.date(),
    earmark: z.object({ type: z.enum(EARMARK_TYPES), code: z.string().nullable() }),
    agreementDocumentId: z.uuid().nullable(),
    ledgerEntryId: z.uuid(),
    recordedBy: z.string(),
    recordedAt: z.iso.datetime(),
  })
  .meta({ id: 'FundDonation' });
/** A presented donation. */
export type TDonation = z.infer<typeof ZDonation>;

/** A page of donations. */
export const ZDonationList = z.object({ items: z.array(ZDonation), total: z.int() });
