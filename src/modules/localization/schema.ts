import { z } from 'zod';
import { zFilterText, zPageQuery, zText } from '../../core/schemas.ts';
import { zCapabilityCode } from '../fund/schema.ts';
import { zMultilineText } from '../membership/schema.ts';
import { COVERAGE_BANDS, DOMINANCE_LIMIT_PERCENT, MIN_COMPANIES } from './public-aggregates.ts';

// Needs and per-company capacity are restricted: every such figure is marked `x-restricted` in the
// OpenAPI document, and a test walks every public route's response schema to prove none reaches it.

/** Marks a response field as restricted data (needs, per-company capacity and what is derived from them). */
export function restricted<T extends z.ZodType>(schema: T): T {
  return schema.meta({ 'x-restricted': true }) as T;
}

const zVersion = z.int().min(1).describe('the version you read; a different current version is a 409');
const zPeriod = z.string().regex(/^20\d\d(-Q[1-4])?$/, 'must be a year (2027) or a quarter (2027-Q1)');
const zQuantity = z.int().min(0).max(Number.MAX_SAFE_INTEGER).describe('a count in the category’s unit');
const zUnit = zText(40);
const quantity = () => restricted(z.int());
const nullableQuantity = () => restricted(z.int().nullable());
const percent = () => restricted(z.number().nullable());

// Taxonomy ----------------------------------------------------------------------------------------

export const ZCategory = z
  .object({
    code: z.string(),
    parentCode: z.string().nullable(),
    level: z.int().describe('0 for a top-level category'),
    nameUk: z.string(),
    nameEn: z.string(),
    unitUk: z.string(),
    unitEn: z.string(),
    sortOrder: z.int(),
    archived: z.boolean(),
    version: z.int(),
  })
  .meta({ id: 'LocalizationCategory' });
export const ZCategoryList = z.object({ items: z.array(ZCategory) });

export const ZCreateCategoryBody = z.strictObject({
  code: zCapabilityCode.describe('lower-case code; a sub-category’s code starts with its parent’s code and a dot'),
  parentCode: zCapabilityCode.nullable().default(null),
  nameUk: zText(200),
  nameEn: zText(200),
  unitUk: zUnit.optional().describe('required for a top-level category; a sub-category counts in its top-level category’s unit'),
  unitEn: zUnit.optional(),
  sortOrder: z.int().min(0).max(1_000_000).optional(),
});
export type TCreateCategoryBody = z.infer<typeof ZCreateCategoryBody>;

export const ZUpdateCategoryBody = z.strictObject({
  version: zVersion,
  nameUk: zText(200).optional(),
  nameEn: zText(200).optional(),
  unitUk: zUnit.optional().describe('top-level categories only; sub-categories follow'),
  unitEn: zUnit.optional(),
  sortOrder: z.int().min(0).max(1_000_000).optional(),
  archived: z.boolean().optional().describe('an archived category takes no new needs or reports; its history stays'),
});
export type TUpdateCategoryBody = z.infer<typeof ZUpdateCategoryBody>;
export const zCategoryParams = z.strictObject({ code: zCapabilityCode });

// Needs -------------------------------------------------------------------------------------------

const categoryLabel = { categoryCode: z.string(), categoryNameUk: z.string(), categoryNameEn: z.string(), unitUk: z.string(), unitEn: z.string() };

