import { z } from 'zod';
import { type SortOrder, zExportQuery, zSortQuery } from '../../core/registers.ts';
import { zFilterText, zPageQuery, zText } from '../../core/schemas.ts';
import { zMultilineText } from '../membership/schema.ts';
import { zCapabilityCode } from './schema.ts';

/** Currencies a call may be in: the fund's bank accounts. */
export const CALL_CURRENCIES = ['UAH', 'EUR', 'USD'] as const;
export const CALL_STATUSES = ['draft', 'published', 'ranked', 'awarded', 'cancelled'] as const;
export const CALL_ACTIONS = ['publish', 'cancel'] as const;

const zLabel = z.strictObject({ en: zText(200), uk: zText(200) });
const ZLabelOut = z.object({ en: z.string(), uk: z.string() });
const zMinor = z.int().min(1).max(Number.MAX_SAFE_INTEGER).describe('minor units of the call currency');
const zDate = z.iso.date('must be a date as YYYY-MM-DD').refine((v) => v >= '2000-01-01' && v <= '2100-12-31', 'must be between 2000 and 2100');
/** A score 0–5 in steps of 0.5, as tenths (0, 5, 10 … 50). */
const zScoreTenths = z
  .int()
  .min(0)
  .max(50)
  .refine((v) => v % 5 === 0, 'must be a multiple of 5 (scores go in steps of 0.5)')
  .describe('score in tenths of a point: 0–50 in steps of 5 (0–5 in steps of 0.5)');
const zThresholdTenths = z.int().min(0).max(50).describe('threshold in tenths of a point (0–50)');
const zVersion = z.int().min(1).describe('the version you read; a different current version is a 409');

export const ZCallCriterion = z.strictObject({
  key: z.string().regex(/^[a-z][a-z0-9_]{1,40}$/, 'must be a lower-case key such as capacity_added'),
  label: zLabel,
  weight: z.int().min(1).max(100),
  thresholdTenths: zThresholdTenths,
});

const callFields = {
  code: z.string().regex(/^[a-z][a-z0-9_-]{1,40}$/, 'must be a lower-case code such as shells-2027').describe('the program code: donations earmarked for it pay its awards'),
  titleEn: zText(300),
  titleUk: zText(300),
  textEn: zMultilineText(20_000),
  textUk: zMultilineText(20_000),
  currency: z.enum(CALL_CURRENCIES),
  budgetMinor: zMinor,
  capabilities: z.array(zCapabilityCode).min(1).max(50).refine((v) => new Set(v).size === v.length, 'must not repeat'),
  eligibility: z.enum(['members', 'residents', 'both']).describe('who may apply: Alliance members, regime residents, or either'),
  opensAt: z.iso.datetime({ offset: true }),
  closesAt: z.iso.datetime({ offset: true }),
  requiredDocuments: z.array(z.string().regex(/^[a-z][a-z_]{1,40}$/)).max(20).default([]).describe('document types a proposal must attach'),
  criteria: z
    .array(ZCallCriterion)
    .min(1)
    .max(12)
    .refine((v) => new Set(v.map((c) => c.key)).size === v.length, 'criterion keys must not repeat'),
  overallThresholdTenths: zThresholdTenths,
  evaluatorsPerProposal: z.int().min(1).max(20).default(3),
  disagreementLimitTenths: z.int().min(0).max(50).default(15).describe('a criterion whose evaluator scores spread more than this is flagged'),
  minPartialPercent: z.int().min(0).max(100).default(50).describe('smallest share of a request worth offering as partial funding (100 = never partial)'),
};

export const ZCreateCallBody = z.strictObject(callFields).refine((c) => Date.parse(c.closesAt) > Date.parse(c.opensAt), { message: 'must be after opensAt', path: ['closesAt'] });
export type TCreateCall = z.infer<typeof ZCreateCallBody>;

export const ZCallTransitionBody = z.strictObject({ action: z.enum(CALL_ACTIONS), version: zVersion, reason: zMultilineText(2000).optional() });

