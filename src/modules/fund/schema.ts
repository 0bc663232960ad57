import { z } from 'zod';
import { zPageQuery, zText } from '../../core/schemas.ts';

/** Kinds of ledger account; asset and expense accounts carry a debit balance, the others a credit balance. */
export const ACCOUNT_TYPES = ['asset', 'liability', 'equity', 'income', 'expense'] as const;
/** Who a ledger account belongs to. */
export const OWNER_TYPES = ['fund', 'program', 'award', 'organization'] as const;
/** What an entry books. `reversal` and `fx` entries are made only by their own endpoints. */
export const REFERENCE_TYPES = ['asset_sale', 'donation', 'budget', 'disbursement', 'clawback', 'fx', 'reversal', 'other'] as const;
/** Reference types a caller may give a new entry directly. */
export const DIRECT_REFERENCE_TYPES = ['asset_sale', 'donation', 'budget', 'disbursement', 'clawback', 'other'] as const;
/** Actions on an existing entry. */
export const ENTRY_ACTIONS = ['post', 'void', 'reverse'] as const;
/** An action on an existing entry. */
export type TEntryAction = (typeof ENTRY_ACTIONS)[number];

/**
 * ISO 4217 currencies the fund books, with their minor-unit exponent (2: kopiykas, cents). An amount
 * is always a count of minor units; exchanges need the exponent to convert.
 */
export const CURRENCY_EXPONENT = { UAH: 2, EUR: 2, USD: 2, GBP: 2, PLN: 2, CHF: 2, CAD: 2, JPY: 0 } as const;
/** A currency the fund books. */
export type TCurrency = keyof typeof CURRENCY_EXPONENT;
const CURRENCIES = Object.keys(CURRENCY_EXPONENT) as [TCurrency, ...TCurrency[]];

/** A currency code the ledger accepts. */
export const zCurrency = z.enum(CURRENCIES).describe('ISO 4217 currency code');
/** A money amount over the API: a positive integer count of minor units. */
export const zAmount = z.int().min(1).max(Number.MAX_SAFE_INTEGER).describe('minor units (kopiykas, cents) of the entry currency');
/** A money figure in an answer (may be zero or negative). */
const zMoney = z.int().describe('minor units');

// Back-dating is normal in book-keeping (a bank statement arrives late); future dates and typing
// errors in the year are not.
export const zBookingDate = z.iso.date('must be a date as YYYY-MM-DD').refine((v) => v >= '2000-01-01' && v <= '2100-12-31', 'must be between 2000 and 2100');
const zClientKey = z
  .string()
  .regex(/^[\x21-\x7E]{1,200}$/, 'must be 1 to 200 printable ASCII characters without spaces')
  .describe('your unique key for this entry: sending the same key again returns the first entry instead of booking twice');
/** An account reference in a request: its id or its code (`1000.UAH.fund`). */
const zAccountRef = z
  .string()
  .max(80)
  .regex(/^([0-9a-fA-F-]{36}|[0-9]{4}\.[A-Z]{3}\.[a-z][a-z0-9_]{0,59})$/, 'must be an account id (UUID) or code such as 1000.UAH.fund')
  .describe('account id or code');
const zAccountCode = z.string().regex(/^[0-9]{4}\.[A-Z]{3}\.[a-z][a-z0-9_]{0,59}$/, 'must be NNNN.CUR.name, for example 1000.UAH.fund');

/** A fund program's code (programs are the calls of the fund). */
export const zProgramCode = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/, 'must be a program code: letters, digits, dot, dash, underscore');
/** A capability category code of the registry's taxonomy. */
export const zCapabilityCode = z.string().regex(/^[a-z][a-z0-9_.]{1,63}$/, 'must be a capability category code such as uav.fpv');

/**
 * What an entry pays for. Money leaves an account earmarked for a program or a capability category
 * only in an entry whose purpose matches (a capability earmark covers its sub-categories).
 */
export const ZPurpose = z
  .strictObject({
    program: zProgramCode.optional(),
    capability: zCapabilityCode.optional(),
  })
  .describe('what the entry pays for: needed to spend earmarked money');

/** One posting of a new entry. */
export const ZPostingInput = z.strictObject({
  account: zAccountRef,
  direction: z.enum(['debit', 'credit']),
  amount: zAmount,
});

