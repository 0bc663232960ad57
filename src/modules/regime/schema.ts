import { z } from 'zod';
import { type SortOrder, zExportQuery, zSortQuery } from '../../core/registers.ts';
import { zFilterText, zPageQuery, zText } from '../../core/schemas.ts';
import { zMultilineText } from '../membership/schema.ts';
import { FACT_NAMES, OPERATORS, RULE_FACTS, criterionProblems, isDecimal } from './rules.ts';

/** The states of an application for residency (machine in service.ts). */
export const APPLICATION_STATUSES = ['draft', 'submitted', 'checks', 'granted', 'refused', 'returned', 'withdrawn'] as const;
export const APPLICATION_ACTIONS = ['submit', 'grant', 'refuse', 'return', 'withdraw'] as const;
export type TApplicationAction = (typeof APPLICATION_ACTIONS)[number];

/** The states of a resident. */
export const RESIDENT_STATUSES = ['active', 'suspended', 'terminated', 'exited'] as const;
export const RESIDENT_ACTIONS = ['suspend', 'reinstate', 'terminate', 'exit'] as const;
export type TResidentAction = (typeof RESIDENT_ACTIONS)[number];

/** Currencies figures may be given in: those with two-decimal minor units, so every sum is in hundredths. */
export const REGIME_CURRENCIES = ['UAH', 'EUR', 'USD', 'GBP', 'PLN', 'CHF', 'SEK', 'NOK', 'DKK', 'CZK', 'RON', 'BGN', 'CAD', 'AUD', 'TRY', 'ILS'] as const;

/** Fields of the public register a resident may hide when the settings allow it. */
export const HIDEABLE_FIELDS = ['website', 'address', 'capabilities'] as const;

const zLabel = z.strictObject({ en: zText(300), uk: zText(300) });
const ZLabelOut = z.object({ en: z.string(), uk: z.string() });
const zDecimalText = z.string().max(30).refine(isDecimal, 'must be a decimal such as "75" or "1200.50"');
const zDate = z.iso.date('must be a date as YYYY-MM-DD').refine((v) => Number(v.slice(0, 4)) >= 2000 && Number(v.slice(0, 4)) <= 2100, 'must be between 2000 and 2100');
const zMinor = (what: string) => z.int().min(0).max(Number.MAX_SAFE_INTEGER).nullable().optional().describe(`${what} in minor units (kopiykas, cents) of currency`);
const zPercent = z
  .number()
  .min(0)
  .max(100)
  .refine((v) => Number.isInteger(Math.round(v * 100)) && Math.abs(v * 100 - Math.round(v * 100)) < 1e-9, 'must have at most two decimals')
  .nullable()
  .optional();

/** One criterion of a rule set: a typed comparison of a fact with a threshold. */
export const ZCriterion = z
  .strictObject({
    key: z.string().regex(/^[a-z][a-z0-9_]{1,62}$/, 'must be a lower-case key such as defense_income_share'),
    label: zLabel,
    fact: z.enum(FACT_NAMES).describe(`what is tested: ${FACT_NAMES.map((f) => `${f} (${RULE_FACTS[f].type})`).join(', ')}`),
    op: z.enum(OPERATORS),
    value: z.union([z.boolean(), zDecimalText]).describe('true/false for yes/no facts; a decimal string otherwise (money in major units)'),
    currency: z.enum(REGIME_CURRENCIES).optional().describe('money only: the currency of the threshold'),
    rates: z.partialRecord(z.enum(REGIME_CURRENCIES), zDecimalText).optional().describe('money only: units of `currency` per one unit of another currency'),
  })
  .superRefine((criterion, ctx) => {
    for (const message of criterionProblems(criterion)) ctx.addIssue({ code: 'custom', message });
  })
  .meta({ id: 'RegimeCriterion' });

const zCriteria = z
  .array(ZCriterion)
  .min(1, 'a rule set needs at least one criterion')
  .max(50)
  .refine((list) => new Set(list.map((c) => c.key)).size === list.length, 'criterion keys must not repeat');