export const ZCall = z
  .object({
    id: z.uuid(),
    code: z.string(),
    titleEn: z.string(),
    titleUk: z.string(),
    textEn: z.string(),
    textUk: z.string(),
    currency: z.string(),
    budgetMinor: z.int(),
    capabilities: z.array(z.string()),
    eligibility: z.enum(['members', 'residents', 'both']),
    opensAt: z.iso.datetime(),
    closesAt: z.iso.datetime(),
    requiredDocuments: z.array(z.string()),
    criteria: z.array(z.object({ key: z.string(), label: ZLabelOut, weight: z.int(), thresholdTenths: z.int() })),
    overallThresholdTenths: z.int(),
    evaluatorsPerProposal: z.int(),
    disagreementLimitTenths: z.int(),
    minPartialPercent: z.int(),
    status: z.enum(CALL_STATUSES),
    phase: z.enum(['draft', 'upcoming', 'open', 'closed', 'ranked', 'awarded', 'cancelled']).describe('status with the dates applied'),
    reservationEntryId: z.uuid().nullable(),
    proposals: z.int().describe('submitted proposals'),
    version: z.int(),
  })
  .meta({ id: 'FundCall' });
export type TCall = z.infer<typeof ZCall>;
export const ZCallList = z.object({ items: z.array(ZCall), total: z.int(), limit: z.int(), offset: z.int() });
export const ZCallListQuery = z.strictObject({ status: z.enum(CALL_STATUSES).optional(), q: zFilterText(200), ...zPageQuery });

const ZCapacityLine = z.strictObject({
  capability: zCapabilityCode,
  period: z.string().regex(/^20\d\d(-Q[1-4])?$/, 'must be a year (2027) or a quarter (2027-Q1)'),
  quantity: z.int().min(1).max(1_000_000_000),
});
const ZProposalMilestone = z.strictObject({ deliverable: zText(500), dueDate: zDate, amountMinor: zMinor });
const ZBudgetLine = z.strictObject({ item: zText(300), amountMinor: zMinor });

const proposalFields = {
  title: zText(300),
  summary: zMultilineText(10_000).nullable().optional(),
  requestedMinor: zMinor,
  cofinancingMinor: z.int().min(0).max(Number.MAX_SAFE_INTEGER).default(0),
  capacity: z.array(ZCapacityLine).max(50).default([]),
  milestones: z.array(ZProposalMilestone).min(1).max(20),
  budgetLines: z.array(ZBudgetLine).max(100).default([]),
  documentIds: z.array(z.uuid('must be a UUID')).max(50).default([]).refine((v) => new Set(v).size === v.length, 'must not repeat'),
};
export const ZCreateProposalBody = z.strictObject({ organizationId: z.uuid('must be a UUID').optional().describe('staff filing for a company'), ...proposalFields });
export type TCreateProposal = z.infer<typeof ZCreateProposalBody>;
export const ZUpdateProposalBody = z.strictObject({ version: zVersion, ...proposalFields });
export type TUpdateProposal = z.infer<typeof ZUpdateProposalBody>;
export const ZProposalTransitionBody = z.strictObject({ action: z.enum(['submit', 'withdraw']), version: zVersion });

const ZScoreOut = z.object({ scoreTenths: z.int(), comment: z.string() });
export const ZAssignment = z
  .object({
    id: z.uuid(),
    proposalId: z.uuid(),
    evaluatorId: z.uuid(),
    evaluatorLabel: z.string(),
    status: z.enum(['assigned', 'declared', 'conflict', 'submitted']),
    declaredAt: z.iso.datetime().nullable(),
    conflictReason: z.string().nullable(),
    scores: z.record(z.string(), ZScoreOut).nullable(),
    submittedAt: z.iso.datetime().nullable(),
    version: z.int(),
  })
  .meta({ id: 'FundEvaluatorAssignment' });

export const ZProposal = z
  .object({
    id: z.uuid(),
    callId: z.uuid(),
    callTitleEn: z.string(),
    callTitleUk: z.string(),
    organizationId: z.uuid(),
    organizationName: z.string(),
    status: z.enum(['draft', 'submitted', 'withdrawn']),
    title: z.string(),
    summary: z.string().nullable(),
    currency: z.string(),
    requestedMinor: z.int(),
    cofinancingMinor: z.int(),
    capacity: z.array(z.object({ capability: z.string(), period: z.string(), quantity: z.int() })),
    milestones: z.array(z.object({ deliverable: z.string(), dueDate: z.string(), amountMinor: z.int() })),
    budgetLines: z.array(z.object({ item: z.string(), amountMinor: z.int() })),
    documentIds: z.array(z.uuid()),
    eligibility: z.object({ membership: z.string().nullable(), residency: z.string().nullable(), screening: z.string() }).nullable(),
    submittedAt: z.iso.datetime().nullable(),
    finalScores: z.record(z.string(), z.object({ scoreTenths: z.int(), reason: z.string() })).nullable().describe('after consensus; the applicant sees them once the call is awarded'),
    weightedScoreMilli: z.int().nullable(),
    rank: z.int().nullable(),
    outcome: z.enum(['funded', 'partially_funded', 'reserve', 'below_threshold']).nullable(),
    awardedMinor: z.int().nullable(),
    contentHidden: z.boolean().describe('true for an evaluator who has not yet declared on conflicts of interest: only the call, title and applicant are shown'),
    version: z.int(),
  })
  .meta({ id: 'FundProposal' });