export const ZNeed = z
  .object({
    id: z.uuid(),
    ...categoryLabel,
    period: z.string(),
    quantity: quantity(),
    note: restricted(z.string().nullable()),
    classification: z.literal('restricted'),
    version: z.int(),
    createdBy: z.string(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .meta({ id: 'LocalizationNeed' });
export const ZNeedDetail = ZNeed.extend({
  history: z.array(z.object({ version: z.int(), quantity: quantity(), note: restricted(z.string().nullable()), reason: z.string().nullable(), recordedBy: z.string(), recordedAt: z.string() })),
});
export const ZNeedList = z.object({ items: z.array(ZNeed), total: z.int(), limit: z.int(), offset: z.int() });
export const ZNeedListQuery = z.strictObject({
  period: zPeriod.optional(),
  category: zCapabilityCode.optional().describe('a category code; its sub-categories match too'),
  ...zPageQuery,
});
export type TNeedListQuery = z.infer<typeof ZNeedListQuery>;

export const ZCreateNeedBody = z.strictObject({
  categoryCode: zCapabilityCode,
  period: zPeriod,
  quantity: zQuantity,
  note: zMultilineText(2000).optional(),
});
export type TCreateNeedBody = z.infer<typeof ZCreateNeedBody>;
export const ZReviseNeedBody = z.strictObject({
  version: zVersion,
  quantity: zQuantity,
  note: zMultilineText(2000).nullable().optional().describe('omit to keep the current note, null to clear it'),
  reason: zMultilineText(2000).describe('why the need changed (kept in its history)'),
});
export type TReviseNeedBody = z.infer<typeof ZReviseNeedBody>;

// Capacity reports --------------------------------------------------------------------------------

export const CAPACITY_REPORT_STATUSES = ['submitted', 'confirmed', 'returned'] as const;

export const ZCapacityReport = z
  .object({
    id: z.uuid(),
    organizationId: z.uuid(),
    organizationName: z.string(),
    ...categoryLabel,
    period: z.string(),
    domesticOutput: quantity(),
    capacity: quantity(),
    importedContentPercent: restricted(z.int()),
    importedComponents: restricted(z.array(z.string())),
    evidenceDocumentIds: z.array(z.uuid()),
    note: restricted(z.string().nullable()),
    status: z.enum(CAPACITY_REPORT_STATUSES),
    submittedAt: z.string(),
    decidedBy: z.string().nullable().describe('the officer; hidden from the company'),
    decidedAt: z.string().nullable(),
    decisionReason: z.string().nullable(),
    version: z.int(),
  })
  .meta({ id: 'CapacityReport' });
export const ZCapacityReportList = z.object({ items: z.array(ZCapacityReport), total: z.int(), limit: z.int(), offset: z.int() });
export const ZCapacityReportListQuery = z.strictObject({
  organizationId: z.uuid().optional(),
  category: zCapabilityCode.optional().describe('a category code; its sub-categories match too'),
  period: zPeriod.optional(),
  status: z.enum(CAPACITY_REPORT_STATUSES).optional(),
  q: zFilterText(200).describe('part of the organization name'),
  ...zPageQuery,
});
export type TCapacityReportListQuery = z.infer<typeof ZCapacityReportListQuery>;

const reportFigures = {
  domesticOutput: zQuantity.describe('made in the country in the period, in the category’s unit'),
  capacity: zQuantity.describe('what could be made in the period; at least the output'),
  importedContentPercent: z.int().min(0).max(100).describe('share of imported content in the output’s value, whole percent'),
  importedComponents: z.array(zText(200)).max(20).default([]).describe('the main imported components'),
  evidenceDocumentIds: z.array(z.uuid()).max(20).default([]).describe('documents of your organization (uploaded first) that back the figures'),
  note: zMultilineText(2000).optional(),
};
export const ZCreateCapacityReportBody = z.strictObject({
  categoryCode: zCapabilityCode,
  period: zPeriod,
  ...reportFigures,
  organizationId: z.uuid().optional().describe('staff filing on paper for a company; a company user files for its own'),
});
export type TCreateCapacityReportBody = z.infer<typeof ZCreateCapacityReportBody>;
export const ZReviseCapacityReportBody = z.strictObject({ version: zVersion, ...reportFigures });
export type TReviseCapacityReportBody = z.infer<typeof ZReviseCapacityReportBody>;
export const ZConfirmCapacityReportBody = z.strictObject({ version: zVersion });
export const ZReturnCapacityReportBody = z.strictObject({ version: zVersion, reason: zMultilineText(2000).describe('what the company must correct (it sees this)') });

// Gaps --------------------------------------------------------------------------------------------

export const ZGapsQuery = z.strictObject({
  period: zPeriod.describe('a year or a quarter'),
  format: z.enum(['json', 'csv', 'xlsx']).default('json'),
});
export const ZGapRow = z
  .object({
    code: z.string(),
    parentCode: z.string().nullable(),
    level: z.int(),
    nameUk: z.string(),
    nameEn: z.string(),
    unitUk: z.string(),
    unitEn: z.string(),
    need: nullableQuantity(),
    domesticOutput: quantity(),
    capacity: quantity(),
    gap: nullableQuantity().describe('need − confirmed output; negative is a surplus'),
    coveragePercent: percent().describe('confirmed output ÷ need, two decimals, rounded down'),
    importedContentPercent: percent(),
    reportingCompanies: restricted(z.int()),
    pendingReports: z.int().describe('reports filed and not yet confirmed'),
    contributingAwards: restricted(z.int()),
    outstandingPromised: quantity().describe('promised by active awards, not yet delivered'),
    forecastOutput: quantity(),
    forecastCoveragePercent: percent(),
  })
  .meta({ id: 'LocalizationGap' });
export const ZGaps = z.object({ period: z.string(), items: z.array(ZGapRow) });

export const ZGapDetailQuery = z.strictObject({ period: zPeriod });
const ZTrendPoint = z.object({ period: z.string(), need: nullableQuantity(), domesticOutput: quantity(), coveragePercent: percent(), forecastCoveragePercent: percent() });
export const ZGapDetail = z.object({
  period: z.string(),
  category: ZGapRow,
  members: z.array(
    z.object({
      organizationId: z.uuid(),
      organizationName: z.string(),
      country: z.string(),
      domesticOutput: quantity(),
      capacity: quantity(),
      importedContentPercent: percent(),
      sharePercent: percent().describe('share of the category’s confirmed output'),
    }),
  ),
  awards: z.array(
    z.object({ awardId: z.uuid(), agreementNumber: z.string(), organizationName: z.string(), status: z.enum(['active', 'completed', 'terminated']), promised: quantity(), delivered: quantity(), outstanding: quantity() }),
  ),
  trend: z.array(ZTrendPoint),
});

export const ZTrendQuery = z.strictObject({
  granularity: z.enum(['year', 'quarter']).default('year'),
  category: zCapabilityCode.optional().describe('its sub-categories; without it, the top-level categories'),
});
export const ZTrend = z.object({
  granularity: z.enum(['year', 'quarter']),
  periods: z.array(z.string()),
  series: z.array(z.object({ code: z.string(), nameUk: z.string(), nameEn: z.string(), points: z.array(ZTrendPoint) })),
});

// Public aggregates -------------------------------------------------------------------------------

const suppressedOr = <T extends z.ZodType>(schema: T) => z.union([schema, z.literal('suppressed')]);
export const ZPublicAggregateCell = z.object({
  year: z.int(),
  status: z.enum(['published', 'suppressed', 'no_reports']),
  companies: suppressedOr(z.int()).describe('companies with a confirmed report'),
  domesticOutput: suppressedOr(z.int()).nullable().describe('rounded to two significant figures'),
  capacity: suppressedOr(z.int()).nullable().describe('rounded to two significant figures'),
  importedContentPercent: suppressedOr(z.int()).nullable().describe('output-weighted, rounded to 5 %'),
  coverage: suppressedOr(z.enum(COVERAGE_BANDS)).nullable().describe('domestic output against the need, as a band; null where no need is set'),
});
export const ZPublicAggregates = z
  .object({
    title: z.string(),
    generatedAt: z.string(),
    licence: z.string(),
    method: z.object({
      minCompanies: z.literal(MIN_COMPANIES),
      dominanceLimitPercent: z.literal(DOMINANCE_LIMIT_PERCENT),
      rounding: z.string(),
      coverageBands: z.array(z.enum(COVERAGE_BANDS)),
      description: z.string(),
    }),
    years: z.array(z.int()),
    categories: z.array(
      z.object({
        code: z.string(),
        nameUk: z.string(),
        nameEn: z.string(),
        unitUk: z.string(),
        unitEn: z.string(),
        years: z.array(ZPublicAggregateCell),
        total: z.object({ domesticOutput: suppressedOr(z.int()), capacity: suppressedOr(z.int()) }),
      }),
    ),
  })
  .meta({ id: 'LocalizationPublicAggregates' });
export type TPublicAggregates = z.infer<typeof ZPublicAggregates>;
export const ZPublicAggregatesQuery = z.strictObject({ format: z.enum(['json', 'csv']).default('json') });