/** Body of a new rule-set version. */
export const ZCreateRuleSetBody = z.strictObject({
  title: zText(200),
  notes: zMultilineText(5000).nullable().optional(),
  effectiveFrom: zDate.describe('the date from which the rules apply; not before today (rules are never retroactive)'),
  criteria: zCriteria,
});
export type TCreateRuleSet = z.infer<typeof ZCreateRuleSetBody>;

export const ZPreviewRuleSetBody = z.strictObject({ criteria: zCriteria });

/** A stored criterion as answers show it. */
const ZCriterionOut = z.object({
  key: z.string(),
  label: ZLabelOut,
  fact: z.enum(FACT_NAMES),
  op: z.enum(OPERATORS),
  value: z.union([z.boolean(), z.string()]),
  currency: z.string().optional(),
  rates: z.record(z.string(), z.string()).optional(),
});

export const ZRuleSet = z
  .object({
    id: z.uuid(),
    version: z.int(),
    effectiveFrom: z.string(),
    title: z.string(),
    notes: z.string().nullable(),
    criteria: z.array(ZCriterionOut),
    inForce: z.boolean().describe('the rule set that applies today'),
    createdBy: z.string(),
    createdAt: z.iso.datetime(),
  })
  .meta({ id: 'RegimeRuleSet' });

export const ZRuleSetList = z.object({ items: z.array(ZRuleSet), facts: z.array(z.object({ name: z.enum(FACT_NAMES), type: z.string(), source: z.string(), label: ZLabelOut })) });

/** Figures of an application or annual report; all optional in a draft, null clears one. */
export const ZFiguresInput = z.strictObject({
  fiscalYear: z.int().min(2000).max(2100).nullable().optional().describe('the year the figures are for'),
  currency: z.enum(REGIME_CURRENCIES).nullable().optional(),
  revenueMinor: zMinor('revenue'),
  qualifiedDefenseIncomeMinor: zMinor('income from qualified defense production and services'),
  employees: z.int().min(0).max(10_000_000).nullable().optional(),
  averageMonthlyWageMinor: zMinor('average monthly wage'),
  stateOwnershipPct: zPercent.describe('share of the state in the capital, %'),
  localContentPct: zPercent.describe('local content of the products, %'),
  investmentMinor: zMinor('investment in the year'),
  reinvestedProfitMinor: zMinor('profit reinvested in the year'),
  landTaxMinor: zMinor('land tax that would be due without the regime'),
  propertyTaxMinor: zMinor('property tax that would be due without the regime'),
  environmentalTaxMinor: zMinor('environmental tax that would be due without the regime'),
});
export type TFiguresInput = z.infer<typeof ZFiguresInput>;

export const ZFigures = z
  .object({
    fiscalYear: z.int().nullable(),
    currency: z.string().nullable(),
    revenueMinor: z.int().nullable(),
    qualifiedDefenseIncomeMinor: z.int().nullable(),
    employees: z.int().nullable(),
    averageMonthlyWageMinor: z.int().nullable(),
    stateOwnershipPct: z.string().nullable(),
    localContentPct: z.string().nullable(),
    investmentMinor: z.int().nullable(),
    reinvestedProfitMinor: z.int().nullable(),
    landTaxMinor: z.int().nullable(),
    propertyTaxMinor: z.int().nullable(),
    environmentalTaxMinor: z.int().nullable(),
  })
  .meta({ id: 'RegimeFigures' });

export const ZCriterionResult = z.object({
  key: z.string(),
  label: ZLabelOut,
  fact: z.string(),
  outcome: z.enum(['pass', 'fail', 'missing']),
  expected: z.string(),
  actual: z.string().nullable(),
  note: z.string().nullable(),
});

export const ZEvaluation = z
  .object({
    outcome: z.enum(['pass', 'fail', 'missing']),
    ruleSetId: z.uuid(),
    ruleSetVersion: z.int(),
    evaluatedAt: z.iso.datetime(),
    criteria: z.array(ZCriterionResult),
  })
  .meta({ id: 'RegimeEvaluation' });

const zVersion = z.int().min(1).describe('the version you read; a different current version is a 409');

