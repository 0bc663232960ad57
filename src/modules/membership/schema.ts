import { z } from 'zod';
import { type SortOrder, zExportQuery, zSortQuery } from '../../core/registers.ts';
import { isCleanText, zFilterText, zPageQuery, zText } from '../../core/schemas.ts';
import { UA_REGIONS } from '../../core/ua-regions.ts';

/** The states of an application (see the machine in service.ts). */
export const MEMBERSHIP_STATUSES = ['draft', 'submitted', 'screening', 'under_review', 'approved', 'rejected', 'returned', 'member', 'suspended', 'terminated', 'withdrawn'] as const;
/** A state of an application. */
export type TMembershipStatus = (typeof MEMBERSHIP_STATUSES)[number];

/** What a caller can ask the machine to do. */
export const MEMBERSHIP_ACTIONS = ['submit', 'clear_screening', 'reject', 'return', 'approve', 'suspend', 'reinstate', 'terminate', 'withdraw'] as const;
/** An action a caller asks the machine to take. */
export type TMembershipAction = (typeof MEMBERSHIP_ACTIONS)[number];

/** States that can carry a deadline (the others are final or steady). */
export const DEADLINE_STATUSES = ['draft', 'submitted', 'screening', 'under_review', 'returned', 'approved', 'suspended'] as const;

const REGION_CODES = Object.keys(UA_REGIONS) as [keyof typeof UA_REGIONS, ...Array<keyof typeof UA_REGIONS>];

/** ISO 4217 currencies an investment may be stated in (Ukraine's and its partners'). */
export const INVESTMENT_CURRENCIES = ['UAH', 'EUR', 'USD', 'GBP', 'PLN', 'CHF', 'SEK', 'NOK', 'DKK', 'CZK', 'HUF', 'RON', 'BGN', 'CAD', 'AUD', 'JPY', 'KRW', 'TRY', 'ILS'] as const;

/** Multi-line free text of at most `max` characters (plan summaries, reasons), trimmed and NFC-normalized. */
export function zMultilineText(max: number) {
  return z
    .string()
    .max(max * 4)
    .refine(isCleanText, 'must not contain control characters or unpaired surrogates')
    .transform((v) => v.normalize('NFC').trim())
    .pipe(z.string().min(1, 'must not be empty').max(max));
}

const zUnique = <T extends z.ZodType>(item: T, max: number) =>
  z
    .array(item)
    .max(max)
    .refine((values) => new Set(values as unknown[]).size === values.length, 'must not repeat');

const zCapabilityCode = z.string().regex(/^[a-z][a-z0-9_.]{1,63}$/, 'must be a capability category code such as uav.fpv');

// Years outside this range are typing errors, and PostgreSQL would refuse some of them.
const zPlanDate = z.iso
  .date('must be a date as YYYY-MM-DD')
  .refine((v) => Number(v.slice(0, 4)) >= 2000 && Number(v.slice(0, 4)) <= 2100, 'must be between 2000 and 2100');

/** The localization plan; every field optional (a draft is filled in over time), null clears one. */
const planFields = {
  localPartnerOrganizationId: z.uuid('must be a UUID').nullable().optional().describe('a Ukrainian partner organization from the registry'),
  siteOblast: z.enum(REGION_CODES).nullable().optional().describe('production site region, ISO 3166-2:UA (UA-32 = Kyiv Oblast)'),
  siteCity: zText(200).nullable().optional(),
  investmentMinor: z.int().min(0).nullable().optional().describe('planned investment in minor units (kopiykas, cents) of investmentCurrency'),
  investmentCurrency: z.enum(INVESTMENT_CURRENCIES).nullable().optional(),
  jobs: z.int().min(0).max(10_000_000).nullable().optional().describe('jobs the plan creates in Ukraine'),
  capabilities: zUnique(zCapabilityCode, 50).optional().describe('capability category codes'),
  plannedStart: zPlanDate.nullable().optional(),
  planSummary: zMultilineText(5000).nullable().optional(),
  documentIds: zUnique(z.uuid('must be a UUID'), 50).optional().describe("ids of the organization's uploaded documents"),
};
type PlanFields = { [K in keyof typeof planFields]: z.infer<(typeof planFields)[K]> };
/** The localization plan fields of a create or update request. */
export type TPlanInput = PlanFields;

/** Body of a new application (a draft). */
export const ZCreateApplicationBody = z.strictObject({
  organizationId: z.uuid('must be a UUID').optional().describe('staff filing for a company; company users apply for their own organization'),
  ...planFields,
});
/** A validated new-application body. */
export type TCreateApplication = z.infer<typeof ZCreateApplicationBody>;

/** Body of a plan change, with the version it was read at. */
export const ZUpdateApplicationBody = z.strictObject({
  version: z.int().min(1).describe('the version you read; a different current version is a 409'),
  ...planFields,
});
/** A validated plan change. */
export type TUpdateApplication = z.infer<typeof ZUpdateApplicationBody>;

/** Body of a workflow action. */
export const ZTransitionBody = z.strictObject({
  action: z.enum(MEMBERSHIP_ACTIONS),
  reason: zMultilineText(5000).optional().describe('required to reject, return, suspend or terminate; the company sees it'),
  version: z.int().min(1).describe('the version you read; a different current version is a 409'),
});
/** A validated workflow action. */
export type TTransition = z.infer<typeof ZTransitionBody>;

/** How the application is screened, stated on every answer. */
export const ZScreening = z.object({ mode: z.enum(['manual', 'automatic']), note: z.string() });