export type TProposal = z.infer<typeof ZProposal>;

export const ZProposalDetail = ZProposal.extend({
  assignments: z.array(ZAssignment).describe('staff: all; an evaluator: their own; the applicant: scores and comments after the award, without names'),
  disagreement: z.array(z.object({ key: z.string(), minTenths: z.int(), maxTenths: z.int(), spreadTenths: z.int(), flagged: z.boolean() })),
}).meta({ id: 'FundProposalDetail' });
export const ZProposalList = z.object({ items: z.array(ZProposal), total: z.int(), limit: z.int(), offset: z.int() });
export const ZProposalListQuery = z.strictObject({ callId: z.uuid('must be a UUID').optional(), status: z.enum(['draft', 'submitted', 'withdrawn']).optional(), ...zPageQuery });

export const ZAssignBody = z.strictObject({
  evaluatorIds: z.array(z.uuid('must be a UUID')).max(20).optional().describe('named evaluators; absent = drawn from the pool of evaluators with the fewest assignments'),
});
export const ZDeclareBody = z.strictObject({ conflict: z.boolean(), reason: zMultilineText(2000).optional().describe('required when declaring a conflict'), version: zVersion });
export const ZScoresBody = z.strictObject({
  version: zVersion,
  scores: z.record(z.string(), z.strictObject({ scoreTenths: zScoreTenths, comment: zMultilineText(5000) })),
});
export const ZConsensusBody = z.strictObject({
  version: zVersion,
  scores: z.record(z.string(), z.strictObject({ scoreTenths: zScoreTenths, reason: zMultilineText(5000) })),
});

export const ZRanking = z.object({
  callId: z.uuid(),
  budgetMinor: z.int(),
  fundedMinor: z.int(),
  remainingMinor: z.int(),
  rule: z.string(),
  items: z.array(
    z.object({
      proposalId: z.uuid(),
      organizationName: z.string(),
      title: z.string(),
      requestedMinor: z.int(),
      weightedScoreMilli: z.int(),
      rank: z.int().nullable(),
      outcome: z.enum(['funded', 'partially_funded', 'reserve', 'below_threshold']),
      awardedMinor: z.int(),
      failedThresholds: z.array(z.string()),
    }),
  ),
});

export const ZMilestone = z.object({
  id: z.uuid(),
  seq: z.int(),
  deliverable: z.string(),
  dueDate: z.string(),
  amountMinor: z.int(),
  status: z.enum(['planned', 'reported', 'verified', 'failed', 'paid', 'cancelled']),
  reservationEntryId: z.uuid(),
  reportText: z.string().nullable(),
  evidenceDocumentIds: z.array(z.uuid()),
  capacityDelivered: z.array(z.object({ capability: z.string(), period: z.string(), quantity: z.int() })),
  reportedAt: z.iso.datetime().nullable(),
  verifiedAt: z.iso.datetime().nullable(),
  verificationNote: z.string().nullable(),
  version: z.int(),
});
export const ZDisbursement = z
  .object({
    id: z.uuid(),
    awardId: z.uuid(),
    milestoneId: z.uuid(),
    currency: z.string(),
    amountMinor: z.int(),
    status: z.enum(['prepared', 'paid', 'cancelled']),
    requiredApprovals: z.int(),
    preparedBy: z.string(),
    preparedAt: z.iso.datetime(),
    approvals: z.array(z.object({ label: z.string(), at: z.string() })),
    entryId: z.uuid().nullable(),
    paidAt: z.iso.datetime().nullable(),
    version: z.int(),
  })
  .meta({ id: 'FundDisbursement' });
export const ZClawback = z.object({ id: z.uuid(), milestoneId: z.uuid().nullable(), currency: z.string(), amountMinor: z.int(), reason: z.string(), entryId: z.uuid(), createdAt: z.iso.datetime() });