export const ZCreateApplicationBody = z.strictObject({
  organizationId: z.uuid('must be a UUID').optional().describe('staff filing for a company; company users apply for their own organization'),
  figures: ZFiguresInput.optional(),
  auditorReportDocumentId: z.uuid('must be a UUID').nullable().optional().describe("the organization's uploaded auditor's report"),
});
export type TCreateApplication = z.infer<typeof ZCreateApplicationBody>;

export const ZUpdateApplicationBody = z.strictObject({
  version: zVersion,
  figures: ZFiguresInput.optional(),
  auditorReportDocumentId: z.uuid('must be a UUID').nullable().optional(),
});
export type TUpdateApplication = z.infer<typeof ZUpdateApplicationBody>;

export const ZApplicationTransitionBody = z.strictObject({
  action: z.enum(APPLICATION_ACTIONS),
  version: zVersion,
  reason: zMultilineText(5000).optional().describe('required to refuse or return; published with the decision'),
});
export type TApplicationTransition = z.infer<typeof ZApplicationTransitionBody>;

export const ZTransitionRecord = z.object({
  id: z.uuid(),
  from: z.string().nullable(),
  to: z.string(),
  actorLabel: z.string(),
  reason: z.string().nullable(),
  occurredAt: z.iso.datetime(),
});

export const ZApplication = z
  .object({
    id: z.uuid(),
    organizationId: z.uuid(),
    organizationName: z.string(),
    status: z.enum(APPLICATION_STATUSES),
    figures: ZFigures,
    auditorReportDocumentId: z.uuid().nullable(),
    evaluation: ZEvaluation.nullable().describe('as checked on submission (stored), or a live preview for a draft (in lists, null for drafts)'),
    evaluationIsPreview: z.boolean(),
    submittedAt: z.iso.datetime().nullable(),
    decisionDueAt: z.iso.datetime().nullable(),
    overdue: z.boolean(),
    decidedAt: z.iso.datetime().nullable(),
    decisionReason: z.string().nullable(),
    residentId: z.uuid().nullable(),
    version: z.int(),
    createdAt: z.iso.datetime(),
    updatedAt: z.iso.datetime(),
    allowedActions: z.array(z.enum(APPLICATION_ACTIONS)),
  })
  .meta({ id: 'RegimeApplication' });
export type TApplication = z.infer<typeof ZApplication>;

export const ZApplicationDetail = ZApplication.extend({ transitions: z.array(ZTransitionRecord) }).meta({ id: 'RegimeApplicationDetail' });

export const ZApplicationList = z.object({ items: z.array(ZApplication), total: z.int(), limit: z.int(), offset: z.int() });

export const ZApplicationListQuery = z.strictObject({
  status: z.enum(APPLICATION_STATUSES).optional(),
  organizationId: z.uuid('must be a UUID').optional(),
  q: zFilterText(200).describe('part of the organization name'),
  ...zPageQuery,
});
export type TApplicationListQuery = z.infer<typeof ZApplicationListQuery>;

export const ZResidentTransitionBody = z.strictObject({
  action: z.enum(RESIDENT_ACTIONS),
  version: zVersion,
  reason: zMultilineText(5000).optional().describe('required to suspend or terminate (the grounds are published)'),
  cureDeadline: zDate.optional().describe('suspend only: the date by which the resident must cure; default from the settings'),
});
export type TResidentTransition = z.infer<typeof ZResidentTransitionBody>;

export const ZResident = z
  .object({
    id: z.uuid(),
    organizationId: z.uuid(),
    organizationName: z.string(),
    applicationId: z.uuid(),
    status: z.enum(RESIDENT_STATUSES),
    grantedAt: z.iso.datetime(),
    ruleSetVersion: z.int(),
    certificateId: z.uuid(),
    certificateNumber: z.string(),
    suspendedAt: z.iso.datetime().nullable(),
    cureDeadline: z.string().nullable(),
    cureOverdue: z.boolean(),
    suspensionReason: z.string().nullable(),
    endedAt: z.iso.datetime().nullable(),
    endGrounds: z.string().nullable(),
    hiddenFields: z.array(z.enum(HIDEABLE_FIELDS)),
    version: z.int(),
    allowedActions: z.array(z.enum(RESIDENT_ACTIONS)),
  })
  .meta({ id: 'RegimeResident' });
export type TResident = z.infer<typeof ZResident>;