/** An application as the API shows it (plan figures are sensitive: never public). */
export const ZApplication = z
  .object({
    id: z.uuid(),
    organizationId: z.uuid(),
    organizationName: z.string(),
    status: z.enum(MEMBERSHIP_STATUSES),
    localPartnerOrganizationId: z.uuid().nullable(),
    siteOblast: z.string().nullable().describe('sensitive'),
    siteCity: z.string().nullable().describe('sensitive'),
    investmentMinor: z.int().nullable().describe('sensitive; minor units of investmentCurrency'),
    investmentCurrency: z.string().nullable(),
    jobs: z.int().nullable().describe('sensitive'),
    capabilities: z.array(z.string()),
    plannedStart: z.string().nullable(),
    planSummary: z.string().nullable().describe('sensitive'),
    documentIds: z.array(z.uuid()),
    decisionReason: z.string().nullable().describe('the reason given with the last decision'),
    screening: ZScreening,
    statusChangedAt: z.iso.datetime(),
    dueAt: z.iso.datetime().nullable(),
    overdue: z.boolean(),
    submittedAt: z.iso.datetime().nullable(),
    memberSince: z.iso.datetime().nullable(),
    version: z.int(),
    createdAt: z.iso.datetime(),
    updatedAt: z.iso.datetime(),
    allowedActions: z.array(z.enum(MEMBERSHIP_ACTIONS)).describe('what you may do now'),
  })
  .meta({ id: 'MembershipApplication' });
/** An application as the API answers it. */
export type TApplication = z.infer<typeof ZApplication>;

/** One step of an application's history. */
export const ZTransitionRecord = z.object({
  id: z.uuid(),
  from: z.enum(MEMBERSHIP_STATUSES).nullable(),
  to: z.enum(MEMBERSHIP_STATUSES),
  actorId: z.uuid().nullable(),
  actorLabel: z.string().describe("who: staff see the user; a company sees its own users, 'ADI staff' and 'system'"),
  reason: z.string().nullable(),
  occurredAt: z.iso.datetime(),
});

/** An application with its history. */
export const ZApplicationDetail = ZApplication.extend({ transitions: z.array(ZTransitionRecord) }).meta({ id: 'MembershipApplicationDetail' });

/** A page of applications with the total. */
export const ZApplicationList = z.object({
  items: z.array(ZApplication),
  total: z.int(),
  limit: z.int(),
  offset: z.int(),
});

const zBooleanQuery = z.enum(['true', 'false']).transform((v) => v === 'true');

/** Filters and page of the work queue. */
export const ZApplicationListQuery = z.strictObject({
  status: z.enum(MEMBERSHIP_STATUSES).optional(),
  overdue: zBooleanQuery.optional().describe('true: only those past their deadline; false: only those that are not'),
  q: zFilterText(200).describe('part of the organization name (any of its names)'),
  organizationId: z.uuid('must be a UUID').optional(),
  ...zPageQuery,
});
/** Validated work-queue filters. */
export type TApplicationListQuery = z.infer<typeof ZApplicationListQuery>;

const zDays = z.int().min(1).max(365);

/** Days allowed per state (null: no deadline). */
export const ZDeadlines = z.object({
  items: z.array(z.object({ status: z.enum(DEADLINE_STATUSES), days: zDays.nullable() })),
});

/** Body of a deadline change. */
export const ZPutDeadlinesBody = z.strictObject({
  deadlines: z
    .strictObject(Object.fromEntries(DEADLINE_STATUSES.map((status) => [status, zDays.nullable().optional()])) as Record<(typeof DEADLINE_STATUSES)[number], z.ZodOptional<z.ZodNullable<typeof zDays>>>)
    .describe('days an application may stay in each state; null removes the deadline; states not named stay as they are'),
});
/** A validated deadline change. */
export type TPutDeadlines = z.infer<typeof ZPutDeadlinesBody>;

/** A capability category with its names. */
export const ZCapabilityRef = z.object({ code: z.string(), nameUk: z.string(), nameEn: z.string() });

/** A member as the public register shows it: public fields only. */
export const ZPublicMember = z
  .object({
    name: z.string(),
    nameUk: z.string().nullable(),
    country: z.string(),
    capabilities: z.array(ZCapabilityRef),
    memberSince: z.iso.datetime(),
  })
  .meta({ id: 'PublicMember' });
/** A public register entry. */
export type TPublicMember = z.infer<typeof ZPublicMember>;

/** The columns the public register sorts by. */
export const MEMBER_SORTS = ['name', 'country', 'member_since'] as const;
/** A column of the public register to sort by. */
export type TMemberSort = (typeof MEMBER_SORTS)[number];
/** Each column's direction when the query names none: names and countries A→Z, the newest members first. */
export const MEMBER_SORT_NATURAL: Record<TMemberSort, SortOrder> = { name: 'asc', country: 'asc', member_since: 'desc' };

/** Filters, sort, page and format of the public register. */
export const ZPublicMemberQuery = z.strictObject({
  q: zFilterText(200).describe('part of the member name (any of its names)'),
  country: z
    .string()
    .regex(/^[A-Za-z]{2}$/, 'must be an ISO 3166-1 alpha-2 country code such as UA')
    .transform((v) => v.toUpperCase())
    .optional(),
  capability: zCapabilityCode.optional().describe('a capability category code; its sub-categories match too'),
  ...zSortQuery(MEMBER_SORTS, 'name', MEMBER_SORT_NATURAL),
  ...zPageQuery,
  ...zExportQuery,
});
/** Validated public register filters. */
export type TPublicMemberQuery = z.infer<typeof ZPublicMemberQuery>;

/** A page of the public register with the total. */
export const ZPublicMemberList = z.object({
  items: z.array(ZPublicMember),
  total: z.int(),
  limit: z.int(),
  offset: z.int(),
});