/** Body of a new entry. */
export const ZCreateEntryBody = z.strictObject({
  currency: zCurrency,
  description: zText(500),
  referenceType: z.enum(DIRECT_REFERENCE_TYPES),
  referenceId: zText(200).optional(),
  effectiveDate: zBookingDate.optional().describe('the booking date; today (UTC) when absent'),
  pending: z.boolean().default(false).describe('reserve now (two-phase), post or void later'),
  clientKey: zClientKey.optional(),
  purpose: ZPurpose.optional(),
  postings: z.array(ZPostingInput).min(2, 'an entry needs at least two postings').max(100),
});
/** A validated new entry. */
export type TCreateEntry = z.input<typeof ZCreateEntryBody>;

/** Body of a reversal (optional). */
export const ZReverseBody = z
  .strictObject({
    description: zText(500).optional(),
    clientKey: zClientKey.optional(),
  })
  .nullish();
/** A validated reversal request. */
export type TReverse = z.infer<typeof ZReverseBody>;

/** Body of a currency exchange. */
export const ZExchangeBody = z.strictObject({
  from: zAccountRef.describe('the account the money leaves (id or code)'),
  to: zAccountRef.describe('the account the money arrives in, another currency'),
  amount: zAmount.describe('minor units of the source currency'),
  rate: z
    .string()
    .regex(/^(0|[1-9][0-9]{0,11})(\.[0-9]{1,12})?$/, 'must be a decimal such as 41.2345')
    .refine((v) => /[1-9]/.test(v), 'must be above zero')
    .describe('units of the target currency per unit of the source currency'),
  rateSource: zText(200).describe('where the rate comes from, e.g. NBU official rate'),
  rateDate: zBookingDate,
  description: zText(500).optional(),
  effectiveDate: zBookingDate.optional(),
  clientKey: zClientKey.optional(),
});
/** A validated exchange. */
export type TExchange = z.infer<typeof ZExchangeBody>;

/** Body of a new account. */
export const ZCreateAccountBody = z.strictObject({
  code: zAccountCode,
  nameUk: zText(200),
  nameEn: zText(200),
  type: z.enum(ACCOUNT_TYPES),
  currency: zCurrency,
  debitsMustNotExceedCredits: z.boolean().default(false),
  creditsMustNotExceedDebits: z.boolean().default(false),
  ownerType: z.enum(OWNER_TYPES).default('fund'),
  ownerId: z.uuid('must be a UUID').optional(),
  earmark: z
    .discriminatedUnion('type', [z.strictObject({ type: z.literal('program'), code: zProgramCode }), z.strictObject({ type: z.literal('capability'), code: zCapabilityCode })])
    .optional()
    .describe('an earmarked cash account (code 1100.<CUR>.…, type asset): its money may be spent only on this program or capability category'),
});
/** A validated new account. */
export type TCreateAccount = z.input<typeof ZCreateAccountBody>;

/** Body of an account closure. */
export const ZCloseAccountBody = z.strictObject({ version: z.int().min(1).describe('the version you read; a different current version is a 409') });

/** Filters of the account list. */
export const ZAccountListQuery = z.strictObject({
  currency: zCurrency.optional(),
  type: z.enum(ACCOUNT_TYPES).optional(),
  ...zPageQuery,
});
/** Filters of the journal. */
export const ZEntryListQuery = z.strictObject({
  currency: zCurrency.optional(),
  status: z.enum(['posted', 'pending', 'voided']).optional(),
  referenceType: z.enum(REFERENCE_TYPES).optional(),
  referenceId: z.string().max(200).optional(),
  from: zBookingDate.optional().describe('booked on or after this date'),
  to: zBookingDate.optional(),
  ...zPageQuery,
});
/** A validated journal query. */
export type TEntryListQuery = z.infer<typeof ZEntryListQuery>;

/** A validated account-list query. */
export type TAccountListQuery = z.infer<typeof ZAccountListQuery>;

/** A ledger account with its balances. */
export const ZAccount = z
  .object({
    id: z.uuid(),
    code: z.string(),
    nameUk: z.string(),
    nameEn: z.string(),
    type: z.enum(ACCOUNT_TYPES),
    currency: z.string(),
    normalSide: z.enum(['debit', 'credit']).describe('the side a positive balance is on'),
    debitsMustNotExceedCredits: z.boolean(),
    creditsMustNotExceedDebits: z.boolean(),
    ownerType: z.enum(OWNER_TYPES),
    ownerId: z.uuid().nullable(),
    earmark: z
      .object({ type: z.enum(['program', 'capability']), code: z.string() })
      .nullable()
      .describe('money in this account may be spent only on this program or capability category'),
    debitsPosted: zMoney,
    creditsPosted: zMoney,
    debitsPending: zMoney,
    creditsPending: zMoney,
    balance: zMoney.describe('posted balance on the normal side'),
    available: zMoney.describe('balance less pending reservations against it'),
    openedAt: z.iso.datetime(),
    closedAt: z.iso.datetime().nullable(),
    version: z.int(),
  })
  .meta({ id: 'LedgerAccount' });