export const ZReport = z
  .object({
    id: z.uuid(),
    residentId: z.uuid(),
    organizationId: z.uuid(),
    organizationName: z.string(),
    year: z.int(),
    status: z.enum(['draft', 'accepted', 'failed']),
    figures: ZFigures,
    auditorReportDocumentId: z.uuid().nullable(),
    evaluation: ZEvaluation.nullable(),
    evaluationIsPreview: z.boolean(),
    dueOn: z.string(),
    submittedAt: z.iso.datetime().nullable(),
    version: z.int(),
    createdAt: z.iso.datetime(),
    updatedAt: z.iso.datetime(),
  })
  .meta({ id: 'RegimeReport' });
export type TReport = z.infer<typeof ZReport>;

export const ZProposal = z
  .object({
    id: z.uuid(),
    residentId: z.uuid(),
    organizationId: z.uuid(),
    organizationName: z.string(),
    reportId: z.uuid().nullable(),
    year: z.int(),
    cause: z.enum(['report_failed', 'report_overdue']),
    details: z.object({ failed: z.array(z.string()).optional(), dueOn: z.string().optional(), graceEndedOn: z.string().optional() }),
    status: z.enum(['open', 'accepted', 'dismissed']),
    decisionReason: z.string().nullable(),
    decidedAt: z.iso.datetime().nullable(),
    createdAt: z.iso.datetime(),
  })
  .meta({ id: 'RegimeSuspensionProposal' });

export const ZAppeal = z
  .object({
    id: z.uuid(),
    organizationId: z.uuid(),
    organizationName: z.string(),
    subjectType: z.enum(['application', 'resident']),
    subjectId: z.uuid(),
    grounds: z.string(),
    status: z.enum(['pending', 'upheld', 'dismissed']),
    decisionReason: z.string().nullable(),
    decidedAt: z.iso.datetime().nullable(),
    createdAt: z.iso.datetime(),
    version: z.int(),
  })
  .meta({ id: 'RegimeAppeal' });

export const ZResidentDetail = ZResident.extend({
  transitions: z.array(ZTransitionRecord),
  reports: z.array(ZReport),
  proposals: z.array(ZProposal),
  appeals: z.array(ZAppeal),
  verifyPath: z.string().describe('/verify/<certificate id>'),
}).meta({ id: 'RegimeResidentDetail' });

export const ZResidentList = z.object({ items: z.array(ZResident), total: z.int(), limit: z.int(), offset: z.int() });
export const ZResidentListQuery = z.strictObject({
  status: z.enum(RESIDENT_STATUSES).optional(),
  q: zFilterText(200).describe('part of the organization name or the certificate number'),
  ...zPageQuery,
});
export type TResidentListQuery = z.infer<typeof ZResidentListQuery>;

export const ZVisibilityBody = z.strictObject({ hiddenFields: z.array(z.enum(HIDEABLE_FIELDS)).max(HIDEABLE_FIELDS.length), version: zVersion });

export const ZCreateReportBody = z.strictObject({
  year: z.int().min(2000).max(2100).describe('the year reported on'),
  figures: ZFiguresInput.optional(),
  auditorReportDocumentId: z.uuid('must be a UUID').nullable().optional(),
});
export type TCreateReport = z.infer<typeof ZCreateReportBody>;
export const ZUpdateReportBody = ZUpdateApplicationBody;
export const ZSubmitReportBody = z.strictObject({ version: zVersion });

export const ZReportList = z.object({ items: z.array(ZReport), total: z.int(), limit: z.int(), offset: z.int() });
export const ZReportListQuery = z.strictObject({
  year: z.coerce.number().int().min(2000).max(2100).optional(),
  status: z.enum(['draft', 'accepted', 'failed']).optional(),
  residentId: z.uuid('must be a UUID').optional(),
  ...zPageQuery,
});