export const ZAward = z
  .object({
    id: z.uuid(),
    callId: z.uuid(),
    callCode: z.string(),
    callTitleEn: z.string(),
    callTitleUk: z.string(),
    proposalId: z.uuid(),
    organizationId: z.uuid(),
    organizationName: z.string(),
    agreementNumber: z.string(),
    title: z.string(),
    currency: z.string(),
    amountMinor: z.int(),
    disbursedMinor: z.int(),
    clawedBackMinor: z.int(),
    status: z.enum(['active', 'completed', 'terminated']),
    awardedAt: z.iso.datetime(),
    endedAt: z.iso.datetime().nullable(),
    endReason: z.string().nullable(),
    capacityPromised: z.array(z.object({ capability: z.string(), period: z.string(), quantity: z.int() })),
    capacityDelivered: z.array(z.object({ capability: z.string(), period: z.string(), quantity: z.int() })),
    version: z.int(),
  })
  .meta({ id: 'FundAward' });
export const ZAwardDetail = ZAward.extend({ milestones: z.array(ZMilestone), disbursements: z.array(ZDisbursement), clawbacks: z.array(ZClawback) }).meta({ id: 'FundAwardDetail' });
export const ZAwardList = z.object({ items: z.array(ZAward), total: z.int(), limit: z.int(), offset: z.int() });
export const ZAwardListQuery = z.strictObject({ callId: z.uuid('must be a UUID').optional(), status: z.enum(['active', 'completed', 'terminated']).optional(), ...zPageQuery });

/** An award as the public register shows it: who got how much under which call, paid so far, the status. */
export const ZPublicAward = z
  .object({
    id: z.uuid(),
    agreementNumber: z.string(),
    callId: z.uuid(),
    callCode: z.string(),
    callTitleEn: z.string(),
    callTitleUk: z.string(),
    organizationName: z.string(),
    title: z.string(),
    currency: z.string(),
    amountMinor: z.int(),
    disbursedMinor: z.int(),
    clawedBackMinor: z.int(),
    capabilities: z.array(z.string()),
    status: z.enum(['active', 'completed', 'terminated']),
    awardedAt: z.iso.datetime(),
  })
  .meta({ id: 'PublicFundAward' });
export type TPublicAward = z.infer<typeof ZPublicAward>;
export const ZPublicAwardList = z.object({ items: z.array(ZPublicAward), total: z.int(), limit: z.int(), offset: z.int() });

/** The columns the public register of awards sorts by (date: when awarded; call: the call's code). */
export const AWARD_SORTS = ['recipient', 'amount', 'date', 'call'] as const;
export type TAwardSort = (typeof AWARD_SORTS)[number];
/** Each column's direction when the query names none: names and calls A→Z, the largest and newest awards first. */
export const AWARD_SORT_NATURAL: Record<TAwardSort, SortOrder> = { recipient: 'asc', amount: 'desc', date: 'desc', call: 'asc' };
export const ZPublicAwardQuery = z.strictObject({
  q: zFilterText(200).describe("part of the recipient's name, the call's title or code, or the agreement number"),
  callId: z.uuid('must be a UUID').optional(),
  status: z.enum(['active', 'completed', 'terminated']).optional(),
  currency: z.enum(CALL_CURRENCIES).optional(),
  ...zSortQuery(AWARD_SORTS, 'date', AWARD_SORT_NATURAL),
  ...zPageQuery,
  ...zExportQuery,
});
export type TPublicAwardQuery = z.infer<typeof ZPublicAwardQuery>;

export const ZMilestoneReportBody = z.strictObject({
  version: zVersion,
  reportText: zMultilineText(10_000),
  evidenceDocumentIds: z.array(z.uuid('must be a UUID')).min(1).max(20),
  capacityDelivered: z.array(ZCapacityLine).max(50).default([]),
});
export const ZMilestoneVerifyBody = z.strictObject({ version: zVersion, decision: z.enum(['verified', 'failed']), note: zMultilineText(5000) });
export const ZPrepareDisbursementBody = z.strictObject({ milestoneId: z.uuid('must be a UUID') });
export const ZApproveDisbursementBody = z.strictObject({ version: zVersion });
export const ZClawbackBody = z.strictObject({
  amountMinor: zMinor,
  reason: zMultilineText(5000),
  milestoneId: z.uuid('must be a UUID').optional(),
});
export const ZTerminateAwardBody = z.strictObject({ version: zVersion, reason: zMultilineText(5000) });

export const ZProgramSettings = z.object({ secondApprovalAbove: z.record(z.string(), z.int()), version: z.int() });
export const ZPutProgramSettingsBody = z.strictObject({ version: zVersion, secondApprovalAbove: z.partialRecord(z.enum(CALL_CURRENCIES), z.int().min(0).max(Number.MAX_SAFE_INTEGER)) });