/** A presented account. */
export type TAccount = z.infer<typeof ZAccount>;

/** A page of accounts. */
export const ZAccountList = z.object({ items: z.array(ZAccount), total: z.int() });

/** An entry with its postings. */
export const ZEntry = z
  .object({
    id: z.uuid(),
    entrySeq: z.int(),
    currency: z.string(),
    description: z.string(),
    referenceType: z.enum(REFERENCE_TYPES),
    referenceId: z.string().nullable(),
    reversesEntryId: z.uuid().nullable(),
    reversedByEntryId: z.uuid().nullable(),
    status: z.enum(['posted', 'pending', 'voided']),
    effectiveDate: z.iso.date(),
    clientKey: z.string(),
    fx: z.object({ rate: z.string(), source: z.string(), date: z.iso.date() }).nullable(),
    purpose: z.object({ program: z.string().nullable(), capability: z.string().nullable() }).nullable(),
    total: zMoney.describe('sum of the debits (= sum of the credits)'),
    postings: z.array(
      z.object({ id: z.uuid(), seq: z.int(), accountId: z.uuid(), accountCode: z.string(), direction: z.enum(['debit', 'credit']), amount: zMoney }),
    ),
    allowedActions: z.array(z.enum(ENTRY_ACTIONS)),
    createdBy: z.string(),
    createdAt: z.iso.datetime(),
    resolvedBy: z.string().nullable(),
    resolvedAt: z.iso.datetime().nullable(),
  })
  .meta({ id: 'LedgerEntry' });
/** A presented entry. */
export type TEntry = z.infer<typeof ZEntry>;

/** A page of the journal. */
export const ZEntryList = z.object({ items: z.array(ZEntry), total: z.int() });

/** The two entries of an exchange. */
export const ZExchangeResult = z.object({
  exchangeId: z.string(),
  rate: z.string(),
  fromAmount: zMoney,
  toAmount: zMoney,
  entries: z.array(ZEntry),
});
/** A presented exchange. */
export type TExchangeResult = z.infer<typeof ZExchangeResult>;

/** Range and page of a statement. */
export const ZStatementQuery = z.strictObject({
  from: zBookingDate.optional(),
  to: zBookingDate.optional(),
  format: z.enum(['json', 'csv', 'xlsx']).default('json').describe('csv and xlsx give the whole range as a download (paging ignored)'),
  ...zPageQuery,
});
/** A validated statement query. */
export type TStatementQuery = z.input<typeof ZStatementQuery> & { limit: number; offset: number };

/** An account statement: posted lines in booking order, each with the running balance. */
export const ZStatement = z.object({
  account: ZAccount,
  from: z.iso.date().nullable(),
  to: z.iso.date().nullable(),
  openingBalance: zMoney.describe('balance before the first line of the range'),
  closingBalance: zMoney.describe('balance after the last line of the range'),
  total: z.int().describe('lines in the range'),
  lines: z.array(
    z.object({
      entryId: z.uuid(),
      entrySeq: z.int(),
      effectiveDate: z.iso.date(),
      description: z.string(),
      referenceType: z.enum(REFERENCE_TYPES),
      referenceId: z.string().nullable(),
      direction: z.enum(['debit', 'credit']),
      amount: zMoney,
      balance: zMoney.describe('running balance after this line, on the normal side'),
    }),
  ),
});
/** A presented statement. */
export type TStatement = z.infer<typeof ZStatement>;

/** Query of the trial balance. */
export const ZTrialBalanceQuery = z.strictObject({
  at: zBookingDate.optional().describe('include entries booked up to this date; today when absent'),
  format: z.enum(['json', 'csv', 'xlsx']).default('json'),
});

/** The trial balance: per currency, every account's posted debits and credits up to a date. */
export const ZTrialBalance = z.object({
  at: z.iso.date(),
  balanced: z.boolean(),
  currencies: z.array(
    z.object({
      currency: z.string(),
      debits: zMoney,
      credits: zMoney,
      balanced: z.boolean(),
      accounts: z.array(z.object({ id: z.uuid(), code: z.string(), nameUk: z.string(), nameEn: z.string(), type: z.enum(ACCOUNT_TYPES), debits: zMoney, credits: zMoney, balance: zMoney })),
    }),
  ),
});
/** A presented trial balance. */
export type TTrialBalance = z.infer<typeof ZTrialBalance>;