/** For one year, where each resident stands with its report. */
export const ZComplianceRow = z.object({
  residentId: z.uuid(),
  organizationId: z.uuid(),
  organizationName: z.string(),
  residentStatus: z.enum(RESIDENT_STATUSES),
  year: z.int(),
  dueOn: z.string(),
  reportId: z.uuid().nullable(),
  reportStatus: z.enum(['not_started', 'draft', 'accepted', 'failed']),
  overdue: z.boolean().describe('no submitted report and the due date has passed'),
  graceEndsOn: z.string(),
});
export const ZComplianceList = z.object({ year: z.int(), dueOn: z.string(), items: z.array(ZComplianceRow) });
export const ZComplianceQuery = z.strictObject({ year: z.coerce.number().int().min(2000).max(2100).optional().describe('the year reported on; default last year') });

export const ZProposalList = z.object({ items: z.array(ZProposal), total: z.int(), limit: z.int(), offset: z.int() });
export const ZProposalListQuery = z.strictObject({ status: z.enum(['open', 'accepted', 'dismissed']).optional(), ...zPageQuery });
export const ZProposalDecisionBody = z.strictObject({
  decision: z.enum(['accept', 'dismiss']),
  reason: zMultilineText(5000),
  cureDeadline: zDate.optional().describe('accept only: the cure deadline of the suspension'),
});

export const ZCreateAppealBody = z.strictObject({
  subjectType: z.enum(['application', 'resident']),
  subjectId: z.uuid('must be a UUID'),
  grounds: zMultilineText(10_000),
});
export const ZAppealList = z.object({ items: z.array(ZAppeal), total: z.int(), limit: z.int(), offset: z.int() });
export const ZAppealListQuery = z.strictObject({ status: z.enum(['pending', 'upheld', 'dismissed']).optional(), ...zPageQuery });
export const ZAppealDecisionBody = z.strictObject({ decision: z.enum(['uphold', 'dismiss']), reason: zMultilineText(5000), version: zVersion });

export const ZCommission = z.object({ members: z.array(z.object({ userId: z.uuid(), email: z.string(), addedAt: z.iso.datetime() })) });
export const ZPutCommissionBody = z.strictObject({ userIds: z.array(z.uuid('must be a UUID')).max(50).refine((ids) => new Set(ids).size === ids.length, 'must not repeat') });

const zRates = z.strictObject({
  corporateIncomeTaxPct: zDecimalText,
  landTaxReliefPct: zDecimalText,
  propertyTaxReliefPct: zDecimalText,
  environmentalTaxReliefPct: zDecimalText,
});
export const ZSettings = z
  .object({
    decisionWorkingDays: z.int(),
    reportDueMonth: z.int(),
    reportDueDay: z.int(),
    reportGraceDays: z.int(),
    reminderDaysBefore: z.array(z.int()),
    cureDays: z.int(),
    appealDays: z.int(),
    benefitRates: zRates,
    hideableFields: z.array(z.enum(HIDEABLE_FIELDS)),
    version: z.int(),
    updatedAt: z.iso.datetime(),
  })
  .meta({ id: 'RegimeSettings' });
export const ZPutSettingsBody = z.strictObject({
  version: zVersion,
  decisionWorkingDays: z.int().min(1).max(365).optional(),
  reportDueMonth: z.int().min(1).max(12).optional(),
  reportDueDay: z.int().min(1).max(28).optional(),
  reportGraceDays: z.int().min(0).max(365).optional(),
  reminderDaysBefore: z.array(z.int().min(1).max(365)).max(5).refine((v) => new Set(v).size === v.length, 'must not repeat').optional(),
  cureDays: z.int().min(1).max(365).optional(),
  appealDays: z.int().min(1).max(365).optional(),
  benefitRates: zRates.optional(),
  hideableFields: z.array(z.enum(HIDEABLE_FIELDS)).max(HIDEABLE_FIELDS.length).optional(),
});
export type TPutSettings = z.infer<typeof ZPutSettingsBody>;

export const ZBenefitRow = z.object({
  residentId: z.uuid(),
  organizationId: z.uuid(),
  organizationName: z.string(),
  year: z.int(),
  currency: z.string(),
  reportStatus: z.enum(['accepted', 'failed']),
  corporateIncomeTaxMinor: z.int(),
  landTaxMinor: z.int(),
  propertyTaxMinor: z.int(),
  environmentalTaxMinor: z.int(),
  totalMinor: z.int(),
});
export const ZBenefits = z.object({
  year: z.int(),
  rates: zRates,
  items: z.array(ZBenefitRow),
  totals: z.array(z.object({ currency: z.string(), corporateIncomeTaxMinor: z.int(), landTaxMinor: z.int(), propertyTaxMinor: z.int(), environmentalTaxMinor: z.int(), totalMinor: z.int(), residents: z.int() })),
});
export const ZBenefitsQuery = z.strictObject({
  year: z.coerce.number().int().min(2000).max(2100).optional().describe('the year reported on; default last year'),
  format: z.enum(['json', 'csv', 'xlsx']).default('json'),
});

export const ZSweepResult = z.object({ reminders: z.int(), overdueProposals: z.int(), checkedResidents: z.int() });

/** A resident as the public register shows it. */
export const ZPublicResident = z
  .object({
    name: z.string(),
    nameUk: z.string().nullable(),
    identifiers: z.array(z.string()),
    status: z.enum(RESIDENT_STATUSES),
    certificateNumber: z.string(),
    certificateId: z.uuid(),
    grantedAt: z.iso.datetime(),
    suspendedAt: z.iso.datetime().nullable(),
    endedAt: z.iso.datetime().nullable(),
    endGrounds: z.string().nullable().describe('grounds for termination or exit'),
    website: z.string().nullable().describe('null when the resident hides it'),
    address: z.string().nullable().describe('city and region; null when the resident hides it'),
    capabilities: z.array(z.string()).nullable().describe('capability codes; null when the resident hides them'),
  })
  .meta({ id: 'PublicRegimeResident' });
export type TPublicResident = z.infer<typeof ZPublicResident>;
export const ZPublicResidentList = z.object({ items: z.array(ZPublicResident), total: z.int(), limit: z.int(), offset: z.int() });
/** The columns the public register of residents sorts by (since: the date residency was granted). */
export const RESIDENT_SORTS = ['name', 'since', 'status'] as const;
export type TResidentSort = (typeof RESIDENT_SORTS)[number];
/** Each column's direction when the query names none: names A→Z, the newest residents first, current before former. */
export const RESIDENT_SORT_NATURAL: Record<TResidentSort, SortOrder> = { name: 'asc', since: 'desc', status: 'asc' };
export const ZPublicResidentQuery = z.strictObject({
  status: z.enum(['current', 'former']).optional().describe('current: active or suspended; former: terminated or exited'),
  q: zFilterText(200).describe('part of the name, an identifier or the certificate number'),
  ...zSortQuery(RESIDENT_SORTS, 'name', RESIDENT_SORT_NATURAL),
  ...zPageQuery,
  ...zExportQuery,
});
export type TPublicResidentQuery = z.infer<typeof ZPublicResidentQuery>;

export const ZCertificateFields = z.strictObject({
  certificateId: z.uuid(),
  number: z.string().max(100),
  organizationId: z.uuid(),
  legalName: z.string().max(1000),
  legalNameUk: z.string().max(1000).nullable(),
  identifiers: z.array(z.string().max(200)).max(50),
  grantedOn: z.string().max(10),
  ruleSetVersion: z.int(),
  issuedAt: z.string().max(40),
});
export const ZCertificateStatus = z
  .object({
    certificate: ZCertificateFields,
    signature: z.string(),
    keyId: z.string(),
    publicKey: z.string().describe('the platform key (Ed25519, hex) that signed the certificate'),
    signatureValid: z.boolean().describe('the stored fields still match the signature'),
    status: z.enum(RESIDENT_STATUSES),
    asOf: z.iso.datetime(),
    grantedAt: z.iso.datetime(),
    suspendedAt: z.iso.datetime().nullable(),
    cureDeadline: z.string().nullable(),
    endedAt: z.iso.datetime().nullable(),
    endGrounds: z.string().nullable(),
    message: z.string().describe('the exact text the signature covers'),
  })
  .meta({ id: 'RegimeCertificateStatus' });
export const ZVerifyCertificateBody = z.strictObject({ certificate: ZCertificateFields, signature: z.string().max(200) });
export const ZVerifyCertificateResult = z.object({ valid: z.boolean(), known: z.boolean().describe('a certificate with this id was issued here'), matchesIssued: z.boolean().describe('the fields are those issued') });
